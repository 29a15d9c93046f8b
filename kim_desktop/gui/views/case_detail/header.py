"""The head of the case window: who, where, since when, the phase (chosen in a combo), who
referred the client, and closing and reopening the case."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QVBoxLayout, QWidget

from kim_desktop.core import casework
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.sync import erasure
from kim_desktop.gui import i18n
from kim_desktop.gui.dialogs import select_code
from kim_desktop.gui.erase_dialog import Erasure, start_erasure
from kim_desktop.gui.formatting import date_text
from kim_desktop.gui.views.case_detail.case_sheet import CaseSheetPart
from kim_desktop.gui.views.case_detail.common import buddy, member_name, row
from kim_desktop.gui.views.case_detail.record_dialogs import CloseCaseDialog, ReopenCaseDialog

# A phase chosen in the combo is written after this pause (or on focus-out), so stepping
# through the list with the arrow keys records one phase change, not one per step. A phase
# chosen from the opened list is deliberate; one changed by a key or the wheel on the closed
# combo (a typed letter jumps to a phase) is asked about before it is written, and dropped
# when the view is left or locked before the answer.
PHASE_DELAY_MS = 700


class CaseHeader(CaseSheetPart):
    def _build_header(self) -> None:
        self.header = QWidget()
        self.name_label = QLabel()
        self.name_label.setAccessibleName(self.tr("Primary person"))
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.name_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.name_label.setFont(font)
        self.info_label = QLabel()
        self.info_label.setWordWrap(True)
        self.info_label.setAccessibleName(self.tr("Case facts"))
        self.phase = QComboBox()
        self.phase.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.phase_label = buddy(self.tr("Phas&e:"), self.phase)
        self.referred_by = QComboBox()
        self.referred_by.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.referred_by_label = buddy(self.tr("Referred b&y:"), self.referred_by)
        self.referred_by.activated.connect(lambda _index: self.apply_referred_by())
        self.close_button = self._button(self.tr("Close &case …"), self.close_case)
        self.reopen_button = self._button(self.tr("Re&open …"), self.reopen_case)
        # No mnemonic: erasing is never one keystroke away.
        self.erase_button = self._button(self.tr("Erase case …"), self.erase_case)
        self.case_sheet_button = self._button(self.tr("Case sheet …"), self.print_case_sheet)
        self.case_sheet_button.setToolTip(
            self.tr("Pseudonymised course of the case for collegial case consultation (PDF)")
        )
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a40000;")
        self.message.setAccessibleName(self.tr("Message"))
        layout = QVBoxLayout(self.header)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.name_label)
        layout.addWidget(self.info_label)
        layout.addLayout(
            row(
                self.phase_label,
                self.phase,
                self.referred_by_label,
                self.referred_by,
                self.close_button,
                self.reopen_button,
                self.case_sheet_button,
                self.erase_button,
            )
        )
        layout.addWidget(self.message)

    def _start_phase_timer(self) -> None:
        self._phase_timer = QTimer(self)
        self._phase_timer.setSingleShot(True)
        self._phase_timer.setInterval(PHASE_DELAY_MS)
        self._phase_timer.timeout.connect(self.apply_phase)
        self._phase_keyed = False  # the next change comes from a key or the wheel
        self._phase_confirm = False  # the pending change needs a yes before it is written
        self._phase_asking = False
        self.phase.activated.connect(self._phase_chosen)
        self.phase.installEventFilter(self)

    def _info_text(self, case: casework.CaseDetail) -> str:
        parts = [
            case.municipality,
            self._label(cat.TRACKS, case.track),
            self.tr("opened {date}").format(date=date_text(case.opened_on)),
        ]
        if case.closed_on is not None:
            reason = self._label(cat.CLOSURE_REASONS, case.closure_reason)
            closed = self.tr("closed {date}").format(date=date_text(case.closed_on))
            parts.append(f"{closed} ({reason})" if reason else closed)
        else:
            since = case.phase_changes[-1].changed_on if case.phase_changes else case.opened_on
            parts.append(
                self.tr("phase: {phase} since {date}").format(
                    phase=self._label(cat.PHASES, case.phase), date=date_text(since)
                )
            )
            if case.follow_up_on is not None:
                parts.append(self.tr("follow-up {date}").format(date=date_text(case.follow_up_on)))
        return " · ".join(parts)

    # -- showing -----------------------------------------------------------------------------

    def _fill_header(
        self, case: casework.CaseDetail, primary: casework.MemberDetail | None
    ) -> None:
        self.name_label.setText(member_name(primary.client) if primary else "")
        self.info_label.setText(self._info_text(case))
        self._fill_phase(case)
        self._fill_referred_by(case)
        is_closed = case.closed_on is not None
        self.close_button.setVisible(not is_closed)
        self.reopen_button.setVisible(is_closed)

    def _fill_phase(self, case: casework.CaseDetail) -> None:
        self._phase_timer.stop()
        if not self.phase.count():
            codes = (*casework.OPEN_PHASES, casework.CLOSED)
            for code in codes:
                self.phase.addItem(self._label(cat.PHASES, code), code)
            # "Closed" is shown, not chosen: closing needs a date and a reason (Close case …).
            closed_item = self.phase.model().item(len(codes) - 1)  # type: ignore[attr-defined]
            closed_item.setEnabled(False)
        index = self.phase.findData(case.phase)
        self.phase.setCurrentIndex(max(index, 0))
        self.phase.setEnabled(case.closed_on is None)

    def _fill_referred_by(self, case: casework.CaseDetail) -> None:
        if not self.referred_by.count():  # once per shown file (clear() empties it)
            self.referred_by.addItem("—", None)
            language = i18n.current_language()
            for code in cat.referred_by_codes(self._catalogues):
                label = cat.referred_by_label(code, self._catalogues, language)
                self.referred_by.addItem(label, code)
        if case.referred_by is not None and self.referred_by.findData(case.referred_by) < 0:
            self.referred_by.addItem(case.referred_by, case.referred_by)  # no longer listed
        select_code(self.referred_by, case.referred_by)

    # -- actions -----------------------------------------------------------------------------

    def _phase_chosen(self, _index: int) -> None:
        self._phase_confirm = self._phase_keyed
        self._phase_keyed = False
        self._phase_timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.phase:
            kind = event.type()
            if kind in (QEvent.Type.KeyPress, QEvent.Type.Wheel):
                self._phase_keyed = True
            elif kind == QEvent.Type.MouseButtonPress:
                self._phase_keyed = False  # opening the list to pick from it
            elif kind == QEvent.Type.FocusOut and not self._phase_asking:
                if self._phase_confirm and self._phase_timer.isActive():
                    # Ask once the focus has moved, not inside the focus change.
                    self._phase_timer.stop()
                    QTimer.singleShot(0, self.apply_phase)
                else:
                    self.apply_phase()
        return False

    def _drop_unconfirmed_phase(self) -> bool:
        """Forget a phase changed by a key or the wheel and not yet confirmed; True if one
        was pending (the combo shows the stored phase again)."""
        if not (self._phase_confirm and self._phase_timer.isActive()):
            return False
        self._phase_timer.stop()
        self._phase_confirm = False
        if self.case is not None:
            select_code(self.phase, self.case.phase)
        return True

    def apply_phase(self) -> None:
        """Write the phase chosen in the combo (``set_phase`` with today's date); one changed
        by a key or the wheel only after the user said yes."""
        self._phase_timer.stop()
        ready = self._ready()
        code = self.phase.currentData()
        if ready is None or code is None or self._phase_asking:
            return
        casefile, case = ready
        if case.closed_on is not None or code == case.phase:
            self._phase_confirm = False
            return
        if self._phase_confirm:
            self._phase_asking = True
            try:
                yes = self._ask(
                    self.tr("Change phase"),
                    self.tr(
                        "Change the phase of this case from {old} to {new} as of {date}?"
                    ).format(
                        old=self._label(cat.PHASES, case.phase),
                        new=self._label(cat.PHASES, code),
                        date=date_text(self.today()),
                    ),
                )
            finally:
                self._phase_asking = False
            self._phase_confirm = False
            if self.case is None or self.case.id != case.id:
                return  # locked or another case shown meanwhile
            if not yes:
                select_code(self.phase, self.case.phase)
                return
        if not self._call(lambda: casework.set_phase(casefile, case.id, code, self.today())):
            select_code(self.phase, case.phase)

    def apply_referred_by(self) -> None:
        """Write who referred the client, as chosen in the combo."""
        ready = self._ready()
        if ready is None:
            return
        casefile, case = ready
        code = self.referred_by.currentData()
        if code == case.referred_by:
            return
        if not self._call(lambda: casework.set_referred_by(casefile, case.id, code)):
            select_code(self.referred_by, case.referred_by)

    def close_case_dialog(self) -> CloseCaseDialog | None:
        ready = self._ready()
        if ready is None:
            return None
        return self._prepared(CloseCaseDialog(ready[0], ready[1].id, self.today(), self))

    def close_case(self) -> QDialog | None:
        self.apply_phase()  # a phase still pending is recorded before the closing
        return self._open(self.close_case_dialog())

    def reopen_case_dialog(self) -> ReopenCaseDialog | None:
        ready = self._ready()
        if ready is None:
            return None
        return self._prepared(ReopenCaseDialog(ready[0], ready[1].id, self.today(), self))

    def reopen_case(self) -> QDialog | None:
        return self._open(self.reopen_case_dialog())

    def erase_case(self) -> Erasure | None:
        """Erase this case after the confirmation (gui/erase_dialog.py)."""
        ready = self._ready()
        if ready is None:
            return None
        self.flush_edits()  # typed notes are saved first: the erasure takes them along
        case_id = ready[1].id
        return start_erasure(
            self, ready[0], lambda casefile: erasure.plan_case(casefile, case_id), self.today()
        )
