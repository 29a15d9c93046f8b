"""Sync bundles in the window (DESIGN §7).

Case manager: "Sync bundle" shows the district configuration in force, previews exactly
what a bundle for a period would carry (figures per municipality, the demographic tables with
suppressed cells marked, the structural-gap texts), saves it and lists what was exported.

Coordinator: "Bundle inbox" imports bundles (button or drag and drop); a bundle of an unknown
sender is imported only after someone compared the sender's fingerprint and trusted it.
"Structural gaps" lists the gap texts the current bundles carried.

Everything goes through ``core.bundles`` and ``core.district``; long work runs in the
background through ``run_operation``."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kim_desktop.core import casework
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import KimError, RejectedInputError
from kim_desktop.core.figures.periods import Period, parse_period
from kim_desktop.core.sync import bundles, district, keys
from kim_desktop.gui.formatting import date_text, number
from kim_desktop.gui.main_window import CaseFileView
from kim_desktop.gui.messages import describe_error
from kim_desktop.gui.operations import Cancelled, run_operation
from kim_desktop.gui.table_model import Column, RowsModel, compact
from kim_desktop.gui.views.figures import (
    ERROR_STYLE,
    FigureModel,
    FigureTexts,
    FingerprintDialog,
    FingerprintLabel,
    figure_table,
    fit_columns,
    keep_compact,
    timestamp_text,
)
from kim_desktop.gui.views.statistics import PeriodPicker

BUNDLE_SUFFIX = ".kimbundle"
CONFIG_SUFFIX = ".kimdistrict"


def _documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def _safe_name(text: str) -> str:
    return re.sub(r"[^\w.-]+", "-", text, flags=re.UNICODE).strip("-") or "kim"


def _value_label(name: str) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleName(name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _message_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


@dataclass(frozen=True)
class FindingRow:
    """One hit of the personal-data check, with the gap it is in."""

    gap_id: str
    gap_title: str
    municipality: str
    field: str
    kind: str
    position: int


# -- case manager: sync bundle ---------------------------------------------------------------


class SyncBundleView(CaseFileView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings: district.DistrictSettings | None = None
        self.payload: dict[str, Any] | None = None
        self.preview_label: str | None = None  # period of the preview shown
        self.findings: list[FindingRow] = []
        self.last_export: bundles.ExportResult | None = None
        self.config_dialog: FingerprintDialog | None = None
        self._config_folder: Path | None = None
        self._request = 0

        # The district configuration in force.
        self.config_hint = _message_label()
        self.district_value = _value_label(self.tr("District"))
        self.municipalities_value = _value_label(self.tr("Municipalities"))
        self.k_value = _value_label(self.tr("Small-cell threshold k"))
        self.coordinator_value = _value_label(self.tr("Coordination office"))
        self.coordinator_fingerprint = FingerprintLabel(self.tr("Coordination office fingerprint"))
        self.own_fingerprint = FingerprintLabel(self.tr("Fingerprint of this file's signing key"))
        self.import_config_button = QPushButton(self.tr("&Import district configuration …"))
        config_form = QFormLayout()
        config_form.addRow(self.tr("District:"), self.district_value)
        config_form.addRow(self.tr("Municipalities:"), self.municipalities_value)
        config_form.addRow(self.tr("Small-cell threshold k:"), self.k_value)
        config_form.addRow(self.tr("Coordination office:"), self.coordinator_value)
        config_form.addRow(self.tr("Its fingerprint:"), self.coordinator_fingerprint)
        config_form.addRow(self.tr("Your fingerprint:"), self.own_fingerprint)
        config_box = QGroupBox(self.tr("District configuration"))
        config_layout = QVBoxLayout(config_box)
        config_layout.addWidget(self.config_hint)
        config_layout.addLayout(config_form)
        config_layout.addWidget(self.import_config_button, 0, Qt.AlignmentFlag.AlignLeft)

        # What was exported.
        self.history = RowsModel(
            [
                Column(self.tr("Period"), lambda row: row.period),
                Column(self.tr("Revision"), lambda row: number(row.revision), align_right=True),
                Column(self.tr("Created"), lambda row: timestamp_text(row.created)),
                Column(self.tr("File"), lambda row: row.file_name or ""),
            ]
        )
        self.history_table = compact(QTableView())
        self.history_table.setModel(self.history)
        self.history_table.setAccessibleName(self.tr("Bundles exported"))
        fit_columns(self.history_table, 3)
        history_box = QGroupBox(self.tr("Bundles exported"))
        QVBoxLayout(history_box).addWidget(self.history_table)

        # Period, preview, save.
        self.picker = keep_compact(PeriodPicker())
        self.preview_button = QPushButton(self.tr("&Preview"))
        self.save_button = QPushButton(self.tr("&Save bundle …"))
        self.save_button.setEnabled(False)
        period_label = QLabel(self.tr("&Period:"))
        period_label.setBuddy(self.picker.kind)
        controls = QHBoxLayout()
        controls.addWidget(period_label)
        controls.addWidget(self.picker)
        controls.addWidget(self.preview_button)
        controls.addWidget(self.save_button)
        controls.addStretch(1)
        self.status = _message_label()
        self.status.setAccessibleName(self.tr("Bundle status"))

        # Export blocked by the personal-data check.
        self.findings_model = RowsModel(
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
        self.findings_table = compact(QTableView())
        self.findings_table.setModel(self.findings_model)
        self.findings_table.setAccessibleName(self.tr("Personal data found"))
        fit_columns(self.findings_table, 0)
        self.findings_table.setMinimumHeight(120)
        self.blocked_text = _message_label()
        self.blocked_text.setStyleSheet(ERROR_STYLE)
        self.blocked_box = QGroupBox(self.tr("Export blocked"))
        blocked_layout = QVBoxLayout(self.blocked_box)
        blocked_layout.addWidget(self.blocked_text)
        blocked_layout.addWidget(self.findings_table)
        self.blocked_box.hide()

        # The preview: exactly what leaves the laptop.
        self.summary = _message_label()
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
            self.demographics_model, self.tr("Persons in new cases per municipality")
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
        self.tabs.hide()
        self.summary.hide()
        self._texts = FigureTexts()

        top = QHBoxLayout()
        top.addWidget(config_box, 3)
        top.addWidget(history_box, 2)
        bundle_box = QGroupBox(self.tr("Bundle for the coordination office"))
        bundle_layout = QVBoxLayout(bundle_box)
        bundle_layout.addLayout(controls)
        bundle_layout.addWidget(self.status)
        bundle_layout.addWidget(self.blocked_box)
        bundle_layout.addWidget(self.summary)
        bundle_layout.addWidget(self.tabs, 100)
        bundle_layout.addStretch(1)  # keeps the texts at the top while there is no preview
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(top)
        layout.addWidget(bundle_box, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.import_config_button.clicked.connect(self.import_config)
        self.preview_button.clicked.connect(self.preview)
        self.save_button.clicked.connect(self.save_bundle)
        self.picker.changed.connect(self._period_changed)
        self.picker.kind.setCurrentIndex(1)  # a quarter: what is usually sent

    def title(self) -> str:
        return self.tr("Sync bundle")

    # -- texts ------------------------------------------------------------------------------

    def _field_text(self, name: str) -> str:
        return {"title": self.tr("title"), "description": self.tr("description")}.get(name, name)

    def _kind_text(self, kind: str) -> str:
        return {
            "a client's name": self.tr("a client's name"),
            "a client's address": self.tr("a client's address"),
            "a client's e-mail address": self.tr("a client's e-mail address"),
            "an e-mail address": self.tr("an e-mail address"),
            "a client's birth date": self.tr("a client's birth date"),
            "a date": self.tr("a date"),
            "a client's phone number": self.tr("a client's phone number"),
            "a phone number": self.tr("a phone number"),
            "a file number": self.tr("a file number"),
        }.get(kind, kind)

    def _theme(self, code: str) -> str:
        return self._texts.code_label(cat.THEMES, code)

    @staticmethod
    def _date(text: str) -> str:
        try:
            return date_text(dt.date.fromisoformat(text))
        except ValueError:
            return text

    # -- life cycle -------------------------------------------------------------------------

    def clear(self) -> None:
        self._request += 1  # answers still under way are dropped
        self.settings = None
        self.last_export = None
        dialog, self.config_dialog = self.config_dialog, None
        if dialog is not None:
            dialog.reject()
        self._forget_config_copy()
        for label in (
            self.config_hint,
            self.district_value,
            self.municipalities_value,
            self.k_value,
            self.coordinator_value,
            self.status,
        ):
            label.clear()
        self.coordinator_fingerprint.set_fingerprint(None)
        self.own_fingerprint.set_fingerprint(None)
        self.history.set_rows([])
        self._drop_preview()
        self._show_findings([])

    def refresh(self) -> None:
        casefile = self.casefile
        if casefile is None:
            return
        self.settings = district.current_settings(casefile)
        own = keys.own_keys(casefile)
        self.own_fingerprint.set_fingerprint(keys.fingerprint(own.signing_public))
        self._show_settings()
        self.history.set_rows(list(reversed(bundles.export_history(casefile))))
        if self.preview_label is not None or self.findings:
            self.preview()  # the data may have changed meanwhile: show the current state
        else:
            if self.settings is not None and not self.status.text():
                self.status.setText(self._press_preview())
            self._update_buttons()

    def _show_settings(self) -> None:
        s = self.settings
        if s is None:
            self.config_hint.setText(
                self.tr(
                    "No district configuration yet. Ask your coordination office for the "
                    "district configuration file (.kimdistrict) and import it; compare the "
                    "fingerprint shown with the office by phone."
                )
            )
            for label in (
                self.district_value,
                self.municipalities_value,
                self.k_value,
                self.coordinator_value,
            ):
                label.setText("–")
            self.coordinator_fingerprint.set_fingerprint(None, "–")
            return
        self.config_hint.setText(
            self.tr("Bundles are encrypted to this coordination office; only it can read them.")
        )
        self.district_value.setText(s.district)
        self.municipalities_value.setText(", ".join(s.municipalities))
        self.k_value.setText(
            self.tr("{k} (smaller counts of persons are suppressed)").format(k=s.k)
        )
        self.coordinator_value.setText(s.coordinator_name)
        self.coordinator_fingerprint.set_fingerprint(s.fingerprint)

    def _press_preview(self) -> str:
        return self.tr(
            "Choose the period and press Preview: you see exactly what the bundle would "
            "carry before anything is saved."
        )

    def _period(self) -> Period | None:
        try:
            return self.picker.period()
        except KimError as error:
            self.status.setText(describe_error(error))
            return None

    def _update_buttons(self) -> None:
        try:
            label = self.picker.period().label
        except KimError:
            label = None
        ready = self.casefile is not None and self.settings is not None
        self.preview_button.setEnabled(ready)
        self.save_button.setEnabled(
            ready and self.payload is not None and label == self.preview_label
        )

    def _period_changed(self) -> None:
        try:
            label = self.picker.period().label
        except KimError:
            label = None
        if self.preview_label is not None and label != self.preview_label:
            self._drop_preview()
            self._show_findings([])
            self.status.setText(self._press_preview())
        self._update_buttons()

    # -- district configuration -------------------------------------------------------------

    def import_config(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import district configuration"),
            str(_documents_folder()),
            self.tr("District configurations (*.kimdistrict);;All files (*)"),
        )
        if name:
            self.import_config_from(Path(name))

    def _forget_config_copy(self) -> None:
        if self._config_folder is not None:
            shutil.rmtree(self._config_folder, ignore_errors=True)
            self._config_folder = None

    def import_config_from(self, path: Path) -> None:
        """Check the file, show its fingerprint and, the first time, ask before importing.
        What is shown is exactly what is imported: a private copy is read once."""
        casefile = self.casefile
        if casefile is None:
            return
        self._forget_config_copy()
        try:
            if path.stat().st_size > district.MAX_FILE_BYTES:
                raise RejectedInputError(f"{path.name}: too large for a district configuration.")
            self._config_folder = Path(tempfile.mkdtemp(prefix="kim-district-"))
            copy = self._config_folder / path.name
            copy.write_bytes(path.read_bytes())
            document, _body, _signature = district.read_config(copy)
        except (OSError, KimError) as error:
            self._forget_config_copy()
            self.status.setText(self._config_failed(error))
            return
        signing_key = keys.unb64(document["coordinator"]["signing_key"], 32)
        fingerprint = keys.fingerprint(signing_key)
        if self.settings is not None:
            self._import_config_copy(copy)  # core checks it is signed by the same key
            return
        dialog = FingerprintDialog(
            self.tr("Import district configuration"),
            self.tr(
                "Call your coordination office and have them read out their fingerprint. "
                "Import the configuration only if all 40 digits are the same as here."
            ),
            fingerprint,
            self.tr(
                "District: {district}\nCoordination office: {name}\nMunicipalities: "
                "{municipalities}\nSmall-cell threshold k: {k}"
            ).format(
                district=document["district"],
                name=document["coordinator"]["name"],
                municipalities=", ".join(document["municipalities"]),
                k=document["k"],
            ),
            self.tr("&Fingerprint matches, import"),
            self,
        )
        self.config_dialog = dialog
        dialog.accepted.connect(lambda: self._config_confirmed(dialog, copy))
        dialog.rejected.connect(lambda: self._config_declined(dialog))
        dialog.open()

    def _config_confirmed(self, dialog: FingerprintDialog, copy: Path) -> None:
        if self.config_dialog is dialog:
            self.config_dialog = None
            self._import_config_copy(copy)
        dialog.deleteLater()

    def _config_declined(self, dialog: FingerprintDialog) -> None:
        if self.config_dialog is dialog:
            self.config_dialog = None
            self._forget_config_copy()
            self.status.setText(self.tr("The district configuration was not imported."))
        dialog.deleteLater()

    def _config_failed(self, error: BaseException) -> str:
        return (
            self.tr("The district configuration was not imported.") + "\n" + describe_error(error)
        )

    def _import_config_copy(self, copy: Path) -> None:
        casefile = self.casefile
        if casefile is None:
            return
        try:
            settings = district.import_config(casefile, copy)
        except KimError as error:
            self.status.setText(self._config_failed(error))
            return
        finally:
            self._forget_config_copy()
        self.status.setText(
            self.tr(
                "District configuration imported: {district}, {count} municipalities, "
                "k = {k} (issue {serial})."
            ).format(
                district=settings.district,
                count=len(settings.municipalities),
                k=settings.k,
                serial=settings.serial,
            )
        )
        self.changed.emit()
        self.refresh()

    # -- preview ----------------------------------------------------------------------------

    def preview(self) -> None:
        casefile = self.casefile
        period = self._period()
        if casefile is None or period is None:
            return
        if self.settings is None:
            self.status.setText(self.tr("Import the district configuration first."))
            return
        self._request += 1
        request = self._request
        self.save_button.setEnabled(False)
        self.status.setText(self.tr("Preparing the preview …"))

        def work(_report: object) -> tuple[dict[str, Any], dict[str, cat.Catalogue]]:
            return bundles.preview(casefile, period), casework.catalogues_of(casefile)

        def succeeded(result: tuple[dict[str, Any], dict[str, cat.Catalogue]]) -> None:
            if request == self._request and self.casefile is casefile:
                self._show_findings([])
                self.show_preview(period, *result)

        def failed(error: BaseException) -> None:
            if request != self._request or self.casefile is not casefile:
                return
            self._drop_preview()
            self._blocked(casefile, error)
            self._update_buttons()

        run_operation(self, work, succeeded, failed)

    def _blocked(self, casefile: CaseFile, error: BaseException) -> None:
        if isinstance(error, bundles.PersonalDataFound):
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
            self._show_findings(rows)
            self.status.setText(
                self.tr(
                    "Nothing can be exported while a structural gap looks like it contains "
                    "personal data."
                )
            )
        else:
            self._show_findings([])
            self.status.setText(describe_error(error))

    def _show_findings(self, rows: Sequence[FindingRow]) -> None:
        self.findings = list(rows)
        self.findings_model.set_rows(self.findings)
        self.blocked_box.setVisible(bool(rows))
        if rows:
            titles = sorted({row.gap_title for row in rows})
            self.blocked_text.setText(
                self.tr(
                    "These reported structural gaps look like they name or describe a person: "
                    "{titles}. Open them in “Structural gaps”, rewrite the parts listed below "
                    "without personal data, then preview again."
                ).format(titles=", ".join(f"“{title}”" for title in titles))
            )
        else:
            self.blocked_text.clear()

    def _drop_preview(self) -> None:
        self.payload = None
        self.preview_label = None
        self.tabs.hide()
        self.summary.hide()
        self.summary.clear()
        self.figures_model.reset()
        self.demographics_model.reset()
        self.gaps_model.set_rows([])
        self.raw.clear()
        self.save_button.setEnabled(False)

    def show_preview(
        self, period: Period, payload: dict[str, Any], catalogues: dict[str, cat.Catalogue]
    ) -> None:
        self.payload = payload
        self.preview_label = period.label
        self.tabs.show()
        self.summary.show()
        texts = self._texts = FigureTexts(catalogues)
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
        demographic_rows = texts.demographic_rows(sets)
        self.demographics_model.show(
            [self.tr("Persons in new cases"), *names], demographic_rows, suppressed, tip
        )
        self.gaps_model.set_rows(payload["structural_gaps"])
        self.gaps_table.resizeRowsToContents()
        self.raw.setPlainText(json.dumps(payload, indent=2, ensure_ascii=False))
        hidden = sum(1 for row in demographic_rows for value in row.values if value is None)
        assert self.settings is not None
        self.summary.setText(
            "\n".join(
                [
                    self.tr(
                        "This leaves the laptop for {period} ({span}), encrypted to "
                        "{office} of {district}:"
                    ).format(
                        period=texts.period_name(period),
                        span=texts.span(period),
                        office=self.settings.coordinator_name,
                        district=self.settings.district,
                    ),
                    "• "
                    + self.tr("counts for {count} municipalities: {names};").format(
                        count=len(names), names=", ".join(names)
                    ),
                    "• "
                    + self.tr(
                        "persons in newly opened cases by gender, age, nationality and "
                        "residence status, each on its own and never combined; {hidden} "
                        "cells with fewer than {k} persons are suppressed;"
                    ).format(hidden=hidden, k=k),
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
        self.status.setText(
            self.tr("Preview of {period}. Save the bundle to send it.").format(
                period=texts.period_name(period)
            )
        )
        self._update_buttons()

    # -- save -------------------------------------------------------------------------------

    def _suggested_name(self, period: Period) -> str:
        assert self.casefile is not None
        revision = 1 + max(
            (row.revision for row in self.history.rows if row.period == period.label), default=0
        )
        district_name = self.settings.district if self.settings else ""
        parts = ["kim", district_name, period.label, self.casefile.owner]
        if revision > 1:
            parts.append(f"r{revision}")
        return _safe_name("-".join(part for part in parts if part)) + BUNDLE_SUFFIX

    def save_bundle(self) -> None:
        period = self._period()
        if self.casefile is None or period is None or not self.save_button.isEnabled():
            return
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save bundle"),
            str(_documents_folder() / self._suggested_name(period)),
            self.tr("KIM bundles (*.kimbundle)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if name:
            path = Path(name)
            if path.suffix != BUNDLE_SUFFIX:
                path = path.with_name(path.name + BUNDLE_SUFFIX)
            self.save_bundle_to(path)

    def save_bundle_to(self, path: Path) -> None:
        """Export the bundle of the previewed period to ``path`` (in the background)."""
        casefile = self.casefile
        period = self._period()
        previewed = self.payload
        if casefile is None or period is None or period.label != self.preview_label:
            return
        self._request += 1
        request = self._request
        self.save_button.setEnabled(False)
        self.preview_button.setEnabled(False)

        def succeeded(result: bundles.ExportResult) -> None:
            if self.casefile is not casefile:
                return
            self.last_export = result
            self.history.set_rows(list(reversed(bundles.export_history(casefile))))
            self.preview_button.setEnabled(True)
            self._update_buttons()
            self.status.setText(
                self.tr(
                    "Saved {file} (revision {revision}, {count} municipalities, {gaps} "
                    "structural gap texts). Hand it to the coordination office: USB stick, "
                    "e-mail or shared folder — only it can open it."
                ).format(
                    file=result.path.name,
                    revision=result.revision,
                    count=result.municipalities,
                    gaps=result.structural_gaps,
                )
            )

        def failed(error: BaseException) -> None:
            if self.casefile is not casefile:
                return
            self.preview_button.setEnabled(True)
            if isinstance(error, bundles.PersonalDataFound):
                self._drop_preview()
            self._blocked(casefile, error)
            if request == self._request:
                self._update_buttons()

        run_operation(
            self,
            lambda _report: bundles.export_bundle(casefile, period, path, previewed),
            succeeded,
            failed,
            label=self.tr("Saving the bundle …"),
        )


# -- coordinator: bundle inbox ---------------------------------------------------------------


@dataclass
class FileResult:
    """What happened to one bundle file."""

    name: str
    status: str  # imported, superseded, duplicate, rejected, untrusted, cancelled
    message: str
    period: str | None = None
    sender_key_id: str | None = None
    fingerprint: str | None = None
    bundle_id: str | None = None
    # Only while waiting for a decision on an unknown sender: exactly the bytes whose
    # sender fingerprint is shown, and that sender's key.
    data: bytes | None = field(default=None, repr=False)
    sender_key: bytes | None = field(default=None, repr=False)


def _untrusted_sender(
    casefile: CaseFile, data: bytes, name: str, error: RejectedInputError
) -> bytes | None:
    """The sender's (verified) signing key when ``error`` rejected the bundle only because
    its sender is unknown; otherwise None. Core says so only in the message, so the bundle
    is opened again here to read the authenticated key."""
    if "unknown sender" not in error.message:
        return None
    own = keys.own_keys(casefile)
    if own.encryption is None or own.encryption_public is None:
        return None
    try:
        opened = bundles.open_bundle(data, own.encryption, own.encryption_public, name)
    except RejectedInputError:
        return None
    return opened.sender_signing_key


def import_one(casefile: CaseFile, data: bytes, name: str) -> FileResult:
    """Import one bundle (never trusting a new sender here)."""
    period = sender_key_id = None
    try:
        header, _prefix = bundles.read_header(data, name)
        period, sender_key_id = header["period"]["label"], header["sender_key_id"]
    except RejectedInputError:
        pass
    try:
        outcome = bundles.import_bundle_bytes(casefile, data, name)
    except RejectedInputError as error:
        sender = _untrusted_sender(casefile, data, name, error)
        if sender is not None:
            return FileResult(
                name,
                "untrusted",
                error.message,
                period,
                keys.key_id(sender),
                keys.fingerprint(sender),
                data=data,
                sender_key=sender,
            )
        return FileResult(name, "rejected", error.message, period, sender_key_id)
    except KimError as error:
        return FileResult(name, "rejected", error.message, period, sender_key_id)
    return FileResult(
        name,
        outcome.status,
        outcome.message,
        period,
        sender_key_id,
        outcome.sender_fingerprint,
        outcome.bundle_id,
    )


class BundleInboxView(CaseFileView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.results: list[FileResult] = []
        self.fingerprints: dict[str, str] = {}  # sender key id -> fingerprint (seen here)
        self.pending: dict[bytes, list[FileResult]] = {}  # unknown sender -> its files
        self.trust_dialog: FingerprintDialog | None = None
        self._generation = 0
        self.setAcceptDrops(True)

        self.import_button = QPushButton(self.tr("&Import bundles …"))
        hint = QLabel(
            self.tr(
                "Bundles from case managers (.kimbundle): choose them with the button or drop "
                "them here. Each is checked completely before anything is written."
            )
        )
        hint.setWordWrap(True)
        self.status = _message_label()
        self.status.setAccessibleName(self.tr("Import status"))

        self.outcomes = RowsModel(
            [
                Column(self.tr("File"), lambda r: r.name),
                Column(self.tr("Result"), self._result_text),
                Column(self.tr("Period"), lambda r: r.period or ""),
                Column(self.tr("Sender fingerprint"), lambda r: r.fingerprint or ""),
                Column(self.tr("Reason"), self._reason_text),
            ]
        )
        self.outcomes_table = compact(QTableView())
        self.outcomes_table.setModel(self.outcomes)
        self.outcomes_table.setAccessibleName(self.tr("Import results"))
        fit_columns(self.outcomes_table, 4)

        self.received = RowsModel(
            [
                Column(self.tr("Period"), lambda r: r.period),
                Column(self.tr("Sender"), self._sender_text),
                Column(self.tr("Kind"), self._kind_text),
                Column(self.tr("District"), lambda r: r.district),
                Column(self.tr("Revision"), lambda r: number(r.revision), align_right=True),
                Column(self.tr("Status"), self._status_text),
                Column(self.tr("Created"), lambda r: timestamp_text(r.created)),
                Column(self.tr("Imported"), lambda r: timestamp_text(r.imported_at)),
            ]
        )
        self.received_table = compact(QTableView())
        self.received_table.setModel(self.received)
        self.received_table.setAccessibleName(self.tr("Imported bundles"))
        fit_columns(self.received_table, 1)

        top = QHBoxLayout()
        top.addWidget(self.import_button)
        top.addWidget(hint, 1)
        outcomes_box = QGroupBox(self.tr("Last imports"))
        QVBoxLayout(outcomes_box).addWidget(self.outcomes_table)
        received_box = QGroupBox(self.tr("Imported bundles"))
        QVBoxLayout(received_box).addWidget(self.received_table)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(outcomes_box)
        splitter.addWidget(received_box)
        splitter.setSizes([260, 420])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)
        self.import_button.clicked.connect(self.choose_files)

    def title(self) -> str:
        return self.tr("Bundle inbox")

    # -- texts ------------------------------------------------------------------------------

    def _result_text(self, result: FileResult) -> str:
        return {
            "imported": self.tr("imported"),
            "superseded": self.tr("imported, replaced an older revision"),
            "duplicate": self.tr("already imported, nothing changed"),
            "rejected": self.tr("rejected"),
            "untrusted": self.tr("waiting: unknown sender"),
            "cancelled": self.tr("not imported (cancelled)"),
        }.get(result.status, result.status)

    def _reason_text(self, result: FileResult) -> str:
        if result.status == "untrusted":
            return self.tr("Compare the sender's fingerprint, then decide.")
        return result.message if result.status in ("rejected", "cancelled") else ""

    def _sender_text(self, row: bundles.ReceivedRow) -> str:
        known = row.sender_fingerprint or self.fingerprints.get(row.sender_key_id)
        return known if known else self.tr("key {key_id} …").format(key_id=row.sender_key_id[:12])

    def _kind_text(self, row: bundles.ReceivedRow) -> str:
        return {"casemanager": self.tr("case manager"), "district": self.tr("district")}.get(
            row.kind, row.kind
        )

    def _status_text(self, row: bundles.ReceivedRow) -> str:
        return {"current": self.tr("current"), "superseded": self.tr("superseded")}.get(
            row.status, row.status
        )

    # -- life cycle -------------------------------------------------------------------------

    def clear(self) -> None:
        self._generation += 1
        self.results = []
        self.fingerprints = {}
        self.pending = {}
        dialog, self.trust_dialog = self.trust_dialog, None
        if dialog is not None:
            dialog.reject()
        self.outcomes.set_rows([])
        self.received.set_rows([])
        self.status.clear()

    def refresh(self) -> None:
        casefile = self.casefile
        if casefile is None:
            return
        rows = bundles.received(casefile)
        self.received.set_rows(sorted(rows, key=lambda row: row.period, reverse=True))

    # -- drag and drop ----------------------------------------------------------------------

    @staticmethod
    def _bundle_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [
            Path(url.toLocalFile())
            for url in mime.urls()
            if url.isLocalFile() and url.toLocalFile().lower().endswith(BUNDLE_SUFFIX)
        ]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.casefile is not None and self._bundle_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:  # type: ignore[override]
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._bundle_paths(event)
        if self.casefile is None or not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.import_paths(paths)

    # -- import -----------------------------------------------------------------------------

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Import bundles"),
            str(_documents_folder()),
            self.tr("KIM bundles (*.kimbundle);;All files (*)"),
        )
        if names:
            self.import_paths([Path(name) for name in names])

    def import_paths(self, paths: Sequence[Path]) -> None:
        """Import each file on its own, in the background; a rejected one does not stop the
        others. Bundles of unknown senders wait for a decision."""
        casefile = self.casefile
        if casefile is None or not paths:
            return
        generation = self._generation
        too_large = self.tr("{name}: larger than {size} MiB.")
        unreadable = self.tr("{name}: cannot be read ({reason}).")
        not_imported = self.tr("{name}: not imported, the import was cancelled.")

        def work(report: Any) -> list[FileResult]:
            results = []
            for done, path in enumerate(paths):
                try:
                    report(done, len(paths))
                except Cancelled:
                    # Each bundle is its own transaction: those before stay imported.
                    results.extend(
                        FileResult(p.name, "cancelled", not_imported.format(name=p.name))
                        for p in paths[done:]
                    )
                    break
                try:
                    if path.stat().st_size > bundles.MAX_BUNDLE_BYTES:
                        results.append(
                            FileResult(
                                path.name,
                                "rejected",
                                too_large.format(
                                    name=path.name, size=bundles.MAX_BUNDLE_BYTES // 1024**2
                                ),
                            )
                        )
                        continue
                    data = path.read_bytes()
                except OSError as error:
                    reason = error.strerror or type(error).__name__
                    results.append(
                        FileResult(
                            path.name, "rejected", unreadable.format(name=path.name, reason=reason)
                        )
                    )
                    continue
                results.append(import_one(casefile, data, path.name))
            return results

        def succeeded(results: list[FileResult]) -> None:
            if generation == self._generation and self.casefile is casefile:
                self._add_results(results)

        def failed(error: BaseException) -> None:
            if generation == self._generation and self.casefile is casefile:
                self.status.setText(describe_error(error))

        self.status.setText(self.tr("Importing …"))
        run_operation(
            self, work, succeeded, failed, label=self.tr("Importing bundles …"), cancellable=True
        )

    def _add_results(self, results: Sequence[FileResult]) -> None:
        for result in results:
            if result.sender_key_id and result.fingerprint:
                self.fingerprints[result.sender_key_id] = result.fingerprint
            if result.status == "untrusted" and result.sender_key is not None:
                self.pending.setdefault(result.sender_key, []).append(result)
        self.results = [*results, *self.results]
        self._show_results()
        self.refresh()
        if any(r.status in ("imported", "superseded") for r in results):
            self.changed.emit()
        self._ask_next_trust()

    def _show_results(self) -> None:
        self.outcomes.set_rows(self.results)
        counts: dict[str, int] = {}
        for result in self.results:
            counts[result.status] = counts.get(result.status, 0) + 1
        self.status.setText(
            self.tr(
                "Imported: {imported}, already there: {duplicate}, rejected: {rejected}, "
                "waiting for a decision: {waiting}."
            ).format(
                imported=counts.get("imported", 0) + counts.get("superseded", 0),
                duplicate=counts.get("duplicate", 0),
                rejected=counts.get("rejected", 0) + counts.get("cancelled", 0),
                waiting=counts.get("untrusted", 0),
            )
        )

    def _ask_next_trust(self) -> None:
        if self.trust_dialog is not None or not self.pending or self.casefile is None:
            return
        sender_key, waiting = next(iter(self.pending.items()))
        files = "\n".join(
            self.tr("{name} (period {period})").format(name=r.name, period=r.period or "?")
            for r in waiting
        )
        dialog = FingerprintDialog(
            self.tr("Unknown sender"),
            self.tr(
                "These bundles come from a sender this coordination office has not trusted "
                "yet. Call the case manager: the fingerprint is shown in their “Sync bundle” "
                "view. Trust the sender only if all 40 digits are the same."
            ),
            keys.fingerprint(sender_key),
            files,
            self.tr("&Trust and import"),
            self,
        )
        self.trust_dialog = dialog
        dialog.accepted.connect(lambda: self._decided(dialog, sender_key, True))
        dialog.rejected.connect(lambda: self._decided(dialog, sender_key, False))
        dialog.open()

    def _decided(self, dialog: FingerprintDialog, sender_key: bytes, trusted: bool) -> None:
        dialog.deleteLater()
        if self.trust_dialog is not dialog:
            return  # cleared meanwhile (lock)
        self.trust_dialog = None
        waiting = self.pending.pop(sender_key, [])
        casefile = self.casefile
        if casefile is None:
            return
        if not trusted:
            not_trusted = self.tr("{name}: the sender was not trusted; nothing was imported.")
            self._replace(
                {
                    id(r): replace(
                        r,
                        status="rejected",
                        message=not_trusted.format(name=r.name),
                        data=None,
                        sender_key=None,
                    )
                    for r in waiting
                }
            )
            self._ask_next_trust()
            return
        generation = self._generation

        def work(_report: object) -> dict[int, FileResult]:
            bundles.trust_sender(casefile, sender_key)
            return {id(r): import_one(casefile, r.data or b"", r.name) for r in waiting}

        def succeeded(results: dict[int, FileResult]) -> None:
            if generation == self._generation and self.casefile is casefile:
                self._replace(results)
                self.refresh()
                self.changed.emit()
                self._ask_next_trust()

        def failed(error: BaseException) -> None:
            if generation == self._generation and self.casefile is casefile:
                self.status.setText(describe_error(error))
                self._ask_next_trust()

        run_operation(self, work, succeeded, failed, label=self.tr("Importing bundles …"))

    def _replace(self, replacements: dict[int, FileResult]) -> None:
        self.results = [replacements.get(id(r), r) for r in self.results]
        for result in replacements.values():
            if result.sender_key_id and result.fingerprint:
                self.fingerprints[result.sender_key_id] = result.fingerprint
        self._show_results()


# -- coordinator: collected structural gaps ---------------------------------------------------


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
            {row.period for row in bundles.received(casefile) if row.status == "current"},
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
        gaps = bundles.collected_gaps(casefile, parse_period(chosen) if chosen else None)
        self.model.set_rows(gaps)
        self.text.clear()
        self.count.setText(self.tr("{count} structural gaps").format(count=number(len(gaps))))
        if gaps:
            self.table.selectRow(0)

    def _row_chosen(self, current: Any, _previous: Any) -> None:
        gap = self.model.row_at(current.row()) if current.isValid() else None
        if gap is None:
            self.text.clear()
            return
        self.text.setPlainText(f"{gap['title']}\n\n{gap.get('description') or ''}".strip())
