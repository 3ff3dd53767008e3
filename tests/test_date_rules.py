"""The date rules' pre-filters are sound: a rule skipped on a text could not have matched it.

Each rule runs only where its triggers are and, when its parsed pattern says every match holds one of a few
strings (prefilter.required), only on texts holding one; here every match of every rule on the date cases and
the benchmark's date texts holds one of its strings. The triggers are found in one pass (triggers.scan); here
that pass finds what a scan per kind finds."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from claimcheck.matchers.date import extract, prefilter, triggers
from claimcheck.testing import load_cases

ROOT = Path(__file__).resolve().parent.parent


def _texts() -> list[str]:
    texts = [case.text for kind in ("date",) for case in load_cases(ROOT / "tests" / "cases", kind=kind) if case.text]
    for name in ("date.en.jsonl", "date.fr.jsonl"):
        path = ROOT / "benchmarks" / "extraction" / name
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return texts


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_match_holds_a_required_string(lang):
    texts = [text.lower() for text in _texts()]
    checked = 0
    for _needs, rules, _without_digit in extract._PLANS[lang][0]:
        for _index, low_pattern, _pattern, _handler, required in rules:
            if not required:
                continue
            for text in texts:
                for m in low_pattern.finditer(text):
                    for holds in required:
                        assert holds(m.group()), (low_pattern.pattern[:80], m.group())
                    checked += 1
    assert checked > 100


def test_required_strings_of_a_pattern():
    # of the two sets every match needs, the one whose shortest string is longest
    assert prefilter.required(re.compile(r"(?:dans|in)\s+\d+\s+(?:jours|days)")) == (("days", "jours"), ("dans", "in"))
    assert prefilter.required(re.compile(r"\d+\s+(?:years?)\s+(?:earlier|previously)")) == (
        ("earlier", "previously"), ("year",))
    assert prefilter.required(re.compile(r"(?:the\s)?\d+")) == ()  # nothing every match must hold
    assert prefilter.required(re.compile(r"\d{1,2}[-/]\d")) == (("-", "/"),)
    # a set the rule's trigger already says is not looked for: each "fiscal" trigger word is one of them
    assert prefilter.required(re.compile(r"(?:fiscal|fy)\s?q[1-4]")) == (("fiscal", "fy"),)
    assert prefilter.required(re.compile(r"(?:fiscal|fy)\s?q[1-4]"), [triggers.WORD_KINDS["fiscal"]]) == ()


def test_one_scan_finds_the_triggers_of_a_scan_per_kind():
    checked = 0
    for text in _texts() + ["1/2/3 04.05.2006 le 7, Q3 1990s 20190512 l'an 2100 mars"]:
        low = text.lower()
        want: dict[str, list[int]] = {}
        for kind, source in triggers.DIGIT_KINDS.items():
            for m in re.finditer(source, low):
                want.setdefault(kind, []).append(m.start())
        for m in re.finditer(triggers._WORD, low):
            for kind in triggers._KINDS_OF[m.group()]:
                want.setdefault(kind, []).append(m.start())
        assert triggers.scan(low, True, re.search(r"\d", low) is not None) == want, text
        checked += sum(map(len, want.values()))
    assert checked > 1000


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_match_lies_in_a_window_of_its_triggers(lang):
    # the rule's ``needs`` are sound: a rule run only around those triggers misses none of its candidates
    texts = [text for text in _texts() if len(text.lower()) == len(text)]
    checked = 0
    for needs, rules, _without_digit in extract._PLANS[lang][0]:
        for text in texts:
            low = text.lower()
            found = triggers.scan(low, True, re.search(r"\d", low) is not None)
            at = sorted(t for kind in needs for t in found.get(kind, ()))
            for _index, low_pattern, pattern, handler, _required in rules:
                for m in low_pattern.finditer(low):
                    if handler(extract._OnText(m, text, pattern), lang) is None:
                        continue
                    assert any(t - triggers.BEFORE <= m.start() and m.end() <= t + triggers.AFTER for t in at), (
                        needs, low_pattern.pattern[:80], m.group())
                    checked += 1
    assert checked > 1000
