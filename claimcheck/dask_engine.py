"""Built-in plugin "dask": documents' facts computed on a Dask cluster (``--engine dask``,
``--scheduler ADDRESS``), for corpora beyond one machine; ``pip install "claimcheck-news[dask]"``.

Dask workers are not forked from the run, so they inherit nothing: each is sent a small
description of the run (:class:`WorkerSetup`: the configuration, which names the project,
its ``plugins/`` folder and ``-p`` modules) and rebuilds the matcher set from it once per
process. Documents then go in batches (their text for splitting and indexing; text,
language and date for extraction) and each comes back as the facts a forked worker would
return, with the fingerprints of the code that computed them: a batch from a worker whose
claimcheck or plugins differ from the run's is refused, never used. Batches are taken in
document order, so every report is the same as the local engine's. Claims are checked in
the run's own process, as always; the document cache is read there first, so cached
documents are never sent.

Without an address a LocalCluster is started, one single-threaded worker process per core
(``-n N`` sets another number), and only once some document has to be computed. dask is
imported only when this engine is chosen: it is an optional extra.
"""
from __future__ import annotations

import collections
import dataclasses
import hashlib
import itertools
import logging
import pickle
import threading
import uuid
import warnings
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping, Sequence, TypeVar

from .errors import ClaimcheckError, ClaimcheckWarning, UsageError
from .facts import Layout, Mentions, extract_mentions, read_layout
from .hookspecs import hookimpl

if TYPE_CHECKING:
    from .config import Config, OptionParser
    from .fingerprint import Fingerprints
    from .matchers import Matcher
    from .model import Document

T = TypeVar("T")

ENGINES = ("local", "dask")
MISSING_DASK = ('--engine dask needs Dask: pip install "claimcheck-news[dask]" '
                '(or pip install "dask[distributed]")')
CONNECT_SECONDS = 5
"""How long to wait for a ``--scheduler`` before saying it cannot be reached."""
MIN_SHARED = 2
"""A single document (a claim's lazy extraction) is read here: a round trip costs more."""
IN_FLIGHT = 4
"""Batches sent ahead per worker: enough to keep each busy, few enough that the documents
waiting in the cluster stay a small part of the corpus."""


@hookimpl
def claimcheck_addoption(parser: "OptionParser") -> None:
    parser.addoption("--engine", dest="engine", choices=ENGINES,
                     help="where documents are split, indexed and extracted: local (this machine's "
                          "processes, -n) or dask (a Dask cluster; needs claimcheck-news[dask]; "
                          "default: local)")
    parser.addoption("--scheduler", dest="scheduler", metavar="ADDRESS",
                     help="the Dask scheduler to send documents to (tcp://host:8786); implies --engine "
                          "dask (without it, --engine dask starts a local cluster, one worker per core)")


@hookimpl
def claimcheck_configure(config: "Config") -> None:
    # Before any corpus is read: a missing extra or contradictory options cost nothing yet.
    if chosen(config):
        _import_distributed()


def chosen(config: "Config") -> bool:
    """Whether the run asks for the Dask engine.

    :raises UsageError: ``--scheduler`` with ``--engine local``.
    """
    engine, scheduler = config.getoption("engine"), config.getoption("scheduler")
    if scheduler and engine == "local":
        raise UsageError(f"--scheduler {scheduler} sends documents to a Dask cluster, but --engine is "
                         "local: drop one of them")
    return engine == "dask" or bool(scheduler)


@hookimpl
def claimcheck_document_engine(config: "Config", matchers: "Mapping[str, Matcher]",
                               fingerprints: "Fingerprints") -> "DaskEngine | None":
    if not chosen(config):
        return None
    from .workers import cores, setting
    processes = setting(config)
    workers = processes if isinstance(processes, int) and processes > 0 else cores()
    return DaskEngine(WorkerSetup.of(config), fingerprints, matchers,
                      address=config.getoption("scheduler"), local_workers=workers)


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise UsageError(MISSING_DASK) from None
    return distributed


# -- what a worker is sent, and rebuilds ----------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class WorkerSetup:
    """What a Dask worker needs to rebuild the run's matcher set: small and picklable."""

    config: "Config"
    """The run's configuration without its plugin manager: the project root, its
    ``plugins/`` folder, the ``-p`` modules and every option the plugins may read."""
    autoload: bool
    """Whether installed plugins (entry points) are loaded, as in the run."""
    token: str
    """Names this setup in each worker's cache of rebuilt matcher sets."""

    @classmethod
    def of(cls, config: "Config") -> "WorkerSetup":
        import os
        from .plugins import AUTOLOAD_OFF
        bare = dataclasses.replace(config, pluginmanager=None)
        autoload = not os.environ.get(AUTOLOAD_OFF)
        token = hashlib.blake2b(pickle.dumps((bare, autoload)), digest_size=12).hexdigest()
        return cls(config=bare, autoload=autoload, token=token)


@dataclasses.dataclass(frozen=True, slots=True)
class Rebuilt:
    """A worker process's matcher set for one setup."""

    matchers: "Mapping[str, Matcher]"
    fingerprints: "Fingerprints"
    folded: dict[str, str]
    """Raw token → folded token, shared by the batches of this process (:func:`read_layout`)."""


@dataclasses.dataclass(frozen=True, slots=True)
class Batch:
    """One batch's facts as a worker returns them, with who computed them and with what code."""

    worker: str
    fingerprints: "Fingerprints"
    facts: tuple


_rebuilt: dict[str, Rebuilt] = {}
_rebuilding = threading.Lock()  # a worker with several threads runs batches side by side
KEPT_SETUPS = 4
"""Matcher sets a worker keeps: a long-lived cluster serves run after run, each with its own setup."""


def rebuild(setup: WorkerSetup) -> Rebuilt:
    """The matcher set of ``setup``, loaded as the run loaded it (built-in, installed,
    ``plugins/``, ``-p``; the reporters aside: they write nothing on a worker)."""
    from .fingerprint import of_matcher_set
    from .matcherset import MatcherSet
    from .plugins import BUILTIN_PLUGINS, Plugins, blocked_names
    named = list(setup.config.getoption("plugins", []))
    plugins = Plugins(blocked=blocked_names(named))
    plugins.load_builtins(skip={name for name, module in BUILTIN_PLUGINS.items()
                                if module.startswith("claimcheck.reporters.")})
    if setup.autoload:
        plugins.load_installed()
    plugins.load_folder(setup.config.plugins_dir)
    plugins.load_named(named)
    config = dataclasses.replace(setup.config, pluginmanager=plugins.pm)
    plugins.pm.hook.claimcheck_configure.call_historic(kwargs={"config": config})
    matchers = MatcherSet.load(plugins, config)
    return Rebuilt(matchers=matchers, fingerprints=of_matcher_set(matchers, plugins.versions), folded={})


def _on_worker(setup: WorkerSetup) -> tuple[str, Rebuilt]:
    from distributed import get_worker
    address = get_worker().address
    with _rebuilding:
        if setup.token not in _rebuilt:
            try:
                _rebuilt[setup.token] = rebuild(setup)
            except ClaimcheckError as err:
                raise UsageError(f"Dask worker {address} cannot load this run's plugins: {err}") from None
            while len(_rebuilt) > KEPT_SETUPS:
                del _rebuilt[next(iter(_rebuilt))]  # the oldest: dicts keep insertion order
    return address, _rebuilt[setup.token]


def layouts_batch(setup: WorkerSetup, documents: Sequence["Document"]) -> Batch:
    """On a worker: the layout of each document."""
    address, rebuilt = _on_worker(setup)
    return Batch(address, rebuilt.fingerprints, tuple(read_layout(d.text, rebuilt.folded) for d in documents))


def mentions_batch(setup: WorkerSetup, items: Sequence[tuple["Document", tuple[str, ...]]]) -> Batch:
    """On a worker: each document's mentions of the kinds asked of it."""
    address, rebuilt = _on_worker(setup)
    matchers = rebuilt.matchers
    return Batch(address, rebuilt.fingerprints, tuple(
        extract_mentions(document, {kind: matchers[kind] for kind in kinds}) for document, kinds in items))


# -- the run's side ---------------------------------------------------------


class DaskEngine:
    """Sends documents to a Dask cluster in batches and hands their facts back in order
    (an :class:`~claimcheck.analysis.Engine`)."""

    def __init__(self, setup: WorkerSetup, fingerprints: "Fingerprints", matchers: "Mapping[str, Matcher]",
                 *, address: str | None = None, local_workers: int = 2) -> None:
        """
        :param fingerprints: the run's own: a worker's batch must carry the same.
        :param matchers: the run's, for a document read here (:data:`MIN_SHARED`).
        :param address: the scheduler's; None starts a LocalCluster of ``local_workers``.
        :raises UsageError: the scheduler cannot be reached.
        """
        from .workers import LocalEngine
        self.setup, self.fingerprints, self.address = setup, fingerprints, address
        self.local_workers = local_workers
        self.here = LocalEngine(matchers, processes=0)
        # Keys unique to this run: a shared scheduler must not take one run's batch for another's.
        self._run, self._batches = uuid.uuid4().hex, itertools.count()
        self._cluster: Any = None
        # A scheduler named on the command line is tried at once, so a wrong address is
        # said before any document is sent; a local cluster starts only when there is work.
        self._client: Any = self._connect() if address else None

    def shares(self, count: int, work: str) -> bool:
        return count >= MIN_SHARED

    def layouts(self, documents: "Sequence[Document]") -> Iterable[Layout]:
        if not self.shares(len(documents), "layout"):
            return self.here.layouts(documents)
        return self._share(layouts_batch, [_bare(d) for d in documents], self.here.layouts)

    def mentions(self, documents: "Sequence[Document]", kinds: Sequence[tuple[str, ...]]) -> Iterable[Mentions]:
        if not self.shares(len(documents), "mentions"):
            return self.here.mentions(documents, kinds)
        return self._share(mentions_batch, [(_bare(d), k) for d, k in zip(documents, kinds)],
                           lambda batch: self.here.mentions([d for d, _ in batch], [k for _, k in batch]))

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def _share(self, task: Callable[[WorkerSetup, list], Batch], items: list,
               here: Callable[[list], Iterable[T]]) -> Iterator[T]:
        """``task``'s facts for every item, sent in batches, yielded in item order.

        :param here: computes a batch in this process, when the worker it was sent to died.
        """
        from .workers import chunk_size
        client = self._connected()
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        size = chunk_size(len(items), workers)
        name = task.__name__.replace("_", "-")
        pending: collections.deque = collections.deque()
        for start in range(0, len(items), size):
            batch = items[start:start + size]
            key = f"claimcheck-{name}-{self._run}-{next(self._batches)}"
            pending.append((batch, client.submit(task, self.setup, batch, key=key)))
            if len(pending) >= IN_FLIGHT * workers:
                yield from self._facts(*pending.popleft(), here)
        while pending:
            yield from self._facts(*pending.popleft(), here)

    def _facts(self, batch: list, future: Any, here: Callable[[list], Iterable[T]]) -> Iterable[T]:
        from distributed import KilledWorker
        try:
            result: Batch = future.result()
        except KilledWorker:
            warnings.warn(ClaimcheckWarning("a Dask worker stopped unexpectedly while reading documents: "
                                            "the documents it could not read are read in this process"))
            return here(batch)
        differences = self.fingerprints.differences(result.fingerprints)
        if differences:
            raise UsageError(
                f"Dask worker {result.worker} reads documents with other code than this run: "
                f"{', '.join(differences)}. Install the same claimcheck and plugins on every worker "
                f"(and give them this project's plugins/ folder at {self.setup.config.plugins_dir})")
        return result.facts

    def _connected(self) -> Any:
        if self._client is None:
            self._client = self._start_local()
        return self._client

    def _connect(self) -> Any:
        distributed = _import_distributed()
        from distributed.comm import get_address_host_port
        try:
            # Checked first: a Client given a malformed address waits ten seconds more as it is collected.
            get_address_host_port(self.address)
        except ValueError as err:
            raise UsageError(f"--scheduler {self.address}: {err}; expected tcp://HOST:PORT") from None
        try:
            return distributed.Client(self.address, timeout=CONNECT_SECONDS, set_as_default=False)
        except (OSError, TimeoutError) as err:
            raise UsageError(f"--scheduler {self.address}: no Dask scheduler answered there within "
                             f"{CONNECT_SECONDS} s ({type(err).__name__}); start one with 'dask scheduler' "
                             "or check the address") from None

    def _start_local(self) -> Any:
        distributed = _import_distributed()
        # One thread a worker: extraction is Python code, which one process runs one thread
        # at a time. Any free port for the dashboard: two runs side by side must not both want 8787.
        # Only CRITICAL logs: as the cluster shuts down, a worker's last heartbeat may find the
        # scheduler gone and log a traceback, which would read as a crash of a run that went
        # well; a task's real failure reaches the run as its future's exception.
        self._cluster = distributed.LocalCluster(
            n_workers=self.local_workers, threads_per_worker=1, processes=True,
            dashboard_address=":0", silence_logs=logging.CRITICAL)
        return distributed.Client(self._cluster, set_as_default=False)


def _bare(document: "Document") -> "Document":
    """``document`` as a worker needs it: its line index is the run's business (it is half
    the document's size), and is not sent."""
    return dataclasses.replace(document, line_starts=())
