"""Years written in words (English): "nineteen ninety six", "two thousand and fifteen", "October two thousand".

- a century and its tail: "nineteen ninety six", "nineteen oh five", "seventeen hundred thirty three", "twenty
  twenty-one" (never "twenty one", a day or a count);
- "two thousand" and its tail: "two thousand and fifteen", only after a month or a word that leads a year
  ("in", "since", "of", "by", "year"…): alone it is mostly a count ("two thousand and fifteen people");
- after a month, a day and a month, or a month and a day: "August two thousand and fifteen", "January twenty
  five nineteen eighty six", "fifteen August nineteen hundred ninety three".

Deliberately not years: a worded year followed by a unit ("nineteen hundred dollars", "two thousand people").
"""
from __future__ import annotations

import datetime as dt
import re

from .patterns import _DAY_PREFIX, _UNITS_AFTER, rule
from .resolve import _Cand, _day_cand, _fixed, _month
from .vocabulary import DAY, MONTH, _OSP, _SP, _alt, _mo, _num

_UNIT_VALUES = {w: i for i, w in enumerate(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"], 1)}
_TEEN_VALUES = {w: i for i, w in enumerate(["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                                             "seventeen", "eighteen", "nineteen"], 10)}
_TENS_VALUES = {w: 10 * i for i, w in enumerate(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
                                                  "ninety"], 2)}
CENTURY_WORDS = {w for w, n in _TEEN_VALUES.items() if n >= 11} | {"twenty"}
"""The words that may begin a year in words (and "thousand", "hundred" in it): the triggers of the rules here."""

_S = r"(?:[ \t\u00a0\u202f]{1,3}|-)"
_UNIT = rf"(?:{_alt(_UNIT_VALUES)})"
_TENS = rf"(?:{_alt(_TENS_VALUES)})(?:{_S}(?:{_UNIT}))?(?![\w-])"
_TAIL = rf"(?:{_TENS}|(?:{_alt(_TEEN_VALUES)}|{_UNIT})(?![\w-]))"
_CENTURY = rf"(?:{_alt(CENTURY_WORDS)})"
YEAR_WORDS = (rf"(?P<yw>{_CENTURY}{_S}(?:hundred(?:{_S}(?:and{_S})?{_TAIL})?(?![\w-])|oh{_S}{_UNIT}(?![\w-])|{_TENS}|"
              rf"(?:{_alt(_TEEN_VALUES)})(?![\w-]))|two{_S}thousand(?:{_S}(?:and{_S})?{_TAIL})?(?![\w-]))")


def year_of_words(text: str) -> int | None:
    """1996 for "nineteen ninety six", 2015 for "two thousand and fifteen"; None when the words are no year."""
    words = [w for w in re.split(r"[\s\-]+", text.lower()) if w and w != "and"]
    if words[:2] == ["two", "thousand"]:
        base, tail = 2000, words[2:]
    elif words and words[0] in CENTURY_WORDS:
        base, tail = (_TEEN_VALUES.get(words[0]) or 20) * 100, words[1:]
        if tail[:1] == ["hundred"] or tail[:1] == ["oh"]:
            tail = tail[1:]
    else:
        return None
    values = {**_UNIT_VALUES, **_TEEN_VALUES, **_TENS_VALUES}
    return base + sum(values.get(w, 0) for w in tail)


_COUNTED = re.compile(r"\s{1,3}(?:people|dollars|euros|pounds)")  # "nineteen hundred people": a count
_YEAR_LEAD = re.compile(r"(?:in|since|of|by|until|till|from|to|before|after|year|during|around|circa)\s{1,3}$", re.IGNORECASE)


@rule("en", rf"(?<![\w-]){YEAR_WORDS}", needs=("numeral",))
def _year_words(m, lang):
    y = year_of_words(m["yw"])
    if y is None or _UNITS_AFTER.match(m.string, m.end()) or _COUNTED.match(m.string, m.end()):
        return None
    if m["yw"].lower().startswith("two") and not _YEAR_LEAD.search(m.string, max(0, m.start() - 10), m.start()):
        return None  # "two thousand and fifteen" alone is mostly a count
    return _Cand(m.start(), m.end(), "year", _fixed(dt.date(y, 1, 1), dt.date(y, 12, 31)), (y, None, None))


@rule("en", rf"{MONTH}{_SP}(?:of{_SP})?{YEAR_WORDS}", needs=("numeral",))
def _month_year_words(m, lang):
    y, mo = year_of_words(m["yw"]), _mo(m)
    return None if y is None else _Cand(m.start(), m.end(), "month", _fixed(*_month(y, mo)), (y, mo, None))


@rule("en", rf"{_DAY_PREFIX}{DAY}{_OSP}(?:of{_SP})?{MONTH}(?:,?{_SP}(?:of{_SP})?){YEAR_WORDS}", needs=("numeral",))
def _day_month_year_words(m, lang):
    d, y = _num(m["d"]), year_of_words(m["yw"])
    if d is None or y is None or not 1 <= d <= 31:
        return None
    cand = _day_cand(m, y, _mo(m), d)
    if m["article"] and not m["wd"]:
        cand.start = m.end("article")
    return cand


@rule("en", rf"{MONTH}{_SP}(?:the{_SP})?{DAY}(?:,?{_SP}(?:of{_SP})?){YEAR_WORDS}", needs=("numeral",))
def _month_day_year_words(m, lang):
    d, y = _num(m["d"]), year_of_words(m["yw"])
    if d is None or y is None or not 1 <= d <= 31:
        return None
    return _day_cand(m, y, _mo(m), d)
