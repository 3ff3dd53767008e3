"""Candidate claims from an article: one per relation and its values, for an analyst to prune.

The fastest way to a regression suite for a corpus is to let the tool propose what each
article states and keep what matters. A sentence gives a draft when it names a relation of
the lexicon (a noun: "chiffre d'affaires", "net income") followed, in the same clause, by
values of the kinds claims check (amount, percentage, count) that are neither a base of
comparison nor an expectation (:mod:`claimcheck.roles`). The draft's entity is the name the
sentence is about by the article rules (:mod:`claimcheck.entities`: a pronoun's antecedent,
the topic, the names it gives, never its source); its date is a date the clause gives for
the figures. Drafts are plain claims with every field
written out, so that ``claimcheck`` checks them as drafted and ``claimcheck show`` prints
them unchanged.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Mapping, Sequence

import regex

from . import entities
from .entities import not_names
from .inference import proper_names, slug
from .langguess import guess_lang
from .matchers import Agreement, Matcher
from .model import Document, Expected, Mention
from .relations import Lexicon
from .roles import Role, role_of
from .sentences import split_sentences
from .words import phrase, tokens

KINDS = ("amount", "percentage", "count")
"""The kinds a draft is made for; a date only places one."""


@dataclass(frozen=True, slots=True)
class Draft:
    """One candidate claim, with where it was read."""

    text: str
    lang: str
    about: tuple[str, ...]
    """The entities the sentence is about (:mod:`claimcheck.entities`), the subject first."""
    cue: str
    expect: tuple[tuple[str, str], ...]
    """(kind, value as written) pairs, a change with its sign."""
    line: int


def drafts(document: Document, matchers: Mapping[str, Matcher], lexicon: Lexicon) -> list[Draft]:
    """The candidate claims of one document, in text order."""
    text = document.text
    lang = document.lang or guess_lang(text[:2000])
    spans = split_sentences(text)
    mentions = _values(text, lang, document, matchers)
    common = lexicon.words(lang)
    known = _distinct(n for names in _names(text, spans, common, mentions) for n in names)
    aboutness = entities.about([text[a:b] for a, b in spans], [entities.name_forms([n]) for n in known], common)
    found = []
    for (start, end), read in zip(spans, aboutness):
        inside = [m for m in mentions if start <= m.start and m.end <= end]
        # the entity a pronoun or the topic gives first, then those the sentence names; two
        # at most, as a claim on a deal names its two parties
        about = sorted(read.entities - read.cited, key=lambda i: (i in read.named, i))[:2]
        if about:
            found += _sentence_drafts(text, start, end, inside, tuple(known[i] for i in about), lang, lexicon,
                                      document, matchers)
    return found


def _distinct(names) -> list[str]:
    """Names once each, whatever their case ("OpenAi" is "OpenAI")."""
    seen: dict[tuple[str, ...], str] = {}
    for name in names:
        seen.setdefault(phrase(name), name)
    return list(seen.values())


def _names(text: str, spans: Sequence[tuple[int, int]], common: frozenset[str],
           mentions: Sequence[Mention]) -> list[list[str]]:
    """Each sentence's proper names, less the capitalised words the document shows are not
    names (written in lower case somewhere, or seen only opening a sentence)."""
    lower, opening = not_names([text[a:b] for a, b in spans])
    names = []
    for start, end in spans:
        inside = [dataclasses.replace(m, start=m.start - start, end=m.end - start) for m in mentions
                  if start <= m.start and m.end <= end]
        first = [name for _, name in proper_names(text[start:end], common, inside)]
        names.append([n for n in first if n.split()[0] not in lower and n.split()[0].lower() not in opening])
    return names


def _values(text: str, lang: str, document: Document, matchers: Mapping[str, Matcher]) -> list[Mention]:
    found: list[Mention] = []
    for kind, matcher in matchers.items():
        if kind in KINDS or getattr(matcher, "marks_event", False):
            found += matcher.extract(text, lang=lang, ref_date=document.date)
    return sorted(found, key=lambda m: m.start)


_CLAUSE_END = regex.compile(r"[;:]|,\s+(?:et|mais|tandis|alors|and|but|while|whereas)\b|\s[–—]\s")


def _sentence_drafts(text: str, start: int, end: int, inside: Sequence[Mention], about: tuple[str, ...], lang: str,
                     lexicon: Lexicon, document: Document, matchers: Mapping[str, Matcher]) -> list[Draft]:
    spans = [(s + start, e + start) for _, s, e in tokens(text[start:end])]
    words = [t for t, _, _ in tokens(text[start:end])]
    relations = lexicon.mentions(words, lang, verbs=True)
    out = []
    for i, relation in enumerate(relations):
        cue_start, cue_end = spans[relation.first][0], spans[relation.last][1]
        stop = spans[relations[i + 1].first][0] if i + 1 < len(relations) else end
        clause = _CLAUSE_END.search(text, cue_end, stop)
        stop = clause.start() if clause else stop
        values = [m for m in inside if cue_end <= m.start and m.end <= stop]
        expect = _expected(text, values, (cue_start, cue_end), matchers, lang)
        if any(kind in KINDS for kind, _ in expect):
            cue = text[cue_start:cue_end]
            out.append(Draft(text=_sentence(about[0], cue, expect, lang), lang=lang, about=about, cue=cue,
                             expect=tuple(expect), line=document.line_of(start)))
    return out


def _standalone(mention: Mention, matchers: Mapping[str, Matcher], lang: str) -> str | None:
    """The value as a claim can write it: as the article did, or, where that needs the
    article's date ("il y a deux semaines"), as the date it resolves to; None if neither."""
    matcher = matchers[mention.kind]
    for written in (mention.text, str(mention.value)):
        try:
            facet = Expected(kind=mention.kind, text=written, value=matcher.parse(written, lang=lang, options={}),
                             options={}, location=None)
        except ValueError:
            continue
        if matcher.compare(facet, mention) is Agreement.MATCH:
            return written
    return None


def _expected(text: str, values: Sequence[Mention], cue: tuple[int, int],
              matchers: Mapping[str, Matcher], lang: str) -> list[tuple[str, str]]:
    chosen: dict[str, str] = {}
    for mention in values:
        read = role_of(text, mention, [cue])
        if mention.kind in chosen or read.role in (Role.BASE, Role.EXPECTED):
            continue
        written = _standalone(mention, matchers, lang)
        if written is None:
            continue
        sign = "+" if read.direction == 1 else "-" if read.direction == -1 else ""
        chosen[mention.kind] = written if read.role is not Role.CHANGE or written[:1] in "+-−" else sign + written
    return list(chosen.items())


def _sentence(entity: str, cue: str, expect: Sequence[tuple[str, str]], lang: str) -> str:
    """"Globex — chiffre d'affaires : 4,2 milliards d'euros, +8 % (2023)."""
    values = ", ".join(v for k, v in expect if k != "date")
    date = next((v for k, v in expect if k == "date"), None)
    colon = " : " if lang == "fr" else ": "
    return f"{entity} — {cue}{colon}{values}{f' ({date})' if date else ''}."


def claim_id(draft: Draft, taken: set[str]) -> str:
    """A readable id for a draft, unique among ``taken`` (which it joins)."""
    name = slug(f"{draft.about[0]} {draft.cue} {' '.join(v for _, v in draft.expect)}", taken)
    taken.add(name)
    return name
