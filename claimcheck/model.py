"""Value objects that cross module boundaries: claims, documents, passages, mentions, verdicts.

Every object is a frozen, slotted, keyword-only dataclass. Build a changed copy with
``dataclasses.replace``; never mutate a shared one.
"""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
import enum
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

frozen = dataclass(frozen=True, slots=True, kw_only=True)


class Verdict(enum.Enum):
    """What claimcheck says of a claim; ``.value`` is the word every report uses."""

    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    ABSENT = "absent"
    ERROR = "error"


@frozen
class Location:
    """A place in a user's file, for messages: ``claims/x.yaml:12:5``."""

    path: Path
    """The file, as the user named it (relative paths stay relative)."""
    line: int | None = None
    """1-based line, or None when the whole file is meant."""
    column: int | None = None
    """1-based column, or None."""

    def __str__(self) -> str:
        parts = [str(self.path)]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


@frozen
class PartialDate:
    """A calendar date known to the year, the month or the day (a publication date)."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ValueError otherwise."""
        parts = str(text).strip().split("-")
        if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
            raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        numbers = [int(p) for p in parts] + [None] * (3 - len(parts))
        year, month, day = numbers
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"{text!r} has no month {month}")
        if day is not None:
            dt.date(year, month, day)  # raises ValueError for 2023-02-30
        return cls(year=year, month=month, day=day)

    @property
    def first_day(self) -> dt.date:
        """The earliest day the date may stand for."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        """The latest day the date may stand for."""
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
            if self.day:
                text += f"-{self.day:02d}"
        return text


@frozen
class Mention:
    """One value of one kind found in text, with its span and its normalised value."""

    kind: str
    """The matcher kind that found it, e.g. ``"amount"``."""
    start: int
    """Offset of the first character in the text the matcher was given."""
    end: int
    """Offset one past the last character (exclusive)."""
    text: str
    """The words as written, ``text[start:end]``."""
    value: object
    """The matcher's normalised value: hashable, with a readable ``str()``."""

    def shifted(self, offset: int) -> "Mention":
        """The same mention with its span moved by ``offset`` characters."""
        return Mention(kind=self.kind, start=self.start + offset, end=self.end + offset,
                       text=self.text, value=self.value)


@frozen
class Expected:
    """One facet under a claim's ``expect:``, after its matcher parsed it."""

    kind: str
    """The matcher kind (the key under ``expect:``)."""
    text: str
    """The value as the analyst wrote it."""
    value: object
    """What ``Matcher.parse`` returned."""
    options: Mapping[str, object] = field(default_factory=dict)
    """Matcher options from the mapping form (``{value: 49 %, tolerance: 1}``), without ``value``."""
    location: Location | None = None
    """Where the facet is written."""


@frozen
class Claim:
    """One claim from a claim file."""

    id: str
    """Unique within its file."""
    text: str
    """The claim sentence, for reports."""
    lang: str
    """Language of the claim sentence and its expected values."""
    about: tuple[tuple[str, ...], ...]
    """Entities a passage must mention: each a tuple of the name and its aliases."""
    cues: tuple[str, ...]
    """Words naming the relation; one must occur. A trailing ``*`` is a prefix."""
    expect: tuple[Expected, ...]
    """The typed values the claim states."""
    tags: tuple[str, ...] = ()
    """Free labels, matched by ``-k``."""
    expected: Verdict | None = None
    """The verdict the claim declares it expects (``verdict:``), or None: supported, with
    absent tolerated unless ``--strict`` (see :mod:`claimcheck.outcome`)."""
    others: tuple[tuple[str, ...], ...] = ()
    """The claim file's other glossary entities (name and aliases): a sentence that names one
    of them, and not the claim's, is about that one."""
    sources: tuple[Path, ...] = ()
    """Corpus paths from the claim file, resolved; empty means the run's sources."""
    inferred: tuple["Inferred", ...] = ()
    """The fields read from the sentence because the file left them out, each with its rule
    (:mod:`claimcheck.inference`)."""
    location: Location
    """Where the claim starts (its ``id`` line)."""
    problem: str | None = None
    """Why the claim cannot be checked, at its file:line:col (a value its matcher cannot read,
    a sentence that states none): its verdict is ``error``, and the rest of its file is
    checked. None for a claim that can be."""

    @property
    def nodeid(self) -> str:
        """``file::id``, the name ``-k`` and pytest use."""
        return f"{self.location.path.as_posix()}::{self.id}"


@frozen
class Inferred:
    """One field of a claim read from its sentence, and the rule that read it."""

    field: str
    """``about``, ``cues`` or ``expect``."""
    rule: str
    """The rule's name (:mod:`claimcheck.inference`)."""


@frozen
class Document:
    """One article of the corpus, read once per run."""

    path: Path
    """Where it was read from."""
    source: str
    """The name reports show (path relative to the working folder when possible)."""
    text: str
    """The whole text, newlines normalised to ``\\n``."""
    lang: str | None = None
    """``fr``, ``en`` or None when unknown."""
    date: PartialDate | None = None
    """Publication date, the reference for relative dates."""
    title: str | None = None
    url: str | None = None
    line_starts: tuple[int, ...] = ()
    """Offsets where each line starts; filled by :meth:`build`."""

    @classmethod
    def build(cls, **fields: object) -> "Document":
        """A Document with its line index computed."""
        text = str(fields["text"])
        starts = [0] + [match.end() for match in re.finditer("\n", text)]
        return cls(line_starts=tuple(starts), **fields)  # type: ignore[arg-type]

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset."""
        return bisect.bisect_right(self.line_starts, offset) or 1


@frozen
class Passage:
    """One sentence of a document."""

    document: Document
    start: int
    """Offset of the sentence in the document text."""
    end: int
    """Offset one past its end."""

    @property
    def text(self) -> str:
        return self.document.text[self.start:self.end]

    @property
    def line(self) -> int:
        """1-based line where the sentence starts."""
        return self.document.line_of(self.start)


@frozen
class Evidence:
    """One passage's own verdict on one claim, with the values that decided it."""

    passage: Passage
    verdict: Verdict
    """SUPPORTED or CONTRADICTED (silent passages are not evidence)."""
    found: tuple[Mention, ...] = ()
    """The mentions bound to the cue that the verdict rests on."""
    hedged: bool = False
    """True when the passage reports, rumours or conditions the fact."""
    why: str = ""
    """One sentence saying which rule gave the verdict."""


@frozen
class Result:
    """The verdict on one claim over the whole corpus."""

    claim: Claim
    verdict: Verdict
    evidence: tuple[Evidence, ...] = ()
    """Every deciding passage, supporting and contradicting, in corpus order."""
    error: str | None = None
    """The message when ``verdict`` is ERROR."""
    duration: float = 0.0
    """Seconds spent judging this claim."""

    @property
    def decisive(self) -> Evidence | None:
        """The evidence a one-line message quotes: the first one that agrees with the verdict."""
        for item in self.evidence:
            if item.verdict is self.verdict:
                return item
        return self.evidence[0] if self.evidence else None
