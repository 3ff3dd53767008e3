"""The corpus index, built once per run: sentences, their words, and each document's mentions.

Claims find their candidate passages through the word index (entities and cues), never by
scanning the corpus, so checking cost grows with the passages a claim touches, not with
claims × documents. Each document is split once and its mentions extracted once, lazily,
the first time a claim needs them.
"""
from __future__ import annotations

import bisect
from array import array
from typing import Iterable, Mapping, Sequence

from .errors import PluginError
from .matchers import Matcher
from .model import Document, Mention, Passage
from .sentences import split_sentences
from .words import Cue, opens_anaphorically, stem, tokens


class Index:
    """Sentences of every document, an inverted index of their words, cached mentions."""

    def __init__(self, documents: Sequence[Document], matchers: Mapping[str, Matcher]) -> None:
        self.documents = list(documents)
        self.matchers = dict(matchers)
        self._doc = array("l")
        self._start = array("l")
        self._end = array("l")
        self._postings: dict[str, array] = {}
        self._mentions: dict[int, dict[str, tuple[list[int], list[Mention]]]] = {}
        for number, document in enumerate(self.documents):
            self._add(number, document)
        self._vocabulary = sorted(self._postings)
        self._stems: dict[str, list[str]] | None = None

    def _add(self, number: int, document: Document) -> None:
        for start, end in split_sentences(document.text):
            sid = len(self._doc)
            self._doc.append(number)
            self._start.append(start)
            self._end.append(end)
            for token in {t for t, _, _ in tokens(document.text[start:end])}:
                self._postings.setdefault(token, array("l")).append(sid)

    # -- passages --------------------------------------------------------

    def passage(self, sid: int) -> Passage:
        """The sentence ``sid`` as a Passage."""
        return Passage(document=self.documents[self._doc[sid]], start=self._start[sid], end=self._end[sid])

    def previous(self, sid: int) -> int | None:
        """The sentence before ``sid`` in the same document, if any."""
        if sid > 0 and self._doc[sid - 1] == self._doc[sid]:
            return sid - 1
        return None

    def opens_anaphorically(self, sid: int) -> bool:
        """Does sentence ``sid`` refer back to the one before it?"""
        return opens_anaphorically(self.passage(sid).text)

    # -- lookups ---------------------------------------------------------

    def with_all(self, words: Iterable[str]) -> set[int]:
        """Sentences holding every one of ``words`` (a phrase's candidates)."""
        result: set[int] | None = None
        for word in words:
            ids = set(self._postings.get(word, ()))
            result = ids if result is None else result & ids
            if not result:
                return set()
        return result or set()

    def with_cue(self, cue: Cue) -> set[int]:
        """Sentences holding a word that can start ``cue``, refined later by position."""
        if not cue.words:
            return set()
        if cue.prefix and len(cue.words) == 1:
            return self._with_prefix(cue.words[0])
        first = self._with_stem(cue.words[0])
        rest = self.with_all(w for i, w in enumerate(cue.words[1:], 1)
                             if not (cue.prefix and i == len(cue.words) - 1))
        return first & rest if len(cue.words) > 1 else first

    def _with_prefix(self, prefix: str) -> set[int]:
        lo = bisect.bisect_left(self._vocabulary, prefix)
        found: set[int] = set()
        for word in self._vocabulary[lo:]:
            if not word.startswith(prefix):
                break
            found.update(self._postings[word])
        return found

    def _with_stem(self, word: str) -> set[int]:
        if self._stems is None:
            self._stems = {}
            for token in self._vocabulary:
                self._stems.setdefault(stem(token), []).append(token)
        found: set[int] = set(self._postings.get(word, ()))
        for token in self._stems.get(stem(word), ()):
            found.update(self._postings[token])
        return found

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
