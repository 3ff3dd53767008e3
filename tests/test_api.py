"""The public API: a sorted ``__all__`` of importable names, and ``claimcheck.extract``."""
from __future__ import annotations

import importlib

import claimcheck
from claimcheck import Mention, PartialDate


def test_all_is_sorted_and_unique():
    assert claimcheck.__all__ == sorted(set(claimcheck.__all__))


def test_every_public_name_is_importable():
    module = importlib.import_module("claimcheck")
    for name in claimcheck.__all__:
        assert getattr(module, name) is not None, name
    namespace: dict = {}
    exec(f"from claimcheck import {', '.join(claimcheck.__all__)}", namespace)
    assert set(claimcheck.__all__) <= set(namespace)


def test_public_names_not_in_all_are_modules_or_private():
    public = {name for name in vars(claimcheck) if not name.startswith("_")}
    extra = {name for name in public - set(claimcheck.__all__)
             if not inspect_is_module(getattr(claimcheck, name))}
    assert not extra, f"public but not in __all__: {sorted(extra)}"


def inspect_is_module(value) -> bool:
    import types
    return isinstance(value, types.ModuleType)


def test_version():
    assert isinstance(claimcheck.__version__, str) and claimcheck.__version__


def test_extract_amount_and_date_in_french():
    text = "Microsoft a investi 1 milliard de dollars en 2019"
    found = claimcheck.extract(text, lang="fr")
    assert all(isinstance(m, Mention) for m in found)
    by_kind = {m.kind: m for m in found}
    assert set(by_kind) == {"amount", "date"}
    assert by_kind["amount"].text == "1 milliard de dollars"
    assert str(by_kind["amount"].value) == "USD 1000000000"
    assert by_kind["date"].text == "2019"
    assert text[by_kind["date"].start:by_kind["date"].end] == "2019"
    assert [m.start for m in found] == sorted(m.start for m in found)


def test_extract_kinds_and_ref_date():
    found = claimcheck.extract("Lundi, 49 % du capital.", ref_date="2023-01-24", kinds=["date"])
    assert [(m.kind, str(m.value)) for m in found] == [("date", "2023-01-23")]
    again = claimcheck.extract("Lundi", ref_date=PartialDate.parse("2023-01-24"), kinds=["date"])
    assert [str(m.value) for m in again] == ["2023-01-23"]


def test_extract_unknown_kind_says_what_is_available():
    try:
        claimcheck.extract("x", kinds=["ordinal"])
    except ValueError as err:
        assert "ordinal" in str(err) and "amount, count, date, percentage" in str(err)
    else:
        raise AssertionError("an unknown kind must raise ValueError")
