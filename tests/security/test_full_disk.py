"""Attack 10: the site folder's disk fills up mid-build (ENOSPC on a tiny tmpfs).

Making site/ read-only proves nothing as root (root writes anyway), so the
test mounts a tmpfs just big enough for the previous site and points
`site_dir` there: the new build runs out of space while staging.
"""

import shutil
import subprocess

import pytest

from tests.security.conftest import CJK, mkdocs_build, tree


def mount_tmpfs(target, size_kb: int) -> str | None:
    """None when mounted, else why not."""
    target.mkdir(parents=True, exist_ok=True)
    try:
        result = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(target)],
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError:
        return "no mount command"
    return None if result.returncode == 0 else (result.stderr.strip() or "mount failed")


def size_kb(folder) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) // 1024


@pytest.fixture(scope="module")
def full(base, tmp_path_factory):
    root = tmp_path_factory.mktemp("full") / "p"
    shutil.copytree(base, root, symlinks=True)
    disk = root.parent / "disk"
    # Room for the previous site and some slack, not for a second copy being staged.
    why = mount_tmpfs(disk, int(size_kb(root / "site") * 1.3) + 256)
    if why:
        pytest.skip(f"cannot mount a tmpfs here: {why}")
    try:
        shutil.copytree(root / "site", disk / "site")
        old = tree(disk / "site")
        config = (root / "mkdocs.yml").read_text(encoding="utf-8")
        (root / "mkdocs.yml").write_text(config + f"site_dir: {disk / 'site'}\n", encoding="utf-8")
        result = mkdocs_build(root)
        yield {"result": result, "old": old, "now": tree(disk / "site")}
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_build_fails(full):
    assert full["result"].returncode != 0


def test_no_traceback(full):
    assert "Traceback" not in full["result"].output, full["result"].output[-3000:]


def test_one_line_chinese_error(full):
    # Everything but progress (INFO/DEBUG) and its indented details, from stdout and stderr.
    output = full["result"].output.splitlines()
    lines = [line for line in output if line.strip() and not line.startswith(("INFO", "DEBUG", " ", "\t"))]
    assert len(lines) == 1, "\n".join(lines) or full["result"].output[-3000:]
    assert CJK.search(lines[0]), lines[0]


def test_previous_site_unchanged(full):
    old, now = full["old"], full["now"]
    assert now == old, sorted(k for k in old.keys() | now.keys() if old.get(k) != now.get(k))[:10]
