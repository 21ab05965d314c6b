"""A content-hash cache: slow outputs (PDFs, QR images) are made once per input."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path


class Cache:
    def __init__(self, folder: Path):
        self.folder = folder

    def get(self, parts: tuple[str | bytes, ...], suffix: str, make: Callable[[], bytes]) -> Path:
        """The cached file for these inputs, made (and stored atomically) if missing."""
        digest = hashlib.sha256()
        for part in parts:
            data = part.encode() if isinstance(part, str) else part
            digest.update(len(data).to_bytes(8, "big") + data)
        path = self.folder / f"{digest.hexdigest()[:32]}{suffix}"
        if not path.exists():
            self.folder.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f".{path.name}.{os.getpid()}.part")
            partial.write_bytes(make())
            os.replace(partial, path)
        return path
