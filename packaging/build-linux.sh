#!/usr/bin/env bash
# Build the Linux one-folder app with PyInstaller:
#   dist/proofkit/proofkit        the command line
#   dist/proofkit/proofkit-gui    the desktop app
#   dist/share/                   .desktop file, AppStream metainfo, hicolor icons (as under /usr/share)
#   dist/proofkit.fingerprint     digest of the build's inputs (tests reuse an up-to-date build)
# Usage: bash packaging/build-linux.sh [--if-stale]
# Installs PyInstaller into the project's venv (.venv, or $PYTHON's) if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-.venv/bin/python}
[ -x "$PY" ] || { echo "build-linux.sh: no venv at .venv (run packaging/run-from-source.sh or .ci/run first)" >&2; exit 2; }
DIST=${DIST:-dist}
WORK=${WORK:-build/pyinstaller}

if [ "${1:-}" = "--if-stale" ] && [ -x "$DIST/proofkit/proofkit" ] && [ -f "$DIST/proofkit.fingerprint" ] \
   && [ "$(cat "$DIST/proofkit.fingerprint")" = "$("$PY" packaging/prepare.py --fingerprint)" ]; then
  echo "build-linux.sh: $DIST/proofkit is up to date"
  exit 0
fi

# PyInstaller reads ELF dependencies with ldd and objdump (binutils).
if ! command -v objdump >/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq binutils >/dev/null
fi
"$PY" -c "import PyInstaller" 2>/dev/null || "$PY" -m pip install -q "pyinstaller>=6.10,<7"
# The project itself must be installed (its dependencies are what gets frozen).
"$PY" -c "import proofkit, PySide6, rfc3161ng, fpdf, sqlalchemy" 2>/dev/null || "$PY" -m pip install -q -e .

start=$(date +%s)
rm -f "$DIST/proofkit.fingerprint"
"$PY" -m PyInstaller --noconfirm --clean --log-level "${PYI_LOG_LEVEL:-WARN}" \
  --distpath "$DIST" --workpath "$WORK" packaging/proofkit.spec
rm -rf "$DIST/share"
"$PY" packaging/prepare.py --share "$DIST/share" >/dev/null
"$PY" packaging/prepare.py --fingerprint > "$DIST/proofkit.fingerprint"
echo "build-linux.sh: $DIST/proofkit ($(du -sh "$DIST/proofkit" | cut -f1)) in $(( $(date +%s) - start )) s"
