"""Built-in reporter plugins: the terminal, JUnit XML (``--junitxml``), JSON (``--json``),
GitHub annotations (``--format github``), Markdown (``--md``) and HTML (``--html``) reports."""
from __future__ import annotations

import os
from pathlib import Path

from ..model import Claim


def shown_path(path: Path) -> Path:
    """A claim file as reports name it: relative to the working folder when it lies under it.

    Under pytest claim files are collected by absolute path; GitHub annotations and the
    summaries need the path from the checkout's top, where CI runs.
    """
    if not path.is_absolute():
        return path
    try:
        return Path(os.path.relpath(path)) if path.is_relative_to(Path.cwd()) else path
    except ValueError:
        return path


def shown_nodeid(claim: Claim) -> str:
    """``file::id`` with :func:`shown_path`."""
    return f"{shown_path(claim.location.path).as_posix()}::{claim.id}"
