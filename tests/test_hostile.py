"""Bad and hostile input: no exception, sane spans, no quadratic blow-up, atomic reports.

Property tests (hypothesis) over random and adversarial text for ``claimcheck.extract``
(every kind) and the sentence and clause splitters; a fuzz-like loop over adversarial
generators timed per KB; a report that survives Ctrl-C; a JUnit file that stays valid
when articles hold control characters.

Bounded for CI (well under a minute). ``HYPOTHESIS_PROFILE=long`` runs the longer fuzz
whose figures docs/robustness.md records::

    HYPOTHESIS_PROFILE=long python -m pytest tests/test_hostile.py -q -p no:cacheprovider -s
"""
from __future__ import annotations

import json
import os
import random
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claimcheck
from claimcheck.plugins import Plugins
from claimcheck.sentences import split_clauses, split_sentences

ROOT = Path(__file__).resolve().parent.parent

settings.register_profile("ci", max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=3000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)
LONG = PROFILE == "long"

MS_PER_KB_BOUND = 200.0
"""Generous: catches a quadratic blow-up (seconds per KB at 64 KB), not slowness."""

# Pieces that make matchers and splitters work hard: numerals, scales, currencies,
# separators, abbreviations, quotes, scripts, controls.
ALPHABET = st.sampled_from(list(
    "0123456789 ,.;:!?…%‰$€£¥₿'’\"«»()[]-–—/\n\t\u00a0\u202f\x00\x01\x0b\x0c\x1b\x7f\u200b\u2028\ufeff"
    "abcdeMmdkKBnlé𝟙١٢٣一二三мд"))
WORDS = st.sampled_from([
    "milliard", "milliards", "millions", "Md$", "Mds€", "M€", "bn", "billion", "million", "k€",
    "de dollars", "d'euros", "dollars", "euros", "USD", "EUR", "%", "pour cent", "percent",
    "points", "en", "le", "janvier", "juillet", "2019", "1er", "lundi", "Monday", "la semaine dernière",
    "fin novembre", "T3", "Q4", "2023-01-24", "24/01/2023", "environ", "plus d'un", "about",
    "entre", "et", "ou", "and", "between", "soit", "pour", "M.", "Dr.", "etc.", "U.S.", "1,5", "1.5",
    "1 000", "1\u202f000", "10^9", "−3", "-", "–", "…", "\x00", "\n\n", "😀", "ﷺ", "中文",
])
TEXT = st.one_of(
    st.text(ALPHABET, max_size=300),
    st.lists(st.one_of(WORDS, st.text(ALPHABET, max_size=5)), max_size=60).map(" ".join),
    st.text(max_size=200),  # any Unicode, surrogates included
)


@pytest.fixture(scope="module")
def builtin():
    plugins = Plugins()
    plugins.load_builtins()
    return plugins


def _check_mentions(text: str, found) -> None:
    assert [m.start for m in found] == sorted(m.start for m in found)
    for mention in found:
        assert 0 <= mention.start < mention.end <= len(text), mention
        assert text[mention.start:mention.end] == mention.text, mention
        str(mention.value)  # a readable value, always


def _check_spans(spans, lo: int, hi: int) -> None:
    last = lo
    for start, end in spans:
        assert last <= start < end <= hi, (spans, lo, hi)
        last = end


# -- properties -------------------------------------------------------------------------


@given(text=TEXT, lang=st.sampled_from([None, "fr", "en"]),
       ref=st.sampled_from([None, "2023", "2023-01", "2023-01-24", "2000-02-29"]))
def test_extract_never_raises_and_spans_are_sane(builtin, text, lang, ref):
    found = claimcheck.extract(text, lang=lang, ref_date=ref, plugins=builtin)
    _check_mentions(text, found)


@given(text=TEXT)
def test_sentences_and_clauses_are_ordered_and_inside(text):
    sentences = split_sentences(text)
    _check_spans(sentences, 0, len(text))
    for start, end in sentences:
        _check_spans(split_clauses(text, start, end), start, end)


# -- adversarial generators ------------------------------------------------------------


def _fill(unit: str, size: int) -> str:
    return (unit * (size // max(len(unit), 1) + 1))[:size]


def _mixed_scripts(size: int, rng: random.Random) -> str:
    pieces = ["Microsoft", "a investi", "١٢٣", "一二三", "миллиард", "𝟙𝟘", "$", "€", "%", "‏", "‮", "2019"]
    return " ".join(rng.choice(pieces) for _ in range(size // 5))[:size]


def _controls(size: int, rng: random.Random) -> str:
    return "".join(rng.choice("\x00\x01\x08\x0b\x0c\x1b\x7f\x85\u2028\u2029 1$%.,") for _ in range(size))


def _random_tokens(size: int, rng: random.Random) -> str:
    words = ["1", "000", "milliard", "de", "dollars", "%", "en", "2019", ",", ".", "et", "soit",
             "pour", "M.", "environ", "entre", "janvier", "Md$", "1,5", "lundi", "\n"]
    return " ".join(rng.choice(words) for _ in range(size // 4))[:size]


GENERATORS = {
    "digit_run": lambda n, rng: _fill("1234567890", n),
    "spaced_ones": lambda n, rng: _fill("1 ", n),
    "thin_spaced_thousands": lambda n, rng: _fill("1\u202f000 ", n),
    "decimal_chain": lambda n, rng: _fill("1,5.", n),
    "currency_symbols": lambda n, rng: _fill("$€£¥", n),
    "amounts_back_to_back": lambda n, rng: _fill("1 milliard de dollars ", n),
    "percent_run": lambda n, rng: _fill("49 % ", n),
    "dates_run": lambda n, rng: _fill("juillet 2019 ", n),
    "repeated_dots": lambda n, rng: _fill(".", n),
    "repeated_ellipsis": lambda n, rng: _fill("…!?", n),
    "repeated_commas": lambda n, rng: _fill(", ", n),
    "abbreviations": lambda n, rng: _fill("M. Dr. U.S. etc. ", n),
    "coordinators": lambda n, rng: _fill("et 1 ou 2 and 3 soit 4 pour 5 ", n),
    "one_long_word": lambda n, rng: _fill("a", n),
    "newlines": lambda n, rng: _fill("\n", n),
    "mixed_scripts": _mixed_scripts,
    "controls_and_nul": _controls,
    "random_tokens": _random_tokens,
}


def _time_per_kb(builtin, text: str) -> float:
    started = time.perf_counter()
    found = claimcheck.extract(text, plugins=builtin)
    sentences = split_sentences(text)
    for start, end in sentences:
        split_clauses(text, start, end)
    elapsed = time.perf_counter() - started
    _check_mentions(text, found)
    _check_spans(sentences, 0, len(text))
    return elapsed * 1000 / max(len(text.encode("utf-8")) / 1024, 1)


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_adversarial_input_is_linear_enough(builtin, name, capsys):
    rng = random.Random(name)
    sizes = (4_096, 32_768, 131_072) if LONG else (2_048, 16_384)
    rounds = 5 if LONG else 1
    worst = 0.0
    for size in sizes:
        for _ in range(rounds):
            worst = max(worst, _time_per_kb(builtin, GENERATORS[name](size, rng)))
    with capsys.disabled():
        print(f"\n{name:<24} slowest {worst:7.2f} ms/KB over sizes {sizes}", end="")
    assert worst < MS_PER_KB_BOUND, f"{name}: {worst:.1f} ms per KB"


# -- reports under Ctrl-C and control characters ------------------------------------------

CLAIMS = """\
claims:
  - id: msft
    claim: Microsoft a investi 1 milliard de dollars.
    about: [Microsoft]
    cues: [investi]
    expect: {amount: 1 milliard de dollars}
  - id: second
    claim: Microsoft a investi 2 milliards de dollars en 2019.
    about: [Microsoft]
    cues: [investi]
    expect: {amount: 2 milliards de dollars, date: "2019"}
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.claimcheck]\npaths = ["claims"]\nsources = ["articles"]\n')
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "c.yaml").write_text(CLAIMS, encoding="utf-8")
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text(
        "Microsoft a investi 1 milliard de dollars en 2019.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CLAIMCHECK_DISABLE_PLUGIN_AUTOLOAD", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


def test_report_survives_ctrl_c_while_it_is_written(project, monkeypatch, capsys):
    from claimcheck import cli
    from claimcheck.reporters import jsonreport
    assert cli.main(["--json", "r.json"]) == 1
    good = (project / "r.json").read_text(encoding="utf-8")
    assert json.loads(good)["summary"]["supported"] == 1

    def interrupted(results, *args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(jsonreport, "render", interrupted)
    assert cli.main(["--json", "r.json"]) == 2
    assert (project / "r.json").read_text(encoding="utf-8") == good
    assert [p.name for p in project.iterdir() if p.name.startswith(".r.json")] == []


def test_report_after_ctrl_c_while_checking_is_complete(project, monkeypatch, capsys):
    from claimcheck import cli, session
    assert cli.main(["--json", "r.json"]) == 1
    real_check, calls = session.check, []

    def check_then_interrupt(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real_check(*args, **kwargs)
    monkeypatch.setattr(session, "check", check_then_interrupt)
    assert cli.main(["--json", "r.json"]) == 2
    report = json.loads((project / "r.json").read_text(encoding="utf-8"))  # whole, valid JSON
    assert [c["id"] for c in report["claims"]] == ["msft"]
    assert "interrupted" in capsys.readouterr().out


def test_control_characters_give_a_valid_junit_file(project, capsys):
    xmlschema = pytest.importorskip("xmlschema")
    from claimcheck import cli
    # C0 controls (not NUL: it makes the article a binary file, skipped with a warning), DEL,
    # C1 controls and a non-character, inside the decisive quote. Under 1 %
    # of the bytes, so the corpus reads the file as text.
    nasty = "\x01\x08\x0b\x0c\x1b\x7f\x85\x9b\ufffe"
    padding = "Le marché des logiciels reste très disputé cette année. " * 40
    (project / "articles" / "a.txt").write_text(
        f"{padding}\nMicrosoft a investi 2 milliards de dollars en 2019 {nasty}.\n{padding}\n",
        encoding="utf-8")
    (project / "articles" / "b.txt").write_bytes(b"Microsoft a investi 1 milliard de dollars \x00\x08\xff.\n")
    assert cli.main(["--junitxml", "r.xml", "--json", "r.json", "-k", "second"]) == 0
    verdicts = {c["id"]: c["verdict"] for c in json.loads((project / "r.json").read_text())["claims"]}
    assert verdicts == {"second": "supported"}
    assert "\x01" in json.loads((project / "r.json").read_text())["claims"][0]["evidence"][0]["quote"]
    schema = xmlschema.XMLSchema(str(ROOT / "tests" / "data" / "junit-10.xsd"))
    schema.validate(str(project / "r.xml"))
    json.loads((project / "r.json").read_text(encoding="utf-8"))


# -- claim files, corpora and report paths: the file-system side (issue 12) --------------------

import codecs  # noqa: E402
import stat  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402

from claimcheck.claims import is_claim_file, load  # noqa: E402
from claimcheck.config import Config  # noqa: E402
from claimcheck.corpus import load_corpus  # noqa: E402
from claimcheck.errors import ClaimcheckError, ReportError  # noqa: E402
from claimcheck.reporters.atomic import check_report_paths, write_text  # noqa: E402

CODECS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8-sig": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "utf-16": lambda t: t.encode("utf-16"),
    "utf-16-le-no-bom": lambda t: t.encode("utf-16-le"),
    "utf-16-be-no-bom": lambda t: t.encode("utf-16-be"),
    "utf-32": lambda t: t.encode("utf-32"),
    "cp1252": lambda t: t.encode("cp1252", errors="replace"),
    "latin-1": lambda t: t.encode("latin-1", errors="replace"),
}
NEWLINES = ["\n", "\r\n", "\r", "\u2028", "\x85"]
CLAIM_PIECES = st.sampled_from([
    "claims:", "lang: fr", "lang: EN", "lang: de", "sources: [../articles]", "  - id: a", "    claim: x",
    "    cues: [investi]", "    cues: ['(']", "    about: [Microsoft]", "    about: ['()']",
    "    expect: {amount: 1 milliard de dollars}", "    expect: {amount: {value: 1, tolerance: .nan}}",
    "    expect: {percentage: {value: 49 %, tolerance: 1e309}}", "{\"claims\": [", "? claims", ":", "]}",
    "\t- id: b", "---", "*a", "&a x", "!!python/object:os.system", "    claim: Microsoft invested $1 billion.",
])
CLAIM_FILE = st.tuples(
    st.lists(st.one_of(CLAIM_PIECES, st.text(ALPHABET, max_size=12)), max_size=12),
    st.sampled_from(sorted(CODECS)), st.sampled_from(NEWLINES))


def _claim_bytes(pieces, codec: str, newline: str) -> bytes:
    return CODECS[codec](newline.join(pieces) + newline)


_claim_ms_per_kb = [0.0]


@given(claim_file=CLAIM_FILE)
def test_claim_file_in_any_encoding_is_read_or_refused_with_a_message(builtin, claim_file):
    """Any bytes, any encoding and line ending: claims, or a ClaimcheckError; never another
    exception. The time per KB is recorded for docs/robustness.md."""
    data = _claim_bytes(*claim_file)
    matchers = builtin.matchers(None)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "c.yaml"
        path.write_bytes(data)
        started = time.perf_counter()
        is_claim_file(path)
        try:
            load(path, config=Config(rootdir=Path(folder)), matchers=matchers)
        except ClaimcheckError as err:
            assert str(err) and "\n" not in str(err).split("\n    ")[0]
        elapsed = (time.perf_counter() - started) * 1000
    _claim_ms_per_kb[0] = max(_claim_ms_per_kb[0], elapsed / max(len(data) / 1024, 1))


def test_claim_file_fuzz_speed_figure(capsys):
    with capsys.disabled():
        print(f"\nclaim files: slowest {_claim_ms_per_kb[0]:.2f} ms/KB", end="")


SPECIAL = ["text", "binary", "empty", "fifo", "dev_null", "dev_zero", "broken_link", "loop_link",
           "outside_link", "outside_folder_link", "sources_yaml", "sources_yml", "bad_sources", "cr_text"]


def _make_entry(folder: Path, outside: Path, number: int, kind: str) -> None:
    name = folder / f"e{number}.txt"
    if kind == "text":
        name.write_text("Microsoft a investi 1 milliard de dollars.\n", encoding="utf-8")
    elif kind == "cr_text":
        name.write_bytes("Demain, 2 milliards.\rHier, 3 %.\r".encode("utf-16"))
    elif kind == "binary":
        name.write_bytes(bytes(range(256)))
    elif kind == "empty":
        name.write_bytes(b"")
    elif kind == "fifo" and hasattr(os, "mkfifo"):
        os.mkfifo(name)
    elif kind in ("dev_null", "dev_zero"):
        name.symlink_to("/dev/" + kind[4:])
    elif kind == "broken_link":
        name.symlink_to(folder / "nowhere")
    elif kind == "loop_link":
        (folder / f"loop{number}").symlink_to(folder, target_is_directory=True)
    elif kind == "outside_link":
        name.symlink_to(outside / "secret.txt")
    elif kind == "outside_folder_link":
        (folder / f"out{number}").symlink_to(outside, target_is_directory=True)
    elif kind in ("sources_yaml", "sources_yml"):
        (folder / f"sources.{kind[-4:]}").write_text("e0.txt: {date: 2023-01-24, lang: FR}\n", encoding="utf-8")
    elif kind == "bad_sources":
        (folder / "sources.yaml").write_text("e0.txt: {date: 9999-12-31}\n", encoding="utf-8")


def _within(seconds: float, function) -> None:
    """Run ``function`` in a thread; fail (rather than hang the suite) past ``seconds``."""
    box: dict = {}
    worker = threading.Thread(target=lambda: box.update(done=function()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "hung"


@given(kinds=st.lists(st.sampled_from(SPECIAL), max_size=8), allow_outside=st.booleans())
def test_corpus_with_special_files_is_read_or_refused_without_hanging(builtin, kinds, allow_outside):
    with tempfile.TemporaryDirectory() as base:
        root, outside = Path(base) / "root", Path(base) / "outside"
        (root / "articles").mkdir(parents=True)
        outside.mkdir()
        (outside / "secret.txt").write_text("secret\n", encoding="utf-8")
        for number, kind in enumerate(kinds):
            _make_entry(root / "articles", outside, number, kind)
        config = Config(rootdir=root, allow_outside_root=allow_outside)

        def read():
            try:
                with warnings_ignored():
                    documents = load_corpus([root / "articles"], config=config, hook=builtin.pm.hook)
            except ClaimcheckError as err:
                return str(err)
            assert allow_outside or all("secret" not in d.text for d in documents)
            return documents
        _within(20, read)


def warnings_ignored():
    import warnings
    context = warnings.catch_warnings()
    context.__enter__()
    warnings.simplefilter("ignore")
    return _Exit(context)


class _Exit:
    def __init__(self, context):
        self.context = context

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.context.__exit__(*exc)


REPORT_KINDS = ["missing", "nested_missing", "existing_file", "folder", "under_file", "dev_null",
                "dev_full", "fifo", "same_twice", "dash"]


@given(kinds=st.lists(st.sampled_from(REPORT_KINDS), min_size=1, max_size=2))
def test_report_paths_are_written_or_refused_and_devices_survive(kinds):
    with tempfile.TemporaryDirectory() as base:
        folder = Path(base)
        (folder / "file").write_text("x", encoding="utf-8")
        values = [_report_target(folder, i, kind) for i, kind in enumerate(kinds)]
        if kinds[0] == "same_twice":
            values = [values[0], values[0]]
        options = dict(zip(("junitxml", "json_report"), values))
        try:
            check_report_paths(options)
            for dest, value in options.items():
                if value != "-":
                    write_text(value, "{}\n", flag={"junitxml": "--junitxml"}.get(dest, "--json"))
        except ReportError as err:
            assert str(err).startswith(("--junitxml ", "--json "))
        for device in ("/dev/null", "/dev/full"):
            if os.path.exists(device):
                assert stat.S_ISCHR(os.stat(device).st_mode)


def _report_target(folder: Path, number: int, kind: str) -> str:
    target = folder / f"r{number}"
    if kind == "nested_missing":
        return str(folder / f"a{number}" / "b" / "r.json")
    if kind == "existing_file":
        target.write_text("old", encoding="utf-8")
    elif kind == "folder":
        target.mkdir()
    elif kind == "under_file":
        return str(folder / "file" / "r.json")
    elif kind in ("dev_null", "dev_full") and os.path.exists("/dev/" + kind[4:]):
        target.symlink_to("/dev/" + kind[4:])
    elif kind == "fifo" and hasattr(os, "mkfifo"):
        os.mkfifo(target)
    elif kind == "dash":
        return "-"
    return str(target)
