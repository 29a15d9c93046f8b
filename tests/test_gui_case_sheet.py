"""The case sheet from the case window (issue 16): the review lists every free-text passage
unticked, already pseudonymised (members' names as Person A/B); one passage ticked with the
keyboard is the only free text in the PDF, and no canary reaches it; a restricted member
blocks the button."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import PASSPHRASE
from gui_support import settle
from pypdf import PdfReader
from PySide6.QtCore import Qt
from test_case_sheet import CASE_ID, FAMILY, GIVEN, HOUSEHOLD_ID, assert_no_canary, canary_document

from kim_desktop.core import casework, interchange
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.sync import district
from kim_desktop.gui.views.case_detail import CaseDetailWidget
from kim_desktop.gui.views.case_detail.case_sheet import CaseSheetReviewDialog
from kim_desktop.gui.views.district import DistrictKeysView

TODAY = dt.date(2026, 3, 2)


def pdf_text(path: Path) -> str:
    reader = PdfReader(path)
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.fixture
def casefile(tmp_path: Path) -> Iterator[CaseFile]:
    casefile = CaseFile.create(tmp_path / "file.kim", PASSPHRASE, role="casemanager", owner="E")
    interchange.import_document(casefile, canary_document(), "canary.json")
    yield casefile
    casefile.close()


@pytest.fixture
def widget(qtbot, casefile: CaseFile) -> Iterator[CaseDetailWidget]:
    shown = CaseDetailWidget(today=TODAY)
    qtbot.addWidget(shown)
    shown.resize(900, 700)
    shown.show()
    shown.show_case(casefile, CASE_ID)
    yield shown
    shown.clear()


def open_review(qtbot, widget: CaseDetailWidget) -> CaseSheetReviewDialog:
    qtbot.mouseClick(widget.case_sheet_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    dialog = widget.case_sheet_dialog()
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_tick_one_passage(qtbot, widget: CaseDetailWidget, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "bogen.pdf"
    asked: list[str] = []

    def save_path(title: str, _suggested: str) -> Path:
        asked.append(title)
        return target

    monkeypatch.setattr(widget, "_save_path", save_path)
    dialog = open_review(qtbot, widget)
    assert asked == []  # the review comes before the file dialog
    assert dialog.hint.isVisible() and "never tick" in dialog.hint.text()
    texts = [dialog.model.item(r, 2).text() for r in range(dialog.model.rowCount())]
    assert dialog.model.rowCount() == 4
    # The reviewer reads what would be printed: no member's name is left in it.
    assert not any(GIVEN in t or FAMILY in t for t in texts)
    assert "Person A findet eine Wohnung in Siegburg" in texts
    assert dialog.model.item(texts.index("Person A braucht eine Wohnung."), 3).text() == (
        "1 replaced"
    )
    assert dialog.released() == frozenset()  # nothing ticked by default

    # Tick the assessment note with the keyboard, as a user does.
    row = texts.index("Person A braucht eine Wohnung.")
    dialog.table.setFocus()
    dialog.table.setCurrentIndex(dialog.model.index(row, 0))
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    assert dialog.released() == frozenset({"assessment_notes/e1"})
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: target.exists() and "Saved" in widget.message.text(), timeout=10000)

    assert asked == ["Save case sheet"]
    assert_no_canary(target.read_bytes())
    text = pdf_text(target)
    assert "Fallbesprechungsbogen (pseudonymisiert)" in text
    assert "Person A braucht eine Wohnung." in text
    assert "findet eine Wohnung" not in text  # not ticked
    assert "1 von 4 Passagen" in text
    assert "1 of 4 free-text passage(s) printed" in widget.message.text()


def test_cancelled_review_writes_nothing(
    qtbot, widget: CaseDetailWidget, tmp_path: Path, monkeypatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(widget, "_save_path", lambda title, _s: asked.append(title))
    dialog = open_review(qtbot, widget)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    settle(qtbot)
    assert asked == [] and widget.case_sheet_dialog() is None


def test_a_restricted_member_blocks_the_button(
    qtbot, widget: CaseDetailWidget, casefile: CaseFile
) -> None:
    assert widget.case_sheet_button.isEnabled()
    casework.restrict_client(casefile, HOUSEHOLD_ID, on=TODAY)
    widget.show_case(casefile, CASE_ID)
    assert not widget.case_sheet_button.isEnabled()
    assert "Art. 18" in widget.case_sheet_button.toolTip()
    casework.lift_restriction(casefile, HOUSEHOLD_ID)
    widget.show_case(casefile, CASE_ID)
    assert widget.case_sheet_button.isEnabled()
    assert "collegial case consultation" in widget.case_sheet_button.toolTip()


def test_the_coordinator_allows_the_municipality(qtbot, tmp_path: Path) -> None:
    """The keys page's check box sets the district flag (off by default, kept)."""
    casefile = CaseFile.create(
        tmp_path / "office.kim", PASSPHRASE, role="coordinator", owner="K", district="Kreis"
    )
    page = DistrictKeysView()
    qtbot.addWidget(page)
    page.set_casefile(casefile)
    page.refresh()
    assert not page.case_sheet_place.isChecked()
    page.municipalities.setPlainText("Siegburg")
    page.export_config_to(tmp_path / "off.kimdistrict")
    settle(qtbot)
    assert "case_sheet_municipality" not in district.read_config(tmp_path / "off.kimdistrict")[0]
    page.show()
    qtbot.mouseClick(page.case_sheet_place, Qt.MouseButton.LeftButton)
    assert page.case_sheet_place.isChecked()
    page.export_config_to(tmp_path / "on.kimdistrict")
    settle(qtbot)
    assert district.read_config(tmp_path / "on.kimdistrict")[0]["case_sheet_municipality"] is True
    page.set_casefile(None)
    assert not page.case_sheet_place.isChecked()
    casefile.close()
    with CaseFile.open(tmp_path / "office.kim", PASSPHRASE) as reopened:
        page.set_casefile(reopened)
        page.refresh()
        assert page.case_sheet_place.isChecked()  # kept for the next export
        page.set_casefile(None)
