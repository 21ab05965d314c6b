"""Swap a finished build into place so a failed one never touches the site.

The site folder exists at every instant: where the filesystem can, the new
tree and the old one trade places in one step (Linux renameat2 with
RENAME_EXCHANGE); elsewhere the old tree is kept until the new one is in place.

The replaced tree is kept beside the site (`.site.recycled`) and becomes the next build's folder:
a file written again at the same place keeps its inode. Making thousands of inodes and deleting
as many was a fifth of a build's time on ext4 without a journal, which looks through the recently
deleted ones for every new file. Whatever the build does not write again is removed before the
site is checked, so the result is the one an empty folder gives.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import platform
import posixpath
import shutil
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..model.paths import excerpt

AT_FDCWD = -100
RENAME_EXCHANGE = 2
# renameat2 for a libc that lacks the wrapper (glibc before 2.28, some musl builds).
SYSCALL_RENAMEAT2 = {"x86_64": 316, "amd64": 316, "aarch64": 276, "arm64": 276}
# The filesystem or kernel cannot exchange: fall back to two renames.
NO_EXCHANGE = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP}


def staging_dir(site_dir: Path) -> Path:
    return site_dir.with_name(f".{site_dir.name}.building")


def _old_dir(site_dir: Path) -> Path:
    return site_dir.with_name(f".{site_dir.name}.old")


def recycled_dir(site_dir: Path) -> Path:
    return site_dir.with_name(f".{site_dir.name}.recycled")


def remove_in_background(folder: Path) -> subprocess.Popen | None:
    """Delete `folder` by `rm`, a process of its own (None where there is no `rm`: deleted here).
    Renamed first, so that its name is free at once."""
    trash = folder.with_name(f"{folder.name}.{os.getpid()}-{time.monotonic_ns()}")
    os.rename(folder, trash)
    rm = shutil.which("rm")
    if rm is None:
        shutil.rmtree(trash, ignore_errors=True)
        return None
    # A session of its own: Ctrl-C in the terminal stops the build or serve, not the removal.
    return subprocess.Popen([rm, "-rf", "--", str(trash)], stdin=subprocess.DEVNULL, start_new_session=True)


def keep_for_next(old: Path, site_dir: Path) -> None:
    """Keep the replaced tree `old` for the next build of `site_dir` (take_recycled)."""
    recycled = recycled_dir(site_dir)
    if recycled.exists() or recycled.is_symlink():  # not taken by a build since
        remove_in_background(recycled)
    os.rename(old, recycled)


@dataclass(frozen=True)
class Recycled:
    """A replaced site taken as a build's folder."""

    folder: Path
    since: int  # a file changed (ctime, in ns) from then on is this build's
    folders: tuple[str, ...]  # its folders as taken, relative, the deepest first


# A file made to learn the filesystem's clock; it is removed again at once.
_CLOCK = ".qingfeng-clock"


def take_recycled(site_dir: Path, staging: Path, written: Iterable[str]) -> Recycled | None:
    """Make the tree kept by keep_for_next the build's folder `staging`, which MkDocs has emptied
    and no file is written into yet. `written`: paths (relative) the build writes and the ones
    derived from them (the mirror's), where a kept folder, or a kept file in the way of their
    folders, is removed. None when there is nothing to take, or where a file written again might
    not be told from one left over (a clock set back, a filesystem that keeps a file's creation time
    as its change time): the tree is then removed and the build starts from an empty folder."""
    recycled = recycled_dir(site_dir)
    if recycled.is_symlink() or not recycled.is_dir():
        return None
    with contextlib.suppress(FileNotFoundError):
        if any(staging.iterdir()):
            remove_in_background(recycled)
            return None
        staging.rmdir()
    os.rename(recycled, staging)
    clock = os.open(staging / _CLOCK, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        since = os.fstat(clock).st_ctime_ns
    finally:
        os.close(clock)
        os.unlink(staging / _CLOCK)
    files: set[str] = set()
    folders: set[str] = set()
    if not _sort_out(staging, "", since, files, folders, set()) or not _rewrites_count(staging, files, since):
        remove_in_background(staging)
        return None
    for path in written:
        _make_room(staging, path, files, folders)
    return Recycled(staging, since, tuple(sorted(folders, key=lambda rel: rel.count("/"), reverse=True)))


def _sort_out(root: Path, rel: str, since: int, files: set[str], folders: set[str], shared: set[int]) -> bool:
    """Keep below root/rel the plain files of one link only, a build's own to write again (a file
    with more links shares its bytes: with the cache, the live site, the mirror); gather them and
    the folders. `shared`: the inodes of the files removed for that, whose other links in the tree
    go too. False when a file looks changed after `since`: the clock cannot tell."""
    with os.scandir(root / rel) as entries:
        for entry in entries:
            path = f"{rel}/{entry.name}" if rel else entry.name
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISDIR(info.st_mode):
                folders.add(path)
                if not _sort_out(root, path, since, files, folders, shared):
                    return False
            elif not stat.S_ISREG(info.st_mode) or info.st_nlink > 1 or info.st_ino in shared:
                if stat.S_ISREG(info.st_mode):
                    shared.add(info.st_ino)  # removing this link marks the inode changed: its others go
                os.unlink(entry.path)
            elif info.st_ctime_ns >= since:
                return False
            else:
                files.add(path)
    return True


def _rewrites_count(root: Path, files: set[str], since: int) -> bool:
    """Whether writing a file again marks it as changed, tried on one kept file (then removed)."""
    for rel in files:
        path = root / rel
        if path.stat().st_size == 0:
            continue
        fd = os.open(path, os.O_RDWR)
        try:
            os.pwrite(fd, os.pread(fd, 1, 0), 0)
            changed = os.fstat(fd).st_ctime_ns
        finally:
            os.close(fd)
        path.unlink()
        files.discard(rel)
        return changed >= since
    return True


def _make_room(root: Path, rel: str, files: set[str], folders: set[str]) -> None:
    """No kept folder where the build writes the file `rel`, and no kept file where its folders go."""
    if rel in folders:
        shutil.rmtree(root / rel, ignore_errors=True)
    parent = posixpath.dirname(rel)
    while parent:
        if parent in files:
            files.discard(parent)
            with contextlib.suppress(FileNotFoundError):
                (root / parent).unlink()
        parent = posixpath.dirname(parent)


def sweep(recycled: Recycled) -> None:
    """Remove what the build did not write again: the files unchanged since it took the tree, then
    the kept folders left empty."""
    for here, _, names in os.walk(recycled.folder):
        for name in names:
            path = os.path.join(here, name)
            info = os.lstat(path)
            if info.st_ctime_ns < recycled.since:
                os.unlink(path)
    for rel in recycled.folders:
        with contextlib.suppress(OSError):  # not empty: it holds this build's files; or removed already
            os.rmdir(recycled.folder / rel)


def exchange(a: Path, b: Path) -> None:
    """Swap the paths `a` and `b` atomically; OSError (ENOSYS, EINVAL…) where that is impossible."""
    if not sys.platform.startswith("linux"):
        raise OSError(errno.ENOSYS, os.strerror(errno.ENOSYS), str(a))
    libc = ctypes.CDLL(None, use_errno=True)
    args = (AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None:
        renameat2.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
        renameat2.restype = ctypes.c_int
        result = renameat2(*args)
    else:
        number = SYSCALL_RENAMEAT2.get(platform.machine().lower())
        if number is None:
            raise OSError(errno.ENOSYS, os.strerror(errno.ENOSYS), str(a))
        libc.syscall.restype = ctypes.c_long
        result = libc.syscall(
            ctypes.c_long(number),
            ctypes.c_int(AT_FDCWD),
            ctypes.c_char_p(args[1]),
            ctypes.c_int(AT_FDCWD),
            ctypes.c_char_p(args[3]),
            ctypes.c_uint(RENAME_EXCHANGE),
        )
    if result != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(a), None, str(b))


def publish(staging: Path, site_dir: Path, remove: Callable[[Path], None] | None = None) -> None:
    """Put `staging` in the place of `site_dir` (same filesystem); the old site is removed afterwards,
    by `remove` if given.

    An OSError (full disk, read-only, no permission) leaves the old site as it was.
    """
    old = _old_dir(site_dir)
    shutil.rmtree(old, ignore_errors=True)  # left over from an interrupted fallback
    if not site_dir.exists() and not site_dir.is_symlink():
        os.rename(staging, site_dir)
        return
    try:
        exchange(staging, site_dir)
    except OSError as error:
        if error.errno not in NO_EXCHANGE:
            raise
        _publish_in_two_steps(staging, site_dir, old, remove)
        return
    if remove is None:
        shutil.rmtree(staging, ignore_errors=True)  # the old tree, now at the staging path
    else:
        remove(staging)


def _publish_in_two_steps(staging: Path, site_dir: Path, old: Path, remove: Callable[[Path], None] | None) -> None:
    """Where exchange is impossible: the old tree stays (as `old`) until the new one is in place."""
    os.rename(site_dir, old)
    try:
        os.rename(staging, site_dir)
    except BaseException:
        os.rename(old, site_dir)
        raise
    if remove is None:
        shutil.rmtree(old, ignore_errors=True)
    else:
        remove(old)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def disk_problem(error: OSError, where: Path, root: Path | None = None, kept: bool = True) -> str | None:
    """One line in Chinese for a full, read-only or forbidden disk; None for any other error.

    `where` is the site folder being built; `root` (the project) makes paths relative;
    `kept` says the old site is untouched (an atomic build), which the message then tells.
    """

    def shown(path: object) -> str:
        path = Path(os.fsdecode(path))
        if root is not None and path.is_absolute():
            with contextlib.suppress(ValueError):
                path = path.relative_to(root)
        return excerpt(str(path), 120)

    # A copy names its source first and the file it writes second; a failed write() names no file,
    # and then the message names the site folder, once.
    written = error.filename2 or error.filename
    target = shown(written) if written else f"{shown(where)}/"
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        what = f"磁盘空间不足，无法写入 {target}"
        advice = "请清理磁盘后重新生成"
    elif error.errno == errno.EROFS:
        what = f"{target} 所在的磁盘是只读的，无法写入"
        advice = "请换到可写的位置生成"
    elif error.errno in (errno.EACCES, errno.EPERM):
        what = f"没有权限写入 {target}"
        advice = "请检查该文件夹的权限"
    else:
        return None
    site = (f"原网站 {shown(where)}/ 保持不变，" if written else "原网站保持不变，") if kept else ""
    return f"{what}：{site}{advice}"
