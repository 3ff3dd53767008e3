#!/usr/bin/env python3
"""Time ``claimcheck explain`` against checking the same claim alone, on a synthetic corpus.

    python benchmarks/scale/explain_vs_check.py --articles 10000 --claims 1000 [--reach 0.3] [--keep DIR]
                                                [--claim ID ...] [--repeat 3] [-n auto|N]

For each claim (by default the first one of each gold verdict: supported, contradicted,
absent), runs as subprocesses, in the corpus folder,

    claimcheck OUT/claims/synthetic.yaml::ID --sources OUT/corpus -q        (check)
    claimcheck explain OUT/claims/synthetic.yaml::ID --sources OUT/corpus   (explain, bounded output)

first both cold (``--cache-clear``: the document cache is emptied and refilled), then
``--repeat`` times each, alternately, warm; and prints the wall times (warm: the fastest of
the repeats, which is the least disturbed by other jobs on a shared machine), explain / check,
and the lines explain printed. The issue's target: explain ≤ 2 × check.
Corpus generation is excluded (``run.py``'s, reused with ``--keep``).
"""
from __future__ import annotations

import argparse
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
import run  # noqa: E402  (benchmarks/scale/run.py: the corpus)


def timed(out: Path, args: list[str]) -> tuple[float, int]:
    """Seconds the command took, and the lines it printed."""
    env = dict(os.environ, CLAIMCHECK_DISABLE_PLUGIN_AUTOLOAD="1")
    started = time.perf_counter()
    # cwd=out, as run.py: `python -m` puts the working directory first on sys.path.
    proc = subprocess.run([sys.executable, "-m", "claimcheck", *args], cwd=out, env=env,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        sys.exit(f"claimcheck {' '.join(args)} exited {proc.returncode}:\n{proc.stderr}")
    return seconds, proc.stdout.count("\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--claims", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--reach", type=float, default=0.0)
    ap.add_argument("--keep", metavar="DIR", help="generate into DIR and keep it (reused if the same size)")
    ap.add_argument("--claim", action="append", metavar="ID", help="a claim id (repeatable)")
    ap.add_argument("--repeat", type=int, default=3, help="warm runs of each command")
    ap.add_argument("-n", dest="workers", help="claimcheck's -n")
    args = ap.parse_args()
    tmp = None if args.keep else tempfile.mkdtemp(prefix="claimcheck-explain-")
    out = Path(args.keep).resolve() if args.keep else Path(tmp) / "run"
    try:
        return measure(out, args)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


def measure(out: Path, args: argparse.Namespace) -> int:
    run.generate(out, args.articles, args.claims, args.seed, args.reach)
    gold = yaml.safe_load((out / "gold.yaml").read_text(encoding="utf-8"))
    ids = args.claim or sorted({g["verdict"]: claim_id for claim_id, g in reversed(gold.items())}.values())
    extra = ["--sources", "corpus", *(["-n", args.workers] if args.workers else [])]
    print(f"{args.articles} articles, {args.claims} claims, reach {args.reach}; seconds (warm: best of {args.repeat})")
    print(f"{'claim':<10} {'gold':<13} {'run':<5} {'check':>7} {'explain':>8} {'ratio':>6} {'lines':>6}")
    for claim_id in ids:
        node = f"claims/synthetic.yaml::{claim_id}"
        check = [node, "-q", *extra]
        explain = ["explain", node, *extra]
        cold_check, _ = timed(out, [*check, "--cache-clear"])
        cold_explain, lines = timed(out, [*explain, "--cache-clear"])
        warm_check, warm_explain = [], []
        for _ in range(args.repeat):
            warm_check.append(timed(out, check)[0])
            warm_explain.append(timed(out, explain)[0])
        verdict = gold[claim_id]["verdict"]
        for name, c, e in (("cold", cold_check, cold_explain), ("warm", min(warm_check), min(warm_explain))):
            print(f"{claim_id:<10} {verdict:<13} {name:<5} {c:>7.2f} {e:>8.2f} {e / c:>6.2f} {lines:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
