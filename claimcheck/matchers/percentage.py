"""Built-in matcher plugin "percentage": percentages and percentage points."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Iterator, Mapping

from ..hookspecs import hookimpl
from ..model import Mention
from . import Agreement, Matcher
from ._numbers import SPACE, compare_bounds, fmt, scan_numbers, signed, tolerance_option as _tolerance
from .amount import _QUALIFIER_RE, _RANGE_OPEN_RE

if TYPE_CHECKING:
    from ..model import Expected, PartialDate


@dataclass(frozen=True, slots=True, kw_only=True)
class Percentage:
    """A percentage or a number of percentage points: ``49%``, ``~49%``, ``40..45%``, ``3 pts``."""

    low: Decimal | None
    """Lower bound (the value itself for exact, approx and min)."""
    high: Decimal | None
    """Upper bound (the value itself for exact, approx and max)."""
    qualifier: str = "exact"
    """One of ``exact``, ``approx``, ``min``, ``max``, ``range``."""
    points: bool = False
    """True for percentage points ("3 points de pourcentage"), never compared with percentages."""

    def __str__(self) -> str:
        unit = " pts" if self.points else "%"
        if self.qualifier == "range":
            return f"{fmt(self.low)}..{fmt(self.high)}{unit}"
        mark = {"exact": "", "approx": "~", "min": ">", "max": "<"}[self.qualifier]
        value = self.high if self.qualifier == "max" else self.low
        return f"{mark}{fmt(value)}{unit}"


# Basis points are hundredths of a point; "bp", "bps" and "pb" only in lower case (or "BPS"):
# "5 BP" is as often the oil company as a rate move.
_BASIS = (r"basis{S}+points?\b|points?{S}+de{S}+base\b|(?-i:bps?|BPS|pb|pdb)\b").replace("{S}", SPACE)
_POINTS = (r"points?{S}+de{S}+pourcentage|points?{S}+de{S}*%|percentage{S}+points?|"
           r"points?{S}+percentage|pp\b|pts?\b|points?\b").replace("{S}", SPACE)
_PERCENT = (r"%|pour{S}*-?{S}*cent(?:s)?\b|pourcents?\b|pourcentages?\b|percents?\b|percentage\b|"
            r"per{S}*cent\b|p\.{S}?c\.|‰").replace("{S}", SPACE)
_SUFFIX_RE = re.compile(
    rf"{SPACE}*(?:(?P<basis>(?i:{_BASIS}))|(?P<points>(?i:{_POINTS}))|(?P<pct>(?i:{_PERCENT})))")
# "pourcentage de vingt", "percent of 10": only at the end of a phrase.
_PREFIX_RE = re.compile(
    rf"(?i)(?<![\w])(?:pourcentages?|pourcents?|percents?|percentage|per{SPACE}*cent)"
    rf"{SPACE}+(?:de|des|du|d['’]|of){SPACE}+$")
_PREFIX_END_RE = re.compile(rf"{SPACE}*(?:[.,;:!?)]|$)")
_SIGN_RE = re.compile(rf"(?i)(?:(?<![\w])(?P<minus>minus|moins(?!{SPACE}+d))|(?<![\w\d])(?P<dash>[-−–]))?{SPACE}*$")
_RANGE_JOIN_RE = re.compile(rf"(?i){SPACE}*(?:(?P<w>et|and|à|to)|[-–—]){SPACE}*$")
_URL_RE = re.compile(r"(?i)(?:https?://|www\.)\S+")
_ACCOUNTING_RE = re.compile(r"\)(?=[ \u00a0\u202f]?(?:%|pp\b|pts?\b|bps?\b))")


@dataclass(slots=True)
class _Reading:
    start: int
    end: int
    value: Decimal
    points: bool
    unit_found: bool
    qualifier: str = "exact"
    high: Decimal | None = None


class PercentageMatcher(Matcher):
    """Percentages and percentage points: ``expect: {percentage: 49 %}``.

    Recognised: "49 %", "49%", "49 pour cent", "49 pourcent(s)", "49 percent", "49 per cent",
    "0,5 %" (French decimal comma), "0.5%" (English decimal point), number words
    ("quarante-neuf pour cent", "fifty percent"), "pourcentage de vingt", "percent of 10",
    "minus five percent" (-5), "(13.7)%" (an accountant's negative, -13.7), ranges ("entre 40 et 45 %", "between 40 and 45 percent",
    "40-45 %") and the qualifiers of amounts: environ / près de / about / around → approx
    (``~49%``); plus de / more than / over / au moins → min (``>49%``); moins de / less than /
    under / jusqu'à / up to → max (``<49%``).

    Percentage points are kept apart: "3 points de pourcentage", "3 points", "3 percentage
    points", "3 pp" give ``3 pts``, which never agrees or disagrees with a percentage
    (UNDECIDED both ways). Basis points are hundredths of a point: "150 basis points",
    "150 bps", "150 bp", "150 points de base", "150 pb" give ``1.5 pts`` ("bp", "bps", "pb"
    in lower case only: "5 BP stations" is a company).

    Deliberately not recognised: "49 dollars" (an amount), numbers without a percent word,
    URL-encoded text ("q=30%25%2020%").

    Comparison: option ``tolerance`` in percentage points (absolute, default 0; "1 %" is
    refused as ambiguous: write 1); an
    approximate value on either side widens it to at least 1 point. "plus de 50 %" against a
    claim of 40 % is a MISMATCH, against 60 % UNDECIDED.
    """

    kind = "percentage"
    options = frozenset({"tolerance"})

    def parse(self, text: str, *, lang: str, options: Mapping[str, object]) -> Percentage:
        _tolerance(options, percent=False)
        stripped = str(text).strip()
        shown = _STR_FORM_RE.fullmatch(stripped)
        if shown:
            return _from_str_form(shown)
        readings = list(_read(stripped, lang))
        if len(readings) == 1 and not re.search(
                r"\w", stripped[:readings[0].start] + stripped[readings[0].end:]):
            return _value_of(readings[0])
        raise ValueError(f"{stripped!r} is not a percentage: write a number with a percent "
                         "sign or word, e.g. '49 %', '49 pour cent' or '3 points de pourcentage'")

    def extract(self, text: str, *, lang: str | None = None,
                ref_date: "PartialDate | None" = None) -> Iterator[Mention]:
        for reading in _read(text, lang):
            yield Mention(kind=self.kind, start=reading.start, end=reading.end,
                          text=text[reading.start:reading.end], value=_value_of(reading))

    def compare(self, expected: "Expected", mention: Mention) -> Agreement:
        want, got = expected.value, mention.value
        if want.points != got.points:
            return Agreement.UNDECIDED
        return compare_bounds(want, got, _tolerance(expected.options, percent=False), Decimal(1),
                              relative=False)

    def with_sign(self, value: Percentage, sign: int) -> Percentage:
        return signed(value, sign)


def _read(text: str, lang: str | None) -> Iterator[_Reading]:
    out: list[_Reading] = []
    urls = [(m.start(), m.end()) for m in _URL_RE.finditer(text)]
    url_index = 0
    pending: _Reading | None = None  # a bare number that may open a range ("entre 40 et 45 %")
    for token in scan_numbers(text, lang):
        while url_index < len(urls) and urls[url_index][1] <= token.start:
            url_index += 1
        if url_index < len(urls) and urls[url_index][0] <= token.start:
            continue
        if token.start and (text[token.start - 1].isalpha() or text[token.start - 1] in "%="):
            continue  # "GPT-4", "q=30%25", "%2020%"
        # "(13.7)%" in a results table: an accountant's negative
        closing = _ACCOUNTING_RE.match(text, token.end) if token.start and text[token.start - 1] == "(" else None
        suffix = _SUFFIX_RE.match(text, closing.end() if closing else token.end)
        if suffix and suffix.group("pct") == "%" and re.match(r"[0-9A-Fa-f]{2}", text[suffix.end():suffix.end() + 2]):
            continue  # URL-encoded "%25"
        reading = _Reading(start=token.start, end=token.end, value=token.value, points=False, unit_found=False)
        if closing and suffix:
            reading.start, reading.value = token.start - 1, -token.value
        if suffix:
            reading.points = suffix.group("pct") is None
            if suffix.group("basis"):
                reading.value /= 100
                if pending is not None:
                    pending.value /= 100  # "entre 25 et 50 points de base": both are basis points
            reading.end = suffix.end()
            reading.unit_found = True
        else:
            prefix = _PREFIX_RE.search(text, max(0, token.start - 30), token.start)
            if prefix and _PREFIX_END_RE.match(text, token.end):
                reading.start = prefix.start()
                reading.unit_found = True
        if not reading.unit_found:
            # A glued letter ("3D", "14h") ends any chance of a range too.
            pending = None if token.end < len(text) and text[token.end].isalpha() else reading
            continue
        qualifier = _QUALIFIER_RE.search(text, max(0, reading.start - 40), reading.start)
        sign = None if qualifier else _SIGN_RE.search(text, max(0, reading.start - 12), reading.start)
        if sign and (sign.group("minus") or sign.group("dash")):
            if not (pending and sign.group("dash") and _joined(text, pending, reading)):
                reading.value = -reading.value
                reading.start = sign.start("minus") if sign.group("minus") else sign.start("dash")
        if pending is not None and _joined(text, pending, reading) and pending.value <= reading.value:
            reading.qualifier, reading.high, reading.value = "range", reading.value, pending.value
            opener = _RANGE_OPEN_RE.search(text, max(0, pending.start - 12), pending.start)
            dash = _RANGE_JOIN_RE.match(text[pending.end:token.start]).group("w") is None
            reading.start = opener.start() if opener and not dash else pending.start
            pending = None
            out.append(reading)
            continue
        pending = None
        if out and _joined(text, out[-1], reading, both=True) and out[-1].qualifier == "exact" \
                and out[-1].points == reading.points and out[-1].value <= reading.value:
            first = out[-1]  # "entre 40 % et 45 %"
            first.qualifier, first.high, first.end = "range", reading.value, reading.end
            opener = _RANGE_OPEN_RE.search(text, max(0, first.start - 12), first.start)
            if opener and opener.group("w").lower() in ("entre", "between"):
                first.start = opener.start()
            continue
        if qualifier:
            reading.qualifier = qualifier.lastgroup
            reading.start = qualifier.start()
        out.append(reading)
    return iter(out)


def _joined(text: str, first: _Reading, second: _Reading, both: bool = False) -> bool:
    """Is ``first … second`` a range? With ``both`` (two full percentages), only after
    "entre"/"between" or with a dash: "passé de 5 % à 7 %" is a change."""
    gap = text[first.end:second.start]
    join = _RANGE_JOIN_RE.match(gap) if len(gap) <= 8 else None
    if not join:
        return False
    opener = _RANGE_OPEN_RE.search(text, max(0, first.start - 12), first.start)
    word = opener.group("w").lower() if opener else None
    joiner = (join.group("w") or "").lower()
    if not joiner:
        return True  # "40-45 %"
    if word in ("entre", "between"):
        return joiner in ("et", "and")
    if word in ("de", "d'", "d’", "from") and not both:
        return joiner in ("à", "to")
    return False


def _value_of(reading: _Reading) -> Percentage:
    if reading.qualifier == "range":
        return Percentage(low=reading.value, high=reading.high, qualifier="range", points=reading.points)
    return Percentage(low=None if reading.qualifier == "max" else reading.value,
                      high=None if reading.qualifier == "min" else reading.value,
                      qualifier=reading.qualifier, points=reading.points)


_STR_FORM_RE = re.compile(
    r"(?P<q>[~<>])?(?P<low>-?\d+(?:\.\d+)?)(?:\.\.(?P<high>-?\d+(?:\.\d+)?))?(?:%| (?P<pts>pts))")


def _from_str_form(match: re.Match) -> Percentage:
    """Read the ``str()`` form back: ``49%``, ``~49%``, ``40..45%``, ``3 pts``."""
    low, points = Decimal(match.group("low")), bool(match.group("pts"))
    if match.group("high"):
        return Percentage(low=low, high=Decimal(match.group("high")), qualifier="range", points=points)
    qualifier = {"~": "approx", ">": "min", "<": "max", None: "exact"}[match.group("q")]
    return Percentage(low=None if qualifier == "max" else low, high=None if qualifier == "min" else low,
                      qualifier=qualifier, points=points)


@hookimpl
def claimcheck_register_matchers():
    return [PercentageMatcher()]
