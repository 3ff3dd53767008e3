"""Finding claim files and reading their text: suffixes, special files, encodings, newlines.

Both front ends ask :func:`is_claim_file` which YAML files are claim files, so ``claimcheck``
and ``pytest`` collect the same ones; :func:`read_claim_text` gives the text the YAML
reader parses, or a ClaimFileError at file:line:column.
"""
from __future__ import annotations

import codecs
import os
import re
import warnings
from pathlib import Path
from typing import Iterator

from yaml.nodes import MappingNode

from .claimyaml import compose
from .errors import ClaimcheckWarning, ClaimFileError, UsageError
from .model import Location
from .safefs import kind_of, read_regular

MAX_BYTES = 10 * 1024 * 1024
"""Claim files larger than this are refused before they are read."""
SUFFIXES = (".yaml", ".yml")
# Folders never searched for claim files, as pytest's default norecursedirs.
SKIP_DIRS = ("build", "dist", "node_modules", "venv", "__pycache__")

# A top-level ``claims`` key in any spelling YAML allows: plain, quoted, JSON-style
# (``{"claims": …``), or an explicit ``? claims`` key.
_TOP_LEVEL_CLAIMS = re.compile(r"""^(?:\{[ \t]*|\?[ \t]+)?["']?claims["']?[ \t]*(?::|$)""",
                               re.MULTILINE)
# The characters YAML forbids, as PyYAML's reader defines them; checked up front so the
# message has a line and column whichever parser (C or Python) runs.
_NON_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")
# UTF-32 LE before UTF-16 LE, whose mark is its prefix.
_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
              (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def has_claim_suffix(path: Path) -> bool:
    """``.yaml`` or ``.yml``, in any case (``C.YAML`` too)."""
    return path.suffix.lower() in SUFFIXES


def is_claim_file(path: Path) -> bool:
    """True for a regular ``.yaml``/``.yml`` file with a top-level ``claims`` key.

    Cheap for most files: the text is searched, not parsed; only a file that holds the word
    ``claims`` without a line that opens with it (JSON style, ``? claims``) is parsed.
    Special files (a FIFO, a device) are never opened: one named like a claim file is
    reported with a warning, since it is neither read nor silently dropped.
    """
    if not has_claim_suffix(path):
        return False
    try:
        kind = kind_of(os.stat(path).st_mode)
        if kind is not None:
            if kind != "a folder":
                _warn_skipped(path, kind)
            return False
        data = read_regular(path, MAX_BYTES)
    except (OSError, ValueError):
        return False
    try:
        text = decode_claim_bytes(data, path)
    except ClaimFileError:
        return True  # unreadable but named like one: loading it gives the error
    if _TOP_LEVEL_CLAIMS.search(text):
        return True
    return "claims" in text and _parses_with_claims_key(path, text)


def _parses_with_claims_key(path: Path, text: str) -> bool:
    try:
        root = compose(path, text)
    except ClaimFileError:
        return False
    return isinstance(root, MappingNode) and any(key.value == "claims" for key, _ in root.value)


def _warn_skipped(path: Path, kind: str) -> None:
    warnings.warn(ClaimcheckWarning(f"{path}: skipped: {kind}, not a claim file"), stacklevel=3)


def claim_files_under(folder: Path) -> list[Path]:
    """The claim files under ``folder``, sorted; links to folders are followed once each."""
    found = [p for p in _walk(folder) if is_claim_file(p)]
    return sorted(found, key=lambda p: p.parts)


def _walk(folder: Path) -> Iterator[Path]:
    seen: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=True):
        real = os.path.realpath(dirpath)
        if real in seen:  # a link loop, or two links to one folder
            dirnames[:] = []
            continue
        seen.add(real)
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and d not in SKIP_DIRS
                       and not d.endswith(".egg")]
        yield from (Path(dirpath) / name for name in filenames if not name.startswith("."))


# -- Reading one file -----------------------------------------------------------


def read_claim_text(path: Path) -> str:
    """The text of one claim file, newlines made ``\\n``, without a byte-order mark.

    :raises UsageError: the file does not exist.
    :raises ClaimFileError: not a claim file name, a special file, too large, not text.
    """
    where = Location(path=path)
    if not has_claim_suffix(path):
        raise ClaimFileError("not a claim file: claim files are YAML files ending in .yaml or .yml",
                             where)
    try:
        size = os.stat(path).st_size
        if size > MAX_BYTES:
            raise ClaimFileError(_too_large(size), where)
        data = read_regular(path, MAX_BYTES)
    except FileNotFoundError:
        raise UsageError(f"file or folder not found: {path}") from None
    except IsADirectoryError:
        raise ClaimFileError("is a folder, not a claim file", where) from None
    except ValueError as err:
        raise ClaimFileError(f"is {err}, not a claim file: name a regular YAML file", where) from None
    except OSError as err:
        raise ClaimFileError(f"cannot read the file: {err.strerror or err}", where) from None
    if len(data) > MAX_BYTES:  # grew while we read it
        raise ClaimFileError(_too_large(len(data)), where)
    text = decode_claim_bytes(data, path)
    bad = _NON_PRINTABLE.search(text)
    if bad:
        line, column = line_col(text, bad.start())
        raise ClaimFileError(f"character U+{ord(bad.group()):04X} is not allowed in YAML "
                             "(control characters cannot appear in a claim file)",
                             Location(path=path, line=line, column=column))
    return text


def decode_claim_bytes(data: bytes, path: Path) -> str:
    """UTF-8 (with or without a mark), or UTF-16/32 with a mark, or UTF-16 without one
    (every other byte NUL); ``\\r\\n`` and ``\\r`` become ``\\n`` so lines count the same
    for YAML and for our messages."""
    for bom, codec in _WIDE_BOMS:
        if data.startswith(bom):
            return _decode_wide(data, codec, path)
    guessed = _utf16_without_bom(data)
    if guessed:
        return _decode_wide(data, guessed, path)
    data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        raise ClaimFileError(
            f"not valid UTF-8: byte 0x{data[err.start]:02x} at byte offset {err.start} "
            f"({err.reason}); save the file as UTF-8",
            Location(path=path, line=line, column=column)) from None
    return text.removeprefix("\ufeff")


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when the first bytes look like ASCII text in UTF-16."""
    head = data[:200]
    if len(head) < 4 or b"\x00" not in head:
        return None
    if not head[1::2].strip(b"\x00") and head[0::2].strip(b"\x00"):
        return "utf-16-le"
    if not head[0::2].strip(b"\x00") and head[1::2].strip(b"\x00"):
        return "utf-16-be"
    return None


def _decode_wide(data: bytes, codec: str, path: Path) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as err:
        raise ClaimFileError(f"not valid {codec.upper()} ({err.reason} at byte {err.start}); "
                             "save the file as UTF-8", Location(path=path)) from None
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _too_large(size: int) -> str:
    return (f"claim file is {size / 2**20:.1f} MB; the limit is {MAX_BYTES // 2**20} MB "
            "(split it into several files)")


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1
