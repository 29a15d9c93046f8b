"""The notes and follow-up tab: case notes and the follow-up date (Wiedervorlage), both
saved as they are typed."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from kim_desktop.core import casework
from kim_desktop.gui.autosave import AutoSaver
from kim_desktop.gui.dialogs import optional_date
from kim_desktop.gui.messages import describe_error
from kim_desktop.gui.style import as_hint
from kim_desktop.gui.views.case_detail.base import CaseDetailBase
from kim_desktop.gui.views.case_detail.common import buddy, row


class NotesTab(CaseDetailBase):
    def _notes_page(self) -> QWidget:
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.follow_up = optional_date(None, self.tr("Follow-up date"), "follow_up_on")
        self.notes_status = QLabel()
        self.notes_status.setAccessibleName(self.tr("Saving state"))
        hint = QLabel(self.tr("Saved automatically while you type. Closing a case clears its "
                              "follow-up date."))  # fmt: skip
        as_hint(hint)
        hint.setWordWrap(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(buddy(self.tr("Case notes:"), self.notes))
        layout.addWidget(self.notes, 1)
        follow_label = buddy(self.tr("Follow-&up (Wiedervorlage):"), self.follow_up.line)
        layout.addLayout(row(follow_label, self.follow_up))
        layout.addWidget(hint)
        layout.addWidget(self.notes_status)
        return page

    def _start_savers(self) -> None:
        self.notes_saver = AutoSaver(self._save_notes, self)
        self.notes_saver.watch(self.notes)
        self.notes_saver.saved.connect(self._notes_saved)
        self.notes_saver.failed.connect(self._autosave_failed)
        # Separate from the notes: a follow-up refused (closed case) must not hold up notes.
        self.follow_up_saver = AutoSaver(self._save_follow_up, self)
        self.follow_up_saver.watch(self.follow_up)
        self.follow_up_saver.saved.connect(self._follow_up_saved)
        self.follow_up_saver.failed.connect(self._autosave_failed)

    def _fill_notes(self, case: casework.CaseDetail, same: bool) -> None:
        with self.notes_saver.suspend():
            # The same case again (after a change elsewhere): keep the text being typed, with
            # its cursor, unless the stored notes really differ.
            if not same or (self.notes.toPlainText().strip() or None) != case.notes:
                self.notes.setPlainText(case.notes or "")
        with self.follow_up_saver.suspend():
            self._fill_follow_up(case)
        if not same:
            self.notes_status.clear()

    def _fill_follow_up(self, case: casework.CaseDetail) -> None:
        self.follow_up.set_value(case.follow_up_on)
        # A closed case has no follow-up (core refuses one).
        self.follow_up.setEnabled(case.closed_on is None)
        # A closed case has no follow-up (core refuses one).
        self.follow_up.setEnabled(case.closed_on is None)

    def _clear_notes(self) -> None:
        with self.notes_saver.suspend():
            self.notes.clear()
        with self.follow_up_saver.suspend():
            self.follow_up.set_value(None)

    # -- saving ------------------------------------------------------------------------------

    def _save_notes(self) -> None:
        ready = self._ready()
        if ready is None:
            return
        casefile, case = ready
        notes = self.notes.toPlainText().strip() or None
        casework.set_case_notes(casefile, case.id, notes)
        self.case = dataclasses.replace(case, notes=notes)

    def _notes_saved(self) -> None:
        self.notes_status.setText(self.tr("Notes saved."))
        self._announce_change()

    def _save_follow_up(self) -> None:
        ready = self._ready()
        if ready is None:
            return
        casefile, case = ready
        day = self.follow_up.value()
        casework.set_follow_up(casefile, case.id, day)
        self.case = dataclasses.replace(case, follow_up_on=day)

    def _follow_up_saved(self) -> None:
        # Not a full reload: that would reset the date field while it is being typed in.
        if self.case is not None:
            self.info_label.setText(self._info_text(self.case))
        self.notes_status.setText(self.tr("Follow-up saved."))
        self._announce_change()

    def _autosave_failed(self, error: BaseException) -> None:
        self.notes_status.setText(describe_error(error))
