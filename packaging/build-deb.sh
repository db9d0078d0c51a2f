#!/usr/bin/env bash
# Package the one-folder app as a .deb:
#   /opt/proofkit/                        the PyInstaller bundle
#   /usr/bin/proofkit, /usr/bin/proofkit-gui   symlinks into it
#   /usr/share/applications, /usr/share/metainfo, /usr/share/icons/hicolor/<size>/apps
# Usage: bash packaging/build-deb.sh [OUT_DIR]    (default: dist/; builds the bundle if stale)
# DEB_COMPRESSION=xz|gzip|zstd|none (default xz) and DEB_LEVEL=0..9 go to dpkg-deb -Z and -z.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-.venv/bin/python}
DIST=${DIST:-dist}
OUT=${1:-$DIST}
bash packaging/build-linux.sh --if-stale

VERSION=$("$PY" packaging/prepare.py --version)
ARCH=$(dpkg --print-architecture)
ROOT=build/deb/root
rm -rf "$ROOT"
mkdir -p "$ROOT/DEBIAN" "$ROOT/opt" "$ROOT/usr/bin" "$ROOT/usr/share/doc/proofkit"
cp -a "$DIST/proofkit" "$ROOT/opt/proofkit"
ln -s /opt/proofkit/proofkit "$ROOT/usr/bin/proofkit"
ln -s /opt/proofkit/proofkit-gui "$ROOT/usr/bin/proofkit-gui"
cp -a "$DIST/share/applications" "$DIST/share/metainfo" "$DIST/share/icons" "$ROOT/usr/share/"

cat > "$ROOT/usr/share/doc/proofkit/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: ProofKit
Comment: /opt/proofkit bundles Python, Qt for Python and other third-party software; their
 licences are listed, with full texts, in
 /opt/proofkit/_internal/proofkit/resources/THIRD_PARTY_LICENSES.txt

Files: *
Copyright: ProofKit developers
License: Apache-2.0
 On Debian systems the full text is in /usr/share/common-licenses/Apache-2.0.
COPYRIGHT

# A native package's changelog: this release, dated like the metainfo's release.
DATE_R=$(date -R -d "@${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}")
printf 'proofkit (%s) unstable; urgency=medium\n\n  * Release %s; see the project history.\n\n -- ProofKit developers <proofkit@localhost>  %s\n' \
  "$VERSION" "$VERSION" "$DATE_R" | gzip -9n > "$ROOT/usr/share/doc/proofkit/changelog.gz"

# Normalise modes (PyInstaller keeps whatever the venv had); shared objects need no x bit.
find "$ROOT" -type d -exec chmod 0755 {} +
find "$ROOT" -type f -exec chmod 0644 {} +
chmod 0755 "$ROOT/opt/proofkit/proofkit" "$ROOT/opt/proofkit/proofkit-gui"

DEPENDS=$(grep -v '^\s*#' packaging/linux/depends.txt | grep -v '^\s*$' | paste -sd, | sed 's/,/, /g')
cat > "$ROOT/DEBIAN/control" <<CONTROL
Package: proofkit
Version: $VERSION
Architecture: $ARCH
Maintainer: ProofKit developers <proofkit@localhost>
Installed-Size: $(du -sk --exclude=DEBIAN "$ROOT" | cut -f1)
Depends: $DEPENDS
Recommends: fonts-noto-cjk
Section: utils
Priority: optional
Description: prove a file existed at a given time (RFC 3161 time stamps)
 ProofKit hashes a file on this computer, asks several public RFC 3161
 Time-Stamping Authorities to sign its SHA-256 digest, verifies every receipt
 and keeps it in a tamper-evident local ledger. Only the digest leaves the
 computer. It exports evidence bundles (zip and bilingual PDF) that anyone
 can check with openssl and sha256sum.
 .
 This package contains the desktop app (proofkit-gui) and the command line
 (proofkit), self-contained under /opt/proofkit.
CONTROL

mkdir -p "$OUT"
DEB="$OUT/proofkit_${VERSION}_${ARCH}.deb"
start=$(date +%s)
dpkg-deb --root-owner-group -Z"${DEB_COMPRESSION:-xz}" ${DEB_LEVEL:+-z"$DEB_LEVEL"} --build "$ROOT" "$DEB" >/dev/null
echo "build-deb.sh: $DEB ($(du -h "$DEB" | cut -f1)) in $(( $(date +%s) - start )) s"
if command -v lintian >/dev/null && [ -z "${NO_LINTIAN:-}" ]; then
  lintian --no-tag-display-limit "$DEB" || true   # reported, not enforced (see packaging/README.md)
fi
