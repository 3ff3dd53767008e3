"""Hostile corpora (issue 12): special files, links out of the project root, sources.yml,
dates at the ends of the calendar, language tags; and ``claimcheck extract`` on such files."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hostile_helpers import CLAIM, cc, cc_sub, make_project, project  # noqa: F401  (the fixture)

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")


def _device(path: str) -> str:
    if not os.path.exists(path):
        pytest.skip(f"no {path} on this system")
    return path


# -- special files --------------------------------------------------------------------


@needs_fifo
def test_fifo_in_the_corpus_folder_is_skipped_with_a_warning(project):
    os.mkfifo(project / "articles" / "pipe.txt")
    run = cc_sub(project, "-q")
    assert run.ret == 0, run
    assert "WARNING: articles/pipe.txt: skipped: a FIFO (named pipe), not an article" in run.err


@needs_fifo
@pytest.mark.parametrize("command", [["--sources", "pipe.txt"], ["extract", "pipe.txt"]],
                         ids=["sources", "extract"])
def test_fifo_named_as_a_source_is_refused_without_hanging(project, command):
    os.mkfifo(project / "pipe.txt")
    run = cc_sub(project, *command, timeout=60)
    assert run.ret == 4, run
    assert run.error_line.startswith("ERROR: pipe.txt: is a FIFO (named pipe), not a file"), run


@needs_fifo
def test_fifo_named_as_a_source_does_not_hang_pytest(pytester):
    make_project(pytester.path)
    os.mkfifo(pytester.path / "pipe.txt")
    result = pytester.runpytest_subprocess("claims", "-p", "no:cacheprovider", "--sources", "pipe.txt",
                                           timeout=60)
    assert result.ret == 4
    assert "ERROR: pipe.txt: is a FIFO (named pipe), not a file" in result.stderr.str()
    assert "Traceback" not in result.stdout.str() + result.stderr.str()


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_link_to_a_device_in_the_corpus_is_skipped_unread(project, capsys, device):
    (project / "articles" / "dev.txt").symlink_to(_device(device))
    run = cc(capsys, "-q", "--allow-outside-root")
    assert run.ret == 0, run
    assert f"articles/dev.txt: skipped: a character device ({device}), not an article" in run.err
    assert "symbolic link to nothing" not in run.err


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
@pytest.mark.parametrize("command", ["sources", "extract"])
def test_link_to_a_device_named_as_a_source_is_refused_unread(project, capsys, device, command):
    (project / "dev.txt").symlink_to(_device(device))
    args = ["--sources", "dev.txt", "--allow-outside-root"] if command == "sources" else ["extract", "dev.txt"]
    run = cc(capsys, *args)
    assert run.ret == 4, run
    assert run.error_line.startswith(f"ERROR: dev.txt: is a character device ({device}), not a file"), run


def test_extract_on_a_binary_file_is_an_error_not_a_traceback(project, capsys):
    (project / "scan.txt").write_bytes(b"%PDF-1.7\x00\x01\x02binary")
    run = cc(capsys, "extract", "scan.txt")
    assert run.ret == 4
    assert run.error_line == "ERROR: scan.txt: not text: a PDF file, not text", run


# -- the project root -------------------------------------------------------------------


def test_link_in_the_corpus_to_a_file_outside_the_root_is_not_read(project, capsys, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret.txt"
    outside.write_text("Microsoft a investi 1 milliard de dollars dans OpenAI. SECRET\n", encoding="utf-8")
    (project / "articles" / "secret.txt").symlink_to(outside)
    for args in ([], ["explain", "claims/c.yaml::msft"]):
        run = cc(capsys, *args)
        assert run.ret == 4, run
        assert run.error_line.startswith(f"ERROR: articles/secret.txt: a symbolic link to {outside.resolve()}, "
                                         "outside the project root"), run
        assert "SECRET" not in run.out + run.err
    assert cc(capsys, "-q", "--allow-outside-root").ret == 0


def test_link_to_the_password_file_is_not_quoted_by_explain(project, capsys):
    (project / "articles" / "passwd.txt").symlink_to(_device("/etc/passwd"))
    run = cc(capsys, "explain", "claims/c.yaml::msft")
    assert run.ret == 4
    assert "outside the project root" in run.error_line and "root:" not in run.out


def test_linked_corpus_subfolder_outside_the_root_is_not_walked(project, capsys, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere")
    (outside / "b.txt").write_text("Microsoft a investi 2 milliards de dollars dans OpenAI.\n", encoding="utf-8")
    (project / "articles" / "more").symlink_to(outside, target_is_directory=True)
    (project / "claims" / "c.yaml").write_text("sources: [../articles]\n" + CLAIM, encoding="utf-8")
    run = cc(capsys)
    assert run.ret == 4, run
    assert run.error_line.startswith(f"ERROR: articles/more: a symbolic link to {outside.resolve()}, "
                                     "outside the project root"), run


def test_pyproject_sources_outside_the_root_are_refused(project, capsys, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "b.txt").write_text("x\n", encoding="utf-8")
    relative = os.path.relpath(outside, project)
    (project / "pyproject.toml").write_text(
        f'[tool.claimcheck]\npaths = ["claims"]\nsources = ["{relative}"]\n', encoding="utf-8")
    run = cc(capsys)
    assert run.ret == 4, run
    assert "is outside the project root" in run.error_line and "pyproject.toml" in run.error_line, run
    assert cc(capsys, "-q", "--allow-outside-root").ret == 0


def test_command_line_sources_outside_the_root_are_the_users_choice(project, capsys, tmp_path_factory):
    # As pytest's arguments may lie anywhere: the user named the folder.
    outside = tmp_path_factory.mktemp("outside")
    (outside / "b.txt").write_text("Microsoft a investi 1 milliard de dollars dans OpenAI.\n", encoding="utf-8")
    assert cc(capsys, "-q", "--sources", str(outside)).ret == 0


def test_links_inside_command_line_sources_stay_in_them(project, capsys, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "b.txt").write_text("Microsoft a investi 1 milliard de dollars dans OpenAI.\n", encoding="utf-8")
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (elsewhere / "secret.txt").write_text("Not for the corpus.\n", encoding="utf-8")
    (outside / "link.txt").symlink_to(elsewhere / "secret.txt")
    run = cc(capsys, "--sources", str(outside))
    assert run.ret == 4 and "a symbolic link to" in run.error_line, run
    assert f"outside the --sources folder {outside.resolve()}" in run.error_line, run


def test_root_without_pyproject_does_not_depend_on_the_working_folder(tmp_path_factory):
    base = tmp_path_factory.mktemp("noproject")
    (base / "outside").mkdir()
    (base / "outside" / "a.txt").write_text("Microsoft a investi 1 milliard de dollars dans OpenAI.\n",
                                            encoding="utf-8")
    claims = base / "proj" / "claims"
    claims.mkdir(parents=True)
    (claims / "c.yaml").write_text("sources: [../../outside]\n" + CLAIM, encoding="utf-8")
    for cwd in (Path("/"), base, claims):
        run = cc_sub(cwd, str(claims / "c.yaml"))
        assert run.ret == 4, (cwd, run)
        assert f"is outside the project root {(base / 'proj').resolve()}" in run.err, (cwd, run)


# -- metadata -----------------------------------------------------------------------------


def test_sources_yml_is_read_like_sources_yaml(project, capsys):
    # Dated 2019-07-01, "l'an dernier" is 2018: the verdict depends on the file being read.
    (project / "articles" / "a.txt").write_text(
        "L'an dernier, Microsoft a investi 1 milliard de dollars dans OpenAI.\n", encoding="utf-8")
    (project / "claims" / "c.yaml").write_text(
        CLAIM.replace("{amount: 1 milliard de dollars}", '{amount: 1 milliard de dollars, date: "2018"}'),
        encoding="utf-8")
    (project / "articles" / "sources.yml").write_text("a.txt: {date: 2019-07-01}\n", encoding="utf-8")
    run = cc(capsys, "-q")
    assert run.ret == 0 and run.out.startswith(".\n"), run
    (project / "articles" / "sources.yaml").write_text("a.txt: {date: 2019-07-01}\n", encoding="utf-8")
    both = cc(capsys)
    assert both.ret == 4
    assert "both sources.yaml and sources.yml describe this folder" in both.error_line


@pytest.mark.parametrize("where", ["sources.yaml", "front matter"])
@pytest.mark.parametrize("date", ["9999-12-31", "0001-01-01"])
def test_article_dated_at_the_end_of_the_calendar_is_a_corpus_error(project, capsys, where, date):
    text = "Demain, Microsoft a investi 1 milliard de dollars dans OpenAI; hier aussi.\n"
    if where == "sources.yaml":
        (project / "articles" / "a.txt").write_text(text, encoding="utf-8")
        (project / "articles" / "sources.yaml").write_text(f"a.txt: {{date: {date}}}\n", encoding="utf-8")
    else:
        (project / "articles" / "a.txt").unlink()
        (project / "articles" / "a.md").write_text(f"---\ndate: {date}\n---\n{text}", encoding="utf-8")
    run = cc(capsys)
    assert run.ret == 4, run
    assert f"bad date: '{date}' is out of range: dates must lie between the years 1000 and 9000" in run.error_line


@pytest.mark.parametrize("date, word", [("9999-12-31", "demain"), ("0001-01-01", "hier")])
def test_extract_with_a_reference_date_at_the_end_of_the_calendar_is_a_usage_error(project, capsys, date, word):
    (project / "e.txt").write_text(f"{word.capitalize()}, 5 milliards.\n", encoding="utf-8")
    run = cc(capsys, "extract", "e.txt", "--date", date)
    assert run.ret == 4
    assert run.error_line == f"ERROR: --date: '{date}' is out of range: dates must lie between the years 1000 and 9000"


@pytest.mark.parametrize("where", ["sources.yaml", "front matter"])
@pytest.mark.parametrize("lang", ["FR", "fr-FR", "fr_CA"])
def test_article_language_with_capitals_or_a_region_is_read(project, capsys, where, lang):
    if where == "sources.yaml":
        (project / "articles" / "sources.yaml").write_text(f"a.txt: {{lang: {lang}}}\n", encoding="utf-8")
    else:
        text = (project / "articles" / "a.txt").read_text(encoding="utf-8")
        (project / "articles" / "a.txt").unlink()
        (project / "articles" / "a.md").write_text(f"---\nlang: {lang}\n---\n{text}", encoding="utf-8")
    run = cc(capsys, "-q")
    assert run.ret == 0 and run.out.startswith(".\n"), run


def test_article_language_not_read_is_a_corpus_error(project, capsys):
    (project / "articles" / "sources.yaml").write_text("a.txt: {lang: de}\n", encoding="utf-8")
    run = cc(capsys)
    assert run.ret == 4
    assert run.error_line == ("ERROR: articles/sources.yaml:1:15: bad lang: language 'de' is not one "
                              "claimcheck reads (fr, en); write lang: fr or lang: en")
