"""Handing a case over to a colleague from the case window (core/sync/handover.py): the
button "Hand over case …", the dialog that chooses the colleague from the team of the
district configuration (name and fingerprint) and asks about missing documentation
consents, and afterwards the banner "Handed over to … on …" with every control that would
change the case disabled (core refuses such writes as well). Erasing and the Art. 15 copy
stay available."""

from __future__ import annotations

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
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.sync import handover
from kim_desktop.gui.formatting import date_text
from kim_desktop.gui.operations import run_operation
from kim_desktop.gui.views import restriction
from kim_desktop.gui.views.case_detail.base import CaseDetailBase


def handed_over_tip() -> str:
    return QCoreApplication.translate(
        "Handover", "The case was handed over to a colleague: it is shown, not changed."
    )


class HandoverDialog(QDialog):
    """Choose the colleague; confirm when a client has no documentation consent in force."""

    def __init__(self, casefile: CaseFile, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.casefile = casefile
        self.case_id = case_id
        self.setWindowTitle(self.tr("Hand over case"))
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
        layout.addWidget(self.warning)
        layout.addWidget(self.confirm)
        layout.addWidget(self.buttons)
        self.colleague.currentIndexChanged.connect(self._update)
        self.confirm.toggled.connect(self._update)
        self.plan: handover.HandoverPlan | None = None
        self._update()

    def _update(self, *_args: object) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
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
            self.plan = handover.plan(self.casefile, [self.case_id], key_id)
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

    def _apply_handover(self) -> None:
        """After the restriction: a handed-over case shows the banner, changes nothing."""
        case = self.case
        marked = case.handed_over if case is not None else None
        self.handover_banner.setVisible(marked is not None)
        self.handover_button.setVisible(case is not None and marked is None)
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
        dialog = HandoverDialog(ready[0], ready[1].id, self)
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
        today = self.today()
        self.message.setText(self.tr("Writing the handover …"))

        def work(_report: object) -> handover.HandoverSent:
            return handover.export_handover(casefile, [case_id], key_id, path, confirmed, today)

        def succeeded(sent: handover.HandoverSent) -> None:
            if self.case is not None and self.case.id == case_id:
                self._after_change()
                self.message.setText(
                    self.tr("Handed over to {name}: saved {path}.").format(
                        name=sent.to.name, path=str(path)
                    )
                )

        run_operation(self, work, succeeded, self._show_error)

    if TYPE_CHECKING:  # provided by the header and the restriction part
        header: QWidget
        erase_button: QPushButton

        def _editing_controls(self) -> list[QWidget]: ...

        def _block(self, widget: QWidget, tip: str) -> None: ...
