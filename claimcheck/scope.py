"""Whether a passage speaks of the claim's own scope: its entity, its relation, its part of
the business, its basis.

A cue occurrence, or a value, that a rule here sets aside decides nothing for the claim.
Each rule has a name, shown by ``claimcheck explain`` and tested in tests/cases/rules.yaml:

``relation-competes``       a cue inside a longer phrase of another relation names that one
``owner-other-entity``      a relation owned by another known entity ("les ventes de Gucci")
``segment-modifier``        a relation narrowed to a part ("data center revenue")
``relation-denominator``    "4,4 % du PIB" is a unit, not the GDP relation
``generic-statement``       "Chaque point de croissance rapporte…" is a rule of thumb
``per-share``               a sum per share against a total, or the reverse
``aggregate``               a cumulated total ("le montant total levé") against one event
``measure-basis``           a constant-currency, comparable (organic, pro forma), monthly or yearly figure against another basis
``population``              a rate for the young or for women against the whole population
``claim-part``              a claim on a part ("le pôle construction") is decided by passages naming it
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Collection, Sequence

import regex

from .model import Mention
from .relations import RelationMention
from .roles import is_direction, per_share
from .words import DETERMINERS, Words, is_description, tokens

if TYPE_CHECKING:
    from .query import ClaimQuery

# ``generic-statement``: "Chaque 0,1 point de déficit représente 3 milliards", "Each extra
# point costs $2 billion": a rule of thumb, not the figure of the relation.
GENERIC = regex.compile(r"\W*(?:chaque|each|every)\b", regex.IGNORECASE)
# ``relation-denominator``: "4,4 % du PIB", "3% of GDP": the relation is the unit of the
# value before it, not the relation the sentence speaks of.
DENOMINATOR = regex.compile(r"(?:%|pour\s*cent|percent|points?)\s+(?:du|de\s+la|de|d['’]|of)\s*$",
                            regex.IGNORECASE)


# ``aggregate``: a cumulated figure ("portant à 1 milliard le montant total levé", "$2bn in
# total", "depuis sa création") is not the figure of one event, unless the claim says so.
AGGREGATE = regex.compile(
    r"""\b(?:montant\s+total|cumul[ée]e?s?|depuis\s+sa\s+cr[ée]ation|total\s+amount|sum\s+total
        |cumulative(?:ly)?|since\s+(?:its\s+)?(?:founding|inception|creation))\b""",
    regex.IGNORECASE | regex.VERBOSE)


def aggregate_differs(mention: Mention, text: str, claim_text: str) -> bool:
    """``aggregate``: is the value a cumulated total the claim does not speak of?"""
    near = AGGREGATE.search(text, max(0, mention.start - 40), min(len(text), mention.end + 40))
    return bool(near) and not AGGREGATE.search(claim_text)


# ``measure-basis``: the basis a figure is stated on. At constant exchange rates or on a
# comparable scope is another figure than the reported one ("-3 % en données publiées, -1 %
# en comparable", "18% in yen and 23% at constant exchange rates"); a monthly change is
# another figure than a yearly one ("sur un an, … en baisse de 1,0 %").
BASES = {
    # the same scope at the exchange rates of the base period: another figure than the
    # comparable (organic, like-for-like) one, which also sets scope changes aside
    "currency": regex.compile(
        r"""\b(?:(?:à\s+)?taux\s+de\s+change\s+constants?|(?<!\bet\s+)changes?\s+constants?|tcc
            |constant\s+(?:exchange\s+rates?|currenc(?:y|ies))|cer)\b""", regex.IGNORECASE | regex.VERBOSE),
    "comparable": regex.compile(
        r"""\b(?:(?:à\s+)?données\s+comparables|en\s+comparable|à\s+périmètre\s+(?:et\s+change\s+)?constants?
            |organiques?|like-for-like|comparable\s+(?:basis|sales)|organic(?:ally)?
            |(?:en\s+(?:données\s+)?)?pro[\s-]?forma)\b""", regex.IGNORECASE | regex.VERBOSE),
    "reported": regex.compile(
        r"""\b(?:en\s+données\s+publiées|en\s+publié|données\s+publiées|as\s+reported|reported\s+basis
            |in\s+(?:danish\s+|swiss\s+)?(?:kroner|francs|euros|dollars|pounds)|en\s+(?:euros|dollars|francs))\b""",
        regex.IGNORECASE | regex.VERBOSE),
}
PERIODS = {
    "month": regex.compile(
        r"""\b(?:sur\s+un\s+mois|en\s+rythme\s+mensuel|par\s+rapport\s+au\s+mois\s+précédent|monthly\s+basis
            |month[- ](?:on|over)[- ]month|m/m|(?:from|than)\s+(?:the\s+)?previous\s+month)\b""", regex.IGNORECASE | regex.VERBOSE),
    "quarter": regex.compile(
        r"""\b(?:en\s+variation\s+trimestrielle|sur\s+un\s+trimestre|par\s+rapport\s+au\s+trimestre\s+précédent
            |quarter[- ](?:on|over)[- ]quarter|q/q|sequential(?:ly)?|(?:from|than)\s+(?:the\s+)?previous\s+quarter)\b""",
        regex.IGNORECASE | regex.VERBOSE),
    "year": regex.compile(
        r"""\b(?:sur\s+un\s+an|en\s+glissement\s+annuel|sur\s+(?:douze|12)\s+mois|year[- ](?:on|over)[- ]year|y/y|yoy
            |in\s+the\s+(?:12|twelve)\s+months\s+to|over\s+the\s+(?:past\s+)?(?:12|twelve)\s+months|annual\s+rate
            |from\s+a\s+year\s+(?:earlier|ago))\b""", regex.IGNORECASE | regex.VERBOSE),
}


BASIS_CUES = regex.compile(
    r"""(?:annual(?:ly)?|annuel(?:le)?s?|monthly|mensuel(?:le)?s?|quarterly|trimestriel(?:le)?s?|yearly
        |(?:the\s+)?(?:last\s+|past\s+)?(?:12|twelve|douze)\s+(?:months|mois)|seasonally\s+adjusted|cvs
        |corrigée?s?\s+des\s+variations\s+saisonnières|year[- ](?:on|over)[- ]year|month[- ](?:on|over)[- ]month
        |sur\s+(?:un|1)\s+(?:an|mois)|en\s+glissement\s+annuel|organi(?:c|que)s?|like-for-like
        |(?:à\s+)?données\s+comparables|(?:at\s+)?constant\s+(?:currenc(?:y|ies)|exchange\s+rates?)
        |(?:à\s+)?taux\s+de\s+change\s+constants?)""", regex.IGNORECASE | regex.VERBOSE)


def is_basis_cue(cue: str) -> bool:
    """``basis-cue``: is a claim's cue only a basis or a period of measure ("annual", "12
    months", "seasonally adjusted", "organique"), which names no relation?"""
    return BASIS_CUES.fullmatch(cue.strip()) is not None


def bases_of(text: str) -> dict[str, str]:
    """The bases a text states: ``{"basis": "currency"|"comparable"|"reported", "period": "month"|…}``."""
    found = {}
    for axis, table in (("basis", BASES), ("period", PERIODS)):
        named = [name for name, pattern in table.items() if pattern.search(text)]
        if len(named) == 1:
            found[axis] = named[0]
    return found


def basis_differs(mention: Mention, text: str, span: tuple[int, int], values: Sequence[Mention],
                  claim: dict[str, str]) -> bool:
    """``measure-basis``: does the value stand on another basis than the claim's? A
    constant-currency or comparable figure decides only a claim on that basis.

    :param claim: the basis of the claim's value of that kind (:func:`bases_around`).
    """
    own = bases_around(mention, text, span, values)
    if claim.get("basis", "reported") != own.get("basis", "reported"):
        return True
    return "period" in own and "period" in claim and own["period"] != claim["period"]


_LEADING_COMMA = regex.compile(r"\s*,")
_STRETCH_END = regex.compile(r"[,;)]")


def bases_around(mention: Mention, text: str, span: tuple[int, int], values: Sequence[Mention]) -> dict[str, str]:
    """The bases a value is stated on: right after it (up to the next value or comma), else
    before it in its sentence, in an article or in a claim sentence alike ("9 milliards,
    soit une croissance organique de 8 %": only the 8 % is organic)."""
    after_end = min([m.start for m in values if m.start >= mention.end] + [span[1]])
    # "increased 15%, at CER, to $7.26": a basis set off by commas right after the value is its own
    lead = _LEADING_COMMA.match(text, mention.end, after_end)
    comma = _STRETCH_END.search(text, lead.end() if lead else mention.end, after_end)
    if lead and comma is None and after_end < span[1]:
        # ", en croissance organique de +6 %": no comma closes the words before the next
        # value, so they open that value's stretch
        comma = lead
    after = text[mention.end:comma.start() if comma else after_end]
    before_start = max([m.end for m in values if m.end <= mention.start] + [span[0]])
    own = bases_of(after)
    if "basis" not in own or "period" not in own:
        own = {**bases_of(text[before_start:mention.start]), **own}
        if before_start != span[0]:
            own = {**bases_of(text[span[0]:before_start]), **own} if "period" not in own else own
    return own


# ``population``: a rate for a part of the population (the young, women, a region's) is not
# the whole's, and the whole's is not a part's: "le chômage chez les jeunes atteint 19,7 %".
POPULATION = regex.compile(
    r"""\b(?:jeunes|femmes|hommes|seniors|cadres|ouvriers|employés|retraités|moins\s+de\s+\d+\s+ans
        |plus\s+de\s+\d+\s+ans|\d+\s*(?:à|-)\s*\d+\s+ans|young(?:er)?\s+people|youth|women|men|teenagers
        |black|hispanic|white|asian|workers\s+aged|aged\s+\d+)\b""", regex.IGNORECASE | regex.VERBOSE)


def populations(text: str) -> frozenset[str]:
    """The parts of the population a text names (folded: "15 à 24 ans" is "15-24 ans")."""
    def fold(found: str) -> str:
        found = regex.sub(r"\s+", " ", found.casefold())
        return regex.sub(r"(\d+)\s*(?:à|-)\s*(\d+)", r"\1-\2", found)
    return frozenset(fold(m.group()) for m in POPULATION.finditer(text))


def population_differs(frame_text: str, claim: frozenset[str]) -> bool:
    """``population``: does the frame speak of another part of the population than the
    claim? A frame naming no part speaks of the whole; one naming several decides a claim
    on any of them."""
    found = populations(frame_text)
    return bool(found) != bool(claim) or (bool(found) and not found & claim)


def is_generic(sentence: str) -> bool:
    """``generic-statement``: does the sentence state a rule of thumb ("Chaque…", "Each…")?"""
    return bool(GENERIC.match(sentence))


def is_denominator(text: str, start: int) -> bool:
    """``relation-denominator``: is the phrase at ``start`` the unit of a value before it?"""
    return bool(DENOMINATOR.search(text, max(0, start - 30), start))


PER_SHARE_CEILING = 10_000
"""A sum below this may be per share even when the claim does not say so ("un dividende de
13 euros"); a larger one is a total."""


def share_basis_differs(mention: Mention, claim_per_share: bool | None, text: str,
                         cues: Sequence[tuple[int, int]], claim_value: object = None) -> bool:
    """``per-share``: a sum per share is compared only with a sum per share, and a total with
    a total ("$35 million, or 2 cents a share"). The side that does not say "per share"
    may still be one when it is small ("un dividende de 13 euros"): only a large sum is
    surely a total."""
    if claim_per_share is None:
        return False
    relation = max((a for a, b in cues if b <= mention.start), default=mention.start)
    found = per_share(text, mention, relation)
    if found == claim_per_share:
        return False
    total_side = mention.value if claim_per_share else claim_value
    size = getattr(total_side, "low", None) or getattr(total_side, "high", None)
    return size is None or abs(size) >= PER_SHARE_CEILING


# Words that may stand before a relation without narrowing it to a part of the business.
NEUTRAL_MODIFIERS = frozenset("""
    total quarterly annual overall net gross group consolidated record reported company s its their
    the a an of and in on for with to from by at as its this that these those his her our year quarter
    month half fiscal first second third fourth full record strong higher lower increased rising
    falling combined underlying global worldwide overall new ttm yearly monthly also which while
    cash interim final ordinary regular next latest average
""".split())


# After "en", words that say how or when, not which part: "en hausse", "en volume", "en 2024".
EN_NOT_PARTS = frozenset("""
    hausse baisse recul progression repli volume valeur moyenne glissement donnees rythme
    cours france europe janvier fevrier avril juillet octobre novembre decembre septembre
    euros dollars francs milliards millions termes particulier effet outre
""".split())
PERIOD_WORDS = frozenset("""
    quarter quarters year years period periods month months three six nine twelve latest same
    full fiscal first second third fourth past last previous prior current whole
""".split())


# Adjectives that make another measure of a French relation noun (English writes them before
# the noun, where any modifier narrows it). "courant" is one only after "net" (RECURRING):
# "le résultat net courant" is recurring net income, but "résultat opérationnel courant" is how
# French reports name the operating result.
VARIANTS = frozenset("""
    recurrent recurrente recurrents recurrentes ajuste ajustee ajustes ajustees normalise normalisee proforma
""".split())


RECURRING = frozenset(("courant", "courante"))
NET = frozenset(("net", "nette"))


# English participles that do make another measure ("adjusted revenue", "expected revenue").
NARROWING_PARTICIPLES = frozenset("""
    adjusted diluted estimated expected projected forecasted anticipated targeted implied
    annualized annualised unaudited restated normalized normalised
""".split())


# Verbs that take a relation noun as their object or clause in news ("Globex said sales rose",
# "it sees revenue of"): not regular past tenses, which are read by their ending.
TAKING_VERBS = frozenset("""
    said says saw sees see had has have made makes took takes got gets grew grows rose fell cut
    posts reports records books generates expects forecast forecasts lifts boosts raises lowers
""".split())


# Words after which an English word is a verb in its base form ("expected to make operating
# profit of", "it will report revenue of"), whatever the verb.
VERB_MARKERS = frozenset("to will would could should may might can cannot".split())


def is_english_verb(word: str) -> bool:
    """An English verb before the noun is the verb taking it ("Globex posted revenue of",
    "it booked sales of", "Globex said sales rose"), not a part of the business:
    ``segment-modifier`` leaves it, but not the participles that name another measure."""
    return (len(word) > 4 and word.endswith("ed") and word not in NARROWING_PARTICIPLES) or word in TAKING_VERBS


# The nouns that name a part of a French group after a relation noun ("du secteur", "de la
# division", "de sa filiale").
PART_NOUNS = frozenset("""
    secteur secteurs division divisions pole poles branche branches activite activites metier metiers
    segment segments filiale filiales unite unites
""".split())


# The nouns that name a part of an English group before them ("the cloud division").
EN_PART_NOUNS = frozenset("segment segments division divisions arm arms branch branches".split())
# ("units" is left out: "2 million units" counts goods, and names no part.)


# Words that may come before a sentence's part subject ("Dans la branche Construction, …",
# "Quant à la division X", "In its cloud division, …").
OPENERS = frozenset("dans pour chez quant a du cote de au sein in at for within across".split())
# "l'activité" opening a sentence is the group's business itself ("L'activité a progressé de 4 %").
OPENING_PARTS = PART_NOUNS - {"activite", "activites"}
EN_OPENING_PARTS = EN_PART_NOUNS | {"unit"}
SUBJECT_REACH = 6
"""Most words before a part noun that opens a sentence ("Dans la branche", "The company's defence unit")."""


def part_subject(words: Words, lang: str) -> bool:
    """``part-subject``: does the sentence open on a part of the business ("La branche
    Infrastructures voit son chiffre d'affaires…", "Dans la division Marine, l'activité…",
    "The cloud division's revenue…")? Its figures are that part's, not the group's."""
    nouns = EN_OPENING_PARTS if lang == "en" else OPENING_PARTS
    for i, word in enumerate(words.text[:SUBJECT_REACH]):
        if word in nouns:
            before = words.text[:i]
            if lang == "en":  # "The cloud division", "In its defence unit" (not "The company said its …")
                return bool(before) and before[0] in DETERMINERS | OPENERS and not any(map(is_english_verb, before))
            return bool(before) and before[-1] in DETERMINERS and all(w in OPENERS | DETERMINERS for w in before)
        if word not in OPENERS and word not in DETERMINERS and lang != "en":
            return False
    return False


def set_aside(query: "ClaimQuery", words: Words, lang: str | None) -> str | None:
    """The rule that sets a passage aside for the part of the business it speaks of, or None:
    ``claim-part`` when the claim is on a part the passage does not name, ``part-subject``
    when the claim is on the whole and the passage opens on a part."""
    if query.part:
        return None if query.part.intersection(words.text) else "claim-part"
    return "part-subject" if part_subject(words, lang or "") else None


def claim_part(text: str, lang: str, named: frozenset[str], relation_words: frozenset[str]) -> frozenset[str]:
    """``claim-part``: the word that names the part of the business a claim sentence narrows
    its relation to ("la division Marine de Globex", "le secteur de la défense", "Globex's
    cloud division"), or nothing. A passage that does not name that part speaks of the whole
    group, or of another part, and decides nothing for such a claim. In French the part is a
    name after the part noun, a noun after "de", or a bare noun its owner follows ("le pôle
    construction de Globex"); another lower-case word right after it is more often a verb
    ("la filiale est valorisée").

    :param named: the words of the claim's entities, which name the owner, not a part.
    :param relation_words: the lexicon's words, which name a measure ("des activités du chiffre…").
    """
    found = list(tokens(text))
    words = [w for w, _, _ in found]

    def part(at: int) -> bool:
        word = words[at]
        return word.isalpha() and len(word) >= 3 and word not in named and word not in relation_words \
            and word not in DETERMINERS and word not in NEUTRAL_MODIFIERS and word not in PERIOD_WORDS
    for i, word in enumerate(words):
        if lang == "en" and word in EN_PART_NOUNS and i > 0 and part(i - 1):
            return frozenset({words[i - 1]})
        if lang != "en" and word in PART_NOUNS and i + 1 < len(words):
            after = i + 1
            while after < len(words) and after <= i + 3 and words[after] in DETERMINERS:
                after += 1
            named_after = after > i + 1 or text[found[after][1]].isupper() if after < len(words) else False
            # "le pôle construction de Globex", "la division mode et maroquinerie de Globex": a
            # bare noun (or two joined by "et"), its owner after it
            owner = after + 3 if after + 3 < len(words) and words[after + 1] == "et" else after + 1
            bare = after == i + 1 and owner < len(words) and words[owner] in ("de", "d", "du")
            if after < len(words) and part(after) and (named_after or bare):
                return frozenset({words[after]})
    return frozenset()


# The kinds of one payout: a claim that names one is not decided by another.
KINDS = frozenset("""
    interim final special ordinary regular exceptional extraordinary supplementary
    ordinaire exceptionnel exceptionnelle extraordinaire interimaire complementaire
""".split())


def is_segment(cue: tuple[int, int], query: "ClaimQuery", words: Words, text: str, lang: str) -> bool:
    """``segment-modifier``: a relation noun narrowed to a part of the business ("data center
    revenue", "Auto revenue", "le chiffre d'affaires Wholesale", "la marge de l'Automobile")
    is that part's, unless the claim sentence names the same part. (Verbs are left alone:
    their objects are often names, "rachèterait Beats".)"""
    a, b = cue
    stated = query.stated
    if lang == "en":
        word = words.text[a - 1] if a > 0 else ""
        verb = is_english_verb(word) or (a > 1 and words.text[a - 2] in VERB_MARKERS)
        if word.isalpha() and word not in NEUTRAL_MODIFIERS and word not in stated and not verb \
                and not _is_entity(word, query):
            return True
        # "a fourth interim dividend" for a claim on a special one: another kind of payout
        if word in KINDS and stated & KINDS and word not in stated:
            return True
        # "revenue for services", "revenue from iPhone", "the index including housing costs"
        if b + 2 < len(words.text) and words.text[b + 1] in ("for", "from", "including", "excluding", "ex", "at"):
            after = b + 2 + (words.text[b + 2] == "the")
            part = words.text[after] if after < len(words.text) else ""
            return part.isalpha() and part not in NEUTRAL_MODIFIERS and part not in PERIOD_WORDS and part not in stated
        return False
    after = b + 1
    # "le dividende ordinaire" for a claim on the exceptional one: another kind of payout
    if after < len(words.text) and words.text[after] in KINDS and stated & KINDS and words.text[after] not in stated:
        return True
    # "le résultat net récurrent", "l'Ebitda ajusté": a variant of the measure, not the measure,
    # also when inserted in a longer phrase ("résultat net ajusté, part du groupe")
    if any((w in VARIANTS or w in RECURRING and before in NET) and w not in stated
           for before, w in zip(words.text[a:after], words.text[a + 1:after + 1])):
        return True
    # "l'investissement en information-communication": "en" and a noun narrow it too
    if after + 1 < len(words.text) and words.text[after] == "en" and words.text[after + 1].isalpha() \
            and len(words.text[after + 1]) >= 5 and words.text[after + 1] not in EN_NOT_PARTS \
            and words.text[after + 1] not in stated:
        return True
    # "hors Initech", "hors effets de change": a figure that leaves a part out
    if after < len(words.text) and words.text[after] == "hors" and "hors" not in stated:
        return True
    link = words.text[after:after + 2]
    if link[:1] and link[0] in ("de", "d", "du", "des", "l", "la"):
        after += 1 + (words.text[after + 1:after + 2] in (("l",), ("la",), ("sa",), ("son",)))
    if after >= len(words.text):
        return False
    # "les prises de commandes du secteur Spatial", "le chiffre d'affaires de la division X"
    if words.text[after] in PART_NOUNS and words.text[after] not in stated:
        return True
    start = words.spans[after][0]
    word = words.text[after]
    if not word.isalpha() or word in stated or _is_entity(word, query):
        return False
    return text[start].isupper() or (link[0] in ("du", "des") or tuple(link) in (("de", "l"), ("de", "la"))) \
        and is_business(word)


# After "du", "des", "de l'", "de la", words that name the company itself, a period, an
# amount or the whole of an economy, not a business: "le chiffre d'affaires de l'ensemble",
# "du trimestre", "de l'ordre de", "le PIB du pays", "le chômage de la population active".
NOT_BUSINESSES = frozenset("""
    ensemble total totalite ordre pays population economie nation menages zone trimestre trimestres semestre semestres exercice exercices annee annees
    mois periode periodes premier premiers premiere premieres deuxieme troisieme quatrieme second seconde
    dernier derniers derniere dernieres meme memes prochain prochaine precedent precedente cours debut fin
    deux trois quatre cinq six sept huit neuf dix onze douze numero
""".split())
AGENT_ENDINGS = ("iste", "istes", "eur", "eurs", "euse", "ier", "iere", "aire")
"""Agent nouns describe the company ("du motoriste", "de l'équipementier", "du concessionnaire")."""


def is_business(word: str) -> bool:
    """``segment-modifier``: a common noun after "du", "des", "de l'" that names a business of
    the group ("le chiffre d'affaires des concessions"), not the group described ("du
    groupe", "du pétrolier"), a period or an amount."""
    return len(word) >= 4 and word not in NOT_BUSINESSES and not word.endswith(AGENT_ENDINGS) \
        and not is_description(word)


RIVAL_CHANGE_REACH = 10
"""Most words between another relation and a direction-noun cue that is its change."""


def changes_a_rival(cue: tuple[int, int], cues: Sequence[tuple[int, int]], relations: Sequence[RelationMention],
                    claimed: Collection[str], words: Words) -> bool:
    """``change-noun``: a cue that opens with a direction noun ("croissance organique",
    "growth") right after another relation of its sentence, with none of the claim's other
    cues between, is that relation's change: "L'Ebitda a atteint 4 milliards, en croissance
    organique de 6 %" says nothing of the revenue's growth. (Only for a claim whose cues
    name a relation: a claim on "hausse" alone takes the change of whatever rose.)"""
    a = cue[0]
    if not is_direction(words.text[a]):
        return False
    rivals = [m.last for m in relations if m.last < a and m.relation not in claimed
              and not is_direction(words.text[m.first])]
    ours = [b for c, b in cues if b < a and not is_direction(words.text[c])]
    return bool(rivals) and max(rivals) > max(ours, default=-1) and a - max(rivals) <= RIVAL_CHANGE_REACH


# "per share", "a share", "par action": the unit of a figure, not the shares themselves.
SHARE_WORDS = frozenset("share shares action actions titre titres".split())
PER = frozenset("per a each par chaque".split())


def is_share_unit(cue: tuple[int, int], words: Words) -> bool:
    """``share-unit``: a cue "shares" or "actions" found in "$2.03 per share" or "5,90 euros
    par action" names the unit of another figure, not the shares (a claim on a share price)."""
    a, b = cue
    return a == b and words.text[a] in SHARE_WORDS and a > 0 and words.text[a - 1] in PER


def _is_entity(word: str, query: "ClaimQuery") -> bool:
    return any(word in form for forms in query.known for form in forms)


def inside_other_relation(cue: tuple[int, int], relations: Sequence[RelationMention],
                           mine: set[str], stretched: bool) -> bool:
    """``relation-competes``: a cue of a relation inside a longer phrase of another relation
    names that one ("bénéfice" in "bénéfice par action" is EPS); so does a cue found with an
    inserted word when the whole stretch is another relation's phrase ("net interest income"
    is not "net income")."""
    a, b = cue
    return any(m.relation not in mine and m.first <= a and b <= m.last
               and ((m.first, m.last) != cue and mine or stretched) for m in relations)


def glossed_as_other(cue: tuple[int, int], relations: Sequence[RelationMention], mine: set[str],
                     words: Words, text: str) -> bool:
    """``relation-gloss``: a cue that a bracket a few words on names as another relation of the
    lexicon ("le résultat opérationnel avant dépréciations (EBITDA)") is that one."""
    b = cue[1]
    for m in relations:
        if m.relation in mine or not 0 < m.first - b <= 4:
            continue
        start, end = words.spans[m.first][0], words.spans[m.last][1]
        if "(" in text[words.spans[b][1]:start] and text[end:end + 3].lstrip().startswith(")"):
            return True
    return False


# "le lancement de l'iPhone", "the launch of the Model 3": the links from an event noun to what it is about.
_EVENT_LINKS = frozenset("de d du of".split())
_EVENT_ARTICLES = frozenset("l la le les the".split())


def event_of_other(cue: tuple[int, int], query: "ClaimQuery", words: Words, text: str,
                   relations: Sequence[RelationMention]) -> bool:
    """``event-of-other``: a cue that names no measure of the lexicon (an event noun, "lancement",
    "launch", "rachat") followed by "de" or "of" and a name the claim does not name is the event
    of that thing ("le lancement de l'iPhone en 2007" says nothing of when Globex was launched).
    A direction ("la hausse du PIB") and a measure after the link ("de l'Ebitda") are left to
    the rules on changes and relations."""
    a, b = cue
    after = b + 1
    if is_direction(words.text[a]) or after + 1 >= len(words.text) or words.text[after] not in _EVENT_LINKS:
        return False
    after += 1 + (words.text[after + 1] in _EVENT_ARTICLES and after + 2 < len(words.text))
    word = words.text[after]
    written = text[words.spans[after][0]:words.spans[after][1]]
    return (word.isalpha() and any(ch.isupper() for ch in written) and word not in query.stated
            and not _is_entity(word, query) and not any(m.first == after for m in relations))


# Words that tie a relation to its owner: "les ventes de Gucci", "sales at Gucci".
OWNER_LINKS = frozenset("de d du des of at chez for pour by".split())


def owned_by_other(cue: tuple[int, int], query: "ClaimQuery", words: Words) -> bool:
    """``owner-other-entity``: a relation whose owner is named right beside it, and is another
    known entity, is that entity's ("le chiffre d'affaires de Gucci", "Gucci's revenue",
    "Gucci sales")."""
    a, b = cue
    others = query.rivals
    if not others:
        return False
    after = b + 1
    while after < len(words.text) and words.text[after] in OWNER_LINKS | DETERMINERS and after <= b + 2:
        after += 1
    before = a - 1
    if before >= 0 and words.text[before] == "s":  # "Gucci's"
        before -= 1
    for forms in others:
        for form in forms:
            if tuple(words.text[after:after + len(form)]) == form and after > b + 1:
                return True
            if before + 1 - len(form) >= 0 and tuple(words.text[before + 1 - len(form):before + 1]) == form:
                return True
    return False
