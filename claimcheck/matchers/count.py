"""Built-in matcher plugin "count": numbers of people, jobs, users, units, shares, sites… with their noun."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Iterator, Mapping

from ..hookspecs import hookimpl
from ..model import Mention
from . import Agreement, Matcher
from ._numbers import SPACE, compare_bounds, fmt, scan_numbers, tolerance_option as _tolerance
from ._quantities import Quantity, read_numbers
# The bound words ("plus de", "nearly", "au moins"…) are the amount matcher's, so that "plus de 10 000
# salariés" and "plus de 10 000 €" read their bounds the same way.
from .amount import _QUALIFIER_RE, _RANGE_OPEN_RE

if TYPE_CHECKING:
    from ..model import Expected, PartialDate

APPROX = Decimal("0.1")
"""Relative tolerance an approximate count ("environ 10 000 salariés", "nearly 100 million users") allows."""
_MARK = {"exact": "", "approx": "~", "min": ">", "max": "<", "range": ""}


@dataclass(frozen=True, slots=True, kw_only=True)
class Count:
    """A number of things of one kind: ``10000 salarié``, ``>100000000 user``, ``1000..2000 job``."""

    low: Decimal | None
    """Lower bound (the value itself for exact, approx and min)."""
    high: Decimal | None
    """Upper bound (the value itself for exact, approx and max)."""
    noun: str
    """The unit noun, folded: lower case, singular ("salariés" → ``salarié``, "people" → ``person``)."""
    qualifier: str = "exact"
    """One of ``exact``, ``approx``, ``min``, ``max``, ``range``."""
    words: str = field(default="", compare=False)
    """The noun as written ("abonnés", "weekly users" keeps only "users"); not compared."""

    def __str__(self) -> str:
        if self.qualifier == "range":
            return f"{fmt(self.low)}..{fmt(self.high)} {self.noun}"
        value = self.high if self.qualifier == "max" else self.low
        return f"{_MARK[self.qualifier]}{fmt(value)} {self.noun}"


# -- the nouns -------------------------------------------------------------------------------------
# Each entry is a singular form and its plural(s); the folded noun is the first. Only these nouns make a
# count: a bare number is no count, and "10 millions d'euros" is an amount.
_NOUNS_EN = [
    ("person", "people", "persons"), ("employee", "employees"), ("worker", "workers"), ("staff",),
    ("job", "jobs"), ("user", "users"), ("subscriber", "subscribers"), ("customer", "customers"),
    ("client", "clients"), ("member", "members"), ("unit", "units"), ("share", "shares"),
    ("site", "sites"), ("store", "stores"), ("shop", "shops"), ("branch", "branches"),
    ("vehicle", "vehicles"), ("car", "cars"), ("device", "devices"), ("download", "downloads"),
    ("visitor", "visitors"), ("passenger", "passengers"), ("student", "students"),
    ("resident", "residents"), ("household", "households"), ("home", "homes"), ("account", "accounts"),
    ("position", "positions"), ("role", "roles"), ("engineer", "engineers"), ("developer", "developers"),
    ("researcher", "researchers"), ("plant", "plants"), ("factory", "factories"), ("office", "offices"),
    ("restaurant", "restaurants"), ("hotel", "hotels"), ("aircraft",), ("plane", "planes"),
    ("server", "servers"), ("chip", "chips"), ("phone", "phones"), ("smartphone", "smartphones"),
    ("copy", "copies"), ("patient", "patients"), ("viewer", "viewers"), ("listener", "listeners"),
    ("reader", "readers"), ("follower", "followers"), ("signature", "signatures"), ("vote", "votes"),
    ("voter", "voters"), ("seat", "seats"), ("bed", "beds"), ("partner", "partners"),
    ("supplier", "suppliers"), ("contract", "contracts"), ("order", "orders"), ("licence", "licences"),
    ("license", "licenses"), ("installation", "installations"), ("layoff", "layoffs"),
    ("hire", "hires"), ("tonne", "tonnes"), ("barrel", "barrels"),
]
_NOUNS_FR = [
    ("personne", "personnes"), ("salarié", "salariés", "salariée", "salariées"),
    ("employé", "employés", "employée", "employées"), ("collaborateur", "collaborateurs", "collaboratrices"),
    ("travailleur", "travailleurs"), ("ouvrier", "ouvriers", "ouvrières"), ("agent", "agents"), ("emploi", "emplois"), ("poste", "postes"),
    ("utilisateur", "utilisateurs", "utilisatrices"), ("abonné", "abonnés", "abonnées"),
    ("client", "clients", "clientes"), ("membre", "membres"), ("adhérent", "adhérents"),
    ("unité", "unités"), ("action", "actions"), ("titre", "titres"), ("site", "sites"),
    ("magasin", "magasins"), ("boutique", "boutiques"), ("agence", "agences"), ("succursale", "succursales"),
    ("véhicule", "véhicules"), ("voiture", "voitures"), ("appareil", "appareils"),
    ("téléchargement", "téléchargements"), ("visiteur", "visiteurs"), ("passager", "passagers"),
    ("étudiant", "étudiants", "étudiantes"), ("habitant", "habitants"), ("foyer", "foyers"),
    ("ménage", "ménages"), ("logement", "logements"), ("compte", "comptes"), ("ingénieur", "ingénieurs"),
    ("développeur", "développeurs"), ("chercheur", "chercheurs"), ("usine", "usines"),
    ("bureau", "bureaux"), ("restaurant", "restaurants"), ("hôtel", "hôtels"), ("avion", "avions"),
    ("serveur", "serveurs"), ("puce", "puces"), ("téléphone", "téléphones"), ("smartphone", "smartphones"),
    ("exemplaire", "exemplaires"), ("patient", "patients"), ("spectateur", "spectateurs"),
    ("téléspectateur", "téléspectateurs"), ("auditeur", "auditeurs"), ("lecteur", "lecteurs"),
    ("abonnement", "abonnements"), ("signature", "signatures"), ("voix",), ("électeur", "électeurs"),
    ("siège", "sièges"), ("lit", "lits"), ("partenaire", "partenaires"), ("fournisseur", "fournisseurs"),
    ("contrat", "contrats"), ("commande", "commandes"), ("licence", "licences"),
    ("licenciement", "licenciements"), ("embauche", "embauches"), ("recrutement", "recrutements"),
    ("tonne", "tonnes"), ("baril", "barils"),
]
# Units of measure, which count energy, power and goods in fractions too ("320,4 TWh", "1.5 GW"):
# written the same in both languages, compared case-blind.
_UNITS = [("twh",), ("gwh",), ("mwh",), ("kwh",), ("gw",), ("mw",), ("kw",), ("mbbl",), ("bcm",)]
_MEASURES = frozenset(forms[0] for forms in _UNITS) | {"tonne", "baril", "barrel"}
"""Nouns whose count may be a fraction."""
_FOLD: dict[str, str] = {}
for _forms in _NOUNS_EN + _NOUNS_FR + _UNITS:
    for _form in _forms:
        _FOLD.setdefault(_form, _forms[0])

# Adjectives that may stand between the number and the noun ("100 million weekly active users",
# "10 000 nouveaux clients"); French ones that follow the noun are simply not part of the mention.
_ADJECTIVES = ("weekly", "monthly", "daily", "active", "new", "additional", "extra", "more", "full-time",
               "part-time", "paying", "paid", "registered", "unique", "total", "direct", "indirect",
               "permanent", "temporary", "nouveaux", "nouvelles", "nouvel", "nouveau", "nouvelle")


def _words(names) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


_NOUN_RE = re.compile(
    rf"{SPACE}*(?:(?i:de|d['’]|of){SPACE}*)?(?:(?i:{_words(_ADJECTIVES)}){SPACE}+){{0,2}}"
    rf"(?P<noun>(?i:{_words(_FOLD)}))(?![\w'’-])")
# A plural noun the list does not know ("667 000 entreprises", "11 rate hikes", "301.6 million paid
# memberships", "40 millions de flacons"), in a claim's value: the analyst says what is counted, and the file must load.
# Articles are not read so: there, a count of any noun would cut the frames of the values around
# it ("8 matchs … contre 400 millions d'euros"). A year ("2023 les ventes") and the words of time,
# ratios and scale are never counted.
_OPEN_NOUN_RE = re.compile(
    rf"{SPACE}+(?:(?i:de|of){SPACE}+|(?i:d['’]){SPACE}*)?(?:(?i:{_words(_ADJECTIVES)}){SPACE}+)?"
    rf"(?:(?P<mid>[^\W\d_]{{3,}}){SPACE}+)?"
    rf"(?P<noun>[^\W\d_]{{3,}}[sx])(?![\w'’-])")
_NOT_COUNTED = frozenset("""
    ans années mois jours semaines heures minutes secondes fois points pts reprises fr
    years months weeks days hours minutes seconds times points percent cents pence basis
    les des aux ces ses nos vos leurs dans sous sans plus moins avec pour chez vers
    the its his her their this that these those with from into over than plus less
""".split())
_RANGE_JOIN_RE = re.compile(rf"(?i){SPACE}*(?:(?P<w>et|and|à|to)|[-–—]){SPACE}*$")
_ARTICLE_RE = re.compile(r"(?i:un|une|a|an)")
_GLUED_RE = re.compile(r"[\w.,/:-]")  # a number inside a code or a date ("A320", "2023-10", "3.5.1")


class CountMatcher(Matcher):
    """Numbers of people and things, with their noun: the noun is part of the value.

    Recognised, with the value shown by ``claimcheck extract``:

    - a number, with its scale, followed by a count noun: "10 000 salariés" → ``10000 salarié``,
      "1 200 unités", "100 million weekly users" → ``100000000 user``, "deux millions d'abonnés",
      "2,5 millions de clients", "3,000 jobs", "10k employees", "1.2m subscribers";
    - up to two adjectives before the noun ("weekly active users", "nouveaux clients");
    - bounds and approximations before it, as for amounts: "plus de 10 000 salariés" (``>``), "nearly
      100 million users" (``~``), "up to 500 jobs" (``<``), "au moins 3 000 postes";
    - ranges: "between 1,000 and 2,000 jobs", "de 300 à 400 postes", "3 000-4 000 emplois".

    The nouns are a list of people, jobs, accounts, units, shares, sites, vehicles and the like, French
    and English, singular and plural, and units of measure ("320,4 TWh", "1.5 GW", "2,5 tonnes"), which
    alone may count fractions; a number without one of them is not a count in an article
    ("10 000" alone, "10 millions d'euros", "2 000 tests"). A claim's value may count any other plural
    noun, right after the number or after one word, a name too, and in fractions ("667 000 entreprises",
    "11 rate hikes", "1.025 Globex shares"), except
    a year's ("2023 les ventes") and the words of time, ratios and scale ("3 ans", "5 fois"). The noun is folded (lower case, singular; "people"
    is ``person``), so "salariés" and "salarié" are the same unit, but "employés" and "salariés" are
    not.

    Comparison: a count of another noun is UNDECIDED (it is another quantity, not a contrary one); with
    the same noun, numbers compare as amounts do: equal (or a rounding: "10 000" of "9 987") MATCH, a
    bound holds or not, an approximate one allows 10 % (option ``tolerance`` widens any).
    """

    kind = "count"
    options = frozenset({"tolerance"})

    def parse(self, text: str, *, lang: str, options: Mapping[str, object]) -> Count:
        _tolerance(options)
        stripped = str(text).strip()
        found = list(self._read(stripped, lang if lang in ("fr", "en") else None, open_nouns=True))
        if len(found) == 1 and not re.search(r"\w", stripped[:found[0][0]] + stripped[found[0][1]:]):
            return found[0][2]
        raise ValueError(f"{stripped!r} is not a count: write a number and what it counts, e.g. "
                         "'10 000 salariés' or 'more than 100 million users'")

    def extract(self, text: str, *, lang: str | None = None,
                ref_date: "PartialDate | None" = None) -> Iterator[Mention]:
        for start, end, value in self._read(text, lang if lang in ("fr", "en") else None):
            yield Mention(kind=self.kind, start=start, end=end, text=text[start:end], value=value)

    def _read(self, text: str, lang: str | None, open_nouns: bool = False) -> Iterator[tuple[int, int, Count]]:
        previous: Quantity | None = None
        for number in read_numbers(text, lang, ratios=False):
            before = previous
            previous = number
            noun = _NOUN_RE.match(text, number.end) or (_open_noun(text, number) if open_nouns else None)
            if noun is None or (number.start and _GLUED_RE.match(text, number.start - 1)
                                and not text[number.start - 1].isspace()):
                continue
            words = noun.group("noun")
            folded = _FOLD.get(words.lower()) or _singular(words)
            if number.value < 0 or (number.value != number.value.to_integral_value() and folded not in _MEASURES
                                    and not open_nouns):
                continue  # "2.5 employees", "two thirds of the staff": a ratio or a share, not a count
            if number.value == 1 and _ARTICLE_RE.fullmatch(text, number.start, number.end):
                continue  # "un contrat", "a share": an article, not a count of one
            low = high = number.value
            start, qualifier = number.start, "exact"
            join = _RANGE_JOIN_RE.match(text, before.end, number.start) if before else None
            opener = _RANGE_OPEN_RE.search(text, max(0, before.start - 12), before.start) if before else None
            if join and (not join.group("w") or join.group("w").lower() not in ("et", "and") or opener):
                low = before.value
                if not before.scaled and number.scaled:  # "entre 1 et 2 millions d'abonnés"
                    low *= number.value / _unscaled(text, number, lang)
                start, qualifier = (opener.start() if opener else before.start), "range"
            else:
                bound = _QUALIFIER_RE.search(text, max(0, start - 40), start)
                if bound is not None:
                    qualifier, start = bound.lastgroup, bound.start()
                    if qualifier == "max":
                        low = None
                    elif qualifier == "min":
                        high = None
            yield start, noun.end(), Count(low=low, high=high, noun=folded, qualifier=qualifier, words=words)

    def compare(self, expected: "Expected", mention: Mention) -> Agreement:
        want, got = expected.value, mention.value
        if not isinstance(got, Count) or want.noun != got.noun:
            return Agreement.UNDECIDED
        return compare_bounds(want, got, _tolerance(expected.options), APPROX, relative=True)


def _open_noun(text: str, number: Quantity) -> "re.Match[str] | None":
    """``_OPEN_NOUN_RE`` after ``number``, unless the number is a year or a word is never counted."""
    if not number.scaled and 1900 <= number.value <= 2100 and number.end - number.start == 4:
        return None
    found = _OPEN_NOUN_RE.match(text, number.end)
    words = [w for w in (found.group("mid"), found.group("noun")) if w] if found else []
    # A capitalised word alone is a name or a nationality ("deux Américains"), not what is counted;
    # after a word, the analyst's value names a thing ("1.025 Globex shares", "30 Power Brands").
    if not words or any(w.lower() in _NOT_COUNTED for w in words) or (len(words) == 1 and not words[0][0].islower()):
        return None
    return found


def _singular(noun: str) -> str:
    """"entreprises" → ``entreprise``, "hikes" → ``hike``: the folded form of an open noun."""
    folded = unicodedata.normalize("NFC", noun).lower()
    return folded[:-1] if len(folded) > 4 and folded[-1] in "sx" else folded


def _unscaled(text: str, number: Quantity, lang: str | None) -> Decimal:
    """The number before its scale word ("2" of "2 millions")."""
    for token in scan_numbers(text[number.start:number.end], lang):
        return token.value
    return number.value


def fold(noun: str) -> str | None:
    """The folded form of a count noun, or None when it is not one."""
    return _FOLD.get(unicodedata.normalize("NFC", noun).lower())


@hookimpl
def claimcheck_register_matchers():
    return [CountMatcher()]
