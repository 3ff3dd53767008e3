"""The Matcher contract: how a plugin reads one kind of value in text and compares it.

A matcher is an object with three methods. ``extract`` reads plain text, so the same code
serves the engine (once per document, cached), ``claimcheck extract``, the public
:func:`claimcheck.extract` and the extraction benchmark. Binding mentions to cues and clauses
is the engine's job (``evidence.py``): a matcher only recognises and compares values.
"""
from __future__ import annotations

import enum
from typing import TYPE_CHECKING, ClassVar, Iterable, Mapping

if TYPE_CHECKING:
    from ..model import Expected, Mention, PartialDate


class Agreement(enum.Enum):
    """How one mention stands to an expected value."""

    MATCH = "match"
    """The mention states the expected value."""
    MISMATCH = "mismatch"
    """It states another value of the same kind."""
    UNDECIDED = "undecided"
    """It neither confirms nor refutes ("plus d'un milliard" against 5 milliards)."""


class Matcher:
    """Reads one kind of value in text and compares values of that kind.

    Subclass it, set :attr:`kind`, implement the three methods, and return an instance
    from the ``claimcheck_register_matchers`` hook. Document in the class docstring what is
    recognised and what is deliberately not: ``claimcheck --matchers`` prints it.
    """

    kind: ClassVar[str] = ""
    """The key under ``expect:`` in claim files, e.g. ``"amount"``: lower case, unique per run."""
    options: ClassVar[frozenset[str]] = frozenset()
    """Option names the mapping form of ``expect`` accepts besides ``value``."""
    marks_event: ClassVar[bool] = False
    """True when a value of this kind tells which event a passage speaks of (a date): a
    passage that binds one the claim does not state speaks of another event, and cannot
    contradict the claim. Amounts and percentages are properties of an event: False."""

    def parse(self, text: str, *, lang: str, options: Mapping[str, object]) -> object:
        """Read the expected value an analyst wrote in a claim.

        :param text: the value as written (``"1 milliard de dollars"``).
        :param lang: the claim's language.
        :param options: the mapping form's other keys (already checked against :attr:`options`).
        :returns: a normalised value, passed back to :meth:`compare` as ``expected.value``.
        :raises ValueError: with a message saying what is wrong and what to write instead.
        """
        raise NotImplementedError

    def extract(self, text: str, *, lang: str | None,
                ref_date: "PartialDate | None") -> Iterable["Mention"]:
        """Find every mention of this kind in ``text``.

        :param text: any text (a whole article); spans are offsets into it.
        :param lang: ``"fr"``, ``"en"`` or None when unknown (then read both).
        :param ref_date: the publication date relative expressions resolve against, or None
            (then they stay unresolved: never guess).
        :returns: mentions in text order. Must run in time linear in ``len(text)``.
        """
        raise NotImplementedError

    def compare(self, expected: "Expected", mention: "Mention") -> Agreement:
        """Say whether ``mention`` states the value of ``expected``.

        :param expected: a facet whose ``value`` came from :meth:`parse`, with its options.
        :param mention: a mention this matcher extracted.
        """
        raise NotImplementedError

    def with_sign(self, value: object, sign: int) -> object:
        """The value as a signed change: its magnitude with the sign ``sign`` (+1 or -1).

        The engine calls it when a passage gives a change with a direction word ("fell 9%",
        "en recul de 9 %") and the claim's change has a direction, so that "fell 9%" and
        "-9 %" agree. The default returns ``value`` unchanged (kinds that have no sign).

        :param value: a value from :meth:`parse` or a mention's ``value``.
        :param sign: +1 or -1.
        """
        return value


__all__ = ["Agreement", "Matcher"]
