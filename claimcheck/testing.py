"""Data-driven matcher tests: load YAML case files and check a matcher against them.

Shipped in the package so that ``plugins/`` matchers and third-party ones test themselves
the way the built-ins do. A case file is named ``KIND.LANG.yaml``::

    kind: amount
    lang: fr
    ref_date: 2023-01-24          # optional, for every case; a case may override it
    un_milliard_de_dollars:       # case id
      text: Microsoft a injecté un milliard de dollars en 2019.
      mentions: [{text: un milliard de dollars, value: "USD 1000000000"}]
    plus_d_un_milliard_is_not_500_millions:
      expected: 500 millions de dollars      # parsed with Matcher.parse
      text: plus d'un milliard de dollars     # its first mention is compared
      agreement: mismatch

``mentions`` lists every mention ``extract`` must return, in order, compared by text and
``str(value)`` (``value`` may be left out to check spans only).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Mapping

import yaml

from .matchers import Agreement, Matcher
from .model import Expected, PartialDate

RESERVED = {"kind", "lang", "ref_date"}


@dataclass(frozen=True)
class Case:
    """One case of a case file; ``id`` reads ``amount.fr::un_milliard`` for ``-k``."""

    id: str
    kind: str
    lang: str
    text: str
    ref_date: PartialDate | None = None
    mentions: tuple[Mapping[str, object], ...] | None = None
    expected: str | None = None
    options: Mapping[str, object] = field(default_factory=dict)
    agreement: str | None = None


def load_cases(folder: str | Path, kind: str | None = None) -> list[Case]:
    """Every case in ``folder/*.yaml`` (only files of ``kind`` when given), in file order."""
    cases = []
    for path in sorted(Path(folder).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if "kind" not in data or (kind and data["kind"] != kind):
            continue
        cases.extend(_cases_of(path, data))
    return cases


def _cases_of(path: Path, data: Mapping) -> Iterator[Case]:
    default_ref = data.get("ref_date")
    for key, body in data.items():
        if key in RESERVED:
            continue
        ref = body.get("ref_date", default_ref)
        yield Case(
            id=f"{path.stem}::{key}", kind=data["kind"], lang=body.get("lang", data.get("lang")),
            text=body["text"], ref_date=PartialDate.parse(str(ref)) if ref else None,
            mentions=tuple(body["mentions"]) if "mentions" in body else None,
            expected=None if body.get("expected") is None else str(body["expected"]),
            options=body.get("options", {}), agreement=body.get("agreement"),
        )


def check_case(matcher: Matcher, case: Case) -> None:
    """Assert that ``matcher`` behaves as ``case`` says (raises AssertionError otherwise)."""
    found = list(matcher.extract(case.text, lang=case.lang, ref_date=case.ref_date))
    if case.mentions is not None:
        got = [_as_case(m, want) for m, want in zip(found, case.mentions)] + [
            {"text": m.text, "value": str(m.value)} for m in found[len(case.mentions):]]
        assert got == [dict(m) for m in case.mentions], f"{case.id}: {case.text!r}"
    if case.expected is not None:
        value = matcher.parse(case.expected, lang=case.lang, options=case.options)
        expected = Expected(kind=matcher.kind, text=case.expected, value=value, options=case.options)
        assert found, f"{case.id}: no {matcher.kind} found in {case.text!r}"
        assert matcher.compare(expected, found[0]) is Agreement(case.agreement), case.id


def _as_case(mention, want: Mapping[str, object]) -> dict:
    shown = {"text": mention.text}
    if "value" in want:
        shown["value"] = str(mention.value)
    return shown
