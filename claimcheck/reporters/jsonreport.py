"""Built-in reporter plugin "jsonreport": ``--json FILE``, the machine-readable report (format version 1).

The shape, stable within a version::

    {"version": 1,
     "summary": {"supported": n, "contradicted": n, "absent": n, "error": n, "passed": n, "failed": n},
     "claims": [{"id", "file", "line", "claim", "verdict", "expected" (only when declared),
                 "passed", "error" (only on error), "tags", "read" (only for fields read from the
                 sentence: {field: [rule, …]}),
                 "evidence": [{"source", "line", "start", "end", "quote", "verdict", "hedged",
                               "found": {kind: value},
                               "mentions": [{"kind", "text", "value", "start", "end"}]}]}]}

``found`` maps each kind to the ``str()`` of its first mention's normalised value;
``mentions`` lists every mention and is present only when one kind was found more than once.
"""
from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, Sequence

from ..hookspecs import hookimpl
from ..model import Evidence, Result, Verdict
from ..outcome import outcome
from .atomic import STDOUT, report_path, write_text

if TYPE_CHECKING:
    from ..config import Config, OptionParser
    from ..errors import ExitCode

VERSION = 1
"""Report format version; bumped only when a key changes meaning or disappears."""

_SURROGATE = re.compile(r"[\ud800-\udfff]")


@hookimpl
def claimcheck_addoption(parser: "OptionParser") -> None:
    parser.addoption(
        "--json", dest="json_report", metavar="FILE", default=None,
        help="write a JSON report of the claims and their evidence to FILE "
             "(relative to the working folder; '-' for standard output)",
    )


@hookimpl
def claimcheck_sessionfinish(results: Sequence[Result], exitstatus: "ExitCode",
                             duration: float, config: "Config") -> None:
    path = config.getoption("json_report")
    if not path:
        return
    if path == STDOUT:
        import sys
        sys.stdout.write(render(results, config.strict))
        sys.stdout.flush()
        return
    write_text(report_path(path), render(results, config.strict), flag="--json")


def render(results: Sequence[Result], strict: bool = False) -> str:
    """The report as text: UTF-8-ready JSON, indented by 2, with a final newline."""
    return render_entries([claim_entry(r, strict) for r in results])


def render_entries(entries: Sequence[dict[str, Any]]) -> str:
    """The report of claims already made entries (:func:`claim_entry`), as text; the
    pytest plugin merges pytest-xdist workers' entries with it."""
    summary = _summary(entries)
    data = {"version": VERSION, "summary": summary, "claims": list(entries)}
    text = json.dumps(data, ensure_ascii=False, indent=2)
    # NOTE: a lone surrogate (an undecodable byte kept by surrogateescape) cannot be
    # encoded as UTF-8; write it as a \uXXXX escape, which is valid JSON and reads back.
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def report(results: Sequence[Result]) -> dict[str, Any]:
    """The report as plain data (the documented version-1 shape)."""
    entries = [claim_entry(r) for r in results]
    return {"version": VERSION, "summary": _summary(entries), "claims": entries}


def _summary(entries: Sequence[dict[str, Any]]) -> dict[str, int]:
    summary = {verdict.value: 0 for verdict in Verdict}
    summary.update(passed=0, failed=0)
    for entry in entries:
        summary[entry["verdict"]] += 1
        summary["passed" if entry.get("passed", True) else "failed"] += 1
    return summary


def claim_entry(result: Result, strict: bool = False) -> dict[str, Any]:
    """One claim, its verdict and every deciding passage; ``expected`` is there when the
    claim declares a verdict, ``passed`` always (see :mod:`claimcheck.outcome`)."""
    claim = result.claim
    entry: dict[str, Any] = {
        "id": claim.id,
        "file": claim.location.path.as_posix(),
        "line": claim.location.line,
        "claim": claim.text,
        "verdict": result.verdict.value,
    }
    if claim.expected is not None:
        entry["expected"] = claim.expected.value
    entry["passed"] = outcome(result, strict).passed
    if result.verdict is Verdict.ERROR or result.error is not None:
        entry["error"] = result.error or ""
    entry["tags"] = list(claim.tags)
    if claim.inferred:
        entry["read"] = {}
        for inferred in claim.inferred:
            entry["read"].setdefault(inferred.field, []).append(inferred.rule)
    entry["evidence"] = [evidence_entry(item) for item in result.evidence]
    return entry


def evidence_entry(item: Evidence) -> dict[str, Any]:
    """One passage's verdict, where it is, its words and the values it states."""
    passage = item.passage
    found: dict[str, str] = {}
    repeated = False
    for mention in item.found:
        if mention.kind in found:
            repeated = True
        else:
            found[mention.kind] = str(mention.value)
    entry: dict[str, Any] = {
        "source": passage.document.source,
        "line": passage.line,
        "start": passage.start,
        "end": passage.end,
        "quote": passage.text,
        "verdict": item.verdict.value,
        "hedged": item.hedged,
        "found": found,
    }
    if repeated:
        entry["mentions"] = [
            {"kind": m.kind, "text": m.text, "value": str(m.value), "start": m.start, "end": m.end}
            for m in item.found
        ]
    return entry
