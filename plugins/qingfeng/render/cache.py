"""A content-hash cache: slow outputs (PDFs, QR images) are made once per input.

A build remembers which entries it used; after it succeeded, `prune` removes
the rest, so the folder holds what the current content needs and no more.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

# Only files of these names are ours: prune never touches anything else in the folder.
ENTRY = re.compile(r"[0-9a-f]{32}\.[A-Za-z0-9]+")
PARTIAL = re.compile(r"\.([0-9a-f]{32}\.[A-Za-z0-9]+)\.(\d+)\.part")
PARTIAL_AGE = 3600  # seconds after which a partial file is abandoned, whoever wrote it


def digest(data: bytes) -> bytes:
    """A short hash of a file's bytes: whether it is still what was worked on."""
    return hashlib.blake2b(data, digest_size=16).digest()


def unchanged(path: Path, made_from: bytes | None) -> bool:
    """Whether the file is still the bytes of digest `made_from` (False without one)."""
    try:
        return made_from is not None and digest(path.read_bytes()) == made_from
    except OSError:
        return False


class Cache:
    def __init__(self, folder: Path):
        self.folder = folder
        self.used: set[str] = set()  # names of the entries this build asked for
        self.started = time.time()

    def get(self, parts: tuple[str | bytes, ...], suffix: str, make: Callable[[], bytes]) -> Path:
        """The cached file for these inputs, made (and stored atomically) if missing."""
        path = self.entry(parts, suffix)
        if not path.exists():
            store(path, make())
        return path

    def entry(self, parts: tuple[str | bytes, ...], suffix: str) -> Path:
        """Where the cached file for these inputs is, whether or not it is made yet: used by this
        build from now on. A file made elsewhere (another process) is stored with `store`."""
        digest = hashlib.sha256()
        for part in parts:
            data = part.encode() if isinstance(part, str) else part
            digest.update(len(data).to_bytes(8, "big") + data)
        path = self.folder / f"{digest.hexdigest()[:32]}{suffix}"
        self.used.add(path.name)
        # Marked as used now for a build running alongside that prunes: the access time only,
        # since the modification time tells when the entry was made.
        with contextlib.suppress(OSError):
            os.utime(path, ns=(time.time_ns(), path.stat().st_mtime_ns))
        return path

    def prune(self) -> int:
        """Delete every entry this build did not use, and abandoned partial files; how many were deleted.

        An entry another build made or used since this one started is kept too.
        """
        if not self.folder.is_dir():
            return 0
        removed = 0
        now = time.time()
        for path in self.folder.iterdir():
            try:
                if not path.is_file() or path.is_symlink():
                    continue
                stat = path.stat()
                modified = stat.st_mtime
                if ENTRY.fullmatch(path.name):
                    stale = path.name not in self.used and max(stat.st_atime, modified) < self.started
                else:
                    match = PARTIAL.fullmatch(path.name)
                    stale = match is not None and (now - modified > PARTIAL_AGE or not _running(int(match[2])))
                if stale:
                    path.unlink()
                    removed += 1
            except FileNotFoundError:
                continue  # removed meanwhile by another build
        return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def store(path: Path, data: bytes) -> None:
    """A cache entry written whole or not at all: under another name first, then renamed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.part")
    partial.write_bytes(data)
    os.replace(partial, path)
