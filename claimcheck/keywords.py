"""``-k`` expressions in pytest's grammar: words joined by ``and``, ``or``, ``not`` and parentheses.

    expr     := and_expr ("or" and_expr)*
    and_expr := not_expr ("and" not_expr)*
    not_expr := "not" not_expr | "(" expr ")" | word

Written here rather than borrowed from pytest's private ``_pytest.mark.expression``, whose
names change between pytest releases.
"""
from __future__ import annotations

import re
from typing import Callable

TOKEN = re.compile(r"\s*(\(|\)|[^\s()]+)")
MAX_DEPTH = 100
"""Deepest nesting of parentheses and ``not`` accepted: the parser recurses, and 5,000
levels would exhaust Python's stack (a RecursionError, not a message)."""
Matcher = Callable[[str], bool]


class KeywordError(ValueError):
    """A malformed ``-k`` expression."""


def compile_keyword(expression: str) -> Callable[[Matcher], bool]:
    """A predicate over a word matcher; raises KeywordError when ``expression`` is malformed."""
    tokens = TOKEN.findall(expression)
    if not tokens:
        raise KeywordError("empty expression")
    position = 0
    depth = 0

    def peek() -> str | None:
        return tokens[position] if position < len(tokens) else None

    def take() -> str:
        nonlocal position
        if position >= len(tokens):
            raise KeywordError("expression ends too early")
        position += 1
        return tokens[position - 1]

    def expr():
        parts = [and_expr()]
        while peek() == "or":
            take()
            parts.append(and_expr())
        return lambda match: any(p(match) for p in parts)

    def and_expr():
        parts = [not_expr()]
        while peek() == "and":
            take()
            parts.append(not_expr())
        return lambda match: all(p(match) for p in parts)

    def not_expr():
        nonlocal depth
        depth += 1
        if depth > MAX_DEPTH:
            raise KeywordError(f"nested more than {MAX_DEPTH} levels deep (parentheses or 'not')")
        try:
            return not_inner()
        finally:
            depth -= 1

    def not_inner():
        token = take()
        if token == "not":
            inner = not_expr()
            return lambda match: not inner(match)
        if token == "(":
            inner = expr()
            if take() != ")":
                raise KeywordError("missing ')'")
            return inner
        if token in ("and", "or", ")"):
            raise KeywordError(f"unexpected '{token}'")
        return lambda match: match(token)

    predicate = expr()
    if position != len(tokens):
        raise KeywordError(f"unexpected '{tokens[position]}'")
    return predicate
