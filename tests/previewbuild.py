"""Builds a project as `mkdocs serve` does, once and then again after each edit, without the server.

    python tests/previewbuild.py PROJECT STEPS.json OUT

STEPS.json is a list of edits, each {"path": text} (project-relative; text None deletes the
file). The first build is of the project as it is; after each edit the site is built again.
After every build the served folder is copied to OUT/<n>. The builds are MkDocs' own: its
builder under serve (mkdocs/commands/serve.py) loads the config again for every rebuild, sets
site_url to the dev server's address and calls build() with serve_url; MkDocs keeps the plugins
that have on_startup from one build to the next, as here. A build may leave work running after
it returns (the preview's search index): each copy waits for it.
"""

from __future__ import annotations

import json
import logging
import shutil
import sys
import tempfile
import threading
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

SERVE_URL = "http://127.0.0.1:8000/"


def main(project: Path, steps: list[dict[str, str | None]], out: Path) -> int:
    site_dir = tempfile.mkdtemp(prefix="mkdocs_", dir=out)

    def builder(number: int) -> None:
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=site_dir)
        if number == 0:
            config.plugins.on_startup(command="serve", dirty=False)
        config.site_url = SERVE_URL
        try:
            build(config, serve_url=SERVE_URL)
        except Abort as error:  # the dev server logs it and goes on serving
            print(f"ABORT {error}", file=sys.stderr)
        for thread in threading.enumerate():  # what the build left running (the preview's search index)
            if thread is not threading.current_thread():
                thread.join()
        shutil.copytree(site_dir, out / str(number), symlinks=True)
        if number == len(steps):
            config.plugins.on_shutdown()

    builder(0)
    for number, edits in enumerate(steps, start=1):
        for rel, text in edits.items():
            path = project / rel
            if text is None:
                path.unlink()
            else:
                path.write_text(text, encoding="utf-8")
        builder(number)
    return 0


if __name__ == "__main__":
    handler = logging.StreamHandler()  # as the command line logs: "INFO    -  message"
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    root, steps_file, target = map(Path, sys.argv[1:4])
    sys.exit(main(root, json.loads(steps_file.read_text(encoding="utf-8")), target))
