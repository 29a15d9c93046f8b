"""The inputs the record forms share: catalogue choices, nationality, dates with the rules
of their kind (a birth date is never ahead, an event not more than two years), and the text
and municipality of a field as core wants them."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

from kim_desktop.core import casework
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.gui import i18n
from kim_desktop.gui.date_field import DateField


def catalogue_combo(
    casefile: CaseFile, name: str, optional: bool = False, none_text: str = "—"
) -> QComboBox:
    """A combo box of a catalogue's labels (current language) carrying the codes."""
    combo = QComboBox()
    if optional:
        combo.addItem(none_text, None)
    catalogue = casework.catalogues_of(casefile)[name]
    language = i18n.current_language()
    for entry in catalogue.entries:
        combo.addItem(entry.label(language), entry.code)
    return combo


def referred_by_combo(casefile: CaseFile) -> QComboBox:
    """Who sent the client (optional): self-referral first, then the file's referral
    targets."""
    combo = QComboBox()
    combo.addItem("—", None)
    catalogues = casework.catalogues_of(casefile)
    language = i18n.current_language()
    for code in cat.referred_by_codes(catalogues):
        combo.addItem(cat.referred_by_label(code, catalogues, language), code)
    return combo


def nationality_combo() -> QComboBox:
    """Nationalities: none chosen, then stateless / unresolved / unknown, then the states (and
    Kosovo) by name as the window's language spells them, sorted as a reader expects
    ("Ägypten" under A). Typing a name's first letters selects it."""
    combo = QComboBox()
    combo.setEditable(False)
    combo.addItem("—", None)
    language = i18n.current_language()
    special = [code for code in cat.NATIONALITY_SPECIAL if code in cat.nationality_codes()]
    states = sorted(
        cat.nationality_codes() - set(special),
        key=lambda code: casework.fold(cat.nationality_label(code, language)),
    )
    for code in special:  # words of the window's language only, no "staatenlos (stateless)"
        combo.addItem(cat.nationality_label(code, language), code)
    for code in states:
        combo.addItem(f"{cat.nationality_label(code, language)} ({code})", code)
    return combo


def select_code(combo: QComboBox, code: str | None) -> None:
    index = combo.findData(code)
    combo.setCurrentIndex(index if index >= 0 else 0)


# Appointments and other event dates further ahead than this are typing mistakes.
FAR_AHEAD = dt.timedelta(days=730)


def date_edit(
    value: dt.date | None = None, accessible_name: str = "", field: str = "date"
) -> DateField:
    """A required date, shown as ``value`` or today; not more than two years ahead."""
    today = dt.date.today()
    return DateField(
        value or today,
        accessible_name,
        field=field,
        latest=today + FAR_AHEAD,
        latest_problem=QCoreApplication.translate(
            "Dialogs", "The date lies more than two years ahead: please check the year."
        ),
    )


def optional_date(value: dt.date | None, accessible_name: str, field: str) -> DateField:
    """A date that may stay empty (a due date, a follow-up)."""
    today = dt.date.today()
    return DateField(
        value,
        accessible_name,
        field=field,
        optional=True,
        latest=today + FAR_AHEAD,
        latest_problem=QCoreApplication.translate(
            "Dialogs", "The date lies more than two years ahead: please check the year."
        ),
    )


def past_date(value: dt.date | None, accessible_name: str, field: str, problem: str) -> DateField:
    """A date that may stay empty (unknown) and cannot lie ahead: birth, arrival."""
    return DateField(
        value,
        accessible_name,
        field=field,
        optional=True,
        past_only=True,
        latest=dt.date.today(),
        latest_problem=problem,
    )


def entered_text(edit: QLineEdit | QPlainTextEdit) -> str | None:
    value = edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()
    return value.strip() or None


def known_municipality(casefile: CaseFile, typed: str) -> str:
    """The municipality as the file spells it; a new name is added to the file's list
    (core refuses near-duplicates such as "lohmar" beside "Lohmar")."""
    name = typed.strip()
    existing = casework.list_municipalities(casefile)
    if name in existing or not name:
        return name
    return casework.add_municipality(casefile, name)
