"""Built-in plugin "cacheprovider": ``--lf`` and ``--ff`` from ``.claimcheck_cache/lastfailed``,
and the document cache ``.claimcheck_cache/documents.sqlite`` (:mod:`claimcheck.doccache`).

As pytest's ``.pytest_cache``: the folder sits at the project root, holds a ``.gitignore``
of ``*`` so it is never committed, and ``lastfailed`` is a JSON object of the node ids that
failed (``{"claims/x.yaml::id": true}``). A run records its failures and forgets the claims
it saw pass; claims it did not run keep their entry, so ``--lf -k funding`` does not lose
the others. ``-p no:cacheprovider`` neither reads nor writes it (nor the document cache);
``--cache-clear`` empties both first; ``--no-cache`` leaves the document cache alone for one
run. A cache that cannot be read or written is ignored: it is a convenience, never a
reason for a run to fail.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from .hookspecs import hookimpl
from .outcome import failed

if TYPE_CHECKING:
    from .config import Config, OptionParser
    from .doccache import DocumentCache
    from .errors import ExitCode
    from .matcherset import MatcherSet
    from .model import Claim, Result
    from .plugins import Plugins

FOLDER = ".claimcheck_cache"
LASTFAILED = "lastfailed"


@hookimpl
def claimcheck_addoption(parser: "OptionParser") -> None:
    parser.addoption("--lf", "--last-failed", dest="last_failed", action="store_true", default=None,
                     help="check only the claims that failed last time (all of them if none did)")
    parser.addoption("--ff", "--failed-first", dest="failed_first", action="store_true", default=None,
                     help="check the claims that failed last time first, then the others")
    parser.addoption("--cache-clear", dest="cache_clear", action="store_true", default=None,
                     help=f"forget the failures and the document facts stored in {FOLDER}/ before the run")
    parser.addoption("--no-cache", dest="no_cache", action="store_true", default=None,
                     help=f"neither read nor store document facts in {FOLDER}/ (every document is "
                          "read afresh; --lf and --ff still work)")


def cache_file(config: "Config") -> Path:
    return config.rootdir / FOLDER / LASTFAILED


def document_cache(config: "Config", plugins: "Plugins", matchers: "MatcherSet") -> "DocumentCache | None":
    """The run's document cache, or None when it is off (``--no-cache``, ``-p no:cacheprovider``)
    or cannot be used (then with a warning)."""
    if not enabled(config) or config.getoption("no_cache"):
        return None
    from . import doccache, fingerprint
    folder = config.rootdir / FOLDER
    if config.getoption("cache_clear"):
        doccache.remove(folder / doccache.FILE)
    inner = [type(getattr(m, "inner", m)).__module__ for m in matchers.values()]
    try:
        _folder(config)
    except OSError:
        pass  # said by DocumentCache.open, which cannot create its file either
    fingerprints = fingerprint.of_matcher_set(matchers, plugins.versions)
    return doccache.DocumentCache.open(folder, fingerprints.layout, dict(fingerprints.matchers),
                                       allowed_modules={name.split(".")[0] for name in inner})


def _folder(config: "Config") -> Path:
    """The cache folder, created with a ``.gitignore`` of ``*`` so it is never committed."""
    folder = config.rootdir / FOLDER
    folder.mkdir(exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Created by claimcheck automatically.\n*\n", encoding="utf-8")
    return folder


def enabled(config: "Config") -> bool:
    pm = config.pluginmanager
    return pm is None or pm.has_plugin("cacheprovider")


def read(config: "Config") -> dict[str, bool]:
    """The recorded failures, ``{}`` when there are none or the file is unreadable."""
    try:
        data = json.loads(cache_file(config).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): True for k in data} if isinstance(data, dict) else {}


def nodeid(claim: "Claim", config: "Config") -> str:
    """``file::id`` with the file relative to the project root, so the cache is the same
    whatever folder the command runs from."""
    path = claim.location.path
    try:
        path = path.resolve().relative_to(config.rootdir.resolve())
    except (ValueError, OSError):
        pass
    return f"{path.as_posix()}::{claim.id}"


def reorder(claims: Sequence["Claim"], config: "Config") -> list["Claim"]:
    """The claims ``--lf`` or ``--ff`` asks for, in that order; all, unchanged, otherwise."""
    if not enabled(config):
        return list(claims)
    if config.getoption("cache_clear"):
        _write(config, {})
    if not (config.getoption("last_failed") or config.getoption("failed_first")):
        return list(claims)
    recorded = read(config)
    before = [c for c in claims if nodeid(c, config) in recorded]
    if config.getoption("last_failed"):
        return before or list(claims)  # as pytest: nothing failed, so everything runs
    return before + [c for c in claims if nodeid(c, config) not in recorded]


@hookimpl
def claimcheck_sessionfinish(results: Sequence["Result"], exitstatus: "ExitCode",
                             duration: float, config: "Config") -> None:
    if config.getoption("collect_only"):
        return
    recorded = read(config)
    for result in results:
        key = nodeid(result.claim, config)
        if failed(result, config.strict):
            recorded[key] = True
        else:
            recorded.pop(key, None)
    _write(config, recorded)


def _write(config: "Config", recorded: dict[str, bool]) -> None:
    path = cache_file(config)
    try:
        _folder(config)
        tmp = path.with_name(f".{LASTFAILED}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(dict(sorted(recorded.items())), indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only checkout: no cache, and no error
