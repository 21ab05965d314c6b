#!/usr/bin/env bash
# Install the test needs (Debian chromium, poppler, playwright, and axe-core
# from npm for the accessibility tests) and run the whole suite: lint first,
# then pytest.
source "$(dirname "$0")/lib.sh"
apt_install "${BUILD_PACKAGES[@]}" chromium poppler-utils
venv_install "[test]"
npm_install tests/a11y  # axe-core, pinned by tests/a11y/package-lock.json
cd "$ROOT"
"$VENV/bin/ruff" check .
"$VENV/bin/python" -m pytest "$@"
