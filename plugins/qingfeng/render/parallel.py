"""Work split over the cores with forked processes, when forking is safe.

Workers never outlive the build: on Linux the kernel kills each one when the
process that forked it dies (even by SIGKILL), and an exception or Ctrl-C in
the build stops them at once instead of waiting for their tasks.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>

_task: Callable | None = None  # what forked workers run: inherited, so it needs no pickling


def forkable() -> bool:
    """Forking copies only the calling thread; with others running (`mkdocs serve`) it is unsafe."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def die_with_parent(parent: int) -> None:
    """In a worker: be killed when `parent` dies; exit now if it already has."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - no usable libc
            pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _start_worker(parent: int) -> None:
    die_with_parent(parent)
    # Ctrl-C reaches the whole process group: the parent stops the workers, which
    # must not print tracebacks of their own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def map_forked(task: Callable[[T], R], items: list[T], last_here: bool = False) -> list[R]:
    """task(item) for each item, in order, one process per core; in this process if it cannot fork.

    `last_here`: the items are parts, one per core; the last runs in this process while forked
    workers run the others, so its result (a large one, often) is not sent back.
    """
    global _task
    workers = min(len(items), os.cpu_count() or 1)
    if workers < 2 or not forkable():
        return [task(item) for item in items]
    _task = task
    forked = items[:-1] if last_here else items
    pool = ProcessPoolExecutor(
        min(workers, len(forked)),
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
        initargs=(os.getpid(),),
    )
    try:
        pending = pool.map(_run, forked)  # every item is sent now
        last = [task(items[-1])] if last_here else []
        results = [*pending, *last]
    except BaseException:
        _stop(pool)
        raise
    else:
        pool.shutdown(wait=True)
        return results
    finally:
        _task = None


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel what has not started and kill the workers, without waiting for their tasks."""
    processes = list((getattr(pool, "_processes", None) or {}).values())  # private, but the only handle
    manager = getattr(pool, "_executor_manager_thread", None)  # private too
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.kill()
    for process in processes:
        process.join(timeout=5)
    if manager is not None:
        # It closes its pipes as it ends; exiting meanwhile makes CPython (before 3.12) print a
        # traceback from its exit hook, on a load-heavy machine, for the author to see.
        manager.join(timeout=5)


def _run(item):
    return _task(item)


def run_in_parts(task: Callable[[list[T]], None], items: list[T]) -> None:
    """task over the items split into one run per core."""
    parts = os.cpu_count() or 1
    map_forked(task, [items[n::parts] for n in range(parts) if items[n::parts]], last_here=True)
