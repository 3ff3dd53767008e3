"""Extraction benchmark adapter: claimcheck's matchers in the benchmark's normalised form.

    cd benchmarks/extraction && python score.py amount.fr.jsonl --callable adapter:amount

Each function takes ``(text, lang, ref_date)`` and returns ``[{"start", "end", "value"}]``.
"""
from __future__ import annotations

import os
import re
import sys
from datetime import timedelta
from decimal import Decimal

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

import claimcheck  # noqa: E402
from claimcheck.model import PartialDate  # noqa: E402

_PLUGINS = None


def _plugins():
    """Load the built-in plugins once: building a manager per call would dominate the timing."""
    global _PLUGINS
    if _PLUGINS is None:
        try:
            from claimcheck.plugins import Plugins
            _PLUGINS = Plugins()
            _PLUGINS.load_builtins()
        except Exception:  # an older tree without the plugin loader: fall back below
            _PLUGINS = False
    return _PLUGINS


def _mentions(kind: str, text: str, lang: str | None, ref_date: str | None):
    ref = PartialDate.parse(ref_date) if ref_date else None
    plugins = _plugins()
    try:
        if plugins:
            return claimcheck.extract(text, lang=lang, ref_date=ref, kinds=(kind,), plugins=plugins)
        return claimcheck.extract(text, lang=lang, ref_date=ref, kinds=(kind,))
    except (ValueError, AttributeError, TypeError):
        # The matcher is not registered in this tree yet: call it directly.
        import importlib
        module = importlib.import_module(f"claimcheck.matchers.{kind}")
        matcher = module.claimcheck_register_matchers()[0]
        return list(matcher.extract(text, lang=lang, ref_date=ref))


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


_BARE_RUPEE = re.compile(r"(?i)\b(?:rupees?|roupies?)\b(?!\s+indi)")


def amount(text, lang, ref_date):
    from claimcheck.matchers.amount import MINOR_UNITS
    out = []
    for m in _mentions("amount", text, lang, ref_date):
        v = m.value
        number = v.low if v.low is not None else v.high
        currency = v.currency
        if v.unit:  # the benchmark counts "50 cents" as 50 of the unit "Cent", with no currency code
            number = number / MINOR_UNITS[v.unit][1]
            currency = None
        elif currency == "BTC" or (currency == "INR" and _BARE_RUPEE.search(m.text)):
            # The benchmark writes null where ISO 4217 has no code (bitcoin) or where it calls the unit
            # ambiguous (a bare "rupee"); claimcheck reads bitcoin as BTC and a bare rupee as INR.
            currency = None
        out.append({"start": m.start, "end": m.end,
                    "value": {"amount": _plain(number), "currency": currency}})
    return out


def percentage(text, lang, ref_date):
    out = []
    for m in _mentions("percentage", text, lang, ref_date):
        v = m.value
        if v.points:
            continue
        number = v.low if v.low is not None else v.high
        out.append({"start": m.start, "end": m.end, "value": {"percent": _plain(number)}})
    return out


_TO_END_OF = re.compile(r"(?:to|till|until|and|à|au|et|jusqu'à|jusqu’à)\s+(?:the\s+|la\s+)?(?:end\s+of|fin)\b[^,;]*$",
                        re.IGNORECASE)


def _open(bound, start, end):
    """The benchmark's value of the days ``start``..``end`` opened by ``bound`` (see the docstring of date)."""
    if bound == "since":
        return {"start": start.isoformat(), "end": None}
    if bound == "after":
        return {"start": (end + timedelta(days=1)).isoformat(), "end": None}
    if bound == "before":
        return {"start": None, "end": (start - timedelta(days=1)).isoformat()}
    if bound == "until":
        return {"start": None, "end": end.isoformat()}
    return {"start": start.isoformat(), "end": end.isoformat()}


def date(text, lang, ref_date):
    """Dates as inclusive days, in the benchmark's two conventions that differ from claimcheck's.

    - Ranges: claimcheck's ``DateSpan`` includes both ends ("from 2014 to 2018" runs to 2018-12-31, the
      reading a news claim needs), while the benchmark stops a range the day before its last part begins
      (2014-01-01..2017-12-31; "from March to May" ends 30 April; "between 3 and 12 of Sept" ends on the
      11th). ``DateSpan.last_part_start`` says where that last part begins, so the range ends the day before;
      except when the last part is the end of a period ("from 2007 to the end of 2008"): the benchmark then
      ends the range with that period, as claimcheck does.
    - Open ranges: claimcheck keeps the date written ("since August" is August, which a claim about August
      needs) and says in ``DateSpan.bound`` that the words around it open it; the benchmark writes the open
      range, null on its open side: "since August" from 1 August, "after 2016" from 2017-01-01, "before 2018"
      up to 2017-12-31, "until 2019" / "by the end of 2019" up to 2019-12-31.
    - Unresolved dates ("feb 30", or a relative date without a reference): the benchmark writes an invalid
      date as ``{"start": "not resolv", "end": "not resolv"}``; claimcheck finds the words but gives no days.
    """
    out = []
    for m in _mentions("date", text, lang, ref_date):
        start, end = getattr(m.value, "start", None), getattr(m.value, "end", None)
        if start is None or end is None:
            value = {"start": "not resolv", "end": "not resolv"}
        else:
            last_part = getattr(m.value, "last_part_start", None)
            if last_part is not None and last_part > start and not _TO_END_OF.search(m.text):
                end = last_part - timedelta(days=1)
            value = _open(getattr(m.value, "bound", None), start, end)
        out.append({"start": m.start, "end": m.end, "value": value})
    return out


def number(text, lang, ref_date):
    """The number part of counts (claimcheck.matchers._quantities.read_numbers): every number with its scale,
    fraction, sign and dozens.

    The count matcher finds a number only before a count noun; the benchmark's number files hold bare
    numbers, so this scores the reader of the number on its own.
    """
    from claimcheck.matchers._quantities import read_numbers
    lang = lang if lang in ("fr", "en") else None
    return [{"start": n.start, "end": n.end, "value": {"number": _plain(n.value)}}
            for n in read_numbers(text, lang)]
