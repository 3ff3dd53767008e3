"""End to end: ``python -m claimcheck`` in small temporary projects.

Each test writes a project (pyproject.toml, one article, one claim file), runs the command
in a subprocess from the project folder and checks the exit code (pytest's numbers), the
output (fnmatch-style globs, as pytester's ``fnmatch_lines``) and the report files.
"""
from __future__ import annotations

import fnmatch
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ARTICLE = "Microsoft a investi 1 milliard de dollars dans OpenAI en 2019.\n"

CLAIMS = """\
lang: fr
claims:
  - id: msft-1bn
    claim: Microsoft a investi 1 milliard de dollars dans OpenAI en 2019.
    about: [Microsoft, OpenAI]
    cues: [investi]
    expect: {amount: 1 milliard de dollars, date: "2019"}
    tags: [funding]
  - id: msft-2bn
    claim: Microsoft a investi 2 milliards de dollars dans OpenAI en 2019.
    about: [Microsoft, OpenAI]
    cues: [investi]
    expect: {amount: 2 milliards de dollars, date: "2019"}
    tags: [funding, wrong]
  - id: google-absent
    claim: Google a investi 1 milliard de dollars dans OpenAI.
    about: [Google, OpenAI]
    cues: [investi]
    expect: {amount: 1 milliard de dollars}
"""

SUPPORTED_ONLY = """\
claims:
  - id: msft-1bn
    claim: Microsoft a investi 1 milliard de dollars dans OpenAI en 2019.
    about: [Microsoft, OpenAI]
    cues: [investi]
    expect: {amount: 1 milliard de dollars}
"""

SUMMARY = "* supported, * contradicted, * absent in *.??s"


class Run:
    """A finished ``claimcheck`` process."""

    def __init__(self, proc: subprocess.CompletedProcess) -> None:
        self.ret = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr
        self.lines = proc.stdout.splitlines()

    def fnmatch_lines(self, *patterns: str) -> None:
        """Each pattern matches some line of stdout, in order."""
        rest = self.lines
        for pattern in patterns:
            for i, line in enumerate(rest):
                if fnmatch.fnmatch(line, pattern):
                    rest = rest[i + 1:]
                    break
            else:
                raise AssertionError(f"no line matches {pattern!r} in:\n{self.out}\n{self.err}")

    def __repr__(self) -> str:
        return f"<Run ret={self.ret}\n{self.out}\n{self.err}>"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project whose [tool.claimcheck] names claims/ and articles/."""
    (tmp_path / "pyproject.toml").write_text(
        '[tool.claimcheck]\npaths = ["claims"]\nsources = ["articles"]\n', encoding="utf-8")
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "funding.yaml").write_text(CLAIMS, encoding="utf-8")
    return tmp_path


@pytest.fixture
def run(tmp_path: Path):
    """Run ``python -m claimcheck ARGS`` in tmp_path (autoloaded entry points off)."""

    def run_(*args: str, cwd: Path | None = None, env: dict | None = None) -> Run:
        environ = {**os.environ, "NO_COLOR": "1", "CLAIMCHECK_DISABLE_PLUGIN_AUTOLOAD": "1",
                   **(env or {})}
        proc = subprocess.run([sys.executable, "-m", "claimcheck", *args], cwd=cwd or tmp_path,
                              capture_output=True, text=True, encoding="utf-8", env=environ, timeout=120)
        return Run(proc)
    return run_


def no_traceback(result: Run) -> None:
    assert "Traceback" not in result.err and "Traceback" not in result.out, result


# -- exit codes -------------------------------------------------------------------


def test_all_supported_exits_0(project, run):
    (project / "claims" / "funding.yaml").write_text(SUPPORTED_ONLY, encoding="utf-8")
    result = run()
    assert result.ret == 0, result
    result.fnmatch_lines("collected 1 claim", "*claims/funding.yaml .", "1 supported in *.??s")


def test_contradicted_exits_1(project, run):
    result = run()
    assert result.ret == 1, result
    result.fnmatch_lines("collected 3 claims", "*claims/funding.yaml .Ca",
                         "CONTRADICTED *funding.yaml::msft-2bn - articles/a.txt:1 *1 milliard*",
                         SUMMARY)
    assert "1 supported, 1 contradicted, 1 absent in " in result.out


def test_absent_is_not_a_failure_without_strict(project, run):
    result = run("-k", "google")
    assert result.ret == 0, result
    result.fnmatch_lines("1 absent in *s")
    strict = run("-k", "google", "--strict")
    assert strict.ret == 1, strict
    strict.fnmatch_lines("ABSENT *::google-absent - *", "1 absent in *s")


def test_strict_from_pyproject(project, run):
    (project / "pyproject.toml").write_text(
        '[tool.claimcheck]\npaths = ["claims"]\nsources = ["articles"]\nstrict = true\n', encoding="utf-8")
    assert run("-k", "google").ret == 1


def test_matcher_error_is_an_error_verdict_exit_1(project, run):
    (project / "plugins").mkdir()
    (project / "plugins" / "boom.py").write_text(textwrap.dedent("""\
        from claimcheck import Matcher, hookimpl

        class Boom(Matcher):
            kind = "boom"
            def parse(self, text, *, lang, options):
                return text
            def extract(self, text, *, lang, ref_date):
                raise RuntimeError("kaboom")
            def compare(self, expected, mention):
                raise RuntimeError("kaboom")

        @hookimpl
        def claimcheck_register_matchers():
            return [Boom()]
        """), encoding="utf-8")
    (project / "claims" / "boom.yaml").write_text(textwrap.dedent("""\
        claims:
          - id: boomed
            claim: x
            about: [Microsoft]
            cues: [investi]
            expect: {boom: x}
        """), encoding="utf-8")
    result = run("-v", "--json", "r.json")
    assert result.ret == 1, result
    no_traceback(result)
    result.fnmatch_lines("*boom.yaml::boomed ERROR *boom*kaboom*")
    verdicts = {c["id"]: c["verdict"] for c in json.loads((project / "r.json").read_text())["claims"]}
    assert verdicts == {"boomed": "error", "msft-1bn": "supported", "msft-2bn": "contradicted",
                        "google-absent": "absent"}


def test_bad_claim_file_exits_4_with_location(project, run):
    (project / "claims" / "funding.yaml").write_text(
        SUPPORTED_ONLY.replace("expect:", "expcet:"), encoding="utf-8")
    result = run()
    assert result.ret == 4, result
    no_traceback(result)
    assert fnmatch.fnmatch(result.err.strip().splitlines()[0],
                           "ERROR: *claims/funding.yaml:6:5: unknown key 'expcet'*did you mean 'expect'*"), result


def test_missing_path_exits_4(project, run):
    result = run("claims/nope.yaml")
    assert result.ret == 4, result
    no_traceback(result)
    assert "not found" in result.err and "nope.yaml" in result.err


def test_bad_keyword_exits_4(project, run):
    result = run("-k", "msft and (")
    assert result.ret == 4, result
    no_traceback(result)
    assert "-k" in result.err


def test_nothing_selected_exits_5(project, run):
    result = run("-k", "no-such-claim")
    assert result.ret == 5, result
    result.fnmatch_lines("collected 0 claims")


def test_empty_folder_exits_5(project, run):
    (project / "empty").mkdir()
    assert run("empty").ret == 5


def test_interrupted_exits_2(project, run):
    (project / "interrupter.py").write_text(textwrap.dedent("""\
        from claimcheck import hookimpl

        @hookimpl
        def claimcheck_logresult(result):
            raise KeyboardInterrupt
        """), encoding="utf-8")
    result = run("-p", "interrupter", "--json", "r.json", env={"PYTHONPATH": str(project)})
    assert result.ret == 2, result
    no_traceback(result)
    result.fnmatch_lines("!!! interrupted !!!")
    # The report still describes what was decided before the interruption.
    assert len(json.loads((project / "r.json").read_text())["claims"]) == 1


# -- selection and stopping ---------------------------------------------------------


def test_keyword_on_id(project, run):
    result = run("-v", "-k", "msft and not 2bn")
    assert result.ret == 0, result
    result.fnmatch_lines("collected 1 claim", "*::msft-1bn SUPPORTED *", "1 supported in *s")


def test_keyword_on_tag(project, run):
    result = run("-v", "-k", "wrong")
    assert result.ret == 1
    result.fnmatch_lines("*::msft-2bn CONTRADICTED *", "1 contradicted in *s")
    assert run("-q", "-k", "funding").out.startswith(".C")


def test_keyword_ignores_folders_above_the_project(project, run):
    # The tmp folder's own name must not select every claim (node ids are project-relative).
    assert run("-k", project.name).ret == 5


def test_exitfirst_stops_after_first_failure(project, run):
    (project / "claims" / "funding.yaml").write_text(
        CLAIMS + CLAIMS.split("claims:\n", 1)[1].replace("id: ", "id: again-"), encoding="utf-8")
    full = run("-q")
    assert full.out.startswith(".Ca.Ca"), full
    first = run("-x", "-q")
    assert first.ret == 1
    assert first.out.startswith(".C\n"), first
    first.fnmatch_lines("1 supported, 1 contradicted in *s")
    assert run("--maxfail", "2", "-q").out.startswith(".Ca.C\n")


# -- output ---------------------------------------------------------------------


def test_quiet_letters(project, run):
    result = run("-q")
    assert result.lines[0] == ".Ca"
    assert "collected" not in result.out
    result.fnmatch_lines(SUMMARY)


def test_verbose_lines(project, run):
    result = run("-v")
    result.fnmatch_lines(
        '*claims/funding.yaml::msft-1bn SUPPORTED  articles/a.txt:1 "Microsoft a investi 1 milliard*"',
        '*claims/funding.yaml::msft-2bn CONTRADICTED  articles/a.txt:1 "*1 milliard de dollars*"',
        "*claims/funding.yaml::google-absent ABSENT  *",
        "1 supported, 1 contradicted, 1 absent in *.??s")


def test_reports_written(project, run):
    result = run("--junitxml", "out/r.xml", "--json", "out/r.json")
    assert result.ret == 1
    report = json.loads((project / "out" / "r.json").read_text(encoding="utf-8"))
    assert report["summary"] == {"supported": 1, "contradicted": 1, "absent": 1, "error": 0,
                                 "passed": 2, "failed": 1}
    xml = (project / "out" / "r.xml").read_text(encoding="utf-8")
    assert xml.count("<testcase") == 3 and "<failure" in xml and "<skipped" in xml


def test_paths_and_sources_from_pyproject(project, run):
    # Run from a subfolder: the root is found upwards, its paths and sources apply.
    (project / "sub").mkdir()
    result = run("-q", cwd=project / "sub")
    assert result.ret == 1, result
    assert result.lines[0] == ".Ca"


def test_sources_option_overrides_pyproject(project, run):
    (project / "other").mkdir()
    (project / "other" / "b.txt").write_text(
        "Microsoft a investi 2 milliards de dollars dans OpenAI en 2019.\n", encoding="utf-8")
    assert run("-q", "--sources", "other").lines[0] == "C.a"


def test_no_paths_anywhere_is_a_usage_error(tmp_path, run):
    result = run()
    assert result.ret == 4
    assert "no claim paths" in result.err


def test_extract_json(tmp_path, run):
    (tmp_path / "e.txt").write_text("Lundi, Microsoft a annoncé un investissement de 10 milliards de "
                                    "dollars, soit 49 % du capital.\n", encoding="utf-8")
    result = run("extract", "e.txt", "--json", "--date", "2023-01-24")
    assert result.ret == 0, result
    rows = json.loads(result.out)
    assert [(r["kind"], r["text"], r["value"]) for r in rows] == [
        ("date", "Lundi", "2023-01-23"),
        ("amount", "10 milliards de dollars", "USD 10000000000"),
        ("percentage", "49 %", "49%")]
    assert all(r["file"] == "e.txt" and r["line"] == 1 for r in rows)
    text = run("extract", "e.txt", "--kind", "amount")
    text_lines = text.out.splitlines()
    assert len(text_lines) == 1 and fnmatch.fnmatch(text_lines[0], "e.txt:1:48-71 amount *'10 milliards de dollars' = USD 10000000000")


def test_extract_bad_date_and_missing_file(tmp_path, run):
    (tmp_path / "e.txt").write_text("x", encoding="utf-8")
    bad = run("extract", "e.txt", "--date", "tomorrow")
    assert bad.ret == 4 and "--date" in bad.err
    missing = run("extract", "nope.txt")
    assert missing.ret == 4 and "nope.txt" in missing.err
    no_traceback(missing)


def test_list_plugins(project, run):
    result = run("--plugins")
    assert result.ret == 0
    result.fnmatch_lines("amount * built-in * claimcheck_register_matchers",
                         "corpus * claimcheck_load_document",
                         "jsonreport * claimcheck_addoption, claimcheck_sessionfinish")


def test_list_matchers(project, run):
    result = run("--matchers")
    assert result.ret == 0
    result.fnmatch_lines("amount", "------", "date", "----", "percentage", "----------")
