"""Plugin discovery and failure: plugins/ folder, -p, -p no:, entry points, broken plugins.

In-process tests build a :class:`claimcheck.plugins.Plugins` directly (a fresh manager each
time, as pluggy's own tests do); end-to-end ones run ``python -m claimcheck`` in a tmp
project. Entry points are faked by replacing ``importlib.metadata.entry_points``, as
sqlfluff's plugin tests do.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from claimcheck import Matcher, hookimpl
from claimcheck.errors import PluginError, UsageError
from claimcheck.plugins import BUILTIN_PLUGINS, Plugins

ROOT = Path(__file__).resolve().parent.parent

ARTICLE = "Microsoft a investi 1 milliard de dollars dans OpenAI en 2019, lors de la troisième phase.\n"
CLAIMS = """\
claims:
  - id: amount-ok
    claim: Microsoft a investi 1 milliard de dollars dans OpenAI.
    about: [Microsoft, OpenAI]
    cues: [investi]
    expect: {amount: 1 milliard de dollars}
  - id: ordinal-phase
    claim: la troisième phase
    about: [Microsoft, OpenAI]
    cues: [phase]
    expect: {ordinal: 3}
"""


class Fake(Matcher):
    kind = "amount"

    def parse(self, text, *, lang, options):
        return text

    def extract(self, text, *, lang, ref_date):
        return []

    def compare(self, expected, mention):
        raise NotImplementedError


class FakePlugin:
    """A plugin object providing one matcher of ``kind``."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    @hookimpl
    def claimcheck_register_matchers(self):
        matcher = Fake()
        matcher.kind = self.kind
        return [matcher]


class FakeEntryPoint:
    """What importlib.metadata.entry_points yields: name, value, load()."""

    def __init__(self, name: str, value: str, loader) -> None:
        self.name, self.value, self.group = name, value, "claimcheck"
        self._loader = loader

    def load(self):
        return self._loader()


def fake_entry_points(monkeypatch, *entries: FakeEntryPoint) -> None:
    def entry_points(**params):
        assert params == {"group": "claimcheck"}
        return list(entries)
    monkeypatch.setattr("importlib.metadata.entry_points", entry_points)


# -- discovery -----------------------------------------------------------------------


def test_builtins_register_under_short_names():
    plugins = Plugins()
    plugins.load_builtins()
    names = {name for name, _ in plugins.pm.list_name_plugin()}
    assert set(BUILTIN_PLUGINS) <= names
    assert sorted(plugins.matchers(config=None)) == ["amount", "count", "date", "percentage"]


def test_plugins_folder_loads_ordinal(tmp_path):
    (tmp_path / "plugins").mkdir()
    shutil.copy(ROOT / "plugins" / "ordinal.py", tmp_path / "plugins" / "ordinal.py")
    (tmp_path / "plugins" / "_private.py").write_text("raise RuntimeError('never imported')\n")
    plugins = Plugins()
    plugins.load_builtins()
    plugins.load_folder(tmp_path / "plugins")
    assert not plugins.broken
    assert "ordinal" in plugins.matchers(config=None)
    assert plugins.origins["plugins/ordinal.py"] == str(tmp_path / "plugins" / "ordinal.py")
    assert plugins.owners["ordinal"] == "plugins/ordinal.py"


def test_dash_p_loads_a_module(tmp_path, monkeypatch):
    (tmp_path / "cc_extra_matcher.py").write_text(textwrap.dedent("""\
        from claimcheck import hookimpl

        @hookimpl
        def claimcheck_register_matchers():
            from tests_fake import make
            return make()
        """))
    (tmp_path / "tests_fake.py").write_text(textwrap.dedent("""\
        from claimcheck import Matcher
        class Extra(Matcher):
            kind = "extra"
        def make():
            return [Extra()]
        """))
    monkeypatch.syspath_prepend(str(tmp_path))
    plugins = Plugins()
    plugins.load_builtins()
    plugins.load_named(["cc_extra_matcher"])
    assert plugins.origins["cc_extra_matcher"] == "-p"
    assert "extra" in plugins.matchers(config=None)


def test_dash_p_unknown_module_is_a_usage_error():
    plugins = Plugins()
    with pytest.raises(UsageError, match="-p no_such_claimcheck_plugin: cannot import it"):
        plugins.load_named(["no_such_claimcheck_plugin"])


def test_dash_p_no_blocks_a_builtin():
    plugins = Plugins(blocked=["amount"])
    plugins.load_builtins()
    assert sorted(plugins.matchers(config=None)) == ["count", "date", "percentage"]


def test_entry_point_loads(monkeypatch):
    monkeypatch.delenv("CLAIMCHECK_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    fake_entry_points(monkeypatch, FakeEntryPoint("ordinalish", "pkg.ordinalish", lambda: FakePlugin("ordinalish")))
    plugins = Plugins()
    plugins.load_builtins()
    plugins.load_installed()
    assert "ordinalish" in plugins.matchers(config=None)
    assert plugins.origins["ordinalish"] == "entry point pkg.ordinalish"


def test_autoload_can_be_disabled(monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_DISABLE_PLUGIN_AUTOLOAD", "1")
    fake_entry_points(monkeypatch, FakeEntryPoint("ordinalish", "pkg.ordinalish", lambda: FakePlugin("ordinalish")))
    plugins = Plugins()
    plugins.load_installed()
    assert "ordinalish" not in dict(plugins.pm.list_name_plugin())


def test_entry_point_blocked_by_dash_p_no(monkeypatch):
    monkeypatch.delenv("CLAIMCHECK_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    fake_entry_points(monkeypatch, FakeEntryPoint("ordinalish", "pkg.ordinalish", lambda: 1 / 0))
    plugins = Plugins(blocked=["ordinalish"])
    plugins.load_installed()
    assert not plugins.broken  # blocked before it was loaded


def test_broken_entry_point_is_recorded(monkeypatch):
    monkeypatch.delenv("CLAIMCHECK_DISABLE_PLUGIN_AUTOLOAD", raising=False)

    def fail():
        raise ImportError("No module named 'numpy'")
    fake_entry_points(monkeypatch, FakeEntryPoint("ordinalish", "pkg.ordinalish", fail))
    plugins = Plugins()
    plugins.load_builtins()
    plugins.load_installed()
    assert [(b.name, b.message) for b in plugins.broken] == [("ordinalish", "ImportError: No module named 'numpy'")]
    assert "amount" in plugins.matchers(config=None)


def test_two_matchers_of_one_kind_name_both_plugins():
    plugins = Plugins()
    plugins.load_builtins()
    plugins.register(FakePlugin("amount"), "my-amount", origin="test")
    with pytest.raises(UsageError) as info:  # a set-up error: exit 4, not a claim's error
        plugins.matchers(config=None)
    message = str(info.value)
    assert "two matchers of kind 'amount'" in message
    assert "my-amount" in message and "amount and" in message.replace("my-amount and", "")
    assert "-p no:" in message


@pytest.mark.parametrize("returned", ["5", "['not a matcher']", "[object()]"])
def test_register_hook_returning_garbage(returned):
    class Garbage:
        @hookimpl
        def claimcheck_register_matchers(self):
            return eval(returned)
    plugins = Plugins()
    plugins.load_builtins()
    plugins.register(Garbage(), "garbage", origin="test")
    with pytest.raises(PluginError, match="claimcheck_register_matchers returned"):
        plugins.matchers(config=None)
    # In a session the plugin is recorded as broken and the other matchers still work.
    assert sorted(plugins.matchers(config=None, keep_going=True)) == ["amount", "count", "date", "percentage"]
    assert [b.name for b in plugins.broken] == ["garbage"]


# -- end to end --------------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.claimcheck]\npaths = ["claims"]\nsources = ["articles"]\n', encoding="utf-8")
    for folder in ("articles", "claims", "plugins"):
        (tmp_path / folder).mkdir()
    (tmp_path / "articles" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "claims" / "c.yaml").write_text(CLAIMS, encoding="utf-8")
    shutil.copy(ROOT / "plugins" / "ordinal.py", tmp_path / "plugins" / "ordinal.py")
    return tmp_path


def claimcheck(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environ = {**os.environ, "NO_COLOR": "1", "CLAIMCHECK_DISABLE_PLUGIN_AUTOLOAD": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "claimcheck", *args], cwd=project, capture_output=True,
                          text=True, encoding="utf-8", env=environ, timeout=120)


def test_folder_plugin_end_to_end(project):
    proc = claimcheck(project, "-v")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "::ordinal-phase SUPPORTED" in proc.stdout


def test_dash_p_no_amount_makes_amount_claims_a_claim_file_error(project):
    proc = claimcheck(project, "-p", "no:amount")
    assert proc.returncode == 4, proc
    assert "Traceback" not in proc.stderr
    assert "c.yaml:6:14: no matcher for 'amount' (available: count, date, ordinal, percentage" in proc.stderr


def test_hook_name_typo_fails_loudly(project):
    (project / "plugins" / "typo.py").write_text(textwrap.dedent("""\
        from claimcheck import hookimpl

        @hookimpl
        def claimcheck_register_matcher():
            return []
        """))
    proc = claimcheck(project)
    assert proc.returncode == 4, proc
    assert "Traceback" not in proc.stderr
    assert ("plugin 'plugins/typo.py': unknown hook 'claimcheck_register_matcher' "
            "(did you mean 'claimcheck_register_matchers'?)") in proc.stderr


def test_plugin_that_fails_to_import_errors_only_its_claims(project):
    (project / "plugins" / "ordinal.py").write_text("import no_such_module_for_ordinal\n")
    proc = claimcheck(project, "-v", "--json", "r.json", "--junitxml", "r.xml")
    assert proc.returncode == 1, proc
    assert "Traceback" not in proc.stderr
    assert "WARNING: plugin plugins/ordinal.py failed to load: ModuleNotFoundError" in proc.stderr
    assert "::amount-ok SUPPORTED" in proc.stdout
    message = ("no matcher for 'ordinal': plugin plugins/ordinal.py failed to load: "
               "ModuleNotFoundError: No module named 'no_such_module_for_ordinal'")
    assert f"::ordinal-phase ERROR  {message}" in proc.stdout
    report = json.loads((project / "r.json").read_text(encoding="utf-8"))
    assert {c["id"]: c["verdict"] for c in report["claims"]} == {"amount-ok": "supported", "ordinal-phase": "error"}
    assert report["summary"]["error"] == 1
    cases = {case.get("name"): case for case in ET.parse(project / "r.xml").iter("testcase")}
    assert cases["amount-ok"].find("error") is None
    assert cases["ordinal-phase"].find("error").get("message") == message


def test_plugin_that_fails_to_import_keeps_typo_suggestions(project):
    (project / "plugins" / "ordinal.py").write_text("raise RuntimeError('broken at import')\n")
    (project / "claims" / "c.yaml").write_text(CLAIMS.replace("{amount:", "{amout:"), encoding="utf-8")
    proc = claimcheck(project)
    assert proc.returncode == 4, proc
    assert "no matcher for 'amout'" in proc.stderr and "did you mean 'amount'?" in proc.stderr


@pytest.mark.parametrize("body, words", [
    ("def extract(self, text, *, lang, ref_date):\n        raise ValueError('bad regex')", "ValueError: bad regex"),
    ("def extract(self, text, *, lang, ref_date):\n        return ['garbage']", "TypeError"),
    ("def compare(self, expected, mention):\n        raise KeyError('oops')", "KeyError"),
    ("def compare(self, expected, mention):\n        return 'yes'", "not an Agreement"),
])
def test_misbehaving_matcher_errors_only_its_claims(project, body, words):
    source = (ROOT / "plugins" / "ordinal.py").read_text(encoding="utf-8")
    source += textwrap.dedent("""

        class Misbehaving(OrdinalMatcher):
            def parse(self, text, *, lang, options):
                return OrdinalMatcher().parse(text, lang=lang, options=options)

            {body}


        @hookimpl
        def claimcheck_register_matchers():
            return [Misbehaving()]
        """).replace("{body}", body)
    # Replace the plugin's own hook with the misbehaving one.
    source = source.replace("@hookimpl\ndef claimcheck_register_matchers():\n    return [OrdinalMatcher()]",
                            "", 1)
    (project / "plugins" / "ordinal.py").write_text(source, encoding="utf-8")
    proc = claimcheck(project, "-v", "--json", "r.json")
    assert proc.returncode == 1, proc
    assert "Traceback" not in proc.stderr
    assert "::amount-ok SUPPORTED" in proc.stdout, proc.stdout
    line = next(line for line in proc.stdout.splitlines() if "::ordinal-phase" in line)
    assert " ERROR " in line and words in line and "ordinal" in line
    report = json.loads((project / "r.json").read_text(encoding="utf-8"))
    assert {c["id"]: c["verdict"] for c in report["claims"]} == {"amount-ok": "supported", "ordinal-phase": "error"}
