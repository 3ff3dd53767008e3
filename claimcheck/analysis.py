"""Where each document's facts come from: the document cache, or computed (in worker
processes when there are many, :mod:`claimcheck.workers`) and then stored for the next run.

Whichever way a fact comes, it is the same value (:mod:`claimcheck.facts` computes it from
the document alone), and facts are handed back in document order, so a run's reports do
not depend on the cache or on ``-n``.
"""
from __future__ import annotations

from typing import Callable, Iterable, Iterator, Mapping, Sequence, TypeVar

from . import workers
from .doccache import DocumentCache, content_key, mentions_key
from .facts import Layout, Mentions, extract_mentions, read_layout
from .matchers import Matcher
from .model import Document, Mention

T = TypeVar("T")
Progress = Callable[[int, int], None]
"""Called with (documents done, documents to do) while facts are computed."""


class Analyst:
    """Gives the facts of documents: stored ones when the cache has them, computed ones otherwise."""

    def __init__(self, matchers: Mapping[str, Matcher], *, cache: DocumentCache | None = None,
                 processes: int | str | None = 0, progress: Progress | None = None) -> None:
        """
        :param cache: the run's document cache, or None (``--no-cache``, the API).
        :param processes: ``-n``: ``"auto"`` (or None), a number of worker processes, 0 for none.
        :param progress: told how far the computing of facts has gone.
        """
        self.matchers = matchers
        self.cache = cache
        self.processes = processes
        self.progress = progress
        self._folded: dict[str, str] = {}

    def layouts(self, documents: Sequence[Document]) -> list[Layout]:
        """Each document's sentences and words, in order."""
        cache = self.cache
        keys = [cache.layout_key(content_key(d)) for d in documents] if cache else []
        found = cache.layouts(documents, keys) if cache else [None] * len(documents)
        missing = [number for number, layout in enumerate(found) if layout is None]

        def task(number: int) -> Layout:
            return read_layout(documents[number].text, self._folded)
        for number, layout in zip(missing, self._compute(task, missing, "layout")):
            found[number] = layout
            if cache:
                cache.put_layout(keys[number], layout)
        if cache:
            cache.flush()
        return found  # type: ignore[return-value]  # every None was filled

    def mentions(self, documents: Sequence[Document], *, only_shared: bool = False) -> list[Mentions | None]:
        """Every matcher's mentions in each document, in order.

        :param only_shared: compute what the cache lacks only if worker processes share it
            out (:func:`claimcheck.workers.planned`); else leave it None, to be asked for
            when a claim needs it (extraction stays lazy when it would run here anyway).

        Failures are handed back in :attr:`Mentions.failures`, for :meth:`record` when the
        document's mentions are first used: a matcher that fails on a document records its
        failure at the same point of the run whichever process extracted it.
        """
        cache, kinds = self.cache, list(self.matchers)
        keys = [mentions_key(d, content_key(d)) for d in documents] if cache else []
        stored = [cache.mentions(d, k) for d, k in zip(documents, keys)] if cache else [{} for _ in documents]
        missing = [number for number, found in enumerate(stored) if len(found) < len(kinds)]
        count = workers.planned(self.processes, len(missing), "mentions")

        def task(number: int) -> Mentions:
            wanted = {kind: m for kind, m in self.matchers.items() if kind not in stored[number]}
            return extract_mentions(documents[number], wanted)
        if count:
            computed = dict(zip(missing, self._progress(workers.run(task, missing, count, prepare=self._after_fork),
                                                        len(missing))))
        elif only_shared:
            computed = {}
        else:
            computed = {number: task(number) for number in missing}
        result: list[Mentions | None] = []
        for number, document in enumerate(documents):
            fresh = computed.get(number)
            if fresh is None:
                complete = len(stored[number]) == len(kinds)
                result.append(Mentions(by_kind={kind: stored[number][kind] for kind in kinds}, failures={})
                              if complete else None)
                continue
            if cache:
                for kind, found in fresh.by_kind.items():
                    if kind not in fresh.failures:
                        cache.put_mentions(keys[number], kind, found)
            by_kind: dict[str, tuple[Mention, ...]] = {**stored[number], **fresh.by_kind}
            result.append(Mentions(by_kind={kind: by_kind[kind] for kind in kinds}, failures=fresh.failures))
        if cache and computed:
            cache.flush()
        return result

    def record(self, mentions: Mentions) -> None:
        """Record the failures of ``mentions`` on the run's matchers (the first one is reported)."""
        for kind, why in mentions.failures.items():
            failed = getattr(self.matchers[kind], "failed", None)
            if failed is not None:
                failed(why)

    def _compute(self, task: Callable[[int], Layout], items: Sequence[int], work: str) -> list[Layout]:
        count = workers.planned(self.processes, len(items), work)
        if count:
            return list(self._progress(workers.run(task, items, count, prepare=self._after_fork), len(items)))
        return list(self._progress(map(task, items), len(items)))

    def _progress(self, results: Iterable[T], total: int) -> Iterator[T]:
        for done, result in enumerate(results, 1):
            if self.progress is not None and (done % 256 == 0 or done == total):
                self.progress(done, total)
            yield result

    def _after_fork(self) -> None:
        for matcher in self.matchers.values():
            after_fork = getattr(matcher, "after_fork", None)
            if after_fork is not None:
                after_fork()
