"""``claimcheck explain``: passages, bound values, frame verdicts and near misses."""
import subprocess
import sys
from pathlib import Path

import pytest

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


def explain_in(tmp_path, article: str, claim: str):
    """``claimcheck explain`` of the one claim of a project holding ``article`` (a.txt) and a
    claim file (c.yaml) whose single claim is ``claim`` (YAML, id ``c``)."""
    (tmp_path / "a.txt").write_text(article, encoding="utf-8")
    (tmp_path / "c.yaml").write_text("sources: [.]\nclaims:\n  - id: c\n" + claim, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "claimcheck", "explain", "c.yaml::c", "--allow-outside-root"],
                          cwd=tmp_path, capture_output=True, text=True)


def test_explain_names_the_role_of_each_value_and_the_context_period(tmp_path):
    run = explain_in(tmp_path, "Globex : résultats annuels 2023\n\nRésultat net : 2,1 milliards d'euros, en hausse de 12 %\n",
                     "    claim: Le résultat net de Globex a progressé de 12 % en 2023.\n    about: [Globex]\n"
                     "    cues: [résultat net]\n    expect: {percentage: 12 %, date: '2023'}\n")
    assert "(about: entity-topic)" in run.stdout
    assert "[role-change-word +]" in run.stdout
    assert "[period from its context]" in run.stdout


def test_explain_lists_the_unbound_value_as_a_near_miss():
    run = explain("claims/seeds.yaml::stake-2")
    assert "percentage '2 %' is in the passage but not bound to the cue" in run.stdout


@pytest.mark.parametrize("sentence, claimed, near_miss", [
    # claim-part: the claim is on a division, the passage gives the group's figure
    ("Le chiffre d'affaires de Globex a atteint 5 milliards d'euros en 2023.",
     "Le chiffre d'affaires de la division Marine de Globex a atteint 1 milliard d'euros en 2023.",
     "line 3 has a cue but does not name the part the claim is on (marine): the whole group's figure or another "
     "part's (claim-part)"),
    # part-subject: the claim is on the group, the passage opens on a division
    ("La division Marine de Globex voit son chiffre d'affaires atteindre 1 milliard d'euros en 2023.",
     "Le chiffre d'affaires de Globex a atteint 1 milliard d'euros en 2023.",
     "line 3 has a cue but opens on a part of the business: its figures are that part's, not the whole's "
     "(part-subject)"),
])
def test_explain_names_a_passage_set_aside_for_a_part_of_the_business(tmp_path, sentence, claimed, near_miss):
    run = explain_in(tmp_path, f"Globex : résultats annuels 2023\n\n{sentence}\n",
                     f"    claim: {claimed}\n    about: [Globex]\n    cues: [chiffre d'affaires]\n"
                     "    expect: {amount: 1 milliard d'euros}\n")
    assert "ABSENT" in run.stdout, run.stdout + run.stderr
    assert near_miss in run.stdout


def test_explain_absent_claim_says_why():
    run = explain("claims/seeds.yaml::anthropic-10bn")
    assert "ABSENT" in run.stdout
    assert "No relevant passage" in run.stdout


def test_explain_unknown_id_is_a_usage_error():
    run = explain("claims/seeds.yaml::nope")
    assert run.returncode == 4
    assert "no claim 'nope' in claims/seeds.yaml" in run.stderr
    assert "Traceback" not in run.stderr


GOLDEN = ROOT / "tests" / "golden"
# Set CLAIMCHECK_UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change.
UPDATE_GOLDEN = __import__("os").environ.get("CLAIMCHECK_UPDATE_GOLDEN") == "1"
SUPPORTING = ("Globex : résultats annuels\n\nGlobex a réalisé un chiffre d'affaires de 4,2 milliards d'euros en 2023.\n"
              "En mars 2021, Globex a ouvert une usine de 30 millions d'euros.\n")
CONTRADICTING = "Globex : résultats annuels\n\nGlobex a réalisé un chiffre d'affaires de 5,1 milliards d'euros en 2023.\n"
CLAIM = ("sources: [.]\nclaims:\n  - id: ca\n    claim: Le chiffre d'affaires de Globex a atteint 4,2 milliards "
         "d'euros en 2023.\n    about: [Globex]\n    cues: [chiffre d'affaires]\n    expect:\n"
         "      amount: 4,2 milliards d'euros\n      date: '2023'\n")


def _many_passages(tmp_path, *options):
    """Seven supporting articles, each with a near miss, then the one contradicting article,
    last in corpus order: it decides the verdict."""
    for i in range(1, 8):
        (tmp_path / f"0{i}.txt").write_text(SUPPORTING, encoding="utf-8")
    (tmp_path / "08.txt").write_text(CONTRADICTING, encoding="utf-8")
    (tmp_path / "c.yaml").write_text(CLAIM, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "claimcheck", "explain", "c.yaml::ca", "--allow-outside-root",
                          "--no-cache", *options], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_bounded_explain_shows_the_deciding_passage_first(tmp_path):
    out = _many_passages(tmp_path)
    golden = GOLDEN / "explain-bounded.txt"
    if UPDATE_GOLDEN:
        golden.write_text(out, encoding="utf-8", newline="\n")
    assert out == golden.read_text(encoding="utf-8")
    deciding = out.index("08.txt")
    assert deciding < out.index("01.txt")  # the deciding passage comes first, though last in the corpus
    assert "5,1 milliards d'euros" in out[deciding:out.index("01.txt")]
    assert out.count("\n  line ") == 5 and out.count("near miss:") == 5
    assert out.rstrip().endswith("(3 more passages and more near misses not shown: --all shows every one)")


def test_explain_all_shows_every_passage_and_near_miss(tmp_path):
    out = _many_passages(tmp_path, "--all")
    assert out.count("\n  line ") == 8
    assert out.count("near miss:") == 7
    assert all(f"0{i}.txt" in out for i in range(1, 9))
    assert "not shown" not in out


def test_explain_help_states_the_bound():
    run = explain("--help")
    assert run.returncode == 0
    assert "--all" in run.stdout and "the 5 passages that" in run.stdout and "the 5 most" in run.stdout
