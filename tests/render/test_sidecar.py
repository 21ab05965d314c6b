"""The build's helper process: tasks in order, on its own copy of their state, errors at the next call."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from qingfeng.render.parallel import map_forked
from qingfeng.render.sidecar import HelperDied, Sidecar

from tests.conftest import REPO
from tests.render.test_parallel import _alive, _all_gone

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork and PR_SET_PDEATHSIG")


def _helper(seen: list) -> Sidecar:
    helper = Sidecar()
    helper.task("add", seen.append)
    helper.task("seen", lambda: (os.getpid(), list(seen)))
    helper.task("fail", lambda: 1 / 0)
    helper.task("squares", lambda n: map_forked(lambda k: k * k, list(range(n))))
    return helper


@pytest.fixture
def forking(monkeypatch):
    """The test process may run threads of its own (pytest-xdist's): the helper forks all the same,
    for these tasks, which take no lock."""
    monkeypatch.setattr("qingfeng.render.sidecar.forkable", lambda: True)


@pytest.fixture
def threads():
    """A thread running beside the test, as under `mkdocs serve`: forking is then unsafe."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    yield
    stop.set()
    thread.join()


def test_tasks_run_in_order_in_the_helper_on_its_own_copy(forking):
    seen: list[str] = []
    helper = _helper(seen)
    try:
        for word in ("甲", "乙", "丙"):
            helper.post("add", word)
        pid, there = helper.call("seen")
    finally:
        helper.close()
    assert pid != os.getpid()
    assert there == ["甲", "乙", "丙"]
    assert seen == []  # this process's list: the work happened in the helper


def test_with_threads_running_the_tasks_run_here_with_the_same_results(threads):
    seen: list[str] = []
    helper = _helper(seen)
    for word in ("甲", "乙"):
        helper.post("add", word)
    assert helper.call("seen") == (os.getpid(), ["甲", "乙"])
    assert helper.process is None


def test_a_failed_task_is_raised_at_the_next_call_and_nothing_after_it_runs(forking):
    seen: list[str] = []
    helper = _helper(seen)
    try:
        helper.post("add", "甲")
        helper.post("fail")
        helper.post("add", "乙")
        with pytest.raises(ZeroDivisionError):
            helper.call("seen")
        with pytest.raises(ZeroDivisionError):  # still failed: the state is not what the build expects
            helper.call("seen")
    finally:
        helper.close()


def test_the_helper_forks_workers_of_its_own(forking):
    helper = _helper([])
    try:
        assert helper.call("squares", 5) == [0, 1, 4, 9, 16]
    finally:
        helper.close()


def _killed() -> tuple[Sidecar, int]:
    """A helper that has started, then been killed (as by the kernel when memory runs out)."""
    helper = _helper([])
    helper.post("add", "甲")
    pid = helper.process
    os.kill(pid, signal.SIGKILL)
    return helper, pid


def test_a_helper_that_died_gives_a_clear_error_and_is_reaped(forking):
    helper, pid = _killed()
    with pytest.raises(HelperDied, match="辅助进程意外退出"):
        for _ in range(1000):  # a post may still fit in the pipe; a call cannot succeed
            helper.post("add", "x" * 10_000)
        helper.call("seen")
    assert helper.process is None
    assert not _alive(pid)


def test_close_does_not_wait_for_a_task(forking):
    helper = Sidecar()
    helper.task("sleep", time.sleep)
    helper.post("sleep", 60)
    pid = helper.process
    helper.close()
    assert not _alive(pid)


def test_an_idle_helper_runs_only_when_a_core_is_free_and_the_build_as_before(forking):
    helper = Sidecar(idle=True)
    helper.task("policy", lambda: os.sched_getscheduler(0))
    try:
        assert helper.call("policy") == os.SCHED_IDLE
    finally:
        helper.close()
    assert os.sched_getscheduler(0) == os.SCHED_OTHER


def test_an_offer_is_taken_only_when_the_helper_can_take_it_at_once(forking):
    helper = _helper([])
    helper.task("stop", lambda: os.kill(os.getpid(), signal.SIGSTOP))
    try:
        assert helper.offer("add", "甲")
        assert helper.call("seen")[1] == ["甲"]
        helper.post("stop")  # a helper that gets no core: its pipe fills, and nothing waits for it
        started = time.monotonic()
        taken = [helper.offer("add", "x" * 1000) for _ in range(5000)]
        assert time.monotonic() - started < 5
        assert taken[0] and not taken[-1]
        assert not helper.offer("add", "x" * 10_000)  # too long to go in at once
    finally:
        helper.close()


def test_a_dead_helper_is_offered_nothing_and_not_started_again(forking):
    helper, pid = _killed()
    while _alive(pid):
        time.sleep(0.01)
    taken = [helper.offer("add", "x" * 1000) for _ in range(2000)]
    assert not taken[-1] and helper.gone and helper.process is None
    assert not helper.offer("add", "乙") and helper.process is None


def test_no_task_is_registered_once_it_runs(forking):
    helper = _helper([])
    try:
        helper.post("add", "甲")
        with pytest.raises(RuntimeError):
            helper.task("late", print)
    finally:
        helper.close()


SCRIPT = """
import os, sys, time
sys.path.insert(0, {plugins!r})
from qingfeng.render.sidecar import Sidecar

helper = Sidecar()
helper.task("sleep", lambda: (open({pid_file!r}, "w").write(str(os.getpid())), time.sleep(60)))
helper.post("sleep")
time.sleep(60)
"""


def test_the_helper_dies_with_the_build(tmp_path: Path):
    pid_file = tmp_path / "helper.pid"
    script = tmp_path / "build.py"
    script.write_text(SCRIPT.format(plugins=str(REPO / "plugins"), pid_file=str(pid_file)))
    build = subprocess.Popen([sys.executable, str(script)])
    try:
        deadline = time.monotonic() + 30
        while not pid_file.is_file() or not pid_file.read_text():
            assert time.monotonic() < deadline, "the helper did not start"
            time.sleep(0.05)
        pid = int(pid_file.read_text())
        assert _alive(pid)
        build.kill()
        build.wait(timeout=5)
        assert _all_gone([pid], within=2)
    finally:
        build.kill()
