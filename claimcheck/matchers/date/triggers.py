"""Triggers: the cheap pre-filter that decides where in a text each rule can match.

Every rule's match holds a trigger of the kinds it ``needs``: a kind of date word (month, weekday, unit,
season, holiday, numeral…), a plausible year, a numeric day, a quarter code. One pass over the words finds the date words, one regex each the others; a rule
then runs only in windows around its triggers, so text without dates (digits, punctuation, prose) costs one
scan, not one scan per rule.
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

_WORD = re.compile(r"[^\W\d_]+")
_DATE_WORD = re.compile(rf"(?<![^\W\d_])(?:{_alt(_KINDS_OF)})(?![^\W\d_])", re.IGNORECASE)
TRIGGERS = {
    "year": re.compile(r"(?<!\d)(?:1\d\d\d|20\d\d|2100)(?!\d)"),
    "compact": re.compile(r"(?<!\d)(?:19|20)\d{6}(?!\d)"),
    "dmy": re.compile(r"\d([-/. ])\d{1,2}\1\d\d"),
    "dm": re.compile(r"\d[/.-]\d"),
    "quarter": re.compile(r"[QTHSqths][1-4]"),
    "decade": re.compile(r"[1-9]0[ \t\u00a0\u202f]{0,3}['\u2019]?s"),
    "day number": re.compile(r"(?<!\w)(?:le|the|on)\s{1,3}\d", re.IGNORECASE),
}
"""The other triggers, each found by one regex."""

_BLANKS = re.compile(r"\s*")


def find(text: str, kind: str, found: dict[str, list[int]]) -> None:
    """Add to ``found`` the start offsets of the triggers of ``kind`` (of every kind of word, for a word)."""
    if kind in TRIGGERS:
        found[kind] = [m.start() for m in TRIGGERS[kind].finditer(text)]
        return
    for word_kind in WORD_KINDS:
        found[word_kind] = []
    # One regex finds the date words (a trie of them, whole words only): the words of a text that are not
    # date words never reach Python, which halved the cost of this scan.
    for m in _DATE_WORD.finditer(text):
        kinds = _KINDS_OF.get(m.group().lower())
        if kinds:
            for word_kind in kinds:
                found[word_kind].append(m.start())


def windows(text: str, starts: list[int]) -> list[tuple[int, int]]:
    """Merged ``(pos, endpos)`` windows around sorted trigger offsets.

    A window never ends inside blanks: a pattern's ``$`` (end of text) would otherwise match at its end.
    """
    out: list[tuple[int, int]] = []
    size = len(text)
    for at in starts:
        lo, hi = max(0, at - BEFORE), min(size, at + AFTER)
        if out and lo <= out[-1][1]:
            if hi <= out[-1][1]:
                continue
            lo = out.pop()[0]
        out.append((lo, _BLANKS.match(text, hi).end() if hi < size else hi))
    return out
