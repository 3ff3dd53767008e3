"""pytest front end: ``pytest claims/`` collects claim files and gives claimcheck's verdicts.

A thin adapter over the same collect and check functions as the ``claimcheck`` command:
one test item per claim, supported passes, contradicted fails, absent is skipped (fails
with ``--claims-strict``), a claim that could not be checked is an error. pytest's own
``--junitxml`` and terminal output replace claimcheck's reporters here.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Iterator

import pytest

# pytest owns ``--strict`` (and its dest): claimcheck's options of that name get a prefix here.
RENAMED = {"--strict": "--claims-strict", "--lang": "--claims-lang"}
RENAMED_DESTS = {"strict": "claims_strict", "lang": "claims_lang"}
BLOCKED_UNDER_PYTEST = ("terminal", "junitxml")
CATEGORIES = {"supported": (".", "SUPPORTED"), "contradicted": ("C", "CONTRADICTED"),
              "absent": ("a", "ABSENT")}
engine_key = pytest.StashKey["Engine"]()


def pytest_addoption(parser: pytest.Parser) -> None:
    from .cli import add_engine_options
    from .config import OptionParser
    group = parser.getgroup("claimcheck", "claim checking (claimcheck)")

    def add(*names: str, **kwargs: Any) -> None:
        if "dest" in kwargs:
            kwargs["dest"] = RENAMED_DESTS.get(kwargs["dest"], kwargs["dest"])
        group.addoption(*(RENAMED.get(n, n) for n in names), **kwargs)
    add_engine_options(OptionParser(add))
    plugins = _builtin_plugins()
    plugins.pm.hook.claimcheck_addoption.call_historic(kwargs={"parser": OptionParser(add)})


def _builtin_plugins():
    from .plugins import Plugins
    plugins = Plugins(blocked=BLOCKED_UNDER_PYTEST)
    plugins.load_builtins()
    plugins.load_installed()
    return plugins


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> "ClaimFile | None":
    if file_path.suffix in (".yaml", ".yml"):
        from .claims import is_claim_file
        if is_claim_file(file_path):
            return ClaimFile.from_parent(parent, path=file_path)
    return None


class Engine:
    """claimcheck's state for one pytest session: config, plugins, matchers, corpus indexes."""

    def __init__(self, pytest_config: pytest.Config) -> None:
        from .config import find_root, ini_options, make_config
        from .session import Corpora
        self.started = time.perf_counter()
        rootdir, inifile = find_root(Path(pytest_config.rootpath))
        self.plugins = _builtin_plugins()
        self.plugins.load_folder(rootdir / ini_options(inifile).get("plugins_dir", "plugins"))
        dests = ("sources", "strict", "conflict", "hedged", "lang", "allow_outside_root", "json_report")
        options = {d: pytest_config.getoption(RENAMED_DESTS.get(d, d), None) for d in dests}
        self.config = make_config(options, rootdir=rootdir, inifile=inifile, pluginmanager=self.plugins.pm)
        self.plugins.pm.hook.claimcheck_configure.call_historic(kwargs={"config": self.config})
        from .matcherset import MatcherSet
        self.matchers = MatcherSet.load(self.plugins, self.config)
        self.corpora = Corpora(self.config, self.plugins, self.matchers)
        self.results: list = []

    def check(self, claim):
        from .check import check
        index = self.corpora.for_claim(claim)
        result = next(check([claim], index, self.matchers, conflict=self.config.conflict,
                            hedged=self.config.hedged))
        self.results.append(result)
        return result


def engine(config: pytest.Config) -> Engine:
    """The session's Engine, built on first use."""
    if engine_key not in config.stash:
        config.stash[engine_key] = Engine(config)
    return config.stash[engine_key]


class ClaimFile(pytest.File):
    """A claim file: one item per claim."""

    def collect(self) -> Iterator["ClaimItem"]:
        from .claims import load
        from .errors import ClaimcheckError
        state = engine(self.config)
        try:
            claims = load(self.path, config=state.config, matchers=state.matchers)
        except ClaimcheckError as err:
            raise self.CollectError(str(err)) from None
        for claim in claims:
            yield ClaimItem.from_parent(self, name=claim.id, claim=claim)


class ClaimFailed(Exception):
    """Raised by a contradicted (or strict absent) claim; the message says why."""


class ClaimItem(pytest.Item):
    """One claim, judged by claimcheck's engine."""

    def __init__(self, *, claim, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.claim = claim
        self.result = None
        self.extra_keyword_matches.update(claim.tags)

    def setup(self) -> None:
        from .errors import ClaimcheckError
        from .model import Verdict
        try:
            self.result = engine(self.config).check(self.claim)
        except ClaimcheckError as err:
            raise ClaimFailed(str(err)) from None
        if self.result.verdict is Verdict.ERROR:
            raise ClaimFailed(self.result.error)

    def runtest(self) -> None:
        from .model import Verdict
        from .reporters.terminal import describe
        verdict = self.result.verdict
        message = f"{verdict.value}: {describe(self.result)}"
        if verdict is Verdict.CONTRADICTED or (verdict is Verdict.ABSENT and engine(self.config).config.strict):
            raise ClaimFailed(message)
        if verdict is Verdict.ABSENT:
            pytest.skip(message)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style=None) -> str:
        if isinstance(excinfo.value, ClaimFailed):
            return f"{self.claim.text}\n{excinfo.value}"
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, (self.claim.location.line or 1) - 1, f"claim: {self.claim.id}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    report = yield
    if isinstance(item, ClaimItem) and item.result is not None and call.when == "call":
        report.claim_verdict = item.result.verdict.value
    return report


def pytest_report_teststatus(report: pytest.TestReport, config: pytest.Config):
    verdict = getattr(report, "claim_verdict", None)
    if verdict in CATEGORIES and report.when == "call":
        letter, word = CATEGORIES[verdict]
        return verdict, letter, word
    return None


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    state = session.config.stash.get(engine_key, None)
    if state is not None:
        from .errors import ExitCode
        state.plugins.pm.hook.claimcheck_sessionfinish(
            results=state.results, exitstatus=ExitCode(int(exitstatus)) if int(exitstatus) in
            ExitCode._value2member_map_ else ExitCode.INTERNAL_ERROR,
            duration=time.perf_counter() - state.started, config=state.config)


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    """pytest prints FAILURES only for its own "failed" category: show the contradicted (and
    strict-absent) claims' reasons the same way."""
    failed = [r for key in ("contradicted", "absent") for r in terminalreporter.stats.get(key, [])
              if getattr(r, "failed", False)]
    if not failed:
        return
    terminalreporter.write_sep("=", "FAILED CLAIMS")
    for report in failed:
        terminalreporter.write_sep("_", report.nodeid)
        terminalreporter.write_line(report.longreprtext)
