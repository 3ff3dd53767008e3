"""Built-in reporter plugin "terminal": pytest-style progress letters, -v lines, the summary."""
from __future__ import annotations

import os
import sys
from typing import Sequence, TextIO

from ..config import Config
from ..errors import ExitCode
from ..hookspecs import hookimpl
from ..model import Claim, Evidence, Result, Verdict
from ..outcome import LETTERS, mismatch, outcome  # noqa: F401 (LETTERS re-exported)

COLOURS = {Verdict.SUPPORTED: "32", Verdict.CONTRADICTED: "31", Verdict.ABSENT: "33", Verdict.ERROR: "31"}
QUOTE_WIDTH = 120


def short_quote(text: str, width: int = QUOTE_WIDTH) -> str:
    """A passage on one line, cut to ``width`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def window(text: str, start: int, end: int, mentions, margin: int = 50) -> str:
    """``text[start:end]`` narrowed to about ``margin`` characters around ``mentions``, cut
    at spaces and marked "…", so a long run-on sentence shows the words that decided."""
    if not mentions:
        return text[start:end]
    first, last = min(m.start for m in mentions), max(m.end for m in mentions)
    lo, hi = max(start, first - margin), min(end, last + margin)
    if lo > start:
        lo = text.find(" ", lo, first) + 1 or lo
    if hi < end:
        hi = max(text.rfind(" ", last, hi), last)
    return ("…" if lo > start else "") + text[lo:hi] + ("…" if hi < end else "")


def where(evidence: Evidence) -> str:
    """``source:line`` of a piece of evidence."""
    return f"{evidence.passage.document.source}:{evidence.passage.line}"


def describe(result: Result) -> str:
    """One line saying why: the decisive quote with source:line, or the error; prefixed
    with ``expected X, got Y:`` when the claim's declared verdict was not given."""
    wrong = mismatch(result)
    return f"{wrong}: {_why(result)}" if wrong else _why(result)


def _why(result: Result) -> str:
    if result.verdict is Verdict.ERROR:
        return result.error or "error"
    item = result.decisive
    if item is None:
        return (f"no passage states it or its contrary (claimcheck explain {result.claim.nodeid} "
                "shows the near misses)")
    hedge = " (hedged)" if item.hedged else ""
    passage = item.passage
    quote = window(passage.document.text, passage.start, passage.end, item.found)
    return f"{where(item)}{hedge} \"{short_quote(quote)}\""


class TerminalReporter:
    """Writes a run's progress and summary to a stream."""

    def __init__(self, config: Config, out: TextIO | None = None) -> None:
        self.config = config
        # With --json - the report owns standard output: progress goes to standard error.
        self.out = out or (sys.stderr if config.getoption("json_report") == "-" else sys.stdout)
        self.colour = self.out.isatty() and not os.environ.get("NO_COLOR")
        self._file: str | None = None
        self.progress = Progress(sys.stderr, share_line=_same_terminal(self.out, sys.stderr)) \
            if config.verbose >= 0 and _isatty(sys.stderr) else None

    @hookimpl
    def claimcheck_progress(self, stage: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.update(stage, done, total)

    def paint(self, text: str, verdict: Verdict) -> str:
        return f"\x1b[{COLOURS[verdict]}m{text}\x1b[0m" if self.colour else text

    @hookimpl
    def claimcheck_sessionstart(self, claims: Sequence[Claim]) -> None:
        if self.config.verbose >= 0:
            self.out.write(f"collected {len(claims)} claim{'s' if len(claims) != 1 else ''}\n\n")

    def paint_outcome(self, text: str, result: Result) -> str:
        """A passing claim in green whatever its verdict (a declared contradiction is good
        news), a failing one in its verdict's colour."""
        passed = outcome(result, self.config.strict).passed
        colour_of = Verdict.SUPPORTED if passed and result.claim.expected not in (None, Verdict.SUPPORTED) \
            else result.verdict
        return self.paint(text, colour_of)

    @hookimpl
    def claimcheck_logresult(self, result: Result) -> None:
        verdict = result.verdict
        if self.config.verbose > 0:
            word = self.paint_outcome(verdict.value.upper(), result)
            if result.claim.expected not in (None, Verdict.SUPPORTED) and not mismatch(result):
                word += " (as declared)"
            self.out.write(f"{result.claim.nodeid} {word}  {describe(result)}\n")
            return
        path = result.claim.location.path.as_posix()
        if self.config.verbose == 0 and path != self._file:
            self.out.write(("\n" if self._file else "") + path + " ")
            self._file = path
        self.out.write(self.paint_outcome(outcome(result, self.config.strict).letter, result))
        self.out.flush()

    @hookimpl
    def claimcheck_sessionfinish(self, results: Sequence[Result], exitstatus: ExitCode,
                                 duration: float) -> None:
        if self.config.verbose <= 0 and results:
            self.out.write("\n")
        self._failures(results)
        self._durations(results)
        if exitstatus == ExitCode.INTERRUPTED:
            self.out.write("!!! interrupted !!!\n")
        self.out.write(summary_line(results, duration, self.config.strict) + "\n")

    def _failures(self, results: Sequence[Result]) -> None:
        shown = [r for r in results if outcome(r, self.config.strict).failed]
        if not shown or self.config.verbose > 0:
            return
        self.out.write("\n")
        for result in shown:
            word = self.paint(result.verdict.value.upper(), result.verdict)
            self.out.write(f"{word} {result.claim.nodeid} - {describe(result)}\n")


    def _durations(self, results: Sequence[Result]) -> None:
        """``--durations N``: the N slowest claims (all for 0), as pytest lists its tests."""
        wanted = self.config.getoption("durations")
        if wanted is None or not results:
            return
        slowest = sorted(results, key=lambda r: r.duration, reverse=True)[:wanted or None]
        title = f"slowest {wanted} durations" if wanted else "durations"
        self.out.write(f"\n{title}\n")
        for result in slowest:
            self.out.write(f"{result.duration:.2f}s {result.claim.nodeid}\n")
        self.out.write("\n")


class Progress:
    """One line on standard error, redrawn in place (``\\r``), at most ten times a second.

    While claims are checked on a terminal that also shows the letters, the letters are the
    progress (as pytest's), so the line is drawn only while the corpus is read; with the
    letters going elsewhere (``--json -``, a pipe) it also counts the claims.
    """

    INTERVAL = 0.1

    def __init__(self, stream: TextIO, share_line: bool) -> None:
        self.stream, self.share_line = stream, share_line
        self.shown = False
        self._last = 0.0

    def update(self, stage: str, done: int, total: int) -> None:
        import time
        if stage == "done" or (stage == "check" and self.share_line):
            self.clear()
            return
        now = time.monotonic()
        if stage in ("check", "documents") and done < total and now - self._last < self.INTERVAL:
            return
        self._last = now
        text = (f"reading the corpus ({done + 1}/{total})…" if stage == "corpus" else
                f"reading the corpus: {done}/{total} documents analysed…" if stage == "documents" else
                f"[{100 * done // max(total, 1):3d}%] {done}/{total} claims checked")
        self.stream.write(f"\r{text}\x1b[K")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def _isatty(stream) -> bool:
    try:
        return bool(stream is not None and stream.isatty())
    except (AttributeError, ValueError):
        return False


def _same_terminal(a, b) -> bool:
    """Do two streams write to one terminal (then a line on one overwrites the other's)?"""
    try:
        return _isatty(a) and os.path.samestat(os.fstat(a.fileno()), os.fstat(b.fileno()))
    except (AttributeError, OSError, ValueError):
        return _isatty(a)


def summary_line(results: Sequence[Result], duration: float, strict: bool = False) -> str:
    """``12 supported, 2 contradicted, 1 absent in 0.31s`` (zero counts left out).

    When a claim declares its verdict, the verdict counts no longer say whether the run
    passed, so pytest's ``(2 failed, 13 passed)`` follows them.
    """
    counts = [(sum(r.verdict is v for r in results), v.value) for v in Verdict]
    parts = [f"{n} {word}" for n, word in counts if n] or ["no claims"]
    text = ", ".join(parts)
    if any(r.claim.expected not in (None, Verdict.SUPPORTED) for r in results):
        failures = sum(outcome(r, strict).failed for r in results)
        passes = [f"{failures} failed"] if failures else []
        text += f" ({', '.join(passes + [f'{len(results) - failures} passed'])})"
    return f"{text} in {duration:.2f}s"


@hookimpl
def claimcheck_configure(config: Config) -> None:
    if config.pluginmanager is not None:
        config.pluginmanager.register(TerminalReporter(config), "terminalreporter")
