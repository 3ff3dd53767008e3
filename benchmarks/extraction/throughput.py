#!/usr/bin/env python3
"""Characters per second of claimcheck's extraction over every benchmark file: each kind alone, then all at once.

    cd benchmarks/extraction && python throughput.py [--repeat N] [--json]

Each kind's matcher reads every case text of every file (the same characters for each kind, as the engine
reads every document with every matcher), after a warm-up pass; the best of ``--repeat`` timed passes counts,
because the machine's noise only ever slows a pass down. ``report.py`` uses :func:`measure`.
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

import claimcheck  # noqa: E402
from claimcheck.model import PartialDate  # noqa: E402
from claimcheck.plugins import Plugins  # noqa: E402

KINDS = ("amount", "percentage", "date", "count")


def _cases() -> list[tuple[str, str | None, PartialDate | None]]:
    cases = []
    for path in sorted(glob.glob(os.path.join(HERE, "*.jsonl"))):
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    case = json.loads(line)
                    ref = PartialDate.parse(case["ref_date"]) if case["ref_date"] else None
                    cases.append((case["text"], case["lang"], ref))
    return cases


def measure(repeat: int = 5) -> dict:
    """``{"cases", "chars", "kinds": {kind: {"chars_per_s", "mentions"}}, "all": {...}}``."""
    plugins = Plugins()
    plugins.load_builtins()
    known = set(plugins.matchers(config=None))
    cases = _cases()
    chars = sum(len(text) for text, _, _ in cases)
    out = {"cases": len(cases), "chars": chars, "kinds": {}}
    runs = [(kind, (kind,)) for kind in KINDS if kind in known]
    runs.append(("all", tuple(kind for kind in KINDS if kind in known)))
    for name, kinds in runs:
        def one_pass() -> int:
            return sum(len(claimcheck.extract(text, lang=lang, ref_date=ref, kinds=kinds, plugins=plugins))
                       for text, lang, ref in cases)
        mentions = one_pass()  # warm-up: compiled patterns, caches
        best = float("inf")
        for _ in range(repeat):
            started = time.perf_counter()
            one_pass()
            best = min(best, time.perf_counter() - started)
        row = {"chars_per_s": chars / best, "mentions": mentions}
        if name == "all":
            out["all"] = row
        else:
            out["kinds"][name] = row
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = ap.parse_args()
    result = measure(args.repeat)
    if args.json:
        print(json.dumps(result))
        return
    print(f"{result['cases']} cases, {result['chars']:,} characters (every benchmark file), best of {args.repeat}")
    for kind, row in result["kinds"].items():
        print(f"  {kind:<11} {row['chars_per_s']:>12,.0f} chars/s  {row['mentions']:>6,} mentions")
    row = result["all"]
    print(f"  {'all kinds':<11} {row['chars_per_s']:>12,.0f} chars/s  {row['mentions']:>6,} mentions")


if __name__ == "__main__":
    main()
