# Shared steps of build.sh and test.sh: everything is installed by these
# scripts, nothing by hand. Sourced, not run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
export NO_MKDOCS_2_WARNING=1
export DEBIAN_FRONTEND=noninteractive

# Debian packages the site build needs: CJK fonts (simplified-Chinese glyphs)
# and the Pango/HarfBuzz libraries WeasyPrint renders PDFs with.
BUILD_PACKAGES=(fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "==> 安装系统软件包：${missing[*]}"
    as_root apt-get update -q
    as_root apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

find_python() {
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
      echo "$candidate"; return
    fi
  done
  echo "需要 Python 3.11 或更新版本" >&2; exit 1
}

venv_install() {  # $1: the extras to install, e.g. "" or "[test]"
  if [ ! -x "$VENV/bin/python" ]; then
    if ! "$(find_python)" -m venv "$VENV" 2>/dev/null; then
      apt_install python3-venv
      "$(find_python)" -m venv "$VENV"
    fi
  fi
  echo "==> 安装 Python 依赖"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q -e "$ROOT$1"
  # Material prints an end-of-life banner on every `mkdocs` run, before any plugin loads, unless
  # NO_MKDOCS_2_WARNING is set: a .pth line sets it for every Python this venv starts.
  "$VENV/bin/python" -c 'import pathlib, sysconfig; pathlib.Path(sysconfig.get_path("purelib"), "qingfeng-quiet.pth").write_text("import os; os.environ.setdefault(\"NO_MKDOCS_2_WARNING\", \"1\")\n")'
}

npm_install() {  # $1: a folder with package.json and the committed package-lock.json
  local folder="$ROOT/$1"
  # Done already when node_modules was installed from this very lock file.
  if cmp -s "$folder/package-lock.json" "$folder/node_modules/.qingfeng-lock.json"; then return; fi
  command -v npm >/dev/null || apt_install nodejs npm
  echo "==> 安装 Node 依赖：$1"
  npm ci --prefix "$folder" --no-audit --no-fund --ignore-scripts
  cp "$folder/package-lock.json" "$folder/node_modules/.qingfeng-lock.json"
}
