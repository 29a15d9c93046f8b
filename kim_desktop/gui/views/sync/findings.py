"""The personal-data check's findings that block an export, with the gap each is in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGroupBox, QTableView, QVBoxLayout, QWidget

from kim_desktop.core import casework
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.sync.outbox import PersonalDataFound
from kim_desktop.gui.formatting import number
from kim_desktop.gui.table_model import Column, RowsModel, compact
from kim_desktop.gui.views.figures import ERROR_STYLE, fit_columns
from kim_desktop.gui.views.sync.common import message_label


@dataclass(frozen=True)
class FindingRow:
    """One hit of the personal-data check, with the gap it is in."""

    gap_id: str
    gap_title: str
    municipality: str
    field: str
    kind: str
    position: int


def finding_rows(casefile: CaseFile, error: PersonalDataFound) -> list[FindingRow]:
    """The findings with their gaps' titles and municipalities (for the table)."""
    gaps = {gap.id: gap for gap in casework.list_gaps(casefile)}
    rows = []
    for gap_id, finding in error.findings:
        gap = gaps.get(str(gap_id))
        rows.append(
            FindingRow(
                str(gap_id),
                gap.title if gap else str(gap_id),
                gap.municipality if gap else "",
                finding.field,
                finding.kind,
                finding.position,
            )
        )
    return rows


def finding_field_text(name: str) -> str:
    """A gap's field as the findings name it (the gaps view says it the same way)."""
    return {
        "title": QCoreApplication.translate("FindingsBox", "title"),
        "description": QCoreApplication.translate("FindingsBox", "description"),
    }.get(name, name)


def finding_kind_text(kind: str) -> str:
    """What the personal-data check found (core's kind), in the window's language."""
    return {
        "a client's name": QCoreApplication.translate("FindingsBox", "a client's name"),
        "a client's address": QCoreApplication.translate("FindingsBox", "a client's address"),
        "a client's e-mail address": QCoreApplication.translate(
            "FindingsBox", "a client's e-mail address"
        ),
        "an e-mail address": QCoreApplication.translate("FindingsBox", "an e-mail address"),
        "a client's birth date": QCoreApplication.translate("FindingsBox", "a client's birth date"),
        "a date": QCoreApplication.translate("FindingsBox", "a date"),
        "a client's phone number": QCoreApplication.translate(
            "FindingsBox", "a client's phone number"
        ),
        "a phone number": QCoreApplication.translate("FindingsBox", "a phone number"),
        "a file number": QCoreApplication.translate("FindingsBox", "a file number"),
    }.get(kind, kind)


class FindingsBox(QGroupBox):
    """The "Export blocked" box: what was found where; hidden while there is nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Export blocked"))
        self.rows: list[FindingRow] = []
        self.model = RowsModel(
            [
                Column(self.tr("Structural gap"), lambda row: row.gap_title),
                Column(self.tr("Municipality"), lambda row: row.municipality),
                Column(self.tr("Field"), lambda row: self._field_text(row.field)),
                Column(self.tr("What was found"), lambda row: self._kind_text(row.kind)),
                Column(
                    self.tr("At character"),
                    lambda row: number(row.position + 1),
                    align_right=True,
                ),
            ]
        )
        self.table = compact(QTableView())
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Personal data found"))
        fit_columns(self.table, 0)
        self.table.setMinimumHeight(120)
        self.text = message_label()
        self.text.setStyleSheet(ERROR_STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.table)
        self.hide()

    def _field_text(self, name: str) -> str:
        return finding_field_text(name)

    def _kind_text(self, kind: str) -> str:
        return finding_kind_text(kind)

    def show_rows(self, rows: Sequence[FindingRow]) -> None:
        self.rows = list(rows)
        self.model.set_rows(self.rows)
        self.setVisible(bool(rows))
        if rows:
            titles = sorted({row.gap_title for row in rows})
            self.text.setText(
                self.tr(
                    "These reported structural gaps look like they name or describe a person: "
                    "{titles}. Open them in “Structural gaps”, rewrite the parts listed below "
                    "without personal data, then preview again."
                ).format(titles=", ".join(f"“{title}”" for title in titles))
            )
        else:
            self.text.clear()
