"""Statistics: the indicators of DESIGN §6 for a period and municipality, as tables and
charts. The figures come from ``core.indicators`` — the same function as ``kim stats``."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCharts import (
    QChart,
    QChartView,
)
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kim_desktop.core import casework
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.documents import report_data
from kim_desktop.core.errors import KimError
from kim_desktop.core.figures import indicators
from kim_desktop.core.figures import stats as figure_stats
from kim_desktop.core.figures.district import NoBundlesError
from kim_desktop.core.figures.periods import Period, parse_period
from kim_desktop.gui import i18n
from kim_desktop.gui.date_field import DateField
from kim_desktop.gui.dialogs import ask_pdf_path
from kim_desktop.gui.formatting import number
from kim_desktop.gui.main_window import CaseFileView
from kim_desktop.gui.messages import describe_error
from kim_desktop.gui.operations import run_operation
from kim_desktop.gui.table_model import Column, RowsModel
from kim_desktop.gui.views.charts import bar_chart
from kim_desktop.gui.views.figures import FigureTexts
from kim_desktop.reports.statistics import build_statistics_report

Index = QModelIndex | QPersistentModelIndex


KEY_FIGURES = (
    "appointments.total",
    "appointments.counselling",
    "appointments.case_management",
    "appointments.other_work",
    # One row of the two-column grid: the sum beside what it leaves out.
    "appointments.other_work_participants",
    "appointments.other_work_without_participants",
    "appointments.avg_minutes_case_management",
    "cases.opened",
    "cases.persons_in_opened",
    "cases.long_term",
    "cases.not_continued",
    "cases.closed",
    "cases.open_at_end",
    "cases.appointments_to_positive_close.median",
    "goals.agreed",
    "structural_gaps.reported",
)


class PeriodPicker(QWidget):
    """Year, quarter or date range; ``changed`` tells that the period may differ now."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        today = dt.date.today()
        self.kind = QComboBox()
        self.kind.addItems([self.tr("Year"), self.tr("Quarter"), self.tr("Date range")])
        self.kind.setAccessibleName(self.tr("Kind of period"))
        self.year = QSpinBox()
        self.year.setRange(2015, 2100)
        self.year.setValue(today.year)
        self.year.setAccessibleName(self.tr("Year"))
        self.quarter = QComboBox()
        self.quarter.addItems([self.tr("Q1"), self.tr("Q2"), self.tr("Q3"), self.tr("Q4")])
        self.quarter.setCurrentIndex((today.month - 1) // 3)
        self.quarter.setAccessibleName(self.tr("Quarter"))
        self.start = DateField(dt.date(today.year, 1, 1), self.tr("From"), field="start")
        self.end = DateField(today, self.tr("To"), field="end")
        self.range_box = QWidget()
        range_row = QHBoxLayout(self.range_box)
        range_row.setContentsMargins(0, 0, 0, 0)
        range_row.addWidget(self.start)
        range_row.addWidget(QLabel("–"))
        range_row.addWidget(self.end)
        self.details = QStackedWidget()
        year_only = QWidget()
        QHBoxLayout(year_only).setContentsMargins(0, 0, 0, 0)
        quarter_box = QWidget()
        quarter_row = QHBoxLayout(quarter_box)
        quarter_row.setContentsMargins(0, 0, 0, 0)
        quarter_row.addWidget(self.quarter)
        self.details.addWidget(year_only)
        self.details.addWidget(quarter_box)
        self.details.addWidget(self.range_box)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.kind)
        row.addWidget(self.year)
        row.addWidget(self.details)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        for signal in (
            self.kind.currentIndexChanged,
            self.year.valueChanged,
            self.quarter.currentIndexChanged,
        ):
            signal.connect(self.changed)
        for field in (self.start, self.end):
            field.committed.connect(lambda _day: self.changed.emit())

    def _kind_changed(self, index: int) -> None:
        self.details.setCurrentIndex(index)
        self.year.setVisible(index != 2)

    def show_period(self, label: str) -> None:
        """Preselect a period given as ``2025``, ``2025-Q3`` or ``A..B``."""
        chosen = parse_period(label)
        if "-Q" in chosen.label:
            self.kind.setCurrentIndex(1)
            self.year.setValue(chosen.start.year)
            self.quarter.setCurrentIndex((chosen.start.month - 1) // 3)
        elif ".." in chosen.label:
            self.kind.setCurrentIndex(2)
            self.start.set_value(chosen.start)
            self.end.set_value(chosen.end)
        else:
            self.kind.setCurrentIndex(0)
            self.year.setValue(chosen.start.year)

    def period(self) -> Period:
        kind = self.kind.currentIndex()
        if kind == 0:
            return parse_period(str(self.year.value()))
        if kind == 1:
            return parse_period(f"{self.year.value()}-Q{self.quarter.currentIndex() + 1}")
        start = self.start.required_value()
        end = self.end.required_value()
        return parse_period(f"{start.isoformat()}..{end.isoformat()}")


class StatisticsView(CaseFileView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figures: dict[str, Any] | None = None
        self.picker = PeriodPicker()
        self.municipality = QComboBox()
        self.municipality.setAccessibleName(self.tr("Municipality"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.report_button = QPushButton(self.tr("Create &report (PDF) …"))
        self.report_button.setAccessibleName(self.tr("Create report (PDF)"))
        self.report_button.clicked.connect(lambda _checked=False: self.create_report())
        self.report_status = QLabel()
        self.report_status.setWordWrap(True)
        self.report_status.setAccessibleName(self.tr("Report status"))
        controls = QFormLayout()
        controls.addRow(self.tr("&Period:"), self.picker)
        controls.addRow(self.tr("&Municipality:"), self.municipality)
        for widget in (self.picker, self.municipality):
            label = controls.labelForField(widget)
            if isinstance(label, QLabel):
                label.setBuddy(widget if widget is not self.picker else self.picker.kind)

        self.key_figures = QGridLayout()
        self.key_labels: dict[str, QLabel] = {}
        key_box = QGroupBox(self.tr("Key figures"))
        key_box.setLayout(self.key_figures)
        for position, (key, text) in enumerate(self._key_figure_texts().items()):
            caption = QLabel(text)
            value = QLabel("–")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setAccessibleName(text)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.key_labels[key] = value
            row, column = divmod(position, 2)
            self.key_figures.addWidget(caption, row, column * 2)
            self.key_figures.addWidget(value, row, column * 2 + 1)

        self.tables: dict[str, RowsModel] = {}
        tables_row = QHBoxLayout()
        for key, heading in (
            ("appointments", self.tr("Appointments")),
            ("themes", self.tr("Themes")),
            ("referrals", self.tr("Referrals")),
            ("demographics", self.tr("Persons in new cases")),
        ):
            model = RowsModel(
                [
                    Column(heading, lambda row: row[0]),
                    Column(self.tr("Number"), lambda row: number(row[1]), align_right=True),
                ]
            )
            table = QTableView()
            table.setModel(model)
            table.setAccessibleName(heading)
            table.verticalHeader().hide()
            table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            table.horizontalHeader().setSectionResizeMode(
                1, QHeaderView.ResizeMode.ResizeToContents
            )
            table.setMinimumHeight(260)
            self.tables[key] = model
            tables_row.addWidget(table)

        self.charts: list[QChartView] = []
        charts_row = QGridLayout()
        for index in range(5):  # the fifth: counselling by interpreting (issue 13)
            view = QChartView()
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(260)
            self.charts.append(view)
            charts_row.addWidget(view, index // 2, index % 2)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(controls)
        report_row = QHBoxLayout()
        report_row.addWidget(self.report_button)
        report_row.addWidget(self.report_status, 1)
        layout.addLayout(report_row)
        layout.addWidget(self.status)
        layout.addWidget(key_box)
        layout.addLayout(tables_row)
        layout.addLayout(charts_row)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.picker.changed.connect(self.refresh)
        self.municipality.currentIndexChanged.connect(self.refresh)
        self._loading_municipalities = False
        self._request = 0

    def title(self) -> str:
        return self.tr("Statistics")

    def _key_figure_texts(self) -> dict[str, str]:
        """The key figures this view shows, in this order, with the words the district view
        and the bundle preview use too (``FigureTexts``)."""
        texts = FigureTexts()
        words = {**texts.key_figures(), **texts.participant_figures()}
        return {key: words[key] for key in KEY_FIGURES}

    # -- life cycle ------------------------------------------------------------------------

    def set_casefile(self, casefile: Any) -> None:
        super().set_casefile(casefile)
        if casefile is not None:
            self._load_municipalities()

    def clear(self) -> None:
        self.figures = None
        for label in self.key_labels.values():
            label.setText("–")
        for model in self.tables.values():
            model.set_rows([])
        for view in self.charts:
            view.setChart(QChart())
        self._loading_municipalities = True
        self.municipality.clear()
        self._loading_municipalities = False
        self.status.clear()
        self.report_status.clear()

    def _load_municipalities(self) -> None:
        assert self.casefile is not None
        names = casework.list_municipalities(self.casefile)
        self._loading_municipalities = True
        self.municipality.clear()
        self.municipality.addItem(self.tr("All municipalities"), None)
        for name in names:
            self.municipality.addItem(name, name)
        self._loading_municipalities = False

    def refresh(self) -> None:
        casefile = self.casefile
        if casefile is None or self._loading_municipalities:
            return
        try:
            period = self.picker.period()
        except KimError as error:
            self.status.setText(describe_error(error))
            return
        municipality = self.municipality.currentData()
        self.status.setText(self.tr("Counting …"))
        # Results may arrive out of order when the period changes quickly: only the answer
        # to the latest request is shown.
        self._request += 1
        request = self._request

        def work(_report: object) -> dict[str, Any]:
            # A coordinator's period without bundles: shown as "no data", never as zeros.
            return figure_stats.for_casefile(casefile, period, municipality, no_data_ok=True)

        def succeeded(figures: dict[str, Any]) -> None:
            if request == self._request:
                self.show_figures(figures)

        def failed(error: BaseException) -> None:
            if request == self._request:
                self.status.setText(describe_error(error))

        run_operation(self, work, succeeded, failed)

    # -- the PDF report --------------------------------------------------------------------

    def _save_path(self, title: str, suggested: str) -> Path | None:
        """Where to write a PDF; None when cancelled. Tests replace this."""
        return ask_pdf_path(self, title, suggested)

    def create_report(self) -> None:
        """The statistics report of the chosen period as a PDF (the whole file, all
        municipalities), built in the background."""
        casefile = self.casefile
        if casefile is None:
            return
        try:
            period = self.picker.period()
        except KimError as error:
            self.report_status.setText(describe_error(error))
            return
        path = self._save_path(
            self.tr("Save statistics report"),
            self.tr("statistics-report-{period}.pdf").format(period=period.label),
        )
        if path is None or self.casefile is not casefile:
            return  # cancelled, or locked while the file dialog was open
        progress = self.tr("Creating the report …")
        self.report_status.setText(progress)

        def work(report: Any) -> int:
            data = report_data.gather(casefile, period)
            buffer = io.BytesIO()
            pages = build_statistics_report(
                data, buffer, progress=lambda page: report(page, page + 1)
            )
            path.write_bytes(buffer.getvalue())
            return pages

        def succeeded(_pages: int) -> None:
            if self.casefile is casefile:
                self.report_status.setText(self.tr("Saved {path}.").format(path=str(path)))

        def failed(error: BaseException) -> None:
            if self.casefile is casefile and isinstance(error, NoBundlesError):
                self.report_status.setText(
                    self.tr("No bundles for this period have been imported: no report.")
                )
            elif self.casefile is casefile:
                self.report_status.setText(describe_error(error))

        run_operation(self, work, succeeded, failed, label=progress)

    # -- display ---------------------------------------------------------------------------

    def show_figures(self, figures: dict[str, Any]) -> None:
        if self.casefile is None:
            return  # locked meanwhile
        start = dt.date.fromisoformat(figures["period"]["start"])
        end = dt.date.fromisoformat(figures["period"]["end"])
        scope = figures["municipality"] or self.tr("all municipalities")
        where = self.tr("{start} – {end}, {scope}").format(
            start=f"{start:%d.%m.%Y}", end=f"{end:%d.%m.%Y}", scope=scope
        )
        coverage = figures.get("coverage")  # a coordinator's figures: what they rest on
        if coverage is not None and not coverage["bundles"]:
            self.figures = None
            for label in self.key_labels.values():
                label.setText("–")
            for model in self.tables.values():
                model.set_rows([])
            for view in self.charts:
                view.setChart(QChart())
            self.status.setText(
                self.tr(
                    "{where}: no bundles for this period have been imported, so there is no "
                    "data. District figures add up the bundles of exactly this period."
                ).format(where=where)
            )
            return
        self.figures = figures
        flat = indicators.flatten(figures)
        for key, label in self.key_labels.items():
            label.setText(number(flat.get(key)))
        self.status.setText(
            where if coverage is None else f"{where}. {FigureTexts().coverage(coverage)}"
        )
        language = i18n.current_language()
        catalogues = cat.base_catalogues()

        def labelled(name: str, counts: Mapping[str, Any]) -> list[tuple[str, Any]]:
            return [
                (catalogues[name].label(code, language), value)
                for code, value in counts.items()
                if not code.startswith("_")
            ]

        a = figures["appointments"]
        kinds = catalogues[cat.APPOINTMENT_KINDS]
        appointment_rows = [
            (kinds.label("short_consultation", language), a["short_consultation"]),
            (kinds.label("case_management", language), a["case_management"]),
            (kinds.label("other_work", language), a["other_work"]),
            *labelled(cat.OTHER_WORK_TYPES, a["other_work_by_type"]),
            *labelled(cat.CHANNELS, a["by_channel"]),
        ]
        interpreter_rows = [
            *labelled(cat.INTERPRETER, a["interpreter"]),
            (self.tr("Interpreting not recorded"), a["interpreter"][indicators.UNRECORDED]),
        ]
        self.tables["appointments"].set_rows(appointment_rows + interpreter_rows)
        self.tables["themes"].set_rows(labelled(cat.THEMES, figures["themes"]))
        self.tables["referrals"].set_rows(
            [
                (self.tr("Referrals in total"), figures["referrals"]["total"]),
                *labelled(cat.REFERRAL_TARGETS, figures["referrals"]["by_target"]),
            ]
        )
        demographics = figures["demographics"]
        demo_rows = [
            *labelled(cat.GENDERS, demographics["gender"]),
            *[
                (
                    self.tr("age unknown")
                    if code == "unknown"
                    else catalogues[cat.AGE_BANDS].label(code, language),
                    value,
                )
                for code, value in demographics["age_band"].items()
                if not code.startswith("_")
            ],
            *[
                (cat.nationality_label(code, language), value)
                for code, value in demographics["nationality"].items()
                if not code.startswith("_")
            ],
        ]
        self.tables["demographics"].set_rows(demo_rows)

        c = figures["cases"]
        still_open = max(0, c["opened"] - c["long_term"] - c["not_continued"])
        charts = [
            bar_chart(
                self.tr("Appointments by kind"),
                [r[0] for r in appointment_rows[:3]],
                [r[1] for r in appointment_rows[:3]],
            ),
            bar_chart(
                self.tr("Cases opened"),
                [self.tr("long-term"), self.tr("not continued"), self.tr("still open")],
                [c["long_term"], c["not_continued"], still_open],
            ),
            bar_chart(self.tr("Themes"), *self._split(labelled(cat.THEMES, figures["themes"]))),
            bar_chart(
                self.tr("Referrals"),
                *self._split(
                    [
                        row
                        for row in labelled(cat.REFERRAL_TARGETS, figures["referrals"]["by_target"])
                        if row[1]
                    ]
                    or [(self.tr("none"), 0)]
                ),
            ),
        ]
        charts.append(
            bar_chart(
                self.tr("Counselling appointments by interpreting"),
                *self._split([row for row in interpreter_rows if row[1]] or interpreter_rows[:1]),
            )
        )
        for view, chart in zip(self.charts, charts, strict=True):
            view.setChart(chart)

    @staticmethod
    def _split(rows: list[tuple[str, Any]]) -> tuple[list[str], list[int]]:
        return [r[0] for r in rows], [int(r[1]) for r in rows]
