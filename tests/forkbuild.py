"""Run `mkdocs` and `qingfeng` commands as forks of one process that has already imported them.

A fresh `mkdocs build` spends about three seconds importing MkDocs, Material and our plugins
before it reads a single page; the suite runs a few hundred of them.
Each command here is still a process of its own, running the real command line with its own
working folder, environment, standard streams and exit code, but forked from a server that paid
those costs once. Imports read the environment only once, so a command that needs another environment
(the end-of-life banner test unsets one variable) is run as a plain subprocess by its test.

Run as a script, this module is the server: one request a line on standard input, one answer a
line on standard output, both JSON.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path


def _run_tool(tool: str, args: list[str]) -> int:
    """The command's exit status, as its console script would give it."""
    sys.argv = [tool, *args]
    try:
        if tool == "mkdocs":
            from mkdocs.__main__ import cli

            cli.main(args=args, prog_name="mkdocs")
            code = 0
        else:
            from qingfeng.cli import main

            code = main(args)
    except SystemExit as stop:
        code = stop.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)  # what the interpreter does with sys.exit("text")
    return 1


def _child(request: dict, environ: dict[str, str], keep_off: int) -> None:
    """In the forked process: become the command, then exit without returning to the server."""
    import atexit
    import traceback

    code = 1
    try:
        os.setsid()  # a group of its own, as the tests' subprocesses start, so a timeout kills it whole
        os.close(keep_off)  # the server's answer channel
        os.chdir(request["cwd"])
        os.environ.clear()  # as the server started: imports change it (Material sets its banner variable)
        os.environ.update(environ)
        written = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
        for fd, (path, flags) in enumerate(
            [(os.devnull, os.O_RDONLY), (request["stdout"], written), (request["stderr"], written)]
        ):
            opened = os.open(path, flags)
            os.dup2(opened, fd)
            os.close(opened)
        code = _run_tool(request["tool"], request["args"])
    except BaseException:
        traceback.print_exc()
        code = 1
    finally:
        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _prepare() -> None:
    """Import everything a build imports before the first fork."""
    from importlib.metadata import entry_points

    import mkdocs.__main__  # noqa: F401
    import qingfeng.cli  # noqa: F401

    for point in entry_points(group="mkdocs.plugins"):
        if point.name.startswith(("qingfeng/", "search", "material/")):
            point.load()


def serve() -> None:
    environ = dict(os.environ)
    _prepare()
    # Answers go to the real standard output; nothing else may write there.
    answers = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _child(request, environ, answers.fileno())
        answers.write(json.dumps(_wait(pid, request.get("timeout"))) + "\n")
        answers.flush()


def _wait(pid: int, timeout: float | None) -> dict:
    """How the command ended, measured with wait4 so its memory is its own."""
    start = time.monotonic()
    timed_out = False
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        if timeout is not None and time.monotonic() - start > timeout:
            timed_out = True
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
            os.kill(pid, signal.SIGKILL)  # in case it was killed before it made its group
            _, status, usage = os.wait4(pid, 0)
            break
        time.sleep(0.01)
    return {
        "returncode": os.waitstatus_to_exitcode(status),
        "seconds": time.monotonic() - start,
        "maxrss_kb": usage.ru_maxrss,
        "timed_out": timed_out,
    }


class Forker:
    """The client: one server per test process, started on first use, one command at a time."""

    def __init__(self, env: dict[str, str]):
        self.env = env
        self.server: subprocess.Popen | None = None
        self.lock = threading.Lock()

    def _start(self) -> subprocess.Popen:
        if self.server is None or self.server.poll() is not None:
            self.server = subprocess.Popen(
                [sys.executable, __file__],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                env=self.env,
            )
        return self.server

    def run(self, tool: str, args: list[str], cwd: Path | str | None = None, timeout: float | None = None):
        """Like subprocess.run(capture_output=True, text=True, check=False) of the console script;
        the result also says how long it took (`seconds`), its peak memory (`maxrss_kb`) and whether
        it was killed at `timeout` (`timed_out`)."""
        cwd = str(cwd or os.getcwd())
        with self.lock, tempfile.TemporaryDirectory(prefix="forkbuild-") as folder:
            out, err = Path(folder, "stdout"), Path(folder, "stderr")
            server = self._start()
            request = {
                "tool": tool,
                "args": args,
                "cwd": cwd,
                "timeout": timeout,
                "stdout": str(out),
                "stderr": str(err),
            }
            server.stdin.write(json.dumps(request) + "\n")
            server.stdin.flush()
            answer = server.stdout.readline()
            if not answer:
                raise RuntimeError("the build server died; run the command by hand to see why")
            ended = json.loads(answer)
            result = subprocess.CompletedProcess(
                [tool, *args],
                ended.pop("returncode"),
                out.read_text(encoding="utf-8", errors="replace"),
                err.read_text(encoding="utf-8", errors="replace"),
            )
            vars(result).update(ended)
            return result

    def close(self) -> None:
        if self.server is not None and self.server.poll() is None:
            self.server.stdin.close()
            self.server.wait(timeout=30)


if __name__ == "__main__":
    serve()
