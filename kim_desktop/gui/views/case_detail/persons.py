"""The persons tab: the members of the case (add, edit, make primary, remove), the copy of a
member's data under Art. 15 GDPR, and below them the member's consents (consents.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from kim_desktop.core import casework
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.document_texts import GERMAN, Texts
from kim_desktop.core.documents import access_copy, document_data, free_text
from kim_desktop.gui import i18n
from kim_desktop.gui.dialogs import ClientDialog
from kim_desktop.gui.formatting import date_text
from kim_desktop.gui.operations import run_operation
from kim_desktop.gui.table_model import Column, RowsModel
from kim_desktop.gui.views.case_detail.access_copy_dialog import AccessCopyReviewDialog
from kim_desktop.gui.views.case_detail.common import buddy, member_name, row, table
from kim_desktop.gui.views.case_detail.consents import ConsentsPart
from kim_desktop.gui.views.case_detail.person_dialogs import AddMemberDialog
from kim_desktop.reports import access_copy as access_copy_report


class PersonsTab(ConsentsPart):
    def _persons_page(self) -> QWidget:
        self.members_model = RowsModel(
            [
                Column(
                    self.tr("Name"),
                    lambda m: (
                        member_name(m.client) + (self.tr(" (restricted)") if m.restriction else "")
                    ),
                ),
                Column(self.tr("Born"), lambda m: date_text(m.client.birth_date)),
                Column(self.tr("Role"), lambda m: self._label(cat.MEMBER_ROLES, m.role)),
                Column(self.tr("Nationality"), lambda m: self._nationality(m.client.nationality)),
                Column(
                    self.tr("Residence status"),
                    lambda m: self._label(cat.RESIDENCE_STATUS, m.client.residence_status),
                ),
            ]
        )
        self.members_table = table(self.members_model, self.tr("Members"), stretch=0)
        self.members_table.activated.connect(lambda _index: self.edit_client())
        self.add_member_button = self._button(self.tr("Add mem&ber …"), self.add_member)
        self.edit_client_button = self._button(self.tr("E&dit client …"), self.edit_client)
        self.primary_button = self._button(self.tr("Ma&ke primary"), self.make_primary)
        self.remove_member_button = self._button(self.tr("Remove from case …"), self.remove_member)
        self.access_copy_button = self._button(
            self.tr("Data copy (Art. 15) …"), self.print_access_copy
        )
        self._build_consents()
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(buddy(self.tr("Members:"), self.members_table))
        layout.addWidget(self.members_table, 3)
        layout.addLayout(
            row(
                self.add_member_button,
                self.edit_client_button,
                self.primary_button,
                self.remove_member_button,
                self.access_copy_button,
            )
        )
        layout.addWidget(buddy(self.tr("Consents of the selected member:"), self.consents_table))
        layout.addWidget(self.consents_table, 2)
        layout.addLayout(
            row(
                self.record_consent_button,
                self.edit_consent_button,
                self.withdraw_button,
                self.remove_consent_button,
                self.print_consent_button,
            )
        )
        self.members_table.selectionModel().currentRowChanged.connect(self._member_chosen)
        self.consents_table.selectionModel().currentRowChanged.connect(self._update_actions)
        return page

    def _nationality(self, code: str | None) -> str:
        return cat.nationality_label(code, i18n.current_language()) if code else ""

    # -- showing -----------------------------------------------------------------------------

    def _fill_persons(
        self,
        case: casework.CaseDetail,
        keep: dict[str, str | None],
        primary: casework.MemberDetail | None,
    ) -> None:
        self.members_model.set_rows(case.members)
        # The member selected before (gone after "Remove"), else the primary person: their
        # consents are shown below.
        if not self._reselect(
            self.members_table, self.members_model, lambda m: m.client.id, keep.get("member")
        ):
            first = primary.client.id if primary else None
            self._reselect(self.members_table, self.members_model, lambda m: m.client.id, first)
        self._fill_consents()
        self._reselect(
            self.consents_table, self.consents_model, lambda r: r.id, keep.get("consent")
        )

    def selected_member(self) -> casework.MemberDetail | None:
        return self.members_model.row_at(self.members_table.currentIndex().row())

    def _member_chosen(self, *_args: object) -> None:
        self._fill_consents()
        self._update_actions()

    def _update_person_actions(self) -> None:
        shown = self.case is not None
        member = self.selected_member()
        self.edit_client_button.setEnabled(member is not None)
        self.primary_button.setEnabled(member is not None and member.role != casework.PRIMARY)
        self.remove_member_button.setEnabled(
            member is not None and shown and len(self.members_model.rows) > 1
        )
        self.access_copy_button.setEnabled(member is not None)
        self._update_consent_actions()

    # -- members -----------------------------------------------------------------------------

    def add_member_dialog(self) -> AddMemberDialog | None:
        ready = self._ready()
        if ready is None:
            return None
        dialog = AddMemberDialog(ready[0], ready[1].id, self)
        return self._prepared(dialog, lambda: self._after_member_added(dialog))

    def add_member(self) -> QDialog | None:
        return self._open(self.add_member_dialog())

    def _after_member_added(self, dialog: AddMemberDialog) -> None:
        self._after_change()
        # The member just added is selected, so their consent can be recorded next.
        self._reselect(
            self.members_table, self.members_model, lambda m: m.client.id, dialog.result_id
        )

    def edit_client_dialog(self) -> ClientDialog | None:
        member = self.selected_member()
        if self.casefile is None or member is None:
            return None
        return self._prepared(ClientDialog(self.casefile, member.client, parent=self))

    def edit_client(self) -> QDialog | None:
        return self._open(self.edit_client_dialog())

    def make_primary(self) -> None:
        ready, member = self._ready(), self.selected_member()
        if ready is None or member is None or member.client.id is None:
            return
        casefile, case = ready
        client_id = member.client.id
        self._call(lambda: casework.set_primary_member(casefile, case.id, client_id))

    def remove_member(self) -> None:
        ready, member = self._ready(), self.selected_member()
        if ready is None or member is None or member.client.id is None:
            return
        casefile, case = ready
        client_id = member.client.id
        successor = None
        text = self.tr("Remove {name} from this case? The client's record stays in the file.")
        if member.role == casework.PRIMARY:
            # Core needs a new primary member; the next one in the list takes over.
            others = [m for m in case.members if m.client.id != client_id]
            if not others:
                return
            successor = others[0].client.id
            text += " " + self.tr("{other} becomes the primary person.").format(
                other=member_name(others[0].client)
            )
        if not self._ask(self.tr("Remove member"), text.format(name=member_name(member.client))):
            return
        self._call(lambda: casework.remove_member(casefile, case.id, client_id, successor))

    # -- the copy under Art. 15 --------------------------------------------------------------

    def print_access_copy(self) -> None:
        """The copy of everything stored about the selected member (Art. 15 GDPR): a PDF and,
        beside it, the same data as interchange JSON. First the free text is read for the
        review (off the GUI thread), then the review dialog opens."""
        ready, member = self._ready(), self.selected_member()
        if ready is None or member is None:
            return
        casefile, case = ready
        client_id, shown, name = member.client.id, case.id, member_name(member.client)
        assert client_id is not None  # a member is a stored client

        def read(_report: object) -> tuple[tuple[free_text.Passage, ...], Texts]:
            texts = document_data.texts_in_force(casefile)
            return access_copy.passages_for_review(casefile, client_id), texts

        def review(found: tuple[tuple[free_text.Passage, ...], Texts]) -> None:
            if self.case is None or self.case.id != shown:
                return  # locked (or another case shown) meanwhile
            passages, texts = found
            dialog = AccessCopyReviewDialog(passages, name, self, texts)
            self._prepared(dialog, lambda: self._save_access_copy(dialog, client_id, shown))
            self._open(dialog)

        run_operation(self, read, review, self._show_error)

    def access_copy_dialog(self) -> AccessCopyReviewDialog | None:
        """The review dialog opened last, if it is still open (tests fill it in)."""
        dialog = self.active_dialog()
        return dialog if isinstance(dialog, AccessCopyReviewDialog) else None

    def _save_access_copy(self, dialog: AccessCopyReviewDialog, client_id: str, shown: str) -> None:
        casefile, released = self.casefile, dialog.released()
        language, texts = dialog.language.currentData() or GERMAN, dialog.texts
        if casefile is None or self.case is None or self.case.id != shown:
            return
        path = self._save_path(
            self.tr("Save copy of the client's data"), self.tr("data-copy-art15.pdf")
        )
        if path is None or self.case is None or self.case.id != shown:
            return  # cancelled, or locked while the file dialog was open
        json_out = access_copy.json_name(path)
        if json_out.exists() and not self._ask(
            self.tr("Replace file"),
            self.tr("{name} already exists. Replace it?").format(name=json_out.name),
        ):
            return
        today = self.today()
        self.message.setText(self.tr("Creating the copy of the client's data …"))

        def work(_report: object) -> access_copy.AccessCopyData:
            copy = access_copy.access_copy(casefile, client_id, today, released)
            access_copy_report.write_copy(
                copy, path, json_out, replace=True, language=language, texts=texts
            )
            return copy.data

        def succeeded(data: access_copy.AccessCopyData) -> None:
            if self.case is None or self.case.id != shown:
                return
            text = self.tr("Saved {pdf} and {json}.").format(pdf=str(path), json=json_out.name)
            if data.withheld:
                text += " " + self.tr("{count} free-text passage(s) withheld.").format(
                    count=data.withheld
                )
            if not data.controller or not data.dpo:
                text += " " + self.tr(
                    "The district configuration names no controller or data-protection "
                    "officer: fill in the marked line by hand."
                )
            self.message.setText(text)

        run_operation(self, work, succeeded, self._show_error)
