"""Anchored dates: a day with the words before it that move it ("3 days after", "the week of", "between now and").

These run on the candidates, after the rules: each looks only at the few words just before a day that a rule
found, so they add no scan of the text.

- offsets: "3 days after January 12th", "two weeks before Christmas", "16 days from 01/02/2018", "trois jours
  après le 12 janvier", "deux semaines avant Noël", "the day after Christmas", "la veille de Noël": that day
  moved by the count (a fortnight is 14 days). Only from a single day; "for 3 days from today" is no offset
  but the stretch of those days (parts.py);
  "the day after" alone refers to a day of the story and stays no date;
- weeks: "the week of April 10th", "w/c Feb 4", "the week beginning February 4", "la semaine du 10 avril":
  the Monday-to-Sunday week holding that day.
"""
from __future__ import annotations

import re

from .prefilter import Guarded
from .relative import _COUNT, _shift
from .resolve import Resolver, _Cand, _Ref, _week
from .vocabulary import _num

_UNITS = {"day": "d", "days": "d", "jour": "d", "jours": "d", "week": "w", "weeks": "w", "semaine": "w",
          "semaines": "w", "fortnight": "f", "fortnights": "f", "quinzaine": "f", "month": "m", "months": "m",
          "mois": "m", "year": "y", "years": "y", "an": "y", "ans": "y", "année": "y", "années": "y"}
_OFFSET = Guarded(re.compile(
    rf"(?<![\w-])(?:(?:(?P<than>more\s{{1,3}}than|less\s{{1,3}}than|plus\s{{1,3}}de|moins\s{{1,3}}de)\s{{1,3}})?"
    rf"{_COUNT}\s{{1,3}}(?P<u>{'|'.join(sorted(_UNITS, key=len, reverse=True))})|(?P<one>the\s{{1,3}}day|"
    r"le\s{1,3}lendemain|la\s{1,3}veille))\s{1,3}(?P<dir>after|before|from|following|later\s{1,3}than|"
    r"earlier\s{1,3}than|prior\s{1,3}to|après|apres|avant|de|du|d['’])\s{0,3}(?:(?:the|le|la|l['’])\s{0,3})?$",
    re.IGNORECASE))
_DURATION_BEFORE = re.compile(r"(?:for|pendant|durant|within|during|over|sur)\s{1,3}$", re.IGNORECASE)
_WEEK_OF = Guarded(re.compile(
    r"(?<![\w-])(?:(?:the|la)\s{1,3})?(?:week\s{1,3}(?:of|beginning|starting|commencing)(?:\s{1,3}on)?|w/c|"
    r"semaine\s{1,3}(?:du|commençant\s{1,3}le|débutant\s{1,3}le))\s{1,3}(?:the\s{1,3})?$", re.IGNORECASE))
_COUNTED = re.compile(r"(?<![\w-])(?:a|an|one|une|\d+)\s{1,3}$", re.IGNORECASE)
"""Before "week starting", a count makes a duration: "a week starting tomorrow"."""
_BACK = 48
"""Most characters the words before a day may take ("approximately twenty-three weeks after the ")."""


def _merge_anchors(text: str, cands: list[_Cand]) -> list[_Cand]:
    """Each day candidate that follows an offset or "the week of" takes those words in."""
    out: list[_Cand] = []
    for cand in cands:
        if cand.gran == "day":
            lo = max(out[-1].end if out else 0, cand.start - _BACK)
            before = text[lo:cand.start]
            offset = _OFFSET.search(before)
            week = None if offset else _WEEK_OF.search(before)
            if offset and not _DURATION_BEFORE.search(text, max(0, lo + offset.start() - 12), lo + offset.start()):
                moved = _offset(offset, cand.resolve)
                if moved is not None:
                    out.append(_bounded(offset, _Cand(lo + offset.start(), cand.end, "day", moved, offset=True), cand))
                    continue
            if week and not _COUNTED.search(text, max(0, lo + week.start() - 8), lo + week.start()):
                out.append(_Cand(lo + week.start(), cand.end, "week", _week_of(cand.resolve)))
                continue
        out.append(cand)
    return out


def _offset(m: re.Match, resolve: Resolver) -> Resolver | None:
    words = m["dir"].lower()
    if m["one"]:
        one = m["one"].lower()
        n, unit = 1, "d"
        if one.endswith(("veille", "lendemain")):
            if not words.startswith("d"):
                return None  # "le lendemain de", not "le lendemain après"
            sign = -1 if one.endswith("veille") else 1
        elif words in ("after", "before"):
            sign = -1 if words == "before" else 1
        else:
            return None
    else:
        if words.startswith("d"):
            return None  # "trois jours de" is no offset
        n = 2 if m["n"].lower().endswith("of") else _num(m["n"])
        if not n:
            return None
        unit = _UNITS[m["u"].lower()]
        sign = -1 if words in ("before", "avant") or words.startswith(("earlier", "prior")) else 1
    if unit == "f":
        n, unit = n * 14, "d"

    def moved(ref: _Ref):
        day = resolve(ref)
        if day is None or day[0] != day[1]:
            return None
        found = _shift(day[0], sign * n, unit)
        return found, found
    return moved


def _bounded(m: re.Match, moved: _Cand, anchor: _Cand) -> _Cand:
    """"more than 2 weeks before today" is before that day (after it, for "after"); "less than 3 days after
    tomorrow" the days from the anchor to that day, "less than 2 weeks before today" those from that day on."""
    if not m["than"]:
        return moved
    later = not m["dir"].lower().startswith(("before", "avant", "earlier", "prior"))
    if m["than"].lower().startswith(("more", "plus")):
        moved.bound = "after" if later else "before"
        return moved

    def stretch(ref: _Ref):
        ends = moved.resolve(ref), anchor.resolve(ref)
        if None in ends:
            return None
        (first, _), (last, _) = ends if not later else ends[::-1]
        return (first, last, last) if first < last else None
    return _Cand(moved.start, moved.end, "range", stretch)


def _week_of(resolve: Resolver) -> Resolver:
    def week(ref: _Ref):
        day = resolve(ref)
        return None if day is None else _week(day[0])
    return week

