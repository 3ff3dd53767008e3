"""A small project whose one claim is supported, and ways to run claimcheck on it.

Shared by the hostile-input tests (issue 12): ``cc`` runs the command in-process (fast),
``cc_sub`` in a subprocess with a timeout (for cases that used to hang), ``pyt`` under
pytest (pytester).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

ARTICLE = "Microsoft a investi 1 milliard de dollars dans OpenAI en 2019.\n"

CLAIM = """\
claims:
  - id: msft
    claim: Microsoft a investi 1 milliard de dollars dans OpenAI.
    about: [Microsoft, OpenAI]
    cues: [investi]
    expect: {amount: 1 milliard de dollars}
"""

PYPROJECT = '[tool.claimcheck]\npaths = ["claims"]\nsources = ["articles"]\n'


def make_project(root: Path, claim: str = CLAIM, article: str = ARTICLE) -> Path:
    """pyproject.toml, claims/c.yaml and articles/a.txt under ``root``."""
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (root / "claims").mkdir(exist_ok=True)
    (root / "claims" / "c.yaml").write_text(claim, encoding="utf-8")
    (root / "articles").mkdir(exist_ok=True)
    (root / "articles" / "a.txt").write_text(article, encoding="utf-8")
    return root


@dataclass
class Run:
    ret: int
    out: str
    err: str

    @property
    def error_line(self) -> str:
        """The first ``ERROR:`` line of stderr."""
        return next((line for line in self.err.splitlines() if line.startswith("ERROR:")), "")

    def no_traceback(self) -> "Run":
        assert "Traceback" not in self.out + self.err, self
        return self


def cc(capsys, *args: str) -> Run:
    """``claimcheck ARGS`` in-process, from the working folder."""
    from claimcheck import cli
    capsys.readouterr()
    ret = cli.main(list(args))
    captured = capsys.readouterr()
    return Run(ret, captured.out, captured.err).no_traceback()


def cc_sub(cwd: Path, *args: str, timeout: float = 60, env: dict | None = None) -> Run:
    """``python -m claimcheck ARGS`` in a subprocess; a hang fails the test after ``timeout``."""
    environ = {**os.environ, "NO_COLOR": "1", "CLAIMCHECK_DISABLE_PLUGIN_AUTOLOAD": "1", **(env or {})}
    proc = subprocess.run([sys.executable, "-m", "claimcheck", *args], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", errors="replace", env=environ, timeout=timeout)
    return Run(proc.returncode, proc.stdout, proc.stderr).no_traceback()


@pytest.fixture
def project(tmp_path, monkeypatch):
    make_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CLAIMCHECK_DISABLE_PLUGIN_AUTOLOAD", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


@pytest.fixture
def seeds(tmp_path, monkeypatch):
    """A copy of the project's own claims, seeds and plugins/ (the ordinal example)."""
    for name in ("claims", "seeds", "plugins"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CLAIMCHECK_DISABLE_PLUGIN_AUTOLOAD", "1")
    return tmp_path


def report(root: Path, *args: str, env: dict | None = None) -> tuple[dict, str]:
    """The JSON report and the -v terminal output of a run in a subprocess, without timings."""
    run = cc_sub(root, "-v", "--json", "r.json", *args, timeout=120, env=env)
    assert run.ret in (0, 1), run
    data = json.loads((root / "r.json").read_text(encoding="utf-8"))
    data["summary"].pop("duration", None)
    for claim in data["claims"]:
        claim.pop("duration", None)
    return data, re.sub(r" in [\d.]+s", "", run.out)
