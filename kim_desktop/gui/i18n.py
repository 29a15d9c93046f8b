"""Language: Qt translators for our strings (``i18n/kim_desktop_<lang>.qm``) and Qt's own
dialogs, and the locale for dates and numbers. Source strings are English; German is the
default language and its translation is kept complete."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

I18N_FOLDER = Path(__file__).parent / "i18n"
_installed: list[QTranslator] = []
_language = "de"


def current_language() -> str:
    return _language


def install(app: QCoreApplication, language: str) -> None:
    """Load the translators for ``language`` ("de" or "en") and set the default locale."""
    global _language
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _language = language if language in ("de", "en") else "de"
    locale = (
        QLocale(QLocale.Language.German, QLocale.Country.Germany)
        if _language == "de"
        else QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    )
    QLocale.setDefault(locale)
    if _language == "en":
        return  # the source strings are English
    ours = QTranslator(app)
    if ours.load(f"kim_desktop_{_language}", str(I18N_FOLDER)):
        app.installTranslator(ours)
        _installed.append(ours)
    qt_own = QTranslator(app)
    if qt_own.load(
        locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
