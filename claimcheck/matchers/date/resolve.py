"""Calendar arithmetic and candidates: a span of text with the function that turns it into days."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable

from ...model import PartialDate
from .prefilter import Guarded

# ---------------------------------------------------------------------------------------------
# Calendar helpers.
# ---------------------------------------------------------------------------------------------

def _last(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _month(y: int, m: int) -> tuple[dt.date, dt.date]:
    return dt.date(y, m, 1), dt.date(y, m, _last(y, m))


def _months(y: int, m1: int, m2: int) -> tuple[dt.date, dt.date]:
    return dt.date(y, m1, 1), dt.date(y, m2, _last(y, m2))


def _add_months(day: dt.date, n: int) -> dt.date:
    total = day.year * 12 + day.month - 1 + n
    y, m = divmod(total, 12)
    return dt.date(y, m + 1, min(day.day, _last(y, m + 1)))


def _week(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


# Parts of a period. NOTE: months use halves (début = 1-15, fin = 16-end, mi = 10-20) because
# "fin novembre" in news runs from mid-month on; longer periods use thirds (Jan-Apr, May-Aug, Sep-Dec).
def _part(start: dt.date, end: dt.date, part: str | None, gran: str) -> tuple[dt.date, dt.date]:
    if not part:
        return start, end
    if gran == "month":
        return {"early": (start, start.replace(day=15)), "mid": (start.replace(day=10), start.replace(day=20)),
                "late": (start.replace(day=16), end)}[part]
    if gran == "year":
        y = start.year
        return {"early": _months(y, 1, 4), "mid": _months(y, 5, 8), "late": _months(y, 9, 12)}[part]
    days = (end - start).days + 1
    third = days // 3
    if part == "early":
        return start, start + dt.timedelta(days=third - 1)
    if part == "mid":
        return start + dt.timedelta(days=third), end - dt.timedelta(days=third)
    return end - dt.timedelta(days=third - 1), end


# ---------------------------------------------------------------------------------------------
# Candidates: a span of text with a resolver.
# ---------------------------------------------------------------------------------------------

# A resolver returns (first day, last day), or for a range of two parts (first day, last day, first day of the
# last part), or None when the words cannot be resolved.
Resolver = Callable[["_Ref"], "tuple[dt.date, ...] | None"]


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    gran: str
    resolve: Resolver
    ymd: tuple[int | None, int | None, int | None] = (None, None, None)
    """Explicit year, month and day, for ranges that share a month or a year."""
    weekday: int | None = None
    """Set on a bare weekday, which may combine with a week ("mardi de la semaine prochaine")."""
    named_weekday: int | None = None
    """Set on any weekday ("this Friday" too): a date that follows it decides ("this Friday (Jun-15)")."""
    fiscal: tuple[int | None, str, int | None] | None = None
    """A company's fiscal period (year, "year" / "quarter" / "half", number): see fiscal.py."""
    offset: bool = False
    """Set on a day counted from another ("in 3 days", "two weeks from now", "3 days after May 5"): a weekday
    next to it names a day of its week ("Saturday 3 days from now")."""
    bound: str | None = None
    """An open side its own words give ("more than 2 weeks before today": ``before``; see bounds.py)."""


class _Ref:
    """The reference date, with what it knows (a PartialDate may lack the day or the month)."""

    def __init__(self, ref: PartialDate | None):
        self.year = ref.year if ref else None
        self.month = ref.month if ref else None
        self.day = dt.date(ref.year, ref.month, ref.day) if ref and ref.day and ref.month else None


def _fixed(start: dt.date, end: dt.date) -> Resolver:
    return lambda ref: (start, end)


def _latest_month(month: int, ref: _Ref, *, strict: bool = False) -> tuple[dt.date, dt.date] | None:
    """The latest such month that starts on or before the reference (strictly before: ``mars dernier``)."""
    if ref.year is None or ref.month is None:
        return None
    year = ref.year if (month < ref.month or (month == ref.month and not strict)) else ref.year - 1
    return _month(year, month)


def _latest_day(month: int, day: int, ref: _Ref) -> tuple[dt.date, dt.date] | None:
    if ref.day is None:
        return None
    for year in range(ref.day.year, ref.day.year - 9, -1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= ref.day:
            return candidate, candidate
    return None


def _next_day(month: int, day: int, ref: _Ref) -> tuple[dt.date, dt.date] | None:
    """The first such day on or after the reference."""
    if ref.day is None:
        return None
    for year in range(ref.day.year, ref.day.year + 9):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate >= ref.day:
            return candidate, candidate
    return None


# A year-less day after one of these, in its sentence, is to come ("will pay on September 24",
# "sera versé le 22 mai"): the next such day, not the last one.
_FUTURE = Guarded(re.compile(
    r"(?i)\b(?:will|shall|is\s+due|are\s+due|to\s+be|scheduled|upcoming|next|payable|va|vont|sera|seront|aura"
    r"|auront|prochaine?s?|prévue?s?|doit|doivent)\b[^.!?\n]*$"))


def _is_future(m: re.Match) -> bool:
    return bool(_FUTURE.search(m.string, max(0, m.start() - 80), m.start()))


def _day_span(y: int, m: int, d: int) -> tuple[dt.date, dt.date] | None:
    try:
        day = dt.date(y, m, d)
    except ValueError:
        return None
    return day, day


def _unresolved(ref: _Ref) -> None:
    return None


def _day_cand(m: re.Match, y: int | None, mo: int, d: int, gran: str = "day") -> _Cand:
    if y is not None:
        span = _day_span(y, mo, d)
        return _Cand(m.start(), m.end(), gran, (lambda ref: span), (y, mo, d))
    if d > _last(2000, mo):  # "30 février" is no date in any year
        return _Cand(m.start(), m.end(), gran, _unresolved, (None, mo, d))
    resolve = _next_day if _is_future(m) else _latest_day
    return _Cand(m.start(), m.end(), gran, lambda ref: resolve(mo, d, ref), (None, mo, d))

