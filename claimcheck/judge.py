"""Stage 4 of 4: frame → passage → document → corpus verdicts. The only place verdict rules live.

1. A frame *supports* when every ``expect`` facet has a bound value that matches.
2. A frame *contradicts* when some facet's bound value mismatches, it binds no value of an
   event-marking kind (a date: ``Matcher.marks_event``) that the claim does not name (that
   describes another event), its date is not strictly inside the claim's (a quarter of the
   claim's year gives that quarter's figure: ``sub-period``), and, for a claim of two or
   more facets, at least one other facet matches.
3. A passage supports when one of its frames does, else contradicts when one does, else
   is silent. Hedged passages (reported, rumoured, conditional) count unless
   ``hedged = "ignore"``.
4. A document contradicts when one of its passages does, else supports when one does.
5. Over the corpus, by the ``conflict`` policy: ``contradicted`` (default) — contradicted
   when any document contradicts, else supported when any supports, else absent;
   ``supported`` — supported when any document supports, else contradicted when any
   contradicts; ``majority`` — whichever side has more documents, a tie is contradicted.
"""
from __future__ import annotations

import dataclasses
from typing import Iterable, Mapping, Sequence

from .errors import PluginError
from .evidence import Frame, Reading
from .matchers import Agreement, Matcher
from .model import Claim, Evidence, Expected, Verdict
from .roles import Role, RoleReading


def judge_frame(claim: Claim, frame: Frame, matchers: Mapping[str, Matcher],
                roles: Mapping[str, RoleReading] | None = None) -> tuple[Verdict | None, str]:
    """The frame's verdict (None when silent) and the rule that gave it.

    :param roles: the role of each expected value in the claim sentence: a change is
        compared with its direction ("fell 9%" is -9 %) when both sides state one.
    """
    agreements = {facet.kind: _compare(matchers, _signed(matchers, facet, frame, roles or {}), frame)
                  for facet in claim.expect}
    if agreements and all(a is Agreement.MATCH for a in agreements.values()):
        return Verdict.SUPPORTED, "every expected value matches a value bound to the cue"
    mismatched = [k for k, a in agreements.items() if a is Agreement.MISMATCH]
    if not mismatched:
        return None, "no bound value contradicts the claim"
    if set(mismatched) & frame.inherited:
        return None, f"the {sorted(set(mismatched) & frame.inherited)[0]} from its context differs: another period"
    extra = [k for k in sorted(set(frame.bound) - set(agreements))
             if getattr(matchers.get(k), "marks_event", False)]
    if extra:
        return None, f"it also states a {extra[0]} the claim does not: another event"
    narrower = [f.kind for f in claim.expect if f.kind in frame.bound and _narrower(f, frame.bound[f.kind])]
    if narrower:
        return None, f"its {narrower[0]} is a part of the claim's period: a figure for that part only"
    if len(agreements) > 1 and Agreement.MATCH not in agreements.values():
        return None, "no expected value matches: another event"
    return Verdict.CONTRADICTED, f"the {mismatched[0]} bound to the cue differs"


def _signed(matchers: Mapping[str, Matcher], facet: Expected, frame: Frame,
            roles: Mapping[str, RoleReading]) -> Expected:
    """``change-direction``: when the claim's change and the passage's change both have a
    direction, compare signed values; otherwise compare magnitudes ("a progressé de 8 %"
    against "8 %"). The frame's mention is signed in :func:`_agreement`."""
    want, got = roles.get(facet.kind), frame.roles.get(facet.kind)
    matcher = matchers.get(facet.kind)
    if matcher is None or got is None or got.role is not Role.CHANGE:
        return facet
    sign = want.direction if want is not None and want.direction and got.direction else 1
    return dataclasses.replace(facet, value=matcher.with_sign(facet.value, sign))


def _narrower(facet, mention) -> bool:
    """``sub-period``: a passage's date strictly inside the claim's (a quarter of the claim's
    year) gives that part's figure: it may support an event dated within the period, but it
    cannot contradict the period's figure."""
    want, got = facet.value, mention.value
    spans = [getattr(v, "start", None) for v in (want, got)] + [getattr(v, "end", None) for v in (want, got)]
    if any(not hasattr(v, "start") or not hasattr(v, "end") for v in (want, got)) or None in spans:
        return False
    return want.start <= got.start and got.end <= want.end and (got.start, got.end) != (want.start, want.end)


def _compare(matchers: Mapping[str, Matcher], facet, frame: Frame) -> Agreement | None:
    """The facet's agreement with its bound value, or with a bracketed restatement of it
    ("385 millions d'euros (415 millions de dollars)") when that one matches."""
    mention = frame.bound.get(facet.kind)
    if mention is None:
        return None
    role = frame.roles.get(facet.kind)
    if role is not None and role.role is Role.CHANGE and facet.kind in matchers:
        mention = dataclasses.replace(mention, value=matchers[facet.kind].with_sign(mention.value, role.direction or 1))
    agreement = _agreement(matchers, facet, mention)
    for restated in frame.restated.get(facet.kind, ()):
        if agreement is not Agreement.MATCH:
            agreement = max(agreement, _agreement(matchers, facet, restated), key=_STRENGTH.index)
    return agreement


# A restatement can only turn a comparison towards a match, never towards a contradiction.
_STRENGTH = [Agreement.MISMATCH, Agreement.UNDECIDED, Agreement.MATCH]


def _agreement(matchers: Mapping[str, Matcher], facet, mention) -> Agreement:
    try:
        agreement = matchers[facet.kind].compare(facet, mention)
    except Exception as err:
        raise PluginError(f"matcher '{facet.kind}' raised {type(err).__name__}: {err}",
                          plugin=facet.kind) from None
    if not isinstance(agreement, Agreement):
        raise PluginError(f"matcher '{facet.kind}'.compare returned {agreement!r}, not an Agreement",
                          plugin=facet.kind)
    return agreement


def judge_passage(claim: Claim, reading: Reading, matchers: Mapping[str, Matcher]) -> Evidence | None:
    """The passage's evidence, or None when it is silent on the claim."""
    verdicts = [(judge_frame(claim, frame, matchers, reading.claim_roles), frame) for frame in reading.frames]
    for wanted in (Verdict.SUPPORTED, Verdict.CONTRADICTED):
        for (verdict, why), frame in verdicts:
            if verdict is wanted:
                found = tuple(frame.bound[f.kind] for f in claim.expect if f.kind in frame.bound)
                return Evidence(passage=reading.passage, verdict=verdict, found=found,
                                hedged=reading.hedged, why=why)
    return None


def judge_document(evidence: Sequence[Evidence]) -> Verdict:
    """Contradicted beats supported beats absent, within one document."""
    verdicts = {item.verdict for item in evidence}
    for verdict in (Verdict.CONTRADICTED, Verdict.SUPPORTED):
        if verdict in verdicts:
            return verdict
    return Verdict.ABSENT


def judge_corpus(evidence: Iterable[Evidence], conflict: str = "contradicted") -> Verdict:
    """The claim's verdict over every document, by the ``conflict`` policy."""
    by_document: dict[str, list[Evidence]] = {}
    for item in evidence:
        by_document.setdefault(item.passage.document.source, []).append(item)
    verdicts = [judge_document(items) for items in by_document.values()]
    supported, contradicted = verdicts.count(Verdict.SUPPORTED), verdicts.count(Verdict.CONTRADICTED)
    if not supported and not contradicted:
        return Verdict.ABSENT
    if conflict == "supported":
        return Verdict.SUPPORTED if supported else Verdict.CONTRADICTED
    if conflict == "majority":
        return Verdict.SUPPORTED if supported > contradicted else Verdict.CONTRADICTED
    return Verdict.CONTRADICTED if contradicted else Verdict.SUPPORTED
