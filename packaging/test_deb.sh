#!/usr/bin/env bash
# Install, try and remove a kim-desktop .deb built by packaging/build_deb.sh:
#
#     packaging/test_deb.sh DEB_FILE
#
# As root the package is really installed (dpkg -i; missing dependencies come from the
# configured apt sources), kim is run from PATH, the desktop entry is validated and the
# package is removed and purged again; a case file made during the test must survive that,
# and the machine-wide policy /etc/xdg/kim-desktop/policy.json must be left as it was.
# Without root the package is unpacked into a temporary root with dpkg --root (dependencies
# not checked) and kim is run from there. Exits non-zero on the first failure.
set -euo pipefail
umask 022

INSTALLED=no
fail() {
    echo "test_deb.sh: FAIL: $*" >&2
    if [[ $INSTALLED == yes ]]; then
        echo "test_deb.sh: kim-desktop is still installed; remove it with: dpkg -r kim-desktop" >&2
    fi
    exit 1
}
step() { echo "-- $*"; }

[[ $# -eq 1 ]] || fail "usage: test_deb.sh DEB_FILE"
[[ -f $1 ]] || fail "no such file: $1"
DEB=$(realpath "$1")
export PATH=$PATH:/usr/local/sbin:/usr/sbin:/sbin # dpkg needs ldconfig and friends
PACKAGE=$(dpkg-deb -f "$DEB" Package) || fail "$DEB is not a Debian package"
[[ $PACKAGE == kim-desktop ]] || fail "$DEB is package '$PACKAGE', not kim-desktop"
VERSION=$(dpkg-deb -f "$DEB" Version)
PASSPHRASE='correct horse battery staple'
POLICY=/etc/xdg/kim-desktop/policy.json

TMP=$(mktemp -d "${TMPDIR:-/tmp}/kim-deb-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
mkdir "$TMP/home"

step "package $(basename "$DEB") ($(du -h "$DEB" | cut -f1))"
if dpkg-deb -c "$DEB" | grep -q ' \./etc/'; then
    fail "the package ships files below /etc"
fi
if dpkg-deb --ctrl-tarfile "$DEB" | tar -t | grep -qx '\./conffiles'; then
    fail "the package has conffiles"
fi

# kim with a private HOME, so that settings and logs land in $TMP.
kim_env() { env -u XDG_CONFIG_HOME -u XDG_DATA_HOME -u XDG_STATE_HOME HOME="$TMP/home" "$@"; }

is_json() {
    if command -v python3 >/dev/null; then
        python3 -c 'import json, sys; json.load(sys.stdin)' <"$1" 2>/dev/null
    elif command -v jq >/dev/null; then
        jq empty <"$1" 2>/dev/null
    else
        [[ $(head -c 1 "$1") == "{" ]]
    fi
}

# Run kim and kim-desktop as found in PATH ($1: the folder they must be found in).
check_programs() {
    local bin=$1 out version
    [[ $(command -v kim) == "$bin/kim" ]] || fail "kim in PATH is '$(command -v kim)', not $bin/kim"
    out=$(kim_env kim --version 2>&1) || fail "kim --version failed: $out"
    [[ $out == "kim ${VERSION//\~/}" || $out == "kim ${VERSION//\~/.}" ]] ||
        fail "kim --version printed '$out', package version is $VERSION"
    step "kim from PATH ($bin/kim): $out"
    version=$out
    out=$(QT_QPA_PLATFORM=offscreen kim_env kim-desktop --version 2>&1) ||
        fail "kim-desktop --version failed: $out"
    [[ $out == "kim-desktop ${version#kim }" ]] || fail "kim-desktop --version printed '$out'"
    if ! KIM_PASSPHRASE=$PASSPHRASE kim_env kim demo "$TMP/demo.kim" >"$TMP/demo.log" 2>&1; then
        tail -n 5 "$TMP/demo.log" >&2
        fail "kim demo failed"
    fi
    if ! KIM_PASSPHRASE=$PASSPHRASE kim_env kim stats "$TMP/demo.kim" --period 2025 \
        --format json >"$TMP/stats.json" 2>"$TMP/stats.log"; then
        tail -n 5 "$TMP/stats.log" >&2
        fail "kim stats failed"
    fi
    is_json "$TMP/stats.json" || fail "kim stats --format json did not print JSON"
    step "kim demo + kim stats --format json: ok ($(wc -c <"$TMP/stats.json") bytes of JSON)"
}

validate_desktop_file() {
    if command -v desktop-file-validate >/dev/null; then
        desktop-file-validate "$1" || fail "desktop-file-validate rejected $1"
        step "desktop-file-validate: ok"
    else
        step "desktop-file-validate not installed, desktop entry not checked"
    fi
}

if [[ $EUID -eq 0 ]]; then
    export DEBIAN_FRONTEND=noninteractive
    policy_before=$(sha256sum "$POLICY" 2>/dev/null || echo absent)
    if ! command -v desktop-file-validate >/dev/null; then
        apt-get install -y -qq desktop-file-utils >"$TMP/apt.log" 2>&1 ||
            step "could not install desktop-file-utils"
    fi

    step "dpkg -i"
    INSTALLED=yes
    if ! dpkg -i "$DEB" >"$TMP/dpkg.log" 2>&1; then
        # Dependencies missing: let apt fetch them and finish the configuration.
        step "installing missing dependencies with apt-get install -f"
        if ! apt-get install -y -qq -f >"$TMP/apt.log" 2>&1; then
            apt-get update -qq >>"$TMP/apt.log" 2>&1 || true
            apt-get install -y -qq -f >>"$TMP/apt.log" 2>&1 || {
                tail -n 15 "$TMP/dpkg.log" "$TMP/apt.log" >&2
                fail "could not install the dependencies"
            }
        fi
    fi
    status=$(dpkg-query -W -f='${Status}' kim-desktop 2>/dev/null || true)
    if [[ $status != "install ok installed" ]]; then
        tail -n 15 "$TMP/dpkg.log" >&2
        fail "kim-desktop is not installed after dpkg -i (status: ${status:-none})"
    fi
    step "installed: $(dpkg-query -W -f='${Package} ${Version}' kim-desktop)"
    if dpkg -L kim-desktop | grep -q '^/etc/'; then
        fail "the installed package owns files below /etc"
    fi

    check_programs /usr/bin
    validate_desktop_file /usr/share/applications/kim-desktop.desktop

    step "dpkg -r kim-desktop"
    dpkg -r kim-desktop >"$TMP/dpkg.log" 2>&1 || {
        tail -n 15 "$TMP/dpkg.log" >&2
        fail "dpkg -r kim-desktop failed"
    }
    INSTALLED=no
    [[ ! -e /usr/bin/kim && ! -L /usr/bin/kim ]] || fail "/usr/bin/kim still there after removal"
    [[ ! -e /usr/lib/kim-desktop ]] || fail "/usr/lib/kim-desktop still there after removal"
    [[ -f $TMP/demo.kim ]] || fail "the case file $TMP/demo.kim is gone after removal"
    step "removed: /usr/bin/kim and /usr/lib/kim-desktop gone, case file kept"
    dpkg -P kim-desktop >"$TMP/dpkg.log" 2>&1 || {
        tail -n 15 "$TMP/dpkg.log" >&2
        fail "dpkg -P kim-desktop failed"
    }
    [[ -f $TMP/demo.kim ]] || fail "the case file $TMP/demo.kim is gone after purge"
    [[ $(sha256sum "$POLICY" 2>/dev/null || echo absent) == "$policy_before" ]] ||
        fail "$POLICY was changed by installing, removing or purging the package"
    step "purged: case file kept, $POLICY unchanged"
else
    ROOT=$TMP/root
    mkdir -p "$ROOT/var/lib/dpkg/info" "$ROOT/var/lib/dpkg/updates" "$ROOT/var/log"
    touch "$ROOT/var/lib/dpkg/status" "$ROOT/var/lib/dpkg/available"
    # Not root: no chroot for the maintainer scripts (they honour $DPKG_ROOT), no
    # dependency check, no chown.
    dpkg_root() {
        dpkg --root="$ROOT" --log="$ROOT/var/log/dpkg.log" --force-not-root \
            --force-script-chrootless --force-depends "$@" >"$TMP/dpkg.log" 2>&1 || {
            tail -n 15 "$TMP/dpkg.log" >&2
            fail "dpkg --root=$ROOT $* failed"
        }
    }
    step "not root: dpkg --root=$ROOT -i (dependencies not checked)"
    dpkg_root -i "$DEB"
    PATH=$ROOT/usr/bin:$PATH check_programs "$ROOT/usr/bin"
    validate_desktop_file "$ROOT/usr/share/applications/kim-desktop.desktop"
    step "dpkg --root=$ROOT -r kim-desktop"
    dpkg_root -r kim-desktop
    [[ ! -e $ROOT/usr/bin/kim && ! -L $ROOT/usr/bin/kim ]] || fail "usr/bin/kim still there"
    [[ ! -e $ROOT/usr/lib/kim-desktop ]] || fail "usr/lib/kim-desktop still there after removal"
    [[ -f $TMP/demo.kim ]] || fail "the case file $TMP/demo.kim is gone after removal"
    step "removed: usr/bin/kim and opt/kim-desktop gone, case file kept"
    dpkg_root -P kim-desktop
fi
echo "test_deb.sh: all checks passed"
