#!/usr/bin/env python3
"""Characters per second of claimcheck's extraction over every benchmark file, all kinds at once.

    cd benchmarks/extraction && python throughput.py [--repeat N]

Runs ``claimcheck.extract`` with every loaded matcher on each case text (the way the engine
reads a document), after a warm-up, and prints the total.
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)

import adapter  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    cases = []
    for path in sorted(glob.glob(os.path.join(HERE, "*.jsonl"))):
        with open(path, encoding="utf-8") as handle:
            cases.extend(json.loads(line) for line in handle)
    kinds = ("amount", "percentage", "date")
    extractors = [getattr(adapter, kind) for kind in kinds]
    for kind, fn in zip(kinds, extractors):
        try:
            fn("warm-up 1 $", "en", None)
        except Exception as error:  # e.g. no date matcher yet
            print(f"skipping {kind}: {type(error).__name__}: {error}", file=sys.stderr)
            extractors = [f for f in extractors if f is not fn]
    chars = sum(len(c["text"]) for c in cases) * args.repeat
    started = time.perf_counter()
    found = 0
    for _ in range(args.repeat):
        for case in cases:
            for fn in extractors:
                found += len(fn(case["text"], case["lang"], case["ref_date"]))
    elapsed = time.perf_counter() - started
    print(f"{len(cases)} cases, {chars:,} characters, {found:,} mentions, {len(extractors)} kinds: "
          f"{chars / elapsed:,.0f} chars/s")


if __name__ == "__main__":
    main()
