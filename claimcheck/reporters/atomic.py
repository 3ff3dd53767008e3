"""Atomic report writing: a crash or Ctrl-C never leaves a half-written report file.

The new content goes to a temporary file in the target's folder (so ``os.replace`` stays
on one file system and is atomic), is flushed to disk, then renamed over the target. Until
that rename, a previous good report stays where it was; after it, the new one is complete.
"""
from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import IO, Any, Iterator, Mapping

from ..errors import ReportError
from ..safefs import kind_of

REPORT_OPTIONS = (("junitxml", "--junitxml"), ("json_report", "--json"), ("md_report", "--md"),
                  ("html_report", "--html"))
"""Report options (dest, flag) whose paths are checked before any claim is."""
STDOUT = "-"
"""``--json -`` writes the report on standard output."""


def report_path(value: str | os.PathLike[str]) -> Path:
    """The absolute path a ``--junitxml``/``--json`` value names (relative to the working folder)."""
    return Path(os.path.abspath(os.path.expanduser(os.fspath(value))))


def check_report_paths(options: Mapping[str, Any]) -> None:
    """Refuse, before any claim is checked, a report path that could not be written: a
    folder, a FIFO, a path under a regular file, a read-only or unwritable folder, or two
    reports naming one file (the second would silently replace the first).

    :raises ReportError: naming the option, the path and what to do.
    """
    seen: dict[str, str] = {}
    for dest, flag in REPORT_OPTIONS:
        value = options.get(dest)
        if not value or value == STDOUT:
            continue
        path = report_path(value)
        problem = report_problem(path)
        if problem:
            raise ReportError(f"{flag} {value}: {problem}")
        real = os.path.realpath(path)
        if real in seen:
            raise ReportError(f"{seen[real]} and {flag} both name {value}: give each report its own file")
        seen[real] = flag


def report_problem(path: Path) -> str | None:
    """Why a report cannot be written at ``path``, or None when it can."""
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return _creatable(path)
    except OSError as err:
        return f"cannot reach it ({err.strerror or err})"
    kind = kind_of(mode)
    if kind == "a folder":
        return f"is a folder; name a file, e.g. {path / 'report'}"
    if kind is not None and not stat.S_ISCHR(mode):
        return f"is {kind}; reports are written to regular files"
    folder = path.parent if kind is None else None  # a device is written in place
    if not os.access(path, os.W_OK) or (folder is not None and not os.access(folder, os.W_OK | os.X_OK)):
        return "is not writable (permission denied or a read-only file system)"
    return None


def _creatable(path: Path) -> str | None:
    """A missing report's folders are created: the nearest existing one must be a
    writable folder."""
    for folder in path.parents:
        try:
            mode = os.stat(folder).st_mode
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError as err:
            return f"cannot reach {folder} ({err.strerror or err})"
        if not stat.S_ISDIR(mode):
            return f"cannot be created: {folder} is a file, not a folder"
        if not os.access(folder, os.W_OK | os.X_OK):
            return (f"cannot be created in {folder}: not writable (permission denied or a "
                    "read-only file system)")
        return None
    return None


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


def write_text(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8",
               flag: str = "report") -> None:
    """Write ``text`` to ``path`` atomically (see :func:`atomic_open`); a character device
    (``/dev/null``) is written in place, never replaced by a file.

    :raises ReportError: the file cannot be written (a full disk, a read-only file
        system…); a previous report at ``path`` is left as it was.
    """
    try:
        if _is_device(path):
            with open(path, "w", encoding=encoding, newline="\n") as stream:
                stream.write(text)
            return
        with atomic_open(path, encoding=encoding) as stream:
            stream.write(text)
    except OSError as err:
        why = err.strerror or str(err)
        if err.errno == errno.ENOSPC and not _is_device(path):
            why += "; the previous report, if any, is kept"
        raise ReportError(f"{flag} {path}: cannot write the report: {why}") from None


def _is_device(path: str | os.PathLike[str]) -> bool:
    try:
        return stat.S_ISCHR(os.stat(path).st_mode)
    except OSError:
        return False


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
