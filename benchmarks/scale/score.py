"""Score a claimcheck JSON report against gold verdicts (the logic of ../../shared/dev/score_verdicts.py).

    python benchmarks/scale/score.py REPORT.json GOLD.yaml

GOLD.yaml maps each claim id to {verdict, accept?}. Claim accuracy and macro-F1 over the three
verdicts; a claim missing from the report counts as a miss.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass

import yaml

VERDICTS = ("supported", "contradicted", "absent")


@dataclass
class Score:
    accuracy: float
    macro_f1: float
    pairs: list  # (gold, predicted) per claim
    misses: list  # (claim id, gold, predicted)


def macro_f1(pairs) -> float:
    scores = []
    for label in VERDICTS:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores)


def score(report: dict, gold: dict) -> Score:
    predicted = {c["id"]: c for c in report.get("claims", [])}
    pairs, misses = [], []
    for claim_id, g in gold.items():
        c = predicted.get(claim_id)
        verdict = c["verdict"] if c else "missing"
        accepted = set(g.get("accept", [])) | {g["verdict"]}
        pairs.append((g["verdict"], verdict if verdict not in accepted else g["verdict"]))
        if verdict not in accepted:
            misses.append((claim_id, g["verdict"], verdict))
    right = sum(1 for g, p in pairs if g == p)
    return Score(accuracy=right / len(pairs) if pairs else 0.0, macro_f1=macro_f1(pairs), pairs=pairs,
                 misses=misses)


def confusion(pairs) -> str:
    lines = ["confusion (rows gold, columns predicted):",
             "  " + " ".join(f"{v[:12]:>12}" for v in VERDICTS + ("other",))]
    for g in VERDICTS:
        row = [sum(1 for a, b in pairs if a == g and b == p) for p in VERDICTS]
        row.append(sum(1 for a, b in pairs if a == g and b not in VERDICTS))
        lines.append(f"  {g[:12]:>12} " + " ".join(f"{n:>12}" for n in row))
    return "\n".join(lines)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as f:
        rep = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        gld = yaml.safe_load(f)
    s = score(rep, gld)
    print(confusion(s.pairs))
    for claim_id, want, got in s.misses:
        print(f"  {claim_id}: expected {want}, got {got}")
    print(f"claims: {len(s.pairs)}  accuracy: {s.accuracy:.3f}  macro-F1: {s.macro_f1:.3f}")
