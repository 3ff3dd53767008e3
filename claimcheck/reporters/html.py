"""Built-in reporter plugin "html": ``--html FILE``, a self-contained evidence report.

One HTML file, nothing fetched (its style and its filter script are inline): per claim its
verdict and outcome, the claim sentence, each passage that decided it with the bound values
highlighted (``<mark data-kind="amount">``), hedged passages marked, supporting and
contradicting passages side by side, filters by verdict, tag and outcome, and a link from
each passage to its line in the cited sources, which the report carries.

The page is a Jinja2 template (``claimcheck/templates/report.html.j2``) with autoescaping,
so no claim or article text can inject markup. Jinja2 is the optional extra ``html``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

from ..errors import UsageError
from ..hookspecs import hookimpl
from ..model import Document, Evidence, Result, Verdict
from ..outcome import mismatch, outcome
from . import shown_nodeid, shown_path  # noqa: F401
from .atomic import report_path, write_text
from .junitxml import where
from .terminal import summary_line

if TYPE_CHECKING:
    from ..config import Config, OptionParser
    from ..errors import ExitCode

TEMPLATE = "report.html.j2"
MISSING_JINJA = "--html needs Jinja2: pip install 'claimcheck-news[html]' (or pip install jinja2)"


@hookimpl
def claimcheck_addoption(parser: "OptionParser") -> None:
    parser.addoption("--html", dest="html_report", metavar="FILE", default=None,
                     help="write a self-contained HTML evidence report to FILE (needs Jinja2)")


@hookimpl
def claimcheck_configure(config: "Config") -> None:
    # Before any claim is checked: a missing extra should not cost a whole run.
    if config.getoption("html_report"):
        try:
            import jinja2  # noqa: F401
        except ImportError:
            raise UsageError(MISSING_JINJA) from None


@hookimpl
def claimcheck_sessionfinish(results: Sequence[Result], exitstatus: "ExitCode",
                             duration: float, config: "Config") -> None:
    path = config.getoption("html_report")
    if path:
        write_text(report_path(path), render(results, strict=config.strict, duration=duration),
                   flag="--html")


def render(results: Sequence[Result], *, strict: bool = False, duration: float = 0.0) -> str:
    """The report as HTML text."""
    try:
        import jinja2
    except ImportError:
        raise UsageError(MISSING_JINJA) from None
    env = jinja2.Environment(loader=jinja2.PackageLoader("claimcheck", "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True)
    documents: dict[str, dict[str, Any]] = {}
    rows = [_row(result, strict, documents) for result in results]
    tags = sorted({tag for result in results for tag in result.claim.tags})
    failed = sum(not row["passed"] for row in rows)
    return env.get_template(TEMPLATE).render(
        summary=summary_line(results, duration, strict).rsplit(" in ", 1)[0], results=results,
        rows=rows, failed=failed, tags=tags, verdicts=[v.value for v in Verdict],
        documents=list(documents.values()))


def _row(result: Result, strict: bool, documents: dict[str, dict[str, Any]]) -> dict[str, Any]:
    claim = result.claim
    sides = {item.verdict for item in result.evidence}
    conflict = ""
    if {Verdict.SUPPORTED, Verdict.CONTRADICTED} <= sides:
        counts = {v: sum(i.verdict is v for i in result.evidence) for v in sides}
        conflict = (f"{counts[Verdict.SUPPORTED]} supporting, {counts[Verdict.CONTRADICTED]} "
                    "contradicting passage(s)")
    why = mismatch(result)
    if result.verdict is Verdict.ERROR:
        why = result.error or "the claim could not be checked"
    elif result.verdict is Verdict.ABSENT and not why:
        why = "no passage of the sources states it or its contrary"
    # Supporting passages first, then contradicting ones: the two sides read side by side.
    ordered = sorted(result.evidence, key=lambda item: item.verdict is not Verdict.SUPPORTED)
    return {
        "nodeid": shown_nodeid(claim), "text": claim.text, "verdict": result.verdict.value,
        "expected": claim.expected.value if claim.expected else "",
        "passed": outcome(result, strict).passed, "tags": list(claim.tags), "why": why,
        "conflict": conflict, "evidence": [_item(item, documents) for item in ordered],
    }


def _item(item: Evidence, documents: dict[str, dict[str, Any]]) -> dict[str, Any]:
    doc = item.passage.document
    anchor = _document(doc, documents)["anchor"]
    return {
        "verdict": item.verdict.value, "hedged": item.hedged, "where": where(item),
        "anchor": f"{anchor}-L{item.passage.line}", "segments": segments(item),
        "found": "; ".join(f"{m.kind} = {m.value}" for m in item.found),
    }


def _document(doc: Document, documents: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The cited document's entry (its lines, for the links), added on first citation."""
    if doc.source not in documents:
        documents[doc.source] = {"source": doc.source, "anchor": f"src-{len(documents) + 1}",
                                 "lines": list(enumerate(doc.text.split("\n"), 1))}
    return documents[doc.source]


def segments(item: Evidence) -> list[tuple[str, str | None]]:
    """The passage as (text, kind) pieces: kind for a bound value, None between them."""
    passage = item.passage
    text, start, end = passage.document.text, passage.start, passage.end
    pieces: list[tuple[str, str | None]] = []
    at = start
    for mention in sorted(item.found, key=lambda m: m.start):
        lo, hi = max(mention.start, at), min(mention.end, end)
        if lo >= hi:
            continue  # outside the passage, or overlapping one already marked
        if lo > at:
            pieces.append((text[at:lo], None))
        pieces.append((text[lo:hi], mention.kind))
        at = hi
    if at < end:
        pieces.append((text[at:end], None))
    return pieces
