"""Words and regex fragments of dates: month and weekday names, numerals, parts of periods."""
from __future__ import annotations

import re
from typing import Iterable


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
    """A regex alternation of ``words``, written as a trie, longest first so that "juillet" is not read as "juil".

    A flat alternation of forty weekday names makes the engine try each name at every position; the trie
    ("ju(?:illet|in)|…") tries one branch per distinct next letter, which made the date rules several times
    faster. It matches the same words in the same order of preference: two words that both match at one
    position are prefix and extension, and a node tries its extensions before it ends.
    """
    trie: dict = {}
    for word in set(words):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict) -> str:
    ends = "" in node
    branches = [(" " if ch == " " else re.escape(ch)) + _trie_regex(child)
                for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    if len(branches) == 1 and not ends:
        return branches[0]
    return "(?:" + "|".join(branches) + ("|" if ends else "") + ")"


def _mo(m: re.Match) -> int:
    return MONTHS[m["mo"].lower().rstrip(".")]


_DIGITS = re.compile(r"\d+")
_BLANK_RUN = re.compile(r"\s+")


def _num(text: str) -> int | None:
    text = text.lower().strip()
    digits = _DIGITS.match(text)
    if digits:
        return int(digits.group())
    return NUMBER_WORDS.get(_BLANK_RUN.sub(" ", text))


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
# The lead words go through _alt (a trie): these prefixes are tried at every word of a window.
_PART_FR_LEADS = _alt(["au", "en", "à la", "a la", "dès le", "dès la", "vers la", "vers le", "depuis le", "depuis la",
                       "jusqu'à la", "jusqu\u2019à la"])
_PART_EN_LEADS = _alt(["at", "in", "by", "since", "until", "from"])
_PART_FR = (rf"(?:(?:{_PART_FR_LEADS}){_SP})?(?:tout{_SP})?(?:début|fin|mi(?:-|{_SP})|milieu|courant)")
_PART_EN = (rf"(?:(?:{_PART_EN_LEADS}){_SP})?(?:the{_SP})?(?:early|late|mid-|mid|"
            rf"end{_SP}of|beginning{_SP}of|start{_SP}of|middle{_SP}of)")
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

