"""Claims in plain language (inference.py, claims.py, show_command.py): a sentence is a claim.

The rules that read a sentence are data-driven (tests/cases/inference.yaml); the rest are
end-to-end runs of ``claimcheck`` and ``claimcheck show`` on a small project of our own.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from claimcheck.inference import read_sentence, slug
from claimcheck.model import Location
from claimcheck.relations import Lexicon, builtin
from hostile_helpers import cc, make_project

CASES = Path(__file__).parent / "cases" / "inference.yaml"

ARTICLE = """\
Globex publie des résultats annuels en forte hausse

Le groupe industriel Globex a publié mardi ses comptes de l'exercice 2023.
Son chiffre d'affaires a atteint 4,2 milliards d'euros en 2023, en hausse de 8 % sur un an.
Globex compte désormais 12 400 salariés dans le monde.
"""

PLAIN = """\
claims:
  - Globex a réalisé un chiffre d'affaires de 4,2 milliards d'euros en 2023.
  - Le chiffre d'affaires de Globex a progressé de 8 % en 2023.
  - claim: Globex a réalisé un chiffre d'affaires de 5 milliards d'euros en 2023.
    verdict: contradicted
  - claim: Globex employs 12,400 people.
    tags: [english]
"""


ENGLISH = """\
Globex results beat forecasts

The industrial group Globex reported its 2023 accounts on Tuesday. At the end of the year, Globex \
employed 12,400 people worldwide, about 300 more than a year earlier.
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    make_project(tmp_path, PLAIN, ARTICLE)
    (tmp_path / "articles" / "b.txt").write_text(ENGLISH, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _cases():
    return [pytest.param(case, id=name) for name, case in yaml.safe_load(CASES.read_text(encoding="utf-8")).items()]


@pytest.mark.parametrize("case", _cases())
def test_sentence_reading(case: dict, matchers) -> None:
    glossary = {name: tuple(aliases) for name, aliases in (case.get("glossary") or {}).items()}
    read = read_sentence(case["sentence"], case["lang"], matchers=matchers, lexicon=Lexicon(builtin()),
                         glossary=glossary, location=Location(path=Path("c.yaml")))
    assert list(read.about) == case["about"]
    if "cues" in case:
        assert list(read.cues) == case["cues"]
    if "expect" in case:
        assert {e.kind: e.text for e in read.expect} == case["expect"]
    if "rules" in case:
        assert [r.rule for r in read.rules] == case["rules"]


def test_bare_sentences_are_checked_like_explicit_claims(project, capsys) -> None:
    run = cc(capsys, "-q", "--json", "r.json")
    verdicts = {c["claim"]: c["verdict"] for c in yaml.safe_load((project / "r.json").read_text())["claims"]}
    assert run.ret == 0, run
    assert verdicts == {
        "Globex a réalisé un chiffre d'affaires de 4,2 milliards d'euros en 2023.": "supported",
        "Le chiffre d'affaires de Globex a progressé de 8 % en 2023.": "supported",
        "Globex a réalisé un chiffre d'affaires de 5 milliards d'euros en 2023.": "contradicted",
        "Globex employs 12,400 people.": "supported"}


def test_a_claim_without_id_is_named_by_its_first_words(project, capsys) -> None:
    run = cc(capsys, "--co", "-q")
    assert "claims/c.yaml::globex-a-realise-un-chiffre-d-affaires-de-4-2-milliards-d\n" in run.out, run
    assert slug("Globex a réalisé un chiffre", {"globex-a-realise-un-chiffre"}) == "globex-a-realise-un-chiffre-2"
    assert slug("Un " * 40, set()) == "-".join(["un"] * 20)


def test_show_prints_every_field_and_the_rule_that_read_it(project, capsys) -> None:
    run = cc(capsys, "show", "claims")
    assert run.ret == 0, run
    english = run.out.split("globex-employs-12-400-people")[1]
    assert "lang: en  # read from the sentence: claim-language" in english
    assert "about: [Globex]  # read from the sentence: claim-entity-name" in english
    assert "expect: {count: '12,400 people'}  # read from the sentence: claim-values" in english
    assert "tags: [english]" in english and "# read" not in english.split("tags")[1]
    shown = yaml.safe_load(run.out)
    assert [c["verdict"] for c in shown["claims"] if "verdict" in c] == ["contradicted"]


def test_a_frozen_show_output_gives_the_same_verdicts(project, capsys) -> None:
    before = cc(capsys, "-q", "--json", "before.json")
    frozen = cc(capsys, "show", "claims").out
    (project / "claims" / "c.yaml").write_text(frozen, encoding="utf-8")
    after = cc(capsys, "-q", "--json", "after.json")
    assert before.ret == after.ret == 0, (before, after)
    read = [{c["id"]: c["verdict"] for c in yaml.safe_load((project / f).read_text())["claims"]}
            for f in ("before.json", "after.json")]
    assert read[0] == read[1]
    assert "# read from the sentence" not in cc(capsys, "show", "claims").out


@pytest.mark.parametrize("claim, message, where", [
    ("- Globex a publié ses comptes.", "its sentence states no value claimcheck reads", "2:5"),
    ("- claim: Globex, 4,2 milliards d'euros.\n    about: [Globex]",
     "its sentence names no relation claimcheck knows: add cues", "2:5"),
])
def test_a_sentence_that_says_too_little_is_an_error_at_its_line(project, capsys, claim, message, where) -> None:
    good = "- Globex a réalisé un chiffre d'affaires de 4,2 milliards d'euros en 2023."
    (project / "claims" / "c.yaml").write_text(f"claims:\n  {claim}\n  {good}\n", encoding="utf-8")
    run = cc(capsys)
    assert run.ret == 1 and "1 supported, 1 error" in run.out, run  # the claim errs, its neighbour runs
    error = next(line for line in run.out.splitlines() if line.startswith("ERROR "))
    assert f" - claims/c.yaml:{where}: " in error and message in error, run


def test_a_sentence_naming_no_entity_is_checked_everywhere_with_a_warning(project, capsys) -> None:
    (project / "claims" / "c.yaml").write_text(
        "claims:\n  - Le chiffre d'affaires a atteint 4,2 milliards d'euros en 2023.\n", encoding="utf-8")
    run = cc(capsys, "-q")
    assert run.ret == 0 and "names no entity, so every article is searched" in run.err, run


DISAGREE = """\
claims:
  - id: d
    claim: Globex a réalisé un chiffre d'affaires de 9 milliards d'euros en 2023.
    expect: {amount: 4,2 milliards d'euros}
"""


def test_an_expect_the_sentence_contradicts_is_an_error_or_a_warning(project, capsys) -> None:
    (project / "claims" / "c.yaml").write_text(DISAGREE.replace("4,2", '"4,2').replace("euros}", 'euros"}'),
                                               encoding="utf-8")
    run = cc(capsys)
    assert run.ret == 1, run
    assert ("ERROR claims/c.yaml::d - claims/c.yaml:4:22: claim 'd': its sentence says \"9 milliards d'euros\" "
            "but expect says amount: '4,2 milliards d'euros'; make them agree "
            "(or pass --expect-mismatch=warn)") in run.out.splitlines(), run
    warned = cc(capsys, "-q", "--expect-mismatch", "warn")
    assert warned.ret == 0 and "make them agree" in warned.err, warned


def test_a_bare_number_takes_its_noun_from_the_sentence(project, capsys) -> None:
    (project / "claims" / "c.yaml").write_text(
        "claims:\n  - claim: Globex compte 12 400 salariés.\n    expect: {count: 12 400}\n", encoding="utf-8")
    run = cc(capsys, "-q")
    assert run.ret == 0 and "1 supported" in run.out, run


@pytest.mark.parametrize("lang, sentence", [
    ("en-US", "Globex employs 12,400 people."), ("EN", "Globex employs 12,400 people."),
    ("fr-FR", "Globex compte 12 400 salariés."), ("fr_CA", "Globex compte 12 400 salariés.")])
def test_regional_language_codes_are_read(project, capsys, lang, sentence) -> None:
    (project / "claims" / "c.yaml").write_text(f"lang: {lang}\nclaims:\n  - {sentence}\n", encoding="utf-8")
    run = cc(capsys, "-q")
    assert run.ret == 0 and "1 supported" in run.out, run


def test_an_unsupported_language_is_a_usage_error(project, capsys) -> None:
    (project / "claims" / "c.yaml").write_text(f"lang: de\n{PLAIN}", encoding="utf-8")
    run = cc(capsys)
    assert run.ret == 4 and "claims/c.yaml:1:7" in run.error_line and "'de'" in run.error_line, run


def test_explain_and_the_json_report_name_the_rules_that_read_the_sentence(project, capsys) -> None:
    cc(capsys, "-q", "--json", "r.json")
    first = yaml.safe_load((project / "r.json").read_text())["claims"][0]
    assert first["read"] == {"lang": ["claim-language"], "about": ["claim-entity-name"], "cues": ["claim-relation"],
                             "expect": ["claim-values"]}
    shown = cc(capsys, "explain", "claims/c.yaml::" + first["id"]).out
    assert "read from the sentence: lang (claim-language), about (claim-entity-name)," in shown, shown


def test_show_has_its_own_help(project, capsys) -> None:
    run = cc(capsys, "show", "--help")
    assert run.ret == 0 and run.out.startswith("usage: claimcheck show [PATH ...]"), run


PLACE_ARTICLE = """\
Britain's inflation slows

UK consumer prices rose 3.1% in the year to May, the statistics office said on Wednesday.
"""


def test_a_place_read_from_its_adjective_is_found_by_its_other_names(project, capsys) -> None:
    (project / "articles" / "uk.txt").write_text(PLACE_ARTICLE, encoding="utf-8")
    (project / "claims" / "c.yaml").write_text("claims:\n  - British inflation was 3.1% in May.\n", encoding="utf-8")
    run = cc(capsys, "-q", "--json", "r.json")
    assert run.ret == 0, run
    shown = cc(capsys, "show", "claims").out
    assert "about: [United Kingdom]  # read from the sentence: claim-entity-place" in shown
    assert "United Kingdom: [UK, U.K., Britain, Royaume-Uni]" in shown  # frozen with its aliases


def test_a_project_adds_places_in_a_data_file(project, capsys) -> None:
    (project / "places.yaml").write_text(
        "places:\n  Ruritania:\n    en: {names: [Ruritania], adjectives: [Ruritanian]}\n", encoding="utf-8")
    with open(project / "pyproject.toml", "a", encoding="utf-8") as handle:
        handle.write('places = ["places.yaml"]\n')
    (project / "claims" / "c.yaml").write_text("claims:\n  - Ruritanian inflation was 3.1% in May.\n",
                                                encoding="utf-8")
    assert "about: [Ruritania]" in cc(capsys, "show", "claims").out


def test_a_bad_places_file_is_an_error_naming_it(project, capsys) -> None:
    (project / "places.yaml").write_text("places:\n  Ruritania: [Ruritanian]\n", encoding="utf-8")
    with open(project / "pyproject.toml", "a", encoding="utf-8") as handle:
        handle.write('places = ["places.yaml"]\n')
    run = cc(capsys, "show", "claims")
    assert run.ret == 4 and "places.yaml: place 'Ruritania' must be" in run.err, run
