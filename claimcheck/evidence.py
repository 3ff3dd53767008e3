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

import dataclasses
from dataclasses import dataclass, field
from typing import Iterator, Mapping, Sequence

import regex

from . import bindable, derived, entities, periods, scope
from .periods import STRETCH_ENDS
from .index import Index
from .model import Claim, Mention, Passage
from .query import ClaimQuery
from .roles import Role, RoleReading, changes_the_cue, is_direction, role_of
from .sentences import split_clauses
from .words import DETERMINERS, Words, find_cue, find_phrase, is_hedged, opens_anaphorically, tokens, words_of

ADVERBIAL_WORDS = 3
ANAPHORA_CHAIN = 3
"""How many anaphoric sentences in a row may lead back to the one naming an entity."""
# A comma or colon between digits is part of a number ("14,1 milliards", "10:30").
SEPARATORS = regex.compile(r";|(?<!\d)[,:]|[,:](?!\d)")
# After the cue, a colon announces its value ("chiffre d'affaires 2023 : 44 milliards"): a
# stretch ends at a semicolon or a comma only (periods.STRETCH_ENDS).
RESTATEMENT = regex.compile(r"\s*[(\[]\s*")
# A value tied to the cue after it by a preposition or a determiner alone is the cue's ("7
# milliards dans la formation", "19 566 M€ de chiffre d'affaires", "porte à 6 milliards la
# valorisation"), whatever relation came before it.
LINKED = regex.compile(r"\s*(?:(?:de|d['’]|du|des|dans|pour|en|of|in|into|for)\s*)?(?:la|le|les|l['’]|the|its|son|sa|ses)?\s*",
                       regex.IGNORECASE)
# A relation's complement: "the enterprise value of the takeover", "la valeur de l'opération".
COMPLEMENT = regex.compile(r"(?:\s*,[^,.;]{1,30},)?\s*(?:of|de|du|des|d['’])\s*(?:la|le|les|l['’]|the|this|that|cette|ce|cet)?\s*",
                           regex.IGNORECASE)
# ... and a value followed by another relation through such a word belongs to that one ("porte
# à 6 milliards la valorisation"); glued text ("2 983 M€Dividende") links nothing.
LINKED_AFTER = regex.compile(r"\s*(?:(?:de|d['’]|du|des|dans|pour|en|of|in|into|for)\s*(?:la|le|les|l['’]|the|its|son|sa|ses)?"
                             r"|(?:la|le|les|l['’]|the|its|son|sa|ses))\s*", regex.IGNORECASE)
# A bracket that holds only a short name ("(CPIH)", "(PNB)", "(EPS)") glosses the words
# before it: a cue in it speaks for the whole sentence, not for an aside.
GLOSS = regex.compile(r"[(\[]\s*[\p{L}\p{N}&.'’ -]{1,12}\s*[)\]]")
BRACKETS = regex.compile(r"\([^()]*\)|\[[^\[\]]*\]")
# ``relative-aside``: a relative clause between commas ("Les ventes de la marque, qui pèse
# près de la moitié des revenus du groupe, reculent de 4 %") is an aside: a cue in it
# binds only what it holds, as a cue in brackets does.
INCISE = regex.compile(r"(?<=,[^,;()]{0,80})\b(?:qui|dont|which|who|whose)\b[^,;()]*(?=,)", regex.IGNORECASE)
REPORTING = regex.compile(
    r"\b(?:a|ont|avait|have|has)?\s*(?:annonc|d[ée]clar|publi|indiqu|pr[ée]cis|affirm|confirm|rapport|said|says"
    r"|announc|report|told|stated|disclos)\w*\s+(?:on\s+|ce\s+|le\s+|last\s+|this\s+)?$",
    regex.IGNORECASE)
# A last clause that is a reporting verb and its source (", a révélé l'Insee mardi", ",
# a-t-elle annoncé", ", the company said on Tuesday"), up to the cue.
REPORTING_CLAUSE = regex.compile(
    r"""\W*(?:a|ont|avait|a-t-(?:il|elle)|ont-(?:ils|elles)|has|have|had)?[\s-]*(?:(?:[\p{L}'’-]+\s+){0,3})?
        (?:annonc|r[ée]v[ée]l|d[ée]clar|publi|indiqu|pr[ée]cis|affirm|confirm|said|says|announc|report|told|stated|disclos)\w*""",
    regex.IGNORECASE | regex.VERBOSE)
NEXT_WORD = regex.compile(r"[^\S\n]+([A-Za-z][a-z-]+)\b")  # on its line: a list's next item is not its noun
ENGLISH_FUNCTION_WORDS = frozenset("""
    a an the in on at by for from of to into onto with without over under above below about
    and or but nor so yet as than then that which who whom whose while when where after before
    since until through during between among per each every this these those its it his her
    their our your was were is are be been being has have had will would could should may might
    last next earlier later ago year years month months quarter quarters week weeks day days
    annually apiece more less plus worth up down compared versus vs
""".split())
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
    roles: Mapping[str, RoleReading] = field(default_factory=dict)
    """The role of each bound value (level, change with its direction, base)."""
    inherited: frozenset[str] = frozenset()
    """Kinds whose value comes from the sentence or the headline, not the frame: they may
    support a claim, never contradict it."""


@dataclass(frozen=True, slots=True)
class Reading:
    """What one relevant passage says about a claim, before judging."""

    passage: Passage
    sentence: int
    """The sentence's id in the index."""
    frames: tuple[Frame, ...]
    hedged: bool
    borrowed: bool
    """True when an entity is not named in the sentence but resolved (anaphora, topic)."""
    about: str = "entity-named"
    """The rule that says what the sentence is about (:mod:`claimcheck.entities`)."""
    query: ClaimQuery | None = None
    """The claim as read (its facets, their roles, the dates its sentence states)."""


def readings(claim: Claim, index: Index, query: ClaimQuery | None = None) -> Iterator[Reading]:
    """Every relevant passage of the corpus for ``claim``, with its frames, in corpus order.

    :param query: the claim as read against ``index``, when the run has it already.
    """
    query = query if query is not None else ClaimQuery(claim, index)
    for sid in query.candidates(index):
        reading = read(query, index, sid)
        if reading is not None:
            yield reading


def read(query: ClaimQuery, index: Index, sid: int) -> Reading | None:
    """The reading of sentence ``sid``, or None when it is not relevant."""
    passage = index.passage(sid)
    if scope.is_generic(passage.text):
        return None
    text = passage.document.text
    about_rule = _entities(query, index, sid)
    if about_rule is None:
        return None
    words = words_of(passage.document.text, passage.start, passage.end)
    if scope.set_aside(query, words, passage.document.lang or query.claim.lang):
        return None  # ``claim-part``, ``part-subject``: another part's figure, or the whole's
    entity_at = sorted(i for group in query.entities for i in entities.named_in(words.text, group))
    lang = passage.document.lang or query.claim.lang  # the article's words, in its language
    relations = index.lexicon.mentions(words.text, lang)
    found = {(span, span[1] - span[0] + 1 > len(cue.words)) for cue in query.cues for span in find_cue(cue, words.text)}
    cue_at = sorted({span for span, stretched in found
                     if not scope.inside_other_relation(span, relations, query.relations, stretched)
                     and not scope.glossed_as_other(span, relations, query.relations, words, text)})
    cue_at = [c for c in cue_at if not scope.is_denominator(text, words.spans[c[0]][0])
              and not scope.is_share_unit(c, words)
              and not (query.names_relation and scope.changes_a_rival(c, cue_at, relations, query.relations, words))]
    owned = [c for c in cue_at if scope.owned_by_other(c, query, words)]
    # A cue within a longer noun of the lexicon ("Consumer Prices" in "Consumer Prices
    # Index including…"), or around one ("total revenue" around "revenue"), is narrowed as
    # that noun is.
    nouns = {c: next(((m.first, m.last) for m in relations if m.first <= c[1] and c[0] <= m.last), None)
             for c in cue_at}
    parts = [c for c in cue_at if (scope.is_segment(nouns[c], query, words, text, lang) if nouns[c]
                                   else scope.event_of_other(c, query, words, text, relations))]
    cue_at = [c for c in cue_at if c not in owned and c not in parts]
    if not found and _takes_up_relation(query, index, sid, words, passage):
        cue_at = [(0, 0)]
    if not cue_at:
        return None
    # Another relation, or the claim's own relation owned by another entity or narrowed to a
    # part ("les ventes de Gucci"), competes for the values around it.
    cue_spans = [(words.spans[a][0], words.spans[b][1]) for a, b in cue_at]
    relations = [m for m in relations
                 if not changes_the_cue(text, words.spans[m.first][0], words.spans[m.last][1], cue_spans)]
    competitors = [(words.spans[m.first][0], words.spans[m.last][1]) for m in relations
                   if m.relation not in query.relations and not any(m.first <= b and a <= m.last for a, b in cue_at)
                   and not scope.is_denominator(text, words.spans[m.first][0])]
    # "the enterprise value of the takeover": a rival the claim sentence does not name itself
    measures = [(words.spans[m.first][0], words.spans[m.last][1]) for m in relations
                if m.relation not in query.relations | query.said]
    competitors += [(words.spans[a][0], words.spans[b][1]) for a, b in owned + parts]
    clauses = split_clauses(text, passage.start, passage.end)
    mentions, roles = bindable.by_role(index.mentions(sid), query, text, cue_spans, (passage.start, passage.end))
    values = sorted((m for found in index.mentions(sid).values() for m in found), key=lambda m: m.start)
    frames = _frames(cue_spans, clauses, mentions, words, entity_at, text,
                     passage.document.lang == "en", competitors, roles, measures, values)
    frames = [periods.without_base_dates(f, values, text, cue_spans) for f in frames
              if not scope.population_differs(text[f.start:f.end], query.populations)]
    frames = periods.with_context_period(frames, query, index, sid, mentions)
    frames = derived.with_derived_change(frames, query, values, text, index.matchers)
    return Reading(passage=passage, sentence=sid, frames=tuple(frames), hedged=is_hedged(passage.text),
                   borrowed=about_rule != "entity-named", about=about_rule, query=query)


PRONOUN = regex.compile(r"\W*(?:elle|elles|ils|it|they)\b(?!\s+y\b)", regex.IGNORECASE)


def _takes_up_relation(query: ClaimQuery, index: Index, sid: int, words: Words, passage: Passage) -> bool:
    """``relation-anaphora``: a sentence with no cue that opens with a pronoun ("Elles
    représentent 57,3 % du PIB") takes up the relation of the sentence before, when that
    one holds a cue and the pronoun opens on no relation of its own."""
    previous = index.previous(sid)
    if previous is None or not words.text or not PRONOUN.match(passage.text):
        return False
    own = [m for m in index.lexicon.mentions(words.text, passage.document.lang or query.claim.lang)
           if not scope.is_denominator(passage.document.text, words.spans[m.first][0])]
    if own:
        return False
    before = index.passage(previous)
    prior = words_of(before.document.text, before.start, before.end)
    return any(find_cue(cue, prior.text) for cue in query.cues)


def _entities(query: ClaimQuery, index: Index, sid: int) -> str | None:
    """The rule that makes the sentence about every claim entity (``entity-named`` when it
    names them all), or None when it is not about them. Read from the document's
    aboutness, computed once per document, before the sentence is tokenised."""
    rule = "entity-named"
    aboutness = _aboutness(query, index, sid) if query.entities else None
    for g, group in enumerate(query.entities):
        if g in aboutness.driven:
            return None  # ``entity-contributor``: "tirée par Colas" is not Colas's figure
        if g in aboutness.named or g in aboutness.cited:
            continue  # a source the claim itself names ("l'Insee a annoncé…") counts for it
        if g in aboutness.entities:
            rule = aboutness.rule
        elif _borrows(group, index, sid):
            rule = "entity-anaphora"
        elif query.part and any(query.part.intersection(form) for i in aboutness.named for form in query.known[i]):
            rule = "claim-part"  # "Globex Energie" is the energy arm of a claim on Globex's
        elif g > 0 and g in aboutness.topic:
            rule = "entity-counterpart"
        else:
            return None
    return rule


def _aboutness(query: ClaimQuery, index: Index, sid: int) -> entities.Aboutness:
    number = index.document_of(sid)
    sids = index.sentences_of(number)
    found = index.memo(number, query.known, lambda: entities.about(
        [index.passage(i).text for i in sids], query.known, index.lexicon.words(query.claim.lang)))
    return found[sid - sids.start]


def _borrows(group: Sequence[tuple[str, ...]], index: Index, sid: int) -> bool:
    """Does an anaphoric opening lead back, through a chain of anaphoric sentences, to a
    sentence naming the entity? ("Le numéro un du luxe… Le groupe dégage…")"""
    for _ in range(ANAPHORA_CHAIN):
        previous = index.previous(sid)
        if previous is None or not opens_anaphorically(index.passage(sid).text):
            return False
        before = tuple(t for t, _, _ in tokens(index.passage(previous).text))
        if any(find_phrase(words, before) for words in group):
            return True
        sid = previous
    return False


def _frames(cue_spans: list[tuple[int, int]], clauses: list[tuple[int, int]],
            mentions: Mapping[str, list[Mention]], words: Words, entity_at: list[int],
            text: str, english: bool, competitors: Sequence[tuple[int, int]] = (),
            roles: Mapping[int, RoleReading] | None = None, measures: Sequence[tuple[int, int]] = (),
            values: Sequence[Mention] = ()) -> list[Frame]:
    cue_clauses = {_clause_of(clauses, start) for start, _ in cue_spans}
    stops = cue_clauses | {i for i in {_clause_of(clauses, start) for start, _ in competitors}
                           if _opens_with_rival(clauses[i], competitors, mentions)}
    mentions = {kind: [m for m in found if not _attached_elsewhere(m, cue_spans, competitors, text, measures, english)]
                for kind, found in mentions.items()}
    frames = []
    asides = [m.span() for pattern in (BRACKETS, INCISE)
              for m in pattern.finditer(text, clauses[0][0], clauses[-1][1])] if clauses else []
    for cue in cue_spans:
        aligned = _respectively(cue, cue_spans, competitors, mentions, text, clauses)
        if aligned is not None:
            frames.append(_with_frame_roles(aligned, roles or {}))
            continue
        aside = next(((a, b) for a, b in asides if a <= cue[0] and cue[1] <= b
                      and not GLOSS.fullmatch(text, a, b)), None)
        if aside is not None:  # ``bracket-aside``, ``relative-aside``: a cue in an aside binds only it
            frames.append(_with_frame_roles(_bind(aside[0], aside[1], cue, mentions, text, aside[0], english),
                                            roles or {}))
            continue
        ci = _clause_of(clauses, cue[0])
        if ci == len(clauses) - 1 and ci > 0 and REPORTING_CLAUSE.match(text, clauses[ci][0], cue[1]):
            # ``reported-statement``: ", a révélé l'Insee mardi" reports the whole sentence
            whole = _bind(clauses[0][0], clauses[ci][1], cue, mentions, text, cue[0], english)
            frames.append(_with_frame_roles(whole, roles or {}))
            continue
        first = ci
        while first > 0 and first - 1 not in cue_clauses and _is_adverbial(clauses[first - 1], mentions, words, values):
            first -= 1
        opening = _opening(clauses, first, ci, text, words)
        main = _bind(clauses[first][0], clauses[ci][1], cue, mentions, text, opening, english)
        main, siblings = _continue(main, ci, cue, stops, clauses, mentions, words, entity_at,
                                   text, opening, english, competitors)
        frames += [_with_frame_roles(f, roles or {}) for f in (main, *siblings)]
    return frames


RESPECTIVELY = regex.compile(r"\b(?:respectivement|respectively)\b", regex.IGNORECASE)


def _respectively(cue: tuple[int, int], cues: Sequence[tuple[int, int]], competitors: Sequence[tuple[int, int]],
                  mentions: Mapping[str, list[Mention]], text: str, clauses: list[tuple[int, int]]) -> Frame | None:
    """``respectively``: "le taux directeur et le taux du prêt marginal
    s'établissent respectivement à 3,15 % et 3,4 %": the n-th item coordinated before the word
    in its clause takes the n-th value after it."""
    if not clauses:
        return None
    found = RESPECTIVELY.search(text, cue[1], clauses[-1][1])
    if found is None:
        return None
    start = clauses[_clause_of(clauses, found.start())][0]
    if not start <= cue[0] < found.start():
        return None
    cuts = [start] + [m.end() for m in COORDINATION.finditer(text, start, found.start())] + [found.start()]
    items = [(a, b) for a, b in zip(cuts, cuts[1:])]
    index = next((i for i, (a, b) in enumerate(items) if a <= cue[0] < b), None)
    if index is None or len(items) < 2:
        return None
    bound = {}
    for kind, values in mentions.items():
        after = [m for m in values if m.start >= found.end()]
        if len(after) == len(items):
            bound[kind] = after[index]
    if not bound:
        return None
    return Frame(start=cue[0], end=max(m.end for m in bound.values()), bound=bound)


# English puts a value before the noun it measures: "a 4.1p per share interim dividend".
PREMODIFIES = regex.compile(r"(?:\s+(?:per|a)\s+share)?(?:\s+(?!(?:on|in|of|for|from|to|at|by|with|and|or|as|than|after|before|over)\b)[a-z-]+){0,2}\s+")
COORDINATION = regex.compile(r"\s(?:et|and)\s|,\s", regex.IGNORECASE)


def _opens_with_rival(clause: tuple[int, int], competitors: Sequence[tuple[int, int]],
                      mentions: Mapping[str, list[Mention]]) -> bool:
    """A clause where another relation comes before every value is that relation's: it ends
    the frame. ("2 983 M€, dividende : 14 €" continues up to the rival, which takes the 14 €.)"""
    rival = min(s for s, _ in competitors if clause[0] <= s < clause[1])
    values = [m.start for found in mentions.values() for m in _inside(found, *clause)]
    return not values or rival < min(values)


def _with_frame_roles(frame: Frame, roles: Mapping[int, RoleReading]) -> Frame:
    return dataclasses.replace(frame, roles={k: roles[m.start] for k, m in frame.bound.items() if m.start in roles})


def _attached_elsewhere(mention: Mention, cues: Sequence[tuple[int, int]],
                        competitors: Sequence[tuple[int, int]], text: str,
                        measures: Sequence[tuple[int, int]] = (), english: bool = False) -> bool:
    """``relation-competes``: a value belongs to the nearest relation phrase before it in its
    clause stretch, else to the nearest after it. A value that a competing relation claims
    that way (it stands between the competitor and the cue, or right after the competitor)
    is not the cue's."""
    def before(span):
        return span[1] <= mention.start and not STRETCH_ENDS.search(text, span[1], mention.start)
    def after(span):
        return mention.end <= span[0] and not STRETCH_ENDS.search(text, mention.end, span[0])
    cue_before = [c[1] for c in cues if before(c)]
    rival_before = [c[1] for c in competitors if before(c)]
    # "counting debt, the enterprise value of the takeover is $12 billion": a cue that is
    # the complement of a rival before it is what the rival measures, not the value's owner
    if cue_before and any(COMPLEMENT.fullmatch(text, r[1], c[0]) for r in measures
                          for c in cues if before(c) and r[1] <= c[0]):
        return True
    linked = any(c[0] >= mention.end and (LINKED.fullmatch(text, mention.end, c[0]) or (
        english and PREMODIFIES.fullmatch(text, mention.end, c[0]))) for c in cues)
    if not linked and any(r[0] >= mention.end and LINKED_AFTER.fullmatch(text, mention.end, r[0]) for r in competitors):
        return True  # "porte à 6 milliards la valorisation": the value is the next relation's
    # A rival after a cue in the same stretch is the cue's complement ("tablaient sur une
    # inflation de 2,7 %", "rumeurs d'un investissement de 10 milliards"): the value stays.
    if rival_before and not linked and not cue_before:
        return True
    if cue_before:
        return False
    cue_after = [c[0] for c in cues if after(c)]
    rival_after = [c[0] for c in competitors if after(c)]
    return bool(rival_after) and (not cue_after or min(rival_after) < min(cue_after))


def _continue(main: Frame, ci: int, cue: tuple[int, int], cue_clauses: set[int],
              clauses: list[tuple[int, int]], mentions: Mapping[str, list[Mention]], words: Words,
              entity_at: list[int], text: str, opening: int, english: bool,
              competitors: Sequence[tuple[int, int]] = ()) -> tuple[Frame, list[Frame]]:
    """Rule 3: the clauses after the cue's that join its frame, or make ellipsis frames."""
    siblings = []
    after_connector = False  # "en hausse de 5 % en publié | et de 8 % en organique"
    for j in range(ci + 1, len(clauses)):
        start, end = clauses[j]
        # "un chiffre d'affaires de 12 milliards, en croissance organique de 7 %": a cue's
        # change clause that connects still continues the level's frame
        if j in cue_clauses and not (CONNECTOR.match(text, start, end)
                                     and not any(start <= a < end for a, _ in competitors)):
            break
        connects = CONNECTOR.match(text, start, end) or (after_connector and COORDINATED_CHANGE.match(text, start, end))
        after_connector = bool(connects)
        kinds_here = {k for k, found in mentions.items() if _inside(found, start, end)}
        if not kinds_here:
            continue
        if not main.bound or text[main.end - 1] == ":":  # a colon announces what follows
            main = _bind(main.start, end, cue, mentions, text, opening, english)
            continue
        if (kinds_here & set(main.bound) and _is_elliptic(clauses[j], mentions, words)
                and not _parallel(main, cue, clauses[j], words, entity_at)):
            siblings.append(_bind(start, end, (start, start), mentions, text, english=english))
            continue
        # "en hausse de 7 % par rapport à 2021": the base's date is the base's, not a rival
        adding = {k for k, found in mentions.items()
                  if any(role_of(text, m).role is not Role.BASE for m in _inside(found, start, end))}
        # (a change clause right after the frame only: past another clause it is that one's)
        changes = {} if connects or clauses[j - 1][1] > main.end else _changes(clauses[j], mentions, text)
        if not adding & set(main.bound) and (connects or changes) and not set(changes) & set(main.bound) \
                and not any(cue[1] <= a < end for a, _ in competitors):
            more = _bind(start, end, (start, start), mentions, text, english=english)
            bound = more.bound if connects else {k: m for k, m in more.bound.items() if k in changes}
            main = dataclasses.replace(main, end=end, bound={**bound, **main.bound},
                                       restated={**more.restated, **main.restated})
            continue
        break
    return main, siblings


# ``continuation-connector``: level, change and base travel together. A clause opening with
# one of these adds the kinds the frame lacks ("a progressé de 4,3 %, pour atteindre 12,6
# milliards", "rose 8%, to $4.2 billion", "à 12,4 milliards, en hausse de 6 %", a signed
# change after the level: "8,7 milliards d'euros, +6,2 %"). A base
# ("contre 26,7 % l'an dernier") is not one: its date is the base's.
CONNECTOR = regex.compile(
    r"""\W*(?:pour\s+(?:atteindre|s['’]établir|ressortir|totaliser|se\s+situer)|à|soit|to|reaching|at
        |en\s+(?:(?:forte|nette|légère|léger|net|fort|faible|petite?|très)\s+)?(?:hausse|baisse|recul|progression|repli|augmentation|diminution|croissance|progrès)|up|down|(?:for|pour)\s+(?:[\p{L}\p{N}-]+\s+){1,3}?(?:to|à))\b
        |\W*[+−]\s*\d
        # ", 4% lower than a year earlier", ", 8 % de plus qu'en 2021": a change after the level
        |\W*(?:about\s+|around\s+|some\s+|environ\s+)?\d[\d.,\s]{0,8}?\s?(?:%|per\s?cent|percent)\s+
            (?:higher|lower|more|less|up|down|de\s+plus|de\s+moins|en\s+hausse|en\s+baisse)\b""",
    regex.IGNORECASE | regex.VERBOSE)
# A clause coordinated with a connector's ("en hausse de 5 % en publié et de 8 % en organique")
# connects as it does: the other value of the same change, on another basis.
COORDINATED_CHANGE = regex.compile(r"\W*(?:et|and)\s+(?:de|d['’]|by|of)\s*[+−-]?\s*\d", regex.IGNORECASE)
ELLIPSIS_WORDS = 5
"""An ellipsis clause ("et 2 milliards supplémentaires en 2021") has few words besides its
values; a longer clause ("portant à plus d'un milliard le montant total levé") says something
of its own and does not borrow the cue."""


def _changes(clause: tuple[int, int], mentions: Mapping[str, list[Mention]], text: str) -> dict[str, Mention]:
    """``continuation-change``: a clause holding a change and no other level ("…, which amounts
    to a 150 percent gain from $3.6 billion a year before") gives the frame its change,
    and only that (the base and its date stay the base's). The change of each kind, or {}."""
    roles = {m: role_of(text, m).role for found in mentions.values() for m in _inside(found, *clause)}
    if any(role is Role.LEVEL and m.kind != "date" for m, role in roles.items()):
        return {}
    return {m.kind: m for m, role in roles.items() if role is Role.CHANGE}


def _is_elliptic(clause: tuple[int, int], mentions: Mapping[str, list[Mention]], words: Words) -> bool:
    start, end = clause
    values = [m for found in mentions.values() for m in _inside(found, start, end)]
    loose = [s for s in words.spans if start <= s[0] < end and not any(m.start <= s[0] < m.end for m in values)]
    return len(loose) <= ELLIPSIS_WORDS


def _opening(clauses: list[tuple[int, int]], first: int, ci: int, text: str, words: Words) -> int:
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


def _is_adverbial(clause: tuple[int, int], mentions: Mapping[str, list[Mention]], words: Words,
                  every: Sequence[Mention] = ()) -> bool:
    """A short clause made of values and at most a few words ("En juillet 2019,", "À 14,1
    milliards contre 14 milliards en 2022,": a base that cannot bind is still no loose word)."""
    start, end = clause
    values = [m for found in mentions.values() for m in _inside(found, start, end)]
    if not values:
        return False
    values += _inside(list(every), start, end)
    loose = [s for s in words.spans if start <= s[0] < end and not any(m.start <= s[0] < m.end for m in values)]
    return len(loose) <= ADVERBIAL_WORDS


# ", soit 2 milliards", "or $3.72 a share": a restatement of the value before it, past the comma
RESTATING = regex.compile(r"\s*(?:or|soit|ou)\s+(?:about\s+|environ\s+|près\s+de\s+)?[$€£]?\d", regex.IGNORECASE)


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
    not the relation before it. A date so placed still dates the relation ("for the 2024/25
    financial year")."""
    if mention.kind == "date":
        return False
    following = NEXT_WORD.match(text, mention.end)
    if not following:
        return False
    word = following.group(1).lower()
    # "the £3.1 billion made in 2024", "$4.4 billion reported a year earlier": a verb, unless
    # an article makes the whole a noun phrase ("a $3 billion planned takeover")
    if scope.is_english_verb(word) and not ARTICLE_BEFORE.search(text, max(0, mention.start - 4), mention.start):
        return False
    # "4% lower than", "8% up": a direction word is no noun; "a 150 percent year-over-year
    # gain": a change noun is the value's own
    return word not in ENGLISH_FUNCTION_WORDS and not is_direction(word) \
        and role_of(text, mention).rule != "role-change-noun"


ARTICLE_BEFORE = regex.compile(r"\b(?:a|an)\s+$", regex.IGNORECASE)


def _after_limit(start: int, end: int, cue: tuple[int, int], mentions: Mapping[str, list[Mention]],
                 text: str) -> int:
    """How far after the cue values bind: to the next comma when the cue's own stretch
    between commas already holds a value, else to the end of the frame. A restatement
    after the comma (", or 0.2 percent", ", soit 2 milliards") stays in the stretch."""
    comma = STRETCH_ENDS.search(text, cue[1], end) if text else None
    while comma is not None and RESTATING.match(text, comma.end(), end):
        comma = STRETCH_ENDS.search(text, comma.end(), end)
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


def _parallel(main: Frame, cue: tuple[int, int], clause: tuple[int, int], words: Words,
              entity_at: list[int]) -> bool:
    """Does ``clause`` repeat the preposition that attributes the frame's value?"""
    first_value = min(m.start for m in main.bound.values())
    heads = [i for i, span in enumerate(words.spans) if span[0] == cue[0]] + entity_at
    preps = {_preposition_before(i, words) for i in heads if words.spans[i][0] > first_value}
    preps.discard(None)
    inside = {ATTRIBUTION.get(words.text[i]) for i, span in enumerate(words.spans)
              if clause[0] <= span[0] < clause[1]}
    return bool(preps & inside)


def _preposition_before(i: int, words: Words) -> str | None:
    j = i - 1
    while j >= 0 and words.text[j] in DETERMINERS and words.text[j] not in ATTRIBUTION:
        j -= 1
    return ATTRIBUTION.get(words.text[j]) if j >= 0 else None
