"""Fractions and decimals written in words, for the count reader (``_quantities``) to join to the numbers
around them.

The denominators a number takes ("three fifths", "un cinquième", "one-eighth"), the compound ordinals a ten
makes with a unit ("twenty-fifth", "vingt et unième"), the words of a ratio ("one over three", "1 sur 3",
"one out of three") and of a decimal point ("two point five", "deux virgule trois"). Each pattern is matched
at a number's end and is bounded, so reading them stays linear in the text.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from ._numbers import SPACE

_EN_DENOMS = {"half": 2, "halves": 2, "third": 3, "fourth": 4, "quarter": 4, "fifth": 5, "sixth": 6,
              "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
              "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
              "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40,
              "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
              "hundredth": 100, "thousandth": 1000, "millionth": 10**6, "billionth": 10**9,
              "trillionth": 10**12}
# "quatrième" is a denominator in French ("trois quatrièmes"); "troisième" and "deuxième" are not (they are
# "tiers" and "demi"), and alone they are ordinals ("un troisième mandat").
_FR_DENOMS = {"demi": 2, "demie": 2, "tiers": 3, "quart": 4, "quatrième": 4, "cinquième": 5, "sixième": 6,
              "septième": 7, "huitième": 8, "neuvième": 9, "dixième": 10, "onzième": 11, "douzième": 12,
              "treizième": 13, "quatorzième": 14, "quinzième": 15, "seizième": 16, "vingtième": 20,
              "trentième": 30, "quarantième": 40, "cinquantième": 50, "soixantième": 60, "centième": 100,
              "millième": 1000, "millionième": 10**6, "milliardième": 10**9, "billionième": 10**12}
# The units a ten takes to make an ordinal: "twenty-first", "thirty fifths", "vingt et unième".
# Not "second": "twenty seconds" is a duration.
_EN_UNIT_ORDINALS = {"first": 1, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                     "eighth": 8, "ninth": 9}
_FR_UNIT_ORDINALS = {"unième": 1, "deuxième": 2, "troisième": 3, "quatrième": 4, "cinquième": 5,
                     "sixième": 6, "septième": 7, "huitième": 8, "neuvième": 9}


def _unaccented(names: dict[str, int]) -> dict[str, int]:
    """The names and the same without accents: "cinquieme" is often typed for "cinquième"."""
    out = dict(names)
    for name, value in names.items():
        out.setdefault(unicodedata.normalize("NFD", name).encode("ascii", "ignore").decode(), value)
    return out


DENOMS = {**_EN_DENOMS, **_unaccented(_FR_DENOMS)}
UNIT_ORDINALS = {**_EN_UNIT_ORDINALS, **_unaccented(_FR_UNIT_ORDINALS)}


def plural(names) -> list[str]:
    """Each name and its plural, longest first (so that an alternation takes the longest)."""
    out = []
    for name in names:
        out += [name, name + "s"] if not name.endswith(("s", "x")) else [name]
    return sorted(set(out), key=len, reverse=True)


def _alternation(names) -> str:
    return "|".join(map(re.escape, plural(names)))


def value_of(name: str, table: dict[str, int]) -> int:
    """The number a denominator or an ordinal stands for, in the singular or the plural."""
    name = name.lower()
    return table[name] if name in table else table[name[:-1]]


_GAP = rf"(?:[ \t]*-[ \t]*|{SPACE}+)"
DENOM_RE = re.compile(rf"{_GAP}(?P<d>(?i:{_alternation(DENOMS)}))(?![\w'’])")
"""A denominator after a numerator: "three fifths", "one-eighth", "un cinquième"."""
COMPOUND_RE = re.compile(rf"{_GAP}(?:(?i:et){_GAP})?(?P<u>(?i:{_alternation(UNIT_ORDINALS)}))(?![\w'’-])")
"""The unit of an ordinal after a ten: "twenty-fifth", "vingt et unième"."""
RATIO_RE = re.compile(rf"{SPACE}+(?i:(?P<div>over|sur)|(?P<share>out{SPACE}+of|in)){SPACE}+")
"""Between the two numbers of a ratio: a division "one over three", "1 sur 3", or a share "one out of
three", "one in five" (a share is at most one: "12 out of 10" is two numbers)."""
NOUN_AFTER_RE = re.compile(rf"{SPACE}+[^\W\d_]")
"""A word after a ratio's second number: "$2000 over 3 years" is a sum over a time, no ratio."""
JOINED_LAST_WORD_RE = re.compile(rf"(?i:and|et)(?:{SPACE}+|-)[^\s-]+$")
"""A number's last word after "and": in "one hundred and thirty fifths" the ten is not part of the ordinal."""
POINT_RE = re.compile(rf"{SPACE}+(?i:point|virgule){SPACE}+")
"""A decimal point in words: "two point five", "deux virgule trois"."""
ARTICLE_BEFORE_RE = re.compile(rf"(?<![\w'’])(?i:a|an|un|une){SPACE}+$")


def vulgar(char: str) -> Decimal | None:
    """The value of a vulgar fraction character ("½", "⅔"), from its Unicode decomposition."""
    parts = unicodedata.decomposition(char).split()
    if len(parts) != 4 or parts[0] != "<fraction>":
        return None
    return Decimal(int(chr(int(parts[1], 16)))) / Decimal(int(chr(int(parts[3], 16))))


VULGAR_RE = re.compile(r"(?P<whole>(?<![\d.,])\d{1,9}[ ]?)?[\u00bc-\u00be\u2150-\u215e]")
"""A vulgar fraction, with the integer before it: "½", "2½", "2 ¾"."""


def singular(name: str) -> bool:
    return not name.lower().endswith("s")


def digits_of(value: Decimal) -> str | None:
    """The digits a number word stands for after a decimal point ("seventy-one" in "two point seventy-one"
    is .71), or None for a number that cannot be such digits (a fraction, a hundred or more)."""
    if value != value.to_integral_value() or not 0 <= value < 100:
        return None
    return str(int(value))
