"""The assessment tab: the needs by life area, one column per assessment; new assessments,
and the selected column's assessment corrected or removed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kim_desktop.core import casework
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.gui import i18n
from kim_desktop.gui.formatting import date_text
from kim_desktop.gui.style import as_hint
from kim_desktop.gui.views.case_detail.base import CaseDetailBase
from kim_desktop.gui.views.case_detail.common import (
    buddy,
    member_name,
    need_text,
    on_delete_key,
    row,
)
from kim_desktop.gui.views.case_detail.record_dialogs import AssessmentDialog

Index = QModelIndex | QPersistentModelIndex


class AssessmentGridModel(QAbstractTableModel):
    """Life areas as rows, one column per assessment (oldest first): "2 – medium need"."""

    def __init__(self) -> None:
        super().__init__()
        self.areas: list[tuple[str, str]] = []  # (code, label)
        self.assessments: list[casework.AssessmentData] = []
        self.headers: list[str] = []

    def set_grid(
        self,
        areas: Sequence[tuple[str, str]],
        assessments: Sequence[casework.AssessmentData],
        headers: Sequence[str],
    ) -> None:
        self.beginResetModel()
        self.areas = list(areas)
        self.assessments = list(assessments)
        self.headers = list(headers)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.areas)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.assessments)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if section < len(self.headers) else None
        return self.areas[section][1] if section < len(self.areas) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        assessment = self.assessments[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return need_text(assessment.ratings.get(self.areas[index.row()][0]))
        if role == Qt.ItemDataRole.ToolTipRole:
            return assessment.notes or None
        return None


class AssessmentTab(CaseDetailBase):
    def _assessment_page(self) -> QWidget:
        self.assessment_model = AssessmentGridModel()
        self.assessment_table = QTableView()
        self.assessment_table.setModel(self.assessment_model)
        self.assessment_table.setAccessibleName(self.tr("Needs by life area and date"))
        self.assessment_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.assessment_table.setTabKeyNavigation(False)
        # A column is one assessment: choosing a cell chooses its column.
        self.assessment_table.setSelectionBehavior(
            QAbstractItemView.SelectionBehavior.SelectColumns
        )
        self.assessment_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.assessment_table.activated.connect(lambda _index: self.edit_assessment())
        on_delete_key(self.assessment_table, self.remove_assessment)
        self.assessment_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.new_assessment_button = self._button(self.tr("Ne&w assessment …"), self.new_assessment)
        self.edit_assessment_button = self._button(self.tr("E&dit …"), self.edit_assessment)
        self.remove_assessment_button = self._button(self.tr("Remove …"), self.remove_assessment)
        hint = QLabel(
            self.tr(
                "0 no need · 1 low · 2 medium · 3 high need; one column per date. Choose a "
                "column to correct or remove that assessment."
            )
        )
        as_hint(hint)
        hint.setWordWrap(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(buddy(self.tr("Needs &by life area:"), self.assessment_table))
        layout.addWidget(self.assessment_table, 1)
        layout.addWidget(hint)
        layout.addLayout(
            row(
                self.new_assessment_button,
                self.edit_assessment_button,
                self.remove_assessment_button,
            )
        )
        self.assessment_table.selectionModel().currentChanged.connect(self._update_actions)
        return page

    def _fill_assessment(self, case: casework.CaseDetail, keep: dict[str, str | None]) -> None:
        areas = [(e.code, e.label(i18n.current_language())) for e in self._life_areas(case)]
        names = {m.client.id: member_name(m.client) for m in case.members}
        headers = [
            date_text(a.assessed_on) + (f"\n{names[a.client_id]}" if a.client_id in names else "")
            for a in case.assessments
        ]
        self.assessment_model.set_grid(areas, case.assessments, headers)
        for position, assessment in enumerate(case.assessments):
            if keep.get("assessment") == assessment.id and areas:
                self.assessment_table.setCurrentIndex(self.assessment_model.index(0, position))

    def selected_assessment(self) -> casework.AssessmentData | None:
        index = self.assessment_table.currentIndex()
        assessments = self.assessment_model.assessments
        if not index.isValid() or not 0 <= index.column() < len(assessments):
            return None
        return assessments[index.column()]

    def _update_assessment_actions(self) -> None:
        chosen = self.selected_assessment() is not None
        self.edit_assessment_button.setEnabled(chosen)
        self.remove_assessment_button.setEnabled(chosen)

    def _life_areas(self, case: casework.CaseDetail) -> list[cat.Entry]:
        """The catalogue's life areas, plus any rated area the catalogue no longer has."""
        catalogue = self._catalogues.get(cat.LIFE_AREAS) or cat.base_catalogues()[cat.LIFE_AREAS]
        entries = list(catalogue.entries)
        known = set(catalogue.codes)
        for assessment in case.assessments:
            for code in assessment.ratings:
                if code not in known:
                    known.add(code)
                    entries.append(cat.Entry(code, code, code))
        return entries

    def new_assessment_dialog(self) -> AssessmentDialog | None:
        ready = self._ready()
        if ready is None:
            return None
        return self._prepared(
            AssessmentDialog(ready[0], ready[1], self._catalogues, self.today(), self)
        )

    def new_assessment(self) -> QDialog | None:
        return self._open(self.new_assessment_dialog())

    def edit_assessment_dialog(self) -> AssessmentDialog | None:
        ready, assessment = self._ready(), self.selected_assessment()
        if ready is None or assessment is None:
            return None
        return self._prepared(
            AssessmentDialog(
                ready[0],
                ready[1],
                self._catalogues,
                self.today(),
                self,
                assessment_id=assessment.id,
            )
        )

    def edit_assessment(self) -> QDialog | None:
        return self._open(self.edit_assessment_dialog())

    def remove_assessment(self) -> None:
        ready, assessment = self._ready(), self.selected_assessment()
        if ready is None or assessment is None:
            return
        casefile, case = ready
        assessment_id = assessment.id
        names = {m.client.id: member_name(m.client) for m in case.members}
        text = (
            self.tr("Remove the assessment of {date} for {name}?")
            if assessment.client_id in names
            else self.tr("Remove the assessment of {date}?")
        ).format(date=date_text(assessment.assessed_on), name=names.get(assessment.client_id))
        text += " " + self.tr("Only for an assessment entered by mistake; this cannot be undone.")
        if self._ask(self.tr("Remove assessment"), text):
            self._call(lambda: casework.delete_assessment(casefile, assessment_id))
