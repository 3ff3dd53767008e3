"""Built-in matcher plugin "amount": sums of money with currency, scale and qualifier."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping

from ..hookspecs import hookimpl
from ..model import Mention
from . import Agreement, Matcher
from ._numbers import SPACE, Token, compare_bounds, fmt, scan_numbers, signed, tolerance_option as _tolerance
from .currency import CODE_OF, ISO, MINOR_UNITS, PREFIX_NAMES, PREFIX_ONLY, WEAK, convert, norm
from .tables import table_sums

if TYPE_CHECKING:
    from ..model import Expected, PartialDate

QUALIFIERS = ("exact", "approx", "min", "max", "range")
APPROX = Decimal("0.1")
"""Relative tolerance an approximate value ("environ", "about") allows at least."""
RATE_BAND = Decimal("0.04")
"""Relative band added to the tolerance when an amount is converted to the claim's currency:
a yearly mean rate is within a few percent of the rate of any day of that year."""
_MARK = {"exact": "", "approx": "~", "min": ">", "max": "<", "range": ""}


@dataclass(frozen=True, slots=True, kw_only=True)
class Amount:
    """A sum of money: ``USD 1000000000``, ``~EUR 500``, ``>USD 1000000000``, ``USD 1..2``."""

    low: Decimal | None
    """Lower bound (the value itself for exact, approx and min), in major units."""
    high: Decimal | None
    """Upper bound (the value itself for exact, approx and max)."""
    currency: str | None = None
    """ISO 4217 code (``BTC`` for bitcoin), or None when unknown ("francs", "cents")."""
    qualifier: str = "exact"
    """One of ``exact``, ``approx``, ``min``, ``max``, ``range``."""
    unit: str | None = field(default=None, compare=False)
    """The minor unit it was written in ("cent", "penny"), already converted; not compared."""
    year: int | None = field(default=None, compare=False)
    """The year whose exchange rate converts it (the publication year); not compared."""

    def __str__(self) -> str:
        cur = f"{self.currency} " if self.currency else ""
        if self.qualifier == "range":
            return f"{cur}{fmt(self.low)}..{fmt(self.high)}"
        value = self.high if self.qualifier == "max" else self.low
        return f"{_MARK[self.qualifier]}{cur}{fmt(value)}"


def _alternation(names: Iterable[str]) -> str:
    parts = []
    for name in sorted(set(names), key=len, reverse=True):
        pattern = SPACE.join(re.escape(word) for word in name.split(" ")).replace(SPACE, SPACE + "+")
        pattern = pattern.replace(r"\-", r"[\-‑]")
        if name[-1].isalnum():
            pattern += r"(?![\w'’])"
        parts.append(pattern)
    return "|".join(parts)


_SUFFIX_NAMES = [n for n in CODE_OF if n not in PREFIX_ONLY]
_SUFFIX_RE = re.compile(
    rf"{SPACE}*(?:-{SPACE}*)?(?:(?i:de|d['’]|of){SPACE}*)?(?P<cur>(?i:{_alternation(_SUFFIX_NAMES)}))(?!\d)")
_SUFFIX_TIGHT_RE = re.compile(rf"{SPACE}*(?P<cur>(?i:{_alternation(_SUFFIX_NAMES)}))(?!\d)")
_PREFIX_RE = re.compile(
    rf"(?:(?<![\w$])M(?P<mcode>{'|'.join(ISO)})|(?<![\w])(?P<cur>(?i:{_alternation(PREFIX_NAMES)})))"
    rf"{SPACE}*$")

_WORD_SCALES = {"mille": 10**3, "thousand": 10**3, "thousands": 10**3, "million": 10**6,
                "millions": 10**6, "milliard": 10**9, "milliards": 10**9, "trillion": 10**12,
                "trillions": 10**12, "lakh": 10**5, "lakhs": 10**5, "crore": 10**7,
                "crores": 10**7}
_ABBR_SCALES = {"k": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6, "mio": 10**6,
                "md": 10**9, "mds": 10**9, "mrd": 10**9, "mrds": 10**9, "bn": 10**9,
                "bln": 10**9, "b": 10**9, "g": 10**9, "tn": 10**12}
_SCALE_RE = re.compile(
    rf"{SPACE}*(?:-{SPACE}*)?(?:(?P<word>(?i:millions?|milliards?|billions?|trillions?|thousands?|"
    rf"mille|lakhs?|crores?))(?![\w'’])|(?P<abbr>(?i:mds|md|mrds|mrd|bn|bln|mn|mln|mio|tn)|M|m|k|K|B|G(?=[$€£]))"
    rf"(?=$|[^\w]|(?:{'|'.join(ISO)})\b))")
_EURO_ABBR_RE = re.compile(rf"{SPACE}*(?P<scale>Mds|Md|MD|Mrds|Mrd|M)E(?![\w'’])")
# "160p", "160.2p": pence glued to the number, as the British press quotes share prices.
_PENCE_RE = re.compile(r"p(?![\w'’]|\.m\b)")  # lower case, and not "10p.m."
_VIDEO_LINES = {240, 360, 480, 720, 1080, 1440, 2160, 4320}  # "1080p" is a screen resolution
_SCALE_WORD_RE = re.compile(r"(?i)\b(?:millions?|milliards?|billions?|trillions?|thousands?|mille|lakhs?|crores?)\b")


def _scale_value(word: str, lang: str | None) -> int:
    word = word.lower()
    if word.startswith("billion"):
        return 10**12 if lang == "fr" else 10**9
    return _WORD_SCALES.get(word) or _WORD_SCALES[word.rstrip("s")]


_QUALIFIER_RE = re.compile(
    r"(?i)(?<![\w])(?:"
    r"(?P<min>pas moins d(?:e|['’])|plus d(?:e|['’])|au moins|au minimum|supérieure? à|au-dessus d(?:e|es|u)|"
    r"more than|at least|in excess of|upwards of|no less than|not less than|over|above|exceeding)|"
    r"(?P<max>pas plus d(?:e|['’])|moins d(?:e|['’])|jusqu['’]à|au plus|au maximum|inférieure? à|"
    r"sous (?:les|la barre des|le seuil des|le cap des)|en dessous d(?:e|es|u)|au-dessous d(?:e|es|u)|"
    r"less than|fewer than|no more than|up to|at most|as much as|under|below)|"
    r"(?P<approx>environ|près d(?:e|['’])|presque|quelque|approximativement|à peu près|"
    r"autour d(?:e|['’])|quasiment|pas loin d(?:e|['’])|de l['’]ordre d(?:e|['’])|"
    r"about|around|roughly|nearly|almost|approximately|an estimated|some|close to|circa|~|≈)"
    rf"){SPACE}*$")
_RANGE_OPEN_RE = re.compile(rf"(?i)(?<![\w])(?P<w>entre|between|de|d['’]|from){SPACE}*$")
_RANGE_JOIN_RE = re.compile(rf"(?i){SPACE}*(?:(?P<w>et|and|à|to)|[-–—]){SPACE}*$")
_SENTENCE_END_RE = re.compile(r"[.!?…](?:[\s\u00a0]|$)|\n")
_CARRY_TAIL_RE = re.compile(
    rf"{SPACE}*(?:[.,;:!?)»\"”]|$)|{SPACE}+(?i:supplémentaires?|additionnels?|de plus|more|"
    r"additional|extra|en|in|au|aux|à|pour|for|par|per|a|an|l['’]an|et|and|ou|or|contre|"
    r"against|this|cette|last|the|sur|on|de plus|chacun|each)(?![\w])")
# "41,3 milliards d'euros de ventes et 7,6 milliards de bénéfice": a number followed by
# "de <noun>" carries the currency only in such a parallel pair, never in "3 milliards
# d'euros pour 2 millions de personnes".
_OF_TAIL_RE = re.compile(rf"{SPACE}+(?:de|d['’]|of)(?![\w])", re.I)
_PARALLEL_RE = re.compile(rf"{SPACE}+(?:de|d['’]|of){SPACE}*[\w'’ -]{{1,40}}?{SPACE}*(?:,|et|and){SPACE}*$", re.I)
_CENTS_GAP_RE = re.compile(rf"{SPACE}*(?:(?P<j>et|and){SPACE}+)?$", re.I)
_CENTS_UNIT_RE = re.compile(rf"{SPACE}*(?i:cents?|centimes?|pence|mao|fen)(?![\w])")
# What may follow the cents of "15 dollars 50": an end, "and", or a comparative ("15 USD 50 more").
_CENTS_END_RE = re.compile(rf"{SPACE}*(?:[.,;:!?)]|$|(?i:and|et|more|less|de plus|de moins)(?![\w]))")
_GLUED_TIME_RE = re.compile(r"[:h]\d")
_WINDOW = 40
_WORDED_RE = re.compile(r"[^\d\s.,]")


@dataclass(slots=True)
class _Reading:
    """One number token read with what surrounds it."""

    start: int
    end: int
    token_start: int
    value: Decimal
    raw: Decimal  # the number as written, before scale
    currency: str | None = None
    prefixed: bool = False  # currency written before the number
    has_currency: bool = False
    scaled: bool = False  # by a scale word or abbreviation
    word_scaled: bool = False
    qualifier: str = "exact"
    unit: str | None = None
    high: Decimal | None = None


class AmountMatcher(Matcher):
    """Sums of money in French and English news: ``expect: {amount: 1 milliard de dollars}``.

    Recognised:

    - digits with every real-world separator: ``1 000 000`` (space, no-break or narrow
      no-break space), ``1.000.000``, ``1,000,000``; decimal comma in French and point in
      English (``12,345 $`` is 12.345 in French, 12345 in English);
    - scale words and abbreviations: mille, million(s), milliard(s), Md, Mds, Mrd, M, k, and G
      glued to a currency sign ("4,4 G$", "2 G€": giga, milliards);
      thousand, million, billion, bn, m, mn, lakh, crore. French "billion" is 10^12, English
      billion is 10^9;
    - a table's bare cells in the unit its header gives ("| En millions d'euros | 2024 |",
      "(£m)", "$ in millions"; :mod:`claimcheck.matchers.tables`);
    - number words: "un milliard", "deux millions", "trois cents", "quatre-vingt-dix-neuf",
      "twenty-five", "a quarter million";
    - currencies by symbol, code or name, before or after the number: ``$``, ``US$``, ``€``,
      ``£``, ``¥``, USD, EUR, dollars, euros, livres sterling, pounds, "dollars américains",
      ``Md$``, ``M€``, ``$10bn``, ``10 Md$``, "1,5 milliard de dollars", "1,2 Mds d'euros",
      ``MUSD``, and the French press's ``412,7 ME`` / ``3,2 MdE`` (millions / milliards
      d'euros; not in English text); minor units (cents, pence, centimes) are converted:
      "50 cents" is 0.50, "160.2p" (pence glued to the number) is ``GBP 1.602``. In English
      text "cents" with no other currency are US cents (``USD 0.50``); French "centimes"
      stay without currency;
    - dollars and cents: "15 dollars et 15 cents", "thirteen dollars forty-five" (13.45);
    - qualifiers, kept in the value: environ / près de / quelque / about / around / roughly /
      nearly (approx, ``~``); plus de / au moins / more than / over / at least (min, ``>``);
      moins de / jusqu'à / less than / under / up to (max, ``<``); entre … et / between … and /
      de X à Y, two full amounts joined by a dash, "£4bn - £4.5bn" (range, ``USD 1..2``);
    - a currency carried over within a sentence: in "1 milliard de dollars en 2019, et
      2 milliards supplémentaires en 2021" the second amount is in dollars too. Only a scaled
      number ("2 milliards") takes the currency of the nearest preceding amount of the same
      sentence, and not when a noun follows ("2 milliards d'utilisateurs").

    Deliberately not recognised: a number without currency ("2 milliards d'utilisateurs"),
    version and product numbers ("GPT-3.5", "DALL-E 2", "Windows 11", "iPhone 14"), phone
    numbers, times ("14h30"), durations ("2 heures"), years ("en 2019"), percentages.
    "3 livres" and "5 pounds" are books and weights: "livres" and "pounds" are money only
    after a scaled number ("361 millions de livres") or as ``£``.

    Examples: "Microsoft a injecté 10 Md$ dans OpenAI" → ``USD 10000000000``;
    "plus d'un milliard de dollars" → ``>USD 1000000000``; "about $30bn" →
    ``~USD 30000000000``; "between €1m and €2m" → ``EUR 1000000..2000000``.

    Comparison: equal values MATCH (option ``tolerance``, relative: ``0.05`` or ``5 %`` is
    ±5 %, default 0; an approximate value on either side widens it to 10 %); a claim without
    currency matches any. "plus d'un milliard" against a claim of 500 millions is a MISMATCH,
    against 5 milliards UNDECIDED. A claim may carry a qualifier itself ("plus de 1 milliard
    de dollars"): a mention MATCHes when its value satisfies it. A claim's value may end
    with "a share" / "per share" / "par action" ("62 cents a share").

    An amount in another currency than the claim's is converted into the claim's currency
    at the yearly mean of the ECB's euro reference rates (``claimcheck/data/rates.csv``,
    1999-2025; fixed rates for the currencies the euro replaced and the CFA franc), for the
    year the article was published (else the latest year), and compared within the
    tolerance plus a band of ±4 % (:data:`RATE_BAND`), as a yearly mean is a few percent
    from any day's rate: inside MATCH, outside MISMATCH. So "385 millions d'euros" MATCHes
    "$415 million" in 2023 and "2 billion euros" is a MISMATCH for "$2 billion". A mention
    of unknown currency ("francs", French "centimes") against a claim with one, or one in a
    currency or year with no rate, is UNDECIDED.
    """

    kind = "amount"
    options = frozenset({"tolerance"})

    # -- parse ---------------------------------------------------------------------------

    def parse(self, text: str, *, lang: str, options: Mapping[str, object]) -> Amount:
        _tolerance(options)
        stripped = str(text).strip()
        shown = _STR_FORM_RE.fullmatch(stripped)
        if shown:
            return _from_str_form(shown)
        # "62 cents a share" states a per-share amount: the claim's sentence says of what.
        stripped = _PER_SHARE_RE.sub("", stripped)
        readings = [r for r in self._read(stripped, lang, bare=True)]
        outside = stripped[:readings[0].start] + stripped[readings[-1].end:] if readings else stripped
        if len(readings) == 1 and not re.search(r"\w", outside):
            return _amount_of(readings[0])
        raise ValueError(
            f"{stripped!r} is not an amount: write a number with a currency, "
            "e.g. '1 milliard de dollars' or '10 Md$'")

    # -- extract -------------------------------------------------------------------------

    def extract(self, text: str, *, lang: str | None = None,
                ref_date: "PartialDate | None" = None) -> Iterator[Mention]:
        year = ref_date.year if ref_date is not None else None
        found = [Mention(kind=self.kind, start=reading.start, end=reading.end,
                         text=text[reading.start:reading.end], value=_amount_of(reading, year))
                 for reading in self._read(text, lang, bare=False)]
        if "|" in text:  # a table's cells in the unit of its header ("En millions d'euros | 2024 |")
            starts, ends = [m.start for m in found], [m.end for m in found]  # sorted, disjoint
            found += [Mention(kind=self.kind, start=a, end=b, text=text[a:b],
                              value=Amount(low=value, high=value, currency=currency, year=year))
                      for a, b, value, currency in table_sums(text, lang)
                      if not _overlaps(starts, ends, a, b)]
            found.sort(key=lambda m: m.start)
        yield from found

    def _read(self, text: str, lang: str | None, *, bare: bool) -> Iterator[_Reading]:
        """Readings of every token, then ranges merged and currencies carried over."""
        readings = list(_read_tokens(text, lang))
        emitted: list[_Reading] = []
        pending: _Reading | None = None  # a number without currency, waiting for its partner
        for reading in readings:
            if reading.has_currency:
                if pending is not None and _joins_range(text, pending, reading, own=False):
                    reading = _merge(pending, reading)
                elif emitted and _joins_range(text, emitted[-1], reading, own=True):
                    reading = _merge(emitted.pop(), reading)
                pending = None
                emitted.append(reading)
                continue
            if pending is not None:
                _settle(text, pending, emitted, bare)
                pending = None
            if emitted and emitted[-1].end <= reading.start and _joins_range(text, emitted[-1], reading, own=False):
                emitted.append(_merge(emitted.pop(), reading))  # "$3-4 billion"
                continue
            pending = reading
        if pending is not None:
            _settle(text, pending, emitted, bare)
        yield from emitted

    # -- compare -------------------------------------------------------------------------

    def compare(self, expected: "Expected", mention: Mention) -> Agreement:
        want, got = expected.value, mention.value
        tolerance = _tolerance(expected.options)
        if not want.currency or want.currency == got.currency:
            return compare_bounds(want, got, tolerance, APPROX, relative=True)
        if got.currency is None:
            return Agreement.UNDECIDED  # "francs", "centimes": whose?
        year = got.year if got.year is not None else want.year
        low, high = (convert(v, got.currency, want.currency, year) for v in (got.low, got.high))
        if (low is None) != (got.low is None) or (high is None) != (got.high is None):
            return Agreement.UNDECIDED  # no rate for that currency or year
        converted = replace(got, low=low, high=high, currency=want.currency)
        return compare_bounds(want, converted, tolerance + RATE_BAND, APPROX + RATE_BAND,
                              relative=True)

    def with_sign(self, value: Amount, sign: int) -> Amount:
        return signed(value, sign)


def _merge(first: _Reading, second: _Reading) -> _Reading:
    """Make ``first`` the range from itself to ``second``; return it."""
    if not first.scaled and second.scaled:
        first.value *= second.value / second.raw  # "entre 1 et 2 milliards": both are milliards
    first.high = second.value
    first.end = second.end
    if second.has_currency:
        first.currency, first.has_currency = second.currency, True
    first.qualifier = "range"
    return first


def _joins_range(text: str, first: _Reading, second: _Reading, *, own: bool) -> bool:
    """Is ``first … second`` one range ("entre 1 et 2 milliards de dollars")?"""
    if first.qualifier != "exact" or second.qualifier != "exact" or first.high is not None:
        return False
    gap = text[first.end:second.start]
    join = _RANGE_JOIN_RE.match(gap)
    if not join or len(gap) > 12:
        return False
    opener = _RANGE_OPEN_RE.search(text, max(0, first.start - 12), first.start)
    word = opener.group("w").lower() if opener else None
    if own:
        # Two full amounts form a range after "entre"/"between", or joined by a dash ("£13bn -
        # £4.5bn"): "passé de 1 M$ à 2 M$" is a change, not a range.
        ok = join.group("w") is None or (
            word in ("entre", "between") and join.group("w").lower() in ("et", "and"))
    elif join.group("w") is None:
        ok = True  # "1-2 milliards de dollars", "de 3-4 milliards"
    elif word in ("entre", "between"):
        ok = bool(join.group("w")) and join.group("w").lower() in ("et", "and")
    elif word in ("de", "d'", "d’", "from"):
        ok = bool(join.group("w")) and join.group("w").lower() in ("à", "to")
    else:
        ok = False
    if not ok:
        return False
    low = first.value if first.scaled or not second.scaled else first.value * second.value / second.raw
    if low > second.value:
        return False
    if opener and join.group("w"):
        first.start = opener.start()
    return True


def _settle(text: str, reading: _Reading, emitted: list[_Reading], bare: bool) -> None:
    """A number without currency: emit it with a carried currency, as a bare claim, or drop it."""
    if bare:
        emitted.append(reading)
        return
    if not reading.word_scaled or not emitted:
        return
    previous = emitted[-1]
    if previous.currency is None or _SENTENCE_END_RE.search(text, previous.end, reading.start):
        return
    if not _CARRY_TAIL_RE.match(text, reading.end) and not (
            _OF_TAIL_RE.match(text, reading.end) and _PARALLEL_RE.match(text[previous.end:reading.start])):
        return
    reading.currency, reading.has_currency = previous.currency, True
    emitted.append(reading)


def _read_tokens(text: str, lang: str | None) -> Iterator[_Reading]:
    """Pass 1: each number token with its scale, currency and qualifier."""
    tokens = list(scan_numbers(text, lang))
    consumed = 0
    i = 0
    while i < len(tokens):
        token = tokens[i]
        i += 1
        if token.start < consumed:
            continue
        reading = _read_one(text, token, lang, consumed)
        if reading is None:
            continue
        # Dollars and cents: "15 dollars 50", "thirteen dollars and forty-five cents".
        if (reading.has_currency and not reading.scaled and reading.unit is None
                and reading.currency is not None and i < len(tokens)):
            nxt = tokens[i]
            gap = _CENTS_GAP_RE.match(text, reading.end, nxt.start)
            # After "c $ 100" only a joined "and fifty" is cents: "$ 20 $ 37" are two amounts.
            if gap and _is_cents(nxt) and (gap.group("j") or not reading.prefixed):
                unit = _CENTS_UNIT_RE.match(text, nxt.end)
                if unit or _CENTS_END_RE.match(text, nxt.end):
                    # A mao is a tenth of a yuan, and "five mao five" adds five fen (hundredths).
                    mao = unit is not None and unit.group().strip().lower() == "mao"
                    reading.value += nxt.value / (10 if mao else 100)
                    reading.end = unit.end() if unit else nxt.end
                    i += 1
                    if mao and i < len(tokens) and _is_cents(tokens[i]) and tokens[i].value < 10:
                        fen = tokens[i]
                        if (_CENTS_GAP_RE.match(text, reading.end, fen.start)
                                and _CENTS_END_RE.match(text, fen.end)):
                            reading.value += fen.value / 100
                            reading.end = fen.end
                            i += 1
        consumed = reading.end
        yield reading


def _is_cents(token: Token) -> bool:
    if token.value != int(token.value) or not 0 < token.value < 100:
        return False
    return token.words or token.end - token.start <= 2


def _read_one(text: str, token: Token, lang: str | None, consumed: int) -> _Reading | None:
    start, end = token.start, token.end
    value = token.value
    reading = _Reading(start=start, end=end, token_start=start, value=value, raw=value)
    # Currency or qualifier before the number.
    window_start = max(consumed, start - _WINDOW)
    # Cheap test first: a window of digits and spaces holds no currency or qualifier.
    worded = _WORDED_RE.search(text, window_start, start) is not None
    prefix = _PREFIX_RE.search(text, window_start, start) if worded else None
    glued_left = start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-‑." and start > 1 and text[start - 2].isalpha())
    if prefix and prefix.end() == start or prefix and not glued_left:
        if prefix.group("mcode"):
            reading.currency, value = prefix.group("mcode"), value * 10**6
            reading.scaled = True
        else:
            name = norm(prefix.group("cur"))
            reading.currency = CODE_OF.get(name) or CODE_OF.get(name.replace(" ", ""))
            if name in MINOR_UNITS:
                reading.unit = name
                value *= MINOR_UNITS[name][1]
        reading.has_currency = reading.prefixed = True
        reading.start = prefix.start()
    elif glued_left:
        return None  # "GPT-3.5", "A380", "COVID-19"
    # Scale after the number.
    pos = end
    euro = None if reading.has_currency or lang == "en" else _EURO_ABBR_RE.match(text, pos)
    if euro:
        # "412,7 ME", "3,2 MdE": the French press's shorthand for millions / milliards d'euros.
        reading.value = value * _ABBR_SCALES[euro.group("scale").lower()]
        reading.currency, reading.has_currency, reading.scaled = "EUR", True, True
        reading.end = euro.end()
        return _qualified(text, reading)
    pence = None if reading.has_currency else _PENCE_RE.match(text, pos)
    if pence and not (token.value in _VIDEO_LINES and not token.words):
        reading.value, reading.unit = value * MINOR_UNITS["pence"][1], "pence"
        reading.currency, reading.has_currency = "GBP", True
        reading.end = pence.end()
        return _qualified(text, reading)
    scale = _SCALE_RE.match(text, pos)
    if scale and token.words and scale.group("word"):
        scale = None  # "deux millions" already counted its scale word
    abbreviated = False
    if scale:
        if scale.group("word"):
            value *= _scale_value(scale.group("word"), lang)
            reading.word_scaled = True
        else:
            value *= _ABBR_SCALES[scale.group("abbr").lower()]
            abbreviated = True
        reading.scaled = True
        pos = scale.end()
    elif token.words and _SCALE_WORD_RE.search(text, token.start, token.end):
        reading.scaled = reading.word_scaled = True
    # Currency after the number (unless it had one before: "$ 20,000.00 $ 37,305.97").
    if not reading.has_currency:
        # A one-letter abbreviation takes no "de" ("10 m de haut"); "1,2 Mds d'euros" does.
        tight = abbreviated and len(scale.group("abbr")) == 1
        suffix = (_SUFFIX_TIGHT_RE if tight else _SUFFIX_RE).match(text, pos)
        if suffix:
            name = norm(suffix.group("cur"))
            if name in WEAK and not reading.word_scaled:
                suffix = None
        if suffix:
            if name in MINOR_UNITS:
                code, factor = MINOR_UNITS[name]
                if lang == "fr" and name in ("cent",):
                    return None
                if code is None and lang == "en" and name in ("cent", "cents"):
                    code = "USD"  # English news write "cents" of a dollar, unless they say otherwise
                reading.unit = name
                value *= factor
            else:
                code = CODE_OF.get(name)
                if code is None and name not in CODE_OF:
                    code = CODE_OF.get(name.replace(" ", ""))
            reading.currency, reading.has_currency = code, True
            pos = suffix.end()
            if not reading.scaled:  # "75 USD million"
                late = _SCALE_RE.match(text, pos)
                if late and late.group("word"):
                    value *= _scale_value(late.group("word"), lang)
                    reading.scaled = reading.word_scaled = True
                    pos = late.end()
    if abbreviated and not reading.has_currency:
        return None  # "10 m de haut", "5 k"
    reading.end = pos
    # False friends: "3D", "5G", "14h30", "11a".
    if not reading.has_currency or pos == end:
        if end < len(text) and (text[end].isalpha() or _GLUED_TIME_RE.match(text, end)):
            return None
    reading.value = value
    return _qualified(text, reading)


def _qualified(text: str, reading: _Reading) -> _Reading:
    """``reading`` with the qualifier written before it, if any ("plus de", "about")."""
    qualifier = _QUALIFIER_RE.search(text, max(0, reading.start - _WINDOW), reading.start) \
        if _WORDED_RE.search(text, max(0, reading.start - _WINDOW), reading.start) else None
    if qualifier:
        reading.qualifier = qualifier.lastgroup
        reading.start = qualifier.start()
    return reading


def _overlaps(starts: list[int], ends: list[int], a: int, b: int) -> bool:
    """Does ``[a, b)`` overlap one of the sorted, disjoint spans ``starts[i], ends[i]``?"""
    i = bisect.bisect_right(starts, a) - 1
    return (i >= 0 and ends[i] > a) or (i + 1 < len(starts) and starts[i + 1] < b)


def _amount_of(reading: _Reading, year: int | None = None) -> Amount:
    if reading.qualifier == "range":
        return Amount(low=reading.value, high=reading.high, currency=reading.currency,
                      qualifier="range", unit=reading.unit, year=year)
    low = None if reading.qualifier == "max" else reading.value
    high = None if reading.qualifier == "min" else reading.value
    return Amount(low=low, high=high, currency=reading.currency, qualifier=reading.qualifier,
                  unit=reading.unit, year=year)


_PER_SHARE_RE = re.compile(rf"(?i){SPACE}+(?:(?:a|per){SPACE}+share|par{SPACE}+action)$")
_STR_FORM_RE = re.compile(
    r"(?P<q>[~<>])?(?:(?P<cur>[A-Z]{3}) )?(?P<low>-?\d+(?:\.\d+)?)(?:\.\.(?P<high>-?\d+(?:\.\d+)?))?")


def _from_str_form(match: re.Match) -> Amount:
    """Read the ``str()`` form back: ``USD 1000000000``, ``~USD 3e10``, ``USD 1..2``."""
    low = Decimal(match.group("low"))
    if match.group("high"):
        return Amount(low=low, high=Decimal(match.group("high")), currency=match.group("cur"),
                      qualifier="range")
    qualifier = {"~": "approx", ">": "min", "<": "max", None: "exact"}[match.group("q")]
    return Amount(low=None if qualifier == "max" else low, high=None if qualifier == "min" else low,
                  currency=match.group("cur"), qualifier=qualifier)


@hookimpl
def claimcheck_register_matchers():
    return [AmountMatcher()]
