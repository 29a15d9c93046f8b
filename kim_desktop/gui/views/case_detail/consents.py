"""The consents of the selected member (lower half of the persons tab): record, correct,
withdraw, remove one entered by mistake (not a withdrawn one: docs/corrections.md), and
print the consent form, recording the signed form afterwards."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from kim_desktop.core import casework
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.documents import document_data
from kim_desktop.gui import i18n
from kim_desktop.gui.formatting import date_text
from kim_desktop.gui.operations import run_operation
from kim_desktop.gui.table_model import Column, RowsModel
from kim_desktop.gui.views.case_detail.base import CaseDetailBase
from kim_desktop.gui.views.case_detail.common import on_delete_key, table, write_pdf
from kim_desktop.gui.views.case_detail.person_dialogs import (
    ConsentDialog,
    PrintConsentDialog,
    SignedConsentDialog,
    WithdrawConsentDialog,
    consent_text,
)
from kim_desktop.reports import consent as consent_report


class ConsentsPart(CaseDetailBase):
    def _build_consents(self) -> None:
        self.consents_model = RowsModel(
            [
                Column(self.tr("Consent"), lambda r: self._label(cat.CONSENT_KINDS, r.kind)),
                Column(
                    self.tr("Recipient"),
                    lambda r: self._label(cat.REFERRAL_TARGETS, r.recipient),
                ),
                Column(self.tr("Given"), lambda r: date_text(r.given_on)),
                Column(self.tr("Withdrawn"), lambda r: date_text(r.withdrawn_on)),
            ]
        )
        self.consents_table = table(
            self.consents_model, self.tr("Consents of the selected member"), stretch=0
        )
        self.record_consent_button = self._button(self.tr("Record consent …"), self.record_consent)
        self.consents_table.activated.connect(lambda _index: self.edit_consent())
        on_delete_key(self.consents_table, self.remove_consent)
        self.edit_consent_button = self._button(self.tr("Edit consent …"), self.edit_consent)
        self.withdraw_button = self._button(self.tr("&Withdraw …"), self.withdraw_consent)
        self.remove_consent_button = self._button(self.tr("Remove consent …"), self.remove_consent)
        self.print_consent_button = self._button(
            self.tr("Print consent form …"), self.print_consent
        )

    def selected_member(self) -> casework.MemberDetail | None:
        raise NotImplementedError  # the persons tab knows

    def selected_consent(self) -> casework.ConsentRow | None:
        return self.consents_model.row_at(self.consents_table.currentIndex().row())

    def _fill_consents(self) -> None:
        member = self.selected_member()
        self.consents_model.set_rows(member.consents if member else [])

    def _update_consent_actions(self) -> None:
        member = self.selected_member()
        consent = self.selected_consent()
        self.record_consent_button.setEnabled(member is not None)
        self.print_consent_button.setEnabled(member is not None)
        in_force = consent is not None and consent.withdrawn_on is None
        self.edit_consent_button.setEnabled(consent is not None)
        self.withdraw_button.setEnabled(in_force)
        self.remove_consent_button.setEnabled(in_force)  # a withdrawn consent stays as proof

    # -- actions -----------------------------------------------------------------------------

    def record_consent_dialog(self) -> ConsentDialog | None:
        member = self.selected_member()
        if self.casefile is None or member is None:
            return None
        return self._prepared(ConsentDialog(self.casefile, member.client, self.today(), self))

    def record_consent(self) -> QDialog | None:
        return self._open(self.record_consent_dialog())

    def edit_consent_dialog(self) -> ConsentDialog | None:
        member, consent = self.selected_member(), self.selected_consent()
        if self.casefile is None or member is None or consent is None:
            return None
        return self._prepared(
            ConsentDialog(self.casefile, member.client, self.today(), self, consent=consent)
        )

    def edit_consent(self) -> QDialog | None:
        return self._open(self.edit_consent_dialog())

    def remove_consent(self) -> None:
        ready, consent = self._ready(), self.selected_consent()
        if ready is None or consent is None or consent.withdrawn_on is not None:
            return
        casefile = ready[0]
        consent_id = consent.id
        text = self.tr(
            'Remove the consent "{consent}"? Only for a consent entered by mistake: a '
            "consent the client takes back is withdrawn, not removed. This cannot be undone."
        ).format(consent=consent_text(consent, self._catalogues, i18n.current_language()))
        if self._ask(self.tr("Remove consent"), text):
            self._call(lambda: casework.delete_consent(casefile, consent_id))

    def withdraw_consent_dialog(self) -> WithdrawConsentDialog | None:
        consent = self.selected_consent()
        if self.casefile is None or consent is None:
            return None
        return self._prepared(
            WithdrawConsentDialog(self.casefile, consent, self._ask, self.today(), self)
        )

    def withdraw_consent(self) -> QDialog | None:
        return self._open(self.withdraw_consent_dialog())

    # -- the printed form --------------------------------------------------------------------

    def print_consent_dialog(self) -> PrintConsentDialog | None:
        member = self.selected_member()
        if self.casefile is None or member is None:
            return None
        dialog = PrintConsentDialog(self.casefile, member.client, self)
        return self._prepared(dialog, lambda: self._print_consent_chosen(dialog))

    def print_consent(self) -> QDialog | None:
        return self._open(self.print_consent_dialog())

    def _print_consent_chosen(self, dialog: PrintConsentDialog) -> None:
        casefile, client_id = self.casefile, dialog.client_id
        if casefile is None or client_id is None:
            return
        kind = dialog.kind.currentData()
        language = dialog.language.currentData()
        recipients = dialog.chosen_recipients()
        shown = self.case.id if self.case else None
        path = self._save_path(self.tr("Save consent form"), self.tr("consent-form.pdf"))
        if path is None or self.case is None or self.case.id != shown:
            return  # cancelled, or locked while the file dialog was open
        today = self.today()
        self.message.setText(self.tr("Creating the consent form …"))

        def work(_report: object) -> document_data.ConsentFormData:
            texts = document_data.texts_in_force(casefile)
            data = document_data.consent_data(
                casefile, client_id, kind, recipients, language, today
            )
            write_pdf(path, lambda out: consent_report.build_consent_form(data, out, texts=texts))
            return data

        def succeeded(data: document_data.ConsentFormData) -> None:
            if self.case is None or self.case.id != shown:
                return  # locked (or another case shown) meanwhile
            text = self.tr("Saved {path}.").format(path=str(path))
            if not data.controller or not data.dpo:
                text += " " + self.tr(
                    "The district configuration names no controller or data-protection "
                    "officer: fill in the marked line by hand."
                )
            self.message.setText(text)
            self._open(self.signed_consent_dialog(client_id, data))

        run_operation(self, work, succeeded, self._show_error)

    def signed_consent_dialog(
        self, client_id: str, data: document_data.ConsentFormData
    ) -> SignedConsentDialog | None:
        """Once the client has signed: record what the form covers and they ticked."""
        member = self.selected_member()
        if self.casefile is None or member is None or member.client.id != client_id:
            return None
        recipients = "\n".join(
            f"{r.code}={r.organisation}" if r.organisation else r.code for r in data.recipients
        )
        dialog = SignedConsentDialog(
            self.casefile,
            member.client,
            data.kind,
            data.language,
            data.form_version,
            recipients,
            self.today(),
            self,
        )
        return self._prepared(dialog)
