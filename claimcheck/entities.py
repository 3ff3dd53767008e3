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
    chiffre d'affaires du groupe qui possède la marque"): it is about the entity the description
    refers to (by the anaphora or topic rule) as well as the ones it names.
``entity-anaphora``
    It names no known entity and opens with a pronoun, a possessive or a definite
    description ("Il", "Son résultat net", "Le groupe", "The company", "Its margin"): it is
    about the entity the nearest sentence before it names first (its subject), at most
    ``ANAPHORA_REACH`` sentences back; further away, the topic rule decides.
``entity-other-name``
    It names no known entity and opens with a proper name ("Initrode a réalisé…"): it is
    about that other company, whether or not the claim file knows it.
``entity-topic``
    It names no known entity and opens with none of these: it is about the document's topic,
    the known entities its headline names, else those its lead (the first ``LEAD`` sentences)
    names, unless that sentence opens with another name ("Initrode dépasse Globex"); when
    neither names anyone ("Résultats annuels 2024"), the one known entity the document
    names, if it names only one. A press release names its issuer in the title and then lists "Résultat net :
    2 983 M€".

``entity-source``
    An entity named as the source of the statement ("selon l'Insee", "a révélé l'Insee
    mardi", "according to the ONS") does not make the sentence about it.
``entity-contributor``
    An entity named as what drove a figure ("tirée par Colas", "driven by its cloud unit",
    "grâce à Gucci") contributed to it: the sentence's figures are not that entity's.
``entity-longest-name``
    A known name that opens a longer known name ("Globex" in "Globex Energie") names that
    subsidiary or division, not the parent; unless the longer name is an institution "of" a
    place ("Bank of Canada", "Banque de France"), which still names the place.
``entity-counterpart``
    For a claim on two or more entities (a deal, a stake), once a sentence is about the
    first one the others may come from the document's topic ("Veolia propose 18 euros par
    action", in an article whose headline names Suez and Engie).

*Known entities* are the claim's ``about`` entities and every other entity of its claim
file's glossary. A sentence that names another known entity is about that one only, so a
figure for Gucci in an article about Kering is not Kering's.
"""
from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from typing import Mapping, Sequence

import regex

from .words import FOLD, described_early, description_at, opens_anaphorically, phrase, tokens

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
    chiffre d'affaires du groupe qui possède la marque"): it is about the entity the description
    refers to (by the anaphora or topic rule) as well as the ones it names.
``entity-anaphora``, ``entity-topic`` or ``entity-none``."""
    source: int | None = None
    """For anaphora and topic: the sentence (index in the document) the entities come from."""
    named: frozenset[int] = frozenset()
    """The known entities the sentence names itself."""
    topic: frozenset[int] = frozenset()
    """The document's topic (what its headline or lead names), whatever the sentence says."""
    cited: frozenset[int] = frozenset()
    """The known entities it names only as its source ("selon l'Insee")."""
    driven: frozenset[int] = frozenset()
    """The known entities it names as what drove a figure ("tirée par Colas"): it is about
    them (their name keeps the topic out), but the figure is not theirs."""


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


def about(sentences: Sequence[str], groups: Sequence[Sequence[tuple[str, ...]]],
          common: frozenset[str] = frozenset()) -> list[Aboutness]:
    """What each sentence of one document is about, by the rules of the module docstring.

    :param sentences: the document's sentences in order, the headline first.
    :param groups: the name forms of each known entity (see :func:`name_forms`).
    :param common: folded words that are never names (the relation lexicon's).
    """
    by_first = _first_words(tuple(tuple(forms) for forms in groups))
    both = [_named(sentence, by_first) for sentence in sentences]
    firsts = [named for named, _, _ in both]
    named = [list(first) for first in firsts]
    ordinary = not_names(sentences)
    subjects = [_unknown_subject(sentence, ordinary, common) for sentence in sentences]
    topic, topic_at = _topic(named, subjects, firsts)
    out = [dataclasses.replace(a, topic=topic, cited=cited, driven=driven)
           for a, (_, cited, driven) in zip(_each(sentences, named, firsts, subjects, topic, topic_at), both)]
    return out


def _each(sentences: Sequence[str], named: list[list[int]], firsts: list[dict[int, int]],
          subjects: list[int | None], topic: frozenset[int], topic_at: int | None) -> list[Aboutness]:
    """The rules of the module docstring, sentence by sentence."""
    out = []
    for i, sentence in enumerate(sentences):
        if not named[i] and subjects[i] is not None:
            out.append(Aboutness(entities=frozenset(), rule="entity-other-name"))
            continue
        description = description_at(sentence)
        if named[i] and description is not None and description < min(firsts[i].values()):
            described = _antecedent(named, i) or Aboutness(entities=topic, rule="entity-topic", source=topic_at)
            out.append(Aboutness(entities=frozenset(named[i]) | described.entities, rule="entity-description",
                                 source=described.source, named=frozenset(named[i])))
        elif named[i]:
            out.append(Aboutness(entities=frozenset(named[i]), rule="entity-named", named=frozenset(named[i])))
        elif opens_anaphorically(sentence) and (antecedent := _antecedent(named, i)):
            out.append(antecedent)
        elif topic:
            out.append(Aboutness(entities=topic, rule="entity-topic", source=topic_at))
        else:
            out.append(Aboutness(entities=frozenset(), rule="entity-none"))
    return out


def _named(sentence: str, by_first: Mapping[str, Sequence[tuple[int, tuple[str, ...]]]]
           ) -> tuple[dict[int, int], frozenset[int], frozenset[int]]:
    """The known entities a sentence names → the offset of the first naming, in order (the
    subject, named first, first); those it names only as its source (``entity-source``); and
    those it names as what drove a figure (``entity-contributor``)."""
    found = list(tokens(sentence))
    words = [t for t, _, _ in found]
    first: dict[int, int] = {}
    sources: set[int] = set()
    driven: set[int] = set()
    covered = 0
    for i, word in enumerate(words):
        here = [(g, form) for g, form in by_first.get(word, ()) if tuple(words[i:i + len(form)]) == form]
        if not here:
            continue
        longest = max(here, key=lambda found: len(found[1]))[1]
        if i + len(longest) <= covered:
            continue  # inside a longer name ("Alenia" in "Thales Alenia Space")
        if not _OF.intersection(longest):
            covered = max(covered, i + len(longest))
        for g, form in here:
            if g in first or (len(form) < len(longest) and _subsidiary(form, here)):
                continue
            if _SOURCE.search(sentence, max(0, found[i][1] - 40), found[i][1]):
                sources.add(g)
            else:
                first[g] = found[i][1]
                if _DRIVER.search(sentence, max(0, found[i][1] - 60), found[i][1]):
                    driven.add(g)
    return (dict(sorted(first.items(), key=lambda item: item[1])), frozenset(sources - set(first)),
            frozenset(driven))


# Words of an institution's name that the name of the place it serves is joined by ("U.S.
# Bureau of Labor Statistics", "Banque de France"): that name still names the place.
_OF = frozenset("of de du des d".split())


def _subsidiary(form: tuple[str, ...], here: Sequence[tuple[int, tuple[str, ...]]]) -> bool:
    """``entity-longest-name``: a name that opens a longer known name ("Bouygues" in "Bouygues
    Construction", "Amazon" in "Amazon Web Services") names that subsidiary or division, not
    the parent; unless the longer name is an institution "of" a place."""
    return any(len(other) > len(form) and not _OF.intersection(other) for _, other in here)


# ``entity-source``: an entity named as the source of a statement ("selon l'Insee", "a révélé
# l'Insee mardi", "according to the ONS") is who says it, not what it is about.
_SOURCE = regex.compile(
    r"""(?:\bselon|\bd['’]apr[èe]s|\baccording\s+to|\ba(?:-t-(?:il|elle))?\s+(?:révélé|annoncé|indiqué|précisé|estimé|souligné)
        |\bsaid|\bsays|\breported\s+by)\s+(?:l['’]|le\s+|la\s+|les\s+|the\s+)?$""", regex.IGNORECASE | regex.VERBOSE)


# ``entity-contributor``: an entity named as what drove a figure ("tirée par Bouygues
# Construction et Colas", "driven by its cloud unit") contributed to it; the figure is not its own.
_DRIVER = regex.compile(
    r"""\b(?:tir[ée]e?s?|port[ée]e?s?|soutenue?s?|dop[ée]e?s?)\s+(?:notamment\s+)?par\s+[^.;:()]{0,50}$
        |\b(?:grâce\s+à|driven\s+by|boosted\s+by|helped\s+by|lifted\s+by|thanks\s+to)\s+[^.;:()]{0,50}$""",
    regex.IGNORECASE | regex.VERBOSE)


@functools.lru_cache(maxsize=64)
def _first_words(groups: tuple[tuple[tuple[str, ...], ...], ...]) -> dict[str, list[tuple[int, tuple[str, ...]]]]:
    """Each entity's name forms by their first word: a sentence is scanned once, whatever
    the number of known entities."""
    index: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for g, forms in enumerate(groups):
        for form in forms:
            index.setdefault(form[0], []).append((g, form))
    return index


def _topic(named: list[list[int]], subjects: list[int | None],
           firsts: list[dict[int, int]]) -> tuple[frozenset[int], int | None]:
    for i in range(min(len(named), LEAD + 1)):
        if subjects[i] is not None and (not named[i] or subjects[i] < min(firsts[i].values())):
            return frozenset(), None  # "Initrode dépasse Globex": about the name it opens with
        if named[i]:
            return frozenset(named[i]), i
    # A press release whose headline and lead name no one ("Résultats annuels 2024") is
    # about the one known entity it goes on to name.
    everyone = {g for names in named for g in names}
    if len(everyone) == 1:
        return frozenset(everyone), next(i for i, names in enumerate(named) if names)
    return frozenset(), None


_RAW = regex.compile(r"[\p{L}\p{N}]+")


def not_names(sentences: Sequence[str]) -> tuple[set[str], set[str]]:
    """The words of this document that are written in lower case somewhere, and the
    capitalised ones never seen inside a sentence. A name stands capitalised mid-sentence
    somewhere ("les ventes d'Initrode"), or opens a sentence as its subject ("Initrode a
    réalisé…"); the common noun opening a heading or a bullet ("Résultats annuels",
    "Position nette financière : …") does neither."""
    lower: set[str] = set()
    inside: set[str] = set()
    opening: set[str] = set()
    for sentence in sentences:
        for i, token in enumerate(_RAW.findall(sentence)):
            if token.islower():
                lower.add(token)
            else:
                (inside if i else opening).add(token)
    return lower, {t.lower() for t in opening - inside}


# A subject's verb, right after a name that opens a sentence ("Initrode a réalisé", "Initech
# reported"): what makes a capitalised word seen nowhere else a name.
_SUBJECT_VERBS = frozenset("""
    a ont est sont va vont sera seront affiche annonce publie réalise vise prévoit dépasse lève rachète
    détient propose enregistre dégage double triple has have is was will would said says reported posted
    announced expects plans raised bought sold agreed reached beat missed
""".split())


# Words a sentence may open with before its subject, and that are never names themselves.
_OPENERS = frozenset("""
    le la les l un une des du de d au aux en dans pour selon sur par avec chez après avant depuis
    ce cet cette ces son sa ses leur leurs il elle ils elles on nous c qui que quand si mais et ou
    the a an in on at for with by from to of as after before since according its their his her
    this that these those it he she they we there while when if but and or also however meanwhile
    lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril mai juin juillet
    août septembre octobre novembre décembre monday tuesday wednesday thursday friday saturday sunday
    january february march april june july august september october november december
""".split())


def _unknown_subject(sentence: str, ordinary: tuple[set[str], set[str]], common: frozenset[str]) -> int | None:
    """``entity-other-name``: the offset of the name a sentence opens with (after a few
    openers), when it is a proper name: capitalised, never written in lower case in the
    document, and no common word. "Initrode a réalisé un chiffre d'affaires de…" is about
    Initrode, whether or not the claim file knows it."""
    if described_early(sentence):
        return None
    lower, opening_only = ordinary
    found = list(_RAW.finditer(sentence))
    for n, match in enumerate(found):
        token = match.group()
        folded = token.casefold().translate(FOLD)
        if folded in _OPENERS or token.isdigit():
            if n >= 3:
                return _genitive_name(sentence, lower | opening_only, common)
            continue
        proper = token[0].isupper() and token.lower() not in lower and folded not in common \
            and not any(ch.isdigit() for ch in token) and not token.isupper()
        if proper and token.lower() in opening_only:
            after = [m.group().lower() for m in found[n + 1:n + 3]]
            proper = any(word in _SUBJECT_VERBS for word in after)
        return match.start() if proper else _genitive_name(sentence, lower | opening_only, common)
    return _genitive_name(sentence, lower | opening_only, common)


_GENITIVE = regex.compile(r"\b(?:de|d['’]|du|of|chez|at)\s*([\p{Lu}][\p{L}\p{N}-]+)|([\p{Lu}][\p{L}\p{N}-]+)['’]s\b")


def _genitive_name(sentence: str, lower: set[str], common: frozenset[str]) -> int | None:
    """A proper name owning the sentence's first figure ("les ventes de Initrode sont en
    hausse de 8 %", "Initrode's revenue"): the sentence is about that company."""
    first_digit = regex.search(r"\d", sentence)
    for match in _GENITIVE.finditer(sentence, 0, first_digit.start() if first_digit else len(sentence)):
        token = match.group(1) or match.group(2)
        folded = token.casefold().translate(FOLD)
        if token.lower() not in lower and folded not in common and folded not in _OPENERS and not token.isupper():
            return match.start(1) if match.group(1) else match.start(2)
    return None


def _antecedent(named: list[list[int]], i: int) -> Aboutness | None:
    for j in range(i - 1, max(-1, i - 1 - ANAPHORA_REACH), -1):
        if named[j]:
            return Aboutness(entities=frozenset(named[j][:1]), rule="entity-anaphora", source=j)
    return None
