"""The coordinator's "Bundle inbox": import bundles (button or drag and drop) through core's
one import loop, trust unknown senders after comparing their fingerprints, and list what was
received."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kim_desktop.core.sync import inbox, keys, received
from kim_desktop.core.sync.text import shown
from kim_desktop.gui.formatting import number
from kim_desktop.gui.main_window import CaseFileView
from kim_desktop.gui.messages import describe_error
from kim_desktop.gui.operations import Cancelled, run_operation
from kim_desktop.gui.style import as_hint
from kim_desktop.gui.table_model import Column, RowsModel, compact
from kim_desktop.gui.views.figures import FingerprintDialog, fit_columns, timestamp_text
from kim_desktop.gui.views.sync.common import BUNDLE_SUFFIX, documents_folder, message_label


@dataclass
class FileResult:
    """One row of "Last imports": core's outcome for a file, or what the window made of it
    (cancelled; the sender was not trusted)."""

    name: str
    status: str  # imported, superseded, duplicate, rejected, untrusted, cancelled
    message: str
    period: str | None = None
    sender_key_id: str | None = None
    fingerprint: str | None = None
    bundle_id: str | None = None
    # Only while waiting for a decision on an unknown sender: the file, imported again through
    # the same loop once the sender is trusted, and the verified key whose fingerprint is shown.
    path: Path | None = field(default=None, repr=False)
    sender_key: bytes | None = field(default=None, repr=False)

    @classmethod
    def of(cls, outcome: inbox.ImportOutcome) -> FileResult:
        waiting = outcome.status is inbox.Status.UNKNOWN_SENDER
        return cls(
            outcome.name,
            "untrusted" if waiting else outcome.status.value,
            outcome.message,
            outcome.period,
            outcome.sender_key_id,
            outcome.sender_fingerprint,
            outcome.bundle_id,
            outcome.path if waiting else None,
            outcome.sender_signing_key if waiting else None,
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
        as_hint(hint)
        hint.setWordWrap(True)
        self.status = message_label()
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
                Column(self.tr("District"), lambda r: shown(r.district, 40)),
                Column(self.tr("Revision"), lambda r: number(r.revision), align_right=True),
                Column(self.tr("Status"), self._status_text),
                Column(self.tr("Created"), lambda r: timestamp_text(r.created)),
                Column(self.tr("Imported"), lambda r: timestamp_text(r.imported_at)),
            ]
        )
        self.received_table = compact(QTableView())
        self.received_table.setModel(self.received)
        self.received_table.setAccessibleName(self.tr("Imported bundles"))
        self.received_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.received_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        fit_columns(self.received_table, 1)
        self.withdraw_button = QPushButton(self.tr("&Withdraw bundle …"))
        self.withdraw_button.setToolTip(
            self.tr("The selected bundle no longer counts in the figures, gaps and state bundle.")
        )
        self.withdraw_button.setEnabled(False)
        self.withdraw_box: QMessageBox | None = None

        top = QHBoxLayout()
        top.addWidget(self.import_button)
        top.addWidget(hint, 1)
        outcomes_box = QGroupBox(self.tr("Last imports"))
        QVBoxLayout(outcomes_box).addWidget(self.outcomes_table)
        received_box = QGroupBox(self.tr("Imported bundles"))
        received_layout = QVBoxLayout(received_box)
        received_layout.addWidget(self.received_table)
        actions = QHBoxLayout()
        actions.addWidget(self.withdraw_button)
        actions.addStretch(1)
        received_layout.addLayout(actions)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(outcomes_box)
        splitter.addWidget(received_box)
        splitter.setSizes([260, 420])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)
        self.import_button.clicked.connect(self.choose_files)
        self.withdraw_button.clicked.connect(self.ask_withdraw)
        self.received_table.selectionModel().selectionChanged.connect(self._selection_changed)

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

    def _sender_text(self, row: received.ReceivedRow) -> str:
        known = row.sender_fingerprint or self.fingerprints.get(row.sender_key_id)
        text = known if known else self.tr("key {key_id} …").format(key_id=row.sender_key_id[:12])
        if row.sender_name:  # the trusted sender's label (the team directory's name later)
            return f"{shown(row.sender_name, 40)} ({text})"
        return text

    def _kind_text(self, row: received.ReceivedRow) -> str:
        return {"casemanager": self.tr("case manager"), "district": self.tr("district")}.get(
            row.kind, row.kind
        )

    def _status_text(self, row: received.ReceivedRow) -> str:
        if row.status == "withdrawn":
            return self.tr("withdrawn {when}").format(when=timestamp_text(row.withdrawn_at or ""))
        return {"current": self.tr("current"), "superseded": self.tr("superseded")}.get(
            row.status, row.status
        )

    # -- withdrawing ------------------------------------------------------------------------

    def selected_bundle(self) -> received.ReceivedRow | None:
        rows = self.received_table.selectionModel().selectedRows()
        if not rows:
            return None
        row = self.received.row_at(rows[0].row())
        return row if isinstance(row, received.ReceivedRow) else None

    def _selection_changed(self, *_args: object) -> None:
        row = self.selected_bundle()
        self.withdraw_button.setEnabled(row is not None and row.status == "current")

    def ask_withdraw(self) -> None:
        """Ask (naming period, sender and revision), then withdraw in the background."""
        row = self.selected_bundle()
        if self.casefile is None or row is None or row.status != "current":
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Withdraw bundle"),
            self.tr(
                "Withdraw the bundle for {period}, revision {revision}, from the sender with "
                "fingerprint {fingerprint}?\n\nIt no longer counts in the district figures, "
                "the structural gaps and the state bundle; it stays listed as withdrawn. The "
                "earlier revision does not come back: the sender can send a new one."
            ).format(
                period=shown(row.period, 24),
                revision=number(row.revision),
                fingerprint=self._sender_text(row),
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("&Withdraw"))
        self.withdraw_box = box
        box.finished.connect(lambda _result: self._withdraw_decided(box, row))
        box.open()

    def _withdraw_decided(self, box: QMessageBox, row: received.ReceivedRow) -> None:
        yes = box.clickedButton() == box.button(QMessageBox.StandardButton.Yes)
        box.deleteLater()
        if self.withdraw_box is not box:
            return  # cleared meanwhile (lock)
        self.withdraw_box = None
        casefile = self.casefile
        if not yes or casefile is None:
            return
        generation = self._generation

        def work(_report: object) -> received.Withdrawal:
            return received.withdraw(casefile, row.bundle_id)

        def succeeded(result: received.Withdrawal) -> None:
            if generation == self._generation and self.casefile is casefile:
                self.status.setText(
                    self.tr("Bundle for {period}, revision {revision}, withdrawn.").format(
                        period=shown(result.row.period, 24), revision=number(result.row.revision)
                    )
                )
                self.refresh()

        def failed(error: BaseException) -> None:
            if generation == self._generation and self.casefile is casefile:
                self.status.setText(describe_error(error))

        run_operation(self, work, succeeded, failed, label=self.tr("Withdrawing the bundle …"))

    # -- life cycle -------------------------------------------------------------------------

    def clear(self) -> None:
        self._generation += 1
        self.results = []
        self.fingerprints = {}
        self.pending = {}
        dialog, self.trust_dialog = self.trust_dialog, None
        if dialog is not None:
            dialog.reject()
        box, self.withdraw_box = self.withdraw_box, None
        if box is not None:
            box.reject()
        self.outcomes.set_rows([])
        self.received.set_rows([])
        self.status.clear()

    def refresh(self) -> None:
        casefile = self.casefile
        if casefile is None:
            return
        rows = received.received(casefile)
        self.received.set_rows(sorted(rows, key=lambda row: row.period, reverse=True))
        self._selection_changed()

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
            str(documents_folder()),
            self.tr("KIM bundles (*.kimbundle);;All files (*)"),
        )
        if names:
            self.import_paths([Path(name) for name in names])

    def import_paths(self, paths: Sequence[Path]) -> None:
        """Import the files through core's import loop, in the background; a rejected one
        does not stop the others. Bundles of unknown senders wait for a decision."""
        casefile = self.casefile
        if casefile is None or not paths:
            return
        generation = self._generation
        not_imported = self.tr("{name}: not imported, the import was cancelled.")

        def work(report: Any) -> list[FileResult]:
            results: list[FileResult] = []
            try:
                for outcome in inbox.import_files(casefile, paths, progress=report):
                    results.append(FileResult.of(outcome))
            except Cancelled:
                # Each bundle is its own transaction: those before stay imported.
                results.extend(
                    FileResult(p.name, "cancelled", not_imported.format(name=p.name))
                    for p in paths[len(results) :]
                )
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
                        path=None,
                        sender_key=None,
                    )
                    for r in waiting
                }
            )
            self._ask_next_trust()
            return
        generation = self._generation
        remembered = [(r, r.path) for r in waiting if r.path is not None]

        def work(_report: object) -> dict[int, FileResult]:
            inbox.trust_sender(casefile, sender_key)
            # The remembered files again, through the same loop (now with a trusted sender).
            outcomes = inbox.import_files(casefile, [path for _r, path in remembered])
            return {
                id(r): FileResult.of(outcome)
                for (r, _path), outcome in zip(remembered, outcomes, strict=True)
            }

        def succeeded(results: dict[int, FileResult]) -> None:
            if generation == self._generation and self.casefile is casefile:
                self._replace(results)
                self.refresh()
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
