"""Errors claimcheck shows to its users, and the exit codes they map to.

The tree::

    ClaimcheckError          str(e) is the whole message; shown without a traceback
    ├── UsageError           bad option, missing path, bad [tool.claimcheck]        → exit 4
    │   └── ReportError      a report path that cannot be written                   → exit 4
    ├── ClaimFileError       YAML or schema error in a claim file, at file:line:col → exit 4
    ├── SourceError          unreadable article, folder or sources.yaml             → exit 4
    └── PluginError          a plugin failed to load, or a matcher misbehaved
                             (the claims that need it get verdict ``error``)        → exit 1

Warnings (``ClaimcheckWarning``, through :mod:`warnings`) are shown once each and never stop a run.
Anything else that escapes is claimcheck's own bug: exit 3 with the traceback.
"""
from __future__ import annotations

import enum

from .model import Location


class ExitCode(enum.IntEnum):
    """Exit codes, the same numbers as pytest's."""

    OK = 0
    """Every claim was supported (or absent without ``--strict``)."""
    CLAIMS_FAILED = 1
    """A claim was contradicted, absent under ``--strict``, or could not be checked."""
    INTERRUPTED = 2
    """The run was interrupted (Ctrl-C)."""
    INTERNAL_ERROR = 3
    """claimcheck itself failed: please report it."""
    USAGE_ERROR = 4
    """The command line, the configuration, a claim file or the corpus is wrong."""
    NO_CLAIMS_COLLECTED = 5
    """No claim was collected (or all were deselected)."""


class ClaimcheckError(Exception):
    """Base of every error meant for the user; ``str()`` is the complete message."""

    exit_code = ExitCode.USAGE_ERROR

    def __init__(self, message: str, location: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class UsageError(ClaimcheckError):
    """A bad option, a missing path or a bad ``[tool.claimcheck]`` table."""


class ReportError(UsageError):
    """A report file that cannot be written (a folder, a read-only place, a full disk)."""


class ClaimFileError(ClaimcheckError):
    """A claim file that is not valid YAML or breaks the claim schema."""


class ClaimValueError(ClaimFileError):
    """A claim whose values cannot be read (a value its matcher refuses, a sentence that
    states none or says another): that claim's verdict is ``error``, its file still runs."""


class SourceError(ClaimcheckError):
    """An article, a corpus folder or a ``sources.yaml`` that cannot be read."""


class PluginError(ClaimcheckError):
    """A plugin that failed to load, or a matcher that raised or returned garbage."""

    exit_code = ExitCode.CLAIMS_FAILED

    def __init__(self, message: str, plugin: str, location: Location | None = None) -> None:
        super().__init__(message, location)
        self.plugin = plugin

    def __reduce__(self):
        # raised in a worker process, it crosses back pickled (the default would lose ``plugin``)
        return type(self), (self.message, self.plugin, self.location)


class ClaimcheckWarning(UserWarning):
    """Something was read in a degraded way (an article decoded as cp1252, a binary file
    skipped). Front ends show each one once, with its location, and go on."""
