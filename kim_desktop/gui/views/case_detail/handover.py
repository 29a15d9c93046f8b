"""Handing a case over to a colleague from the case window (core/sync/handover.py): the
button "Hand over case …", the dialog that chooses the colleague from the team of the
district configuration (name and fingerprint) and asks about missing documentation
consents, and afterwards the banner "Handed over to … on …" with every control that would
change the case disabled (core refuses such writes as well). Erasing and the Art. 15 copy
stay available."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.sync import cover, handover
from kim_desktop.gui.date_field import DateField
from kim_desktop.gui.field_messages import FieldProblem
from kim_desktop.gui.formatting import date_text
from kim_desktop.gui.operations import run_operation
from kim_desktop.gui.views import restriction
from kim_desktop.gui.views.case_detail import cover as cover_view
from kim_desktop.gui.views.case_detail.base import CaseDetailBase


def handed_over_tip() -> str:
    return QCoreApplication.translate(
        "Handover", "The case was handed over to a colleague: it is shown, not changed."
    )


class HandoverDialog(QDialog):
    """Choose the colleague; confirm when a client has no documentation consent in force."""

    def __init__(
        self,
        casefile: CaseFile,
        case_id: str,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.casefile = casefile
        self.case_id = case_id
        self.today = today or dt.date.today()
        self.setWindowTitle(self.tr("Hand over case"))
        # Cover: a working copy for the colleague until a day the user types (never a
        # day filled in for them), the case stays workable here.
        self.cover = QCheckBox(self.tr("Only for co&ver until …"))
        self.cover_until = DateField(
            None,
            self.tr("Cover until"),
            field="cover_until",
            earliest=self.today,
            today=self.today,
        )
        self.cover_until.setEnabled(False)
        self.colleagues = handover.colleagues(casefile)
        self.colleague = QComboBox()
        self.colleague.setAccessibleName(self.tr("Colleague"))
        for colleague in self.colleagues:
            self.colleague.addItem(colleague.name, colleague.key_id)
        self.fingerprint = QLabel()
        self.fingerprint.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #a40000;")
        self.confirm = QCheckBox(self.tr("Hand over &anyway"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Hand over …"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "The case and its clients go to the colleague in one encrypted file that only "
                "they can open. Here the case stays, read-only, until you erase it."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        chooser = QLabel(self.tr("&Colleague:"))
        chooser.setBuddy(self.colleague)
        layout.addWidget(chooser)
        layout.addWidget(self.colleague)
        layout.addWidget(self.fingerprint)
        layout.addWidget(self.cover)
        layout.addWidget(self.cover_until)
        layout.addWidget(self.warning)
        layout.addWidget(self.confirm)
        layout.addWidget(self.buttons)
        self.colleague.currentIndexChanged.connect(self._update)
        self.confirm.toggled.connect(self._update)
        self.cover.toggled.connect(self._cover_toggled)
        self.plan: handover.HandoverPlan | None = None
        self._update()

    def _cover_toggled(self, on: bool) -> None:
        self.cover_until.setEnabled(on)
        if on:
            self.cover_until.setFocus()
        else:
            self.cover_until.show_problem("")
        self._update()

    def chosen_cover_until(self) -> dt.date | None:
        """The typed last day of the cover (None: a handover); ``FieldProblem`` when the
        box is ticked and no valid day from today on was typed."""
        if not self.cover.isChecked():
            return None
        return self.cover_until.required_value()

    def accept(self) -> None:
        try:
            self.chosen_cover_until()
        except FieldProblem:
            self.cover_until.setFocus()
            return  # the message is at the field
        super().accept()

    def _update(self, *_args: object) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(
            self.tr("&Give in cover …") if self.cover.isChecked() else self.tr("&Hand over …")
        )
        key_id = self.colleague.currentData()
        if key_id is None:
            self.fingerprint.setText(
                self.tr(
                    "No colleague of the team can receive handovers yet: their key card must "
                    "carry a key for handovers and be in the district configuration."
                )
            )
            self.warning.clear()
            self.confirm.setVisible(False)
            ok.setEnabled(False)
            return
        chosen = self.colleagues[self.colleague.currentIndex()]
        self.fingerprint.setText(
            self.tr("Fingerprint (compare by phone if in doubt): {fingerprint}").format(
                fingerprint=chosen.fingerprint
            )
        )
        try:
            self.plan = handover.plan(
                self.casefile, [self.case_id], key_id, for_cover=self.cover.isChecked()
            )
        except Exception as error:  # noqa: BLE001 - shown in the dialog
            from kim_desktop.gui.messages import describe_error

            self.plan = None
            self.warning.setText(describe_error(error))
            self.confirm.setVisible(False)
            ok.setEnabled(False)
            return
        missing = len(self.plan.without_consent)
        self.confirm.setVisible(bool(missing))
        if missing:
            self.warning.setText(
                self.tr(
                    "{count} person(s) of this case have no consent to documentation in force."
                ).format(count=missing)
            )
        else:
            self.warning.clear()
        ok.setEnabled(not missing or self.confirm.isChecked())


class HandoverState(CaseDetailBase):
    def _build_handover(self) -> None:
        """The button beside "Erase case …" and the banner under the case facts."""
        self.handover_button = self._button(self.tr("Hand over case …"), self.hand_over_case)
        self.handover_banner = QLabel()
        self.handover_banner.setWordWrap(True)
        self.handover_banner.setStyleSheet(restriction.BANNER_STYLE)
        self.handover_banner.setAccessibleName(self.tr("Handed over"))
        self.handover_banner.setVisible(False)
        header_layout = self.header.layout()
        assert isinstance(header_layout, QBoxLayout)
        header_layout.insertWidget(header_layout.indexOf(self.info_label) + 1, self.handover_banner)
        # In the row of buttons, after "Erase case …".
        for index in range(header_layout.count()):
            item = header_layout.itemAt(index)
            line = item.layout() if item is not None else None
            if line is not None and line.indexOf(self.erase_button) >= 0:
                line.addWidget(self.handover_button)
                break
        else:
            header_layout.addWidget(self.handover_button)
        self._handover_dialog: HandoverDialog | None = None
        # Cover: the banner, "Give back …" (substitute) and the undecided differences (owner).
        self.cover_banner = cover_view.make_banner()
        self.cover_banner.setStyleSheet(restriction.BANNER_STYLE)
        self.cover_banner.setAccessibleName(self.tr("Cover"))
        self.give_back_button = self._button(self.tr("&Give back …"), self.give_back)
        self.give_back_button.setVisible(False)
        self.differences_banner = cover_view.make_banner()
        self.differences_banner.setStyleSheet(restriction.BANNER_STYLE)
        self.differences_banner.setAccessibleName(self.tr("Differences from the cover"))
        self.differences_button = self._button(self.tr("&Differences …"), self.show_differences)
        self.differences_button.setVisible(False)
        at = header_layout.indexOf(self.handover_banner) + 1
        header_layout.insertWidget(at, self.cover_banner)
        header_layout.insertWidget(at + 1, self.differences_banner)
        buttons: QLayout = header_layout
        for index in range(header_layout.count()):  # the row of "Hand over case …"
            found = header_layout.itemAt(index)
            row = found.layout() if found is not None else None
            if row is not None and row.indexOf(self.handover_button) >= 0:
                buttons = row
        buttons.addWidget(self.give_back_button)
        buttons.addWidget(self.differences_button)

    def _apply_handover(self) -> None:
        """After the restriction: a handed-over case shows the banner, changes nothing; a
        case in cover or a cover copy shows its banner (an ended copy changes nothing)."""
        case = self.case
        marked = case.handed_over if case is not None else None
        in_cover = case.cover if case is not None else None
        self.handover_banner.setVisible(marked is not None)
        self.handover_button.setVisible(case is not None and marked is None and in_cover is None)
        self.cover_banner.setVisible(in_cover is not None)
        self.give_back_button.setVisible(
            in_cover is not None and in_cover.copy and in_cover.returned_on is None
        )
        undecided = case.undecided if case is not None else 0
        self.differences_banner.setVisible(bool(undecided))
        self.differences_button.setVisible(bool(undecided))
        if undecided:
            self.differences_banner.setText(cover_view.undecided_text(undecided))
        if in_cover is not None:
            self.cover_banner.setText(cover_view.banner_text(in_cover, self.today()))
            if in_cover.ended():  # as the core guard decides: by today's date
                for widget in self._editing_controls():
                    self._block(widget, cover_view.ended_tip())
        if marked is None:
            return
        self.handover_banner.setText(
            self.tr(
                "Handed over to {name} on {date}. The case is shown only; erase it here when "
                "it is no longer needed."
            ).format(name=marked.name, date=date_text(marked.on))
        )
        for widget in self._editing_controls():
            self._block(widget, handed_over_tip())

    # -- handing over ------------------------------------------------------------------------

    def handover_dialog(self) -> HandoverDialog | None:
        ready = self._ready()
        if ready is None:
            return None
        self.flush_edits()  # typed notes go along
        dialog = HandoverDialog(ready[0], ready[1].id, self, self.today())
        self._handover_dialog = dialog
        return self._prepared(dialog, lambda: self._handover_chosen(dialog))

    def hand_over_case(self) -> QDialog | None:
        return self._open(self.handover_dialog())

    def _handover_path(self, suggested: str) -> Path | None:
        """Where to write the handover; None when cancelled. Tests replace this."""
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save handover"),
            str(Path.home() / suggested),
            self.tr("KIM handovers (*.kimhandover)"),
        )
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix == handover.SUFFIX else path.with_suffix(handover.SUFFIX)

    def _handover_chosen(self, dialog: HandoverDialog) -> None:
        ready = self._ready()
        key_id = dialog.colleague.currentData()
        if ready is None or key_id is None or ready[1].id != dialog.case_id:
            return
        casefile, case = ready
        case_id = case.id
        path = self._handover_path(f"{case_id}{handover.SUFFIX}")
        if path is None or self.case is None or self.case.id != case_id:
            return
        if path.exists():
            path.unlink()  # the save dialog asked before replacing it
        confirmed = dialog.confirm.isChecked()
        until = dialog.chosen_cover_until()  # checked when the dialog was accepted
        today = self.today()
        self.message.setText(self.tr("Writing the handover …"))

        def work(_report: object) -> handover.HandoverSent:
            return handover.export_handover(
                casefile, [case_id], key_id, path, confirmed, today, cover_until=until
            )

        def succeeded(sent: handover.HandoverSent) -> None:
            if self.case is not None and self.case.id == case_id:
                self._after_change()
                text = (
                    self.tr("Given in cover to {name} until {date}: saved {path}.")
                    if sent.cover_until is not None
                    else self.tr("Handed over to {name}: saved {path}.")
                )
                self.message.setText(
                    text.format(name=sent.to.name, path=str(path), date=date_text(sent.cover_until))
                )

        run_operation(self, work, succeeded, self._show_error)

    # -- cover: giving back, differences -----------------------------------------------------

    def give_back(self) -> None:
        """Write the return of the cover copies (every case of this cover) to their owner."""
        ready = self._ready()
        if ready is None or ready[1].cover is None or not ready[1].cover.copy:
            return
        casefile, case = ready
        copy = case.cover
        assert copy is not None and copy.cover_id is not None
        self.flush_edits()
        case_ids = cover.copies_of(casefile, copy.cover_id)
        if not self._ask(
            self.tr("Give back"),
            self.tr(
                "Give {count} case(s) back to {name}? The copy here becomes read-only and is "
                "due for erasure."
            ).format(count=len(case_ids), name=copy.name),
        ):
            return
        path = self._handover_path(f"{case.id}-zurueck{handover.SUFFIX}")
        if path is None:
            return
        if path.exists():
            path.unlink()  # the save dialog asked before replacing it
        today = self.today()
        self.message.setText(self.tr("Writing the handover …"))

        def work(_report: object) -> handover.HandoverSent:
            return handover.export_handover(casefile, case_ids, copy.key_id, path, True, today)

        def succeeded(sent: handover.HandoverSent) -> None:
            if self.case is not None and self.case.id == case.id:
                self._after_change()
                self.message.setText(
                    self.tr("Given back to {name}: saved {path}.").format(
                        name=sent.to.name, path=str(path)
                    )
                )

        run_operation(self, work, succeeded, self._show_error)

    def differences_dialog(self) -> cover_view.ConflictsDialog | None:
        ready = self._ready()
        if ready is None:
            return None
        dialog = cover_view.ConflictsDialog(ready[0], ready[1].id, self)
        dialog.decided.connect(self._after_change)
        return self._prepared(dialog)

    def show_differences(self) -> QDialog | None:
        return self._open(self.differences_dialog())

    if TYPE_CHECKING:  # provided by the header and the restriction part
        header: QWidget
        erase_button: QPushButton

        def _editing_controls(self) -> list[QWidget]: ...

        def _block(self, widget: QWidget, tip: str) -> None: ...
