"""Stage 3 of 4: find a claim's relevant passages and bind each value to the cue it belongs to.

The rules, in the order they apply (the README repeats them for users):

1. *Relevant passage.* A sentence is relevant when every ``about`` entity (its name or an
   alias) and at least one cue occur in it. A sentence that opens with a pronoun or a
   definite description ("Cette dernière", "Le logiciel", "the company", "L'opération")
   borrows the entities of the sentence before it, and through a chain of such sentences
   (at most three) of the last one that names them.
2. *Frame.* Each cue occurrence opens a frame: the clause holding it, plus the short
   adverbial clauses right before it ("En juillet 2019, …": at most three words besides
   their values).
3. *Continuation.* After the cue's clause, a clause without a cue joins the frame when the
   frame has no value yet ("… de l'abonnement, même si la rumeur le situe à 49 dollars"),
   or when the frame ends with a colon ("son chiffre d'affaires 2023 : 44 milliards").
   A clause that repeats a kind the frame already holds is an ellipsis and makes a frame of
   its own bound to the same cue ("1 milliard de dollars en 2019, et 2 milliards en 2021"),
   unless it is a parallel attribution: the frame attributes its value with a preposition
   before the cue or an entity ("49 % pour Microsoft", "7 milliards dans la formation")
   and the clause repeats that preposition ("2 % pour la société mère"); then it speaks
   of something else. Anything else ends the frame.
4. *Binding.* In a frame, each kind binds one value: the nearest after the cue, else the
   nearest before it. A value before the cue does not bind across a comma unless it opens
   the sentence; a value after the cue stops at the next comma when the cue's own stretch
   already holds a value. A date right after a reporting verb ("a annoncé mercredi") dates
   the report and binds to nothing, unless the verb is the cue. In English a value followed
   by a noun describes that noun ("a $2 billion valuation"). A value restated in brackets
   is kept beside the bound one (the judge may match either).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Mapping, Sequence

import regex

from .index import Index
from .model import Claim, Mention, Passage
from .sentences import split_clauses
from .words import Cue, find_cue, find_phrase, is_hedged, phrase, tokens

ADVERBIAL_WORDS = 3
ANAPHORA_CHAIN = 3
"""How many anaphoric sentences in a row may lead back to the one naming an entity."""
# A comma or colon between digits is part of a number ("14,1 milliards", "10:30").
SEPARATORS = regex.compile(r";|(?<!\d)[,:]|[,:](?!\d)")
# After the cue, a colon announces its value ("chiffre d'affaires 2023 : 44 milliards").
STRETCH_ENDS = regex.compile(r";|(?<!\d),|,(?!\d)")
RESTATEMENT = regex.compile(r"\s*[(\[]\s*")
REPORTING = regex.compile(
    r"\b(?:a|ont|avait|have|has)?\s*(?:annonc|d[ée]clar|publi|indiqu|pr[ée]cis|affirm|confirm|rapport|said|says"
    r"|announc|report|told|stated|disclos)\w*\s+(?:on\s+|ce\s+|le\s+|last\s+|this\s+)?$",
    regex.IGNORECASE)
NEXT_WORD = regex.compile(r"\s+([A-Za-z][a-z-]+)\b")
ENGLISH_FUNCTION_WORDS = frozenset("""
    a an the in on at by for from of to into onto with without over under above below about
    and or but nor so yet as than then that which who whom whose while when where after before
    since until through during between among per each every this these those its it his her
    their our your was were is are be been being has have had will would could should may might
    last next earlier later ago year years month months quarter quarters week weeks day days
    annually apiece more less plus worth up down compared versus vs
""".split())
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
    restated: Mapping[str, tuple[Mention, ...]] = field(default_factory=dict)
    """Values restating a bound one in brackets ("385 million euros ($415 million)")."""


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
            reach = named | {sid + step for sid in named for step in range(1, ANAPHORA_CHAIN + 1)
                             if index.previous(sid + step) == sid + step - 1}
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
    frames = _frames(cue_spans, clauses, mentions, words, entity_at, passage.document.text,
                     passage.document.lang == "en")
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
    """Does an anaphoric opening lead back, through a chain of anaphoric sentences, to a
    sentence naming the entity? ("Le numéro un du luxe… Le groupe dégage…")"""
    for _ in range(ANAPHORA_CHAIN):
        previous = index.previous(sid)
        if previous is None or not index.opens_anaphorically(sid):
            return False
        before = tuple(t for t, _, _ in tokens(index.passage(previous).text))
        if any(find_phrase(words, before) for words in group):
            return True
        sid = previous
    return False


def _frames(cue_spans: list[tuple[int, int]], clauses: list[tuple[int, int]],
            mentions: Mapping[str, list[Mention]], words: _Words, entity_at: list[int],
            text: str, english: bool) -> list[Frame]:
    cue_clauses = {_clause_of(clauses, start) for start, _ in cue_spans}
    frames = []
    for cue in cue_spans:
        ci = _clause_of(clauses, cue[0])
        first = ci
        while first > 0 and first - 1 not in cue_clauses and _is_adverbial(clauses[first - 1], mentions, words):
            first -= 1
        opening = _opening(clauses, first, ci, text, words)
        main = _bind(clauses[first][0], clauses[ci][1], cue, mentions, text, opening, english)
        main, siblings = _continue(main, ci, cue, cue_clauses, clauses, mentions, words, entity_at,
                                   text, opening, english)
        frames += [main, *siblings]
    return frames


def _continue(main: Frame, ci: int, cue: tuple[int, int], cue_clauses: set[int],
              clauses: list[tuple[int, int]], mentions: Mapping[str, list[Mention]], words: _Words,
              entity_at: list[int], text: str, opening: int, english: bool) -> tuple[Frame, list[Frame]]:
    """Rule 3: the clauses after the cue's that join its frame, or make ellipsis frames."""
    siblings = []
    for j in range(ci + 1, len(clauses)):
        if j in cue_clauses:
            break
        start, end = clauses[j]
        kinds_here = {k for k, found in mentions.items() if _inside(found, start, end)}
        if not kinds_here:
            continue
        if not main.bound or text[main.end - 1] == ":":  # a colon announces what follows
            main = _bind(main.start, end, cue, mentions, text, opening, english)
            continue
        if kinds_here & set(main.bound) and not _parallel(main, cue, clauses[j], words, entity_at):
            siblings.append(_bind(start, end, (start, start), mentions, text, english=english))
            continue
        break
    return main, siblings


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
          text: str, opening: int = 0, english: bool = False) -> Frame:
    limit = _after_limit(start, end, cue, mentions, text)
    bound, restated = {}, {}
    for kind, found in mentions.items():
        inside = [m for m in _inside(found, start, end) if not _is_reporting_time(m, text, cue)]
        after = [m for m in inside if (m.start >= cue[1] or (cue[0] == cue[1] and m.start >= cue[0]))
                 and m.end <= limit and not (english and _modifies_next_noun(m, text))]
        before = [m for m in inside if m.end <= cue[0] and _reaches(m, cue, text, opening)]
        if after or before:
            bound[kind] = chosen = after[0] if after else before[-1]
            restated[kind] = tuple(m for m in inside if RESTATEMENT.fullmatch(text, chosen.end, m.start))
    return Frame(start=start, end=end, bound=bound, restated=restated)


def _is_reporting_time(mention: Mention, text: str, cue: tuple[int, int]) -> bool:
    """A date right after a reporting verb says when something was said ("a annoncé
    mercredi", "said on Tuesday"), not when it happened: it binds to nothing, unless that
    verb is the cue itself (a claim about the announcement)."""
    if mention.kind != "date":
        return False
    verb = REPORTING.search(text, max(0, mention.start - 40), mention.start)
    return verb is not None and not verb.start() <= cue[0] < verb.end()


def _modifies_next_noun(mention: Mention, text: str) -> bool:
    """In English a value followed by a noun describes that noun ("a $2 billion valuation"),
    not the relation before it."""
    following = NEXT_WORD.match(text, mention.end)
    return bool(following) and following.group(1).lower() not in ENGLISH_FUNCTION_WORDS


def _after_limit(start: int, end: int, cue: tuple[int, int], mentions: Mapping[str, list[Mention]],
                 text: str) -> int:
    """How far after the cue values bind: to the next comma when the cue's own stretch
    between commas already holds a value, else to the end of the frame."""
    comma = STRETCH_ENDS.search(text, cue[1], end) if text else None
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
