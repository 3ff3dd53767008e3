"""``[tool.claimcheck]`` read strictly: known keys only, each of its option's type.

The keys are the options' ``dest`` names (and their long names with ``_`` for ``-``), so a
plugin's option is a key too. A key no option has is an error with a suggestion; a string
where a boolean or a number belongs (``strict = "false"``, ``maxfail = "x"``) is an error
rather than a truthy string or a traceback.
"""
from __future__ import annotations

import argparse
import difflib
from pathlib import Path
from typing import Any, Mapping

from .errors import UsageError
from .model import Location

INI_ONLY = {"paths": "list", "plugins_dir": "str", "relations": "list", "places": "list"}
"""Keys with no command-line option of the same name (``paths`` is the positional PATH…)."""
COMMAND_LINE_ONLY = ("help", "version", "list_plugins", "list_matchers", "paths", "collect_only",
                     "last_failed", "failed_first", "cache_clear")


def spec_from_parser(parser: argparse.ArgumentParser) -> tuple[dict[str, Any], dict[str, str]]:
    """(dest → kind, key → dest) for every option ``parser`` knows.

    A kind is ``"bool"``, ``"int"``, ``"number"``, ``"list"``, ``"str"`` or a tuple of
    allowed strings.
    """
    kinds: dict[str, Any] = dict(INI_ONLY)
    names: dict[str, str] = {key: key for key in INI_ONLY}
    for action in parser._actions:  # NOTE: argparse has no public list of its actions
        if action.dest in COMMAND_LINE_ONLY or action.dest == argparse.SUPPRESS:
            continue
        kind = _kind(action)
        if kind is None:
            continue
        kinds[action.dest] = kind
        names[action.dest] = action.dest
        for option in action.option_strings:
            if option.startswith("--"):
                names[option[2:].replace("-", "_")] = action.dest
    return kinds, names


def _kind(action: argparse.Action) -> Any:
    if isinstance(action, (argparse._StoreTrueAction, argparse._StoreFalseAction)):
        return "bool"
    if isinstance(action, argparse._StoreConstAction):
        return "bool" if isinstance(action.const, bool) else None  # -x: --maxfail says it
    if isinstance(action, argparse._CountAction):
        return "int"
    if action.choices:
        return tuple(action.choices)
    if isinstance(action, argparse._AppendAction) or action.nargs in ("+", "*"):
        return "list"
    return getattr(action.type, "ini_kind", None) or {int: "int", float: "number"}.get(action.type, "str")


def check_table(table: Mapping[str, Any], spec: tuple[dict[str, Any], dict[str, str]],
                inifile: Path) -> dict[str, Any]:
    """``table`` by dest, every value checked against its option's kind.

    :raises UsageError: an unknown key (with the closest known one) or a value of the
        wrong type, at the key's line of ``inifile``.
    """
    kinds, names = spec
    checked: dict[str, Any] = {}
    for key, value in table.items():
        dest = names.get(key.replace("-", "_"))
        where = Location(path=shown(inifile), line=_key_line(inifile, key))
        if dest is None:
            close = difflib.get_close_matches(key, sorted(names), n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(sorted(kinds))}"
            raise UsageError(f"unknown key '{key}' in [tool.claimcheck] ({hint})", where)
        checked[dest] = _typed(key, value, kinds[dest], where)
    return checked


def shown(path: Path) -> Path:
    """``path`` relative to the working folder when under it, as messages show files."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _typed(key: str, value: Any, kind: Any, where: Location) -> Any:
    shown = f"the string {value!r}" if isinstance(value, str) else repr(value)
    if kind == "bool" and not isinstance(value, bool):
        raise UsageError(f"'{key}' must be true or false (without quotes), not {shown}", where)
    if kind == "int" and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise UsageError(f"'{key}' must be a whole number >= 0, not {shown}", where)
    if kind == "number" and (isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0):
        raise UsageError(f"'{key}' must be a number > 0, not {shown}", where)
    if kind == "list":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise UsageError(f"'{key}' must be a list of strings, not {shown}", where)
    if kind == "str" and not isinstance(value, str):
        raise UsageError(f"'{key}' must be a string, not {shown}", where)
    if isinstance(kind, tuple) and value not in kind:
        raise UsageError(f"'{key}' must be one of {', '.join(kind)}, not {shown}", where)
    return value


def _key_line(inifile: Path, key: str) -> int | None:
    """The line of ``key =`` inside ``[tool.claimcheck]``, for the message."""
    try:
        lines = inifile.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    inside = False
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if stripped.startswith("["):
            inside = stripped.replace(" ", "") in ("[tool.claimcheck]",)
        elif inside and stripped.split("=", 1)[0].strip().strip("\"'") == key:
            return number
    return None
