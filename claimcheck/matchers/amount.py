"""Built-in matcher plugin "amount": sums of money with currency, scale and qualifier."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping

from ..hookspecs import hookimpl
from ..model import Mention
from . import Agreement, Matcher
from ._numbers import SPACE, Token, fmt, scan_numbers

if TYPE_CHECKING:
    from ..model import Expected, PartialDate

QUALIFIERS = ("exact", "approx", "min", "max", "range")
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

    def __str__(self) -> str:
        cur = f"{self.currency} " if self.currency else ""
        if self.qualifier == "range":
            return f"{cur}{fmt(self.low)}..{fmt(self.high)}"
        value = self.high if self.qualifier == "max" else self.low
        return f"{_MARK[self.qualifier]}{cur}{fmt(value)}"


# -- currencies ----------------------------------------------------------------------------
# Names as written after a number (lower case, one space between words). A code of None means
# a currency whose country the word does not say ("francs").

_NAMES: dict[str | None, tuple[str, ...]] = {
    "USD": ("$", "$us", "$ us", "$usd", "$ usd", "us$", "us $", "usd", "dollar", "dollars",
            "dollar us", "dollars us", "dollar américain", "dollars américains",
            "dollar des états-unis", "dollars des états-unis", "us dollar", "us dollars",
            "u.s. dollar", "u.s. dollars", "american dollars", "united states dollar",
            "united states dollars", "usd$", "u.s $", "u.s. $", "u.s.$"),
    "CAD": ("can$", "c $", "$ c", "$c", "$ can", "$can", "$ cad", "$cad", "c$", "ca$", "cad", "cad$",
            "dollar canadien", "dollars canadiens", "canadian dollar", "canadian dollars"),
    "AUD": ("a$", "au$", "aud", "aud$", "dollar australien", "dollars australiens",
            "australian dollar", "australian dollars"),
    "NZD": ("nz$", "nzd", "nzd$", "dollar néo-zélandais", "dollars néo-zélandais",
            "new zealand dollar", "new zealand dollars"),
    "HKD": ("$ hk", "$hk", "hk$", "hk $", "hkd", "dollar de hong kong", "dollars de hong kong",
            "hong kong dollar", "hong kong dollars"),
    "SGD": ("s$", "sgd", "dollars de singapour", "singapore dollars"),
    "MXN": ("mxn", "mxn$", "mex$", "peso mexicain", "pesos mexicains", "mexican peso",
            "mexican pesos"),
    "EUR": ("€", "eur", "euro", "euros"),
    "GBP": ("£", "gbp", "livre sterling", "livres sterling", "pound sterling",
            "pounds sterling", "british pound", "british pounds", "livre", "livres", "pound",
            "pounds"),
    "JPY": ("¥", "jpy", "yen", "yens", "yen japonais", "yens japonais", "japanese yen", "円"),
    "CNY": ("cny", "rmb", "yuan", "yuans", "yuan chinois", "yuans chinois", "chinese yuan",
            "renminbi", "元", "kuai"),
    "CHF": ("chf", "franc suisse", "francs suisses", "swiss franc", "swiss francs"),
    "XOF": ("franc cfa", "francs cfa", "fcfa"),
    "INR": ("₹", "inr", "roupie", "roupies", "rupee", "rupees", "roupie indienne",
            "roupies indiennes", "indian rupee", "indian rupees"),
    "LKR": ("ரூ", "lkr", "sri lankan rupee", "sri lankan rupees"),
    "RUB": ("₽", "rub", "rouble", "roubles", "ruble", "rubles"),
    "KRW": ("₩", "krw", "won", "wons"),
    "BRL": ("r$", "brl", "réal brésilien", "réais", "reais", "brazilian real",
            "brazilian reais"),
    "TRY": ("₺", "livre turque", "livres turques", "turkish lira", "turkish liras"),
    "SEK": ("sek", "couronne suédoise", "couronnes suédoises", "swedish krona",
            "swedish kronor"),
    "NOK": ("nok", "couronnes norvégiennes", "norwegian kroner"),
    "DKK": ("dkk", "couronnes danoises", "danish kroner"),
    "PLN": ("pln", "zł", "zloty", "zlotys", "zlotys"),
    "ZAR": ("zar", "rand", "rands"),
    "ILS": ("₪", "ils", "shekel", "shekels"),
    "NGN": ("₦", "ngn", "naira", "nairas"),
    "CRC": ("₡", "crc", "colón", "colones"),
    "GEL": ("₾", "gel", "lari"),
    "LAK": ("₭", "lak", "kip"),
    "FIM": ("mark finlandais", "marks finlandais", "finnish markka", "finnish markkas"),
    "DEM": ("deutsche mark", "deutsche marks", "deutschemark", "deutschemarks"),
    "NLG": ("florin hollandais", "florins hollandais", "florins néerlandais", "dutch guilder",
            "dutch guilders", "guilders"),
    "ESP": ("peseta", "pesetas"),
    "BTC": ("₿", "btc", "bitcoin", "bitcoins"),
    None: ("franc", "francs"),
}
# Minor units: name → (currency code, factor to the major unit).
MINOR_UNITS: dict[str, tuple[str | None, Decimal]] = {
    "cent": (None, Decimal("0.01")), "cents": (None, Decimal("0.01")),
    "centime": (None, Decimal("0.01")), "centimes": (None, Decimal("0.01")),
    "penny": ("GBP", Decimal("0.01")), "pennies": ("GBP", Decimal("0.01")),
    "pence": ("GBP", Decimal("0.01")), "pesewa": ("GHS", Decimal("0.01")),
    "pesewas": ("GHS", Decimal("0.01")), "sen": (None, Decimal("0.01")),
    "satoshi": ("BTC", Decimal("0.00000001")), "satoshis": ("BTC", Decimal("0.00000001")),
    "mao": ("CNY", Decimal("0.1")), "fen": ("CNY", Decimal("0.01")),
    "kopeck": ("RUB", Decimal("0.01")), "kopecks": ("RUB", Decimal("0.01")),
}
# Words that are also ordinary nouns ("3 livres", "5 pounds of sugar"): money only when scaled.
_WEAK = {"livre", "livres", "pound", "pounds", "won", "wons", "rand", "rands", "kip", "lari",
         "gel", "ils"}
_PREFIX_ONLY = {"sen"}  # "sen 100,000"; after a number "sen" is read as a minor unit anyway
_PREFIX_NAMES = (
    "$", "us$", "us $", "u.s. $", "u.s $", "u.s.$", "c $", "c$", "ca$", "can$", "cad$", "hk $",
    "hk$", "a$", "au$", "aud$", "nz$", "nzd$", "mex$", "mxn$", "usd$", "s$", "r$", "€", "£",
    "¥", "₹", "₽", "₩", "₺", "₡", "₾", "₭", "₿", "₪", "₦", "ரூ", "usd", "eur", "gbp", "jpy",
    "chf", "cad", "cny", "aud", "nzd", "hkd", "inr", "rub", "brl", "mxn", "sek", "nok", "dkk",
    "krw", "sgd", "zar", "pln", "rmb", "btc", "sen",
)
_ISO = ("USD", "EUR", "GBP", "JPY", "CHF", "CAD", "CNY", "AUD", "NZD", "HKD", "INR", "RUB",
        "BRL", "MXN", "SEK", "NOK", "DKK", "KRW", "SGD", "ZAR", "PLN")


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


_CODE_OF: dict[str, str | None] = {}
for _code, _names in _NAMES.items():
    for _name in _names:
        _CODE_OF[_name] = _code
for _name, (_code, _) in MINOR_UNITS.items():
    _CODE_OF.setdefault(_name, _code)


def _alternation(names: Iterable[str]) -> str:
    parts = []
    for name in sorted(set(names), key=len, reverse=True):
        pattern = SPACE.join(re.escape(word) for word in name.split(" ")).replace(SPACE, SPACE + "+")
        pattern = pattern.replace(r"\-", r"[\-‑]")
        if name[-1].isalnum():
            pattern += r"(?![\w'’])"
        parts.append(pattern)
    return "|".join(parts)


_SUFFIX_NAMES = [n for n in _CODE_OF if n not in _PREFIX_ONLY]
_SUFFIX_RE = re.compile(
    rf"{SPACE}*(?:-{SPACE}*)?(?:(?i:de|d['’]|of){SPACE}*)?(?P<cur>(?i:{_alternation(_SUFFIX_NAMES)}))(?!\d)")
_SUFFIX_TIGHT_RE = re.compile(rf"{SPACE}*(?P<cur>(?i:{_alternation(_SUFFIX_NAMES)}))(?!\d)")
_PREFIX_RE = re.compile(
    rf"(?:(?<![\w$])M(?P<mcode>{'|'.join(_ISO)})|(?<![\w])(?P<cur>(?i:{_alternation(_PREFIX_NAMES)})))"
    rf"{SPACE}*$")

_WORD_SCALES = {"mille": 10**3, "thousand": 10**3, "thousands": 10**3, "million": 10**6,
                "millions": 10**6, "milliard": 10**9, "milliards": 10**9, "trillion": 10**12,
                "trillions": 10**12, "lakh": 10**5, "lakhs": 10**5, "crore": 10**7,
                "crores": 10**7}
_ABBR_SCALES = {"k": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6, "mio": 10**6,
                "md": 10**9, "mds": 10**9, "mrd": 10**9, "mrds": 10**9, "bn": 10**9,
                "bln": 10**9, "b": 10**9, "tn": 10**12}
_SCALE_RE = re.compile(
    rf"{SPACE}*(?:-{SPACE}*)?(?:(?P<word>(?i:millions?|milliards?|billions?|trillions?|thousands?|"
    rf"mille|lakhs?|crores?))(?![\w'’])|(?P<abbr>(?i:mds|md|mrds|mrd|bn|bln|mn|mln|mio|tn)|M|m|k|K|B)"
    rf"(?=$|[^\w]|(?:{'|'.join(_ISO)})\b))")
_SCALE_WORD_RE = re.compile(r"(?i)\b(?:millions?|milliards?|billions?|trillions?|thousands?|mille|lakhs?|crores?)\b")


def _scale_value(word: str, lang: str | None) -> int:
    word = word.lower()
    if word.startswith("billion"):
        return 10**12 if lang == "fr" else 10**9
    return _WORD_SCALES.get(word) or _WORD_SCALES[word.rstrip("s")]


_QUALIFIER_RE = re.compile(
    r"(?i)(?<![\w])(?:"
    r"(?P<min>pas moins d(?:e|['’])|plus d(?:e|['’])|au moins|au minimum|supérieure? à|"
    r"more than|at least|in excess of|upwards of|no less than|not less than|over|above|exceeding)|"
    r"(?P<max>pas plus d(?:e|['’])|moins d(?:e|['’])|jusqu['’]à|au plus|au maximum|inférieure? à|"
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
_CENTS_GAP_RE = re.compile(rf"{SPACE}*(?:(?P<j>et|and){SPACE}+)?$", re.I)
_CENTS_UNIT_RE = re.compile(rf"{SPACE}*(?i:cents?|centimes?|pence|mao|fen)(?![\w])")
_CENTS_END_RE = re.compile(rf"{SPACE}*(?:[.,;:!?)]|$|(?i:and|et)(?![\w]))")
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
    - scale words and abbreviations: mille, million(s), milliard(s), Md, Mds, Mrd, M, k;
      thousand, million, billion, bn, m, mn, lakh, crore. French "billion" is 10^12, English
      billion is 10^9;
    - number words: "un milliard", "deux millions", "trois cents", "quatre-vingt-dix-neuf",
      "twenty-five", "a quarter million";
    - currencies by symbol, code or name, before or after the number: ``$``, ``US$``, ``€``,
      ``£``, ``¥``, USD, EUR, dollars, euros, livres sterling, pounds, "dollars américains",
      ``Md$``, ``M€``, ``$10bn``, ``10 Md$``, "1,5 milliard de dollars", ``MUSD``; minor
      units (cents, pence, centimes) are converted: "50 cents" is 0.50;
    - dollars and cents: "15 dollars et 15 cents", "thirteen dollars forty-five" (13.45);
    - qualifiers, kept in the value: environ / près de / quelque / about / around / roughly /
      nearly (approx, ``~``); plus de / au moins / more than / over / at least (min, ``>``);
      moins de / jusqu'à / less than / under / up to (max, ``<``); entre … et / between … and /
      de X à Y (range, ``USD 1..2``);
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

    Comparison: equal values MATCH (option ``tolerance``, a relative fraction, default 0; an
    approximate value on either side widens it to 10 %); different currencies are UNDECIDED
    (no exchange rate is assumed);
    a claim without currency matches any. "plus d'un milliard" against a claim of 500 millions
    is a MISMATCH, against 5 milliards UNDECIDED. A claim may carry a qualifier itself
    ("plus de 1 milliard de dollars"): a mention MATCHes when its value satisfies it.
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
        for reading in self._read(text, lang, bare=False):
            yield Mention(kind=self.kind, start=reading.start, end=reading.end,
                          text=text[reading.start:reading.end], value=_amount_of(reading))

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
        if want.currency and got.currency and want.currency != got.currency:
            # No exchange rate is assumed: "385 millions d'euros" neither confirms nor
            # refutes "$415 million".
            return Agreement.UNDECIDED
        tolerance = _tolerance(expected.options)
        return compare_bounds(want, got, tolerance, Decimal("0.1"), relative=True)


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
        # Two full amounts form a range only after "entre"/"between": "passé de 1 M$ à 2 M$"
        # is a change, not a range.
        ok = word in ("entre", "between") and join.group("w") and join.group("w").lower() in ("et", "and")
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
    if not _CARRY_TAIL_RE.match(text, reading.end):
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
                    reading.value += nxt.value / 100
                    reading.end = unit.end() if unit else nxt.end
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
            name = _norm(prefix.group("cur"))
            reading.currency = _CODE_OF.get(name) or _CODE_OF.get(name.replace(" ", ""))
            if name in MINOR_UNITS:
                reading.unit = name
                value *= MINOR_UNITS[name][1]
        reading.has_currency = reading.prefixed = True
        reading.start = prefix.start()
    elif glued_left:
        return None  # "GPT-3.5", "A380", "COVID-19"
    # Scale after the number.
    pos = end
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
        suffix = (_SUFFIX_TIGHT_RE if abbreviated else _SUFFIX_RE).match(text, pos)
        if suffix:
            name = _norm(suffix.group("cur"))
            if name in _WEAK and not reading.word_scaled:
                suffix = None
        if suffix:
            if name in MINOR_UNITS:
                code, factor = MINOR_UNITS[name]
                if lang == "fr" and name in ("cent",):
                    return None
                reading.unit = name
                value *= factor
            else:
                code = _CODE_OF.get(name)
                if code is None and name not in _CODE_OF:
                    code = _CODE_OF.get(name.replace(" ", ""))
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
    qualifier = _QUALIFIER_RE.search(text, max(0, reading.start - _WINDOW), reading.start) \
        if _WORDED_RE.search(text, max(0, reading.start - _WINDOW), reading.start) else None
    if qualifier:
        reading.qualifier = qualifier.lastgroup
        reading.start = qualifier.start()
    return reading


def _amount_of(reading: _Reading) -> Amount:
    if reading.qualifier == "range":
        return Amount(low=reading.value, high=reading.high, currency=reading.currency,
                      qualifier="range", unit=reading.unit)
    low = None if reading.qualifier == "max" else reading.value
    high = None if reading.qualifier == "min" else reading.value
    return Amount(low=low, high=high, currency=reading.currency, qualifier=reading.qualifier,
                  unit=reading.unit)


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


def _tolerance(options: Mapping[str, object]) -> Decimal:
    raw = options.get("tolerance", 0) if options else 0
    try:
        value = Decimal(str(raw))
    except Exception:
        value = Decimal(-1)
    if not value >= 0:
        raise ValueError(f"tolerance must be a number >= 0, got {raw!r}")
    return value


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


@hookimpl
def claimcheck_register_matchers():
    return [AmountMatcher()]
