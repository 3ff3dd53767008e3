"""The period a frame speaks of, when it does not say: from its sentence, its headline or the
publication day; and the period that belongs to a base, not to the frame.

Rules (named in ``claimcheck explain`` and tested in tests/cases/rules.yaml):
``period-from-sentence``, ``period-from-headline``, ``day-from-publication``,
``period-reported``, ``period-unit-reported``, ``day-of-news``, ``period-unit``, ``period-outlook``,
``base-period``.
A period taken from the context may support a claim, never contradict it (the frame records
which kinds it inherited).
"""
from __future__ import annotations

import dataclasses
import datetime
from typing import TYPE_CHECKING, Mapping, Sequence

import regex

from .model import Mention
from .roles import Role, role_of

if TYPE_CHECKING:
    from .evidence import Frame
    from .index import Index
    from .query import ClaimQuery

# A comma or a semicolon that is no decimal comma ends a stretch of a clause.
STRETCH_ENDS = regex.compile(r";|(?<!\d),|,(?!\d)")


def with_context_period(frames: list[Frame], query: ClaimQuery, index: Index, sid: int,
                         mentions: Mapping[str, list[Mention]]) -> list[Frame]:
    """A frame that states no date, for a claim that expects one, is about the period its
    context states (only event-marking kinds inherit; the inherited kinds are recorded):

    ``period-from-sentence``: the one date of its own sentence before the frame ("Sur
    l'exercice 2024, avec un chiffre d'affaires de 12,6 milliards");
    ``period-from-headline``: else the period the headline labels ("Résultats annuels
    2023"), or its one date (… "Résultat net : 2 983 M€");
    ``day-from-publication``: for a claim dated to a day or a month that holds the
    publication day, or the day before it (news reports yesterday's decision), that day ("The
    central bank has raised its rate to 4.75%", in that day's or the next day's news; "le taux
    de dépôt passe à 2,5 %" in June's, for "juin 2024");
    ``period-reported``: else, for a claim on a period that ended shortly before the
    publication day (:data:`REPORTING_DAYS`) and that the document itself states, that
    period: a results story of February 2024 that names 2023 speaks of 2023 where it gives a
    figure without a date ("Le chiffre d'affaires s'élève à 68 milliards"); and one whose
    sentence names the period's length (``period-unit-reported``: "le chiffre d'affaires
    annuel", in March 2024, is 2023's).

    ``day-of-news``: a day of the week of publication ("ce vendredi", "on Thursday") is the
    day of the news, not the period of a figure on a longer one that was over by then: it is
    neither taken from the context nor kept where the frame binds it.
    """
    wanted = [f.kind for f in query.claim.expect
              if getattr(index.matchers.get(f.kind), "marks_event", False)]
    if not wanted:
        return frames
    headline = index.sentences_of(index.document_of(sid)).start
    above = _headline_period(index, headline, wanted) if headline != sid else {}
    day = index.passage(sid).document.date
    above = {k: m for k, m in above.items() if not (_outlook(m.value, day) and _reported(query, k, day))}
    published = {**_reported_period(query, index, sid), **_publication_day(query, index, sid)}
    out = []
    for frame in frames:
        news = [k for k in wanted if k in frame.bound and _news_day(frame.bound[k].value, day, query, k)]
        if news:
            frame = dataclasses.replace(frame, bound={k: m for k, m in frame.bound.items() if k not in news})
        missing = [k for k in wanted if k not in frame.bound]
        own = {k: found[0] for k in missing
               if len(found := [m for m in mentions.get(k, ()) if m.end <= frame.start
                                and not _news_day(m.value, day, query, k)]) == 1}
        text = index.passage(sid).document.text
        context = {k: found for k in missing
                   if (found := next((m for m in (own.get(k), above.get(k), published.get(k))
                                      if m is not None and _fits(m.value, text, frame)), None))}
        if context and frame.bound:
            frame = dataclasses.replace(frame, bound={**context, **frame.bound}, inherited=frozenset(context))
        out.append(frame)
    return out


def _publication_day(query: ClaimQuery, index: Index, sid: int) -> dict[str, Mention]:
    """The publication day as a date mention, for the date facets of the claim that name a
    single day."""
    passage = index.passage(sid)
    day = passage.document.date
    found = {}
    for facet in query.claim.expect:
        value, matcher = facet.value, index.matchers.get(facet.kind)
        start, end = getattr(value, "start", None), getattr(value, "end", None)
        if day is None or day.day is None or matcher is None or start is None or end is None \
                or (end - start).days > 31:
            continue
        # the day itself, or the day before: the morning's news reports yesterday's decision
        # (a rate cut decided on the 18th, in a story dated the 19th)
        held = [d for d in (day.first_day, day.first_day - datetime.timedelta(days=1)) if start <= d <= end]
        if not held:
            continue
        try:
            parsed = matcher.parse(held[0].isoformat(), lang=query.claim.lang, options={})
        except ValueError:
            continue
        found[facet.kind] = Mention(kind=facet.kind, start=passage.start, end=passage.start,
                                    text=f"published {day}", value=parsed)
    return found


# ``period-unit``: a frame that names its period's length ("its quarterly pretax profit", "le
# chiffre d'affaires trimestriel", "full-year revenue") takes no period of another length.
UNITS = {
    "quarter": regex.compile(r"\b(?:quarterly|trimestriels?|trimestrielles?|for\s+the\s+quarter|au\s+trimestre"
                             r"|sur\s+le\s+trimestre|(?:first|second|third|fourth)[- ]quarter"
                             r"|(?:premier|deuxième|troisième|quatrième|1er|[2-4]e)\s+trimestre)\b", regex.IGNORECASE),
    "year": regex.compile(r"\b(?:full[- ]year|annual|annuels?|annuelles?|sur\s+l['’]ann[ée]e|for\s+the\s+year"
                          r"|whole[- ]year)\b", regex.IGNORECASE),
}
DAYS = {"quarter": (80, 100), "year": (360, 370)}


def _fits(value: object, text: str, frame: "Frame") -> bool:
    start, end = getattr(value, "start", None), getattr(value, "end", None)
    if start is None or end is None:
        return True
    days = (end - start).days + 1
    named = [unit for unit, pattern in UNITS.items() if pattern.search(text, frame.start, frame.end)]
    return len(named) != 1 or DAYS[named[0]][0] <= days <= DAYS[named[0]][1]


REPORTING_DAYS = 100
"""How long after a period ends its figures are news: annual results come out within about
three months of the year's end, quarterly ones within weeks."""
SHORTEST_PERIOD = 28
"""A claim on a shorter span than a month is dated by its day (``day-from-publication``)."""


def _reported_period(query: ClaimQuery, index: Index, sid: int) -> dict[str, Mention]:
    """``period-reported``: the claim's periods that the document reports on, as date mentions."""
    passage = index.passage(sid)
    day = passage.document.date
    if day is None:
        return {}
    found = {}
    for facet in query.claim.expect:
        start, end = getattr(facet.value, "start", None), getattr(facet.value, "end", None)
        if start is None or end is None or (end - start).days < SHORTEST_PERIOD \
                or not end < day.first_day <= end + datetime.timedelta(days=REPORTING_DAYS):
            continue
        if _states(index, index.document_of(sid), facet.kind, (start, end)) \
                or _last_of_its_unit(facet.value, _framing(index, sid), day):
            found[facet.kind] = Mention(kind=facet.kind, start=passage.start, end=passage.start,
                                        text=f"published {day}, on {facet.text}", value=facet.value)
    return found


def _framing(index: Index, sid: int) -> list[str]:
    """The sentences that frame sentence ``sid``: its own, its document's headline and lead."""
    ids = index.sentences_of(index.document_of(sid))
    return [index.passage(i).text for i in sorted({sid, *ids[:2]})]


# "the annual inflation rate", "le taux annuel": a rate over twelve months, not a year's figure
RATE_UNITS = regex.compile(r"\b(?:annual(?:ised|ized)?\s+(?:[a-z]+\s+)?(?:rate|pace)|taux\s+annuel|rythme\s+annuel"
                           r"|glissement\s+annuel|annual\s+inflation|inflation\s+annuelle)\b", regex.IGNORECASE)


def _last_of_its_unit(value: object, sentences: Sequence[str], day: object) -> bool:
    """``period-unit-reported``: a frame whose sentence, headline or lead names a period's
    length ("le chiffre d'affaires annuel", "quarterly revenue"), in a story published before
    the next such period is over, speaks of the last one that ended: in March 2024, the annual
    figures are 2023's. A rate over twelve months ("annual inflation") names no period."""
    start, end = value.start, value.end
    if getattr(value, "fiscal", None) is not None:
        return False  # the company's own calendar, which the words do not give
    days = (end - start).days + 1
    said = [s for s in sentences if not RATE_UNITS.search(s)]
    return any(DAYS[unit][0] <= days <= DAYS[unit][1] and day.first_day <= end + datetime.timedelta(days=days)
               and any(pattern.search(s) for s in said) for unit, pattern in UNITS.items())


NEWS_DAYS = 7
"""A day this close before the publication day is the news's own ("ce vendredi", "on Thursday")."""


def _news_day(value: object, day: object, query: ClaimQuery, kind: str) -> bool:
    """``day-of-news``: the day of the news itself (the day the shares moved or the results came
    out, "Globex gagne 2 % ce vendredi, après un chiffre d'affaires annuel de…") does not date a
    figure of a claim on a longer period that was over by then."""
    start, end, published = getattr(value, "start", None), getattr(value, "end", None), getattr(day, "first_day", None)
    if start is None or start != end or published is None or not \
            published - datetime.timedelta(days=NEWS_DAYS) <= start <= published:
        return False
    return any(f.kind == kind and getattr(f.value, "end", None) is not None and f.value.end < start
               and (f.value.end - f.value.start).days >= SHORTEST_PERIOD for f in query.claim.expect)


def _states(index: Index, number: int, kind: str, span: tuple) -> bool:
    """Does document ``number`` state the period ``span`` itself, as a figure's period (not a base's)?"""
    def compute() -> bool:
        for sid in index.sentences_of(number):
            text = index.passage(sid).document.text
            if any((getattr(m.value, "start", None), getattr(m.value, "end", None)) == span
                   and role_of(text, m).role is not Role.BASE for m in index.mentions(sid).get(kind, ())):
                return True
        return False
    return index.memo(number, ("states period", kind, span), compute)


def _headline_period(index: Index, headline: int, kinds: Sequence[str]) -> dict[str, Mention]:
    text = index.passage(headline).document.text
    found = {}
    for kind in kinds:
        # the publication day in the headline is its dateline ("30/04/2025 à 10:16"), not a period
        day = index.passage(headline).document.date
        dateline = day.first_day if day is not None and day.day is not None else None
        dates = [m for m in index.mentions(headline).get(kind, ()) if role_of(text, m).rule != "role-base"
                 and not (dateline and getattr(m.value, "start", None) == getattr(m.value, "end", 0) == dateline)]
        labels = [m for m in dates if role_of(text, m).rule == "role-period-label"]
        if len(labels) == 1 or len(dates) == 1:
            found[kind] = (labels or dates)[0]
    return found


OUTLOOK_DAYS = 31
"""A headline period ending later than this after the publication day is still to come."""


def _outlook(value: object, day: object) -> bool:
    """``period-outlook``: a headline period that ends well after the publication day ("2024
    heralds robust growth", published in February 2024) is the outlook the story looks to, not
    the period its figures report; a month's flash estimate at its end is still that month's."""
    end, published = getattr(value, "end", None), getattr(day, "first_day", None)
    return end is not None and published is not None and end > published + datetime.timedelta(days=OUTLOOK_DAYS)


def _reported(query: ClaimQuery, kind: str, day: object) -> bool:
    """Is the claim's period of ``kind`` over by the publication day (a reported figure, not a forecast)?"""
    published = getattr(day, "first_day", None)
    return published is not None and any(
        f.kind == kind and getattr(f.value, "end", None) is not None and f.value.end < published
        for f in query.claim.expect)


BASE_DATE_GAP = 16
"""Most characters between a base and its date ("contre 896 millions en 2022", "… au titre de 2022")."""
PER_SHARE_UNIT = regex.compile(r"\s*(?:par|per|a)\s+(?:action|share|titre)", regex.IGNORECASE)


def without_base_dates(frame: Frame, values: Sequence[Mention], text: str,
                        cues: Sequence[tuple[int, int]]) -> Frame:
    """``base-period``: a date right after a base ("14,62 milliards d'euros contre 14,18
    milliards en 2022") is the base's period: it dates the frame only with that base."""
    date = frame.bound.get("date")
    if date is None:
        return frame
    before = [m for m in values if m.end <= date.start and m.kind != "date"]
    if not before:
        return frame
    # "contre 0,80 euro par action au titre de 2022": the value's unit may come between
    unit = PER_SHARE_UNIT.match(text, before[-1].end, date.start)
    if date.start - (unit.end() if unit else before[-1].end) > BASE_DATE_GAP or STRETCH_ENDS.search(text, before[-1].end, date.start):
        return frame
    base = before[-1]
    if role_of(text, base, cues).role is not Role.BASE or any(m.start == base.start for m in frame.bound.values()):
        return frame
    return dataclasses.replace(frame, bound={k: m for k, m in frame.bound.items() if k != "date"})
