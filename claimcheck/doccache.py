"""The document cache: each document's facts kept between runs, in ``.claimcheck_cache/documents.sqlite``.

A :class:`~claimcheck.facts.Layout` is stored under the hash of the document's text and the
fingerprint of claimcheck's own code; a matcher's mentions under the hash of the text, the
document's language and date (what extraction reads besides the text) and that matcher's
fingerprint (:mod:`claimcheck.fingerprint`), one row per matcher, so a plugin change
invalidates what that plugin extracted and nothing else.

SQLite, from the standard library: two runs may share the file (write-ahead log; each
run's new rows go in one short transaction at the end of a stage; a run that finds the
file locked waits, then gives up storing, with a warning). Nothing read is trusted: every
row carries a checksum of its key and data, its data is decoded without running code
(mentions are unpickled with only claimcheck's and the matchers' own classes allowed) and
checked against the document (spans inside the text, in order); a row that fails is
recomputed. A file that is not a database is rebuilt, a folder that cannot be written
means no cache: a warning, never a failure.
"""
from __future__ import annotations

import hashlib
import io
import os
import pickle
import sqlite3
import struct
import sys
import warnings
from array import array
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from .corpus import source_name
from .errors import ClaimcheckWarning
from .facts import Layout
from .model import Document, Mention

FILE = "documents.sqlite"
SCHEMA = 1
"""``PRAGMA user_version``: a file of another schema is emptied and rebuilt."""
BUSY_SECONDS = 10.0
"""How long a run waits for another run's write to finish before it gives up storing."""
_BATCH = 500  # keys per SELECT … IN (…): below SQLite's limit on bound parameters
_SAFE_BUILTINS = {("builtins", name) for name in ("set", "frozenset", "complex", "slice", "range")}
_SAFE_MODULES = ("claimcheck", "decimal", "fractions", "datetime")


def content_key(document: Document) -> bytes:
    """The hash of a document's text: the same text has the same facts wherever it lies."""
    return hashlib.blake2b(document.text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def mentions_key(document: Document, content: bytes) -> bytes:
    """What extraction reads: the text, and the language and date relative dates resolve against."""
    return hashlib.blake2b(content + f"\0{document.lang}\0{document.date}".encode(), digest_size=16).digest()


class DocumentCache:
    """One run's connection to the cache file; the rows it adds are written by :meth:`flush`."""

    def __init__(self, path: Path, layout_fingerprint: str, matcher_fingerprints: Mapping[str, str],
                 allowed_modules: Iterable[str] = ()) -> None:
        self.path = path
        self._layout_fp = layout_fingerprint.encode()
        self._matcher_fp = {kind: f"{kind}\0{fp}" for kind, fp in matcher_fingerprints.items()}
        self._allowed = (*_SAFE_MODULES, *allowed_modules)
        self._pending_layouts: list[tuple[bytes, bytes, bytes]] = []
        self._pending_mentions: list[tuple[bytes, str, bytes, bytes]] = []
        self._rejected = 0
        self._db: sqlite3.Connection | None = self._connect()

    @classmethod
    def open(cls, folder: Path, layout_fingerprint: str, matcher_fingerprints: Mapping[str, str],
             allowed_modules: Iterable[str] = ()) -> "DocumentCache | None":
        """The cache in ``folder``, created if need be; None (with a warning) when it cannot be used."""
        cache = cls(folder / FILE, layout_fingerprint, matcher_fingerprints, allowed_modules)
        return cache if cache._db is not None else None

    # -- the file ------------------------------------------------------

    def _connect(self) -> sqlite3.Connection | None:
        try:
            return self._prepare()
        except sqlite3.DatabaseError as err:
            if isinstance(err, sqlite3.OperationalError) and "locked" in str(err):
                self._warn(f"in use by another run for more than {BUSY_SECONDS:g} s ({err}): "
                           "this run neither reads nor stores document facts")
                return None
            self._warn(f"unreadable ({err}): rebuilt")
            try:
                remove(self.path)
                return self._prepare()
            except (sqlite3.Error, OSError) as again:
                self._warn(f"cannot be rebuilt ({again}): this run neither reads nor stores document facts")
        except OSError as err:
            self._warn(f"cannot be opened ({err.strerror or err}): this run neither reads nor "
                       "stores document facts")
        return None

    def _prepare(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")  # a cache: losing the last rows on power loss is fine
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version != SCHEMA:
                with db:
                    db.execute("BEGIN IMMEDIATE")
                    db.execute("DROP TABLE IF EXISTS layout")
                    db.execute("DROP TABLE IF EXISTS mentions")
                    db.execute("DROP TABLE IF EXISTS meta")
                    db.execute("CREATE TABLE layout (key BLOB PRIMARY KEY, checksum BLOB, data BLOB)")
                    db.execute("CREATE TABLE mentions (doc BLOB, matcher TEXT, checksum BLOB, data BLOB, "
                               "PRIMARY KEY (doc, matcher))")
                    db.execute(f"PRAGMA user_version={SCHEMA}")
            db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
            self._forget_superseded(db)
        except BaseException:
            db.close()
            raise
        return db

    def _forget_superseded(self, db: sqlite3.Connection) -> None:
        """Delete the rows the previous version of claimcheck or of a matcher stored: the
        file keeps the facts of the code that runs now, not of every version ever run."""
        current = {"layout": self._layout_fp.decode(), **{f"matcher {kind}": fp for kind, fp in self._matcher_fp.items()}}
        stored = dict(db.execute("SELECT name, value FROM meta").fetchall())
        changed = {name: value for name, value in current.items() if stored.get(name) != value}
        if not changed:
            return
        with db:
            db.execute("BEGIN IMMEDIATE")
            for name in changed:
                if name == "layout" and "layout" in stored:
                    db.execute("DELETE FROM layout")
                elif name in stored and name != "layout":
                    db.execute("DELETE FROM mentions WHERE matcher = ?", (stored[name],))
            db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", changed.items())

    def _warn(self, message: str) -> None:
        warnings.warn(ClaimcheckWarning(f"{source_name(self.path)}: {message}"), stacklevel=3)

    def _failed(self, err: sqlite3.Error) -> None:
        """A read or write failed mid-run: the rest of the run works without the cache."""
        self._warn(f"unreadable ({err}): the rest of this run works without it; delete the file "
                   "or run with --cache-clear if this persists")
        self.close()

    def close(self) -> None:
        """Store what is pending, then let go of the file."""
        self.flush()
        if self._rejected:
            self._warn(f"{self._rejected} stored entr{'y was' if self._rejected == 1 else 'ies were'} "
                       "damaged or not claimcheck's: recomputed")
            self._rejected = 0
        if self._db is not None:
            self._db.close()
            self._db = None

    def flush(self) -> None:
        """Write the rows added since the last flush, in one transaction."""
        if self._db is None or not (self._pending_layouts or self._pending_mentions):
            return
        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.executemany("INSERT OR REPLACE INTO layout VALUES (?, ?, ?)", self._pending_layouts)
                self._db.executemany("INSERT OR REPLACE INTO mentions VALUES (?, ?, ?, ?)",
                                     self._pending_mentions)
        except sqlite3.OperationalError as err:
            # Another run held the file too long (or the disk is full): these rows are lost,
            # the next run computes them again.
            self._warn(f"could not store this run's document facts ({err})")
        except sqlite3.Error as err:
            self._failed(err)
        self._pending_layouts, self._pending_mentions = [], []

    # -- layouts -------------------------------------------------------

    def layout_key(self, content: bytes) -> bytes:
        return hashlib.blake2b(content + self._layout_fp, digest_size=16).digest()

    def layouts(self, documents: Sequence[Document], keys: Sequence[bytes]) -> list[Layout | None]:
        """The stored layout of each document, None where there is none (or it is damaged)."""
        rows: dict[bytes, tuple[bytes, bytes]] = {}
        for lo in range(0, len(keys), _BATCH):
            batch = list(keys[lo:lo + _BATCH])
            rows.update((key, (checksum, data)) for key, checksum, data in self._select(
                f"SELECT key, checksum, data FROM layout WHERE key IN ({','.join('?' * len(batch))})", batch))
        found: list[Layout | None] = []
        for document, key in zip(documents, keys):
            row = rows.get(key)
            found.append(None if row is None else self._checked(key, row, _decode_layout, document))
        return found

    def put_layout(self, key: bytes, layout: Layout) -> None:
        data = _encode_layout(layout)
        self._pending_layouts.append((key, _checksum(key, data), data))

    # -- mentions ------------------------------------------------------

    def mentions(self, document: Document, key: bytes) -> dict[str, tuple[Mention, ...]]:
        """The stored mentions of ``document`` for each current matcher that has them."""
        wanted = {fp: kind for kind, fp in self._matcher_fp.items()}
        found = {}
        for matcher, checksum, data in self._select(
                "SELECT matcher, checksum, data FROM mentions WHERE doc = ?", [key]):
            kind = wanted.get(matcher)
            if kind is not None:
                mentions = self._checked(key + matcher.encode(), (checksum, data),
                                         lambda d, doc: self._decode_mentions(d, doc, kind), document)
                if mentions is not None:
                    found[kind] = mentions
        return found

    def put_mentions(self, key: bytes, kind: str, mentions: tuple[Mention, ...]) -> None:
        matcher = self._matcher_fp[kind]
        data = pickle.dumps(mentions, protocol=pickle.HIGHEST_PROTOCOL)
        self._pending_mentions.append((key, matcher, _checksum(key + matcher.encode(), data), data))

    def _decode_mentions(self, data: bytes, document: Document, kind: str) -> tuple[Mention, ...]:
        mentions = _Unpickler(io.BytesIO(data), self._allowed).load()
        if not isinstance(mentions, tuple):
            raise ValueError("not a tuple")
        size, last = len(document.text), (0, 0)
        for m in mentions:
            if not isinstance(m, Mention) or m.kind != kind or not 0 <= m.start <= m.end <= size \
                    or (m.start, m.end) < last:
                raise ValueError("not this document's mentions")
            last = (m.start, m.end)
        return mentions

    # -- reading safely ------------------------------------------------

    def _select(self, sql: str, params: Sequence[object]) -> list[tuple]:
        if self._db is None:
            return []
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.Error as err:
            self._failed(err)
            return []

    def _checked(self, key: bytes, row: tuple[bytes, bytes], decode, document: Document):
        checksum, data = row
        try:
            if not isinstance(data, bytes) or checksum != _checksum(key, data):
                raise ValueError("checksum")
            return decode(data, document)
        except Exception:  # anything a damaged or foreign row may raise: recompute it
            self._rejected += 1
            return None


def remove(path: Path) -> None:
    """Delete the cache file and its write-ahead log (``--cache-clear``)."""
    for name in (path.name, f"{path.name}-wal", f"{path.name}-shm"):
        try:
            os.unlink(path.with_name(name))
        except FileNotFoundError:
            pass


class _Unpickler(pickle.Unpickler):
    """Unpickles Mentions and their values only: a class outside claimcheck, the matchers'
    own packages and a few standard value types is refused, so a planted row cannot run code."""

    def __init__(self, file: io.BytesIO, allowed: Sequence[str]) -> None:
        super().__init__(file)
        self.allowed = allowed

    def find_class(self, module: str, name: str):
        if (module, name) in _SAFE_BUILTINS or module.split(".")[0] in self.allowed:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed")


def _checksum(key: bytes, data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=8, key=key[:64]).digest()


def _encode_layout(layout: Layout) -> bytes:
    spans = array("i", layout.spans)
    if sys.byteorder == "big":
        spans.byteswap()
    return struct.pack("<I", len(spans)) + spans.tobytes() + layout.words.encode("utf-8", "surrogatepass")


def _decode_layout(data: bytes, document: Document) -> Layout:
    (count,) = struct.unpack_from("<I", data)
    spans = array("i")
    spans.frombytes(data[4:4 + 4 * count])
    if sys.byteorder == "big":
        spans.byteswap()
    words = data[4 + 4 * count:].decode("utf-8", "surrogatepass")
    offsets = tuple(spans)
    if len(offsets) != count or count % 2 or words.count("\n") + 1 != max(count // 2, 1) \
            or any(b < a for a, b in zip(offsets, offsets[1:])) or (offsets and offsets[-1] > len(document.text)) \
            or (offsets and offsets[0] < 0):
        raise ValueError("not this document's layout")
    return Layout(spans=offsets, words=words)
