"""The case manager's "Sync bundle" view: the district configuration in force, the preview
of exactly what a bundle for a period would carry, saving it and the export history."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kim_desktop.core import casework
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import KimError, UsageError
from kim_desktop.core.figures.periods import Period
from kim_desktop.core.sync import district, keys, outbox, outside, pin
from kim_desktop.core.sync.text import shown
from kim_desktop.gui.formatting import number
from kim_desktop.gui.main_window import CaseFileView
from kim_desktop.gui.messages import describe_error
from kim_desktop.gui.operations import run_operation
from kim_desktop.gui.table_model import Column, RowsModel, compact
from kim_desktop.gui.views.figures import (
    FingerprintDialog,
    FingerprintLabel,
    fit_columns,
    keep_compact,
    timestamp_text,
)
from kim_desktop.gui.views.statistics import PeriodPicker
from kim_desktop.gui.views.sync.common import (
    BUNDLE_SUFFIX,
    documents_folder,
    message_label,
    safe_name,
    value_label,
)
from kim_desktop.gui.views.sync.findings import FindingRow, FindingsBox, finding_rows
from kim_desktop.gui.views.sync.handover_import import HandoverImporter
from kim_desktop.gui.views.sync.pin_reset import CoordinatorResetDialog
from kim_desktop.gui.views.sync.preview import BundlePreview
from kim_desktop.gui.views.team import KeyCardWriter


class SyncBundleView(CaseFileView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings: district.DistrictSettings | None = None
        self.payload: dict[str, Any] | None = None
        self.preview_label: str | None = None  # period of the preview shown
        self.last_export: outbox.ExportResult | None = None
        self.config_dialog: FingerprintDialog | None = None
        self.reset_dialog: CoordinatorResetDialog | None = None
        self._request = 0

        # The district configuration in force.
        self.config_hint = message_label()
        self.district_value = value_label(self.tr("District"))
        self.municipalities_value = value_label(self.tr("Municipalities"))
        self.k_value = value_label(self.tr("Small-cell threshold k"))
        self.coordinator_value = value_label(self.tr("Coordination office"))
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
        # Your key card, for the coordination office's team list (core/sync/team.py).
        self.key_card = KeyCardWriter()
        config_layout.addWidget(self.key_card)
        # Cases a colleague handed over (core/sync/handover_import.py).
        self.handover_importer = HandoverImporter()
        config_layout.addWidget(self.handover_importer)

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
        self.preview_button = QPushButton(self.tr("P&review"))
        self.save_button = QPushButton(self.tr("Save &bundle …"))
        self.save_button.setEnabled(False)
        period_label = QLabel(self.tr("&Period:"))
        period_label.setBuddy(self.picker.kind)
        controls = QHBoxLayout()
        controls.addWidget(period_label)
        controls.addWidget(self.picker)
        controls.addWidget(self.preview_button)
        controls.addWidget(self.save_button)
        controls.addStretch(1)
        self.status = message_label()
        self.status.setAccessibleName(self.tr("Bundle status"))

        # Export blocked by the personal-data check; the preview of what leaves the laptop.
        self.blocked_box = FindingsBox()
        self.findings_model = self.blocked_box.model
        self.blocked_text = self.blocked_box.text
        self.preview_panel = BundlePreview()
        self.summary = self.preview_panel.summary
        self.figures_model = self.preview_panel.figures_model
        self.demographics_model = self.preview_panel.demographics_model
        self.gaps_model = self.preview_panel.gaps_model
        self.raw = self.preview_panel.raw

        top = QHBoxLayout()
        top.addWidget(config_box, 3)
        top.addWidget(history_box, 2)
        bundle_box = QGroupBox(self.tr("Bundle for the coordination office"))
        bundle_layout = QVBoxLayout(bundle_box)
        bundle_layout.addLayout(controls)
        bundle_layout.addWidget(self.status)
        bundle_layout.addWidget(self.blocked_box)
        bundle_layout.addWidget(self.preview_panel, 100)
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

    @property
    def findings(self) -> list[FindingRow]:
        return self.blocked_box.rows

    # -- life cycle -------------------------------------------------------------------------

    def clear(self) -> None:
        self._request += 1  # answers still under way are dropped
        self.settings = None
        self.last_export = None
        dialog, self.config_dialog = self.config_dialog, None
        if dialog is not None:
            dialog.reject()
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
        self.key_card.set_casefile(None)
        self.handover_importer.set_casefile(None)
        self.history.set_rows([])
        self._drop_preview()
        self.blocked_box.show_rows([])

    def refresh(self) -> None:
        casefile = self.casefile
        if casefile is None:
            return
        self.settings = district.current_settings(casefile)
        own = keys.own_keys(casefile)
        self.own_fingerprint.set_fingerprint(keys.fingerprint(own.signing_public))
        if self.key_card.casefile is not casefile:
            self.key_card.set_casefile(casefile)
            self.handover_importer.set_casefile(casefile)
        self._show_settings()
        self.history.set_rows(list(reversed(outbox.export_history(casefile))))
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
            self.tr("{k} (smaller counts of persons never leave as they are)").format(k=s.k)
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
            self.blocked_box.show_rows([])
            self.status.setText(self._press_preview())
        self._update_buttons()

    # -- district configuration -------------------------------------------------------------

    def import_config(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import district configuration"),
            str(documents_folder()),
            self.tr("District configurations (*.kimdistrict);;All files (*)"),
        )
        if name:
            self.import_config_from(Path(name))

    def import_config_from(self, path: Path) -> None:
        """Check the file and, when it would pin the coordinator's key, show its fingerprint
        and ask before importing. The file is read once: what is shown is what is imported."""
        casefile = self.casefile
        if casefile is None:
            return
        try:
            data = district.read_config_file(path)
            preview = district.preview_config(casefile, data, path.name)
        except pin.ResetNeeded:
            self._offer_reset(data, path.name)
            return
        except (OSError, KimError) as error:
            self.status.setText(self._config_failed(error))
            return
        step = preview.pin_step
        if step is None or step.kind == pin.SAME:
            self._import_config_data(data, preview.name)  # signed by the key already pinned
            return
        settings = preview.settings
        question = (
            self.tr(
                "Call your coordination office and have them read out their fingerprint. "
                "Import the configuration only if all 40 digits are the same as here."
            )
            if step.kind == pin.FIRST
            else self.tr(
                "Your coordination office hands the district over to a new coordinator key: "
                "the key you trust signed this configuration. After the import, only "
                "configurations of the new key below are accepted, and your bundles are "
                "encrypted to it."
            )
        )
        dialog = FingerprintDialog(
            self.tr("Import district configuration"),
            question,
            preview.fingerprint,
            self.tr(
                "District: {district}\nCoordination office: {name}\nMunicipalities: "
                "{municipalities}\nSmall-cell threshold k: {k}"
            ).format(
                district=settings.district,
                name=settings.coordinator_name,
                municipalities=", ".join(settings.municipalities),
                k=settings.k,
            ),
            self.tr("&Fingerprint matches, import"),
            self,
        )
        self.config_dialog = dialog
        dialog.accepted.connect(lambda: self._config_confirmed(dialog, data, preview.name))
        dialog.rejected.connect(lambda: self._config_declined(dialog))
        dialog.open()

    def _config_confirmed(self, dialog: FingerprintDialog, data: bytes, name: str) -> None:
        if self.config_dialog is dialog:
            self.config_dialog = None
            self._import_config_data(data, name)
        dialog.deleteLater()

    def _config_declined(self, dialog: FingerprintDialog) -> None:
        if self.config_dialog is dialog:
            self.config_dialog = None
            self.status.setText(self.tr("The district configuration was not imported."))
        dialog.deleteLater()

    def _config_failed(self, error: BaseException) -> str:
        return (
            self.tr("The district configuration was not imported.") + "\n" + describe_error(error)
        )

    def _offer_reset(self, data: bytes, name: str) -> None:
        """Another coordinator key: explain, and import only with its fingerprint typed in."""
        self.status.setText(
            self.tr("The district configuration was not imported.")
            + "\n"
            + self.tr("It is signed by a different coordinator key than the one this file trusts.")
        )
        dialog = CoordinatorResetDialog(lambda typed: self._reset_problem(data, name, typed), self)
        self.reset_dialog = dialog
        dialog.accepted.connect(lambda: self._reset_confirmed(dialog, data, name))
        dialog.rejected.connect(lambda: self._reset_declined(dialog))
        dialog.open()

    def _reset_problem(self, data: bytes, name: str, typed: str) -> str | None:
        """Why the typed fingerprint does not admit the configuration (None: it does)."""
        casefile = self.casefile
        if casefile is None:
            return self.tr("The case file is closed.")
        try:
            district.preview_config(casefile, data, name, typed)
        except UsageError:
            return self.tr("Type the 40 digits the coordination office read out.")
        except pin.FingerprintMismatch:
            return self.tr(
                "These digits are not the fingerprint of the key that signed this "
                "configuration. Check them with your coordination office; nothing was imported."
            )
        except KimError as error:
            return describe_error(error)
        return None

    def _reset_confirmed(self, dialog: CoordinatorResetDialog, data: bytes, name: str) -> None:
        if self.reset_dialog is dialog:
            self.reset_dialog = None
            self._import_config_data(data, name, dialog.typed())
        dialog.deleteLater()

    def _reset_declined(self, dialog: CoordinatorResetDialog) -> None:
        if self.reset_dialog is dialog:
            self.reset_dialog = None
        dialog.deleteLater()

    def _import_config_data(self, data: bytes, name: str, typed: str | None = None) -> None:
        casefile = self.casefile
        if casefile is None:
            return

        def failed(error: BaseException) -> None:
            if self.casefile is casefile:
                self.status.setText(self._config_failed(error))

        def succeeded(settings: district.DistrictSettings) -> None:
            if self.casefile is casefile:
                self._config_imported(settings)

        def work(_report: object) -> district.DistrictSettings:
            return district.import_config_data(casefile, data, name, typed)

        run_operation(self, work, succeeded, failed)

    def _config_imported(self, settings: district.DistrictSettings) -> None:
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
        logos = [image for image in (settings.logo, settings.programme_logo) if image]
        if logos:  # shown on the statistics report's title page
            self.status.setText(
                self.status.text()
                + " "
                + (
                    self.tr("It carries the district's and the state programme's logo.")
                    if len(logos) == 2
                    else self.tr("It carries a logo for the statistics report.")
                )
            )
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
            return outbox.preview(casefile, period), casework.catalogues_of(casefile)

        def succeeded(result: tuple[dict[str, Any], dict[str, cat.Catalogue]]) -> None:
            if request == self._request and self.casefile is casefile:
                self.blocked_box.show_rows([])
                self.show_preview(period, *result)

        def failed(error: BaseException) -> None:
            if request != self._request or self.casefile is not casefile:
                return
            self._drop_preview()
            self._blocked(casefile, error)
            self._update_buttons()

        run_operation(self, work, succeeded, failed)

    def _blocked(self, casefile: CaseFile, error: BaseException) -> None:
        if isinstance(error, outbox.PersonalDataFound):
            self.blocked_box.show_rows(finding_rows(casefile, error))
            self.status.setText(
                self.tr(
                    "Nothing can be exported while a structural gap looks like it contains "
                    "personal data."
                )
            )
        elif isinstance(error, outside.OutsideDistrictError):
            self.blocked_box.show_rows([])
            self.status.setText(self._outside_text(error))
        else:
            self.blocked_box.show_rows([])
            self.status.setText(describe_error(error))

    def _outside_text(self, error: outside.OutsideDistrictError) -> str:
        """Nothing vanishes silently: which records the bundle would leave out, and why."""
        lines = []
        for place in error.outside:
            counts = self.tr("{appointments} appointments, {cases} cases, {gaps} structural gaps")
            counts = counts.format(
                appointments=place.appointments, cases=place.cases, gaps=place.structural_gaps
            )
            where = (
                shown(place.municipality, 40)
                if place.municipality is not None
                else self.tr("without a municipality")
            )
            lines.append(f"• {where}: {counts}")
        return "\n".join(
            [
                self.tr(
                    "Nothing can be exported: these records of the period lie outside the "
                    "municipalities of the district configuration and would be left out."
                ),
                *lines,
                self.tr(
                    "Ask the coordination office to add the municipality to the district "
                    "configuration, or correct the records (appointments without a "
                    "municipality: give them theirs)."
                ),
            ]
        )

    def _drop_preview(self) -> None:
        self.payload = None
        self.preview_label = None
        self.preview_panel.clear()
        self.save_button.setEnabled(False)

    def show_preview(
        self, period: Period, payload: dict[str, Any], catalogues: dict[str, cat.Catalogue]
    ) -> None:
        assert self.settings is not None
        self.payload = payload
        self.preview_label = period.label
        self.preview_panel.show_payload(period, payload, catalogues, self.settings)
        self.status.setText(
            self.tr("Preview of {period}. Save the bundle to send it.").format(
                period=self.preview_panel.texts.period_name(period)
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
        return safe_name("-".join(part for part in parts if part)) + BUNDLE_SUFFIX

    def save_bundle(self) -> None:
        period = self._period()
        if self.casefile is None or period is None or not self.save_button.isEnabled():
            return
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save bundle"),
            str(documents_folder() / self._suggested_name(period)),
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

        def succeeded(result: outbox.ExportResult) -> None:
            if self.casefile is not casefile:
                return
            self.last_export = result
            self.history.set_rows(list(reversed(outbox.export_history(casefile))))
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
            if isinstance(error, outbox.PersonalDataFound):
                self._drop_preview()
            self._blocked(casefile, error)
            if request == self._request:
                self._update_buttons()

        run_operation(
            self,
            lambda _report: outbox.export_bundle(casefile, period, path, previewed),
            succeeded,
            failed,
            label=self.tr("Saving the bundle …"),
        )
