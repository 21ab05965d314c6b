"""Real Chromium (Debian's /usr/bin/chromium) driven by Playwright, over HTTP on loopback."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import opencc
import pytest


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def serve(folder: Path):
    """Serve a built site on 127.0.0.1; returns (base_url, stop)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server.shutdown


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 360, "height": 800}, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


@dataclass(frozen=True)
class Script:
    """One of the two sites a build serves: the main site, or its traditional-script mirror."""

    label: str  # the script switch's label for this site
    prefix: str  # where the site starts below the served folder
    t: Callable[[str], str]  # a text of the test's input as this site shows it


# OpenCC itself, not Qingfeng's converter or mirror: the tests check the product against it.
# s2tw is the mirror's default standard (plugins/qingfeng/model/script.py).
_S2TW = opencc.OpenCC("s2tw")
SCRIPTS = {
    "main": Script("简体", "", lambda text: text),
    "mirror": Script("繁體", "zh-hant/", _S2TW.convert),
}


@pytest.fixture(params=list(SCRIPTS.values()), ids=list(SCRIPTS))
def script(request) -> Script:
    """Each feature test runs on both sites of the same build, its expectations in that site's script."""
    return request.param


def search(page, words: str):
    """Search as a reader does: tap the search box (on a phone, the magnifier that opens it), type,
    wait for the first result. Returns the result links, best first."""
    box = page.get_by_role("textbox", name="搜索")
    magnifier = page.get_by_role("banner").locator("label[for='__search']").first  # shown on phones only
    if magnifier.is_visible():
        magnifier.click()  # the dialog opens with the box focused
    else:
        box.click()
    box.fill(words)
    links = page.get_by_role("dialog").get_by_role("link")
    links.first.wait_for(timeout=15000)
    return links


def search_text(page) -> str:
    """What the search dialog lists, as read."""
    return page.get_by_role("dialog").inner_text()
