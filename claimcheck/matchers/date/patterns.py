"""The rules of absolute dates: month names, years, quarters, seasons, decades (numeric dates: numeric.py)."""
from __future__ import annotations

import datetime as dt
import re

from .resolve import _Cand, _Ref, _day_cand, _fixed, _last, _latest_day, _latest_month, _month, _months, _part
from .vocabulary import (
    APOS, DAY, MONTH, MONTHS, MONTH_FULL, WEEKDAY, YEAR, YEAR4, _DAYWORDS, _OSP, _PART, _SP, _alt, _mo, _num,
    _part_of, _year,
)

from . import numeric  # noqa: F401  (the numeric rules register first)
from .registry import RULES, rule  # noqa: F401  (RULES: for extract; rule: for the other rule modules)


# -- Dates with a month name ----------------------------------------------------------------------

_MIXED_PART = rf"(?:\d{{1,4}}|{_alt(MONTHS)})\.?"


@rule("fr en", rf"(?<![\w/-])(?P<p1>{_MIXED_PART})(?P<s>[-/])(?P<p2>{_MIXED_PART})(?P=s)(?P<p3>{_MIXED_PART})(?![\w]|[-/]\w)",
      needs=("month",))
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


_CURRENCY_BEFORE = re.compile(r"[$€£¥][ ]?$")  # "$ 15 million": no day


@rule("fr en", rf"{_DAY_PREFIX}{DAY}{_OSP}(?:(?:of|de){_SP})?{MONTH}"
      rf"(?:(?:,|{_SP}|{_OSP},{_OSP})(?:(?:of|de|in){_SP})?{YEAR}|{_SP}of{_SP}(?P<yy>\d\d)(?=[,.;:!?)]|\s*$))?", needs=("month",))
def _day_month(m, lang):
    d = _num(m["d"])
    if d is None or not 1 <= d <= 31 or _CURRENCY_BEFORE.search(m.string, max(0, m.start("d") - 2), m.start("d")):
        return None
    if m["mo"].lower() == "may" and not m["d"][0].isdigit():
        return None  # "One may ask" is no date
    year = _year(m["y"] or m["yy"]) if m["y"] or m["yy"] else None  # "15 April of 87"
    cand = _day_cand(m, year, _mo(m), d)
    if m["article"] and not m["wd"]:
        cand.start = m.end("article")  # the span starts at the day: "le 23 janvier" -> "23 janvier"
    return cand


@rule("fr en", rf"(?:{WEEKDAY},?{_SP})?{MONTH}(?P<sep>{_OSP}|/|,{_OSP})(?:the{_SP})?{DAY}(?![\d:/]|{_SP}\d{{3}}(?!\d))"
      rf"(?:{_OSP},?{_OSP}(?:(?:of|de){_SP})?{YEAR4})?", needs=("month",))
def _month_day(m, lang):
    d = _num(m["d"])
    if d is None or not 1 <= d <= 31 or (m["mo"] in ("may", "MAY") and not m["d"][0].isdigit() and not m["y"]):
        return None  # "may twenty" is the modal; "May twenty-nine" the month
    if m["sep"].startswith(",") and not re.search(r"[a-z]", m["d"], re.IGNORECASE):
        return None  # "In October, 3 people" is no date; "October, 1st" is one
    if lang == "fr" and not m["y"] and m["d"][0].isdigit() and m["sep"] != "/":
        return None  # French writes the day first: "mars 15 personnes" is no date
    year = _year(m["y"]) if m["y"] else None
    return _day_cand(m, year, _mo(m), d)


@rule("fr en", rf"(?P<pre>(?:du|from|between|entre|from{_SP}the|between{_SP}the|entre{_SP}le|les){_SP})?"
      rf"(?P<d1>(?:[12]\d|3[01]|0?[1-9])(?:er|st|nd|rd|th)?|{_DAYWORDS})(?:{_OSP}[-–]{_OSP}|{_SP}(?:au|à|et|to|through|till|until|and)"
      rf"{_SP}(?:(?:le|the){_SP})?){DAY}{_OSP}(?:(?:of|de){_SP})?{MONTH}(?:{_SP}(?:(?:of|de|in){_SP})?{YEAR4})?",
      needs=("month",))
def _day_range(m, lang):
    """du 3 au 12 septembre, 3-12 septembre, between 3 and 12 of Sept."""
    d1, d2, mo = _num(m["d1"]), _num(m["d"]), _mo(m)
    if not d1 or not d2 or d1 >= d2 or d2 > 31:
        return None
    return _range_in_month(m, int(m["y"]) if m["y"] else None, mo, d1, d2)


@rule("fr en", rf"{MONTH}{_OSP}(?:the{_SP})?(?P<d1>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?|{_DAYWORDS})"
      rf"(?:{_OSP}[-–]{_OSP}|{_SP}(?:to|through|till|until){_SP}(?:the{_SP})?){DAY}(?:{_OSP},?{_OSP}{YEAR4})?",
      needs=("month",))
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
            return dt.date(y, mo, d1), dt.date(y, mo, d2), dt.date(y, mo, d2)
        except ValueError:
            return None
    return _Cand(m.start(), m.end(), "range", resolve)


@rule("fr en", rf"(?<![\w-])(?P<mo1>{_alt(MONTHS)})\.?{_OSP}[-–]{_OSP}{MONTH}(?:{_SP}{DAY})?{_OSP},?{_OSP}{YEAR4}",
      needs=("month",))
def _month_month_year(m, lang):
    """Jan-Feb 2017, June-August 1992, Nov-Feb 2017 (November 2016 to February 2017), Nov-Feb 5th, 2017.

    The year written belongs to the last month; the first month is of the year before when it comes later
    in the calendar. The last month may carry a day ("Nov-Feb 5th, 2017"), which ends the range.
    """
    mo1, mo2, y = MONTHS[m["mo1"].lower()], _mo(m), int(m["y"])
    d = _num(m["d"]) if m["d"] else None
    if mo1 == mo2 or (m["d"] and not d):
        return None
    first = _month(y - (mo1 > mo2), mo1)[0]
    if d:
        try:
            last = (dt.date(y, mo2, d),) * 2
        except ValueError:
            return None
    else:
        last = _month(y, mo2)
    return _Cand(m.start(), m.end(), "range", lambda ref: (first, last[1], last[0]))


_MODS = r"(?P<mod>cette|ce|cet|this|last|next|coming|dernier|prochain)"


@rule("fr en", rf"(?:{_PART}|{_MODS}{_SP})?{MONTH}(?:{_OSP}(?:[,/-]{_OSP}|(?:of|de|in){_SP})?{YEAR})", needs=("month",))
def _month_year(m, lang):
    """juillet 2019, July 2019, Dec-2018, April of 87, mi-juillet 2019."""
    if m["y"][0].isdigit() and len(m["y"]) == 2:
        return None
    y, mo = _year(m["y"]), _mo(m)
    start, end = _part(*_month(y, mo), _part_of(m["part"]), "month")
    return _Cand(_skip_preposition(m), m.end(), "month", _fixed(start, end), (y, mo, None))


@rule("fr en", rf"(?<!\d ){MONTH}(?P<of>{_SP}of)?{_SP}(?P<y>\d\d)(?=[,.;:)]|\s*$)", needs=("month",))
def _month_short_year(m, lang):
    """En juillet 98, April of 87: a two-digit year only before punctuation (else it is a count)."""
    y = _year(m["y"])
    if int(m["y"]) <= 31 and lang != "fr" and not m["of"]:
        return None  # "May 29." is a day in English
    mo = _mo(m)
    return _Cand(m.start(), m.end(), "month", _fixed(*_month(y, mo)), (y, mo, None))


@rule("en", rf"(?:the{_SP})?{MONTH}{_SP}quarter(?:{_SP}(?:of{_SP})?{YEAR4})?", needs=("month",))
def _month_quarter(m, lang):
    """"the December quarter 2024" (Australian and company usage): the three months ending
    in that month; without a year, the latest such quarter ended by the reference."""
    mo = _mo(m)

    def span(ref):
        y = int(m["y"]) if m["y"] else (ref.year if ref.month is not None and mo <= ref.month else
                                        (ref.year - 1 if ref.year is not None else None))
        if y is None:
            return None
        first = dt.date(y if mo > 2 else y - 1, (mo - 3) % 12 + 1, 1)
        return first, dt.date(y, mo, _last(y, mo))
    return _Cand(m.start(), m.end(), "quarter", span, (int(m["y"]) if m["y"] else None, None, None))


@rule("en", rf"{YEAR4}{_SP}{MONTH}", needs=("month",))
def _year_month(m, lang):
    y, mo = int(m["y"]), _mo(m)
    return _Cand(m.start(), m.end(), "month", _fixed(*_month(y, mo)), (y, mo, None))


_MAY_TRIGGERS = {"in", "of", "since", "until", "till", "by", "during", "from", "through", "around", "to", "between"}
_MONTH_TRIGGER = ("(?P<pre>\\b(?:" + _alt(["en", "de", "d'", "d’", "depuis", "dès", "jusqu'en", "jusqu’en", "avant", "après",
                                          "entre", "et", "à", "au mois de", "le mois de", "in", "of", "since", "until",
                                          "till", "by", "during", "before", "after", "from", "to", "through", "between",
                                          "and", "around"]) + ")\\s{1,3})")


# A month name before "to" and another: "June to August", "May-July" (the first of a range of months).
_TO_MONTH = re.compile(rf"(?:{_OSP}[-–]{_OSP}|{_SP}(?:to|through|until|till){_SP})(?:{_alt(MONTHS)})(?![^\W\d])",
                       re.IGNORECASE)


@rule("fr en", rf"(?:{_PART}|{_MODS}{_SP}|{_MONTH_TRIGGER})?{MONTH_FULL}"
      rf"(?:{_SP}(?P<post>dernier|prochain|passé|last|next)(?!\w))?", needs=("month",))
def _month_alone(m, lang):
    """en mars, fin novembre, this September, mars dernier: no year, resolved against the reference."""
    to_month = _TO_MONTH.match(m.string, m.end()) is not None
    if not (m["part"] or m["mod"] or m["pre"] or m["post"] or to_month):
        return None
    mo = _mo(m)
    if m["mo"].lower() == "may" and not (m["part"] or (m["pre"] or "").strip().lower() in _MAY_TRIGGERS) and not (
            m["mo"] == "May" and (to_month or (m["mod"] or "").islower())):
        return None  # the modal: "this may take", "and may differ"; not "this May", "May to March"
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
    # "this May" is of the reference's year: no year to share with the end of a range ("from this May to Oct 2020")
    return _Cand(_skip_preposition(m), m.end(), "month", resolve, (None, None if mod else mo, None))


# Abbreviated months that are no English word or name ("Jan", "Mar" are): after a preposition they are months.
_SAFE_ABBREVIATIONS = ("feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")


@rule("en", rf"(?P<pre>(?:in|since|after|before|until|till|by|from|through|to|during){_SP})"
      rf"(?P<mo>{_alt(_SAFE_ABBREVIATIONS)})\.?(?![\w-]|{_OSP}\d)", needs=("month",))
def _month_abbreviation(m, lang):
    """after Feb, in Sept, since Oct.: the latest such month on or before the reference, as "in October" is."""
    mo = _mo(m)
    return _Cand(_skip_preposition(m), m.end(), "month", lambda ref: _latest_month(mo, ref), (None, mo, None))


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

# After a number, the words that make it a quantity, not a year ("2019 dollars"); a trie (vocabulary._alt): this
# and the words before it are read at every year a text holds.
_UNITS_AFTER = re.compile(r"[ \u00a0\u202f]?(?:" + _alt(word.replace("_", " ") for word in """
    % ‰ € $ £ ¥ pourcent pour_cent pour-cent percent per_cent per-cent euro euros dollar dollars livres franc francs
    yen yens yuan yuans rouble roubles peso pesos km kms m² m2 m cm mm kg tonne tonnes ton tons mètre mètres metre
    metres meter meters kilomètre kilomètres kilometer kilometers mile miles pieds feet ft habitants personnes people
    persons salariés employés employees emplois jobs postes morts victimes deaths point points pts voix votes heure
    heures hour hours minute minutes min seconde secondes second seconds jours days ans years mois months semaines
    weeks fois times exemplaires copies unités units véhicules vehicles voitures cars logements homes élèves students
    étudiants lits beds hectares ha mw gw kw kwh mwh mb gb calories kcal mg ml litre litres liter liters barils
    barrels actions shares mots words pages signatures participants manifestants soldats soldiers spectateurs
    membres members clients customers abonnés subscribers utilisateurs users patients cas cases tests doses pièces
    usd eur chf gbp milliard milliards million millions billion billions km/h mph degrés degrees °
    """.split()) + r")(?!\w)", re.IGNORECASE)
# Before a number, the words that make it a name or a code ("Windows 2000", "n° 2019"), with at most one blank
# after them: endings of the lower-cased words before, so a look-up costs one str.endswith.
_VERSION_WORDS = tuple("""
    windows office server studio exchange excel word peugeot version v n° no no. numéro number num nr # route article
    art. ligne line vol. tome page p. pages chapitre chapter code modèle model série series rtx gtx iphone galaxy
    airbus boeing type bus standard norme iso top ps xbox lot dossier file room salle ref ref. réf réf. tel tel. tél
    tél. + € $ £""".split())


def _after_version_word(before: str) -> bool:
    words = before.lower()
    return words.endswith(_VERSION_WORDS) or words[-1:] in (" ", "\u00a0") and words[:-1].endswith(_VERSION_WORDS)


_THOUSANDS_BEFORE = re.compile(r"\d[ \u00a0\u202f]$")
_THOUSANDS_AFTER = re.compile(r"[ \u00a0\u202f]\d{3}(?!\d)")
_OLD_YEAR_OK = re.compile(r"(?:en|in|since|depuis|of|de|dès|until|jusqu'en|jusqu’en|to|from|by|avant|après|before|"
                          r"after|around|vers|circa|c\.|year|l'an|l’an|année|born|né|née)[ \u00a0]$", re.IGNORECASE)


@rule("fr en", rf"(?:(?P<lead>l{APOS}an|l{APOS}année|the{_SP}year(?:{_SP}of)?|year|calendar{_SP}year|cy|exercice|=){_OSP})?"
      r"(?<![\d.,/+#$£€])(?<!\d-)(?P<y>1\d\d\d|20\d\d|2100)(?![\d]|[-/.:,]\d)", needs=("year",))
def _year_alone(m, lang):
    text, (start, end), lead = m.string, m.span(), m["lead"]
    y = int(text[end - 4:end])  # the match ends with the year's four digits
    before = text[max(0, start - 16):start]
    if _UNITS_AFTER.match(text, end) or _after_version_word(before):
        return None
    if _THOUSANDS_BEFORE.search(before) or _THOUSANDS_AFTER.match(text[end:end + 5]):
        return None  # "1 2019 000" or "2 019": thousands groups
    if y < 1900 and not (lead or _OLD_YEAR_OK.search(before)):
        return None
    if not lead or lead == "=":
        start = end - 4
    return _Cand(start, end, "year", _fixed(dt.date(y, 1, 1), dt.date(y, 12, 31)), (y, None, None))


@rule("fr en", rf"{_PART}(?:l{APOS}(?:année|an){_SP}|the{_SP}year{_SP})?(?P<y>(?:19|20)\d\d)(?![\d]|[-/.]\d)",
      needs=("year",))
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
    latest = index == -1
    index = count if index == -1 else index
    explicit = m["yref"] if "yref" in m.re.groupindex else None

    def resolve(ref: _Ref):
        if latest and not explicit:
            # "the last quarter" with no year is the latest one before the current, as "last quarter" is:
            # news means the period just reported, not the fourth quarter of some year.
            if ref.year is None or ref.month is None:
                return None
            current = (ref.month - 1) // size
            y, i = (ref.year, current) if current else (ref.year - 1, count)
            return _months(y, (i - 1) * size + 1, i * size)
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
      rf"(?:{_SP}(?:de{_SP}l{APOS}exercice{_SP}(?:fiscal{_SP})?|de{_SP}|d{APOS})?{_YEAR_REF})?", needs=("unit",))
def _fr_period(m, lang):
    index = _ORD_QUARTER[m["ord"].lower()]
    quarter = m["unit"].lower() == "trimestre"
    if not quarter and index > 2:
        return None
    return _period_cand(m, 4 if quarter else 2, index, "quarter" if quarter else "half", m.start("ord"))


@rule("en", rf"(?:(?:the|its|their|our){_SP})?(?P<ord>{_ORD})(?:{_SP}|-)(?P<unit>quarter|half)(?:(?:{_SP}of{_SP}(?:the{_SP}year{_SP}|calendar{_SP})?|{_SP})"
      rf"{_YEAR_REF})?", needs=("unit",))
def _en_period(m, lang):
    index = _ORD_QUARTER[m["ord"].lower()]
    quarter = m["unit"].lower() == "quarter"
    if not quarter and index > 2:
        return None
    if not m["yref"] and not m.group().lower().startswith(("the", "its", "their", "our")):
        return None  # "first quarter" alone needs "the" (or "its"): "a second half" is no date
    return _period_cand(m, 4 if quarter else 2, index, "quarter" if quarter else "half")


@rule("fr en", r"(?<![\w-])(?:(?P<l1>[QT])(?P<n1>[1-4])(?:[ -]?|[ ]of[ ])(?P<yref>(?P<y>(?:19|20)\d\d)|'\d\d)|"
      r"(?P<y2>(?:19|20)\d\d)[ -]?(?P<l2>[QT])(?P<n2>[1-4])|(?P<l3>Q)(?P<n3>[1-4]))(?![\w-])", needs=("quarter",))
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


@rule("fr en", r"(?<![\w-])(?:(?P<l1>[HS])(?P<n1>[12])[ -]?(?P<y>(?:19|20)\d\d)|(?P<y2>(?:19|20)\d\d)[ -]?(?P<l2>[HS])(?P<n2>[12]))(?![\w-])",
      needs=("quarter",))
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
      rf"(?:{_SP}(?P<post>dernier|prochain))?(?:{_SP}(?:de{_SP}|d{APOS}|of{_SP})?(?P<y>(?:19|20)\d\d)(?:[-/](?P<y2>(?:19|20)?\d\d))?(?!\d))?",
      needs=("season",))
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
      rf"(?P<w>{_alt(_DECADE_WORDS)}))(?![\w])", needs=("era",))
def _fr_decade(m, lang):
    return _decade(m)


@rule("en", rf"(?:the{_SP})?(?:(?P<y>(?:1[0-9]|20)\d0){_OSP}{APOS}?s|{APOS}?(?P<yy>[1-9]0){_OSP}{APOS}?s|(?P<w>{_alt(_DECADE_WORDS)}))(?![\w])",
      needs=("era", "decade"))
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


@rule("fr en", rf"(?P<n>[IVXivx]{{1,5}}|\d{{1,2}})(?:e|ème|è|er|st|nd|rd|th){_OSP}(?:siècle|century)(?!\w)",
      needs=("era",))
def _century(m, lang):
    n = int(m["n"]) if m["n"].isdigit() else _roman(m["n"])
    if not n or n > 21:
        return None
    return _Cand(m.start(), m.end(), "range", _fixed(dt.date((n - 1) * 100 or 1, 1, 1), dt.date(n * 100 - 1, 12, 31)))

