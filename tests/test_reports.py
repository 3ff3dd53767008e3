"""The JUnit XML and JSON reporters, and the atomic writes under both."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from claimcheck.config import Config, OptionParser
from claimcheck.errors import ExitCode
from claimcheck.model import Claim, Document, Evidence, Location, Mention, Passage, Result, Verdict
from claimcheck.reporters import atomic, jsonreport, junitxml

xmlschema = pytest.importorskip("xmlschema")

DATA = Path(__file__).parent / "data"
GOLDEN = Path(__file__).parent / "golden"
# Set CLAIMCHECK_UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change.
UPDATE_GOLDEN = os.environ.get("CLAIMCHECK_UPDATE_GOLDEN") == "1"

ARTICLE_1 = (
    "Microsoft et OpenAI\n"
    "\n"
    "En 2019, Microsoft a injecté un milliard de dollars dans OpenAI.\n"
    "Le partenariat a été prolongé en 2023.\n"
)
ARTICLE_2 = (
    "Selon Semafor, Microsoft aurait investi\n"
    "  2 milliards de dollars dans OpenAI en 2019.\n"
)


@pytest.fixture(scope="session")
def schema():
    return xmlschema.XMLSchema(str(DATA / "junit-10.xsd"))


class Make:
    """Build claims, passages, evidence and results by hand, with short defaults."""

    def __init__(self) -> None:
        self.doc1 = Document.build(path=Path("seeds/001-msft.txt"), source="seeds/001-msft.txt",
                                   text=ARTICLE_1, lang="fr")
        self.doc2 = Document.build(path=Path("seeds/002-semafor.txt"),
                                   source="seeds/002-semafor.txt", text=ARTICLE_2, lang="fr")

    def claim(self, id="msft-2019", *, file="claims/funding.yaml", line=3,
              text="Microsoft a investi 1 milliard de dollars dans OpenAI en 2019.",
              tags=("funding",)) -> Claim:
        return Claim(id=id, text=text, lang="fr", about=(("Microsoft",), ("OpenAI",)),
                     cues=("invest*", "injecté"), expect=(), tags=tuple(tags),
                     location=Location(path=Path(file), line=line, column=5))

    def passage(self, doc: Document, sentence: str) -> Passage:
        start = doc.text.index(sentence)
        return Passage(document=doc, start=start, end=start + len(sentence))

    def evidence(self, doc: Document, sentence: str, verdict=Verdict.SUPPORTED, *,
                 found=(), hedged=False) -> Evidence:
        passage = self.passage(doc, sentence)
        mentions = tuple(
            Mention(kind=kind, start=passage.start + sentence.index(words),
                    end=passage.start + sentence.index(words) + len(words), text=words, value=value)
            for kind, words, value in found)
        return Evidence(passage=passage, verdict=verdict, found=mentions, hedged=hedged)

    def supported(self, **claim) -> Result:
        return Result(claim=self.claim(**claim), verdict=Verdict.SUPPORTED, duration=0.0123,
                      evidence=(self.evidence(
                          self.doc1, "En 2019, Microsoft a injecté un milliard de dollars dans OpenAI.",
                          found=[("amount", "un milliard de dollars", "USD 1000000000"),
                                 ("date", "2019", "2019")]),))

    def contradicted(self, **claim) -> Result:
        return Result(claim=self.claim(**claim), verdict=Verdict.CONTRADICTED, duration=0.02,
                      evidence=(
                          self.evidence(self.doc1, "En 2019, Microsoft a injecté un milliard de "
                                        "dollars dans OpenAI.",
                                        found=[("amount", "un milliard de dollars", "USD 1000000000")]),
                          self.evidence(self.doc2, ARTICLE_2.strip(), Verdict.CONTRADICTED,
                                        found=[("amount", "2 milliards de dollars", "USD 2000000000")],
                                        hedged=True),
                      ))

    def absent(self, **claim) -> Result:
        claim.setdefault("id", "msft-2023")
        claim.setdefault("text", "Microsoft a investi 10 milliards de dollars en 2023.")
        return Result(claim=self.claim(**claim), verdict=Verdict.ABSENT)

    def error(self, **claim) -> Result:
        claim.setdefault("id", "ordinal-phase")
        claim.setdefault("file", "claims/ordinals.yaml")
        return Result(claim=self.claim(**claim), verdict=Verdict.ERROR,
                      error="no matcher for kind 'ordinal' (plugin plugins/ordinal.py failed to load)")


@pytest.fixture
def make() -> Make:
    return Make()


def config(tmp_path: Path, strict: bool = False, **options) -> Config:
    return Config(rootdir=tmp_path, strict=strict, options=options)


def write_junit(tmp_path: Path, results, *, strict=False, duration=1.5) -> Path:
    path = tmp_path / "report.xml"
    junitxml.claimcheck_sessionfinish(results=results, exitstatus=ExitCode.CLAIMS_FAILED,
                                      duration=duration,
                                      config=config(tmp_path, strict, junitxml=str(path)))
    return path


def write_json(tmp_path: Path, results) -> Path:
    path = tmp_path / "report.json"
    jsonreport.claimcheck_sessionfinish(results=results, exitstatus=ExitCode.CLAIMS_FAILED,
                                        duration=1.5, config=config(tmp_path, json_report=str(path)))
    return path


def cases(schema, path: Path) -> dict[str, dict]:
    """The report validated, then each testcase as a dict keyed ``classname::name``."""
    schema.validate(str(path))
    data = schema.to_dict(str(path))
    suites = data["testsuite"]
    assert len(suites) == 1
    return {f"{case['@classname']}::{case['@name']}": case for case in suites[0]["testcase"]}


# -- options -----------------------------------------------------------------


def test_options_and_their_dests():
    added = []
    parser = OptionParser(lambda *names, **kwargs: added.append((names, kwargs)))
    junitxml.claimcheck_addoption(parser=parser)
    jsonreport.claimcheck_addoption(parser=parser)
    assert [(names, kw["dest"], kw.get("metavar")) for names, kw in added] == [
        (("--junitxml", "--junit-xml"), "junitxml", "FILE"),
        (("--junit-family",), "junit_family", None),
        (("--json",), "json_report", "FILE"),
    ]
    assert all(kw["help"] for _, kw in added)


def test_no_option_no_file(tmp_path, make, monkeypatch):
    monkeypatch.chdir(tmp_path)
    junitxml.claimcheck_sessionfinish(results=[make.supported()], exitstatus=ExitCode.OK,
                                      duration=0.1, config=config(tmp_path))
    jsonreport.claimcheck_sessionfinish(results=[make.supported()], exitstatus=ExitCode.OK,
                                        duration=0.1, config=config(tmp_path))
    assert list(tmp_path.iterdir()) == []


def test_relative_paths_are_relative_to_the_working_folder(tmp_path, make, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cfg = Config(rootdir=tmp_path / "elsewhere",
                 options={"junitxml": "out/junit.xml", "json_report": "out/report.json"})
    for plugin in (junitxml, jsonreport):
        plugin.claimcheck_sessionfinish(results=[make.supported()], exitstatus=ExitCode.OK,
                                        duration=0.1, config=cfg)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["junit.xml", "report.json"]


# -- JUnit XML -----------------------------------------------------------------


def test_junit_every_verdict_validates(tmp_path, make, schema):
    path = write_junit(tmp_path, [make.supported(), make.contradicted(id="msft-semafor"),
                                  make.absent(), make.error()])
    found = cases(schema, path)
    assert list(found) == ["claims.funding::msft-2019", "claims.funding::msft-semafor",
                           "claims.funding::msft-2023", "claims.ordinals::ordinal-phase"]

    text = path.read_text(encoding="utf-8")
    assert re.search(r'<testsuite name="claimcheck" tests="4" failures="1" errors="1" '
                     r'skipped="1" time="1.500" timestamp="[^"]+" hostname="[^"]*">', text)

    supported = found["claims.funding::msft-2019"]
    assert set(supported) == {"@classname", "@name", "@time", "system-out"}
    assert supported["system-out"] == [
        "supported seeds/001-msft.txt:3 «En 2019, Microsoft a injecté un milliard de dollars dans "
        "OpenAI.» found: amount=USD 1000000000; date=2019"]

    failure = found["claims.funding::msft-semafor"]["failure"][0]
    assert failure["@type"] == "contradicted"
    assert failure["@message"] == ("contradicted: «Selon Semafor, Microsoft aurait investi 2 milliards "
                                   "de dollars dans OpenAI en 2019.» (seeds/002-semafor.txt:1)")
    body = failure["$"].splitlines()
    assert body[1:4] == ["verdict: contradicted",
                         "quote: «Selon Semafor, Microsoft aurait investi 2 milliards de dollars "
                         "dans OpenAI en 2019.»",
                         "source: seeds/002-semafor.txt:1"]
    assert body[-2].startswith("contradicted seeds/002-semafor.txt:1 «")
    assert body[-2].endswith("found: amount=USD 2000000000 (hedged)")
    assert body[-1].startswith("supported seeds/001-msft.txt:3 «")

    skipped = found["claims.funding::msft-2023"]["skipped"][0]
    assert skipped["@message"].startswith("absent: no passage")
    assert "failure" not in found["claims.funding::msft-2023"]

    error = found["claims.ordinals::ordinal-phase"]["error"][0]
    assert error["@type"] == "error"
    assert error["@message"] == make.error().error
    assert "<properties" not in text


def test_junit_strict_absent_is_a_failure(tmp_path, make, schema):
    path = write_junit(tmp_path, [make.supported(), make.absent()], strict=True)
    found = cases(schema, path)
    absent = found["claims.funding::msft-2023"]
    assert "skipped" not in absent
    assert absent["failure"][0]["@type"] == "absent"
    assert absent["failure"][0]["@message"].startswith("absent: no passage")
    assert 'failures="1" errors="0" skipped="0"' in path.read_text(encoding="utf-8")


def test_junit_empty_run_validates(tmp_path, schema):
    path = write_junit(tmp_path, [], duration=0.0)
    schema.validate(str(path))
    assert 'tests="0"' in path.read_text(encoding="utf-8")


def test_junit_duplicate_names_are_disambiguated(tmp_path, make, schema):
    results = [make.supported(), make.absent(id="msft-2019"),
               make.absent(id="msft-2019", file="claims/funding.yml"), make.supported(id="msft-2019[2]")]
    found = cases(schema, write_junit(tmp_path, results))
    assert list(found) == ["claims.funding::msft-2019", "claims.funding::msft-2019[2]",
                           "claims.funding::msft-2019[3]", "claims.funding::msft-2019[2][2]"]


def test_junit_classname_of_absolute_and_nested_paths(tmp_path):
    assert junitxml.dotted_name(Path("claims/funding.yaml")) == "claims.funding"
    assert junitxml.dotted_name(Path("./claims/eu/ai-act.yml")) == "claims.eu.ai-act"
    assert junitxml.dotted_name(tmp_path / "claims" / "x.yaml", tmp_path) == "claims.x"
    assert junitxml.dotted_name(Path("/elsewhere/claims/x.yaml"), tmp_path) == "elsewhere.claims.x"


def test_junit_long_supported_output_is_three_lines(tmp_path, make, schema):
    sentence = "En 2019, Microsoft a injecté un milliard de dollars dans OpenAI."
    result = Result(claim=make.claim(), verdict=Verdict.SUPPORTED,
                    evidence=tuple(make.evidence(make.doc1, sentence) for _ in range(5)))
    found = cases(schema, write_junit(tmp_path, [result]))
    out = found["claims.funding::msft-2019"]["system-out"][0].splitlines()
    assert len(out) == 3
    assert out[-1] == "… and 3 more passages (see --json)"


NASTY = "A\x00B\x01\x08\x0b\x0c\x0e\x1b\x1f ]]> <tag> & \"q\" 'q' \ud800 \udfff \ufffe \uffff 🚀 é\r\n\tfin"


def test_junit_hostile_text_still_validates(tmp_path, make, schema):
    doc = Document.build(path=Path("seeds/nasty.txt"), source="seeds/ná\x07sty]]>.txt",
                         text=f"Intro.\n{NASTY} Microsoft a investi 1 milliard.\n")
    sentence = doc.text.split("\n")[1]
    passage = make.passage(doc, sentence)
    mention = Mention(kind="amount\x02", start=0, end=1, text="x", value="USD \x00 ]]> 🚀")
    evidence = Evidence(passage=passage, verdict=Verdict.CONTRADICTED, found=(mention,))
    results = [
        Result(claim=make.claim(id="nasty\x00]]>🚀", file="claims/na\x01sty.yaml", text=NASTY),
               verdict=verdict, evidence=(evidence,), error=NASTY if verdict is Verdict.ERROR else None)
        for verdict in Verdict
    ]
    for strict in (False, True):
        path = write_junit(tmp_path, results, strict=strict)
        found = cases(schema, path)
        assert len(found) == 4
        text = path.read_text(encoding="utf-8")
        assert "🚀" in text and "\\x00" in text and "\\ud800" in text and "\\ufffe" in text
        assert "]]>" not in text  # written as ]]&gt;
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", text)
        messages = [child["@message"] for case in found.values()
                    for key in ("failure", "error", "skipped") for child in case.get(key, [])]
        assert any("]]> <tag> & \"q\"" in message for message in messages)


def test_junit_quote_is_collapsed_and_cut(tmp_path, make, schema):
    words = "Microsoft   a\n\n  investi " + "très " * 200 + "fin."
    doc = Document.build(path=Path("seeds/long.txt"), source="seeds/long.txt", text=words)
    result = Result(claim=make.claim(), verdict=Verdict.CONTRADICTED,
                    evidence=(Evidence(passage=Passage(document=doc, start=0, end=len(words)),
                                       verdict=Verdict.CONTRADICTED),))
    found = cases(schema, write_junit(tmp_path, [result]))
    message = found["claims.funding::msft-2019"]["failure"][0]["@message"]
    quoted = message[message.index("«") + 1:message.index("»")]
    assert quoted.startswith("Microsoft a investi très très")
    assert quoted.endswith("…") and len(quoted) <= junitxml.QUOTE_LIMIT


def _mask(text: str) -> str:
    text = re.sub(r'timestamp="[^"]*"', 'timestamp="TIMESTAMP"', text)
    text = re.sub(r'hostname="[^"]*"', 'hostname="HOSTNAME"', text)
    return re.sub(r' time="[^"]*"', ' time="TIME"', text)


def _golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE_GOLDEN:
        path.write_text(actual, encoding="utf-8", newline="\n")
    assert actual == path.read_text(encoding="utf-8")


def test_junit_golden(tmp_path, make, schema):
    results = [make.supported(), make.contradicted(id="msft-semafor"), make.absent(), make.error()]
    path = write_junit(tmp_path, results)
    schema.validate(str(path))
    _golden("junit.xml", _mask(path.read_text(encoding="utf-8")))


# -- JSON ------------------------------------------------------------------------


def test_json_golden(tmp_path, make):
    results = [make.supported(), make.contradicted(id="msft-semafor"), make.absent(), make.error()]
    _golden("report.json", write_json(tmp_path, results).read_text(encoding="utf-8"))


def test_json_shape(tmp_path, make):
    results = [make.supported(), make.contradicted(id="msft-semafor"), make.absent(), make.error()]
    raw = write_json(tmp_path, results).read_bytes()
    assert raw.endswith(b"}\n") and "é".encode() in raw  # ensure_ascii=False
    data = json.loads(raw)
    assert list(data) == ["version", "summary", "claims"]
    assert data["version"] == 1
    assert data["summary"] == {"supported": 1, "contradicted": 1, "absent": 1, "error": 1,
                               "passed": 2, "failed": 2}
    keys = ["id", "file", "line", "claim", "verdict", "passed", "tags", "evidence"]
    for claim in data["claims"]:
        assert list(claim) == (keys[:6] + ["error"] + keys[6:] if claim["verdict"] == "error" else keys)
    supported, contradicted, absent, error = data["claims"]
    assert supported["id"] == "msft-2019" and supported["file"] == "claims/funding.yaml"
    assert supported["line"] == 3 and supported["tags"] == ["funding"]
    assert supported["evidence"] == [{
        "source": "seeds/001-msft.txt", "line": 3, "start": 21, "end": 85,
        "quote": "En 2019, Microsoft a injecté un milliard de dollars dans OpenAI.",
        "verdict": "supported", "hedged": False,
        "found": {"amount": "USD 1000000000", "date": "2019"},
    }]
    assert [e["verdict"] for e in contradicted["evidence"]] == ["supported", "contradicted"]
    assert contradicted["evidence"][1]["hedged"] is True
    assert absent["evidence"] == []
    assert error["error"].startswith("no matcher for kind 'ordinal'")


def test_json_several_mentions_of_one_kind(tmp_path, make):
    sentence = "En 2019, Microsoft a injecté un milliard de dollars dans OpenAI."
    evidence = make.evidence(make.doc1, sentence, found=[
        ("date", "2019", "2019"), ("amount", "un milliard de dollars", "USD 1000000000"),
        ("date", "OpenAI", "2020")])
    data = json.loads(write_json(tmp_path, [Result(claim=make.claim(), verdict=Verdict.SUPPORTED,
                                                   evidence=(evidence,))]).read_text("utf-8"))
    entry = data["claims"][0]["evidence"][0]
    assert entry["found"] == {"date": "2019", "amount": "USD 1000000000"}
    assert entry["mentions"] == [
        {"kind": "date", "text": "2019", "value": "2019", "start": 24, "end": 28},
        {"kind": "amount", "text": "un milliard de dollars", "value": "USD 1000000000",
         "start": 50, "end": 72},
        {"kind": "date", "text": "OpenAI", "value": "2020", "start": 78, "end": 84},
    ]


def test_json_hostile_text_round_trips(tmp_path, make):
    result = Result(claim=make.claim(id="nasty", text=NASTY), verdict=Verdict.ERROR, error=NASTY)
    path = write_json(tmp_path, [result])
    path.read_bytes().decode("utf-8")  # strict UTF-8: lone surrogates were escaped
    claim = json.loads(path.read_text(encoding="utf-8"))["claims"][0]
    assert claim["claim"] == NASTY and claim["error"] == NASTY


# -- atomic writes -----------------------------------------------------------


@pytest.mark.parametrize("plugin, dest, name", [(junitxml, "junitxml", "report.xml"),
                                                (jsonreport, "json_report", "report.json")])
def test_a_crash_midway_keeps_the_previous_report(tmp_path, make, monkeypatch, plugin, dest, name):
    path = tmp_path / name
    path.write_text("previous good report\n", encoding="utf-8")
    real_open = atomic.atomic_open

    class Boom(KeyboardInterrupt):
        pass

    def crashing_open(*args, **kwargs):
        with real_open(*args, **kwargs) as stream:
            class Half:
                def write(self, text):
                    stream.write(text[:len(text) // 2])
                    raise Boom()
            yield Half()

    import contextlib
    monkeypatch.setattr(atomic, "atomic_open", contextlib.contextmanager(crashing_open))
    with pytest.raises(Boom):
        plugin.claimcheck_sessionfinish(results=[make.supported()], exitstatus=ExitCode.OK,
                                        duration=0.1, config=config(tmp_path, **{dest: str(path)}))
    assert path.read_text(encoding="utf-8") == "previous good report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no temporary file left


def test_atomic_write_replaces_and_keeps_mode(tmp_path):
    path = tmp_path / "sub" / "r.txt"
    atomic.write_text(path, "one\n")
    assert path.read_text() == "one\n"
    os.chmod(path, 0o640)
    atomic.write_text(path, "two\n")
    assert path.read_text() == "two\n"
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in path.parent.iterdir()] == ["r.txt"]


def test_atomic_open_error_inside_block(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("old")
    with pytest.raises(RuntimeError):
        with atomic.atomic_open(path) as stream:
            stream.write("new half")
            raise RuntimeError("writer failed")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.txt"]


def test_atomic_write_through_a_symlink(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    atomic.write_text(link, "new")
    assert link.is_symlink() and real.read_text() == "new"
