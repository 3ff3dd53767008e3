"""Whether a result passes: its verdict against the verdict its claim expects.

A claim expects ``supported`` unless it declares ``verdict:`` (as pytest's
``xfail(strict=True)``: a claim written to be contradicted passes when it is contradicted
and fails when it is anything else). ``absent`` passes an undeclared claim unless
``--strict``; a declared verdict is exact, so ``--strict`` does not change it. ``error``
never passes. Every front end and report asks this module, so they cannot disagree; it
compares verdicts and never gives one.
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import Result, Verdict

EXPECTABLE = (Verdict.SUPPORTED, Verdict.CONTRADICTED, Verdict.ABSENT)
"""The verdicts ``verdict:`` may name (an error is never expected)."""
LETTERS = {Verdict.SUPPORTED: ".", Verdict.CONTRADICTED: "C", Verdict.ABSENT: "a", Verdict.ERROR: "E"}
EXPECTED_CONTRADICTION = "c"
"""Progress letter of a claim contradicted as declared: lower case, as ``a``, since it passes."""
UNEXPECTED = "F"
"""Progress letter of a claim whose declared verdict was not given."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """A result judged against its claim's expectation."""

    passed: bool
    expected: Verdict | None
    """The declared verdict, or None when the claim declares none."""
    unexpected: bool
    """A declared verdict that was not given (the claim fails for that reason)."""
    letter: str

    @property
    def failed(self) -> bool:
        return not self.passed


def outcome(result: Result, strict: bool = False) -> Outcome:
    """Does ``result`` pass, and how do reports show it."""
    verdict, expected = result.verdict, result.claim.expected
    if verdict is Verdict.ERROR:
        return Outcome(False, expected, False, LETTERS[verdict])
    if expected is None or expected is Verdict.SUPPORTED:
        passed = verdict is Verdict.SUPPORTED or (verdict is Verdict.ABSENT and not strict)
        # "verdict: supported" says what the default says: absent still depends on --strict,
        # and the letters stay the classic ones.
        return Outcome(passed, expected, False, LETTERS[verdict])
    if verdict is expected:
        letter = EXPECTED_CONTRADICTION if verdict is Verdict.CONTRADICTED else LETTERS[verdict]
        return Outcome(True, expected, False, letter)
    return Outcome(False, expected, True, UNEXPECTED)


def failed(result: Result, strict: bool = False) -> bool:
    """Does this result fail the run?"""
    return outcome(result, strict).failed


def mismatch(result: Result) -> str:
    """``expected contradicted, got supported`` for a result whose declared verdict was not
    given; "" otherwise."""
    expected = result.claim.expected
    if expected is None or expected is result.verdict or expected is Verdict.SUPPORTED:
        return ""
    return f"expected {expected.value}, got {result.verdict.value}"
