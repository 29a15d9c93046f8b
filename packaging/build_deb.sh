#!/usr/bin/env bash
# Build the Debian/Ubuntu package kim-desktop_<version>_<arch>.deb from the PyInstaller
# one-folder build (packaging/kim.spec, packaging/build_frozen.sh):
#
#     packaging/build_deb.sh DIST_FOLDER [OUT_DIR]
#
# DIST_FOLDER is the frozen program folder (…/dist/kim-desktop with kim, kim-desktop and
# _internal/); OUT_DIR defaults to the folder that holds DIST_FOLDER. Needs dpkg-deb and a
# Python with PySide6 for the icons (the project's .venv, or $PYTHON).
#
# The package installs the program into /usr/lib/kim-desktop (Debian packages never install
# into /opt, policy 9.1.1), relative symlinks /usr/bin/kim and /usr/bin/kim-desktop (policy
# 10.5: within one top-level folder), manual
# pages generated from the programs' own option parsers, a desktop entry, the icon in the
# hicolor theme, a DEP-5 copyright file, a Debian changelog and lintian overrides for what a
# self-contained build is (each with its reason).
#
# The maintainer field is DEB_MAINTAINER ("Name <address>"), else DEBFULLNAME and DEBEMAIL,
# else the author of the commit built. Reproducible: with the same frozen folder and
# SOURCE_DATE_EPOCH (default: the commit's time) the .deb is the same, byte for byte. It ships nothing below /etc and no conffiles: the machine-wide policy
# /etc/xdg/kim-desktop/policy.json is the administrator's file, and case files are the
# users' — the package never creates, changes or removes either.
set -euo pipefail
umask 022

die() {
    echo "build_deb.sh: $*" >&2
    exit 1
}

[[ $# -ge 1 && $# -le 2 ]] || die "usage: build_deb.sh DIST_FOLDER [OUT_DIR]"
[[ -d $1 ]] || die "no such folder: $1"
DIST=$(cd "$1" && pwd)
OUT=${2:-$(dirname "$DIST")}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PACKAGE=kim-desktop

for program in kim kim-desktop; do
    [[ -f $DIST/$program && -x $DIST/$program ]] || die "$DIST/$program missing or not executable"
done
[[ -d $DIST/_internal ]] || die "$DIST/_internal missing (not a PyInstaller one-folder build?)"
command -v dpkg-deb >/dev/null || die "dpkg-deb not found (package dpkg)"

if [[ -z ${PYTHON:-} ]]; then
    if [[ -x $ROOT/.venv/bin/python ]]; then PYTHON=$ROOT/.venv/bin/python; else PYTHON=python3; fi
fi

# Version: __version__ of the source tree, which must be the one the folder was built from.
# PEP 440 pre-releases (1.0rc1, 1.0.dev2) sort before the release in Debian only with "~".
PY_VERSION=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$ROOT/kim_desktop/__init__.py")
[[ -n $PY_VERSION ]] || die "no __version__ in kim_desktop/__init__.py"
FROZEN_VERSION=$("$DIST/kim" --version 2>/dev/null) || die "$DIST/kim --version failed"
[[ $FROZEN_VERSION == "kim $PY_VERSION" ]] ||
    die "$DIST was built from version '${FROZEN_VERSION#kim }', the source tree is $PY_VERSION"
VERSION=$(sed -E 's/\.?(a|b|rc|dev)([0-9]*)$/~\1\2/' <<<"$PY_VERSION")
ARCH=$(dpkg --print-architecture)

if [[ -n ${DEB_MAINTAINER:-} ]]; then
    MAINTAINER=$DEB_MAINTAINER
elif [[ -n ${DEBFULLNAME:-} && -n ${DEBEMAIL:-} ]]; then
    MAINTAINER="$DEBFULLNAME <$DEBEMAIL>"
else
    MAINTAINER=$(git -C "$ROOT" log -1 --format='%an <%ae>' 2>/dev/null) || MAINTAINER=
fi
[[ $MAINTAINER =~ ^[^\<\>]+\ \<[^@\<\>\ ]+@[^@\<\>\ ]+\.[^@\<\>\ ]+\>$ ]] ||
    die "no maintainer: set DEB_MAINTAINER=\"Name <address>\" (got '$MAINTAINER')"
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || date +%s)}
export SOURCE_DATE_EPOCH

# The oldest glibc the bundled programs and libraries need: the highest GLIBC_x.y symbol
# version any of them requires (libc6 unversioned would install where they cannot start).
GLIBC=$(find "$DIST" -type f \( -name '*.so' -o -name '*.so.*' -o -perm /111 \) -print0 |
    xargs -0 readelf -V -W 2>/dev/null | grep -o 'Name: GLIBC_[0-9.]*' |
    sed 's/Name: GLIBC_//' | sort -Vu | tail -n 1)
[[ -n $GLIBC ]] || die "could not read the glibc versions the bundled libraries need (readelf)"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/kim-deb.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
STAGE=$WORK/root
mkdir -p "$STAGE/DEBIAN" "$STAGE/usr/lib" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
    "$STAGE/usr/share/doc/$PACKAGE" "$STAGE/usr/share/icons/hicolor/scalable/apps"

# --- the program -----------------------------------------------------------------------------
cp -a "$DIST" "$STAGE/usr/lib/$PACKAGE"
# Executables keep 0755 (the two programs, helpers Qt may bring); everything else, shared
# libraries included (Debian policy 10.9), becomes 0644, every folder 0755.
find "$STAGE/usr/lib" -type f -perm /111 ! -name '*.so' ! -name '*.so.*' -print0 >"$WORK/executables"
find "$STAGE/usr/lib" -type d -exec chmod 0755 {} +
find "$STAGE/usr/lib" -type f -exec chmod 0644 {} +
xargs -0 -r chmod 0755 <"$WORK/executables"
# Symbols out of the bundled libraries, as dh_strip does (they are only size here). The two
# programs stay as they are: PyInstaller's launcher carries its archive appended to the ELF.
command -v strip >/dev/null || die "strip not found (package binutils)"
find "$STAGE/usr/lib/$PACKAGE" -type f \( -name '*.so' -o -name '*.so.*' \) -print0 |
    xargs -0 -r strip --strip-unneeded --remove-section=.comment --remove-section=.note
ln -s "../lib/$PACKAGE/kim" "$STAGE/usr/bin/kim"
ln -s "../lib/$PACKAGE/kim-desktop" "$STAGE/usr/bin/kim-desktop"

# --- manual pages, from the programs' option parsers ------------------------------------------
mkdir -p "$WORK/man" "$STAGE/usr/share/man/man1"
QT_QPA_PLATFORM=offscreen "$PYTHON" "$ROOT/tools/make_manpages.py" "$WORK/man" >/dev/null ||
    die "make_manpages.py failed"
for page in kim kim-desktop; do
    gzip -9n <"$WORK/man/$page.1" >"$STAGE/usr/share/man/man1/$page.1.gz"
    chmod 0644 "$STAGE/usr/share/man/man1/$page.1.gz"
done

# --- icons and desktop entry ------------------------------------------------------------------
"$PYTHON" "$ROOT/packaging/make_icons.py" "$WORK/icons" >/dev/null || die "make_icons.py failed"
for size in 16 24 32 48 64 128 256; do
    install -D -m 0644 "$WORK/icons/$PACKAGE-$size.png" \
        "$STAGE/usr/share/icons/hicolor/${size}x${size}/apps/$PACKAGE.png"
done
install -m 0644 "$ROOT/kim_desktop/gui/icons/$PACKAGE.svg" \
    "$STAGE/usr/share/icons/hicolor/scalable/apps/$PACKAGE.svg"

DESKTOP=$STAGE/usr/share/applications/$PACKAGE.desktop
cat >"$DESKTOP" <<'EOF'
[Desktop Entry]
Type=Application
Version=1.4
Name=KIM Desktop
Name[de]=KIM Desktop
GenericName=Case file for integration management
GenericName[de]=Fallakte Integrationsmanagement
Comment=Encrypted offline case file and anonymised statistics for Kommunales Integrationsmanagement (KIM) NRW
Comment[de]=Verschlüsselte Offline-Fallakte und anonymisierte Statistik für das Kommunale Integrationsmanagement (KIM) NRW
Keywords=KIM;case management;integration;statistics;
Keywords[de]=KIM;Fallakte;Case Management;Integrationsmanagement;Statistik;
Exec=kim-desktop %f
TryExec=kim-desktop
Icon=kim-desktop
Terminal=false
Categories=Office;
StartupWMClass=kim-desktop
EOF
chmod 0644 "$DESKTOP"
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$DESKTOP" || die "desktop-file-validate rejected $PACKAGE.desktop"
fi

# --- copyright (DEP-5) ------------------------------------------------------------------------
FONT_LICENSE=$ROOT/kim_desktop/reports/fonts/LICENSE-DejaVu.txt
[[ -f $FONT_LICENSE ]] || die "$FONT_LICENSE missing"
NOTO_LICENSE=$ROOT/kim_desktop/reports/fonts/LICENSE-Noto.txt
[[ -f $NOTO_LICENSE ]] || die "$NOTO_LICENSE missing"
# Licence text as a DEP-5 field body: lines indented by one space, empty lines inside as " .",
# empty lines at the start and the end left out.
indent() {
    awk 'NF { while (blank > 0) { print " ."; blank-- } print " " $0; started = 1; next }
        started { blank++ }'
}
vera=$(sed -n '/^Bitstream Vera Fonts Copyright/,/^Arev Fonts Copyright/p' "$FONT_LICENSE" |
    sed -e '1,2d' -e '$d' | indent)
arev=$(sed -n '/^Arev Fonts Copyright/,$p' "$FONT_LICENSE" | sed -e '1,2d' | indent)
[[ -n $vera && -n $arev ]] || die "unexpected layout of $FONT_LICENSE"
ofl=$(sed -n '/^SIL OPEN FONT LICENSE/,$p' "$NOTO_LICENSE" | indent)
[[ -n $ofl ]] || die "unexpected layout of $NOTO_LICENSE"
{
    cat <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: KIM Desktop
Upstream-Contact: $MAINTAINER
Comment: This package holds a self-contained build of KIM Desktop made with PyInstaller.
 Besides KIM Desktop itself, /usr/lib/kim-desktop/_internal contains third-party software
 bundled from the build machine: the Python interpreter and standard library, Qt 6 and
 PySide6/Shiboken6 (LGPL-3.0; the Qt libraries are separate shared libraries in that
 folder and can be replaced), SQLCipher/sqlcipher3, SQLAlchemy, Alembic, cryptography and
 OpenSSL, jsonschema, fastjsonschema, pycountry, platformdirs, ReportLab, Pillow,
 uharfbuzz with HarfBuzz (MIT, text shaping for Arabic and Persian documents), their
 Python dependencies and the shared libraries they use. These components
 remain under their own licences, which are not changed by this package; where their
 distributions include licence files, these are kept in /usr/lib/kim-desktop/_internal
 (for example in the *.dist-info folders).

Files: *
Copyright: KIM Desktop developers
License: GPL-3.0-or-later

Files: kim_desktop/reports/fonts/DejaVuSans* kim_desktop/reports/fonts/LICENSE-DejaVu.txt
Copyright: 2003 Bitstream, Inc.
           2006 Tavmjong Bah
License: Bitstream-Vera and Arev
Comment: DejaVu fonts (installed in /usr/lib/kim-desktop/_internal/kim_desktop/reports/fonts).
 DejaVu changes are in the public domain; glyphs imported from the Arev fonts are
 copyright Tavmjong Bah. The full notice is in LICENSE-DejaVu.txt next to the fonts.

Files: kim_desktop/reports/fonts/NotoSansArabic-* kim_desktop/reports/fonts/LICENSE-Noto.txt
Copyright: 2010, 2012-2020 Google Inc.
           2015-2020 Google LLC
License: OFL-1.1
Comment: Noto Sans Arabic, Regular and Bold, unchanged from Debian's fonts-noto-core
 (installed in /usr/lib/kim-desktop/_internal/kim_desktop/reports/fonts); the licence is also
 in LICENSE-Noto.txt next to the fonts.

License: GPL-3.0-or-later
 This program is free software: you can redistribute it and/or modify it under the terms
 of the GNU General Public License as published by the Free Software Foundation, either
 version 3 of the License, or (at your option) any later version.
 .
 This program is distributed in the hope that it will be useful, but WITHOUT ANY
 WARRANTY; without even the implied warranty of MERCHANTABILITY or FITNESS FOR A
 PARTICULAR PURPOSE. See the GNU General Public License for more details.
 .
 On Debian systems, the complete text of the GNU General Public License version 3 can be
 found in "/usr/share/common-licenses/GPL-3".

EOF
    printf 'License: Bitstream-Vera\n%s\n\nLicense: Arev\n%s\n' "$vera" "$arev"
    printf '\nLicense: OFL-1.1\n%s\n' "$ofl"
} >"$STAGE/usr/share/doc/$PACKAGE/copyright"
chmod 0644 "$STAGE/usr/share/doc/$PACKAGE/copyright"
if [[ -f $ROOT/CHANGELOG.md ]]; then
    gzip -9n <"$ROOT/CHANGELOG.md" >"$STAGE/usr/share/doc/$PACKAGE/changelog.gz"
    chmod 0644 "$STAGE/usr/share/doc/$PACKAGE/changelog.gz"
fi
# The Debian changelog of this binary package (Debian policy 12.7): one entry per build.
{
    printf '%s (%s) unstable; urgency=medium\n\n' "$PACKAGE" "$VERSION"
    printf '  * Self-contained build of KIM Desktop %s; the changes are in changelog.gz.\n\n' \
        "$PY_VERSION"
    printf ' -- %s  %s\n' "$MAINTAINER" "$(LC_ALL=C date -u -R -d "@$SOURCE_DATE_EPOCH")"
} | gzip -9n >"$STAGE/usr/share/doc/$PACKAGE/changelog.Debian.gz"
chmod 0644 "$STAGE/usr/share/doc/$PACKAGE/changelog.Debian.gz"

# --- lintian overrides: what a self-contained build is, each with its reason ------------------
install -D -m 0644 "$ROOT/packaging/lintian-overrides" \
    "$STAGE/usr/share/lintian/overrides/$PACKAGE"

# --- maintainer scripts -----------------------------------------------------------------------
# Only refresh the desktop database and the icon cache (dpkg triggers usually do this too);
# never fail. $DPKG_ROOT is set when dpkg installs into another root (dpkg --root with
# --force-script-chrootless).
cat >"$STAGE/DEBIAN/postinst" <<'EOF'
#!/bin/sh
set -e

refresh() {
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "${DPKG_ROOT:-}/usr/share/applications" || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 \
        && [ -f "${DPKG_ROOT:-}/usr/share/icons/hicolor/index.theme" ]; then
        gtk-update-icon-cache -q -t -f "${DPKG_ROOT:-}/usr/share/icons/hicolor" || true
    fi
}

case "$1" in
    configure) refresh ;;
esac
exit 0
EOF
cat >"$STAGE/DEBIAN/postrm" <<'EOF'
#!/bin/sh
set -e

refresh() {
    if command -v update-desktop-database >/dev/null 2>&1 \
        && [ -d "${DPKG_ROOT:-}/usr/share/applications" ]; then
        update-desktop-database -q "${DPKG_ROOT:-}/usr/share/applications" || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 \
        && [ -f "${DPKG_ROOT:-}/usr/share/icons/hicolor/index.theme" ]; then
        gtk-update-icon-cache -q -t -f "${DPKG_ROOT:-}/usr/share/icons/hicolor" || true
    fi
}

# Neither remove nor purge touches /etc/xdg/kim-desktop/policy.json: the machine-wide policy
# belongs to the administrator (it is not part of this package, not a conffile) and stays
# in force for a reinstallation. Users' case files, settings and logs stay as well.
case "$1" in
    remove | purge) refresh ;;
esac
exit 0
EOF
chmod 0755 "$STAGE/DEBIAN/postinst" "$STAGE/DEBIAN/postrm"

# --- control ----------------------------------------------------------------------------------
# Installed-Size as dpkg-gencontrol counts it: KiB per file, rounded up, and 1 per other entry.
INSTALLED_SIZE=$(find "$STAGE" -path "$STAGE/DEBIAN" -prune -o -printf '%y %s\n' |
    awk '{ total += ($1 == "f") ? int(($2 + 1023) / 1024) : 1 } END { print total }')
# Libraries the bundled Qt (xcb platform plugin, EGL/GLX integration, D-Bus, fonts) loads from
# the system. PyInstaller bundles copies of some of them; depending on them anyway keeps the
# package working when those copies are left out, and they are present on every desktop.
# Debian trixie and Ubuntu 24.04 renamed libglib2.0-0 to libglib2.0-0t64 (64-bit time_t).
DEPENDS="libc6 (>= $GLIBC), libstdc++6, libgcc-s1, zlib1g, libfontconfig1, libfreetype6, libx11-6,"
DEPENDS+=" libx11-xcb1, libxcb1, libxkbcommon0, libxkbcommon-x11-0, libxcb-cursor0,"
DEPENDS+=" libxcb-icccm4, libxcb-image0, libxcb-keysyms1, libxcb-randr0, libxcb-render-util0,"
DEPENDS+=" libxcb-shape0, libxcb-xinerama0, libxcb-xkb1, libxcb-render0, libxcb-shm0,"
DEPENDS+=" libxcb-sync1, libxcb-xfixes0, libegl1, libgl1, libdrm2, libdbus-1-3,"
DEPENDS+=" libglib2.0-0t64 | libglib2.0-0"
cat >"$STAGE/DEBIAN/control" <<EOF
Package: $PACKAGE
Version: $VERSION
Architecture: $ARCH
Maintainer: $MAINTAINER
Installed-Size: $INSTALLED_SIZE
Depends: $DEPENDS
Section: misc
Priority: optional
Description: encrypted offline case file for Kommunales Integrationsmanagement NRW
 KIM Desktop keeps the case file of Kommunales Integrationsmanagement
 (KIM) NRW encrypted on the local computer and produces anonymised
 statistics and reports.
 .
 This package holds a self-contained build (Python, Qt and all libraries
 bundled) in /usr/lib/kim-desktop: kim-desktop, the graphical program, and
 kim, the command line tool. The machine-wide policy
 /etc/xdg/kim-desktop/policy.json is not part of the package;
 administrators create it themselves.
EOF
chmod 0644 "$STAGE/DEBIAN/control"
(cd "$STAGE" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z |
    xargs -0 md5sum) >"$STAGE/DEBIAN/md5sums"
chmod 0644 "$STAGE/DEBIAN/md5sums"

# --- build ------------------------------------------------------------------------------------
# Every time stamp is SOURCE_DATE_EPOCH (dpkg-deb also takes it for the ar members), and xz
# runs single-threaded: its output depends on the thread count otherwise.
find "$STAGE" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
mkdir -p "$OUT"
DEB=$(cd "$OUT" && pwd)/${PACKAGE}_${VERSION}_${ARCH}.deb
dpkg-deb --build --root-owner-group -Zxz --threads-max=1 "$STAGE" "$DEB" >/dev/null
echo "$DEB"
