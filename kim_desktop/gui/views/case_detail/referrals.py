"""The referrals tab: referrals to services (refer, correct, remove) and the outcome of each
(chosen in a combo)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QVBoxLayout, QWidget

from kim_desktop.core import casework
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.gui import i18n
from kim_desktop.gui.dialogs import select_code
from kim_desktop.gui.formatting import date_text
from kim_desktop.gui.table_model import Column, RowsModel
from kim_desktop.gui.views.case_detail.base import CaseDetailBase
from kim_desktop.gui.views.case_detail.common import buddy, on_delete_key, row, table
from kim_desktop.gui.views.case_detail.record_dialogs import ReferralDialog


class ReferralsTab(CaseDetailBase):
    def _referrals_page(self) -> QWidget:
        self.referrals_model = RowsModel(
            [
                Column(self.tr("Date"), lambda r: date_text(r.date)),
                Column(self.tr("Target"), lambda r: self._label(cat.REFERRAL_TARGETS, r.target)),
                Column(self.tr("Organisation"), lambda r: r.organisation or ""),
                Column(self.tr("Theme"), lambda r: self._label(cat.THEMES, r.theme)),
                Column(self.tr("Outcome"), lambda r: self._label(cat.REFERRAL_OUTCOMES, r.outcome)),
            ]
        )
        self.referrals_table = table(self.referrals_model, self.tr("Referrals"), stretch=2)
        self.referrals_table.activated.connect(lambda _index: self.edit_referral())
        on_delete_key(self.referrals_table, self.remove_referral)
        self.refer_button = self._button(self.tr("Refer …"), self.refer)
        self.edit_referral_button = self._button(self.tr("E&dit …"), self.edit_referral)
        self.remove_referral_button = self._button(self.tr("Remove …"), self.remove_referral)
        self.outcome = QComboBox()
        self.outcome_label = buddy(self.tr("O&utcome of the selected referral:"), self.outcome)
        self.outcome.activated.connect(lambda _index: self.apply_outcome())
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(buddy(self.tr("Referrals:"), self.referrals_table))
        layout.addWidget(self.referrals_table, 1)
        layout.addLayout(
            row(
                self.refer_button,
                self.edit_referral_button,
                self.remove_referral_button,
                self.outcome_label,
                self.outcome,
            )
        )
        self.referrals_table.selectionModel().currentRowChanged.connect(self._referral_chosen)
        return page

    def _fill_referrals(self, case: casework.CaseDetail, keep: dict[str, str | None]) -> None:
        self._fill_outcomes()
        self.referrals_model.set_rows(case.referrals)
        self._reselect(
            self.referrals_table, self.referrals_model, lambda r: r.id, keep.get("referral")
        )
        self._referral_chosen()

    def _fill_outcomes(self) -> None:
        if self.outcome.count():
            return  # filled once per shown file (clear() empties it)
        catalogue = self._catalogues.get(cat.REFERRAL_OUTCOMES)
        if catalogue is None:
            return
        for entry in catalogue.entries:
            self.outcome.addItem(entry.label(i18n.current_language()), entry.code)

    def selected_referral(self) -> casework.ReferralData | None:
        return self.referrals_model.row_at(self.referrals_table.currentIndex().row())

    def _referral_chosen(self, *_args: object) -> None:
        referral = self.selected_referral()
        if referral is not None:
            select_code(self.outcome, referral.outcome)
        self._update_actions()

    def _update_referral_actions(self) -> None:
        has_referral = self.selected_referral() is not None
        for control in (
            self.outcome,
            self.outcome_label,
            self.edit_referral_button,
            self.remove_referral_button,
        ):
            control.setEnabled(has_referral)

    # -- actions -----------------------------------------------------------------------------

    def refer_dialog(self) -> ReferralDialog | None:
        ready = self._ready()
        if ready is None:
            return None
        return self._prepared(ReferralDialog(ready[0], ready[1].id, self.today(), self))

    def refer(self) -> QDialog | None:
        return self._open(self.refer_dialog())

    def edit_referral_dialog(self) -> ReferralDialog | None:
        ready, referral = self._ready(), self.selected_referral()
        if ready is None or referral is None:
            return None
        return self._prepared(
            ReferralDialog(ready[0], ready[1].id, self.today(), self, referral_id=referral.id)
        )

    def edit_referral(self) -> QDialog | None:
        return self._open(self.edit_referral_dialog())

    def remove_referral(self) -> None:
        ready, referral = self._ready(), self.selected_referral()
        if ready is None or referral is None:
            return
        casefile = ready[0]
        referral_id = referral.id
        target = self._label(cat.REFERRAL_TARGETS, referral.target)
        if referral.organisation:
            target += f" ({referral.organisation})"
        text = self.tr(
            "Remove the referral of {date} to {target}? Only for a referral entered by "
            "mistake; this cannot be undone."
        ).format(date=date_text(referral.date), target=target)
        if self._ask(self.tr("Remove referral"), text):
            self._call(lambda: casework.delete_referral(casefile, referral_id))

    def apply_outcome(self) -> None:
        """Write the outcome chosen for the selected referral."""
        ready, referral = self._ready(), self.selected_referral()
        code = self.outcome.currentData()
        if ready is None or referral is None or code is None or code == referral.outcome:
            return
        casefile = ready[0]
        if not self._call(lambda: casework.set_referral_outcome(casefile, referral.id, code)):
            select_code(self.outcome, referral.outcome)
