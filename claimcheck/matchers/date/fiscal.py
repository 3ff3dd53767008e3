"""The rules of company periods: fiscal years and quarters, "the quarter ended March 29", "two years earlier".

A fiscal year's months depend on the company, which the words do not say. NOTE: the reading is an honest
envelope, not a guess. Fiscal year Y is named, in the English-language press, after the calendar year it ends
in (Microsoft's fiscal 2021 ran July 2020 to June 2021, Walmart's February 2020 to January 2021) or, for
retailers whose year ends in January, after the one it starts in (a "fiscal 2020" ending January 2021). So
fiscal Y starts between February Y-1 and February Y, and its span is February Y-1 to January Y+1; a fiscal
quarter or half is the union of its possible months the same way (fiscal Q2 2021: May 2020 to July 2021).
Japan's convention (fiscal 2021 = April 2021 to March 2022) is outside it. The span only serves to refute: a
fiscal period never matches a calendar one (undecided unless disjoint), and two fiscal periods compare by
their labels (``DateSpan.fiscal``). A fiscal period without a year ("the fiscal second quarter") stays
unresolved: the year is unknown too.
"""
from __future__ import annotations

import datetime as dt

from .patterns import _ORD_QUARTER, rule
from .resolve import _Cand, _Ref, _add_months, _fixed, _last, _latest_day
from .vocabulary import APOS, DAY, MONTH, YEAR4, _OSP, _SP, _alt, _mo, _num, _year

_QUARTER_ORD = _alt(w for w, n in _ORD_QUARTER.items() if n > 0)
_HALF_ORD = _alt(w for w, n in _ORD_QUARTER.items() if n in (1, 2))


def _part(i: int) -> str:
    """One fiscal part: "second quarter", "second-quarter", "Q2", "first half", "H1" (groups numbered ``i``)."""
    return (rf"(?:(?P<qo{i}>{_QUARTER_ORD})[ -]quarter|(?P<ho{i}>{_HALF_ORD})[ -]half|Q(?P<qn{i}>[1-4])|"
            rf"H(?P<hn{i}>[12]))(?![\w-])")


def _fy(i: int) -> str:
    """A fiscal year: "fiscal 2021", "fiscal year 2021", "FY2021", "FY 2021", "FY21" (groups numbered ``i``)."""
    return rf"(?:fiscal{_SP}(?:year{_SP})?(?P<y{i}>(?:19|20)\d\d)|FY{_OSP}(?P<yy{i}>(?:19|20)\d\d|'?\d\d))(?![\w-])"


def fiscal_span(year: int, unit: str, index: int | None) -> tuple[dt.date, dt.date]:
    """The envelope of fiscal ``year``'s ``unit`` ("year", "quarter", "half") number ``index``."""
    months = {"year": 12, "half": 6, "quarter": 3}[unit]
    first = _add_months(dt.date(year - 1, 2, 1), months * ((index or 1) - 1))
    last = _add_months(first, 12 + months - 1)
    return first, last.replace(day=_last(last.year, last.month))


def fiscal_label(fiscal: tuple[int | None, str, int | None]) -> str:
    """``FY2021``, ``FY2021-Q2``, ``FY2021-H1``; ``FY?-Q2`` without a year."""
    year, unit, index = fiscal
    label = f"FY{year if year is not None else '?'}"
    return label if unit == "year" else f"{label}-{unit[0].upper()}{index}"


def _part_of(m, i: int) -> tuple[str, int] | None:
    for group, unit in (("qo", "quarter"), ("qn", "quarter"), ("ho", "half"), ("hn", "half")):
        found = m[f"{group}{i}"]
        if found:
            return unit, int(found) if found.isdigit() else _ORD_QUARTER[found.lower()]
    return None


def _year_of(m, i: int) -> int | None:
    if m[f"y{i}"]:
        return int(m[f"y{i}"])
    if m[f"yy{i}"]:
        return _year(m[f"yy{i}"]) if len(m[f"yy{i}"].lstrip("'\u2019")) == 2 else int(m[f"yy{i}"])
    return None


def _fiscal_cand(m, year: int | None, unit: str, index: int | None) -> _Cand:
    gran = "year" if unit == "year" else unit
    if year is None:
        cand = _Cand(m.start(), m.end(), gran, lambda ref: None)
    else:
        cand = _Cand(m.start(), m.end(), gran, _fixed(*fiscal_span(year, unit, index)))
    cand.fiscal = (year, unit, index)
    return cand


# "the second quarter of fiscal 2021", "Q2 FY2021", "second-quarter fiscal 2021", "Q2 of FY21".
@rule("en", rf"(?:the{_SP})?{_part(1)}{_SP}(?:of{_SP}|in{_SP})?(?:the{_SP})?{_fy(1)}",
      needs=("fiscal",))
def _part_of_fiscal_year(m, lang):
    unit, index = _part_of(m, 1)
    return _fiscal_cand(m, _year_of(m, 1), unit, index)


# "fiscal 2025 second quarter", "FY2025 Q2", "FY25-Q2", "fiscal 2021", "fiscal year 2022", "FY2023".
@rule("en", rf"(?:the{_SP})?{_fy(1)}(?:(?:{_SP}|{_OSP}[-/]{_OSP}){_part(1)})?",
      needs=("fiscal",))
def _fiscal_year_part(m, lang):
    part = _part_of(m, 1)
    unit, index = part if part else ("year", None)
    return _fiscal_cand(m, _year_of(m, 1), unit, index)


# "the fiscal second quarter", "fiscal Q2", "its second fiscal quarter", "fiscal Q2 2025", "the fiscal first
# half of 2024".
@rule("en", rf"(?:(?:the|its|their){_SP})?(?:fiscal{_SP}{_part(1)}|(?P<fo>{_QUARTER_ORD}){_SP}fiscal{_SP}"
            rf"(?P<fu>quarter|half)(?![\w-]))(?:{_SP}(?:of{_SP})?{YEAR4})?", needs=("fiscal",))
def _fiscal_part(m, lang):
    if m["fo"]:
        unit, index = m["fu"].lower(), _ORD_QUARTER[m["fo"].lower()]
        if unit == "half" and index > 2:
            return None
    else:
        unit, index = _part_of(m, 1)
    return _fiscal_cand(m, int(m["y"]) if m["y"] else None, unit, index)


# -- Periods ending on a day -------------------------------------------------------------------------------------

_LENGTHS = {"quarter": 3, "three months": 3, "3 months": 3, "half": 6, "half-year": 6, "six months": 6,
            "6 months": 6, "nine months": 9, "9 months": 9, "year": 12, "fiscal year": 12, "twelve months": 12,
            "12 months": 12, "trimestre": 3, "semestre": 6, "exercice": 12, "neuf mois": 9,
            "douze mois": 12, "année": 12}
_GRAN = {3: "quarter", 6: "half", 9: "range", 12: "year"}
_EN_PERIOD = (rf"(?:the{_SP})?(?:(?:{_QUARTER_ORD})[ -])?(?:fiscal{_SP})?(?P<len>quarter|three{_SP}months|3{_SP}months|"
              rf"half-year|half|six{_SP}months|6{_SP}months|nine{_SP}months|9{_SP}months|year|twelve{_SP}months|"
              rf"12{_SP}months){_SP}(?:that{_SP})?(?:ended|ending|ends|to|through){_SP}(?:on{_SP})?")
_FR_PERIOD = (rf"(?:(?:le|du|au|l{APOS}){_OSP})?(?P<body>(?:(?:{_QUARTER_ORD}){_SP})?(?P<len>trimestre|semestre|exercice|"
              rf"neuf{_SP}mois|douze{_SP}mois|année)(?:{_SP}fiscale?)?{_SP}(?:clos|close|clôturé|clôturée|cloturé|achevé|"
              rf"achevée|terminé|terminée|arrêté|arrêtée|s{APOS}achevant|se{_SP}terminant|prenant{_SP}fin)){_SP}"
              rf"(?:le{_SP}|au{_SP}|fin{_SP})?")


def _ending_cand(m, months: int) -> _Cand | None:
    d = _num(m["d"])
    if d is None or not 1 <= d <= 31:
        return None
    month = _mo(m)
    year = int(m["y"]) if m["y"] else None

    def resolve(ref: _Ref):
        if year is None:
            found = _latest_day(month, d, ref)
            if found is None:
                return None
            end = found[0]
        else:
            try:
                end = dt.date(year, month, d)
            except ValueError:
                return None
        return _ending(end, months)
    return _Cand(m.start(), m.end(), _GRAN[months], resolve, (year, None, None))


def _ending(end: dt.date, months: int) -> tuple[dt.date, dt.date]:
    """The ``months`` months that end on ``end``: whole months when it is a month's last day ("the quarter
    ended June 30" is April to June), else the days since the same day ``months`` earlier (52-week years)."""
    if end.day == _last(end.year, end.month):
        return _add_months(end.replace(day=1), 1 - months), end
    return _add_months(end, -months) + dt.timedelta(1), end


def _length(m) -> int:
    return _LENGTHS[" ".join(m["len"].lower().split())]


@rule("en", rf"{_EN_PERIOD}{MONTH}{_OSP}(?:the{_SP})?{DAY}(?:{_OSP},?{_OSP}{YEAR4})?", needs=("month",))
def _en_ended_month_day(m, lang):
    """the quarter ended March 29, for the three months ending June 30, 2024."""
    return _ending_cand(m, _length(m))


@rule("en", rf"{_EN_PERIOD}(?:the{_SP})?{DAY}{_OSP}(?:of{_SP})?{MONTH}(?:{_OSP},?{_OSP}{YEAR4})?", needs=("month",))
def _en_ended_day_month(m, lang):
    """the quarter ended 31 March 2024."""
    return _ending_cand(m, _length(m))


@rule("fr", rf"{_FR_PERIOD}{DAY}{_SP}{MONTH}(?:{_SP}{YEAR4})?", needs=("month",))
def _fr_ended(m, lang):
    """le trimestre clos le 31 mars 2024, l'exercice clos au 30 juin, le semestre achevé le 30 juin."""
    cand = _ending_cand(m, _length(m))
    if cand is not None:
        cand.start = m.start("body")
    return cand


# -- Years before the reference ------------------------------------------------------------------------------

_COUNT = r"(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)"
_APPROX = r"(?:(?:nearly|almost|about|some|roughly|près{_SP}de|environ|presque){_SP})?".replace("{_SP}", _SP)


def _years_before(m) -> _Cand | None:
    n = _num(m["n"])
    if not n:
        return None

    def resolve(ref: _Ref):
        if ref.year is None:
            return None
        return dt.date(ref.year - n, 1, 1), dt.date(ref.year - n, 12, 31)
    return _Cand(m.start(), m.end(), "year", resolve)


# NOTE: "a year earlier" in news compares with the same period a year before, which the sentence names only
# through the publication date: read as the calendar year ref.year - N, like "N years ago".
@rule("en", rf"(?<![\w-]){_APPROX}{_COUNT}{_SP}years?{_SP}(?:earlier|previously)(?![\w-])",
      needs=("earlier",))
def _en_years_earlier(m, lang):
    return _years_before(m)


@rule("fr", rf"(?<![\w-]){_APPROX}{_COUNT}{_SP}(?:ans?|années?){_SP}(?:plus{_SP}tôt|plus{_SP}tot|auparavant)",
      needs=("earlier",))
def _fr_years_earlier(m, lang):
    return _years_before(m)
