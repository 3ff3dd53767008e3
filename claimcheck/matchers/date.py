"""Built-in matcher plugin "date": calendar dates, periods and relative dates in French and English."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Mapping

from ..hookspecs import hookimpl
from ..model import Expected, Mention, PartialDate
from . import Agreement, Matcher

GRANULARITIES = ("day", "week", "month", "quarter", "half", "season", "year", "decade", "range")


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A stretch of calendar days, both ends inclusive, or an unresolved date."""

    start: dt.date | None
    """First day, or None when the words could not be resolved (no reference date)."""
    end: dt.date | None
    """Last day (inclusive), or None when unresolved."""
    granularity: str
    """One of day, week, month, quarter, half, season, year, decade, range."""
    words: str = field(default="", compare=False)
    """The words as written, shown when the span is unresolved."""

    @property
    def resolved(self) -> bool:
        return self.start is not None and self.end is not None

    def __str__(self) -> str:
        if not self.resolved:
            return f"unresolved ({self.words})"
        s, e = self.start, self.end
        if s == e:
            return s.isoformat()
        if s.month == 1 and s.day == 1 and e.month == 12 and e.day == 31 and s.year == e.year:
            return f"{s.year:04d}"
        if s.day == 1 and s.year == e.year and s.month == e.month and e.day == _last(s.year, s.month):
            return f"{s.year:04d}-{s.month:02d}"
        return f"{s.isoformat()}..{e.isoformat()}"


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
        last = end.day
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
# Vocabulary.
# ---------------------------------------------------------------------------------------------

MONTHS = {
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "fév": 2, "mars": 3,
    "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12, "déc": 12,
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
# Full names may stand alone ("en mars"); abbreviations only next to a day or a year.
FULL_MONTHS = {w for w in MONTHS if len(w) > 4 or w in {"mars", "mai", "juin", "aout", "août", "may", "june", "july"}}
WEEKDAYS = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
WEEKDAY_ABBR = {"lun": 0, "mar": 1, "mer": 2, "jeu": 3, "ven": 4, "sam": 5, "dim": 6, "mon": 0,
                "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6}

_EN_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
             "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_EN_ORD = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
           "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
           "eighteenth", "nineteenth"]
_FR_UNITS = ["un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
             "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf"]


def _number_words() -> dict[str, int]:
    words: dict[str, int] = {}
    for i, (en, od, fr) in enumerate(zip(_EN_UNITS, _EN_ORD, _FR_UNITS), start=1):
        words[en] = words[od] = words[fr] = i
    words.update({"premier": 1, "1er": 1, "une": 1, "a": 1, "an": 1, "twenty": 20, "twentieth": 20,
                  "thirty": 30, "thirtieth": 30, "vingt": 20, "trente": 30, "forty": 40, "quarante": 40,
                  "fifty": 50, "cinquante": 50, "a couple of": 2, "couple of": 2, "quelques": 0})
    for tens, name_en, name_fr in ((20, "twenty", "vingt"), (30, "thirty", "trente")):
        for i in range(1, 10 if tens == 20 else 2):
            for sep in (" ", "-"):
                words[f"{name_en}{sep}{_EN_UNITS[i - 1]}"] = words[f"{name_en}{sep}{_EN_ORD[i - 1]}"] = tens + i
            words[f"{name_fr}-{_FR_UNITS[i - 1]}" if i > 1 else f"{name_fr} et un"] = tens + i
            words[f"{name_fr}-et-un"] = tens + 1
    return words


NUMBER_WORDS = _number_words()


def _alt(words: Iterable[str]) -> str:
    """A regex alternation, longest first so that "juillet" is not read as "juil"."""
    return "|".join(re.escape(w).replace(r"\ ", " ") for w in sorted(set(words), key=len, reverse=True))


def _mo(m: re.Match) -> int:
    return MONTHS[m["mo"].lower().rstrip(".")]


def _num(text: str) -> int | None:
    text = text.lower().strip()
    digits = re.match(r"\d+", text)
    if digits:
        return int(digits.group())
    return NUMBER_WORDS.get(re.sub(r"\s+", " ", text))


_SP = r"[ \t\u00a0\u202f]{1,3}"
_OSP = r"[ \t\u00a0\u202f]{0,3}"
_END = r"(?![\w])"
MONTH = rf"(?P<mo>{_alt(FULL_MONTHS)}|(?:{_alt(set(MONTHS) - FULL_MONTHS)})\.?)(?![^\W\d])"
MONTH_FULL = rf"(?P<mo>{_alt(FULL_MONTHS)}){_END}"
WEEKDAY = rf"(?P<wd>{_alt(WEEKDAYS)}|(?:{_alt(WEEKDAY_ABBR)})\.){_END}"
_DAYWORDS = _alt(w for w, n in NUMBER_WORDS.items() if 1 <= n <= 31 and w not in {"a", "an", "un", "une"})
DAY = rf"(?P<d>(?:[12]\d|3[01]|0?[1-9])(?:er|ère|e|ème|st|nd|rd|th)?(?![\d,.]\d)|{_DAYWORDS}){_END}"
YEAR4 = r"(?P<y>(?:1[0-9]|20)\d\d|2100)(?![\d])"
YEAR = r"(?P<y>(?:1[0-9]|20)\d\d|2100|'\d\d)(?![\d])"
APOS = "['\u2019]"
_PART_FR = (rf"(?:(?:au|en|à la|a la|dès le|dès la|vers la|vers le|depuis le|depuis la|jusqu'à la|jusqu{APOS}à la)"
            rf"{_SP})?(?:tout{_SP})?(?:début|fin|mi-|mi{_SP}|milieu|courant)")
_PART_EN = (rf"(?:(?:at|in|by|since|until|from){_SP})?(?:the{_SP})?(?:early|late|mid-|mid|end{_SP}of|beginning{_SP}of|"
            rf"start{_SP}of|middle{_SP}of)")
_PART = rf"(?P<part>{_PART_FR}|{_PART_EN}){_OSP}(?:de{_SP}|d{APOS}|du{_SP})?"
_PART_WORDS = {"début": "early", "early": "early", "beginning": "early", "start": "early", "fin": "late",
               "late": "late", "end": "late", "mi": "mid", "mid": "mid", "milieu": "mid", "middle": "mid"}


def _part_of(text: str | None) -> str | None:
    if not text:
        return None
    for word in re.findall(r"[a-zéû]+", text.lower()):
        if word in _PART_WORDS:
            return _PART_WORDS[word]
    return None  # "courant mars" is the whole month


def _year(text: str) -> int:
    text = text.lstrip("'\u2019")
    value = int(text)
    if len(text) == 2:  # two-digit years: 00-49 -> 2000s, 50-99 -> 1900s
        value += 2000 if value < 50 else 1900
    return value


# ---------------------------------------------------------------------------------------------
# Candidates: a span of text with a resolver.
# ---------------------------------------------------------------------------------------------

Resolver = Callable[["_Ref"], "tuple[dt.date, dt.date] | None"]


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


RULES: list[tuple[str, re.Pattern, Callable[[re.Match, str | None], "_Cand | None"]]] = []


def rule(langs: str, pattern: str):
    """Register a handler for ``pattern``; ``langs`` is "fr", "en" or "fr en"."""
    compiled = re.compile(pattern, re.IGNORECASE)

    def register(handler):
        RULES.append((langs, compiled, handler))
        return handler
    return register


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
    return _Cand(m.start(), m.end(), gran, lambda ref: _latest_day(mo, d, ref), (None, mo, d))


# -- Numeric dates ----------------------------------------------------------------------------

@rule("fr en", rf"(?<![\d.,/])(?:{WEEKDAY},?{_SP})?(?P<y>(?:19|20)\d\d)(?P<s>[-/. ])(?P<m>0?[1-9]|1[0-2])(?P=s)"
      r"(?P<d>0?[1-9]|[12]\d|3[01])(?![\d]|[-/.]\d)")
def _iso(m, lang):
    return _day_cand(m, int(m["y"]), int(m["m"]), int(m["d"]))


@rule("fr en", r"(?<![\d.,/])(?P<y>(?:19|20)\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?![\d])")
def _compact(m, lang):
    return _day_cand(m, int(m["y"]), int(m["m"]), int(m["d"]))


@rule("fr en", rf"(?<![\d.,/-])(?:(?:{WEEKDAY}|le|the|on){_SP})?(?P<a>\d{{1,2}})(?P<s>[-/. ])(?P<b>\d{{1,2}})(?P=s)"
      r"(?P<y>\d{4}|\d\d)(?![\d]|[-/. ]\d)")
def _numeric_dmy(m, lang):
    a, b = int(m["a"]), int(m["b"])
    if m["s"] == " " and len(m["y"]) == 2 and not (m["wd"] or lang == "fr"):
        return None
    return _numeric(m, a, b, _year(m["y"]), lang)


def _numeric(m, a, b, year, lang):
    """Day-first in French, month-first in English; the other order when only it is valid."""
    day_first = lang != "en"
    if day_first and b > 12 >= a:
        day_first = False
    elif not day_first and a > 12 >= b:
        day_first = True
    d, mo = (a, b) if day_first else (b, a)
    if not 1 <= mo <= 12 or not 1 <= d <= 31:
        return None
    if lang is None and a != b and a <= 12 and b <= 12:
        return _Cand(m.start(), m.end(), "day", _unresolved)  # 03/04/2020 without a language
    if year is None:
        return _day_cand(m, None, mo, d)
    span = _day_span(year, mo, d)
    return _Cand(m.start(), m.end(), "day", lambda ref: span, (year, mo, d))


# Year-less numeric days only with a slash ("22/04") or after a weekday ("vendredi 7.6"): "5.12"
# is a decimal and "7-6" a score. "24/7" means "all the time".
@rule("fr en", rf"(?<![\d.,/-])(?:(?:{WEEKDAY}|le|the|on){_SP})?(?P<a>\d{{1,2}})(?P<s>[/.-])(?P<b>\d{{1,2}})(?![\d]|[-/.,]\d)")
def _numeric_dm(m, lang):
    a, b = int(m["a"]), int(m["b"])
    if m["s"] != "/" and not m["wd"]:
        return None
    if (a, b) in {(24, 7), (7, 7), (7, 24)} or (len(m["a"]) + len(m["b"]) < 3 and not m["wd"]):
        return None
    return _numeric(m, a, b, None, lang)


# YYYY-MM, MM/YYYY; "2010-11" is a season when the month is the next year's two last digits.
@rule("fr en", r"(?<![\d.,/-])(?P<y>(?:19|20)\d\d)[-/](?P<m>0?[1-9]|1[0-2])(?![\d]|[-/.]\d)")
def _ym(m, lang):
    y, mo = int(m["y"]), int(m["m"])
    if len(m["m"]) == 2 and mo == (y + 1) % 100:
        span = (dt.date(y, 1, 1), dt.date(y + 1, 12, 31))
        return _Cand(m.start(), m.end(), "range", lambda ref: span)
    span = _month(y, mo)
    return _Cand(m.start(), m.end(), "month", lambda ref: span, (y, mo, None))


@rule("fr en", r"(?<![\d.,/-])(?P<m>0?[1-9]|1[0-2])[-/](?P<y>(?:19|20)\d\d)(?![\d]|[-/.]\d)")
def _my(m, lang):
    span = _month(int(m["y"]), int(m["m"]))
    return _Cand(m.start(), m.end(), "month", lambda ref: span, (int(m["y"]), int(m["m"]), None))


@rule("fr en", r"(?<![\d.,/-])(?P<y1>(?:1[89]|20)\d\d)(?:[-–~]|[ ]?[-–][ ]?)(?P<y2>(?:1[89]|20)\d\d|\d\d)(?![\d]|[-/.]\d)")
def _year_range(m, lang):
    y1 = int(m["y1"])
    y2 = int(m["y2"]) if len(m["y2"]) == 4 else y1 // 100 * 100 + int(m["y2"])
    if y2 <= y1 or (len(m["y2"]) == 2 and y2 - y1 > 10):
        return None  # "2015-32" is no period
    span = (dt.date(y1, 1, 1), dt.date(y2, 12, 31))
    return _Cand(m.start(), m.end(), "range", lambda ref: span)


# -- Dates with a month name ----------------------------------------------------------------------

_MIXED_PART = rf"(?:\d{{1,4}}|{_alt(MONTHS)})\.?"


@rule("fr en", rf"(?<![\w/-])(?P<p1>{_MIXED_PART})(?P<s>[-/])(?P<p2>{_MIXED_PART})(?P=s)(?P<p3>{_MIXED_PART})(?![\w]|[-/]\w)")
def _mixed(m, lang):
    """Sep-23-2020, 2020/Sep/23, 23-2020-septembre, 05-Aug-2016: one month name, one year, one day."""
    parts = [m["p1"].rstrip("."), m["p2"].rstrip("."), m["p3"].rstrip(".")]
    names = [p.rstrip(".") for p in parts if not p.isdigit()]
    years = [p for p in parts if p.isdigit() and len(p) == 4]
    days = [p for p in parts if p.isdigit() and len(p) <= 2]
    if len(names) != 1 or len(years) != 1 or len(days) != 1:
        return None
    return _day_cand(m, int(years[0]), MONTHS[names[0].lower()], int(days[0]))


_DAY_PREFIX = rf"(?:(?:{WEEKDAY},?{_SP})?(?P<article>(?:le|the|on{_SP}the|on){_SP})?)"


@rule("fr en", rf"{_DAY_PREFIX}{DAY}{_OSP}(?:(?:of|de){_SP})?{MONTH}"
      rf"(?:(?:,|{_SP}|{_OSP},{_OSP})(?:(?:of|de|in){_SP})?{YEAR})?")
def _day_month(m, lang):
    d = _num(m["d"])
    if d is None or not 1 <= d <= 31 or re.search(r"[$€£¥][ ]?$", m.string[max(0, m.start("d") - 2):m.start("d")]):
        return None
    if m["mo"].lower() == "may" and not m["d"][0].isdigit():
        return None  # "One may ask" is no date
    year = _year(m["y"]) if m["y"] else None
    cand = _day_cand(m, year, _mo(m), d)
    if m["article"] and not m["wd"]:
        cand.start = m.end("article")  # the span starts at the day: "le 23 janvier" -> "23 janvier"
    return cand


@rule("fr en", rf"(?:{WEEKDAY},?{_SP})?{MONTH}(?P<sep>{_OSP}|/|,{_OSP})(?:the{_SP})?{DAY}(?![\d:/]|{_SP}\d{{3}}(?!\d))"
      rf"(?:{_OSP},?{_OSP}(?:(?:of|de){_SP})?{YEAR4})?")
def _month_day(m, lang):
    d = _num(m["d"])
    if d is None or not 1 <= d <= 31 or (m["mo"].lower() == "may" and not m["d"][0].isdigit() and not m["y"]):
        return None
    if m["sep"].startswith(",") and not re.search(r"[a-z]", m["d"], re.IGNORECASE):
        return None  # "In October, 3 people" is no date; "October, 1st" is one
    if lang == "fr" and not m["y"] and m["d"][0].isdigit() and m["sep"] != "/":
        return None  # French writes the day first: "mars 15 personnes" is no date
    year = _year(m["y"]) if m["y"] else None
    return _day_cand(m, year, _mo(m), d)


@rule("fr en", rf"(?P<pre>(?:du|from|between|entre|from{_SP}the|between{_SP}the|entre{_SP}le|les){_SP})?"
      rf"(?P<d1>(?:[12]\d|3[01]|0?[1-9])(?:er|st|nd|rd|th)?|{_DAYWORDS})(?:{_OSP}[-–]{_OSP}|{_SP}(?:au|à|et|to|through|till|until|and)"
      rf"{_SP}(?:(?:le|the){_SP})?){DAY}{_OSP}(?:(?:of|de){_SP})?{MONTH}(?:{_SP}(?:(?:of|de|in){_SP})?{YEAR4})?")
def _day_range(m, lang):
    """du 3 au 12 septembre, 3-12 septembre, between 3 and 12 of Sept."""
    d1, d2, mo = _num(m["d1"]), _num(m["d"]), _mo(m)
    if not d1 or not d2 or d1 >= d2 or d2 > 31:
        return None
    return _range_in_month(m, int(m["y"]) if m["y"] else None, mo, d1, d2)


@rule("fr en", rf"{MONTH}{_OSP}(?:the{_SP})?(?P<d1>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?|{_DAYWORDS})"
      rf"(?:{_OSP}[-–]{_OSP}|{_SP}(?:to|through|till|until){_SP}(?:the{_SP})?){DAY}(?:{_OSP},?{_OSP}{YEAR4})?")
def _month_day_range(m, lang):
    """November 19-20, April 9th through 17th."""
    d1, d2, mo = _num(m["d1"]), _num(m["d"]), _mo(m)
    if not d1 or not d2 or d1 >= d2 or d2 > 31:
        return None
    return _range_in_month(m, int(m["y"]) if m["y"] else None, mo, d1, d2)


def _range_in_month(m, year, mo, d1, d2):
    def resolve(ref):
        y = year
        if y is None:
            first = _latest_day(mo, d1, ref)
            if first is None:
                return None
            y = first[0].year
        try:
            return dt.date(y, mo, d1), dt.date(y, mo, d2)
        except ValueError:
            return None
    return _Cand(m.start(), m.end(), "range", resolve)


_MODS = r"(?P<mod>cette|ce|cet|this|last|next|coming|dernier|prochain)"


@rule("fr en", rf"(?:{_PART}|{_MODS}{_SP})?{MONTH}(?:{_OSP}(?:[,/-]{_OSP}|(?:of|de|in){_SP})?{YEAR})")
def _month_year(m, lang):
    """juillet 2019, July 2019, Dec-2018, April of 87, mi-juillet 2019."""
    if m["y"][0].isdigit() and len(m["y"]) == 2:
        return None
    y, mo = _year(m["y"]), _mo(m)
    start, end = _part(*_month(y, mo), _part_of(m["part"]), "month")
    return _Cand(_skip_preposition(m), m.end(), "month", _fixed(start, end), (y, mo, None))


@rule("fr en", rf"(?<!\d ){MONTH}{_SP}(?P<y>\d\d)(?=[,.;:)]|\s*$)")
def _month_short_year(m, lang):
    """En juillet 98, ... : a two-digit year only before punctuation (else it is a count)."""
    y = _year(m["y"])
    if int(m["y"]) <= 31 and lang != "fr":
        return None  # "May 29." is a day in English
    mo = _mo(m)
    return _Cand(m.start(), m.end(), "month", _fixed(*_month(y, mo)), (y, mo, None))


@rule("en", rf"{YEAR4}{_SP}{MONTH}")
def _year_month(m, lang):
    y, mo = int(m["y"]), _mo(m)
    return _Cand(m.start(), m.end(), "month", _fixed(*_month(y, mo)), (y, mo, None))


_MAY_TRIGGERS = {"in", "of", "since", "until", "till", "by", "during", "from", "through", "around"}
_MONTH_TRIGGER = (r"(?P<pre>\b(?:en|de|d'|d’|depuis|dès|jusqu'en|jusqu’en|avant|après|entre|et|à|au mois de|le mois de|"
                  r"in|of|since|until|till|by|during|before|after|from|to|through|between|and|around)\s{1,3})")


@rule("fr en", rf"(?:{_PART}|{_MODS}{_SP}|{_MONTH_TRIGGER})?{MONTH_FULL}"
      rf"(?:{_SP}(?P<post>dernier|prochain|passé|last|next)(?!\w))?")
def _month_alone(m, lang):
    """en mars, fin novembre, this September, mars dernier: no year, resolved against the reference."""
    if not (m["part"] or m["mod"] or m["pre"] or m["post"]):
        return None
    mo = _mo(m)
    if m["mo"].lower() == "may" and not (m["part"] or (m["pre"] or "").strip().lower() in _MAY_TRIGGERS):
        return None  # the modal: "this may take", "and may differ"
    part = _part_of(m["part"])
    mod = (m["mod"] or m["post"] or "").lower()

    def resolve(ref: _Ref):
        if ref.year is None:
            return None
        if mod in ("cette", "ce", "cet", "this"):
            span = _month(ref.year, mo)
        elif mod in ("next", "prochain", "coming"):
            span = _month(ref.year + (mo <= (ref.month or 12)), mo) if ref.month else None
        else:
            span = _latest_month(mo, ref, strict=mod in ("last", "dernier", "passé"))
        return _part(*span, part, "month") if span else None
    return _Cand(_skip_preposition(m), m.end(), "month", resolve, (None, mo, None))


def _skip_preposition(m: re.Match) -> int:
    """Spans start at the date words, not at "en", "in", "au" or "at the"."""
    if "pre" in m.re.groupindex and m["pre"]:
        return m.end("pre")
    if "part" in m.re.groupindex and m["part"]:
        text = m["part"]
        lead = re.match(r"(?:(?:au|en|à la|a la|dès le|dès la|vers la|vers le|depuis le|depuis la|jusqu.à la|at|in|by|since|"
                        r"until|from)\s+)?(?:the\s+)?", text, re.IGNORECASE)
        return m.start("part") + lead.end()
    return m.start()


# -- Years, parts of years, quarters, halves, seasons, decades, centuries -----------------------------

_UNITS_AFTER = re.compile(
    r"[ \u00a0\u202f]?(?:%|‰|€|\$|£|¥|pour[ -]?cent|percent|per[ -]cent|euros?|dollars?|livres|francs?|yens?|yuans?|"
    r"roubles?|pesos?|km|kms|m²|m2|m|cm|mm|kg|tonnes?|tons?|mètres?|metres?|meters?|kilomètres?|kilometers?|"
    r"miles?|pieds|feet|ft|habitants|personnes|people|persons|salariés|employés|employees|emplois|jobs|postes|"
    r"morts|victimes|deaths|points?|pts|voix|votes|heures?|hours?|minutes?|min|secondes?|seconds?|jours|days|ans|"
    r"years|mois|months|semaines|weeks|fois|times|exemplaires|copies|unités|units|véhicules|vehicles|voitures|"
    r"cars|logements|homes|élèves|students|étudiants|lits|beds|hectares|ha|MW|GW|kW|kWh|MWh|MB|GB|"
    r"calories|kcal|mg|ml|litres?|liters?|barils|barrels|actions|shares|mots|words|pages|signatures|participants|"
    r"manifestants|soldats|soldiers|spectateurs|membres|members|clients|customers|abonnés|subscribers|utilisateurs|"
    r"users|patients|cas|cases|tests|doses|pièces|USD|EUR|CHF|GBP|milliards?|millions?|billions?|km/h|mph|"
    r"degrés|degrees|°)(?!\w)", re.IGNORECASE)
_VERSION_BEFORE = re.compile(
    r"(?:windows|office|server|studio|exchange|excel|word|peugeot|version|v|n°|no\.?|numéro|number|num|nr|#|route|"
    r"article|art\.|ligne|line|vol\.|tome|page|p\.|pages|chapitre|chapter|code|modèle|model|série|series|rtx|gtx|"
    r"iphone|galaxy|airbus|boeing|type|bus|standard|norme|iso|top|ps|xbox|lot|dossier|file|room|salle|ref\.?|réf\.?|"
    r"tel\.?|tél\.?|\+|€|\$|£)[ \u00a0]?$", re.IGNORECASE)
_OLD_YEAR_OK = re.compile(r"(?:en|in|since|depuis|of|de|dès|until|jusqu'en|jusqu’en|to|from|by|avant|après|before|"
                          r"after|around|vers|circa|c\.|year|l'an|l’an|année|born|né|née)[ \u00a0]$", re.IGNORECASE)


@rule("fr en", rf"(?:(?P<lead>l{APOS}an|l{APOS}année|the{_SP}year(?:{_SP}of)?|year|calendar{_SP}year|cy|fy|exercice|=){_OSP})?"
      r"(?<![\d.,/+#$£€])(?<!\d-)(?P<y>1\d\d\d|20\d\d|2100)(?![\d]|[-/.:,]\d)")
def _year_alone(m, lang):
    y = int(m["y"])
    before = m.string[max(0, m.start() - 16):m.start()]
    if _UNITS_AFTER.match(m.string, m.end()) or _VERSION_BEFORE.search(before):
        return None
    if re.search(r"\d[ \u00a0\u202f]$", before) or re.match(r"[ \u00a0\u202f]\d{3}(?!\d)", m.string[m.end():m.end() + 5]):
        return None  # "1 2019 000" or "2 019": thousands groups
    if y < 1900 and not (m["lead"] or _OLD_YEAR_OK.search(before)):
        return None
    start = m.start() if m["lead"] and m["lead"] != "=" else m.start("y")
    return _Cand(start, m.end(), "year", _fixed(dt.date(y, 1, 1), dt.date(y, 12, 31)), (y, None, None))


@rule("fr en", rf"{_PART}(?:l{APOS}(?:année|an){_SP}|the{_SP}year{_SP})?(?P<y>(?:19|20)\d\d)(?![\d]|[-/.]\d)")
def _part_year(m, lang):
    """début 2023, fin 2022, mi-2022, early 2023, the end of 2000, mid 1989."""
    y = int(m["y"])
    start, end = _part(dt.date(y, 1, 1), dt.date(y, 12, 31), _part_of(m["part"]), "year")
    return _Cand(_skip_preposition(m), m.end(), "year", _fixed(start, end), (y, None, None))


_ORD_QUARTER = {"premier": 1, "1er": 1, "first": 1, "1st": 1, "deuxième": 2, "deuxieme": 2, "second": 2, "seconde": 2,
                "2e": 2, "2ème": 2, "2nd": 2, "troisième": 3, "troisieme": 3, "third": 3, "3e": 3, "3ème": 3, "3rd": 3,
                "quatrième": 4, "quatrieme": 4, "fourth": 4, "4e": 4, "4ème": 4, "4th": 4, "dernier": -1, "last": -1}
_YEAR_REF = (rf"(?P<yref>(?P<y>(?:19|20)\d\d)(?!\d)|l{APOS}année{_SP}(?:dernière|derniere|passée|prochaine)|l{APOS}an{_SP}"
             rf"(?:dernier|passé|prochain)|l{APOS}année{_SP}en{_SP}cours|cette{_SP}année|l{APOS}année|(?:the|this|last|next){_SP}year)")


def _year_of(m, ref: _Ref) -> int | None:
    if m["y"]:
        return int(m["y"])
    text = (m["yref"] or "").lower()
    if ref.year is None:
        return None
    if re.search(r"derni|pass|last", text):
        return ref.year - 1
    if re.search(r"prochain|next", text):
        return ref.year + 1
    return ref.year


def _period_cand(m, count: int, index: int, gran: str, start_at: int | None = None) -> _Cand:
    """The index-th of ``count`` equal parts of a year (quarters, halves); -1 is the last."""
    size = 12 // count
    index = count if index == -1 else index
    explicit = m["yref"] if "yref" in m.re.groupindex else None

    def resolve(ref: _Ref):
        if explicit:
            y = _year_of(m, ref)
        elif ref.year is None or ref.month is None:
            return None
        else:  # no year: the latest such period that starts on or before the reference
            y = ref.year if (index - 1) * size + 1 <= ref.month else ref.year - 1
        if y is None:
            return None
        return _months(y, (index - 1) * size + 1, index * size)
    year = int(m["y"]) if "y" in m.re.groupindex and m["y"] else None
    return _Cand(m.start() if start_at is None else start_at, m.end(), gran, resolve, (year, None, None))


_ORD = _alt(_ORD_QUARTER)


@rule("fr", rf"(?:(?:au|du|le|au{_SP}cours{_SP}du|sur{_SP}le|pendant{_SP}le){_SP})?(?P<ord>{_ORD}){_SP}(?P<unit>trimestre|semestre)"
      rf"(?:{_SP}(?:de{_SP}|d{APOS})?{_YEAR_REF})?")
def _fr_period(m, lang):
    index = _ORD_QUARTER[m["ord"].lower()]
    quarter = m["unit"].lower() == "trimestre"
    if not quarter and index > 2:
        return None
    return _period_cand(m, 4 if quarter else 2, index, "quarter" if quarter else "half", m.start("ord"))


@rule("en", rf"(?:the{_SP})?(?P<ord>{_ORD}){_SP}(?P<unit>quarter|half)(?:{_SP}of{_SP}(?:the{_SP}year{_SP}|fiscal{_SP}year{_SP})?"
      rf"{_YEAR_REF})?")
def _en_period(m, lang):
    index = _ORD_QUARTER[m["ord"].lower()]
    quarter = m["unit"].lower() == "quarter"
    if not quarter and index > 2:
        return None
    if not m["yref"] and not m.group().lower().startswith("the"):
        return None  # "first quarter" alone needs "the": "a second half" is no date
    return _period_cand(m, 4 if quarter else 2, index, "quarter" if quarter else "half")


@rule("fr en", r"(?<![\w-])(?:(?P<l1>[QT])(?P<n1>[1-4])(?:[ -]?|[ ]of[ ])(?P<yref>(?P<y>(?:19|20)\d\d)|'\d\d)|"
      r"(?P<y2>(?:19|20)\d\d)[ -]?(?P<l2>[QT])(?P<n2>[1-4])|(?P<l3>Q)(?P<n3>[1-4]))(?![\w-])")
def _q(m, lang):
    """Q1 2023, T1 2023, 2017-q1, q1-2019, Q3'22; a lone "Q1" is this year's (or last year's) first quarter."""
    index = int(m["n1"] or m["n2"] or m["n3"])
    letter = (m["l1"] or m["l2"] or m["l3"]).upper()
    if letter == "T" and lang == "en":
        return None
    y = m["y"] or m["y2"] or (m["yref"] and _year(m["yref"]))
    if y:
        y = int(y)
        return _Cand(m.start(), m.end(), "quarter", _fixed(*_months(y, index * 3 - 2, index * 3)), (y, None, None))
    return _period_cand(m, 4, index, "quarter")


@rule("fr en", r"(?<![\w-])(?:(?P<l1>[HS])(?P<n1>[12])[ -]?(?P<y>(?:19|20)\d\d)|(?P<y2>(?:19|20)\d\d)[ -]?(?P<l2>[HS])(?P<n2>[12]))(?![\w-])")
def _h(m, lang):
    """H1 2023, S1 2023, 2019-H2."""
    index = int(m["n1"] or m["n2"])
    y = int(m["y"] or m["y2"])
    return _Cand(m.start(), m.end(), "half", _fixed(*_months(y, index * 6 - 5, index * 6)), (y, None, None))


_SEASONS = {"printemps": 0, "spring": 0, "été": 1, "ete": 1, "summer": 1, "automne": 2, "autumn": 2, "fall": 2,
            "hiver": 3, "winter": 3}


def _season(y: int, index: int) -> tuple[dt.date, dt.date]:
    # NOTE: meteorological seasons; "hiver 2022" is the winter that ends in 2022 (Dec 2021 - Feb 2022).
    if index == 3:
        return dt.date(y - 1, 12, 1), dt.date(y, 2, _last(y, 2))
    return _months(y, 3 + 3 * index, 5 + 3 * index)


@rule("fr en", rf"(?:(?P<mod>l{APOS}|cet{_SP}|ce{_SP}|this{_SP}|last{_SP}|next{_SP}|the{_SP})?(?:{_PART})?)?(?P<s>{_alt(_SEASONS)})(?!\w)"
      rf"(?:{_SP}(?P<post>dernier|prochain))?(?:{_SP}(?:de{_SP}|d{APOS}|of{_SP})?(?P<y>(?:19|20)\d\d)(?:[-/](?P<y2>(?:19|20)?\d\d))?(?!\d))?")
def _season_rule(m, lang):
    """l'été 2022, summer 2022, cet hiver, last summer, l'hiver 2022-2023."""
    index = _SEASONS[m["s"].lower()]
    mod = (m["mod"] or "").strip().lower()
    post = (m["post"] or "").lower()
    if m["y"]:
        y = int(m["y"]) + (1 if index == 3 and m["y2"] else 0)
        return _Cand(m.start(), m.end(), "season", _fixed(*_season(y, index)), (y, None, None))
    if mod not in ("cet", "ce", "this", "last", "next") and not post:
        return None
    direction = 1 if "next" in mod or post == "prochain" else -1 if "last" in mod or post == "dernier" else 0

    def resolve(ref: _Ref):
        if ref.day is None:
            return None
        for year in range(ref.day.year + 2, ref.day.year - 3, -1):
            start, end = _season(year, index)
            if (direction == 0 and start.year <= ref.day.year <= end.year and (start <= ref.day or index != 3)
                    and (year == ref.day.year or index == 3 and ref.day.month == 12 and year == ref.day.year + 1)):
                return start, end
            if direction == -1 and end < ref.day:
                return start, end
        if direction == 1:
            for year in range(ref.day.year, ref.day.year + 3):
                if _season(year, index)[0] > ref.day:
                    return _season(year, index)
        return None
    return _Cand(m.start(), m.end(), "season", resolve)


_DECADE_WORDS = {"vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "soixante-dix": 70,
                 "quatre-vingt": 80, "quatre-vingts": 80, "quatre-vingt-dix": 90, "twenties": 20, "thirties": 30,
                 "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70, "eighties": 80, "nineties": 90}


@rule("fr", rf"(?:(?:les|des|aux){_SP})?années{_SP}(?:(?P<y>(?:1[0-9]|20)\d0)|(?P<yy>[1-9]0)|"
      rf"(?P<w>{_alt(_DECADE_WORDS)}))(?![\w])")
def _fr_decade(m, lang):
    return _decade(m)


@rule("en", rf"(?:the{_SP})?(?:(?P<y>(?:1[0-9]|20)\d0){_OSP}{APOS}?s|{APOS}?(?P<yy>[1-9]0){_OSP}{APOS}?s|(?P<w>{_alt(_DECADE_WORDS)}))(?![\w])")
def _en_decade(m, lang):
    return _decade(m)


def _decade(m):
    # NOTE: two-digit decades are the 20th century's ("les années 20" are the 1920s): no guessing from the reference.
    y = int(m["y"]) if m["y"] else 1900 + (int(m["yy"]) if m["yy"] else _DECADE_WORDS[m["w"].lower()])
    return _Cand(m.start(), m.end(), "decade", _fixed(dt.date(y, 1, 1), dt.date(y + 9, 12, 31)))


_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def _roman(text: str) -> int | None:
    total, previous = 0, 0
    for ch in reversed(text.lower()):
        value = _ROMAN.get(ch)
        if value is None:
            return None
        total += -value if value < previous else value
        previous = max(previous, value)
    return total


@rule("fr en", rf"(?P<n>[IVXivx]{{1,5}}|\d{{1,2}})(?:e|ème|è|er|st|nd|rd|th){_OSP}(?:siècle|century)(?!\w)")
def _century(m, lang):
    n = int(m["n"]) if m["n"].isdigit() else _roman(m["n"])
    if not n or n > 21:
        return None
    return _Cand(m.start(), m.end(), "range", _fixed(dt.date((n - 1) * 100 or 1, 1, 1), dt.date(n * 100 - 1, 12, 31)))


# -- Relative to the reference date -------------------------------------------------------------------

_REL_DAYS = {"aujourd'hui": 0, "aujourd’hui": 0, "hier": -1, "avant-hier": -2, "demain": 1, "après-demain": 2,
             "today": 0, "yesterday": -1, "tomorrow": 1, "tmrw": 1, "the day before yesterday": -2,
             "the day after tomorrow": 2, "ce matin": 0, "ce soir": 0, "cet après-midi": 0, "tonight": 0,
             "this morning": 0, "this afternoon": 0, "this evening": 0}


@rule("fr en", rf"(?<![\w-])(?P<w>{_alt(_REL_DAYS)})(?![\w-])")
def _rel_day(m, lang):
    offset = _REL_DAYS[m["w"].lower()]
    return _Cand(m.start(), m.end(), "day",
                 lambda ref: (ref.day + dt.timedelta(offset),) * 2 if ref.day else None)


# Weekdays. NOTE: a bare weekday in news is past tense: the latest such day on or before the
# reference ("lundi" published on a Monday is that day); "ce lundi" is the Monday of the
# reference's week; "lundi dernier"/"last Monday" is strictly before; "prochain"/"next" strictly after.
@rule("fr en", rf"(?:(?P<mod>ce|this|last|next|on|coming|past|le){_SP})?(?P<wd>{_alt(WEEKDAYS)})(?!\w)"
      rf"(?:{_SP}(?P<post>dernier|prochain|passé)(?!\w))?")
def _weekday(m, lang):
    wd = WEEKDAYS[m["wd"].lower()]
    mod = (m["post"] or m["mod"] or "").lower()

    def resolve(ref: _Ref):
        if ref.day is None:
            return None
        back = (ref.day.weekday() - wd) % 7
        if mod in ("ce", "this"):
            day = _week(ref.day)[0] + dt.timedelta(wd)
        elif mod in ("last", "dernier", "passé", "past"):
            day = ref.day - dt.timedelta(back or 7)
        elif mod in ("next", "prochain", "coming"):
            day = ref.day + dt.timedelta((wd - ref.day.weekday()) % 7 or 7)
        else:
            day = ref.day - dt.timedelta(back)
        return day, day
    start = m.start("wd") if (m["mod"] or "").lower() in ("on", "le") else m.start()
    return _Cand(start, m.end(), "day", resolve, weekday=None if m["post"] or m["mod"] not in (None, "on", "le") else wd)


_UNIT_WORDS = {"semaine": "week", "week": "week", "mois": "month", "month": "month", "an": "year", "année": "year",
               "annee": "year", "year": "year", "trimestre": "quarter", "quarter": "quarter", "week-end": "weekend",
               "weekend": "weekend", "semestre": "half"}
_DIR_WORDS = {"dernier": -1, "dernière": -1, "derniere": -1, "passé": -1, "passée": -1, "last": -1, "previous": -1,
              "prochain": 1, "prochaine": 1, "next": 1, "coming": 1, "ce": 0, "cette": 0, "cet": 0, "this": 0,
              "current": 0, "en cours": 0, "ci": 0}


def _period_of(unit: str, shift: int, ref: _Ref) -> tuple[dt.date, dt.date] | None:
    if unit == "year":
        return None if ref.year is None else (dt.date(ref.year + shift, 1, 1), dt.date(ref.year + shift, 12, 31))
    if unit in ("month", "quarter", "half"):
        if ref.year is None or ref.month is None:
            return None
        size = {"month": 1, "quarter": 3, "half": 6}[unit]
        first = dt.date(ref.year, (ref.month - 1) // size * size + 1, 1)
        first = _add_months(first, shift * size)
        last = _add_months(first, size - 1)
        return first, last.replace(day=_last(last.year, last.month))
    if ref.day is None:
        return None
    monday = _week(ref.day)[0] + dt.timedelta(weeks=shift)
    if unit == "weekend":
        return monday + dt.timedelta(5), monday + dt.timedelta(6)
    return monday, monday + dt.timedelta(6)


@rule("fr", rf"(?:{_PART}(?:la{_SP}|l{APOS})?)?(?:(?:la|le|l{APOS}){_OSP})?(?P<u>semaine|mois|année|an|trimestre|semestre|week-end)"
      rf"{_SP}(?P<dir>dernière|derniere|dernier|passée|passé|prochaine|prochain|en{_SP}cours)(?!\w)")
def _fr_rel_period(m, lang):
    return _rel_period(m, m["u"], m["dir"])


@rule("fr", rf"(?:{_PART}(?:la{_SP}|l{APOS})?)?(?P<dir>cette|ce|cet)(?:{_SP})(?P<u>semaine|mois|année|trimestre|semestre|week-end)"
      rf"(?:-(?:ci|là))?(?!\w)")
def _fr_this_period(m, lang):
    return _rel_period(m, m["u"], m["dir"])


@rule("fr", rf"{_PART}(?:la{_SP}|l{APOS})?(?P<u>mois|année|semaine|an)(?!\w)")
def _fr_part_current(m, lang):
    """au début du mois, en fin d'année: the current month or year."""
    if not m["part"].strip():
        return None
    return _rel_period(m, m["u"], "ce")


@rule("en", rf"(?:{_PART}(?:the{_SP})?)?(?P<dir>this|last|next|coming|current|previous){_SP}(?P<u>week|month|year|quarter|weekend)(?!\w)")
def _en_rel_period(m, lang):
    return _rel_period(m, m["u"], m["dir"])


@rule("en", rf"{_PART}(?:the{_SP})?(?P<u>month|year|week)(?!\w)")
def _en_part_current(m, lang):
    """end of the month, early in the year (read as the current one)."""
    if not _part_of(m["part"]) or not re.search(r"of|early|late|mid", m["part"], re.IGNORECASE):
        return None
    return _rel_period(m, m["u"], "this")


def _rel_period(m, unit_word: str, dir_word: str) -> _Cand:
    unit = _UNIT_WORDS[unit_word.lower()]
    shift = _DIR_WORDS[re.sub(r"\s+", " ", dir_word.lower())]
    part = _part_of(m["part"]) if "part" in m.re.groupindex else None
    gran = "week" if unit == "weekend" else unit

    def resolve(ref: _Ref):
        span = _period_of(unit, shift, ref)
        return _part(*span, part, gran) if span else None
    return _Cand(_skip_preposition(m), m.end(), gran, resolve)


_COUNT = rf"(?P<n>\d{{1,3}}|{_alt(w for w, n in NUMBER_WORDS.items() if n and ' ' not in w)}|a{_SP}couple{_SP}of)"
_APPROX = (r"(?:(?:près de|pres de|environ|plus de|moins de|à peu près|a peu pres|presque|quelque|un peu plus de|"
           r"un peu moins de|about|nearly|almost|some|around|more than|over|less than|roughly|just over|just under)\s{1,3})?")
_AGO_UNITS = {"jour": "d", "jours": "d", "day": "d", "days": "d", "semaine": "w", "semaines": "w", "week": "w",
              "weeks": "w", "mois": "m", "month": "m", "months": "m", "an": "y", "ans": "y", "année": "y",
              "années": "y", "year": "y", "years": "y", "décennie": "x", "décennies": "x", "decade": "x", "decades": "x"}


def _shift(day: dt.date, n: int, unit: str) -> dt.date:
    if unit == "d":
        return day + dt.timedelta(n)
    if unit == "w":
        return day + dt.timedelta(weeks=n)
    return _add_months(day, n * {"m": 1, "y": 12, "x": 120}[unit])


def _offset_cand(m, sign: int) -> _Cand | None:
    n = _num(m["n"]) if not m["n"].lower().endswith("of") else 2
    if not n:
        return None
    unit = _AGO_UNITS[m["u"].lower()]

    def resolve(ref: _Ref):
        if ref.day is None:
            return None
        day = _shift(ref.day, sign * n, unit)
        return day, day
    return _Cand(m.start(), m.end(), "day", resolve)


# "il y a 2 heures" is not matched: hours are a time of day, not a date.
@rule("fr", rf"il{_OSP}y{_OSP}a{_SP}{_APPROX}{_COUNT}{_SP}(?P<u>{_alt(_AGO_UNITS)})(?!\w)")
def _fr_ago(m, lang):
    return _offset_cand(m, -1)


@rule("fr", rf"dans{_SP}{_APPROX}{_COUNT}{_SP}(?P<u>{_alt(_AGO_UNITS)})(?!\w)")
def _fr_in(m, lang):
    return _offset_cand(m, 1)


@rule("en", rf"{_APPROX}{_COUNT}{_SP}(?P<u>{_alt(_AGO_UNITS)}){_SP}ago(?!\w)")
def _en_ago(m, lang):
    return _offset_cand(m, -1)


# NOTE: "in ten years" is mostly a duration in news ("a rise in ten years"): only days and weeks count.
@rule("en", rf"in{_SP}{_APPROX}{_COUNT}{_SP}(?P<u>days?|weeks?)(?:{APOS}s{_SP}time|{_SP}time)?(?!\w)")
def _en_in(m, lang):
    return _offset_cand(m, 1)


_ROLL_UNITS = {"jours": "d", "days": "d", "semaines": "w", "weeks": "w", "mois": "m", "months": "m", "ans": "y",
               "années": "y", "years": "y", "trimestres": "q", "quarters": "q"}


def _rolling(m, n: int, unit: str, sign: int) -> _Cand:
    """The N whole units before the reference (quarters: before the current one), or after it."""
    def resolve(ref: _Ref):
        if unit == "q":
            current = _period_of("quarter", 0, ref)
            if current is None:
                return None
            if sign < 0:
                return _add_months(current[0], -3 * n), current[0] - dt.timedelta(1)
            last = _add_months(current[0], 3 * n + 2)
            return _add_months(current[0], 3), last.replace(day=_last(last.year, last.month))
        if ref.day is None:
            return None
        if sign < 0:
            return _shift(ref.day, -n, unit), ref.day - dt.timedelta(1)
        return ref.day + dt.timedelta(1), _shift(ref.day, n, unit)
    return _Cand(m.start(), m.end(), "range", resolve)


@rule("en", rf"(?:the{_SP})?(?:(?P<dir>last|past|previous|next|coming|following|upcoming){_SP})?{_COUNT}"
      rf"(?:{_SP}(?P<dir2>next|past|previous|upcoming|last))?{_SP}(?P<u>days|weeks|months|years|quarters)(?!\w)")
def _en_rolling(m, lang):
    """the past five years, the next 3 days, the last 2 quarters: whole units counted from the reference."""
    n = _num(m["n"])
    if not n:
        return None
    if bool(m["dir"]) == bool(m["dir2"]):
        return None  # "3 years" is a duration
    direction = (m["dir"] or m["dir2"]).lower()
    return _rolling(m, n, _ROLL_UNITS[m["u"].lower()], -1 if direction in ("last", "past", "previous") else 1)


@rule("fr", rf"(?:(?:les|ces|des|aux|au{_SP}cours{_SP}des){_SP})?{_COUNT}{_SP}(?P<dir>derniers|dernières|dernieres|"
      rf"prochains|prochaines|précédents|précédentes){_SP}(?P<u>jours|semaines|mois|années|ans|trimestres)(?!\w)")
def _fr_rolling(m, lang):
    """ces cinq dernières années, les 3 prochaines semaines."""
    n = _num(m["n"])
    if not n:
        return None
    return _rolling(m, n, _ROLL_UNITS[m["u"].lower()], 1 if m["dir"].lower().startswith("prochain") else -1)


def _latest_day_number(d: int, ref: _Ref) -> tuple[dt.date, dt.date] | None:
    """The latest day numbered ``d`` on or before the reference ("le 23" read on 12 January: 23 December)."""
    if ref.day is None:
        return None
    first = ref.day.replace(day=1)
    for back in range(0, 4):
        month = _add_months(first, -back)
        if d <= _last(month.year, month.month) and month.replace(day=d) <= ref.day:
            return (month.replace(day=d),) * 2
    return None


# A bare day number only when it cannot be a count: after "le"/"the"/"on", before punctuation or a preposition.
@rule("fr", r"(?<!\w)le\s{1,3}(?P<d>1er|[12]\d|3[01]|0?[1-9])(?=\s?(?:[,.;:!?)]|$)|\s(?:à|au|pour|et|ou|dans|jusqu)(?!\w))")
def _fr_day_number(m, lang):
    d = 1 if m["d"] == "1er" else int(m["d"])
    return _Cand(m.start("d"), m.end(), "day", lambda ref: _latest_day_number(d, ref))


@rule("en", r"(?<!\w)(?:on\s{1,3}(?:the\s{1,3})?|the\s{1,3})(?P<d>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))"
      r"(?=\s?(?:[,.;:!?)]|$)|\s(?:at|in|for|and|or|to|through|until|from|-)(?!\w))")
def _en_day_number(m, lang):
    d = int(re.match(r"\d+", m["d"]).group())
    return _Cand(m.start(), m.end(), "day", lambda ref: _latest_day_number(d, ref))


def _easter(year: int) -> dt.date:
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _black_friday(year: int) -> dt.date:
    nov1 = dt.date(year, 11, 1)
    thursday = nov1 + dt.timedelta((3 - nov1.weekday()) % 7 + 21)
    return thursday + dt.timedelta(1)


HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "christmas": lambda y: dt.date(y, 12, 25), "christmas day": lambda y: dt.date(y, 12, 25),
    "noël": lambda y: dt.date(y, 12, 25), "christmas eve": lambda y: dt.date(y, 12, 24),
    "new year's day": lambda y: dt.date(y, 1, 1), "new year day": lambda y: dt.date(y, 1, 1),
    "jour de l'an": lambda y: dt.date(y, 1, 1), "halloween": lambda y: dt.date(y, 10, 31),
    "valentine's day": lambda y: dt.date(y, 2, 14), "saint-valentin": lambda y: dt.date(y, 2, 14),
    "independence day": lambda y: dt.date(y, 7, 4), "bastille day": lambda y: dt.date(y, 7, 14),
    "toussaint": lambda y: dt.date(y, 11, 1), "saint patrick": lambda y: dt.date(y, 3, 17),
    "st patrick's day": lambda y: dt.date(y, 3, 17), "saint patrick's day": lambda y: dt.date(y, 3, 17),
    "earth day": lambda y: dt.date(y, 4, 22), "juneteenth": lambda y: dt.date(y, 6, 19),
    "international workers' day": lambda y: dt.date(y, 5, 1), "fête du travail": lambda y: dt.date(y, 5, 1),
    "easter": _easter, "pâques": _easter, "paques": _easter, "black friday": _black_friday,
}


@rule("fr en", rf"(?:(?P<mod>last|next|previous|following|this){_SP})?(?<![\w-])(?P<h>{_alt(HOLIDAYS)})(?![\w-])"
      rf"(?:{_SP}(?:of{_SP}|de{_SP})?(?P<y>(?:19|20)\d\d)(?!\d))?")
def _holiday(m, lang):
    """Noël 2022, Pâques, Christmas, last Easter: fixed and movable feasts."""
    day_of = HOLIDAYS[m["h"].lower()]
    if m["y"]:
        day = day_of(int(m["y"]))
        return _Cand(m.start(), m.end(), "day", _fixed(day, day))
    if m["h"].lower() == "noël" and not re.search(r"(?:à|de|pour|avant|après|depuis|jusqu'à|jusqu’à)\s{1,3}$",
                                                   m.string[max(0, m.start() - 12):m.start()], re.IGNORECASE):
        return None  # Noël is also a first name
    mod = (m["mod"] or "").lower()

    def resolve(ref: _Ref):
        if ref.day is None:
            return None
        if mod in ("next", "following"):
            day = next(day_of(y) for y in range(ref.day.year, ref.day.year + 2) if day_of(y) > ref.day)
        elif mod in ("last", "previous"):
            day = next(day_of(y) for y in range(ref.day.year, ref.day.year - 2, -1) if day_of(y) < ref.day)
        elif mod == "this":
            day = day_of(ref.day.year)
        else:
            day = next(day_of(y) for y in range(ref.day.year, ref.day.year - 2, -1) if day_of(y) <= ref.day)
        return day, day
    return _Cand(m.start(), m.end(), "day", resolve)


@rule("en", rf"(?<!\w)week{_SP}(?P<n>[1-9]|[1-4]\d|5[0-3])(?!\d)(?:{_SP}of{_SP}(?P<y>(?:19|20)\d\d)(?!\d))?")
def _iso_week(m, lang):
    """week 31, week 3 of 2027: ISO 8601 weeks (Monday to Sunday)."""
    n = int(m["n"])

    def resolve(ref: _Ref):
        year = int(m["y"]) if m["y"] else ref.year
        if year is None:
            return None
        try:
            monday = dt.date.fromisocalendar(year, n, 1)
        except ValueError:
            return None
        return monday, monday + dt.timedelta(6)
    return _Cand(m.start(), m.end(), "week", resolve)


@rule("en", rf"(?:the{_SP})?(?P<ord>first|second|third|fourth|last|1st|2nd|3rd|4th){_SP}week{_SP}of{_SP}"
      rf"(?:{MONTH}(?:{_OSP},?{_OSP}{YEAR4})?|(?P<y2>(?:19|20)\d\d)(?!\d))")
def _nth_week(m, lang):
    """the first week of 2015, the last week of July: the Monday-Sunday week holding the Nth Thursday (ISO rule)."""
    index = _ORD_QUARTER[m["ord"].lower()]
    month = _mo(m) if m["mo"] else None

    def resolve(ref: _Ref):
        year = int(m["y"] or m["y2"] or 0) or None
        if year is None:
            span = _latest_month(month, ref) if month else None
            if span is None:
                return None
            year = span[0].year
        first, last = (_month(year, month) if month else (dt.date(year, 1, 1), dt.date(year, 12, 31)))
        thursdays = [first + dt.timedelta((3 - first.weekday()) % 7)]
        if index == -1:
            thursday = last - dt.timedelta((last.weekday() - 3) % 7)
        else:
            thursday = thursdays[0] + dt.timedelta(weeks=index - 1)
        monday = thursday - dt.timedelta(3)
        return monday, monday + dt.timedelta(6)
    return _Cand(m.start(), m.end(), "week", resolve)


# ---------------------------------------------------------------------------------------------
# Extraction.
# ---------------------------------------------------------------------------------------------

_CONNECTOR = re.compile(
    r"\s{0,3}(?:-|–|—|~|to|till|until|through|thru|and|à|au|et|jusqu'à|jusqu’à|jusqu'en|jusqu’en|jusqu'au|jusqu’au)\s{0,3}"
    r"(?:(?:the|le|la|l'|l’|en|in)\s{1,3})?$", re.IGNORECASE)
_RANGE_START = re.compile(r"(?:from|between|de|du|d'|d’|depuis|entre|des)\s{1,3}(?:(?:the|le|la|l'|l’)\s{1,3})?$", re.IGNORECASE)


def _candidates(text: str, lang: str | None) -> list[_Cand]:
    found = []
    for langs, pattern, handler in RULES:
        if lang is not None and lang not in langs:
            continue
        for m in pattern.finditer(text):
            cand = handler(m, lang)
            if cand is not None and cand.end > cand.start:
                found.append(cand)
    # Longest leftmost wins; ties go to the rule registered first.
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    chosen: list[_Cand] = []
    for cand in found:
        if chosen and cand.start < chosen[-1].end:
            continue
        chosen.append(cand)
    return chosen


_WEEKDAY_GLUE = re.compile(r"[ ,(]{0,3}(?:the\s{1,3})?$")
_WEEK_GLUE = re.compile(r"\s{0,3}(?:of|de|-|on|,)?\s{0,3}(?:the\s{1,3})?$", re.IGNORECASE)


def _merge_weekdays(text: str, cands: list[_Cand]) -> list[_Cand]:
    """vendredi 7/6, this Friday (Jun-15): the date decides; mardi de la semaine prochaine, next week Wednesday."""
    out: list[_Cand] = []
    for cand in cands:
        prev = out[-1] if out else None
        gap = text[prev.end:cand.start] if prev else ""
        if prev and prev.weekday is not None and cand.ymd[2] is not None and _WEEKDAY_GLUE.match(gap):
            out[-1] = _Cand(prev.start, cand.end, "day", cand.resolve, cand.ymd)
        elif prev and len(gap) < 12 and _WEEK_GLUE.match(gap) and (
                (prev.weekday is not None and cand.gran == "week") or (prev.gran == "week" and cand.weekday is not None)):
            week, wd = (cand, prev.weekday) if prev.weekday is not None else (prev, cand.weekday)
            out[-1] = _Cand(prev.start, cand.end, "day", _day_in_week(week.resolve, wd))
        else:
            out.append(cand)
    return out


def _day_in_week(resolve: Resolver, wd: int) -> Resolver:
    def day(ref: _Ref):
        week = resolve(ref)
        if week is None:
            return None
        found = week[0] + dt.timedelta((wd - week[0].weekday()) % 7)
        return found, found
    return day


def _merge_ranges(text: str, cands: list[_Cand]) -> list[_Cand]:
    """from 2014 to 2018, entre mars et juin 2020, de janvier à avril 2015: one range, ends inclusive."""
    out: list[_Cand] = []
    i = 0
    while i < len(cands):
        a = cands[i]
        if i + 1 < len(cands):
            b = cands[i + 1]
            gap = text[a.end:b.start]
            lead = _RANGE_START.search(text, max(0, a.start - 16), a.start)
            connector = _CONNECTOR.match(gap) if len(gap) <= 24 else None
            if connector and _joinable(a, b, gap, lead):
                out.append(_range(a, b, lead.start() if lead else a.start))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _joinable(a: _Cand, b: _Cand, gap: str, lead) -> bool:
    words = gap.strip().lower()
    if words.startswith(("and", "et")) and not (lead and re.match(r"between|entre", lead.group(), re.IGNORECASE)):
        return False
    if not lead and not words.startswith(("-", "–", "~", "to", "through", "until", "till", "jusqu")):
        return False
    return a.gran not in ("range",) and b.gran not in ("range",)


def _range(a: _Cand, b: _Cand, start: int) -> _Cand:
    ay, am, ad = a.ymd
    by = b.ymd[0]

    def resolve(ref: _Ref):
        first = a.resolve(ref)
        if ay is None and am is not None and by is not None:  # "de janvier à avril 2015": the year is shared
            year = by - (1 if am > (b.ymd[1] or 12) else 0)
            first = (dt.date(year, am, ad or 1),) * 2 if ad else _month(year, am)
        second = b.resolve(ref)
        if not first or not second or second[1] < first[0]:
            return None
        return first[0], second[1]
    return _Cand(start, b.end, "range", resolve)


class DateMatcher(Matcher):
    """Dates and periods in French and English news, as inclusive spans of days.

    Recognised, with the value shown by ``claimcheck extract``:

    - years: "en 2019", "in 2021", "l'an 2000" → ``2019``. A bare number counts as a year
      from 1900 to 2100 (earlier only after "en", "in", "since", "l'an"…);
    - months: "juillet 2019", "July 2019", "Dec-2018", "2018-02", "April of 87" → ``2019-07``;
    - days: "23 janvier 2023", "le 1er mars", "mercredi 10 juin 2020", "January 23, 2023",
      "23 January 2023", "2023-01-23", "23/01/2023" (day first in French), "01/23/2023"
      (month first in English; the other order when only it is valid) → ``2023-01-23``;
    - parts: "début 2023", "fin 2022", "mi-2022", "early 2023", "late 2022", "mid-2022":
      thirds of a year (Jan–Apr, May–Aug, Sep–Dec); "début/mi-/fin novembre", "early/mid/late
      November": days 1–15, 10–20 and 16–end of the month;
    - quarters and halves: "au premier trimestre 2023", "T1 2023", "Q1 2023", "2017-q1",
      "in the first quarter of 2023", "au second semestre 2022", "H1 2023", "S2 2022";
    - seasons (meteorological): "l'été 2022", "summer 2022" → 2022-06-01..2022-08-31;
      "l'hiver 2022" is December 2021 to February 2022;
    - decades and centuries: "les années 1990", "les années 90", "the 1990s", "the '90s",
      "le XXe siècle", "the 21st century";
    - ranges: "de 2014 à 2018", "between 2014 and 2018", "2014-2018", "du 3 au 12 septembre",
      "November 19-20": both ends inclusive ("de 2014 à 2018" includes 2018);
    - dates relative to the publication date (``ref_date``): "aujourd'hui", "hier", "demain",
      "today", "yesterday", "ce lundi" (the Monday of the reference's week), "lundi" / "on
      Monday" (news is told in the past: the latest Monday on or before the reference),
      "lundi dernier" / "last Monday" (strictly before), "lundi prochain" / "next Monday",
      "la semaine dernière", "last week" (Monday to Sunday), "le mois dernier", "cette année",
      "l'an dernier", "last year", "le trimestre dernier", "il y a deux semaines", "il y a près
      de quatre ans", "two weeks ago" (that day), "dans trois ans", "in two weeks",
      "au début du mois", "fin novembre" / "late November" (the latest November that started
      on or before the reference: published 2023-01-24, 2022-11-16..2022-11-30), "en mars"
      (likewise the latest March on or before the reference), "mars dernier" (strictly before),
      "le 23 mars" without a year (the latest 23 March on or before the reference).

    Without a reference date, relative and year-less dates are found but stay unresolved
    (``unresolved (fin novembre)``) and compare as undecided: the matcher never guesses.

    Deliberately not dates: "2 heures", "14h30", durations ("pendant trois ans", "for 3
    years"), "il y a 2 heures" (a time, not a day), "GPT-3.5", "Windows 11", "Windows 2000",
    "Peugeot 2008", amounts and counts ("2019 dollars", "2000 personnes", "1 999 €"),
    percentages ("2019 %"), phone numbers, "24/7", decimals ("5.12"), the modal "may" ("it may
    rain"), the planet "Mars" without a date word, "le lendemain" and "la veille" (they refer
    to a day of the story, not to the publication date), bare day numbers unless they follow
    "le"/"the"/"on" and precede punctuation or a preposition ("il reviendra le 23." is a day,
    "le 23 joueurs" is not), "in ten years" (a duration; "in two weeks" is a day).

    Comparison: when both are resolved, a mention matches when one span contains the other
    ("mars 2019" matches ``2019`` and ``2019`` matches "mars 2019"), mismatches when they are
    disjoint, and is undecided when they overlap otherwise or when the mention is unresolved.
    """

    kind = "date"
    options = frozenset()

    def parse(self, text: str, *, lang: str, options: Mapping[str, object]) -> DateSpan:
        """Read an absolute date written in a claim: "2019", "juillet 2019", "2023-01-23", "fin 2022"."""
        words = str(text).strip()
        found = list(self._spans(words, lang if lang in ("fr", "en") else None, None))
        if len(found) == 1 and found[0][0] == 0 and found[0][1] == len(words) and found[0][2].resolved:
            return found[0][2]
        raise ValueError(f"{words!r} is not a date: write e.g. '2019', 'juillet 2019', '2023-01-23' or '2018-02'")

    def extract(self, text: str, *, lang: str | None, ref_date: PartialDate | None) -> Iterator[Mention]:
        for start, end, span in self._spans(text, lang if lang in ("fr", "en") else None, ref_date):
            yield Mention(kind=self.kind, start=start, end=end, text=text[start:end], value=span)

    def _spans(self, text: str, lang: str | None, ref_date: PartialDate | None):
        ref = _Ref(ref_date)
        for cand in _merge_ranges(text, _merge_weekdays(text, _candidates(text, lang))):
            words = text[cand.start:cand.end]
            days = cand.resolve(ref)
            if days is None:
                yield cand.start, cand.end, DateSpan(None, None, cand.gran, words)
            else:
                yield cand.start, cand.end, DateSpan(days[0], days[1], cand.gran, words)

    def compare(self, expected: Expected, mention: Mention) -> Agreement:
        want, got = expected.value, mention.value
        if not isinstance(got, DateSpan) or not got.resolved or not want.resolved:
            return Agreement.UNDECIDED
        if got.end < want.start or want.end < got.start:
            return Agreement.MISMATCH
        if (want.start <= got.start and got.end <= want.end) or (got.start <= want.start and want.end <= got.end):
            return Agreement.MATCH
        return Agreement.UNDECIDED


@hookimpl
def claimcheck_register_matchers():
    return [DateMatcher()]
