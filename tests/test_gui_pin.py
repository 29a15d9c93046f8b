"""The coordinator key pin in the window, on real encrypted files: a configuration of another
coordinator key opens the reset dialog, which never shows that key's fingerprint and imports
only after the right one is typed; a hand-over from the trusted key asks like a first import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import PASSPHRASE
from gui_support import settle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit
from test_gui_accessibility import unnamed_controls

from kim_desktop.core.casefile.models import AuditEntry
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.sync import district, team
from kim_desktop.core.sync.keys import fingerprint, own_keys
from kim_desktop.gui.views.sync.bundle import SyncBundleView

DISTRICT = "Rhein-Sieg-Kreis"
MUNICIPALITIES = ["Siegburg", "Troisdorf"]


@pytest.fixture(scope="module")
def configs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The trusted coordinator's configuration, a hand-over to a new coordinator, and a
    configuration of that new coordinator's key (what a reset would pin)."""
    folder = tmp_path_factory.mktemp("gui-pin")
    files: dict[str, Any] = {"folder": folder}
    for role in ("old", "new"):
        with CaseFile.create(
            folder / f"{role}.kim",
            PASSPHRASE,
            role="coordinator",
            owner=f"Koordination {role}",
            district=DISTRICT,
        ) as casefile:
            files[f"{role}_key"] = own_keys(casefile).signing_public
            if role == "new":
                card = folder / "new.kimkey"
                team.write_card(casefile, card)
                district.export_config(casefile, folder / "new.kimdistrict", MUNICIPALITIES)
    with CaseFile.open(folder / "old.kim", PASSPHRASE) as casefile:
        district.export_config(casefile, folder / "old.kimdistrict", MUNICIPALITIES)
        district.export_config(
            casefile, folder / "handover.kimdistrict", successor=team.read_card(card)
        )
    return files


def pinned_manager(configs: dict[str, Any], path: Path) -> CaseFile:
    casefile = CaseFile.create(path, PASSPHRASE, role="casemanager", owner="CM")
    district.import_config(casefile, configs["folder"] / "old.kimdistrict")
    return casefile


def open_view(qtbot: Any, casefile: CaseFile) -> SyncBundleView:
    view = SyncBundleView()
    qtbot.addWidget(view)
    view.set_casefile(casefile)
    view.refresh()
    return view


def shown_texts(widget: Any) -> str:
    parts = [label.text() for label in widget.findChildren(QLabel)]
    parts += [edit.text() + edit.placeholderText() for edit in widget.findChildren(QLineEdit)]
    return "\n".join(parts)


def test_reset_dialog_imports_only_with_the_typed_fingerprint(
    qtbot: Any, configs: dict[str, Any], tmp_path: Path
) -> None:
    casefile = pinned_manager(configs, tmp_path / "cm.kim")
    view = open_view(qtbot, casefile)
    before = district.current_settings(casefile)
    view.import_config_from(configs["folder"] / "new.kimdistrict")
    assert view.config_dialog is None
    dialog = view.reset_dialog
    assert dialog is not None and dialog.isVisible()
    assert "different coordinator" in view.status.text()
    # The new fingerprint is nowhere in the dialog to copy: the coordinator reads it out.
    expected = fingerprint(configs["new_key"])
    text = shown_texts(dialog)
    assert expected not in text and expected.replace(" ", "") not in text.replace(" ", "")
    assert not dialog.accept_button.isEnabled() and not dialog.accept_button.isDefault()
    assert unnamed_controls(dialog) == []
    # A wrong fingerprint (the old key's) keeps the dialog open and imports nothing.
    qtbot.keyClicks(dialog.fingerprint_edit, fingerprint(configs["old_key"]))
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.problem.isVisible()
    assert "not the fingerprint" in dialog.problem.text()
    assert district.current_settings(casefile) == before
    # Too few digits: said so, still nothing imported.
    dialog.fingerprint_edit.clear()
    qtbot.keyClicks(dialog.fingerprint_edit, "12345 67890")
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "40 digits" in dialog.problem.text()
    # The right one, typed without spaces as read out.
    dialog.fingerprint_edit.clear()
    assert not dialog.problem.isVisible()
    qtbot.keyClicks(dialog.fingerprint_edit, expected.replace(" ", ""))
    qtbot.keyClick(dialog.fingerprint_edit, Qt.Key.Key_Return)
    settle(qtbot)  # imported in the background
    assert view.reset_dialog is None  # closed and deleted
    current = district.current_settings(casefile)
    assert current is not None and current.coordinator_signing_key == configs["new_key"]
    assert "imported" in view.status.text()
    with casefile.reading_session() as session:
        entities = [row.entity for row in session.query(AuditEntry)]
    assert "coordinator_key_reset" in entities
    casefile.close()


def test_cancelling_the_reset_imports_nothing(
    qtbot: Any, configs: dict[str, Any], tmp_path: Path
) -> None:
    casefile = pinned_manager(configs, tmp_path / "cm.kim")
    view = open_view(qtbot, casefile)
    before = district.current_settings(casefile)
    view.import_config_from(configs["folder"] / "new.kimdistrict")
    dialog = view.reset_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.fingerprint_edit, fingerprint(configs["new_key"]))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    settle(qtbot)
    assert view.reset_dialog is None
    assert district.current_settings(casefile) == before
    assert "not imported" in view.status.text()
    casefile.close()


def test_a_hand_over_from_the_trusted_key_shows_the_new_fingerprint(
    qtbot: Any, configs: dict[str, Any], tmp_path: Path
) -> None:
    casefile = pinned_manager(configs, tmp_path / "cm.kim")
    view = open_view(qtbot, casefile)
    view.import_config_from(configs["folder"] / "handover.kimdistrict")
    assert view.reset_dialog is None
    dialog = view.config_dialog
    assert dialog is not None and dialog.isVisible()
    assert "hands the district over" in dialog.message.text()
    assert dialog.fingerprint.digits() == fingerprint(configs["new_key"]).replace(" ", "")
    dialog.accept_button.click()
    settle(qtbot)
    current = district.current_settings(casefile)
    assert current is not None and current.coordinator_signing_key == configs["new_key"]
    # The new key's own configuration follows without a question.
    view.import_config_from(configs["folder"] / "new.kimdistrict")
    settle(qtbot)
    assert view.config_dialog is None and view.reset_dialog is None
    assert "imported" in view.status.text()
    casefile.close()
