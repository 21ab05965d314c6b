#!/usr/bin/env bash
# Install everything and build the whole site into site/.
source "$(dirname "$0")/lib.sh"
apt_install "${BUILD_PACKAGES[@]}"
venv_install ""
cd "$ROOT"
"$VENV/bin/mkdocs" build "$@"
