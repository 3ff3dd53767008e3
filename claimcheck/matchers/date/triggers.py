"""Triggers: the cheap pre-filter that decides where in a text each rule can match.

Every rule's match holds a trigger of the kinds it ``needs``: a kind of date word (month, weekday, unit,
season, holiday, numeral…), a plausible year, a numeric day, a quarter code. Three regexes find them all
(words, digits, day numbers); a rule then runs only in windows around its triggers, so text without dates
(digits, punctuation, prose) costs those scans, not one scan per rule.
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
    "dmy": r"\d(?:-\d{1,2}-|/\d{1,2}/|\.\d{1,2}\.| \d{1,2} )\d\d",  # the same separator twice
    "dm": r"\d[/.-]\d",
    "decade": r"[1-9]0[ \t\u00a0\u202f]{0,3}['\u2019]?s",
    "quarter": r"[qths][1-4]",
    # "le 23", "the 5", "on 12": each branch opens on its letter, then looks behind it for a word start (the
    # same as (?<!\w) first, but the engine can skip to those letters)
    "day number": r"(?:l(?<!\w.)e|t(?<!\w.)he|o(?<!\w.)n)\s{1,3}\d",
}
"""The triggers that are not date words, as regexes on the lower-cased text; each holds a digit. The first
six start on a digit."""
_ON_A_DIGIT = 6

# The first six kinds and the quarters in one pass that opens on a digit: the engine skips from digit to digit
# in C (a pattern's leading character set; a pattern opening on a lookbehind is tried at every position). At a
# digit, a one-character lookbehind holding a lookahead per kind reads which start there, behind a gate (what
# those kinds may open with); a two-character one, whether a quarter ("q3") ends there.
_DIGIT_SCAN_SOURCE = (
    r"\d(?:(?<=(?P<gate>(?=\d(?:(?<!\d\d)\d\d\d|[-/. ]\d|0[ \t\u00a0\u202f'\u2019s]))"
    + "".join(rf"(?:(?=(?P<k{i}>{p}))|)" for i, p in enumerate(list(DIGIT_KINDS.values())[:_ON_A_DIGIT]))
    + rf".))|)(?:(?<=(?=(?P<quarter>{DIGIT_KINDS['quarter']}))..)|)(?(gate)|(?(quarter)|(?!)))")
_SCANS = {lowered: (re.compile(_WORD, flags), re.compile(_DIGIT_SCAN_SOURCE, flags),
                    re.compile(DIGIT_KINDS["day number"], flags))
          for lowered, flags in ((True, 0), (False, re.IGNORECASE))}
"""Words, digits and day numbers: on the lower-cased text, or (False) on a text whose lower-casing changes its
length."""
_DIGIT_GROUPS = [(kind, _SCANS[True][1].groupindex[f"k{i}"]) for i, kind in enumerate(list(DIGIT_KINDS)[:_ON_A_DIGIT])]
_QUARTER_GROUP = _SCANS[True][1].groupindex["quarter"]
_BLANKS = re.compile(r"\s*")


def scan(text: str, lowered: bool, has_digit: bool) -> dict[str, list[int]]:
    """The start offsets of every kind of trigger in ``text``, sorted, by kind; only kinds that occur.

    ``lowered``: ``text`` is lower-cased already. Of each kind, overlapping triggers are skipped as a scan of
    that kind alone would skip them ("1/2/3" holds one "dm", at 0), so that windows stay what they were.
    """
    words, digits, day_numbers = _SCANS[lowered]
    found: dict[str, list[int]] = {}
    for m in words.finditer(text):
        for kind in _KINDS_OF.get(m.group() if lowered else m.group().lower(), ()):
            found.setdefault(kind, []).append(m.start())
    if not has_digit:
        return found
    ends: dict[str, int] = {}
    for m in digits.finditer(text):
        regs = m.regs
        for kind, group in _DIGIT_GROUPS:
            start, end = regs[group]
            if start >= ends.get(kind, 0):  # also false when the kind did not match here (start -1)
                found.setdefault(kind, []).append(start)
                ends[kind] = end
        start, end = regs[_QUARTER_GROUP]
        if start >= ends.get("quarter", 0):
            found.setdefault("quarter", []).append(start)
            ends["quarter"] = end
    at = [m.start() for m in day_numbers.finditer(text)]
    if at:
        found["day number"] = at
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
