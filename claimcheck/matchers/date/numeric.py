"""The rules of numeric dates: 2023-01-23, 20230123, 23/01/2023, 22/04, 10/1-11/7, 2018-02, 02/2018, 2015-2017."""
from __future__ import annotations

import datetime as dt
import re

from .prefilter import Guarded
from .registry import rule
from .resolve import _Cand, _Ref, _day_cand, _day_span, _is_future, _latest_day, _month, _unresolved
from .vocabulary import WEEKDAY, _OSP, _SP, _year


@rule("fr en", rf"(?<![\d.,/])(?:{WEEKDAY},?{_SP})?(?P<y>(?:19|20)\d\d)(?P<s>[-/. ])(?P<m>0?[1-9]|1[0-2])(?P=s)"
      r"(?P<d>0?[1-9]|[12]\d|3[01])(?![\d]|[-/.]\d)", needs=("year sep",))
def _iso(m, lang):
    return _day_cand(m, int(m["y"]), int(m["m"]), int(m["d"]))


@rule("fr en", r"(?<![\d.,/])(?P<y>(?:19|20)\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?![\d])", needs=("compact",))
def _compact(m, lang):
    return _day_cand(m, int(m["y"]), int(m["m"]), int(m["d"]))


@rule("fr en", rf"(?<![\d.,/-])(?:(?:{WEEKDAY}|le|the|on){_SP})?(?P<a>\d{{1,2}})(?P<s>[-/. ])(?P<b>\d{{1,2}})(?P=s)"
      r"(?P<y>\d{4}|\d\d)(?![\d]|[-/. ]\d)", needs=("dmy",))
def _numeric_dmy(m, lang):
    a, b = int(m["a"]), int(m["b"])
    if m["s"] == " " and len(m["y"]) == 2 and not (m["wd"] or lang == "fr"):
        return None
    return _numeric(m, a, b, _year(m["y"]), lang)


def _order(days: list[tuple[int, int]], lang: str | None) -> list[tuple[int, int]] | None:
    """(month, day) of numeric days written alike: day first in French, month first in English; the other order
    when only it is valid for one of them."""
    day_first = lang != "en"
    if day_first and any(b > 12 >= a for a, b in days):
        day_first = False
    elif not day_first and any(a > 12 >= b for a, b in days):
        day_first = True
    found = [(b, a) if day_first else (a, b) for a, b in days]
    return found if all(1 <= mo <= 12 and 1 <= d <= 31 for mo, d in found) else None


def _numeric(m, a, b, year, lang):
    order = _order([(a, b)], lang)
    if order is None:
        return None
    (mo, d), = order
    if lang is None and a != b and a <= 12 and b <= 12:
        return _Cand(m.start(), m.end(), "day", _unresolved)  # 03/04/2020 without a language
    if year is None:
        return _day_cand(m, None, mo, d)
    span = _day_span(year, mo, d)
    return _Cand(m.start(), m.end(), "day", lambda ref: span, (year, mo, d))


# Year-less numeric days only with a slash ("22/04") or after a weekday ("vendredi 7.6"): "5.12"
# is a decimal and "7-6" a score. "24/7" means "all the time".
# The weekday is looked for before the match, not in it: "this Friday 7.6" is then two candidates that merge.
_WEEKDAY_BEFORE = Guarded(re.compile(rf"{WEEKDAY},?{_SP}(?:(?:le|the|on){_SP})?$", re.IGNORECASE))


@rule("fr en", rf"(?<![\d.,/-])(?:(?:le|the|on){_SP})?(?P<a>\d{{1,2}})(?P<s>[/.-])(?P<b>\d{{1,2}})(?![\d]|[-/.,]\d)", needs=("dm",))
def _numeric_dm(m, lang):
    a, b = int(m["a"]), int(m["b"])
    wd = _WEEKDAY_BEFORE.search(m.string, max(0, m.start() - 16), m.start())
    if m["s"] != "/" and not wd:
        return None
    if (a, b) in {(24, 7), (7, 7), (7, 24)} or (len(m["a"]) + len(m["b"]) < 3 and not wd):
        return None
    return _numeric(m, a, b, None, lang)


@rule("fr en", rf"(?<![\d.,/-])(?P<a1>\d{{1,2}})(?P<s>[/-])(?P<b1>\d{{1,2}})(?:(?P=s)(?P<y1>\d{{4}}))?[-–]"
      rf"(?P<a2>\d{{1,2}})(?P=s)(?P<b2>\d{{1,2}})(?:(?P=s)(?P<y2>\d{{4}})|,{_OSP}(?P<y3>(?:19|20)\d\d))?(?![\d]|[-/.]\d)",
      needs=("dm",))
def _numeric_day_range(m, lang):
    """10/1-11/7, 5/1-5/7/2020, 10/1/2018-10/7/2018, 10-1-2018-10-7-2018, 5/1-5/7, 2020: a range of two numeric
    days, read in one order (with blanks around the dash each day is a candidate of its own, and the two merge). A year written at the end only is the range's (the start's is the year before
    when it comes later in the calendar); with no year, the range starts on the latest such day on or before the
    reference, or, after a future marker, is the first such range that has not ended. With "-" inside the days
    both years must be written: "6-2-6-4" is a score."""
    y1, y2 = m["y1"], m["y2"] or m["y3"]
    if m["s"] == "-" and not (y1 and y2):
        return None
    days = [(int(m["a1"]), int(m["b1"])), (int(m["a2"]), int(m["b2"]))]
    order = _order(days, lang)
    if order is None:
        return None
    first, last = order
    if lang is None and any(a != b and a <= 12 and b <= 12 for a, b in days):
        return _Cand(m.start(), m.end(), "range", _unresolved)  # 03/04-05/06 without a language
    future = _is_future(m)

    def resolve(ref: _Ref):
        try:
            if y1 or y2:
                start_year = int(y1) if y1 else int(y2) - (first > last)
                start = dt.date(start_year, *first)
                end = dt.date(int(y2) if y2 else start_year + (last < first), *last)
            else:
                begun = _latest_day(*first, ref)
                if begun is None:
                    return None
                start = begun[0]
                end = dt.date(start.year + (last < first), *last)
                if future and end < ref.day:
                    start, end = start.replace(year=start.year + 1), end.replace(year=end.year + 1)
        except ValueError:  # 29 February of a year without one
            return None
        return (start, end, end) if start <= end else None
    return _Cand(m.start(), m.end(), "range", resolve)


# YYYY-MM, MM/YYYY; "2010-11" is a season when the month is the next year's two last digits.
@rule("fr en", r"(?<![\d.,/-])(?P<y>(?:19|20)\d\d)[-/](?P<m>0?[1-9]|1[0-2])(?![\d]|[-/.]\d)", needs=("year sep",))
def _ym(m, lang):
    y, mo = int(m["y"]), int(m["m"])
    if len(m["m"]) == 2 and mo == (y + 1) % 100:
        span = (dt.date(y, 1, 1), dt.date(y + 1, 12, 31))
        return _Cand(m.start(), m.end(), "range", lambda ref: span)
    span = _month(y, mo)
    return _Cand(m.start(), m.end(), "month", lambda ref: span, (y, mo, None))


@rule("fr en", r"(?<![\d.,/-])(?P<m>0?[1-9]|1[0-2])[-/](?P<y>(?:19|20)\d\d)(?![\d]|[-/.]\d)", needs=("dm",))
def _my(m, lang):
    span = _month(int(m["y"]), int(m["m"]))
    return _Cand(m.start(), m.end(), "month", lambda ref: span, (int(m["y"]), int(m["m"]), None))


@rule("fr en", r"(?<![\d.,/-])(?P<y1>(?:1[89]|20)\d\d)(?P<sep>[-–~/]|[ ]?[-–][ ]?)(?P<y2>(?:1[89]|20)\d\d|\d\d)(?![\d]|[-/.]\d)",
      needs=("year sep",))
def _year_range(m, lang):
    """2015-2017, 2015-17; and a split year, "2024/25" (a financial year across two
    calendar years), whose span is both years: its months depend on the company."""
    y1 = int(m["y1"])
    y2 = int(m["y2"]) if len(m["y2"]) == 4 else y1 // 100 * 100 + int(m["y2"])
    if y2 <= y1 or (len(m["y2"]) == 2 and y2 - y1 > 10) or (m["sep"] == "/" and y2 != y1 + 1):
        return None  # "2015-32" is no period; "2019/23" no financial year
    span = (dt.date(y1, 1, 1), dt.date(y2, 12, 31), dt.date(y2, 1, 1))
    return _Cand(m.start(), m.end(), "range", lambda ref: span)
