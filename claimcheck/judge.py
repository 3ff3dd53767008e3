"""Stage 4 of 4: frame → passage → document → corpus verdicts. The only place verdict rules live.

1. A frame *supports* when every ``expect`` facet has a bound value that matches.
2. A frame *contradicts* when some facet's bound value mismatches, it binds no value of an
   event-marking kind (a date: ``Matcher.marks_event``) that the claim does not name (that
   describes another event), its date is not strictly inside the claim's (a quarter of the
   claim's year gives that quarter's figure: ``sub-period``), and, for a claim of two or
   more facets, at least one other facet matches.
3. A passage supports when one of its frames does, else contradicts when one does, else
   is silent. Hedged passages (reported, rumoured, conditional) count unless
   ``hedged = "ignore"``, but only where no asserted passage decides (``hedged-weaker``):
   a rumoured figure does not outweigh a stated one.
4. ``document-states-claim``: a document supports when one of its passages does, else
   contradicts when one does. An article that states every value of the claim bound to its
   cue supports it whatever other figures it gives: articles seldom contradict themselves,
   and a mismatch beside the stated figure is most often another scope's (a division, a
   base, a neighbouring measure) that the rules above did not rule out.
5. Over the corpus, by the ``conflict`` policy: ``contradicted`` (default) — contradicted
   when any document contradicts, else supported when any supports, else absent;
   ``supported`` — supported when any document supports, else contradicted when any
   contradicts; ``majority`` — whichever side has more documents, a tie is contradicted.
"""
from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

from .errors import PluginError
from .evidence import Frame, Reading
from .matchers import Agreement, Matcher
from .model import Claim, Evidence, Expected, Verdict
from .roles import Role, RoleReading

if TYPE_CHECKING:
    from .query import ClaimQuery


def judge_frame(claim: Claim, frame: Frame, matchers: Mapping[str, Matcher],
                query: "ClaimQuery | None" = None) -> tuple[Verdict | None, str]:
    """The frame's verdict (None when silent) and the rule that gave it.

    :param query: the claim as read: its facets with the sentence's qualifiers, the role
        of each value (a change is compared with its direction, "fell 9%" is -9 %, when
        both sides state one) and the dates its sentence states.
    """
    facets = query.expect if query is not None else claim.expect
    roles = query.roles if query is not None else {}
    agreements = {facet.kind: _compare(matchers, _signed(matchers, facet, frame, roles), frame)
                  for facet in facets}
    wider = [f.kind for f in facets if f.kind in frame.bound and f.kind not in frame.inherited
             and getattr(frame.bound[f.kind].value, "granularity", None) != "range"
             and _narrower(frame.bound[f.kind].value, f.value)]
    if wider:
        return None, f"its {wider[0]} spans the claim's period and more: a figure for the whole"
    if agreements and all(a is Agreement.MATCH for a in agreements.values()):
        return Verdict.SUPPORTED, "every expected value matches a value bound to the cue"
    mismatched = [k for k, a in agreements.items() if a is Agreement.MISMATCH]
    if not mismatched:
        return None, "no bound value contradicts the claim"
    return _contradiction(facets, frame, matchers, agreements, mismatched, query)


def _contradiction(facets, frame: Frame, matchers: Mapping[str, Matcher], agreements,
                   mismatched: list[str], query) -> tuple[Verdict | None, str]:
    """The rules that keep a mismatch from contradicting (judge rule 2)."""
    if set(mismatched) & frame.inherited:
        return None, f"the {sorted(set(mismatched) & frame.inherited)[0]} from its context differs: another period"
    for facet in facets:
        if facet.kind in mismatched and facet.kind in frame.bound and _day_and_period(facet.value, frame.bound[facet.kind].value):
            return None, f"a day and a period are not one {facet.kind}: when it was said, and what it covers"
    extra = [k for k in sorted(set(frame.bound) - set(agreements))
             if getattr(matchers.get(k), "marks_event", False)
             and not _stated_in_sentence(frame.bound[k], query, matchers)]
    if extra:
        return None, f"it also states a {extra[0]} the claim does not: another event"
    for facet in facets:
        if facet.kind in frame.bound and _narrower(facet.value, frame.bound[facet.kind].value):
            return None, f"its {facet.kind} is a part of the claim's period: a figure for that part only"
        if facet.kind in frame.bound and _narrower(frame.bound[facet.kind].value, facet.value):
            return None, f"its {facet.kind} spans the claim's period and more: a figure for the whole"
    if len(agreements) > 1 and Agreement.MATCH not in agreements.values():
        return None, "no expected value matches: another event"
    return Verdict.CONTRADICTED, f"the {mismatched[0]} bound to the cue differs"


def _stated_in_sentence(mention, query, matchers: Mapping[str, Matcher]) -> bool:
    """``same-event``: a date the claim's ``expect`` leaves out but its sentence states ("…
    in its fiscal second quarter") does not make the passage another event when the two
    agree, or when the sentence's cannot be placed in time."""
    matcher = matchers.get(mention.kind)
    for said in (query.dates if query is not None else ()):
        if said.kind != mention.kind:
            continue
        facet = Expected(kind=said.kind, text=said.text, value=said.value)
        try:
            if matcher.compare(facet, mention) is not Agreement.MISMATCH:
                return True
        except Exception:  # an unresolved date ("fiscal Q2") the matcher cannot compare
            return True
    return False


def _signed(matchers: Mapping[str, Matcher], facet: Expected, frame: Frame,
            roles: Mapping[str, RoleReading]) -> Expected:
    """``change-direction``: when the claim's change and the passage's change both have a
    direction, compare signed values; otherwise compare magnitudes ("a progressé de 8 %"
    against "8 %"). The frame's mention is signed in :func:`_agreement`."""
    want, got = roles.get(facet.kind), frame.roles.get(facet.kind)
    matcher = matchers.get(facet.kind)
    if matcher is None or got is None or got.role is not Role.CHANGE:
        return facet
    if want is not None and want.direction and got.direction:
        sign = want.direction
    else:  # magnitudes: the facet takes the sign the passage's change is given in _compare
        sign = got.direction or 1
    return dataclasses.replace(facet, value=matcher.with_sign(facet.value, sign))


def _day_and_period(a, b) -> bool:
    """``day-and-period``: one date is a single day ("le 26 mars 2024"), the other a period
    of a quarter or more ("en 2023", "au troisième trimestre"): a report's day and the
    period its figures cover. They differ without contradicting each other."""
    spans = [(getattr(v, "start", None), getattr(v, "end", None)) for v in (a, b)]
    if any(None in span for span in spans):
        return False
    lengths = sorted((end - start).days for start, end in spans)
    return lengths[0] == 0 and lengths[1] >= 80


def _narrower(outer, inner) -> bool:
    """Is the interval ``inner`` strictly inside ``outer``? (``sub-period``: a quarter's
    figure neither contradicts the year's nor, the other way round, the year's the
    quarter's.)"""
    spans = [getattr(v, "start", None) for v in (outer, inner)] + [getattr(v, "end", None) for v in (outer, inner)]
    if None in spans:
        return False
    return outer.start <= inner.start and inner.end <= outer.end and (inner.start, inner.end) != (outer.start, outer.end)


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
    verdicts = [(judge_frame(claim, frame, matchers, reading.query), frame) for frame in reading.frames]
    for wanted in (Verdict.SUPPORTED, Verdict.CONTRADICTED):
        for (verdict, why), frame in verdicts:
            if verdict is wanted:
                found = tuple(frame.bound[f.kind] for f in claim.expect if f.kind in frame.bound)
                return Evidence(passage=reading.passage, verdict=verdict, found=found,
                                hedged=reading.hedged, why=why)
    return None


def judge_document(evidence: Sequence[Evidence]) -> Verdict:
    """Supported beats contradicted beats absent, within one document (``document-states-claim``)."""
    verdicts = {item.verdict for item in evidence}
    for verdict in (Verdict.SUPPORTED, Verdict.CONTRADICTED):
        if verdict in verdicts:
            return verdict
    return Verdict.ABSENT


def judge_corpus(evidence: Iterable[Evidence], conflict: str = "contradicted") -> Verdict:
    """The claim's verdict over every document, by the ``conflict`` policy: on the asserted
    evidence first, and on all of it only when the asserted evidence says nothing
    (``hedged-weaker``)."""
    evidence = list(evidence)
    asserted = _by_conflict([item for item in evidence if not item.hedged], conflict)
    return asserted if asserted is not Verdict.ABSENT else _by_conflict(evidence, conflict)


def _by_conflict(evidence: Iterable[Evidence], conflict: str) -> Verdict:
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
