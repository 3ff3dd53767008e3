"""``claimcheck explain``: passages, bound values, frame verdicts and near misses."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def explain(*args):
    return subprocess.run([sys.executable, "-m", "claimcheck", "explain", *args], cwd=ROOT,
                          capture_output=True, text=True)


def test_explain_shows_bound_values_and_the_rule():
    run = explain("claims/seeds.yaml::stake-2")
    assert run.returncode == 0, run.stderr
    assert "stake-2  CONTRADICTED" in run.stdout
    assert "percentage '49 %' = 49% [role-level] → contradicted (the percentage bound to the cue differs)" in run.stdout
    assert "(about: entity-anaphora)" in run.stdout  # "Cette dernière" in 003


def test_explain_names_the_role_of_each_value_and_the_context_period(tmp_path):
    (tmp_path / "a.txt").write_text("Globex : résultats annuels 2023\n\nRésultat net : 2,1 milliards d'euros, "
                                    "en hausse de 12 %\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text("sources: [.]\nclaims:\n  - id: rn\n    claim: Le résultat net de Globex "
                                     "a progressé de 12 % en 2023.\n    about: [Globex]\n    cues: [résultat net]\n"
                                     "    expect: {percentage: 12 %, date: '2023'}\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "claimcheck", "explain", "c.yaml::rn", "--allow-outside-root"],
                         cwd=tmp_path, capture_output=True, text=True)
    assert "(about: entity-topic)" in run.stdout
    assert "[role-change-word +]" in run.stdout
    assert "[period from its context]" in run.stdout


def test_explain_lists_the_unbound_value_as_a_near_miss():
    run = explain("claims/seeds.yaml::stake-2")
    assert "percentage '2 %' is in the passage but not bound to the cue" in run.stdout


def test_explain_absent_claim_says_why():
    run = explain("claims/seeds.yaml::anthropic-10bn")
    assert "ABSENT" in run.stdout
    assert "No relevant passage" in run.stdout


def test_explain_unknown_id_is_a_usage_error():
    run = explain("claims/seeds.yaml::nope")
    assert run.returncode == 4
    assert "no claim 'nope' in claims/seeds.yaml" in run.stderr
    assert "Traceback" not in run.stderr
