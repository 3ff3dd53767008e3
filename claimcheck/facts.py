"""A document's facts: what it costs to read one article and does not depend on the claims.

Two parts, computed by pure functions of the document alone, so that a worker process can
compute them and the document cache (:mod:`claimcheck.doccache`) can keep them:

- its :class:`Layout`: the sentence spans and the words of each sentence, the input of the
  word index (:mod:`claimcheck.index`);
- its :class:`Mentions`: every matcher's values, extracted only for the documents a claim
  reaches.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Mapping

from .errors import PluginError
from .matchers import Matcher
from .model import Document, Mention
from .sentences import split_sentences
from .words import FOLD, TOKEN


@dataclass(frozen=True, slots=True, kw_only=True)
class Layout:
    """A document's sentences and their words, as the word index takes them."""

    spans: tuple[int, ...]
    """Start and end offset of each sentence, flat: ``(start0, end0, start1, end1, …)``."""
    words: str
    """Each sentence's distinct words (casefolded, accents folded; :data:`~claimcheck.words.TOKEN`),
    separated by spaces, one sentence a line. A string, not tuples: it is what crosses a
    process boundary and what the cache stores, one object instead of thousands."""

    def sentences(self) -> Iterator[list[str]]:
        """The words of each sentence, in order (one list per span)."""
        return (line.split() for line in self.words.split("\n")) if self.spans else iter(())

    def __len__(self) -> int:
        return len(self.spans) // 2


def read_layout(text: str, folded: dict[str, str]) -> Layout:
    """Split ``text`` into sentences and list each one's distinct words.

    :param folded: raw token → folded token, shared by the calls of one process: a word is
        casefolded and accent-folded once per run, not once per occurrence.
    """
    findall = TOKEN.findall
    spans = split_sentences(text)
    lines = []
    for start, end in spans:
        raw = set(findall(text, start, end))
        for token in raw.difference(folded):
            folded[token] = token.casefold().translate(FOLD)
        lines.append(" ".join(set(map(folded.__getitem__, raw))))
    return Layout(spans=tuple(offset for span in spans for offset in span), words="\n".join(lines))


@dataclass(frozen=True, slots=True, kw_only=True)
class Mentions:
    """Every matcher's mentions in one document, sorted by span, and the matchers that failed."""

    by_kind: Mapping[str, tuple[Mention, ...]]
    failures: Mapping[str, str]
    """Kind → why its matcher failed on this document (its mentions are then empty and never
    cached: the next run tries again, and reports the failure again)."""


def extract_mentions(document: Document, matchers: Mapping[str, Matcher]) -> Mentions:
    """Run every matcher over ``document``.

    A guarded matcher (:class:`~claimcheck.matcherset.GuardedMatcher`) reports its failure
    here rather than raising; any other matcher that raises or returns something other than
    Mentions is a PluginError.
    """
    by_kind, failures = {}, {}
    for kind, matcher in matchers.items():
        attempt = getattr(matcher, "attempt", None)
        if attempt is not None:
            found, failure = attempt(document.text, lang=document.lang, ref_date=document.date)
            if failure:
                failures[kind] = failure
        else:
            found = _unguarded(kind, matcher, document)
        by_kind[kind] = tuple(sorted(found, key=lambda m: (m.start, m.end)))
    return Mentions(by_kind=by_kind, failures=failures)


def _unguarded(kind: str, matcher: Matcher, document: Document) -> list[Mention]:
    try:
        found = list(matcher.extract(document.text, lang=document.lang, ref_date=document.date))
    except Exception as err:
        raise PluginError(f"matcher '{kind}' raised {type(err).__name__}: {err} while reading "
                          f"{document.source}", plugin=kind) from None
    if not all(isinstance(m, Mention) for m in found):
        raise PluginError(f"matcher '{kind}' returned something other than Mention objects", plugin=kind)
    return found
