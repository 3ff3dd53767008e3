"""The extraction benchmark (Microsoft Recognizers-Text specs) as a regression floor.

Each row is (file, min overlap F1, min value accuracy) on the cases marked supported, scored
with benchmarks/extraction/score.py's own functions. Floors sit slightly below what was
measured, so a change that loses recall or values fails here.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "extraction"

FLOORS = [
    # file, min overlap F1, min value accuracy (measured: 1.00/1.000, 1.00/0.989, 1.00/1.000, 1.00/1.000)
    ("amount.fr.jsonl", 0.97, 0.97),
    ("amount.en.jsonl", 0.97, 0.97),
    ("percentage.fr.jsonl", 0.97, 0.97),
    ("percentage.en.jsonl", 0.97, 0.97),
    # date (measured: en 0.93/0.852, fr 0.97/0.966; ranges end the day before their last part, see adapter.date)
    ("date.en.jsonl", 0.92, 0.84),
    ("date.fr.jsonl", 0.95, 0.94),
]


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench():
    score = _load("claimcheck_bench_score", BENCH / "score.py")
    adapter = _load("claimcheck_bench_adapter", BENCH / "adapter.py")
    return score, adapter


@pytest.mark.parametrize("file, min_f1, min_value_acc", FLOORS, ids=[row[0] for row in FLOORS])
def test_benchmark_floor(bench, file, min_f1, min_value_acc):
    score, adapter = bench
    kind = file.split(".")[0]
    extract = getattr(adapter, kind)
    totals = [0, 0, 0, 0, 0]
    for line in (BENCH / file).read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        if not case.get("supported"):
            continue
        found = list(extract(case["text"], case["lang"], case["ref_date"]))
        for i, n in enumerate(score.score_case(kind, case, found)):
            totals[i] += n
    n_gold, n_pred, _exact, matched, right = totals
    _p, _r, f1 = score.prf(matched, n_pred, n_gold)
    value_acc = right / matched if matched else 0.0
    assert f1 >= min_f1, f"{file}: overlap F1 {f1:.3f} < {min_f1}"
    assert value_acc >= min_value_acc, f"{file}: value accuracy {value_acc:.3f} < {min_value_acc}"
