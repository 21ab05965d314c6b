#!/usr/bin/env bash
# Install the test needs (Debian chromium, poppler, playwright) and run the
# whole suite: lint first, then pytest.
source "$(dirname "$0")/lib.sh"
apt_install "${BUILD_PACKAGES[@]}" chromium poppler-utils
venv_install "[test]"
cd "$ROOT"
"$VENV/bin/ruff" check .
"$VENV/bin/python" -m pytest "$@"
