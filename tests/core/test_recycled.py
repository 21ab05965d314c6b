"""The replaced site taken as the next build's folder (core/publish.py): the same site as an empty
folder gives, nothing shared with the live site or the cache written over, and no file left over
where the filesystem's clock cannot tell old from new."""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import pytest
from qingfeng.core import publish as pub
from qingfeng.core.publish import KEPT_AT_MOST, ClockMoved, recycled_dir, staging_dir, sweep, take_recycled

from tests.conftest import MEDIA_HEADS, Site

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the site is swapped by renameat2")

PNG = MEDIA_HEADS[".png"] + b"\x00" * 64


def _tree(root: Path) -> dict[str, bytes | None]:
    """Every file's bytes and every folder (None), by path."""
    return {
        path.relative_to(root).as_posix(): None if path.is_dir() else path.read_bytes() for path in root.rglob("*")
    }


def _version_one(site: Site) -> None:
    site.case("2025-a", title="甲案")
    site.case("2025-b", title="乙案")
    site.write("content/about.md", "# 关于\n\n本站说明。\n")  # gone in version two
    site.write("content/media/a.png", PNG)  # a file, a folder in version two
    site.write("content/media/b.png/intro.md", "# 说明\n\n图片说明。\n")  # a folder, a file in version two


def _version_two(site: Site) -> None:
    (site.root / "content/about.md").unlink()
    site.case("2025-a", title="甲案（修订）")
    site.case("2025-c", title="丙案")
    (site.root / "content/media/a.png").unlink()
    site.write("content/media/a.png/intro.md", "# 说明\n\n另一份说明。\n")
    shutil.rmtree(site.root / "content/media/b.png")
    site.write("content/media/b.png", PNG)


def test_a_build_into_the_last_site_gives_what_an_empty_folder_gives(site: Site, tmp_path_factory):
    _version_one(site)
    first = site.built(fresh=True) / "index.html"
    inode = first.stat().st_ino
    site.built(fresh=True)  # the first build's tree is kept beside the site
    assert recycled_dir(site.root / "site").is_dir()
    _version_two(site)
    recycled = _tree(site.built(fresh=True))
    # Written again in place: the file of the first build.
    assert (site.root / "site/index.html").stat().st_ino == inode
    fresh = site.copy(tmp_path_factory.mktemp("fresh"))
    for leftover in (fresh.root / "site", recycled_dir(fresh.root / "site")):
        shutil.rmtree(leftover)
    assert _tree(fresh.built(fresh=True)) == recycled
    assert "cases/2025-c/index.html" in recycled and "about/index.html" not in recycled
    assert "media/a.png/intro/index.html" in recycled and recycled["media/b.png"] == PNG
    assert recycled["zh-hant/media/b.png"] == PNG


# Personal data written into a page after the helper scanned it: the scan of the finished site fails the build.
LATE_LEAK = """
from pathlib import Path

def on_post_build(config):
    page = Path(config.site_dir, "cases/2025-a/index.html")
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", "<p>13812345678</p></article>"))
"""


def test_a_failed_build_into_the_last_site_leaves_the_live_one_and_the_cache_as_they_were(site: Site):
    _version_one(site)
    site.built()
    live = site.built()
    before, cache = _tree(live), _tree(site.root / ".cache")
    linked = [path for path in live.rglob("*") if path.is_file() and path.stat().st_nlink > 1]
    assert linked, "the live site shares files with the cache (QR codes, cards) and within itself"
    site.write("hooks.py", LATE_LEAK)
    site.config["hooks"] = ["hooks.py"]
    site.save_config()
    result = site.build()
    assert result.returncode != 0 and "138****5678" in result.stderr
    assert _tree(live) == before
    assert _tree(site.root / ".cache") == cache
    assert not staging_dir(live).exists()


def _kept(root: Path) -> tuple[Path, Path, Path]:
    """A kept site beside `root/site`: pages, a file shared with the cache, links out of the project."""
    site = root / "site"
    old = recycled_dir(site)
    for n in range(3):
        (old / "cases" / str(n)).mkdir(parents=True)
        (old / "cases" / str(n) / "index.html").write_text(f"旧页面{n}")
    (old / "gone").mkdir()
    (old / "gone" / "index.html").write_text("不再生成")
    cache = root / "cache.png"
    cache.write_bytes(PNG)
    os.link(cache, old / "qr.png")
    os.symlink("/etc/passwd", old / "passwd")
    os.symlink("/etc", old / "etc")
    return site, old, cache


def _later() -> None:
    """As a build comes after the last: later by more than a step of the filesystem's clock."""
    time.sleep(0.05)


def test_the_last_site_is_taken_without_what_it_shares_or_links_to(tmp_path: Path):
    site, old, cache = _kept(tmp_path)
    _later()
    staging = staging_dir(site)
    taken = take_recycled(site, staging, ["qr.png", "cases/0/index.html"])
    assert taken is not None and taken.folder == staging and not old.exists()
    assert not (staging / "qr.png").exists() and cache.read_bytes() == PNG
    assert not (staging / "passwd").is_symlink() and not (staging / "etc").is_symlink()
    kept = [p for p in staging.rglob("*") if p.is_file()]
    assert len(kept) == 3  # of four pages: one was written to try the clock, then removed
    for n in range(3):
        page = staging / "cases" / str(n) / "index.html"
        if n != 1:
            page.parent.mkdir(exist_ok=True)
            page.write_text(f"新页面{n}")  # in place where it is kept
    (staging / "new").mkdir()
    (staging / "new" / "index.html").write_text("新")
    sweep(taken, ["cases/0/index.html", "new/index.html"])
    assert _tree(staging) == {
        "cases": None,
        "cases/0": None,
        "cases/0/index.html": "新页面0".encode(),
        "cases/2": None,
        "cases/2/index.html": "新页面2".encode(),
        "new": None,
        "new/index.html": "新".encode(),
    }


def test_a_kept_file_where_a_folder_goes_and_a_kept_folder_where_a_file_goes_make_room(tmp_path: Path):
    site, old, _ = _kept(tmp_path)
    (old / "media").mkdir()
    (old / "media" / "a.png").write_bytes(PNG)
    (old / "media" / "b.png").mkdir()
    (old / "media" / "b.png" / "index.html").write_text("说明")
    _later()
    taken = take_recycled(site, staging_dir(site), ["media/a.png/intro/index.html", "media/b.png"])
    assert taken is not None
    assert not (taken.folder / "media/a.png").exists() and not (taken.folder / "media/b.png").exists()


def _wait_gone(folder: Path) -> None:
    siblings = lambda: [p for p in folder.parent.iterdir() if p.name.startswith(folder.name)]  # noqa: E731
    deadline = time.monotonic() + 10
    while siblings() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert siblings() == []


_fstat = os.fstat


class _EarlyStat:
    """os.fstat as a clock set back by a quarter of an hour has it."""

    def __init__(self, fd: int):
        self.real = _fstat(fd)

    def __getattr__(self, name: str):
        return getattr(self.real, name)

    @property
    def st_ctime_ns(self) -> int:
        return self.real.st_ctime_ns - 900 * 10**9


def test_a_clock_set_back_starts_the_build_from_an_empty_folder(tmp_path: Path, monkeypatch):
    site, _, _ = _kept(tmp_path)
    _later()
    staging = staging_dir(site)
    with monkeypatch.context() as patch:
        patch.setattr(pub.os, "fstat", _EarlyStat)
        assert take_recycled(site, staging, []) is None
    assert not staging.exists()
    _wait_gone(staging)
    _wait_gone(recycled_dir(site))


def test_a_filesystem_where_writing_a_file_does_not_mark_it_starts_from_an_empty_folder(tmp_path: Path, monkeypatch):
    site, _, _ = _kept(tmp_path)
    _later()
    monkeypatch.setattr(pub.os, "pwrite", lambda fd, data, offset: len(data))  # as vfat keeps a creation time
    staging = staging_dir(site)
    assert take_recycled(site, staging, []) is None
    _wait_gone(staging)


def test_a_folder_with_files_in_it_already_is_not_written_into(tmp_path: Path):
    site, _, _ = _kept(tmp_path)
    staging = staging_dir(site)
    staging.mkdir()
    (staging / "index.html").write_text("已写入")
    assert take_recycled(site, staging, []) is None
    assert _tree(staging) == {"index.html": "已写入".encode()}
    _wait_gone(recycled_dir(site))


def test_what_a_build_would_not_make_so_is_not_kept(tmp_path: Path):
    """Another user's files, other modes (a build under another umask), files too large to rewrite
    while a download may be reading them: made anew."""
    site, old, _ = _kept(tmp_path)
    (old / "private").mkdir(mode=0o700)
    (old / "private" / "index.html").write_text("私")
    (old / "open").mkdir()
    (old / "open" / "index.html").write_text("开")
    (old / "open").chmod(0o777)
    (old / "mode.html").write_text("权限")
    (old / "mode.html").chmod(0o600)
    (old / "theirs.html").write_text("别人的")
    os.chown(old / "theirs.html", 65534, 65534)
    (old / "large.mp4").write_bytes(b"\0" * (KEPT_AT_MOST + 1))
    _later()
    taken = take_recycled(site, staging_dir(site), [])
    assert taken is not None
    for gone in ("private", "open", "mode.html", "theirs.html", "large.mp4"):
        assert not (taken.folder / gone).exists(), gone


def test_a_tree_this_user_cannot_change_starts_the_build_from_an_empty_folder(tmp_path: Path, monkeypatch):
    site, _, _ = _kept(tmp_path)
    _later()

    real = os.unlink

    def refused(path, *args, **kwargs):
        if staging_dir(site).name in str(path):
            raise PermissionError(13, "Permission denied", str(path))
        real(path, *args, **kwargs)

    monkeypatch.setattr(pub.os, "unlink", refused)  # as in a folder a build run as root made
    staging = staging_dir(site)
    assert take_recycled(site, staging, []) is None
    monkeypatch.undo()
    _wait_gone(staging)


def test_a_page_written_in_the_build_that_looks_older_stops_the_sweep_before_it_removes_anything(tmp_path: Path):
    site, _, _ = _kept(tmp_path)
    _later()
    taken = take_recycled(site, staging_dir(site), [])
    before = _tree(taken.folder)
    # cases/2/index.html is not written again, as if the clock had been set back while it was.
    with pytest.raises(ClockMoved) as raised:
        sweep(taken, ["cases/2/index.html"] if "cases/2/index.html" in before else ["cases/0/index.html"])
    assert _tree(taken.folder) == before
    assert "原网站保持不变" in str(raised.value)


def test_a_clock_that_reads_earlier_than_when_the_build_began_stops_the_sweep(tmp_path: Path, monkeypatch):
    site, _, _ = _kept(tmp_path)
    _later()
    taken = take_recycled(site, staging_dir(site), [])
    before = _tree(taken.folder)
    monkeypatch.setattr(pub.os, "fstat", _EarlyStat)
    with pytest.raises(ClockMoved):
        sweep(taken, [])
    monkeypatch.undo()
    assert _tree(taken.folder) == before


def test_a_link_where_the_clock_is_read_is_not_written_through(tmp_path: Path):
    site, _, _ = _kept(tmp_path)
    outside = tmp_path / "outside.txt"
    outside.write_text("别处的文件")
    os.symlink(outside, site.with_name(f".{site.name}.clock"))
    _later()
    assert take_recycled(site, staging_dir(site), []) is not None
    assert outside.read_text() == "别处的文件"
    assert not site.with_name(f".{site.name}.clock").is_symlink()
