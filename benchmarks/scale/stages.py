#!/usr/bin/env python3
"""Where the time goes, stage by stage, without a profiler's per-call overhead.

    python benchmarks/scale/stages.py OUT_DIR       # a folder make_corpus.py (or run.py --keep) wrote
    python benchmarks/scale/stages.py OUT_DIR --session [-n N]   # the run's own stages, cache on

Runs the pipeline of ``claimcheck OUT/claims --sources OUT/corpus`` in this process, as
claimcheck/session.py does, and prints the seconds spent in: start-up (plugins, options),
claim collection, corpus reading, sentence splitting, the word index (the rest of
``Index()``), each matcher's ``extract`` (run once per document a claim reaches), and the
remaining evidence/judging work. Splitting is timed by wrapping ``split_sentences`` as the
index calls it; extraction by wrapping each matcher. Peak RSS of this process is printed too.

``--session`` times the stages as ``claimcheck`` runs them instead (document cache in
``OUT_DIR/.claimcheck_cache``, ``-n`` worker processes): reading the corpus, the word index
(layouts from the cache or computed), the prefetch of reached documents' mentions, checking,
and storing. Run it twice for the cold and the warm figures (``--cache-clear`` first for cold).
"""
from __future__ import annotations

import resource
import sys
import time
from collections import Counter
from pathlib import Path

from claimcheck import facts as facts_module
from claimcheck.check import check
from claimcheck.claims import collect
from claimcheck.cli import prepare
from claimcheck.corpus import load_corpus
from claimcheck.index import Index
from claimcheck.matchers import Matcher

spent: Counter = Counter()


def timed(name, fn):
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - started
    return wrapper


class TimedMatcher(Matcher):
    """A matcher as the index sees it, with its extraction timed."""

    def __init__(self, inner: Matcher, kind: str) -> None:
        self.inner, self.kind = inner, kind  # type: ignore[misc]
        self.options = inner.options  # type: ignore[misc]

    def parse(self, text, *, lang, options):
        return self.inner.parse(text, lang=lang, options=options)

    def compare(self, expected, mention):
        return self.inner.compare(expected, mention)

    def extract(self, text, *, lang, ref_date):
        started = time.perf_counter()
        try:
            return list(self.inner.extract(text, lang=lang, ref_date=ref_date))
        finally:
            spent[f"extract {self.kind}"] += time.perf_counter() - started
            spent[f"documents extracted ({self.kind})"] += 1


def main(out: Path) -> None:
    t0 = time.perf_counter()
    config, plugins, _ = prepare([str(out / "claims"), "--sources", str(out / "corpus"), "-q"])
    matchers = plugins.matchers(config, keep_going=True)
    t1 = time.perf_counter()
    claims = collect(config.paths, config=config, matchers=matchers)
    t2 = time.perf_counter()
    documents = load_corpus(tuple(sorted(config.sources)), config=config, hook=plugins.pm.hook)
    t3 = time.perf_counter()
    facts_module.split_sentences = timed("split sentences", facts_module.split_sentences)
    guarded = {kind: TimedMatcher(m, kind) for kind, m in matchers.items()}
    index = Index(documents, guarded)
    t4 = time.perf_counter()
    verdicts = Counter(r.verdict.value for r in check(claims, index, matchers))
    t5 = time.perf_counter()
    extraction = sum(v for k, v in spent.items() if k.startswith("extract "))
    rows = [("start-up (plugins, options)", t1 - t0), ("collect claims", t2 - t1),
            ("read corpus", t3 - t2), ("split sentences", spent["split sentences"]),
            ("word index (rest of Index())", t4 - t3 - spent["split sentences"])]
    rows += [(k, v) for k, v in sorted(spent.items()) if k.startswith("extract ")]
    rows += [("evidence + judge (rest of checking)", t5 - t4 - extraction), ("total", t5 - t0)]
    print(f"{len(documents)} documents, {len(claims)} claims, {len(index._doc)} sentences, "
          f"{len(index._postings)} distinct words; verdicts {dict(verdicts)}")
    for name, seconds in rows:
        print(f"  {name:<38} {seconds:8.2f} s  {100 * seconds / (t5 - t0):5.1f} %")
    for k, v in sorted(spent.items()):
        if k.startswith("documents"):
            print(f"  {k}: {v}")
    print(f"  peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def session(out: Path, extra: list[str]) -> None:
    from claimcheck.matcherset import MatcherSet
    from claimcheck.session import Corpora
    t0 = time.perf_counter()
    config, plugins, _ = prepare([str(out / "claims"), "--sources", str(out / "corpus"), "-q", *extra])
    matchers = MatcherSet.load(plugins, config)
    claims = collect(config.paths, config=config, matchers=matchers)
    corpora = Corpora(config, plugins, matchers)
    analyst = corpora.analyst()
    t1 = time.perf_counter()
    documents = load_corpus(tuple(sorted(config.sources)), config=config, hook=plugins.pm.hook)
    t2 = time.perf_counter()
    corpora._indexes[tuple(sorted(config.sources))] = index = Index(documents, matchers, corpora.lexicon, analyst)
    t3 = time.perf_counter()
    queries = corpora.prefetch(claims)
    t4 = time.perf_counter()
    verdicts = Counter(r.verdict.value for r in check(claims, index, matchers, queries=queries))
    t5 = time.perf_counter()
    corpora.close()
    t6 = time.perf_counter()
    rows = [("start-up, collect claims, open cache", t1 - t0), ("read corpus", t2 - t1),
            ("word index (layouts: cache or computed)", t3 - t2),
            ("read claims, prefetch reached mentions", t4 - t3), ("check (lazy extraction, evidence, judge)", t5 - t4),
            ("store new facts, close cache", t6 - t5), ("total", t6 - t0)]
    print(f"{len(documents)} documents, {len(claims)} claims, {len(index)} sentences, "
          f"{len(index._mentions)} documents' mentions used; verdicts {dict(verdicts)}")
    for name, seconds in rows:
        print(f"  {name:<42} {seconds:8.2f} s  {100 * seconds / (t6 - t0):5.1f} %")
    print(f"  peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    if "--session" in sys.argv:
        session(Path(sys.argv[1]), [a for a in sys.argv[2:] if a != "--session"])
    else:
        main(Path(sys.argv[1]))
