"""claimcheck.sentences: data-driven cases from tests/cases/sentences.yaml, plus invariants."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from claimcheck.sentences import split_clauses, split_sentences

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "sentences.yaml").read_text("utf-8"))
PREFIX = "Titre de l'article\n\n"          # clauses are checked at a non-zero offset


def _check_spans(text: str, spans: list[tuple[int, int]], lo: int = 0, hi: int | None = None):
    """Spans are in order, disjoint, stripped, and cover every non-blank character."""
    hi = len(text) if hi is None else hi
    last = lo
    for start, end in spans:
        assert last <= start < end <= hi
        assert not text[start].isspace() and not text[end - 1].isspace()
        assert not text[last:start].strip(), f"dropped {text[last:start]!r}"
        last = end
    assert not text[last:hi].strip(), f"dropped {text[last:hi]!r}"


@pytest.mark.parametrize("case", list(CASES["sentences"]))
def test_sentences(case):
    body = CASES["sentences"][case]
    spans = split_sentences(body["text"])
    assert [body["text"][a:b] for a, b in spans] == body["expected"]
    _check_spans(body["text"], spans)


@pytest.mark.parametrize("case", list(CASES["clauses"]))
def test_clauses(case):
    body = CASES["clauses"][case]
    text = PREFIX + body["text"] + "\nSuite de l'article, 3 % et 4 %."
    start, end = len(PREFIX), len(PREFIX) + len(body["text"])
    spans = split_clauses(text, start, end)
    assert [text[a:b] for a, b in spans] == body["expected"]
    _check_spans(text, spans, start, end)


def test_case_counts():
    assert len(CASES["sentences"]) >= 40 and len(CASES["clauses"]) >= 25


def test_clauses_of_every_sentence_of_a_seed_article():
    text = "\n\n".join(body["text"] for body in CASES["sentences"].values())
    for start, end in split_sentences(text):
        _check_spans(text, split_clauses(text, start, end), start, end)


@pytest.mark.parametrize("unit", [
    ".", "a.b.c.d…", "1.1.1.1 ", "M. M. M. ", ". ", ".»", " » ) ", "Ab. ", "a.Ba.",
    "...\n", "(...) ", "1,1,1 et ", "et 1 pour 2 soit 3 ; ", " ", "\n",
])
def test_adversarial_text_splits_without_output(unit, capsys):
    """2 MB of repeated patterns complete (linear time: see the module docstring)."""
    text = unit * (2_000_000 // len(unit))
    spans = split_sentences(text)
    _check_spans(text, spans)
    if len(spans) == 1:                       # one huge sentence: its clauses too
        _check_spans(text, split_clauses(text, *spans[0]), *spans[0])
    assert capsys.readouterr() == ("", "")


hypothesis = pytest.importorskip("hypothesis")
st = hypothesis.strategies
TOKENS = list("aAbM. \n\u202f,;:!?…«»“”\"'()[]12$%") + [
    "et", "ou", "and", "pour", "for", "soit", "mais", "alors qu'", "entre", "M.", "Inc.", "Ab"]


@hypothesis.settings(max_examples=300, deadline=None)
@hypothesis.given(st.lists(st.sampled_from(TOKENS), max_size=40).map("".join))
def test_any_text_gives_well_formed_spans(text):
    spans = split_sentences(text)
    _check_spans(text, spans)
    for start, end in spans:
        _check_spans(text, split_clauses(text, start, end), start, end)
