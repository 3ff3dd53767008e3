"""CI output (issue 10): ``--format github`` annotations and the ``--md`` summary, replayed from
a real run of a small project and compared with golden files."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from claimcheck.reporters.github import escape_data, escape_property
from claimcheck.reporters.markdown import cell
from hostile_helpers import cc, make_project, project  # noqa: F401  (the fixture)

GOLDEN = Path(__file__).parent / "golden"
UPDATE_GOLDEN = os.environ.get("CLAIMCHECK_UPDATE_GOLDEN") == "1"

ARTICLES = {
    "a.txt": "Microsoft a investi 1 milliard de dollars dans OpenAI en 2019.\n"
             "OpenAI a été fondée en 2015 à San Francisco.\n",
    "b.txt": "Selon la rumeur, Microsoft détiendrait 49 % d'OpenAI.\n",
}
CLAIMS = """\
claims:
  - id: supported
    claim: Microsoft a investi 1 milliard de dollars dans OpenAI en 2019.
    about: [Microsoft, OpenAI]
    cues: [investi]
    expect: {amount: 1 milliard de dollars, date: "2019"}
  - id: "contradicted:2bn,2019"
    claim: "Microsoft a investi 2 milliards de dollars (100 %) dans OpenAI en 2019 | <b>"
    about: [Microsoft, OpenAI]
    cues: [investi]
    expect: {amount: 2 milliards de dollars, date: "2019"}
  - id: as-declared
    claim: OpenAI a été fondée en 2016.
    verdict: contradicted
    about: [OpenAI]
    cues: [fondée]
    expect: {date: "2016"}
  - id: not-as-declared
    claim: "OpenAI a été fondée\\nen 2015."
    verdict: contradicted
    about: [OpenAI]
    cues: [fondée]
    expect: {date: "2015"}
  - id: hedged
    claim: Microsoft détient 49 % d'OpenAI.
    about: [Microsoft, OpenAI]
    cues: [détient, détiendrait]
    expect: {percentage: 49 %}
  - id: absent
    claim: Google a investi 1 milliard de dollars dans OpenAI.
    about: [Google, OpenAI]
    cues: [investi]
    expect: {amount: 1 milliard de dollars}
  - id: broken
    claim: La troisième phase.
    about: []
    cues: [phase]
    expect: {ordinal: troisième}
"""


@pytest.fixture
def ci_project(project):  # noqa: F811
    make_project(project, claim=CLAIMS)
    for name, text in ARTICLES.items():
        (project / "articles" / name).write_text(text, encoding="utf-8")
    (project / "plugins").mkdir()
    (project / "plugins" / "ordinal.py").write_text("import no_such_module\n", encoding="utf-8")
    return project


def _golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE_GOLDEN:
        path.write_text(actual, encoding="utf-8", newline="\n")
    assert actual == path.read_text(encoding="utf-8")


def test_github_annotations_and_summary_replay(ci_project, capsys):
    run = cc(capsys, "claims", "--format", "github", "--md", "summary.md")
    assert run.ret == 1
    lines = run.out.splitlines()
    commands = [line for line in lines if line.startswith("::")]
    # Workflow commands start their line: none shares the line of the progress letters.
    assert all(line.startswith("::") for line in lines if "::error" in line or "::warning" in line)
    assert "claims/c.yaml .CcF.aE" in lines[2] and "::" not in lines[2]
    assert [c.split(" ", 1)[0] for c in commands] == ["::error", "::error", "::warning", "::error"]
    _golden("github.txt", "\n".join(commands) + "\n")
    _golden("summary.md", (ci_project / "summary.md").read_text(encoding="utf-8"))


def test_annotations_go_to_stderr_when_json_owns_stdout(ci_project, capsys):
    run = cc(capsys, "claims", "--format", "github", "--json", "-", "-q")
    assert run.out.lstrip().startswith("{")
    assert sum(line.startswith("::error ") for line in run.err.splitlines()) == 3


def test_strict_absent_is_an_error_annotation(ci_project, capsys):
    run = cc(capsys, "claims", "--format", "github", "--strict", "-q")
    assert any(line.startswith("::error file=claims/c.yaml,line=") and ",title=absent%3A " in line
               for line in run.out.splitlines())


def test_no_format_no_annotations(ci_project, capsys):
    assert "::" not in "".join(line[:2] for line in cc(capsys, "claims").out.splitlines())


def test_escaping_follows_githubs_rules():
    assert escape_data("50 %\r\nnext") == "50 %25%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert cell("a | b <i>&\nc") == "a \\| b &lt;i&gt;&amp; c"


def test_md_path_is_checked_before_any_claim(ci_project, capsys):
    (ci_project / "out").mkdir()
    run = cc(capsys, "claims", "--md", "out")
    assert run.ret == 4 and run.error_line.startswith("ERROR: --md out: is a folder")


def test_the_documented_workflow_runs(tmp_path):
    """docs/github-workflow.yml's claimcheck and pytest steps, run as written on this repo
    (reports and the step summary redirected to a temporary folder)."""
    import shlex
    import subprocess
    import sys

    import yaml
    root = Path(__file__).resolve().parent.parent
    workflow = yaml.safe_load((root / "docs" / "github-workflow.yml").read_text(encoding="utf-8"))
    steps = [step["run"] for step in workflow["jobs"]["claims"]["steps"] if "run" in step]
    commands = [s for s in steps if s.split()[0] in ("claimcheck", "pytest")]
    assert len(commands) == 2 and any("--format github" in c for c in commands)
    summary = tmp_path / "summary.md"
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary), "NO_COLOR": "1"}
    for command in commands:
        argv = [word.replace("reports/", f"{tmp_path}/reports/").replace("$GITHUB_STEP_SUMMARY", str(summary))
                for word in shlex.split(command)]
        module = ["-m", argv[0]] + (["-p", "no:cacheprovider", "-o", "addopts="] if argv[0] == "pytest" else [])
        run = subprocess.run([sys.executable, *module, *argv[1:]], cwd=root, env=env,
                             capture_output=True, text=True)
        assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert summary.read_text(encoding="utf-8").startswith("## claimcheck: ✅ all passed")
    assert {p.name for p in (tmp_path / "reports").iterdir()} >= {"claims.xml", "claims.json", "claims.html",
                                                               "pytest-claims.xml"}


def _cases(path: Path) -> list[str]:
    """Every ``<testcase>`` of a JUnit file, as text, without its time."""
    import xml.etree.ElementTree as ET
    cases = []
    for case in ET.parse(path).getroot().iter("testcase"):
        case.attrib.pop("time", None)
        case.tail = None
        cases.append(ET.tostring(case, encoding="unicode"))
    return cases


@pytest.mark.parametrize("family", ["xunit2", "xunit1"])
def test_same_junit_from_both_front_ends(pytester, capsys, monkeypatch, family):
    make_project(pytester.path, claim=CLAIMS)
    for name, text in ARTICLES.items():
        (pytester.path / "articles" / name).write_text(text, encoding="utf-8")
    (pytester.path / "plugins").mkdir()
    (pytester.path / "plugins" / "ordinal.py").write_text("import no_such_module\n", encoding="utf-8")
    monkeypatch.setenv("CLAIMCHECK_DISABLE_PLUGIN_AUTOLOAD", "1")
    run = cc(capsys, "claims", "--junitxml", "cli.xml", "--junit-family", family, "-q")
    assert run.ret == 1, run
    pytester.runpytest("claims", "--junitxml", "pytest.xml", "-o", f"junit_family={family}",
                       "-p", "no:cacheprovider")
    cli, from_pytest = _cases(pytester.path / "cli.xml"), _cases(pytester.path / "pytest.xml")
    assert len(cli) == 7 and cli == from_pytest
    if family == "xunit2":
        xmlschema = pytest.importorskip("xmlschema")
        schema = xmlschema.XMLSchema(str(Path(__file__).parent / "data" / "junit-10.xsd"))
        schema.validate(str(pytester.path / "cli.xml"))
        schema.validate(str(pytester.path / "pytest.xml"))
    else:
        assert 'file="claims/c.yaml" line="2"' in cli[0]
        _golden("junit-cases.xml", "\n".join(cli) + "\n")


def test_pytest_writes_the_same_summary_and_annotations(pytester, capsys, monkeypatch):
    """The reports plugins serve both front ends: ``pytest claims/ --md --format github``."""
    make_project(pytester.path, claim=CLAIMS)
    for name, text in ARTICLES.items():
        (pytester.path / "articles" / name).write_text(text, encoding="utf-8")
    (pytester.path / "plugins").mkdir()
    (pytester.path / "plugins" / "ordinal.py").write_text("import no_such_module\n", encoding="utf-8")
    monkeypatch.setenv("CLAIMCHECK_DISABLE_PLUGIN_AUTOLOAD", "1")
    assert cc(capsys, "claims", "--md", "cli.md", "-q").ret == 1
    result = pytester.runpytest_subprocess("claims", "--md", "pytest.md", "--format", "github",
                                           "-p", "no:cacheprovider")
    assert result.ret == 1
    assert (pytester.path / "pytest.md").read_text(encoding="utf-8") == \
        (pytester.path / "cli.md").read_text(encoding="utf-8")
    assert sum(line.startswith("::error ") for line in result.stdout.lines) == 3
