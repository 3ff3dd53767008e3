"""Hostile command lines, pyproject.toml tables, report paths and plugins (issue 12, and the
option habits of issue 10): exit 4 with one ``ERROR:`` line, report paths checked before
any claim is, nothing replaced that is not a report."""
from __future__ import annotations

import errno
import json
import os
import stat
import textwrap

import pytest
from hostile_helpers import CLAIM, PYPROJECT, cc, cc_sub, make_project, project  # noqa: F401  (the fixture)


# -- command line -------------------------------------------------------------------------


def test_keyword_nested_thousands_deep_is_a_usage_error(project, capsys):
    for expression in ("(" * 5000 + "msft" + ")" * 5000, "not " * 5000 + "msft"):
        run = cc(capsys, "-k", expression)
        assert run.ret == 4
        assert "nested more than 100 levels deep" in run.error_line, run
    assert cc(capsys, "-q", "-k", "(" * 50 + "msft" + ")" * 50).ret == 0


@pytest.mark.parametrize("flag", ["--junitxml", "--json"])
def test_report_option_as_two_words_is_not_a_claim_path(project, capsys, flag):
    run = cc(capsys, "-q", flag, "reports/r.out")
    assert run.ret == 0 and run.out.startswith("."), run
    assert (project / "reports" / "r.out").is_file()


def test_report_path_in_another_project_does_not_select_it(project, capsys, tmp_path_factory):
    other = make_project(tmp_path_factory.mktemp("other"), claim=CLAIM.replace("1 milliard", "2 milliards"))
    run = cc(capsys, "-q", "--json", str(other / "r.json"))
    assert run.ret == 0 and run.out.startswith(".\n"), run  # this project's claim, supported


def test_sources_then_claim_file_takes_the_claim_file_as_claims(project, capsys):
    (project / "extra").mkdir()
    (project / "extra" / "x.yaml").write_text(CLAIM.replace("id: msft", "id: extra"), encoding="utf-8")
    run = cc(capsys, "-v", "--sources", "articles", "extra/x.yaml")
    assert run.ret == 0 and "extra/x.yaml::extra SUPPORTED" in run.out, run
    assert "collected 1 claim" in run.out
    both = cc(capsys, "-v", "--sources", "articles", "--sources", "articles/a.txt", "extra/x.yaml")
    assert both.ret == 0 and "extra/x.yaml::extra SUPPORTED" in both.out, both


@pytest.mark.parametrize("args, message", [
    (["--bogus"], "ERROR: unrecognized arguments: --bogus"),
    (["--stirct"], "ERROR: unrecognized arguments: --stirct; did you mean --strict?"),
    # --co is now pytest's --collect-only; a prefix of --conflict is still no abbreviation.
    (["--conf", "majority"], "ERROR: unrecognized arguments: --conf; did you mean --conflict? (see"),
    (["--conflict", "bogus"], "ERROR: argument --conflict: invalid choice: 'bogus'"),
    (["--maxfail", "abc"], "ERROR: argument --maxfail: must be a whole number >= 0, not 'abc'"),
    (["--maxfail", "-1"], "ERROR: argument --maxfail: must be a whole number >= 0, not '-1'"),
    (["--plugin-timeout", "0"], "ERROR: argument --plugin-timeout: must be a number of seconds > 0"),
    (["extract", "x.txt", "--lang", "de"], "ERROR: argument --lang: invalid choice: 'de'"),
    (["extract", "x.txt", "--bogus"], "ERROR: unrecognized arguments: --bogus"),
], ids=["unknown", "misspelt", "prefix", "choice", "maxfail-text", "maxfail-negative", "timeout",
        "extract-lang", "extract-unknown"])
def test_bad_option_exits_4_with_one_error_line(project, capsys, args, message):
    (project / "x.txt").write_text("x", encoding="utf-8")
    run = cc(capsys, *args)
    assert run.ret == 4, run
    assert run.error_line.startswith(message), run
    assert run.out == ""


def test_unencodable_quote_on_a_cp1252_terminal_is_escaped(project):
    (project / "articles" / "a.txt").write_text(
        "À Łódź, Microsoft a investi 1 milliard de dollars dans OpenAI.\n", encoding="utf-8")
    run = cc_sub(project, "-v", env={"PYTHONIOENCODING": "cp1252"})
    assert run.ret == 0, run
    assert "\\u0141\\xf3d\\u017a" in run.out or "\\u0141" in run.out, run


def test_json_dash_writes_the_report_on_standard_output(project, capsys):
    run = cc(capsys, "--json", "-")
    assert run.ret == 0
    assert json.loads(run.out)["summary"]["supported"] == 1
    assert "1 supported" in run.err
    assert not (project / "-").exists()


# -- pyproject.toml -----------------------------------------------------------------------


@pytest.mark.parametrize("table, message", [
    ('paths = ["claims"\nsources = ["articles"]\n',
     "ERROR: pyproject.toml:3:1: invalid TOML: "),
    ('paths = ["claims"]\nsoruces = ["articles"]\n',
     "ERROR: pyproject.toml:3: unknown key 'soruces' in [tool.claimcheck] (did you mean 'sources'?)"),
    ('paths = ["claims"]\nsources = ["articles"]\nstrictt = true\n',
     "ERROR: pyproject.toml:4: unknown key 'strictt' in [tool.claimcheck] (did you mean 'strict'?)"),
    ('paths = ["claims"]\nsources = ["articles"]\nstrict = "false"\n',
     "ERROR: pyproject.toml:4: 'strict' must be true or false (without quotes), not the string 'false'"),
    ('paths = ["claims"]\nsources = ["articles"]\nmaxfail = "x"\n',
     "ERROR: pyproject.toml:4: 'maxfail' must be a whole number >= 0, not the string 'x'"),
    ('paths = ["claims"]\nsources = ["articles"]\nmaxfail = -1\n',
     "ERROR: pyproject.toml:4: 'maxfail' must be a whole number >= 0, not -1"),
    ('paths = ["claims"]\nsources = ["articles"]\nconflict = "most"\n',
     "ERROR: pyproject.toml:4: 'conflict' must be one of contradicted, majority, supported"),
    ('paths = ["claims"]\nsources = "articles"\nlang = "de"\n',
     "ERROR: pyproject.toml: 'lang': language 'de' is not one claimcheck reads"),
    ('paths = ["claims"]\nsources = ["articles"]\nplugin_timeout = "fast"\n',
     "ERROR: pyproject.toml:4: 'plugin_timeout' must be a number > 0"),
], ids=["toml-syntax", "misspelt-sources", "misspelt-strict", "string-boolean", "string-number",
        "negative-number", "bad-choice", "unread-lang", "timeout"])
def test_bad_pyproject_table_is_a_usage_error(project, capsys, table, message):
    (project / "pyproject.toml").write_text("[tool.claimcheck]\n" + table, encoding="utf-8")
    run = cc(capsys)
    assert run.ret == 4, run
    assert run.error_line.startswith(message), run


@pytest.mark.parametrize("line, expected", [("strict = true", 0), ("strict = false", 0), ("maxfail = 1", 0),
                                            ("json = 'r.json'", 0), ("plugin_timeout = 5", 0),
                                            ("allow-outside-root = false", 0)])
def test_typed_pyproject_values_are_accepted(project, capsys, line, expected):
    (project / "pyproject.toml").write_text(PYPROJECT + line + "\n", encoding="utf-8")
    assert cc(capsys, "-q").ret == expected


def test_pytest_reads_the_same_pyproject_strictly(pytester):
    make_project(pytester.path)
    (pytester.path / "pyproject.toml").write_text(PYPROJECT + "soruces = ['articles']\n", encoding="utf-8")
    result = pytester.runpytest("claims", "-p", "no:cacheprovider")
    assert result.ret == 4
    result.stderr.fnmatch_lines(["ERROR: *pyproject.toml:4: unknown key 'soruces'*did you mean 'sources'*"])


# -- reports ------------------------------------------------------------------------------


def _no_claim_checked(run) -> None:
    assert "collected" not in run.out and "supported" not in run.out, run


@pytest.mark.parametrize("flag", ["--junitxml", "--json"])
def test_report_path_that_is_a_folder_is_refused_before_checking(project, capsys, flag):
    (project / "some_folder").mkdir()
    run = cc(capsys, f"{flag}=some_folder")
    assert run.ret == 4
    assert run.error_line.startswith(f"ERROR: {flag} some_folder: is a folder; name a file"), run
    _no_claim_checked(run)


@pytest.mark.parametrize("flag", ["--junitxml", "--json"])
def test_report_path_under_a_regular_file_is_refused_before_checking(project, capsys, flag):
    run = cc(capsys, flag, "claims/c.yaml/r.out")
    assert run.ret == 4
    assert run.error_line.startswith(f"ERROR: {flag} claims/c.yaml/r.out: cannot be created: ") and \
        "is a file, not a folder" in run.error_line, run
    _no_claim_checked(run)


def test_report_in_a_read_only_folder_is_refused_before_checking(project, capsys):
    if os.geteuid() == 0:
        pytest.skip("root may write to a read-only folder: chmod cannot make one here")
    (project / "ro").mkdir()
    (project / "ro").chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        run = cc(capsys, "--json", "ro/r.json")
    finally:
        (project / "ro").chmod(stat.S_IRWXU)
    assert run.ret == 4 and "not writable" in run.error_line, run


def test_report_on_a_read_only_file_system_is_exit_4_and_keeps_the_previous_one(project, capsys, monkeypatch):
    # A read-only file system (EROFS) simulated where the report is created: no root needed.
    from claimcheck.reporters import atomic
    assert cc(capsys, "--json", "r.json").ret == 0
    before = (project / "r.json").read_bytes()

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")
    monkeypatch.setattr(atomic.tempfile, "mkstemp", read_only)
    run = cc(capsys, "--json", "r.json")
    assert run.ret == 4
    assert run.error_line.startswith("ERROR: --json ") and "Read-only file system" in run.error_line, run
    assert (project / "r.json").read_bytes() == before


def test_full_disk_is_exit_4_and_keeps_the_previous_report(project, capsys, monkeypatch):
    from claimcheck.reporters import atomic
    assert cc(capsys, "--junitxml", "r.xml").ret == 0
    before = (project / "r.xml").read_bytes()

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(atomic.os, "fsync", full)
    run = cc(capsys, "--junitxml", "r.xml")
    assert run.ret == 4
    assert "No space left on device; the previous report, if any, is kept" in run.error_line, run
    assert (project / "r.xml").read_bytes() == before
    assert [p.name for p in project.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full"])
def test_report_linked_to_a_device_writes_to_it_and_never_replaces_it(project, capsys, device):
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    (project / "dev.xml").symlink_to(device)
    run = cc(capsys, "--junitxml", "dev.xml")
    assert stat.S_ISCHR(os.stat(device).st_mode), f"{device} was replaced"
    if device == "/dev/full":
        assert run.ret == 4 and "No space left on device" in run.error_line, run
    else:
        assert run.ret == 0, run


def test_one_bad_report_path_stops_the_run_before_any_report(project, capsys):
    (project / "some_folder").mkdir()
    run = cc(capsys, "--json", "some_folder", "--junitxml", "ok.xml")
    assert run.ret == 4 and "--json some_folder: is a folder" in run.error_line, run
    assert not (project / "ok.xml").exists()


def test_two_reports_on_one_path_are_refused(project, capsys):
    run = cc(capsys, "--json", "same", "--junitxml", "./same")
    assert run.ret == 4
    assert run.error_line == "ERROR: --junitxml and --json both name same: give each report its own file", run
    assert not (project / "same").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_report_path_that_is_a_fifo_is_refused(project):
    os.mkfifo(project / "r.json")
    run = cc_sub(project, "--json", "r.json", timeout=60)
    assert run.ret == 4 and "is a FIFO (named pipe); reports are written to regular files" in run.error_line


# -- plugins ------------------------------------------------------------------------------

SLOW = '''\
import os, signal, time
from claimcheck import Matcher, hookimpl

class Slow(Matcher):
    kind = "slow"
    def parse(self, text, *, lang, options):
        return text
    def extract(self, text, *, lang, ref_date):
        if "Google" not in text:
            return []
        if os.environ.get("SLOW_INTERRUPTS"):
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C while it hangs
        while True:
            time.sleep(0.05)
    def compare(self, expected, mention):
        raise AssertionError

@hookimpl
def claimcheck_register_matchers():
    return [Slow()]
'''
# The article only the second claim needs: the first is decided before the plugin hangs.
GOOGLE = "Google a investi dans Anthropic.\n"
SLOW_CLAIM = """\
  - id: z-slow
    claim: x
    about: [Google]
    cues: [investi]
    expect: {slow: x}
"""


def test_plugin_whose_extract_never_returns_is_an_error_after_its_time(project):
    (project / "plugins").mkdir()
    (project / "plugins" / "slow.py").write_text(SLOW, encoding="utf-8")
    (project / "claims" / "c.yaml").write_text(CLAIM + SLOW_CLAIM, encoding="utf-8")
    (project / "articles" / "b.txt").write_text(GOOGLE, encoding="utf-8")
    run = cc_sub(project, "-v", "--plugin-timeout", "1", "--json", "r.json", timeout=60)
    assert run.ret == 1, run
    assert "z-slow ERROR  plugin plugins/slow.py: matcher 'slow' failed: TimeoutError: took longer than 1 s" \
        in run.out, run
    verdicts = {c["id"]: c["verdict"] for c in json.loads((project / "r.json").read_text())["claims"]}
    assert verdicts == {"msft": "supported", "z-slow": "error"}


def test_ctrl_c_during_a_hanging_plugin_keeps_the_finished_claims(project):
    (project / "plugins").mkdir()
    (project / "plugins" / "slow.py").write_text(SLOW, encoding="utf-8")
    (project / "claims" / "c.yaml").write_text(CLAIM + SLOW_CLAIM, encoding="utf-8")
    (project / "articles" / "b.txt").write_text(GOOGLE, encoding="utf-8")
    run = cc_sub(project, "--json", "r.json", timeout=60, env={"SLOW_INTERRUPTS": "1"})
    assert run.ret == 2, run
    assert [c["id"] for c in json.loads((project / "r.json").read_text())["claims"]] == ["msft"]


REDEFINE = textwrap.dedent('''\
    from claimcheck import Matcher, hookimpl

    class Amount(Matcher):
        kind = "amount"
        def parse(self, text, *, lang, options):
            return text
        def extract(self, text, *, lang, ref_date):
            return []
        def compare(self, expected, mention):
            raise AssertionError

    @hookimpl
    def claimcheck_register_matchers():
        return [Amount()]
    ''')


def test_plugin_redefining_a_builtin_kind_is_a_usage_error(project, capsys):
    (project / "plugins").mkdir()
    (project / "plugins" / "amount2.py").write_text(REDEFINE, encoding="utf-8")
    run = cc(capsys)
    assert run.ret == 4
    assert run.error_line == ("ERROR: two matchers of kind 'amount': amount and plugins/amount2.py; "
                              "block one with -p no:NAME"), run
