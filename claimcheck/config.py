"""The run's configuration: project root, ``[tool.claimcheck]`` and the command line → Config."""
from __future__ import annotations

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
    lang: str = "fr"
    """Default language of claims."""
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


def find_root(start: Path) -> tuple[Path, Path | None]:
    """The project root and its pyproject.toml, looking up from ``start`` (as pytest's rootdir)."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and read_table(candidate, required=False) is not None:
            return folder, candidate
    return Path.cwd().resolve(), None


def read_table(pyproject: Path, required: bool = True) -> dict[str, Any] | None:
    """The ``[tool.claimcheck]`` table of a pyproject.toml, or None when it has none.

    :param required: raise UsageError for an unreadable file, rather than return None.
    """
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        if not required:
            return None
        raise UsageError(f"cannot read it: {err}", Location(path=pyproject)) from None
    table = data.get("tool", {}).get("claimcheck")
    if table is not None and not isinstance(table, dict):
        raise UsageError("[tool.claimcheck] must be a table", Location(path=pyproject))
    return table


def ini_options(inifile: Path | None) -> dict[str, Any]:
    """``[tool.claimcheck]`` as a flat mapping of option dests."""
    table = read_table(inifile) if inifile is not None else None
    return {key.replace("-", "_"): value for key, value in (table or {}).items()}


def make_config(options: Mapping[str, Any], *, rootdir: Path, inifile: Path | None,
                pluginmanager: "pluggy.PluginManager | None" = None) -> Config:
    """Build the Config from parsed options (dest → value, None for unset) and the ini table."""
    ini = ini_options(inifile)
    merged = {**ini, **{k: v for k, v in options.items() if v is not None}}
    where = Location(path=inifile) if inifile else None

    def paths(key: str, base: Path) -> tuple[Path, ...]:
        value = merged.get(key) or ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, (list, tuple)):
            raise UsageError(f"'{key}' must be a list of paths", where)
        return tuple(_shown(base / str(p)) for p in value)

    for key, allowed in (("conflict", CONFLICT_POLICIES), ("hedged", HEDGED_POLICIES)):
        if key in merged and merged[key] not in allowed:
            raise UsageError(f"'{key}' must be one of {', '.join(allowed)}, not {merged[key]!r}", where)
    plugins_dir = merged.get("plugins_dir", "plugins")
    return Config(
        rootdir=rootdir, inifile=inifile,
        paths=paths("paths", Path() if options.get("paths") else rootdir),
        sources=paths("sources", Path()) if options.get("sources") else (),
        default_sources=() if options.get("sources") else paths("sources", rootdir),
        lang=str(merged.get("lang", "fr")), strict=bool(merged.get("strict", False)),
        conflict=merged.get("conflict", "contradicted"), hedged=merged.get("hedged", "count"),
        verbose=int(merged.get("verbose", 0) or 0), keyword=merged.get("keyword"),
        maxfail=int(merged.get("maxfail", 0) or 0),
        allow_outside_root=bool(merged.get("allow_outside_root", False)),
        plugins_dir=rootdir / plugins_dir if plugins_dir else None,
        options=merged, pluginmanager=pluginmanager,
    )


def _shown(path: Path) -> Path:
    """``path`` as users read it in ids and reports: relative to the working folder when it
    lies under it (``claims/funding.yaml``), else as it is."""
    if not path.is_absolute():
        return path
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path
