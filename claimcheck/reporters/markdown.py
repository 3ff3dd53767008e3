"""Built-in reporter plugin "markdown": ``--md FILE``, a Markdown summary of the run.

Written for a CI job page (``--md "$GITHUB_STEP_SUMMARY"``): the counts, a table of the
failing claims with their decisive quote, then every claim in a folded ``<details>``. No
timing in it, so two runs over the same claims and corpus write the same file. Cell text is
escaped for GitHub's Markdown, which also reads HTML: ``|``, ``<``, ``>``, ``&`` and line
breaks never leak out of a cell.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from ..hookspecs import hookimpl
from ..model import Result, Verdict
from ..outcome import mismatch, outcome
from . import shown_nodeid, shown_path  # noqa: F401
from .atomic import report_path, write_text
from .junitxml import where
from .terminal import short_quote, window

if TYPE_CHECKING:
    from ..config import Config, OptionParser
    from ..errors import ExitCode

ICONS = {True: "✅", False: "❌"}


@hookimpl
def claimcheck_addoption(parser: "OptionParser") -> None:
    parser.addoption(
        "--md", dest="md_report", metavar="FILE", default=None,
        help="write a Markdown summary to FILE (e.g. \"$GITHUB_STEP_SUMMARY\")",
    )


@hookimpl
def claimcheck_sessionfinish(results: Sequence[Result], exitstatus: "ExitCode",
                             duration: float, config: "Config") -> None:
    path = config.getoption("md_report")
    if path:
        write_text(report_path(path), render(results, strict=config.strict), flag="--md")


def render(results: Sequence[Result], *, strict: bool = False) -> str:
    """The summary as Markdown text, with a final newline."""
    judged = [(r, outcome(r, strict)) for r in results]
    failed = [r for r, o in judged if o.failed]
    counts = [(sum(r.verdict is v for r in results), v.value) for v in Verdict]
    words = ", ".join(f"{n} {word}" for n, word in counts if n) or "no claims"
    lines = [f"## claimcheck: {'❌ ' + str(len(failed)) + ' failed' if failed else '✅ all passed'}", "",
             f"{len(results)} claims: {words}; {len(results) - len(failed)} passed, {len(failed)} failed.", ""]
    if failed:
        lines += ["### Failed", "", *_table([(r, False) for r in failed])]
    lines += ["<details><summary>Every claim</summary>", "", *_table([(r, o.passed) for r, o in judged]),
              "</details>"]
    return "\n".join(lines) + "\n"


def _table(rows: Sequence[tuple[Result, bool]]) -> list[str]:
    lines = ["| | claim | verdict | evidence |", "|---|---|---|---|"]
    for result, passed in rows:
        claim = result.claim
        verdict = result.verdict.value
        if claim.expected not in (None, Verdict.SUPPORTED):
            verdict += " (as declared)" if not mismatch(result) else f" (expected {claim.expected.value})"
        cells = [ICONS[passed], f"`{cell(shown_nodeid(claim))}`<br>{cell(claim.text)}", verdict, _evidence(result)]
        lines.append("| " + " | ".join(cells) + " |")
    return lines + [""]


def _evidence(result: Result) -> str:
    if result.verdict is Verdict.ERROR:
        return cell(result.error or "the claim could not be checked")
    item = result.decisive
    if item is None:
        return "no passage states it or its contrary"
    hedged = " (hedged)" if item.hedged else ""
    return f"«{cell(excerpt(item))}» `{cell(where(item))}`{hedged}"


def cell(text: str) -> str:
    """``text`` safe inside a Markdown table cell."""
    text = " ".join(text.split())
    for raw, safe in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "\\|"), ("`", "'")):
        text = text.replace(raw, safe)
    return text


def excerpt(item) -> str:
    """The words around the values that decided, on one line, as ``-v`` shows them."""
    passage = item.passage
    return short_quote(window(passage.document.text, passage.start, passage.end, item.found))
