#!/usr/bin/env python3
"""The Dask engine beside the local one: whole runs, and per-worker throughput of each kind of work.

    python benchmarks/scale/dask_run.py --articles 10000 --claims 1000 [--reach 0.3] [--keep DIR]
                                        [--workers 2] [--mentions 1000] [--scheduler tcp://HOST:8786]

1. Whole runs, as run.py measures them (a subprocess, ``--no-cache``, wall time, peak RSS of
   the claimcheck process only, accuracy on gold.yaml): ``-n 0``, ``-n WORKERS`` and
   ``--engine dask -n WORKERS`` (a LocalCluster, its start-up included), or ``--scheduler``.
   The three JSON reports must be identical (timings aside); the script says so or fails.
2. Engines alone, in this process: seconds and documents per second (per worker) for
   splitting and indexing every document (``layouts``), extracting every matcher's mentions
   of ``--mentions`` documents, and the run's own share: building the word index from
   layouts already computed (``merge``). The Dask cluster is started and its workers'
   matcher sets rebuilt before timing (``start`` says how long that took).

Timing belongs here and in docs/scaling.md, never in unit tests.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run as scale_run  # noqa: E402  (benchmarks/scale/run.py)


def whole_runs(out: Path, args: argparse.Namespace) -> int:
    workers = str(args.workers)
    dask = ["--scheduler", args.scheduler] if args.scheduler else ["--engine", "dask", "-n", workers]
    reports = []
    print("run   articles      MB  claims  seconds    MB/s  claims/s  peakRSS_MB  accuracy  macroF1")
    for name, options in (("n0", ["-n", "0"]), (f"n{workers}", ["-n", workers]), ("dask", dask)):
        if scale_run.measure(out, args, name, ["--no-cache", *options]):
            return 1
        reports.append(_without_timings(json.loads((out / "r.json").read_text(encoding="utf-8"))))
    if any(report != reports[0] for report in reports[1:]):
        print("the reports differ", file=sys.stderr)
        return 1
    print("the three JSON reports are identical")
    return 0


def _without_timings(report: dict) -> dict:
    report["summary"].pop("duration", None)
    for claim in report["claims"]:
        claim.pop("duration", None)
    return report


class Precomputed:
    """An engine that hands back layouts already computed: what building the index costs alone."""

    def __init__(self, layouts: list) -> None:
        self.computed = layouts

    def shares(self, count: int, work: str) -> bool:
        return False

    def layouts(self, documents):
        return self.computed

    def mentions(self, documents, kinds):
        raise AssertionError("not asked for here")

    def close(self) -> None:
        pass


def engines(out: Path, args: argparse.Namespace) -> None:
    from claimcheck.analysis import Analyst
    from claimcheck.corpus import load_corpus
    from claimcheck.cli import prepare
    from claimcheck.dask_engine import DaskEngine, WorkerSetup
    from claimcheck.fingerprint import of_matcher_set
    from claimcheck.index import Index
    from claimcheck.matcherset import MatcherSet
    from claimcheck.workers import LocalEngine

    config, plugins, _ = prepare([str(out / "claims"), "--sources", str(out / "corpus"), "-q"])
    matchers = MatcherSet.load(plugins, config)
    documents = load_corpus(tuple(sorted(config.sources)), config=config, hook=plugins.pm.hook)
    reached = documents[:args.mentions]
    kinds = [tuple(matchers)] * len(reached)
    print(f"\n{len(documents)} documents; mentions of {len(reached)}; {args.workers} workers\n"
          f"{'engine':<10} {'work':<9} {'seconds':>8} {'docs/s':>8} {'docs/s/worker':>14}")
    fingerprints = of_matcher_set(matchers, plugins.versions)
    started = time.perf_counter()
    dask = DaskEngine(WorkerSetup.of(config), fingerprints, matchers, address=args.scheduler,
                      local_workers=args.workers)
    list(dask.layouts(documents[:64 * args.workers]))  # starts the cluster, rebuilds each worker's matchers
    print(f"{'dask':<10} {'start':<9} {time.perf_counter() - started:8.2f}")
    layouts = None
    for name, engine, count in (("n0", LocalEngine(matchers, 0), 1), (f"n{args.workers}", LocalEngine(
            matchers, args.workers), args.workers), ("dask", dask, args.workers)):
        layouts = _timed(name, "layouts", count, len(documents), lambda: list(engine.layouts(documents)))
        _timed(name, "mentions", count, len(reached), lambda: list(engine.mentions(reached, kinds)))
    dask.close()
    _timed("run", "merge", 1, len(documents),
           lambda: Index(documents, matchers, analyst=Analyst(matchers, engine=Precomputed(layouts))))


def _timed(engine: str, work: str, workers: int, documents: int, compute):
    started = time.perf_counter()
    result = compute()
    seconds = time.perf_counter() - started
    print(f"{engine:<10} {work:<9} {seconds:8.2f} {documents / seconds:8.0f} {documents / seconds / workers:14.0f}")
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--claims", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--reach", type=float, default=0.0, help="make_corpus.py --reach")
    ap.add_argument("--keep", metavar="DIR", help="generate into DIR and keep it (reused if the same size)")
    ap.add_argument("--workers", type=int, default=2, help="worker processes of -n and of the LocalCluster")
    ap.add_argument("--mentions", type=int, default=1000, help="documents whose mentions are timed")
    ap.add_argument("--scheduler", help="a running Dask scheduler instead of a LocalCluster")
    args = ap.parse_args()
    args.profile, args.misses = None, 5  # what run.measure reads
    tmp = None if args.keep else tempfile.mkdtemp(prefix="claimcheck-dask-")
    out = Path(args.keep).resolve() if args.keep else Path(tmp) / "run"
    try:
        scale_run.generate(out, args.articles, args.claims, args.seed, args.reach)
        status = whole_runs(out, args)
        if not status:
            engines(out, args)
        return status
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
