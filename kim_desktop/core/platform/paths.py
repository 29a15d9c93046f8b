"""Where KIM Desktop keeps its own files (never case files: users choose where those go).

- Machine-wide policy: ``/etc/xdg/kim-desktop/`` on Linux (then the other
  ``XDG_CONFIG_DIRS``), ``C:\\ProgramData\\kim-desktop\\`` on Windows
  (``machine_policy_candidates``).
- Per-user settings and logs: the platformdirs user folders, e.g.
  ``~/.config/kim-desktop``, ``~/.local/state/kim-desktop/log`` or
  ``%LOCALAPPDATA%\\kim-desktop\\...``.
- Portable use: with ``KIM_DESKTOP_HOME`` set, settings and logs live below that folder
  instead (``config/``, ``logs/``), e.g. on an encrypted USB drive."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP = "kim-desktop"
PORTABLE_ENV = "KIM_DESKTOP_HOME"
POLICY_ENV = "KIM_POLICY_FILE"
POLICY_NAME = "policy.json"


def portable_home() -> Path | None:
    value = os.environ.get(PORTABLE_ENV, "").strip()
    return Path(value).expanduser().absolute() if value else None


def user_config_dir() -> Path:
    home = portable_home()
    return home / "config" if home else platformdirs.user_config_path(APP, appauthor=False)


def user_log_dir() -> Path:
    home = portable_home()
    return home / "logs" if home else platformdirs.user_log_path(APP, appauthor=False)


SYSTEM_XDG = Path("/etc/xdg")


def site_config_dir() -> Path:
    return platformdirs.site_config_path(APP, appauthor=False)


def machine_policy_candidates() -> list[Path]:
    """Where a machine-wide policy may be, in order. On Windows and macOS one place
    (``C:\\ProgramData\\kim-desktop``, ``/Library/Application Support/kim-desktop``). On Linux
    ``/etc/xdg/kim-desktop`` first — so a user's ``XDG_CONFIG_DIRS`` cannot hide it — then
    every entry of ``XDG_CONFIG_DIRS`` (desktop sessions prepend their own folders, and
    platformdirs would only look at the first)."""
    if not sys.platform.startswith("linux"):
        return [site_config_dir() / POLICY_NAME]
    folders = [SYSTEM_XDG]
    for entry in os.environ.get("XDG_CONFIG_DIRS", "").split(os.pathsep):
        if entry.strip() and Path(entry) not in folders:
            folders.append(Path(entry))
    return [folder / APP / POLICY_NAME for folder in folders]


def machine_policy_file() -> Path:
    """The machine-wide policy in force: the first candidate that exists (a dangling or
    unreadable entry counts: it is reported, not skipped), else the first candidate."""
    candidates = machine_policy_candidates()
    for candidate in candidates:
        if present(candidate):
            return candidate
    return candidates[0]


def present(path: Path) -> bool:
    """Whether something is at ``path`` — also a broken symlink or a file behind a folder
    this user may not search (that is a problem to report, not a missing policy)."""
    try:
        if os.path.lexists(path):
            return True
        return os.path.lexists(path.parent) and not os.access(path.parent, os.X_OK)
    except OSError:
        return True


def policy_file() -> Path:
    """The policy in force: the machine-wide file when there is one. Only without one does
    ``KIM_POLICY_FILE`` name another (portable use, trying a policy out) — so a user cannot
    step around the policy IT has put on the machine."""
    machine = machine_policy_file()
    if present(machine):
        return machine
    override = os.environ.get(POLICY_ENV, "").strip()
    return Path(override).expanduser() if override else machine


def settings_file() -> Path:
    return user_config_dir() / "settings.ini"


def log_file(program: str = APP) -> Path:
    """One log per program (``kim.log``, ``kim-desktop.log``): two processes never rotate
    the same file, which Windows would refuse while the other has it open."""
    return user_log_dir() / f"{program}.log"
