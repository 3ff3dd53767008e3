"""The number reader of counts (claimcheck.matchers._quantities.read_numbers), case by case: fractions,
ratios and decimals in words, scales, signs, and what is no number. Counts need whole numbers and a noun, so
these readings are checked here on the reader itself; benchmarks/extraction/number.*.jsonl scores it."""
from __future__ import annotations

from decimal import Decimal

import pytest

from claimcheck.matchers._quantities import read_numbers

# text, lang, [(text of the number, value)] in order
CASES = [
    ("trois cinquièmes", "fr", [("trois cinquièmes", "0.6")]),
    ("un cinquieme", "fr", [("un cinquieme", "0.2")]),
    ("un vingt-cinquième", "fr", [("un vingt-cinquième", "0.04")]),
    ("vingt et un cinquième", "fr", [("vingt et un cinquième", "20.2")]),
    ("un sur trois", "fr", [("un sur trois", "0.3333333333333333333333333333")]),
    ("deux cent virgule cinquante deux", "fr", [("deux cent virgule cinquante deux", "200.52")]),
    ("cinq milliards et trois quarts", "fr", [("cinq milliards et trois quarts", "5750000000")]),
    ("un milliard et demi million", "fr", [("un milliard et demi million", "1000500000")]),
    ("192.168.1.2", "fr", [("192.168", "192168"), ("1", "1"), ("2", "2")]),
    ("322 cent", "fr", [("322 cent", "32200")]),
    ("2,5^-1", "fr", [("2,5^-1", "0.4")]),
    (",08", "fr", [(",08", "0.08")]),
    ("one twenty-fifth", "en", [("one twenty-fifth", "0.04")]),
    ("three twenty-firsts", "en", [("three twenty-firsts", "0.1428571428571428571428571429")]),
    ("one hundred thirty fifths", "en", [("one hundred thirty fifths", "2.857142857142857142857142857")]),
    ("one hundred and thirty fifths", "en", [("one hundred and thirty fifths", "26")]),
    ("one hundred and three quarters", "en", [("one hundred and three quarters", "100.75")]),
    ("five - eighths", "en", [("five - eighths", "0.625")]),
    ("ninety-five hundred fifths", "en", [("ninety-five hundred fifths", "1900")]),
    ("six million and two thirds", "en", [("six million and two thirds", "6666666.666666666666666666667")]),
    ("two thirds of a million", "en", [("two thirds of a million", "666666.6666666666666666666667")]),
    ("one billion and a quarter million", "en", [("one billion and a quarter million", "1000250000")]),
    ("one in five", "en", [("one in five", "0.2")]),
    ("12 out of 10", "en", [("12", "12"), ("10", "10")]),
    ("$2000 over 3 years", "en", [("2000", "2000"), ("3", "3")]),
    ("nought point nought three", "en", [("nought point nought three", "0.03")]),
    ("two hundred point seventy-one", "en", [("two hundred point seventy-one", "200.71")]),
    ("three-nought-four", "en", [("three", "3"), ("nought", "0"), ("four", "4")]),
    ("- 1 4/5", "en", [("- 1 4/5", "-1.8")]),
    ("negative one over 20", "en", [("negative one over 20", "-0.05")]),
    ("2½ and ¾", "en", [("2½", "2.5"), ("¾", "0.75")]),
    ("6.23x10^-4", "en", [("6.23x10^-4", "0.000623")]),
    ("10 bln or 2mil", "en", [("10 bln", "10000000000"), ("2mil", "2000000")]),
    ("3 dzs", "en", [("3 dzs", "36")]),
    ("6 crore and two hundred", "en", [("6 crore and two hundred", "60000200")]),
    # no number: an ordinal, a measure glued to its unit, a date, a phone number's parts, a pronoun
    ("the twenty-first century", "en", []),
    ("the 4th and a 180ml bottle", "en", []),
    ("on 5/17/2018", "en", [("5", "5"), ("17", "17"), ("2018", "2018")]),
    ("Which one do you prefer?", "en", []),
    ("two millionth", "en", [("two", "2")]),
]


@pytest.mark.parametrize("text, lang, expected", CASES, ids=[c[0] for c in CASES])
def test_read_numbers(text, lang, expected):
    found = [(text[n.start:n.end], n.value) for n in read_numbers(text, lang)]
    assert found == [(t, Decimal(v)) for t, v in expected]


def test_ratios_can_be_left_to_the_caller():
    """The count matcher reads "120 sur 500 salariés" as 500 employees, not as a ratio."""
    assert [n.value for n in read_numbers("120 sur 500", "fr", ratios=False)] == [120, 500]
