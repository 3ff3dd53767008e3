"""The plugin contract documents itself: every hookspec has a docstring with ``:param x:``
for each argument, and is named in README.md or documented in hookspecs.py itself."""
from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from claimcheck import hookspecs

ROOT = Path(__file__).resolve().parent.parent
SPECS = sorted(name for name, value in vars(hookspecs).items()
               if name.startswith("claimcheck_") and inspect.isfunction(value))


def test_there_are_hookspecs():
    assert "claimcheck_register_matchers" in SPECS and len(SPECS) >= 7


@pytest.mark.parametrize("name", SPECS)
def test_hookspec_is_marked(name):
    assert hasattr(getattr(hookspecs, name), "claimcheck_spec"), f"{name} lacks @hookspec"


@pytest.mark.parametrize("name", SPECS)
def test_hookspec_documents_every_argument(name):
    function = getattr(hookspecs, name)
    doc = inspect.getdoc(function)
    assert doc, f"{name} has no docstring"
    missing = [arg for arg in inspect.signature(function).parameters if f":param {arg}:" not in doc]
    assert not missing, f"{name}: no ':param x:' for {missing}"


def test_readme_points_to_hookspecs():
    """The README documents one hook by name and sends readers to hookspecs.py for the rest
    (pytest's way: the spec module is the reference)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "claimcheck/hookspecs.py" in readme
    assert "claimcheck_register_matchers" in readme


@pytest.mark.parametrize("name", SPECS)
def test_hookspec_is_named_in_the_docs(name):
    """Named in README.md, or documented in hookspecs.py itself under a phase banner."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    source = inspect.getsource(hookspecs)
    definition = source.index(f"def {name}(")
    assert name in readme or source.rfind("# ---", 0, definition) != -1, (
        f"{name} is named neither in README.md nor under a phase banner of hookspecs.py")
    assert len(inspect.getdoc(getattr(hookspecs, name)).split()) >= 15, f"{name}: docstring too short"
