#!/usr/bin/env python3
"""Score every benchmark file on both subsets and time every kind; rewrite the results in docs/extraction.md.

    cd benchmarks/extraction && python report.py [--check]

Scores come from score.py's own functions (its subsets and per-case scoring) with adapter.py; speeds from
throughput.measure. The table between the ``report:begin`` and ``report:end`` markers of docs/extraction.md is
replaced; nothing else in the file is touched. ``--check`` prints the table without writing it.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOC = HERE.parent.parent / "docs" / "extraction.md"
BEGIN, END = "<!-- report:begin (benchmarks/extraction/report.py writes this table) -->", "<!-- report:end -->"
FILES = ("amount.fr", "amount.en", "percentage.fr", "percentage.en", "date.fr", "date.en", "number.fr", "number.en")
SUBSETS = ("supported", "dotnet")
# The Recognizers-Text Python port as the benchmark's README (and issue 13) report it: overlap F1 / value
# accuracy; None where they give no figure.
PORT = {
    ("amount.fr", "supported"): (0.99, 0.962), ("amount.en", "supported"): (0.99, 1.000),
    ("amount.en", "dotnet"): (0.92, 0.950), ("percentage.fr", "supported"): (1.00, 1.000),
    ("percentage.en", "supported"): (1.00, 1.000), ("date.fr", "supported"): (0.87, 0.815),
    ("date.fr", "dotnet"): (0.79, 0.609), ("date.en", "supported"): (0.94, 0.811),
    ("date.en", "dotnet"): (0.85, 0.606), ("number.fr", "supported"): (1.00, 0.943),
    ("number.en", "supported"): (0.96, 0.859),
}


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_all() -> list[dict]:
    sys.path.insert(0, str(HERE))
    score, adapter = _load("bench_score", HERE / "score.py"), _load("bench_adapter", HERE / "adapter.py")
    rows = []
    for name in FILES:
        kind = name.split(".")[0]
        extract = getattr(adapter, kind)
        cases = [json.loads(line) for line in (HERE / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
                 if line.strip()]
        for subset in SUBSETS:
            totals = dict.fromkeys(["gold", "found", "exact", "overlap", "right"], 0)
            chosen = [c for c in cases if score.SUBSETS[subset](c)]
            for case in chosen:
                counts, _ = score.score_case(kind, case, list(extract(case["text"], case["lang"], case["ref_date"])))
                for key in totals:
                    totals[key] += counts[key]
            overlap = score.prf(totals["overlap"], totals["found"], totals["gold"])
            rows.append({"file": name, "subset": subset, "cases": len(chosen), "gold": totals["gold"],
                         "overlap": overlap,
                         "value_acc": totals["right"] / totals["overlap"] if totals["overlap"] else 0.0})
    return rows


def table(rows: list[dict], speed: dict) -> str:
    out = ["| file | subset | cases | mentions | overlap P/R/F1 | value accuracy | Recognizers-Text port F1 / value |",
           "|---|---|---|---|---|---|---|"]
    for r in rows:
        port = PORT.get((r["file"], r["subset"]))
        port_text = f"{port[0]:.2f} / {port[1]:.3f}" if port else "–"
        out.append(f"| {r['file']} | {r['subset']} | {r['cases']} | {r['gold']} | "
                   f"{'/'.join(f'{x:.2f}' for x in r['overlap'])} | {r['value_acc']:.3f} | {port_text} |")
    out += ["", f"Characters per second over every benchmark file ({speed['cases']:,} cases, {speed['chars']:,} "
            f"characters), each kind alone, best of 5 passes, {platform.python_implementation()} "
            f"{platform.python_version()} on {os.cpu_count()} cores:", "",
            "| kind | chars/s | mentions |", "|---|---|---|"]
    for kind, row in speed["kinds"].items():
        out.append(f"| {kind} | {row['chars_per_s']:,.0f} | {row['mentions']:,} |")
    out.append(f"| all kinds at once | {speed['all']['chars_per_s']:,.0f} | {speed['all']['mentions']:,} |")
    out.append("")
    out.append("The number files score `adapter.number`, the count matcher's number reader without its noun "
               "(counts need a noun, the number files have none).")
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="print the table, do not write docs/extraction.md")
    args = ap.parse_args()
    sys.path.insert(0, str(HERE))
    import throughput
    text = table(score_all(), throughput.measure())
    if args.check:
        print(text)
        return
    doc = DOC.read_text(encoding="utf-8")
    if BEGIN not in doc or END not in doc:
        raise SystemExit(f"{DOC}: no {BEGIN!r} … {END!r} markers to replace between")
    head, rest = doc.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    DOC.write_text(f"{head}{BEGIN}\n{text}\n{END}{tail}", encoding="utf-8")
    print(f"wrote the results table of {DOC.relative_to(HERE.parent.parent)}")


if __name__ == "__main__":
    main()
