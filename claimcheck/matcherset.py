"""The run's matchers as every stage sees them, guarded against plugins that misbehave.

A plugin that fails to load, or a matcher that raises or returns garbage, must cost only the
claims that need it: they get verdict ``error`` naming the plugin, every other claim is
checked. :class:`MatcherSet` carries that promise for both front ends.
"""
from __future__ import annotations

import difflib
import queue
import threading
import time
import warnings
from typing import Any, Callable, Iterator, Mapping, Sequence

from .errors import ClaimcheckWarning, PluginError
from .matchers import Matcher
from .model import Claim, Mention
from .plugins import BUILTIN_PLUGINS, BrokenPlugin, Plugins

DEFAULT_PLUGIN_TIMEOUT = 60.0
"""Seconds a plugin's matcher may spend on one article (``plugin_timeout``)."""


class _Worker:
    """A daemon thread that runs one plugin's calls, so the caller can stop waiting.

    Python cannot kill a thread: a call that never returns keeps its thread busy, which is
    why it is a daemon (it does not hold the process at exit) and why the matcher is not
    called again after a timeout. A call stuck in C code that keeps the interpreter lock
    (a regular expression that backtracks forever) cannot be timed out this way.
    """

    def __init__(self, name: str) -> None:
        self.jobs: queue.SimpleQueue = queue.SimpleQueue()
        self.thread = threading.Thread(target=self._loop, name=f"claimcheck-{name}", daemon=True)
        self.thread.start()

    def _loop(self) -> None:
        while True:
            self.jobs.get()()

    def call(self, function: Callable[[], Any], timeout: float) -> Any:
        """``function()``'s result, or TimeoutError after ``timeout`` seconds; Ctrl-C
        interrupts the wait (the main thread receives it)."""
        done, box = threading.Event(), {}

        def job() -> None:
            try:
                box["value"] = function()
            except BaseException as err:  # handed to the caller, raised there
                box["error"] = err
            finally:
                done.set()
        self.jobs.put(job)
        deadline = time.monotonic() + timeout
        # Short waits: a signal taken by another thread only raises KeyboardInterrupt here
        # once this thread runs Python code again.
        while not done.wait(min(0.1, max(deadline - time.monotonic(), 0))):
            if time.monotonic() >= deadline:
                raise TimeoutError
        if "error" in box:
            raise box["error"]
        return box["value"]


class GuardedMatcher(Matcher):
    """A matcher as the corpus index sees it: when ``extract`` raises or returns garbage,
    the failure is recorded and no mention is returned, so one broken matcher does not
    stop the claims of other kinds on the same article. The claims of this kind are then
    reported as errors naming the plugin (:meth:`MatcherSet.problem`)."""

    def __init__(self, inner: Matcher, plugin: str, timeout: float | None = None) -> None:
        self.inner, self.plugin = inner, plugin
        self.kind = inner.kind  # type: ignore[misc]
        self.options = inner.options  # type: ignore[misc]
        self.marks_event = inner.marks_event  # type: ignore[misc]
        self.failure: str | None = None
        self.timeout = timeout
        """Seconds per article; None runs ``extract`` in the caller's thread (built-ins)."""
        self._worker: _Worker | None = None
        self._stuck = False

    def _bounded(self, text, lang, ref_date) -> list:
        if self.timeout is None:
            return list(self.inner.extract(text, lang=lang, ref_date=ref_date))
        if self._stuck:
            return []  # its thread is still busy with the article that timed out
        if self._worker is None:
            self._worker = _Worker(self.kind)
        try:
            return self._worker.call(
                lambda: list(self.inner.extract(text, lang=lang, ref_date=ref_date)), self.timeout)
        except TimeoutError:
            self._stuck = True
            raise TimeoutError(f"took longer than {self.timeout:g} s on one article (the limit "
                               "is plugin_timeout in [tool.claimcheck], or --plugin-timeout)") from None

    def parse(self, text, *, lang, options):
        return self.inner.parse(text, lang=lang, options=options)

    def extract(self, text, *, lang, ref_date):
        return self.attempt(text, lang=lang, ref_date=ref_date)[0]

    def attempt(self, text, *, lang, ref_date) -> tuple[list[Mention], str | None]:
        """``extract``'s mentions and, when it failed on this text, why (also recorded as
        :attr:`failure` if it is the first): a worker process hands the reason back to the
        run, whose claims of this kind then become errors."""
        if self._stuck:
            return [], self.failure
        try:
            found = self._bounded(text, lang, ref_date)
            for mention in found:
                if not isinstance(mention, Mention) or not 0 <= mention.start <= mention.end <= len(text):
                    raise TypeError(f"returned {mention!r}: expected Mentions with spans inside the text")
        except Exception as err:
            why = f"plugin {self.plugin}: matcher '{self.kind}' failed: {type(err).__name__}: {err}"
            self.failed(why)
            return [], why
        return found, None

    def failed(self, why: str) -> None:
        """Record a failure seen here or in a worker process; the first one is reported."""
        if self.failure is None:
            self.failure = why

    def after_fork(self) -> None:
        """In a forked worker: the timing thread was the parent's and does not exist here."""
        self._worker = None

    def compare(self, expected, mention):
        return self.inner.compare(expected, mention)

    def with_sign(self, value, sign):
        return self.inner.with_sign(value, sign)


class Unavailable(Matcher):
    """Stands in for a kind no loaded matcher provides while some plugin failed to load.

    Claims of that kind then load (their values unread) and are reported with verdict
    ``error`` naming the plugin, instead of making the whole claim file unreadable.
    """

    def __init__(self, kind: str, reason: str) -> None:
        self.kind = kind  # type: ignore[misc]  # an instance attribute on purpose
        self.reason = reason
        self.options = _ANY_OPTION  # type: ignore[misc]  # the real matcher's options are unknown

    def parse(self, text, *, lang, options):
        return text

    def extract(self, text, *, lang, ref_date):
        raise PluginError(self.reason, plugin=self.kind)

    def compare(self, expected, mention):
        raise PluginError(self.reason, plugin=self.kind)


class _AnyOption(frozenset):
    """Accepts every option name (an unavailable matcher's options are unknown)."""

    def __contains__(self, item: object) -> bool:
        return True


_ANY_OPTION = _AnyOption()


class MatcherSet(Mapping[str, Matcher]):
    """The run's matchers by kind: the loaded ones, each behind a :class:`GuardedMatcher`,
    plus an :class:`Unavailable` stand-in for a kind that a broken plugin may have provided.

    A kind close to a loaded one ("amout") stays unknown, so the claim file error can still
    suggest the right spelling, unless a broken plugin bears that very name.
    """

    def __init__(self, matchers: Mapping[str, Matcher], broken: Sequence[BrokenPlugin] = (),
                 owners: Mapping[str, str] | None = None, timeout: float = DEFAULT_PLUGIN_TIMEOUT) -> None:
        owners = owners or {}
        # Built-in matchers are trusted and may take long on a huge article: no bound.
        self.loaded = {kind: GuardedMatcher(m, owners.get(kind, kind),
                                            None if owners.get(kind, kind) in BUILTIN_PLUGINS else timeout)
                       for kind, m in matchers.items()}
        self.broken = list(broken)

    @classmethod
    def load(cls, plugins: Plugins, config: object) -> "MatcherSet":
        """The matchers of ``plugins``; a plugin whose registration fails is warned about
        and recorded, so only the claims that need its kinds become errors."""
        before = len(plugins.broken)
        matchers = plugins.matchers(config, keep_going=True)
        for broken in plugins.broken[before:]:
            warnings.warn(ClaimcheckWarning(f"plugin {broken.name} failed to load: {broken.message}"))
        timeout = getattr(config, "getoption", lambda *_: None)("plugin_timeout", DEFAULT_PLUGIN_TIMEOUT)
        return cls(matchers, plugins.broken, plugins.owners, timeout=float(timeout))

    def problem(self, claim: Claim) -> str | None:
        """Why ``claim`` cannot be checked: a kind whose plugin failed to load, or a matcher
        that failed while reading the corpus; None when all is well."""
        reasons = [self.reason(f.kind) if f.kind not in self.loaded else self.loaded[f.kind].failure
                   for f in claim.expect]
        return "; ".join(r for r in reasons if r) or None

    def __getitem__(self, kind: str) -> Matcher:
        if kind in self.loaded:
            return self.loaded[kind]
        reason = self.reason(kind)
        if reason is None:
            raise KeyError(kind)
        return Unavailable(kind, reason)

    def __contains__(self, kind: object) -> bool:
        return kind in self.loaded

    def __iter__(self) -> Iterator[str]:
        return iter(self.loaded)

    def __len__(self) -> int:
        return len(self.loaded)

    def reason(self, kind: str) -> str | None:
        """Why ``kind`` has no matcher, naming the plugin(s) that failed; None if none did."""
        if not self.broken:
            return None
        named = [b for b in self.broken if _short_name(b.name) == kind.lower()]
        if not named:
            if difflib.get_close_matches(kind, list(self.loaded), n=1):
                return None
            named = self.broken
        why = "; ".join(f"plugin {b.name} failed to load: {b.message}" for b in named)
        return f"no matcher for '{kind}': {why}"


def _short_name(name: str) -> str:
    """``plugins/ordinal.py``, ``mypkg.ordinal`` and ``ordinal`` all give ``ordinal``."""
    name = name.rsplit("/", 1)[-1]
    name = name[:-3] if name.endswith(".py") else name
    return name.rsplit(".", 1)[-1].lower()


