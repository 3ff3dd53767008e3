"""The run's configuration: project root, ``[tool.claimcheck]`` and the command line → Config."""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping

from .errors import UsageError
from .model import Location, PartialDate

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

if TYPE_CHECKING:
    import pluggy

CONFLICT_POLICIES = ("contradicted", "majority", "supported")
HEDGED_POLICIES = ("count", "ignore")
MISMATCH_POLICIES = ("error", "warn")
LANGS = ("fr", "en")
"""The languages the built-in matchers and the relation lexicon read."""
DATE_YEARS = (1000, 9000)
"""Publication and reference dates must lie in these years: relative dates ("demain",
"l'an dernier", "dans dix ans") are resolved by date arithmetic, which has no year 0 and
none after 9999, so a date at either end of the calendar would make them overflow."""


def normalise_lang(code: str) -> str:
    """``fr``, ``FR``, ``fr-FR``, ``fr_CA`` → ``fr``; ValueError for a language not read.

    :raises ValueError: the message says which languages are read.
    """
    primary = str(code).strip().replace("_", "-").split("-", 1)[0].lower()
    if primary not in LANGS:
        raise ValueError(f"language '{code}' is not one claimcheck reads ({', '.join(LANGS)})")
    return primary


def reference_date(text: str) -> PartialDate:
    """A publication or reference date, ``YYYY[-MM[-DD]]`` within :data:`DATE_YEARS`."""
    date = PartialDate.parse(text)
    low, high = DATE_YEARS
    if not low <= date.year <= high:
        raise ValueError(f"'{text}' is out of range: dates must lie between the years {low} and {high}")
    return date


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceMeta:
    """What ``sources.yaml`` or a front matter says of one article."""

    date: PartialDate | None = None
    """Publication date: what relative dates resolve against."""
    lang: str | None = None
    title: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Config:
    """Everything a run needs to know, fixed once the command line is parsed."""

    rootdir: Path
    """The project root: nearest folder upwards holding a pyproject.toml with
    ``[tool.claimcheck]``, else the working folder. ``sources:`` may not leave it."""
    inifile: Path | None = None
    """That pyproject.toml, when there is one."""
    paths: tuple[Path, ...] = ()
    """Claim files and folders to collect."""
    sources: tuple[Path, ...] = ()
    """Corpus files and folders given with ``--sources``: they override claim files' ``sources:``."""
    default_sources: tuple[Path, ...] = ()
    """``sources`` from ``[tool.claimcheck]``: the corpus of claim files without ``sources:``."""
    lang: str | None = None
    """Default language of claims (``--lang``, ``lang`` in ``[tool.claimcheck]``); None reads
    each claim's language from its sentence (:func:`claimcheck.langguess.guess_lang`)."""
    strict: bool = False
    """Absent claims fail too."""
    conflict: str = "contradicted"
    """How disagreeing sources decide: contradicted, majority or supported."""
    hedged: str = "count"
    """Whether reported or conditional evidence counts (``count``) or not (``ignore``)."""
    verbose: int = 0
    """-v adds, -q subtracts."""
    keyword: str | None = None
    """The ``-k`` expression."""
    maxfail: int = 0
    """Stop after this many failed claims (``-x`` is 1); 0 never stops."""
    allow_outside_root: bool = False
    """Let claim files' ``sources:`` reach outside the project root."""
    plugins_dir: Path | None = None
    """The project-local plugin folder."""
    options: Mapping[str, Any] = field(default_factory=dict)
    """Every option by its dest: the command line over ``[tool.claimcheck]``."""
    pluginmanager: "pluggy.PluginManager | None" = None
    """The run's plugin manager, for plugins that register helpers."""

    def getoption(self, name: str, default: Any = None) -> Any:
        """An option's value by its ``dest``, or ``default`` when unset."""
        value = self.options.get(name)
        return default if value is None else value


class OptionParser:
    """What ``claimcheck_addoption`` receives: one ``addoption`` for both front ends."""

    def __init__(self, add: Callable[..., Any]) -> None:
        self._add = add

    def addoption(self, *names: str, **kwargs: Any) -> None:
        """Add an option; the arguments of ``argparse.ArgumentParser.add_argument``."""
        self._add(*names, **kwargs)


ROOT_MARKERS = (".git", ".hg", "pyproject.toml", "setup.cfg", "setup.py", "tox.ini")
"""Files or folders that mark a project's top when no pyproject.toml has [tool.claimcheck]."""


def find_root(start: Path) -> tuple[Path, Path | None]:
    """The project root and its pyproject.toml, looking up from ``start`` (as pytest's rootdir).

    Without a pyproject.toml holding ``[tool.claimcheck]``, the root is the nearest folder
    up from ``start`` that holds a marker (``.git``, ``pyproject.toml``…) or a ``claims``
    folder, else ``start`` itself: never the working folder, so what ``sources:`` may reach
    does not depend on where the command is run from.

    :raises UsageError: a pyproject.toml that mentions claimcheck is not valid TOML.
    """
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and read_table(candidate, required=False) is not None:
            return folder, candidate
    for folder in (start, *start.parents):
        if folder == Path(folder.anchor):
            break  # "/" holds no project: confinement to it would confine nothing
        if any((folder / marker).exists() for marker in ROOT_MARKERS) or (folder / "claims").is_dir():
            return folder, None
    return start, None


def read_table(pyproject: Path, required: bool = True) -> dict[str, Any] | None:
    """The ``[tool.claimcheck]`` table of a pyproject.toml, or None when it has none.

    :param required: raise UsageError for an unreadable file, rather than return None. A
        file that mentions claimcheck but is not valid TOML is an error either way: its
        settings must not be ignored in silence.
    """
    try:
        raw = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        if not required:
            return None
        raise UsageError(f"cannot read it: {err}", Location(path=pyproject)) from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as err:
        if not required and "claimcheck" not in raw:
            return None
        raise UsageError(f"invalid TOML: {_TOML_AT.sub('', str(err))}; fix it, since "
                         "[tool.claimcheck] is read from it",
                         _toml_location(_shown(pyproject), str(err))) from None
    table = data.get("tool", {}).get("claimcheck")
    if table is not None and not isinstance(table, dict):
        raise UsageError("[tool.claimcheck] must be a table", Location(path=pyproject))
    return table


_TOML_AT = re.compile(r"\s*\(at line \d+, column \d+\)")


def _toml_location(path: Path, message: str) -> Location:
    found = re.search(r"at line (\d+), column (\d+)", message)
    if not found:
        return Location(path=path)
    return Location(path=path, line=int(found.group(1)), column=int(found.group(2)))


def ini_options(inifile: Path | None) -> dict[str, Any]:
    """``[tool.claimcheck]`` as a flat mapping of option dests."""
    table = read_table(inifile) if inifile is not None else None
    return {key.replace("-", "_"): value for key, value in (table or {}).items()}


def make_config(options: Mapping[str, Any], *, rootdir: Path, inifile: Path | None,
                pluginmanager: "pluggy.PluginManager | None" = None, spec: Any = None) -> Config:
    """Build the Config from parsed options (dest → value, None for unset) and the ini table.

    :param spec: the options' kinds (:func:`claimcheck.ini.spec_from_parser`); with it,
        unknown ``[tool.claimcheck]`` keys and values of the wrong type are usage errors.
    :raises UsageError: a bad value, or ``sources`` in pyproject.toml leaving the root.
    """
    if spec is not None and inifile is not None:
        from .ini import check_table
        ini = check_table(read_table(inifile) or {}, spec, inifile)
    else:
        ini = ini_options(inifile)
    merged = {**ini, **{k: v for k, v in options.items() if v is not None}}
    where = Location(path=_shown(inifile)) if inifile else None

    def paths(key: str, base: Path) -> tuple[Path, ...]:
        value = merged.get(key) or ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, (list, tuple)):
            raise UsageError(f"'{key}' must be a list of paths", where)
        return tuple(_shown(base / str(p)) for p in value)

    for key, allowed in (("conflict", CONFLICT_POLICIES), ("hedged", HEDGED_POLICIES),
                         ("expect_mismatch", MISMATCH_POLICIES)):
        if key in merged and merged[key] not in allowed:
            raise UsageError(f"'{key}' must be one of {', '.join(allowed)}, not {merged[key]!r}", where)
    allow_outside = bool(merged.get("allow_outside_root", False))
    default_sources = () if options.get("sources") else paths("sources", rootdir)
    if not allow_outside:
        _confine_ini_sources(default_sources, rootdir, where)
    plugins_dir = merged.get("plugins_dir", "plugins")
    return Config(
        rootdir=rootdir, inifile=inifile,
        paths=paths("paths", Path() if options.get("paths") else rootdir),
        sources=paths("sources", Path()) if options.get("sources") else (),
        default_sources=default_sources,
        lang=_lang_option(merged["lang"], "lang" in options and options["lang"] is not None, where)
        if merged.get("lang") is not None else None,
        strict=bool(merged.get("strict", False)),
        conflict=merged.get("conflict", "contradicted"), hedged=merged.get("hedged", "count"),
        verbose=int(merged.get("verbose", 0) or 0), keyword=merged.get("keyword"),
        maxfail=_count(merged.get("maxfail", 0) or 0, "maxfail", where),
        allow_outside_root=allow_outside,
        plugins_dir=rootdir / plugins_dir if plugins_dir else None,
        options=merged, pluginmanager=pluginmanager,
    )


def _lang_option(value: Any, from_command_line: bool, where: Location | None) -> str:
    try:
        return normalise_lang(str(value))
    except ValueError as err:
        raise UsageError(f"--lang {value}: {err}" if from_command_line else f"'lang': {err}",
                         None if from_command_line else where) from None


def _count(value: Any, name: str, where: Location | None) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise UsageError(f"'{name}' must be a whole number >= 0, not {value!r}", where)
    return value


def _confine_ini_sources(paths: tuple[Path, ...], rootdir: Path, where: Location | None) -> None:
    """``sources`` in pyproject.toml obey the rule of claim files' ``sources:``."""
    root = rootdir.resolve()
    for path in paths:
        if not (rootdir / path).resolve().is_relative_to(root):
            raise UsageError(f"sources path '{path}' is outside the project root {root}; pass "
                             "--allow-outside-root to allow it", where)


def _shown(path: Path) -> Path:
    """``path`` as users read it in ids and reports: relative to the working folder when it
    lies under it (``claims/funding.yaml``), else as it is."""
    if not path.is_absolute():
        return path
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path
