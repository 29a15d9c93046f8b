"""Per-user settings (recent files, language, auto-lock; never a passphrase) in
``paths.settings_file()``, under the machine-wide policy: a policy value is the default, and a
key the policy locks cannot be changed here (the setters refuse and return False)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QStandardPaths

from kim_desktop.core.platform import paths
from kim_desktop.core.platform import policy as machine_policy
from kim_desktop.core.platform.policy import Policy

MAX_RECENT = 8
LANGUAGES = machine_policy.LANGUAGES


def _user_store() -> QSettings:
    return QSettings(str(paths.settings_file()), QSettings.Format.IniFormat)


class Settings:
    def __init__(self, store: QSettings | None = None, policy: Policy | None = None) -> None:
        self._store = store or _user_store()
        self.policy = policy if policy is not None else machine_policy.load_policy()

    def is_locked(self, key: str) -> bool:
        return self.policy.is_locked(key)

    # -- recent files ----------------------------------------------------------------------

    def recent_files(self) -> list[Path]:
        value: Any = self._store.value("recent_files", [])
        names = [value] if isinstance(value, str) else list(value or [])
        return [Path(name) for name in names if name]

    def remember_file(self, path: Path) -> None:
        path = path.resolve()
        files = [p for p in self.recent_files() if p != path]
        self._store.setValue("recent_files", [str(p) for p in [path, *files][:MAX_RECENT]])

    # -- preferences -----------------------------------------------------------------------

    def language(self) -> str:
        stored = self._store.value("language")
        chosen = stored if stored in LANGUAGES else None
        return str(self.policy.effective(machine_policy.LANGUAGE, chosen))

    def set_language(self, language: str) -> bool:
        if self.is_locked(machine_policy.LANGUAGE) or language not in LANGUAGES:
            return False
        self._store.setValue("language", language)
        return True

    def auto_lock_minutes(self) -> int:
        low, high = machine_policy.AUTO_LOCK_RANGE
        try:
            stored = self._store.value("auto_lock_minutes")
            chosen = None if stored is None else max(low, min(int(stored), high))
        except (TypeError, ValueError):
            chosen = None
        return int(self.policy.effective(machine_policy.AUTO_LOCK_MINUTES, chosen))

    def set_auto_lock_minutes(self, minutes: int) -> bool:
        if self.is_locked(machine_policy.AUTO_LOCK_MINUTES):
            return False
        low, high = machine_policy.AUTO_LOCK_RANGE
        self._store.setValue("auto_lock_minutes", max(low, min(int(minutes), high)))
        return True

    def min_passphrase_length(self) -> int:
        return self.policy.min_passphrase_length

    def default_folder(self) -> Path:
        """Where new case files and documents are proposed: the policy's folder, else the
        user's documents folder."""
        folder = self.policy.get(machine_policy.DEFAULT_FOLDER)
        if folder is not None:
            return Path(folder)
        found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(found) if found else Path.home()

    def sync(self) -> None:
        self._store.sync()
