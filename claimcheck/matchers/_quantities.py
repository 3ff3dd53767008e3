"""Numbers as a count reads them: scan_numbers' tokens plus their scale, fractions, sign and dozens.

The count matcher reads "2,5 millions d'abonnés", "three quarters of the staff" or "half a dozen sites"; this
module turns the tokens of ``_numbers.scan_numbers`` into those values, in one pass over the tokens, each
step a match of a short anchored pattern at a token's end (so linear in the text).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from ._fractions import (ARTICLE_BEFORE_RE, COMPOUND_RE, DENOM_RE, DENOMS, JOINED_LAST_WORD_RE, NOUN_AFTER_RE,
                         POINT_RE, RATIO_RE, UNIT_ORDINALS, VULGAR_RE, digits_of, plural, singular, value_of, vulgar)
from ._numbers import SPACE, Token, parse_number, scan_numbers

_SCALE_WORDS = r"millions?|milliards?|billions?|trillions?|thousands?|mille|hundreds?|lakhs?|crores?"
_SCALE_RE = re.compile(
    rf"{SPACE}*(?:-{SPACE}*)?(?:(?P<word>(?i:{_SCALE_WORDS}|cent))(?![\w'’])"
    rf"|(?P<abbr>(?i:bn|mn|mln|bln|tln|mil)|MM|[mkbMKGTB])(?![\w'’]))")
_SCALES = {"hundred": 100, "cent": 100, "thousand": 10**3, "mille": 10**3, "million": 10**6,
           "milliard": 10**9, "billion": 10**9, "trillion": 10**12, "lakh": 10**5, "crore": 10**7,
           "k": 10**3, "m": 10**6, "mm": 10**6, "mn": 10**6, "mln": 10**6, "mil": 10**6, "bn": 10**9,
           "bln": 10**9, "b": 10**9, "g": 10**9, "t": 10**12, "tln": 10**12}
# "two thirds of a million", "trois quarts d'un milliard": a fraction of a scale.
_OF_SCALE_RE = re.compile(rf"{SPACE}+(?i:of{SPACE}+an?|d['’]une?){SPACE}+(?P<word>(?i:{_SCALE_WORDS}))(?![\w'’])")
_LAST_WORD_RE = re.compile(r"[^\W\d_]+$")
_DOZEN_RE = re.compile(rf"{SPACE}+(?:(?i:a|an|une){SPACE}+)?(?i:dozens?|douzaines?|dozs?|dzs?)(?![\w'’])")
_SLASH_RE = re.compile(r"[ ]?/[ ]?")
# A slash between the parts of a date or a phone number ("5/17/2018", "222-2222/2222") makes no fraction.
_SERIES_AFTER_RE = re.compile(r"[ ]?[/.-]\d")
_SERIES_BEFORE_RE = re.compile(r"\d[/.-]$")
_AND_RE = re.compile(rf"{SPACE}+(?i:and|et){SPACE}+$")
_MIXED_GAP_RE = re.compile(rf"{SPACE}+$")
_SPACES_RE = re.compile(rf"{SPACE}+")
_MINUS_RE = re.compile(rf"(?:^|(?<=[\s(]))(?:-|−|–|(?i:minus|moins|negative)){SPACE}{{0,2}}$")
_EXPONENT_RE = re.compile(r"[eE](?P<e>[+-]?\d{1,3})(?!\w)")
_TIMES_TEN_RE = re.compile(r"[ ]?[x×*][ ]?(?=10\^)")
# "the one you mentioned", "which one": "one" standing for a noun, not a number.
_PRONOUN_BEFORE_RE = re.compile(rf"(?<![\w'’])(?i:the|this|that|which|each|every|any|no|another){SPACE}+$")
_JOINER_RE = re.compile(rf"{SPACE}+(?i:and|et){SPACE}+|-et-")

_ARTICLE_RE = re.compile(
    rf"(?<![\w'’])(?i:a|an|un|une){SPACE}+(?:(?P<d>(?i:{'|'.join(map(re.escape, plural(DENOMS)))}))"
    rf"|(?P<dozen>(?i:dozen|douzaine)))(?![\w'’-])")
# "un million et demi": "demi" is a number only after "et" (alone it is an adjective, "une heure et demie").
_ET_DEMI_RE = re.compile(rf"(?<![\w'’])(?i:et){SPACE}+(?P<h>(?i:demie?))(?![\w'’])")


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number read for a count: its span, value, and whether a scale or fraction word made it."""

    start: int
    end: int
    value: Decimal
    scaled: bool
    words: bool
    scale: int = 0
    """The factor of the scale word it ends with (1000 for "3 thousand"), 0 for none."""


def read_numbers(text: str, lang: str | None, *, ratios: bool = True):
    """Every number with its scale ("100 million", "2,5 milliards", "10k", "deux millions"), its fraction
    ("3/4", "2 1/4", "two thirds", "trois quarts", "one twenty-fifth", "one over three"), its decimals in
    words ("two point five"), its sign ("-1", "moins 5") and dozens, in order.

    With ``ratios`` false, "120 sur 500" is two numbers rather than the ratio 0.24 (a count wants
    "500 salariés" there).
    """
    return _Reader(text, lang, ratios).run()


def _tokens(text: str, lang: str | None) -> list[Token]:
    """scan_numbers' tokens, plus articles with a fraction or a dozen ("a fifth", "un tiers", "a dozen") and
    "demi" after "et", which it does not read; a word number whose last part is a fraction ("two million
    and one half", "vingt et un cinquième") is cut before that part, which the reader joins back."""
    tokens = []
    for token in scan_numbers(text, lang):
        tokens += _cut_before_fraction(text, token, lang) if token.words else [token]
    # (token, whether it replaces the scan tokens it overlaps): "2½" replaces "2", "un tiers" does not
    # replace "un" (it is read as "un" and its denominator).
    extra = [(_article_token(m), False) for m in _ARTICLE_RE.finditer(text)]
    extra += [(Token(m.start("h"), m.end("h"), Decimal("0.5"), True), False) for m in _ET_DEMI_RE.finditer(text)]
    extra += [(_vulgar_token(m), True) for m in VULGAR_RE.finditer(text)]
    if not extra:
        return tokens
    merged, j = [], 0
    for token, replaces in sorted(extra, key=lambda t: t[0].start):  # both in text order: one walk
        while j < len(tokens) and tokens[j].end <= token.start:
            merged.append(tokens[j])
            j += 1
        if replaces:
            while j < len(tokens) and tokens[j].start < token.end:
                j += 1
        if j == len(tokens) or tokens[j].start >= token.end:
            merged.append(token)
    return merged + tokens[j:]


def _article_token(m: re.Match) -> Token:
    """ "a fifth" as the token 1/5 (its denominator already applied), "a dozen" as 12."""
    if m.group("dozen"):
        return Token(m.start(), m.end(), Decimal(12), True)
    return Token(m.start(), m.end(), Decimal(1) / value_of(m.group("d"), DENOMS), True)


def _vulgar_token(m: re.Match) -> Token:
    """ "½" as 0.5, "2½" and "2 ½" as 2.5."""
    whole = Decimal(m.group("whole").strip()) if m.group("whole") else 0
    return Token(m.start(), m.end(), whole + vulgar(m.group()[-1]), False)


def _cut_before_fraction(text: str, token: Token, lang: str | None) -> list[Token]:
    joiners = list(_JOINER_RE.finditer(text, token.start, token.end))
    if not joiners:
        return [token]
    last = joiners[-1]
    whole = parse_number(text[token.start:last.start()], lang)
    part = parse_number(text[last.end():token.end], lang)
    denom = DENOM_RE.match(text, token.end)
    # Only a proper fraction stands apart: "one hundred and three quarters" is 100.75, but "one hundred and
    # thirty-two fifths" is 132 fifths.
    proper = part is not None and (part < 1 or denom and part < value_of(denom.group("d"), DENOMS))
    if whole is None or not proper:
        return [token]
    return [Token(token.start, last.start(), whole, True), Token(last.end(), token.end, part, True)]


def _word_scale(words: str) -> int:
    last = _LAST_WORD_RE.search(words)
    name = last.group().lower() if last else ""
    return _SCALES.get(name) or _SCALES.get(name[:-1], 0) if len(name) > 2 else 0


class _Reader:
    """One walk over the tokens of a text; ``out`` holds the numbers read so far, in order."""

    def __init__(self, text: str, lang: str | None, ratios: bool):
        self.text, self.lang, self.ratios = text, lang, ratios
        self.tokens = _tokens(text, lang)
        self.i = 0
        self.consumed = 0
        self.out: list[Quantity] = []

    def run(self) -> list[Quantity]:
        while self.i < len(self.tokens):
            token = self.tokens[self.i]
            self.i += 1
            if token.start < self.consumed:
                continue  # read with the number before ("half a dozen", "five billion and three quarters")
            quantity = self._read(token)
            if quantity is not None:
                self.out.append(quantity)
        return self.out

    def _next_at(self, pos: int, words: bool | None = None) -> Token | None:
        """The next token, when it starts at ``pos`` (and is in words or digits as asked)."""
        if self.i < len(self.tokens) and self.tokens[self.i].start == pos:
            token = self.tokens[self.i]
            if words is None or token.words == words:
                return token
        return None

    def _before(self, start: int, gap: re.Pattern) -> Quantity | None:
        """The number read just before ``start``, when only ``gap`` stands between them."""
        if self.out and gap.match(self.text, self.out[-1].end, start):
            return self.out[-1]
        return None

    def _read(self, token: Token) -> Quantity | None:
        text, lang = self.text, self.lang
        value, start, end = token.value, token.start, token.end
        scaled, scale, whole = False, _word_scale(text[start:end]) if token.words else 0, None
        exponent = _EXPONENT_RE.match(text, end) if not token.words else None
        if exponent:  # "1e10"
            value, end = value.scaleb(int(exponent.group("e"))), exponent.end()
        times_ten = _TIMES_TEN_RE.match(text, end) if not token.words else None
        power = self._next_at(times_ten.end(), words=False) if times_ten else None
        if power is not None:  # "1.3x10^6"
            self.i += 1
            value, end = value * power.value, power.end
        denominator = self._ratio(value, end)
        point = POINT_RE.match(text, end) if token.words else None
        slash = _SLASH_RE.match(text, end) if not token.words else None
        if denominator is not None:  # "one over three", "1 sur 3", "one in five"
            self.i += 1
            value, end, scaled = value / denominator.value, denominator.end, True
        elif point and value == int(value) and self._next_at(point.end(), words=True):
            value, end = self._decimals(value, point.end(), end)
        elif slash and (denominator := self._next_at(slash.end(), words=False)) and denominator.value \
                and not _SERIES_AFTER_RE.match(text, denominator.end) \
                and not _SERIES_BEFORE_RE.search(text, max(0, start - 2), start):
            # "3/4", "-4/5": a fraction of two digit tokens; "2 1/4" adds it to the integer before.
            self.i += 1
            value, end, scaled = value / denominator.value, denominator.end, True
            before = self._before(start, _MIXED_GAP_RE)
            if before and before.value == int(before.value) and not before.scaled and token.value < denominator.value:
                whole = before
        else:
            fraction = self._ordinal_fraction(token, value, start, end)
            if fraction is False:
                return None  # "the twenty-fifth": an ordinal, no number
            if fraction is not None:
                value, start, end = fraction
                scaled = True
        value, end, scaled, scale = self._scale(token, value, end, scaled, scale)
        if whole is None and 0 < value < 1:  # "one and a half", "cinq milliards et trois quarts"
            before = self._before(start, _AND_RE)
            if before and before.value == int(before.value) and before.value:
                whole, scaled = before, True
                value *= before.scale if before.scale >= 1000 else 1
        elif whole is None and value >= 1:  # "3 hundred and 21", "4 thousand 3 hundred", "one billion and a
            before = self._before(start, _AND_RE) or (scaled and self._before(start, _MIXED_GAP_RE))  # half million"
            if before and before.scale >= 100 and value < before.scale and (scale < before.scale or not scaled):
                whole = before
            elif before and value < scale and not before.scale and not before.scaled \
                    and before.value == int(before.value) and 0 < before.value < 1000 and self._before(start, _AND_RE):
                # "five and a half million": the whole number is of millions too
                whole = replace(before, value=before.value * scale)
        if whole is not None:
            self.out.pop()
            value = whole.value + value if whole.value >= 0 else whole.value - value
            start = whole.start
        dozen = _DOZEN_RE.match(text, end)
        if dozen:  # "3 dozens", "half a dozen"
            value, end, scaled = value * 12, dozen.end(), True
        self.consumed = end
        if whole is None:
            minus = _MINUS_RE.search(text, max(0, start - 12), start)
            if minus:
                value, start = -value, minus.start()
        if not token.words and end < len(text) and text[end].isalpha() or \
                token.words and lang != "fr" and text[start:end].lower() == "one" \
                and _PRONOUN_BEFORE_RE.search(text, max(0, start - 10), start):
            return None  # "180ml", "4th": a measure or an ordinal; "the one you mentioned": a pronoun
        return Quantity(start, end, value, scaled, token.words, scale)

    def _ratio(self, value: Decimal, end: int) -> Token | None:
        """The second number of a ratio after ``end``, or None."""
        ratio = RATIO_RE.match(self.text, end) if self.ratios else None
        denominator = self._next_at(ratio.end()) if ratio else None
        if denominator is None or not denominator.value:
            return None
        if ratio.group("div"):  # "$2000 over 3 years": a sum over a time
            return None if NOUN_AFTER_RE.match(self.text, denominator.end) else denominator
        if value > denominator.value or ratio.group("share").lower() == "in" and denominator.value >= 1000:
            return None  # "12 out of 10", "5 in 2020"
        return denominator

    def _decimals(self, value: Decimal, pos: int, end: int) -> tuple[Decimal, int]:
        """ "two point zero three", "deux virgule cinquante deux": the number words after the point are its
        digits, one word or one compound number at a time."""
        digits = ""
        while (token := self._next_at(pos, words=True)) and (part := digits_of(token.value)) is not None:
            digits, end = digits + part, token.end
            self.i += 1
            gap = _SPACES_RE.match(self.text, end)
            pos = gap.end() if gap else end
        return (Decimal(f"{int(value)}.{digits}"), end) if digits else (value, end)

    def _ordinal_fraction(self, token: Token, value: Decimal, start: int, end: int):
        """A number and a denominator: "three fifths", "un cinquième", "one twenty-fifth" (a ten and a unit
        ordinal make one denominator, and the number before it is the numerator). (value, start, end), None
        when no denominator follows, False when the words are an ordinal ("the twenty-first")."""
        text = self.text
        compound = COMPOUND_RE.match(text, end) if token.words and value == int(value) \
            and int(value) % 100 in range(20, 100, 10) \
            and not JOINED_LAST_WORD_RE.search(text, start, token.end) else None
        if compound:
            ten = int(value) % 100
            numerator, name = value - ten, compound.group("u")
            if not numerator:
                before = self._before(start, _MIXED_GAP_RE)
                article = ARTICLE_BEFORE_RE.search(text, max(0, start - 4), start)
                if before and before.words and before.value == int(before.value) and not before.scaled:
                    numerator, start = before.value, before.start
                    self.out.pop()
                elif article:
                    numerator, start = Decimal(1), article.start()
                elif not singular(name):  # "twenty fifths": twenty of them
                    return value / value_of(name, UNIT_ORDINALS), start, compound.end()
                else:
                    self.consumed = compound.end()
                    return False
            if self.lang == "en" and singular(name) and numerator != 1:
                self.consumed = compound.end()
                return False  # "one hundred twenty-fifth": an ordinal
            return numerator / (ten + value_of(name, UNIT_ORDINALS)), start, compound.end()
        denom = DENOM_RE.match(text, end)
        if not denom or not (token.words or value == int(value)):
            return None
        name = denom.group("d")
        # English writes a fraction above one in the plural ("two fifths"): "two millionth" is an ordinal.
        if self.lang == "en" and singular(name) and value != 1 and name.lower() not in ("half", "quarter"):
            return None
        return value / value_of(name, DENOMS), start, denom.end()

    def _scale(self, token: Token, value: Decimal, end: int, scaled: bool, scale: int):
        """The value times the scale word after it ("100 million", "10k", "un demi-million", "two thirds of
        a million"): (value, end, scaled, scale)."""
        of_scale = _OF_SCALE_RE.match(self.text, end) if 0 < value < 1 else None
        scale_match = of_scale or _SCALE_RE.match(self.text, end)
        if scale_match is None or token.words and scale_match.group("word") and value >= 1 and not of_scale:
            return value, end, scaled, scale
        name = (scale_match.group("word") or scale_match.group("abbr")).lower()
        if name == "cent" and self.lang != "fr":
            return value, end, scaled, scale
        factor = _SCALES.get(name) or _SCALES[name.rstrip("s")]
        if name.startswith("billion") and self.lang == "fr":
            factor = 10**12  # "un billion" is a million millions in French
        return value * factor, scale_match.end(), True, factor
