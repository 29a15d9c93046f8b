"""Per-user settings: recent files, language, auto-lock. Never a passphrase."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

ORGANISATION = "KIM Desktop"
APPLICATION = "kim-desktop"
MAX_RECENT = 8
DEFAULT_AUTO_LOCK_MINUTES = 5
LANGUAGES = ("de", "en")


class Settings:
    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store or QSettings(ORGANISATION, APPLICATION)

    # -- recent files ----------------------------------------------------------------------

    def recent_files(self) -> list[Path]:
        value = self._store.value("recent_files", [])
        names = [value] if isinstance(value, str) else list(value or [])
        return [Path(name) for name in names if name]

    def remember_file(self, path: Path) -> None:
        path = path.resolve()
        files = [p for p in self.recent_files() if p != path]
        self._store.setValue("recent_files", [str(p) for p in [path, *files][:MAX_RECENT]])

    def forget_file(self, path: Path) -> None:
        files = [p for p in self.recent_files() if p != path.resolve() and p != path]
        self._store.setValue("recent_files", [str(p) for p in files])

    # -- preferences -----------------------------------------------------------------------

    def language(self) -> str:
        value = str(self._store.value("language", "de"))
        return value if value in LANGUAGES else "de"

    def set_language(self, language: str) -> None:
        self._store.setValue("language", language if language in LANGUAGES else "de")

    def auto_lock_minutes(self) -> int:
        try:
            minutes = int(self._store.value("auto_lock_minutes", DEFAULT_AUTO_LOCK_MINUTES))
        except (TypeError, ValueError):
            minutes = DEFAULT_AUTO_LOCK_MINUTES
        return max(1, min(minutes, 120))

    def set_auto_lock_minutes(self, minutes: int) -> None:
        self._store.setValue("auto_lock_minutes", max(1, min(int(minutes), 120)))

    def sync(self) -> None:
        self._store.sync()
