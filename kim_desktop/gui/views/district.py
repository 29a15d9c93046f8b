"""The coordinator's district: figures from the imported bundles (with the previous period
beside them) and the page with the office's keys and the district configuration it issues.

The figures come from ``figure_stats.for_casefile``, which for a coordinator's file adds up the
current revision of every imported bundle (``figures.district.district_indicators``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kim_desktop.core import casework
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.errors import KimError
from kim_desktop.core.figures import cellkey
from kim_desktop.core.figures import stats as figure_stats
from kim_desktop.core.figures.periods import Period
from kim_desktop.core.sync import district, keys, received
from kim_desktop.gui.main_window import CaseFileView
from kim_desktop.gui.messages import describe_error
from kim_desktop.gui.operations import run_operation
from kim_desktop.gui.style import as_hint
from kim_desktop.gui.views.charts import bar_chart
from kim_desktop.gui.views.dpo_pack import DpoPackWriter
from kim_desktop.gui.views.figures import (
    ERROR_STYLE,
    NO_DATA,
    FigureModel,
    FigureTexts,
    FingerprintLabel,
    coverage_text,
    figure_table,
    keep_compact,
)
from kim_desktop.gui.views.logo_picker import LogoPicker
from kim_desktop.gui.views.statistics import PeriodPicker
from kim_desktop.gui.views.sync.common import CONFIG_SUFFIX, documents_folder, safe_name
from kim_desktop.gui.views.team import KeyCardWriter, TeamPanel

DistrictResult = tuple[dict[str, Any], dict[str, Any], int, int, dict[str, cat.Catalogue]]


class DistrictView(CaseFileView):
    """District figures for a period and the whole district or one municipality."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figures: dict[str, Any] | None = None
        self.previous: dict[str, Any] | None = None
        self.period: Period | None = None
        self._request = 0
        self._loading_municipalities = False

        self.picker = keep_compact(PeriodPicker())
        self.picker.kind.setCurrentIndex(1)
        self.municipality = QComboBox()
        self.municipality.setAccessibleName(self.tr("Municipality"))
        self.municipality.setMinimumContentsLength(18)
        period_label = QLabel(self.tr("&Period:"))
        period_label.setBuddy(self.picker.kind)
        municipality_label = QLabel(self.tr("&Municipality:"))
        municipality_label.setBuddy(self.municipality)
        controls = QHBoxLayout()
        controls.addWidget(period_label)
        controls.addWidget(self.picker)
        controls.addSpacing(16)
        controls.addWidget(municipality_label)
        controls.addWidget(self.municipality)
        controls.addStretch(1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("District figures status"))

        self.models: dict[str, FigureModel] = {}
        self.tables: dict[str, QTableView] = {}
        self.tabs = QTabWidget()
        for key, heading in self._table_headings().items():
            model = FigureModel()
            table = figure_table(model, heading)
            self.models[key] = model
            self.tables[key] = table
            self.tabs.addTab(table, heading)
        self.tabs.setMinimumHeight(320)

        self.charts: list[QChartView] = []
        charts = QGridLayout()
        for index in range(4):
            view = QChartView()
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(300 if index < 2 else 460)  # themes need room
            self.charts.append(view)
            charts.addWidget(view, index // 2, index % 2)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(controls)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs)
        layout.addLayout(charts)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.picker.changed.connect(self.compute)
        self.municipality.currentIndexChanged.connect(self.compute)

    def title(self) -> str:
        return self.tr("District view")

    def _table_headings(self) -> dict[str, str]:
        return {
            "key_figures": self.tr("Key figures"),
            "appointments": self.tr("Appointments"),
            "themes": self.tr("Themes"),
            "referrals": self.tr("Referrals"),
            "cases": self.tr("Closures and goals"),
            "demographics": self.tr("Persons in new cases"),
        }

    # -- life cycle -------------------------------------------------------------------------

    def set_casefile(self, casefile: Any) -> None:
        super().set_casefile(casefile)
        if casefile is not None:
            self._load_municipalities()
            latest = max(received.received(casefile), key=lambda r: r.imported_at, default=None)
            if latest is not None:  # start where the newest figures are
                self.picker.show_period(latest.period)

    def clear(self) -> None:
        self._request += 1
        self.figures = self.previous = self.period = None
        for model in self.models.values():
            model.reset()
        for view in self.charts:
            view.setChart(QChart())
        self._loading_municipalities = True
        self.municipality.clear()
        self._loading_municipalities = False
        self.status.clear()

    def _load_municipalities(self) -> None:
        assert self.casefile is not None
        chosen = self.municipality.currentData()
        self._loading_municipalities = True
        self.municipality.clear()
        self.municipality.addItem(self.tr("Whole district"), None)
        for name in casework.list_municipalities(self.casefile):
            self.municipality.addItem(name, name)
        self.municipality.setCurrentIndex(max(0, self.municipality.findData(chosen)))
        self._loading_municipalities = False

    def refresh(self) -> None:
        if self.casefile is None:
            return
        self._load_municipalities()  # imported bundles may have named new ones
        self.compute()

    def compute(self) -> None:
        """Add up the bundles for the chosen period and scope (in the background); only the
        answer to the latest request is shown."""
        casefile = self.casefile
        if casefile is None or self._loading_municipalities:
            return
        try:
            period = self.picker.period()
        except KimError as error:
            self.status.setText(describe_error(error))
            return
        municipality = self.municipality.currentData()
        self.status.setText(self.tr("Adding up the bundles …"))
        self._request += 1
        request = self._request

        def work(_report: object) -> DistrictResult:
            # A period without bundles comes back with coverage.bundles = 0 and is shown as
            # "no data" (the current period) or "–" (the comparison), never as zeros.
            current = figure_stats.for_casefile(casefile, period, municipality, no_data_ok=True)
            previous = figure_stats.for_casefile(
                casefile, period.previous(), municipality, no_data_ok=True
            )
            count = int(current["coverage"]["bundles"])
            earlier = int(previous["coverage"]["bundles"])
            return current, previous, count, earlier, casework.catalogues_of(casefile)

        def succeeded(result: DistrictResult) -> None:
            if request == self._request and self.casefile is casefile:
                self.show_figures(period, *result)

        def failed(error: BaseException) -> None:
            if request == self._request and self.casefile is casefile:
                self.status.setText(describe_error(error))

        run_operation(self, work, succeeded, failed)

    # -- display ----------------------------------------------------------------------------

    def _wanted(self, texts: FigureTexts) -> dict[str, Callable[[str], bool]]:
        key_figures = texts.key_figures()
        return {
            "key_figures": lambda key: key in key_figures,
            "appointments": lambda key: (
                key.startswith(
                    (
                        "appointments.other_work_by_type.",
                        "appointments.by_channel.",
                        "appointments.interpreter.",
                    )
                )
                or key
                in (
                    "appointments.short_consultation",
                    "appointments.case_management",
                    "appointments.other_work",
                    *texts.participant_figures(),
                )
            ),
            "themes": lambda key: key.startswith("themes."),
            "referrals": lambda key: key.startswith("referrals."),
            "cases": lambda key: key.startswith(("cases.closed_by_reason.", "goals.by_status.")),
        }

    def show_figures(
        self,
        period: Period,
        figures: dict[str, Any],
        previous: dict[str, Any],
        bundle_count: int,
        previous_count: int,
        catalogues: dict[str, cat.Catalogue],
    ) -> None:
        self.period, self.figures, self.previous = period, figures, previous
        texts = FigureTexts(catalogues)
        now, before = texts.period_name(period), texts.period_name(period.previous())
        headers = [self.tr("Figure"), now, before]
        change = self.tr("Change")
        suppressed = self.tr("suppressed")
        tip = self.tr(
            "Not known: the bundles carry persons in new cases only for whole calendar years "
            "that have ended and for each case manager's whole area, or a bundle of the "
            "previous version suppressed the cell. These persons are counted in “persons in "
            "suppressed cells”."
        )
        if not bundle_count:
            for model in self.models.values():
                model.reset()
            for view in self.charts:
                view.setChart(QChart())
            self.status.setText(
                self.tr(
                    "No bundles for {period} have been imported: no data. District figures add "
                    "up the bundles that case managers exported for exactly this period."
                ).format(period=now)
            )
            return
        sets = [figures, previous if previous_count else NO_DATA]
        for key, wanted in self._wanted(texts).items():
            self.models[key].show(headers, texts.rows(sets, wanted), suppressed, tip, change)
        self.models["demographics"].show(
            [self.tr("Persons in new cases"), now, before],
            texts.demographic_rows(sets),
            suppressed,
            tip,
            change,
        )
        scope = figures.get("municipality") or self.tr("whole district")
        earlier = (
            self.tr("Compared with {before}: {coverage}").format(
                before=before, coverage=coverage_text(previous["coverage"])
            )
            if previous_count
            else self.tr("No bundles for {before}: no comparison (–).").format(before=before)
        )
        text = self.tr("{period} ({span}), {scope}: {coverage} {earlier}").format(
            period=now,
            span=texts.span(period),
            scope=scope,
            coverage=coverage_text(figures["coverage"]),
            earlier=earlier,
        )
        text += " " + self.tr(
            "Persons in new cases come for whole calendar years that have ended, for each "
            "case manager's whole area; to protect individual persons each case manager's "
            "numbers are changed by up to ±{deviation} (small numbers are shown as 0 or as "
            "the threshold), so they add up to the persons only nearly."
        ).format(deviation=cellkey.DEVIATION)
        self.status.setText(text)
        # A period without any bundle has no figures: no "0" bars to compare with.
        self._show_charts(texts, now, before, compare=previous_count > 0)

    def _show_charts(self, texts: FigureTexts, now: str, before: str, compare: bool) -> None:
        assert self.figures is not None and self.previous is not None
        names = (now, before)
        a, b = self.figures["appointments"], self.previous["appointments"]
        kinds = ("short_consultation", "case_management", "other_work")

        def still_open(c: dict[str, Any]) -> int:
            return max(0, int(c["opened"]) - int(c["long_term"]) - int(c["not_continued"]))

        c, d = self.figures["cases"], self.previous["cases"]

        def count(value: Any) -> int | None:
            return None if value is None else int(value)  # suppressed is not zero

        def pairs(
            catalogue: str, now_counts: dict[str, Any], before_counts: dict[str, Any]
        ) -> tuple[list[str], list[int | None], list[int | None]]:
            codes = [
                code
                for code in now_counts
                if not code.startswith("_") and (now_counts[code] or before_counts.get(code))
            ] or [next(iter(now_counts), "")]
            return (
                [texts.code_label(catalogue, code) for code in codes],
                [count(now_counts.get(code)) for code in codes],
                [count(before_counts.get(code)) for code in codes],
            )

        themes = pairs(cat.THEMES, self.figures["themes"], self.previous["themes"])
        referrals = pairs(
            cat.REFERRAL_TARGETS,
            self.figures["referrals"]["by_target"],
            self.previous["referrals"]["by_target"],
        )

        def compared(
            title: str, labels: list[str], values: list[int | None], earlier: list[int | None]
        ) -> QChart:
            return bar_chart(title, labels, values, earlier if compare else None, names)

        charts = [
            compared(
                self.tr("Appointments by kind"),
                [texts.code_label(cat.APPOINTMENT_KINDS, kind) for kind in kinds],
                [int(a[kind]) for kind in kinds],
                [int(b[kind]) for kind in kinds],
            ),
            compared(
                self.tr("Cases opened"),
                [self.tr("long-term"), self.tr("not continued"), self.tr("still open")],
                [int(c["long_term"]), int(c["not_continued"]), still_open(c)],
                [int(d["long_term"]), int(d["not_continued"]), still_open(d)],
            ),
            compared(self.tr("Themes"), *themes),
            compared(self.tr("Referrals"), *referrals),
        ]
        for view, chart in zip(self.charts, charts, strict=True):
            view.setChart(chart)


# -- keys and district configuration ----------------------------------------------------------


def parse_municipalities(text: str) -> list[str]:
    """Names separated by commas, semicolons or lines; blanks and repeats dropped."""
    names: dict[str, None] = {}
    for part in re.split(r"[,;\n]", text):
        name = part.strip()
        if name:
            names.setdefault(name, None)
    return list(names)


class DistrictKeysView(CaseFileView):
    """The office's key fingerprints and the signed district configuration it hands out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.last_settings: district.DistrictSettings | None = None
        self.district_value = QLabel()
        self.district_value.setAccessibleName(self.tr("District"))
        self.owner_value = QLabel()
        self.owner_value.setAccessibleName(self.tr("Coordination office"))
        self.signing_fingerprint = FingerprintLabel(self.tr("Signing key fingerprint"))
        self.encryption_fingerprint = FingerprintLabel(self.tr("Encryption key fingerprint"))
        keys_hint = QLabel(
            self.tr(
                "Case managers see the signing key fingerprint when they import the district "
                "configuration; read it out to them by phone. Bundles are encrypted to the "
                "encryption key, which never leaves this file."
            )
        )
        as_hint(keys_hint)
        keys_hint.setWordWrap(True)
        keys_form = QFormLayout()
        keys_form.addRow(self.tr("District:"), self.district_value)
        keys_form.addRow(self.tr("Coordination office:"), self.owner_value)
        keys_form.addRow(self.tr("Signing key fingerprint:"), self.signing_fingerprint)
        keys_form.addRow(self.tr("Encryption key fingerprint:"), self.encryption_fingerprint)
        keys_box = QGroupBox(self.tr("This coordination office"))
        keys_layout = QVBoxLayout(keys_box)
        keys_layout.addLayout(keys_form)
        keys_layout.addWidget(keys_hint)
        # The office's own card: for a state level that enrols it (core/sync/team.py).
        self.key_card = KeyCardWriter()
        keys_layout.addWidget(self.key_card)
        self.team = TeamPanel()
        self.dpo_pack = DpoPackWriter()

        self.municipalities = QPlainTextEdit()
        self.municipalities.setAccessibleName(self.tr("Municipalities"))
        self.municipalities.setTabChangesFocus(True)
        self.municipalities.setPlaceholderText(self.tr("One per line or separated by commas"))
        self.municipalities.setMaximumHeight(160)
        self.k = QSpinBox()
        self.k.setRange(district.MIN_K, district.MAX_K)  # export refuses anything else
        self.k.setValue(district.DEFAULT_K)
        self.k.setAccessibleName(self.tr("Small-cell threshold k"))
        keep_compact(self.k)
        self.retention = QSpinBox()
        self.retention.setRange(1, district.MAX_RETENTION_YEARS)
        self.retention.setValue(district.DEFAULT_RETENTION_YEARS)
        self.retention.setAccessibleName(self.tr("Retention in years"))
        keep_compact(self.retention)
        self.controller = QPlainTextEdit()
        self.controller.setAccessibleName(self.tr("Controller"))
        self.controller.setTabChangesFocus(True)
        self.controller.setPlaceholderText(self.tr("Name and address, one line each"))
        self.controller.setMaximumHeight(90)
        self.dpo = QPlainTextEdit()
        self.dpo.setAccessibleName(self.tr("Data-protection officer"))
        self.dpo.setTabChangesFocus(True)
        self.dpo.setPlaceholderText(self.tr("Name, telephone, e-mail"))
        self.dpo.setMaximumHeight(70)
        # docs/case-sheet.md: off unless the district decides otherwise.
        self.case_sheet_place = QCheckBox(self.tr("Case sheets may &name the municipality"))
        self.logo = LogoPicker(self.tr("District logo"))  # the statistics report's title page
        self.programme_logo = LogoPicker(self.tr("State programme logo"))
        self.export_button = QPushButton(self.tr("E&xport district configuration …"))
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setAccessibleName(self.tr("Export result"))
        export_hint = QLabel(
            self.tr(
                "The configuration names the district, its municipalities, the small-cell "
                "threshold k, the team, how long records are kept, the controller and the "
                "data-protection officer, and this office's public keys, signed with the "
                "signing key. Municipalities can be added; a name once issued stays in the list."
            )
        )
        as_hint(export_hint)
        export_hint.setWordWrap(True)
        export_form = QFormLayout()
        export_form.addRow(self.tr("&Municipalities:"), self.municipalities)
        export_form.addRow(self.tr("Small-cell &threshold k:"), self.k)
        export_form.addRow(self.tr("&Retention (years):"), self.retention)
        export_form.addRow(self.tr("C&ontroller:"), self.controller)
        export_form.addRow(self.tr("Data-protection offi&cer:"), self.dpo)
        export_form.addRow("", self.case_sheet_place)
        export_form.addRow(self.tr("District logo:"), self.logo)
        export_form.addRow(self.tr("State programme logo:"), self.programme_logo)
        for widget in (self.municipalities, self.k, self.retention, self.controller, self.dpo):
            label = export_form.labelForField(widget)
            if isinstance(label, QLabel):
                label.setBuddy(widget)
        export_box = QGroupBox(self.tr("District configuration for the case managers"))
        export_layout = QVBoxLayout(export_box)
        export_layout.addWidget(export_hint)
        export_layout.addLayout(export_form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        export_layout.addLayout(buttons)
        export_layout.addWidget(self.result)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(keys_box)
        layout.addWidget(self.team)
        layout.addWidget(export_box)
        layout.addWidget(self.dpo_pack)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.export_button.clicked.connect(self.export_config)

    def title(self) -> str:
        return self.tr("District configuration & keys")

    def clear(self) -> None:
        self.last_settings = None
        self.district_value.clear()
        self.owner_value.clear()
        self.signing_fingerprint.set_fingerprint(None)
        self.encryption_fingerprint.set_fingerprint(None)
        self.municipalities.clear()
        self.k.setValue(district.DEFAULT_K)
        self.retention.setValue(district.DEFAULT_RETENTION_YEARS)
        self.controller.clear()
        self.dpo.clear()
        self.case_sheet_place.setChecked(False)
        self.logo.set_image(None)
        self.programme_logo.set_image(None)
        self.result.clear()
        self.key_card.set_casefile(None)
        self.team.set_casefile(None)
        self.dpo_pack.set_casefile(None)

    def refresh(self) -> None:
        casefile = self.casefile
        if casefile is None:
            return
        own = keys.own_keys(casefile)
        self.district_value.setText(casefile.meta.get("district") or self.tr("(none)"))
        self.owner_value.setText(casefile.owner)
        self.signing_fingerprint.set_fingerprint(keys.fingerprint(own.signing_public))
        self.encryption_fingerprint.set_fingerprint(
            keys.fingerprint(own.encryption_public) if own.encryption_public else None, "–"
        )
        if not self.municipalities.toPlainText().strip():
            self.municipalities.setPlainText("\n".join(casework.list_municipalities(casefile)))
        if self.last_settings is None:
            self.k.setValue(int(casefile.meta.get("district_k", district.DEFAULT_K)))
            self.retention.setValue(
                int(casefile.meta.get("district_retention_years", district.DEFAULT_RETENTION_YEARS))
            )
            self.controller.setPlainText(casefile.meta.get("district_controller", ""))
            self.dpo.setPlainText(casefile.meta.get("district_dpo", ""))
            self.case_sheet_place.setChecked(
                casefile.meta.get("district_case_sheet_municipality") == "1"
            )
            stored_logos = district.logos_in_force(casefile)
            self.logo.set_image(stored_logos[0])
            self.programme_logo.set_image(stored_logos[1])
        if self.key_card.casefile is not casefile:
            self.key_card.set_casefile(casefile)
        if self.dpo_pack.casefile is not casefile:
            self.dpo_pack.set_casefile(casefile)
        if self.team.casefile is not casefile:
            self.team.set_casefile(casefile)
        else:
            self.team.refresh()

    def export_config(self) -> None:
        casefile = self.casefile
        if casefile is None:
            return
        suggested = safe_name(casefile.meta.get("district") or "district") + CONFIG_SUFFIX
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export district configuration"),
            str(documents_folder() / suggested),
            self.tr("District configurations (*.kimdistrict)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if name:
            path = Path(name)
            if path.suffix != CONFIG_SUFFIX:
                path = path.with_name(path.name + CONFIG_SUFFIX)
            self.export_config_to(path)

    def export_config_to(self, path: Path) -> None:
        casefile = self.casefile
        if casefile is None:
            return
        names = parse_municipalities(self.municipalities.toPlainText())
        k = self.k.value()
        years = self.retention.value()
        controller = self.controller.toPlainText()
        dpo = self.dpo.toPlainText()
        place = self.case_sheet_place.isChecked()
        images = (self.logo.image(), self.programme_logo.image())
        self.result.setStyleSheet("")

        def work(_report: object) -> tuple[district.DistrictSettings, list[str]]:
            settings = district.export_config(
                casefile,
                path,
                names,
                k,
                retention_years=years,
                controller=controller,
                dpo=dpo,
                case_sheet_municipality=place,
                logo=images[0],
                programme_logo=images[1],
            )
            return settings, casework.list_municipalities(casefile)

        def succeeded(result: tuple[district.DistrictSettings, list[str]]) -> None:
            if self.casefile is not casefile:
                return
            settings, known = result
            self.last_settings = settings
            self.municipalities.setPlainText("\n".join(known))
            kept = [name for name in settings.municipalities if name not in names]
            self.controller.setPlainText(settings.controller or "")
            self.dpo.setPlainText(settings.dpo or "")
            text = self.tr(
                "Saved {file}: issue {serial}, {count} municipalities, k = {k}, {members} team "
                "members. Give it to the case managers and read them the signing key "
                "fingerprint by phone."
            ).format(
                file=path.name,
                serial=settings.serial,
                count=len(settings.municipalities),
                k=settings.k,
                members=len(settings.team),
            )
            if kept:
                text += " " + self.tr(
                    "Still in the configuration (names cannot be removed): {names}."
                ).format(names=", ".join(kept))
            self.result.setText(text)

        def failed(error: BaseException) -> None:
            if self.casefile is casefile:
                self.result.setStyleSheet(ERROR_STYLE)
                self.result.setText(describe_error(error))

        run_operation(
            self, work, succeeded, failed, label=self.tr("Saving the district configuration …")
        )
