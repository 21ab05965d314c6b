"""Publishing a build: the site folder exists at every instant, and a full or read-only disk leaves it as it was."""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from qingfeng.core import publish as pub
from qingfeng.core.publish import disk_problem, publish, staging_dir

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux only")


def _trees(root: Path) -> tuple[Path, Path]:
    site = root / "site"
    staging = staging_dir(site)
    (site / "old").mkdir(parents=True)
    (site / "old" / "index.html").write_text("旧")
    (site / "index.html").write_text("旧首页")
    (staging / "new").mkdir(parents=True)
    (staging / "index.html").write_text("新首页")
    return site, staging


def _contents(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): p.read_text() for p in sorted(folder.rglob("*")) if p.is_file()}


@linux
def test_exchange_puts_the_new_tree_in_place(tmp_path: Path, monkeypatch):
    site, staging = _trees(tmp_path)

    def no_rename(*args):
        raise AssertionError("a rename would leave a moment without site/")

    monkeypatch.setattr(pub.os, "rename", no_rename)
    monkeypatch.setattr(pub.os, "replace", no_rename)
    publish(staging, site)
    assert _contents(site) == {"index.html": "新首页"} and (site / "new").is_dir()
    assert not staging.exists() and not (tmp_path / ".site.old").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


@linux
def test_exchange_without_the_libc_wrapper(tmp_path: Path, monkeypatch):
    """An older libc has no renameat2(): the raw system call does the same."""
    real = ctypes.CDLL(None, use_errno=True)

    class OldLibc:
        syscall = real.syscall

    monkeypatch.setattr(pub.ctypes, "CDLL", lambda *args, **kwargs: OldLibc())
    (tmp_path / "a").write_text("a")
    (tmp_path / "b").mkdir()
    pub.exchange(tmp_path / "a", tmp_path / "b")
    assert (tmp_path / "a").is_dir() and (tmp_path / "b").read_text() == "a"
    with pytest.raises(OSError) as raised:
        pub.exchange(tmp_path / "a", tmp_path / "missing")
    assert raised.value.errno == errno.ENOENT


def test_first_build_is_a_rename(tmp_path: Path):
    site = tmp_path / "site"
    staging = staging_dir(site)
    staging.mkdir()
    (staging / "index.html").write_text("新首页")
    publish(staging, site)
    assert _contents(site) == {"index.html": "新首页"} and not staging.exists()


@pytest.mark.parametrize("code", [errno.EINVAL, errno.ENOSYS])
def test_without_exchange_the_old_tree_stays_until_the_new_is_in_place(tmp_path: Path, monkeypatch, code):
    site, staging = _trees(tmp_path)

    def refuse(a, b):
        raise OSError(code, os.strerror(code), str(a))

    monkeypatch.setattr(pub, "exchange", refuse)
    publish(staging, site)
    assert _contents(site) == {"index.html": "新首页"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_without_exchange_a_failed_second_rename_restores_the_site(tmp_path: Path, monkeypatch):
    site, staging = _trees(tmp_path)
    before = _contents(site)
    monkeypatch.setattr(pub, "exchange", lambda a, b: (_ for _ in ()).throw(OSError(errno.EINVAL, "no")))
    real = os.rename

    def rename(source, target):
        if Path(source) == staging:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(source))
        real(source, target)

    monkeypatch.setattr(pub.os, "rename", rename)
    with pytest.raises(OSError):
        publish(staging, site)
    assert _contents(site) == before


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.EROFS, "只读"),
        (errno.ENOSPC, "磁盘空间不足"),
        (errno.EDQUOT, "磁盘空间不足"),
        (errno.EACCES, "没有权限"),
        (errno.EPERM, "没有权限"),
    ],
)
def test_a_refused_swap_leaves_the_site_and_says_why(tmp_path: Path, monkeypatch, code, words):
    site, staging = _trees(tmp_path)
    before = _contents(site)

    def refuse(a, b):
        raise OSError(code, os.strerror(code), str(a), None, str(b))

    monkeypatch.setattr(pub, "exchange", refuse)
    with pytest.raises(OSError) as raised:
        publish(staging, site)
    assert _contents(site) == before
    message = disk_problem(raised.value, site, root=tmp_path)
    assert message is not None and words in message
    assert message.startswith(("没有权限写入 site：", "磁盘空间不足，无法写入 site：", "site 所在的磁盘是只读的"))
    assert "原网站 site/ 保持不变" in message
    assert "\n" not in message and str(tmp_path) not in message


def test_a_failed_copy_names_the_file_written(tmp_path: Path):
    error = OSError(errno.ENOSPC, "full", str(tmp_path / "src.js"), None, str(tmp_path / ".site.building/a.js"))
    message = disk_problem(error, tmp_path / "site", root=tmp_path)
    assert message == "磁盘空间不足，无法写入 .site.building/a.js：原网站 site/ 保持不变，请清理磁盘后重新生成"


def test_disk_problem_only_for_disk_errors(tmp_path: Path):
    assert disk_problem(OSError(errno.ENOENT, "gone", "x"), tmp_path) is None
    assert disk_problem(OSError("no errno"), tmp_path) is None
    message = disk_problem(OSError(errno.ENOSPC, "full"), tmp_path / "site", kept=False)
    assert message.startswith("磁盘空间不足，无法写入") and "保持不变" not in message
    hostile = disk_problem(OSError(errno.EACCES, "no", "a\nb" + "x" * 500), tmp_path)
    assert "\n" not in hostile and len(hostile) < 300


@pytest.fixture
def small_disk(tmp_path: Path):
    """A real 1 MB tmpfs, where the kernel gives ENOSPC and EROFS itself (needs mount rights)."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("needs root to mount a tmpfs")
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("mount is not permitted here")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


@linux
def test_real_full_and_read_only_disk(small_disk: Path):
    site, staging = _trees(small_disk)
    before = _contents(site)
    with pytest.raises(OSError) as raised:
        (staging / "big.pdf").write_bytes(b"x" * 2 * 1024 * 1024)
    message = disk_problem(raised.value, site, root=small_disk)
    assert message == "磁盘空间不足，无法写入 site/：原网站保持不变，请清理磁盘后重新生成"
    (staging / "big.pdf").unlink()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    with pytest.raises(OSError) as raised:
        publish(staging, site)
    assert raised.value.errno == errno.EROFS
    assert _contents(site) == before
    assert "只读" in disk_problem(raised.value, site, root=small_disk)
    subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    publish(staging, site)
    assert _contents(site) == {"index.html": "新首页"}
