"""Logs to counts on every core: the logs cut into parts (logs.parts), each part read and sieved in a
worker (render/parallel.py), the parts' loads merged in time order here and counted (count.Tally)
in a process of its own, which counts one batch while the workers read the next.

Parts are read a batch at a time, in the order of their first lines: what the workers hand back,
18 bytes a load, is held only for the batch being counted, so memory does not grow with the logs.
"""

from __future__ import annotations

import datetime
import multiprocessing
import os
import queue
import signal
import threading
from array import array
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..render.parallel import die_with_parent, forkable, map_forked
from .codes import Boards
from .count import Counts, Sieve, Tally
from .logs import CHUNK, SHOWN_LINES, FileReading, Part, first_time, merged, parts, requests

BATCH = 8  # parts read side by side, then counted: every worker kept busy, memory bounded
SENT = 1 << 16  # loads handed to the counting process at a time
QUEUED = 32  # such hand-overs it holds before the parent waits: about 36 MB


@dataclass
class _Sieved:
    """What a worker hands back for a part."""

    whens: array
    visitors: array
    codes: array
    left_out: Counter[str]
    reading: FileReading
    verdicts: dict[bytes, bool]


def scan(
    paths: list[Path],
    boards: Boards,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    chunk: int = CHUNK,
) -> tuple[Counts, list[FileReading]]:
    """The counts of the logs at `paths`, and what reading each file met (in the order given)."""
    # Random for each run, and only ever in memory (the workers inherit it): hashes that cannot be
    # compared with another run's, or worked back to an address.
    sieve = Sieve(boards, os.urandom(16), since, until)
    plan = [(n, part) for n, path in enumerate(paths) for part in parts(path, chunk)]
    firsts = [first_time(part) for _, part in plan]
    # By first line, so that the merge asks for them in this order; ties by name, not by the order given.
    order = sorted(range(len(plan)), key=lambda p: (firsts[p] is not None, firsts[p] or 0, str(plan[p][1].path), p))

    def read(part: Part) -> _Sieved:  # in a worker
        reading = FileReading("")
        whens, visitors, codes, left_out = sieve(requests(part, reading, boards.maybe))
        return _Sieved(whens, visitors, codes, left_out, reading, sieve.bots.learned())

    done: dict[int, _Sieved] = {}  # read, not yet counted
    readings: dict[int, FileReading] = {}
    left_out: Counter[str] = Counter()

    def stream(k: int):
        p = order[k]
        if p not in done:
            batch = order[k : k + BATCH]
            for q, result in zip(batch, map_forked(read, [plan[q][1] for q in batch]), strict=True):
                sieve.bots.learn(result.verdicts)
                done[q] = result
        result = done.pop(p)
        left_out.update(result.left_out)
        readings[p] = result.reading
        return zip(result.whens, result.visitors, result.codes, strict=True)

    counter = _Counting(boards, since)
    loads = (array("q"), array("Q"), array("H"))
    try:
        for when, visitor, code in merged([firsts[p] for p in order], stream):
            loads[0].append(when)
            loads[1].append(visitor)
            loads[2].append(code)
            if len(loads[0]) >= SENT:
                counter.add(*loads)
                loads = (array("q"), array("Q"), array("H"))
        counter.add(*loads)
        counts = counter.finish()
    finally:
        counter.stop()
    counts.left_out.update(left_out)
    return counts, _files(paths, plan, readings)


def _files(paths: list[Path], plan: list[tuple[int, Part]], readings: dict[int, FileReading]) -> list[FileReading]:
    """Each file's reading from its parts', line numbers counted from the file's start."""
    files = [FileReading(str(path)) for path in paths]
    for p, (n, _) in enumerate(plan):  # the parts of a file in file order
        part, file = readings[p], files[n]
        file.skipped_at += [file.lines + at for at in part.skipped_at][: SHOWN_LINES - len(file.skipped_at)]
        file.lines += part.lines
        file.skipped += part.skipped
        file.broken = file.broken or part.broken
    return files


class _Counting:
    """A Tally in a process of its own when this one can fork (render/parallel.py), else here."""

    def __init__(self, boards: Boards, since: datetime.date | None):
        self._tally: Tally | None = None
        self._process = None
        if not forkable():
            self._tally = Tally(boards, since)
            return
        context = multiprocessing.get_context("fork")
        self._pipe, theirs = context.Pipe()
        self._process = context.Process(target=_count, args=(theirs, boards, since, os.getpid()), daemon=True)
        self._process.start()
        theirs.close()

    def add(self, whens: array, visitors: array, codes: array) -> None:
        if self._tally is not None:
            self._tally.add(zip(whens, visitors, codes, strict=True))
        elif whens:
            for loads in (whens, visitors, codes):
                self._pipe.send_bytes(loads.tobytes())

    def finish(self) -> Counts:
        if self._tally is not None:
            return self._tally.finish()
        self._pipe.send_bytes(b"")
        counts = self._pipe.recv()
        self._process.join()
        return counts

    def stop(self) -> None:
        if self._process is not None and self._process.is_alive():
            self._process.kill()
            self._process.join()


def _count(pipe, boards: Boards, since: datetime.date | None, parent: int) -> None:
    """The counting process: loads in, counts out. A thread takes the loads off the pipe as they
    come, so that the parent goes on merging (and its workers reading) while this one counts."""
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    waiting: queue.Queue = queue.Queue(QUEUED)

    def receive() -> None:
        while whens := pipe.recv_bytes():
            waiting.put((whens, pipe.recv_bytes(), pipe.recv_bytes()))
        waiting.put(None)

    threading.Thread(target=receive, daemon=True).start()
    tally = Tally(boards, since)
    while (loads := waiting.get()) is not None:
        tally.add(zip(array("q", loads[0]), array("Q", loads[1]), array("H", loads[2]), strict=True))
    pipe.send(tally.finish())
