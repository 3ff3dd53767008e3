"""From text to candidates: every rule, longest leftmost, then weekdays and ranges merged."""
from __future__ import annotations

import datetime as dt
import re

from . import relative  # noqa: F401  (its rules register after the absolute ones)
from . import weeks  # noqa: F401  (ISO weeks, the Nth week of a month, next week Mon)
from . import fiscal  # noqa: F401  (fiscal periods, periods ending on a day, "two years earlier")
from . import numerals  # noqa: F401  (years in words, last)
from . import triggers
from .prefilter import Guarded, holder, needs_digit, required
from .patterns import RULES
from .anchors import _week_of
from .resolve import Resolver, _Cand, _next_day, _Ref, _month

# ---------------------------------------------------------------------------------------------
# Extraction.
# ---------------------------------------------------------------------------------------------

_CONNECTOR = re.compile(
    r"\s{0,3}(?:-|–|—|~|to|till|until|through|thru|and|à|au|et|jusqu'à|jusqu’à|jusqu'en|jusqu’en|jusqu'au|jusqu’au)\s{0,3}"
    r"(?:(?:the|le|la|l'|l’|en|in)\s{1,3})?$", re.IGNORECASE)
_RANGE_START = Guarded(re.compile(r"(?:from|between|de|du|d'|d’|depuis|entre|des)\s{1,3}(?:(?:the|le|la|l'|l’)\s{1,3})?$",
                                  re.IGNORECASE))


def _plan(lang: str | None) -> tuple[list[tuple[tuple[str, ...], list, list]], dict[str, tuple[int, ...]]]:
    """The rules that apply to ``lang``, grouped by the triggers they need, each with its registration index;
    and, for each kind of trigger, the groups that need it.

    Built once per language: the per-text loop then visits only the groups whose triggers the text holds,
    instead of looking at each rule (on short texts that per-rule overhead cost as much as the regexes). Each
    group lists its rules twice: all of them, for a text with a digit, and those a text without one may match.
    """
    groups: dict[tuple[str, ...], tuple[list, list]] = {}
    for index, (langs, pattern, handler, needs) in enumerate(RULES):
        if lang is None or lang in langs:
            low = _lowered(pattern)
            words = [triggers.WORD_KINDS[kind] for kind in needs] if set(needs) <= triggers.WORD_KINDS.keys() else None
            rule = (index, low, pattern, handler, tuple(map(holder, required(low, words))))
            with_digit, without = groups.setdefault(needs, ([], []))
            with_digit.append(rule)
            if not needs_digit(pattern):
                without.append(rule)
    plan = [(needs, with_digit, without) for needs, (with_digit, without) in groups.items()]
    by_kind: dict[str, tuple[int, ...]] = {}
    for number, (needs, _with_digit, _without) in enumerate(plan):
        for kind in needs:
            by_kind[kind] = by_kind.get(kind, ()) + (number,)
    return plan, by_kind


_VISITS: dict[tuple, list[tuple[tuple[str, ...], list]]] = {}


def _visits(lang: str | None, kinds: frozenset[str], has_digit: bool, lowered: bool) -> list[tuple[tuple[str, ...], list]]:
    """The groups a text holding triggers of ``kinds`` runs, in plan order, each with the rules it runs as
    ``(index, pattern to scan, pattern, handler, required)``: the lower-cased pattern when the text is scanned
    lower-cased. Kept per combination (a few hundred at most: the kinds are 17): the per-text loop was a third
    of the date time on short texts."""
    key = (lang, kinds, has_digit, lowered)
    found = _VISITS.get(key)
    if found is None:
        plan, by_kind = _PLANS.get(lang) or _PLANS.setdefault(lang, _plan(lang))
        found = []
        for number in sorted({number for kind in kinds for number in by_kind.get(kind, ())}):
            needs, with_digit, without = plan[number]
            rules = with_digit if has_digit else without
            found.append((needs, rules if lowered else [(index, pattern, pattern, handler, required)
                                                        for index, _low, pattern, handler, required in rules]))
        _VISITS[key] = found
    return found


def _lowered(pattern: re.Pattern) -> re.Pattern:
    """The rule's pattern without IGNORECASE, for the lower-cased text: case-insensitive matching cost about
    twice as much per position. Letters are lower-cased except right after a backslash (``\\W``, ``\\S``…) and in ``(?P``;
    the rules have lower-case group names and no case-sensitive part."""
    source, out, i = pattern.pattern, [], 0
    while i < len(source):
        ch = source[i]
        if ch == "\\" and i + 1 < len(source):
            out.append(source[i:i + 2])
            i += 2
            continue
        if source.startswith("(?P", i):  # a named group (or a back-reference): the P is syntax
            out.append("(?P")
            i += 3
            continue
        out.append(ch.lower())
        i += 1
    return re.compile("".join(out), pattern.flags & ~re.IGNORECASE)


class _OnText:
    """A match found in the lower-cased text, read as if on the text itself (same offsets, original letters),
    so that the handlers see exactly what the case-insensitive pattern would have given them. Offsets are the
    match's own methods (bound once: handlers call them often)."""

    __slots__ = ("_span", "string", "re", "start", "end", "span")

    def __init__(self, m: re.Match, text: str, pattern: re.Pattern) -> None:
        self.string, self.re = text, pattern
        self._span = self.span = m.span
        self.start, self.end = m.start, m.end

    def __getitem__(self, group):
        start, end = self._span(group)
        return None if start < 0 else self.string[start:end]

    def group(self, *groups):
        if len(groups) <= 1:
            return self[groups[0] if groups else 0]
        return tuple(self[g] for g in groups)


_PLANS = {lang: _plan(lang) for lang in ("fr", "en", None)}
_DIGIT = re.compile(r"\d")


def _candidates(text: str, lang: str | None) -> list[_Cand]:
    """Every rule's candidates, each rule run only in the windows around its triggers."""
    found = []
    has_digit = _DIGIT.search(text) is not None
    low = text.lower()
    # On the lower-cased text unless lower-casing changed its length ("İ"): offsets would not match.
    same_length = len(low) == len(text)
    target = low if same_length else text
    wrap = same_length and low != text  # a text in lower case already is read as it is
    starts = triggers.scan(target, same_length, has_digit)
    if not starts:
        return []
    # A text no longer than the reach before a trigger is one window whatever its triggers (most short texts).
    whole = [(0, len(text), low)] if len(text) <= triggers.BEFORE else None
    for needs, rules in _visits(lang, frozenset(starts), has_digit, same_length):
        windows = whole or _windows(text, low, same_length, needs, starts)
        for index, scanned, pattern, handler, needed in rules:
            for pos, endpos, window in windows:
                for holds in needed:
                    if holds(window) is None:
                        break
                else:
                    for m in scanned.finditer(target, pos, endpos):
                        cand = handler(_OnText(m, text, pattern) if wrap else m, lang)
                        if cand is not None and cand.end > cand.start:
                            found.append((cand.start, -(cand.end - cand.start), index, cand))
    # Longest leftmost wins; ties go to the rule registered first.
    found.sort(key=lambda f: f[:3])
    chosen: list[_Cand] = []
    for _start, _length, _index, cand in found:
        if chosen and cand.start < chosen[-1].end:
            continue
        chosen.append(cand)
    return chosen


def _windows(text: str, low: str, same_length: bool, needs: tuple[str, ...], starts: dict[str, list[int]]):
    """The windows around the triggers a group of rules needs, each with its lower-cased text: a rule's match
    lies in one window, so the strings it needs are looked for there, not in the whole text."""
    at = starts.get(needs[0], ()) if len(needs) == 1 else sorted(set().union(*(starts.get(k, ()) for k in needs)))
    return [(pos, endpos, low if endpos - pos == len(low) else (low if same_length else text)[pos:endpos].lower())
            for pos, endpos in triggers.windows(text, at)]


_WEEKDAY_GLUE = re.compile(r"[ ,(]{0,3}(?:the\s{1,3})?$")
_WEEK_GLUE = re.compile(r"\s{0,3}(?:of|de|-|on|,)?\s{0,3}(?:the\s{1,3})?$", re.IGNORECASE)


def _merge_weekdays(text: str, cands: list[_Cand]) -> list[_Cand]:
    """vendredi 7/6, this Friday (Jun-15): the date decides; mardi de la semaine prochaine, next week Wednesday."""
    out: list[_Cand] = []
    for cand in cands:
        prev = out[-1] if out else None
        gap = text[prev.end:cand.start] if prev else ""
        if prev and prev.named_weekday is not None and cand.ymd[2] is not None and _WEEKDAY_GLUE.match(gap):
            out[-1] = _Cand(prev.start, cand.end, "day", cand.resolve, cand.ymd)
        elif prev and len(gap) < 12 and _WEEK_GLUE.match(gap) and (
                (prev.weekday is not None and cand.gran == "week") or (prev.gran == "week" and cand.weekday is not None)):
            week, wd = (cand, prev.weekday) if prev.weekday is not None else (prev, cand.weekday)
            out[-1] = _Cand(prev.start, cand.end, "day", _day_in_week(week.resolve, wd))
        else:
            out.append(cand)
    return out


_OFFSET_GLUE = re.compile(r"[ ,]{0,3}(?:on\s{1,3})?$")


def _merge_offset_weekdays(text: str, cands: list[_Cand]) -> list[_Cand]:
    """Saturday 3 days from now, in 3 days on Friday, Monday two weeks from now: that weekday of the week
    the offset lands in (as "mardi de la semaine prochaine" is that week's Tuesday)."""
    out: list[_Cand] = []
    for cand in cands:
        prev = out[-1] if out else None
        if prev and (prev.offset and cand.weekday is not None or prev.weekday is not None and cand.offset) and (
                cand.start - prev.end < 8 and _OFFSET_GLUE.match(text, prev.end, cand.start)):
            offset, wd = (prev, cand.weekday) if prev.offset else (cand, prev.weekday)
            out[-1] = _Cand(prev.start, cand.end, "day", _day_in_week(_week_of(offset.resolve), wd))
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


_NOW = r"(?:now|date|(?:the\s{1,3})?present|(?:the\s{1,3})?current\s{1,3}date|maintenant|ce\s{1,3}jour)(?!\w)"
_TO_NOW = re.compile(r"\s{0,3}(?:to|till|until|through|and|à|a|et|jusqu'à|jusqu’à)\s{1,3}" + _NOW, re.IGNORECASE)
_FROM_NOW = Guarded(re.compile(r"(?:between|from|entre|d'ici|d’ici)\s{1,3}" + _NOW + r"\s{1,3}(?:and|to|till|until|through|et|à|au|"
                               r"jusqu'à|jusqu’à|jusqu'au|jusqu’au)\s{1,3}(?:(?:the|le|la|l'|l’)\s{0,3})?$", re.IGNORECASE))


def _merge_ranges(text: str, cands: list[_Cand]) -> list[_Cand]:
    """from 2014 to 2018, entre mars et juin 2020, de janvier à avril 2015: one range, ends inclusive.

    Open ranges end or start on the reference day: "between Jan 2019 and now", "from March to date", "entre
    janvier et maintenant", "between now and November 15th" (a year-less end is the next one after the reference).
    """
    out: list[_Cand] = []
    i = 0
    while i < len(cands):
        a = cands[i]
        # "from", "between", "du" before the date: looked for only where a range may follow
        to_now = _TO_NOW.match(text, a.end) if a.gran != "range" else None
        lead = _RANGE_START.search(text, max(0, a.start - 16), a.start) if to_now else None
        if to_now and lead and (i + 1 == len(cands) or cands[i + 1].start >= to_now.end()):
            out.append(_Cand(lead.start(), to_now.end(), "range", _until_ref(a.resolve)))
            i += 1
            continue
        from_now = _FROM_NOW.search(text, max(0, a.start - 40), a.start) if a.gran != "range" else None
        if from_now and (not out or out[-1].end <= from_now.start()):
            out.append(_Cand(from_now.start(), a.end, "range", _from_ref(a)))
            i += 1
            continue
        if i + 1 < len(cands):
            b = cands[i + 1]
            gap = text[a.end:b.start]
            connector = _CONNECTOR.match(gap) if len(gap) <= 24 else None
            if connector and not to_now:
                lead = _RANGE_START.search(text, max(0, a.start - 16), a.start)
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
        second = _after(b, first[0], ref) if first else None
        if not first or not second or second[1] < first[0]:
            return None
        return first[0], second[1], second[0]
    return _Cand(start, b.end, "range", resolve)


def _after(cand: _Cand, day: dt.date, ref: _Ref):
    """The candidate's days; a year-less date ("October", "Nov 15") or a bare weekday ("from Monday to
    Friday") the first such on or after ``day``."""
    if cand.weekday is not None:
        found = day + dt.timedelta((cand.weekday - day.weekday()) % 7)
        return found, found
    if cand.ymd[0] is not None or cand.ymd[1] is None:
        return cand.resolve(ref)
    if len(cand.ymd) > 2 and cand.ymd[2] is not None and cand.gran == "day":
        start = _Ref(None)
        start.day, start.year, start.month = day, day.year, day.month
        return _next_day(cand.ymd[1], cand.ymd[2], start)
    shifted = _Ref(None)
    try:
        shifted.day = day.replace(year=day.year + 1) - dt.timedelta(1)
    except ValueError:  # 29 February
        shifted.day = day + dt.timedelta(364)
    shifted.year, shifted.month = shifted.day.year, shifted.day.month
    return cand.resolve(shifted)


def _until_ref(resolve: Resolver) -> Resolver:
    def span(ref: _Ref):
        first = resolve(ref)
        if first is None or ref.day is None or ref.day < first[0]:
            return None
        return first[0], ref.day, ref.day
    return span


def _from_ref(b: _Cand) -> Resolver:
    def span(ref: _Ref):
        if ref.day is None:
            return None
        second = _after(b, ref.day, ref)
        if second is None or second[1] < ref.day:
            return None
        return ref.day, second[1], second[0]
    return span

