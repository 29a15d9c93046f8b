"""Structural gaps (Strukturlücken): write, edit, mark as reported, delete.

Gaps are problems seen in single cases that need change at the structural level. They leave
the laptop (later, in the anonymised bundle) only once reported — so the text must not name
or describe a person."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kim_desktop.core import casework
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.figures import gap_check
from kim_desktop.core.figures.anonymise import Finding, PersonalFacts
from kim_desktop.gui import i18n
from kim_desktop.gui.autosave import AutoSaver
from kim_desktop.gui.dialogs import known_municipality
from kim_desktop.gui.formatting import date_text
from kim_desktop.gui.main_window import CaseFileView
from kim_desktop.gui.messages import describe_error
from kim_desktop.gui.operations import Operation, Report, run_operation
from kim_desktop.gui.style import as_hint
from kim_desktop.gui.table_model import Column, RowsModel, compact
from kim_desktop.gui.views.sync.findings import finding_field_text, finding_kind_text


def _label(catalogue: str, code: str) -> str:
    return cat.base_catalogues()[catalogue].label(code, i18n.current_language())


class GapsView(CaseFileView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current: casework.GapData | None = None
        self.model = RowsModel(
            [
                Column(self.tr("Title"), lambda gap: gap.title),
                Column(self.tr("Municipality"), lambda gap: gap.municipality),
                Column(self.tr("Theme"), lambda gap: _label(cat.THEMES, gap.theme)),
                Column(self.tr("Status"), self._status_text),
            ]
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Structural gaps"))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        compact(self.table)
        self.new_button = QPushButton(self.tr("&New structural gap"))

        self.municipality = QComboBox()
        self.municipality.setEditable(True)
        self.municipality.setAccessibleName(self.tr("Municipality"))
        self.theme = QComboBox()
        self.theme.setAccessibleName(self.tr("Theme"))
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName(self.tr("Title"))
        self.description = QPlainTextEdit()
        self.description.setAccessibleName(self.tr("Description"))
        self.description.setTabChangesFocus(True)
        self.status = QLabel()
        self.report_button = QPushButton(self.tr("Mark as &reported"))
        self.delete_button = QPushButton(self.tr("&Delete …"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        # The personal-data check of the text, while typing and before marking it reported.
        self.findings = QLabel()
        self.findings.setWordWrap(True)
        self.findings.setStyleSheet("color: #a40000;")
        self.findings.setAccessibleName(self.tr("Personal data in the text"))
        self.findings.hide()
        # The clients the check compares against, read off the GUI thread (a few hundred ms
        # with 10,000 clients); what waits for them runs when they are there.
        self._facts: PersonalFacts | None = None
        self._facts_generation = 0
        self._facts_loading: Operation | None = None
        self._after_facts: list[Callable[[], object]] = []
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(400)
        self._check_timer.timeout.connect(self.check_text)
        hint = QLabel(
            self.tr(
                "Describe the problem, not the person: no names, dates of birth, "
                "addresses or file numbers. Only reported gaps are counted."
            )
        )
        as_hint(hint)
        hint.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("&Title:"), self.title_edit)
        form.addRow(self.tr("&Municipality:"), self.municipality)
        form.addRow(self.tr("Th&eme:"), self.theme)
        form.addRow(self.tr("Des&cription:"), self.description)
        form.addRow("", self.findings)
        form.addRow(self.tr("Status:"), self.status)
        buttons = QHBoxLayout()
        buttons.addWidget(self.report_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        self.editor = QWidget()
        editor_layout = QVBoxLayout(self.editor)
        editor_layout.addWidget(hint)
        editor_layout.addLayout(form)
        editor_layout.addLayout(buttons)
        editor_layout.addWidget(self.message)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.new_button)
        left_layout.addWidget(self.table)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([560, 760])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.saver = AutoSaver(self._save, self)
        self.saver.watch(self.title_edit, self.municipality, self.theme, self.description)
        self.saver.saved.connect(self._saved)
        self.saver.failed.connect(lambda error: self.message.setText(describe_error(error)))
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        self.new_button.clicked.connect(self.new_gap)
        self.report_button.clicked.connect(self.mark_reported)
        self.title_edit.textEdited.connect(lambda _text: self._check_timer.start())
        self.description.textChanged.connect(self._check_timer.start)
        self.delete_button.clicked.connect(self.delete)
        self.editor.setEnabled(False)

    def title(self) -> str:
        return self.tr("Structural gaps")

    def _status_text(self, gap: casework.GapData) -> str:
        if gap.status == "reported":
            return self.tr("reported {date}").format(date=date_text(gap.reported_on))
        return _label(cat.GAP_STATUS, gap.status)

    # -- life cycle ------------------------------------------------------------------------

    def flush_edits(self) -> None:
        self.saver.flush()

    def clear(self) -> None:
        self.saver.discard()
        self._forget_facts()  # names of clients: not kept while locked
        self._facts_loading = None
        self._after_facts.clear()
        self._check_timer.stop()
        self.findings.clear()
        self.findings.hide()
        self.current = None
        self.model.set_rows([])
        with self.saver.suspend():
            self.title_edit.clear()
            self.description.clear()
            self.municipality.clear()
            self.theme.clear()
        self.status.clear()
        self.message.clear()
        self.editor.setEnabled(False)

    def refresh(self) -> None:
        casefile = self.casefile
        if casefile is None:
            return
        self._forget_facts()  # clients may have changed: read again
        self.saver.flush()
        selected = self.current.id if self.current else None
        with self.saver.suspend():
            self.municipality.clear()
            self.municipality.addItems(casework.list_municipalities(casefile))
            self.theme.clear()
            language = i18n.current_language()
            for code in cat.base_catalogues()[cat.THEMES].codes:
                self.theme.addItem(cat.base_catalogues()[cat.THEMES].label(code, language), code)
        self.model.set_rows(casework.list_gaps(casefile))
        self.select(selected)

    def select(self, gap_id: str | None) -> None:
        for row, gap in enumerate(self.model.rows):
            if gap.id == gap_id:
                self.table.selectRow(row)
                self._show(gap)
                return
        self._show(None)

    # -- editing ---------------------------------------------------------------------------

    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.saver.flush()
        if current.isValid() and current.row() < len(self.model.rows):
            self._show(self.model.rows[current.row()])

    def _show(self, gap: casework.GapData | None) -> None:
        self.current = gap
        self.message.clear()
        self.findings.hide()
        self.editor.setEnabled(gap is not None)
        with self.saver.suspend():
            self.title_edit.setText(gap.title if gap else "")
            self.description.setPlainText((gap.description or "") if gap else "")
            self.municipality.setCurrentText(gap.municipality if gap else "")
            index = self.theme.findData(gap.theme) if gap else -1
            self.theme.setCurrentIndex(max(index, 0))
        if gap is None:
            self.status.clear()
        elif gap.status == "reported":
            self.status.setText(
                self.tr("reported on {date}").format(date=date_text(gap.reported_on))
            )
        else:
            self.status.setText(self.tr("draft (not yet reported)"))
        self.report_button.setEnabled(gap is not None and gap.status != "reported")

    def _edited(self) -> casework.GapData | None:
        if self.current is None:
            return None
        return casework.GapData(
            id=self.current.id,
            municipality=self.municipality.currentText().strip(),
            theme=self.theme.currentData(),
            title=self.title_edit.text().strip(),
            description=self.description.toPlainText().strip() or None,
            status=self.current.status,
            reported_on=self.current.reported_on,
        )

    def _save(self) -> None:
        casefile, edited = self.casefile, self._edited()
        if casefile is None or edited is None:
            return
        if not edited.title or not edited.municipality:
            self.message.setText(self.tr("Title and municipality are needed; not saved yet."))
            return
        edited = dataclasses.replace(
            edited, municipality=known_municipality(casefile, edited.municipality)
        )
        casework.save_gap(casefile, edited)
        self.current = edited

    def _saved(self) -> None:
        self.message.setText(self.tr("Saved."))
        row = next(
            (i for i, g in enumerate(self.model.rows) if self.current and g.id == self.current.id),
            None,
        )
        if row is not None and self.current is not None:
            self.model.rows[row] = self.current
            self.model.dataChanged.emit(self.model.index(row, 0), self.model.index(row, 3))

    def new_gap(self) -> None:
        casefile = self.casefile
        if casefile is None:
            return
        self._forget_facts()  # clients may have changed: read again
        self.saver.flush()
        municipalities = casework.list_municipalities(casefile)
        if municipalities:
            municipality = municipalities[0]
        else:
            typed, ok = QInputDialog.getText(
                self, self.tr("New structural gap"), self.tr("Municipality concerned:")
            )
            if not ok or not typed.strip():
                return
            municipality = known_municipality(casefile, typed)
        draft = casework.GapData(
            id=None,
            municipality=municipality,
            theme="other",
            title=self.tr("New structural gap"),
            description=None,
            status="draft",
            reported_on=None,
        )
        try:
            new_id = casework.save_gap(casefile, draft)
        except Exception as error:  # noqa: BLE001 - shown to the user
            self.message.setText(describe_error(error))
            return
        self.refresh()
        self.select(new_id)
        self.title_edit.setFocus()
        self.title_edit.selectAll()

    def mark_reported(self) -> None:
        """Reported gaps leave the laptop in the bundle: one that fails the personal-data
        check is not marked (the findings are shown beside the text)."""
        casefile, gap = self.casefile, self.current
        if casefile is None or gap is None or gap.id is None:
            return
        self.saver.flush()
        if self._facts is None:
            # The check needs the clients, still being read: it runs (and marks) then.
            self.message.setText(self.tr("Checking the text for personal data …"))
            gap_id = gap.id

            def when_read() -> None:
                if self.current is not None and self.current.id == gap_id:
                    self.mark_reported()

            self._when_facts(when_read)
            return
        if self.check_text():
            self.message.setText(
                self.tr(
                    "Not marked as reported: the text seems to name a person. "
                    "Describe the problem instead."
                )
            )
            return
        casework.mark_gap_reported(casefile, gap.id, dt.date.today())
        self.refresh()

    # -- the personal-data check -----------------------------------------------------------

    @property
    def facts_ready(self) -> bool:
        """The clients the check compares against are read (tests wait for this)."""
        return self._facts is not None

    def _forget_facts(self) -> None:
        self._facts = None
        self._facts_generation += 1

    def _when_facts(self, then: Callable[[], object]) -> None:
        """Run ``then`` once the file's clients are read (now, if they are)."""
        if self._facts is not None:
            then()
            return
        if then not in self._after_facts:
            self._after_facts.append(then)
        self._load_facts()

    def _load_facts(self) -> None:
        casefile = self.casefile
        if casefile is None or self._facts_loading is not None:
            return
        generation = self._facts_generation

        def work(_report: Report) -> PersonalFacts:
            return gap_check.personal_facts_of(casefile)

        def read(facts: object) -> None:
            self._facts_loading = None
            if self.casefile is not casefile:
                return
            if generation != self._facts_generation:
                self._load_facts()  # clients changed while reading: read again
                return
            assert isinstance(facts, PersonalFacts)
            self._facts = facts
            waiting, self._after_facts = self._after_facts, []
            for then in waiting:
                then()

        def failed(_error: BaseException) -> None:
            # Locked or closed meanwhile: nothing shown is checked, nothing waits.
            self._facts_loading = None
            self._after_facts.clear()

        self._facts_loading = run_operation(self, work, read, failed)

    def check_text(self) -> list[Finding]:
        """Check the shown gap's title and description; show what was found (or nothing).

        While the clients are still being read, the check runs again once they are."""
        self._check_timer.stop()
        if self.current is None:
            self.findings.hide()
            return []
        facts = self._facts
        if facts is None:
            self._when_facts(self.check_text)
            return []
        found = gap_check.gap_findings(
            facts, self.title_edit.text(), self.description.toPlainText()
        )
        if found:
            items = sorted(
                {f"{finding_kind_text(f.kind)} ({finding_field_text(f.field)})" for f in found}
            )
            self.findings.setText(
                self.tr(
                    "This looks like personal data: {items}. A reported gap leaves the "
                    "laptop; describe the problem, not the person."
                ).format(items=", ".join(items))
            )
        self.findings.setVisible(bool(found))
        return found

    def delete(self) -> None:
        casefile, gap = self.casefile, self.current
        if casefile is None or gap is None or gap.id is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete structural gap"),
            self.tr("Delete the structural gap “{title}”? This cannot be undone.").format(
                title=gap.title
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.saver.discard()
        casework.delete_gap(casefile, gap.id)
        self.current = None
        self.refresh()
