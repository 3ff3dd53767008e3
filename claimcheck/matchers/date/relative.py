"""The rules of dates relative to the reference: today, last Monday, next week, two years ago, holidays."""
from __future__ import annotations

import datetime as dt
import re
from typing import Callable

from .patterns import _ORD_QUARTER, _skip_preposition, rule
from .resolve import _Cand, _Ref, _add_months, _fixed, _last, _latest_month, _month, _part, _week
from .vocabulary import APOS, MONTH, NUMBER_WORDS, WEEKDAY_ABBR, WEEKDAYS, YEAR4, _OSP, _PART, _SP, _alt, _mo, _num, _part_of

# -- Relative to the reference date -------------------------------------------------------------------

_REL_DAYS = {"aujourd'hui": 0, "aujourd’hui": 0, "hier": -1, "avant-hier": -2, "demain": 1, "après-demain": 2,
             "today": 0, "yesterday": -1, "tomorrow": 1, "tmrw": 1, "the day before yesterday": -2,
             "the day after tomorrow": 2, "ce matin": 0, "ce soir": 0, "cet après-midi": 0, "tonight": 0,
             "this morning": 0, "this afternoon": 0, "this evening": 0}


@rule("fr en", rf"(?<![\w-])(?P<w>{_alt(_REL_DAYS)})(?![\w-])", needs=("today",))
def _rel_day(m, lang):
    offset = _REL_DAYS[m["w"].lower()]
    return _Cand(m.start(), m.end(), "day",
                 lambda ref: (ref.day + dt.timedelta(offset),) * 2 if ref.day else None)


# Weekdays. NOTE: a bare weekday in news is past tense: the latest such day on or before the
# reference ("lundi" published on a Monday is that day); "ce lundi" is the Monday of the
# reference's week; "lundi dernier"/"last Monday" is strictly before; "prochain"/"next" strictly after.
@rule("fr en", rf"(?:(?:this{_SP}(?=(?:upcoming|coming)(?!\w)))?(?P<mod>ce|this|last|next|on|coming|upcoming|past|le){_SP})?"
      rf"(?P<wd>{_alt(WEEKDAYS)})(?!\w)"
      rf"(?:{_SP}(?P<post>dernier|prochain|passé)(?!\w))?", needs=("weekday",))
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
        elif mod in ("next", "prochain", "coming", "upcoming"):
            day = ref.day + dt.timedelta((wd - ref.day.weekday()) % 7 or 7)
        else:
            day = ref.day - dt.timedelta(back)
        return day, day
    start = m.start("wd") if (m["mod"] or "").lower() in ("on", "le") else m.start()
    bare = not m["post"] and m["mod"] in (None, "on", "le")
    return _Cand(start, m.end(), "day", resolve, weekday=wd if bare else None, named_weekday=wd)


_ORDINAL_WORDS = _alt(w for w, n in NUMBER_WORDS.items() if 1 <= n <= 31 and re.search(r"(?:first|second|third|th)$", w))


@rule("en", rf"(?:(?:on|this|next|last|coming|past){_SP})?(?P<wd>{_alt(WEEKDAYS)}|{_alt(WEEKDAY_ABBR)})\.?,?{_SP}(?:the{_SP})?"
      rf"(?P<d>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)|{_ORDINAL_WORDS}|(?:[12]\d|3[01]|0?[1-9])(?=[,;:!?)]|\.(?!\d)|$))"
      rf"(?![\w-])(?!{_OSP}(?:of{_SP})?{MONTH})", needs=("weekday",))
def _en_weekday_day(m, lang):
    """Mon 13th, Tuesday the eleventh, Friday 31! (a bare number only before punctuation): see _weekday_day."""
    return _weekday_day(m)


@rule("fr", rf"(?:le{_SP})?(?P<wd>{_alt(WEEKDAYS)}){_SP}(?P<d>1er|[12]\d|3[01]|0?[1-9])"
      r"(?=\s?(?:[,.;:!?)]|$)|\s(?:à|au|et|ou|pour|dans|jusqu)(?!\w))", needs=("weekday",))
def _fr_weekday_day(m, lang):
    """jeudi 13, le mardi 11 à 14 h: see _weekday_day."""
    return _weekday_day(m)


# NOTE: a weekday with a day number and no month is the current month's when that day falls on that weekday
# (said on 10 June, "Tuesday the 11th" is 11 June), else the latest such day before the reference.
def _weekday_day(m) -> _Cand | None:
    wd_word = m["wd"].lower()
    wd = WEEKDAYS.get(wd_word, WEEKDAY_ABBR.get(wd_word))
    d = _num(m["d"])
    if wd is None or not d or d > 31:
        return None

    def resolve(ref: _Ref):
        if ref.day is None:
            return None
        first = ref.day.replace(day=1)
        for back in range(0, 40):
            month = _add_months(first, -back)
            if d <= _last(month.year, month.month):
                day = month.replace(day=d)
                if day.weekday() == wd and (back == 0 or day <= ref.day):
                    return day, day
        return None
    start = m.start("wd") if m.group().lower().startswith(("on", "le")) else m.start()
    return _Cand(start, m.end(), "day", resolve, named_weekday=wd)


_UNIT_WORDS = {"semaine": "week", "week": "week", "mois": "month", "month": "month", "an": "year", "année": "year",
               "annee": "year", "year": "year", "trimestre": "quarter", "quarter": "quarter", "week-end": "weekend",
               "weekend": "weekend", "semestre": "half", "fortnight": "fortnight", "quinzaine": "fortnight"}
_DIR_WORDS = {"dernier": -1, "dernière": -1, "derniere": -1, "passé": -1, "passée": -1, "last": -1, "previous": -1,
              "prochain": 1, "prochaine": 1, "next": 1, "coming": 1, "ce": 0, "cette": 0, "cet": 0, "this": 0,
              "current": 0, "en cours": 0, "ci": 0, "past": -1}


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
    if unit == "fortnight":  # this one starts on this week's Monday; the next and the past are the two weeks after or before
        monday = _week(ref.day)[0] + dt.timedelta(weeks=2 * shift)
        return monday, monday + dt.timedelta(13)
    monday = _week(ref.day)[0] + dt.timedelta(weeks=shift)
    if unit == "weekend":
        return monday + dt.timedelta(5), monday + dt.timedelta(6)
    return monday, monday + dt.timedelta(6)


@rule("fr", rf"(?:{_PART}(?:la{_SP}|l{APOS})?)?(?:(?:la|le|l{APOS}){_OSP})?(?P<u>semaine|mois|année|an|trimestre|semestre|week-end|quinzaine)"
      rf"{_SP}(?P<dir>dernière|derniere|dernier|passée|passé|prochaine|prochain|en{_SP}cours)(?!\w)", needs=("unit",))
def _fr_rel_period(m, lang):
    return _rel_period(m, m["u"], m["dir"])


_D = r"(?:[12]\d|3[01]|0?[1-9])"


@rule("en", rf"(?<![\w/.-])from{_SP}(?P<d1>{_D})(?:st|nd|rd|th)?{_OSP}[-–]{_OSP}(?P<d2>{_D})(?:st|nd|rd|th)?{_SP}"
      rf"(?:in{_SP})?(?:the{_SP})?(?P<dir>this|last|next|coming|previous){_SP}month(?!\w)", needs=("unit",))
@rule("fr", rf"(?<![\w/.-])(?:du|de){_SP}(?P<d1>{_D})(?:er)?{_OSP}[-–]{_OSP}(?P<d2>{_D}){_SP}(?:du{_SP})?"
      rf"(?:(?P<dir>ce){_SP}mois|mois{_SP}(?P<post>prochain|dernier))(?!\w)", needs=("unit",))
def _days_of_rel_month(m, lang):
    """from 4-23 next month, du 4-23 mois prochain: days of the month next to the reference's (the lead word is
    required: "won 4-23 this month" is a score)."""
    d1, d2 = int(m["d1"]), int(m["d2"])
    if d1 >= d2:
        return None
    shift = _DIR_WORDS[(m["dir"] or m["post"]).lower()]

    def resolve(ref: _Ref):
        month = _period_of("month", shift, ref)
        if month is None or d2 > month[1].day:
            return None
        return month[0].replace(day=d1), month[0].replace(day=d2), month[0].replace(day=d2)
    return _Cand(m.start(), m.end(), "range", resolve)


@rule("en", rf"(?:the{_SP})?(?P<d>{_D})(?:st|nd|rd|th)(?:{_SP}of)?{_SP}(?P<dir>this|last|next|coming|previous){_SP}month(?!\w)",
      needs=("unit",))
@rule("fr", rf"(?:le{_SP})?(?P<d>1er|{_D}){_SP}(?:de{_SP}(?P<dir>ce){_SP}mois|du{_SP}mois{_SP}(?P<post>prochain|dernier))(?!\w)",
      needs=("unit",))
def _day_of_rel_month(m, lang):
    """the 21st this month, the 5th of next month, le 21 du mois prochain: that day of the month next to the
    reference's."""
    d = _num(m["d"])
    shift = _DIR_WORDS[(m["dir"] or m["post"]).lower()]

    def resolve(ref: _Ref):
        month = _period_of("month", shift, ref)
        if month is None or d > month[1].day:
            return None
        return (month[0].replace(day=d),) * 2
    return _Cand(m.start("d") if m.group()[:2].lower() == "le" else m.start(), m.end(), "day", resolve)


@rule("fr", rf"(?:{_PART}(?:la{_SP}|l{APOS})?)?(?P<dir>cette|ce|cet)(?:{_SP})(?P<u>semaine|mois|année|trimestre|semestre|week-end|quinzaine)"
      rf"(?:-(?:ci|là))?(?!\w)", needs=("unit",))
def _fr_this_period(m, lang):
    return _rel_period(m, m["u"], m["dir"])


@rule("fr", rf"{_PART}(?:la{_SP}|l{APOS})?(?P<u>mois|année|semaine|an)(?!\w)", needs=("unit",))
def _fr_part_current(m, lang):
    """au début du mois, en fin d'année: the current month or year."""
    if not m["part"].strip():
        return None
    return _rel_period(m, m["u"], "ce")


@rule("en", rf"(?:{_PART}(?:the{_SP})?)?(?P<dir>this|last|next|coming|current|previous|past){_SP}"
      rf"(?:calendar{_SP}(?=year))?(?P<u>week|month|year|quarter|weekend|fortnight)(?!\w)",
      needs=("unit",))
def _en_rel_period(m, lang):
    return _rel_period(m, m["u"], m["dir"])


@rule("en", rf"{_PART}(?:the{_SP})?(?P<u>month|year|week)(?!\w)", needs=("unit",))
def _en_part_current(m, lang):
    """end of the month, early in the year (read as the current one)."""
    if not _part_of(m["part"]) or not re.search(r"of|early|late|mid", m["part"], re.IGNORECASE):
        return None
    return _rel_period(m, m["u"], "this")


# NOTE: "earlier this year" runs from the period's start to the day before the reference, "later this month"
# from the reference to the period's end: the part of the period before or after the story's day.
@rule("en", rf"(?P<side>earlier|later){_SP}(?:this|in{_SP}the){_SP}(?P<u>week|month|year)(?!\w)", needs=("unit",))
def _en_earlier_later(m, lang):
    unit = m["u"].lower()
    later = m["side"].lower() == "later"

    def resolve(ref: _Ref):
        span = _period_of(unit, 0, ref)
        if span is None or ref.day is None:
            return span
        if later:
            return ref.day, span[1]
        return (span[0], ref.day - dt.timedelta(1)) if ref.day > span[0] else None
    return _Cand(m.start(), m.end(), unit, resolve)


def _rel_period(m, unit_word: str, dir_word: str) -> _Cand:
    unit = _UNIT_WORDS[unit_word.lower()]
    shift = _DIR_WORDS[re.sub(r"\s+", " ", dir_word.lower())]
    part = _part_of(m["part"]) if "part" in m.re.groupindex else None
    gran = "week" if unit == "weekend" else "range" if unit == "fortnight" else unit

    def resolve(ref: _Ref):
        span = _period_of(unit, shift, ref)
        return _part(*span, part, gran) if span else None
    return _Cand(_skip_preposition(m), m.end(), gran, resolve)


_COUNT = rf"(?P<n>\d{{1,3}}|{_alt(w for w, n in NUMBER_WORDS.items() if n and ' ' not in w)}|a{_SP}couple{_SP}of)"
_APPROX = (r"(?:(?:près de|pres de|environ|plus de|moins de|à peu près|a peu pres|presque|quelque|un peu plus de|"
           r"un peu moins de|about|nearly|almost|some|around|more than|over|less than|roughly|just over|just under)\s{1,3})?")
_AGO_UNITS = {"jour": "d", "jours": "d", "day": "d", "days": "d", "semaine": "w", "semaines": "w", "week": "w",
              "weeks": "w", "mois": "m", "month": "m", "months": "m", "an": "y", "ans": "y", "année": "y",
              "années": "y", "year": "y", "years": "y", "décennie": "x", "décennies": "x", "decade": "x", "decades": "x",
              "fortnight": "f", "fortnights": "f", "quinzaine": "f"}


def _shift(day: dt.date, n: int, unit: str) -> dt.date:
    if unit == "d":
        return day + dt.timedelta(n)
    if unit == "w":
        return day + dt.timedelta(weeks=n)
    if unit == "f":
        return day + dt.timedelta(weeks=2 * n)
    return _add_months(day, n * {"m": 1, "y": 12, "x": 120}[unit])


# A compound count ("2 weeks and 2 days"): further counts of units after the first, at most two.
_MORE_COUNTS = (rf"(?:(?:{_OSP},|{_SP}and)?{_SP}(?:\d{{1,3}}|{_alt(w for w, n in NUMBER_WORDS.items() if n and ' ' not in w)})"
                rf"{_SP}(?:{_alt(_AGO_UNITS)})(?!\w)){{0,2}}")
_COUNTED_UNIT = re.compile(rf"(?P<n>\d{{1,3}}|{_alt(w for w, n in NUMBER_WORDS.items() if n and ' ' not in w)}|a{_SP}couple{_SP}of)"
                           rf"{_SP}(?P<u>{_alt(_AGO_UNITS)})(?!\w)", re.IGNORECASE)


def _counts(m) -> list[tuple[int, str]] | None:
    """Each count and unit of the match ("2 weeks and 2 days": (2, "w"), (2, "d")); None when one is no number."""
    found = []
    for part in _COUNTED_UNIT.finditer(m.string, m.start("n"), m.end()):
        n = 2 if part["n"].lower().endswith("of") else _num(part["n"])
        if not n:
            return None
        found.append((n, _AGO_UNITS[part["u"].lower()]))
    return found or None


def _offset_cand(m, sign: int) -> _Cand | None:
    counts = _counts(m)
    if counts is None:
        return None
    if len(counts) == 1 and counts[0][1] in ("y", "x") and sign < 0:
        # NOTE: "il y a cinq ans", "five years ago" are approximate in news: the calendar year, not the day.
        n, unit = counts[0]
        years = sign * n * (10 if unit == "x" else 1)
        return _Cand(m.start(), m.end(), "year", lambda ref: None if ref.year is None else
                     (dt.date(ref.year + years, 1, 1), dt.date(ref.year + years, 12, 31)))

    def resolve(ref: _Ref):
        if ref.day is None:
            return None
        day = _moved(ref.day, counts, sign)
        return day, day
    return _Cand(m.start(), m.end(), "day", resolve, offset=True)


def _moved(day: dt.date, counts: list[tuple[int, str]], sign: int) -> dt.date:
    for n, unit in counts:
        day = _shift(day, sign * n, unit)
    return day


# "il y a 2 heures" is not matched: hours are a time of day, not a date.
@rule("fr", rf"il{_OSP}y{_OSP}a{_SP}{_APPROX}{_COUNT}{_SP}(?P<u>{_alt(_AGO_UNITS)})(?:{_SP}de{_SP}jours)?(?!\w)", needs=("unit",))
def _fr_ago(m, lang):
    return _offset_cand(m, -1)


@rule("fr", rf"dans{_SP}{_APPROX}{_COUNT}{_SP}(?P<u>{_alt(_AGO_UNITS)})(?:{_SP}de{_SP}jours)?(?!\w)", needs=("unit",))
def _fr_in(m, lang):
    return _offset_cand(m, 1)


@rule("en", rf"(?<!last\s)(?<!past\s)(?<!previous\s){_APPROX}{_COUNT}{_SP}(?P<u>{_alt(_AGO_UNITS)}){_MORE_COUNTS}{_SP}ago(?!\w)",
      needs=("unit",))
def _en_ago(m, lang):
    """two weeks ago, 2 weeks and 2 days ago; not from a rolling period's count ("the last 3 months and 2 days
    ago": the last 3 months, then 2 days ago)."""
    return _offset_cand(m, -1)


@rule("en", rf"{_APPROX}{_COUNT}{_SP}(?P<u>{_alt(_AGO_UNITS)}){_MORE_COUNTS}{_SP}(?:from{_SP}now|hence)(?!\w)",
      needs=("unit",))
def _en_from_now(m, lang):
    """3 days from now, two years hence: that day ("from today" is an offset from a day, anchors.py)."""
    return _offset_cand(m, 1)


# NOTE: "in ten years" is mostly a duration in news ("a rise in ten years"): only days and weeks count.
@rule("en", rf"in{_SP}{_APPROX}{_COUNT}{_SP}(?P<u>days?|weeks?|fortnights?)(?:{APOS}s{_SP}time|{_SP}time)?(?!\w)", needs=("unit",))
def _en_in(m, lang):
    return _offset_cand(m, 1)


_ROLL_UNITS = {"jours": "d", "days": "d", "semaines": "w", "weeks": "w", "mois": "m", "months": "m", "ans": "y",
               "années": "y", "years": "y", "trimestres": "q", "quarters": "q"}


def _rolling(m, n: int, unit: str, sign: int, more: list[tuple[int, str]] = (), end: int | None = None) -> _Cand:
    """The N whole units before the reference (quarters: before the current one), or after it; ``more``, the
    further counts of a compound ("the last 3 months and 2 weeks")."""
    counts = [(n, unit), *more]

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
            return _moved(ref.day, counts, -1), ref.day - dt.timedelta(1)
        return ref.day + dt.timedelta(1), _moved(ref.day, counts, 1)
    return _Cand(m.start(), m.end() if end is None else end, "range", resolve)


@rule("en", rf"(?:the{_SP})?(?:(?P<dir>last|past|previous|next|coming|following|upcoming){_SP})?{_COUNT}"
      rf"(?:{_SP}(?P<dir2>next|past|previous|upcoming|last))?{_SP}(?P<u>days|weeks|months|years|quarters)(?!\w)"
      rf"{_MORE_COUNTS}", needs=("unit",))
def _en_rolling(m, lang):
    """the past five years, the next 3 days, the last 2 quarters: whole units counted from the reference."""
    n = _num(m["n"])
    if not n:
        return None
    if bool(m["dir"]) == bool(m["dir2"]):
        return None  # "3 years" is a duration
    direction = (m["dir"] or m["dir2"]).lower()
    unit = _ROLL_UNITS[m["u"].lower()]
    more = _counts(m)[1:] if m.end() > m.end("u") else []
    if more and (unit == "q" or _OFFSET_AFTER.match(m.string, m.end())):
        # "the last 3 months and 2 days ago": the further counts are an offset's
        return _rolling(m, n, unit, -1 if direction in ("last", "past", "previous") else 1, end=m.end("u"))
    return _rolling(m, n, unit, -1 if direction in ("last", "past", "previous") else 1, more)


_OFFSET_AFTER = re.compile(rf"{_SP}(?:ago|from|hence|later|earlier|before|after)(?!\w)", re.IGNORECASE)


@rule("fr", rf"(?:(?:les|ces|des|aux|au{_SP}cours{_SP}des){_SP})?{_COUNT}{_SP}(?P<dir>derniers|dernières|dernieres|"
      rf"prochains|prochaines|précédents|précédentes){_SP}(?P<u>jours|semaines|mois|années|ans|trimestres)(?!\w)",
      needs=("unit",))
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
@rule("fr", r"(?<!\w)le\s{1,3}(?P<d>1er|[12]\d|3[01]|0?[1-9])(?=\s?(?:[,.;:!?)]|$)|\s(?:à|au|pour|et|ou|dans|jusqu)(?!\w))",
      needs=("day number",))
def _fr_day_number(m, lang):
    d = 1 if m["d"] == "1er" else int(m["d"])
    return _Cand(m.start("d"), m.end(), "day", lambda ref: _latest_day_number(d, ref))


@rule("en", r"(?<!\w)(?:on\s{1,3}(?:the\s{1,3})?|the\s{1,3})(?P<d>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))"
      r"(?=\s?(?:[,.;:!?)]|$)|\s(?:at|in|for|and|or|to|through|until|from|-)(?!\w))", needs=("day number",))
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
    "easter monday": lambda y: _easter(y) + dt.timedelta(1), "lundi de pâques": lambda y: _easter(y) + dt.timedelta(1),
    "good friday": lambda y: _easter(y) - dt.timedelta(2), "vendredi saint": lambda y: _easter(y) - dt.timedelta(2),
}


@rule("fr en", rf"(?:(?P<mod>last|next|previous|following|this){_SP})?(?<![\w-])(?P<h>{_alt(HOLIDAYS)})(?![\w-])"
      rf"(?:{_SP}(?:of{_SP}|de{_SP})?(?P<y>(?:19|20)\d\d)(?!\d))?", needs=("holiday",))
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


@rule("fr", rf"(?:la{_SP})?(?P<ord>première|premiere|1re|1ère|seconde|deuxième|deuxieme|2e|2nde|dernière|derniere)"
      rf"{_SP}quinzaine{_SP}(?:de{_SP}|d{APOS}){MONTH}(?:{_SP}{YEAR4})?", needs=("unit",))
def _fr_half_month(m, lang):
    """la première quinzaine de mars (1-15), la seconde quinzaine d'août 2022 (16 to the end)."""
    mo, first = _mo(m), m["ord"].lower().startswith(("prem", "1"))
    year = int(m["y"]) if m["y"] else None

    def resolve(ref: _Ref):
        span = _month(year, mo) if year else _latest_month(mo, ref)
        if span is None:
            return None
        return (span[0], span[0].replace(day=15)) if first else (span[0].replace(day=16), span[1])
    return _Cand(m.start(), m.end(), "range", resolve, (year, mo, None))


# NOTE: "year to date" runs to the reference day included (the day the story was written).
@rule("en", rf"(?P<u>year|month|quarter)(?:-to-|{_SP}to{_SP})date(?!\w)", needs=("unit",))
def _to_date(m, lang):
    unit = m["u"].lower()

    def resolve(ref: _Ref):
        span = _period_of(unit, 0, ref)
        if span is None or ref.day is None:
            return None
        return span[0], ref.day, ref.day
    return _Cand(m.start(), m.end(), "range", resolve)
