"""Matcher cases as data: tests/cases/*.yaml for the built-ins, plugins/cases/ for ordinal.

One parametrised test; ids are the case ids (``amount.fr::un_milliard_de_dollars``), so
``pytest tests/test_matchers.py -k amount.fr`` runs the French amount cases only.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from claimcheck.plugins import Plugins
from claimcheck.testing import check_case, load_cases

ROOT = Path(__file__).resolve().parent.parent
BUILTIN_KINDS = ("amount", "count", "date", "percentage")

CASES = [case for kind in BUILTIN_KINDS for case in load_cases(ROOT / "tests" / "cases", kind=kind)]
CASES += load_cases(ROOT / "plugins" / "cases", kind="ordinal")


def _import_ordinal():
    """plugins/ordinal.py imported from its file, as a project-local plugin is."""
    spec = importlib.util.spec_from_file_location("claimcheck_test_ordinal", ROOT / "plugins" / "ordinal.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def case_matchers():
    """The built-in matchers plus ordinal, from one plugin manager."""
    plugins = Plugins()
    plugins.load_builtins()
    plugins.register(_import_ordinal(), "plugins/ordinal.py", origin="test")
    return plugins.matchers(config=None)


def test_every_kind_has_cases():
    kinds = {case.kind for case in CASES}
    assert kinds == {*BUILTIN_KINDS, "ordinal"}
    assert len({case.id for case in CASES}) == len(CASES), "case ids must be unique"


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_case(case, case_matchers):
    check_case(case_matchers[case.kind], case)
