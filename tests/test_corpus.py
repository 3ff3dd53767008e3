"""Stage 2: finding, decoding and reading articles; sources.yaml and front matter."""
from __future__ import annotations

import codecs
import os
import time
import tracemalloc
import warnings
from pathlib import Path

import pluggy
import pytest

import claimcheck.hookspecs
from claimcheck import corpus
from claimcheck.config import Config, SourceMeta
from claimcheck.corpus import SkipFile, decode, find_files, load_corpus, read_meta
from claimcheck.errors import ClaimcheckWarning, SourceError
from claimcheck.model import Document, PartialDate

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return Config(rootdir=tmp_path)


@pytest.fixture
def pm() -> pluggy.PluginManager:
    manager = pluggy.PluginManager("claimcheck")
    manager.add_hookspecs(claimcheck.hookspecs)
    manager.register(corpus, "corpus")
    return manager


@pytest.fixture
def load(pm, config, tmp_path, monkeypatch):
    """load(*paths) → Documents, with the working folder at tmp_path."""
    monkeypatch.chdir(tmp_path)
    return lambda *paths: load_corpus([Path(p) for p in paths], config=config, hook=pm.hook)


def write(root: Path, files: dict[str, bytes | str]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)


def messages(record) -> list[str]:
    return [str(w.message) for w in record if issubclass(w.category, ClaimcheckWarning)]


# -------------------------------------------------------------------------
# decode
# -------------------------------------------------------------------------

DECODED = [
    # id, bytes, text, warning (substring) or None
    ("utf8", "café\n".encode(), "café\n", None),
    ("utf8-bom", codecs.BOM_UTF8 + "café".encode(), "café", None),
    ("utf16-le-bom", codecs.BOM_UTF16_LE + "café €\r\nx".encode("utf-16-le"), "café €\nx", None),
    ("utf16-be-bom", codecs.BOM_UTF16_BE + "café €\rx".encode("utf-16-be"), "café €\nx", None),
    ("utf32-le-bom", codecs.BOM_UTF32_LE + "café".encode("utf-32-le"), "café", None),
    ("cp1252", "“café” 5 €\n".encode("cp1252"), "“café” 5 €\n", "decoded as cp1252: save it as UTF-8"),
    ("latin-1", b"a\x81\xe9", "a\x81é", "decoded as latin-1: save it as UTF-8"),
    ("crlf", b"a\r\nb\r\n", "a\nb\n", None),
    ("cr", b"a\rb\r", "a\nb\n", None),
    ("mixed-newlines", b"a\r\r\nb\nc\r", "a\n\nb\nc\n", None),
    ("crlf-cp1252", b"caf\xe9\r\nx", "café\nx", "decoded as cp1252"),
    ("line-separators-kept", "a\u2028b\u2029c".encode(), "a\u2028b\u2029c", None),
    ("ctrl-z-and-tabs-are-text", b"a\tb\x0cc\x1a", "a\tb\x0cc\x1a", None),
    ("empty", b"", "", None),
]


@pytest.mark.parametrize("data, text, warning", [c[1:] for c in DECODED], ids=[c[0] for c in DECODED])
def test_decode(data: bytes, text: str, warning: str | None) -> None:
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        assert decode(data, Path("a.txt")) == text
    if warning is None:
        assert messages(record) == []
    else:
        [message] = messages(record)
        assert message.startswith("a.txt:1: not valid UTF-8") and warning in message


def test_decode_warning_names_the_line_of_the_first_bad_byte() -> None:
    with pytest.warns(ClaimcheckWarning, match=r"^a\.txt:3: not valid UTF-8 \(byte 0xE9\)"):
        decode(b"one\r\ntwo\r\ncaf\xe9", Path("a.txt"))


BINARY = [
    ("nul", b"text\x00more", "NUL bytes"),
    ("utf16-without-bom", "café".encode("utf-16-le"), "UTF-16 without a byte-order mark"),
    ("pdf", b"%PDF-1.7\n1 0 obj", "a PDF file"),
    ("png", b"\x89PNG\r\n\x1a\n", "a PNG image"),
    ("zip", b"PK\x03\x04\x14", "ZIP archive"),
    ("control-bytes", b"\x01\x02\x03abc" * 10, "control bytes"),
    ("bom-then-garbage", codecs.BOM_UTF16_LE + b"a", "UTF-16 byte-order mark but is not UTF-16"),
]


@pytest.mark.parametrize("data, reason", [c[1:] for c in BINARY], ids=[c[0] for c in BINARY])
def test_decode_refuses_binary(data: bytes, reason: str) -> None:
    with pytest.raises(SkipFile) as info:
        decode(data, Path("a.txt"))
    assert reason in info.value.reason


# -------------------------------------------------------------------------
# find_files
# -------------------------------------------------------------------------

FOUND = [
    # id, files written, paths given, paths found
    ("sorted-recursive",
     ["b.txt", "a.md", "sub/c.txt", "sub/a.txt", "a/z.txt"], ["."],
     ["a/z.txt", "a.md", "b.txt", "sub/a.txt", "sub/c.txt"]),
    ("other-suffixes-and-sources-yaml-skipped",
     ["a.txt", "b.html", "sources.yaml", "c.TXT", "notes"], ["."],
     ["a.txt", "c.TXT"]),
    ("hidden-skipped", ["a.txt", ".hidden.txt", ".git/x.txt"], ["."], ["a.txt"]),
    ("explicit-file-any-suffix", ["a.html"], ["a.html"], ["a.html"]),
    ("explicit-sources-yaml-skipped", ["sources.yaml"], ["sources.yaml"], []),
    ("argument-order-kept", ["x/b.txt", "y/a.txt"], ["y", "x"], ["y/a.txt", "x/b.txt"]),
    ("each-file-once", ["x/a.txt", "x/b.txt"], ["x/b.txt", "x", "x/a.txt"], ["x/b.txt", "x/a.txt"]),
    ("empty-folder", ["x/a.html"], ["x"], []),
]


@pytest.mark.parametrize("files, given, expected", [c[1:] for c in FOUND], ids=[c[0] for c in FOUND])
def test_find_files(tmp_path, monkeypatch, files, given, expected) -> None:
    write(tmp_path, dict.fromkeys(files, "text"))
    monkeypatch.chdir(tmp_path)
    assert [p.as_posix() for p in find_files([Path(p) for p in given])] == expected


def test_find_files_survives_symlink_loops(tmp_path, monkeypatch) -> None:
    write(tmp_path, {"a/x.txt": "x", "a/b/y.txt": "y"})
    (tmp_path / "a/b/up").symlink_to(tmp_path / "a")       # a/b/up → a: a loop
    (tmp_path / "a/self").symlink_to(tmp_path / "a/self")  # a link to itself
    (tmp_path / "a/dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    monkeypatch.chdir(tmp_path)
    with pytest.warns(ClaimcheckWarning, match=r"a/dangling\.txt: skipped: a symbolic link to nothing"):
        found = find_files([Path("a")])
    assert [p.as_posix() for p in found] == ["a/b/y.txt", "a/x.txt"]


def test_find_files_follows_links_to_files_once(tmp_path, monkeypatch) -> None:
    write(tmp_path, {"a/x.txt": "x"})
    (tmp_path / "a/y.txt").symlink_to(tmp_path / "a/x.txt")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    monkeypatch.chdir(tmp_path)
    assert [p.as_posix() for p in find_files([Path("a"), Path("b")])] == ["a/x.txt"]


def test_missing_path_is_a_source_error(tmp_path) -> None:
    with pytest.raises(SourceError, match="no such file or folder") as info:
        find_files([tmp_path / "nope"])
    assert info.value.location.path == tmp_path / "nope"


# -------------------------------------------------------------------------
# Unreadable files and folders: simulated (root reads everything), then real.
# -------------------------------------------------------------------------


def test_unreadable_file_simulated(tmp_path, monkeypatch, load) -> None:
    write(tmp_path, {"a.txt": "x"})
    import claimcheck.corpus
    real = claimcheck.corpus.read_regular

    def read_regular(path, limit):
        if Path(path).name == "a.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, limit)

    monkeypatch.setattr(claimcheck.corpus, "read_regular", read_regular)
    with pytest.raises(SourceError, match=r"^a\.txt: cannot read it: permission denied; give yourself read"):
        load("a.txt")


def test_unreadable_folder_simulated(tmp_path, monkeypatch, load) -> None:
    write(tmp_path, {"x/secret/a.txt": "x"})
    real = os.scandir

    def scandir(path):
        if Path(path).name == "secret":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    with pytest.raises(SourceError, match=r"^x/secret: cannot list this folder: permission denied"):
        load("x")


@pytest.mark.skipif(IS_ROOT or os.name != "posix", reason="root reads files whatever their mode")
@pytest.mark.parametrize("target", ["x/a.txt", "x"])
def test_unreadable_for_real(tmp_path, load, target) -> None:
    write(tmp_path, {"x/a.txt": "x"})
    (tmp_path / target).chmod(0)
    try:
        with pytest.raises(SourceError, match="permission denied"):
            load("x")
    finally:
        (tmp_path / target).chmod(0o755)


# -------------------------------------------------------------------------
# sources.yaml
# -------------------------------------------------------------------------


def test_read_meta(tmp_path) -> None:
    write(tmp_path, {"a.txt": "", "b.txt": "", "c.txt": "", "sources.yaml": (
        "a.txt:\n"
        "  date: 2023-01-24\n"
        "  lang: fr\n"
        "  title: 'Microsoft: 10 milliards'\n"
        "  url: https://example.org/a\n"
        "b.txt: {date: 2023-01, lang: EN-us}\n"   # a region and capitals: the language is en
        "c.txt:\n")})
    meta = read_meta(tmp_path)
    assert meta == {
        "a.txt": SourceMeta(date=PartialDate(year=2023, month=1, day=24), lang="fr",
                            title="Microsoft: 10 milliards", url="https://example.org/a"),
        "b.txt": SourceMeta(date=PartialDate(year=2023, month=1), lang="en"),
        "c.txt": SourceMeta(),
    }


def test_read_meta_without_file_or_empty(tmp_path) -> None:
    assert read_meta(tmp_path) == {}
    write(tmp_path, {"sources.yaml": "# nothing yet\n"})
    assert read_meta(tmp_path) == {}


BAD_SOURCES = [
    # id, sources.yaml, location, message fragment
    ("bad-date", "a.txt:\n  lang: fr\n  date: 24/01/2023\n", "3:9",
     "bad date: '24/01/2023' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD; write date: 2023-01-24"),
    ("impossible-date", "a.txt: {date: 2023-02-30}\n", "1:15", "bad date"),
    ("unknown-key", "a.txt:\n  dat: 2023\n", "2:3", "unknown key 'dat' (did you mean 'date'?)"),
    ("bad-yaml", "a.txt:\n  date: [2023\n", "3:1", "not valid YAML"),
    ("tab-indent", "a.txt:\n\tdate: 2023\n", "2:1", "not valid YAML"),
    ("not-a-mapping", "- a.txt\n- b.txt\n", "1:1", "must map article file names"),
    ("entry-not-a-mapping", "a.txt: 2023-01-24\n", "1:8", "an entry must be a mapping"),
    ("list-value", "a.txt: {title: [a, b]}\n", "1:16", "'title' must be a single value"),
    ("listed-twice", "a.txt: {}\na.txt: {}\n", "2:1", "'a.txt' is listed twice"),
    ("key-given-twice", "a.txt: {lang: fr, lang: en}\n", "1:19", "'lang' is given twice"),
    ("path-not-name", "sub/a.txt: {}\n", "1:1", "keys are file names in this folder"),
    # 'no' is read as text (Norwegian), never as the boolean False, and no matcher reads it.
    ("unread-language", "a.txt: {lang: no}\n", "1:15",
     "bad lang: language 'no' is not one claimcheck reads (fr, en); write lang: fr or lang: en"),
    ("date-at-the-calendar-end", "a.txt: {date: 9999-12-31}\n", "1:15",
     "bad date: '9999-12-31' is out of range: dates must lie between the years 1000 and 9000"),
]


@pytest.mark.parametrize("text, where, fragment", [c[1:] for c in BAD_SOURCES], ids=[c[0] for c in BAD_SOURCES])
def test_read_meta_errors(tmp_path, text, where, fragment) -> None:
    write(tmp_path, {"a.txt": "", "sources.yaml": text})
    with pytest.raises(SourceError) as info:
        read_meta(tmp_path)
    assert str(info.value).startswith(f"{tmp_path / 'sources.yaml'}:{where}: ")
    assert fragment in str(info.value)


def test_read_meta_warns_of_missing_files(tmp_path, monkeypatch) -> None:
    write(tmp_path, {"x/a.txt": "", "x/sources.yaml": "a.txt: {}\ngone.txt: {lang: fr}\n"})
    monkeypatch.chdir(tmp_path)
    with pytest.warns(ClaimcheckWarning, match=r"sources\.yaml:2:1: 'gone\.txt' is listed but there is no such file in x/"):
        assert set(read_meta(Path("x"))) == {"a.txt", "gone.txt"}


# -------------------------------------------------------------------------
# Front matter
# -------------------------------------------------------------------------

FRONT_MATTER = [
    # id, file text, document text, fields
    ("none", "# Title\nbody\n", "# Title\nbody\n", {}),
    ("fields-then-blank-lines", "---\ndate: 2023-01-24\nlang: en\n---\nbody\n", "\n\n\n\nbody\n",
     {"date": PartialDate(year=2023, month=1, day=24), "lang": "en"}),
    ("other-keys-ignored", "---\ntags: [a]\nlayout: post\ntitle: T\n---\nx", "\n\n\n\n\nx", {"title": "T"}),
    ("timestamp-date", "---\ndate: 2023-01-24T08:00:00+01:00\n---\nx", "\n\n\nx",
     {"date": PartialDate(year=2023, month=1, day=24)}),
    ("empty", "---\n---\nx", "\n\nx", {}),
    ("at-end-of-file", "---\nlang: fr\n---", "\n\n", {"lang": "fr"}),
    ("not-at-top", "x\n---\nlang: fr\n---\n", "x\n---\nlang: fr\n---\n", {}),
]


@pytest.mark.parametrize("text, body, fields", [c[1:] for c in FRONT_MATTER], ids=[c[0] for c in FRONT_MATTER])
def test_split_front_matter(text, body, fields) -> None:
    assert corpus.split_front_matter(text, Path("a.md")) == (body, fields)


def test_unclosed_front_matter_is_text_with_a_warning() -> None:
    with pytest.warns(ClaimcheckWarning, match=r"a\.md:1: starts with '---' but no closing"):
        assert corpus.split_front_matter("---\nlang: fr\nbody", Path("a.md")) == ("---\nlang: fr\nbody", {})


@pytest.mark.parametrize("text, where, fragment", [
    ("---\nlang: fr\ndate: 2023-13\n---\n", "a.md:3:7", "bad date: '2023-13' has no month 13"),
    ("---\nlang: [fr\n---\n", "a.md:3:1", "not valid YAML: while parsing a flow sequence, did not find"),
    ("---\njust words\n---\n", "a.md:2:1", "front matter must be 'key: value' lines"),
], ids=["bad-date", "bad-yaml", "not-a-mapping"])
def test_front_matter_errors(text, where, fragment) -> None:
    with pytest.raises(SourceError) as info:
        corpus.split_front_matter(text, Path("a.md"))
    assert str(info.value).startswith(where + ": ") and fragment in str(info.value)


# -------------------------------------------------------------------------
# load_corpus and the built-in reader
# -------------------------------------------------------------------------


def test_load_corpus_reads_meta_and_front_matter(tmp_path, load) -> None:
    write(tmp_path, {
        "seeds/sources.yaml": "001.txt: {date: 2023-01-24, lang: fr, title: Un}\n"
                              "002.md: {date: 2023, lang: fr, url: https://e.org/2}\n",
        "seeds/001.txt": "Microsoft investit.\r\nDeux.\r\n",
        "seeds/002.md": "---\nlang: en\ntitle: Two\n---\nMicrosoft invested.\n",
        "seeds/003.txt": "No entry.\n",
    })
    docs = load("seeds")
    assert [(d.source, d.lang, str(d.date), d.title, d.url) for d in docs] == [
        ("seeds/001.txt", "fr", "2023-01-24", "Un", None),
        ("seeds/002.md", "en", "2023", "Two", "https://e.org/2"),   # front matter wins per field
        ("seeds/003.txt", None, "None", None, None),
    ]
    assert docs[0].text == "Microsoft investit.\nDeux.\n"
    assert docs[0].path == Path("seeds/001.txt")
    # Front matter replaced by blank lines: the body keeps its line number.
    assert docs[1].line_of(docs[1].text.index("Microsoft")) == 5


def test_source_outside_the_working_folder_is_absolute(tmp_path, pm, config, monkeypatch) -> None:
    write(tmp_path, {"corpus/a.txt": "x", "work/.keep": ""})
    monkeypatch.chdir(tmp_path / "work")
    [doc] = load_corpus([tmp_path / "corpus"], config=config, hook=pm.hook)
    assert doc.source == (tmp_path / "corpus/a.txt").as_posix()


def test_skipped_and_empty_files_warn_once_each(tmp_path, load) -> None:
    write(tmp_path, {"a.txt": b"\x00\x01", "b.txt": b"", "c.md": "---\nlang: fr\n---\n",
                     "d.txt": "ok", "e.html": "<p>x</p>"})
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        docs = load(".", "e.html")
    assert [d.source for d in docs] == ["b.txt", "c.md", "d.txt"]
    assert docs[0].text == ""
    assert messages(record) == [
        "a.txt: skipped: contains NUL bytes: a binary file, or UTF-16 without a byte-order mark (save it as UTF-8)",
        "b.txt: empty article: it can support or contradict no claim",
        "c.md: empty article: it can support or contradict no claim",
        "e.html: skipped: no plugin reads .html files",
    ]


def test_cp1252_article_warns_once(tmp_path, load) -> None:
    write(tmp_path, {"a.txt": "Le café coûte 5 €.\nÀ Paris.\n".encode("cp1252")})
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        [doc] = load("a.txt")
    assert doc.text == "Le café coûte 5 €.\nÀ Paris.\n"
    assert messages(record) == ["a.txt:1: not valid UTF-8 (byte 0xE9), decoded as cp1252: save it as UTF-8"]


def test_plugin_reader_runs_first_and_each_file_is_read_once(tmp_path, pm, load, monkeypatch) -> None:
    write(tmp_path, {"a.html": "<p>Bonjour</p>", "b.txt": "plain", "sources.yaml": "a.html: {lang: fr}\n"})
    calls = []

    class Html:
        @claimcheck.hookspecs.hookimpl
        def claimcheck_load_document(self, path, meta):
            calls.append(path.name)
            if path.suffix != ".html":
                return None
            text = corpus.decode(corpus.read_bytes(path), path).replace("<p>", "").replace("</p>", "")
            return Document.build(path=path, source=corpus.source_name(path), text=text, lang=meta.lang)

    pm.register(Html(), "html")
    reads = []
    real = corpus.read_regular
    monkeypatch.setattr(corpus, "read_regular",
                        lambda path, limit: reads.append(Path(path).name) or real(path, limit))
    docs = load("a.html", ".")
    assert [(d.source, d.text, d.lang) for d in docs] == [("a.html", "Bonjour", "fr"), ("b.txt", "plain", None)]
    assert calls == ["a.html", "b.txt"]
    assert sorted(reads) == ["a.html", "b.txt", "sources.yaml"]


def test_large_article_is_read_in_bounded_memory_and_time(tmp_path, pm, config) -> None:
    line = "Microsoft a investi 10 milliards de dollars dans OpenAI en janvier 2023, selon Reuters.\r\n"
    size = 20 * 1024 * 1024
    (tmp_path / "big.txt").write_bytes((line * (size // len(line))).encode())
    tracemalloc.start()
    started = time.perf_counter()
    try:
        [doc] = load_corpus([tmp_path / "big.txt"], config=config, hook=pm.hook)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    elapsed = time.perf_counter() - started
    assert len(doc.text) == size // len(line) * (len(line) - 1)
    assert peak < 5 * size, f"peak {peak / size:.1f}× the file size"
    assert elapsed < 20
