"""pytest front end: ``pytest claims/`` collects claim files and gives claimcheck's verdicts.

A thin adapter over the same collect and check functions as the ``claimcheck`` command:
one test item per claim, supported passes, contradicted fails, absent is skipped (fails
with ``--claims-strict``), a claim that could not be checked is an error. pytest's own
``--junitxml`` and terminal output replace claimcheck's reporters here.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any, Iterator

import pytest

# pytest owns ``--strict`` (and its dest): claimcheck's options of that name get a prefix here.
RENAMED = {"--strict": "--claims-strict", "--lang": "--claims-lang"}
RENAMED_DESTS = {"strict": "claims_strict", "lang": "claims_lang"}
# pytest has its own terminal, JUnit, cache (--lf, --ff) and -n (pytest-xdist, which shares
# out claims): claimcheck's would clash, and each pytest process reads documents itself
# (with neither worker processes nor a Dask cluster).
BLOCKED_UNDER_PYTEST = ("terminal", "junitxml", "cacheprovider", "workers", "dask")
# The JSON report is written here, from test reports, so that pytest-xdist's workers'
# claims are merged on the controller (as pytest's junitxml does); its option stays.
BLOCKED_IN_ENGINE = (*BLOCKED_UNDER_PYTEST, "jsonreport")
CATEGORIES = {"supported": (".", "SUPPORTED"), "contradicted": ("C", "CONTRADICTED"),
              "absent": ("a", "ABSENT")}
engine_key = pytest.StashKey["Engine"]()
setup_error_key = pytest.StashKey[str]()
entries_key = pytest.StashKey["ClaimEntries"]()
claim_roots_key = pytest.StashKey["tuple[Path, ...]"]()


def pytest_addoption(parser: pytest.Parser) -> None:
    from .cli import add_engine_options
    from .config import OptionParser
    group = parser.getgroup("claimcheck", "claim checking (claimcheck)")

    def add(*names: str, **kwargs: Any) -> None:
        if "dest" in kwargs:
            kwargs["dest"] = RENAMED_DESTS.get(kwargs["dest"], kwargs["dest"])
        group.addoption(*(RENAMED.get(n, n) for n in names), **kwargs)
    group.addoption("--claims", dest="claims_paths", action="append", default=[], metavar="PATH",
                    help="collect claim files under PATH (repeatable); without it, only under "
                         "[tool.claimcheck] paths")
    add_engine_options(OptionParser(add))
    plugins = _builtin_plugins()
    plugins.pm.hook.claimcheck_addoption.call_historic(kwargs={"parser": OptionParser(add)})


def _builtin_plugins(blocked=BLOCKED_UNDER_PYTEST):
    from .plugins import Plugins
    plugins = Plugins(blocked=blocked)
    plugins.load_builtins()
    plugins.load_installed()
    return plugins


def pytest_ignore_collect(collection_path: Path) -> bool | None:
    """A link to a folder above itself (a loop) is walked once, as ``claimcheck`` walks it,
    rather than until the system's link limit; anything else is left to pytest."""
    if collection_path.is_symlink() and collection_path.is_dir():
        real, parent = collection_path.resolve(), collection_path.parent.resolve()
        if parent == real or real in parent.parents:
            return True
    return None


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> "ClaimFile | None":
    """A claim file under the project's claim paths; any other YAML is left alone, so that
    installing claimcheck never turns an unrelated project's ``claims:`` files into tests."""
    if file_path.suffix.lower() in (".yaml", ".yml") and _under_claim_paths(file_path, parent.config):
        from .claims import is_claim_file
        if is_claim_file(file_path):
            return ClaimFile.from_parent(parent, path=file_path)
    return None


def _under_claim_paths(path: Path, config: pytest.Config) -> bool:
    if claim_roots_key not in config.stash:
        config.stash[claim_roots_key] = claim_roots(config)
    # Both the path as reached and its target: a link inside claims/ to a folder elsewhere
    # is collected, as the command collects it.
    seen = (Path(os.path.abspath(path)), path.resolve())
    return any(p == root or root in p.parents for p in seen for root in config.stash[claim_roots_key])


def claim_roots(config: pytest.Config) -> tuple[Path, ...]:
    """Where claim files are collected: ``--claims`` paths (relative to the invocation
    folder) and ``[tool.claimcheck] paths`` (relative to the project root), resolved."""
    from .config import find_root, read_table
    from .errors import ClaimcheckError
    roots = [Path(config.invocation_params.dir, p) for p in config.getoption("claims_paths", None) or ()]
    try:
        rootdir, inifile = find_root(Path(config.rootpath))
        table = read_table(inifile) if inifile is not None else None
    except ClaimcheckError:
        table = None  # the Engine reports a broken pyproject.toml when a claim needs it
    paths = (table or {}).get("paths") or ()
    if isinstance(paths, str):
        paths = [paths]
    if isinstance(paths, list):
        roots += [rootdir / str(p) for p in paths]
    return tuple({form for root in roots for form in (Path(os.path.abspath(root)), root.resolve())})


class Engine:
    """claimcheck's state for one pytest session: config, plugins, matchers, corpus indexes."""

    def __init__(self, pytest_config: pytest.Config) -> None:
        from .config import find_root, ini_options, make_config
        from .session import Corpora
        self.started = time.perf_counter()
        rootdir, inifile = find_root(Path(pytest_config.rootpath))
        self.plugins = _builtin_plugins(BLOCKED_IN_ENGINE)
        self.plugins.load_folder(rootdir / ini_options(inifile).get("plugins_dir", "plugins"))
        dests = ("sources", "strict", "conflict", "hedged", "lang", "expect_mismatch", "allow_outside_root",
                 "json_report", "plugin_timeout", "md_report", "html_report", "output_format")
        options = {d: pytest_config.getoption(RENAMED_DESTS.get(d, d), None) for d in dests}
        options["numprocesses"] = 0
        self.config = make_config(options, rootdir=rootdir, inifile=inifile, pluginmanager=self.plugins.pm,
                                  spec=self._ini_spec())
        self.plugins.pm.hook.claimcheck_configure.call_historic(kwargs={"config": self.config})
        from .matcherset import MatcherSet
        self.matchers = MatcherSet.load(self.plugins, self.config)
        self.corpora = Corpora(self.config, self.plugins, self.matchers)
        self.results: list = []
        self.by_nodeid: dict = {}
        """pytest node id → Result, for the JUnit testcases written into pytest's report."""

    def _ini_spec(self):
        """The keys [tool.claimcheck] may hold: every option of the ``claimcheck`` command,
        the plugins' included, so one pyproject.toml is valid for both front ends."""
        from .cli import build_parser
        from .config import OptionParser
        from .ini import spec_from_parser
        from . import cache, dask_engine, workers
        from .reporters import junitxml
        parser = build_parser()
        self.plugins.pm.hook.claimcheck_addoption.call_historic(
            kwargs={"parser": OptionParser(parser.add_argument)})
        for blocked in (junitxml, cache, workers, dask_engine):
            blocked.claimcheck_addoption(OptionParser(parser.add_argument))
        return spec_from_parser(parser)

    def check(self, claim):
        from .check import check
        index = self.corpora.for_claim(claim)
        result = next(check([claim], index, self.matchers, conflict=self.config.conflict,
                            hedged=self.config.hedged))
        self.results.append(result)
        return result


def engine(config: pytest.Config) -> Engine:
    """The session's Engine, built on first use.

    :raises ClaimcheckError: a bad [tool.claimcheck], two plugins of one kind…; it is
        remembered, so the session ends as a usage error once collection is done.
    """
    from .errors import ClaimcheckError
    if engine_key not in config.stash:
        if setup_error_key in config.stash:
            raise ClaimcheckError(config.stash[setup_error_key])
        try:
            config.stash[engine_key] = Engine(config)
        except ClaimcheckError as err:
            config.stash[setup_error_key] = str(err)
            raise
    return config.stash[engine_key]


def pytest_configure(config: pytest.Config) -> None:
    """Report paths are checked before any claim is, as by ``claimcheck``."""
    from .errors import ReportError
    from .reporters.atomic import check_report_paths
    try:
        check_report_paths({dest: config.getoption(dest, None)
                            for dest in ("json_report", "md_report", "html_report")})
    except ReportError as err:
        raise pytest.UsageError(str(err)) from None
    config.stash[entries_key] = ClaimEntries()
    config.pluginmanager.register(config.stash[entries_key], "claimcheck-entries")


def pytest_collection_finish(session: pytest.Session) -> None:
    """A set-up error (bad [tool.claimcheck], clashing plugins) or a corpus error is a usage
    error, exit 4 with one ``ERROR:`` line, as under ``claimcheck``: the corpora of the
    selected claims are read now, before any claim is checked."""
    from .errors import ClaimcheckError
    if setup_error_key in session.config.stash:
        raise pytest.UsageError(session.config.stash[setup_error_key])
    claims = [item.claim for item in session.items if isinstance(item, ClaimItem)]
    if not claims:
        return
    try:
        corpora = engine(session.config).corpora
        for claim in claims:
            corpora.for_claim(claim)
    except ClaimcheckError as err:
        raise pytest.UsageError(str(err)) from None


class ClaimFile(pytest.File):
    """A claim file: one item per claim."""

    def collect(self) -> Iterator["ClaimItem"]:
        from .claims import load
        from .errors import ClaimcheckError
        try:
            state = engine(self.config)
            claims = load(self.path, config=state.config, matchers=state.matchers, lexicon=state.corpora.lexicon)
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
            engine(self.config).by_nodeid[self.nodeid] = self.result
        except ClaimcheckError as err:
            raise ClaimFailed(str(err)) from None
        if self.result.verdict is Verdict.ERROR:
            raise ClaimFailed(self.result.error)

    def runtest(self) -> None:
        from .model import Verdict
        from .outcome import outcome
        from .reporters.terminal import describe
        verdict = self.result.verdict
        judged = outcome(self.result, engine(self.config).config.strict)
        # describe() opens with "expected X, got Y" when the declared verdict was not given.
        message = describe(self.result) if judged.unexpected else f"{verdict.value}: {describe(self.result)}"
        if judged.failed:
            raise ClaimFailed(message)
        if verdict is Verdict.ABSENT and judged.expected is not Verdict.ABSENT:
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
    if not isinstance(item, ClaimItem):
        return report
    if call.excinfo is not None and isinstance(call.excinfo.value, ClaimFailed) and call.when == "setup":
        # The claim's own words, not pytest's traceback through claimcheck's internals.
        report.longrepr = f"{item.claim.text}\n{call.excinfo.value}"
    if item.result is not None and (call.when == "call" or report.failed):
        from .reporters.jsonreport import claim_entry
        from .outcome import outcome
        strict = engine(item.config).config.strict
        report.claim_verdict = item.result.verdict.value
        # A declared verdict that was not given is pytest's plain failure ("F").
        report.claim_unexpected = outcome(item.result, strict).unexpected
        # Plain data: pytest-xdist sends it from the worker to the controller.
        report.claim_entry = claim_entry(item.result, strict)
    return report


class ClaimEntries:
    """Collects each claim's JSON entry from the test reports, wherever they were made."""

    def __init__(self) -> None:
        self.by_nodeid: dict[str, dict] = {}

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        entry = getattr(report, "claim_entry", None)
        if entry is not None:
            self.by_nodeid[report.nodeid] = entry


def pytest_report_teststatus(report: pytest.TestReport, config: pytest.Config):
    verdict = getattr(report, "claim_verdict", None)
    if verdict in CATEGORIES and report.when == "call":
        letter, word = CATEGORIES[verdict]
        if getattr(report, "claim_unexpected", False):
            return "failed", "F", word
        if verdict == "contradicted" and report.passed:
            letter = "c"  # contradicted as declared: a pass, in lower case as "a"
        return verdict, letter, word
    return None


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    from .errors import ClaimcheckError
    try:
        _write_json(session)
        _notify_plugins(session, exitstatus)
    except ClaimcheckError as err:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(f"ERROR: {err}", red=True)
        session.exitstatus = 4


def _write_json(session: pytest.Session) -> None:
    """``--json FILE`` from the claims' test reports: on the controller under pytest-xdist
    (its workers write nothing), else in the one process."""
    path = session.config.getoption("json_report", None)
    if not path or hasattr(session.config, "workerinput"):
        return
    from .reporters.atomic import STDOUT, report_path, write_text
    from .reporters.jsonreport import render_entries
    entries = sorted(session.config.stash[entries_key].by_nodeid.values(),
                     key=lambda e: (e["file"], e["line"] or 0, e["id"]))
    text = render_entries(entries)
    if path == STDOUT:
        sys.stdout.write(text)
    else:
        write_text(report_path(path), text, flag="--json")


def _notify_plugins(session: pytest.Session, exitstatus: int) -> None:
    state = session.config.stash.get(engine_key, None)
    if state is not None:
        # pytest's line of progress letters may still be open: end it, so that what the
        # plugins write (GitHub's workflow commands above all) starts a line of its own.
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.ensure_newline()
        from .errors import ExitCode
        state.plugins.pm.hook.claimcheck_sessionfinish(
            results=state.results, exitstatus=ExitCode(int(exitstatus)) if int(exitstatus) in
            ExitCode._value2member_map_ else ExitCode.INTERNAL_ERROR,
            duration=time.perf_counter() - state.started, config=state.config)


def pytest_unconfigure(config: pytest.Config) -> None:
    """pytest's ``--junitxml`` report, once pytest wrote it, gets claimcheck's ``<testcase>``
    for each claim, so that one claim reads the same in both front ends' JUnit (classname
    from the claim file, the verdict, the quote, every piece of evidence). Other tests keep
    pytest's. Under pytest-xdist the controller holds no results, so pytest's stay."""
    path = getattr(config.option, "xmlpath", None)
    state = config.stash.get(engine_key, None)
    if not path or state is None or not state.by_nodeid or hasattr(config, "workerinput"):
        return
    import xml.etree.ElementTree as ET
    from _pytest.junitxml import mangle_test_address
    from .reporters.atomic import write_text
    from .reporters.junitxml import testcase
    try:
        tree = ET.parse(path)
    except (OSError, ET.ParseError):
        return  # pytest could not write it: pytest has said why
    family = config.getini("junit_family") or "xunit2"
    ours = {}
    for nodeid, result in state.by_nodeid.items():
        names = mangle_test_address(nodeid)
        ours[(".".join(names[:-1]), names[-1])] = testcase(
            result, strict=state.config.strict, rootdir=state.config.rootdir, family=family)
    for suite in tree.getroot().iter("testsuite"):
        for index, case in enumerate(list(suite)):
            replacement = ours.get((case.get("classname"), case.get("name")))
            if case.tag == "testcase" and replacement is not None:
                replacement.tail = case.tail
                suite[index] = replacement
    ET.indent(tree)
    body = ET.tostring(tree.getroot(), encoding="unicode")
    write_text(path, f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n', flag="--junitxml")


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
