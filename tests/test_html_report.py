"""``--html FILE`` (issue 10): the evidence report of claims/, read as HTML and rendered in a
real headless Chromium (Debian's ``chromium``; the browser test skips when it is absent)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytest.importorskip("jinja2", reason="--html needs the 'html' extra (Jinja2)")

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class Rows(HTMLParser):
    """The claim rows of a report: verdict, outcome and the kinds marked in each."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict] = []
        self.ready = False
        self.external: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "body" and attrs.get("data-ready") == "true":
            self.ready = True
        if tag == "tr" and "claim" in (attrs.get("class") or "").split():
            self.rows.append({"verdict": attrs["data-verdict"], "passed": attrs["data-passed"],
                              "hidden": "hidden" in attrs["class"].split(), "marks": 0})
        if tag == "mark" and self.rows:
            self.rows[-1]["marks"] += 1
        for key in ("src", "href"):
            if attrs.get(key) and not attrs[key].startswith("#"):
                self.external.append(attrs[key])
        if tag == "link":
            self.external.append(str(attrs))


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("html")
    run = subprocess.run([sys.executable, "-m", "claimcheck", "claims/", "-q", "--html", str(out / "r.html"),
                          "--json", str(out / "r.json")], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return out / "r.html", json.loads((out / "r.json").read_text(encoding="utf-8"))


def _check(parsed: Rows, data: dict) -> None:
    assert [r["verdict"] for r in parsed.rows] == [c["verdict"] for c in data["claims"]]
    assert len(parsed.rows) == len(data["claims"]) >= 44
    for row in parsed.rows:
        assert row["passed"] == "true"
        if row["verdict"] in ("supported", "contradicted"):
            assert row["marks"] >= 1, row


def test_one_row_per_claim_with_marks_and_nothing_fetched(report):
    path, data = report
    parsed = Rows()
    parsed.feed(path.read_text(encoding="utf-8"))
    _check(parsed, data)
    assert parsed.external == []  # self-contained: no link, image, script or style to fetch


def test_text_is_escaped(tmp_path):
    from claimcheck.model import Claim, Location, Result, Verdict
    from claimcheck.reporters import html
    claim = Claim(id="x", text="<script>alert(1)</script>", lang="fr", about=(), cues=("a",),
                  expect=(), location=Location(path=Path("c.yaml"), line=1))
    page = html.render([Result(claim=claim, verdict=Verdict.ABSENT)])
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(_chromium() is None, reason="chromium is not installed (apt-get install chromium)")
def test_report_renders_in_headless_chromium(report, tmp_path):
    path, data = report
    run = subprocess.run([_chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
                          "--enable-logging=stderr", "--v=0", "--dump-dom", path.as_uri()],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    parsed = Rows()
    parsed.feed(run.stdout)
    assert parsed.ready, "the filter script did not run"
    _check(parsed, data)
    assert not any(row["hidden"] for row in parsed.rows)
    console = [line for line in run.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert console == [], console


def test_without_jinja2_html_is_a_usage_error_before_any_claim(tmp_path, monkeypatch, capsys):
    from hostile_helpers import cc, make_project
    make_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CLAIMCHECK_DISABLE_PLUGIN_AUTOLOAD", "1")
    monkeypatch.setitem(sys.modules, "jinja2", None)  # import jinja2 now raises ImportError
    run = cc(capsys, "--html", "r.html")
    assert run.ret == 4 and "collected" not in run.out
    assert run.error_line == ("ERROR: --html needs Jinja2: pip install 'claimcheck-news[html]' "
                              "(or pip install jinja2)")
