#!/usr/bin/env python3
"""Measure claimcheck's speed, memory and accuracy on a synthetic corpus of any size.

    python benchmarks/scale/run.py --articles 10000 --claims 1000 [--seed 1] [--reach 0.3] [--keep DIR]
                                   [--profile FILE.prof] [--misses N] [-n auto|N] [--warm]

Generates the corpus with make_corpus.py into a temporary folder (or DIR with --keep, reused
when it already holds a corpus of that size), runs

    claimcheck OUT/claims --sources OUT/corpus --json OUT/r.json -q

as a subprocess, and prints one line of figures:

    articles  MB  claims  seconds  MB/s  claims/s  peak RSS MB  accuracy

``--warm`` runs it twice: first with ``--cache-clear`` (cold: every document is read,
split, indexed and, where a claim reaches it, extracted, and the document cache is
filled), then again (warm: the same corpus, facts read from the cache), one line each.
``-n`` is passed on (default: claimcheck's own, ``auto``). A tree without the document
cache knows neither option: compare such a tree without ``--warm`` and ``-n``.

Wall time is the subprocess's (corpus generation excluded); peak RSS is the ``ru_maxrss`` of
the claimcheck process alone (``os.wait4``: the same figure ``resource.getrusage(RUSAGE_CHILDREN)``
gives, without make_corpus.py's own peak mixed in). Accuracy is the share of claims whose
verdict equals gold.yaml's (score.py, copied from ../../shared/dev/score_verdicts.py).
``--profile FILE`` runs the same command under cProfile (slower; timing then includes
profiling overhead). Timing belongs here and in docs/performance.md, never in unit tests.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import score  # noqa: E402  (benchmarks/scale/score.py)


def generate(out: Path, articles: int, claims: int, seed: int, reach: float = 0.0) -> None:
    stamp = out / "params.json"
    params = {"articles": articles, "claims": claims, "seed": seed, "reach": reach}
    if stamp.exists() and json.loads(stamp.read_text()) == params:
        return
    if out.exists():
        shutil.rmtree(out)
    subprocess.run([sys.executable, str(HERE / "make_corpus.py"), str(out), "--articles", str(articles),
                    "--claims", str(claims), "--seed", str(seed), "--reach", str(reach)],
                   check=True, stdout=subprocess.DEVNULL)
    stamp.write_text(json.dumps(params))


def corpus_mb(corpus: Path) -> float:
    return sum(p.stat().st_size for p in corpus.glob("*.txt")) / 1e6


def command(out: Path, profile: str | None, extra: list[str]) -> list[str]:
    args = [str(out / "claims"), "--sources", str(out / "corpus"), "--json", str(out / "r.json"), "-q", *extra]
    if profile:
        return [sys.executable, "-m", "cProfile", "-o", profile, "-m", "claimcheck", *args]
    return [sys.executable, "-m", "claimcheck", *args]


def measure(out: Path, args: argparse.Namespace, name: str, options: list[str]) -> int:
    """Run claimcheck once on ``out`` and print its line of figures (and its misses)."""
    report = out / "r.json"
    if report.exists():
        report.unlink()
    env = dict(os.environ, CLAIMCHECK_DISABLE_PLUGIN_AUTOLOAD="1")
    errors = out / "stderr.txt"
    with open(errors, "w") as err:
        started = time.perf_counter()
        # cwd=out: `python -m` puts the working directory first on sys.path, which would
        # shadow PYTHONPATH (used to compare a checkout against another).
        proc = subprocess.Popen(command(out, args.profile, options), env=env, cwd=out,
                                stdout=subprocess.DEVNULL, stderr=err)
        # wait4 gives this child's own rusage; RUSAGE_CHILDREN would also count make_corpus.py.
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
    peak_mb = usage.ru_maxrss / 1024  # KiB on Linux
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1) or not report.exists():
        sys.stderr.write(errors.read_text())
        print(f"claimcheck exited {code}", file=sys.stderr)
        return 1
    with open(report, encoding="utf-8") as f:
        predicted = json.load(f)
    with open(out / "gold.yaml", encoding="utf-8") as f:
        gold = yaml.safe_load(f)
    result = score.score(predicted, gold)
    mb = corpus_mb(out / "corpus")
    print(f"{name:<4} {args.articles:>9} {mb:>7.1f} {args.claims:>7} {seconds:>8.1f} {mb / seconds:>7.2f} "
          f"{args.claims / seconds:>9.1f} {peak_mb:>11.0f} {result.accuracy:>9.3f} {result.macro_f1:>8.3f}")
    if result.misses:
        print(f"{len(result.misses)} misses (first {min(args.misses, len(result.misses))}):")
        claims = {c["id"]: c for c in predicted.get("claims", [])}
        for claim_id, want, got in result.misses[: args.misses]:
            c = claims.get(claim_id, {})
            quote = next((e.get("quote") for e in c.get("evidence", []) if e.get("verdict") == got), "")
            print(f"  {claim_id}: gold {want}, got {got}: {c.get('claim', '')!r}  evidence: {quote!r}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--claims", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--reach", type=float, default=0.0,
                    help="share of articles naming the claims' companies (make_corpus.py --reach): "
                         "0.3 is the real-news case of claims on common names")
    ap.add_argument("--keep", metavar="DIR", help="generate into DIR and keep it (reused if the same size)")
    ap.add_argument("--profile", metavar="FILE", help="run under cProfile and write its stats to FILE")
    ap.add_argument("--misses", type=int, default=10, help="how many misclassified claims to print")
    ap.add_argument("-n", dest="workers", help="claimcheck's -n (auto, or a number of worker processes)")
    ap.add_argument("--warm", action="store_true", help="run cold (--cache-clear), then warm (from the cache)")
    args = ap.parse_args()

    tmp = None
    if args.keep:
        out = Path(args.keep).resolve()
    else:
        tmp = tempfile.mkdtemp(prefix="claimcheck-scale-")
        out = Path(tmp) / "run"
    try:
        generate(out, args.articles, args.claims, args.seed, args.reach)
        extra = ["-n", args.workers] if args.workers else []
        runs = [("cold", [*extra, "--cache-clear"]), ("warm", extra)] if args.warm else [("", extra)]
        print("run   articles      MB  claims  seconds    MB/s  claims/s  peakRSS_MB  accuracy  macroF1")
        for name, options in runs:
            status = measure(out, args, name, options)
            if status:
                return status
        return 0
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
