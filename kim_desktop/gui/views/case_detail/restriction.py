"""Restriction of processing (Art. 18 GDPR) in the case window: a banner under the case facts
naming the restricted members, and the controls that would change what is about them
disabled with a tooltip saying why. A case of restricted members only is shown, not changed
(core refuses it as well: casework/restriction.py); the Art. 15 copy stays available."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QBoxLayout, QLabel, QPushButton, QWidget

from kim_desktop.core import casework
from kim_desktop.gui.views import restriction
from kim_desktop.gui.views.case_detail.base import CaseDetailBase
from kim_desktop.gui.views.case_detail.common import member_name


class RestrictionState(CaseDetailBase):
    def _build_restriction(self) -> None:
        """The banner, placed under the case facts of the header."""
        self.restriction_banner = QLabel()
        self.restriction_banner.setWordWrap(True)
        self.restriction_banner.setStyleSheet(restriction.BANNER_STYLE)
        self.restriction_banner.setAccessibleName(self.tr("Restriction of processing"))
        self.restriction_banner.setVisible(False)
        header_layout = self.header.layout()
        assert isinstance(header_layout, QBoxLayout)
        place = header_layout.indexOf(self.info_label) + 1
        header_layout.insertWidget(place, self.restriction_banner)
        self._plain_tips: dict[QWidget, str] = {}

    def _editing_controls(self) -> list[QWidget]:
        """Everything that changes the case or its records (not the Art. 15 copy)."""
        names = (
            "phase",
            "referred_by",
            "close_button",
            "reopen_button",
            "add_member_button",
            "edit_client_button",
            "primary_button",
            "remove_member_button",
            "record_consent_button",
            "edit_consent_button",
            "remove_consent_button",
            "print_consent_button",
            "new_assessment_button",
            "edit_assessment_button",
            "remove_assessment_button",
            "agree_goal_button",
            "edit_goal_button",
            "remove_goal_button",
            "goal_status_button",
            "add_step_button",
            "edit_step_button",
            "step_done_button",
            "remove_step_button",
            "print_goals_button",
            "new_appointment_button",
            "edit_appointment_button",
            "delete_appointment_button",
            "refer_button",
            "edit_referral_button",
            "remove_referral_button",
            "outcome",
            "follow_up",
        )
        return [getattr(self, name) for name in names if hasattr(self, name)]

    def _block(self, widget: QWidget, tip: str) -> None:
        if widget not in self._plain_tips:
            self._plain_tips[widget] = widget.toolTip()
        widget.setEnabled(False)
        widget.setToolTip(tip)

    def _unblock_tips(self) -> None:
        """Tooltips back; whether enabled is the tabs' decision again (selection changes)."""
        for widget, tip in self._plain_tips.items():
            widget.setToolTip(tip)
        self._plain_tips.clear()

    def _lift_blocks(self) -> None:
        """Before a case is filled: everything blocked is enabled again, so the fill and the
        tabs decide afresh (a case shown next may have no restricted member)."""
        for widget in self._plain_tips:
            widget.setEnabled(True)
        self._unblock_tips()

    def _apply_restriction(self) -> None:
        """After the tabs enabled their actions: take back what a restriction forbids."""
        self._unblock_tips()
        case = self.case
        restricted = [m for m in case.members if m.restriction] if case is not None else []
        self.restriction_banner.setVisible(bool(restricted))
        notes = getattr(self, "notes", None)
        if notes is not None:
            notes.setReadOnly(case is not None and case.read_only)
        if case is None or not restricted:
            return
        # The case sheet is about every member, pseudonymised or not (core refuses it too).
        self._block(self.case_sheet_button, restriction.disabled_tip())
        if case.read_only:
            first = restricted[0].restriction
            assert first is not None
            text = restriction.state_text(first) if len(restricted) == 1 else ""
            lines = [
                self.tr("Processing of every person of this case is restricted (Art. 18 GDPR)."),
                text,
                restriction.meaning(),
            ]
            self.restriction_banner.setText("\n".join(line for line in lines if line))
            for widget in self._editing_controls():
                self._block(widget, restriction.read_only_case_tip())
            return
        names = ", ".join(member_name(m.client) for m in restricted)
        self.restriction_banner.setText(
            self.tr(
                "Processing restricted (Art. 18 GDPR): {names}. What is about them is shown "
                "only; the case stays workable for the others."
            ).format(names=names)
        )
        tip = restriction.disabled_tip()
        self._block(self.print_goals_button, tip)  # the agreement names every member
        member = self.selected_member()
        if member is not None and member.restriction is not None:
            for widget in (
                self.edit_client_button,
                self.primary_button,
                self.remove_member_button,
                self.record_consent_button,
                self.edit_consent_button,
                self.remove_consent_button,
                self.print_consent_button,
            ):
                self._block(widget, tip)
        primary = next((m for m in case.members if m.role == casework.PRIMARY), None)
        if primary is not None and primary.restriction is not None:
            self._block(self.primary_button, tip)  # their role would change
        assessment = self.selected_assessment()
        if assessment is not None and assessment.client_id in {m.client.id for m in restricted}:
            self._block(self.edit_assessment_button, tip)
            self._block(self.remove_assessment_button, tip)

    if TYPE_CHECKING:  # provided by the header and the tabs (defined here, would hide theirs)
        header: QWidget
        case_sheet_button: QPushButton
        print_goals_button: QPushButton
        edit_client_button: QPushButton
        primary_button: QPushButton
        remove_member_button: QPushButton
        record_consent_button: QPushButton
        edit_consent_button: QPushButton
        remove_consent_button: QPushButton
        print_consent_button: QPushButton
        edit_assessment_button: QPushButton
        remove_assessment_button: QPushButton

        def selected_member(self) -> casework.MemberDetail | None: ...

        def selected_assessment(self) -> casework.AssessmentData | None: ...
