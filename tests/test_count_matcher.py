"""The count matcher beyond its YAML cases: registered as a built-in plugin, linear on hostile input, and
loaded without changing a verdict of the claim sets that expect no count."""
from __future__ import annotations

import time

import pytest

from claimcheck.matchers.count import CountMatcher, fold
from claimcheck.plugins import BUILTIN_PLUGINS, Plugins


def test_count_is_a_builtin_plugin():
    assert BUILTIN_PLUGINS["count"] == "claimcheck.matchers.count"
    plugins = Plugins()
    plugins.load_builtins()
    assert isinstance(plugins.matchers(config=None)["count"], CountMatcher)


def test_nouns_fold_their_inflections():
    assert fold("Salariés") == fold("salarié") == "salarié"
    assert fold("people") == fold("person") == "person"
    assert fold("euros") is None


@pytest.mark.parametrize("unit", ["1 ", "1/2 ", "- 1 ", "a fifth ", "1 dozen ", "one and a half ",
                                  "10 000 salariés ", "de 1 à ", "plus de ", "2,5 millions d'"])
def test_linear_time(unit):
    matcher = CountMatcher()

    def per_kb(size: int) -> float:
        text = unit * (size // len(unit))
        best = float("inf")
        for _ in range(3):  # the best of three: a loaded machine only ever slows a run down
            started = time.perf_counter()
            list(matcher.extract(text, lang="fr"))
            best = min(best, time.perf_counter() - started)
        return best / (size / 1000)

    small, large = per_kb(8_000), per_kb(64_000)
    # Linear: the cost per KB does not grow with the size (a quadratic walk would be 8 times slower).
    assert large < 4 * small + 0.005, f"{unit!r}: {small * 1000:.2f} ms/KB at 8 KB, {large * 1000:.2f} at 64 KB"


@pytest.mark.parametrize("written, lang, value", [
    ("1 051 476 entreprises", "fr", "1051476 entreprise"),
    ("150 nouvelles jeunes pousses", "fr", "150 pousse"),
    ("11 rate hikes", "en", "11 hike"),
    ("301.6 million paid memberships", "en", "301600000 membership"),
    ("1.025 Globex shares", "en", "1.025 share"),
    ("30 Power Brands", "en", "30 brand"),
    ("40 millions de flacons", "fr", "40000000 flacon"),
    ("5 million of boxes", "en", "5000000 boxe"),
])
def test_a_claim_may_count_a_noun_the_list_does_not_know(written, lang, value):
    """The analyst says what is counted: the file loads, and the noun must still match."""
    assert str(CountMatcher().parse(written, lang=lang, options={})) == value


@pytest.mark.parametrize("written, lang", [
    ("deux Américains", "fr"), ("3 years", "en"), ("5 fois", "fr"), ("2023 les ventes", "fr"), ("23,000", "en"),
])
def test_names_time_and_years_are_never_counted(written, lang):
    with pytest.raises(ValueError, match="is not a count"):
        CountMatcher().parse(written, lang=lang, options={})


def test_an_article_counts_only_the_listed_nouns():
    """In an article a count of any noun would cut the frames of the values around it."""
    text = "Globex a vu 667 000 entreprises et 8 matchs, et compte 9 800 salariés."
    assert [m.text for m in CountMatcher().extract(text, lang="fr")] == ["9 800 salariés"]
