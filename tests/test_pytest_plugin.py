"""``pytest claims/`` in a tmp project (pytester): verdict words, -k, collection errors, strict."""
from __future__ import annotations

import pytest

ARTICLE = ("Microsoft a investi 1 milliard de dollars dans OpenAI en 2019.\n"
           "OpenAI a été fondée en 2015 à San Francisco.\n")

CLAIMS = """\
lang: fr
claims:
  - id: msft-1bn
    claim: Microsoft a investi 1 milliard de dollars dans OpenAI en 2019.
    about: [Microsoft, OpenAI]
    cues: [investi]
    expect: {amount: 1 milliard de dollars, date: "2019"}
    tags: [funding]
  - id: founded-2015
    claim: OpenAI a été fondée en 2015.
    about: [OpenAI]
    cues: [fondée]
    expect: {date: "2015"}
    tags: [history]
  - id: msft-2bn
    claim: Microsoft a investi 2 milliards de dollars dans OpenAI en 2019.
    about: [Microsoft, OpenAI]
    cues: [investi]
    expect: {amount: 2 milliards de dollars, date: "2019"}
    tags: [funding]
  - id: google-absent
    claim: Google a investi 1 milliard de dollars dans OpenAI.
    about: [Google, OpenAI]
    cues: [investi]
    expect: {amount: 1 milliard de dollars}
"""


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makepyprojecttoml('[tool.claimcheck]\npaths = ["claims"]\nsources = ["articles"]\n')
    pytester.mkdir("articles")
    (pytester.path / "articles" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    pytester.mkdir("claims")
    (pytester.path / "claims" / "funding.yaml").write_text(CLAIMS, encoding="utf-8")
    return pytester


def test_verdict_words_in_summary(project):
    result = project.runpytest("claims", "-p", "no:cacheprovider")
    result.stdout.fnmatch_lines(["claims/funding.yaml .*C*",
                                 "*2 supported, 1 contradicted, 1 absent*"])
    assert result.ret == 1


def test_verbose_words(project):
    result = project.runpytest("claims", "-v", "-p", "no:cacheprovider")
    result.stdout.fnmatch_lines(["*funding.yaml::msft-1bn SUPPORTED*",
                                 "*funding.yaml::msft-2bn CONTRADICTED*",
                                 "*funding.yaml::google-absent ABSENT*"])


def test_contradiction_message_quotes_the_source(project):
    result = project.runpytest("claims", "-p", "no:cacheprovider")
    result.stdout.fnmatch_lines(["*contradicted: articles/a.txt:1*1 milliard de dollars*"])


def test_keyword_by_tag(project):
    result = project.runpytest("claims", "-k", "history", "-p", "no:cacheprovider")
    assert result.ret == 0
    outcomes = result.parseoutcomes()  # "warnings" may appear too: claimcheck is already imported here
    assert (outcomes["deselected"], outcomes["supported"]) == (3, 1)


def test_keyword_by_id(project):
    result = project.runpytest("claims", "-k", "msft and not 2bn", "-p", "no:cacheprovider")
    assert result.ret == 0
    outcomes = result.parseoutcomes()  # "warnings" may appear too: claimcheck is already imported here
    assert (outcomes["deselected"], outcomes["supported"]) == (3, 1)


def test_strict_fails_absent_claims(project):
    loose = project.runpytest("claims", "-k", "google", "-p", "no:cacheprovider")
    assert loose.ret == 0
    strict = project.runpytest("claims", "-k", "google", "--claims-strict", "-p", "no:cacheprovider")
    assert strict.ret == 1
    strict.stdout.fnmatch_lines(["*1 absent in*"])


def test_bad_claim_file_is_a_collection_error_without_traceback(project):
    (project.path / "claims" / "bad.yaml").write_text(
        "claims:\n  - id: x\n    claim: y\n    cues: [z]\n    expcet: {amount: 1 dollar}\n", encoding="utf-8")
    result = project.runpytest("claims", "-p", "no:cacheprovider")
    assert result.ret == 2  # pytest's "interrupted: errors during collection"
    result.stdout.fnmatch_lines(["*ERROR collecting claims/bad.yaml*",
                                 "*bad.yaml:5:5: unknown key 'expcet'*did you mean 'expect'*"])
    assert "Traceback" not in result.stdout.str()
    assert "claimcheck/claims.py" not in result.stdout.str()


def test_yaml_without_claims_is_not_collected(project):
    (project.path / "claims" / "config.yaml").write_text("name: not claims\nitems: [1, 2]\n", encoding="utf-8")
    (project.path / "claims" / "nested.yaml").write_text("other:\n  claims: []\n", encoding="utf-8")
    result = project.runpytest("claims", "--collect-only", "-q", "-p", "no:cacheprovider")
    assert result.ret == 0
    collected = [line for line in result.stdout.lines if "::" in line]
    assert collected and all("funding.yaml" in line for line in collected)
    assert len(collected) == 4


def test_same_verdicts_as_the_command(project):
    import json
    project.runpytest("claims", "-p", "no:cacheprovider", "--json", "pytest.json")
    command = project.run("claimcheck", "claims", "--json", "cli.json")
    assert command.ret == 1
    verdicts = [{c["id"]: c["verdict"] for c in json.loads((project.path / name).read_text())["claims"]}
                for name in ("pytest.json", "cli.json")]
    assert verdicts[0] == verdicts[1] and len(verdicts[0]) == 4


def test_a_broken_plugin_errors_only_its_claims(project):
    project.mkdir("plugins")
    (project.path / "plugins" / "ordinal.py").write_text("import no_such_module\n", encoding="utf-8")
    (project.path / "claims" / "ordinal.yaml").write_text(
        "claims:\n  - id: third\n    claim: la troisième phase\n    about: []\n    cues: [phase]\n"
        "    expect: {ordinal: troisième}\n", encoding="utf-8")
    result = project.runpytest("claims", "-p", "no:cacheprovider")
    outcomes = result.parseoutcomes()
    assert (outcomes["errors"], outcomes["supported"], outcomes["contradicted"]) == (1, 2, 1)
    result.stdout.fnmatch_lines(["*plugins/ordinal.py failed to load*no_such_module*"])
