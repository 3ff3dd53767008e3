"""Hostile claim files (issue 12): odd encodings and line endings, odd names and spellings,
special files, claims that could never be decided; both front ends collect the same files."""
from __future__ import annotations

import codecs
import os

import pytest
from hostile_helpers import CLAIM, cc, cc_sub, make_project, project  # noqa: F401  (the fixture)


def _pytest_outcome(pytester, *args):
    result = pytester.runpytest("claims", "-p", "no:cacheprovider", *args)
    return result


ENCODINGS = {
    "cr_line_endings": lambda text: text.replace("\n", "\r").encode("utf-8"),
    "crlf_line_endings": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    "utf16_with_bom": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf16_big_endian_with_bom": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf16_without_bom": lambda text: text.encode("utf-16-le"),
    "utf32_with_bom": lambda text: text.encode("utf-32"),
    "utf8_with_bom_and_cr": lambda text: codecs.BOM_UTF8 + text.replace("\n", "\r").encode("utf-8"),
}


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_claim_file_with_odd_encoding_or_line_endings_is_collected(project, capsys, encoding):
    # Not first in the file: "claims:" at offset 0 was found whatever the line endings.
    (project / "claims" / "c.yaml").write_bytes(ENCODINGS[encoding]("lang: fr\n" + CLAIM))
    (project / "claims" / "other.yaml").write_text(CLAIM.replace("id: msft", "id: other"), encoding="utf-8")
    run = cc(capsys, "-q")
    assert run.ret == 0 and run.out.startswith(".."), run
    assert "2 supported" in run.out


@pytest.mark.parametrize("encoding", ["cr_line_endings", "utf16_with_bom"])
def test_claim_file_with_odd_encoding_is_collected_by_pytest(pytester, encoding):
    make_project(pytester.path)
    (pytester.path / "claims" / "c.yaml").write_bytes(ENCODINGS[encoding]("lang: fr\n" + CLAIM))
    result = _pytest_outcome(pytester)
    result.stdout.fnmatch_lines(["*1 supported*"])
    assert result.ret == 0


def test_cr_only_claim_file_error_has_the_right_line(project, capsys):
    text = ("lang: fr\n" + CLAIM.replace("expect:", "expcet:")).replace("\n", "\r")
    (project / "claims" / "c.yaml").write_bytes(text.encode())
    run = cc(capsys)
    assert run.ret == 4
    assert run.error_line.startswith("ERROR: claims/c.yaml:7:5: unknown key 'expcet'"), run


@pytest.mark.parametrize("name", ["C.YAML", "c.Yml"])
def test_claim_file_with_upper_case_suffix_is_collected_by_both_front_ends(pytester, name, capsys):
    make_project(pytester.path)
    (pytester.path / "claims" / "c.yaml").rename(pytester.path / "claims" / name)
    result = _pytest_outcome(pytester)
    result.stdout.fnmatch_lines(["*1 supported*"])
    os.chdir(pytester.path)
    assert cc(capsys, "-q").out.startswith(".")


JSON_STYLE = """{"claims": [{"id": "msft", "claim": "Microsoft a investi 1 milliard de dollars dans OpenAI.",
  "about": ["Microsoft", "OpenAI"], "cues": ["investi"],
  "expect": {"amount": "1 milliard de dollars"}}]}
"""
INDENTED_JSON = """{
  "claims": [
    {"id": "msft", "claim": "Microsoft a investi 1 milliard de dollars dans OpenAI.",
     "about": ["Microsoft", "OpenAI"], "cues": ["investi"],
     "expect": {"amount": "1 milliard de dollars"}}
  ]
}
"""
EXPLICIT_KEY = "? claims\n:\n" + CLAIM.split("\n", 1)[1]
SPELLINGS = {"json_style": JSON_STYLE, "indented_json": INDENTED_JSON, "explicit_key": EXPLICIT_KEY,
             "quoted_key": CLAIM.replace("claims:", '"claims":', 1)}


@pytest.mark.parametrize("spelling", sorted(SPELLINGS))
def test_claim_file_in_another_yaml_spelling_is_collected_and_supported(project, capsys, spelling):
    (project / "claims" / "c.yaml").write_text(SPELLINGS[spelling], encoding="utf-8")
    from_folder = cc(capsys, "-q")
    assert from_folder.ret == 0 and from_folder.out.startswith(".\n"), from_folder
    named = cc(capsys, "-q", "claims/c.yaml")
    assert named.ret == 0 and named.out.startswith(".\n"), named


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_claims_in_a_symlinked_subfolder_are_collected_by_both_front_ends(pytester, capsys):
    make_project(pytester.path)
    (pytester.path / "more").mkdir()
    (pytester.path / "more" / "m.yaml").write_text(CLAIM.replace("id: msft", "id: linked"), encoding="utf-8")
    (pytester.path / "claims" / "sub").symlink_to(pytester.path / "more", target_is_directory=True)
    (pytester.path / "claims" / "loop").symlink_to(pytester.path / "claims", target_is_directory=True)
    os.chdir(pytester.path)
    run = cc(capsys, "-v")
    assert "claims/sub/m.yaml::linked SUPPORTED" in run.out, run
    assert "2 supported" in run.out
    result = _pytest_outcome(pytester)
    result.stdout.fnmatch_lines(["*2 supported*"])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_fifo_named_like_a_claim_file_does_not_hang_the_collection(project):
    os.mkfifo(project / "claims" / "pipe.yaml")
    from_folder = cc_sub(project, "-q", timeout=60)
    assert from_folder.ret == 0, from_folder
    assert "claims/pipe.yaml: skipped: a FIFO (named pipe), not a claim file" in from_folder.err
    named = cc_sub(project, "claims/pipe.yaml", timeout=60)
    assert named.ret == 4, named
    assert named.error_line == ("ERROR: claims/pipe.yaml: is a FIFO (named pipe), not a claim file: "
                                "name a regular YAML file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_fifo_named_like_a_claim_file_does_not_hang_pytest(pytester):
    make_project(pytester.path)
    os.mkfifo(pytester.path / "claims" / "pipe.yaml")
    result = pytester.runpytest_subprocess("claims", "-p", "no:cacheprovider", timeout=60)
    result.stdout.fnmatch_lines(["*1 supported*"])


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_claim_file_linked_to_a_device_is_refused_unread(project, capsys, device):
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    (project / "claims" / "dev.yaml").symlink_to(device)
    run = cc(capsys, "claims/dev.yaml")
    assert run.ret == 4
    assert run.error_line.startswith("ERROR: claims/dev.yaml: is a character device"), run


# -- claims that could never be decided, or are misread ------------------------------------


@pytest.mark.parametrize("lang, read", [("EN", "en"), ("en-US", "en"), ("fr-FR", "fr"), ("FR", "fr")])
def test_claim_language_with_capitals_or_a_region_is_read(project, capsys, lang, read):
    from claimcheck.claims import load
    from claimcheck.config import Config
    from claimcheck.plugins import Plugins
    plugins = Plugins()
    plugins.load_builtins()
    (project / "claims" / "c.yaml").write_text(f"lang: {lang}\n" + CLAIM, encoding="utf-8")
    [claim] = load(project / "claims" / "c.yaml", config=Config(rootdir=project),
                   matchers=plugins.matchers(None))
    assert claim.lang == read


@pytest.mark.parametrize("where", ["file", "claim", "command line"])
def test_claim_language_not_read_is_a_usage_error(project, capsys, where):
    if where == "file":
        (project / "claims" / "c.yaml").write_text("lang: de\n" + CLAIM, encoding="utf-8")
        expected = ("ERROR: claims/c.yaml:1:7: 'lang': language 'de' is not one claimcheck reads "
                    "(fr, en); write lang: fr or lang: en")
    elif where == "claim":
        (project / "claims" / "c.yaml").write_text(CLAIM.replace("    cues:", "    lang: de\n    cues:"),
                                                   encoding="utf-8")
        expected = "ERROR: claims/c.yaml:5:11: 'lang': language 'de' is not one claimcheck reads"
    else:
        expected = "ERROR: --lang de: language 'de' is not one claimcheck reads (fr, en)"
    run = cc(capsys, *(["--lang", "de"] if where == "command line" else []))
    assert run.ret == 4, run
    assert run.error_line.startswith(expected), run


@pytest.mark.parametrize("tolerance", [".nan", ".NaN", ".inf", "-.inf", "1e309"])
def test_tolerance_that_is_not_a_finite_number_is_refused(project, capsys, tolerance):
    (project / "claims" / "c.yaml").write_text(CLAIM.replace(
        "{amount: 1 milliard de dollars}", f"{{amount: {{value: 1 milliard de dollars, tolerance: {tolerance}}}}}"),
        encoding="utf-8")
    run = cc(capsys)
    assert run.ret == 4, run
    assert run.error_line.startswith("ERROR: claims/c.yaml:6:") and \
        "option 'tolerance' must be a finite number" in run.error_line, run


@pytest.mark.parametrize("cues", ['["("]', '["*"]', '[".*"]', '["+"]', '["in*vest"]'])
def test_cue_that_can_never_match_is_refused(project, capsys, cues):
    (project / "claims" / "c.yaml").write_text(CLAIM.replace("cues: [investi]", f"cues: {cues}"), encoding="utf-8")
    run = cc(capsys)
    assert run.ret == 4, run
    assert run.error_line.startswith("ERROR: claims/c.yaml:5:") and "'cues' item" in run.error_line, run


@pytest.mark.parametrize("about", ['["()"]', '[Microsoft, "-"]', '["…"]'])
def test_entity_that_can_never_match_is_refused(project, capsys, about):
    (project / "claims" / "c.yaml").write_text(CLAIM.replace("about: [Microsoft, OpenAI]", f"about: {about}"),
                                               encoding="utf-8")
    run = cc(capsys)
    assert run.ret == 4, run
    assert "'about' item" in run.error_line and "has no letter or digit" in run.error_line, run


ENGLISH = CLAIM.replace("Microsoft a investi 1 milliard de dollars dans OpenAI.",
                        "Microsoft invested $1 billion in OpenAI in 2019.")


def test_english_claim_in_a_french_file_is_warned_about_once(project, capsys):
    (project / "claims" / "c.yaml").write_text(ENGLISH.replace("claims:", "lang: fr\nclaims:"), encoding="utf-8")
    run = cc(capsys, "-q")
    warnings = [line for line in run.err.splitlines() if "reads as English" in line]
    assert warnings == ["WARNING: claims/c.yaml:4:12: claim 'msft' reads as English (invested, billion, in) "
                        "but its lang is fr, so its values are read as French ('billion' = 10^12): "
                        "add lang: en to the claim or the file"], run


def test_a_claim_in_a_file_without_lang_is_read_in_its_sentence_language(project, capsys):
    """No lang anywhere: "$1 billion" in an English sentence is 10^9, and agrees with the
    French expect "1 milliard de dollars"."""
    (project / "claims" / "c.yaml").write_text(ENGLISH, encoding="utf-8")
    run = cc(capsys, "-q")
    assert run.ret == 0 and "reads as English" not in run.err, run


@pytest.mark.parametrize("text", [ENGLISH.replace("claims:", "lang: en\nclaims:"), CLAIM,
                                  CLAIM.replace("dans OpenAI.", "dans OpenAI, selon The Information.")])
def test_french_or_declared_english_claim_is_not_warned_about(project, capsys, text):
    (project / "claims" / "c.yaml").write_text(text, encoding="utf-8")
    assert "reads as English" not in cc(capsys, "-q").err
