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


# Tried here: ctime as Linux filesystems keep it, renameat2. Elsewhere the replaced tree is deleted.
RECYCLING = sys.platform.startswith("linux")
# Bytes: a larger file is made anew, as a download of the old one may still be reading it. Small
# files are what costs: a fresh inode for each.
KEPT_AT_MOST = 1 << 20


class ClockMoved(RuntimeError):
    def __init__(self) -> None:
        super().__init__("生成过程中系统时钟被调回，无法分辨新旧文件：原网站保持不变，请重新生成")


def keep_for_next(old: Path, site_dir: Path) -> None:
    """Keep the replaced tree `old` for the next build of `site_dir` (take_recycled), or delete it
    (remove_in_background) where builds do not take it."""
    recycled = recycled_dir(site_dir)
    if recycled.exists() or recycled.is_symlink():  # not taken by a build since
        remove_in_background(recycled)
    if RECYCLING:
        os.rename(old, recycled)
    else:
        remove_in_background(old)


@dataclass(frozen=True)
class Recycled:
    """A replaced site taken as a build's folder."""

    folder: Path
    clock: Path  # where the filesystem's clock is read
    since: int  # a file changed (ctime, in ns) from then on is this build's
    folders: tuple[str, ...]  # its folders as taken, relative, the deepest first


def _clock(path: Path) -> int:
    """The filesystem's time now, as it marks a file changed (ns): a file written at `path`, then removed.
    Beside the site, not in it: a build killed meanwhile leaves it nowhere a site is published from."""
    # Made anew: never written through a link put there, nor into a file left by a killed build.
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    try:
        os.write(fd, b"\0")
        return os.fstat(fd).st_ctime_ns
    finally:
        os.close(fd)
        path.unlink()


def take_recycled(site_dir: Path, staging: Path, written: Iterable[str]) -> Recycled | None:
    """Make the tree kept by keep_for_next the build's folder `staging`, which MkDocs has emptied
    and no file is written into yet. `written`: paths (relative) the build writes and the ones
    derived from them (the mirror's), where a kept folder, or a kept file in the way of their
    folders, is removed. None when there is nothing to take, or where a file written again might
    not be told from one left over (a clock set back, a filesystem that keeps a file's creation time
    as its change time), or the tree is not all this user's to change (a build run as root): the
    tree is then removed and the build starts from an empty folder."""
    recycled = recycled_dir(site_dir)
    if not RECYCLING or recycled.is_symlink() or not recycled.is_dir():
        return None
    with contextlib.suppress(FileNotFoundError):
        if any(staging.iterdir()):
            remove_in_background(recycled)
            return None
        staging.rmdir()
    clock = site_dir.with_name(f".{site_dir.name}.clock")
    since = _clock(clock)
    os.rename(recycled, staging)
    files: set[str] = set()
    folders: set[str] = set()
    try:
        usable = _sort_out(staging, "", _Fresh(since), files, folders) and _rewrites_count(staging, files, since)
        for path in written if usable else ():
            _make_room(staging, path, files, folders)
    except OSError:  # a file or folder that is not this user's to change
        usable = False
    if not usable:
        remove_in_background(staging)
        return None
    return Recycled(staging, clock, since, tuple(sorted(folders, key=lambda rel: rel.count("/"), reverse=True)))


class _Fresh:
    """What a file or folder made now is like: this user's, with the modes that the umask gives."""

    def __init__(self, since: int) -> None:
        self.since = since
        self.user = os.geteuid()
        umask = os.umask(0o022)
        os.umask(umask)
        self.file_mode, self.folder_mode = 0o666 & ~umask, 0o777 & ~umask
        self.shared: set[int] = set()  # inodes of removed files with more links, whose others go too

    def folder(self, info: os.stat_result) -> bool:
        return info.st_uid == self.user and stat.S_IMODE(info.st_mode) == self.folder_mode

    def file(self, info: os.stat_result) -> bool:
        """A plain file of one link only, as a build would make it: its own to write again. A file
        with more links shares its bytes (with the cache, the live site, the mirror)."""
        return (
            stat.S_ISREG(info.st_mode)
            and info.st_nlink == 1
            and info.st_ino not in self.shared
            and info.st_uid == self.user
            and stat.S_IMODE(info.st_mode) == self.file_mode
            and info.st_size <= KEPT_AT_MOST
        )


def _sort_out(root: Path, rel: str, fresh: _Fresh, files: set[str], folders: set[str]) -> bool:
    """Keep below root/rel the files and folders a build could have made (_Fresh), and gather them.
    False when a file looks changed after the build began: the clock cannot tell."""
    with os.scandir(root / rel) as entries:
        for entry in entries:
            path = f"{rel}/{entry.name}" if rel else entry.name
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISDIR(info.st_mode):
                if not fresh.folder(info):
                    shutil.rmtree(entry.path)
                    continue
                folders.add(path)
                if not _sort_out(root, path, fresh, files, folders):
                    return False
            elif not fresh.file(info):
                if stat.S_ISREG(info.st_mode) and info.st_nlink > 1:
                    fresh.shared.add(info.st_ino)  # removing this link marks the inode changed
                os.unlink(entry.path)
            elif info.st_ctime_ns >= fresh.since:
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
        shutil.rmtree(root / rel)
        folders.discard(rel)
    parent = posixpath.dirname(rel)
    while parent:
        if parent in files:
            files.discard(parent)
            (root / parent).unlink()
        parent = posixpath.dirname(parent)


def _raise(error: OSError) -> None:
    raise error


def sweep(recycled: Recycled, written: Iterable[str], skip: Iterable[str] = ()) -> None:
    """Remove what the build did not write again: the files unchanged since it took the tree, then
    the kept folders left empty. `written`: files (relative) this build is known to have written;
    ClockMoved, before anything is removed, if one of them looks unchanged, or the clock reads
    earlier than when the build took the tree. `skip`: folders (relative) left to the plugin that
    writes them, which removes what it does not write again (search/plugin.py's `_write`)."""
    if _clock(recycled.clock) < recycled.since:
        raise ClockMoved()
    skip = tuple(skip)
    skipped = {os.path.join(recycled.folder, rel) for rel in skip}
    left: list[str] = []
    for here, dirnames, names in os.walk(recycled.folder, onerror=_raise):
        dirnames[:] = [name for name in dirnames if os.path.join(here, name) not in skipped]
        for name in names:
            path = os.path.join(here, name)
            if os.lstat(path).st_ctime_ns < recycled.since:
                left.append(path)
    root = os.path.join(recycled.folder, "")
    if not {path[len(root) :] for path in left}.isdisjoint(written):
        raise ClockMoved()
    for path in left:
        os.unlink(path)
    for rel in recycled.folders:
        if any(rel == folder or rel.startswith(f"{folder}/") for folder in skip):
            continue
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
