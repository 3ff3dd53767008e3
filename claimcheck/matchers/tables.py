"""Sums in a table whose header gives the unit: "| En millions d'euros | 2024 | 2023 |", "($ in
millions)", "£m". A results release writes its cells as bare numbers ("| Chiffre d'affaires | 10 426
| 9 875 |"); the header's unit makes each of them an amount.

A table is a run of lines holding "|" cells; its unit is the first one a line of the run states
before the cells that use it. Only a cell that is a number and nothing else is read (not "+ 5,2 %",
not a year such as "2023", not a ratio "2,7x"), so the header's dates and the change columns stay
what the other matchers read in them. A header that mixes a quarter's columns with the year's
is left unread: a cell's period is its column's, which no value carries yet.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator

import regex

from ._numbers import parse_digits

_SCALES = {"milliers": Decimal(10) ** 3, "thousand": Decimal(10) ** 3, "thousands": Decimal(10) ** 3,
           "k": Decimal(10) ** 3, "million": Decimal(10) ** 6, "millions": Decimal(10) ** 6, "m": Decimal(10) ** 6,
           "milliard": Decimal(10) ** 9, "milliards": Decimal(10) ** 9, "md": Decimal(10) ** 9,
           "mds": Decimal(10) ** 9, "billion": Decimal(10) ** 9, "billions": Decimal(10) ** 9,
           "bn": Decimal(10) ** 9}
_CURRENCIES = {"euro": "EUR", "euros": "EUR", "€": "EUR", "eur": "EUR", "dollar": "USD", "dollars": "USD",
               "$": "USD", "usd": "USD", "us dollars": "USD", "u.s. dollars": "USD", "livre": "GBP",
               "livres": "GBP", "livres sterling": "GBP", "pound": "GBP", "pounds": "GBP", "£": "GBP",
               "gbp": "GBP", "francs suisses": "CHF", "swiss francs": "CHF", "chf": "CHF"}
_CUR = r"(?P<cur>euros?|dollars?|us\s+dollars|u\.s\.\s+dollars|livres(?:\s+sterling)?|pounds?|francs\s+suisses" \
       r"|swiss\s+francs|€|\$|£|eur|usd|gbp|chf)"
_SCALE = r"(?P<scale>milliers|thousands?|millions?|milliards?|billions?|md|mds|bn|m|k)"
_UNIT_RE = regex.compile(
    rf"""(?ix)(?<![\w$€£])(?<!\d\s)(?:
        (?:en|in)\s+{_SCALE}\s+(?:d['’]\s*|de\s+|of\s+)?{_CUR}(?![\w])          # en millions d'euros, in millions of dollars
      | \(?{_CUR}\s*(?:in\s+)?{_SCALE}\)?(?![\w])                                 # £m, $ in millions, (€ million)
      | (?:in|en)\s+{_CUR}\s*{_SCALE}(?![\w])                                     # in $ millions
      | (?:en\s+)?{_SCALE}\s*{_CUR}(?![\w])                                        # en M€, Md€
      | (?:en\s+)?{_SCALE}\s*(?:eur|usd|gbp)(?![\w])                              # MEUR
    )""")
_CELL_NUMBER = regex.compile(r"\s*(?P<num>\(?[-−]?\d{1,3}(?:[ \u00a0\u202f.,]\d{3})*(?:[.,]\d+)?\)?)\s*")
_YEAR = regex.compile(r"\(?(?:19|20)\d\d\)?")


def table_sums(text: str, lang: str | None) -> Iterator[tuple[int, int, Decimal, str]]:
    """``(start, end, value, currency)`` of each bare number in a table cell whose header gives
    the unit, in text order."""
    unit: tuple[Decimal, str] | None = None
    offset = 0
    for line in text.splitlines(keepends=True):
        if "|" not in line:
            unit = None  # the table ends
        else:
            found = _unit_of(line)
            if found is not None:
                unit = None if _mixed_periods(line) else found
            elif unit is not None:
                yield from _cells(line, offset, unit, lang)
        offset += len(line)


# A header with a quarter's column and the year's ("T4 2024 | … | 12M 2024"): each cell is its
# column's period, which no value carries, so its cells are left unread rather than misread.
_PART = regex.compile(r"(?<![\p{L}\d])(?:[QTHS][1-4]|[1-4][QTHS]|[369]M)(?![\p{L}\d])", regex.IGNORECASE)
_WHOLE = regex.compile(r"(?<![\p{L}\d])(?:12M|FY|full[- ]year|année|exercice)(?![\p{L}\d])", regex.IGNORECASE)


def _mixed_periods(header: str) -> bool:
    return bool(_PART.search(header)) and bool(_WHOLE.search(header))


def _unit_of(line: str) -> tuple[Decimal, str] | None:
    for m in _UNIT_RE.finditer(line):
        scale = (m.group("scale") or "").lower()
        currency = _CURRENCIES.get(" ".join((m.group("cur") or "").lower().split()))
        if currency is None:
            currency = {"eur": "EUR", "usd": "USD", "gbp": "GBP"}.get(m.group(0).strip().lower()[-3:])
        if scale in _SCALES and currency:
            return _SCALES[scale], currency
    return None


def _cells(line: str, offset: int, unit: tuple[Decimal, str], lang: str | None) -> Iterator[tuple[int, int, Decimal, str]]:
    scale, currency = unit
    start = 0
    for cell in line.split("|"):
        m = _CELL_NUMBER.fullmatch(cell)
        if m and not _YEAR.fullmatch(m.group("num")):
            raw = m.group("num")
            negative = raw.startswith("(") and raw.endswith(")") or raw.lstrip("(").startswith(("-", "−"))
            value = parse_digits(raw.strip("()").lstrip("-−"), lang)
            if value is not None:
                yield (offset + start + m.start("num"), offset + start + m.end("num"),
                       (-value if negative else value) * scale, currency)
        start += len(cell) + 1
