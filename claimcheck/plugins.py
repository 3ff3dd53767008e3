"""Plugin discovery: built-ins, installed packages, the project's ``plugins/`` folder, ``-p``.

Order matters because pluggy calls the last-registered plugin first: built-ins, then
installed plugins (entry-point group ``claimcheck``), then ``plugins/*.py``, then ``-p``.
A plugin that fails to import is recorded, not fatal: the claims that need its kind get
verdict ``error`` naming it, and the others still run.
"""
from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

import pluggy

from . import hookspecs
from .errors import PluginError, UsageError
from .matchers import Matcher

if TYPE_CHECKING:
    from .relations import Lexicon

BUILTIN_PLUGINS = {
    "amount": "claimcheck.matchers.amount",
    "date": "claimcheck.matchers.date",
    "percentage": "claimcheck.matchers.percentage",
    "count": "claimcheck.matchers.count",
    "relations": "claimcheck.relations",
    "places": "claimcheck.places",
    "corpus": "claimcheck.corpus",
    "terminal": "claimcheck.reporters.terminal",
    "junitxml": "claimcheck.reporters.junitxml",
    "jsonreport": "claimcheck.reporters.jsonreport",
    "github": "claimcheck.reporters.github",
    "markdown": "claimcheck.reporters.markdown",
    "html": "claimcheck.reporters.html",
    "cacheprovider": "claimcheck.cache",
    "workers": "claimcheck.workers",
    "dask": "claimcheck.dask_engine",
}
ENTRY_POINT_GROUP = "claimcheck"
AUTOLOAD_OFF = "CLAIMCHECK_DISABLE_PLUGIN_AUTOLOAD"


@dataclass(frozen=True, slots=True)
class BrokenPlugin:
    """A plugin that could not be loaded, kept so the claims needing it can say why."""

    name: str
    message: str


class Plugins:
    """The run's plugin manager plus what failed to load."""

    def __init__(self, blocked: Iterable[str] = ()) -> None:
        self.pm = pluggy.PluginManager("claimcheck")
        self.pm.add_hookspecs(hookspecs)
        self.broken: list[BrokenPlugin] = []
        self.origins: dict[str, str] = {}
        self.owners: dict[str, str] = {}
        """Kind → name of the plugin whose matcher provides it (filled by :meth:`matchers`)."""
        self.versions: dict[str, str] = {}
        """Plugin name → version of the distribution that installed it (installed plugins)."""
        for name in blocked:
            self.pm.set_blocked(name)
        if os.environ.get("CLAIMCHECK_TRACE_PLUGINS"):
            self.pm.trace.root.setwriter(sys.stderr.write)
            self.pm.enable_tracing()

    def register(self, plugin: object, name: str, origin: str) -> None:
        """Register ``plugin`` unless blocked; remember where it came from."""
        if self.pm.is_blocked(name):
            return
        self.pm.register(plugin, name)
        self.origins[name] = origin

    def load_builtins(self, skip: Iterable[str] = ()) -> None:
        """The built-in plugins, under their short names (the names ``-p no:`` takes)."""
        for name, module in BUILTIN_PLUGINS.items():
            if name not in skip and not self.pm.is_blocked(name):
                self._import(name, module, origin="built-in")

    def load_installed(self) -> None:
        """Installed packages' plugins (entry-point group ``claimcheck``)."""
        if os.environ.get(AUTOLOAD_OFF):
            return
        for entry in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
            if self.pm.is_blocked(entry.name):
                continue
            try:
                self.register(entry.load(), entry.name, origin=f"entry point {entry.value}")
                if entry.dist is not None:
                    self.versions[entry.name] = f"{entry.dist.name}=={entry.dist.version}"
            except Exception as err:  # a broken third-party plugin must not stop the run
                self.broken.append(BrokenPlugin(entry.name, f"{type(err).__name__}: {err}"))

    def load_folder(self, folder: Path | None) -> None:
        """Every ``*.py`` of the project's plugin folder (``_*.py`` skipped), sorted."""
        if folder is None or not folder.is_dir():
            return
        for path in sorted(folder.glob("*.py")):
            if path.name.startswith("_"):
                continue
            name = f"plugins/{path.name}"
            try:
                self.register(_import_file(path), name, origin=str(path))
            except Exception as err:
                self.broken.append(BrokenPlugin(name, f"{type(err).__name__}: {err}"))

    def load_named(self, names: Sequence[str]) -> None:
        """``-p module`` plugins; a module that cannot be imported is a usage error."""
        for name in names:
            if name.startswith("no:"):
                continue
            self._import(name, name, origin="-p", fatal=True)

    def _import(self, name: str, module: str, origin: str, fatal: bool = False) -> None:
        try:
            self.register(importlib.import_module(module), name, origin=origin)
        except ImportError as err:
            if fatal:
                raise UsageError(f"-p {module}: cannot import it ({err})") from None
            self.broken.append(BrokenPlugin(name, f"ImportError: {err}"))

    def matchers(self, config: object, *, keep_going: bool = False) -> dict[str, Matcher]:
        """Every registered matcher by kind; two of one kind are a UsageError.

        :param keep_going: a plugin whose ``claimcheck_register_matchers`` raises or returns
            something other than matchers is recorded in :attr:`broken` and skipped, rather
            than raised, so that only the claims needing its kinds fail.
        """
        found: dict[str, Matcher] = {}
        owners: dict[str, str] = {}
        for impl in self.pm.hook.claimcheck_register_matchers.get_hookimpls():
            try:
                provided = _call(impl, config)
                for matcher in provided:
                    _validate(matcher, impl.plugin_name)
            except PluginError as err:
                if not keep_going:
                    raise
                self.broken.append(BrokenPlugin(impl.plugin_name, err.message))
                continue
            for matcher in provided:
                if matcher.kind in found:  # a set-up error, not a claim's: exit 4 in both front ends
                    raise UsageError(
                        f"two matchers of kind '{matcher.kind}': {owners[matcher.kind]} and "
                        f"{impl.plugin_name}; block one with -p no:NAME")
                found[matcher.kind], owners[matcher.kind] = matcher, impl.plugin_name
        self.owners = owners
        return found


    def lexicon(self, config: object) -> "Lexicon":
        """The run's vocabulary: the relations of every ``claimcheck_register_relations`` and
        the places of every ``claimcheck_register_places``."""
        from .places import Places
        from .relations import Lexicon
        found, places = [], []
        for provided in self.pm.hook.claimcheck_register_relations(config=config):
            found += list(provided or ())
        for provided in self.pm.hook.claimcheck_register_places(config=config):
            places += list(provided or ())
        return Lexicon(found, Places(places))


def blocked_names(args: Sequence[str]) -> list[str]:
    """The names given as ``-p no:NAME``."""
    return [arg[3:] for arg in args if arg.startswith("no:")]


def _call(impl: pluggy.HookImpl, config: object) -> list[Matcher]:
    kwargs = {"config": config} if "config" in impl.argnames else {}
    try:
        returned = impl.function(**kwargs)
    except Exception as err:
        raise PluginError(f"claimcheck_register_matchers raised {type(err).__name__}: {err}",
                          plugin=impl.plugin_name) from None
    try:
        return list(returned or ())
    except Exception as err:  # not iterable, or a generator that raised
        raise PluginError(f"claimcheck_register_matchers returned {returned!r}, which cannot be "
                          f"read as a list of Matcher instances ({type(err).__name__}: {err})",
                          plugin=impl.plugin_name) from None


def _validate(matcher: object, plugin: str) -> None:
    if not isinstance(matcher, Matcher) or not getattr(matcher, "kind", ""):
        raise PluginError(f"claimcheck_register_matchers returned {matcher!r}: expected Matcher "
                          "instances with a non-empty 'kind'", plugin=plugin)


def _import_file(path: Path) -> object:
    module_name = f"claimcheck_local.{path.stem}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


def describe(plugins: Plugins) -> list[str]:
    """One line per loaded plugin: name, origin and the hooks it implements."""
    lines = []
    for name, plugin in plugins.pm.list_name_plugin():
        hooks = sorted(h.name for h in plugins.pm.get_hookcallers(plugin) or ())
        lines.append(f"{name:<14} {plugins.origins.get(name, '?'):<28} {', '.join(hooks)}")
    lines += [f"{b.name:<14} FAILED TO LOAD: {b.message}" for b in plugins.broken]
    return lines
