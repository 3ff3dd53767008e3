"""Currencies for the amount matcher: their names, minor units and yearly exchange rates.

Names are looked up by :mod:`claimcheck.matchers.amount` when it reads an amount; rates serve
its comparison of an amount in one currency with a claim in another (:func:`convert`).
"""
from __future__ import annotations

import csv
import functools
from decimal import Decimal
from pathlib import Path

# Names as written after a number (lower case, one space between words). A code of None means
# a currency whose country the word does not say ("francs").

NAMES: dict[str | None, tuple[str, ...]] = {
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
    "us cent": ("USD", Decimal("0.01")), "us cents": ("USD", Decimal("0.01")),
    "u.s. cents": ("USD", Decimal("0.01")), "euro cents": ("EUR", Decimal("0.01")),
    "centime": (None, Decimal("0.01")), "centimes": (None, Decimal("0.01")),
    "penny": ("GBP", Decimal("0.01")), "pennies": ("GBP", Decimal("0.01")),
    "pence": ("GBP", Decimal("0.01")), "pesewa": ("GHS", Decimal("0.01")),
    "pesewas": ("GHS", Decimal("0.01")), "sen": (None, Decimal("0.01")),
    "satoshi": ("BTC", Decimal("0.00000001")), "satoshis": ("BTC", Decimal("0.00000001")),
    "mao": ("CNY", Decimal("0.1")), "fen": ("CNY", Decimal("0.01")),
    "kopeck": ("RUB", Decimal("0.01")), "kopecks": ("RUB", Decimal("0.01")),
}
# Words that are also ordinary nouns ("3 livres", "5 pounds of sugar"): money only when scaled.
WEAK = {"livre", "livres", "pound", "pounds", "won", "wons", "rand", "rands", "kip", "lari",
         "gel", "ils"}
PREFIX_ONLY = {"sen"}  # "sen 100,000"; after a number "sen" is read as a minor unit anyway
PREFIX_NAMES = (
    "$", "us$", "us $", "u.s. $", "u.s $", "u.s.$", "c $", "c$", "ca$", "can$", "cad$", "hk $",
    "hk$", "a$", "au$", "aud$", "nz$", "nzd$", "mex$", "mxn$", "usd$", "s$", "r$", "€", "£",
    "¥", "₹", "₽", "₩", "₺", "₡", "₾", "₭", "₿", "₪", "₦", "ரூ", "usd", "eur", "gbp", "jpy",
    "chf", "cad", "cny", "aud", "nzd", "hkd", "inr", "rub", "brl", "mxn", "sek", "nok", "dkk",
    "krw", "sgd", "zar", "pln", "rmb", "btc", "sen",
)
ISO = ("USD", "EUR", "GBP", "JPY", "CHF", "CAD", "CNY", "AUD", "NZD", "HKD", "INR", "RUB",
        "BRL", "MXN", "SEK", "NOK", "DKK", "KRW", "SGD", "ZAR", "PLN")


def norm(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


CODE_OF: dict[str, str | None] = {}
for _code, _names in NAMES.items():
    for _name in _names:
        CODE_OF[_name] = _code
for _name, (_code, _) in MINOR_UNITS.items():
    CODE_OF.setdefault(_name, _code)


# -- exchange rates ------------------------------------------------------------------------

RATES_FILE = Path(__file__).resolve().parent.parent / "data" / "rates.csv"
# Currencies replaced by the euro, at their irrevocable conversion rates (Council Regulation
# (EC) No 2866/98), and the CFA franc, pegged to the euro at the franc's rate: exact, any year.
FIXED_PER_EUR = {"DEM": Decimal("1.95583"), "FIM": Decimal("5.94573"),
                 "NLG": Decimal("2.20371"), "ESP": Decimal("166.386"), "XOF": Decimal("655.957")}


@functools.lru_cache(maxsize=1)
def rates() -> dict[int, dict[str, Decimal]]:
    """Units of each currency for one euro, by year (``rates()[2023]["USD"]``), from
    :data:`RATES_FILE`; a currency the ECB did not quote all year is absent from that year."""
    table: dict[int, dict[str, Decimal]] = {}
    with RATES_FILE.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        for row in rows:
            year = int(row.pop("year"))
            table[year] = {code: Decimal(value) for code, value in row.items() if value}
    return table


def per_euro(code: str, year: int | None) -> Decimal | None:
    """Units of ``code`` for one euro in ``year`` (None: the latest year), or None if unknown.

    A year after the table's last uses the last (an article published after the data
    was compiled); a year before a currency's first quote has no rate.
    """
    if code == "EUR":
        return Decimal(1)
    if code in FIXED_PER_EUR:
        return FIXED_PER_EUR[code]
    table = rates()
    last = max(table)
    if year is None or year > last:
        year = last
    return table.get(year, {}).get(code)


def convert(value: Decimal | None, source: str, target: str, year: int | None) -> Decimal | None:
    """``value`` in ``source`` expressed in ``target`` at ``year``'s rate; None if no rate.

    >>> convert(Decimal(100), "EUR", "USD", 2023)
    Decimal('108.127')
    """
    if value is None:
        return None
    have, want = per_euro(source, year), per_euro(target, year)
    if have is None or want is None:
        return None
    return value * want / have
