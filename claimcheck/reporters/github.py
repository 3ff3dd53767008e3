"""Built-in reporter plugin "github": ``--format github``, GitHub Actions annotations.

One ``::error`` per failing claim (contradicted, a declared verdict not given, absent under
``--strict``, error) at the claim's file and line, with the decisive quote and its
``source:line``; one ``::warning`` per passing claim whose decisive evidence is hedged
(reported, rumoured, conditional), since a green run resting on a rumour deserves a look.

GitHub reads a workflow command only when it starts a line, so the annotations are written
after the run, never on the line of progress letters, and escaped as its workflow-command
rules say: ``%``, CR and LF in the message; also ``:`` and ``,`` in properties.
"""
from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Sequence, TextIO

from ..hookspecs import hookimpl
from ..model import Result, Verdict
from ..outcome import mismatch, outcome
from . import shown_nodeid, shown_path  # noqa: F401
from .junitxml import where
from .terminal import short_quote, window

if TYPE_CHECKING:
    from ..config import Config, OptionParser
    from ..errors import ExitCode

FORMATS = ("terminal", "github")
MESSAGE_LIMIT = 4000
"""Longest message written, in characters: GitHub cuts long annotations itself, and a page
of annotations should stay readable."""


@hookimpl
def claimcheck_addoption(parser: "OptionParser") -> None:
    parser.addoption(
        "--format", dest="output_format", choices=FORMATS, default=None,
        help="terminal (default), or github: also write a GitHub Actions annotation per "
             "failing claim (and a warning per claim resting on hedged evidence)",
    )


@hookimpl
def claimcheck_sessionfinish(results: Sequence[Result], exitstatus: "ExitCode",
                             duration: float, config: "Config") -> None:
    if config.getoption("output_format") != "github":
        return
    # With --json - the report owns standard output; GitHub reads both streams.
    out: TextIO = sys.stderr if config.getoption("json_report") == "-" else sys.stdout
    lines = annotations(results, strict=config.strict)
    if lines:
        out.write("\n".join(lines) + "\n")
        out.flush()


def annotations(results: Sequence[Result], *, strict: bool = False) -> list[str]:
    """The workflow-command lines for ``results``, in run order."""
    lines = []
    for result in results:
        judged = outcome(result, strict)
        decisive = result.decisive
        if judged.failed:
            lines.append(command("error", result, f"{result.verdict.value}: {shown_nodeid(result.claim)}",
                                 _message(result)))
        elif decisive is not None and decisive.hedged:
            lines.append(command("warning", result, f"hedged evidence: {shown_nodeid(result.claim)}",
                                 f"{result.verdict.value} on hedged evidence only (reported, rumoured "
                                 f"or conditional): {_quoted(result)}\n{result.claim.text}"))
    return lines


def _message(result: Result) -> str:
    wrong = mismatch(result)
    if result.verdict is Verdict.ERROR:
        why = result.error or "the claim could not be checked"
    elif result.decisive is None:
        why = "no passage of the sources states it or its contrary"
    else:
        why = _quoted(result)
    return f"{wrong + ': ' if wrong else ''}{why}\n{result.claim.text}"


def _quoted(result: Result) -> str:
    item = result.decisive
    hedge = " (hedged)" if item.hedged else ""
    return f"«{excerpt(item)}» ({where(item)}){hedge}"


def command(kind: str, result: Result, title: str, message: str) -> str:
    """``::kind file=…,line=…,title=…::message``, escaped."""
    location = result.claim.location
    properties = {"file": shown_path(location.path).as_posix(), "line": str(location.line or 1), "title": title}
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    if len(message) > MESSAGE_LIMIT:
        message = message[:MESSAGE_LIMIT - 1] + "…"
    return f"::{kind} {props}::{escape_data(message)}"


def escape_data(text: str) -> str:
    """A message as GitHub's workflow commands need it (``%``, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value: the message's escapes, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def excerpt(item) -> str:
    """The words around the values that decided, on one line, as ``-v`` shows them."""
    passage = item.passage
    return short_quote(window(passage.document.text, passage.start, passage.end, item.found))
