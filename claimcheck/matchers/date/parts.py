"""Ordinal parts of a period: "the 15th day of next month", "the third month of 2021", "the first 2 weeks of 2021".

Like anchors.py, this runs on the candidates: it reads only the few words just before a month or a year a rule
found ("the twenty third day of" September), so it adds no scan of the text.

- "the Nth day of" a month → that day; "the Nth month of" a year → that month;
- "the first N days / weeks / months of" a period, "the last N days of" a period → that stretch; weeks are
  Monday to Sunday, the first one the week that holds the year's first Monday ("the first 2 weeks of 2021"
  are 4 to 17 January 2021), as ISO counts weeks;
- stretches from a day: "for 3 days from today", "for a week starting tomorrow", "for two weeks starting May
  20th", "pendant trois jours à partir de lundi" → that many days from that day (the day included).
"""
from __future__ import annotations

import datetime as dt
import re

from .prefilter import Guarded
from .resolve import _Cand, _Ref, _add_months, _last
from .vocabulary import NUMBER_WORDS, _alt, _num

_ORDINAL = rf"(?P<ord>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)|{_alt(w for w, n in NUMBER_WORDS.items() if n)})"
_NTH = Guarded(re.compile(
    rf"(?<![\w-])(?:the\s{{1,3}})?{_ORDINAL}\s{{1,3}}(?P<u>day|month)\s{{1,3}}of\s{{1,3}}(?:the\s{{1,3}})?$", re.IGNORECASE))
_FIRST_N = Guarded(re.compile(
    rf"(?<![\w-])(?:the\s{{1,3}})?(?P<side>first|last)\s{{1,3}}(?P<n>\d{{1,2}}|{_alt(w for w, n in NUMBER_WORDS.items() if 1 < n <= 31 and ' ' not in w)})"
    rf"\s{{1,3}}(?P<u>days|weeks|months)\s{{1,3}}of\s{{1,3}}(?:the\s{{1,3}})?$", re.IGNORECASE))
_FOR_N = Guarded(re.compile(
    rf"(?<![\w-])(?:for|pendant|durant)\s{{1,3}}(?P<n>\d{{1,2}}|a|an|one|une?|{_alt(w for w, n in NUMBER_WORDS.items() if 1 < n <= 31 and ' ' not in w)})"
    rf"\s{{1,3}}(?P<u>days?|weeks?|months?|jours?|semaines?|mois)\s{{0,3}},?\s{{1,3}}(?:starting|beginning|from|"
    rf"à\s{{1,3}}partir\s{{1,3}}(?:de|du|d['’])|dès)(?:\s{{1,3}}(?:on|from))?\s{{1,3}}(?:(?:the|le|la)\s{{1,3}})?$", re.IGNORECASE))
_BACK = 40
"""Most characters the words before the period may take ("the twenty-third day of the ")."""
_ORDINAL_WORD = re.compile(r"(?:st|nd|rd|th|first|second|third|fifth|eighth|ninth|twelfth)$", re.IGNORECASE)


def _merge_parts(text: str, cands: list[_Cand]) -> list[_Cand]:
    """Each month or year candidate after "the Nth day of", "the first N weeks of"… becomes that part of it."""
    out: list[_Cand] = []
    for cand in cands:
        if cand.gran == "day":
            lo = max(out[-1].end if out else 0, cand.start - 2 * _BACK)
            stretch = _FOR_N.search(text, lo, cand.start)
            if stretch is not None:
                out.append(_Cand(stretch.start(), cand.end, "range", _for_n(stretch, cand.resolve)))
                continue
        if cand.gran in ("month", "year"):
            # The words may hold a candidate of their own ("the last four months" of 2021, a rolling period):
            # the part takes it in.
            lo = max(0, cand.start - _BACK)
            nth = _NTH.search(text, lo, cand.start)
            first = None if nth else _FIRST_N.search(text, lo, cand.start)
            part = _nth(nth, cand) if nth else _first_n(first, cand) if first else None
            words = nth or first
            if part is not None and out and out[-1].end > words.start():
                if out[-1].start >= words.start():
                    out.pop()
                else:
                    part = None
            if part is not None:
                out.append(_Cand((nth or first).start(), cand.end, part[0], part[1]))
                continue
        out.append(cand)
    return out


def _nth(m: re.Match, cand: _Cand):
    word = m.group("ord")
    if not (word[0].isdigit() or _ORDINAL_WORD.search(word)):
        return None  # "the fifteen day of": a count, not an ordinal
    k, unit = _num(word), m.group("u").lower()
    if not k or (unit == "day") != (cand.gran == "month") or (unit == "month" and k > 12):
        return None

    def resolve(ref: _Ref):
        span = cand.resolve(ref)
        if span is None:
            return None
        if unit == "month":
            first = _add_months(span[0].replace(day=1), k - 1)
            return (first, first.replace(day=_last(first.year, first.month))) if first <= span[1] else None
        day = span[0] + dt.timedelta(k - 1)
        return (day, day) if day <= span[1] else None
    return ("day" if unit == "day" else "month"), resolve


def _first_n(m: re.Match, cand: _Cand):
    n, unit, last = _num(m.group("n")), m.group("u").lower(), m.group("side").lower() == "last"
    if not n or (unit == "months" and cand.gran != "year"):
        return None

    def resolve(ref: _Ref):
        span = cand.resolve(ref)
        if span is None:
            return None
        start, end = span[0], span[1]
        if unit == "days":
            part = (end - dt.timedelta(n - 1), end) if last else (start, start + dt.timedelta(n - 1))
        elif unit == "weeks":
            if last:
                sunday = end - dt.timedelta((end.weekday() + 1) % 7)
                part = (sunday - dt.timedelta(7 * n - 1), sunday)
            else:
                monday = start + dt.timedelta((7 - start.weekday()) % 7)
                part = (monday, monday + dt.timedelta(7 * n - 1))
        else:
            first = _add_months(start.replace(day=1), 12 - n) if last else start
            stop = _add_months(start.replace(day=1), n - 1) if not last else end
            part = (first, stop.replace(day=_last(stop.year, stop.month)))
        return part if start <= part[0] and part[1] <= end else None
    return "range", resolve



def _for_n(m: re.Match, resolve):
    n = 1 if m.group("n").lower() in ("a", "an", "one", "un", "une") else _num(m.group("n"))
    unit = m.group("u").lower().rstrip("s")

    def span(ref: _Ref):
        day = resolve(ref)
        if day is None or not n:
            return None
        if unit in ("day", "jour"):
            return day[0], day[0] + dt.timedelta(n - 1)
        if unit in ("week", "semaine"):
            return day[0], day[0] + dt.timedelta(7 * n - 1)
        return day[0], _add_months(day[0], n) - dt.timedelta(1)
    return span
