"""Built-in reporter plugin "junitxml": ``--junitxml FILE``, a JUnit XML report valid against junit-10.xsd.

One ``<testsuite name="claimcheck">`` with one ``<testcase>`` per claim. A contradicted
claim is a ``<failure>``, an absent one ``<skipped>`` (a ``<failure>`` under ``--strict``),
a claim that could not be checked an ``<error>``, and a supported one has no child but its
``<system-out>``. Every passage that decided the claim is listed in ``<system-out>``.
"""
from __future__ import annotations

import datetime as dt
import math
import platform
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from ..hookspecs import hookimpl
from ..model import Evidence, Result, Verdict
from ..outcome import mismatch, outcome
from .atomic import report_path, write_text

if TYPE_CHECKING:
    from ..config import Config, OptionParser
    from ..errors import ExitCode

QUOTE_LIMIT = 300
"""Longest quote shown in a message, in characters, before it is cut with "…"."""
SUPPORTED_LINES = 3
"""Most ``<system-out>`` lines for a supported claim: CI pages list passing tests too."""

# Everything XML 1.0 cannot carry, even as a character reference: C0 controls other than
# tab/newline/return, lone surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


FAMILIES = ("xunit2", "xunit1")
"""pytest's ``junit_family`` values: xunit2 (default) validates against junit-10.xsd, which
has no place for a test's file and line; xunit1 adds ``file`` and ``line`` to each
``testcase``, which GitLab and the JUnit-annotation Actions read."""


@hookimpl
def claimcheck_addoption(parser: "OptionParser") -> None:
    parser.addoption(
        "--junitxml", "--junit-xml", dest="junitxml", metavar="FILE", default=None,
        help="write a JUnit XML report of the claims to FILE (relative to the working folder)",
    )
    parser.addoption(
        "--junit-family", dest="junit_family", choices=FAMILIES, default=None,
        help="xunit2 (default, schema-valid) or xunit1: each testcase also gets the claim's "
             "file and line (pytest's junit_family)",
    )


@hookimpl
def claimcheck_sessionfinish(results: Sequence[Result], exitstatus: "ExitCode",
                             duration: float, config: "Config") -> None:
    path = config.getoption("junitxml")
    if not path:
        return
    write_text(report_path(path), render(results, duration=duration, strict=config.strict,
                                         rootdir=config.rootdir,
                                         family=config.getoption("junit_family", "xunit2")),
               flag="--junitxml")


def render(results: Sequence[Result], *, duration: float, strict: bool = False,
           rootdir: Path | None = None, timestamp: dt.datetime | None = None,
           hostname: str | None = None, family: str = "xunit2") -> str:
    """The whole report as text, XML declaration and final newline included."""
    root = build(results, duration=duration, strict=strict, rootdir=rootdir,
                 timestamp=timestamp, hostname=hostname, family=family)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'


def build(results: Sequence[Result], *, duration: float, strict: bool = False,
          rootdir: Path | None = None, timestamp: dt.datetime | None = None,
          hostname: str | None = None, family: str = "xunit2") -> ET.Element:
    """The ``<testsuites>`` element for ``results``; every string in it is XML-safe."""
    duration = _seconds(duration)
    if timestamp is None:
        # The session's start, as pytest reports it: local time with its offset.
        timestamp = (dt.datetime.now().astimezone() - dt.timedelta(seconds=duration))
    counts = {verdict: 0 for verdict in Verdict}
    for result in results:
        counts[result.verdict] += 1
    judged = [outcome(r, strict) for r in results]
    failures = sum(o.failed for r, o in zip(results, judged) if r.verdict is not Verdict.ERROR)
    skipped = sum(o.passed and r.verdict is Verdict.ABSENT and o.expected is not Verdict.ABSENT
                  for r, o in zip(results, judged))
    totals = {"tests": str(len(results)), "failures": str(failures),
              "errors": str(counts[Verdict.ERROR])}

    suites = ET.Element("testsuites", {"name": "claimcheck", **totals, "time": f"{duration:.3f}"})
    suite = ET.SubElement(suites, "testsuite", {
        "name": "claimcheck", **totals, "skipped": str(skipped), "time": f"{duration:.3f}",
        "timestamp": timestamp.isoformat(timespec="seconds"),
        "hostname": platform.node() if hostname is None else hostname,
    })
    seen: set[tuple[str, str]] = set()
    for result in results:
        suite.append(testcase(result, strict=strict, rootdir=rootdir, family=family, seen=seen))
    _make_xml_safe(suites)
    return suites


def testcase(result: Result, *, strict: bool = False, rootdir: Path | None = None,
             family: str = "xunit2", seen: set[tuple[str, str]] | None = None) -> ET.Element:
    """One claim's ``<testcase>``; the pytest plugin writes the same element into pytest's
    report, so both front ends give one JUnit for one claim."""
    classname = dotted_name(result.claim.location.path, rootdir)
    name = _unique(classname, result.claim.id, set() if seen is None else seen)
    attrib = {"classname": classname, "name": name}
    if family == "xunit1":
        attrib.update(file=_relative(result.claim.location.path, rootdir).as_posix(),
                      line=str(result.claim.location.line or 1))
    attrib["time"] = f"{_seconds(result.duration):.3f}"
    case = ET.Element("testcase", attrib)
    _fill(case, result, strict)
    _make_xml_safe(case)
    return case


def _relative(path: Path, rootdir: Path | None) -> Path:
    if path.is_absolute() and rootdir is not None:
        try:
            return path.relative_to(rootdir)
        except ValueError:
            pass
    return path


def dotted_name(path: Path, rootdir: Path | None = None) -> str:
    """A claim file as a JUnit classname: ``claims/funding.yaml`` → ``claims.funding``.

    An absolute path is made relative to the project root when it lies under it.
    """
    if path.is_absolute() and rootdir is not None:
        try:
            path = path.relative_to(rootdir)
        except ValueError:
            pass
    parts = [part for part in path.with_suffix("").parts if part not in (path.anchor, ".")]
    return ".".join(parts) or path.stem


def quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """A passage for a message: whitespace collapsed, cut to ``limit`` characters with "…"."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit - 1].rstrip() + "…"
    return text


def where(item: Evidence) -> str:
    """``source:line`` of a piece of evidence."""
    return f"{item.passage.document.source}:{item.passage.line}"


def evidence_line(item: Evidence) -> str:
    """One line per passage: verdict, source:line, quote, the values found, hedged or not."""
    line = f"{item.verdict.value} {where(item)} «{quote(item.passage.text)}»"
    if item.found:
        line += " found: " + "; ".join(f"{m.kind}={m.value}" for m in item.found)
    if item.hedged:
        line += " (hedged)"
    return line


def _fill(case: ET.Element, result: Result, strict: bool) -> None:
    """Add the verdict's child element and the per-source ``<system-out>``.

    The child follows the outcome, not the verdict alone: a claim contradicted as it
    declares passes (no ``<failure>``), one whose declared verdict was not given fails.
    """
    claim = result.claim
    decisive = result.decisive
    headline = result.verdict.value
    if decisive is not None:
        headline += f": «{quote(decisive.passage.text)}» ({where(decisive)})"
    lines = [evidence_line(item) for item in _ordered(result)]
    judged = outcome(result, strict)
    wrong = mismatch(result)

    if result.verdict is Verdict.ERROR:
        message = result.error or "the claim could not be checked"
        _child(case, "error", message, "error", f"claim: {claim.text}\nerror: {message}")
    elif judged.unexpected:
        body = [f"claim: {claim.text}", f"expected: {judged.expected.value}",
                f"verdict: {result.verdict.value}"]
        if decisive is not None:
            body += [f"quote: «{quote(decisive.passage.text)}»", f"source: {where(decisive)}"]
        if lines:
            body += ["evidence:", *lines]
        _child(case, "failure", f"{wrong}: {headline}" if decisive is not None else wrong,
               "unexpected-verdict", "\n".join(body))
    elif judged.passed and judged.expected not in (None, Verdict.SUPPORTED):
        # As declared: a pass, which says so first, then its evidence.
        lines = [f"{result.verdict.value}, as declared", *lines]
    elif result.verdict is Verdict.CONTRADICTED:
        body = [f"claim: {claim.text}", f"verdict: {result.verdict.value}"]
        if decisive is not None:
            body += [f"quote: «{quote(decisive.passage.text)}»", f"source: {where(decisive)}"]
        body += ["evidence:", *lines]
        _child(case, "failure", headline, "contradicted", "\n".join(body))
    elif result.verdict is Verdict.ABSENT:
        message = "absent: no passage of the sources confirms or contradicts this claim"
        if strict:
            _child(case, "failure", message, "absent",
                   f"claim: {claim.text}\nverdict: absent (a failure under --strict)")
        else:
            _child(case, "skipped", message)
    elif len(lines) > SUPPORTED_LINES:
        more = len(lines) - (SUPPORTED_LINES - 1)
        lines = lines[:SUPPORTED_LINES - 1] + [f"… and {more} more passages (see --json)"]

    if lines:
        ET.SubElement(case, "system-out").text = "\n".join(lines)


def _ordered(result: Result) -> list[Evidence]:
    """The evidence with the decisive passage first, the rest in corpus order."""
    decisive = result.decisive
    if decisive is None:
        return []
    return [decisive, *(item for item in result.evidence if item is not decisive)]


def _child(case: ET.Element, tag: str, message: str, type_: str | None = None,
           body: str | None = None) -> None:
    attrib = {"message": message}
    if type_ is not None:
        attrib["type"] = type_
    ET.SubElement(case, tag, attrib).text = body


def _unique(classname: str, name: str, seen: set[tuple[str, str]]) -> str:
    """``name``, or ``name[2]``, ``name[3]``…: GitLab keeps only the first of equal pairs."""
    candidate, number = name, 1
    while (classname, candidate) in seen:
        number += 1
        candidate = f"{name}[{number}]"
    seen.add((classname, candidate))
    return candidate


def _seconds(value: float) -> float:
    """A duration the XSD's SUREFIRE_TIME accepts: finite and not negative."""
    return value if math.isfinite(value) and value > 0 else 0.0


def xml_safe(text: str) -> str:
    """``text`` with every character XML 1.0 cannot hold written as ``\\xNN``/``\\uNNNN``."""
    return _NOT_XML.sub(_escape_char, text)


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _make_xml_safe(root: ET.Element) -> None:
    """Clean every attribute and text in the tree, so no input can break the file."""
    for element in root.iter():
        element.attrib = {key: xml_safe(value) for key, value in element.attrib.items()}
        if element.text:
            element.text = xml_safe(element.text)
        if element.tail:
            element.tail = xml_safe(element.tail)
