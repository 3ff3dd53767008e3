"""French and English numerals, digit separators and scale words, shared by the number matchers.

Two entry points matter to other modules:

- :func:`parse_number` reads one number written in digits or in words
  (``"1 000 000"``, ``"1,5"``, ``"quatre-vingt-dix-neuf"``, ``"twenty-five"``).
- :func:`scan_numbers` walks a text once and yields every number token with its span, in
  time linear in the length of the text. Matchers look at a bounded window around each token
  (currency, scale, qualifier) instead of running one large pattern over the whole text, so
  no input can make them backtrack.

:func:`compare_bounds`, :func:`tolerance_option` and :func:`signed` compare, read the
``tolerance`` option of and sign values with ``low``/``high``/``qualifier`` (amounts and
percentages alike).

``WORD_NUMBER`` is the regex fragment for a run of number words, for matchers that need it
inside their own patterns (the date matcher reads "le trente et un décembre").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Iterator, Mapping

from . import Agreement

# Spaces that separate digit groups: ASCII space, no-break space, narrow no-break space.
GROUP_SPACES = " \u00a0\u202f"
SPACE = r"[\s\u00a0\u202f]"

# -- number words -------------------------------------------------------------------------

_FR_SMALL = {
    "zéro": 0, "zero": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5,
    "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12,
    "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20,
    "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "septante": 70,
    "huitante": 80, "octante": 80, "nonante": 90,
}
_EN_SMALL = {
    "zero": 0, "nought": 0, "naught": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_FR_HUNDRED = {"cent", "cents"}
_EN_HUNDRED = {"hundred", "hundreds"}
# NOTE: French "billion" is 10^12 (long scale); English "billion" is 10^9.
_FR_SCALES = {"mille": 10**3, "million": 10**6, "millions": 10**6, "milliard": 10**9,
              "milliards": 10**9, "billion": 10**12, "billions": 10**12}
_EN_SCALES = {"thousand": 10**3, "thousands": 10**3, "million": 10**6, "millions": 10**6,
              "billion": 10**9, "billions": 10**9, "trillion": 10**12, "trillions": 10**12,
              "lakh": 10**5, "lakhs": 10**5, "crore": 10**7, "crores": 10**7}
_EN_FRACTIONS = {"half": Decimal("0.5"), "quarter": Decimal("0.25"), "quarters": Decimal("0.25")}
_JOINERS = {"fr": {"et"}, "en": {"and"}}


def _words_of(lang: str | None) -> list[str]:
    words: set[str] = set()
    if lang in (None, "fr"):
        words |= set(_FR_SMALL) | _FR_HUNDRED | set(_FR_SCALES)
    if lang in (None, "en"):
        words |= set(_EN_SMALL) | _EN_HUNDRED | set(_EN_SCALES) | set(_EN_FRACTIONS)
    return sorted(words, key=len, reverse=True)


def _word_pattern(lang: str | None) -> str:
    words = "|".join(re.escape(w) for w in _words_of(lang))
    joiners = "|".join(sorted(_JOINERS.get(lang, {"et", "and"}) if lang else {"et", "and"}))
    word = rf"(?:{words})(?![\w'’])"
    # "a"/"an" count as one only before a multiplier: "a quarter million", "a billion".
    article = r"(?:(?:half[ \t]+)?an?[ \t]+(?=(?:hundred|thousand|million|billion|trillion|quarter|half)\b))?" \
        if lang in (None, "en") else ""
    # Each repetition needs a separator and a whole word from a closed list: no backtracking blow-up.
    return rf"(?<![\w-]){article}{word}(?:(?:[ \t]*-[ \t]*|[ \t]+)(?:(?:{joiners})(?:[ \t]*-[ \t]*|[ \t]+))?{word})*"


WORD_NUMBER = _word_pattern(None)
"""Regex fragment (case-insensitive) for a run of French or English number words."""
WORD_NUMBER_FR = _word_pattern("fr")
WORD_NUMBER_EN = _word_pattern("en")

# -- digits ------------------------------------------------------------------------------

DIGIT_NUMBER = r"\d+(?:[.,]\d+|[ \u00a0\u202f]\d{3}(?!\d))*(?:\^(?:--|[+-])?\d{1,3}(?!\d))?"
"""Regex fragment for digits with any group separator and an optional ``^exponent`` ("2,5^-1")."""

# A decimal without its zero (".08", ",5") after a space or at the start, not inside "1.5.08" or "v.08".
_LEAD_DECIMAL = r"(?<![\w.,^])[.,]\d+(?![.,]?\d)"
_TOKEN_RE = {
    lang: re.compile(rf"(?P<d>{_LEAD_DECIMAL}|(?<![\d.,^]){DIGIT_NUMBER})|(?i:(?P<w>{pattern}))")
    for lang, pattern in (("fr", WORD_NUMBER_FR), ("en", WORD_NUMBER_EN), (None, WORD_NUMBER))
}
_WORD_SPLIT_RE = re.compile(r"[^\s\-]+")
_MAX_DIGITS = 40  # longer runs are identifiers, not quantities


def parse_digits(raw: str, lang: str | None) -> Decimal | None:
    """Read a digit token with its separators as the language writes them.

    Spaces always group thousands. With both ``.`` and ``,`` the last one is the decimal
    mark. A repeated mark groups. A single mark followed by exactly three digits groups in
    the language that does not use it as decimal mark (``12,345`` is 12345 in English and
    12.345 in French; ``94.000`` is 94000 in French); otherwise it is the decimal mark.
    """
    raw = raw.translate({ord(c): None for c in GROUP_SPACES})
    if len(raw) > _MAX_DIGITS:
        return None
    exponent = None
    if "^" in raw:
        raw, _, exp = raw.partition("^")
        exponent = int(exp.replace("--", ""))  # "^--23": the two signs cancel
    marks = [c for c in raw if c in ".,"]
    if not marks:
        text = raw
    elif "." in marks and "," in marks:
        decimal_mark = marks[-1]
        head, _, tail = raw.rpartition(decimal_mark)
        text = head.replace(".", "").replace(",", "") + "." + tail
    elif len(marks) > 1:
        text = raw.replace(marks[0], "")
    else:
        mark = marks[0]
        head, _, tail = raw.partition(mark)
        grouping_lang = "fr" if mark == "." else "en"
        # With no language, a comma before three digits groups ("$1,000"), a point is decimal.
        groups = len(tail) == 3 and 1 <= len(head) <= 3 and (lang == grouping_lang or (lang is None and mark == ","))
        text = head + tail if groups else head + "." + tail
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    if exponent is not None:
        # Powers are rarely exact decimals: keep 15 significant digits, as a double shows them.
        try:
            value = Decimal(f"{float(value) ** exponent:.15g}")
        except (OverflowError, ZeroDivisionError):
            return None
    return value


def parse_words(words: list[str], lang: str | None) -> list[tuple[Decimal, int, int]]:
    """Split a run of number words into numbers: ``[(value, first_index, end_index)]``.

    A run that stops being one number starts another ("deux trois" is 2 then 3);
    "quarante-cinq cents" is 45 followed by the word "cents" (French puts "cent" only after a
    unit), which the caller then reads as a currency.
    """
    out = []
    i = 0
    while i < len(words):
        value, end = _parse_one(words, i, lang)
        if end == i:
            i += 1
            continue
        out.append((value, i, end))
        i = end
    return out


def _small(word: str, lang: str | None) -> int | None:
    if lang in (None, "fr") and word in _FR_SMALL:
        return _FR_SMALL[word]
    if lang in (None, "en") and word in _EN_SMALL:
        return _EN_SMALL[word]
    return None


def _scale(word: str, lang: str | None) -> int | None:
    if lang == "fr":
        return _FR_SCALES.get(word)
    if lang == "en":
        return _EN_SCALES.get(word)
    # No language: English reading of "billion", the more frequent one in mixed corpora.
    return _EN_SCALES.get(word) or _FR_SCALES.get(word)


def _parse_one(words: list[str], start: int, lang: str | None) -> tuple[Decimal, int]:
    """Longest valid number starting at ``words[start]``: (value, end index)."""
    total = Decimal(0)
    current = Decimal(0)
    last_scale = None
    end = start
    seen = False
    i = start
    while i < len(words):
        w = words[i]
        small = _small(w, lang)
        if w in ("a", "an") and lang in (None, "en"):
            if seen and not (i == start + 1 and words[start] == "half"):
                break
            current, i, seen = current or Decimal(1), i + 1, True  # "a million", "half a million"
            continue
        if w in ("et", "and"):
            nxt = words[i + 1] if i + 1 < len(words) else ""
            if not seen:
                break
            if w == "et" and not (nxt in ("un", "une", "onze") and current % 10 == 0 and current >= 20):
                break
            if w == "and" and not (last_scale or current >= 100):
                break
            i += 1
            continue
        if small == 0:
            if seen:
                break
            # "zero" is a number alone: "zero three", "three-nought-four" are digits read one by one.
            return Decimal(0), i + 1
        if small is not None:
            sub = current % 100
            if small < 10:
                # A unit follows a ten or a hundred ("vingt-deux", "cent trois"); French
                # also writes 17-19 as "dix-sept" … "dix-neuf".
                ok = sub % 10 == 0 and sub != 10 or sub == 10 and w in _FR_SMALL and small >= 7
            elif small < 20:
                ok = sub == 0 or sub in (60, 80) and w in _FR_SMALL
            else:
                ok = sub == 0
                if w in ("vingt", "vingts") and sub == 4:
                    current += sub * 19  # "quatre-vingt": 4 × 20
                    end, i, seen = i + 1, i + 1, True
                    continue
            if not ok:
                break
            current += small
        elif w in _FR_HUNDRED and lang in (None, "fr") or w in _EN_HUNDRED and lang in (None, "en"):
            # "cents" only multiplies a unit ("trois cents"); "quarante-cinq cents" is money. English counts
            # hundreds above ten too: "fifteen hundred", "ninety-five hundred".
            above_ten = w in _EN_HUNDRED and current < 100 and not total and last_scale is None
            if current >= 10 and not above_ten or (w in _EN_HUNDRED and not seen) or (w == "cents" and current < 2):
                break
            current = (current or 1) * 100
        elif w in _EN_FRACTIONS and lang in (None, "en"):
            if current >= 10:
                break
            current = (current or 1) * _EN_FRACTIONS[w]
        else:
            scale = _scale(w, lang)
            # A scale word needs a number before it ("deux milliards"), except "mille".
            if scale is None or (not seen and w != "mille"):
                break
            if last_scale is not None and scale >= last_scale:
                total = (total + current) * scale  # "mille milliards"
            else:
                total += (current or 1) * scale
            current = Decimal(0)
            last_scale = scale
        seen = True
        i += 1
        end = i
    return total + current, end


def parse_number(text: str, lang: str | None = None) -> Decimal | None:
    """The value of one number written in digits or words, or None if ``text`` is not one.

    >>> parse_number("1 000 000", "fr"), parse_number("quatre-vingt-dix-neuf", "fr")
    (Decimal('1000000'), Decimal('99'))
    """
    text = text.strip()
    if not text:
        return None
    if text[0].isdigit():
        match = re.fullmatch(DIGIT_NUMBER, text)
        return parse_digits(text, lang) if match else None
    words = [w.lower() for w in _WORD_SPLIT_RE.findall(text)]
    parsed = parse_words(words, lang)
    if len(parsed) == 1 and parsed[0][1] == 0 and parsed[0][2] == len(words):
        return parsed[0][0]
    return None


# -- scanning ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Token:
    """One number found by :func:`scan_numbers`."""

    start: int
    end: int
    value: Decimal
    words: bool
    """True when written in words."""


_MARK_RE = re.compile(r"[.,]")


def _digit_groups(raw: str, lang: str | None) -> list[tuple[int, int]]:
    """The numbers in a run of digits and marks, as offsets: one, unless a mark repeats between groups that
    are not thousands ("192.168.1.2", "22,24,26,31"): that is a list or an address, not one number.

    Where the repeated mark groups thousands in the language (a point in French, a comma in English), the
    leading thousands stay one number ("192.168" in French); every other group is a number of its own.
    """
    marks = _MARK_RE.findall(raw)
    if len(marks) < 2 or len(set(marks)) > 1 or "^" in raw:
        return [(0, len(raw))]
    cuts = [m.start() for m in _MARK_RE.finditer(raw)]
    bounds = list(zip([0] + [c + 1 for c in cuts], cuts + [len(raw)]))
    if all(end - start == 3 for start, end in bounds[1:]):
        return [(0, len(raw))]
    groups_thousands = lang == ("fr" if marks[0] == "." else "en") or (lang is None and marks[0] == ",")
    first = 1
    while groups_thousands and first < len(bounds) and bounds[first][1] - bounds[first][0] == 3:
        first += 1
    return [(0, bounds[first - 1][1])] + bounds[first:]


def scan_numbers(text: str, lang: str | None) -> Iterator[Token]:
    """Every number in ``text``, in order, in one linear pass."""
    for match in _TOKEN_RE[lang].finditer(text):
        if match.group("d") is not None:
            for start, end in _digit_groups(match.group("d"), lang):
                value = parse_digits(match.group("d")[start:end], lang)
                if value is not None:
                    yield Token(match.start() + start, match.start() + end, value, False)
            continue
        base = match.start()
        spans = [(m.start() + base, m.end() + base) for m in _WORD_SPLIT_RE.finditer(match.group("w"))]
        words = [text[s:e].lower().replace("’", "'") for s, e in spans]
        for value, first, last in parse_words(words, lang):
            if words[last - 1] in ("a", "an", "et", "and"):
                continue
            yield Token(spans[first][0], spans[last - 1][1], value, True)


def fmt(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros: ``1E+9`` → ``1000000000``."""
    text = format(value.normalize(), "f")
    return text


# -- comparison, shared by the amount and percentage matchers ------------------------------

_PERCENT_TOLERANCE_RE = re.compile(r"\s*(?P<n>[^%\s]+)\s*%\s*")


def tolerance_option(options: Mapping[str, object], *, percent: bool = True) -> Decimal:
    """The ``tolerance`` option: a number >= 0, or with ``percent`` also ``"5 %"`` (0.05).

    :raises ValueError: for anything else, so that a claim file says what is wrong.
    """
    raw = options.get("tolerance", 0) if options else 0
    text = str(raw).strip().replace(",", ".") if not isinstance(raw, bool) else ""
    written = _PERCENT_TOLERANCE_RE.fullmatch(text)
    if written and not percent:
        raise ValueError(f"tolerance is in percentage points: write {written.group('n')}, "
                         f"not {raw!r}")
    try:
        value = Decimal(written.group("n") if written else text)
    except ArithmeticError:
        value = None
    if value is None or not value.is_finite() or value < 0:
        example = "0.05 or 5 % (plus or minus 5 percent)" if percent else "1 (one point)"
        raise ValueError(f"tolerance must be a number >= 0, got {raw!r}: write e.g. {example}")
    return value / 100 if written else value


def compare_bounds(want, got, tolerance: Decimal, approx_floor: Decimal, *, relative: bool) -> Agreement:
    """Compare two values with ``low``/``high``/``qualifier`` (shared with percentage).

    ``tolerance`` is relative (a fraction of the value) when ``relative``, else absolute;
    an approximate value on either side raises it to ``approx_floor``.
    """
    if "approx" in (want.qualifier, got.qualifier):
        tolerance = max(tolerance, approx_floor)

    def widen(value: Decimal | None, direction: int) -> Decimal | None:
        if value is None:
            return None
        slack = abs(value) * tolerance if relative else tolerance
        return value + direction * slack

    w_lo, w_hi = widen(want.low, -1), widen(want.high, +1)
    point = got.qualifier in ("exact", "approx")
    if point and want.qualifier == got.qualifier == "exact" and rounds_to(want.low, got.low):
        return Agreement.MATCH
    if point:
        m = got.low
        inside = (w_lo is None or m >= w_lo) and (w_hi is None or m <= w_hi)
        return Agreement.MATCH if inside else Agreement.MISMATCH
    g_lo, g_hi = got.low, got.high
    if want.qualifier in ("exact", "approx") and got.qualifier == "range":
        return Agreement.MATCH if g_lo <= w_hi and w_lo <= g_hi else Agreement.MISMATCH
    # Mention is an open or closed interval; the claim is a point or a set.
    disjoint = (g_lo is not None and w_hi is not None and w_hi < g_lo) or \
               (g_hi is not None and w_lo is not None and w_lo > g_hi)
    if disjoint:
        return Agreement.MISMATCH
    if want.qualifier in ("exact", "approx"):
        return Agreement.UNDECIDED
    within = (w_lo is None or (g_lo is not None and g_lo >= w_lo)) and \
             (w_hi is None or (g_hi is not None and g_hi <= w_hi))
    return Agreement.MATCH if within else Agreement.UNDECIDED


ROUNDED_DIGITS = 2
"""A value written with at least this many significant digits may be a rounding of a more
precise one: "19,6 milliards" of "19 566 M€", "$23.6 billion" of "$23.62 billion". A
one-digit value ("3 milliards") is taken as written, not as a rounding of 3,4."""


def rounds_to(a: Decimal | None, b: Decimal | None) -> bool:
    """Is one of ``a`` and ``b`` the other rounded to its own last significant digit?"""
    if a is None or b is None or not a or not b or (a < 0) != (b < 0):
        return False
    coarse, fine = sorted((a, b), key=_unit, reverse=True)
    if len(abs(coarse).normalize().as_tuple().digits) < ROUNDED_DIGITS:
        return False
    # Strictly within half a unit: an exact half ("26,5 %" for "27 %") is not taken as a
    # rounding, since either neighbour could be meant.
    return abs(fine - coarse) * 2 < _unit(coarse)


def _unit(value: Decimal) -> Decimal:
    """The place of a value's last significant digit: 23600000000 → 1E+8, 7.9 → 0.1."""
    exponent = value.normalize().as_tuple().exponent
    return Decimal(1).scaleb(exponent)


def signed(value, sign: int):
    """``value`` (an Amount or a Percentage) with its magnitude signed ``sign``.

    Open bounds follow the magnitude: "more than 5" fallen is "less than -5".
    """
    if sign not in (1, -1):
        raise ValueError(f"sign must be +1 or -1, got {sign!r}")
    low = None if value.low is None else abs(value.low) * sign
    high = None if value.high is None else abs(value.high) * sign
    qualifier = value.qualifier
    if sign < 0:
        low, high = high, low
        qualifier = {"min": "max", "max": "min"}.get(qualifier, qualifier)
    if low is not None and high is not None and low > high:
        low, high = high, low
    return replace(value, low=low, high=high, qualifier=qualifier)
