"""``claimcheck init`` and ``claimcheck draft``: from nothing to a green run, and claims from articles."""
from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml

from hostile_helpers import cc

README = Path(__file__).parent.parent / "README.md"


def quickstart() -> list[str]:
    block = README.read_text(encoding="utf-8").split("<!-- quickstart:begin")[1].split("<!-- quickstart:end")[0]
    return [line for line in block.split("```sh\n")[1].split("```")[0].splitlines() if line.strip()]


def test_the_readme_quickstart_runs_as_written(tmp_path, monkeypatch, capsys) -> None:
    """init → a green run → one number edited → a failing run, exactly as the README says."""
    monkeypatch.chdir(tmp_path)
    for line in quickstart():
        command, _, comment = line.partition("#")
        words = shlex.split(command)
        if words[0] == "claimcheck":
            run = cc(capsys, *words[1:])
            wanted = re.search(r"\(exit (\d)\)", comment)
            assert run.ret == (int(wanted.group(1)) if wanted else 0), (line, run)
            said = re.search(r"\d+ (?:supported|contradicted)", comment)
            if said:
                assert said.group() in run.out, (line, run.out)
        else:
            subprocess.run(words, check=True, cwd=tmp_path)


def test_init_adds_its_section_to_an_existing_pyproject(tmp_path, capsys) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "newsroom"\n', encoding="utf-8")
    run = cc(capsys, "init", str(tmp_path))
    assert run.ret == 0 and "([tool.claimcheck] added)" in run.out, run
    text = (tmp_path / "pyproject.toml").read_text(encoding="utf-8")
    assert text.startswith('[project]\nname = "newsroom"\n\n[tool.claimcheck]\n'), text


def test_init_overwrites_nothing(tmp_path, capsys) -> None:
    cc(capsys, "init", str(tmp_path))
    (tmp_path / "claims" / "globex.yaml").write_text("claims: []\n", encoding="utf-8")
    run = cc(capsys, "init", str(tmp_path))
    assert run.ret == 4 and "not overwriting" in run.error_line, run
    assert (tmp_path / "claims" / "globex.yaml").read_text(encoding="utf-8") == "claims: []\n"


def test_init_refuses_a_claimcheck_project_and_writes_nothing(tmp_path, capsys) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.claimcheck]\n", encoding="utf-8")
    run = cc(capsys, "init", str(tmp_path))
    assert run.ret == 4 and "already has a [tool.claimcheck] section" in run.error_line, run
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pyproject.toml"]


@pytest.fixture
def started(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    cc(capsys, "init")
    return tmp_path


def test_draft_proposes_claims_its_article_supports(started, capsys) -> None:
    run = cc(capsys, "draft", "articles/globex-2025.md", "-o", "claims/drafted.yaml")
    assert run.ret == 0 and "claims drafted in claims/drafted.yaml" in run.err, run
    drafted = yaml.safe_load((started / "claims" / "drafted.yaml").read_text(encoding="utf-8"))
    assert drafted["sources"] == ["../articles/globex-2025.md"]
    assert {c["cues"][0] for c in drafted["claims"]} >= {"chiffre d'affaires", "bénéfice net", "dividende"}
    revenue = next(c for c in drafted["claims"] if c["cues"] == ["chiffre d'affaires"])
    assert revenue["about"] == ["Globex"]
    assert revenue["expect"] == {"amount": "2,4 milliards d'euros", "date": "2025", "percentage": "+12 %"}
    checked = cc(capsys, "claims/drafted.yaml", "-q")
    assert checked.ret == 0 and f"{len(drafted['claims'])} supported" in checked.out, checked


def test_draft_creates_the_folder_of_its_output(started, capsys) -> None:
    run = cc(capsys, "draft", "articles/globex-2025.md", "-o", "suites/new/drafted.yaml")
    assert run.ret == 0 and (started / "suites" / "new" / "drafted.yaml").is_file(), run


def test_draft_to_an_unwritable_place_is_an_error_not_a_traceback(started, capsys) -> None:
    (started / "taken").write_text("a file, not a folder\n", encoding="utf-8")
    run = cc(capsys, "draft", "articles/globex-2025.md", "-o", "taken/drafted.yaml")
    assert run.ret != 0 and "-o taken/drafted.yaml: cannot write" in run.error_line, run


def test_draft_says_which_line_each_claim_came_from(started, capsys) -> None:
    out = cc(capsys, "draft", "articles/globex-2025.md").out
    assert "# articles/globex-2025.md:3\n" in out and "# articles/globex-2025.md:4\n" in out, out


def test_an_article_with_nothing_to_draft_is_a_usage_error(started, capsys) -> None:
    (started / "articles" / "note.md").write_text("Une note sans chiffre.\n", encoding="utf-8")
    run = cc(capsys, "draft", "articles/note.md")
    assert run.ret == 4 and "no claim to draft" in run.error_line, run


def test_drafts_from_the_seed_articles_are_supported_by_them(tmp_path, monkeypatch, capsys) -> None:
    """Issue 9: drafts come from the text, so checked back against it they are supported."""
    import shutil
    shutil.copytree(Path(__file__).parent.parent / "seeds", tmp_path / "seeds")
    (tmp_path / "claims").mkdir()
    monkeypatch.chdir(tmp_path)
    drafted = cc(capsys, "draft", "seeds", "-o", "claims/drafted.yaml")
    assert drafted.ret == 0, drafted
    count = len(yaml.safe_load((tmp_path / "claims" / "drafted.yaml").read_text(encoding="utf-8"))["claims"])
    checked = cc(capsys, "claims/drafted.yaml", "-q", "--json", "r.json")
    verdicts = [c["verdict"] for c in yaml.safe_load((tmp_path / "r.json").read_text(encoding="utf-8"))["claims"]]
    assert count >= 10 and verdicts.count("supported") / count >= 0.95, (verdicts, checked)
