"""Before the copy of a client's data (Art. 15 GDPR) is saved: the case manager reviews each
free-text passage that may name other persons (Art. 15(4)) and ticks those the client may
see; the others are printed as withheld. It also offers the client's language below the
German, and says that the copy is plain, unencrypted personal data; OK acknowledges that and
goes on to the file dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kim_desktop.core.casefile import document_texts
from kim_desktop.core.casefile.document_texts import GERMAN, Texts
from kim_desktop.core.documents.free_text import Passage
from kim_desktop.gui.formatting import date_text
from kim_desktop.gui.views.case_detail.document_language import fill_languages
from kim_desktop.gui.views.case_detail.passages import passage_row, tick_all, ticked_keys


class AccessCopyReviewDialog(QDialog):
    def __init__(
        self,
        passages: tuple[Passage, ...],
        client: str,
        parent: QWidget | None = None,
        texts: Texts = document_texts.BUILT_IN,
    ) -> None:
        super().__init__(parent)
        self.texts = texts
        self.setWindowTitle(self.tr("Copy of the client's data (Art. 15)"))
        self.resize(760, 520)
        kinds = {
            "client_notes": self.tr("Notes on the person"),
            "case_notes": self.tr("Notes on the case"),
            "appointment_notes": self.tr("Appointment note"),
            "assessment_notes": self.tr("Assessment note"),
            "goal_title": self.tr("Goal"),
        }
        intro = QLabel(
            self.tr(
                "Free text about {client} may name other persons, whose data must not be "
                "disclosed (Art. 15(4) GDPR). Tick each passage the client may receive; a "
                "passage not ticked is replaced in the PDF and the JSON by a note that it "
                "was withheld."
            ).format(client=client)
        )
        intro.setWordWrap(True)
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels(
            [self.tr("Release"), self.tr("Where"), self.tr("Text")]
        )
        for passage in passages:
            where = kinds.get(passage.kind, passage.kind)
            if passage.step is not None:
                where = self._step_place(passage)  # its date is the day it is due by
                if passage.on is not None:
                    due = self.tr("due by {date}").format(date=date_text(passage.on))
                    where = f"{where}, {due}"
            elif passage.on is not None:
                where = f"{where}, {date_text(passage.on)}"
            self.model.appendRow(
                passage_row(passage.key, self.tr("Release"), [where, passage.text])
            )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Free-text passages"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # Wrapped text needs the row heights again once the columns have their widths.
        header.sectionResized.connect(lambda *_args: self.table.resizeRowsToContents())
        self.empty = QLabel(self.tr("There is no free text about this client to review."))
        self.release_all_button = QPushButton(self.tr("Release &all"))
        self.release_all_button.clicked.connect(lambda: tick_all(self.model, Qt.CheckState.Checked))
        self.release_none_button = QPushButton(self.tr("Release &none"))
        self.release_none_button.clicked.connect(
            lambda: tick_all(self.model, Qt.CheckState.Unchecked)
        )
        warning = QLabel(
            self.tr(
                "The copy (PDF and JSON) is plain, unencrypted personal data. Keep it only "
                "on an encrypted drive or hand it over at once, and delete it after use."
            )
        )
        warning.setWordWrap(True)
        warning.setObjectName("plainDataWarning")
        warning.setStyleSheet("font-weight: bold;")
        self.warning = warning
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Understood, &save …"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Language of the copy"))
        fill_languages(self.language, texts, document_texts.DOCUMENTS[2], GERMAN)
        language_label = QLabel(self.tr("Lan&guage:"))
        language_label.setBuddy(self.language)
        ticks = QHBoxLayout()
        ticks.addWidget(self.release_all_button)
        ticks.addWidget(self.release_none_button)
        ticks.addStretch(1)
        ticks.addWidget(language_label)
        ticks.addWidget(self.language)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(ticks)
        layout.addWidget(warning)
        layout.addWidget(self.buttons)
        has_text = bool(passages)
        self.table.setVisible(has_text)
        self.empty.setVisible(not has_text)
        self.release_all_button.setEnabled(has_text)
        self.release_none_button.setEnabled(has_text)
        ok.setFocus()

    def _step_place(self, passage: Passage) -> str:
        """Which step of which goal a step's passage is, and which of its two texts."""
        template = (
            self.tr("Step {number} of the goal “{goal}”: what")
            if passage.kind == "step_what"
            else self.tr("Step {number} of the goal “{goal}”: who")
        )
        return template.format(number=passage.step, goal=passage.goal or "–")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()  # the laid-out column widths decide the wrapping

    def released(self) -> frozenset[str]:
        """The keys of the ticked passages."""
        return ticked_keys(self.model)
