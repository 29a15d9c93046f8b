"""Printing from the window (issue 6): the consent form and the goal agreement from the case
detail, the statistics report from the statistics view. The file dialog is replaced by a
fixed path (``_save_path``); the PDFs are built in the background and read back with pypdf."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import PASSPHRASE
from gui_support import settle
from pypdf import PdfReader

from kim_desktop.core import casework
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.documents import document_data
from kim_desktop.gui.views.case_detail import (
    CaseDetailWidget,
    PrintConsentDialog,
    SignedConsentDialog,
)
from kim_desktop.gui.views.statistics import StatisticsView

TODAY = dt.date(2025, 9, 15)


def pdf_text(path: Path) -> str:
    reader = PdfReader(path)
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def acknowledge_review(widget: CaseDetailWidget) -> None:
    """Click OK in the Art. 15 review dialog (free text, plain-data warning) as it stands."""
    dialog = widget.access_copy_dialog()
    assert dialog is not None
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()


@pytest.fixture
def casefile(demo_file: Path) -> Iterator[CaseFile]:
    casefile = CaseFile.open(demo_file, PASSPHRASE)
    yield casefile
    casefile.close()


def a_case_with_goals(casefile: CaseFile) -> casework.CaseDetail:
    for row in casework.list_cases(casefile, casework.CaseFilter(), limit=200):
        detail = casework.get_case(casefile, row.id)
        if detail.goals and detail.members:
            return detail
    raise AssertionError("the demo file has no case with goals")


@pytest.fixture
def widget(qtbot, casefile: CaseFile) -> Iterator[CaseDetailWidget]:
    shown = CaseDetailWidget(today=TODAY)
    qtbot.addWidget(shown)
    shown.resize(900, 700)
    shown.show_case(casefile, a_case_with_goals(casefile).id)
    yield shown
    shown.clear()


def test_print_consent_form_then_record_what_was_signed_and_ticked(
    qtbot, widget: CaseDetailWidget, casefile: CaseFile, tmp_path: Path, monkeypatch
) -> None:
    target = tmp_path / "consent.pdf"
    monkeypatch.setattr(widget, "_save_path", lambda _title, _suggested: target)
    widget.members_table.setCurrentIndex(widget.members_model.index(0, 0))
    member = widget.selected_member()
    assert member is not None and widget.print_consent_button.isEnabled()
    before = len(member.consents)

    widget.print_consent_button.click()
    dialog = widget.active_dialog()
    assert isinstance(dialog, PrintConsentDialog)
    assert dialog.language.count() >= 2
    assert dialog.language.currentData() != "de"  # a second language is preselected
    language = dialog.language.currentData()
    first, second = list(dialog.recipient_boxes)[:2]
    dialog.set_recipients([first, second])
    qtbot.keyClicks(dialog.organisations[first], "Jobcenter Kreis Wesel, Moers")
    dialog.organisations[second].clear()  # no organisation: a line on the form
    assert dialog.chosen_recipients() == [(first, "Jobcenter Kreis Wesel, Moers"), (second, None)]
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    settle(qtbot)

    assert target.exists()
    text = pdf_text(target)
    assert member.client.family_name in text and "Jobcenter Kreis Wesel, Moers" in text
    assert widget.message.text().startswith("Saved")
    assert "fill in the marked line by hand" in widget.message.text()  # no district config

    # What the client signed and ticked: nothing is checked until the case manager checks it
    signed = widget.active_dialog()
    assert isinstance(signed, SignedConsentDialog)
    assert not signed.documentation.isChecked()
    assert not any(box.isChecked() for box in signed.ticked.values())
    assert "Jobcenter Kreis Wesel, Moers" in signed.ticked[first].text()
    signed.documentation.setChecked(True)
    signed.ticked[first].setChecked(True)  # the client ticked only the first organisation
    signed.buttons.button(signed.buttons.StandardButton.Ok).click()
    settle(qtbot)

    detail = casework.get_case(casefile, widget.case.id)  # type: ignore[union-attr]
    now = next(m for m in detail.members if m.client.id == member.client.id)
    assert len(now.consents) == before + 2
    new = [c for c in now.consents if c.given_on == TODAY and c.language == language]
    assert {(c.kind, c.recipient) for c in new} >= {
        (casework.CASE_DOCUMENTATION, None),
        (casework.DATA_TRANSFER, first),
    }
    assert (casework.DATA_TRANSFER, second) not in {(c.kind, c.recipient) for c in new}
    assert all(c.form_version == document_data.FORM_VERSION for c in new)


def test_the_organisation_comes_from_the_client_s_referral(
    widget: CaseDetailWidget, casefile: CaseFile
) -> None:
    assert widget.case is not None
    casework.add_referral(
        casefile, widget.case.id, TODAY, "job_centre", organisation="Jobcenter Dinslaken"
    )
    widget.members_table.setCurrentIndex(widget.members_model.index(0, 0))
    dialog = widget.print_consent_dialog()
    assert dialog is not None
    assert dialog.organisations["job_centre"].text() == "Jobcenter Dinslaken"


def test_data_transfer_needs_a_recipient(widget: CaseDetailWidget) -> None:
    widget.members_table.setCurrentIndex(widget.members_model.index(0, 0))
    dialog = widget.print_consent_dialog()
    assert dialog is not None
    dialog.kind.setCurrentIndex(dialog.kind.findData(casework.DATA_TRANSFER))
    dialog.accept()
    assert dialog.message.text()  # refused, stays open
    assert widget.active_dialog() is dialog
    widget.clear()
    assert widget.active_dialog() is None


def test_cancelling_the_signed_form_records_nothing(
    qtbot, widget: CaseDetailWidget, casefile: CaseFile, tmp_path: Path, monkeypatch
) -> None:
    target = tmp_path / "consent.pdf"
    monkeypatch.setattr(widget, "_save_path", lambda _title, _suggested: target)
    widget.members_table.setCurrentIndex(widget.members_model.index(0, 0))
    member = widget.selected_member()
    assert member is not None
    dialog = widget.print_consent_dialog()
    assert dialog is not None
    dialog.accept()
    settle(qtbot)
    assert target.exists()
    signed = widget.active_dialog()
    assert isinstance(signed, SignedConsentDialog)
    signed.accept()  # nothing checked: refused, stays open
    assert signed.message.text() and widget.active_dialog() is signed
    signed.reject()
    detail = casework.get_case(casefile, widget.case.id)  # type: ignore[union-attr]
    now = next(m for m in detail.members if m.client.id == member.client.id)
    assert len(now.consents) == len(member.consents)


def test_print_goal_agreement(qtbot, widget: CaseDetailWidget, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "goals.pdf"
    monkeypatch.setattr(widget, "_save_path", lambda _title, _suggested: target)
    goal = widget.case.goals[0]  # type: ignore[union-attr]
    widget.print_goals_button.click()
    settle(qtbot)
    assert target.exists()
    text = pdf_text(target)
    assert "Zielvereinbarung" in text
    assert goal.title.split()[0] in text
    assert widget.message.text().startswith("Saved")


def test_copy_of_a_members_data(
    qtbot, widget: CaseDetailWidget, tmp_path: Path, monkeypatch
) -> None:
    """Art. 15 copy: the PDF and the JSON beside it, private; an existing JSON is replaced
    only after a question."""
    target = tmp_path / "copy.pdf"
    monkeypatch.setattr(widget, "_save_path", lambda _title, _suggested: target)
    questions: list[str] = []

    def answer(_title: str, text: str) -> bool:
        questions.append(text)
        return False

    monkeypatch.setattr(widget, "_ask", answer)
    widget.members_table.setCurrentIndex(widget.members_model.index(0, 0))
    member = widget.selected_member()
    assert member is not None and widget.access_copy_button.isEnabled()
    widget.access_copy_button.click()
    settle(qtbot)
    acknowledge_review(widget)  # issue 14: the review of free text comes first
    settle(qtbot)
    copy_json = tmp_path / "copy.json"
    assert target.exists() and copy_json.exists()
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    text = pdf_text(target)
    assert "Auskunft nach Art. 15 DSGVO" in text
    assert f"Ausgestellt am {TODAY:%d.%m.%Y}" in text
    assert member.client.family_name in text
    document = json.loads(copy_json.read_text("utf-8"))
    assert [c["id"] for c in document["clients"]] == [member.client.id]
    assert "copy.json" in widget.message.text() and questions == []

    # Again: the JSON exists, the answer is No, so nothing is written.
    target.unlink()
    widget.access_copy_button.click()
    settle(qtbot)
    acknowledge_review(widget)
    settle(qtbot)
    assert len(questions) == 1 and "copy.json" in questions[0]
    assert not target.exists()


def test_cancelled_save_dialog_writes_nothing(
    qtbot, widget: CaseDetailWidget, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(widget, "_save_path", lambda _title, _suggested: None)
    widget.print_goals_button.click()
    settle(qtbot)
    assert list(tmp_path.glob("*.pdf")) == []


def test_statistics_view_creates_the_report(
    qtbot, casefile: CaseFile, tmp_path: Path, monkeypatch
) -> None:
    view = StatisticsView()
    qtbot.addWidget(view)
    view.set_casefile(casefile)
    view.picker.kind.setCurrentIndex(0)
    view.picker.year.setValue(2025)
    settle(qtbot)
    target = tmp_path / "report.pdf"
    monkeypatch.setattr(view, "_save_path", lambda _title, _suggested: target)
    view.report_button.click()
    settle(qtbot)
    assert target.exists()
    assert "Kennzahlen" in pdf_text(target)
    assert view.report_status.text().startswith("Saved")
    view.set_casefile(None)
    assert view.report_status.text() == ""
