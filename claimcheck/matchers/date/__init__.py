"""Built-in matcher plugin "date": calendar dates, periods and relative dates in French and English."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterator, Mapping

from ...hookspecs import hookimpl
from ...model import Expected, Mention, PartialDate
from .. import Agreement, Matcher
from .anchors import _merge_anchors
from .bounds import bound_of
from .parts import _merge_parts
from .extract import _candidates, _merge_offset_weekdays, _merge_ranges, _merge_weekdays
from .fiscal import fiscal_label
from .resolve import _Ref, _last

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
    fiscal: tuple[int | None, str, int | None] | None = field(default=None, compare=False)
    """For a company's fiscal period ("fiscal Q2 2021", "FY2023"): (year or None, "year" / "quarter" /
    "half", number or None). ``start`` and ``end`` then bound every month it may cover (see fiscal.py)."""
    last_part_start: dt.date | None = field(default=None, compare=False)
    """For a range of two parts ("from 2014 to 2018", "du 3 au 12 mai"), the first day of its last part
    (2018-01-01, 12 May); None otherwise. Not compared: ``end`` already says where the range stops. It lets
    a consumer whose convention ends ranges where the last part begins (the extraction benchmark) say so."""
    bound: str | None = field(default=None, compare=False)
    """``since``, ``after``, ``before`` or ``until`` when the words around the date open it ("since August",
    "after 2016", "before 2018", "by the end of 2024", "2012 or later"; see bounds.py), else None. Not
    compared and not part of ``start``/``end``: the date stays the one written, which is what a claim about
    it needs; a consumer that wants the open range itself (the extraction benchmark) reads it from here."""

    @property
    def resolved(self) -> bool:
        return self.start is not None and self.end is not None

    def __str__(self) -> str:
        if self.fiscal is not None:
            return fiscal_label(self.fiscal) if self.resolved else f"unresolved ({self.words})"
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
      "in the first quarter of 2023", "au second semestre 2022", "H1 2023", "S2 2022",
      "au troisième trimestre de l'exercice 2024". French "exercice 2023" is the calendar year
      (French accounts close on 31 December unless they say otherwise);
    - periods ending on a day: "the quarter ended March 29", "for the quarter ending June 30,
      2024", "the three months to 31 March", "the fiscal year ended June 30, 2023", "le
      trimestre clos le 31 mars 2024", "l'exercice clos au 30 juin 2023": the three (six, nine,
      twelve) months ending that day, whole months when it is a month's last day; without a year,
      the latest such day on or before the reference;
    - fiscal periods (fiscal.py): "fiscal 2021", "fiscal year 2022", "FY2023", "FY25 Q3", "Q4
      FY2024", "the second quarter of fiscal 2021", "the fiscal 2025 second quarter", "fiscal Q2
      2023", "the first half of fiscal 2022", shown ``FY2021``, ``FY2021-Q2``, ``FY2022-H1``. Their
      months depend on the company: the span is the envelope of every US-style reading (fiscal
      Y runs from February Y-1 at the earliest to January Y+1 at the latest). "the fiscal second
      quarter", "fiscal Q2" without a year stay unresolved;
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
      "l'an dernier", "last year", "le trimestre dernier", "il y a deux semaines", "two weeks ago"
      (that day), "il y a près de quatre ans", "five years ago", "two years earlier", "a year
      earlier", "un an plus tôt", "deux ans auparavant" (approximate: the calendar year
      ref.year - N, not the day), "dans trois ans", "in two weeks",
      "au début du mois", "fin novembre" / "late November" (the latest November that started
      on or before the reference: published 2023-01-24, 2022-11-16..2022-11-30), "en mars"
      (likewise the latest March on or before the reference), "mars dernier" (strictly before),
      "le 23 mars" without a year (the latest 23 March on or before the reference);
    - offsets and weeks of a day (anchors.py): "3 days after January 12th", "deux semaines avant Noël",
      "la veille de Noël", "the week of April 10th", "w/c Feb 4", "la semaine du 10 avril";
      "more than 2 weeks before today" (a ``before`` bound), "less than 3 days after tomorrow" (the days up
      to it), "2 weeks and 2 days ago", "3 days from now"; a weekday next to one is that day of its week
      ("Saturday 3 days from now");
    - weeks (weeks.py): "week 27 of last year", "the last week of this month", "la dernière semaine du mois",
      "next week Mon"; "the 21st this month", "le 21 du mois prochain";
    - fortnights: "the past fortnight", "next fortnight" (two Monday-Sunday weeks), "in a fortnight",
      "la seconde quinzaine de mars" (16 to the end), "dans une quinzaine de jours";
    - open ranges, to or from the reference day: "between Jan 2019 and now", "from March to date", "year to
      date", "between now and November 15th" (a year-less end of a range is the first one after its start);
    - a weekday and its date as one day: "this Friday 5/12", "Mon 13th", "jeudi 26" (the current month's when
      that day is that weekday, else the latest before the reference);
    - years in words (numerals.py): "nineteen ninety six", "October two thousand".

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
    Fiscal periods compare by label: same fiscal year and same (or containing) part MATCH, another
    year or part MISMATCH ("fiscal Q2 2021" against "Q3 FY2021"); a fiscal period against a
    calendar one is UNDECIDED unless the envelope is disjoint from it (MISMATCH).
    """

    kind = "date"

    marks_event = True  # a date says which event a passage speaks of
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
        cands = _candidates(text, lang)
        if not cands:  # most texts: no reference to read, no merges to try
            return
        ref = _Ref(ref_date)
        cands = _merge_parts(text, _merge_offset_weekdays(text, _merge_anchors(text, _merge_weekdays(text, cands))))
        for cand in _merge_ranges(text, cands):
            words = text[cand.start:cand.end]
            days = cand.resolve(ref)
            if days is None:
                yield cand.start, cand.end, DateSpan(None, None, cand.gran, words, fiscal=cand.fiscal)
            else:
                last_part = days[2] if len(days) > 2 else None
                yield cand.start, cand.end, DateSpan(days[0], days[1], cand.gran, words, cand.fiscal, last_part,
                                                     cand.bound or bound_of(text, cand.start, cand.end))

    def compare(self, expected: Expected, mention: Mention) -> Agreement:
        want, got = expected.value, mention.value
        if not isinstance(got, DateSpan) or not got.resolved or not want.resolved:
            return Agreement.UNDECIDED
        if got.end < want.start or want.end < got.start:
            return Agreement.MISMATCH
        if want.fiscal is not None or got.fiscal is not None:
            return _compare_fiscal(want.fiscal, got.fiscal)
        if (want.start <= got.start and got.end <= want.end) or (got.start <= want.start and want.end <= got.end):
            return Agreement.MATCH
        return Agreement.UNDECIDED


def _compare_fiscal(want, got) -> Agreement:
    """Two fiscal periods whose envelopes overlap, or a fiscal and a calendar one."""
    if want is None or got is None:
        return Agreement.UNDECIDED  # the company's calendar decides, which the words do not give
    (want_year, want_unit, want_index), (got_year, got_unit, got_index) = want, got
    if want_year != got_year:
        return Agreement.MISMATCH
    if "year" in (want_unit, got_unit):
        return Agreement.MATCH  # the fiscal year holds each of its quarters
    if want_unit == got_unit:
        return Agreement.MATCH if want_index == got_index else Agreement.MISMATCH
    quarter, half = (want_index, got_index) if want_unit == "quarter" else (got_index, want_index)
    return Agreement.MATCH if (quarter + 1) // 2 == half else Agreement.MISMATCH


@hookimpl
def claimcheck_register_matchers():
    return [DateMatcher()]
