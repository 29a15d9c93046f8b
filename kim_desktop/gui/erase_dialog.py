"""Erasing a case, a client or everything due, from the window (DESIGN.md §10): the same as
``kim erase`` (core: ``sync/erasure.py``), with the confirmation in German words.

``start_erasure`` runs the whole way: the plan is made off the GUI thread, then shown in an
``EraseDialog`` (what goes, by counts and by name; that figures of ended years and quarters
stay and those of the running ones may change; that it cannot be undone). Only after the
user ticked that they checked it does the erase button work, and it is never the default
button. The erasure itself runs off the GUI thread behind an application-modal progress
dialog, so nothing in the window reads or edits the file meanwhile (the rewrite afterwards
takes the whole file). Afterwards every view that shows an erased record forgets it, the
current view is read again, and the status bar says what was erased, by counts only.
Errors are one sentence; core erases all or nothing."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework.erasure import CASE, CLIENT, ErasurePlan
from kim_desktop.core.errors import (
    CaseFileReplacedError,
    DiskFullError,
    FileBusyError,
    RejectedInputError,
    StorageError,
    UnknownRecord,
    UsageError,
)
from kim_desktop.core.sync import erasure
from kim_desktop.gui.drafts import active_keeper
from kim_desktop.gui.main_window import MainWindow
from kim_desktop.gui.messages import describe_error
from kim_desktop.gui.operations import Cancelled, Operation, Report, run_operation

MakePlan = Callable[[CaseFile], ErasurePlan]
STATUS_MS = 30_000  # how long the status bar says what was erased


class EraseDialog(QDialog):
    """What ``plan`` erases; accepted only with the check box ticked."""

    def __init__(self, plan: ErasurePlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(
            {
                CASE: self.tr("Erase case"),
                CLIENT: self.tr("Erase client"),
            }.get(plan.kind, self.tr("Erase everything due"))
        )
        heading = QLabel(self.tr("This will be erased from the case file:"))
        counts = plan.counts()
        self.count_labels: dict[str, QLabel] = {}
        numbers = QFormLayout()
        for key, text in (
            ("cases", self.tr("Cases:")),
            ("clients", self.tr("Clients:")),
            ("appointments", self.tr("Appointments:")),
            ("goals", self.tr("Goals:")),
            ("referrals", self.tr("Referrals:")),
            ("assessments", self.tr("Assessments:")),
            ("consents", self.tr("Consents:")),
            ("drafts", self.tr("Unsaved forms:")),
        ):
            value = QLabel(str(counts[key]))
            value.setAccessibleName(text.rstrip(":"))
            self.count_labels[key] = value
            numbers.addRow(text, value)
        # Models, not filled widgets: everything due may name hundreds of persons.
        self.persons = self._names(plan.client_names, self.tr("Persons"))
        self.cases = self._names(plan.case_labels, self.tr("Cases, by primary person"))
        names = QGridLayout()
        names.addWidget(
            QLabel(self.tr("Persons ({count}):").format(count=len(plan.client_names))), 0, 0
        )
        names.addWidget(
            QLabel(
                self.tr("Cases, by primary person ({count}):").format(count=len(plan.case_labels))
            ),
            0,
            1,
        )
        names.addWidget(self.persons, 1, 0)
        names.addWidget(self.cases, 1, 1)
        self.passages = QLabel(
            self.tr(
                "%Ln note(s) or goal text(s) of cases that stay name an erased person and are "
                "emptied.",
                "",
                len(plan.passages),
            )
        )
        self.passages.setWordWrap(True)
        self.passages.setVisible(bool(plan.passages))
        self.restricted = QLabel(
            self.tr(
                "%Ln restricted client(s) (Art. 18 GDPR) and their cases are left out; lift "
                "a restriction to erase.",
                "",
                plan.restricted_left_out,
            )
        )
        self.restricted.setWordWrap(True)
        self.restricted.setVisible(bool(plan.restricted_left_out))
        self.periods = QLabel(
            self.tr(
                "The figures of calendar years and quarters that have ended stay as they are; "
                "figures of periods that have not ended yet (the current quarter and year) "
                "may change."
            )
        )
        self.periods.setWordWrap(True)
        self.final = QLabel(self.tr("An erasure cannot be undone."))
        font = self.final.font()
        font.setBold(True)
        self.final.setFont(font)
        # A check box rather than typing a word: it works the same in both languages and on
        # every keyboard (no umlaut to type), and a screen reader says what it confirms. The
        # protection is reading the list above; the box makes that a deliberate step.
        self.confirm = QCheckBox(self.tr("I have checked that this data may be erased"))
        self.buttons = QDialogButtonBox()
        self.erase_button = QPushButton(self.tr("Erase"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.buttons.addButton(self.erase_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        # Enter never erases: the destructive button is no default, Cancel is.
        self.erase_button.setAutoDefault(False)
        self.erase_button.setDefault(False)
        self.erase_button.setEnabled(False)
        self.cancel_button.setDefault(True)
        self.confirm.toggled.connect(self.erase_button.setEnabled)
        self.erase_button.clicked.connect(self._erase_clicked)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(numbers)
        layout.addLayout(names)
        layout.addWidget(self.passages)
        layout.addWidget(self.restricted)
        layout.addWidget(self.periods)
        layout.addWidget(self.final)
        layout.addWidget(self.confirm)
        layout.addWidget(self.buttons)
        self.confirm.setFocus()
        # As wide as the lists need to be readable; as high as the content (fits 1366×768).
        self.resize(max(640, self.sizeHint().width()), self.sizeHint().height())

    def _names(self, names: tuple[str, ...], title: str) -> QListView:
        view = QListView()
        view.setModel(QStringListModel(list(names), view))
        view.setAccessibleName(title)
        view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        view.setMinimumHeight(90)
        view.setMaximumHeight(220)
        return view

    def _erase_clicked(self) -> None:
        if self.confirm.isChecked():  # the button is disabled otherwise; say it twice
            self.accept()

    def shown_text(self) -> str:
        """Every text of the dialog (tests, and what a screen shot shows)."""
        parts = [label.text() for label in self.findChildren(QLabel) if label.isVisibleTo(self)]
        for view in (self.persons, self.cases):
            model = view.model()
            assert isinstance(model, QStringListModel)
            parts += model.stringList()
        return "\n".join(parts)


class Erasure(QObject):
    """One erasure from the plan to the refreshed views. ``done`` with True once erased."""

    done = Signal(bool)

    def __init__(
        self, host: QWidget, casefile: CaseFile, make_plan: MakePlan, today: dt.date
    ) -> None:
        super().__init__(host)
        self.host = host
        self.casefile = casefile
        self.make_plan = make_plan
        self.today = today
        self.dialog: EraseDialog | None = None
        self.message = ""  # what the window was told last (status line or error)
        self._ended = False

    # -- the steps -------------------------------------------------------------------------

    def start(self) -> None:
        casefile = self.casefile
        operation = run_operation(
            self.host,
            lambda _report: self.make_plan(casefile),
            self._planned,
            self._failed,
            label=self.tr("Reading what would be erased …"),
        )
        self._watch(operation)

    def _watch(self, operation: Operation) -> None:
        # Locking abandons the work: neither success nor failure arrives, so end here.
        operation.ended.connect(
            lambda: self._end(False) if operation.abandoned else None,
            Qt.ConnectionType.QueuedConnection,
        )

    def _still_open(self) -> bool:
        window = self.host.window()
        return not isinstance(window, MainWindow) or window.casefile is self.casefile

    def _planned(self, plan: ErasurePlan) -> None:
        if not self._still_open():
            self._end(False)
            return
        if plan.empty:
            text = self.tr("Nothing is due for erasure.")
            if plan.restricted_left_out:
                text += " " + self.tr(
                    "%Ln restricted client(s) (Art. 18 GDPR) are due but kept while restricted.",
                    "",
                    plan.restricted_left_out,
                )
            self._tell(text)
            self._end(False)
            return
        self.dialog = EraseDialog(plan, self.host)
        self.dialog.accepted.connect(lambda: self._confirmed(plan))
        self.dialog.rejected.connect(lambda: self._end(False))
        self.dialog.finished.connect(self.dialog.deleteLater)
        self.dialog.open()

    def _confirmed(self, plan: ErasurePlan) -> None:
        self.dialog = None
        if not self._still_open():
            self._end(False)
            return
        _close_forms_of(plan)
        casefile, today = self.casefile, self.today

        def work(report: Report) -> erasure.ErasureResult:
            return erasure.erase(casefile, plan, today, progress=report)

        operation = run_operation(
            self.host,
            work,
            lambda result: self._erased(plan, result),
            self._failed,
            label=self.tr("Erasing …"),
        )
        self._watch(operation)
        shown = operation.dialog
        if shown is not None:
            # At once and for the whole program: the rewrite at the end takes the whole
            # file, and no form may edit what is being erased.
            shown.setWindowModality(Qt.WindowModality.ApplicationModal)
            shown.setMinimumDuration(0)
            shown.show()

    def _erased(self, plan: ErasurePlan, result: erasure.ErasureResult) -> None:
        text = self.tr("Erased: {what}.").format(what=self.summary(result.counts))
        if result.periods_kept:
            text += " " + self.tr(
                "The figures of %Ln ended year(s) and quarter(s) are kept.", "", result.periods_kept
            )
        forget_erased(self.host, set(plan.case_ids), set(plan.client_ids))
        self._tell(text)
        if result.rewrite_problem:
            warning = self.tr(
                "The erased records are gone, but the case file could not be written anew "
                "afterwards; the space they took is overwritten already."
            )
            self.message = f"{text}\n{warning}"
            _warn(self.host, self.tr("Erased"), warning)
        self._end(True)

    def _failed(self, error: BaseException) -> None:
        self.message = erase_error_text(error)
        if self._still_open():
            _warn(self.host, self.tr("Nothing was erased"), self.message)
            refresh_window(self.host)
        self._end(False)

    def _tell(self, text: str) -> None:
        self.message = text
        window = self.host.window()
        if isinstance(window, MainWindow):
            window.statusBar().showMessage(text, STATUS_MS)

    def _end(self, erased: bool) -> None:
        global _running
        if self._ended:
            return
        self._ended = True
        if _running is self:
            _running = None
        self.done.emit(erased)
        self.deleteLater()

    # -- texts -------------------------------------------------------------------------------

    def summary(self, counts: dict[str, int]) -> str:
        """``1 case, 2 clients, 34 appointments`` (kinds with none left out), as in
        ``kim erase``."""
        texts = {
            "cases": lambda n: self.tr("%Ln case(s)", "", n),
            "clients": lambda n: self.tr("%Ln client(s)", "", n),
            "appointments": lambda n: self.tr("%Ln appointment(s)", "", n),
            "goals": lambda n: self.tr("%Ln goal(s)", "", n),
            "referrals": lambda n: self.tr("%Ln referral(s)", "", n),
            "assessments": lambda n: self.tr("%Ln assessment(s)", "", n),
            "consents": lambda n: self.tr("%Ln consent(s)", "", n),
            "drafts": lambda n: self.tr("%Ln unsaved form(s)", "", n),
        }
        return ", ".join(text(counts[key]) for key, text in texts.items() if counts.get(key))


def erase_error_text(error: BaseException) -> str:
    """One sentence: why nothing was erased."""
    if isinstance(error, Cancelled):
        return QCoreApplication.translate("Erasure", "Cancelled. Nothing was erased.")
    if isinstance(error, UnknownRecord):
        return QCoreApplication.translate(
            "Erasure",
            "This record is no longer in the case file (erased already?). Nothing was erased.",
        )
    if isinstance(error, RejectedInputError):
        return QCoreApplication.translate(
            "Erasure",
            "The records changed since the erasure was shown (another program wrote to the "
            "file). Nothing was erased; look at what is to be erased again.",
        )
    if isinstance(error, CaseFileReplacedError):
        return QCoreApplication.translate(
            "Erasure",
            "Another program replaced the case file (a new passphrase or a restored backup). "
            "Nothing was erased; open the file again.",
        )
    if isinstance(error, FileBusyError):
        return QCoreApplication.translate(
            "Erasure",
            "The case file is busy (a backup, or another program writing to it). Nothing was "
            "erased; try again in a moment.",
        )
    if isinstance(error, DiskFullError):
        return QCoreApplication.translate(
            "Erasure", "The disk is full. Nothing was erased; free some space and try again."
        )
    if isinstance(error, StorageError):
        return QCoreApplication.translate(
            "Erasure", "The case file could not be written. Nothing was erased."
        )
    if isinstance(error, UsageError):
        return QCoreApplication.translate(
            "Erasure", "A coordinator's file holds no persons; there is nothing to erase."
        )
    return describe_error(error)


def _warn(host: QWidget, title: str, text: str) -> QMessageBox:
    """A warning that does not block (the lock closes it like any dialog)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, host)
    box.finished.connect(box.deleteLater)
    box.open()
    return box


# -- the window after an erasure ----------------------------------------------------------------


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _close_forms_of(plan: ErasurePlan) -> None:
    """Close the open forms about an erased record before erasing: else the window's draft
    keeper would keep their input again afterwards (core erases the drafts with the
    records). Their input is kept first, so it survives an erasure that fails."""
    keeper = active_keeper()
    if keeper is None:
        return
    keeper.keep_typed()
    erased = set(plan.case_ids) | set(plan.client_ids)
    for form in keeper.open_forms():
        context = json.loads(json.dumps(form.draft_context or {}, default=str))
        if form.draft_id in plan.draft_ids or erased & set(_strings(context)):
            form.close_keeping_draft()


def forget_erased(host: QWidget, case_ids: set[str], client_ids: set[str]) -> None:
    """Every view drops what it shows of the erased records (``forget_erased``), then the
    current view is read again; the others are when they are shown."""
    window = host.window()
    views = window.views if isinstance(window, MainWindow) else [host]
    for view in views:
        forget = getattr(view, "forget_erased", None)
        if callable(forget):
            forget(case_ids, client_ids)
    refresh_window(host)


def refresh_window(host: QWidget) -> None:
    window = host.window()
    if isinstance(window, MainWindow) and window.casefile is not None:
        index = window.navigation.currentRow()
        if 0 <= index < len(window.views):
            window.views[index].refresh()


_running: Erasure | None = None


def start_erasure(
    host: QWidget, casefile: CaseFile | None, make_plan: MakePlan, today: dt.date
) -> Erasure | None:
    """Plan, confirm and erase (see the module docstring); None while another erasure is
    under way (a second click) or without a file."""
    global _running
    if casefile is None or _running is not None:
        return None
    _running = Erasure(host, casefile, make_plan, today)
    _running.start()
    return _running
