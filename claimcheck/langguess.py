"""A cheap guess at whether a claim sentence is English: its language when nothing gives one,
and a warning when its ``lang`` says fr.

A French claim file read with English sentences goes wrong quietly: "$1 billion" is read as
a French "billion" (10^12) and the sentence that states the claim contradicts it. Function
words tell the two languages apart well enough for a one-sentence claim.
"""
from __future__ import annotations

import re

# Words frequent in news sentences of one language and rare in the other ("a", "en",
# "on", "son" are left out: they are words of both).
_ENGLISH = frozenset(
    "the of and in to is was were has have had its for with by from that which this "
    "billion million invested acquired bought raised said will would percent stake "
    "are be been people employs employed reported revenue rose fell sales shares profit quarter "
    "earnings company".split())
_FRENCH = frozenset(
    "le la les de du des et dans pour avec par sur ses qui que au aux est une un "
    "milliard milliards millions investi acquis racheté levé selon "
    "été salariés chiffre affaires hausse baisse bénéfice résultat trimestre société groupe "
    "emploie".split())
_WORD = re.compile(r"[^\W\d_]+")


def english_words(sentence: str, least: int = 2) -> list[str]:
    """The English words of ``sentence`` when it reads as English (at least ``least``, and
    more than its French ones); else an empty list."""
    words = [w.lower() for w in _WORD.findall(sentence)]
    english = [w for w in words if w in _ENGLISH]
    french = [w for w in words if w in _FRENCH]
    return list(dict.fromkeys(english)) if len(english) >= least and len(english) > len(french) else []


def guess_lang(sentence: str) -> str:
    """``en`` for a sentence that reads as English, else ``fr``: the language of a claim
    whose file and command line give none, so that "$1 billion" is 10^9."""
    # One word will do: a short claim ("Globex employs 12,400 people.") has few.
    return "en" if english_words(sentence, least=1) else "fr"
