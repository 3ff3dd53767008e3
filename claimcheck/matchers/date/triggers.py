"""Triggers: the cheap pre-filter that decides where in a text each rule can match.

Every rule's match holds a trigger of the kinds it ``needs``: a kind of date word (month, weekday, unit,
season, holiday, numeral…), a plausible year, a numeric day, a quarter code. One regex finds them all in one
pass; a rule then runs only in windows around its triggers, so text without dates (digits, punctuation, prose)
costs one scan, not one scan per rule.
"""
from __future__ import annotations

import re
from typing import Iterable

from .numerals import CENTURY_WORDS
from .patterns import _DECADE_WORDS, _SEASONS
from .relative import _AGO_UNITS, _REL_DAYS, _ROLL_UNITS, _UNIT_WORDS, HOLIDAYS
from .vocabulary import MONTHS, WEEKDAY_ABBR, WEEKDAYS, _alt

BEFORE = 64
"""Most characters a match may have before its first trigger ("between the twenty-first and the thirty-first of
September": the month is the first trigger)."""
AFTER = 96
"""Most characters a match may have from its first trigger on."""

_STOP = {"the", "of", "de", "du", "la", "le", "l", "s", "ce", "cet", "cette", "this", "new", "saint", "st", "et"}


def _tokens(entries: Iterable[str]) -> set[str]:
    """The words of each entry; of a phrase, only the telling ones ("christmas eve" → christmas, eve)."""
    words: set[str] = set()
    for entry in entries:
        tokens = re.findall(r"[^\W\d_]+", entry.lower())
        telling = [t for t in tokens if t not in _STOP]
        words.update(telling or tokens)
    return words


# Words too frequent to stand for a holiday when its name has a rarer one ("christmas day", "good friday").
_COMMON = {"day", "year", "an", "jour", "eve", "friday", "monday", "lundi", "vendredi", "saint"}
_LINKS = {"of", "de", "du", "la", "le", "l", "s", "st"}


def _names(entries: Iterable[str]) -> set[str]:
    """Of each name, its rare words ("new year's day" → new; "jour de l'an" keeps jour, an): the holiday
    rule then runs on the texts that hold one, not on every text with "day" or "year"."""
    words: set[str] = set()
    for entry in entries:
        tokens = [t for t in re.findall(r"[^\W\d_]+", entry.lower()) if t not in _LINKS]
        words.update([t for t in tokens if t not in _COMMON] or tokens)
    return words


WORD_KINDS = {
    "month": _tokens(MONTHS),
    "weekday": _tokens([*WEEKDAYS, *WEEKDAY_ABBR]),
    "unit": _tokens([*_UNIT_WORDS, *_AGO_UNITS, *_ROLL_UNITS, "trimestre", "trimestres", "semestre", "semestres",
                     "quarter", "quarters", "half", "week", "weekend", "fortnight", "fortnights"]),
    "season": _tokens(_SEASONS),
    "era": _tokens([*_DECADE_WORDS, "années", "siècle", "century"]),
    "today": _tokens(_REL_DAYS),
    "holiday": _names(HOLIDAYS),
    "fiscal": {"fiscal", "fy"},
    "earlier": {"earlier", "previously", "tôt", "tot", "auparavant"},
    "numeral": {*CENTURY_WORDS, "thousand", "hundred"},
}
"""The kinds of date words, each a set of lower-case words."""
_KINDS_OF: dict[str, tuple[str, ...]] = {}
for _kind, _words in WORD_KINDS.items():
    for _w in _words:
        _KINDS_OF[_w] = _KINDS_OF.get(_w, ()) + (_kind,)

_WORD = rf"(?<![^\W\d_])(?:{_alt(_KINDS_OF)})(?![^\W\d_])"
DIGIT_KINDS = {
    "year": r"(?<!\d)(?:1\d\d\d|20\d\d|2100)(?!\d)",
    # a year and what follows it in "2019-05-12", "2019/05", "2015-2017", "2015 - 17": most years have none
    "year sep": r"(?<!\d)(?:1[89]|20)\d\d(?: ?[-–~/]|[. ]\d)",
    "compact": r"(?<!\d)(?:19|20)\d{6}(?!\d)",
    "dmy": r"\d(?P<sep>[-/. ])\d{1,2}(?P=sep)\d\d",
    "dm": r"\d[/.-]\d",
    "decade": r"[1-9]0[ \t\u00a0\u202f]{0,3}['\u2019]?s",
    "quarter": r"[qths][1-4]",
    "day number": r"(?<!\w)(?:le|the|on)\s{1,3}\d",
}
"""The triggers that are not date words, as regexes on the lower-cased text; each holds a digit. The first
six start on a digit, the last two on a letter."""
_ON_A_DIGIT = 6

# One pass finds every trigger: at each position a gate (a superset of the triggers' first characters, each
# branch opening on a character test that fails fast) lets the engine stop only where some trigger may start,
# then a lookahead per kind says which start there. Eight scans a text cost a third of the date time, mostly
# in the call per scan and in the lookbehind each pattern tried at every position.
_GATE = (r"(?=(?P<digit>\d)(?:(?<!\d\d)\d\d\d|[-/. ]\d|0[ \t\u00a0\u202f'\u2019s])|(?P<word>" + _WORD + r")"
         r"|[qths][1-4]|(?<!\w)(?:le|the|on)\s)")
_SCAN_SOURCE = _GATE + "".join(rf"(?:(?=(?P<k{i}>{p}))|)" for i, p in enumerate(DIGIT_KINDS.values()))
_SCAN = re.compile(_SCAN_SOURCE)
_SCAN_ANY_CASE = re.compile(_SCAN_SOURCE, re.IGNORECASE)  # for a text whose lower-casing changes its length
_WORDS = re.compile(_WORD)
_WORDS_ANY_CASE = re.compile(_WORD, re.IGNORECASE)
_DIGIT_GROUP, _WORD_GROUP = _SCAN.groupindex["digit"], _SCAN.groupindex["word"]
_KIND_GROUPS = [(kind, _SCAN.groupindex[f"k{i}"]) for i, kind in enumerate(DIGIT_KINDS)]
_ON_DIGIT_GROUPS, _ON_LETTER_GROUPS = _KIND_GROUPS[:_ON_A_DIGIT], _KIND_GROUPS[_ON_A_DIGIT:]
_BLANKS = re.compile(r"\s*")


def scan(text: str, lowered: bool, has_digit: bool) -> dict[str, list[int]]:
    """The start offsets of every kind of trigger in ``text``, sorted, by kind; only kinds that occur.

    ``lowered``: ``text`` is lower-cased already. Of each kind, overlapping triggers are skipped as a scan of
    that kind alone would skip them ("1/2/3" holds one "dm", at 0), so that windows stay what they were.
    """
    found: dict[str, list[int]] = {}
    if not has_digit:  # no trigger but date words: the plain word scan costs less
        for m in (_WORDS if lowered else _WORDS_ANY_CASE).finditer(text):
            for kind in _KINDS_OF.get(m.group() if lowered else m.group().lower(), ()):
                found.setdefault(kind, []).append(m.start())
        return found
    ends: dict[str, int] = {}
    for m in (_SCAN if lowered else _SCAN_ANY_CASE).finditer(text):
        regs = m.regs
        if regs[_DIGIT_GROUP][0] >= 0:
            groups = _ON_DIGIT_GROUPS
        else:
            groups = _ON_LETTER_GROUPS
            start, end = regs[_WORD_GROUP]
            if start >= 0:
                word = text[start:end]
                for kind in _KINDS_OF.get(word if lowered else word.lower(), ()):
                    found.setdefault(kind, []).append(start)
        for kind, group in groups:
            start, end = regs[group]
            if start >= ends.get(kind, 0):  # also false when the kind did not match here (start -1)
                found.setdefault(kind, []).append(start)
                ends[kind] = end
    return found


def windows(text: str, starts: list[int]) -> list[tuple[int, int]]:
    """Merged ``(pos, endpos)`` windows around sorted trigger offsets.

    A window never ends inside blanks: a pattern's ``$`` (end of text) would otherwise match at its end.
    """
    size = len(text)
    if starts[0] <= BEFORE and starts[0] + AFTER >= size:  # a short text: one window, the whole of it
        return [(0, size)]
    out: list[tuple[int, int]] = []
    for at in starts:
        lo, hi = max(0, at - BEFORE), min(size, at + AFTER)
        if out and lo <= out[-1][1]:
            if hi <= out[-1][1]:
                continue
            lo = out.pop()[0]
        out.append((lo, _BLANKS.match(text, hi).end() if hi < size else hi))
    return out
