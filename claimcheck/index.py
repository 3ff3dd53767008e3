"""The corpus index, built once per run: sentences, their words, and each document's mentions.

Claims find their candidate passages through the word index (entities and cues), never by
scanning the corpus, so checking cost grows with the passages a claim touches, not with
claims × documents. Each document is split once and its mentions extracted once, lazily,
the first time a claim needs them.
"""
from __future__ import annotations

import bisect
import itertools
from array import array
from collections import OrderedDict
from operator import methodcaller
from typing import Callable, Iterable, Iterator, Mapping, Sequence, TypeVar

from .errors import PluginError
from .matchers import Matcher
from .model import Document, Mention, Passage
from .sentences import split_sentences
from .relations import Lexicon, builtin
from .words import FOLD, TOKEN, Cue, stem

T = TypeVar("T")

_INT = "i" if array("i").itemsize == 4 else "l"
"""Sentence ids and offsets: 32-bit (a corpus of 2**31 sentences is not in reach)."""
_CUE_CACHE = 64
"""How many cues' sentence sets :meth:`Index.with_cue` keeps."""


class Index:
    """Sentences of every document, an inverted index of their words, cached mentions."""

    def __init__(self, documents: Sequence[Document], matchers: Mapping[str, Matcher],
                 lexicon: "Lexicon | None" = None) -> None:
        self.documents = list(documents)
        self.matchers = dict(matchers)
        self.lexicon = lexicon if lexicon is not None else Lexicon(builtin())
        self._memo: dict[tuple[int, object], object] = {}
        # NOTE: 32-bit arrays, not lists or 64-bit arrays: the postings are most of the
        # index's memory (one entry per distinct word of every sentence; docs/performance.md).
        self._doc = array(_INT)
        self._start = array(_INT)
        self._end = array(_INT)
        self._postings: dict[str, array] = {}
        self._mentions: dict[int, dict[str, tuple[list[int], list[Mention]]]] = {}
        self._first = array(_INT)  # each document's first sentence id
        folded: dict[str, str] = {}  # raw token -> casefolded, accent-folded token
        for number, document in enumerate(self.documents):
            self._add(number, document, folded)
        self._vocabulary = sorted(self._postings)
        self._stems: dict[str, list[str]] = {}
        self._cues: OrderedDict[tuple[tuple[str, ...], bool], frozenset[int]] = OrderedDict()

    def _add(self, number: int, document: Document, folded: dict[str, str]) -> None:
        # The same words as words.tokens(), with the per-word work done in C: a sentence's
        # raw tokens are deduplicated by a set, each raw token is folded once per run, and
        # the sentence id is appended to its words' postings by map(), not a Python loop.
        text = document.text
        postings, findall = self._postings, TOKEN.findall
        spans = split_sentences(text)
        sid = len(self._doc)
        for start, end in spans:
            raw = set(findall(text, start, end))
            for token in raw.difference(folded):
                folded[token] = token.casefold().translate(FOLD)
            words = set(map(folded.__getitem__, raw))
            for word in words.difference(postings):
                postings[word] = array(_INT)
            any(map(methodcaller("append", sid), map(postings.__getitem__, words)))
            sid += 1
        self._first.append(sid - len(spans))
        self._doc.extend(itertools.repeat(number, len(spans)))
        self._start.extend(start for start, _ in spans)
        self._end.extend(end for _, end in spans)

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
            by_kind = self._mentions[number] = self._extract(self.documents[number])
        start, end = self._start[sid], self._end[sid]
        inside = {}
        for kind, (starts, found) in by_kind.items():
            lo, hi = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
            inside[kind] = [m for m in found[lo:hi] if m.end <= end]
        return inside

    def _extract(self, document: Document) -> dict[str, tuple[list[int], list[Mention]]]:
        by_kind = {}
        for kind, matcher in self.matchers.items():
            try:
                found = list(matcher.extract(document.text, lang=document.lang, ref_date=document.date))
            except Exception as err:
                raise PluginError(f"matcher '{kind}' raised {type(err).__name__}: {err} while reading "
                                  f"{document.source}", plugin=kind) from None
            if not all(isinstance(m, Mention) for m in found):
                raise PluginError(f"matcher '{kind}' returned something other than Mention objects",
                                  plugin=kind)
            found.sort(key=lambda m: (m.start, m.end))
            by_kind[kind] = ([m.start for m in found], found)
        return by_kind
