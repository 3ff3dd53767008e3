"""Numbers as a count reads them: scan_numbers' tokens plus their scale, fractions, sign and dozens.

The count matcher reads "2,5 millions d'abonnés", "three quarters of the staff" or "half a dozen sites"; this
module turns the tokens of ``_numbers.scan_numbers`` into those values, in one pass over the tokens, each
step a match of a short anchored pattern at a token's end (so linear in the text).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Iterator

from ._numbers import SPACE, Token, scan_numbers

_EN_DENOMS = {"half": 2, "halves": 2, "third": 3, "fourth": 4, "quarter": 4, "fifth": 5, "sixth": 6,
              "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
              "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
              "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40,
              "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
              "hundredth": 100, "thousandth": 1000, "millionth": 10**6, "billionth": 10**9,
              "trillionth": 10**12}
_FR_DENOMS = {"demi": 2, "demie": 2, "tiers": 3, "quart": 4, "cinquième": 5, "sixième": 6, "septième": 7,
              "huitième": 8, "neuvième": 9, "dixième": 10, "onzième": 11, "douzième": 12, "treizième": 13,
              "quatorzième": 14, "quinzième": 15, "seizième": 16, "vingtième": 20, "trentième": 30,
              "quarantième": 40, "cinquantième": 50, "soixantième": 60, "centième": 100, "millième": 1000,
              "millionième": 10**6, "milliardième": 10**9, "billionième": 10**12}
_DENOMS = {**_EN_DENOMS, **_FR_DENOMS}


def _plural(names) -> list[str]:
    out = []
    for name in names:
        out += [name, name + "s"] if not name.endswith(("s", "x")) else [name]
    return sorted(set(out), key=len, reverse=True)


_DENOM_RE = re.compile(rf"{SPACE}+(?P<d>(?i:{'|'.join(map(re.escape, _plural(_DENOMS)))}))(?![\w'’-])")
_SCALE_RE = re.compile(
    rf"{SPACE}*(?:-{SPACE}*)?(?:(?P<word>(?i:millions?|milliards?|billions?|trillions?|thousands?|mille|"
    rf"hundreds?|lakhs?|crores?))(?![\w'’])|(?P<abbr>(?i:bn|mn|mln)|[mkMKGTB])(?![\w'’]))")
_SCALES = {"hundred": 100, "thousand": 10**3, "mille": 10**3, "million": 10**6, "milliard": 10**9,
           "billion": 10**9, "trillion": 10**12, "lakh": 10**5, "crore": 10**7,
           "k": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6, "bn": 10**9, "b": 10**9, "g": 10**9, "t": 10**12}
_DOZEN_RE = re.compile(rf"{SPACE}+(?:(?i:a|an|une){SPACE}+)?(?i:dozens?|douzaines?)(?![\w'’])")
_SLASH_RE = re.compile(r"[ ]?/[ ]?")
_AND_RE = re.compile(rf"{SPACE}+(?i:and|et){SPACE}+$")
_MIXED_GAP_RE = re.compile(rf"{SPACE}+$")
_MINUS_RE = re.compile(rf"(?:^|(?<=[\s(]))(?:-|−|–|(?i:minus|moins)){SPACE}{{0,2}}$")
_LEAD_DECIMAL_RE = re.compile(r"(?<![\w.,])[.,](?=\d)")
_EXPONENT_RE = re.compile(r"[eE](?P<e>[+-]?\d{1,3})(?!\w)")


_ARTICLE_RE = re.compile(
    rf"(?<![\w'’])(?i:a|an|un|une){SPACE}+(?:(?P<d>(?i:{'|'.join(map(re.escape, _plural(_DENOMS)))}))"
    rf"|(?P<dozen>(?i:dozen|douzaine)))(?![\w'’-])")


def _article_token(m: re.Match) -> Token:
    """ "a fifth" as the token 1/5 (its denominator already applied), "a dozen" as 12."""
    if m.group("dozen"):
        return Token(m.start(), m.end(), Decimal(12), True)
    d = m.group("d").lower()
    return Token(m.start(), m.end(), Decimal(1) / _DENOMS[d if d in _DENOMS else d[:-1]], True)


@dataclass(slots=True)
class Quantity:
    """One number read for a count: its span, value, and whether a scale or fraction word made it."""

    start: int
    end: int
    value: Decimal
    scaled: bool
    words: bool


def read_numbers(text: str, lang: str | None) -> Iterator[Quantity]:
    """Every number with its scale ("100 million", "2,5 milliards", "10k", "deux millions"), its fraction
    ("3/4", "2 1/4", "two thirds", "trois quarts"), its sign ("-1", "moins 5") and dozens, in order."""
    tokens = list(scan_numbers(text, lang))
    # "a fifth", "a dozen", "un tiers": an article and a fraction or a dozen, which scan_numbers does not read
    # (it leaves articles alone); they join the tokens in text order.
    extra, j = [], 0
    for m in _ARTICLE_RE.finditer(text):  # both in text order: one walk, no pair of them compared twice
        while j < len(tokens) and tokens[j].end <= m.start():
            j += 1
        if j == len(tokens) or tokens[j].start >= m.end():
            extra.append(_article_token(m))
    if extra:
        tokens = sorted(tokens + extra, key=lambda t: t.start)
    out: list[Quantity] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        i += 1
        value, start, end, scaled = token.value, token.start, token.end, False
        lead = _LEAD_DECIMAL_RE.match(text, start - 1) if start else None
        if lead and not token.words and "." not in text[start:end] and "," not in text[start:end]:
            try:  # ".08", ",23456000": a decimal without its zero
                value, start = Decimal("0." + text[start:end]), start - 1
            except InvalidOperation:
                pass
        exponent = _EXPONENT_RE.match(text, end) if not token.words else None
        if exponent:  # "1e10"
            value, end = value.scaleb(int(exponent.group("e"))), exponent.end()
            if i < len(tokens) and tokens[i].start < end:
                i += 1
        # "3/4", "-4/5": a fraction of two digit tokens; "2 1/4" adds it to the integer before.
        slash = _SLASH_RE.match(text, end) if not token.words and i < len(tokens) else None
        if slash and tokens[i].start == slash.end() and not tokens[i].words and tokens[i].value:
            denominator = tokens[i]
            value, end, scaled = value / denominator.value, denominator.end, True
            i += 1
            if out and _MIXED_GAP_RE.match(text, out[-1].end, start) and out[-1].value == int(out[-1].value) \
                    and not out[-1].scaled and token.value < denominator.value:
                whole = out.pop()
                value, start = whole.value + value, whole.start
        else:
            denom = _DENOM_RE.match(text, end)
            if denom and token.words or (denom and token.value == int(token.value)):
                d = denom.group("d").lower()
                d = d if d in _DENOMS else d[:-1]
                value, end, scaled = value / _DENOMS[d], denom.end(), True
                joined = _AND_RE.match(text, out[-1].end, start) if out else None
                if joined and not out[-1].scaled:  # "one hundred and three and two thirds"
                    whole = out.pop()
                    value, start = whole.value + value, whole.start
            elif token.words and 0 < value < 1 and out and _AND_RE.match(text, out[-1].end, start) \
                    and not out[-1].scaled:  # "one and a half", "five and a quarter"
                whole = out.pop()
                value, start, scaled = whole.value + value, whole.start, True
            else:
                scale = _SCALE_RE.match(text, end)
                if scale and not (token.words and scale.group("word")):
                    name = (scale.group("word") or scale.group("abbr")).lower()
                    factor = _SCALES.get(name) or _SCALES[name.rstrip("s")]
                    if name.startswith("billion") and lang == "fr":
                        factor = 10**12  # "un billion" is a million millions in French
                    value, end, scaled = value * factor, scale.end(), True
        dozen = _DOZEN_RE.match(text, end)
        if dozen:  # "3 dozens", "half a dozen"
            value, end, scaled = value * 12, dozen.end(), True
        minus = _MINUS_RE.search(text, max(0, start - 8), start)
        if minus:
            value, start = -value, minus.start()
        out.append(Quantity(start, end, value, scaled, token.words))
    yield from out
