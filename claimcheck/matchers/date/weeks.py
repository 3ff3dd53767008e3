"""The rules of weeks and weekdays: ISO weeks, the Nth week of a month or a year, a weekday of a named week or
with its date ("this Friday-Jun-15")."""
from __future__ import annotations

import datetime as dt

from .patterns import _ORD_QUARTER, rule
from .relative import _DIR_WORDS, _period_of
from .resolve import _Cand, _Ref, _day_cand, _latest_month, _month
from .vocabulary import APOS, MONTH, MONTHS, WEEKDAYS, YEAR4, _OSP, _SP, _alt, _mo

_SHIFT = r"this|last|next|coming|previous|current"


@rule("en", rf"(?<!\w)week{_SP}(?P<n>[1-9]|[1-4]\d|5[0-3])(?!\d)"
      rf"(?:{_SP}of{_SP}(?:(?P<y>(?:19|20)\d\d)(?!\d)|(?P<dir>{_SHIFT}){_SP}year(?!\w)))?", needs=("unit",))
def _iso_week(m, lang):
    """week 31, week 3 of 2027, week 27 of last year: ISO 8601 weeks (Monday to Sunday)."""
    n = int(m["n"])
    shift = _DIR_WORDS[m["dir"].lower()] if m["dir"] else 0

    def resolve(ref: _Ref):
        year = int(m["y"]) if m["y"] else None if ref.year is None else ref.year + shift
        if year is None:
            return None
        try:
            monday = dt.date.fromisocalendar(year, n, 1)
        except ValueError:
            return None
        return monday, monday + dt.timedelta(6)
    return _Cand(m.start(), m.end(), "week", resolve)


_FR_ORD = {"première": 1, "premiere": 1, "1re": 1, "1ère": 1, "deuxième": 2, "deuxieme": 2, "seconde": 2, "2e": 2,
           "troisième": 3, "troisieme": 3, "3e": 3, "quatrième": 4, "quatrieme": 4, "4e": 4, "dernière": -1,
           "derniere": -1}
_FR_MONTH_DIR = {"dernier": -1, "passé": -1, "prochain": 1, "ce": 0, "en cours": 0}


@rule("en", rf"(?:the{_SP})?(?P<ord>first|second|third|fourth|last|1st|2nd|3rd|4th){_SP}week{_SP}of{_SP}"
      rf"(?:{MONTH}(?:{_OSP},?{_OSP}{YEAR4})?|(?P<y2>(?:19|20)\d\d)(?!\d)|(?P<dir>{_SHIFT}|the){_SP}month(?!\w))",
      needs=("unit",))
def _nth_week(m, lang):
    """the first week of 2015, the last week of July, the last week of this month."""
    shift = None if m["dir"] is None else _DIR_WORDS.get(m["dir"].lower(), 0)
    return _week_of_period(m, _ORD_QUARTER[m["ord"].lower()], shift)


@rule("fr", rf"(?:la{_SP})?(?P<ord>{_alt(_FR_ORD)}){_SP}semaine{_SP}(?:(?:de{_SP}|d{APOS}){MONTH}(?:{_SP}{YEAR4})?"
      rf"|(?:de{_SP}|d{APOS})?(?P<y2>(?:19|20)\d\d)(?!\d)|(?:du|de{_SP}(?P<this>ce))"
      rf"{_SP}mois(?:{_SP}(?P<dir>dernier|passé|prochain|en{_SP}cours))?(?!\w))", needs=("unit",))
def _fr_nth_week(m, lang):
    """la première semaine de juillet, la dernière semaine du mois (prochain): as in English."""
    shift = None
    if m["this"] or "mois" in m.group().lower():
        shift = _FR_MONTH_DIR[" ".join((m["dir"] or "ce").lower().split())]
    return _week_of_period(m, _FR_ORD[m["ord"].lower()], shift)


def _week_of_period(m, index: int, shift: int | None) -> _Cand:
    """The Monday-Sunday week holding the period's Nth Thursday (the ISO rule); -1 is the last. ``shift``: a
    month counted from the reference's ("this month" 0), else a month named or a year."""
    month = _mo(m) if m["mo"] else None

    def resolve(ref: _Ref):
        if shift is not None:
            span = _period_of("month", shift, ref)
        elif m["y"] or m["y2"]:
            year = int(m["y"] or m["y2"])
            span = _month(year, month) if month else (dt.date(year, 1, 1), dt.date(year, 12, 31))
        else:
            span = _latest_month(month, ref)
        if span is None:
            return None
        first, last = span
        if index == -1:
            thursday = last - dt.timedelta((last.weekday() - 3) % 7)
        else:
            thursday = first + dt.timedelta((3 - first.weekday()) % 7 + 7 * (index - 1))
        monday = thursday - dt.timedelta(3)
        return monday, monday + dt.timedelta(6)
    return _Cand(m.start(), m.end(), "week", resolve)


_EN_ABBR = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6}


@rule("en", rf"(?P<dir>{_SHIFT}){_SP}week{_OSP},?{_OSP}(?:on{_SP})?(?P<wd>{_alt(_EN_ABBR)})\.?(?![\w-])",
      needs=("unit",))
def _week_abbreviated_day(m, lang):
    """next week Mon, this week Fri: that day of the week ("next week Monday" is a merge, extract.py). The
    abbreviation is capitalised: "next week sun" is the weather."""
    if not m["wd"][0].isupper():
        return None
    shift, wd = _DIR_WORDS[m["dir"].lower()], _EN_ABBR[m["wd"].lower()]

    def resolve(ref: _Ref):
        week = _period_of("week", shift, ref)
        if week is None:
            return None
        day = week[0] + dt.timedelta(wd)
        return day, day
    return _Cand(m.start(), m.end(), "day", resolve)


@rule("en", rf"(?:(?:this|next|last|on){_SP})?(?P<wd>{_alt(WEEKDAYS)})(?:-|{_OSP}\({_OSP})(?P<mo>{_alt(MONTHS)})\.?[- ]"
      rf"(?P<d>[12]\d|3[01]|0?[1-9])(?![\w-])\)?", needs=("weekday",))
def _weekday_month_day(m, lang):
    """this Friday-Jun-15, this friday (jun-15): the date decides. Without a weekday, "Jun-15" is a month of 2015
    in tables; with one, a day."""
    return _day_cand(m, None, MONTHS[m["mo"].lower()], int(m["d"]))
