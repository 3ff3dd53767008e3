"""Words for entity and cue matching: tokens, light stems, anaphoric openers, hedges.

Tokens are runs of letters and digits, so case, apostrophe style (’ '), quotes, elision
("d'OpenAI", "l’OpenAI") and no-break spaces never stop a match. Tokens keep their spans
in the original text: nothing is rewritten, so quotes and offsets stay exact.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Iterator, Sequence

import regex

# A footnote mark that lost its superscript in conversion ("operating profit4", "flow5" in a
# results table) is cut off its word, so the word still meets a cue.
TOKEN = regex.compile(r"\p{L}\p{Ll}{2,}+(?=\d(?![\p{L}\p{N}]))|[\p{L}\p{N}]+")
# Accents fold away so inflections that move them still meet ("racheter", "rachèterait").
FOLD = str.maketrans("àâäáãåçéèêëíìîïñóòôöõúùûüýÿœæ", "aaaaaaceeeeiiiinooooouuuuyyœæ")

# Longest first. Stems keep at least MIN_STEM letters, so "fonds" and "fondé" meet at
# "fond" but short words are left alone.
SUFFIXES = sorted("""
    issements issement eraient iraient assions erions irions eront iront erait irait
    aient ement ements ions ees ee es erent er ir ez ait it is ent e s
    ing ed ment ments ly ers
""".split(), key=len, reverse=True)
MIN_STEM = 4

# A sentence opening with one of these refers back to the sentence before it: pronouns,
# possessives ("Son résultat net", "Its margin"), demonstratives, and definite descriptions of a company or of the deal just named
# ("L'opération la valorise à 2 milliards": the entities of the sentence before take part).
_FR_DESCRIPTIONS = r"""(?:groupe|soci[ée]t[ée]|entreprise|firme|logiciel|g[ée]ant|[ée]diteur|start-?up
    |jeune\s+pousse|compagnie|laboratoire|fabricant|banque|constructeur|op[ée]rateur|chatbot|outil|service
    |assureur|distributeur|enseigne|marque|plateforme|application|club|[ée]quipe|fonds|industriel|p[ée]trolier
    |t[ée]l[ée]com|num[ée]ro\s+un|leader|sp[ée]cialiste|fournisseur|h[ée]bergeur|r[ée]seau|m[ée]dia|cha[îi]ne)"""
_EN_DESCRIPTIONS = r"""(?:company|group|firm|startup|start-up|giant|software|maker|bank|lab|carmaker|automaker
    |operator|tool|service|chatbot|insurer|retailer|brand|platform|app|club|team|fund|lender|airline
    |network|broadcaster|supplier|chipmaker|conglomerate)"""
ANAPHORIC_OPENERS = regex.compile(
    rf"""^\W*(?:
        (?:cette|ce|cet)\s+(?:derni[èe]re?|[\p{{L}}-]+)
      | (?:celle|celui|ceux|celles)-ci
      | (?:il|elle|ils|elles)\b
      | (?:le|la|les|l['’])\s*(?:{_FR_DESCRIPTIONS}|op[ée]ration|transaction|lev[ée]e|acquisition|rachat|cession
            |fusion)\b
      | (?:the|this)\s+(?:{_EN_DESCRIPTIONS}|deal|transaction|round|acquisition|takeover|merger)\b
      | (?:it|he|she|they)\b
      | (?:son|sa|ses|leur|leurs|its|their)\s+[\p{{L}}-]+
    )""", regex.IGNORECASE | regex.VERBOSE)

# A definite description of a company anywhere in a sentence ("le chiffre d'affaires du groupe qui
# possède la marque", "the company's margin"): the sentence speaks of the entity already in play.
# Only in a complement ("du groupe", "of the company", "the company's"): as a subject it
# usually introduces the name that follows ("le spécialiste du paiement Qonto").
DESCRIPTIONS = regex.compile(
    rf"""\b(?:(?:du|au|de\s+la|de\s+l['’])\s*{_FR_DESCRIPTIONS}\b|of\s+the\s+{_EN_DESCRIPTIONS}\b
         |the\s+{_EN_DESCRIPTIONS}['’]s\b)""",
    regex.IGNORECASE | regex.VERBOSE)

_DESCRIPTION_WORD = regex.compile(rf"{_FR_DESCRIPTIONS}|{_EN_DESCRIPTIONS}", regex.IGNORECASE | regex.VERBOSE)


def is_description(word: str) -> bool:
    """Is ``word`` a noun that describes a company ("groupe", "géant", "company", "lender")?"""
    return _DESCRIPTION_WORD.fullmatch(word) is not None


# Reported, rumoured or conditional statements.
HEDGES = regex.compile(
    r"""\b(?:selon|d['’]apr[èe]s|rumeurs?|pourrai(?:t|ent)|devrai(?:t|ent)|aurai(?:t|ent)
        |serai(?:t|ent)|[\p{L}]{3,}(?<!t)rai(?:t|ent)|pr[ée]sum[ée]e?s?|vraisemblablement|reportedly
        |according\s+to|allegedly|rumou?r(?:s|ed)?|would|could|might|may\s+have|is\s+said\s+to)\b""",
    regex.IGNORECASE | regex.VERBOSE)


DETERMINERS = frozenset("le la les l un une des du de d the a an its his her their son sa ses leur".split())


@dataclass(frozen=True, slots=True)
class Words:
    """A sentence's tokens (casefolded, accent-folded) with their offsets in the document."""

    text: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]


def words_of(text: str, start: int, end: int) -> Words:
    """The tokens of ``text[start:end]``, with offsets into ``text``."""
    found = list(tokens(text[start:end]))
    return Words(text=tuple(t for t, _, _ in found), spans=tuple((start + s, start + e) for _, s, e in found))


def tokens(text: str) -> Iterator[tuple[str, int, int]]:
    """(casefolded token, start, end) for each word of ``text``."""
    for match in TOKEN.finditer(text):
        yield match.group().casefold().translate(FOLD), match.start(), match.end()


@functools.lru_cache(maxsize=65536)
def stem(token: str) -> str:
    """A light French/English stem: "investirait", "investissement", "invested" → "invest"."""
    for suffix in SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= MIN_STEM:
            return token[: -len(suffix)]
    return token


def phrase(text: str) -> tuple[str, ...]:
    """The tokens of an entity name, alias or cue."""
    return tuple(token for token, _, _ in tokens(text))


class Cue:
    """One cue of a claim: words that must occur in a row. A trailing ``*`` makes the last
    word a prefix; other words match any inflection sharing their stem."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.prefix = text.rstrip().endswith("*")
        self.words = phrase(text)

    def word_matches(self, index: int, token: str) -> bool:
        """Does ``token`` match the cue's ``index``-th word?"""
        word = self.words[index]
        if self.prefix and index == len(self.words) - 1:
            return token.startswith(word)
        return token == word or stem(token) == stem(word)


def find_phrase(words: Sequence[str], sentence: Sequence[str]) -> list[int]:
    """Indexes in ``sentence`` where the token sequence ``words`` starts."""
    size = len(words)
    if not size:
        return []
    return [i for i in range(len(sentence) - size + 1) if tuple(sentence[i:i + size]) == tuple(words)]


def find_cue(cue: Cue, sentence: Sequence[str]) -> list[tuple[int, int]]:
    """Token spans ``(first, last)`` (inclusive) in ``sentence`` where ``cue`` occurs.

    Between two words of a cue one other word may stand ("marge opérationnelle" finds "marge
    brute opérationnelle", "net income" finds "net attributable income"), but not a number
    or a conjunction, which would join two relations ("net sales and income"). A cue right
    after "non" is its complement ("non-GAAP earnings" for the cue "GAAP earnings":
    ``negated-cue``)."""
    size = len(cue.words)
    found: list[tuple[int, int]] = []
    if not size:
        return found
    for i in range(len(sentence) - size + 1):
        if not cue.word_matches(0, sentence[i]) or (i and sentence[i - 1] == "non"):
            continue
        at = i
        for j in range(1, size):
            if at + 1 < len(sentence) and cue.word_matches(j, sentence[at + 1]):
                at += 1
            elif (at + 2 < len(sentence) and cue.word_matches(j, sentence[at + 2])
                  and not _JOINS.fullmatch(sentence[at + 1])):
                at += 2
            else:
                break
        else:
            found.append((i, at))
    return found


# Words that may not stand inside a cue: numbers and conjunctions.
_JOINS = regex.compile(r"\d.*|et|ou|and|or|but|mais|vs|contre")


def opens_anaphorically(text: str) -> bool:
    """Does the sentence open with a pronoun or a definite description ("Cette dernière")?"""
    return bool(ANAPHORIC_OPENERS.match(text))


_HEAD_NOUN = regex.compile(rf"\b(?:{_FR_DESCRIPTIONS}|{_EN_DESCRIPTIONS})\b", regex.IGNORECASE | regex.VERBOSE)


def described_early(text: str, limit: int = 60) -> bool:
    """Does a company noun come early in the sentence ("The Austin, Texas-based company
    reported…")? Then the sentence speaks of the company it describes, not of the place."""
    return bool(_HEAD_NOUN.search(text, 0, limit))


def description_at(text: str) -> int | None:
    """Offset of the first definite description of a company in ``text``, if any."""
    found = DESCRIPTIONS.search(text)
    return found.start() if found else None


def is_hedged(text: str) -> bool:
    """Is the sentence reported, rumoured or conditional?"""
    return bool(HEDGES.search(text))
