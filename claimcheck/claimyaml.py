"""Strict YAML for claim files: the node tree, refusing what claim files do not allow.

YAML allows aliases (and with them "billion laughs" bombs), arbitrary tags (!!python/object),
duplicate keys (where the last one silently wins) and unbounded nesting; a claim file allows
none of them, and each is refused at its line and column before anything else is read.
"""
from __future__ import annotations

from pathlib import Path

import yaml
from yaml.events import (AliasEvent, MappingEndEvent, MappingStartEvent,
                         ScalarEvent, SequenceEndEvent, SequenceStartEvent, StreamEndEvent)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import ClaimFileError
from .model import Location

MAX_DEPTH = 50
"""Deepest nesting of lists and mappings accepted (a real claim file needs 5)."""
MAX_NODES = 200_000
"""Most YAML values (scalars, lists, mappings) in one file: about 10,000 claims. Each node
costs a few hundred bytes, so this bounds memory where MAX_BYTES alone would not
(``[a,a,a,…]`` in 10 MB is five million nodes)."""
CORE = "tag:yaml.org,2002:"
# Explicit tags a claim file may carry ("!" is YAML's "plain string"). Everything else,
# !!python/object first, is refused: claim files describe text, never objects.
_ALLOWED_TAGS = {None, "!", *(CORE + name for name in ("str", "int", "float", "bool", "null", "seq", "map"))}


# -- YAML: events → nodes, refusing aliases, tags, duplicate keys, deep nesting --

class _Refused(Exception):
    """Something YAML allows and claim files do not; converted to a ClaimFileError."""

    def __init__(self, message: str, mark: yaml.Mark) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark


class _StrictComposer:
    """Builds the node tree from parser events, like PyYAML's Composer, but refuses aliases
    (which also defeats "billion laughs" bombs), tags other than the core ones, duplicate
    keys and nesting deeper than MAX_DEPTH before reading further. Works over either parser:
    it only needs ``check_event``/``peek_event``/``get_event`` and ``resolve``."""

    nodes = 0

    def compose_single(self) -> Node | None:
        self.get_event()  # StreamStartEvent
        if self.check_event(StreamEndEvent):
            return None
        self.get_event()  # DocumentStartEvent
        node = self.compose_strict(1)
        self.get_event()  # DocumentEndEvent
        if not self.check_event(StreamEndEvent):
            raise _Refused("a claim file holds one YAML document; found a second one here "
                           "(remove the '---' or split the file)", self.peek_event().start_mark)
        return node

    def compose_strict(self, depth: int) -> Node:
        if self.check_event(AliasEvent):
            event = self.get_event()
            raise _Refused(f"YAML aliases (*{event.anchor}) are not allowed in claim files; "
                           "write the value out", event.start_mark)
        event = self.peek_event()
        if depth > MAX_DEPTH:
            raise _Refused(f"nesting deeper than {MAX_DEPTH} levels is not allowed", event.start_mark)
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Refused(f"more than {MAX_NODES} YAML values in one file; split it into "
                           "several files", event.start_mark)
        if event.tag not in _ALLOWED_TAGS:
            tag = event.tag.replace(CORE, "!!", 1) if event.tag.startswith(CORE) else event.tag
            raise _Refused(f"YAML tag '{tag}' is not allowed in claim files", event.start_mark)
        if self.check_event(ScalarEvent):
            event = self.get_event()
            tag = event.tag
            if tag is None or tag == "!":
                tag = self.resolve(ScalarNode, event.value, event.implicit)
            return ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
        if self.check_event(SequenceStartEvent):
            start = self.get_event()
            node = SequenceNode(CORE + "seq", [], start.start_mark, None,
                                flow_style=start.flow_style)
            while not self.check_event(SequenceEndEvent):
                node.value.append(self.compose_strict(depth + 1))
            node.end_mark = self.get_event().end_mark
            return node
        assert self.check_event(MappingStartEvent)
        start = self.get_event()
        node = MappingNode(CORE + "map", [], start.start_mark, None, flow_style=start.flow_style)
        first_line: dict[str, int] = {}
        while not self.check_event(MappingEndEvent):
            key = self.compose_strict(depth + 1)
            if not isinstance(key, ScalarNode):
                raise _Refused("mapping keys must be plain text, not a list or a mapping",
                               key.start_mark)
            line = key.start_mark.line + 1
            if key.value in first_line:
                raise _Refused(f"duplicate key '{key.value}' on lines {first_line[key.value]} and "
                               f"{line} (YAML would keep only the last one)", key.start_mark)
            first_line[key.value] = line
            node.value.append((key, self.compose_strict(depth + 1)))
        node.end_mark = self.get_event().end_mark
        return node


class _PyLoader(_StrictComposer, yaml.SafeLoader):
    """PyYAML's safe loader with the strict composer."""


if getattr(yaml, "__with_libyaml__", False):
    class _CLoader(_StrictComposer, yaml.CSafeLoader):
        """libyaml's parser (fast on large files) with the same strict composer."""

    _Loader: type = _CLoader
else:  # pragma: no cover - PyYAML built without libyaml
    _Loader = _PyLoader


def compose(path: Path, text: str, loader: type | None = None) -> Node | None:
    """The node tree of a claim file's text, by the strict rules; ClaimFileError if refused."""
    parser = (loader or _Loader)(text)
    try:
        return parser.compose_single()
    except _Refused as err:
        raise ClaimFileError(err.message, mark_location(path, err.mark)) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        if "nesting depth" in str(err.problem):  # PyYAML >= 6.0.4 stops deep nesting itself
            raise ClaimFileError(f"nesting deeper than {MAX_DEPTH} levels is not allowed",
                                 mark_location(path, mark)) from None
        message = f"invalid YAML: {err.problem or err.context}"
        if err.context and err.problem and err.context_mark is not None:
            message += f" ({err.context} at line {err.context_mark.line + 1})"
        if mark is not None:
            if _char_at(text, mark.line, mark.column) == "\t":
                message += "; indent with spaces, not tabs"
            message += "\n" + _snippet(text, mark.line, mark.column)
        raise ClaimFileError(message, mark_location(path, mark)) from None
    except yaml.YAMLError as err:
        raise ClaimFileError(f"invalid YAML: {err}", Location(path=path)) from None
    finally:
        parser.dispose()


def mark_location(path: Path, mark: yaml.Mark | None) -> Location:
    if mark is None:
        return Location(path=path)
    return Location(path=path, line=mark.line + 1, column=mark.column + 1)


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n", line + 1)
    return lines[line][column:column + 1] if line < len(lines) else ""


def _snippet(text: str, line: int, column: int, width: int = 76) -> str:
    """The offending line and a caret under the column, cut around it when long."""
    lines = text.split("\n")
    source = lines[line].rstrip("\r") if line < len(lines) else ""
    start = max(0, column - width // 2) if len(source) > width else 0
    shown = source[start:start + width]
    # Keep tabs so the caret lines up under them in a terminal.
    pad = "".join("\t" if ch == "\t" else " " for ch in shown[:column - start])
    return f"    {shown}\n    {pad}^"
