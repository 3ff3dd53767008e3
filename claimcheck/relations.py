"""The relation lexicon: the phrases that name the common relations of business news.

A relation ("revenue", "net_income", "operating_margin"…) is named by phrases, per language,
kept in data files (``claimcheck/data/relations.LANG.yaml``) rather than in code, and
extended by users (``relations`` in ``[tool.claimcheck]``: YAML files of the same form) and by
plugins (the ``claimcheck_register_relations`` hook). The lexicon serves two rules:

``relation-synonym``
    A claim cue that is one of a relation's nouns stands for the relation's nouns, in every
    language: a claim on "résultat net" finds "bénéfice net", "résultat net part du groupe"
    and "net income" (:mod:`claimcheck.query` has the rule). A verb cue stands for the
    relation's verbs of its own language only ("investi" finds "injecté").
``relation-competes``
    Every phrase of another relation found in a passage competes for the values around it:
    in "le chiffre d'affaires atteint 19,6 milliards et le résultat net 2,98 milliards", the
    2,98 milliards belongs to the net income, not to the revenue. Of two phrases that
    overlap, the longer one names the relation ("bénéfice par action" is EPS, not "bénéfice").
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from . import datafiles
from .errors import UsageError
from .hookspecs import hookimpl
from .model import Location
from .places import Places, builtin as builtin_places
from .words import Cue, find_cue, stem

LANGS = ("fr", "en")


@dataclass(frozen=True, slots=True, kw_only=True)
class Relation:
    """One relation of the lexicon in one language."""

    name: str
    """Its identifier, the same across languages (``net_income``)."""
    lang: str
    """``fr`` or ``en``."""
    phrases: tuple[str, ...]
    """The nouns that name it, as written in the data file: they compete for values."""
    verbs: tuple[str, ...] = ()
    """Verb forms that name it ("lève", "invested"): synonyms of a claim cue, but they do not
    compete, as a verb's object may be another relation ("investir 7 milliards dans la
    formation")."""
    source: str = "built-in"
    """Where it was defined: a data file or a plugin."""


@dataclass(frozen=True, slots=True)
class RelationMention:
    """A phrase of the lexicon found in a sentence (token span, inclusive)."""

    first: int
    last: int
    relation: str


class Lexicon:
    """Every relation of a run, merged by name and language, searchable by first word; and
    the run's places (:mod:`claimcheck.places`), which read the entity of a claim sentence."""

    def __init__(self, relations: Iterable[Relation], places: Places | None = None) -> None:
        self.places = places if places is not None else Places(builtin_places())
        self._phrases: dict[str, dict[str, tuple[str, ...]]] = {lang: {} for lang in LANGS}
        self._verbs: dict[str, dict[str, tuple[str, ...]]] = {lang: {} for lang in LANGS}
        for relation in relations:
            for table, words in ((self._phrases, relation.phrases), (self._verbs, relation.verbs)):
                known = table.setdefault(relation.lang, {})
                known[relation.name] = tuple(dict.fromkeys(known.get(relation.name, ()) + words))
        self._by_stem: dict[str, dict[str, list[tuple[Cue, str]]]] = {}

    def relations(self, lang: str) -> Mapping[str, tuple[str, ...]]:
        """Relation name → nouns, for one language."""
        return self._phrases.get(lang, {})

    def verbs(self, lang: str) -> Mapping[str, tuple[str, ...]]:
        """Relation name → verbs, for one language."""
        return self._verbs.get(lang, {})

    def words(self, lang: str | None) -> frozenset[str]:
        """Every (folded) word of the lexicon's phrases: common words, never names."""
        key = ("words", lang)
        if key not in self._by_stem:
            self._by_stem[key] = frozenset(w for table in (self._phrases, self._verbs) for lg, rel in table.items()
                                           if lang in (None, lg) for ps in rel.values() for p in ps
                                           for w in Cue(p).words)
        return self._by_stem[key]  # type: ignore[return-value]

    def relation_of(self, cue: str, lang: str) -> tuple[str | None, bool]:
        """The relation a claim cue names, when the cue is one of its nouns or verbs
        (``relation-synonym``), and whether it is one of its nouns."""
        words = Cue(cue).words
        for name in self.relations(lang):
            if any(_same(Cue(p).words, words) for p in self.relations(lang)[name]):
                return name, True
            if any(_same(Cue(p).words, words) for p in self._verbs.get(lang, {}).get(name, ())):
                return name, False
        return None, False

    def mentions(self, words: Sequence[str], lang: str | None, *, verbs: bool = False) -> list[RelationMention]:
        """The relation phrases in a sentence's tokens, longest first where they overlap;
        with ``verbs``, the relations' verbs too (a claim sentence's "a levé")."""
        index = self._index(lang or "fr", verbs)
        found = []
        for i, token in enumerate(words):
            for cue, name in index.get(stem(token), ()):
                window = words[i:i + 2 * len(cue.words)]
                found += [RelationMention(i, i + last, name) for first, last in find_cue(cue, window)
                          if first == 0 and _inflected(cue.words, window[:last + 1])]
        found.sort(key=lambda m: (m.first - m.last, m.first))
        kept: list[RelationMention] = []
        for mention in found:
            if all(mention.last < k.first or k.last < mention.first for k in kept):
                kept.append(mention)
        return sorted(kept, key=lambda m: m.first)

    def _index(self, lang: str, verbs: bool = False) -> dict[str, list[tuple[Cue, str]]]:
        key = f"{lang}+verbs" if verbs else lang
        index = self._by_stem.get(key)
        if index is None:
            index = self._by_stem[key] = {}
            tables = (self.relations(lang), self._verbs.get(lang, {})) if verbs else (self.relations(lang),)
            for name, phrases in ((n, p) for table in tables for n, p in table.items()):
                for text in phrases:
                    cue = Cue(text)
                    if cue.words:
                        index.setdefault(stem(cue.words[0]), []).append((cue, name))
        return index


def _inflected(phrase: Sequence[str], found: Sequence[str]) -> bool:
    """A phrase's words found as inflections of the same word class: a light stem joins
    "vente" and "ventes", but also the verb "investir" and the noun "investissement",
    which only competes as a noun."""
    words = [w for w in found if any(w == p or stem(w) == stem(p) for p in phrase)]
    return all(abs(len(w) - len(p)) <= 2 for w, p in zip(words, phrase))


def _same(a: Sequence[str], b: Sequence[str]) -> bool:
    return len(a) == len(b) and all(x == y or (stem(x) == stem(y) and abs(len(x) - len(y)) <= 2)
                                    for x, y in zip(a, b))


def load_file(path: Path, source: str | None = None) -> list[Relation]:
    """The relations of one lexicon file (``lang:`` and ``relations: {name: [phrases]}``).

    :raises UsageError: naming the file and line, for a file that is not of that form.
    """
    where = Location(path=path)
    data = datafiles.read(path, "relation lexicon")
    if not isinstance(data, dict) or data.get("lang") not in LANGS or not isinstance(data.get("relations"), dict):
        raise UsageError(f"{where}: a relation lexicon needs 'lang: fr' or 'lang: en' and "
                         "'relations:', a mapping of relation names to lists of phrases")
    relations = []
    for name, entry in data["relations"].items():
        nouns, verbs = (entry, []) if isinstance(entry, list) else (
            (entry.get("nouns", []), entry.get("verbs", [])) if isinstance(entry, dict) else (None, None))
        if not all(isinstance(group, list) and all(isinstance(p, str) and p.strip() for p in group)
                   for group in (nouns, verbs)):
            raise UsageError(f"{where}: relation '{name}' must be a list of phrases, or "
                             "{nouns: [...], verbs: [...]}")
        relations.append(Relation(name=str(name), lang=data["lang"], phrases=tuple(nouns),
                                  verbs=tuple(verbs), source=source or str(path)))
    return relations


def builtin() -> list[Relation]:
    """The built-in lexicon, from the package's data files."""
    folder = resources.files("claimcheck") / "data"
    relations = []
    for lang in LANGS:
        with resources.as_file(folder / f"relations.{lang}.yaml") as path:
            relations += load_file(path, source="built-in")
    return relations


@hookimpl
def claimcheck_register_relations(config) -> list[Relation]:
    """The built-in lexicon, then the files named by ``relations`` in ``[tool.claimcheck]``."""
    relations = builtin()
    for path in datafiles.configured(config, "relations"):
        relations += load_file(path)
    return relations
