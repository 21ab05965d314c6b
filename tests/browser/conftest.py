"""Real Chromium (Debian's /usr/bin/chromium) driven by Playwright, over HTTP on loopback."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

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
