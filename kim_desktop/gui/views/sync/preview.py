"""The preview of a bundle: exactly what leaves the laptop, as tables and as text."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from PySide6.QtWidgets import QPlainTextEdit, QTableView, QTabWidget, QVBoxLayout, QWidget

from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.figures import cellkey
from kim_desktop.core.figures.periods import Period
from kim_desktop.core.sync.district import DistrictSettings
from kim_desktop.gui.formatting import date_text
from kim_desktop.gui.table_model import Column, RowsModel, compact
from kim_desktop.gui.views.figures import FigureModel, FigureTexts, figure_table, fit_columns
from kim_desktop.gui.views.sync.common import message_label


class BundlePreview(QWidget):
    """A summary in words and tabs with the figures per municipality, the demographic
    table of the whole area (how it is protected, in the summary), the structural-gap texts and
    the payload as text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = FigureTexts()
        self.summary = message_label()
        self.summary.setAccessibleName(self.tr("What the bundle contains"))
        self.figures_model = FigureModel()
        self.demographics_model = FigureModel()
        self.gaps_model = RowsModel(
            [
                Column(self.tr("Municipality"), lambda gap: gap["municipality"]),
                Column(self.tr("Theme"), lambda gap: self._theme(gap["theme"])),
                Column(self.tr("Reported on"), lambda gap: self._date(gap["reported_on"])),
                Column(self.tr("Title"), lambda gap: gap["title"]),
                Column(self.tr("Description"), lambda gap: gap.get("description") or ""),
            ]
        )
        self.figures_table = figure_table(self.figures_model, self.tr("Figures per municipality"))
        self.demographics_table = figure_table(
            self.demographics_model, self.tr("Persons in new cases")
        )
        self.gaps_table = compact(QTableView())
        self.gaps_table.setModel(self.gaps_model)
        self.gaps_table.setAccessibleName(self.tr("Structural gap texts in the bundle"))
        self.gaps_table.setWordWrap(True)
        fit_columns(self.gaps_table, 4)
        self.raw = QPlainTextEdit()
        self.raw.setReadOnly(True)
        self.raw.setAccessibleName(self.tr("Content of the bundle as text"))
        self.tabs = QTabWidget()
        self.tabs.addTab(self.figures_table, self.tr("Figures per municipality"))
        self.tabs.addTab(self.demographics_table, self.tr("Persons in new cases"))
        self.tabs.addTab(self.gaps_table, self.tr("Structural gaps"))
        self.tabs.addTab(self.raw, self.tr("As text"))
        self.tabs.setMinimumHeight(330)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        self.hide()

    def _theme(self, code: str) -> str:
        return self.texts.code_label(cat.THEMES, code)

    @staticmethod
    def _date(text: str) -> str:
        try:
            return date_text(dt.date.fromisoformat(text))
        except ValueError:
            return text

    def clear(self) -> None:
        self.hide()
        self.summary.clear()
        self.figures_model.reset()
        self.demographics_model.reset()
        self.gaps_model.set_rows([])
        self.raw.clear()

    def show_payload(
        self,
        period: Period,
        payload: dict[str, Any],
        catalogues: dict[str, cat.Catalogue],
        settings: DistrictSettings,
    ) -> None:
        self.show()
        texts = self.texts = FigureTexts(catalogues)
        k = payload["k"]
        names = list(payload["municipalities"])
        sets = [payload["municipalities"][name] for name in names]
        suppressed = self.tr("suppressed (< {k})").format(k=k)
        tip = self.tr(
            "Fewer than {k} persons, or hidden so that it cannot be worked out from the "
            "totals. The number does not leave the laptop."
        ).format(k=k)
        self.figures_model.show(
            [self.tr("Figure"), *names],
            texts.rows(sets, lambda key: not key.startswith("demographics.")),
            suppressed,
            tip,
        )
        # Demographics leave the laptop for the whole area only (docs/bundle-format.md §7); a
        # payload without that block (the previous version) had them per municipality.
        area = payload.get("demographics")
        sent = area is not None and any(
            value is not None
            for cells in area.values()
            for code, value in cells.items()
            if code != "_suppressed"
        )
        if area is not None:
            self.demographics_model.show(
                [self.tr("Persons in new cases"), self.tr("All your municipalities")],
                texts.demographic_rows([{"demographics": area}]),
                self.tr("not sent"),
                self.tr(
                    "Persons in new cases leave the laptop only for a whole calendar year "
                    "that has ended, for all your municipalities together."
                ),
            )
        else:
            self.demographics_model.show(
                [self.tr("Persons in new cases"), *names],
                texts.demographic_rows(sets),
                suppressed,
                tip,
            )
        if sent:
            demographics_line = self.tr(
                "persons in newly opened cases by gender, age, nationality and residence "
                "status, each on its own and never combined, for all your municipalities "
                "together; to protect individual persons the numbers are changed by up to "
                "±{deviation}, 1 to {small} persons are shown as 0 or {k}, and the same "
                "persons always give the same numbers;"
            ).format(deviation=cellkey.DEVIATION, small=k - 1, k=k)
        else:
            demographics_line = self.tr(
                "persons in newly opened cases: not sent for this period (only for a whole "
                "calendar year that has ended, for all your municipalities together);"
            )
        self.gaps_model.set_rows(payload["structural_gaps"])
        self.gaps_table.resizeRowsToContents()
        self.raw.setPlainText(json.dumps(payload, indent=2, ensure_ascii=False))
        self.summary.setText(
            "\n".join(
                [
                    self.tr(
                        "This leaves the laptop for {period} ({span}), encrypted to "
                        "{office} of {district}:"
                    ).format(
                        period=texts.period_name(period),
                        span=texts.span(period),
                        office=settings.coordinator_name,
                        district=settings.district,
                    ),
                    "• "
                    + self.tr("counts for {count} municipalities: {names};").format(
                        count=len(names), names=", ".join(names)
                    ),
                    "• " + demographics_line,
                    "• "
                    + self.tr("structural gap texts: {count} (checked for personal data).").format(
                        count=len(payload["structural_gaps"])
                    ),
                    self.tr(
                        "Nothing else: no names, dates of birth, addresses, notes, client or "
                        "case numbers."
                    ),
                ]
            )
        )
