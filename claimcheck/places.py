"""Built-in plugin "places": countries and the adjectives that name them, for reading claim sentences.

"La dette publique française s'élevait à 111,9 % du PIB", "British inflation reached 7%": the
sentence names its country by an adjective. The rule ``claim-entity-place``
(:mod:`claimcheck.inference`) reads such a claim as about that country, when the sentence names
no other entity ("le constructeur français Renault" is about Renault). The places live in a data
file (``claimcheck/data/places.yaml``), extended by users (``places`` in ``[tool.claimcheck]``:
YAML files of the same form) and by plugins (the ``claimcheck_register_places`` hook).
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable

from . import datafiles
from .errors import UsageError
from .hookspecs import hookimpl
from .model import Location
from .words import FOLD

LANGS = ("fr", "en")


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """A country or area in one language."""

    name: str
    """Its identifier, the same across languages (``United Kingdom``)."""
    lang: str
    """``fr`` or ``en``."""
    names: tuple[str, ...]
    """How articles name it ("Royaume-Uni"; "UK", "Britain"): the first is the claim's entity."""
    adjectives: tuple[str, ...] = ()
    """The adjectives that name it in a claim sentence ("britannique", "British")."""
    source: str = "built-in"
    """Where it was defined: a data file or a plugin."""


class Places:
    """Every place of a run, found by adjective or by name."""

    def __init__(self, places: Iterable[Place]) -> None:
        self._places = list(places)
        self._by_adjective = {(place.lang, fold(adjective)): place.name
                              for place in self._places for adjective in place.adjectives}
        self._by_name = {fold(name): place.name for place in self._places for name in place.names}

    def named_by(self, word: str, lang: str) -> str | None:
        """The place an adjective of ``lang`` names ("françaises": France), else None."""
        return self._by_adjective.get((lang, fold(word)))

    def aliases(self, written: str, lang: str) -> tuple[str, ...] | None:
        """An entity written in a claim's ``about`` that is one of a place's names ("US",
        "Royaume-Uni"): that name first, then the place's other names in every language
        (``place-aliases``); None when it names no place."""
        name = self._by_name.get(fold(written))
        return None if name is None else tuple(dict.fromkeys((written, *self.entity(name, lang))))

    def entity(self, name: str, lang: str) -> tuple[str, ...]:
        """The place as a claim entity: its first name in ``lang``, then its other names in
        every language, as aliases."""
        mine = [n for p in self._places if p.name == name and p.lang == lang for n in p.names]
        others = [n for p in self._places if p.name == name and p.lang != lang for n in p.names]
        return tuple(dict.fromkeys(mine + others)) or (name,)


def fold(word: str) -> str:
    return word.casefold().translate(FOLD)


def load_file(path: Path, source: str | None = None) -> list[Place]:
    """The places of one file (``places: {name: {LANG: {names: [...], adjectives: [...]}}}``).

    :raises UsageError: naming the file and line, for a file that is not of that form.
    """
    where = Location(path=path)
    data = datafiles.read(path, "places file")
    if not isinstance(data, dict) or not isinstance(data.get("places"), dict):
        raise UsageError(f"{where}: a places file needs 'places:', a mapping of place names to "
                         "{fr: {names: [...], adjectives: [...]}, en: {...}}")
    return [place for name, entry in data["places"].items() for place in _entry(str(name), entry, where, source)]


def _entry(name: str, entry: object, where: Location, source: str | None) -> list[Place]:
    if not isinstance(entry, dict) or not set(entry) <= set(LANGS) or not all(
            isinstance(forms, dict) and set(forms) <= {"names", "adjectives"} and all(
                isinstance(words, list) and all(isinstance(w, str) and w.strip() for w in words)
                for words in forms.values()) for forms in entry.values()):
        raise UsageError(f"{where}: place '{name}' must be {{fr: {{names: [...], adjectives: [...]}}, "
                         "en: {...}}, with lists of words")
    return [Place(name=name, lang=lang, names=tuple(forms.get("names") or (name,)),
                  adjectives=tuple(forms.get("adjectives", ())), source=source or str(where.path))
            for lang, forms in entry.items()]


def builtin() -> list[Place]:
    """The built-in places, from the package's data file."""
    with resources.as_file(resources.files("claimcheck") / "data" / "places.yaml") as path:
        return load_file(path, source="built-in")


@hookimpl
def claimcheck_register_places(config) -> list[Place]:
    """The built-in places, then the files named by ``places`` in ``[tool.claimcheck]``."""
    places = builtin()
    for path in datafiles.configured(config, "places"):
        places += load_file(path)
    return places
