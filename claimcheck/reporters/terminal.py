"""Built-in reporter plugin "terminal": pytest-style progress letters, -v lines, the summary."""
from __future__ import annotations

import os
import sys
from typing import Sequence, TextIO

from ..config import Config
from ..errors import ExitCode
from ..hookspecs import hookimpl
from ..model import Claim, Evidence, Result, Verdict

LETTERS = {Verdict.SUPPORTED: ".", Verdict.CONTRADICTED: "C", Verdict.ABSENT: "a", Verdict.ERROR: "E"}
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
    """One line saying why: the decisive quote with source:line, or the error."""
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

    def paint(self, text: str, verdict: Verdict) -> str:
        return f"\x1b[{COLOURS[verdict]}m{text}\x1b[0m" if self.colour else text

    @hookimpl
    def claimcheck_sessionstart(self, claims: Sequence[Claim]) -> None:
        if self.config.verbose >= 0:
            self.out.write(f"collected {len(claims)} claim{'s' if len(claims) != 1 else ''}\n\n")

    @hookimpl
    def claimcheck_logresult(self, result: Result) -> None:
        verdict = result.verdict
        if self.config.verbose > 0:
            word = self.paint(verdict.value.upper(), verdict)
            self.out.write(f"{result.claim.nodeid} {word}  {describe(result)}\n")
            return
        path = result.claim.location.path.as_posix()
        if self.config.verbose == 0 and path != self._file:
            self.out.write(("\n" if self._file else "") + path + " ")
            self._file = path
        self.out.write(self.paint(LETTERS[verdict], verdict))
        self.out.flush()

    @hookimpl
    def claimcheck_sessionfinish(self, results: Sequence[Result], exitstatus: ExitCode,
                                 duration: float) -> None:
        if self.config.verbose <= 0 and results:
            self.out.write("\n")
        self._failures(results)
        if exitstatus == ExitCode.INTERRUPTED:
            self.out.write("!!! interrupted !!!\n")
        self.out.write(summary_line(results, duration) + "\n")

    def _failures(self, results: Sequence[Result]) -> None:
        shown = [r for r in results if r.verdict in (Verdict.CONTRADICTED, Verdict.ERROR)
                 or (self.config.strict and r.verdict is Verdict.ABSENT)]
        if not shown or self.config.verbose > 0:
            return
        self.out.write("\n")
        for result in shown:
            word = self.paint(result.verdict.value.upper(), result.verdict)
            self.out.write(f"{word} {result.claim.nodeid} - {describe(result)}\n")


def summary_line(results: Sequence[Result], duration: float) -> str:
    """``12 supported, 2 contradicted, 1 absent in 0.31s`` (zero counts left out)."""
    counts = [(sum(r.verdict is v for r in results), v.value) for v in Verdict]
    parts = [f"{n} {word}" for n, word in counts if n] or ["no claims"]
    return f"{', '.join(parts)} in {duration:.2f}s"


@hookimpl
def claimcheck_configure(config: Config) -> None:
    if config.pluginmanager is not None:
        config.pluginmanager.register(TerminalReporter(config), "terminalreporter")
