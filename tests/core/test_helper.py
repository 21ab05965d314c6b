"""Builds with the helper process (render/sidecar.py): the same site as without it, and the checks
of the finished site still see every byte of it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import BIN, ENV, Site

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the helper is forked")

CASE = "cases/2025-test-case/index.html"

# `mkdocs build` with a thread running beside it: no helper then, every task runs in the build itself.
WITHOUT_HELPER = """
import sys, threading
threading.Thread(target=threading.Event().wait, daemon=True).start()
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", "build"]
cli()
"""

# A hook that changes a page once MkDocs has written it: after the helper has worked on it.
HOOK = """
from pathlib import Path

def on_post_build(config):
    page = Path(config.site_dir, {page!r})
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("</article>", "<p>{added}</p></article>", 1), encoding="utf-8")
"""


def _project(site: Site) -> Site:
    for n, sector in enumerate(["教育", "医疗", "工程建设"]):
        site.case(f"2025-case-{n}", title=f"案例{n}", sector=[sector])
    site.case()
    site.write("content/jiafeng/index.md", "# 家风\n\n清白传家，廉洁奉公。\n")
    return site


def _files(root) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def test_the_site_is_the_one_built_without_the_helper(site: Site, tmp_path):
    _project(site)
    result = site.build(fresh=True)
    assert result.returncode == 0, result.stderr
    with_helper = _files(site.root / "site")
    result = subprocess.run(
        [str(BIN / "python"), "-c", WITHOUT_HELPER], capture_output=True, text=True, env=ENV, cwd=site.root
    )
    assert result.returncode == 0, result.stderr
    without = _files(site.root / "site")
    assert with_helper.keys() == without.keys()
    differ = [rel for rel in with_helper if with_helper[rel] != without[rel]]
    assert differ == [], differ
    assert f"zh-hant/{CASE}" in with_helper and "search/index.js" in with_helper


def _hooked(site: Site, added: str) -> Site:
    _project(site)
    site.write("hooks.py", HOOK.format(page=CASE, added=added))
    site.config["hooks"] = ["hooks.py"]
    site.save_config()
    return site


def test_personal_data_written_into_a_page_after_it_was_scanned_fails_the_build(site: Site):
    _project(site).built()
    before = _files(site.root / "site")
    _hooked(site, "联系电话13812345678")
    result = site.build()
    assert result.returncode != 0
    said = result.stdout + result.stderr
    assert f"site/{CASE}" in said and "手机号码（138****5678）" in said, said
    assert "Traceback" not in said
    assert _files(site.root / "site") == before  # the published site is the last good one


def test_the_mirror_of_a_page_changed_after_it_was_written_shows_the_change(site: Site):
    mirror = _hooked(site, "后来添加的说明").built() / "zh-hant" / CASE
    assert "後來添加的說明" in mirror.read_text(encoding="utf-8")


HELPER_KILLER = """
import os, signal

seen = 0

def on_page_context(context, page, config, nav):
    global seen
    seen += 1
    helper = config.plugins["qingfeng/core"].sidecar
    if seen == 3 and helper is not None and helper.process:
        os.kill(helper.process, signal.SIGKILL)
    return context
"""


def test_a_helper_killed_during_the_build_fails_it_clearly_and_keeps_the_site(site: Site):
    _project(site).built()
    before = _files(site.root / "site")
    site.write("hooks.py", HELPER_KILLER)
    site.config["hooks"] = ["hooks.py"]
    site.save_config()
    result = site.build()
    assert result.returncode != 0
    said = result.stdout + result.stderr  # MkDocs prints an abort's message to standard output
    assert "生成网站的辅助进程意外退出（可能是内存不足或被系统终止），请重新生成；网站未改动" in said, said
    assert "Traceback" not in said and "内部错误" not in said
    assert _files(site.root / "site") == before
