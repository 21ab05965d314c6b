"""Swap a finished build into place so a failed one never touches the site.

The site folder exists at every instant: where the filesystem can, the new
tree and the old one trade places in one step (Linux renameat2 with
RENAME_EXCHANGE); elsewhere the old tree is kept until the new one is in place.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import platform
import shutil
import sys
from collections.abc import Callable
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
