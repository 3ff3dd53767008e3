"""Looking at a path before opening it: special files, size bounds, the project root.

A FIFO opened for reading blocks until a writer comes, ``/dev/zero`` never ends and a
symbolic link may lead anywhere, so every reader (claim files, articles, ``extract``) asks
here first, with ``stat`` only, and opens nothing but regular files.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def kind_of(mode: int) -> str | None:
    """What a file of this ``st_mode`` is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    for test, words in _KINDS:
        if test(mode):
            return words
    return "not a regular file"


def _with_target(path: Path, kind: str) -> str:
    """``"a character device (/dev/zero)"`` for a link, so the message names what it reaches."""
    return f"{kind} ({os.path.realpath(path)})" if os.path.islink(path) else kind


def read_regular(path: Path, limit: int) -> bytes:
    """At most ``limit`` + 1 bytes of a regular file (so a caller can tell it was too long).

    :raises IsADirectoryError, OSError: as ``open`` does.
    :raises ValueError: the path is a special file; the message says which kind.
    """
    kind = kind_of(os.stat(path).st_mode)  # before open(): opening a FIFO blocks
    if kind is not None:
        raise ValueError(_with_target(path, kind))
    with open(path, "rb") as stream:
        status = os.fstat(stream.fileno())
        kind = kind_of(status.st_mode)  # swapped since the stat?
        if kind is not None:
            raise ValueError(_with_target(path, kind))
        # read(n) allocates n bytes up front: ask for the size the file has, then go on in
        # chunks only if it grew meanwhile.
        chunks = [stream.read(min(status.st_size, limit) + 1)]
        total = len(chunks[0])
        while total <= limit and total > status.st_size:
            chunk = stream.read(min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def within(real: str, real_root: str) -> bool:
    """Whether ``real`` is ``real_root`` or lies under it; both already ``os.path.realpath``-ed,
    so a caller resolves its root once, not once per file."""
    # The string test settles every path inside (a corpus is 100,000 of them); only a path
    # it rejects pays for Path's part-by-part comparison, which is what decides.
    return (real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)
            or Path(real).is_relative_to(real_root))
