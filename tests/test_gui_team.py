"""The team directory in the window: a case manager writes a key card in the sync bundle view;
the coordinator enrols it after comparing the fingerprint, revokes it after a confirmation
naming the person, and issues a configuration that carries the team."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PASSPHRASE
from gui_support import settle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from test_gui_accessibility import unnamed_controls

from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.sync import district, keys, team
from kim_desktop.gui.views.district import DistrictKeysView
from kim_desktop.gui.views.sync.bundle import SyncBundleView


def test_a_card_is_written_enrolled_and_revoked_in_the_window(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    card = tmp_path / "erika.kimkey"
    manager = CaseFile.create(tmp_path / "cm.kim", PASSPHRASE, role="casemanager", owner="Erika")
    office = CaseFile.create(
        tmp_path / "office.kim", PASSPHRASE, role="coordinator", owner="Kora", district="RSK"
    )
    try:
        # The case manager writes the card from the sync bundle view.
        sync = SyncBundleView()
        qtbot.addWidget(sync)
        sync.set_casefile(manager)
        sync.refresh()
        manager_keys = keys.own_keys(manager)
        assert manager_keys.signing_key_id in sync.key_card.key_id.text()
        sync.key_card.write_card_to(card)
        settle(qtbot)
        fingerprint = keys.fingerprint(manager_keys.signing_public)
        assert fingerprint in sync.key_card.result.text()
        assert team.read_card(card).name == "Erika"
        sync.key_card.write_card_to(card)  # never over an existing file
        settle(qtbot)
        assert "already exists" in sync.key_card.result.text()

        page = DistrictKeysView()
        qtbot.addWidget(page)
        page.show()
        page.set_casefile(office)
        page.refresh()
        panel = page.team
        assert panel.model.rowCount() == 0 and not panel.revoke_button.isEnabled()
        assert unnamed_controls(panel) == []

        # Enrol: the fingerprint is shown; cancelling enrols nothing.
        panel.enrol_card_from(card)
        dialog = panel.enrol_dialog
        assert dialog is not None and dialog.isVisible()
        assert dialog.fingerprint.digits() == fingerprint.replace(" ", "")
        assert "Erika" in dialog.message.text() and manager_keys.signing_key_id in (
            dialog.details.text()
        )
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        assert team.members(office) == [] and panel.enrol_dialog is None
        # Through the button and the file dialog (only the dialog is replaced).
        monkeypatch.setattr(
            QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(card), ""))
        )
        qtbot.mouseClick(panel.enrol_button, Qt.MouseButton.LeftButton)
        assert panel.enrol_dialog is not None
        qtbot.mouseClick(panel.enrol_dialog.accept_button, Qt.MouseButton.LeftButton)
        settle(qtbot)
        (row,) = panel.model.rows
        assert (row.name, row.key_id, row.revoked) == ("Erika", manager_keys.signing_key_id, False)
        texts = [panel.model.index(0, c).data() for c in range(panel.model.columnCount())]
        assert "Erika" in texts and fingerprint in texts and row.key_id in texts
        # The window's card carries the key handovers are encrypted to.
        assert row.receives_handovers and "can receive cases" in texts
        assert "enrolled" in panel.status.text()
        assert panel.selected() == row and panel.revoke_button.isEnabled()

        # Revoke: the confirmation names the person; Cancel is the default.
        qtbot.mouseClick(panel.revoke_button, Qt.MouseButton.LeftButton)
        box = panel.revoke_box
        assert box is not None and "Erika" in box.text() and row.key_id in box.text()
        box.button(box.StandardButton.Cancel).click()
        settle(qtbot)
        assert not team.members(office)[0].revoked
        qtbot.mouseClick(panel.revoke_button, Qt.MouseButton.LeftButton)
        assert panel.revoke_box is not None and panel.revoke_button_in_box is not None
        panel.revoke_button_in_box.click()
        settle(qtbot)
        (revoked,) = team.members(office)
        assert revoked.revoked
        assert "revoked" in panel.model.index(0, 4).data()
        assert "revoked" in panel.status.text() and not panel.revoke_button.isEnabled()
        panel.enrol_card_from(card)  # a revoked key is not enrolled again
        panel.enrol_dialog.accept_button.click()  # type: ignore[union-attr]
        settle(qtbot)
        assert "revoked" in panel.status.text() and team.members(office) == [revoked]

        # The configuration carries the revocation, retention, controller and DPO.
        page.municipalities.setPlainText("Siegburg")
        page.retention.setValue(6)
        page.controller.setPlainText("Kreis Beispiel\nAmt 51\n53721 Siegburg")
        page.dpo.setPlainText("datenschutz@example.org")
        out = tmp_path / "rsk.kimdistrict"
        page.export_config_to(out)
        settle(qtbot)
        document = district.read_config(out)[0]
        assert document["revoked"] == [revoked.key_id] and document["team"] == []
        assert document["retention_years"] == 6
        assert document["controller"] == "Kreis Beispiel\nAmt 51\n53721 Siegburg"
        assert "0 team members" in page.result.text()

        # The office's own card, for a state level.
        office_card = tmp_path / "office.kimkey"
        page.key_card.write_card_to(office_card)
        settle(qtbot)
        assert team.read_card(office_card).role == "coordinator"

        page.set_casefile(None)
        assert panel.model.rowCount() == 0 and page.key_card.key_id.text() == ""
    finally:
        manager.close()
        office.close()


def test_a_hostile_card_is_refused_without_a_question(qtbot, tmp_path: Path) -> None:
    office = CaseFile.create(
        tmp_path / "office.kim", PASSPHRASE, role="coordinator", owner="Kora", district="RSK"
    )
    try:
        page = DistrictKeysView()
        qtbot.addWidget(page)
        page.set_casefile(office)
        page.refresh()
        bad = tmp_path / "bad.kimkey"
        bad.write_text('{"format": "kim-keycard", "version": 1, "document": "\\u001b[2J"}')
        page.team.enrol_card_from(bad)
        assert page.team.enrol_dialog is None
        assert "not a valid KIM key card" in page.team.status.text()
        assert "\x1b" not in page.team.status.text()
        assert team.members(office) == []
    finally:
        office.close()


def test_the_team_says_who_needs_a_new_card_to_receive_cases(qtbot, tmp_path: Path) -> None:
    """A card written before handovers existed has no key for them: the team list says so."""
    with CaseFile.create(tmp_path / "cm.kim", PASSPHRASE, role="casemanager", owner="Old") as cm:
        team.write_card(cm, tmp_path / "old.kimkey")  # without the handover key
    office = CaseFile.create(
        tmp_path / "office.kim", PASSPHRASE, role="coordinator", owner="Kora", district="RSK"
    )
    try:
        team.enrol(office, tmp_path / "old.kimkey")
        page = DistrictKeysView()
        qtbot.addWidget(page)
        page.set_casefile(office)
        page.refresh()
        (row,) = page.team.model.rows
        assert not row.receives_handovers
        texts = [page.team.model.index(0, c).data() for c in range(page.team.model.columnCount())]
        assert "needs a new key card to receive cases" in texts
    finally:
        office.close()
