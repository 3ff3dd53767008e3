"""``change-derived``: the change a passage implies by giving a level and its base.

Wire copy often gives the two figures and no percentage ("pretax profit climbed to 4.2 billion
pounds, from 3.5 billion", "2,46 MdE (2 MdE en 2022)"), while the claim states
the change ("rose 20 %"). The change is then the level over the base. It is taken only where it
agrees with the claim's: it may support the claim, never contradict it (the two figures are
rounded, so their ratio is not exact), nor hide another value's disagreement.
"""
from __future__ import annotations

import dataclasses
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Mapping, Sequence

import regex

from .matchers import Agreement
from .model import Expected, Mention
from .roles import Role, RoleReading, role_of

if TYPE_CHECKING:
    from .evidence import Frame
    from .matchers import Matcher
    from .query import ClaimQuery

KINDS = ("amount", "count")
"""The kinds whose level and base give a change in percent."""
REACH = 80
"""Most characters between a level and its base ("to $27.7 billion, or $3.72 a share, from …")."""


def with_derived_change(frames: Sequence["Frame"], query: "ClaimQuery", values: Sequence[Mention], text: str,
                        matchers: Mapping[str, "Matcher"]) -> list["Frame"]:
    """Each frame that binds a level and no percentage, for a claim on a change in percent,
    gains the change its level's base implies (marked inherited: support only)."""
    want = query.roles.get("percentage")
    matcher = matchers.get("percentage")
    if matcher is None or want is None or want.role is not Role.CHANGE \
            or not any(f.kind == "percentage" for f in query.claim.expect):
        return list(frames)
    facet = next(f for f in query.expect if f.kind == "percentage")
    return [_derive(frame, values, text, matcher, facet, want.direction) for frame in frames]


def _derive(frame: "Frame", values: Sequence[Mention], text: str, matcher: "Matcher", facet: "Expected",
            direction: int | None) -> "Frame":
    if "percentage" in frame.bound:
        return frame
    for kind in KINDS:
        level = frame.bound.get(kind)
        if level is None or (frame.roles.get(kind) and frame.roles[kind].role is not Role.LEVEL):
            continue
        base = _base_of(level, values, text)
        change = _ratio(level, base) if base is not None else None
        if change is None:
            continue
        # at the claim's precision ("20 %" against 20.47 %), and only as support: a ratio of two
        # rounded figures must not stand in for a stated change
        shown = abs(change).quantize(_precision(facet.text))
        try:
            value = matcher.parse(f"{shown}%", lang="en", options={})
        except ValueError:
            return frame
        derived = Mention(kind="percentage", start=level.start, end=level.end,
                          text=f"{level.text} against {base.text}: {change:+}%", value=value)
        if (direction and direction != (1 if change >= 0 else -1)) or matcher.compare(facet, derived) is not Agreement.MATCH:
            return frame
        reading = RoleReading(Role.CHANGE, 1 if change >= 0 else -1, "change-derived")
        return dataclasses.replace(frame, bound={**frame.bound, "percentage": derived},
                                   roles={**frame.roles, "percentage": reading},
                                   inherited=frame.inherited | {"percentage"})
    return frame


def _base_of(level: Mention, values: Sequence[Mention], text: str) -> Mention | None:
    """The nearest base of the level's kind, with nothing of that kind but the level between."""
    same = [m for m in values if m.kind == level.kind and m.start != level.start]
    after = [m for m in same if level.end <= m.start <= level.end + REACH]
    before = [m for m in same if level.start - REACH <= m.end <= level.start]
    for candidate in (after[:1] + before[-1:]):
        if role_of(text, candidate).role is Role.BASE:
            return candidate
    return None


def _precision(written: str) -> Decimal:
    """The unit of the last digit of a claim's figure: "20 %" → 1, "+14,9 %" → 0.1."""
    found = _DECIMALS.search(written)
    return Decimal(1).scaleb(-len(found.group(1))) if found else Decimal(1)


_DECIMALS = regex.compile(r"\d[.,](\d+)")


def _ratio(level: Mention, base: Mention) -> Decimal | None:
    """The change from ``base`` to ``level`` in percent, rounded to a hundredth, or None when
    they are not two exact figures of one currency (of one noun, for counts)."""
    a, b = level.value, base.value
    if getattr(a, "qualifier", "exact") != "exact" or getattr(b, "qualifier", "exact") != "exact":
        return None
    if any(getattr(a, key, None) != getattr(b, key, None) for key in ("currency", "noun")):
        return None
    low, high = getattr(a, "low", None), getattr(b, "low", None)
    if low is None or high is None or high <= 0 or low < 0:
        return None
    try:
        return ((Decimal(low) / Decimal(high) - 1) * 100).quantize(Decimal("0.01"))
    except (InvalidOperation, ArithmeticError):
        return None
