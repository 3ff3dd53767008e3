"""``claimcheck explain CLAIM_FILE::ID``: how one claim was judged, passage by passage.

Shows, per document, each relevant passage with the values bound to the cue in each frame,
each frame's verdict and the rule behind it, then the near misses an analyst can act on: a
passage naming the entities without a cue, a passage with a cue but not every entity, a
value of an expected kind that sits in the passage without being bound to the cue.
"""
from __future__ import annotations

from typing import Iterable, Sequence

from .check import check
from .claims import collect
from .errors import ExitCode, UsageError
from .evidence import Reading, readings
from .query import ClaimQuery
from .index import Index
from .judge import judge_frame
from .matchers import Matcher
from .model import Claim, Document
from .reporters.terminal import short_quote, window
from .session import Corpora

NEAR_MISSES_PER_DOCUMENT = 3


def main(argv: Sequence[str]) -> ExitCode:
    """Explain each claim named ``FILE::ID`` (options as for ``claimcheck``)."""
    from .cli import prepare
    targets = [a for a in argv if "::" in a]
    if not targets:
        raise UsageError("explain needs CLAIM_FILE::ID, e.g. claims/funding.yaml::msft-2019")
    options = [a for a in argv if "::" not in a]
    config, plugins, _ = prepare([t.split("::", 1)[0] for t in targets] + options)
    matchers = plugins.matchers(config)
    corpora = Corpora(config, plugins, matchers)
    claims = {(c.location.path.resolve(), c.id): c
              for c in collect(config.paths, config=config, matchers=matchers, lexicon=corpora.lexicon)}
    for target in targets:
        claim = _find(claims, target)
        print("\n".join(explain(claim, corpora.for_claim(claim), matchers, config.conflict, config.hedged)))
    return ExitCode.OK


def _find(claims: dict, target: str) -> Claim:
    from pathlib import Path
    path, _, claim_id = target.partition("::")
    claim = claims.get((Path(path).resolve(), claim_id))
    if claim is None:
        ids = ", ".join(sorted(i for p, i in claims if p == Path(path).resolve())) or "none"
        raise UsageError(f"no claim '{claim_id}' in {path} (its ids: {ids})")
    return claim


def explain(claim: Claim, index: Index, matchers: dict[str, Matcher], conflict: str = "contradicted",
            hedged: str = "count") -> list[str]:
    """The lines of an explanation."""
    result = next(check([claim], index, matchers, conflict=conflict, hedged=hedged))
    lines = [f"{claim.nodeid}  {result.verdict.value.upper()}", f"  claim: {claim.text}",
             f"  about: {', '.join(g[0] for g in claim.about) or '(none)'};  cues: {', '.join(claim.cues)};  "
             f"expect: {', '.join(f'{e.kind} {e.text}' for e in claim.expect)}"]
    if claim.inferred:
        lines.append(f"  read from the sentence: {', '.join(f'{i.field} ({i.rule})' for i in claim.inferred)}")
    found = list(readings(claim, index))
    for document in index.documents:
        mine = [r for r in found if r.passage.document is document]
        misses = list(near_misses(claim, index, document, mine))
        if mine or misses:
            lines.append(f"\n{document.source} (published {document.date or 'unknown'})")
            lines += [line for r in mine for line in _reading(claim, r, matchers)]
            lines += [f"  near miss: {m}" for m in misses[:NEAR_MISSES_PER_DOCUMENT]]
    if not found:
        lines.append("\nNo relevant passage: no sentence names every entity together with a cue.")
    return lines


def _reading(claim: Claim, reading: Reading, matchers: dict[str, Matcher]) -> list[str]:
    passage = reading.passage
    marks = (" (hedged)" if reading.hedged else "") + (f" (about: {reading.about})" if reading.borrowed else "")
    lines = [f"  line {passage.line}{marks}: \"{short_quote(passage.text, 160)}\""]
    for frame in reading.frames:
        verdict, why = judge_frame(claim, frame, matchers, reading.query)
        bound = ", ".join(f"{k} {m.text!r} = {m.value} [{_role(frame, k)}]" for k, m in frame.bound.items()) \
            or "no value"
        text = short_quote(window(passage.document.text, frame.start, frame.end,
                                  [m for m in frame.bound.values()]), 100)
        lines.append(f"    frame \"{text}\": {bound} → {(verdict.value if verdict else 'silent')} ({why})")
    return lines


def _role(frame, kind: str) -> str:
    """The rule that gave a bound value its role, or where an inherited one came from."""
    if kind in frame.inherited:
        return "period from its context"
    role = frame.roles.get(kind)
    if role is None:
        return "role-level"
    sign = {1: " +", -1: " -"}.get(role.direction, "")
    return f"{role.rule}{sign}"


def near_misses(claim: Claim, index: Index, document: Document, relevant: Sequence[Reading]) -> Iterable[str]:
    """What almost decided the claim, most actionable first: values in a relevant passage
    not bound to the cue, passages with a cue missing an entity, passages naming every
    entity and holding an expected kind of value but no cue."""
    kinds = sorted({e.kind for e in claim.expect})
    for reading in relevant:
        bound = {(m.kind, m.start) for f in reading.frames for m in f.bound.values()}
        for kind in kinds:
            for mention in index.mentions(reading.sentence).get(kind, []):
                if (kind, mention.start) not in bound:
                    yield (f"line {reading.passage.line}: {kind} {mention.text!r} is in the passage but "
                           "not bound to the cue (another clause or another relation)")
    query = ClaimQuery(claim, index)
    cue_ids = set().union(*(index.with_cue(c) for c in query.cues)) if query.cues else set()
    groups = [set().union(*(index.with_all(w) for w in g)) for g in query.entities]
    done = {r.sentence for r in relevant}
    candidates = [sid for sid in sorted(cue_ids.union(*groups) - done)
                  if index.passage(sid).document is document]
    for sid in candidates:
        named = [g for g, ids in zip(claim.about, groups) if sid in ids]
        if sid in cue_ids and named and len(named) < len(groups):
            missing = [g[0] for g in claim.about if g not in named]
            yield f"line {index.passage(sid).line} has a cue but does not name {', '.join(missing)}"
    for sid in candidates:
        passage = index.passage(sid)
        named = [g for g, ids in zip(claim.about, groups) if sid in ids]
        values = [m for k in kinds for m in index.mentions(sid).get(k, [])]
        if groups and len(named) == len(groups) and sid not in cue_ids and values:
            yield (f"line {passage.line} names {', '.join(g[0] for g in named)} and {values[0].text!r} "
                   f"but no cue ({', '.join(claim.cues)}): \"{short_quote(passage.text, 90)}\"")
