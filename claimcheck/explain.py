"""``claimcheck explain CLAIM_FILE::ID``: how one claim was judged, passage by passage.

Shows each relevant passage with the values bound to the cue in each frame, each frame's
verdict and the rule behind it, then the near misses an analyst can act on: a value of an
expected kind that sits in a relevant passage without being bound to the cue, a passage
with a cue but not every entity, a passage with the cue and the entities that does not name
the part of the business the claim is on (``claim-part``) or that opens on a part when the
claim is on the whole (``part-subject``), a passage naming the entities without a cue.

It runs as a check of that claim does (the same index, document cache and worker
processes) and looks only at the claim's candidate passages and the sentences that name
its entities, never at every document. Its output is bounded: the :data:`PASSAGES`
passages that weigh most (those agreeing with the verdict first, so the deciding one is
always shown) and the :data:`NEAR_MISSES` most actionable near misses; ``--all`` shows
every one.
"""
from __future__ import annotations

import itertools
from typing import Iterator, Sequence

from .check import check
from .claims import collect
from .errors import ExitCode, UsageError
from .evidence import Reading, readings
from .index import Index
from .judge import judge_frame
from .matchers import Matcher
from .matcherset import MatcherSet
from .model import Claim, Result
from . import scope
from .query import ClaimQuery
from .reporters.terminal import short_quote, window
from .words import words_of

PASSAGES = 5
"""Passages shown per claim without ``--all``."""
NEAR_MISSES = 5
"""Near misses shown per claim without ``--all``."""

USAGE = f"""\
usage: claimcheck explain CLAIM_FILE::ID [CLAIM_FILE::ID ...] [--all] [options of claimcheck]

Show how each claim was judged: its relevant passages (the values bound to the cue in each
frame, each frame's verdict and the rule behind it) and its near misses.

options:
  --all       every passage and near miss (default: per claim, the {PASSAGES} passages that
              weigh most, those agreeing with the verdict first, and the {NEAR_MISSES} most
              actionable near misses)
  -h, --help  show this message and exit

The options of 'claimcheck' apply too (--sources, -n, --no-cache, --conflict, --hedged, ...:
see claimcheck --help)."""


def main(argv: Sequence[str]) -> ExitCode:
    """Explain each claim named ``FILE::ID`` (options as for ``claimcheck``, and ``--all``)."""
    from .cli import prepare
    from .session import Corpora, by_node_ids, split_node_ids
    if "-h" in argv or "--help" in argv:
        print(USAGE)
        return ExitCode.OK
    targets = [a for a in argv if "::" in a]
    if not targets:
        raise UsageError("explain needs CLAIM_FILE::ID, e.g. claims/funding.yaml::msft-2019")
    everything = "--all" in argv
    config, plugins, _ = prepare(targets + [a for a in argv if "::" not in a and a != "--all"])
    matchers = MatcherSet.load(plugins, config)
    paths, wanted = split_node_ids(config.paths)
    corpora = Corpora(config, plugins, matchers)
    claims = by_node_ids(collect(paths, config=config, matchers=matchers, lexicon=corpora.lexicon), wanted)
    try:
        queries = corpora.prefetch(claims)
        for claim in claims:
            print("\n".join(explain(claim, corpora.for_claim(claim), matchers, config.conflict, config.hedged,
                                    query=queries[claim.nodeid], passages=None if everything else PASSAGES,
                                    near=None if everything else NEAR_MISSES)))
    finally:
        corpora.close()
    return ExitCode.OK


def explain(claim: Claim, index: Index, matchers: dict[str, Matcher], conflict: str = "contradicted",
            hedged: str = "count", *, query: ClaimQuery | None = None, passages: int | None = PASSAGES,
            near: int | None = NEAR_MISSES) -> list[str]:
    """The lines of an explanation.

    :param passages: how many passages to show (None: all), those that weigh most.
    :param near: how many near misses to show (None: all), most actionable first.
    """
    query = query if query is not None else ClaimQuery(claim, index)
    found = list(readings(claim, index, query))
    result = next(check([claim], index, matchers, conflict=conflict, hedged=hedged,
                        queries={claim.nodeid: query}, found={claim.nodeid: found}))
    lines = [f"{claim.nodeid}  {result.verdict.value.upper()}", f"  claim: {claim.text}",
             f"  about: {', '.join(g[0] for g in claim.about) or '(none)'};  cues: {', '.join(claim.cues)};  "
             f"expect: {', '.join(f'{e.kind} {e.text}' for e in claim.expect)}"]
    if claim.inferred:
        lines.append(f"  read from the sentence: {', '.join(f'{i.field} ({i.rule})' for i in claim.inferred)}")
    if result.error:
        lines.append(f"  error: {result.error}")
    shown = _weightiest(found, result)[:passages]
    # one more than shown, to say whether there are more
    misses = list(itertools.islice(near_misses(claim, index, query, found), None if near is None else near + 1))
    more_misses = near is not None and len(misses) > near
    misses = misses[:near]
    chosen = {r.sentence for r in shown}
    documents = list(dict.fromkeys([index.document_of(r.sentence) for r in shown]
                                   + [index.document_of(sid) for sid, _ in misses]))
    for number in documents:
        document = index.documents[number]
        lines.append(f"\n{document.source} (published {document.date or 'unknown'})")
        lines += [line for r in found if r.sentence in chosen and index.document_of(r.sentence) == number
                  for line in _reading(claim, r, matchers)]
        lines += [f"  near miss: {text}" for sid, text in misses if index.document_of(sid) == number]
    if not found:
        lines.append("\nNo relevant passage: no sentence names every entity together with a cue.")
    hidden = [f"{len(found) - len(shown)} more passage{'s' if len(found) - len(shown) > 1 else ''}"] \
        if len(shown) < len(found) else []
    hidden += ["more near misses"] if more_misses else []
    if hidden:
        lines.append(f"\n({' and '.join(hidden)} not shown: --all shows every one)")
    return lines


def _weightiest(found: Sequence[Reading], result: Result) -> list[Reading]:
    """The readings, those whose evidence agrees with the verdict first (the deciding ones),
    then those with other evidence, then the silent ones; each group in corpus order."""
    verdicts = {(e.passage.document.source, e.passage.start): e.verdict for e in result.evidence}

    def weight(reading: Reading) -> int:
        verdict = verdicts.get((reading.passage.document.source, reading.passage.start))
        return 0 if verdict is result.verdict else 1 if verdict is not None else 2
    return sorted(found, key=weight)


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
    role = frame.roles.get(kind)
    if kind in frame.inherited and (role is None or role.rule != "change-derived"):
        return "period from its context"
    if role is None:
        return "role-level"
    sign = {1: " +", -1: " -"}.get(role.direction, "")
    return f"{role.rule}{sign}"


def near_misses(claim: Claim, index: Index, query: ClaimQuery, relevant: Sequence[Reading]
                ) -> Iterator[tuple[int, str]]:
    """What almost decided the claim, most actionable first, as (sentence id, what): values
    in a relevant passage not bound to the cue, passages with a cue missing an entity,
    passages naming every entity and holding an expected kind of value but no cue. Lazy: a
    bounded explanation extracts no more documents than it shows."""
    kinds = sorted({e.kind for e in claim.expect})
    for reading in relevant:
        bound = {(m.kind, m.start) for f in reading.frames for m in f.bound.values()}
        for kind in kinds:
            for mention in index.mentions(reading.sentence).get(kind, []):
                if (kind, mention.start) not in bound:
                    yield reading.sentence, (f"line {reading.passage.line}: {kind} {mention.text!r} is in the "
                                             "passage but not bound to the cue (another clause or another relation)")
    # The other two sorts name an entity, so the entities' postings bound the search, never
    # a cue's: a common cue ("hausse", "up") is in a large share of the corpus.
    groups = [set().union(*(index.with_all(w) for w in g)) for g in query.entities]
    done = {r.sentence for r in relevant}
    named = sorted(set().union(*groups) - done)
    cue_ids = set().union(*(index.with_cue(c, within=named) for c in query.cues))
    for sid in named:
        have = [g for g, ids in zip(claim.about, groups) if sid in ids]
        if sid in cue_ids and len(have) < len(groups):
            missing = [g[0] for g in claim.about if g not in have]
            yield sid, f"line {index.passage(sid).line} has a cue but does not name {', '.join(missing)}"
    for sid in named:
        passage = index.passage(sid)
        if sid not in cue_ids or not all(sid in ids for ids in groups):
            continue
        rule = scope.set_aside(query, words_of(passage.document.text, passage.start, passage.end),
                               passage.document.lang or claim.lang)
        if rule == "claim-part":
            yield sid, (f"line {passage.line} has a cue but does not name the part the claim is on "
                        f"({', '.join(sorted(query.part))}): the whole group's figure or another part's (claim-part)")
        elif rule == "part-subject":
            yield sid, (f"line {passage.line} has a cue but opens on a part of the business: its figures are "
                        "that part's, not the whole's (part-subject)")
    for sid in named:
        if sid in cue_ids or not all(sid in ids for ids in groups):
            continue
        values = [m for k in kinds for m in index.mentions(sid).get(k, [])]
        if values:
            passage = index.passage(sid)
            yield sid, (f"line {passage.line} names {', '.join(g[0] for g in claim.about)} and {values[0].text!r} "
                        f"but no cue ({', '.join(claim.cues)}): \"{short_quote(passage.text, 90)}\"")
