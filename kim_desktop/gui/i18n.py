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
    ours = QTranslator(app)
    if _language == "en":
        # The source strings are English; this file only holds the plural forms ("1 case",
        # "2 cases" for the source "%n case(s)").
        if ours.load("kim_desktop_en", str(I18N_FOLDER)):
            app.installTranslator(ours)
            _installed.append(ours)
        return
    if ours.load(f"kim_desktop_{_language}", str(I18N_FOLDER)):
        app.installTranslator(ours)
        _installed.append(ours)
    qt_own = QTranslator(app)
    if qt_own.load(
        locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
