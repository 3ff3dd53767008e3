"""The pipeline as one function: claims + corpus index + matchers → one Result per claim."""
from __future__ import annotations

import dataclasses
import time
from typing import Iterable, Iterator, Mapping, Sequence

from .errors import PluginError
from .evidence import Reading, readings
from .index import Index
from .judge import judge_corpus, judge_passage
from .matchers import Matcher
from .matcherset import MatcherSet
from .model import Claim, Result, Verdict
from .query import ClaimQuery


def check(claims: Iterable[Claim], index: Index, matchers: Mapping[str, Matcher], *,
          conflict: str = "contradicted", hedged: str = "count",
          queries: Mapping[str, ClaimQuery] | None = None,
          found: Mapping[str, Sequence[Reading]] | None = None) -> Iterator[Result]:
    """Judge each claim against the indexed corpus, in order, one Result at a time.

    A matcher that raises or returns garbage makes that claim's verdict ``error`` (naming
    the plugin), as does a claim its file could not give a value (``Claim.problem``); the
    other claims are still checked.

    :param queries: node id → the claim as already read against ``index``, if the run has it.
    :param found: node id → the claim's readings, when the caller has them already
        (``claimcheck explain`` shows them beside the verdict).
    """
    for claim in claims:
        if claim.problem:
            yield Result(claim=claim, verdict=Verdict.ERROR, error=claim.problem)
            continue
        started = time.perf_counter()
        try:
            passages = (found or {}).get(claim.nodeid)
            if passages is None:
                passages = readings(claim, index, (queries or {}).get(claim.nodeid))
            result = _check_one(claim, passages, matchers, conflict, hedged)
        except PluginError as err:
            result = Result(claim=claim, verdict=Verdict.ERROR, error=f"plugin {err.plugin}: {err.message}")
        problem = matchers.problem(claim) if isinstance(matchers, MatcherSet) else None
        if problem:
            result = dataclasses.replace(result, verdict=Verdict.ERROR, error=problem)
        yield dataclasses.replace(result, duration=time.perf_counter() - started)


def _check_one(claim: Claim, passages: Iterable[Reading], matchers: Mapping[str, Matcher],
               conflict: str, hedged: str) -> Result:
    evidence = []
    for reading in passages:
        if reading.hedged and hedged == "ignore":
            continue
        item = judge_passage(claim, reading, matchers)
        if item is not None:
            evidence.append(item)
    return Result(claim=claim, verdict=judge_corpus(evidence, conflict), evidence=tuple(evidence))
