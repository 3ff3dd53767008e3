"""Open bounds: the words around a date that make it one side of an open range ("since August", "after 2016").

The date's own days stay what they are (the engine compares "since 2019" with a claim about 2019 as it always
did); the bound is extra information on the span, for consumers that need the open range itself (the
extraction benchmark writes "after 2016" as 2017-01-01 onwards). Each pattern reads only a short, fixed window
before or after the date, so the cost per date is constant.
"""
from __future__ import annotations

import re

from .prefilter import Guarded

SINCE, AFTER, BEFORE, UNTIL = "since", "after", "before", "until"

_S = r"\s{1,3}"
# Words just before the date, anchored at its start ($). Longest forms first within each group.
_LEAD = Guarded(re.compile(
    r"""(?<!\w)(?:
        (?P<since>since|starting(?:\s{1,3}(?:on|from|in))?|beginning(?:\s{1,3}(?:on|in))?|as\s{1,3}early\s{1,3}as
                  |depuis|à\s{1,3}partir(?:\s{1,3}d[eu]|\s{1,3}d['’])?|dès)
      | (?P<after>after|later\s{1,3}than|greater\s{1,3}than|après)
      | (?P<before>before|prior\s{1,3}to|earlier\s{1,3}than|avant)
      | (?P<until>until|till|up\s{1,3}to|as\s{1,3}late\s{1,3}as|no\s{1,3}later\s{1,3}than|by|jusqu['’](?:à|au|en))
    )(?:\s{1,3}(?:the|le|la|l['’]|les|du|de|d['’]|on|in|en))?\s{0,3}$
    | (?:(?P<since2>>\s{0,2}=|≥)|(?P<until2><\s{0,2}=|≤)|(?P<after2>>)|(?P<before2><))\s{0,3}$""",
    re.IGNORECASE | re.VERBOSE))
_LEAD_WINDOW = 28
"""Most characters the bound words may take before the date ("as early as the", "à partir du")."""
# Words just after it: "2012 or later", "2016 and greater", "2010 and before".
_TRAIL = re.compile(
    r"\s{0,3}(?:or|and|et|ou)" + _S + r"(?:(?P<since>later|after|greater|beyond|plus" + _S + r"tard|après)"
    r"|(?P<until>earlier|before|sooner|plus" + _S + r"tôt|avant))(?!\w)"
    # not the lead of the next date: "de 2010 à 2018 ou avant 2000"
    r"(?!\s{1,3}(?:\d|the\b|le\b|la\b|l['’]|[A-Z]))", re.IGNORECASE)
_END_OF = re.compile(r"(?:end|fin)\b", re.IGNORECASE)


def bound_of(text: str, start: int, end: int) -> str | None:
    """``since``, ``after``, ``before`` or ``until`` when the words around ``text[start:end]`` open it, else None.

    "before the end of December" is ``until``: the end of a period is where "before" stops, not where it starts.
    """
    lead = _LEAD.search(text, max(0, start - _LEAD_WINDOW), start)
    if lead is not None:
        kind = lead.lastgroup.rstrip("2")  # the symbols ("> =", "≤") have groups of their own
        if kind == BEFORE and _END_OF.match(text, start):
            return UNTIL
        return kind
    trail = _TRAIL.match(text, end, end + 24)
    return trail.lastgroup if trail is not None else None
