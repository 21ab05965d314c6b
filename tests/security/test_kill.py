"""Attack 9: a build killed with SIGKILL at any moment leaves the previous site whole and no worker behind."""

import contextlib
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from qingfeng.core.publish import recycled_dir

from tests.conftest import BIN, BODY, ENV, Site, case_body
from tests.security.conftest import booklets_yml, mkdocs_build, tree

# When the kill lands, as a share of how long the same build took whole: a build gets faster as
# the code does, and a kill after a fixed time would come after it ended.
MOMENTS = {"early": 0.1, "midway": 0.4, "late": 0.75, "when-a-worker-forks": None}
GRACE = 2.0  # seconds a worker may take to notice its parent is gone


def long_text(word: str, sentences: int) -> str:
    return "".join(f"{word}在工作中利用职务便利谋取利益，纪检监察机关依纪依法严肃处理。" for _ in range(sentences))


def build_command(root: Path) -> list[str]:
    return [str(BIN / "mkdocs"), "build", "-f", str(root / "mkdocs.yml")]


@pytest.fixture(scope="module")
def base_long(tmp_path_factory):
    """A booklet long enough to render in parts, on forked workers."""
    root = tmp_path_factory.mktemp("long")
    site = Site(root)
    ids = []
    for n in range(4):
        case_id = f"{2025 - n}-long-{n}"
        ids.append(case_id)
        body = case_body({**BODY, "案情": long_text(f"案{n}", 100)})
        site.case(case_id, title=f"长案例{n}", date=f"{2025 - n}-01", body=body)
    site.write("site_config/booklets.yml", booklets_yml([{"cases": ids}]))
    # Built twice: the killed builds take the first build's tree, kept beside the site (core/publish.py).
    for _ in range(2):
        assert _build(root).returncode == 0
    assert recycled_dir(root / "site").is_dir()
    # How long a killed build would take whole: the same build, of a copy without the cache.
    trial = tmp_path_factory.mktemp("trial") / "p"
    shutil.copytree(root, trial, symlinks=True)
    shutil.rmtree(trial / ".cache", ignore_errors=True)
    started = time.monotonic()  # a process of its own, as the killed builds are
    assert _build(trial).returncode == 0
    return root, tree(root / "site"), time.monotonic() - started


def _build(root: Path) -> subprocess.CompletedProcess:
    command = build_command(root)
    return subprocess.run(command, cwd=root, env=ENV, capture_output=True, text=True, timeout=300, check=False)


def stat_fields(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()  # state, ppid, pgrp, session, ...


def related(build_pid: int, root: Path) -> list[tuple[int, str]]:
    """Live processes that belong to the killed build: its session, its children, or its command line."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) in (build_pid, os.getpid()):
            continue
        pid = int(entry)
        fields = stat_fields(pid)
        if fields is None or fields[0] == "Z":
            continue
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if int(fields[1]) == build_pid or int(fields[3]) == build_pid or str(root) in cmdline:
            found.append((pid, cmdline.strip()))
    return found


def children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            fields = stat_fields(int(entry))
            if fields and int(fields[1]) == pid and fields[0] != "Z":
                out.append(int(entry))
    return out


KILLED: dict[str, dict] = {}  # moment -> what the kill left, reused by test_build_after_a_kill_succeeds


@pytest.fixture(scope="module", params=list(MOMENTS))
def killed(request, base_long, tmp_path_factory):
    KILLED[request.param] = kill_at(request.param, base_long, tmp_path_factory)
    return KILLED[request.param]


def kill_at(moment, base_long, tmp_path_factory):
    source, old_tree, seconds = base_long
    root = tmp_path_factory.mktemp("kill") / "p"
    shutil.copytree(source, root, symlinks=True)
    shutil.rmtree(root / ".cache", ignore_errors=True)  # so the PDF is rendered again, on workers
    proc = subprocess.Popen(
        build_command(root),
        cwd=root,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    share, saw_worker = MOMENTS[moment], False
    start = time.monotonic()
    if share is None:
        while time.monotonic() - start < 30 and proc.poll() is None:
            if children(proc.pid):
                saw_worker = True
                break
            time.sleep(0.01)
    else:
        time.sleep(share * seconds)
    finished_first = proc.poll() is not None
    if not finished_first:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + GRACE
    survivors = related(proc.pid, root)
    while survivors and time.monotonic() < deadline:
        time.sleep(0.1)
        survivors = related(proc.pid, root)
    for pid, _ in survivors:  # our own leftovers: do not leak them into the rest of the run
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return {
        "root": root,
        "old": old_tree,
        "survivors": survivors,
        "finished_first": finished_first,
        "saw_worker": saw_worker,
        "moment": moment,
    }


def test_kill_landed_during_the_build(killed):
    assert not killed["finished_first"], "the build finished before the kill: nothing was tested"
    if killed["moment"] == "when-a-worker-forks":
        assert killed["saw_worker"], "no worker process was ever forked"


def test_previous_site_complete(killed):
    site = killed["root"] / "site"
    assert site.is_dir(), "site/ is gone"
    now, old = tree(site), killed["old"]
    missing = sorted(old.keys() - now.keys())
    changed = sorted(k for k in old.keys() & now.keys() if old[k] != now[k])
    extra = sorted(now.keys() - old.keys())
    assert not (missing or changed or extra), f"missing {missing[:5]}, changed {changed[:5]}, extra {extra[:5]}"


def test_no_worker_survives(killed):
    assert not killed["survivors"], killed["survivors"]


def test_build_after_a_kill_succeeds(base_long, tmp_path_factory):
    moment = "when-a-worker-forks"
    killed = KILLED.get(moment) or kill_at(moment, base_long, tmp_path_factory)
    result = mkdocs_build(killed["root"])
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.output
