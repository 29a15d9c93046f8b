"""The window's language choices for the printed documents (issue 16): every language with a
text in force, by its own name; the goal agreement and the Art. 15 copy printed in the chosen
one, driven by keyboard and mouse like a user."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import PASSPHRASE
from gui_support import settle
from pypdf import PdfReader
from PySide6.QtCore import Qt

from kim_desktop.core import casework
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.gui.views.case_detail import CaseDetailWidget, PrintConsentDialog

TODAY = dt.date(2025, 9, 15)
# the languages besides German, each by its own name, in the order of their codes
OWN_NAMES = [
    "العربية (ar)",
    "English (en)",
    "فارسی (fa)",
    "Русский (ru)",
    "Türkçe (tr)",
    "Українська (uk)",
]


def pdf_text(path: Path) -> str:
    """The text of a PDF; shaped Arabic letters folded to their base letters (NFKC)."""
    reader = PdfReader(path)
    text = " ".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))


@pytest.fixture
def widget(qtbot, demo_file: Path) -> Iterator[CaseDetailWidget]:
    casefile = CaseFile.open(demo_file, PASSPHRASE)
    case = next(
        detail
        for row in casework.list_cases(casefile, casework.CaseFilter(), limit=200)
        if (detail := casework.get_case(casefile, row.id)).goals and detail.members
    )
    shown = CaseDetailWidget(today=TODAY)
    qtbot.addWidget(shown)
    shown.resize(1100, 700)
    shown.show_case(casefile, case.id)
    yield shown
    shown.clear()
    casefile.close()


def items(combo) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_the_goal_agreement_prints_in_the_language_chosen(
    qtbot, widget: CaseDetailWidget, tmp_path: Path, monkeypatch
) -> None:
    target = tmp_path / "goals.pdf"
    monkeypatch.setattr(widget, "_save_path", lambda _title, _suggested: target)
    combo = widget.goals_language
    assert items(combo)[1:] == OWN_NAMES
    assert items(combo)[0] in ("German only", "Nur Deutsch")
    assert combo.currentData() == "de"  # German alone unless chosen
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_End)  # Українська, the last
    qtbot.keyClick(combo, Qt.Key.Key_Up)  # Türkçe
    assert combo.currentData() == "tr"
    qtbot.mouseClick(widget.print_goals_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    text = pdf_text(target)
    assert "Zielvereinbarung" in text and "Hedef anlaşması" in text


def test_the_consent_dialog_offers_the_languages_by_their_own_names(
    widget: CaseDetailWidget,
) -> None:
    widget.members_table.setCurrentIndex(widget.members_model.index(0, 0))
    dialog = widget.print_consent_dialog()
    assert isinstance(dialog, PrintConsentDialog)
    assert items(dialog.language)[1:] == OWN_NAMES
    assert dialog.language.currentData() == "en"


def test_the_access_copy_prints_in_the_language_chosen(
    qtbot, widget: CaseDetailWidget, tmp_path: Path, monkeypatch
) -> None:
    target = tmp_path / "copy.pdf"
    monkeypatch.setattr(widget, "_save_path", lambda _title, _suggested: target)
    monkeypatch.setattr(widget, "_ask", lambda _title, _text: True)
    widget.members_table.setCurrentIndex(widget.members_model.index(0, 0))
    widget.print_access_copy()
    settle(qtbot)
    dialog = widget.access_copy_dialog()
    assert dialog is not None
    assert items(dialog.language)[1:] == OWN_NAMES
    dialog.language.setCurrentIndex(dialog.language.findData("ar"))
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    settle(qtbot)
    assert target.exists()
    assert "الاطلاع على البيانات" in pdf_text(target)
