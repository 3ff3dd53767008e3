"""The plain Python API: the same mentions the engine uses, without a command line."""
from __future__ import annotations

from typing import Iterable

from .model import Mention, PartialDate
from .plugins import Plugins


def extract(text: str, lang: str | None = None, ref_date: PartialDate | str | None = None,
            kinds: Iterable[str] | None = None, plugins: Plugins | None = None) -> list[Mention]:
    """Every mention the loaded matchers find in ``text``, in text order.

    :param lang: ``"fr"``, ``"en"`` or None to read both.
    :param ref_date: the publication date relative dates resolve against (``"2023-01-24"``
        or a PartialDate); None leaves them unresolved.
    :param kinds: only these kinds (default: every loaded matcher).
    :param plugins: the plugins to use (default: built-ins and installed plugins).
    """
    if plugins is None:
        plugins = Plugins()
        plugins.load_builtins()
        plugins.load_installed()
    if isinstance(ref_date, str):
        ref_date = PartialDate.parse(ref_date)
    matchers = plugins.matchers(config=None)
    wanted = set(matchers) if kinds is None else set(kinds)
    unknown = wanted - set(matchers)
    if unknown:
        raise ValueError(f"no matcher for {', '.join(sorted(unknown))} (available: {', '.join(sorted(matchers))})")
    found = [m for kind in sorted(wanted) for m in matchers[kind].extract(text, lang=lang, ref_date=ref_date)]
    return sorted(found, key=lambda m: (m.start, m.end, m.kind))
