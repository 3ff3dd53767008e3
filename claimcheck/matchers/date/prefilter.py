"""What a rule's parsed pattern says every match of it holds: a digit, or one of a few strings.

A date rule runs only in windows around its triggers (triggers.py); before that, these let _candidates skip it
on a whole text that holds no digit, or none of its strings, at the cost of a ``str.__contains__`` or two.
tests/test_date_rules.py checks on every match of every rule that it holds one of its strings.
"""
from __future__ import annotations

import re

try:  # the regex parser (sre_parse before Python 3.11)
    from re import _constants as _sre_c, _parser as _sre_parse
except ImportError:  # pragma: no cover
    import sre_constants as _sre_c
    import sre_parse as _sre_parse

from .triggers import WORD_KINDS


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


def required(pattern: re.Pattern, needs: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Strings of which every match of ``pattern`` holds one ("du", "from", "between" for a range that must
    open with one of them), read from the parsed pattern; empty when no such set was found or when looking
    for it is not worth it. A text holding none of them cannot match: ``str.__contains__`` on the text costs
    less than one scan by the rule.

    ``needs``, the rule's trigger kinds: a set they already say (all the month names for a rule that runs on
    months, digits for one that runs on years) would only be checked where it is found. A large set, or one
    of single characters, costs more to look for than it saves.
    """
    found = _seq_required(_sre_parse.parse(pattern.pattern, pattern.flags))
    words = found[0] if found else set()
    if not 0 < len(words) <= _SELECTIVE or min(map(len, words)) < 2 or _said_by(words, needs):
        return ()
    return tuple(sorted(words))


def _said_by(words: set[str], needs: tuple[str, ...]) -> bool:
    """True when a text holding the rule's triggers is sure to hold one of ``words``."""
    if all(word.isdigit() for word in words):
        return True  # digits: what the digit triggers are made of
    if not needs or not all(kind in WORD_KINDS for kind in needs):
        return False
    return all(any(word in trigger for word in words) for kind in needs for trigger in WORD_KINDS[kind])


def _seq_required(items) -> tuple[set[str], bool] | None:
    """The best required set of a sequence, and whether the sequence matches exactly one of its strings.

    Adjacent exact items combine ("d" then "u|epuis" is "du|depuis"); of the runs, the one whose shortest
    string is longest is kept (the most selective)."""
    best, run, exact = None, {""}, True
    for op, av in items:
        got = _item_required(op, av)
        if got is not None and got[1] and len(run) * len(got[0]) <= _MAX_WORDS:
            run = {a + b for a in run for b in got[0]}
            continue
        best = _better(best, run)
        run, exact = {""}, False
        if got is not None:
            best = _better(best, got[0])
    best = _better(best, run)
    return (best, exact) if best else None


def _better(a: set[str] | None, b: set[str]) -> set[str] | None:
    if not b or "" in b:
        return a
    if a is None or min(map(len, b)) > min(map(len, a)):
        return b
    return a


def _item_required(op, av) -> tuple[set[str], bool] | None:
    c = _sre_c
    if op is c.LITERAL:
        return {chr(av)}, True
    if op is c.SUBPATTERN:
        return _seq_required(av[3])
    if op is c.BRANCH:
        branches = [_seq_required(branch) for branch in av[1]]
        if any(b is None for b in branches) or sum(len(b[0]) for b in branches) > _MAX_WORDS:
            return None
        return set().union(*(b[0] for b in branches)), all(b[1] for b in branches)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
        found = _seq_required(av[2])
        return (found[0], found[1] and av[0] == av[1] == 1) if found else None
    if op in (c.AT, c.ASSERT_NOT, c.ASSERT):
        return {""}, True  # zero-width: matches the empty string, exactly
    return None
