"""Built-in plugin "workers": the local engine, per-document work in worker processes,
``-n auto|N`` as pytest-xdist spells it.

Splitting and indexing a document, and extracting its mentions, depend on that document
alone, so they are shared out among processes. The workers are forked from the run once
its documents are read: they inherit the documents and the matchers, so what crosses to
them is a document number and what comes back is that document's facts (plugins' objects
are never pickled). Results come back in document order and the run applies them in that
order, so every report is the same whatever the number of workers.

``-n auto`` (the default) uses one process per available core, only when there is enough
work to pay for starting them (see :data:`MIN_TASKS`); ``-n N`` uses N whenever there is
work; ``-n 0`` works in this process. Where processes cannot be forked (Windows) the run
works in this process. Under pytest the option is pytest-xdist's, and claimcheck works in
each pytest process.
"""
from __future__ import annotations

import math
import multiprocessing
import os
import signal
import warnings
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Mapping, Sequence, TypeVar

from .errors import ClaimcheckWarning, UsageError
from .facts import Layout, Mentions, extract_mentions, read_layout
from .hookspecs import hookimpl

if TYPE_CHECKING:
    from .config import Config, OptionParser
    from .fingerprint import Fingerprints
    from .matchers import Matcher
    from .model import Document

T = TypeVar("T")

AUTO = "auto"
MIN_TASKS = {"layout": 1000, "mentions": 24}
"""Under ``-n auto``, the documents each worker must get before a pool pays for itself:
splitting and indexing costs about 0.4 ms a document, extracting mentions 5 ms, and
forking a worker and sending results back about 30 ms (docs/performance.md)."""

_task: Callable[[int], object] | None = None
"""What the forked workers run, set just before they are forked (they inherit it)."""
_prepare: Callable[[], None] | None = None


@hookimpl
def claimcheck_addoption(parser: "OptionParser") -> None:
    parser.addoption("-n", "--numprocesses", dest="numprocesses", type=processes, metavar="auto|N",
                     help="split, index and extract documents in N worker processes (auto: one per "
                          "core when the corpus is large enough; 0: in this process; default: auto)")


@hookimpl
def claimcheck_document_engine(config: "Config", matchers: "Mapping[str, Matcher]",
                               fingerprints: "Fingerprints") -> "LocalEngine":
    return LocalEngine(matchers, processes=setting(config))


class LocalEngine:
    """Computes documents' facts in this process, or in forked workers when ``-n`` says so
    (an :class:`~claimcheck.analysis.Engine`)."""

    def __init__(self, matchers: "Mapping[str, Matcher]", processes: int | str | None = 0) -> None:
        """:param processes: ``-n``: ``"auto"`` (or None), a number of worker processes, 0 for none."""
        self.matchers = matchers
        self.processes = processes
        self._folded: dict[str, str] = {}

    def shares(self, count: int, work: str) -> bool:
        return planned(self.processes, count, work) > 0

    def layouts(self, documents: "Sequence[Document]") -> Iterable[Layout]:
        return self._map(lambda number: read_layout(documents[number].text, self._folded), len(documents), "layout")

    def mentions(self, documents: "Sequence[Document]", kinds: Sequence[tuple[str, ...]]) -> Iterable[Mentions]:
        def task(number: int) -> Mentions:
            return extract_mentions(documents[number], {kind: self.matchers[kind] for kind in kinds[number]})
        return self._map(task, len(documents), "mentions")

    def close(self) -> None:
        """Nothing to let go of: each pool ends with its batch."""

    def _map(self, task: Callable[[int], T], count: int, work: str) -> Iterable[T]:
        workers = planned(self.processes, count, work)
        return run(task, range(count), workers, prepare=self._after_fork) if workers else map(task, range(count))

    def _after_fork(self) -> None:
        for matcher in self.matchers.values():
            after_fork = getattr(matcher, "after_fork", None)
            if after_fork is not None:
                after_fork()


def processes(text: str) -> int | str:
    """``-n``'s value: ``auto`` or a number of processes (0 or more)."""
    import argparse
    from .cli import count
    if str(text).strip().lower() == AUTO:
        return AUTO
    try:
        return count(text)
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(f"expected 'auto' or 0 or more processes, not {text!r}") from None


def setting(config: object) -> int | str:
    """The run's ``-n``: from the command line, or ``numprocesses`` in ``[tool.claimcheck]``
    (a string there: ``"auto"``, ``"2"``).

    :raises UsageError: a value that is neither ``auto`` nor a number of processes.
    """
    import argparse
    value = getattr(config, "getoption", lambda *_: None)("numprocesses", AUTO)
    try:
        return value if isinstance(value, int) else processes(str(value))
    except argparse.ArgumentTypeError as err:
        raise UsageError(f"numprocesses in [tool.claimcheck]: {err}") from None


def cores() -> int:
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def planned(setting: int | str | None, tasks: int, work: str) -> int:
    """How many worker processes to use for ``tasks`` documents of ``work`` (0: none).

    :param setting: ``-n``'s value (None: auto).
    :param work: a key of :data:`MIN_TASKS`.
    """
    if not tasks or setting == 0 or "fork" not in multiprocessing.get_all_start_methods():
        return 0
    if setting is None or setting == AUTO:
        count = min(cores(), tasks // MIN_TASKS[work])
        return count if count >= 2 else 0
    return min(int(setting), tasks)


def run(task: Callable[[int], T], items: Sequence[int], workers: int,
        prepare: Callable[[], None] | None = None) -> Iterator[T]:
    """``task(item)`` for every item, in ``workers`` forked processes, yielded in item order.

    :param task: runs in the workers, on what they inherited; its result is pickled back.
    :param prepare: called once in each worker before its first task.

    A worker that dies (killed, out of memory) costs only speed: the items not yet done
    are computed here, with a warning.
    """
    global _task, _prepare
    size = chunk_size(len(items), workers)
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    _task, _prepare = task, prepare
    finished = 0
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=_start)
    try:
        for results in pool.map(_run_chunk, chunks):
            yield from results
            finished += len(results)
    except BrokenProcessPool:
        warnings.warn(ClaimcheckWarning("a worker process stopped unexpectedly: the remaining "
                                        "documents are read in this process"))
        for item in items[finished:]:
            yield task(item)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
        _task = _prepare = None


def chunk_size(items: int, workers: int) -> int:
    """Documents per batch sent to a worker: about eight batches each, so that a slow batch
    does not leave the others idle, and at most 64, so that results come back steadily."""
    return max(1, min(64, math.ceil(items / (workers * 8))))


def _start() -> None:
    # Ctrl-C reaches every process of the terminal's group: the run handles it, and its
    # workers finish their chunk and exit instead of each printing a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _prepare is not None:
        _prepare()


def _run_chunk(chunk: Sequence[int]) -> list:
    assert _task is not None
    return [_task(item) for item in chunk]
