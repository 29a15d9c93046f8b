"""Where KIM Desktop keeps its own files (never case files: users choose where those go).

- Machine-wide policy: ``platformdirs.site_config_path`` — ``/etc/xdg/kim-desktop/`` on
  Linux (honours ``XDG_CONFIG_DIRS``), ``C:\\ProgramData\\kim-desktop\\`` on Windows.
- Per-user settings, data and logs: the platformdirs user folders, e.g.
  ``~/.config/kim-desktop``, ``~/.local/state/kim-desktop/log`` or
  ``%LOCALAPPDATA%\\kim-desktop\\...``.
- Portable use: with ``KIM_DESKTOP_HOME`` set, settings, data and logs live below that
  folder instead (``config/``, ``data/``, ``logs/``), e.g. on an encrypted USB drive."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "kim-desktop"
PORTABLE_ENV = "KIM_DESKTOP_HOME"
POLICY_ENV = "KIM_POLICY_FILE"
POLICY_NAME = "policy.json"
LOG_NAME = "kim-desktop.log"


def portable_home() -> Path | None:
    value = os.environ.get(PORTABLE_ENV, "").strip()
    return Path(value).expanduser().absolute() if value else None


def user_config_dir() -> Path:
    home = portable_home()
    return home / "config" if home else platformdirs.user_config_path(APP, appauthor=False)


def user_data_dir() -> Path:
    home = portable_home()
    return home / "data" if home else platformdirs.user_data_path(APP, appauthor=False)


def user_log_dir() -> Path:
    home = portable_home()
    return home / "logs" if home else platformdirs.user_log_path(APP, appauthor=False)


def site_config_dir() -> Path:
    return platformdirs.site_config_path(APP, appauthor=False)


def machine_policy_file() -> Path:
    return site_config_dir() / POLICY_NAME


def policy_file() -> Path:
    """The policy in force: the machine-wide file when it exists. Only without one does
    ``KIM_POLICY_FILE`` name another (portable use, trying a policy out) — so a user cannot
    step around the policy IT has put on the machine."""
    machine = machine_policy_file()
    if machine.exists():
        return machine
    override = os.environ.get(POLICY_ENV, "").strip()
    return Path(override).expanduser() if override else machine


def settings_file() -> Path:
    return user_config_dir() / "settings.ini"


def log_file() -> Path:
    return user_log_dir() / LOG_NAME
