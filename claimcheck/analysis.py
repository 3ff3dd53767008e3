"""Where each document's facts come from: the document cache, or computed by the run's
:class:`Engine` (forked worker processes, :mod:`claimcheck.workers`; a Dask cluster,
:mod:`claimcheck.dask_engine`) and then stored for the next run.

Whichever way a fact comes, it is the same value (:mod:`claimcheck.facts` computes it from
the document alone), and facts are handed back in document order, so a run's reports do
not depend on the cache, on ``-n`` or on the engine.
"""
from __future__ import annotations

from typing import Callable, Iterable, Iterator, Mapping, Protocol, Sequence, TypeVar

from .doccache import DocumentCache, content_key, mentions_key
from .facts import Layout, Mentions
from .matchers import Matcher
from .model import Document, Mention

T = TypeVar("T")
Progress = Callable[[int, int], None]
"""Called with (documents done, documents to do) while facts are computed."""


class Engine(Protocol):
    """What computes the facts the cache lacks (returned by the ``claimcheck_document_engine`` hook)."""

    def shares(self, count: int, work: str) -> bool:
        """Whether ``count`` documents of ``work`` (``"layout"``, ``"mentions"``) would be
        shared out among workers rather than computed in this process."""

    def layouts(self, documents: Sequence[Document]) -> Iterable[Layout]:
        """Each document's :class:`~claimcheck.facts.Layout`, in order."""

    def mentions(self, documents: Sequence[Document], kinds: Sequence[tuple[str, ...]]) -> Iterable[Mentions]:
        """Each document's mentions of the kinds asked of it (``kinds[i]`` for ``documents[i]``), in order."""

    def close(self) -> None:
        """Let go of the workers (end of the run)."""


class Analyst:
    """Gives the facts of documents: stored ones when the cache has them, computed ones otherwise."""

    def __init__(self, matchers: Mapping[str, Matcher], *, cache: DocumentCache | None = None,
                 engine: Engine | None = None, progress: Progress | None = None) -> None:
        """
        :param cache: the run's document cache, or None (``--no-cache``, the API).
        :param engine: what computes the facts the cache lacks; by default this process.
        :param progress: told how far the computing of facts has gone.
        """
        from .workers import LocalEngine
        self.matchers = matchers
        self.cache = cache
        self.engine = engine if engine is not None else LocalEngine(matchers, processes=0)
        self.progress = progress

    def layouts(self, documents: Sequence[Document]) -> list[Layout]:
        """Each document's sentences and words, in order."""
        cache = self.cache
        keys = [cache.layout_key(content_key(d)) for d in documents] if cache else []
        found = cache.layouts(documents, keys) if cache else [None] * len(documents)
        missing = [number for number, layout in enumerate(found) if layout is None]
        computed = self.engine.layouts([documents[number] for number in missing])
        for number, layout in zip(missing, self._progress(computed, len(missing))):
            found[number] = layout
            if cache:
                cache.put_layout(keys[number], layout)
        if cache:
            cache.flush()
        return found  # type: ignore[return-value]  # every None was filled

    def mentions(self, documents: Sequence[Document], *, only_shared: bool = False) -> list[Mentions | None]:
        """Every matcher's mentions in each document, in order.

        :param only_shared: compute what the cache lacks only if worker processes share it
            out (:meth:`Engine.shares`); else leave it None, to be asked for when a claim
            needs it (extraction stays lazy when it would run here anyway).

        Failures are handed back in :attr:`Mentions.failures`, for :meth:`record` when the
        document's mentions are first used: a matcher that fails on a document records its
        failure at the same point of the run whichever process extracted it.
        """
        cache, kinds = self.cache, list(self.matchers)
        keys = [mentions_key(d, content_key(d)) for d in documents] if cache else []
        stored = [cache.mentions(d, k) for d, k in zip(documents, keys)] if cache else [{} for _ in documents]
        missing = [number for number, found in enumerate(stored) if len(found) < len(kinds)]
        computed: dict[int, Mentions] = {}
        if missing and (not only_shared or self.engine.shares(len(missing), "mentions")):
            wanted = [tuple(kind for kind in kinds if kind not in stored[number]) for number in missing]
            results = self.engine.mentions([documents[number] for number in missing], wanted)
            computed = dict(zip(missing, self._progress(results, len(missing))))
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

    def _progress(self, results: Iterable[T], total: int) -> Iterator[T]:
        for done, result in enumerate(results, 1):
            if self.progress is not None and (done % 256 == 0 or done == total):
                self.progress(done, total)
            yield result

    def close(self) -> None:
        """Store what was computed last, let go of the cache and of the engine's workers."""
        try:
            if self.cache is not None:
                self.cache.close()
        finally:
            self.engine.close()
