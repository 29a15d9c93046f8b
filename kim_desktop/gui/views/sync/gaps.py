"""The coordinator's "Structural gaps": the gap texts that the current bundles carried."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kim_desktop.core import casework
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.figures.periods import parse_period
from kim_desktop.core.sync import inbox, received
from kim_desktop.gui.formatting import date_text
from kim_desktop.gui.main_window import CaseFileView
from kim_desktop.gui.style import as_hint
from kim_desktop.gui.table_model import Column, RowsModel, compact
from kim_desktop.gui.views.figures import FigureTexts, fit_columns


class CollectedGapsView(CaseFileView):
    """The structural-gap texts of the current bundles, read only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._texts = FigureTexts()
        self._loading = False
        self.period = QComboBox()
        self.period.setAccessibleName(self.tr("Period"))
        period_label = QLabel(self.tr("&Period:"))
        period_label.setBuddy(self.period)
        self.count = QLabel()
        self.model = RowsModel(
            [
                Column(self.tr("Period"), lambda gap: gap["period"]),
                Column(self.tr("Municipality"), lambda gap: gap["municipality"]),
                Column(self.tr("Theme"), lambda gap: self._theme(gap["theme"])),
                Column(self.tr("Reported on"), lambda gap: date_text(gap["reported_on"])),
                Column(self.tr("Title"), lambda gap: gap["title"]),
            ]
        )
        self.table = compact(QTableView())
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Structural gaps from the bundles"))
        fit_columns(self.table, 4)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName(self.tr("Text of the structural gap"))
        hint = QLabel(
            self.tr(
                "Problems that case managers reported and that need change at the structural "
                "level, as their bundles carried them (current revisions only)."
            )
        )
        as_hint(hint)
        hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(period_label)
        row.addWidget(self.period)
        row.addWidget(self.count, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.text)
        splitter.setSizes([480, 200])
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(row)
        layout.addWidget(splitter, 1)
        self.period.currentIndexChanged.connect(self.refresh)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)

    def title(self) -> str:
        return self.tr("Structural gaps")

    def _theme(self, code: str) -> str:
        return self._texts.code_label(cat.THEMES, code)

    def clear(self) -> None:
        self._loading = True
        self.period.clear()
        self._loading = False
        self.model.set_rows([])
        self.text.clear()
        self.count.clear()

    def refresh(self) -> None:
        casefile = self.casefile
        if casefile is None or self._loading:
            return
        chosen = self.period.currentData()
        periods = sorted(
            {row.period for row in received.received(casefile) if row.status == "current"},
            reverse=True,
        )
        self._loading = True
        self.period.clear()
        self.period.addItem(self.tr("All periods"), None)
        for label in periods:
            self.period.addItem(label, label)
        self.period.setCurrentIndex(max(0, self.period.findData(chosen)))
        self._loading = False
        chosen = self.period.currentData()
        self._texts = FigureTexts(casework.catalogues_of(casefile))
        gaps = inbox.collected_gaps(casefile, parse_period(chosen) if chosen else None)
        self.model.set_rows(gaps)
        self.text.clear()
        self.count.setText(self.tr("%Ln structural gap(s)", "", len(gaps)))
        if gaps:
            self.table.selectRow(0)

    def _row_chosen(self, current: Any, _previous: Any) -> None:
        gap = self.model.row_at(current.row()) if current.isValid() else None
        if gap is None:
            self.text.clear()
            return
        self.text.setPlainText(f"{gap['title']}\n\n{gap.get('description') or ''}".strip())
