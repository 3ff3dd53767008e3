"""Shared fixtures: the built-in plugins, and a one-article pipeline for rule tests."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from claimcheck.check import check
from claimcheck.claims import load
from claimcheck.config import Config
from claimcheck.index import Index
from claimcheck.model import Document, PartialDate, Result
from claimcheck.plugins import Plugins

ROOT = Path(__file__).resolve().parent.parent

# Claim files used as test data are checked by the tests that own them, not collected here.
collect_ignore_glob = ["corpus2/*", "news/*"]


@pytest.fixture(scope="session")
def plugins() -> Plugins:
    """Built-in plugins plus the project's plugins/ folder (the ordinal example)."""
    loaded = Plugins()
    loaded.load_builtins()
    loaded.load_folder(ROOT / "plugins")
    return loaded


@pytest.fixture(scope="session")
def matchers(plugins):
    return plugins.matchers(config=None)


@pytest.fixture
def judge_text(tmp_path, matchers):
    """Judge one claim (a mapping in claim-file form) against articles given as text."""

    def judge(claim: dict, *texts: str, date: str | None = None, lang: str = "fr",
              conflict: str = "contradicted", hedged: str = "count",
              entities: dict | None = None) -> Result:
        config = Config(rootdir=tmp_path)
        body = {"lang": lang, "claims": [{"id": "c", "claim": "claim", **claim}]}
        if entities:
            body["entities"] = entities
        path = tmp_path / "claim.yaml"
        path.write_text(yaml.safe_dump(body, allow_unicode=True), encoding="utf-8")
        [parsed] = load(path, config=config, matchers=matchers)
        documents = [Document.build(path=tmp_path / f"a{i}.txt", source=f"a{i}.txt", text=text, lang=lang,
                                    date=PartialDate.parse(date) if date else None)
                     for i, text in enumerate(texts)]
        return next(check([parsed], Index(documents, matchers), matchers, conflict=conflict, hedged=hedged))
    return judge
