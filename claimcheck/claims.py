"""Stage 1 of 4: read claim files strictly into Claim objects; errors at file:line:col."""
from __future__ import annotations

import dataclasses
import decimal
import difflib
import math
import re
import warnings
from pathlib import Path
from typing import Mapping, NoReturn, Sequence

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .claimyaml import CORE as _CORE, compose as _compose, mark_location as _mark_location
from .claimfiles import (MAX_BYTES, claim_files_under, is_claim_file,  # noqa: F401 (re-exported)
                         read_claim_text)
from .config import Config, normalise_lang
from .errors import ClaimcheckWarning, ClaimFileError, ClaimValueError, PluginError, UsageError
from .matchers import Agreement, Matcher
from .inference import SentenceReading, read_sentence, slug, states, values_in
from .langguess import english_words, guess_lang
from .model import Claim, Expected, Inferred, Location, Verdict
from .outcome import EXPECTABLE
from .relations import Lexicon, builtin
from .words import TOKEN

FILE_KEYS = ("lang", "sources", "entities", "claims")
CLAIM_KEYS = ("id", "claim", "lang", "about", "cues", "expect", "tags", "verdict")
_LANG = re.compile(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*")

# -- Finding claim files ------------------------------------------------------

def collect(paths: Sequence[Path], *, config: Config, matchers: Mapping[str, Matcher],
            lexicon: Lexicon | None = None) -> list[Claim]:
    """Every claim in ``paths``, in order: files as named, folders searched recursively.

    A folder contributes its claim files (see :func:`is_claim_file`) in sorted order,
    skipping hidden folders and the usual build folders, following links to folders. A
    file named explicitly must be a claim file. A file reached twice is read once.

    :raises UsageError: a path that does not exist.
    :raises ClaimFileError: the first broken claim file.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(claim_files_under(path))
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            raise UsageError(f"file or folder not found: {path}")
    seen: set[Path] = set()
    claims: list[Claim] = []
    for file in files:
        key = file.resolve()
        if key not in seen:
            seen.add(key)
            claims.extend(load(file, config=config, matchers=matchers, lexicon=lexicon))
    return claims


# -- Reading one file ---------------------------------------------------------

def load(path: Path, *, config: Config, matchers: Mapping[str, Matcher],
         lexicon: Lexicon | None = None) -> list[Claim]:
    """Read one claim file into Claim objects, refusing anything the schema does not allow.

    :param path: the file; kept as given in every Location (relative stays relative).
    :param config: gives the default ``lang``, the project root and ``allow_outside_root``.
    :param matchers: kind → matcher, for the keys under ``expect:`` and their values.
    :param lexicon: the run's relation lexicon, which reads the cues of a claim that gives
        none (default: the built-in one).
    :raises UsageError: the file does not exist.
    :raises ClaimFileError: anything else wrong with it, located at file:line:col.
    """
    text = read_claim_text(path)
    root = _compose(path, text)
    return _Reader(path, config, matchers, text, lexicon).file(root)


# -- The schema ---------------------------------------------------------------

class _Reader:
    """Turns one file's node tree into Claims; every check raises at the offending node."""

    def __init__(self, path: Path, config: Config, matchers: Mapping[str, Matcher],
                 text: str, lexicon: Lexicon | None) -> None:
        self.path = path
        self._lexicon = lexicon
        self.taken: set[str] = set()
        self.lines = text.split("\n")
        self.config = config
        self.matchers = matchers

    @property
    def lexicon(self) -> Lexicon:
        """The run's lexicon; the built-in one is read only when a claim needs its cues read."""
        if self._lexicon is None:
            self._lexicon = Lexicon(builtin())
        return self._lexicon

    def fail(self, message: str, node: Node | None = None) -> NoReturn:
        raise ClaimFileError(message, self.at(node) if node is not None else Location(path=self.path))

    def at(self, node: Node) -> Location:
        return _mark_location(self.path, node.start_mark)

    # File level

    def file(self, root: Node | None) -> list[Claim]:
        if root is None or (isinstance(root, ScalarNode) and _is_null(root)):
            self.fail("empty file: a claim file needs a top-level 'claims:' list")
        if not isinstance(root, MappingNode):
            self.fail(f"a claim file must be a mapping with a 'claims:' key, not {_describe(root)}",
                      root)
        fields = self.mapping(root, FILE_KEYS)
        if "claims" not in fields:
            self.fail("no 'claims:' key: a claim file needs a top-level 'claims:' list", root)
        lang = self.lang(fields["lang"][1]) if "lang" in fields else self.config.lang
        sources = self.sources(fields["sources"][1]) if "sources" in fields else ()
        entities = self.entities(fields["entities"][1]) if "entities" in fields else {}
        items = fields["claims"][1]
        if not isinstance(items, SequenceNode):
            self.fail(f"'claims' must be a list of claims, not {_describe(items)}", items)
        claims: list[Claim] = []
        first_line: dict[str, int] = {}
        for item in items.value:
            claim = self.claim(item, lang=lang, sources=sources, entities=entities)
            if claim.id in first_line:
                self.fail(f"duplicate claim id '{claim.id}' (first used on line "
                          f"{first_line[claim.id]})", self.mapping(item, CLAIM_KEYS)["id"][1])
            first_line[claim.id] = claim.location.line
            self.taken.add(claim.id)
            claims.append(claim)
        return claims

    def mapping(self, node: MappingNode,
                allowed: Sequence[str]) -> dict[str, tuple[ScalarNode, Node]]:
        """The mapping's entries by key, refusing keys not in ``allowed``."""
        fields = {}
        for key, value in node.value:
            if key.value not in allowed:
                self.fail(f"unknown key '{key.value}' ({_hint(key.value, allowed, 'valid keys')})", key)
            fields[key.value] = (key, value)
        return fields

    def lang(self, node: Node) -> str:
        code = self.text(node, "lang")
        if not _LANG.fullmatch(code):
            self.fail(f"'lang' must be a language code such as fr or en, not '{code}'", node)
        try:
            return normalise_lang(code)  # EN, fr-FR → en, fr
        except ValueError as err:
            self.fail(f"'lang': {err}; write lang: fr or lang: en", node)

    def sources(self, node: Node) -> tuple[Path, ...]:
        """Corpus paths relative to this file, resolved, confined to the project root.

        Nothing is read here: a path is only resolved (symlinks included, so a link
        cannot leave the root either)."""
        root = self.config.rootdir.resolve()
        resolved = []
        for item, written in self.strings(node, "sources"):
            target = Path(written)
            full = (self.path.parent / target).resolve()
            if not self.config.allow_outside_root:
                if not full.is_relative_to(root):
                    self.fail(f"sources path '{written}' is outside the project root {root}; "
                              "pass --allow-outside-root to allow it", item)
                if target.is_absolute():
                    self.fail(f"sources path '{written}' is absolute; write it relative to this "
                              "file so the project can move", item)
            resolved.append(full)
        return tuple(resolved)

    def entities(self, node: Node) -> dict[str, tuple[str, ...]]:
        """Glossary: name → aliases (the name itself not repeated)."""
        if not isinstance(node, MappingNode):
            self.fail("'entities' must be a mapping of names to lists of aliases, "
                      f"not {_describe(node)}", node)
        glossary = {}
        for key, value in node.value:
            name = self.text(key, "entities")
            if isinstance(value, ScalarNode) and _is_null(value):
                aliases: list[str] = []  # "Anthropic:" with nothing after it: no aliases
            else:
                aliases = [a for _, a in self.strings(value, f"entities: {name}")]
            glossary[name] = tuple(dict.fromkeys(a for a in aliases if a != name))
        return glossary

    # Claim level

    def claim(self, node: Node, *, lang: str | None, sources: tuple[Path, ...],
              entities: Mapping[str, tuple[str, ...]]) -> Claim:
        if isinstance(node, ScalarNode) and not _is_null(node):
            fields = {"claim": (node, node)}  # a bare sentence: every field is read from it
        elif isinstance(node, MappingNode):
            fields = self.mapping(node, CLAIM_KEYS)
        else:
            self.fail(f"each claim must be a sentence or a mapping with claim, id…, not {_describe(node)}",
                      node)
        if "claim" not in fields:
            named = f"claim '{fields['id'][1].value}'" if "id" in fields and isinstance(fields["id"][1], ScalarNode) \
                and not _is_null(fields["id"][1]) else "this claim"
            self.fail(f"{named} has no 'claim': write the claim sentence", node)
        text = self.text(fields["claim"][1], "claim")
        claim_id = self.claim_id(fields["id"][1]) if "id" in fields else slug(text, self.taken)
        claim_lang = self.lang(fields["lang"][1]) if "lang" in fields else lang or guess_lang(text)
        guessed = (Inferred(field="lang", rule="claim-language"),) if "lang" not in fields and not lang else ()
        if claim_lang == "fr" and ("lang" in fields or lang):
            self.warn_if_english(claim_id, text, fields["claim"][1])
        tags = tuple(t for _, t in self.strings(fields["tags"][1], "tags")) if "tags" in fields else ()
        expected = self.verdict(fields["verdict"][1]) if "verdict" in fields else None
        claim = Claim(id=claim_id, text=text, lang=claim_lang, about=(), cues=(), expect=(), tags=tags,
                      sources=sources, expected=expected, inferred=guessed, location=self.at(node))
        try:
            return self.content(claim, fields, node, entities)
        except ClaimValueError as err:
            # What one claim says is wrong, not its file: the claim is an error, the others run.
            return dataclasses.replace(claim, problem=str(err))

    def content(self, claim: Claim, fields: Mapping, node: Node, entities: Mapping[str, tuple[str, ...]]) -> Claim:
        """The claim's entities, cues and values, written or read from its sentence.

        :raises ClaimValueError: a value its matcher cannot read, a sentence that states none.
        :raises ClaimFileError: a field the schema does not allow.
        """
        text, claim_id, claim_lang = claim.text, claim.id, claim.lang
        cues = self.cues(fields["cues"][1]) if "cues" in fields else None
        about = tuple(self.words(item, written, "about") for item, written in
                      self.strings(fields["about"][1], "about")) if "about" in fields else None
        expect = self.expect(fields["expect"][1], claim_lang, text) if "expect" in fields else None
        if expect is not None:
            self.agree(claim_id, expect, text, claim_lang)
        inferred, places = claim.inferred, {}
        if cues is None or about is None or expect is None:
            reading = read_sentence(text, claim_lang, matchers=self.matchers, lexicon=self.lexicon,
                                    glossary=entities, location=self.at(fields["claim"][1]),
                                    given_cues=cues or (), read_values=expect is None)
            self.check_reading(claim_id, reading, fields, node)
            cues, about, expect = cues or reading.cues, reading.about if about is None else about, \
                reading.expect if expect is None else expect
            inferred += tuple(r for r in reading.rules if r.field not in fields)
            places = {group[0]: group for group in reading.aliases if "about" not in fields}
        groups = tuple((name, *entities[name]) if name in entities else
                       places.get(name) or self.lexicon.places.aliases(name, claim_lang) or (name,) for name in about)
        others = tuple((name, *aliases) for name, aliases in entities.items() if name not in about)
        return dataclasses.replace(claim, about=groups, cues=cues, expect=expect, others=others, inferred=inferred)

    def check_reading(self, claim_id: str, reading: SentenceReading, fields: Mapping, node: Node) -> None:
        """A field left out that the sentence does not give is an error, never a silent absent."""
        named = f"claim '{claim_id}': its sentence"
        if "expect" not in fields and not reading.expect:
            raise ClaimValueError(f"{named} states no value claimcheck reads ({', '.join(sorted(self.matchers))}): "
                                  "write one in the sentence, or add expect: {kind: value}", self.at(fields["claim"][1]))
        if "cues" not in fields and not reading.cues:
            raise ClaimValueError(f"{named} names no relation claimcheck knows: add cues: [...], the words "
                                  "that name it (e.g. cues: [invest*])", self.at(node))
        if "about" not in fields and not reading.about and not {"cues", "expect"} & set(fields):
            # Not an error: a claim on no entity is checked against every article, never a
            # silent absent; the warning says how to make that choice explicit.
            warnings.warn(ClaimcheckWarning(
                f"{self.at(node)}: {named} names no entity, so every article is searched: add "
                "about: [Name], or about: [] to say it is on no entity"), stacklevel=2)

    def cues(self, node: Node) -> tuple[str, ...]:
        if _is_null(node) or (isinstance(node, SequenceNode) and not node.value):
            self.fail("'cues' must not be empty: list the words that name the relation "
                      "(without cues no passage can ever be relevant)", node)
        return tuple(self.words(item, text, "cues") for item, text in self.strings(node, "cues"))

    def agree(self, claim_id: str, expect: Sequence[Expected], text: str, lang: str) -> None:
        """``expect`` must say what the sentence says: a claim whose sentence reads "9 milliards"
        and whose expect reads "2,5 milliards" checks neither."""
        said = values_in(text, lang, self.matchers)
        for facet in expect:
            matcher = self.matchers[facet.kind]
            stated = [m for m in said if m.kind == facet.kind]
            try:
                agreements = {states(matcher, facet, m) for m in stated}
            except Exception:  # noqa: BLE001 - a matcher's bug is reported when its claim is judged
                continue
            if stated and agreements == {Agreement.MISMATCH}:
                message = (f"claim '{claim_id}': its sentence says {' and '.join(repr(m.text) for m in stated)} "
                           f"but expect says {facet.kind}: '{facet.text}'; make them agree")
                if self.config.getoption("expect_mismatch") == "warn":
                    warnings.warn(ClaimcheckWarning(f"{facet.location}: {message}"), stacklevel=2)
                else:
                    raise ClaimValueError(f"{message} (or pass --expect-mismatch=warn)", facet.location)

    def verdict(self, node: Node) -> Verdict:
        """The declared verdict: one the engine can give and a claim can pass with."""
        words = [v.value for v in EXPECTABLE]
        word = self.text(node, "verdict")
        if word == Verdict.ERROR.value:
            self.fail("'verdict' cannot be 'error': a claim that cannot be checked always "
                      f"fails; write one of {', '.join(words)}", node)
        if word not in words:
            close = difflib.get_close_matches(word.lower(), words, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            self.fail(f"'verdict' must be one of {', '.join(words)}, not '{word}'{hint}", node)
        return Verdict(word)

    def words(self, node: Node, text: str, field: str) -> str:
        """A cue or entity: words are matched, so one without a letter or digit ("(",
        ".*") could never match, and '*' only makes the last word a prefix."""
        if not TOKEN.search(text):
            self.fail(f"'{field}' item '{text}' has no letter or digit, so it can never match: "
                      f"{field} are words, not patterns", node)
        if field == "cues" and "*" in text.rstrip().rstrip("*"):
            self.fail(f"'cues' item '{text}': '*' may only end a cue (invest* matches invest, "
                      "investit, investment…)", node)
        return text

    def warn_if_english(self, claim_id: str, text: str, node: Node) -> None:
        english = english_words(text)
        if english:
            warnings.warn(ClaimcheckWarning(
                f"{self.at(node)}: claim '{claim_id}' reads as English ({', '.join(english[:4])}) "
                "but its lang is fr, so its values are read as French ('billion' = 10^12): "
                "add lang: en to the claim or the file"), stacklevel=2)

    def claim_id(self, node: Node) -> str:
        if isinstance(node, ScalarNode) and node.tag in (
                _CORE + "int", _CORE + "float", _CORE + "bool"):
            self.fail(f"'id' must be a string, not {_describe(node)}: quote it (id: \"{node.value}\")",
                      node)
        claim_id = self.text(node, "id")
        if "::" in claim_id or any(ch in claim_id for ch in "\r\n"):
            self.fail(f"'id' may not contain '::' or line breaks: '{claim_id}'", node)
        return claim_id

    def expect(self, node: Node, lang: str, sentence: str) -> tuple[Expected, ...]:
        if not isinstance(node, MappingNode):
            self.fail(f"'expect' must be a mapping of kinds to values (expect: {{amount: 1 milliard "
                      f"de dollars}}), not {_describe(node)}", node)
        facets = []
        for key, value in self.decimal_commas(node):
            kind = key.value
            matcher = self.matchers.get(kind)
            if matcher is None:
                available = ", ".join(sorted(self.matchers)) or "none"
                close = difflib.get_close_matches(kind, list(self.matchers), n=1)
                if close:
                    self.fail(f"no matcher for '{kind}' (available: {available}; "
                              f"did you mean '{close[0]}'?)", key)
                self.fail(f"no matcher for '{kind}' (available: {available}); "
                          "is the plugin that provides it installed?", key)
            facets.append(self.facet(kind, matcher, value, lang, sentence))
        return tuple(facets)

    def decimal_commas(self, node: MappingNode) -> list[tuple[ScalarNode, Node]]:
        """The entries of a flow mapping, with French decimal commas put back.

        In ``{amount: 1,5 milliard de dollars}`` YAML ends the value at the comma and reads
        "5 milliard de dollars" as a key without a value. Such a key is always an error under
        ``expect:``, so rejoining it to the value before it changes no valid file; it is only
        done when the comma sits between two digits, and a warning asks for quotes.
        """
        entries: list[tuple[ScalarNode, Node]] = []
        for key, value in node.value:
            if entries and node.flow_style and self.cut_at_comma(entries[-1][1], key, value):
                before = entries[-1][1]
                merged = ScalarNode(_CORE + "str", f"{before.value},{key.value}",
                                    before.start_mark, key.end_mark, style=before.style)
                warnings.warn(ClaimcheckWarning(
                    f"{self.at(before)}: read '{merged.value}' as one value; quote it "
                    f"(\"{merged.value}\"): in {{...}} YAML splits values at commas"), stacklevel=2)
                entries[-1] = (entries[-1][0], merged)
            else:
                entries.append((key, value))
        return entries

    def cut_at_comma(self, before: Node, key: ScalarNode, value: Node) -> bool:
        """Is ``key`` (with no value) the rest of ``before``, cut at a comma between digits?"""
        if not (isinstance(before, ScalarNode) and before.style in (None, "") and key.style in (None, "")
                and _is_null(value) and value.value == "" and key.value[:1].isdigit()
                and before.value[-1:].isdigit()):
            return False
        end, start = before.end_mark, key.start_mark
        line = self.lines[end.line] if end.line < len(self.lines) else ""
        return (end.line == start.line and start.column == end.column + 1
                and line[end.column:end.column + 1] == ",")

    def completed(self, kind: str, text: str, sentence: str, lang: str) -> str:
        """The value of ``kind`` in the claim sentence that holds ``text``, else ``text``."""
        said = [m.text for m in values_in(sentence, lang, {kind: self.matchers[kind]}) if text in m.text]
        return said[0] if len(said) == 1 else text

    def facet(self, kind: str, matcher: Matcher, node: Node, lang: str, sentence: str) -> Expected:
        options: dict[str, object] = {}
        value_node = node
        if isinstance(node, MappingNode):
            allowed = ("value", *sorted(matcher.options))
            value_node = None
            for key, value in node.value:
                if key.value == "value":
                    value_node = value
                elif key.value in matcher.options:
                    options[key.value] = self.option(key.value, value)
                else:
                    self.fail(f"unknown option '{key.value}' for '{kind}' "
                              f"({_hint(key.value, allowed, 'allowed')})", key)
            if value_node is None:
                self.fail(f"'{kind}' in the mapping form needs a 'value' "
                          f"({{value: ..., {', '.join(allowed[1:]) or 'options'}: ...}})", node)
        elif not isinstance(node, ScalarNode):
            self.fail(f"'{kind}' must be a value or a mapping {{value: ...}}, not {_describe(node)}",
                      node)
        text = self.text(value_node, f"expect: {kind}")
        try:
            try:
                value = matcher.parse(text, lang=lang, options=options)
            except ValueError:
                # "23,000" for a count, when the sentence says "23,000 people": the
                # sentence completes the value (``claim-completes-value``).
                text = self.completed(kind, text, sentence, lang)
                value = matcher.parse(text, lang=lang, options=options)
        except ValueError as err:
            raise ClaimValueError(str(err), self.at(value_node)) from None
        except Exception as err:  # a matcher bug: name the plugin, keep the location
            raise PluginError(f"matcher '{kind}' raised {type(err).__name__} reading "
                              f"'{text}': {err}", plugin=kind, location=self.at(value_node)) from err
        return Expected(kind=kind, text=text, value=value, options=options,
                        location=self.at(value_node))

    def option(self, name: str, node: Node) -> object:
        """A matcher option as Python data; a number must be finite (``.nan``, ``.inf`` and
        ``1e309`` would make every comparison fail, or every one succeed)."""
        value = _plain(node)
        if isinstance(value, float) and not math.isfinite(value):
            self.fail(f"option '{name}' must be a finite number, not {node.value}", node)
        if name == "tolerance" and _too_wide(value):
            self.fail(f"option 'tolerance' must be a finite number no larger than {MAX_TOLERANCE}, "
                      f"not {node.value} (a tolerance that wide accepts any value)", node)
        return value

    # Values

    def text(self, node: Node, field: str) -> str:
        """A scalar's text as written, stripped; numbers count as text (``date: 2019``)."""
        if not isinstance(node, ScalarNode):
            self.fail(f"'{field}' must be a string, not {_describe(node)}", node)
        if _is_null(node) or not node.value.strip():
            self.fail(f"'{field}' is empty", node)
        return node.value.strip()

    def strings(self, node: Node, field: str) -> list[tuple[Node, str]]:
        """A list of non-empty strings, each with its node."""
        if isinstance(node, ScalarNode) and _is_null(node):
            self.fail(f"'{field}' is empty; write {field}: [] for none", node)
        if not isinstance(node, SequenceNode):
            hint = f"; write {field}: [{node.value.strip()}]" \
                if isinstance(node, ScalarNode) and not _is_null(node) and ":" not in field else ""
            self.fail(f"'{field}' must be a list of strings, not {_describe(node)}{hint}", node)
        items = []
        for item in node.value:
            if not isinstance(item, ScalarNode) or _is_null(item) or not item.value.strip():
                what = "empty" if isinstance(item, ScalarNode) else _describe(item)
                self.fail(f"'{field}' must be a list of strings; this item is {what}", item)
            items.append((item, item.value.strip()))
        return items


MAX_TOLERANCE = 100
"""The widest tolerance accepted: 100 points, or 100 times the value (``1e309`` is read by
YAML as text, which a matcher would take as an infinite tolerance)."""


def _too_wide(value: object) -> bool:
    text = str(value).strip().rstrip("%").strip().replace(",", ".")
    try:
        number = decimal.Decimal(text)
    except (decimal.InvalidOperation, ValueError):
        return False  # not a number: the matcher's own message says what to write
    return not number.is_finite() or abs(number) > MAX_TOLERANCE


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == _CORE + "null"


def _describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return {_CORE + "null": "empty", _CORE + "int": "a number", _CORE + "float": "a number",
            _CORE + "bool": "a boolean"}.get(node.tag, "a string")


def _hint(word: str, valid: Sequence[str], label: str) -> str:
    close = difflib.get_close_matches(word, valid, n=1)
    return f"did you mean '{close[0]}'?" if close else f"{label}: {', '.join(valid)}"


def _plain(node: Node) -> object:
    """An option's value as Python data (``tolerance: 1`` → 1), by PyYAML's safe rules;
    safe because the composer already refused aliases and non-core tags."""
    return yaml.SafeLoader("").construct_object(node, deep=True)
