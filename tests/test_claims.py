"""Stage 1, claims.py: what a claim file may say, what it reads as, and how it is refused."""
from __future__ import annotations

import os
import sys
import time
import tracemalloc
import warnings
from pathlib import Path
from typing import Mapping

import pytest
import yaml

from claimcheck import claimyaml
from claimcheck.claims import MAX_BYTES, collect, is_claim_file, load
from claimcheck.config import Config
from claimcheck.errors import ClaimcheckWarning, ClaimFileError, PluginError, UsageError
from claimcheck.matchers import Matcher
from claimcheck.model import Inferred, Location

CASES = Path(__file__).parent / "cases" / "claim_errors.yaml"


class FakeMatcher(Matcher):
    """Parses anything but "bazillion", recording what it was given."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, dict]] = []

    def parse(self, text: str, *, lang: str, options: Mapping[str, object]) -> object:
        self.calls.append((text, lang, dict(options)))
        if "bazillion" in text:
            raise ValueError(f"cannot read '{text}': 'bazillion' is not a number")
        return (self.kind, text)


class FakeAmount(FakeMatcher):
    kind = "amount"
    options = frozenset({"tolerance"})


class FakeDate(FakeMatcher):
    kind = "date"


@pytest.fixture
def matchers() -> dict[str, Matcher]:
    return {"amount": FakeAmount(), "date": FakeDate()}


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return Config(rootdir=tmp_path)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- Golden bad files: tests/cases/claim_errors.yaml -------------------------------

def _cases() -> list:
    data = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    return [pytest.param(case, id=case_id) for case_id, case in data.items()]


@pytest.fixture(params=["libyaml", "pure-python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with each YAML parser claimyaml.py can use: same rules, same locations."""
    if request.param == "libyaml":
        if not yaml.__with_libyaml__:
            pytest.skip("PyYAML is built without libyaml")
        monkeypatch.setattr(claimyaml, "_Loader", claimyaml._CLoader)
    else:
        monkeypatch.setattr(claimyaml, "_Loader", claimyaml._PyLoader)
    return request.param


@pytest.mark.parametrize("case", _cases())
def test_claim_file_error(case: dict, parser: str, tmp_path: Path, config: Config,
                          matchers: dict) -> None:
    path = write(tmp_path / "claims" / "bad.yaml", case["file"])
    if case.get("level") == "claim":
        claims = load(path, config=config, matchers=matchers)
        assert [c.problem for c in claims] == [f"{path}:{case['at']}: {case['error']}"]
        return
    with pytest.raises(ClaimFileError) as info:
        load(path, config=config, matchers=matchers)
    err = info.value
    if case.get("match") == "substring":
        assert case["error"] in err.message
    else:
        assert err.message == case["error"]
    assert err.location.path == path
    at = f"{err.location.line}:{err.location.column}" if err.location.line else ""
    assert at == case["at"]
    assert str(err) == f"{err.location}: {err.message}"


def test_golden_cases_are_well_formed() -> None:
    data = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    assert len(data) >= 50
    for case_id, case in data.items():
        assert set(case) <= {"file", "error", "at", "match", "level"}, case_id
        assert {"file", "error", "at"} <= set(case), case_id


def test_invalid_yaml_shows_the_line_and_a_caret(tmp_path: Path, config: Config,
                                                 matchers: dict) -> None:
    path = write(tmp_path / "c.yaml", "claims:\n  - id: a\n    claim: Microsoft: a investi\n")
    with pytest.raises(ClaimFileError) as info:
        load(path, config=config, matchers=matchers)
    lines = str(info.value).split("\n")
    assert lines[0].startswith(f"{path}:3:21: invalid YAML: mapping values are not allowed")
    assert lines[1:] == ["        claim: Microsoft: a investi", "                        ^"]
    assert "Traceback" not in str(info.value)


# -- The good path ------------------------------------------------------------------

GOOD = """\
lang: fr
entities:
  Microsoft: [la firme de Redmond, Microsoft, la société basée à Redmond]
  OpenAI:
claims:
  - id: msft-jul2019-1bn
    claim: "  En juillet 2019, Microsoft a investi 1 milliard de dollars dans OpenAI. "
    about: [Microsoft, OpenAI, le conseil d'administration]
    cues: [invest*, injecté]
    expect:
      amount: 1 milliard de dollars
      date: 2019
    tags: [funding, "2019"]
  - id: stake
    claim: Microsoft holds 49 %.
    lang: en
    cues: [holds]
    expect:
      amount: {value: 49 %, tolerance: 1}
"""


def test_good_file_reads_into_claims(tmp_path: Path, config: Config, matchers: dict) -> None:
    path = write(tmp_path / "claims" / "funding.yaml", GOOD)
    first, second = load(path, config=config, matchers=matchers)

    assert first.id == "msft-jul2019-1bn"
    assert first.text == "En juillet 2019, Microsoft a investi 1 milliard de dollars dans OpenAI."
    assert first.lang == "fr"
    # Glossary names carry their aliases (the name itself once); other phrases stand alone.
    assert first.about == (("Microsoft", "la firme de Redmond", "la société basée à Redmond"),
                           ("OpenAI",), ("le conseil d'administration",))
    assert first.cues == ("invest*", "injecté")
    assert first.tags == ("funding", "2019")
    assert first.sources == ()
    assert [(e.kind, e.text, e.value) for e in first.expect] == [
        ("amount", "1 milliard de dollars", ("amount", "1 milliard de dollars")),
        ("date", "2019", ("date", "2019"))]  # a number is read as its text
    assert first.location == Location(path=path, line=6, column=5)
    assert first.expect[0].location == Location(path=path, line=11, column=15)
    assert first.expect[1].location == Location(path=path, line=12, column=13)
    assert first.nodeid == f"{path.as_posix()}::msft-jul2019-1bn"

    assert second.lang == "en"
    # No about: the sentence names a glossary entity.
    assert second.about == (("Microsoft", "la firme de Redmond", "la société basée à Redmond"),)
    assert second.inferred == (Inferred(field="about", rule="claim-entity-glossary"),)
    (facet,) = second.expect
    assert (facet.text, facet.options) == ("49 %", {"tolerance": 1})
    assert facet.location == Location(path=path, line=19, column=23)


def test_matchers_get_the_claim_language_and_options(tmp_path: Path, config: Config,
                                                     matchers: dict) -> None:
    write(tmp_path / "c.yaml", GOOD)
    load(tmp_path / "c.yaml", config=config, matchers=matchers)
    assert matchers["amount"].calls == [("1 milliard de dollars", "fr", {}),
                                        ("49 %", "en", {"tolerance": 1})]
    assert matchers["date"].calls == [("2019", "fr", {})]


def test_lang_defaults_to_the_config(tmp_path: Path, matchers: dict) -> None:
    path = write(tmp_path / "c.yaml", "claims:\n  - {id: a, claim: x, cues: [y], expect: {date: '2019'}}\n")
    (claim,) = load(path, config=Config(rootdir=tmp_path, lang="en"), matchers=matchers)
    assert claim.lang == "en"
    assert matchers["date"].calls == [("2019", "en", {})]


def test_claim_without_expect_expects_its_sentence_values(tmp_path: Path, config: Config, plugins) -> None:
    path = write(tmp_path / "c.yaml", "claims:\n  - {id: a, claim: Globex a levé 2 milliards de dollars en 2019, cues: [y]}\n")
    (claim,) = load(path, config=config, matchers=plugins.matchers(None))
    assert [(e.kind, e.text) for e in claim.expect] == [("amount", "2 milliards de dollars"), ("date", "2019")]
    assert [(i.field, i.rule) for i in claim.inferred] == [("lang", "claim-language"), ("about", "claim-entity-name"),
                                                          ("expect", "claim-values")]


def test_empty_claims_list_is_no_claims(tmp_path: Path, config: Config, matchers: dict) -> None:
    assert load(write(tmp_path / "c.yaml", "claims: []\n"), config=config, matchers=matchers) == []


def test_relative_path_stays_relative(tmp_path: Path, matchers: dict,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "claims" / "c.yaml", "claims:\n  - {id: a, claim: x, cues: [y], expect: {date: '2019'}}\n")
    monkeypatch.chdir(tmp_path)
    (claim,) = load(Path("claims/c.yaml"), config=Config(rootdir=tmp_path), matchers=matchers)
    assert str(claim.location) == "claims/c.yaml:2:5"
    assert claim.nodeid == "claims/c.yaml::a"


def test_bom_is_ignored(tmp_path: Path, config: Config, matchers: dict) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes("\ufeffclaims:\n  - {id: a, claim: x, cues: [y], expect: {date: '2019'}}\n".encode("utf-8"))
    (claim,) = load(path, config=config, matchers=matchers)
    assert claim.location.line == 2


def test_french_decimal_comma_in_flow_mapping_is_rejoined(tmp_path: Path, config: Config,
                                                          matchers: dict) -> None:
    # Plain YAML reads {amount: 1,5 milliard} as {amount: "1", "5 milliard": null}.
    path = write(tmp_path / "c.yaml", "claims:\n  - id: a\n    claim: x\n    cues: [y]\n"
                                      "    expect: {amount: 1,5 milliard de dollars, date: 2019}\n")
    with pytest.warns(ClaimcheckWarning, match=r"read '1,5 milliard de dollars' as one value"):
        (claim,) = load(path, config=config, matchers=matchers)
    assert [(e.kind, e.text) for e in claim.expect] == [("amount", "1,5 milliard de dollars"),
                                                        ("date", "2019")]
    assert claim.expect[0].location == Location(path=path, line=5, column=22)


def test_quoted_decimal_comma_gives_no_warning(tmp_path: Path, config: Config,
                                               matchers: dict) -> None:
    path = write(tmp_path / "c.yaml", "claims:\n  - id: a\n    claim: x\n    cues: [y]\n"
                                      "    expect: {amount: '1,5 milliard'}\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        (claim,) = load(path, config=config, matchers=matchers)
    assert claim.expect[0].text == "1,5 milliard"


def test_a_matcher_that_crashes_is_a_plugin_error(tmp_path: Path, config: Config) -> None:
    class Broken(Matcher):
        kind = "amount"

        def parse(self, text, *, lang, options):
            raise TypeError("oops")

    path = write(tmp_path / "c.yaml", "claims:\n  - {id: a, claim: x, cues: [y], expect: {amount: 1}}\n")
    with pytest.raises(PluginError) as info:
        load(path, config=config, matchers={"amount": Broken()})
    assert info.value.plugin == "amount"
    assert str(info.value) == f"{path}:2:51: matcher 'amount' raised TypeError reading '1': oops"


# -- Reading the bytes -----------------------------------------------------------------

def test_non_utf8_file_names_the_byte(tmp_path: Path, config: Config, matchers: dict) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes("claims:\n  - id: a\n    claim: Microsoft a investi en Cor\u00e9e\n".encode("latin-1"))
    with pytest.raises(ClaimFileError) as info:
        load(path, config=config, matchers=matchers)
    offset = len(b"claims:\n  - id: a\n    claim: Microsoft a investi en Cor")
    assert str(info.value) == (f"{path}:3:38: not valid UTF-8: byte 0xe9 at byte offset {offset} "
                               "(invalid continuation byte); save the file as UTF-8")


def test_file_over_the_size_limit_is_refused_unread(tmp_path: Path, config: Config, matchers: dict,
                                                    record_opens) -> None:
    path = tmp_path / "big.yaml"
    with open(path, "wb") as stream:
        stream.write(b"claims: []\n")
        stream.truncate(MAX_BYTES + 1)
    opened = record_opens()
    with pytest.raises(ClaimFileError) as info:
        load(path, config=config, matchers=matchers)
    assert str(info.value) == (f"{path}: claim file is 10.0 MB; the limit is 10 MB "
                               "(split it into several files)")
    assert opened == []


def test_not_a_yaml_suffix_is_refused(tmp_path: Path, config: Config, matchers: dict) -> None:
    path = write(tmp_path / "claims.txt", "claims: []\n")
    with pytest.raises(ClaimFileError, match="claim files are YAML files ending in .yaml or .yml"):
        load(path, config=config, matchers=matchers)


def test_missing_file_is_a_usage_error(tmp_path: Path, config: Config, matchers: dict) -> None:
    with pytest.raises(UsageError, match="file or folder not found: .*nope.yaml"):
        load(tmp_path / "nope.yaml", config=config, matchers=matchers)


# -- Hostile files: bounded time and memory -------------------------------------------------

def test_deep_nesting_fails_fast_on_a_10mb_file(tmp_path: Path, parser: str, config: Config,
                                                matchers: dict) -> None:
    half = (MAX_BYTES - 20) // 2
    path = tmp_path / "deep.yaml"
    path.write_text("claims: " + "[" * half + "]" * half + "\n", encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(ClaimFileError, match="nesting deeper than 50 levels"):
        load(path, config=config, matchers=matchers)
    assert time.perf_counter() - start < 5


def _wide_file(tmp_path: Path) -> Path:
    """10 MB of ``claims: [a,a,a,…]``: five million values if nothing stopped them."""
    path = tmp_path / "wide.yaml"
    path.write_text("claims: [" + "a," * ((MAX_BYTES - 20) // 2) + "a]\n", encoding="utf-8")
    return path


def test_millions_of_values_fail_fast(tmp_path: Path, parser: str, config: Config,
                                      matchers: dict) -> None:
    path = _wide_file(tmp_path)
    start = time.perf_counter()
    with pytest.raises(ClaimFileError) as info:
        load(path, config=config, matchers=matchers)
    assert info.value.message == ("more than 200000 YAML values in one file; "
                                  "split it into several files")
    # Nodes 1-3 are the mapping, "claims" and the list, so item 199,998 is one too many.
    assert (info.value.location.line, info.value.location.column) == (1, 10 + 2 * 199_997)
    # Not a speed target: a parse of the whole file (millions of nodes) takes minutes; this
    # bound only tells "stopped at the limit" from that, on a machine however busy.
    assert time.perf_counter() - start < 60


def test_millions_of_values_stay_in_bounded_memory(tmp_path: Path, config: Config,
                                                   matchers: dict) -> None:
    path = _wide_file(tmp_path)
    tracemalloc.start()
    try:
        with pytest.raises(ClaimFileError, match="more than 200000 YAML values"):
            load(path, config=config, matchers=matchers)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 200 * 2**20  # five million nodes would take over 1 GB


def test_alias_bomb_fails_fast(tmp_path: Path, parser: str, config: Config, matchers: dict) -> None:
    lines = ['l0: &l0 ["lol"]'] + [
        f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]" for i in range(1, 30)]
    path = write(tmp_path / "bomb.yaml", "\n".join(lines) + "\nclaims: [*l29]\n")
    start = time.perf_counter()
    with pytest.raises(ClaimFileError, match=r"YAML aliases \(\*l0\) are not allowed"):
        load(path, config=config, matchers=matchers)
    assert time.perf_counter() - start < 1


# -- sources: resolved, confined to the project root, never read -------------------------------

_RECORDINGS: list[list[str]] = []


def _audit(event: str, args: tuple) -> None:
    if _RECORDINGS and event in ("open", "os.listdir", "os.scandir"):
        _RECORDINGS[-1].append(f"{event} {args[0]}")


@pytest.fixture
def record_opens():
    """``start()`` returns a list of every file opened and folder listed from then on."""
    if _audit not in _HOOKED:
        sys.addaudithook(_audit)  # audit hooks cannot be removed: it idles when not recording
        _HOOKED.append(_audit)
    recordings: list[list[str]] = []

    def start() -> list[str]:
        recordings.append([])
        _RECORDINGS.append(recordings[-1])
        return recordings[-1]

    yield start
    for seen in recordings:
        _RECORDINGS.remove(seen)


_HOOKED: list = []


def test_sources_resolve_relative_to_the_claim_file(tmp_path: Path, config: Config,
                                                    matchers: dict) -> None:
    path = write(tmp_path / "claims" / "sub" / "c.yaml",
                 "sources: [../../seeds, extra]\nclaims:\n  - {id: a, claim: x, cues: [y], expect: {date: '2019'}}\n")
    (claim,) = load(path, config=config, matchers=matchers)
    root = tmp_path.resolve()
    assert claim.sources == (root / "seeds", root / "claims" / "sub" / "extra")


@pytest.mark.parametrize("written", ["/etc", "../../..", "../../../etc/passwd"])
def test_sources_outside_the_root_are_refused_unread(written: str, tmp_path: Path, config: Config,
                                                     matchers: dict, record_opens) -> None:
    path = write(tmp_path / "claims" / "c.yaml",
                 f"claims: []\nsources:\n  - seeds\n  - {written}\n")
    text = path.read_bytes()
    opened = record_opens()
    with pytest.raises(ClaimFileError) as info:
        load(path, config=config, matchers=matchers)
    assert str(info.value) == (f"{path}:4:5: sources path '{written}' is outside the project root "
                               f"{tmp_path.resolve()}; pass --allow-outside-root to allow it")
    assert opened == [f"open {path}"]  # the claim file itself, nothing else
    assert path.read_bytes() == text


def test_allow_outside_root_resolves_but_reads_nothing(tmp_path: Path, matchers: dict,
                                                       record_opens) -> None:
    path = write(tmp_path / "claims" / "c.yaml",
                 "sources: [/etc, ../../..]\nclaims:\n  - {id: a, claim: x, about: [], cues: [y], expect: {date: '2019'}}\n")
    opened = record_opens()
    (claim,) = load(path, config=Config(rootdir=tmp_path, allow_outside_root=True),
                    matchers=matchers)
    assert claim.sources == (Path("/etc").resolve(), tmp_path.resolve().parent.parent)
    assert opened == [f"open {path}"]


def test_absolute_source_inside_the_root_is_refused(tmp_path: Path, config: Config,
                                                    matchers: dict) -> None:
    inside = tmp_path.resolve() / "seeds"
    path = write(tmp_path / "c.yaml", f"sources: ['{inside}']\nclaims: []\n")
    with pytest.raises(ClaimFileError) as info:
        load(path, config=config, matchers=matchers)
    assert info.value.message == (f"sources path '{inside}' is absolute; write it relative to "
                                  "this file so the project can move")
    assert (info.value.location.line, info.value.location.column) == (1, 11)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_a_symlink_cannot_leave_the_root(tmp_path: Path, matchers: dict) -> None:
    root = tmp_path / "project"
    (root / "claims").mkdir(parents=True)
    (root / "seeds").symlink_to(tmp_path)  # points above the root
    path = write(root / "claims" / "c.yaml", "sources: [../seeds]\nclaims: []\n")
    with pytest.raises(ClaimFileError, match="sources path '../seeds' is outside the project root"):
        load(path, config=Config(rootdir=root), matchers=matchers)


# -- Finding claim files -------------------------------------------------------------------------

@pytest.mark.parametrize("name, text, expected", [
    ("a.yaml", "lang: fr\nclaims:\n  - id: a\n", True),
    ("a.yml", "claims: []\n", True),
    ("a.YAML", "\ufeffclaims: []\n", True),
    ("a.yaml", "settings:\n  claims: []\n", False),  # not top-level
    ("a.yaml", "# claims: none\n", False),
    ("a.yaml", "", False),
    ("a.json", "claims: []\n", False),
    ("a.txt", "claims: []\n", False),
])
def test_is_claim_file(name: str, text: str, expected: bool, tmp_path: Path) -> None:
    assert is_claim_file(write(tmp_path / name, text)) is expected


def test_is_claim_file_on_a_folder_or_missing_file(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").mkdir()
    assert is_claim_file(tmp_path / "x.yaml") is False
    assert is_claim_file(tmp_path / "missing.yaml") is False


ONE = "claims:\n  - {{id: {id}, claim: x, cues: [y], expect: {{date: '2019'}}}}\n"


def test_collect_walks_folders_sorted_and_skips_other_yaml(tmp_path: Path, config: Config,
                                                           matchers: dict) -> None:
    write(tmp_path / "claims" / "b.yaml", ONE.format(id="b"))
    write(tmp_path / "claims" / "a" / "z.yml", ONE.format(id="az"))
    write(tmp_path / "claims" / "a.yaml", ONE.format(id="a"))
    write(tmp_path / "claims" / "settings.yaml", "lang: fr\n")  # not a claim file: skipped
    write(tmp_path / "claims" / ".hidden" / "h.yaml", ONE.format(id="hidden"))
    write(tmp_path / "claims" / "notes.txt", ONE.format(id="txt"))
    found = collect([tmp_path / "claims"], config=config, matchers=matchers)
    assert [c.id for c in found] == ["az", "a", "b"]


def test_collect_keeps_the_order_of_the_paths_given(tmp_path: Path, config: Config,
                                                    matchers: dict) -> None:
    b = write(tmp_path / "b.yaml", ONE.format(id="b"))
    a = write(tmp_path / "a.yaml", ONE.format(id="a"))
    assert [c.id for c in collect([b, a], config=config, matchers=matchers)] == ["b", "a"]


def test_collect_reads_a_file_named_twice_once(tmp_path: Path, config: Config,
                                               matchers: dict) -> None:
    a = write(tmp_path / "claims" / "a.yaml", ONE.format(id="a"))
    found = collect([a, tmp_path / "claims"], config=config, matchers=matchers)
    assert [c.nodeid for c in found] == [f"{a.as_posix()}::a"]


def test_same_id_in_two_files_is_allowed(tmp_path: Path, config: Config, matchers: dict) -> None:
    a = write(tmp_path / "a.yaml", ONE.format(id="same"))
    b = write(tmp_path / "b.yaml", ONE.format(id="same"))
    found = collect([tmp_path], config=config, matchers=matchers)
    assert [c.nodeid for c in found] == [f"{a.as_posix()}::same", f"{b.as_posix()}::same"]


def test_collect_a_missing_path_is_a_usage_error(tmp_path: Path, config: Config,
                                                 matchers: dict) -> None:
    with pytest.raises(UsageError) as info:
        collect([tmp_path / "nope"], config=config, matchers=matchers)
    assert str(info.value) == f"file or folder not found: {tmp_path / 'nope'}"


@pytest.mark.parametrize("text, message", [
    ("lang: fr\n", "no 'claims:' key: a claim file needs a top-level 'claims:' list"),
    ("", "empty file: a claim file needs a top-level 'claims:' list"),
])
def test_collect_a_named_file_that_is_not_a_claim_file(text: str, message: str, tmp_path: Path,
                                                       config: Config, matchers: dict) -> None:
    path = write(tmp_path / "settings.yaml", text)
    with pytest.raises(ClaimFileError) as info:
        collect([path], config=config, matchers=matchers)
    assert info.value.message == message
    assert info.value.location.path == path


def test_a_claim_without_a_value_is_an_error_and_its_neighbours_still_load(tmp_path: Path, config: Config,
                                                                         matchers: dict) -> None:
    write(tmp_path / "a.yaml", ONE.format(id="a"))
    bad = write(tmp_path / "b.yaml", "claims:\n  - {id: b, claim: x}\n" + ONE.format(id="c").split("claims:\n")[1])
    claims = collect([tmp_path], config=config, matchers=matchers)
    assert [(c.id, bool(c.problem)) for c in claims] == [("a", False), ("b", True), ("c", False)]
    assert claims[1].problem.startswith(f"{bad}:2:20: claim 'b': its sentence states no value")


