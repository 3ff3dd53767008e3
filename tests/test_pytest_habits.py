"""pytest's habits in the ``claimcheck`` command (issue 10): FILE::ID paths, --co, --lf/--ff
from .claimcheck_cache, --durations, grouped --help, and the progress line on a terminal."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from hostile_helpers import cc, make_project, project  # noqa: F401  (the fixture)

TWO = """\
claims:
  - id: good
    claim: Microsoft a investi 1 milliard de dollars dans OpenAI.
    about: [Microsoft, OpenAI]
    cues: [investi]
    expect: {amount: 1 milliard de dollars}
  - id: bad
    claim: Microsoft a investi 3 milliards de dollars dans OpenAI.
    about: [Microsoft, OpenAI]
    cues: [investi]
    expect: {amount: 3 milliards de dollars, date: "2019"}
"""


@pytest.fixture
def two(project):  # noqa: F811
    make_project(project, claim=TWO)
    return project


def test_node_id_as_path(two, capsys):
    run = cc(capsys, "claims/c.yaml::bad", "-v")
    assert run.ret == 1 and "claims/c.yaml::bad CONTRADICTED" in run.out and "::good" not in run.out
    assert cc(capsys, "claims/c.yaml::good").ret == 0
    both = cc(capsys, "claims/c.yaml::good", "claims/c.yaml")
    assert "collected 2 claims" in both.out  # the whole file named too: every claim


def test_unknown_node_id_is_a_usage_error(two, capsys):
    run = cc(capsys, "claims/c.yaml::baad")
    assert run.ret == 4
    assert run.error_line == "ERROR: no claim 'baad' in claims/c.yaml (did you mean 'bad'?)"


def test_collect_only_lists_without_checking(two, capsys):
    (two / "articles" / "a.txt").unlink()  # no corpus: --co never reads it
    run = cc(capsys, "--co")
    assert run.ret == 0
    assert run.out.splitlines() == ["claims/c.yaml::good", "claims/c.yaml::bad", "", "2 claims collected"]
    assert cc(capsys, "--co", "-k", "nothing").ret == 5


def test_last_failed_and_failed_first(two, capsys):
    assert cc(capsys).ret == 1
    recorded = json.loads((two / ".claimcheck_cache" / "lastfailed").read_text(encoding="utf-8"))
    assert recorded == {"claims/c.yaml::bad": True}
    assert (two / ".claimcheck_cache" / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    lf = cc(capsys, "--lf", "-v")
    assert "collected 1 claim\n" in lf.out and "::good" not in lf.out
    ff = cc(capsys, "--ff", "-v")
    lines = [line for line in ff.out.splitlines() if "::" in line]
    assert lines[0].startswith("claims/c.yaml::bad") and lines[1].startswith("claims/c.yaml::good")
    cc(capsys, "--cache-clear", "-k", "good")
    assert json.loads((two / ".claimcheck_cache" / "lastfailed").read_text(encoding="utf-8")) == {}
    assert "collected 2 claims" in cc(capsys, "--lf").out  # nothing failed: everything runs


def test_no_cacheprovider_writes_no_cache(two, capsys):
    cc(capsys, "-p", "no:cacheprovider")
    assert not (two / ".claimcheck_cache").exists()


def test_durations(two, capsys):
    run = cc(capsys, "--durations", "1")
    assert "slowest 1 durations" in run.out
    section = run.out.split("slowest 1 durations\n")[1].splitlines()
    assert section[0].endswith(("claims/c.yaml::good", "claims/c.yaml::bad")) and section[1] == ""
    assert cc(capsys, "--durations", "x").ret == 4


def test_help_lists_every_option_in_groups(capsys):
    from claimcheck import cli
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    text = capsys.readouterr().out
    for group in ("selection:", "terminal output:", "verdicts and corpus:", "plugins:",
                  "reports, cache and plugins' options:"):
        assert group in text
    for option in ("-k", "--maxfail", "--co", "--durations", "--sources", "--strict", "--conflict",
                   "--hedged", "--plugin-timeout", "--junitxml", "--junit-family", "--json", "--md",
                   "--format", "--lf", "--ff", "--cache-clear", "-p", "--plugins", "--matchers"):
        assert f"  {option}" in text or f", {option}" in text, option


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize("quiet", [False, True])
def test_progress_line_on_a_terminal_only(two, quiet):
    """Standard error a terminal, standard output a pipe: the progress line counts claims
    on stderr; -q or a non-terminal turn it off."""
    leader, follower = os.openpty()
    env = {**os.environ, "CLAIMCHECK_DISABLE_PLUGIN_AUTOLOAD": "1", "NO_COLOR": "1"}
    proc = subprocess.run([sys.executable, "-m", "claimcheck", *(["-q"] if quiet else [])], cwd=two,
                          stdout=subprocess.PIPE, stderr=follower, env=env, timeout=60)
    os.close(follower)
    err = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        err += chunk
    os.close(leader)
    assert proc.returncode == 1
    text = err.decode("utf-8", "replace")
    if quiet:
        assert "claims checked" not in text and "reading the corpus" not in text
    else:
        assert "reading the corpus (1/1)" in text and "[100%] 2/2 claims checked" in text
        assert text.endswith("\r\x1b[K")  # cleared at the end
    assert b"\r" not in proc.stdout and b"claims checked" not in proc.stdout
    piped = subprocess.run([sys.executable, "-m", "claimcheck"], cwd=two, capture_output=True, env=env)
    assert b"claims checked" not in piped.stderr + piped.stdout
