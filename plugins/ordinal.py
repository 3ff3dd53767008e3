"""Project-local matcher plugin "ordinal": "la troisième phase" = 3, "the second round" = 2.

An example of a user's matcher: a Matcher subclass and one hook, loaded from ``plugins/``
exactly as an installed plugin is. Its cases live in ``plugins/cases/`` and run through
``claimcheck.testing`` like the built-in matchers'.
"""
from __future__ import annotations

import regex

from claimcheck import Agreement, Matcher, Mention, hookimpl

WORDS = {
    "premier": 1, "première": 1, "deuxième": 2, "second": 2, "seconde": 2, "troisième": 3,
    "quatrième": 4, "cinquième": 5, "sixième": 6, "septième": 7, "huitième": 8, "neuvième": 9,
    "dixième": 10, "first": 1, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
}
# "1er", "2e", "3ème", "4th", "21st": digits with an ordinal suffix.
DIGITS = r"(?P<n>\d{1,3})(?:er|re|ère|e|ème|eme|st|nd|rd|th)"
# "the second quarter", "premier semestre": a period, which the date matcher reads, not a rank.
PERIOD_AFTER = r"(?![\s-]+(?:fiscal\s+)?(?:quarter|half|trimestre|semestre)s?\b)"
PATTERN = regex.compile(rf"\b(?:{DIGITS}|(?P<w>{'|'.join(sorted(WORDS, key=len, reverse=True))}))\b{PERIOD_AFTER}",
                        regex.IGNORECASE)


class OrdinalMatcher(Matcher):
    """Ordinal numbers: "troisième", "3e", "1er", "third", "21st".

    Recognised: French and English ordinal words up to ten, and digits with an ordinal suffix
    (1er, 2e, 3ème, 4th, 21st). Not recognised: cardinal numbers ("trois"), fractions ("un
    tiers"), dates ("le 1er mars" is read, as 1: pair it with a cue such as "phase"), and
    periods ("the second quarter", "premier semestre" are the date matcher's).
    Examples: "la troisième phase du partenariat" → 3; "the second round" → 2.
    """

    kind = "ordinal"

    def parse(self, text, *, lang, options):
        found = list(self.extract(str(text), lang=lang, ref_date=None))
        if len(found) == 1 and found[0].text.strip() == str(text).strip():
            return found[0].value
        if str(text).strip().isdigit():
            return int(str(text).strip())
        raise ValueError(f"'{text}' is not an ordinal: write e.g. 'troisième', '3e', 'third' or 3")

    def extract(self, text, *, lang, ref_date):
        for match in PATTERN.finditer(text):
            value = int(match.group("n")) if match.group("n") else WORDS[match.group("w").lower()]
            yield Mention(kind=self.kind, start=match.start(), end=match.end(), text=match.group(), value=value)

    def compare(self, expected, mention):
        return Agreement.MATCH if expected.value == mention.value else Agreement.MISMATCH


@hookimpl
def claimcheck_register_matchers():
    return [OrdinalMatcher()]
