"""The values a passage offers a claim's frames: each kind's mentions in the role the claim
gives that kind (a level for a level, a change for a change, a forecast for a forecast), on the
claim's basis, with each one's role read (:mod:`claimcheck.roles`).

Rules (named in ``claimcheck explain``): ``role-restated``, ``role-base-dated``, and the scope
rules it applies per value (``per-share``, ``aggregate``, ``measure-basis``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Mapping, Sequence

import regex

from . import scope
from .model import Mention
from .periods import STRETCH_ENDS
from .roles import Role, RoleReading, role_of

if TYPE_CHECKING:
    from .query import ClaimQuery


def by_role(mentions: Mapping[str, list[Mention]], query: "ClaimQuery", text: str,
                cues: list[tuple[int, int]], span: tuple[int, int]) -> tuple[dict[str, list[Mention]], dict[int, RoleReading]]:
    """The mentions that may bind, by kind: those in the role the claim gives that kind (a
    level for a level, a change for a change), never a base unless it has its own date and
    the claim states one, never a period label for a claim dated to the day, and sums on the
    claim's share basis; with each one's role."""
    wanted = query.roles
    dated = any(f.kind == "date" for f in query.claim.expect)
    day = any(f.kind == "date" and getattr(f.value, "start", 1) == getattr(f.value, "end", 2)
              for f in query.claim.expect)
    facets = {f.kind: f.value for f in query.expect}
    kept, roles = {}, {}
    everything = sorted((m for found in mentions.values() for m in found), key=lambda m: m.start)
    for kind, found in mentions.items():
        want = wanted.get(kind)
        kept[kind] = []
        for mention in found:
            if scope.share_basis_differs(mention, query.per_share.get(kind), text, cues, facets.get(kind)) \
                    or scope.aggregate_differs(mention, text, query.claim.text) \
                    or (kind != "date" and scope.basis_differs(mention, text, span, everything, query.basis(kind))):
                continue
            read = _restated_role(mention, everything, text, cues) or role_of(text, mention, cues)
            if read.rule == "role-period-label" and day:
                continue
            if read.role is Role.BASE and dated and _dated(mention, mentions, text, query):
                read = RoleReading(Role.LEVEL, None, "role-base-dated")
            if read.rule == "role-forecast" and query.on_forecast and (want is None or want.role is Role.LEVEL):
                read = RoleReading(Role.LEVEL, None, "role-forecast")
            if read.role in (Role.BASE, Role.EXPECTED) and (want is None or want.role is not read.role):
                continue
            # A claim about a forecast is decided by the forecast, however the passage words it.
            expected_level = want is not None and want.role is Role.EXPECTED and read.role is Role.LEVEL
            either = want is not None and (
                (read.rule == "role-cue-names-change" and want.role is Role.LEVEL)
                or (want.rule == "role-cue-names-change" and read.role is Role.LEVEL))
            if want is not None and read.role is not want.role and not expected_level and not either:
                continue
            kept[kind].append(mention)
            roles[mention.start] = read
    return kept, roles


RESTATES = regex.compile(r"\s*,?\s*(?:or|soit|ou)\s+(?:about\s+|environ\s+|près\s+de\s+)?$", regex.IGNORECASE)
# "18% in yen and 23% at constant exchange rates": a coordinated value of the same kind,
# a few words on, is of the same role.
COORDINATED = regex.compile(r"[^,;.\d]{0,40}?\b(?:and|et)\s+(?:by\s+|de\s+)?$", regex.IGNORECASE)


def _restated_role(mention: Mention, everything: Sequence[Mention], text: str,
                   cues: Sequence[tuple[int, int]]) -> RoleReading | None:
    """``role-restated``: the role of the value this one restates (", or 0.2 percent") or is
    coordinated with ("18% in yen and 23% at constant exchange rates")."""
    before = [m for m in everything if m.end <= mention.start and m.kind != "date"]
    if not before or not (RESTATES.fullmatch(text, before[-1].end, mention.start) or (
            before[-1].kind == mention.kind and COORDINATED.fullmatch(text, before[-1].end, mention.start))):
        return None
    read = role_of(text, before[-1], cues)
    return RoleReading(read.role, read.direction, "role-restated") if read.role is Role.CHANGE else None


def _dated(mention: Mention, mentions: Mapping[str, list[Mention]], text: str, query: "ClaimQuery") -> bool:
    """``role-base-dated``: a base with its own date ("après 2,9 % en octobre", "vs 12,6 % en
    2022") is the level of that other period, and may decide a claim about it, and only about
    it: for a claim on another period it stays the base ("8,3 milliards contre 8 milliards en
    2022" says nothing of 2023 through its 8)."""
    claimed = [f.value for f in query.claim.expect if f.kind == "date"]
    return any(mention.end <= d.start and not STRETCH_ENDS.search(text, mention.end, d.start)
               and d.start - mention.end <= 12 and all(_may_overlap(d.value, c) for c in claimed)
               for d in mentions.get("date", ()))


def _may_overlap(found: object, claimed: object) -> bool:
    """Do two dates share a day, or is either unresolved?"""
    a, b = (getattr(found, "start", None), getattr(found, "end", None)), (getattr(claimed, "start", None),
                                                                          getattr(claimed, "end", None))
    return None in a or None in b or not (a[1] < b[0] or b[1] < a[0])
