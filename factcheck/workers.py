"""Worker processes for the CPU-bound stages (cleaning and segmenting, comparison keys, candidates).

A :class:`Workers` starts its processes the first time a large enough piece of work comes, as
fresh interpreters (the ``spawn`` start method: the calling process holds a database
connection and threads, which a fork would copy in whatever state they are). Work is handed
out in chunks and its results come back in the order it was given, so the outcome is what one
process gives. When workers cannot be used (one core, a program whose main module a fresh
interpreter cannot load, a worker of a ``multiprocessing.Pool``, which may not start processes
of its own, a worker killed), the work is done in the calling process instead.

:func:`forked` is for work that reads a large structure in memory (the blocking index): its
processes are forks that see that memory as it is, and only read it. Every worker ends when
the process that started it does, even when that one is killed (SIGKILL) and cannot stop it.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any, TypeVar

__all__ = ["Workers", "default_workers", "forked", "workers"]

T = TypeVar("T")
R = TypeVar("R")
S = TypeVar("S")

MAX_WORKERS = 8


def default_workers() -> int:
    """Worker processes to use: the cores this process may run on (at most :data:`MAX_WORKERS`)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return min(cores, MAX_WORKERS)


class Workers:
    """A pool of worker processes, started on first use."""

    def __init__(self, count: int) -> None:
        self.count = count
        self._executor: Executor | None = None

    def start(self, function: Callable[[T], R], items: Sequence[T], chunk: int) -> Callable[[], list[R]]:
        """Start ``function`` on every item; the call returned waits for the results, in order.

        ``function`` must be importable by name (a module-level function) and its items and
        results picklable.
        """
        executor = self._ready()
        if executor is None:
            return lambda: [function(item) for item in items]
        try:
            futures: list[Future[list[R]]] = [
                executor.submit(_apply, function, items[i : i + chunk]) for i in range(0, len(items), chunk)
            ]
        except BrokenProcessPool:
            self.broke()
            return lambda: [function(item) for item in items]

        def finish() -> list[R]:
            try:
                return [result for future in futures for result in future.result()]
            except BrokenProcessPool:  # a worker died (killed, out of memory): do it here
                self.broke()
                return [function(item) for item in items]

        return finish

    def _ready(self) -> Executor | None:
        if self.count < 2 or multiprocessing.current_process().daemon or not _main_can_be_loaded():
            return None  # a daemonic process (a multiprocessing.Pool's worker) may not have children
        if self._executor is None:
            context = multiprocessing.get_context("spawn")
            self._executor = ProcessPoolExecutor(
                self.count, mp_context=context, initializer=_background, initargs=(os.getpid(),)
            )
        return self._executor

    def broke(self) -> None:
        """Stop using the workers: the rest is done in this process."""
        self.count = 1
        self.close(wait=False)

    def close(self, wait: bool = True) -> None:
        """Stop the worker processes (work not started is dropped)."""
        if self._executor is not None:
            self._executor.shutdown(wait=wait, cancel_futures=True)
            self._executor = None


@contextmanager
def workers(count: int | None = None) -> Iterator[Workers]:
    """A :class:`Workers` of ``count`` processes (default: :func:`default_workers`), closed after."""
    pool = Workers(default_workers() if count is None else count)
    try:
        yield pool
    finally:
        pool.close()


ORPHAN_CHECK_S = 1.0
"""How often a worker looks whether the process that started it is still there."""


NICENESS = 5
"""How much lower the priority of a :class:`Workers` process is than its parent's: the parent,
which waits for nothing but its own work, keeps its core when workers and other work (the
parent's storing and clustering, forked look-ups) want more cores than there are; the workers
take what is left (with a core each otherwise)."""


def _background(parent: int) -> None:
    """Start a :class:`Workers` process: at a lower priority, ending with its parent."""
    with contextlib.suppress(AttributeError, OSError):  # not on Unix, or not allowed
        os.nice(NICENESS)
    _end_with(parent)


def _end_with(parent: int) -> None:
    """Make a worker end when the process that started it does (killed with SIGKILL, say):
    idle workers wait for work on a pipe that other workers, forked with it open, keep open."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(ORPHAN_CHECK_S)
        os._exit(1)

    threading.Thread(target=watch, name="end-with-parent", daemon=True).start()


def _apply(function: Callable[[T], R], items: Sequence[T]) -> list[R]:
    return [function(item) for item in items]


def _main_can_be_loaded() -> bool:
    """Whether a fresh interpreter can load this program's main module, as the spawn start
    method does (a script piped on standard input cannot be)."""
    main = sys.modules.get("__main__")
    if main is None or getattr(main, "__spec__", None) is not None:
        return True
    path = getattr(main, "__file__", None)
    return path is None or os.path.isfile(path)


def forked(
    function: Callable[[S, T], R], state: S, items: Sequence[T], count: int | None = None
) -> Iterator[R]:
    """``function(state, item)`` for each item, in order, by forked processes that share ``state``.

    For work over a large structure in memory (a word index) that costs more to send than
    to copy. The children are forked at once and see this process's memory as it is now,
    copy-on-write, whatever it does meanwhile; the results are taken, in order, from the
    iterator returned. The children only read ``state`` and run ``function``, which must
    not touch a database connection or anything else inherited that another thread may be
    using; they end without running this process's clean-up. Where processes cannot be
    forked (not on Linux or macOS, one core, a daemonic process) or a child dies, the work
    is done in this process when its result is taken, on ``state`` as it is then.

    Args:
        function: a module-level function of (state, item).
        state: what every call reads (not sent anywhere: inherited).
        items: small, picklable pieces of work (such as ranges of positions).
        count: processes to fork (default: :func:`default_workers`).
    """
    count = default_workers() if count is None else count
    if count < 2 or len(items) < 2 or not _can_fork():
        return (function(state, item) for item in items)
    global _FORKED
    _FORKED = (function, state)
    executor = ProcessPoolExecutor(
        min(count, len(items)),
        mp_context=multiprocessing.get_context("fork"),
        initializer=_end_with,
        initargs=(os.getpid(),),
    )
    try:
        futures = [executor.submit(_call_forked, item) for item in items]  # the children fork here
    finally:
        _FORKED = None  # they have it: this process no longer holds it for them
    return _results(executor, futures, function, state, items)


def _results(
    executor: Executor, futures: list[Future[R]], function: Callable[[S, T], R], state: S, items: Sequence[T]
) -> Iterator[R]:
    try:
        for future, item in zip(futures, items, strict=True):
            try:
                result = future.result()
            except BrokenProcessPool:  # a child died (killed, out of memory): do it here
                result = function(state, item)
            yield result
    finally:
        executor.shutdown(wait=True, cancel_futures=True)  # also when the caller stops early


_FORKED: tuple[Callable[[Any, Any], Any], Any] | None = None
"""What the children of :func:`forked` run: set before they fork, so they inherit it."""


def _call_forked(item: Any) -> Any:
    assert _FORKED is not None, "run only in a child forked by forked()"
    function, state = _FORKED
    return function(state, item)


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and not multiprocessing.current_process().daemon
