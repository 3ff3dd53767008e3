"""Who each sentence is about: entity mentions, their short forms, and the salient entity.

Journalists name a company once, in the headline or the lead, and then write "le groupe",
"the company", "Son résultat net", or a bare list of figures ("Chiffre d'affaires : …"). A
sentence is therefore about an entity by one of these rules, tried in order (their names
appear in ``claimcheck explain``):

``entity-named``
    The sentence names the entity: its name, an alias from the claim file's ``entities:``
    glossary, or a short form of either (the name without a legal or group word: "Nvidia"
    for "Nvidia Corp.", "Globex" for "Globex Industries Inc.", "Kering" for "groupe Kering").
``entity-description``
    It names a known entity, but a definite description of a company comes first ("le
    bénéfice net du groupe qui possède Gucci"): it is about the entity the description
    refers to (by the anaphora or topic rule) as well as the ones it names.
``entity-anaphora``
    It names no known entity and opens with a pronoun, a possessive or a definite
    description ("Il", "Son résultat net", "Le groupe", "The company", "Its margin"): it is
    about the entity the nearest sentence before it names first (its subject), at most
    ``ANAPHORA_REACH`` sentences back; further away, the topic rule decides.
``entity-topic``
    It names no known entity and opens with none of these: it is about the document's topic,
    the known entities its headline names, else those its lead (the first ``LEAD`` sentences)
    names. A press release names its issuer in the title and then lists "Résultat net :
    2 983 M€".

*Known entities* are the claim's ``about`` entities and every other entity of its claim
file's glossary. A sentence that names another known entity is about that one only, so a
figure for Gucci in an article about Kering is not Kering's.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from .words import description_at, opens_anaphorically, phrase, tokens

ANAPHORA_REACH = 3
"""How many sentences back a pronoun or definite description may look for its entity."""
LEAD = 3
"""How many sentences after the headline form the lead, when the headline names no entity."""

# Words that dress a name without being part of it: legal forms and group words, at either
# end ("groupe Kering", "Globex Industries Inc.", "The Walt Disney Company").
_DRESSING = frozenset("""
    inc incorporated corp corporation co company cie ltd limited plc llc lp sa sas se ag nv bv
    spa ab asa oyj group groupe holding holdings industries international technologies the le la les
""".split())


@dataclass(frozen=True, slots=True)
class Aboutness:
    """What one sentence is about, and by which rule."""

    entities: frozenset[int]
    """Indexes of the known entity groups the sentence is about."""
    rule: str
    """``entity-named``, ``entity-description``
    It names a known entity, but a definite description of a company comes first ("le
    bénéfice net du groupe qui possède Gucci"): it is about the entity the description
    refers to (by the anaphora or topic rule) as well as the ones it names.
``entity-anaphora``, ``entity-topic`` or ``entity-none``."""
    source: int | None = None
    """For anaphora and topic: the sentence (index in the document) the entities come from."""


def name_forms(names: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """The token sequences that name one entity: each name and alias, and its short form."""
    forms: dict[tuple[str, ...], None] = {}
    for name in names:
        words = phrase(name)
        if not words:
            continue
        forms[words] = None
        short = list(words)
        while len(short) > 1 and short[-1] in _DRESSING:
            short.pop()
        while len(short) > 1 and short[0] in _DRESSING:
            short.pop(0)
        forms[tuple(short)] = None
    return tuple(forms)


def named_in(words: Sequence[str], forms: Sequence[tuple[str, ...]]) -> list[int]:
    """Token indexes where any of ``forms`` starts in ``words``."""
    found = []
    for form in forms:
        size = len(form)
        found += [i for i in range(len(words) - size + 1) if tuple(words[i:i + size]) == form]
    return sorted(found)


def about(sentences: Sequence[str], groups: Sequence[Sequence[tuple[str, ...]]]) -> list[Aboutness]:
    """What each sentence of one document is about, by the rules of the module docstring.

    :param sentences: the document's sentences in order, the headline first.
    :param groups: the name forms of each known entity (see :func:`name_forms`).
    """
    firsts = [_named(sentence, groups) for sentence in sentences]
    named = [list(first) for first in firsts]
    topic, topic_at = _topic(named)
    out = []
    for i, sentence in enumerate(sentences):
        description = description_at(sentence)
        if named[i] and description is not None and description < min(firsts[i].values()):
            described = _antecedent(named, i) or Aboutness(entities=topic, rule="entity-topic", source=topic_at)
            out.append(Aboutness(entities=frozenset(named[i]) | described.entities, rule="entity-description",
                                 source=described.source))
        elif named[i]:
            out.append(Aboutness(entities=frozenset(named[i]), rule="entity-named"))
        elif opens_anaphorically(sentence) and (antecedent := _antecedent(named, i)):
            out.append(antecedent)
        elif topic:
            out.append(Aboutness(entities=topic, rule="entity-topic", source=topic_at))
        else:
            out.append(Aboutness(entities=frozenset(), rule="entity-none"))
    return out


def _named(sentence: str, groups: Sequence[Sequence[tuple[str, ...]]]) -> dict[int, int]:
    """The known entities a sentence names → the offset of the first naming, in order (the
    subject, named first, first)."""
    found = list(tokens(sentence))
    words = [t for t, _, _ in found]
    first = {g: found[min(at)][1] for g, forms in enumerate(groups) if (at := named_in(words, forms))}
    return dict(sorted(first.items(), key=lambda item: item[1]))


def _topic(named: list[list[int]]) -> tuple[frozenset[int], int | None]:
    for i in range(min(len(named), LEAD + 1)):
        if named[i]:
            return frozenset(named[i]), i
    return frozenset(), None


def _antecedent(named: list[list[int]], i: int) -> Aboutness | None:
    for j in range(i - 1, max(-1, i - 1 - ANAPHORA_REACH), -1):
        if named[j]:
            return Aboutness(entities=frozenset(named[j][:1]), rule="entity-anaphora", source=j)
    return None
