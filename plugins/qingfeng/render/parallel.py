"""Work split over the cores with forked processes, when forking is safe."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

_task: Callable | None = None  # what forked workers run: inherited, so it needs no pickling


def forkable() -> bool:
    """Forking copies only the calling thread; with others running (`mkdocs serve`) it is unsafe."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def map_forked(task: Callable[[T], R], items: list[T]) -> list[R]:
    """task(item) for each item, in order, one process per core; in this process if it cannot fork."""
    global _task
    workers = min(len(items), os.cpu_count() or 1)
    if workers < 2 or not forkable():
        return [task(item) for item in items]
    _task = task
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_run, items))
    finally:
        _task = None


def _run(item):
    return _task(item)


def run_in_parts(task: Callable[[list[T]], None], items: list[T]) -> None:
    """task over the items split into one run per core."""
    parts = os.cpu_count() or 1
    map_forked(task, [items[n::parts] for n in range(parts) if items[n::parts]])
