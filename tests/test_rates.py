"""Exchange rates shipped in claimcheck/data/rates.csv, conversion, and the tolerance option."""
from __future__ import annotations

from decimal import Decimal

import pytest

from claimcheck.matchers.amount import AmountMatcher
from claimcheck.matchers.currency import RATES_FILE, convert, per_euro, rates
from claimcheck.matchers.percentage import PercentageMatcher


def test_table_covers_1999_to_2025_and_names_its_source():
    table = rates()
    assert sorted(table) == list(range(1999, 2026))
    assert "eurofxref-hist" in RATES_FILE.read_text(encoding="utf-8").split("year,")[0]
    for year, row in table.items():
        for code in ("USD", "GBP", "CHF", "JPY", "CAD"):
            assert code in row, (year, code)


@pytest.mark.parametrize("year, code, low, high", [
    (2023, "USD", "1.07", "1.09"),   # the euro's 2023 average against the dollar
    (2000, "USD", "0.90", "0.95"),
    (2023, "GBP", "0.86", "0.88"),
    (2023, "JPY", "150", "153"),
])
def test_rates_are_plausible(year, code, low, high):
    assert Decimal(low) < per_euro(code, year) < Decimal(high)


def test_missing_years_have_no_rate():
    assert per_euro("CNY", 2001) is None  # the ECB began quoting the yuan in 2005
    assert per_euro("RUB", 2023) is None  # and stopped quoting the rouble in 2022
    assert per_euro("XYZ", 2023) is None


def test_after_the_table_the_last_year_serves():
    assert per_euro("USD", 2031) == per_euro("USD", 2025) == per_euro("USD", None)


def test_convert_both_ways():
    assert convert(Decimal(100), "EUR", "EUR", 2023) == 100
    dollars = convert(Decimal(100), "EUR", "USD", 2023)
    assert abs(convert(dollars, "USD", "EUR", 2023) - 100) < Decimal("1e-20")
    assert convert(Decimal(100), "USD", "GBP", 2023) < 100
    assert convert(Decimal("1.95583"), "DEM", "EUR", 1990) == 1
    assert convert(None, "EUR", "USD", 2023) is None
    assert convert(Decimal(1), "CNY", "USD", 2001) is None


@pytest.mark.parametrize("written, fraction", [
    (0.05, "0.05"), ("0.05", "0.05"), ("5 %", "0.05"), ("5%", "0.05"), ("2,5 %", "0.025"),
    (0, "0"), ("0 %", "0"),
])
def test_amount_tolerance_as_fraction_or_percent(written, fraction):
    from claimcheck.matchers.amount import _tolerance
    assert _tolerance({"tolerance": written}) == Decimal(fraction)


@pytest.mark.parametrize("bad", [-1, "-5 %", float("nan"), "nan", float("inf"), "inf", "abc",
                                 "", "%", True, None, [5]])
def test_bad_amount_tolerance_is_a_clear_error(bad):
    with pytest.raises(ValueError, match="tolerance must be a number >= 0"):
        AmountMatcher().parse("$1 billion", lang="en", options={"tolerance": bad})


def test_percentage_tolerance_stays_in_points():
    matcher = PercentageMatcher()
    matcher.parse("49 %", lang="fr", options={"tolerance": 1})
    with pytest.raises(ValueError, match="percentage points: write 1"):
        matcher.parse("49 %", lang="fr", options={"tolerance": "1 %"})
    with pytest.raises(ValueError, match="tolerance must be a number >= 0"):
        matcher.parse("49 %", lang="fr", options={"tolerance": float("nan")})
