"""The claim as the reader sees it: its entities, relation, cues, and the role of each value.

A claim sentence is read by the rules that read articles: its values get a role
(:mod:`claimcheck.roles`), its cues a relation (:mod:`claimcheck.relations`), its entities
their name forms (:mod:`claimcheck.entities`). What the analyst wrote (``about``, ``cues``,
``expect``) is what is searched for; the reading only adds what the sentence says of it.
"""
from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Mapping

from . import entities, scope
from .inference import states
from .matchers import Agreement
from .model import Claim, Expected, Mention
from .roles import FORECAST_CUE, Role, RoleReading, is_direction, per_share, role_of
from .relations import LANGS
from .words import Cue, find_cue, tokens

if TYPE_CHECKING:
    from .index import Index
    from .relations import Lexicon


class ClaimQuery:
    """A claim's entities, cues and value roles in the form the index is searched with."""

    def __init__(self, claim: Claim, index: Index | None = None) -> None:
        self.claim = claim
        self.entities = [entities.name_forms(group) for group in claim.about]
        others = tuple(entities.name_forms(group) for group in claim.others)
        self.known = tuple(self.entities) + others
        # An entity the claim sentence itself names ("la filiale d'Ubisoft") is part of the
        # claim, not a rival owner of its figures.
        stated = stated_words = [t for t, _, _ in tokens(claim.text)]
        self.stated = frozenset(stated) | {t for cue in claim.cues for t, _, _ in tokens(cue)}
        lexicon = index.lexicon if index is not None else None
        lang = claim.lang
        named = [(cue, lexicon.relation_of(cue, lang)) for cue in claim.cues] if lexicon else []
        self.relations = {r for _, (r, _) in named if r}
        self.said = frozenset(m.relation for m in lexicon.mentions(stated, lang)) if lexicon else frozenset()
        """The relations the claim sentence names, cue or not ("Les prix de l'énergie"): a
        passage's phrase of one of them is the claim's words, not a rival's."""
        synonyms = [p for _, (r, noun) in named if r for p in _synonyms(lexicon, r, lang, noun)]
        every = list(dict.fromkeys([*claim.cues, *synonyms]))
        # ``basis-cue``: "annual", "12 months", "seasonally adjusted" say how a value is
        # measured, not which relation it belongs to; they bind no value unless no other cue
        # is left (the basis itself is read from the claim sentence)
        self.cues = [Cue(text) for text in ([c for c in every if not scope.is_basis_cue(c)] or every)]
        self.names_relation = any(cue.words and not is_direction(cue.words[0]) for cue in self.cues)
        self.on_forecast = any(FORECAST_CUE.search(cue) for cue in claim.cues)
        """Does a cue name a relation, not only a direction ("hausse", "up")? (``change-noun``)"""
        matchers = index.matchers if index is not None else {}
        stated = stated_values(claim, matchers)
        self.roles = claim_roles(claim, stated)
        self.expect = sentence_expect(claim, stated)
        """The facets as the sentence reads them (:func:`sentence_expect`)."""
        self.per_share = {f.kind: _claim_per_share(claim, f, stated) for f in claim.expect if f.kind == "amount"}
        named_words = frozenset(w for group in self.entities for form in group
                                if entities.named_in(stated_words, [form]) for w in form)
        self.part = scope.claim_part(claim.text, lang, named_words, lexicon.words(lang) if lexicon else frozenset())
        """The word naming the part of the business the claim is about, for ``claim-part``."""
        # A subsidiary named after the claim's part ("Globex Marine") is that part, no rival.
        self.rivals = tuple(forms for forms in others if not entities.named_in(stated_words, forms)
                            and not any(self.part.intersection(form) for form in forms))
        self.populations = scope.populations(claim.text)
        """The parts of the population the claim sentence names, for ``population``."""
        everything = sorted(stated.values(), key=lambda m: m.start)
        self.bases = {kind: scope.bases_around(m, claim.text, (0, len(claim.text)), everything)
                      for kind, m in stated.items()}
        """The basis of each value the claim sentence states (constant currency, comparable;
        monthly, yearly), for ``measure-basis``; of a value it does not state, the sentence's
        (:meth:`basis`)."""
        self._sentence_bases = scope.bases_of(claim.text)
        self.dates = _sentence_dates(claim, matchers)
        """Every date the claim sentence states, expected or not: a passage's date that
        agrees with one of them is the same event."""

    def basis(self, kind: str) -> dict[str, str]:
        """The basis the claim states its value of ``kind`` on, for ``measure-basis``."""
        return self.bases.get(kind, self._sentence_bases)

    def candidates(self, index: Index) -> list[int]:
        """Sentence ids that may be relevant, before positions are checked: the sentences
        holding a cue in the documents that name every entity. Entities are rarer than cues,
        so they narrow first, and a document's sentences are looked at only when it names them
        (a sentence may be about an entity it does not name: :mod:`claimcheck.entities`)."""
        if not self.cues:
            return []
        documents: set[int] | None = None
        for group in self.entities:
            named = set().union(*(index.with_all(words) for words in group))
            docs = {index.document_of(sid) for sid in named}
            documents = docs if documents is None else documents & docs
            if not documents:
                return []
        within = (range(len(index)) if documents is None
                  else [sid for number in sorted(documents) for sid in index.sentences_of(number)])
        found = set().union(*(index.with_cue(cue, within=within) for cue in self.cues))
        # a sentence right after one with a cue may take it up with a pronoun ("Elles
        # représentent 57,3 % du PIB"): ``relation-anaphora``
        after = {sid + 1 for sid in found if index.previous(sid + 1) == sid}
        return sorted(found | after)


def _synonyms(lexicon: "Lexicon", relation: str, lang: str, noun: bool) -> list[str]:
    """``relation-synonym``: a noun cue stands for its relation's nouns, in every language,
    so that a claim in English finds an article in French. A verb is more particular
    ("investirait" is not every "investissement") and stands for its relation's verbs of its
    own language only ("a investi" is "a injecté"); a verb of the other language would
    not do, its stem finding this one's inflections ("injected" finds "injecte")."""
    if not noun:
        return list(lexicon.verbs(lang).get(relation, ()))
    return [p for other in (lang, *(o for o in LANGS if o != lang)) for p in lexicon.relations(other).get(relation, ())]


def _sentence_dates(claim: Claim, matchers: Mapping[str, object]) -> tuple[Mention, ...]:
    found = []
    for kind, matcher in matchers.items():
        if getattr(matcher, "marks_event", False):
            try:
                found += list(matcher.extract(claim.text, lang=claim.lang, ref_date=None))
            except Exception:  # reported when the claim is judged
                pass
    return tuple(found)


def stated_values(claim: Claim, matchers: Mapping[str, object]) -> dict[str, Mention]:
    """Each expected value as the claim sentence states it (same magnitude, whatever the
    sign), read by the same matchers as the articles; a kind the sentence does not state is
    left out."""
    stated = {}
    for facet in claim.expect:
        matcher = matchers.get(facet.kind)
        if matcher is None:
            continue
        try:
            found = [m for m in matcher.extract(claim.text, lang=claim.lang, ref_date=None)
                     if states(matcher, facet, m) is Agreement.MATCH]
        except Exception:  # a failing matcher is reported when the claim is judged
            continue
        if found:
            stated[facet.kind] = found[0]
    return stated


def claim_roles(claim: Claim, stated: Mapping[str, Mention]) -> dict[str, RoleReading]:
    """The role of each expected value, read in the claim sentence by the rules that read
    articles (:mod:`claimcheck.roles`): "a progressé de 8 %" is a change, "$4.2 billion" a
    level. A value written with a sign ("-4 %") is a change in that direction. A value the
    sentence does not state has no role: it binds a level or a change alike."""
    roles = {}
    cues = [span for cue in claim.cues for span in _char_spans(Cue(cue), claim.text)]
    for facet in claim.expect:
        signed = role_of(facet.text, Mention(kind=facet.kind, start=0, end=len(facet.text),
                                               text=facet.text, value=facet.value))
        if signed.role is Role.CHANGE:
            roles[facet.kind] = signed
        if facet.kind in stated:
            read = role_of(claim.text, stated[facet.kind], cues)
            # the sentence says which ("à -4,6 %" is a level), but a signed forecast stays a
            # change ("anticipe une hausse de 7 %" with expect "+7 %")
            if read.role is not Role.BASE and not (read.role is Role.EXPECTED and signed.role is Role.CHANGE) \
                    and not _signed_by_analyst(claim.text, stated[facet.kind], read, signed):
                roles[facet.kind] = read
    return roles


# A sign, or a word that makes the value a level reached ("à 4,6 %", "at a 2.6% rate").
_SAID_LEVEL = re.compile(r"(?:[+−-]\s*|\b(?:à|to|at)\s+(?:an?\s+)?)$", re.IGNORECASE)


def _signed_by_analyst(text: str, mention: Mention, read: RoleReading, signed: RoleReading) -> bool:
    """``claim-signed-change``: a sign the analyst puts on the expected value alone ("a perdu
    12,3 %" with expect "-12,3 %") makes it a change that the sentence's words do not name,
    unless the sentence writes the sign too or says the value is a level reached."""
    return read.rule == "role-level" and signed.role is Role.CHANGE \
        and not _SAID_LEVEL.search(text, max(0, mention.start - 8), mention.start)


def sentence_expect(claim: Claim, stated: Mapping[str, Mention]) -> tuple[Expected, ...]:
    """``claim-qualifier``: the facets, with the bound the sentence puts on a value the
    facet writes bare ("détient plus de 45 %" with ``expect: 45 %`` is more than 45 %)."""
    out = []
    for facet in claim.expect:
        said = stated.get(facet.kind)
        bare = getattr(facet.value, "qualifier", None) == "exact"
        if said is not None and bare and getattr(said.value, "qualifier", "exact") in ("min", "max", "approx") \
                and not _SIGNED_TEXT.match(facet.text):
            facet = dataclasses.replace(facet, value=said.value)
        out.append(facet)
    return tuple(out)


_SIGNED_TEXT = re.compile(r"\s*[+\-−–]")


def _claim_per_share(claim: Claim, facet: Expected, stated: Mapping[str, Mention]) -> bool:
    alone = Mention(kind=facet.kind, start=0, end=len(facet.text), text=facet.text, value=facet.value)
    said = stated.get(facet.kind)
    return per_share(facet.text, alone, 0) or (said is not None and per_share(claim.text, said, 0))


def _char_spans(cue: Cue, text: str) -> list[tuple[int, int]]:
    found = list(tokens(text))
    words = tuple(t for t, _, _ in found)
    return [(found[a][1], found[b][2]) for a, b in find_cue(cue, words)]
