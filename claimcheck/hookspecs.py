"""Hook specifications: the contract between claimcheck and its plugins.

A plugin is a module (or an object) with functions named after these hooks and decorated
with ``@claimcheck.hookimpl``. An implementation may accept fewer arguments than the spec
lists; pluggy passes only those it names. Hooks are called with keyword arguments, the
latest-registered plugin first, so a plugin given with ``-p`` runs before ``plugins/`` ones,
which run before installed ones, which run before the built-ins.

The built-in matchers (``amount``, ``date``, ``percentage``), the relation lexicon
(``relations``), the corpus reader (``corpus``), the engines (``workers``, ``dask``) and the
reporters (``terminal``, ``junitxml``, ``jsonreport``) implement these same hooks.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

import pluggy

if TYPE_CHECKING:
    from .analysis import Engine
    from .config import Config, OptionParser, SourceMeta
    from .errors import ExitCode
    from .fingerprint import Fingerprints
    from .matchers import Matcher
    from .model import Claim, Document, Result
    from .relations import Relation

hookspec = pluggy.HookspecMarker("claimcheck")
hookimpl = pluggy.HookimplMarker("claimcheck")
"""Decorate a plugin's hook functions with this (re-exported as ``claimcheck.hookimpl``)."""

# -------------------------------------------------------------------------
# Set-up: once per run, before any claim file is read.
# -------------------------------------------------------------------------


@hookspec(historic=True)
def claimcheck_addoption(parser: "OptionParser") -> None:
    """Register command-line options.

    :param parser: call ``parser.addoption("--name", dest=..., help=...)`` with the
        arguments of :meth:`argparse.ArgumentParser.add_argument`. Under pytest the same
        call adds the option to pytest's "claimcheck" group, so an option means the same in
        both front ends. Every option may also be set as a key of ``[tool.claimcheck]``
        in pyproject.toml, named by its ``dest``.

    Called once, before the command line is parsed. Historic: a plugin registered later
    is still called. ``plugins/`` and ``-p`` plugins are loaded after parsing under pytest,
    so there they can read ``[tool.claimcheck]`` keys but cannot add flags.
    """


@hookspec(historic=True)
def claimcheck_configure(config: "Config") -> None:
    """Read your options and register stateful helpers.

    :param config: the run's frozen :class:`~claimcheck.config.Config`; read options
        with ``config.getoption(dest)``; register an object holding state (a reporter)
        with ``config.pluginmanager.register(obj, name)``.

    Called once after the command line is parsed and every plugin is loaded. Historic:
    plugins registered later are still called.
    """


# -------------------------------------------------------------------------
# Matchers.
# -------------------------------------------------------------------------


@hookspec
def claimcheck_register_matchers(config: "Config") -> "Iterable[Matcher]":
    """Return the matchers this plugin provides, one per value kind.

    :param config: the run's configuration.
    :returns: an iterable of :class:`~claimcheck.matchers.Matcher` instances.

    Called once, after ``claimcheck_configure``, for every plugin; the results are
    merged. Kinds are unique: two matchers of the same kind are a PluginError naming both
    plugins. Replace a built-in one by blocking it first: ``-p no:amount``.
    """


# -------------------------------------------------------------------------
# Relations.
# -------------------------------------------------------------------------


@hookspec
def claimcheck_register_relations(config: "Config") -> "Iterable[Relation]":
    """Return relations for the lexicon: the phrases that name a relation in one language.

    :param config: the run's configuration (None from :func:`claimcheck.extract`).
    :returns: an iterable of :class:`~claimcheck.relations.Relation` objects. Build them
        from a YAML file of the built-in form with :func:`claimcheck.relations.load_file`.

    Called once per run, after ``claimcheck_register_matchers``, for every plugin; the
    results are merged by relation name and language, so a plugin adds phrases to a
    built-in relation ("net_income": "group share of profit") or adds a relation of its
    own. The built-in ``relations`` plugin returns the shipped lexicon
    (``claimcheck/data/relations.LANG.yaml``) and the files named by ``relations`` in
    ``[tool.claimcheck]``. A claim cue that is one of a relation's phrases stands for the
    whole relation, and a passage's phrases of other relations compete for its values.
    """


@hookspec
def claimcheck_register_places(config: "Config") -> "Iterable[Place]":
    """Return places (countries, areas) and the adjectives that name them in one language.

    :param config: the run's configuration (None outside a run).
    :returns: an iterable of :class:`~claimcheck.places.Place` objects. Build them from a
        YAML file of the built-in form with :func:`claimcheck.places.load_file`.

    Called once per run, with ``claimcheck_register_relations``, for every plugin; the
    results are merged. A claim sentence that names no other entity is about the place one of
    its adjectives names ("la dette publique française": France). The built-in ``places``
    plugin returns ``claimcheck/data/places.yaml`` and the files named by ``places`` in
    ``[tool.claimcheck]``.
    """


# -------------------------------------------------------------------------
# Corpus.
# -------------------------------------------------------------------------


@hookspec(firstresult=True)
def claimcheck_load_document(path: Path, meta: "SourceMeta", config: "Config") -> "Document | None":
    """Read one article file into a :class:`~claimcheck.model.Document`.

    :param path: the file, found under a ``--sources`` path or a claim file's ``sources:``.
    :param meta: its ``sources.yaml`` entry or front matter (date, lang, title, url),
        with defaults when it has none.
    :param config: the run's configuration.
    :returns: a Document, or None when this plugin does not read such files.

    Called once per file per run, before any claim is checked. Stops at the first non-None
    result; the built-in reader handles ``.txt`` and ``.md``. Raise
    :class:`~claimcheck.errors.SourceError` for a file that cannot be read.
    """


# -------------------------------------------------------------------------
# Documents' facts.
# -------------------------------------------------------------------------


@hookspec(firstresult=True)
def claimcheck_document_engine(config: "Config", matchers: "Mapping[str, Matcher]",
                               fingerprints: "Fingerprints") -> "Engine | None":
    """Return the engine that computes the documents' facts the document cache lacks:
    their sentences and words, and their mentions (:mod:`claimcheck.facts`).

    :param config: the run's configuration.
    :param matchers: the run's matchers by kind (a :class:`~claimcheck.matcherset.MatcherSet`).
    :param fingerprints: what those facts depend on (:mod:`claimcheck.fingerprint`): an
        engine that computes them elsewhere must refuse facts from code with other ones.
    :returns: an :class:`~claimcheck.analysis.Engine`, or None to leave the choice to
        the next plugin.

    Called once per run, when the first corpus has been read, before any document is
    split. Stops at the first non-None result: the built-in ``dask`` plugin answers when
    ``--engine dask`` or ``--scheduler`` is given, else the built-in ``workers`` plugin
    (``-n``). With no answer the facts are computed in the run's own process. The engine's
    ``close`` is called at the end of the run.
    """


# -------------------------------------------------------------------------
# Reporting: the session calls these in this order.
# -------------------------------------------------------------------------


@hookspec
def claimcheck_sessionstart(claims: "Sequence[Claim]", config: "Config") -> None:
    """Claims are collected and selected (``-k``); checking is about to start.

    :param claims: the selected claims, in run order.
    :param config: the run's configuration.
    """


@hookspec
def claimcheck_progress(stage: str, done: int, total: int, config: "Config") -> None:
    """Long work is under way. Show progress here (the terminal reporter draws a line on
    standard error when it is a terminal).

    :param stage: ``"corpus"`` while the corpora are read and indexed, ``"documents"``
        while documents are split and indexed or their mentions extracted (the facts the
        document cache did not hold), ``"check"`` while claims are checked, ``"done"``
        once checking is over (clear what you drew).
    :param done: corpora read so far (``"corpus"``), documents analysed so far in the
        current batch (``"documents"``) or claims decided (``"check"``, ``"done"``).
    :param total: distinct corpora to read, documents in the batch, or claims to check.
    :param config: the run's configuration.

    Called before each corpus is read, every few hundred documents analysed (and after
    each batch of a worker process), after each claim is decided, then once with ``"done"``.
    """


@hookspec
def claimcheck_logresult(result: "Result", config: "Config") -> None:
    """One claim is decided. Stream output here (progress letters, CI annotations).

    :param result: the claim's :class:`~claimcheck.model.Result`, with its evidence.
    :param config: the run's configuration.

    Called once per claim, in run order, as soon as it is decided.
    """


@hookspec
def claimcheck_sessionfinish(results: "Sequence[Result]", exitstatus: "ExitCode",
                             duration: float, config: "Config") -> None:
    """Every selected claim is decided. Write report files here (JUnit, JSON, HTML).

    :param results: every result, in run order.
    :param exitstatus: the :class:`~claimcheck.errors.ExitCode` the run will end with.
    :param duration: seconds since the session started.
    :param config: the run's configuration.

    Called once, also after ``-x`` stopped the run early or Ctrl-C interrupted it (then
    ``results`` holds what was decided).
    """
