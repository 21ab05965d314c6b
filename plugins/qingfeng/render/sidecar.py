"""A forked helper process that works on each rendered page while MkDocs renders the next.

MkDocs renders pages one after another on one core. What is done with a page once it is
rendered (its search terms, its page in the mirror, the personal-data scan) runs meanwhile
in this helper, on another core, instead of after the last page.

Tasks are registered by name before the helper starts. It starts at the first task sent and
inherits them, and the state they work on, by forking: only their arguments are pickled. In
the helper, tasks run in the order sent, on the helper's copy of that state. `post` sends a
task without waiting; `call` waits for its result, and raises the first error of any task
sent before it; `offer` sends a task only if the helper can take it at once, for work the
sender can do itself. Where forking is unsafe (threads running) the tasks run in this process,
when sent, with the same results.
"""

from __future__ import annotations

import contextlib
import fcntl
import multiprocessing
import os
import pickle
import select
import signal
import time
from collections.abc import Callable
from typing import Any

from .parallel import die_with_parent, forkable

F_SETPIPE_SZ = 1031  # <linux/fcntl.h>
# Room for a few dozen pages in the pipe: the build never waits for the helper to read one.
PIPE_SIZE = 1 << 20
PIPE_BUF = select.PIPE_BUF  # a write this long to a pipe with room goes in whole, at once
REAPING = 0.2  # seconds an idle helper is given to exit once killed: on a busy machine it gets no core


class HelperDied(RuntimeError):
    def __init__(self) -> None:
        super().__init__("生成网站的辅助进程意外退出（可能是内存不足或被系统终止），请重新生成")


class Sidecar:
    def __init__(self, idle: bool = False) -> None:
        self.idle = idle  # the helper runs only on a core nothing else wants
        self.tasks: dict[str, Callable[..., Any]] = {}
        self.process: int | None = None  # the helper's pid
        self.sending = self.receiving = None  # this process's ends of the pipes to and from the helper
        self.inline = False  # decided when the first task is sent
        self.gone = False  # it died, and offer gives it nothing more

    def task(self, name: str, run: Callable[..., Any]) -> None:
        if self.process is not None or self.inline:
            raise RuntimeError(f"task {name} registered after the helper started")
        self.tasks[name] = run

    def post(self, name: str, *args: Any) -> None:
        """Have the helper run task `name`; this process goes on at once."""
        if self._start():
            self._send((name, args, False))
        else:
            self.tasks[name](*args)

    def offer(self, name: str, *args: Any) -> bool:
        """Have the helper run task `name` if it can take it now: whether it did. A helper that is
        behind (its pipe full) or has died is not waited for, and one that died is given nothing
        more; what it did not take is the caller's to do. With no helper, the task runs here."""
        if self.gone:
            return False
        if not self._start():
            self.tasks[name](*args)
            return True
        message = pickle.dumps((name, args, False), protocol=pickle.HIGHEST_PROTOCOL)
        # Sent with a 4-byte length in one write (multiprocessing's, for short messages).
        if len(message) + 4 > PIPE_BUF or not select.select([], [self.sending], [], 0)[1]:
            return False
        try:
            self.sending.send_bytes(message)
        except OSError:  # BrokenPipeError: it died
            self.close()
            self.gone = True
            return False
        return True

    def call(self, name: str, *args: Any) -> Any:
        """Task `name`'s result, once every task sent before it has run."""
        if not self._start():
            return self.tasks[name](*args)
        self._send((name, args, True))
        try:
            done, value = self.receiving.recv()
        except (EOFError, OSError):
            self.close()
            raise HelperDied() from None
        if not done:
            raise value
        return value

    def close(self) -> None:
        """Stop the helper; a task it is running is not waited for."""
        process, self.process = self.process, None
        if process is None:
            return
        for end in (self.sending, self.receiving):
            end.close()
        with contextlib.suppress(ProcessLookupError):
            os.kill(process, signal.SIGKILL)
        if not self.idle:
            os.waitpid(process, 0)
            return
        # Exiting takes CPU, which an idle helper gets only when a core is free: the build does not
        # wait long for it (unreaped, it is reaped when the build's process ends).
        deadline = time.monotonic() + REAPING
        while os.waitpid(process, os.WNOHANG) == (0, 0) and time.monotonic() < deadline:
            time.sleep(0.005)

    def _start(self) -> bool:
        """Whether tasks go to the helper: it runs, or has just been started."""
        if self.process is not None:
            return True
        if self.inline:
            return False
        if not forkable():
            self.inline = True
            return False
        tasks_in, self.sending = multiprocessing.Pipe(duplex=False)
        self.receiving, results_out = multiprocessing.Pipe(duplex=False)
        # Over /proc/sys/fs/pipe-max-size it fails: the build may then wait for the helper at times.
        with contextlib.suppress(OSError):
            fcntl.fcntl(self.sending.fileno(), F_SETPIPE_SZ, PIPE_SIZE)
        parent = os.getpid()
        # A fork of its own rather than multiprocessing's Process, whose helpers may not fork workers.
        self.process = os.fork()
        if self.process == 0:
            try:
                self.sending.close()
                self.receiving.close()
                if self.idle:
                    _idle()
                _serve(self.tasks, tasks_in, results_out, parent)
            finally:
                os._exit(0)
        tasks_in.close()
        results_out.close()
        return True

    def _send(self, message: tuple) -> None:
        try:
            self.sending.send(message)
        except OSError:  # BrokenPipeError: it died
            self.close()
            raise HelperDied() from None


def _idle() -> None:
    """This process at the idle policy: any other process that can run takes its core."""
    try:
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    except (AttributeError, OSError):  # not Linux, or not allowed: the lowest priority there is
        os.nice(19)


def _serve(tasks: dict[str, Callable[..., Any]], tasks_in, results_out, parent: int) -> None:
    """The helper: run tasks until told to stop; after a failure, run none but report it."""
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the build's to handle
    failed: BaseException | None = None
    while True:
        try:
            name, args, reply = tasks_in.recv()
        except (EOFError, OSError):
            return  # the build closed its end: nothing more to do
        result = None
        if failed is None:
            try:
                result = tasks[name](*args)
            except BaseException as error:  # reported to the build at its next call
                failed = error
        if reply:
            results_out.send((True, result) if failed is None else (False, _picklable(failed)))


def _picklable(error: BaseException) -> BaseException:
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error
