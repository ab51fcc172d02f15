#!/usr/bin/env bash
# Build a .deb from the frozen app (packaging/build-frozen.sh must have run; --frozen runs it first).
#   /opt/botkyrka-namnd/                       the one-folder app
#   /usr/bin/botkyrka-namnd                    a launcher
#   /usr/share/applications/se.botkyrka.namnd.desktop     (validated with desktop-file-validate)
#   /usr/share/metainfo/se.botkyrka.namnd.metainfo.xml    (validated with appstreamcli)
#   /usr/share/icons/hicolor/{scalable,16x16,...,256x256}/apps/se.botkyrka.namnd.{svg,png}
#   /usr/share/doc/botkyrka-namnd/copyright     (machine-readable, with the EUPL-1.2 text)
# Depends: the system libraries the bundle links to but does not carry, found with ldd on every ELF file of
# the bundle (Qt's xcb/wayland platform plugins among them) and mapped to their packages with dpkg -S.
# postinst/postrm update the desktop database and the hicolor icon cache.
#
# Usage: packaging/build-deb.sh [--frozen]      Out: build/deb/botkyrka-namnd_VERSION_ARCH.deb
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD_DIR=${BUILD_DIR:-$ROOT/build/frozen}
APP=$BUILD_DIR/dist/botkyrka-namnd
OUT=$ROOT/build/deb
NAME=botkyrka-namnd
ID=se.botkyrka.namnd
# the .deb's Maintainer field: set DEB_MAINTAINER to the real address of whoever publishes the package
MAINTAINER=${DEB_MAINTAINER:-Botkyrka nämnd packaging <packaging@botkyrka-namnd.invalid>}

die() { echo "build-deb: $*" >&2; exit 1; }
[ "${1:-}" = "--frozen" ] && { packaging/build-frozen.sh || die "the frozen build or its checks failed"; }
[ -x "$APP/$NAME" ] || die "no frozen app at $APP: run packaging/build-frozen.sh first"
for tool in dpkg-deb ldd desktop-file-validate appstreamcli; do
  command -v $tool >/dev/null || die "$tool missing (apt-get install dpkg-dev desktop-file-utils appstream)"
done

VERSION=$("$APP/$NAME" --version | awk '{print $2}')
[ -n "$VERSION" ] || die "the frozen app gave no version"
ARCH=$(dpkg --print-architecture)
PKGROOT=$OUT/root
rm -rf "$OUT" && mkdir -p "$PKGROOT"

echo "== validating the desktop file and the AppStream metadata"
desktop-file-validate packaging/linux/$ID.desktop || die "the .desktop file does not validate"
appstreamcli validate --no-net --pedantic packaging/linux/$ID.metainfo.xml || die "the metainfo does not validate"

echo "== files"
install -d "$PKGROOT/opt/$NAME" "$PKGROOT/usr/bin" "$PKGROOT/usr/share/applications" "$PKGROOT/usr/share/metainfo" \
  "$PKGROOT/usr/share/doc/$NAME" "$PKGROOT/usr/share/icons/hicolor/scalable/apps" "$PKGROOT/DEBIAN"
cp -a "$APP/." "$PKGROOT/opt/$NAME/"
cat >"$PKGROOT/usr/bin/$NAME" <<EOF
#!/bin/sh
# Botkyrka nämnd: the frozen app in /opt/$NAME (see /usr/share/doc/$NAME)
exec /opt/$NAME/$NAME "\$@"
EOF
chmod 0755 "$PKGROOT/usr/bin/$NAME"
install -m 0644 packaging/linux/$ID.desktop "$PKGROOT/usr/share/applications/$ID.desktop"
install -m 0644 packaging/linux/$ID.metainfo.xml "$PKGROOT/usr/share/metainfo/$ID.metainfo.xml"
install -m 0644 resources/icons/app.svg "$PKGROOT/usr/share/icons/hicolor/scalable/apps/$ID.svg"
# PNG sizes for launchers that do not read SVG, rendered with Qt's SVG renderer (the build venv's PySide6)
PYTHON=$BUILD_DIR/venv/bin/python
if [ -x "$PYTHON" ]; then
  QT_QPA_PLATFORM=offscreen "$PYTHON" - "$ROOT/resources/icons/app.svg" "$PKGROOT/usr/share/icons/hicolor" "$ID" <<'EOF'
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

svg, hicolor, name = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
app = QGuiApplication([])
renderer = QSvgRenderer(svg)
assert renderer.isValid(), svg
for size in (16, 24, 32, 48, 64, 128, 256):
    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    renderer.render(p)
    p.end()
    out = hicolor / f"{size}x{size}" / "apps" / f"{name}.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    assert img.save(str(out)), out
print("icons: rendered 16..256 px")
EOF
else
  echo "icons: no build venv, only the scalable SVG"
fi

# copyright (DEP-5) with the licence text: EUPL-1.2 is not in /usr/share/common-licenses
{
  cat <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Botkyrka nämnd
Source: the project's repository (this package is built from it with packaging/build-deb.sh)

Files: *
Copyright: Botkyrka kommun and the contributors of Botkyrka nämnd
License: EUPL-1.2

Files: opt/$NAME/_internal/*
Copyright: the authors of the bundled Python runtime and libraries
License: various
 The frozen app carries CPython (PSF-2.0), Qt and PySide6 (LGPL-3.0), PDFium (BSD-3-Clause and Apache-2.0),
 SQLCipher (BSD-3-Clause), reportlab (BSD-3-Clause), wordfreq (Apache-2.0; its data CC-BY-SA-4.0),
 PyStemmer (BSD-3-Clause and MIT), argon2-cffi (MIT), cryptography (Apache-2.0 or BSD-3-Clause), keyring
 (MIT) and further Python packages. Each one's licence text is in its *.dist-info folder under
 /opt/$NAME/_internal/, and the program's About dialog lists them.

License: EUPL-1.2
EOF
  sed -e 's/^[[:space:]]*$/./' -e 's/^/ /' LICENSE
} >"$PKGROOT/usr/share/doc/$NAME/copyright"
chmod 0644 "$PKGROOT/usr/share/doc/$NAME/copyright"

echo "== Depends: the system libraries the bundle links to (ldd on every ELF file) and their packages"
INTERNAL=$PKGROOT/opt/$NAME/_internal
export LD_LIBRARY_PATH="$INTERNAL:$INTERNAL/PySide6/Qt/lib:$INTERNAL/PySide6"
: >"$OUT/ldd.txt"
while IFS= read -r -d '' f; do
  if [ "$(head -c 4 "$f")" = $'\x7fELF' ]; then
    ldd "$f" 2>/dev/null | sed "s|^|$f: |" >>"$OUT/ldd.txt" || true
  fi
done < <(find "$PKGROOT/opt/$NAME" -type f \( -name '*.so*' -o -perm -u+x \) -print0)
# missing libraries: only the plugins for desktops we do not depend on may miss theirs (GTK theme)
# (into a variable: `grep -q` at the end of a pipe would SIGPIPE the grep before it, and with pipefail the
# test would then pass or fail by chance)
MISSING=$(grep 'not found' "$OUT/ldd.txt" | grep -v -E '/libqgtk3' || true)
if [ -n "$MISSING" ]; then
  echo "$MISSING" | sort -u >&2
  die "the bundle needs libraries this machine does not have (see above): install them and build again"
fi
grep -o '=> /[^ ]*' "$OUT/ldd.txt" | cut -c4- | grep -v "^$PKGROOT" | sort -u >"$OUT/system-libs.txt"
: >"$OUT/packages.txt"
while read -r lib; do
  real=$(readlink -f "$lib")
  pkg=""
  for p in "$lib" "$real" "${lib#/usr}" "${real#/usr}" "/usr$lib" "/usr$real"; do
    pkg=$(dpkg -S "$p" 2>/dev/null | head -n 1 | cut -d: -f1) && [ -n "$pkg" ] && break
  done
  [ -n "$pkg" ] || die "no package owns $lib"
  echo "$pkg" >>"$OUT/packages.txt"
done <"$OUT/system-libs.txt"
# libc6: the PySide6 wheels are manylinux_2_28, so glibc 2.28 or later
DEPENDS=$(sort -u "$OUT/packages.txt" | grep -v -x 'libc6' | paste -sd, - | sed 's/,/, /g')
DEPENDS="libc6 (>= 2.28), $DEPENDS"
# (PyInstaller carries most X/font libraries itself: libxcb-cursor, libxkbcommon-x11, fontconfig, freetype,
# dbus, glib are in _internal/; what it leaves to the system is GL/EGL/GLX, libxcb, libdrm and wayland)
echo "Depends: $DEPENDS"

cat >"$PKGROOT/DEBIAN/control" <<EOF
Package: $NAME
Version: $VERSION
Architecture: $ARCH
Maintainer: $MAINTAINER
Section: misc
Priority: optional
Installed-Size: $(du -sk --exclude=DEBIAN "$PKGROOT" | cut -f1)
Depends: $DEPENDS
Recommends: gnome-keyring | kwalletmanager
Description: offline reader, search and notes for committee meeting notices
 Botkyrka nämnd reads the kallelser (meeting notices) and handlingar of
 Botkyrka kommun's nämnder item by item, searches years of documents,
 keeps the member's own notes, and keeps secret parts encrypted in a vault.
 .
 This package carries the program as a self-contained frozen app in
 /opt/$NAME (its own Python, Qt and libraries).
EOF
for script in postinst postrm; do
  cat >"$PKGROOT/DEBIAN/$script" <<'EOF'
#!/bin/sh
set -e
# the menu's MIME cache and the icon cache (also done by the triggers of desktop-file-utils and
# hicolor-icon-theme where those are installed; harmless twice)
if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database -q /usr/share/applications || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f /usr/share/icons/hicolor/index.theme ]; then
  gtk-update-icon-cache -q -t -f /usr/share/icons/hicolor || true
fi
exit 0
EOF
  chmod 0755 "$PKGROOT/DEBIAN/$script"
done

# ownership root:root (--root-owner-group), no group/world-writable files
find "$PKGROOT" -type d -exec chmod 0755 {} +
find "$PKGROOT/opt" -type f -perm /u+x -exec chmod 0755 {} +
find "$PKGROOT/opt" "$PKGROOT/usr/share" -type f ! -perm /u+x -exec chmod 0644 {} +

DEB=$OUT/${NAME}_${VERSION}_${ARCH}.deb
dpkg-deb --root-owner-group -Zxz --build "$PKGROOT" "$DEB" >/dev/null
echo "== $DEB ($(du -m "$DEB" | cut -f1) MB, installed $(du -sm --exclude=DEBIAN "$PKGROOT" | cut -f1) MB)"
dpkg-deb --info "$DEB" | sed -n '/Package:/,/Description:/p'
