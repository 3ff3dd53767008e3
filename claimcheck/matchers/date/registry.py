"""The registry of date rules: each a pattern, its handler and the triggers it needs, in registration order
(ties between candidates go to the rule registered first)."""
from __future__ import annotations

import re
from typing import Callable

RULES: list[tuple[str, re.Pattern, Callable[[re.Match, str | None], object], tuple[str, ...]]] = []


def rule(langs: str, pattern: str, needs: tuple[str, ...]):
    """Register a handler for ``pattern``; ``langs`` is "fr", "en" or "fr en".

    ``needs`` names the triggers (triggers.py) of which every match holds at least one: a kind of date word
    ("month", "weekday", "unit", "season", "era", "today", "holiday") or a kind of digits ("year", "dm"…).
    The rule only runs in windows around them.
    """
    compiled = re.compile(r"(?<!\w)(?:" + pattern + ")", re.IGNORECASE)

    def register(handler):
        RULES.append((langs, compiled, handler, needs))
        return handler
    return register
