"""Matcher.with_sign: a change's magnitude with the sign its direction word gives."""
from __future__ import annotations

from decimal import Decimal

import pytest

from claimcheck.matchers import Matcher
from claimcheck.matchers.amount import AmountMatcher
from claimcheck.matchers.date import DateMatcher
from claimcheck.matchers.percentage import PercentageMatcher

PCT = PercentageMatcher()
AMT = AmountMatcher()


def pct(text, lang="en"):
    return PCT.parse(text, lang=lang, options={})


def amt(text, lang="en"):
    return AMT.parse(text, lang=lang, options={})


@pytest.mark.parametrize("text, sign, shown", [
    ("9%", -1, "-9%"),
    ("-9%", -1, "-9%"),
    ("-9%", 1, "9%"),
    ("9%", 1, "9%"),
    ("about 9%", -1, "~-9%"),
    ("between 2 and 3 percent", -1, "-3..-2%"),
    ("between 2 and 3 percent", 1, "2..3%"),
    ("more than 5%", -1, "<-5%"),
    ("less than 5%", -1, ">-5%"),
    ("3 percentage points", -1, "-3 pts"),
])
def test_percentage_with_sign(text, sign, shown):
    assert str(PCT.with_sign(pct(text), sign)) == shown


def test_fell_nine_percent_agrees_with_minus_nine():
    from claimcheck.matchers import Agreement
    from claimcheck.model import Expected, Mention
    claim = pct("-9 %", "fr")
    mention_value = PCT.with_sign(next(iter(PCT.extract("en recul de 9 %", lang="fr"))).value, -1)
    mention = Mention(kind="percentage", start=0, end=3, text="9 %", value=mention_value)
    expected = Expected(kind="percentage", text="-9 %", value=claim, options={})
    assert PCT.compare(expected, mention) is Agreement.MATCH
    assert PCT.with_sign(pct("9 %", "fr"), -1) == claim


@pytest.mark.parametrize("text, sign, shown", [
    ("$2 billion", -1, "USD -2000000000"),
    ("$2 billion", 1, "USD 2000000000"),
    ("between $1 and $2 billion", -1, "USD -2000000000..-1000000000"),
    ("more than $1 billion", -1, "<USD -1000000000"),
])
def test_amount_with_sign(text, sign, shown):
    assert str(AMT.with_sign(amt(text), sign)) == shown


def test_amount_with_sign_keeps_currency_and_year():
    value = next(iter(AMT.extract("a loss of €3 million", lang="en",
                                  ref_date=__import__("claimcheck").model.PartialDate(year=2023))))
    signed = AMT.with_sign(value.value, -1)
    assert (signed.currency, signed.year, signed.low) == ("EUR", 2023, Decimal(-3000000))


def test_bad_sign_is_refused():
    with pytest.raises(ValueError):
        PCT.with_sign(pct("9%"), 0)


def test_default_returns_the_value_unchanged():
    value = object()
    assert Matcher().with_sign(value, -1) is value
    date = DateMatcher().parse("2023", lang="en", options={})
    assert DateMatcher().with_sign(date, -1) is date


def test_a_guarded_matcher_keeps_the_sign_of_a_change():
    """The session wraps matchers (time limits, failures): the wrapper must not lose
    ``with_sign``, or "down 47 percent" would support "rose 47%"."""
    from decimal import Decimal

    from claimcheck.matchers.percentage import PercentageMatcher
    from claimcheck.matcherset import GuardedMatcher

    guarded = GuardedMatcher(PercentageMatcher(), "percentage")
    value = PercentageMatcher().parse("47 %", lang="fr", options={})
    assert guarded.with_sign(value, -1).low == Decimal("-47")
