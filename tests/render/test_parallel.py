"""Forked workers never outlive the build that forked them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from qingfeng.render.parallel import map_forked

from tests.conftest import REPO

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux only")

SCRIPT = """
import os, sys, time
sys.path.insert(0, {plugins!r})
os.cpu_count = lambda: 3  # three workers, however many cores the machine has
from qingfeng.render.parallel import map_forked

folder = {folder!r}

def task(n):
    with open(os.path.join(folder, f"{{os.getpid()}}.pid"), "w") as file:
        file.write(str(n))
    if n == 0 and {fail!r}:
        time.sleep(0.5)
        raise ValueError("boom")
    time.sleep(60)
    return n

try:
    map_forked(task, [0, 1, 2])
except ValueError:
    print("failed", flush=True)
except KeyboardInterrupt:
    print("interrupted", flush=True)
"""


@pytest.fixture
def started():
    """Processes a test started, killed afterwards whatever happened."""
    pids: list[int] = []
    yield pids
    for pid in pids:
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)


def _start(tmp_path: Path, started: list[int], fail: bool = False) -> tuple[subprocess.Popen, list[int]]:
    script = tmp_path / "build.py"
    script.write_text(SCRIPT.format(plugins=str(REPO / "plugins"), folder=str(tmp_path), fail=fail))
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    started.append(parent.pid)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        pids = [int(p.stem) for p in tmp_path.glob("*.pid")]
        if len(pids) == 3:
            started.extend(pids)
            return parent, pids
        time.sleep(0.05)
    parent.kill()
    pytest.fail("workers did not start")


def _alive(pid: int) -> bool:
    """Running, not a zombie waiting for a reaper (a container's init may never reap)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


def _all_gone(pids: list[int], within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not any(_alive(pid) for pid in pids):
            return True
        time.sleep(0.05)
    return False


def test_workers_die_when_the_build_is_killed(tmp_path: Path, started):
    parent, pids = _start(tmp_path, started)
    assert all(_alive(pid) for pid in pids)
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait(timeout=5)
    assert _all_gone(pids, within=2), [pid for pid in pids if _alive(pid)]


def test_workers_stop_when_a_task_fails(tmp_path: Path, started):
    parent, pids = _start(tmp_path, started, fail=True)
    out, err = parent.communicate(timeout=15)  # not the 60 s the other tasks would take
    assert out.strip() == "failed", err
    assert _all_gone(pids, within=2)


def test_workers_stop_on_ctrl_c(tmp_path: Path, started):
    parent, pids = _start(tmp_path, started)
    started = time.monotonic()
    os.kill(parent.pid, signal.SIGINT)
    out, err = parent.communicate(timeout=15)
    assert time.monotonic() - started < 10
    assert out.strip() == "interrupted"
    assert "Traceback" not in err, err
    assert _all_gone(pids, within=2)


def test_results_in_order():
    assert map_forked(lambda n: n * n, list(range(7))) == [n * n for n in range(7)]


def _timed_sum(part: list[int]) -> tuple[int, int, float, float]:
    begun = time.monotonic()
    time.sleep(0.5)
    return os.getpid(), sum(part), begun, time.monotonic()


def test_the_last_part_runs_here_while_workers_run_the_others(monkeypatch):
    monkeypatch.setattr("qingfeng.render.parallel.forkable", lambda: True)  # pytest-xdist's threads take no lock here
    ran = map_forked(_timed_sum, [[1, 2], [3], [4, 5, 6]], last_here=True)
    assert [total for _, total, _, _ in ran] == [3, 3, 15]
    assert ran[-1][0] == os.getpid() and os.getpid() not in [pid for pid, _, _, _ in ran[:-1]]
    assert ran[-1][2] < min(end for _, _, _, end in ran[:-1])  # begun before the workers were done, not after
