"""What a claim sentence says, for the fields its author left out: entities, cues, values.

A claim may be a bare sentence ("En juillet 2019, Microsoft a investi 1 milliard de dollars
dans OpenAI."). It is read by the rules that read articles: the matchers find its values,
the relation lexicon its relation, and the entity rules its names. What the analyst wrote
(``about``, ``cues``, ``expect``) wins; only a missing field is inferred, by these rules
(their names appear in ``claimcheck show``):

``claim-entity-glossary``
    A name or alias of the claim file's ``entities:`` glossary that the sentence holds is an
    entity of the claim, under its glossary name.
``claim-entity-name``
    A proper name the sentence holds: a run of capitalised words ("Air France-KLM", "Reserve
    Bank of Australia"), less the words that open a sentence ("En", "The"), month and day
    names, the relation lexicon's words ("EBITDA", "PIB") and the words of a value ("Q1"). A
    name after "selon", "d'après" or "according to" is the claim's source, not its subject.
``claim-entity-place``
    A sentence that names no entity by the rules above but holds an adjective of place
    ("la dette publique française", "British inflation") is about that place
    (:mod:`claimcheck.places`), under its name in the claim's language, with its other names
    as aliases. An adjective of place is never a name of its own: "The French carmaker
    Renault" is about Renault.
``claim-relation``
    The relation lexicon's nouns and verbs the sentence holds ("chiffre d'affaires",
    "net income", "a levé") are its cues (what each stands for is :mod:`claimcheck.query`'s);
    a verb brings its relation's nouns built on the same word, in either language ("valorisée":
    "valorisation"), and a relation in a phrase of time ("Après cette levée de fonds, …",
    "after the deal was announced") only sets the scene. An acronym right before the
    relation noun names the measure: "RPI inflation" is the cue, not "inflation".
    A relation after a ratio ("57,3 % du PIB", "3% of GDP") is its denominator, not its
    relation, unless the sentence names no other; a count's own noun ("12 400 salariés") is
    its unit. A reporting verb ("a annoncé", "reported") is a cue only when the sentence dates
    the report to its day ("Le 8 février 2024, Kering a annoncé…").
``claim-content-words``
    A sentence that names no relation of the lexicon ("Apple a lancé l'iPhone en 2007")
    takes its content words as cues, less direction words ("rose", "en hausse"): any of
    them, inflected, finds a passage. An acronym among them ("the CPIH index") is the
    metric's own name: it alone is the cue.
``claim-language``
    A claim whose file and command line give no ``lang`` is in the language its sentence
    reads as (:func:`claimcheck.langguess.guess_lang`): "$1 billion" in an English sentence
    is 10^9.
``claim-values``
    Each kind's first value in the sentence that is not a base of comparison ("contre 7,1 %
    un an plus tôt", "par rapport à 2022") is the expected value of that kind. A value
    inside a longer value of another kind ("2025" in "premier trimestre 2025") is not one,
    nor a date the sentence does not resolve ("au premier trimestre", "on May 20"): no article
    could be said to state it.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Mapping, Sequence

import regex

from . import entities
from .matchers import Agreement
from .model import Expected, Inferred, Location, Mention
from .roles import Role, is_direction, role_of
from .relations import LANGS
from .words import FOLD, Cue, find_cue, is_hedged, tokens

if TYPE_CHECKING:
    from .matchers import Matcher
    from .places import Places
    from .relations import Lexicon, RelationMention


@dataclass(frozen=True, slots=True)
class SentenceReading:
    """The entities, cues and values a claim sentence states."""

    about: tuple[str, ...]
    """Entity names, in the order the sentence gives them (glossary names where known)."""
    cues: tuple[str, ...]
    """Words naming the relation."""
    expect: tuple[Expected, ...]
    """One value per kind."""
    rules: tuple[Inferred, ...]
    """Which rule gave each field."""
    aliases: tuple[tuple[str, ...], ...] = ()
    """The name and aliases of each entity that is a place (``claim-entity-place``)."""


def read_sentence(text: str, lang: str, *, matchers: Mapping[str, "Matcher"], lexicon: "Lexicon",
                  glossary: Mapping[str, Sequence[str]], location: Location,
                  given_cues: Sequence[str] = (), read_values: bool = True) -> SentenceReading:
    """Read ``text`` (a claim sentence in ``lang``) by the rules of the module docstring.

    :param given_cues: the cues the analyst wrote, which tell a change from a level.
    :param read_values: False when the analyst wrote ``expect``: nothing is parsed for it.
    """
    found = values_in(text, lang, matchers)
    names, name_rules, aliases = _entities(text, lang, glossary, lexicon.words(lang), lexicon.places, found)
    cues, cue_rule = _cues(text, lang, lexicon, names, found)
    expect = _expected(text, lang, matchers, found, given_cues or cues, location) if read_values else ()
    rules = [Inferred(field="about", rule=r) for r in name_rules]
    rules += [Inferred(field="cues", rule=cue_rule)] * bool(cues)
    rules += [Inferred(field="expect", rule="claim-values")] * bool(expect)
    return SentenceReading(about=names, cues=cues, expect=expect, rules=tuple(rules), aliases=aliases)


def values_in(text: str, lang: str, matchers: Mapping[str, "Matcher"]) -> list[Mention]:
    """Every value the matchers find in ``text``, less those inside a longer value of
    another kind; in sentence order. A matcher that fails is left out here: the claim's
    check reports it."""
    found: list[Mention] = []
    for matcher in matchers.values():
        try:
            found += matcher.extract(text, lang=lang, ref_date=None)
        except Exception:  # noqa: BLE001 - reported when the claim is judged
            continue
    kept = [m for m in found if not any(o is not m and o.kind != m.kind and o.start <= m.start
                                        and m.end <= o.end and o.end - o.start > m.end - m.start
                                        for o in found)]
    return sorted(kept, key=lambda m: (m.start, m.kind))


def states(matcher: "Matcher", facet: Expected, mention: Mention) -> Agreement:
    """How the sentence's ``mention`` stands to ``facet``'s number, whatever its sign and its
    bound ("plus de 45 %" states 45 %, "a baissé de 17 %" states -17 %)."""
    bound = getattr(mention.value, "qualifier", None)
    if bound in ("min", "max", "approx"):
        point = mention.value.low if mention.value.low is not None else mention.value.high
        mention = dataclasses.replace(mention, value=dataclasses.replace(
            mention.value, qualifier="exact", low=point, high=point))
    with_sign = getattr(matcher, "with_sign", None)
    if with_sign is not None:
        facet = dataclasses.replace(facet, value=with_sign(facet.value, 1))
        mention = dataclasses.replace(mention, value=with_sign(mention.value, 1))
    return matcher.compare(facet, mention)


def slug(text: str, taken: set[str], size: int = 60) -> str:
    """An id for a claim that has none: its first words, folded, at most ``size`` characters
    ("microsoft-a-investi-1-milliard-de-dollars-dans-openai"), made unique among ``taken``."""
    base = "-".join(t for t, _, _ in tokens(text)) or "claim"
    if len(base) > size:
        base = base[:size + 1].rsplit("-", 1)[0]
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base}-{n}"
    return name


# -- entities -----------------------------------------------------------------

_WORD = r"\p{Lu}(?:[\p{L}\p{N}&]|\.(?=\p{L})|[-'’](?=[\p{L}\p{N}]))*"
_NAME = regex.compile(rf"(?<![\p{{L}}\p{{N}}-]){_WORD}(?:(?:\s+(?:(?:de|du|des|of|of\s+the)\s+)?|\s*&\s*){_WORD})*")
_SOURCE_BEFORE = regex.compile(r"(?:\bselon|\bd['’]apr[èe]s|\baccording\s+to|\bsaid)\s+(?:l['’]|la\s+|le\s+|les\s+|the\s+)?$",
                               regex.IGNORECASE)
# Words that open a sentence or a phrase and are capitalised only for that, or are never
# names: articles, prepositions, pronouns, months and days.
_NOT_NAMES = frozenset("""
    le la les l un une des du de d au aux en dans pour selon sur par avec chez après avant depuis
    ce cet cette ces son sa ses leur leurs il elle ils elles on nous c qui que quand si mais et ou
    the a an in on at for with by from to of as after before since according its their his her
    this that these those it he she they we there while when if but and or also however
    lundi mardi mercredi jeudi vendredi samedi dimanche janvier fevrier mars avril mai juin juillet
    aout septembre octobre novembre decembre monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    ia ai pdg ceo cfo dg ipo
""".casefold().translate(FOLD).split())
"""Also the acronyms of common nouns ("l'IA", "le PDG", "its CEO"), which are never entities."""


def _entities(text: str, lang: str, glossary: Mapping[str, Sequence[str]], common: frozenset[str],
              places: "Places", found: Sequence[Mention]) -> tuple[tuple[str, ...], list[str], tuple]:
    words = [t for t, _, _ in tokens(text)]
    spans = [(s, e) for _, s, e in tokens(text)]
    named: list[tuple[int, str]] = []
    covered: set[int] = set()
    for name, aliases in glossary.items():
        hits = [(i, len(form)) for form in entities.name_forms((name, *aliases))
                for i in entities.named_in(words, (form,))]
        for i, size in hits:
            covered.update(range(spans[i][0], spans[i + size - 1][1]))
        if hits:
            named.append((min(spans[i][0] for i, _ in hits), name))
    rules = ["claim-entity-glossary"] if named else []
    others = [(start, name) for start, name in proper_names(text, common, found)
              if not any(c in covered for c in range(start, start + len(name)))]
    # "The French carmaker Renault": an adjective of place is no name of its own
    others = [(start, name) for start, name in others if places.named_by(name, lang) is None]
    if others:
        rules.append("claim-entity-name")
    ordered = sorted(named + others)
    if ordered:
        return tuple(dict.fromkeys(name for _, name in ordered)), rules, ()
    place = next(filter(None, (places.named_by(text[s:e], lang) for _, s, e in tokens(text))), None)
    if place is None:
        return (), rules, ()
    entity = places.entity(place, lang)
    return entity[:1], ["claim-entity-place"], (entity,)


def proper_names(text: str, common: frozenset[str], found: Sequence[Mention]) -> list[tuple[int, str]]:
    """``claim-entity-name``: (offset, name) of each proper name of ``text``, less the words
    of ``common`` (the lexicon's) and of the values ``found``."""
    names = []
    for match in _NAME.finditer(text):
        name = _OPENING.sub("", match.group())
        name = regex.sub(r"['’]s$", "", name).rstrip(".")
        start = match.end() - len(match.group()) + match.group().index(name) if name else match.end()
        words = regex.findall(r"[\p{L}\p{N}]+", name)
        if (len(name) < 2 or all(_fold(w) in common | _NOT_NAMES for w in words)
                or any(m.start < start + len(name) and start < m.end for m in found)
                or _SOURCE_BEFORE.search(text, 0, start)
                or (start == 0 and len(words) == 1 and _BEFORE_NOUN.match(text, len(name)))):
            continue
        names.append((start, name))
    return names


# Openers capitalised only because they open the sentence ("En", "The", "L'").
_OPENING = regex.compile(r"^(?:(?:" + "|".join(sorted(_NOT_NAMES, key=len, reverse=True))
                         + r")(?:\s+|['’](?=\p{L}))|[LlDd]['’])+", regex.IGNORECASE)
# A sentence opening on a common noun: "Shares of", "Revenue at", "Ventes de".
_BEFORE_NOUN = regex.compile(r"\s+(?:of|at|in|for|from|about|de|du|des|d['’]|en|à)\b", regex.IGNORECASE)


def _fold(word: str) -> str:
    return word.casefold().translate(FOLD)


# -- cues ---------------------------------------------------------------------

# Words too common to name a relation, for ``claim-content-words``.
_FUNCTION = frozenset("""
    avoir avait avaient aura ayant été etre être sont était étaient sera fait faire plus moins très
    aussi encore déjà environ près entre dont leurs tout tous toute toutes autre autres année mois
    have has had having been being were will would could should about than more less also over
    into under only just some such year years month months quarter annuel annual per par
    est is was are fait
""".casefold().translate(FOLD).split()) | _NOT_NAMES


def _cues(text: str, lang: str, lexicon: "Lexicon", names: Sequence[str],
          found: Sequence[Mention]) -> tuple[tuple[str, ...], str]:
    spans = [(t, s, e) for t, s, e in tokens(text)]
    words = [t for t, _, _ in spans]
    # A count's own noun ("12 400 salariés") is the value's unit: the cue is what binds it.
    named = [m for m in lexicon.mentions(words, lang, verbs=True)
             if not any(v.start <= spans[m.first][1] and spans[m.last][2] <= v.end for v in found)]
    # "Le 8 février 2024, Kering a annoncé…": a reporting verb names the claim's relation only
    # when the sentence dates the report to its day; else it is only how the news came.
    dated = any(getattr(v.value, "granularity", None) == "day" for v in found)
    named = [m for m in named if m.relation != REPORTING or dated]
    # "Après cette levée de fonds, Mistral est valorisée…", "rose 1.6% after the deal was
    # announced": a phrase of time sets the scene, it is not what the claim is about.
    scene = [p.span() for p in _SCENE.finditer(text)]
    named = [m for m in named if not any(a <= spans[m.first][1] < b for a, b in scene)] or named
    # "57,3 % du PIB", "3% of GDP": the relation after a ratio is its denominator.
    named = [m for m in named if not _RATIO_OF.search(text, 0, spans[m.first][1])] or named
    in_names = {_fold(w) for name in names for w in regex.findall(r"[\p{L}\p{N}]+", name)}
    if named:
        cues = [c for m in named for c in (_acronym_before(text, spans, m, in_names)
                                           or _with_nouns(text[spans[m.first][1]:spans[m.last][2]], lang, lexicon))]
        cues += _subject(text, spans, named, lang, lexicon, in_names)
        return tuple(dict.fromkeys(cues)), "claim-relation"
    aside = [m.span() for m in _ASIDE.finditer(text)]  # "(2015 selon une autre source)"
    content = [text[s:e] for i, (t, s, e) in enumerate(spans)
               if len(t) >= 3 and not t.isdigit() and t not in _FUNCTION and t not in in_names
               and not is_direction(t) and not any(m.start < e and s < m.end for m in found)
               and not any(a <= s < b for a, b in aside)
               and not (i and words[i - 1] in ("per", "par"))]  # "per share": a unit
    # "the CPIH index": a metric's own name, an acronym, says more than the words around it.
    specific = [w for w in content if regex.fullmatch(r"\p{Lu}[\p{Lu}\p{N}]+", w)]
    return tuple(dict.fromkeys(specific or content)), "claim-content-words"


def _acronym_before(text: str, spans: Sequence[tuple[str, int, int]], mention: "RelationMention",
                    in_names: set[str]) -> list[str]:
    """"UK RPI inflation": an acronym that is no entity's, right before the relation noun, names
    the measure (as "data center revenue" names a part in articles): the cue is the two."""
    if not mention.first:
        return []
    _, start, end = spans[mention.first - 1]
    word = text[start:end]
    if regex.fullmatch(r"\p{Lu}[\p{Lu}\p{N}]+", word) and _fold(word) not in in_names:
        return [text[start:spans[mention.last][2]]]
    return []


def _subject(text: str, spans: Sequence[tuple[str, int, int]], named: Sequence["RelationMention"], lang: str,
             lexicon: "Lexicon", in_names: set[str]) -> list[str]:
    """"UK petrol cost 160.2p": a relation named by a verb alone says what is measured in the
    common noun just before it, its subject, which articles name ("petrol at 160.2p")."""
    first = named[0].first
    if any(lexicon.relation_of(text[spans[m.first][1]:spans[m.last][2]], lang)[1] for m in named) or not first:
        return []
    word, start, end = spans[first - 1]
    if len(word) < 3 or word in _FUNCTION or word in in_names or not text[start:end].islower():
        return []
    return [text[start:end]]


def _with_nouns(written: str, lang: str, lexicon: "Lexicon") -> list[str]:
    """A verb of the lexicon and its relation's nouns, in either language, built on the same
    word (their first six letters: "valorisée", "valorisation"; "invested", "investissement"),
    which say the same of the same thing; a conditional verb ("investirait") is about a
    report, and a short one ("buy") shares too little to tell: they stay alone."""
    relation, noun = lexicon.relation_of(written, lang)
    root = _fold(written)[:6]
    if relation is None or noun or is_hedged(written) or len(root) < 6:
        return [written]
    # in either language: "invested" finds "l'investissement" in a French article
    nouns = [n for other in LANGS for n in lexicon.relations(other).get(relation, ())]
    return [written, *(n for n in nouns if _fold(n).startswith(root))]


_SCENE = regex.compile(r"\b(?:après|avant|depuis|malgré|grâce\s+à|after|before|following|despite|since)\s+"
                       r"(?:l['’]|la|le|les|ce|cette|ces|the|this|that|its|their)\b[^,;.]*", regex.IGNORECASE)
REPORTING = "announcement"
"""The lexicon's relation of reporting verbs ("a annoncé", "reported")."""
_ASIDE = regex.compile(r"\([^()]*\)")
_RATIO_OF = regex.compile(r"%\s*(?:du|de\s+la|de\s+l['’]|des|of)\s*$")


# -- values -------------------------------------------------------------------

def _expected(text: str, lang: str, matchers: Mapping[str, "Matcher"], found: Sequence[Mention],
              cues: Sequence[str], location: Location) -> tuple[Expected, ...]:
    spans = list(tokens(text))
    words = tuple(t for t, _, _ in spans)
    cue_at = [(spans[a][1], spans[b][2]) for cue in cues for a, b in find_cue(Cue(cue), words)]
    chosen: dict[str, Expected] = {}
    # "ses résultats 2023 le 25 janvier 2024": the label of the period comes after the day it
    # was published, which the claim is about when it says so
    labels = {id(m) for m in found if role_of(text, m, cue_at).rule == "role-period-label"}
    for mention in sorted(found, key=lambda m: id(m) in labels):
        if mention.kind in chosen or role_of(text, mention, cue_at).role is Role.BASE \
                or not getattr(mention.value, "resolved", True):
            continue
        matcher = matchers[mention.kind]
        try:
            value = matcher.parse(mention.text, lang=lang, options={})
        except Exception:  # noqa: BLE001 - a value read in context that cannot stand alone
            value = mention.value
        chosen[mention.kind] = Expected(kind=mention.kind, text=mention.text, value=value, options={},
                                        location=location)
    return tuple(chosen.values())
