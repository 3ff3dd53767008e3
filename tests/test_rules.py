"""Every passage-level rule, one YAML case each (tests/cases/rules.yaml)."""
from pathlib import Path

import pytest
import yaml

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "rules.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(CASES))
def test_rule(name, judge_text):
    case = CASES[name]
    articles = [a if isinstance(a, dict) else {"text": a} for a in case["articles"]]
    dates = {str(a["date"]) for a in articles if "date" in a}
    result = judge_text(case["claim"], *(a["text"] for a in articles),
                        date=dates.pop() if dates else None, lang=case.get("lang", "fr"),
                        conflict=case.get("conflict", "contradicted"), hedged=case.get("hedged", "count"),
                        entities=case.get("entities"))
    assert result.verdict.value == case["verdict"], case["rule"]
