"""The YAML data files users extend (the relation lexicon, places): reading one, and finding
the ones ``[tool.claimcheck]`` names, with errors that name the file and line."""
from __future__ import annotations

from pathlib import Path

import yaml

from .errors import UsageError
from .model import Location


def read(path: Path, what: str) -> object:
    """The parsed contents of ``path``, a ``what`` ("relation lexicon", "places file").

    :raises UsageError: the file cannot be read or is not valid YAML (with its line).
    """
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise UsageError(f"{Location(path=path)}: cannot read the {what} ({err.strerror})") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = Location(path=path, line=mark.line + 1) if mark else Location(path=path)
        raise UsageError(f"{line}: the {what} is not valid YAML") from None


def configured(config: object, option: str) -> list[Path]:
    """The files named by ``option`` in ``[tool.claimcheck]``, relative to the project root."""
    if config is None:
        return []
    paths = [Path(name) for name in config.getoption(option) or ()]
    return [path if path.is_absolute() else config.rootdir / path for path in paths]
