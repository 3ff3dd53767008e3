"""Stage 3 of 4: find a claim's relevant passages and bind each value to the cue it belongs to.

The rules, in the order they apply (the README repeats them for users):

1. *Relevant passage.* A sentence is relevant when every ``about`` entity (its name or an
   alias) and at least one cue occur in it. A sentence that opens with a pronoun or a
   definite description ("Cette dernière", "Le logiciel", "the company") borrows the
   entities of the sentence before it.
2. *Frame.* Each cue occurrence opens a frame: the clause holding it, plus the short
   adverbial clauses right before it ("En juillet 2019, …": at most three words besides
   their values).
3. *Continuation.* After the cue's clause, a clause without a cue joins the frame when the
   frame has no value yet ("… de l'abonnement, même si la rumeur le situe à 49 dollars").
   A clause that repeats a kind the frame already holds is an ellipsis and makes a frame of
   its own bound to the same cue ("1 milliard de dollars en 2019, et 2 milliards en 2021"),
   unless it is a parallel attribution: the frame attributes its value with a preposition
   before the cue or an entity ("49 % pour Microsoft", "7 milliards dans la formation")
   and the clause repeats that preposition ("2 % pour la société mère"); then it speaks
   of something else. Anything else ends the frame.
4. *Binding.* In a frame, each kind binds one value: the nearest after the cue, else the
   nearest before it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Mapping, Sequence

import regex

from .index import Index
from .model import Claim, Mention, Passage
from .sentences import split_clauses
from .words import Cue, find_cue, find_phrase, is_hedged, phrase, tokens

ADVERBIAL_WORDS = 3
SEPARATORS = regex.compile(r"[,;:]")
DETERMINERS = frozenset("le la les l un une des du de d the a an its his her their son sa ses leur".split())
# Tokens are accent-folded: "a" is "à". Contracted forms count as their preposition.
ATTRIBUTION = {"pour": "pour", "dans": "dans", "a": "a", "au": "a", "aux": "a", "chez": "chez",
               "for": "for", "in": "in", "into": "in", "to": "to"}


@dataclass(frozen=True, slots=True)
class Frame:
    """Values bound to one cue occurrence (or to its ellipsis)."""

    start: int
    end: int
    bound: Mapping[str, Mention]
    """The value of each kind bound in this frame."""


@dataclass(frozen=True, slots=True)
class Reading:
    """What one relevant passage says about a claim, before judging."""

    passage: Passage
    sentence: int
    """The sentence's id in the index."""
    frames: tuple[Frame, ...]
    hedged: bool
    borrowed: bool
    """True when an entity came from the sentence before (anaphora)."""


@dataclass(frozen=True, slots=True)
class _Words:
    """A sentence's tokens with document offsets."""

    text: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]


class ClaimQuery:
    """A claim's entities and cues in the form the index is searched with."""

    def __init__(self, claim: Claim) -> None:
        self.claim = claim
        self.entities = [[phrase(name) for name in group if phrase(name)] for group in claim.about]
        self.cues = [Cue(text) for text in claim.cues]

    def candidates(self, index: Index) -> list[int]:
        """Sentence ids that may be relevant, before positions are checked: the sentences
        naming every entity (or following one that does, for anaphora), then those of them
        holding a cue. Entities are rarer than cues, so they narrow first."""
        if not self.cues:
            return []
        found: set[int] | None = None
        for group in self.entities:
            named = set().union(*(index.with_all(words) for words in group))
            reach = named | {sid + 1 for sid in named if index.previous(sid + 1) == sid}
            found = reach if found is None else found & reach
            if not found:
                return []
        return sorted(set().union(*(index.with_cue(cue, within=found) for cue in self.cues)))


def readings(claim: Claim, index: Index) -> Iterator[Reading]:
    """Every relevant passage of the corpus for ``claim``, with its frames, in corpus order."""
    query = ClaimQuery(claim)
    for sid in query.candidates(index):
        reading = read(query, index, sid)
        if reading is not None:
            yield reading


def read(query: ClaimQuery, index: Index, sid: int) -> Reading | None:
    """The reading of sentence ``sid``, or None when it is not relevant."""
    passage = index.passage(sid)
    words = _words(passage)
    entity_at, borrowed = _entities(query, index, sid, words)
    if entity_at is None:
        return None
    cue_at = sorted({(i, i + len(cue.words) - 1) for cue in query.cues for i in find_cue(cue, words.text)})
    if not cue_at:
        return None
    cue_spans = [(words.spans[a][0], words.spans[b][1]) for a, b in cue_at]
    clauses = split_clauses(passage.document.text, passage.start, passage.end)
    mentions = index.mentions(sid)
    frames = _frames(cue_spans, clauses, mentions, words, entity_at, passage.document.text)
    return Reading(passage=passage, sentence=sid, frames=tuple(frames), hedged=is_hedged(passage.text),
                   borrowed=borrowed)


def _words(passage: Passage) -> _Words:
    found = list(tokens(passage.text))
    return _Words(text=tuple(t for t, _, _ in found),
                  spans=tuple((passage.start + s, passage.start + e) for _, s, e in found))


def _entities(query: ClaimQuery, index: Index, sid: int,
              words: _Words) -> tuple[list[int] | None, bool]:
    """Token indexes where the claim's entities start, and whether one was borrowed."""
    starts: list[int] = []
    borrowed = False
    for group in query.entities:
        here = [i for words_ in group for i in find_phrase(words_, words.text)]
        if not here:
            if not _borrows(group, index, sid):
                return None, False
            borrowed = True
        starts.extend(here)
    return starts, borrowed


def _borrows(group: Sequence[tuple[str, ...]], index: Index, sid: int) -> bool:
    previous = index.previous(sid)
    if previous is None or not index.opens_anaphorically(sid):
        return False
    before = tuple(t for t, _, _ in tokens(index.passage(previous).text))
    return any(find_phrase(words, before) for words in group)


def _frames(cue_spans: list[tuple[int, int]], clauses: list[tuple[int, int]],
            mentions: Mapping[str, list[Mention]], words: _Words, entity_at: list[int],
            text: str) -> list[Frame]:
    cue_clauses = {_clause_of(clauses, start) for start, _ in cue_spans}
    frames = []
    for cue in cue_spans:
        ci = _clause_of(clauses, cue[0])
        first = ci
        while first > 0 and first - 1 not in cue_clauses and _is_adverbial(clauses[first - 1], mentions, words):
            first -= 1
        opening = _opening(clauses, first, ci, text, words)
        main = _bind(clauses[first][0], clauses[ci][1], cue, mentions, text, opening)
        siblings = []
        for j in range(ci + 1, len(clauses)):
            if j in cue_clauses:
                break
            start, end = clauses[j]
            kinds_here = {k for k, found in mentions.items() if _inside(found, start, end)}
            if not kinds_here:
                continue
            if not main.bound:
                main = _bind(main.start, end, cue, mentions, text, opening)
                continue
            if kinds_here & set(main.bound) and not _parallel(main, cue, clauses[j], words, entity_at):
                siblings.append(_bind(start, end, (start, start), mentions))
                continue
            break
        frames += [main, *siblings]
    return frames


def _opening(clauses: list[tuple[int, int]], first: int, ci: int, text: str, words: _Words) -> int:
    """Where the cue's own stretch starts: after the adverbial clauses, or after a short
    comma-ended opener of the cue's clause ("Fin novembre, le logiciel…")."""
    start, end = clauses[ci]
    if first < ci:
        return start
    comma = SEPARATORS.search(text, start, end)
    if comma is None:
        return start
    loose = [s for s in words.spans if start <= s[0] < comma.start()]
    return comma.end() if len(loose) <= ADVERBIAL_WORDS + 2 else start


def _clause_of(clauses: list[tuple[int, int]], offset: int) -> int:
    for i, (start, end) in enumerate(clauses):
        if offset < end:
            return i
    return len(clauses) - 1


def _inside(found: list[Mention], start: int, end: int) -> list[Mention]:
    return [m for m in found if start <= m.start and m.end <= end]


def _is_adverbial(clause: tuple[int, int], mentions: Mapping[str, list[Mention]], words: _Words) -> bool:
    """A short clause made of values and at most a few words ("En juillet 2019,")."""
    start, end = clause
    values = [m for found in mentions.values() for m in _inside(found, start, end)]
    if not values:
        return False
    loose = [s for s in words.spans if start <= s[0] < end and not any(m.start <= s[0] < m.end for m in values)]
    return len(loose) <= ADVERBIAL_WORDS


def _bind(start: int, end: int, cue: tuple[int, int], mentions: Mapping[str, list[Mention]],
          text: str = "", opening: int = 0) -> Frame:
    limit = _after_limit(start, end, cue, mentions, text)
    bound = {}
    for kind, found in mentions.items():
        inside = _inside(found, start, end)
        after = [m for m in inside if (m.start >= cue[1] or (cue[0] == cue[1] and m.start >= cue[0]))
                 and m.end <= limit]
        before = [m for m in inside if m.end <= cue[0] and _reaches(m, cue, text, opening)]
        if after or before:
            bound[kind] = after[0] if after else before[-1]
    return Frame(start=start, end=end, bound=bound)


def _after_limit(start: int, end: int, cue: tuple[int, int], mentions: Mapping[str, list[Mention]],
                 text: str) -> int:
    """How far after the cue values bind: to the next comma when the cue's own stretch
    between commas already holds a value, else to the end of the frame."""
    comma = SEPARATORS.search(text, cue[1], end) if text else None
    if comma is None:
        return end
    before = [m.end() for m in SEPARATORS.finditer(text, start, cue[0])]
    stretch_start = before[-1] if before else start
    holds = any(stretch_start <= m.start and m.end <= comma.start()
                for found in mentions.values() for m in found)
    return comma.start() if holds else end


def _reaches(mention: Mention, cue: tuple[int, int], text: str, opening: int) -> bool:
    """A value before the cue binds across no comma, unless it opens the frame."""
    return mention.start < opening or not SEPARATORS.search(text, mention.end, cue[0])


def _parallel(main: Frame, cue: tuple[int, int], clause: tuple[int, int], words: _Words,
              entity_at: list[int]) -> bool:
    """Does ``clause`` repeat the preposition that attributes the frame's value?"""
    first_value = min(m.start for m in main.bound.values())
    heads = [i for i, span in enumerate(words.spans) if span[0] == cue[0]] + entity_at
    preps = {_preposition_before(i, words) for i in heads if words.spans[i][0] > first_value}
    preps.discard(None)
    inside = {ATTRIBUTION.get(words.text[i]) for i, span in enumerate(words.spans)
              if clause[0] <= span[0] < clause[1]}
    return bool(preps & inside)


def _preposition_before(i: int, words: _Words) -> str | None:
    j = i - 1
    while j >= 0 and words.text[j] in DETERMINERS and words.text[j] not in ATTRIBUTION:
        j -= 1
    return ATTRIBUTION.get(words.text[j]) if j >= 0 else None
