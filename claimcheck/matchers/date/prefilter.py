"""What a rule's parsed pattern says every match of it holds: a digit, or one of a few strings.

A date rule runs only in windows around its triggers (triggers.py); before that, these let _candidates skip it
on a whole text that holds no digit, or none of its strings, at the cost of a literal search or two.
tests/test_date_rules.py checks on every match of every rule that it holds one of its strings.
"""
from __future__ import annotations

import re

try:  # the regex parser (sre_parse before Python 3.11)
    from re import _constants as _sre_c, _parser as _sre_parse
except ImportError:  # pragma: no cover
    import sre_constants as _sre_c
    import sre_parse as _sre_parse


def needs_digit(pattern: re.Pattern) -> bool:
    """True when every match of ``pattern`` holds a digit: such a rule cannot match a window without one."""
    return _seq_needs_digit(_sre_parse.parse(pattern.pattern, pattern.flags))


def _seq_needs_digit(items) -> bool:
    return any(_item_needs_digit(op, av) for op, av in items)


def _item_needs_digit(op, av) -> bool:
    c = _sre_c
    if op is c.LITERAL:
        return chr(av).isdigit()
    if op is c.IN:
        return all((o is c.CATEGORY and a is c.CATEGORY_DIGIT) or (o is c.LITERAL and chr(a).isdigit())
                   or (o is c.RANGE and all(chr(x).isdigit() for x in range(a[0], a[1] + 1))) for o, a in av)
    if op is c.SUBPATTERN:
        return _seq_needs_digit(av[3])
    if op is c.BRANCH:
        return all(_seq_needs_digit(branch) for branch in av[1])
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        return av[0] >= 1 and _seq_needs_digit(av[2])
    return False  # lookarounds, categories, anything else: assume it may match without a digit


_MAX_WORDS = 64  # the most strings a required set is built with (a product of alternatives grows fast)
_SELECTIVE = 16  # the most strings a required set may hold to be worth looking for
_MOST_SETS = 2  # the most sets a rule checks: each further one skips fewer texts


def required(pattern: re.Pattern, trigger_words: list[set[str]] | None = None,
             most: int = _SELECTIVE) -> tuple[tuple[str, ...], ...]:
    """Sets of strings such that every match of ``pattern`` holds one string of each ("du", "from", "between"
    for a range that must open with one of them; "early", "late", "mid" and "week", "month", "year" for "mid
    next week"), read from the parsed pattern; only those worth looking for. A text holding no string of one
    of them cannot match: a search for the strings costs less than one scan by the rule.

    ``trigger_words``, the words of each of the rule's triggers when they all are date words: a set they
    already say (all the month names for a rule that runs on months, digits for one that runs on years) would
    only be checked where it is found. A large set, or one
    with a single letter or blank, costs more to look for than it saves; ``most`` strings are allowed in a set.
    """
    sets, exact = _seq_required(_sre_parse.parse(pattern.pattern, pattern.flags))
    found: list[tuple[str, ...]] = []
    for words in sets + ([exact] if exact else []):
        if 0 < len(words) <= most and all(map(_telling, words)) and not _said_by(words, trigger_words):
            if tuple(sorted(words)) not in found:
                found.append(tuple(sorted(words)))
    found.sort(key=lambda words: -min(map(len, words)))  # the longer strings first: the rarer, as a rule
    return tuple(found[:_MOST_SETS])


def _telling(word: str) -> bool:
    """Rare enough in text to be worth looking for: two characters or more, or one sign ("-", "/")."""
    return len(word) >= 2 or not (word.isalnum() or word.isspace())


def _said_by(words: set[str], trigger_words: list[set[str]] | None) -> bool:
    """True when a text holding the rule's triggers is sure to hold one of ``words``."""
    if all(word.isdigit() for word in words):
        return True  # digits: what the digit triggers are made of
    if not trigger_words:
        return False
    return all(any(word in trigger for word in words) for kind in trigger_words for trigger in kind)


def holder(words: tuple[str, ...]):
    """``holds(text)``: a match when ``text`` holds one of ``words``, else None. One search for the set costs
    less than a ``str.__contains__`` per string once a set has more than two, and no more below."""
    return re.compile("|".join(map(re.escape, words))).search


class Guarded:
    """A pattern's ``search`` that first looks, in the lower-cased window, for the strings every match holds.

    The merges (anchors.py, parts.py, extract._merge_ranges) and bounds.py look for words just before or after
    every candidate ("3 days after", "the first 2 weeks of", "since"); most windows hold none of them, and a
    search for a few literal strings costs less than one trying the pattern at each position. A window whose
    case-folding changes its length ("ß", "İ") is searched as it is.
    """

    __slots__ = ("pattern", "holds")

    def __init__(self, pattern: re.Pattern) -> None:
        self.pattern = pattern
        # a window is short: a long set costs little there
        self.holds = tuple(map(holder, required(pattern, most=_MAX_WORDS)))

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        window = text[pos:endpos]
        folded = window.casefold()  # what IGNORECASE equates, "ſ" with "s" too
        if len(folded) == len(window):
            for holds in self.holds:
                if holds(folded) is None:
                    return None
        return self.pattern.search(text, pos) if endpos is None else self.pattern.search(text, pos, endpos)


def _seq_required(items) -> tuple[list[set[str]], set[str] | None]:
    """The sets every match of a sequence holds a string of; and the set of which the sequence always
    matches exactly one string, or None.

    Adjacent exact items combine ("d" then "u|epuis" is "du|depuis") into one set; each other item adds its
    own sets."""
    sets: list[set[str]] = []
    run, exact = {""}, True
    for op, av in items:
        got, got_exact = _item_required(op, av)
        if got_exact is not None and len(run) * len(got_exact) <= _MAX_WORDS:
            run = {a + b for a in run for b in got_exact}
            continue
        _add(sets, run)
        run, exact = {""}, False
        sets.extend(got)
        if got_exact is not None:
            _add(sets, got_exact)
    if exact:
        return sets, run
    _add(sets, run)
    return sets, None


def _add(sets: list[set[str]], words: set[str]) -> None:
    if words and "" not in words:
        sets.append(words)


def _best(sets: list[set[str]]) -> set[str] | None:
    """Of the sets a branch holds, the one whose shortest string is longest (the most selective)."""
    sets = [words for words in sets if words and "" not in words]
    return max(sets, key=lambda words: min(map(len, words))) if sets else None


def _item_required(op, av) -> tuple[list[set[str]], set[str] | None]:
    c = _sre_c
    if op is c.LITERAL:
        return [], {chr(av)}
    if op is c.IN and len(av) <= _MAX_WORDS and all(o is c.LITERAL for o, _a in av):
        return [], {chr(a) for _o, a in av}  # "[-/]": one of these characters
    if op is c.SUBPATTERN:
        return _seq_required(av[3])
    if op is c.BRANCH:
        branches = [_seq_required(branch) for branch in av[1]]
        if all(exact is not None for _sets, exact in branches):
            union = set().union(*(exact for _sets, exact in branches))
            return ([], union) if len(union) <= _MAX_WORDS else ([], None)
        picked = [_best(sets + ([exact] if exact is not None else [])) for sets, exact in branches]
        if any(words is None for words in picked) or sum(map(len, picked)) > _MAX_WORDS:
            return [], None
        return [set().union(*picked)], None
    if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
        sets, exact = _seq_required(av[2])
        if av[0] == av[1] == 1:
            return sets, exact
        return sets + ([exact] if exact is not None else []), None
    if op in (c.AT, c.ASSERT_NOT, c.ASSERT):
        return [], {""}  # zero-width: matches the empty string, exactly
    return [], None
