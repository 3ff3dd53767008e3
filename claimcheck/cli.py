"""The ``claimcheck`` command: pytest's option names, output style and exit codes.

``claimcheck [PATH…]`` checks claims; ``claimcheck extract FILE…`` prints the mentions the
matchers find; ``claimcheck explain FILE::ID`` shows how a claim was judged; ``claimcheck
show [PATH…]`` prints claims as they were read. This is the only module that catches
exceptions and prints them.
"""
from __future__ import annotations

import argparse
import difflib
import json
import sys
import traceback
import warnings
from pathlib import Path
from typing import Sequence

import pluggy

from . import __version__, hookspecs
from .config import (CONFLICT_POLICIES, HEDGED_POLICIES, MISMATCH_POLICIES, Config, OptionParser, find_root,
                     ini_options, make_config)
from .errors import ClaimcheckError, ClaimcheckWarning, ExitCode, UsageError
from .ini import spec_from_parser
from .matcherset import DEFAULT_PLUGIN_TIMEOUT
from .plugins import Plugins, blocked_names, describe
from .reporters.atomic import check_report_paths

SUBCOMMANDS = ("extract", "explain", "show", "draft", "init")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return its exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    _tolerant_streams()
    _seen_warnings.clear()  # each run shows its own warnings, even in one process
    with warnings.catch_warnings():
        warnings.simplefilter("always", ClaimcheckWarning)
        warnings.showwarning = _show_warning
        try:
            return int(_dispatch(argv))
        except ClaimcheckError as err:
            _error(str(err))
            return int(err.exit_code)
        except pluggy.PluginValidationError as err:
            _error(str(_invalid_plugin(err)))
            return int(ExitCode.USAGE_ERROR)
        except KeyboardInterrupt:
            _error("interrupted")
            return int(ExitCode.INTERRUPTED)
        except BrokenPipeError:
            sys.stderr = None  # type: ignore[assignment]  # as pytest: nothing left to write to
            return int(ExitCode.INTERRUPTED)
        except Exception:
            traceback.print_exc()
            _error("internal error: this is a bug in claimcheck or a plugin; please report it")
            return int(ExitCode.INTERNAL_ERROR)


_seen_warnings: set[str] = set()


def _tolerant_streams() -> None:
    """A quote in "Łódź" must not crash a run on a cp1252 or ASCII terminal
    (PYTHONIOENCODING=cp1252): characters the stream cannot encode are written escaped."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "") == "strict":
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # a stream that cannot change: leave it
                pass


class ArgumentParser(argparse.ArgumentParser):
    """argparse, with pytest's habits: options are matched exactly (no ``--co`` for
    ``--conflict``), and a bad command line is a UsageError (exit 4, one ``ERROR:`` line,
    a suggestion for a misspelt option) instead of argparse's exit 2."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def error(self, message: str):  # type: ignore[override]
        raise UsageError(f"{message}{self._suggestion(message)} (see {self.prog} --help)")

    def _suggestion(self, message: str) -> str:
        if not message.startswith("unrecognized arguments:"):
            return ""
        known = [o for action in self._actions for o in action.option_strings]
        for word in message.split(":", 1)[1].split():
            # An abbreviation (--conf) names the option it starts, not a short neighbour (--co).
            longer = [o for o in known if o.startswith(word.split("=", 1)[0]) and o.startswith("--")]
            if word.startswith("--") and len(longer) == 1:
                return f"; did you mean {longer[0]}?"
            close = difflib.get_close_matches(word.split("=", 1)[0], known, n=1, cutoff=0.75)
            if word.startswith("-") and close:
                return f"; did you mean {close[0]}?"
        return ""


def count(text: str) -> int:
    """An argparse type: a whole number >= 0 (``--maxfail -1`` is refused, not run once)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number >= 0, not {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be a whole number >= 0, not {text!r}")
    return value


count.ini_kind = "int"  # type: ignore[attr-defined]


def seconds(text: str) -> float:
    """An argparse type: a number of seconds > 0."""
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a number of seconds > 0, not {text!r}")
    return value


seconds.ini_kind = "number"  # type: ignore[attr-defined]


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    text = str(message)
    if text not in _seen_warnings:
        _seen_warnings.add(text)
        print(f"WARNING: {text}", file=sys.stderr)


def _error(message: str) -> None:
    red = sys.stderr.isatty() and "NO_COLOR" not in __import__("os").environ
    print(f"\x1b[31mERROR:\x1b[0m {message}" if red else f"ERROR: {message}", file=sys.stderr)


def _dispatch(argv: list[str]) -> ExitCode:
    if argv and argv[0] in SUBCOMMANDS and not Path(argv[0]).exists():
        from . import draft_command, explain, extract_command, init_command, show_command
        module = {"extract": extract_command, "explain": explain, "show": show_command,
                  "draft": draft_command, "init": init_command}[argv[0]]
        return module.main(argv[1:])
    return run(argv)


def build_parser() -> argparse.ArgumentParser:
    """The options of ``claimcheck [PATH…]`` that the core owns, in ``--help``'s groups;
    plugins' options (the reports, the cache) join the group :data:`PLUGIN_GROUP`."""
    parser = ArgumentParser(
        prog="claimcheck", description="Check YAML claims against a corpus of articles.",
        epilog="Subcommands: 'claimcheck extract FILE…', 'claimcheck explain FILE::ID', "
               "'claimcheck show [PATH…]', 'claimcheck draft ARTICLE…', 'claimcheck init [FOLDER]'. "
               "Exit codes: 0 ok, 1 a claim failed, 2 interrupted, 3 internal error, 4 usage or "
               "claim-file error, 5 no claims collected.")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="claim files or folders, or "
                        "FILE::ID for one claim (default: [tool.claimcheck] paths)")
    parser.add_argument("--version", action="version", version=f"claimcheck {__version__}")
    select = parser.add_argument_group("selection")
    select.add_argument("-k", dest="keyword", metavar="EXPR",
                        help="only claims whose file::id or tags match EXPR (and, or, not)")
    select.add_argument("-x", "--exitfirst", dest="maxfail", action="store_const", const=1,
                        help="stop at the first failed claim")
    select.add_argument("--maxfail", dest="maxfail", type=count, metavar="N", help="stop after N failures")
    select.add_argument("--co", "--collect-only", dest="collect_only", action="store_true", default=None,
                        help="list the claims' node ids without checking them (no corpus is read)")
    output = parser.add_argument_group("terminal output")
    output.add_argument("-v", "--verbose", dest="verbose", action="count", default=0,
                        help="one line per claim, with the decisive quote and source:line")
    output.add_argument("-q", "--quiet", dest="quiet", action="count", default=0,
                        help="less output: letters and the summary, no progress line")
    output.add_argument("--durations", dest="durations", type=count, metavar="N",
                        help="show the N slowest claims (0 for all)")
    add_engine_options(OptionParser(parser.add_argument_group("verdicts and corpus").add_argument))
    plugins = parser.add_argument_group("plugins")
    plugins.add_argument("-p", dest="plugins", action="append", default=[], metavar="NAME",
                         help="load plugin module NAME, or block a plugin with no:NAME")
    plugins.add_argument("--plugins", dest="list_plugins", action="store_true",
                         help="list loaded plugins and the hooks they implement, then exit")
    plugins.add_argument("--matchers", dest="list_matchers", action="store_true",
                         help="print every matcher's documentation, then exit")
    parser.plugin_group = parser.add_argument_group(PLUGIN_GROUP)  # type: ignore[attr-defined]
    return parser


PLUGIN_GROUP = "reports, cache and plugins' options"


def add_engine_options(parser: OptionParser) -> None:
    """Options both front ends share (``claimcheck`` and ``pytest``)."""
    # One path per --sources (repeat it): with nargs="+", "--sources seeds claims/c.yaml"
    # took the claim file for a corpus.
    parser.addoption("--sources", dest="sources", action="append", metavar="PATH",
                     help="a corpus file or folder (repeatable; overrides claim files' sources:)")
    parser.addoption("--strict", dest="strict", action="store_true", default=None,
                     help="absent claims fail too")
    parser.addoption("--conflict", dest="conflict", choices=CONFLICT_POLICIES,
                     help="how disagreeing sources decide (default: contradicted)")
    parser.addoption("--hedged", dest="hedged", choices=HEDGED_POLICIES,
                     help="count or ignore reported/conditional evidence (default: count)")
    parser.addoption("--lang", dest="lang", help="default language of claims (default: read from "
                     "each claim sentence, else fr)")
    parser.addoption("--expect-mismatch", dest="expect_mismatch", choices=MISMATCH_POLICIES,
                     help="when a claim's expect disagrees with its sentence: error (default) or warn")
    parser.addoption("--allow-outside-root", dest="allow_outside_root", action="store_true", default=None,
                     help="let the corpus (sources:, links in it) reach outside the project root")
    parser.addoption("--plugin-timeout", dest="plugin_timeout", type=seconds, metavar="SECONDS",
                     help=f"most seconds a plugin's matcher may take on one article (default: "
                          f"{DEFAULT_PLUGIN_TIMEOUT:g}); past it, that kind's claims are errors")


def prepare(argv: list[str]) -> tuple[Config, Plugins, argparse.Namespace]:
    """Parse ``argv`` and load plugins: the run's Config, its Plugins and the raw options.

    The built-in and installed plugins' options are known before the project root is
    looked for, so that ``--junitxml out/r.xml`` never makes ``out/r.xml`` the first claim
    path (the root is found from that path).
    """
    parser = build_parser()
    # --help waits for the last parse, once every plugin has added its options.
    known = [arg for arg in argv if arg not in ("-h", "--help")]
    first, _ = parser.parse_known_args(known)
    plugins = Plugins(blocked=blocked_names(first.plugins))
    plugins.load_builtins()
    plugins.load_installed()
    plugins.pm.hook.claimcheck_addoption.call_historic(
        kwargs={"parser": OptionParser(parser.plugin_group.add_argument)})
    early, _ = parser.parse_known_args(known)
    start = Path(early.paths[0]) if early.paths else Path.cwd()
    rootdir, inifile = find_root(start if start.is_dir() else start.parent)
    plugins_dir = ini_options(inifile).get("plugins_dir", "plugins")
    plugins.load_folder(rootdir / plugins_dir if isinstance(plugins_dir, str) and plugins_dir else None)
    plugins.load_named(first.plugins)
    for broken in plugins.broken:
        print(f"WARNING: plugin {broken.name} failed to load: {broken.message}", file=sys.stderr)
    args = parser.parse_args(argv)
    options = vars(args)
    options["verbose"] = args.verbose - args.quiet
    # argparse gives [] for no PATH; None lets [tool.claimcheck] paths apply.
    options["paths"] = args.paths or None
    config = make_config(options, rootdir=rootdir, inifile=inifile, pluginmanager=plugins.pm,
                         spec=spec_from_parser(parser))
    return config, plugins, args


def run(argv: list[str]) -> ExitCode:
    """``claimcheck [PATH…]``."""
    config, plugins, args = prepare(argv)
    if args.list_plugins:
        print("\n".join(describe(plugins)))
        return ExitCode.OK
    if args.list_matchers:
        return _print_matchers(plugins, config)
    if not config.paths:
        raise UsageError("no claim paths: name files or folders, or set [tool.claimcheck] paths")
    check_report_paths(config.options)  # before any claim is checked, not after all of them
    plugins.pm.hook.claimcheck_configure.call_historic(kwargs={"config": config})
    try:
        plugins.pm.check_pending()
    except pluggy.PluginValidationError as err:
        raise _invalid_plugin(err, plugins) from None
    from .session import run as run_session
    return run_session(config, plugins)


def _invalid_plugin(err: pluggy.PluginValidationError, plugins: Plugins | None = None) -> UsageError:
    """A plugin pluggy refuses (a misspelt hook name, a wrong argument) as a usage error."""
    name = None
    if plugins is not None:
        name = plugins.pm.get_name(err.plugin)
    message = str(err)
    if "unknown hook" in message:
        hook = message.split("'")[1] if message.count("'") >= 2 else ""
        known = [h for h in vars(hookspecs) if h.startswith("claimcheck_")]
        close = difflib.get_close_matches(hook, known, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        message = f"unknown hook '{hook}'{hint}: hook functions are named after claimcheck/hookspecs.py"
    return UsageError(f"plugin {name or err.plugin!r}: {message}")


def _print_matchers(plugins: Plugins, config) -> ExitCode:
    import inspect
    for kind, matcher in sorted(plugins.matchers(config).items()):
        print(f"{kind}\n{'-' * len(kind)}\n{inspect.getdoc(type(matcher)) or ''}\n")
    return ExitCode.OK


def yaml_flow(value: object) -> str:
    """``value`` as one line of YAML (flow style), quoted where YAML needs it: how ``show`` and
    ``draft`` write the claim files they print."""
    import yaml
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10**9, sort_keys=False)
    return text.strip().removesuffix("...").strip()


def print_json(data: object) -> None:
    """Write ``data`` as JSON on stdout."""
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
