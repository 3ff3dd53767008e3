"""claimcheck: check facts in text the way pytest checks code.

The public API: the plugin marker, the pipeline functions, the value objects and the errors.
"""
from .api import extract
from .check import check
from .errors import (ClaimcheckError, ClaimcheckWarning, ClaimFileError, ExitCode, PluginError,
                     SourceError, UsageError)
from .hookspecs import hookimpl
from .matchers import Agreement, Matcher
from .model import (Claim, Document, Evidence, Expected, Location, Mention, PartialDate, Passage,
                    Result, Verdict)

__version__ = "0.1.0"

__all__ = sorted([
    "Agreement", "Claim", "ClaimFileError", "ClaimcheckError", "ClaimcheckWarning", "Document",
    "Evidence", "ExitCode", "Expected", "Location", "Matcher", "Mention", "PartialDate", "Passage",
    "PluginError", "Result", "SourceError", "UsageError", "Verdict", "check", "extract", "hookimpl",
])
