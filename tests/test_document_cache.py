"""The document cache (.claimcheck_cache/documents.sqlite) and -n worker processes change
how fast a run is, never what it reports."""
from __future__ import annotations

import json
import pickle
import shutil
import sqlite3
import subprocess
import sys

import pytest

from hostile_helpers import cc, cc_sub, project, report, seeds  # noqa: F401  (fixtures)

DB = ".claimcheck_cache/documents.sqlite"


def test_reports_are_the_same_with_and_without_cache_and_workers(seeds):
    reference = report(seeds, "--no-cache", "-n", "0")
    assert not (seeds / DB).exists()
    assert report(seeds, "-n", "0") == reference  # cold: computes and stores
    assert (seeds / DB).exists()
    assert report(seeds, "-n", "0") == reference  # warm: reads what it stored
    assert report(seeds, "-n", "2", "--cache-clear") == reference  # cold, in two workers
    assert report(seeds, "-n", "2") == reference  # warm, nothing left to share out
    assert report(seeds, "-n", "2", "--no-cache") == reference


def test_a_warm_run_reads_no_document_again(seeds):
    cc_sub(seeds, "-q")
    with sqlite3.connect(seeds / DB) as db:
        before = db.execute("SELECT count(*) FROM layout").fetchone()[0], \
            db.execute("SELECT count(*) FROM mentions").fetchone()[0]
    assert before[0] == len(list((seeds / "seeds").glob("*.txt"))) and before[1] > 0
    cc_sub(seeds, "-q")
    with sqlite3.connect(seeds / DB) as db:
        assert (db.execute("SELECT count(*) FROM layout").fetchone()[0],
                db.execute("SELECT count(*) FROM mentions").fetchone()[0]) == before


def test_a_file_that_is_not_a_database_is_rebuilt_with_a_warning(seeds):
    reference = report(seeds, "--no-cache")
    (seeds / DB).parent.mkdir(exist_ok=True)
    (seeds / DB).write_bytes(b"not a database " * 1000)
    run = cc_sub(seeds, "-q")
    assert run.ret in (0, 1) and f"{DB}: unreadable" in run.err and "rebuilt" in run.err
    assert report(seeds) == reference


def test_damaged_or_planted_rows_are_recomputed_never_trusted(seeds):
    reference = report(seeds, "--no-cache")
    cc_sub(seeds, "-q")
    evil = pickle.dumps(subprocess.call)  # a row that would run code if it were unpickled
    with sqlite3.connect(seeds / DB) as db:
        db.execute("UPDATE mentions SET data = ?", (evil,))
        db.execute("UPDATE layout SET data = substr(data, 1, 20)")
    data, out = report(seeds)
    assert (data, out) == reference
    run = cc_sub(seeds, "-q")
    assert "damaged or not claimcheck's: recomputed" not in run.err  # the bad rows were replaced


def test_damaged_rows_say_so(seeds):
    cc_sub(seeds, "-q")
    with sqlite3.connect(seeds / DB) as db:
        db.execute("UPDATE layout SET checksum = x'00'")
    run = cc_sub(seeds, "-q")
    assert "entries were damaged or not claimcheck's: recomputed" in run.err


COUNTING = '''\
import os
from claimcheck import Matcher, hookimpl, Mention
from claimcheck.matchers import Agreement

VERSION = 1


class Shares(Matcher):
    kind = "shares"

    def parse(self, text, *, lang, options):
        return text.strip()

    def extract(self, text, *, lang, ref_date):
        if "\\n" in text:  # an article, not a claim sentence (read when claims are)
            with open(os.environ["CALLS"], "a") as calls:
                calls.write("x")
        return [Mention(kind="shares", start=m.start(), end=m.end(), text=m.group(), value=m.group())
                for m in __import__("re").finditer(r"\\d+ actions", text)]

    def compare(self, expected, mention):
        return Agreement.MATCH if expected.value == mention.value else Agreement.MISMATCH


@hookimpl
def claimcheck_register_matchers():
    return [Shares()]
'''


def test_editing_a_plugin_invalidates_what_it_extracted(project, tmp_path_factory):
    calls = tmp_path_factory.mktemp("calls") / "calls.txt"
    (project / "plugins").mkdir()
    (project / "plugins" / "shares.py").write_text(COUNTING, encoding="utf-8")
    env = {"CALLS": str(calls)}

    def extracted() -> int:
        count = len(calls.read_text()) if calls.exists() else 0
        calls.write_text("")
        return count
    cc_sub(project, "-q", env=env)
    first = extracted()
    assert first > 0
    cc_sub(project, "-q", env=env)
    assert extracted() == 0  # from the cache
    (project / "plugins" / "shares.py").write_text(COUNTING.replace("VERSION = 1", "VERSION = 2"),
                                                   encoding="utf-8")
    cc_sub(project, "-q", env=env)
    assert extracted() == first  # its mentions are extracted again
    with sqlite3.connect(project / DB) as db:
        kinds = [row[0].split("\0")[0] for row in db.execute("SELECT matcher FROM mentions")]
    assert sorted(kinds) == sorted(set(kinds))  # the old version's rows are gone


def test_two_runs_sharing_the_cache_both_report_what_one_run_does(seeds):
    reference = report(seeds, "--no-cache")
    (seeds / "second").mkdir()
    command = [sys.executable, "-m", "claimcheck", "-q", "--json"]
    env = {"CLAIMCHECK_DISABLE_PLUGIN_AUTOLOAD": "1", "PATH": "", "HOME": str(seeds)}
    runs = [subprocess.Popen([*command, f"r{i}.json"], cwd=seeds, env=env, stderr=subprocess.PIPE, text=True)
            for i in range(3)]
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode in (0, 1) and "Traceback" not in err, err
    for i in range(3):
        data = json.loads((seeds / f"r{i}.json").read_text(encoding="utf-8"))
        data["summary"].pop("duration", None)
        for claim in data["claims"]:
            claim.pop("duration", None)
        assert data == reference[0]
    assert report(seeds) == reference


def test_no_cache_and_no_cacheprovider_write_no_document_cache(project, capsys):
    assert cc(capsys, "--no-cache").ret == 0
    assert not (project / DB).exists() and (project / ".claimcheck_cache" / "lastfailed").exists()
    shutil.rmtree(project / ".claimcheck_cache")
    assert cc(capsys, "-p", "no:cacheprovider").ret == 0
    assert not (project / ".claimcheck_cache").exists()
    assert cc(capsys).ret == 0 and (project / DB).exists()


def test_cache_clear_empties_the_document_cache(project, capsys):
    cc(capsys)
    with sqlite3.connect(project / DB) as db:
        db.execute("CREATE TABLE planted (x)")
    cc(capsys, "--cache-clear")
    with sqlite3.connect(project / DB) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"layout", "mentions", "meta"}


def test_an_unwritable_cache_folder_is_a_warning(project, capsys):
    (project / ".claimcheck_cache").write_text("a file where the folder should be")
    run = cc(capsys)
    assert run.ret == 0 and "this run neither reads nor stores document facts" in run.err


@pytest.mark.parametrize("value", ["x", "-1"])
def test_a_bad_numprocesses_is_a_usage_error(project, capsys, value):
    run = cc(capsys, "-n", value)
    assert run.ret == 4 and "expected 'auto'" in run.err


def test_numprocesses_in_pyproject(project, capsys):
    with open(project / "pyproject.toml", "a", encoding="utf-8") as f:
        f.write('numprocesses = "x"\n')
    run = cc(capsys)
    assert run.ret == 4 and "numprocesses" in run.err
    (project / "pyproject.toml").write_text((project / "pyproject.toml").read_text().replace('"x"', '"0"'))
    assert cc(capsys).ret == 0


def test_pytest_front_end_accepts_numprocesses_and_reads_in_its_own_process(pytester):
    from hostile_helpers import make_project
    make_project(pytester.path)
    with open(pytester.path / "pyproject.toml", "a", encoding="utf-8") as f:
        f.write('numprocesses = "2"\n')
    result = pytester.runpytest_subprocess("-p", "no:xdist", "-q")
    assert result.ret == 0 and "1 supported" in result.stdout.str()
