#!/usr/bin/env python3
"""Characters per second of claimcheck's extraction: each kind alone, then all at once.

    cd benchmarks/extraction && python throughput.py [--repeat N] [--json]
    python throughput.py --long 1000 [--corpus DIR]    # long real text: the seeds 1,000 times, a corpus folder

By default each kind's matcher reads every case text of every benchmark file (the same characters for each
kind, as the engine reads every document with every matcher), after a warm-up pass; the best of ``--repeat``
timed passes counts, because the machine's noise only ever slows a pass down. Those texts are short (47
characters on average), so the cost of a call weighs as much as the reading.

``--long N`` reads whole articles instead: the project's seed articles N times each (with their language and
date from seeds/sources.yaml), and with ``--corpus DIR`` every ``.txt`` under DIR (a scale corpus), one
matcher call per document as the engine makes it. Beside each kind it prints the floor of this machine: one
``regex`` pass that only finds the runs of digits (every kind's figures hold one), and a word tokenisation.
``report.py`` uses :func:`measure` and :func:`measure_long`.
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

import regex  # noqa: E402
import yaml  # noqa: E402

import claimcheck  # noqa: E402
from claimcheck.model import PartialDate  # noqa: E402
from claimcheck.plugins import Plugins  # noqa: E402

KINDS = ("amount", "percentage", "date", "count")
SEEDS = os.path.join(HERE, "..", "..", "seeds")
FLOORS = {"digits (regex floor)": regex.compile(r"\d+"), "words (tokenisation)": regex.compile(r"\w+")}


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


def _articles(folder: str) -> list[tuple[str, str | None, PartialDate | None]]:
    """Every .txt under ``folder``, with the language and date its sources.yaml gives (None where it gives none)."""
    meta: dict = {}
    listing = os.path.join(folder, "sources.yaml")
    if os.path.exists(listing):
        with open(listing, encoding="utf-8") as handle:
            meta = yaml.safe_load(handle) or {}
    found = []
    for path in sorted(glob.glob(os.path.join(folder, "**", "*.txt"), recursive=True)):
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        entry = meta.get(os.path.basename(path)) or {}
        date = entry.get("date")
        found.append((text, entry.get("lang"), PartialDate.parse(str(date)) if date else None))
    return found


def _best(one_pass, repeat: int) -> tuple[float, int]:
    found = one_pass()  # warm-up: compiled patterns, caches
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        one_pass()
        best = min(best, time.perf_counter() - started)
    return best, found


def measure_long(copies: int, corpus: str | None = None, repeat: int = 3) -> dict:
    """``{"texts": {name: {"documents", "chars", "kinds": {kind: {"chars_per_s", "mentions"}}}}}`` over the
    seeds ``copies`` times (name ``seeds x N``) and, when given, every article of ``corpus``; the floors are
    rows of ``kinds`` too."""
    plugins = Plugins()
    plugins.load_builtins()
    matchers = plugins.matchers(config=None)
    texts = {f"seeds x {copies:,}": _articles(SEEDS) * copies}
    if corpus:
        texts[os.path.basename(os.path.normpath(corpus))] = _articles(corpus)
    out: dict = {"texts": {}}
    for name, docs in texts.items():
        chars = sum(len(text) for text, _, _ in docs)
        rows = {}
        for kind in (k for k in KINDS if k in matchers):
            extract = matchers[kind].extract
            seconds, mentions = _best(lambda: sum(sum(1 for _ in extract(text, lang=lang, ref_date=ref))
                                                  for text, lang, ref in docs), repeat)
            rows[kind] = {"chars_per_s": chars / seconds, "mentions": mentions}
        for floor, pattern in FLOORS.items():
            seconds, found = _best(lambda: sum(sum(1 for _ in pattern.finditer(text)) for text, _, _ in docs), repeat)
            rows[floor] = {"chars_per_s": chars / seconds, "mentions": found}
        out["texts"][name] = {"documents": len(docs), "chars": chars, "kinds": rows}
    return out


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
        best, mentions = _best(one_pass, repeat)
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
    ap.add_argument("--long", type=int, metavar="N", help="read whole articles: the seeds N times (and --corpus)")
    ap.add_argument("--corpus", metavar="DIR", help="with --long: also every .txt under DIR")
    args = ap.parse_args()
    if args.corpus and not args.long:
        ap.error("--corpus needs --long N")
    if args.long:
        _print_long(measure_long(args.long, args.corpus, args.repeat), args.json)
        return
    result = measure(args.repeat)
    if args.json:
        print(json.dumps(result))
        return
    print(f"{result['cases']} cases, {result['chars']:,} characters (every benchmark file), best of {args.repeat}")
    for kind, row in result["kinds"].items():
        print(f"  {kind:<11} {row['chars_per_s']:>12,.0f} chars/s  {row['mentions']:>6,} mentions")
    row = result["all"]
    print(f"  {'all kinds':<11} {row['chars_per_s']:>12,.0f} chars/s  {row['mentions']:>6,} mentions")


def _print_long(result: dict, as_json: bool) -> None:
    if as_json:
        print(json.dumps(result))
        return
    for name, block in result["texts"].items():
        print(f"{name}: {block['documents']:,} documents, {block['chars']:,} characters, one call a document")
        for kind, row in block["kinds"].items():
            print(f"  {kind:<21} {row['chars_per_s']:>12,.0f} chars/s  {row['mentions']:>9,} found")


if __name__ == "__main__":
    main()
