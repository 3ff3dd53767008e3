"""The role of each value in its sentence: a level, a change (with its direction), or a base.

News puts a level, a change and a base in one sentence: "revenue rose 8% to $4.2 billion
from $3.9 billion", "à 12,4 milliards d'euros, soit 6 % de plus", "contre 7,1 % un an plus
tôt", "(2022 : 1 204)". A claim of a level is decided by the level, a claim of a change by
the change, and a base (what the figure is compared with) decides neither: it speaks of
another period. The claim sentence is read by the same rules, so "rose 10%" in a claim is a
change and "reached $4.2 billion" a level. The rules, tried in order (their names appear in
``claimcheck explain``):

``role-signed``
    A value written with a sign ("+4 %", "-2%", "−0,3 pt") is a change in that direction.
``role-change-word``
    A value right after a direction word is a change: "rose 8%", "up 50 percent", "fell by
    3%", "en hausse de 12 %", "a reculé de 17 %", "une baisse de 4 %" (up to three filler
    words between: "de", "by", "of", "about", "près de", "plus de"…). After "to", "à",
    "at" the value is the level reached ("rose to 7%", "en hausse à 4,2 milliards").
``role-change-noun``
    A value right before a change noun is a change: "a 50% rise", "8 % de hausse".
``role-cue-names-change``
    When the direction word is the claim's own cue ("la croissance de 1,1 %" for a claim on
    growth, "revalorisé de 1,13 %"), the value is both that relation's level and a change:
    it decides a claim of either.
``role-base``
    A value after "contre", "vs", "versus", "from", "compared with", "par rapport à", "after"
    or in "(2022 : …)", or before "a year earlier", "un an plus tôt", is the base of a
    comparison. A date in that position is the base period, not the event's date.
``role-base-list``
    A value joined by "and" / "et" to such a base value is a base too: "compared to year-ago
    sales of $28 billion and net profit of $2.4 billion".
``role-expected``
    A value after "analysts expected", "consensus", "estimates of", "les économistes
    tablaient sur", "attentes", or a forecast ("expects", "guidance", "table sur") is what was
    expected, not what happened: it decides only a claim that is itself about the
    expectation (whose cue is that word).
``role-forecast``
    The same for the company's own forecast ("expects", "guidance", "outlook"): for a claim
    whose cues name a forecast, the passage's forecast is the claim's level, however the
    passage words it ("raised expectations for free cash flow to" for a claim on the
    "forecast"); analysts' and economists' expectations never are.
``role-restated``
    A value restating the one before it (", or 0.2 percent", ", soit 2 milliards") takes its
    role: "rose by twelve cents, or 0.4 percent" is a change in both.
``role-table-header``
    In a table whose header dates two columns or more ("Metric | Q4 2023 | Q4 2024 | Change |"),
    the latest period's column is the level, the others' the bases, and a column headed
    "Change", "Var.", "%" the change, wherever the columns stand (without such a header,
    ``role-table``: the first value is the level, a second the base, a percentage the change).
``role-period-label``
    A date right beside a results noun ("résultats 2023", "Q3 earnings report") labels the
    period the figures cover: it decides a claim on that period, not the day the results
    came out.
``role-level``
    Anything else is a level. Dates: "a year earlier", "un an plus tôt", "par rapport à
    2022" are the base period (``role-base``).
"""
from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Iterable, Sequence

import regex

from .model import Mention

WINDOW = 90
"""How many characters before and after a value the role rules look at."""


class Role(enum.Enum):
    """What a value is in its relation."""

    LEVEL = "level"
    CHANGE = "change"
    BASE = "base"
    EXPECTED = "expected"


@dataclass(frozen=True, slots=True)
class RoleReading:
    """A value's role, its direction (+1, -1, or None when not a change or not stated), and
    the rule that said so."""

    role: Role
    direction: int | None
    rule: str


# Verb and noun stems; a stem takes any ending ("progress" finds progressé, progressant).
_UP = r"""up|rose|rise[sn]?|rising|increas\w*|grew|grow\w*|climb\w*|jump\w*|gained|gains?|soar\w*
    |surg\w*|advanc\w*|higher|improv\w*|rebound\w*|expand\w*|hausses?|progress\w*|augment\w*
    |croissance|cr[ûu]|croît|croissant|bond\w*|grimp\w*|accru|accroissement|relev[ée]\w*|amélior\w*
    |revaloris\w*|lift\w*|boost\w*|hik(?:e|ed|es|ing)|widen\w*|gagn\w*|envol\w*|rebond\w*|(?:sky)?rocket\w*"""
_DOWN = r"""down|fell|falls?|fallen|falling|declin\w*|decreas\w*|dropp\w*|drops?|slipp\w*|slips?|slid
    |slides?|plung\w*|plummet\w*|tumbl\w*|sank|shr[aiu]nk\w*|lower|contract(?:ed|ing|é\w*|e|ent)|eased|retreat\w*
    |slump\w*|baiss\w*|recul\w*|diminu\w*|chut\w*|repli\w*|contraction|fl[ée]chi\w*|c[ée]d(?:[ée]|ai|a\b|ant)\w*
    |dégrad\w*|retrait|amoindri\w*|trimm\w*|slash\w*|narrow\w*|plong\w*|déviss\w*|div(?:e|ed|es|ing)|dove
    |dégringol\w*"""
_FILLER = r"""(?:(?:de|d['’]|by|of|some|about|around|nearly|almost|roughly|more\s+than|over|près\s+de
    |environ|plus\s+de|quelque|encore|still|another|a|an|une?|sharply|fortement|légèrement|only
    |seulement|just|a\s+further|[\p{L}]+ment)\s+){0,3}"""
# "an increase in sales of 31%", "une hausse du chiffre d'affaires de 5 %": the change
# names its relation before its value.
_OF_RELATION = r"""(?:(?:in|its|their|du|des|de\s+la|de\s+l['’]|de\s+(?:sa|son|ses|leur|leurs)|sa|son|ses|leur|leurs)
    \s+(?:[\p{L}'’-]+\s+){1,3}?(?:of|de|d['’]|by)\s*
    # "lifted its quarterly dividend 10%": an English object, no preposition
    |(?:its|their)\s+(?:[\p{L}-]+\s+){1,2}?)?"""
_DIRECTION = regex.compile(rf"(?:{_UP}|{_DOWN})", regex.IGNORECASE | regex.VERBOSE)


# "croissance organique (soutenue) de 24,5 %", "growth of 14%": a direction noun that takes a value.
_TAKES_A_VALUE = regex.compile(r"\s+(?:[\p{L}-]+\s+){0,2}(?:de|d['’]|of)\s*[+−-]?\s*\d", regex.IGNORECASE)


def changes_the_cue(text: str, start: int, end: int, cues: Sequence[tuple[int, int]]) -> bool:
    """``change-noun``: a relation phrase that is a direction noun ("la croissance" is the
    economy's), after a cue of the sentence and taking a value, is the cue's change: "le
    chiffre d'affaires atteint 9 milliards, soit une croissance de 8 %"."""
    return (is_direction(text[start:end]) and any(b <= start for _, b in cues)
            and _TAKES_A_VALUE.match(text, end) is not None)


def is_direction(word: str) -> bool:
    """Is ``word`` a direction word ("rose", "en hausse", "recule")? It says how a value
    moved, never which relation it belongs to."""
    return _DIRECTION.fullmatch(word) is not None


# "une croissance organique de 8 %", "une hausse annuelle de 2 %", "en croissance organique
# soutenue de 6 %": one or two adjectives may follow the noun.
_ADJECTIVE = r"(?:(?:[\p{L}-]{4,}\s+){1,2}(?=(?:de|d['’]|of|by)\s))?"
_CHANGE_BEFORE = regex.compile(
    rf"\b(?:(?P<up>{_UP})|(?P<down>{_DOWN}))\s+{_ADJECTIVE}{_OF_RELATION}{_FILLER}$", regex.IGNORECASE | regex.VERBOSE)
_CHANGE_AFTER = regex.compile(
    r"""^\s*(?:(?:de\s+)?(?:(?:year-over-year|year-on-year|annual|yearly|quarterly|monthly|sequential|organic
            |underlying)\s+)?(?P<up>hausse|progression|croissance|augmentation|rise|increase|gain|jump
        |growth|climb|improvement)|(?:de\s+)?(?:(?:year-over-year|year-on-year|annual|yearly|quarterly|monthly
            |sequential|organic|underlying)\s+)?(?P<down>baisse|recul|diminution|chute|repli|decline
        |drop|fall|decrease|loss|slide|contraction))\b
        # "19 % de plus qu'en 2022", "19% more than a year earlier": a difference from a base
        |^\s*(?:(?P<up>de\s+plus|more|higher)|(?P<down>de\s+moins|less|lower|fewer))\b(?!\s+(?:de|d['’]|of)\b)""",
    regex.IGNORECASE | regex.VERBOSE)
_BASE_BEFORE = regex.compile(
    r"""(?:\b(?:compared\s+(?:with|to)|par\s+rapport\s+(?:à|au)|contre|vs\.?|versus)\s+(?:la\s+|the\s+)?
           (?:même|same)\s+(?:période|period|quarter|trimestre|month|mois)\s+(?:of|in|de|d['’])\s+(?:l['’]ann[ée]e\s+)?
        |\b(?:contre|vs\.?|versus|from|compared\s+(?:with|to)|par\s+rapport\s+(?:à|au|aux)
        |against|(?:supérieure?s?|inférieure?s?)\s+(?:à|au|aux))\s+(?:(?:a|an|un|une|the|le|la|les|l['’]|de|d['’]|revised|révisé)\s+)?
        |\b(?:après|after)\s+(?:(?:un|une|a|an)\s+(?:[\p{L}]+\s+){0,2}(?:(?:de|d['’]|of)\s*)?)?
        |\b(?:last|previous|prior)\s+year['’]s\s+(?:[\p{L}-]+\s+)?|\byear-(?:earlier|ago)\s+
        # "compared with net income of $2.9 billion", "par rapport à un bénéfice net de 1,2 milliard"
        # ("contre une amende de 2 millions" is no comparison)
        |\b(?:compared\s+(?:with|to)|versus|vs\.?|par\s+rapport\s+(?:à|au|aux))\s+(?:[\p{L}'’-]+\s+){1,4}?(?:of|de|d['’])\s*
        |\(\s*(?:19|20)\d\d\s*:\s*
        # "2,1 MdE (1,8 MdE en 2022)": a bracket right after a sum or a rate holds its base
        |(?<=\d\s?[\p{L}€$£%]{1,4}\.?)\s*\(\s*(?:vs\.?\s+|contre\s+|against\s+)?)$""", regex.IGNORECASE | regex.VERBOSE)
# "compared with prior-year sales of $28 billion and a net profit of $2.4 billion": a value
# joined by "and" to a base value before it, in the same phrase, is a base too.
_BASE_LIST = regex.compile(
    r"""(?<![\d.,])\d(?:[\d.,\s]*\d)?\s*(?:[\p{L}€$£%]{1,9}\.?)?\s*(?:\([^()]{0,40}\)\s*)?\s(?:and|et)\s+
        (?:[\p{L}'’-]+\s+){1,4}?(?:of|de|d['’])\s*[$€£]?\s*$""", regex.IGNORECASE | regex.VERBOSE)
# "4% lower than the year before", "7 % de plus qu'en 2021": the date compared with.
_THAN = regex.compile(r"\b(?:than|que|qu['’])\s*(?:(?:the|in|en|l['’]|à)\s+)?$", regex.IGNORECASE)
# The date of such a bracket's value: "(1,8 MdE en 2022)", "(vs $1.2bn in 2022)".
_BASE_BRACKET_DATE = regex.compile(
    r"(?<=\d\s?[\p{L}€$£%]{1,4}\.?)\s*\(\s*(?:vs\.?\s+|contre\s+|against\s+)?[^()]{0,24}\d[^()]{0,12}?\s(?:en|in)\s+$",
    regex.IGNORECASE)
_BASE_AFTER = regex.compile(
    r"""^\s*,?\s*(?:a\s+year\s+(?:earlier|ago|before)|in\s+the\s+year-?ago|un\s+an\s+(?:plus\s+tôt|auparavant)
        |l['’]ann[ée]e\s+pr[ée]c[ée]dente|the\s+previous\s+year|the\s+prior\s+year)\b""",
    regex.IGNORECASE | regex.VERBOSE)
_EXPECTED = regex.compile(
    r"""(?<!than[\s-])(?<!que\s)(?<!qu['’])\b(?P<word>analysts?|economists?|consensus|estimates?|expectations?|expected|expecting|expects
        |forecasts?|guidance|outlook|polled|projections?|projected|predicted|attentes?|économistes|analystes
        |tablai(?:en)?t|attendai(?:en)?t|anticipai(?:en)?t|prévoyai(?:en)?t|anticipe|table\s+sur)\b(?:[^.;:]|(?<=\d)[.,](?=\d)){0,70}$""", regex.IGNORECASE | regex.VERBOSE)
# The words of a forecast the company itself makes, not the market's ("analysts", "consensus").
_OWN_FORECAST = regex.compile(r"""expectations?|expects|forecasts?|guidance|outlook|projections?|anticipe|table\s+sur""",
                              regex.IGNORECASE)
FORECAST_CUE = regex.compile(r"(?<!\w)(?:forecast|guidance|outlook|expect|projection|prévision|prevision|objecti|perspective)",
                             regex.IGNORECASE)
"""A claim cue that names a forecast: the claim is about the forecast itself."""
# (Not after "than" or "que": a "better-than-expected" figure, "plus fort que prévu", is the
# actual one, compared with the forecast.)
# A date that is the comparison period itself ("a year earlier", "un an plus tôt").
_COMPARISON_DATE = regex.compile(
    r"""(?:a|one|un)\s+(?:year|an)\s+(?:earlier|ago|before|plus\s+tôt|auparavant)|(?:the\s+)?(?:previous|prior)\s+year
        |(?:the\s+)?year-?ago(?:\s+(?:quarter|period))?|l['’]ann[ée]e\s+pr[ée]c[ée]dente""",
    regex.IGNORECASE | regex.VERBOSE)
# A date right beside a results noun labels the period the results cover ("résultats 2023",
# "Q3 earnings report"), not the day they came out.
_LABEL_BEFORE = regex.compile(
    r"""\b(?:results?|earnings?|report|résultats|comptes)\s+(?:(?:annuels|semestriels|trimestriels|du|de\s+l['’]|for|in
        |of|de|the)\s+){0,2}$""", regex.IGNORECASE | regex.VERBOSE)
_LABEL_AFTER = regex.compile(r"^\s*(?:earnings?|results?|(?:earnings?\s+)?report|résultats)\b", regex.IGNORECASE)
# A sum per share: "16 cents per share", "14 € par action", "$142.50 in cash for each share"
# after it; "earnings per share of $2.18", "EPS", "BPA" between its relation and it.
_PER_SHARE_AFTER = regex.compile(
    r"""\s*[(,]?\s*(?:in\s+cash\s+|en\s+numéraire\s+)?(?:a|per|each|for\s+each|par|pour\s+chaque)\s+
        (?:[\p{L}]+\s+){0,2}(?:share|action|titre)s?\d?\b""", regex.IGNORECASE | regex.VERBOSE)
_PER_SHARE_BEFORE = regex.compile(
    r"""\b(?:per\s+(?:[\p{L}]+\s+)?share|per-share|EPS|BPA|par\s+action)\d?\b""", regex.IGNORECASE | regex.VERBOSE)
_ATTRIBUTION = regex.compile(r"\b(?:selon|d['’]apr[èe]s|according\s+to)\s+(?:[\p{L}]+\s+){0,2}$",
                             regex.IGNORECASE)
# "cut rates this afternoon by 0.50% to 3.6%": "by" after a direction word in the
# same clause marks the change, however far the verb.
_CHANGE_BY = regex.compile(
    rf"\b(?:(?P<up>{_UP}|raised|hiked|lifted)|(?P<down>{_DOWN}|cut|cuts|lowered|reduced|slashed|trimmed))\b"
    rf"(?:[^.;:,]|(?<=\d)[.,:](?=\d)){{0,50}}?\bby\s+$",
    regex.IGNORECASE | regex.VERBOSE)
# "s'est établie à -4,6 %", "fell to -2%": a signed value after "à"/"to" is the level reached.
_LEVEL_MARK = regex.compile(r"\b(?:à|to|at)\s*[+−-]?\s*$", regex.IGNORECASE)
# "passant de 7,1 % à 7,4 %", "from 5% to 5.25%": the first of the pair is the base.
_FROM = regex.compile(r"\b(?:de|from)\s+$", regex.IGNORECASE)
_TO_VALUE = regex.compile(r"\s*(?:à|to)\s*[+−-]?\s*[$€£]?\s*\d", regex.IGNORECASE)
# A table row: "Dividend per share | 9.40p | 8.50p | 10.6% |".
_CELL = regex.compile(r"\|")


def _table_role(text: str, mention: Mention) -> RoleReading | None:
    """``role-table``: in a row of cells after a relation, the first value is this period's
    level, a second of the same kind the prior period's (a base), a percentage after them
    the change ("(3.9)%" is a fall)."""
    row_start = text.rfind("\n", 0, mention.start) + 1
    row_end = text.find("\n", mention.end)
    row = text[row_start:mention.start]
    if "|" not in row or "|" not in text[mention.end:row_end if row_end >= 0 else len(text)]:
        return None
    negative = row.rstrip().endswith("(") or text[mention.start - 1:mention.start] == "("
    header = _header_role(_table_header(text, row_start), row.count("|"), negative)
    if header is not None:
        return header
    cells = [c for c in row.split("|")[1:-1] if regex.search(r"\d", c)]
    if mention.kind == "percentage" and cells:
        return RoleReading(Role.CHANGE, -1 if negative else 1, "role-table")
    return RoleReading(Role.BASE, None, "role-table") if cells else RoleReading(Role.LEVEL, None, "role-table")


_HEADER_REACH = 60
"""How many rows above a row its table's header may stand."""
_YEAR = regex.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|(?<![\p{L}\d])(?:FY|EX)['’]?(\d\d)(?!\d)", regex.IGNORECASE)
_PART = regex.compile(r"(?<![\p{L}])(?:Q|T|H|S)([1-4])(?!\d)|(?<!\d)([1-4])(?:Q|T|H|S)(?![\p{L}])", regex.IGNORECASE)
_CHANGE_HEADER = regex.compile(r"\b(?:change|chg|var\.?|variation|évolution|growth|croissance|yoy|y/y)\b|[%Δ]",
                               regex.IGNORECASE)


def _table_header(text: str, row_start: int) -> list[str] | None:
    """The cells of the first row of the table holding the row at ``row_start`` (rows of
    dashes, as in "---|---|", skipped), or None when the row is the first."""
    header, start = None, row_start
    for _ in range(_HEADER_REACH):
        if start == 0:
            break
        line_start = text.rfind("\n", 0, start - 1) + 1
        line = text[line_start:start - 1]
        if "|" not in line:
            break
        if regex.search(r"[^\s|:\-]", line):
            header = line
        start = line_start
    return header.split("|") if header is not None else None


def _period(cell: str) -> tuple[int, int] | None:
    """"Q4 2024" → (2024, 4), "2023" → (2023, 0), "FY25" → (2025, 0); None for no period."""
    years = [int(m.group(1)) + 2000 if m.group(1) else int(m.group()) for m in _YEAR.finditer(cell)]
    if not years:
        return None
    part = _PART.search(cell)
    return max(years), int(next(g for g in part.groups() if g)) if part else 0


def _header_role(header: list[str] | None, column: int, negative: bool) -> RoleReading | None:
    """``role-table-header``: when a table's header dates two columns or more ("Metric | Q4 2023
    | Q4 2024 | Change |"), the latest period's column is the level, the others' the bases,
    and a column headed "Change", "Var.", "%" the change, wherever the columns stand."""
    if header is None or column >= len(header):
        return None
    periods = {i: key for i, cell in enumerate(header) if (key := _period(cell)) is not None}
    if len(periods) < 2:
        return None
    if column in periods:
        latest = periods[column] == max(periods.values())
        return RoleReading(Role.LEVEL if latest else Role.BASE, None, "role-table-header")
    if _CHANGE_HEADER.search(header[column]):
        return RoleReading(Role.CHANGE, -1 if negative else 1, "role-table-header")
    return None


_SIGNED = regex.compile(r"^\s*(?:(?P<up>\+)|(?P<down>[-−–]|\((?=[\d.,]+\)\s*(?:%|pp|pts?|bps?)$)))")
_SIGN_BEFORE = regex.compile(r"(?:(?P<up>\+)|(?<![\p{L}\d])(?P<down>[-−–]))\s*$")


def role_of(text: str, mention: Mention, cues: Iterable[tuple[int, int]] = ()) -> RoleReading:
    """The role of ``mention`` in ``text`` (offsets into ``text``).

    :param cues: character spans of the claim's cue occurrences (``role-cue-names-change``).
    """
    before = text[max(0, mention.start - WINDOW):mention.start]
    if mention.kind == "date":
        return _date_role(mention, before, text[mention.end:mention.end + WINDOW])
    table = _table_role(text, mention)
    if table is not None:
        return table
    signed = _SIGNED.match(mention.text) or _SIGN_BEFORE.search(before)
    if signed and not _LEVEL_MARK.search(before):
        return RoleReading(Role.CHANGE, 1 if signed.group("up") else -1, "role-signed")
    after = text[mention.end:mention.end + WINDOW]
    # "de 3,1 % à 8,2 milliards" is from a base to a level, but in "en recul de 3,1 % à 8,2
    # milliards" the "de" is the change's
    if _BASE_BEFORE.search(before) or _BASE_AFTER.match(after) or (
            _FROM.search(before) and _TO_VALUE.match(after) and not _CHANGE_BEFORE.search(before)):
        return RoleReading(Role.BASE, None, "role-base")
    listed = _BASE_LIST.search(before)
    if listed and _BASE_BEFORE.search(before[:listed.start()].rstrip("$€£ ") + " "):
        return RoleReading(Role.BASE, None, "role-base-list")
    expected = _EXPECTED.search(before)
    if expected and _ATTRIBUTION.search(before, 0, expected.start("word")):
        expected = None  # "selon les analystes": a source, which the hedge rule handles
    if expected and not _overlaps(expected.span("word"), mention.start - len(before), cues):
        own = _OWN_FORECAST.fullmatch(expected.group("word"))
        return RoleReading(Role.EXPECTED, None, "role-forecast" if own else "role-expected")
    change = _CHANGE_BEFORE.search(before)
    # "cut rates by 0.25% to 4.1%": "by" marks the change itself, whatever the cue.
    by = None if change else _CHANGE_BY.search(before)
    change = change or by
    offset = mention.start - len(before)
    if change is None:
        change, offset = _CHANGE_AFTER.match(after), mention.end
        rule = "role-change-noun"
    else:
        rule = "role-change-word"
    if change is None:
        return RoleReading(Role.LEVEL, None, "role-level")
    word = change.span("up") if change.group("up") else change.span("down")
    direction = 1 if change.group("up") else -1
    if by is None and _overlaps(word, offset, cues):
        return RoleReading(Role.CHANGE, direction, "role-cue-names-change")
    return RoleReading(Role.CHANGE, direction, rule)


def _date_role(mention: Mention, before: str, after: str) -> RoleReading:
    if _COMPARISON_DATE.fullmatch(mention.text.strip()) or _BASE_BEFORE.search(before) \
            or _BASE_BRACKET_DATE.search(before) or _THAN.search(before):
        return RoleReading(Role.BASE, None, "role-base")
    if _LABEL_BEFORE.search(before) or _LABEL_AFTER.match(after):
        return RoleReading(Role.LEVEL, None, "role-period-label")
    return RoleReading(Role.LEVEL, None, "role-level")


def per_share(text: str, mention: Mention, relation_start: int) -> bool:
    """Is the sum a figure per share? (Compared only with sums per share, and totals with
    totals: "$35 million, or 2 cents a share".) ``relation_start`` is where the relation
    phrase before the sum begins (or the sum itself)."""
    return bool(_PER_SHARE_AFTER.match(text, mention.end, mention.end + 50)
                or _PER_SHARE_BEFORE.search(text, min(relation_start, mention.start), mention.start))


def _overlaps(span: tuple[int, int], offset: int, cues: Iterable[tuple[int, int]]) -> bool:
    """Does ``span`` (relative to ``offset``) overlap a cue (the claim's own word)?"""
    a, b = span[0] + offset, span[1] + offset
    return any(start < b and a < end for start, end in cues)
