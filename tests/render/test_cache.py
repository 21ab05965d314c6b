"""The content-hash cache keeps what this build used and prunes the rest."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from qingfeng.render.cache import Cache


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_a_hit_leaves_the_modification_time(tmp_path: Path):
    path = Cache(tmp_path).get(("a",), ".pdf", lambda: b"pdf")
    _age(path, 60)
    before = path.stat().st_mtime_ns
    Cache(tmp_path).get(("a",), ".pdf", lambda: b"other")
    assert path.stat().st_mtime_ns == before and path.stat().st_atime > time.time() - 10


def test_get_makes_once(tmp_path: Path):
    cache = Cache(tmp_path / "cache")
    made = []
    first = cache.get(("a", b"b"), ".pdf", lambda: made.append(1) or b"pdf")
    again = Cache(tmp_path / "cache").get(("a", b"b"), ".pdf", lambda: made.append(1) or b"other")
    assert first == again and first.read_bytes() == b"pdf" and made == [1]
    assert cache.get(("ab",), ".pdf", lambda: b"x") != first  # parts are length-prefixed


def test_prune_removes_what_this_build_did_not_use(tmp_path: Path):
    folder = tmp_path / "cache"
    earlier = Cache(folder)
    kept = earlier.get(("kept",), ".pdf", lambda: b"1")
    dropped = earlier.get(("dropped",), ".png", lambda: b"2")
    for path in (kept, dropped):
        _age(path, 60)
    # Abandoned partial files: a dead writer's, and one too old whoever wrote it.
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    orphan = folder / f".{'a' * 32}.pdf.{int(dead.stdout)}.part"
    orphan.write_bytes(b"half")
    old = folder / f".{'b' * 32}.pdf.{os.getppid()}.part"
    old.write_bytes(b"half")
    _age(old, 7200)
    live = folder / f".{'c' * 32}.pdf.{os.getppid()}.part"  # being written by a running build
    live.write_bytes(b"half")
    # Not ours: never touched, whatever the folder holds.
    foreign = [folder / "notes.txt", folder / "README", folder / ("d" * 31 + ".pdf")]
    for path in foreign:
        path.write_text("x")
        _age(path, 60)
    (folder / "sub").mkdir()
    _age(folder / "sub", 60)

    build = Cache(folder)
    build.get(("kept",), ".pdf", lambda: b"never made again")
    fresh = build.get(("fresh",), ".svg", lambda: b"3")
    assert build.prune() == 3
    assert kept.exists() and fresh.exists() and live.exists()
    assert not dropped.exists() and not orphan.exists() and not old.exists()
    assert all(path.exists() for path in foreign) and (folder / "sub").is_dir()
    assert build.prune() == 0


def test_prune_keeps_entries_a_concurrent_build_made_or_used(tmp_path: Path):
    folder = tmp_path / "cache"
    Cache(folder).get(("shared",), ".pdf", lambda: b"1")
    _age(next(folder.iterdir()), 60)
    ours = Cache(folder)
    other = Cache(folder)
    other.get(("shared",), ".pdf", lambda: b"1")  # touched after ours started
    other.get(("new",), ".pdf", lambda: b"2")
    assert ours.prune() == 0 and len(list(folder.iterdir())) == 2


def test_prune_without_a_folder(tmp_path: Path):
    assert Cache(tmp_path / "none").prune() == 0
