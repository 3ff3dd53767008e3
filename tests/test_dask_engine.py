"""The Dask engine (``--engine dask``, ``--scheduler``) changes where documents are read,
never what a run reports; what it cannot do is said as a usage error, never a traceback."""
from __future__ import annotations

import subprocess
import sys

import pytest

from claimcheck import dask_engine
from claimcheck.fingerprint import Fingerprints
from hostile_helpers import ROOT, cc, cc_sub, project, report, seeds  # noqa: F401  (fixtures)

NEEDS_DASK = "the dask engine needs dask.distributed: pip install \"claimcheck-news[dask]\""
BATCHES = ("claimcheck-layouts-batch", "claimcheck-mentions-batch")


@pytest.fixture(scope="module")
def cluster():
    """Two single-threaded worker processes, shared by this module's tests."""
    distributed = pytest.importorskip("distributed", reason=NEEDS_DASK)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as local, \
            distributed.Client(local, set_as_default=False) as client:
        yield client


def computed(client) -> dict[str, int]:
    """How many batches of each kind the cluster has computed so far."""
    return client.run_on_scheduler(lambda dask_scheduler: {
        name: dask_scheduler.task_prefixes[name].state_counts["memory"] if name in dask_scheduler.task_prefixes
        else 0 for name in BATCHES})


def test_seed_corpus_reports_are_the_same_on_a_dask_cluster(seeds, cluster):
    address = cluster.scheduler.address
    reference = report(seeds, "--no-cache", "-n", "0")
    before = computed(cluster)
    assert report(seeds, "--no-cache", "--scheduler", address) == reference
    after = computed(cluster)
    assert all(after[name] > before[name] for name in BATCHES), "the documents were not read on the cluster"


def test_cached_documents_are_not_sent(seeds, cluster):
    address = cluster.scheduler.address
    reference = report(seeds, "--no-cache", "-n", "0")
    assert report(seeds, "--cache-clear", "--scheduler", address) == reference  # cold: fills the cache
    before = computed(cluster)
    assert report(seeds, "--scheduler", address) == reference  # warm
    assert computed(cluster) == before


def test_synthetic_corpus_reports_are_the_same_on_a_dask_cluster(tmp_path, cluster):
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "scale" / "make_corpus.py"), str(tmp_path),
                    "--articles", "300", "--claims", "80", "--reach", "0.3"], check=True, stdout=subprocess.DEVNULL)
    args = ("claims", "--sources", "corpus", "--no-cache")
    reference = report(tmp_path, *args, "-n", "0")
    assert report(tmp_path, *args, "--scheduler", cluster.scheduler.address) == reference


def test_engine_dask_without_an_address_starts_a_local_cluster(seeds):
    pytest.importorskip("distributed", reason=NEEDS_DASK)
    reference = report(seeds, "--no-cache", "-n", "0")
    assert report(seeds, "--no-cache", "--engine", "dask", "-n", "2") == reference


FLAGGED = '''\
import os
from claimcheck import Agreement, Matcher, hookimpl


class Flag(Matcher):
    kind = "flag"

    def parse(self, text, *, lang, options):
        return text

    def extract(self, text, *, lang, ref_date):
        return []

    def compare(self, expected, mention):
        return Agreement.MISMATCH


@hookimpl
def claimcheck_register_matchers():
    return [Flag()] if os.environ.get("FLAGGED") else []
'''


def test_a_worker_whose_plugins_differ_is_refused(seeds, cluster):
    """The run has a matcher its workers lack (an environment variable decides here; another
    plugin version would do the same): no fact from them is used."""
    (seeds / "plugins" / "flag.py").write_text(FLAGGED, encoding="utf-8")
    run = cc_sub(seeds, "-q", "--no-cache", "--scheduler", cluster.scheduler.address, env={"FLAGGED": "1"})
    assert run.ret == 4
    assert "reads documents with other code than this run: matcher 'flag' (missing there)" in run.error_line
    assert cluster.scheduler.address.rsplit(":", 1)[0] in run.error_line  # names the worker


def test_differences_say_what_differs():
    run = Fingerprints(layout="a", matchers=(("amount", "1"), ("date", "2")))
    worker = Fingerprints(layout="b", matchers=(("amount", "1"), ("date", "3"), ("extra", "4")))
    assert run.differences(run) == []
    assert run.differences(worker) == ["claimcheck's own code", "matcher 'date' (another version or source)",
                                       "matcher 'extra' (extra there)"]


# -- usage errors: exit 4, one line, no traceback -----------------------------


def test_engine_dask_without_dask_installed_says_how_to_install_it(project, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # what `import distributed` does when absent
    run = cc(capsys, "--engine", "dask")
    assert run.ret == 4 and 'pip install "claimcheck-news[dask]"' in run.error_line


def test_engine_in_pyproject(project, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with open(project / "pyproject.toml", "a", encoding="utf-8") as f:
        f.write('engine = "dask"\n')
    assert cc(capsys).ret == 4  # read: the missing extra is said
    (project / "pyproject.toml").write_text((project / "pyproject.toml").read_text().replace('"dask"', '"spark"'))
    run = cc(capsys)
    assert run.ret == 4 and "'engine' must be one of local, dask" in run.error_line


def test_an_unreachable_scheduler_is_a_usage_error_naming_it(project, capsys, monkeypatch):
    pytest.importorskip("distributed", reason=NEEDS_DASK)
    monkeypatch.setattr(dask_engine, "CONNECT_SECONDS", 1)
    run = cc(capsys, "--scheduler", "tcp://127.0.0.1:1", "--no-cache")
    assert run.ret == 4
    assert "--scheduler tcp://127.0.0.1:1: no Dask scheduler answered there within 1 s" in run.error_line


def test_scheduler_in_pyproject(project, capsys, monkeypatch):
    pytest.importorskip("distributed", reason=NEEDS_DASK)
    monkeypatch.setattr(dask_engine, "CONNECT_SECONDS", 1)
    with open(project / "pyproject.toml", "a", encoding="utf-8") as f:
        f.write('scheduler = "tcp://127.0.0.1:1"\n')
    run = cc(capsys, "--no-cache")
    assert run.ret == 4 and "tcp://127.0.0.1:1" in run.error_line


def test_a_malformed_scheduler_address_is_a_usage_error(project, capsys):
    pytest.importorskip("distributed", reason=NEEDS_DASK)
    run = cc(capsys, "--scheduler", "nonsense", "--no-cache")
    assert run.ret == 4 and "--scheduler nonsense" in run.error_line and "tcp://HOST:PORT" in run.error_line


def test_a_scheduler_with_engine_local_is_a_usage_error(project, capsys):
    run = cc(capsys, "--engine", "local", "--scheduler", "tcp://127.0.0.1:8786")
    assert run.ret == 4 and "drop one of them" in run.error_line
