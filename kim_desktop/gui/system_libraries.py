"""The system libraries Qt needs on Linux, checked before the window starts.

PySide6's wheel brings Qt itself, but its X11 platform plugin (``libqxcb.so``) and its modules
link against libraries of the system (the xcb utilities, xkbcommon, EGL/GL, fontconfig, …).
Where one is missing, Qt aborts at start (exit code 134, "could not load the Qt platform
plugin xcb") and the user sees no reason. ``tools/run.sh`` runs this module first: it asks
``ldd`` what is "not found" and prints the one install command that fixes it (exit 2).

Imports nothing of Qt: it must run where Qt cannot start.

    python -m kim_desktop.gui.system_libraries     # exit 0: complete; 2: missing (said how)
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

EXIT_MISSING = 2

# What the program loads of PySide6: the X11 platform plugin and the Python modules it imports.
TARGETS = (
    "Qt/plugins/platforms/libqxcb.so",
    "QtCore.abi3.so",
    "QtGui.abi3.so",
    "QtWidgets.abi3.so",
    "QtCharts.abi3.so",
)

# Library (soname) -> Debian/Ubuntu package, as ``dpkg -S`` names them on Debian 12; the
# same names on Ubuntu 22.04 and 24.04 (apt picks the t64 package where one replaced them).
DEBIAN_PACKAGES = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libGLdispatch.so.0": "libglvnd0",
    "libOpenGL.so.0": "libopengl0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libXau.so.6": "libxau6",
    "libXdmcp.so.6": "libxdmcp6",
    "libXext.so.6": "libxext6",
    "libXrender.so.1": "libxrender1",
    "libbrotlicommon.so.1": "libbrotli1",
    "libbrotlidec.so.1": "libbrotli1",
    "libbsd.so.0": "libbsd0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libexpat.so.1": "libexpat1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0",
    "libgio-2.0.so.0": "libglib2.0-0",
    "libpcre2-8.so.0": "libpcre2-8-0",
    "libpng16.so.16": "libpng16-16",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libz.so.1": "zlib1g",
    "libzstd.so.1": "libzstd1",
}

_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found\s*$")


def missing_libraries(ldd_output: str) -> list[str]:
    """The libraries ``ldd`` reports as "not found", each once, in the order seen."""
    seen: dict[str, None] = {}
    for line in ldd_output.splitlines():
        match = _NOT_FOUND.match(line)
        if match:
            seen.setdefault(match.group(1))
    return list(seen)


def install_command(missing: Iterable[str], os_release: str) -> str:
    """The command that installs ``missing`` on this system, from ``/etc/os-release``: apt
    by package name, dnf by the library itself (RPM provides ``libfoo.so.1()(64bit)``)."""
    names = list(dict.fromkeys(missing))
    family = _family(os_release)
    if family == "fedora":
        return "sudo dnf install " + " ".join(f"'{name}()(64bit)'" for name in names)
    if family == "debian":
        packages = dict.fromkeys(DEBIAN_PACKAGES.get(name, name) for name in names)
        return "sudo apt-get install " + " ".join(packages)
    return "install the packages that provide: " + " ".join(names)


def _family(os_release: str) -> str | None:
    ids: list[str] = []
    for line in os_release.splitlines():
        key, _, value = line.partition("=")
        if key in ("ID", "ID_LIKE"):
            ids.extend(value.strip().strip('"').split())
    if any(name in ("debian", "ubuntu") for name in ids):
        return "debian"
    if any(name in ("fedora", "rhel", "centos") for name in ids):
        return "fedora"
    return None


def message(missing: Sequence[str], os_release: str) -> str:
    return (
        "KIM Desktop cannot open its window: these system libraries are missing:\n  "
        + " ".join(missing)
        + "\nInstall them with:\n  "
        + install_command(missing, os_release)
        + "\nthen start again. (Without a window: .venv/bin/kim --help.)"
    )


def pyside_folder() -> Path | None:
    """PySide6's folder, found without importing it (importing may already fail)."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def ldd_output(files: Iterable[Path]) -> str:
    ldd = shutil.which("ldd")
    if ldd is None:
        return ""  # not a glibc system we can ask; Qt will say it itself
    outputs = []
    for file in files:
        if file.exists():
            done = subprocess.run(
                [ldd, str(file)], capture_output=True, text=True, timeout=60, check=False
            )
            outputs.append(done.stdout)
    return "\n".join(outputs)


def main() -> int:
    if not sys.platform.startswith("linux"):
        return 0
    folder = pyside_folder()
    if folder is None:
        sys.stderr.write("KIM Desktop: PySide6 is not installed (pip install -e .).\n")
        return EXIT_MISSING
    missing = missing_libraries(ldd_output(folder / target for target in TARGETS))
    if not missing:
        return 0
    try:
        os_release = Path("/etc/os-release").read_text("utf-8", errors="replace")
    except OSError:
        os_release = ""
    sys.stderr.write(message(missing, os_release) + "\n")
    return EXIT_MISSING


if __name__ == "__main__":
    raise SystemExit(main())
