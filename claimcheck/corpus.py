"""Stage 2 of 4: read articles (via claimcheck_load_document) and sources.yaml into Documents.

The corpus is every ``.txt`` and ``.md`` file under the ``--sources`` paths (or a claim
file's ``sources:``), plus any file named explicitly. Each file is read once, through the
``claimcheck_load_document`` hook; this module is also the built-in plugin ``corpus`` that
implements that hook for ``.txt`` and ``.md``.

What another reader gets from here: :func:`decode` (UTF-8 with or without BOM, UTF-16/32
with BOM, a cp1252 fallback with a warning, newlines made ``\\n``), :func:`source_name`
(the name reports show) and :class:`SkipFile` (raise it to skip a file with a warning).
Metadata comes from ``sources.yaml`` in the article's own folder; a Markdown front matter
overrides it field by field.
"""
from __future__ import annotations

import codecs
import dataclasses
import difflib
import functools
import os
import re
import stat
import warnings
from pathlib import Path
from typing import Any, Sequence

import yaml

from .config import Config, SourceMeta, normalise_lang, reference_date
from .errors import ClaimcheckWarning, SourceError
from .hookspecs import hookimpl
from .model import Document, Location, PartialDate
from .safefs import kind_of, read_regular, within

SUFFIXES = (".txt", ".md")
"""Suffixes collected when walking a folder (a file named explicitly is always collected)."""
SOURCES_FILE = "sources.yaml"
"""The metadata file of a corpus folder; never an article itself."""
SOURCES_FILES = (SOURCES_FILE, "sources.yml")
"""Both spellings are read (one per folder), so a ``.yml`` is never silently ignored."""
MAX_ARTICLE_BYTES = 2 * 1024 ** 3
"""Articles larger than this are refused: a bound for files that grow while read."""
META_KEYS = ("date", "lang", "title", "url")
"""The keys of a ``sources.yaml`` entry and of a front matter."""

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULL_TAG = "tag:yaml.org,2002:null"
_NO_META = SourceMeta()

# Byte-order marks that decide the codec outright. UTF-32 LE comes before UTF-16 LE,
# whose mark is its prefix. The UTF-8 mark is left to the "utf-8-sig" codec.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (
    (b"%PDF-", "a PDF file"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (.docx, .odt?)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
)
# Control bytes no article contains; tab, newlines, vertical tab, form feed and the old
# DOS end-of-file mark (Ctrl-Z) are allowed. ``bytes.translate`` deletes every other byte,
# so counting them is one pass in C rather than a Python loop over a 100 MB file.
_CONTROL = bytes([*range(0x00, 0x09), *range(0x0E, 0x1A), *range(0x1B, 0x20), 0x7F])
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL)
# A Windows junction leads elsewhere yet is no symlink to DirEntry.is_symlink: there, resolve
# every entry.
_EVERY_ENTRY_MAY_LEAD_AWAY = os.name == "nt"
_TIMESTAMP = re.compile(r"(\d{4}-\d{2}-\d{2})[T ]\d")


class SkipFile(Exception):
    """Raised by a reader for a file that is not an article (binary, undecodable).

    :func:`load_corpus` catches it, warns ``PATH: skipped: REASON`` and goes on; a plugin's
    ``claimcheck_load_document`` may raise it too.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def source_name(path: Path) -> str:
    """The name reports show: ``path`` relative to the working folder when it is under it,
    else absolute; always with forward slashes."""
    absolute, cwd = os.path.abspath(path), os.getcwd()
    # Called once a file: a string slice when the path is under the working folder (both
    # strings normalised, so the prefix is the parts' prefix), Path's ~10x dearer test else.
    if absolute.startswith(cwd) and absolute[len(cwd):len(cwd) + 1] == os.sep \
            and not cwd.endswith(os.sep):
        return absolute[len(cwd) + 1:].replace(os.sep, "/")
    try:
        return Path(absolute).relative_to(cwd).as_posix()
    except ValueError:
        return Path(absolute).as_posix()


def _warn(path: Path, message: str) -> None:
    warnings.warn(ClaimcheckWarning(f"{source_name(path)}: {message}"), stacklevel=3)


# -------------------------------------------------------------------------
# Finding files.
# -------------------------------------------------------------------------


def find_files(paths: Sequence[Path], root: Path | None = None,
               trusted: Sequence[Path] = ()) -> list[Path]:
    """Every article file under ``paths``, each once.

    A folder contributes its ``.txt`` and ``.md`` files, recursively, sorted by path, and
    skips hidden names (``.git``); a file named explicitly is kept whatever its suffix (a
    plugin may read it). ``sources.yaml`` is never kept. Arguments keep their order.
    Symbolic links are followed, but a folder already walked (a link loop) is not walked
    again, and a file reached twice is kept once, under the first name found. Special
    files (FIFOs, devices) are never opened: named explicitly they are an error, found in
    a folder they are skipped with a warning.

    :param root: when given, a path or link leading outside it is an error (nothing there
        is read); None lets the corpus reach anywhere (``--allow-outside-root``).
    :param trusted: paths the user named on the command line (``--sources``): wherever they
        are, as pytest's arguments may be, and each is the root of the links inside it.
    :raises SourceError: a path does not exist, is a special file or leads outside
        ``root``, or a folder cannot be listed.
    """
    found: list[Path] = []
    seen_files: set[str] = set()
    seen_dirs: set[str] = set()
    real_root = None if root is None else os.path.realpath(root)
    for given in map(Path, paths):
        # Depth-first, each folder's entries sorted by name: the order of sorting the paths
        # by their parts. Items are (path, is_folder, real path); a stack, so deep trees
        # cannot overflow.
        stack = [(given, _is_folder(given), os.path.realpath(given))]
        limit, named = real_root, "the project root"
        if real_root is not None and given in trusted and not within(stack[0][2], real_root):
            limit, named = stack[0][2], "the --sources folder"
        while stack:
            path, is_folder, real = stack.pop()
            if limit is not None and not within(real, limit):
                _refuse(path, real, limit, named)
            if not is_folder:
                if path.name not in SOURCES_FILES and real not in seen_files:
                    seen_files.add(real)
                    found.append(path)
            elif real not in seen_dirs:
                seen_dirs.add(real)
                stack.extend(reversed(_entries(path, real)))
    return found


def _refuse(path: Path, real: str, limit: str, named: str) -> None:
    linked = os.path.islink(path) or Path(os.path.abspath(path)) != Path(real)
    how = f"a symbolic link to {real}, " if linked else ""
    raise SourceError(f"{how}outside {named} {limit}: nothing there is read; "
                      "remove it from the sources or pass --allow-outside-root",
                      Location(path=Path(source_name(path))))


def _is_folder(path: Path) -> bool:
    """Whether a path given by the user is a folder; SourceError when it is not there, or
    when it is a special file (a FIFO would block the reader, /dev/zero never ends)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise SourceError("no such file or folder; check the path given to --sources or in the "
                          "claim file's 'sources:'", Location(path=path)) from None
    except PermissionError:
        raise SourceError("cannot reach it: permission denied; give yourself access to the folders "
                          "above it, or leave it out of the sources", Location(path=path)) from None
    except OSError as err:
        raise SourceError(f"cannot reach it: {err.strerror or err}", Location(path=path)) from None
    kind = kind_of(mode)
    if kind not in (None, "a folder"):
        raise SourceError(f"is {_special(path, kind)}, not a file: name a regular file or a folder "
                          "of articles", Location(path=path))
    return stat.S_ISDIR(mode)


def _special(path: Path, kind: str) -> str:
    return f"{kind} ({os.path.realpath(path)})" if os.path.islink(path) else kind


def _entries(folder: Path, real_folder: str) -> list[tuple[Path, bool, str]]:
    """A folder's visible article files and subfolders, sorted by name, each with its real
    path (``real_folder`` is the folder's)."""
    try:
        with os.scandir(folder) as scan:
            listed = sorted(scan, key=lambda entry: entry.name)
    except PermissionError:
        raise SourceError(f"cannot list this folder: permission denied; give yourself access "
                          f"(chmod u+rx '{folder}') or leave it out of the sources",
                          Location(path=folder)) from None
    except OSError as err:
        raise SourceError(f"cannot list this folder: {err.strerror or err}",
                          Location(path=folder)) from None
    entries = []
    for entry in listed:
        if entry.name.startswith("."):
            continue
        article = entry.name.lower().endswith(SUFFIXES)
        try:
            # Follows links; a folder loop is caught by the caller's seen_dirs, and a link
            # to itself raises ELOOP here.
            kind = kind_of(entry.stat().st_mode)
            linked = entry.is_symlink() or _EVERY_ENTRY_MAY_LEAD_AWAY
        except OSError:
            kind = "missing"
        if kind == "a folder" or (kind is None and article):
            # Only a link needs resolving: any other entry's real path is its folder's
            # joined with its name (realpath would lstat every component again).
            real = os.path.realpath(entry.path) if linked else os.path.join(real_folder, entry.name)
            entries.append((Path(entry.path), kind == "a folder", real))
        elif article and kind == "missing":
            _warn(Path(entry.path), "skipped: a symbolic link to nothing (or to itself)")
        elif article:
            _warn(Path(entry.path), f"skipped: {_special(Path(entry.path), kind)}, not an article")
    return entries


# -------------------------------------------------------------------------
# Reading bytes and decoding them.
# -------------------------------------------------------------------------


def read_bytes(path: Path) -> bytes:
    """A file's bytes; SourceError naming the file and the fix when it cannot be read."""
    try:
        data = read_regular(path, MAX_ARTICLE_BYTES)
    except ValueError as err:  # a special file: never read, it may block or never end
        raise SourceError(f"is {err}, not a file: name a regular file",
                          Location(path=path)) from None
    except PermissionError:
        raise SourceError(f"cannot read it: permission denied; give yourself read access "
                          f"(chmod u+r '{path}') or leave it out of the sources",
                          Location(path=path)) from None
    except OSError as err:
        raise SourceError(f"cannot read it: {err.strerror or err}", Location(path=path)) from None
    if len(data) > MAX_ARTICLE_BYTES:
        raise SourceError(f"larger than {MAX_ARTICLE_BYTES // 1024 ** 3} GB: split it into several "
                          "articles", Location(path=path))
    return data


def decode(data: bytes, path: Path) -> str:
    """The text of an article's bytes, with every newline made ``\\n`` and no BOM.

    UTF-16 and UTF-32 are recognised by their byte-order mark; anything else is UTF-8 (with
    or without a BOM) or, failing that, cp1252 (latin-1 when even cp1252 fails), with a
    :class:`ClaimcheckWarning` giving the line of the first byte that is not UTF-8.
    U+2028 and U+2029 are left as they are.

    Runs in C over the whole buffer (no per-character Python loop); the peak memory is the
    bytes, one copy of them when newlines are rewritten, and the resulting str.

    :raises SkipFile: the bytes are not text (NUL bytes outside UTF-16/32, a known binary
        signature, many control bytes, or a byte-order mark followed by garbage).
    """
    for bom, codec in _WIDE_BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)  # the codec reads and drops the mark
            except UnicodeDecodeError as err:
                raise SkipFile(f"starts with a {codec.upper()} byte-order mark but is not "
                               f"{codec.upper()} ({err.reason} at byte {err.start})") from None
            text = text.removeprefix("\ufeff")
            if "\r" in text:
                text = text.replace("\r\n", "\n").replace("\r", "\n")
            return text
    _refuse_binary(data)
    # ASCII-compatible codecs only from here: CR and LF are single bytes, so rewrite them
    # before decoding; the copy is bytes (1 byte a character), never a wide str.
    if b"\r" in data:
        data = data.replace(b"\r\n", b"\n")
        if b"\r" in data:
            data = data.replace(b"\r", b"\n")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        bad = data[err.start]
    try:
        text, codec = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D are unassigned in cp1252
        text, codec = data.decode("latin-1"), "latin-1"
    warnings.warn(ClaimcheckWarning(
        f"{source_name(path)}:{line}: not valid UTF-8 (byte 0x{bad:02X}), "
        f"decoded as {codec}: save it as UTF-8"), stacklevel=2)
    return text


def _refuse_binary(data: bytes) -> None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise SkipFile(f"{what}, not text")
    if b"\x00" in data:
        raise SkipFile("contains NUL bytes: a binary file, or UTF-16 without a byte-order "
                       "mark (save it as UTF-8)")
    controls = len(data.translate(None, _NOT_CONTROL))
    if controls * 100 > len(data):
        raise SkipFile(f"{controls} control bytes in {len(data)}: a binary file, not text")


# -------------------------------------------------------------------------
# Metadata: sources.yaml and front matter.
# -------------------------------------------------------------------------


def read_meta(folder: Path) -> dict[str, SourceMeta]:
    """The entries of ``folder/sources.yaml`` by file name ({} when there is none).

    The file maps article file names to ``{date, lang, title, url}``, every key optional::

        001-microsoft.txt:
          date: 2023-01-24        # YYYY, YYYY-MM or YYYY-MM-DD
          lang: fr
          title: Microsoft investit dans OpenAI
          url: https://example.org/001

    An entry naming a file that does not exist is a warning.

    :raises SourceError: unreadable file, bad YAML, unknown key, bad date; the message
        carries ``sources.yaml:line:column`` and what to write instead.
    """
    present = [folder / name for name in SOURCES_FILES if os.path.lexists(folder / name)]
    if not present:
        return {}
    if len(present) > 1:
        raise SourceError(f"both {SOURCES_FILES[0]} and {SOURCES_FILES[1]} describe this folder; "
                          "merge them into sources.yaml", Location(path=folder))
    path = present[0]
    try:
        text = decode(read_bytes(path), path)
    except SkipFile as skip:
        raise SourceError(f"not a YAML file: {skip.reason}", Location(path=path)) from None
    root = _compose(text, path, first_line=1)
    if root is None or _is_null(root):
        return {}
    if not isinstance(root, yaml.MappingNode):
        raise SourceError("must map article file names to their details, e.g. "
                          "'001.txt: {date: 2023-01-24, lang: fr}'", _where(path, root, 1))
    entries: dict[str, SourceMeta] = {}
    for key_node, value_node in root.value:
        name = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if not name or not isinstance(name, str):
            raise SourceError("each key must be an article's file name", _where(path, key_node, 1))
        if "/" in name or "\\" in name:
            raise SourceError(f"{name!r}: keys are file names in this folder; describe "
                              f"'{name}' in the sources.yaml of its own folder",
                              _where(path, key_node, 1))
        if name in entries:
            raise SourceError(f"{name!r} is listed twice; merge the two entries",
                              _where(path, key_node, 1))
        if not (folder / name).exists():
            warnings.warn(ClaimcheckWarning(
                f"{_where(path, key_node, 1)}: {name!r} is listed but there is no such file in "
                f"{source_name(folder)}/"), stacklevel=2)
        fields = _meta_fields(value_node, path, 1, strict=True)
        entries[name] = SourceMeta(**fields) if fields else _NO_META
    return entries


def split_front_matter(text: str, path: Path) -> tuple[str, dict[str, Any]]:
    """Separate a Markdown front matter from the text.

    A front matter is YAML between a first line ``---`` and the next line ``---``. Its
    ``date``, ``lang``, ``title`` and ``url`` are returned (validated as in sources.yaml);
    other keys (``tags``, ``layout``…) are ignored, since the file may also feed a site
    generator. The front matter is replaced by as many empty lines as it took, so line
    numbers in the returned text are the file's own (character offsets shift).

    :raises SourceError: bad YAML or a bad value, at its file:line.
    """
    if not text.startswith("---\n"):
        return text, {}
    close = text.find("\n---\n", 3)
    if close >= 0:
        header_end = close + 5
    elif text.endswith("\n---"):
        header_end = len(text)
        close = header_end - 4
    else:
        warnings.warn(ClaimcheckWarning(
            f"{source_name(path)}:1: starts with '---' but no closing '---' line: "
            f"read as text, not as front matter"), stacklevel=2)
        return text, {}
    node = _compose(text[4:close + 1], path, first_line=2)
    if node is None or _is_null(node):
        fields: dict[str, Any] = {}
    elif isinstance(node, yaml.MappingNode):
        fields = _meta_fields(node, path, 2, strict=False)
    else:
        raise SourceError("the front matter must be 'key: value' lines (date, lang, title, url)",
                          _where(path, node, 2))
    return "\n" * text.count("\n", 0, header_end) + text[header_end:], fields


def _compose(text: str, path: Path, first_line: int) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = Location(path=path, line=mark.line + first_line, column=mark.column + 1) \
            if mark else Location(path=path)
        problem = ", ".join(filter(None, (err.context, err.problem)))
        raise SourceError(f"not valid YAML: {problem}", where) from None
    except yaml.YAMLError as err:
        raise SourceError(f"not valid YAML: {err}", Location(path=path)) from None


def _meta_fields(node: yaml.Node, path: Path, first_line: int, *, strict: bool) -> dict[str, Any]:
    """The SourceMeta fields of one mapping node; unknown keys are errors when ``strict``."""
    if _is_null(node):
        return {}
    if not isinstance(node, yaml.MappingNode):
        raise SourceError("an entry must be a mapping, e.g. '{date: 2023-01-24, lang: fr}'",
                          _where(path, node, first_line))
    fields: dict[str, Any] = {}
    # Locations are built only for an error: a sources.yaml may have 100,000 entries.
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key not in META_KEYS:
            if not strict:
                continue
            close = difflib.get_close_matches(str(key), META_KEYS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise SourceError(f"unknown key {key!r}{hint}; an entry may have "
                              f"{', '.join(META_KEYS)}", _where(path, key_node, first_line))
        if key in fields:
            raise SourceError(f"{key!r} is given twice", _where(path, key_node, first_line))
        if _is_null(value_node):
            fields[key] = None
            continue
        if not isinstance(value_node, yaml.ScalarNode):
            raise SourceError(f"{key!r} must be a single value, not a list or a mapping",
                              _where(path, value_node, first_line))
        # The raw scalar, never YAML's typed value: no datetime for dates, no False for 'no'.
        raw = value_node.value.strip()
        try:
            if key == "date":
                fields[key] = _date(raw)
            elif key == "lang" and raw:
                fields[key] = _lang(raw)
            else:
                fields[key] = raw or None
        except ValueError as err:
            raise SourceError(str(err), _where(path, value_node, first_line)) from None
    return fields


def _lang(raw: str) -> str:
    try:
        return normalise_lang(raw)
    except ValueError as err:
        raise ValueError(f"bad lang: {err}; write lang: fr or lang: en") from None


@functools.lru_cache(maxsize=4096)
def _date(raw: str) -> PartialDate:
    """Cached: the articles of a corpus share their dates (1,795 distinct in 10,000), and a
    PartialDate is immutable. A ValueError is not cached."""
    timestamp = _TIMESTAMP.match(raw)
    try:
        return reference_date(timestamp.group(1) if timestamp else raw)
    except ValueError as err:
        raise ValueError(f"bad date: {err}; write date: 2023-01-24 (or 2023-01, or 2023)") from None


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG


def _where(path: Path, node: yaml.Node, first_line: int) -> Location:
    mark = node.start_mark
    return Location(path=path, line=mark.line + first_line, column=mark.column + 1)


# -------------------------------------------------------------------------
# The built-in reader and the stage's entry point.
# -------------------------------------------------------------------------


@hookimpl
def claimcheck_load_document(path: Path, meta: SourceMeta, config: Config) -> Document | None:
    """The built-in reader: ``.txt`` and ``.md`` files; None for any other suffix.

    A ``.md`` file's front matter overrides ``meta`` field by field and is replaced by
    empty lines (see :func:`split_front_matter`).
    """
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        return None
    text = decode(read_bytes(path), path)
    if suffix == ".md":
        text, fields = split_front_matter(text, path)
        if fields:
            meta = dataclasses.replace(meta, **fields)
    return Document.build(path=path, source=source_name(path), text=text, lang=meta.lang,
                          date=meta.date, title=meta.title, url=meta.url)


def load_corpus(paths: Sequence[Path], *, config: Config, hook: Any) -> list[Document]:
    """Read every article under ``paths`` into Documents, in :func:`find_files` order.

    :param paths: files and folders (``--sources`` or a claim file's ``sources:``).
    :param config: the run's configuration, passed on to the readers.
    :param hook: ``pluginmanager.hook``; ``hook.claimcheck_load_document`` is called once
        per file with that file's ``sources.yaml`` entry (or an empty SourceMeta).

    Files no reader takes, and files a reader skips (:class:`SkipFile`), are left out with
    a :class:`ClaimcheckWarning`; an empty article is kept, with a warning.

    :raises SourceError: a missing path, an unreadable file or folder, a bad sources.yaml.
    """
    metas: dict[Path, dict[str, SourceMeta]] = {}
    documents = []
    root = None if config.allow_outside_root else config.rootdir
    for path in find_files(paths, root=root, trusted=config.sources):
        if path.parent not in metas:
            metas[path.parent] = read_meta(path.parent)
        meta = metas[path.parent].get(path.name, _NO_META)
        try:
            document = hook.claimcheck_load_document(path=path, meta=meta, config=config)
        except SkipFile as skip:
            _warn(path, f"skipped: {skip.reason}")
            continue
        if document is None:
            _warn(path, f"skipped: no plugin reads {path.suffix or 'suffix-less'} files")
            continue
        if not document.text or document.text.isspace():
            _warn(path, "empty article: it can support or contradict no claim")
        documents.append(document)
    return documents
