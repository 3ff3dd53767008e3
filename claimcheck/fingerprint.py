"""Fingerprints of the code that computes a document's facts, so a cached fact is used only
by the code that made it.

A matcher's fingerprint is its plugin's name, its kind, its class, the version of the
distribution that installed it (and the package's ``__version__``) and a hash of the source of its top-level package (every
``.py`` below it): editing a ``plugins/`` file or upgrading a plugin invalidates what that
plugin extracted, and only that. The built-in matchers' package is claimcheck itself, as is
the code of the sentence splitter and the word index (:func:`layout_fingerprint`).
"""
from __future__ import annotations

import functools
import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from .matchers import Matcher

FORMAT = "1"
"""Bump when the stored form of a fact changes without any source change."""


@dataclass(frozen=True, slots=True)
class Fingerprints:
    """What a run's facts depend on: the layout code's fingerprint and each matcher's."""

    layout: str
    matchers: tuple[tuple[str, str], ...]
    """(kind, fingerprint) of every matcher, sorted by kind."""

    def differences(self, other: "Fingerprints") -> list[str]:
        """What differs from ``other``, in words ("matcher 'date'", "claimcheck's own code")."""
        found = ["claimcheck's own code"] if self.layout != other.layout else []
        mine, theirs = dict(self.matchers), dict(other.matchers)
        for kind in sorted(set(mine) | set(theirs)):
            if kind not in theirs or kind not in mine:
                found.append(f"matcher '{kind}' ({'missing' if kind not in theirs else 'extra'} there)")
            elif mine[kind] != theirs[kind]:
                found.append(f"matcher '{kind}' (another version or source)")
        return found


def of_matcher_set(matchers: Mapping[str, Matcher], versions: Mapping[str, str]) -> Fingerprints:
    """The fingerprints of a run's :class:`~claimcheck.matcherset.MatcherSet` (each guarded
    matcher knows its plugin's name).

    :param versions: plugin name → the version of the distribution that installed it.
    """
    owners = {kind: getattr(m, "plugin", kind) for kind, m in matchers.items()}
    found = matcher_fingerprints(matchers, owners, versions)
    return Fingerprints(layout=layout_fingerprint(), matchers=tuple(sorted(found.items())))


def layout_fingerprint() -> str:
    """What a cached :class:`~claimcheck.facts.Layout` depends on: claimcheck's own code."""
    return _digest(f"layout {FORMAT} {_package_fingerprint('claimcheck')}")


def matcher_fingerprints(matchers: Mapping[str, Matcher], owners: Mapping[str, str],
                         versions: Mapping[str, str]) -> dict[str, str]:
    """Kind → the fingerprint of the matcher that extracts it.

    :param owners: kind → the name of the plugin that registered the matcher.
    :param versions: plugin name → the version of the distribution that installed it.
    """
    found = {}
    for kind, matcher in matchers.items():
        inner = getattr(matcher, "inner", matcher)  # a GuardedMatcher's plugin matcher
        cls = type(inner)
        plugin = owners.get(kind, kind)
        found[kind] = _digest(f"{FORMAT} {plugin} {versions.get(plugin, '')} {kind} "
                              f"{cls.__module__}.{cls.__qualname__} {_package_fingerprint(cls.__module__)}")
    return found


def _package_fingerprint(module_name: str) -> str:
    """The distribution version and a hash of the sources of the top-level package of
    ``module_name`` (or of the module alone when it has none: a ``plugins/`` file)."""
    top = module_name.split(".")[0]
    module = sys.modules.get(top)
    if getattr(module, "__file__", None) is None:
        top, module = module_name, sys.modules.get(module_name)
    file = getattr(module, "__file__", None)
    if not file:
        return f"{_version(module)} (no source)"
    path = Path(file)
    files = sorted(path.parent.rglob("*.py")) if path.name == "__init__.py" else [path]
    digest = hashlib.blake2b(digest_size=16)
    for source in files:
        digest.update(f"{source.relative_to(path.parent).as_posix()}\0{_file_digest(source)}\0".encode())
    return f"{_version(module)} {digest.hexdigest()}"


def _file_digest(path: Path) -> str:
    try:
        stat = path.stat()
    except OSError:
        return "unreadable"
    return _cached_file_digest(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4096)
def _cached_file_digest(path: str, mtime_ns: int, size: int) -> str:
    """Keyed by modification time and size too: a file edited between two runs of one
    process (a test session) is read again."""
    try:
        return hashlib.blake2b(Path(path).read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return "unreadable"


def _version(module: object) -> str:
    return str(getattr(module, "__version__", "?"))


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()
