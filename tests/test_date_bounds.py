"""Open bounds on dates (DateSpan.bound): the words that open a date, read without changing its days."""
from __future__ import annotations

import pytest

import claimcheck
from claimcheck.model import PartialDate

REF = PartialDate.parse("2023-01-24")

CASES = [
    # text, lang, the date's words, bound
    ("Quonset has grown since August 2022.", "en", "August 2022", "since"),
    ("Vellacor will hire after 2023.", "en", "2023", "after"),
    ("Tarvenne must file before 2024.", "en", "2024", "before"),
    ("Mirecourt pays by the end of 2024.", "en", "end of 2024", "until"),
    ("Ostrava must deliver before the end of December 2023.", "en", "end of December 2023", "until"),
    ("Sales for the year 2012 or later.", "en", "2012", "since"),
    ("Brindlewick offers, starting on January 7, 2023, a new plan.", "en", "January 7, 2023", "since"),
    ("Les ventes de Vellacor progressent depuis 2021.", "fr", "2021", "since"),
    ("Tarvenne livrera avant 2025.", "fr", "2025", "before"),
    ("Quonset recrute à partir de mars 2023.", "fr", "mars 2023", "since"),
    ("Brindlewick a été fondée en 2019.", "fr", "2019", None),
    # "more than" before an offset: an open side of the day it lands on
    ("Quonset finished more than 2 weeks before today.", "en", "more than 2 weeks before today", "before"),
    ("Vellacor will start more than 2 weeks after today.", "en", "more than 2 weeks after today", "after"),
    ("Tarvenne livrera plus de deux semaines après le 12 mai.", "fr", "plus de deux semaines après le 12 mai", "after"),
    # the next date's lead is not this one's trail: "de 2010 à 2018 ou avant 2000"
    ("Les ventes de 2010 à 2018 ou avant 2000.", "fr", "2010 à 2018", None),
]


@pytest.mark.parametrize("text, lang, words, bound", CASES, ids=[c[0][:40] for c in CASES])
def test_bound(text, lang, words, bound):
    found = {m.text: m.value for m in claimcheck.extract(text, lang=lang, ref_date=REF, kinds=("date",))}
    matching = [value for shown, value in found.items() if shown.endswith(words)]
    assert matching, f"{words!r} not found in {sorted(found)}"
    assert matching[0].bound == bound


def test_bound_changes_neither_days_nor_comparison():
    (since,) = claimcheck.extract("depuis 2021", lang="fr", ref_date=REF, kinds=("date",))
    (plain,) = claimcheck.extract("en 2021", lang="fr", ref_date=REF, kinds=("date",))
    assert since.value == plain.value and str(since.value) == "2021"
