"""The corpus index, built once per run: sentences, their words, and each document's mentions.

Claims find their candidate passages through the word index (entities and cues), never by
scanning the corpus, so checking cost grows with the passages a claim touches, not with
claims × documents. Each document is split once and its mentions extracted once, lazily,
the first time a claim needs them (or, for many at once, when :meth:`Index.prefetch` is
told which); both come from the run's :class:`~claimcheck.analysis.Analyst`, which keeps
them in the document cache and shares them out among worker processes.
"""
from __future__ import annotations

import bisect
import itertools
from array import array
from collections import OrderedDict
from operator import methodcaller
from typing import Callable, Iterable, Iterator, Mapping, Sequence, TypeVar

from .analysis import Analyst
from .facts import Layout, Mentions
from .matchers import Matcher
from .model import Document, Mention, Passage
from .relations import Lexicon, builtin
from .words import Cue, stem

T = TypeVar("T")

_INT = "i" if array("i").itemsize == 4 else "l"
"""Sentence ids and offsets: 32-bit (a corpus of 2**31 sentences is not in reach)."""
_CUE_CACHE = 64
"""How many cues' sentence sets :meth:`Index.with_cue` keeps."""


class Index:
    """Sentences of every document, an inverted index of their words, cached mentions."""

    def __init__(self, documents: Sequence[Document], matchers: Mapping[str, Matcher],
                 lexicon: "Lexicon | None" = None, analyst: Analyst | None = None) -> None:
        """
        :param analyst: where the documents' facts come from (the run's cache and worker
            processes); by default they are computed in this process.
        """
        self.documents = list(documents)
        self.matchers = dict(matchers)
        self.lexicon = lexicon if lexicon is not None else Lexicon(builtin())
        self.analyst = analyst if analyst is not None else Analyst(matchers)
        self._memo: dict[tuple[int, object], object] = {}
        # NOTE: 32-bit arrays, not lists or 64-bit arrays: the postings are most of the
        # index's memory (one entry per distinct word of every sentence; docs/performance.md).
        self._doc = array(_INT)
        self._start = array(_INT)
        self._end = array(_INT)
        self._postings: dict[str, array] = {}
        self._mentions: dict[int, dict[str, tuple[list[int], Sequence[Mention]]]] = {}
        self._prefetched: dict[int, Mentions] = {}  # extracted, not yet used by a claim
        self._first = array(_INT)  # each document's first sentence id
        for number, layout in enumerate(self.analyst.layouts(self.documents)):
            self._add(number, layout)
        self._vocabulary = sorted(self._postings)
        self._stems: dict[str, list[str]] = {}
        self._cues: OrderedDict[tuple[tuple[str, ...], bool], frozenset[int]] = OrderedDict()

    def _add(self, number: int, layout: Layout) -> None:
        # The per-word work is done in C: each sentence's words come deduplicated, and the
        # sentence id is appended to their postings by map(), not a Python loop.
        postings = self._postings
        sid = len(self._doc)
        for words in layout.sentences():
            for word in set(words).difference(postings):
                postings[word] = array(_INT)
            any(map(methodcaller("append", sid), map(postings.__getitem__, words)))
            sid += 1
        count = len(layout)
        self._first.append(sid - count)
        self._doc.extend(itertools.repeat(number, count))
        self._start.extend(layout.spans[0::2])
        self._end.extend(layout.spans[1::2])

    # -- passages --------------------------------------------------------

    def passage(self, sid: int) -> Passage:
        """The sentence ``sid`` as a Passage."""
        return Passage(document=self.documents[self._doc[sid]], start=self._start[sid], end=self._end[sid])

    def previous(self, sid: int) -> int | None:
        """The sentence before ``sid`` in the same document, if any."""
        if 0 < sid < len(self._doc) and self._doc[sid - 1] == self._doc[sid]:
            return sid - 1
        return None

    def __len__(self) -> int:
        """The number of sentences in the corpus."""
        return len(self._doc)

    def document_of(self, sid: int) -> int:
        """The number of the document sentence ``sid`` belongs to."""
        return self._doc[sid]

    def sentences_of(self, number: int) -> range:
        """The sentence ids of document ``number``, in order (the headline first)."""
        end = self._first[number + 1] if number + 1 < len(self._first) else len(self._doc)
        return range(self._first[number], end)

    def memo(self, number: int, key: object, compute: Callable[[], T]) -> T:
        """A per-document analysis, computed once per run for each ``key`` (what a sentence
        is about depends on the claim file's known entities, so they are the key)."""
        slot = (number, key)
        if slot not in self._memo:
            self._memo[slot] = compute()
        return self._memo[slot]  # type: ignore[return-value]

    # -- lookups ---------------------------------------------------------

    def with_all(self, words: Iterable[str]) -> set[int]:
        """Sentences holding every one of ``words`` (a phrase's candidates)."""
        lists = []
        for word in words:
            ids = self._postings.get(word)
            if not ids:
                return set()
            lists.append(ids)
        if not lists:
            return set()
        # Rarest word first: a unique company name keeps the set small, and the long
        # postings of common words are only scanned, never turned into sets.
        lists.sort(key=len)
        result = set(lists[0])
        for ids in lists[1:]:
            result.intersection_update(ids)
            if not result:
                return set()
        return result

    def with_cue(self, cue: Cue, within: Iterable[int] | None = None) -> set[int]:
        """Sentences holding a word that can start ``cue``, refined later by position.

        :param within: only these sentence ids are looked at (e.g. the few sentences that
            name a claim's entity). The answer is then ``with_cue(cue) & set(within)``,
            without building the cue's whole set, which for a common cue ("up", "hausse")
            is a large share of the corpus.
        """
        if not cue.words:
            return set()
        # Claims share cues ("revenue", "hausse"), and a common cue's sentences are many:
        # the answer is kept for the last few cues asked (the index never changes).
        key = (cue.words, cue.prefix)
        found = self._cues.get(key)
        if found is None:
            found = frozenset(self._cue_sentences(cue))
            self._cues[key] = found
            if len(self._cues) > _CUE_CACHE:
                self._cues.popitem(last=False)
        else:
            self._cues.move_to_end(key)
        if within is not None:
            return {sid for sid in within if sid in found}
        return set(found)

    def _cue_sentences(self, cue: Cue) -> set[int]:
        if cue.prefix and len(cue.words) == 1:
            return self._with_prefix(cue.words[0])
        first = self._with_stem(cue.words[0])
        rest = self.with_all(w for i, w in enumerate(cue.words[1:], 1)
                             if not (cue.prefix and i == len(cue.words) - 1))
        return first & rest if len(cue.words) > 1 else first

    def _with_prefix(self, prefix: str) -> set[int]:
        found: set[int] = set()
        for word in self._starting_with(prefix):
            found.update(self._postings[word])
        return found

    def _starting_with(self, prefix: str) -> Iterator[str]:
        vocabulary = self._vocabulary
        for i in range(bisect.bisect_left(vocabulary, prefix), len(vocabulary)):
            if not vocabulary[i].startswith(prefix):
                break
            yield vocabulary[i]

    def _with_stem(self, word: str) -> set[int]:
        found: set[int] = set(self._postings.get(word, ()))
        for token in self._sharing_stem(stem(word)):
            found.update(self._postings[token])
        return found

    def _sharing_stem(self, root: str) -> list[str]:
        """Vocabulary words whose stem is ``root``. A stem is a prefix of its word, so only
        the words starting with ``root`` are stemmed, not the whole vocabulary."""
        tokens = self._stems.get(root)
        if tokens is None:
            tokens = self._stems[root] = [t for t in self._starting_with(root) if stem(t) == root]
        return tokens

    # -- mentions --------------------------------------------------------

    def mentions(self, sid: int) -> dict[str, list[Mention]]:
        """Mentions of every kind inside sentence ``sid``, by kind, in text order."""
        number = self._doc[sid]
        by_kind = self._mentions.get(number)
        if by_kind is None:
            found = self._prefetched.pop(number, None) or self.analyst.mentions([self.documents[number]])[0]
            assert found is not None
            self.analyst.record(found)
            by_kind = self._mentions[number] = {kind: ([m.start for m in mentions], mentions)
                                                for kind, mentions in found.by_kind.items()}
        start, end = self._start[sid], self._end[sid]
        inside = {}
        for kind, (starts, found) in by_kind.items():
            lo, hi = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
            inside[kind] = [m for m in found[lo:hi] if m.end <= end]
        return inside

    def prefetch(self, numbers: Iterable[int]) -> None:
        """Get the mentions of documents ``numbers`` ready, all together, where that is
        cheaper than one by one: the cache's, and, when worker processes share them out,
        the others'. Each is taken in use (its failures recorded) when a claim first needs it."""
        wanted = sorted(set(numbers).difference(self._mentions, self._prefetched))
        found = self.analyst.mentions([self.documents[n] for n in wanted], only_shared=True)
        self._prefetched.update((number, m) for number, m in zip(wanted, found) if m is not None)
