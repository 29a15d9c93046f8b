"""Dialogs about the persons of a case: add a member, record, print and withdraw consents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QWidget,
)

from kim_desktop.core import casework
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.documents import document_data
from kim_desktop.core.errors import InvalidInput
from kim_desktop.gui import i18n
from kim_desktop.gui.dialogs import (
    ClientDialog,
    ClientPicker,
    RecordDialog,
    catalogue_combo,
    date_edit,
    select_code,
)
from kim_desktop.gui.formatting import date_text
from kim_desktop.gui.views.case_detail.common import member_name
from kim_desktop.gui.views.case_detail.document_language import fill_languages


class AddMemberDialog(RecordDialog):
    """Add an existing client to the case, or create one first."""

    def __init__(self, casefile: CaseFile, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Add member"), parent)
        self.casefile = casefile
        self.case_id = case_id
        self.picker = ClientPicker(casefile)
        self.new_client_button = QPushButton(self.tr("Create a &new client …"))
        self.new_client_button.setAccessibleName(self.tr("Create a new client"))
        self.new_client_button.clicked.connect(self.create_client)
        self.role = catalogue_combo(casefile, cat.MEMBER_ROLES)
        select_code(self.role, casework.HOUSEHOLD)
        self.add_row(self.tr("&Client:"), self.picker)
        self.form.addRow("", self.new_client_button)
        self.add_row(self.tr("&Role:"), self.role)
        self.picker.search.setFocus()

    def new_client_dialog(self) -> ClientDialog:
        """The dialog for a new client; once saved, the picker shows and selects them."""
        dialog = ClientDialog(self.casefile, parent=self)
        dialog.family_name.setText(self.picker.search.text().strip())
        dialog.accepted.connect(lambda: self._client_created(dialog))
        return dialog

    def create_client(self) -> ClientDialog:
        dialog = self.new_client_dialog()
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _client_created(self, dialog: ClientDialog) -> None:
        if dialog.result_id:
            # Clear first: setText with the text already there would not search again, and
            # the list would not show the new client.
            self.picker.search.clear()
            self.picker.search.setText(dialog.family_name.text().strip())
            self.picker.select_id(dialog.result_id)
            self.picker.results.setFocus()

    def save(self) -> str:
        client_id = self.picker.client_id()
        if client_id is None:
            raise InvalidInput("client", self.tr("Choose or create a client first."))
        casework.add_member(self.casefile, self.case_id, client_id, self.role.currentData())
        return client_id


class ConsentDialog(RecordDialog):
    """Record a client's consent: to case documentation, or to a data transfer to a recipient
    (a referral target). Given ``consent``, correct a mistyped entry: a consent in force in
    every field; a withdrawn one only in its dates (what was consented to stays)."""

    def __init__(
        self,
        casefile: CaseFile,
        client: casework.ClientData,
        today: dt.date,
        parent: QWidget | None = None,
        consent: casework.ConsentRow | None = None,
    ) -> None:
        title = self.tr("Record consent") if consent is None else self.tr("Correct consent")
        super().__init__(title, parent)
        self.casefile = casefile
        self.client_id = client.id
        self.consent = consent
        c = consent
        self.person = QLabel(member_name(client))
        self.kind = catalogue_combo(casefile, cat.CONSENT_KINDS)
        self.recipient = catalogue_combo(casefile, cat.REFERRAL_TARGETS, optional=True)
        if c is not None:
            select_code(self.kind, c.kind)
            if c.recipient is not None and self.recipient.findData(c.recipient) < 0:
                self.recipient.addItem(c.recipient, c.recipient)  # no longer listed
            select_code(self.recipient, c.recipient)
        self.given_on = date_edit(c.given_on if c else today, self.tr("Given on"))
        self.form_version = QLineEdit(c.form_version or "" if c else "")
        self.form_version.setPlaceholderText(self.tr("e.g. 2024-1"))
        self.form_version.setMaxLength(50)  # core's FORM_VERSION_MAX
        self.language = QLineEdit(c.language or "" if c else "")
        self.language.setPlaceholderText(self.tr("language of the form, e.g. de, ar"))
        self.language.setMaxLength(32)  # core's LANGUAGE_MAX
        self.add_row(self.tr("Client:"), self.person)
        self.add_row(self.tr("&Kind:"), self.kind)
        self.add_row(self.tr("&Recipient:"), self.recipient)
        self.add_row(self.tr("&Given on:"), self.given_on)
        self.withdrawn_on = None
        if c is not None and c.withdrawn_on is not None:
            self.withdrawn_on = date_edit(c.withdrawn_on, self.tr("Withdrawn on"))
            self.add_row(self.tr("&Withdrawn on:"), self.withdrawn_on)
            for field in (self.kind, self.recipient, self.form_version, self.language):
                field.setEnabled(False)
            hint = QLabel(
                self.tr(
                    "This consent was withdrawn: only its dates can be corrected. A renewed "
                    "consent is recorded as a new one."
                )
            )
            hint.setWordWrap(True)
            self.form.addRow(hint)
        self.add_row(self.tr("&Form version:"), self.form_version)
        self.add_row(self.tr("&Language:"), self.language)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        (self.kind if self.kind.isEnabled() else self.given_on).setFocus()

    def _kind_changed(self) -> None:
        # Only a data transfer has a recipient.
        self.recipient.setEnabled(
            self.kind.isEnabled() and self.kind.currentData() == casework.DATA_TRANSFER
        )

    def save(self) -> str:
        assert self.client_id is not None
        kind = self.kind.currentData()
        recipient = self.recipient.currentData() if kind == casework.DATA_TRANSFER else None
        given_on = self.given_on.required_value()
        form_version = self.form_version.text().strip() or None
        language = self.language.text().strip() or None
        if self.consent is not None:
            withdrawn = self.withdrawn_on
            casework.update_consent(
                self.casefile,
                self.consent.id,
                kind,
                given_on,
                recipient=recipient,
                form_version=form_version,
                language=language,
                withdrawn_on=withdrawn.required_value() if withdrawn is not None else None,
            )
            return self.consent.id
        return casework.record_consent(
            self.casefile,
            self.client_id,
            kind,
            given_on,
            recipient=recipient,
            form_version=form_version,
            language=language,
        )


def consent_text(
    consent: casework.ConsentRow, catalogues: dict[str, cat.Catalogue], language: str
) -> str:
    """A consent in words, to name it in a question: "Datenweitergabe an Jobcenter,
    erteilt am 01.02.2025"."""
    kind = catalogues[cat.CONSENT_KINDS].label(consent.kind, language)
    given = date_text(consent.given_on)
    if consent.recipient:
        recipient = catalogues[cat.REFERRAL_TARGETS].label(consent.recipient, language)
        return QCoreApplication.translate(
            "ConsentDialog", "{kind} to {recipient}, given on {date}"
        ).format(kind=kind, recipient=recipient, date=given)
    return QCoreApplication.translate("ConsentDialog", "{kind}, given on {date}").format(
        kind=kind, date=given
    )


def language_name(code: str) -> str:
    """A language code with its own name: "English (en)"."""
    name = QLocale(code).nativeLanguageName()
    return f"{name[:1].upper()}{name[1:]} ({code})" if name else code


class PrintConsentDialog(RecordDialog):
    """What the printed consent form covers: its kind, the second language beside German and
    the recipients of a data transfer, each with the organisation the form names (filled
    in from the client's latest referral there; the client ticks each one on paper). OK
    only checks the choices; the caller prints."""

    def __init__(
        self, casefile: CaseFile, client: casework.ClientData, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Print consent form"), parent)
        self.casefile = casefile
        self.client_id = client.id
        self.person = QLabel(member_name(client))
        self.kind = catalogue_combo(casefile, cat.CONSENT_KINDS)
        select_code(self.kind, casework.CASE_DOCUMENTATION)
        # the languages with a consent text in force, each by its own name ("العربية (ar)")
        self.language = QComboBox()
        texts = document_data.texts_in_force(casefile)
        fill_languages(self.language, texts, document_data.CONSENT_TEXTS, "en", german_only=True)
        others = [c for c in texts.languages(document_data.CONSENT_TEXTS) if c != "de"]
        if others and self.language.currentData() == "de":
            select_code(self.language, others[0])
        # one check box and one organisation field per target (a short catalogue): both are
        # kept as a draft like every typed field
        referred = casework.referral_organisations(casefile, client.id) if client.id else {}
        self.recipient_boxes: dict[str, QCheckBox] = {}
        self.organisations: dict[str, QLineEdit] = {}
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Recipient")), 0, 0)
        grid.addWidget(QLabel(self.tr("Organisation named on the form")), 0, 1)
        language = i18n.current_language()
        for row, entry in enumerate(
            casework.catalogues_of(casefile)[cat.REFERRAL_TARGETS].entries, 1
        ):
            box = QCheckBox(entry.label(language))
            organisation = QLineEdit(referred.get(entry.code, ""))
            organisation.setMaxLength(document_data.ORGANISATION_MAX)
            organisation.setPlaceholderText(self.tr("e.g. Jobcenter Kreis Wesel, Moers"))
            organisation.setAccessibleName(
                self.tr("Organisation for {recipient}").format(recipient=entry.label(language))
            )
            grid.addWidget(box, row, 0)
            grid.addWidget(organisation, row, 1)
            self.recipient_boxes[entry.code] = box
            self.organisations[entry.code] = organisation
        inner = QWidget()
        inner.setLayout(grid)
        self.recipients = QScrollArea()
        self.recipients.setWidget(inner)
        self.recipients.setWidgetResizable(True)
        self.recipients.setMinimumWidth(520)
        self.recipients.setMaximumHeight(200)
        self.recipients.setAccessibleName(self.tr("Recipients"))
        self.add_row(self.tr("Client:"), self.person)
        self.add_row(self.tr("&Kind:"), self.kind)
        self.add_row(self.tr("Second &language:"), self.language)
        self.add_row(self.tr("&Recipients (optional):"), self.recipients)
        self.kind.setFocus()

    def chosen_recipients(self) -> list[tuple[str, str | None]]:
        """The checked recipients in catalogue order, each with its organisation (None: a
        line on the form to write it in)."""
        return [
            (code, self.organisations[code].text().strip() or None)
            for code, box in self.recipient_boxes.items()
            if box.isChecked()
        ]

    def set_recipients(self, codes: Sequence[str]) -> None:
        for code, box in self.recipient_boxes.items():
            box.setChecked(code in codes)

    def save(self) -> str | None:
        if self.kind.currentData() == casework.DATA_TRANSFER and not self.chosen_recipients():
            raise InvalidInput(
                "recipients", self.tr("A data transfer needs at least one recipient.")
            )
        return self.client_id


class SignedConsentDialog(RecordDialog):
    """After printing: what the client signed and ticked on the form. Nothing is checked
    until the case manager checks it; OK records the consent to case documentation and one
    data transfer per ticked recipient, given today, with the form's version and language.
    ``recipients``: one "code=organisation" per line, as printed."""

    def __init__(
        self,
        casefile: CaseFile,
        client: casework.ClientData,
        kind: str,
        language: str,
        form_version: str,
        recipients: str,
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Record signed consent"), parent)
        self.casefile = casefile
        self.client_id = client.id
        self.kind, self.language, self.form_version = kind, language, form_version
        self.today = today
        labels = casework.catalogues_of(casefile)[cat.REFERRAL_TARGETS]
        intro = QLabel(
            self.tr(
                "Check what {name} signed and ticked on the printed form. Only what is "
                "checked here is recorded."
            ).format(name=member_name(client))
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.documentation = QCheckBox(self.tr("Consent to case documentation signed"))
        if kind == casework.CASE_DOCUMENTATION:
            self.add_row("", self.documentation)
        self.ticked: dict[str, QCheckBox] = {}
        for line in recipients.splitlines():
            code, organisation = document_data.parse_recipient(line)
            label = labels.label(code, i18n.current_language())
            text = f"{organisation} ({label})" if organisation else label
            self.ticked[code] = QCheckBox(self.tr("Ticked: {recipient}").format(recipient=text))
            self.add_row("", self.ticked[code])
        note = QLabel(
            self.tr(
                "Whether the health-data box is ticked is kept on the signed form: file it "
                "with the case."
            )
        )
        note.setWordWrap(True)
        self.form.addRow(note)

    def save(self) -> str | None:
        if self.client_id is None:
            return None
        chosen = [code for code, box in self.ticked.items() if box.isChecked()]
        if not self.documentation.isChecked() and not chosen:
            raise InvalidInput("documentation", self.tr("Check what the client signed."))
        consent_id = None
        if self.documentation.isChecked():
            consent_id = casework.record_consent(
                self.casefile,
                self.client_id,
                casework.CASE_DOCUMENTATION,
                self.today,
                form_version=self.form_version,
                language=self.language,
            )
        for code in chosen:
            consent_id = casework.record_consent(
                self.casefile,
                self.client_id,
                casework.DATA_TRANSFER,
                self.today,
                recipient=code,
                form_version=self.form_version,
                language=self.language,
            )
        return consent_id


class WithdrawConsentDialog(RecordDialog):
    """The date a consent was withdrawn; the dialog names the consent (kind, recipient,
    given date). OK asks before writing (there is no undo)."""

    def __init__(
        self,
        casefile: CaseFile,
        consent: casework.ConsentRow,
        ask: Callable[[str, str], bool],
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Withdraw consent"), parent)
        self.casefile = casefile
        self.consent = consent
        self._ask = ask
        catalogues = casework.catalogues_of(casefile)
        self.consent_label = QLabel(consent_text(consent, catalogues, i18n.current_language()))
        self.consent_label.setWordWrap(True)
        self.withdrawn_on = date_edit(today, self.tr("Withdrawn on"))
        self.add_row(self.tr("Consent:"), self.consent_label)
        self.add_row(self.tr("&Withdrawn on:"), self.withdrawn_on)
        self.withdrawn_on.setFocus()

    def accept(self) -> None:
        if not self._ask(
            self.tr("Withdraw consent"),
            self.tr(
                "Record that this consent ({consent}) was withdrawn on {date}? This cannot be "
                "undone."
            ).format(
                consent=self.consent_label.text(),
                date=date_text(self.withdrawn_on.required_value()),
            ),
        ):
            return
        super().accept()

    def save(self) -> str:
        casework.withdraw_consent(
            self.casefile, self.consent.id, self.withdrawn_on.required_value()
        )
        return self.consent.id
