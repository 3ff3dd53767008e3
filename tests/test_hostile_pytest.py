"""Hostile input under the pytest front end (issue 12): short messages instead of pytest's
internal tracebacks, exit 4 for set-up and corpus errors, --json under pytest-xdist."""
from __future__ import annotations

import json
import os
import stat

import pytest
from hostile_helpers import CLAIM, make_project
from test_hostile_cli import REDEFINE


@pytest.fixture
def project(pytester):
    make_project(pytester.path)
    return pytester


def _text(result) -> str:
    """What the user sees, less pytest's own warnings summary: newer pytest warns, in a
    pytester run inside this process, that claimcheck was imported before it could be
    rewritten, and names its own files in that warning."""
    text = result.stdout.str() + result.stderr.str()
    return "\n".join(line for line in text.splitlines()
                     if "PytestAssertRewriteWarning" not in line and "_mark_plugins_for_rewrite" not in line
                     and "site-packages/_pytest/config/__init__.py" not in line)


def test_corpus_error_under_pytest_is_one_line_and_exit_4(project):
    (project.path / "articles" / "sources.yaml").write_text("a.txt: {dat: 2019}\n", encoding="utf-8")
    result = project.runpytest("claims", "-p", "no:cacheprovider")
    assert result.ret == 4
    result.stderr.fnmatch_lines(["ERROR: *articles/sources.yaml:1:9: unknown key 'dat' (did you mean 'date'?)*"])
    assert "Traceback (most recent" not in _text(result) and "_pytest/" not in _text(result)


def test_error_verdict_under_pytest_is_the_claim_and_its_reason(project):
    (project.path / "plugins").mkdir()
    (project.path / "plugins" / "boom.py").write_text(
        "from claimcheck import Matcher, hookimpl\n"
        "class Boom(Matcher):\n"
        "    kind = 'boom'\n"
        "    def parse(self, text, *, lang, options): return text\n"
        "    def extract(self, text, *, lang, ref_date): raise RuntimeError('kaboom')\n"
        "    def compare(self, expected, mention): raise RuntimeError('kaboom')\n"
        "@hookimpl\n"
        "def claimcheck_register_matchers(): return [Boom()]\n", encoding="utf-8")
    (project.path / "claims" / "c.yaml").write_text(
        CLAIM.replace("{amount: 1 milliard de dollars}", "{boom: x}"), encoding="utf-8")
    result = project.runpytest("claims", "-p", "no:cacheprovider")
    assert result.ret == 1
    result.stdout.fnmatch_lines(["*ERROR at setup of claim: msft*", "Microsoft a investi 1 milliard*",
                                 "*matcher 'boom' failed: RuntimeError: kaboom*"])
    assert len(result.stdout.lines) < 40, result.stdout.str()
    assert "Traceback (most recent" not in _text(result) and "_pytest/" not in _text(result)


def test_plugin_redefining_a_builtin_kind_under_pytest_is_a_usage_error(project):
    (project.path / "plugins").mkdir()
    (project.path / "plugins" / "amount2.py").write_text(REDEFINE, encoding="utf-8")
    result = project.runpytest("claims", "-p", "no:cacheprovider")
    assert result.ret == 4
    result.stderr.fnmatch_lines(["ERROR: two matchers of kind 'amount': amount and plugins/amount2.py*"])
    assert "Traceback (most recent" not in _text(result)


def test_json_report_path_that_is_a_folder_under_pytest_is_a_usage_error(project):
    (project.path / "some_folder").mkdir()
    result = project.runpytest("claims", "-p", "no:cacheprovider", "--json=some_folder")
    assert result.ret == 4
    result.stderr.fnmatch_lines(["ERROR: --json some_folder: is a folder; name a file*"])
    assert "Traceback (most recent" not in _text(result)


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full"])
def test_json_report_linked_to_a_device_under_pytest_never_replaces_it(project, device):
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    (project.path / "dev.json").symlink_to(device)
    result = project.runpytest("claims", "-p", "no:cacheprovider", "--json=dev.json")
    assert stat.S_ISCHR(os.stat(device).st_mode)
    if device == "/dev/full":
        assert result.ret == 4
        result.stdout.fnmatch_lines(["ERROR: --json *: cannot write the report: No space left on device*"])
    else:
        assert result.ret == 0


def test_json_report_under_xdist_merges_every_workers_claims(project):
    pytest.importorskip("xdist")
    body = "claims:\n" + "".join(
        CLAIM.split("claims:\n", 1)[1].replace("id: msft", f"id: msft-{i}") for i in range(12))
    (project.path / "claims" / "c.yaml").unlink()
    for name in ("x", "y", "z"):
        (project.path / "claims" / f"{name}.yaml").write_text(body, encoding="utf-8")
    result = project.runpytest_subprocess("claims", "-p", "no:cacheprovider", "-n", "2", "--json=r.json")
    assert result.ret == 0, result.stdout.str()
    report = json.loads((project.path / "r.json").read_text(encoding="utf-8"))
    assert len(report["claims"]) == 36 and report["summary"]["supported"] == 36
    assert [c["file"] for c in report["claims"]] == sorted(c["file"] for c in report["claims"])


def test_json_report_without_xdist_matches_the_command_line(project):
    result = project.runpytest("claims", "-p", "no:cacheprovider", "--json=r.json")
    assert result.ret == 0
    report = json.loads((project.path / "r.json").read_text(encoding="utf-8"))
    assert [(c["id"], c["verdict"]) for c in report["claims"]] == [("msft", "supported")]
    assert report["summary"] == {"supported": 1, "contradicted": 0, "absent": 0, "error": 0,
                                 "passed": 1, "failed": 0}
