"""Atomic report writing: a crash or Ctrl-C never leaves a half-written report file.

The new content goes to a temporary file in the target's folder (so ``os.replace`` stays
on one file system and is atomic), is flushed to disk, then renamed over the target. Until
that rename, a previous good report stays where it was; after it, the new one is complete.
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import IO, Iterator


def report_path(value: str | os.PathLike[str]) -> Path:
    """The absolute path a ``--junitxml``/``--json`` value names (relative to the working folder)."""
    return Path(os.path.abspath(os.path.expanduser(os.fspath(value))))


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike[str], *, encoding: str = "utf-8") -> Iterator[IO[str]]:
    """Open ``path`` for writing text; the file appears only if the ``with`` block succeeds.

    Missing parent folders are created, as pytest does for ``--junitxml``. A symbolic link
    is followed, so the file it points to is the one replaced. If the block raises
    (including KeyboardInterrupt), the temporary file is removed and ``path`` is untouched.
    """
    target = Path(os.path.realpath(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        # newline="\n": the same bytes on every platform, so golden files compare exactly.
        with os.fdopen(fd, "w", encoding=encoding, newline="\n") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp creates the file 0600; give the report the mode an ordinary open() would.
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_folder(target.parent)


def write_text(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically (see :func:`atomic_open`)."""
    with atomic_open(path, encoding=encoding) as stream:
        stream.write(text)


def _mode_for(target: Path) -> int:
    """Keep an existing report's permissions; a new one gets 0666 minus the umask."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)  # NOTE: the only portable way to read the umask is to set it.
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it (not on Windows)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
