"""Swap a finished build into place so a failed one never touches the site."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def staging_dir(site_dir: Path) -> Path:
    return site_dir.with_name(f".{site_dir.name}.building")


def publish(staging: Path, site_dir: Path) -> None:
    """Replace `site_dir` by `staging` with two renames on the same filesystem."""
    old = site_dir.with_name(f".{site_dir.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        os.replace(site_dir, old)
    os.replace(staging, site_dir)
    shutil.rmtree(old, ignore_errors=True)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
