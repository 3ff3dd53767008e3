"""Declared verdicts (``verdict:``, as pytest's ``xfail(strict=True)``) in both front ends and
every report; and the pytest plugin collecting claim files only where the project says."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from hostile_helpers import cc, make_project, project  # noqa: F401  (the fixture)

DATA = Path(__file__).parent / "data"
ARTICLE = ("Microsoft a investi 1 milliard de dollars dans OpenAI en 2019.\n"
           "OpenAI a été fondée en 2015 à San Francisco.\n")

CLAIMS = """\
claims:
  - id: as-declared
    claim: Microsoft a investi 2 milliards de dollars dans OpenAI en 2019.
    verdict: contradicted
    about: [Microsoft, OpenAI]
    cues: [investi]
    expect: {amount: 2 milliards de dollars, date: "2019"}
  - id: wrongly-declared
    claim: Microsoft a investi 1 milliard de dollars dans OpenAI en 2019.
    verdict: contradicted
    about: [Microsoft, OpenAI]
    cues: [investi]
    expect: {amount: 1 milliard de dollars, date: "2019"}
  - id: absent-declared
    claim: Google a investi 1 milliard de dollars dans OpenAI.
    verdict: absent
    about: [Google, OpenAI]
    cues: [investi]
    expect: {amount: 1 milliard de dollars}
  - id: plain
    claim: OpenAI a été fondée en 2015.
    about: [OpenAI]
    cues: [fondée]
    expect: {date: "2015"}
"""


@pytest.fixture
def declared(project):  # noqa: F811
    make_project(project, claim=CLAIMS, article=ARTICLE)
    return project


def _without(text: str, claim_id: str) -> str:
    """CLAIMS without one claim (each claim is six lines, plus its verdict line)."""
    blocks = text.split("  - id: ")
    return "  - id: ".join(b for b in blocks if not b.startswith(claim_id + "\n"))


# -- Claim files -------------------------------------------------------------------


@pytest.mark.parametrize("value, message", [
    ("error", "'verdict' cannot be 'error': a claim that cannot be checked always fails; "
              "write one of supported, contradicted, absent"),
    ("contradictd", "'verdict' must be one of supported, contradicted, absent, not 'contradictd' "
                    "(did you mean 'contradicted'?)"),
    ("[absent]", "'verdict' must be a string, not a list"),
])
def test_a_bad_verdict_is_a_claim_file_error(declared, capsys, value, message):
    path = declared / "claims" / "c.yaml"
    path.write_text(CLAIMS.replace("verdict: absent", f"verdict: {value}"), encoding="utf-8")
    run = cc(capsys, "claims")
    assert run.ret == 4
    assert run.error_line == f"ERROR: claims/c.yaml:16:14: {message}"


# -- claimcheck ----------------------------------------------------------------------


def test_declared_verdicts_pass_and_a_wrong_one_fails(declared, capsys):
    run = cc(capsys, "claims")
    assert run.ret == 1
    assert "claims/c.yaml cFa." in run.out
    assert ("SUPPORTED claims/c.yaml::wrongly-declared - expected contradicted, got supported: "
            "articles/a.txt:1") in run.out
    assert "as-declared" not in run.out.split("claims/c.yaml cFa.")[1]  # not listed as a failure
    assert run.out.rstrip().splitlines()[-1].startswith("2 supported, 1 contradicted, 1 absent (1 failed, 3 passed)")


def test_all_as_declared_exits_0(declared, capsys):
    (declared / "claims" / "c.yaml").write_text(_without(CLAIMS, "wrongly-declared"), encoding="utf-8")
    run = cc(capsys, "claims", "-v")
    assert run.ret == 0
    assert "claims/c.yaml::as-declared CONTRADICTED (as declared)  articles/a.txt:1" in run.out
    assert "(3 passed)" in run.out


def test_a_declared_absence_passes_under_strict(declared, capsys):
    (declared / "claims" / "c.yaml").write_text(_without(CLAIMS, "wrongly-declared"), encoding="utf-8")
    assert cc(capsys, "claims", "--strict").ret == 0


def test_without_declarations_output_is_unchanged(project, capsys):  # noqa: F811
    run = cc(capsys, "claims")
    assert run.ret == 0 and run.out.rstrip().splitlines()[-1].startswith("1 supported in ")


def test_json_says_expected_and_passed(declared, capsys):
    run = cc(capsys, "claims", "--json", "-", "-q")
    report = json.loads(run.out)
    entries = {c["id"]: c for c in report["claims"]}
    assert entries["as-declared"]["expected"] == "contradicted" and entries["as-declared"]["passed"]
    assert entries["wrongly-declared"]["passed"] is False
    assert "expected" not in entries["plain"] and entries["plain"]["passed"]
    assert (report["summary"]["passed"], report["summary"]["failed"]) == (3, 1)


def test_junit_follows_the_outcome(declared, capsys):
    xmlschema = pytest.importorskip("xmlschema")
    import xml.etree.ElementTree as ET
    cc(capsys, "claims", "--junitxml", "r.xml", "-q")
    xmlschema.XMLSchema(str(DATA / "junit-10.xsd")).validate(str(declared / "r.xml"))
    suite = ET.parse(declared / "r.xml").getroot().find("testsuite")
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    assert [child.tag for child in cases["as-declared"]] == ["system-out"]
    assert cases["as-declared"].find("system-out").text.startswith("contradicted, as declared")
    failure = cases["wrongly-declared"].find("failure")
    assert failure.get("type") == "unexpected-verdict"
    assert failure.get("message").startswith("expected contradicted, got supported: supported: «")
    assert [child.tag for child in cases["absent-declared"]] == ["system-out"]  # a pass, not a skip
    assert (suite.get("failures"), suite.get("skipped")) == ("1", "0")


# -- pytest ---------------------------------------------------------------------------


def test_pytest_agrees(declared, pytester):
    make_project(pytester.path, claim=CLAIMS, article=ARTICLE)
    result = pytester.runpytest("claims", "-p", "no:cacheprovider", "-v")
    assert result.ret == 1
    result.stdout.fnmatch_lines(["*c.yaml::as-declared CONTRADICTED*", "*c.yaml::wrongly-declared SUPPORTED*",
                                 "*expected contradicted, got supported: articles/a.txt:1*"])
    outcomes = result.parseoutcomes()
    assert outcomes["failed"] == 1 and outcomes["contradicted"] == 1 and outcomes["absent"] == 1
    assert "skipped" not in outcomes


def test_pytest_all_as_declared_exits_0(pytester):
    make_project(pytester.path, claim=_without(CLAIMS, "wrongly-declared"), article=ARTICLE)
    result = pytester.runpytest("claims", "-p", "no:cacheprovider")
    assert result.ret == 0
    result.stdout.fnmatch_lines(["claims/c.yaml ca.*"])


# -- Where pytest collects claim files -----------------------------------------------


UNRELATED = "name: release notes\nclaims:\n  - id: x\n    claim: not ours\n    cues: [x]\n"


def test_pytest_leaves_an_unrelated_project_alone(pytester):
    pytester.makepyprojecttoml('[project]\nname = "unrelated"\n')
    (pytester.path / "data.yaml").write_text(UNRELATED, encoding="utf-8")
    pytester.makepyfile(test_ok="def test_ok():\n    pass\n")
    result = pytester.runpytest("-p", "no:cacheprovider")
    assert result.ret == 0
    result.assert_outcomes(passed=1)
    assert "data.yaml" not in result.stdout.str()


def test_pytest_collects_only_under_claimcheck_paths(pytester):
    make_project(pytester.path)
    pytester.mkdir("other")
    (pytester.path / "other" / "c.yaml").write_text(UNRELATED, encoding="utf-8")
    result = pytester.runpytest("--collect-only", "-q", "-p", "no:cacheprovider")
    collected = [line for line in result.stdout.lines if "::" in line]
    assert collected == ["claims/c.yaml::msft"]


def test_pytest_claims_option_names_a_folder(pytester):
    pytester.mkdir("facts")
    (pytester.path / "facts" / "c.yaml").write_text(
        "sources: [../articles]\n" + CLAIMS, encoding="utf-8")
    pytester.mkdir("articles")
    (pytester.path / "articles" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert pytester.runpytest("-p", "no:cacheprovider").ret == 5
    result = pytester.runpytest("--claims", "facts", "-p", "no:cacheprovider")
    assert result.parseoutcomes()["failed"] == 1 and result.ret == 1
