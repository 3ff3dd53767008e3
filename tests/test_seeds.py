"""End to end on the seed articles: every claim in claims/ gets its recorded verdict,
from the ``claimcheck`` command and from ``pytest claims/`` alike."""
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = yaml.safe_load((ROOT / "tests" / "expected" / "seeds.yaml").read_text(encoding="utf-8"))
EXPECTED_FLAT = {(f, i): v for f, claims in EXPECTED.items() for i, v in claims.items()}


@pytest.fixture(scope="module")
def cli_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "r.json"
    run = subprocess.run([sys.executable, "-m", "claimcheck", "claims/", "--json", str(out), "-q"],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr  # contradicted and absent claims declare it
    return json.loads(out.read_text(encoding="utf-8"))


def test_claims_cover_all_verdicts_and_kinds():
    assert len(EXPECTED_FLAT) >= 40
    assert set(EXPECTED_FLAT.values()) == {"supported", "contradicted", "absent"}
    text = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "claims").glob("*.yaml"))
    for kind in ("amount:", "date:", "percentage:", "ordinal:"):
        assert kind in text


@pytest.mark.parametrize("key", sorted(EXPECTED_FLAT), ids=lambda k: f"{k[0]}::{k[1]}")
def test_cli_verdict(cli_report, key):
    got = {(Path(c["file"]).name, c["id"]): c["verdict"] for c in cli_report["claims"]}
    assert got[key] == EXPECTED_FLAT[key]


def test_pytest_gives_the_same_verdicts(cli_report):
    run = subprocess.run([sys.executable, "-m", "pytest", "claims/", "-v", "-p", "no:cacheprovider",
                          "-o", "addopts=", "--rootdir", str(ROOT)],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:]  # every claim as declared, as from the command
    lines = re.findall(r"claims/(\S+\.yaml)::(\S+) (SUPPORTED|CONTRADICTED|ABSENT)", run.stdout)
    from_pytest = {(f, i): v.lower() for f, i, v in lines}
    from_cli = {(Path(c["file"]).name, c["id"]): c["verdict"] for c in cli_report["claims"]}
    assert from_pytest == from_cli, run.stdout[-3000:]
    counts = {v: list(from_cli.values()).count(v) for v in ("supported", "contradicted", "absent")}
    assert f"{counts['contradicted']} contradicted" in run.stdout.splitlines()[-1]
