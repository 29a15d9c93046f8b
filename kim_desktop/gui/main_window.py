"""The main window: navigation, views, menus, lock page and idle auto-lock."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kim_desktop import __version__
from kim_desktop.core import casework, interchange
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.platform import policy as machine_policy
from kim_desktop.gui.dialogs import RecordDialog, ask_case_file
from kim_desktop.gui.drafts import DraftKeeper, set_active_keeper
from kim_desktop.gui.first_steps import FirstStepsDialog
from kim_desktop.gui.keyboard import tab_leaves_lists
from kim_desktop.gui.messages import describe_error
from kim_desktop.gui.operations import abandon_all, run_operation, wait_for_all
from kim_desktop.gui.qt import application
from kim_desktop.gui.recovery import create_recovery_key
from kim_desktop.gui.restore import restore_from_backup
from kim_desktop.gui.screen_fit import fit_navigation, fit_to_screen, scrolling
from kim_desktop.gui.settings import Settings
from kim_desktop.gui.unlock import PassphrasePanel
from kim_desktop.gui.views.restriction import restricted_left_out


class CaseFileView(QWidget):
    """Base of every view: it shows the open case file, or nothing while locked."""

    open_case_requested = Signal(str)  # a case id: show it in the cases view
    open_client_requested = Signal(str)  # a client id: show them in the client register
    open_view_requested = Signal(str)  # a view's class name: switch to that view

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.casefile: CaseFile | None = None

    def title(self) -> str:
        raise NotImplementedError

    def set_casefile(self, casefile: CaseFile | None) -> None:
        """Show ``casefile``; ``None`` means locked: drop every shown record."""
        self.casefile = casefile
        if casefile is None:
            self.clear()

    def flush_edits(self) -> None:
        """Save what is being typed (called before lock and close)."""

    def clear(self) -> None:
        """Remove everything shown (called on lock)."""

    def refresh(self) -> None:
        """Reload from the case file (called when the view becomes visible)."""


ViewFactory = Callable[[], CaseFileView]

INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class IdleWatcher(QObject):
    """Restarts the auto-lock timer on every key press, click, wheel or touch; locks on
    Ctrl+L in a modal dialog too (Qt blocks the window's own shortcuts meanwhile)."""

    def __init__(self, timer: QTimer, lock: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.timer = timer
        self.lock = lock

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS and self.timer.isActive():
            self.timer.start()
        if (
            self.lock is not None
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_L
            and event.modifiers() == Qt.KeyboardModifier.ControlModifier
            and QApplication.activeModalWidget() is not None
        ):
            self.lock()
            return True
        return False


class LockPage(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.heading.setFont(font)
        self.panel = PassphrasePanel()
        self.other = QPushButton(self.tr("Open &another case file …"))
        box = QVBoxLayout()
        box.addStretch(1)
        box.addWidget(self.heading)
        explanation = QLabel(
            self.tr(
                "Enter the passphrase to continue. Everything is in the encrypted file, "
                "and open forms come back as you left them."
            )
        )
        explanation.setWordWrap(True)  # else this one line sets the window's minimum width
        box.addWidget(explanation)
        box.addWidget(self.panel)
        box.addWidget(self.other, 0, Qt.AlignmentFlag.AlignLeft)
        box.addStretch(2)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(box, 2)
        outer.addStretch(1)

    def show_for(self, path: Path) -> None:
        self.heading.setText(self.tr("{name} is locked").format(name=path.name))
        self.panel.set_path(path)
        self.panel.passphrase.setFocus()


class MainWindow(QMainWindow):
    locked = Signal()
    unlocked = Signal()

    def __init__(
        self,
        casefile: CaseFile,
        settings: Settings,
        view_factories: Sequence[ViewFactory],
        auto_lock_minutes: int | None = None,
        factories_for_role: Callable[[str], Sequence[ViewFactory]] | None = None,
    ) -> None:
        """``view_factories`` are the views for ``casefile``'s role; ``factories_for_role``
        gives the views of another role when a file of that role is opened from the lock
        page (without it, such a file is refused there)."""
        super().__init__()
        self.settings = settings
        self.casefile: CaseFile | None = None
        self.path = casefile.path
        self.role = casefile.role
        self.factories_for_role = factories_for_role
        fit_to_screen(self)

        self.navigation = QListWidget()
        self.navigation.setAccessibleName(self.tr("Views"))
        self.views_stack = QStackedWidget()
        self.views: list[CaseFileView] = []
        self.view_actions: list[QAction] = []
        self._install_views(view_factories)
        work = QWidget()
        row = QHBoxLayout(work)
        row.setContentsMargins(4, 4, 4, 4)
        row.addWidget(self.navigation)
        row.addWidget(self.views_stack, 1)

        self.lock_page = LockPage()
        self.pages = QStackedWidget()
        self.pages.addWidget(work)
        self.pages.addWidget(self.lock_page)
        self.setCentralWidget(self.pages)
        self.navigation.currentRowChanged.connect(self._show_view)
        self.lock_page.panel.unlocked.connect(self._unlocked)
        self.lock_page.other.clicked.connect(self._open_other)

        self.file_label = QLabel()
        self.statusBar().addPermanentWidget(self.file_label)

        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        minutes = auto_lock_minutes or settings.auto_lock_minutes()
        self.idle_timer.setInterval(minutes * 60_000)
        self.idle_timer.timeout.connect(self.lock)
        self.idle_watcher = IdleWatcher(self.idle_timer, self.lock)
        application().installEventFilter(self.idle_watcher)

        self.drafts = DraftKeeper(lambda: self.casefile, self._current_view_name, self)
        set_active_keeper(self.drafts)
        self._build_menus()
        self._open(casefile)
        self.navigation.setCurrentRow(0)
        QTimer.singleShot(0, self._reopen_drafts)  # input kept before a crash

    # -- menus -----------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        # Ctrl+L in a modal form: IdleWatcher. The form's input is kept as a draft.
        self.lock_action = self._action(file_menu, self.tr("&Lock"), self.lock, "Ctrl+L")
        file_menu.addSeparator()
        self.import_action = self._action(
            file_menu, self.tr("&Import records (JSON) …"), self.import_json
        )
        self.export_action = self._action(
            file_menu, self.tr("&Export everything (JSON) …"), self.export_json
        )
        self.backup_action = self._action(file_menu, self.tr("&Back up …"), self.backup)
        self.restore_action = self._action(
            file_menu, self.tr("&Restore from backup …"), lambda: restore_from_backup(self)
        )
        self.passwd_action = self._action(
            file_menu, self.tr("Change &passphrase …"), self.change_passphrase
        )
        self.recovery_action = self._action(  # gui/recovery.py
            file_menu,
            self.tr("Create re&covery key …"),
            lambda: create_recovery_key(self, self.casefile),
        )
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.file_actions = [
            self.lock_action,
            self.import_action,
            self.export_action,
            self.backup_action,
            self.restore_action,
            self.passwd_action,
            self.recovery_action,
        ]

        self.view_menu = self.menuBar().addMenu(self.tr("&View"))
        self._fill_view_menu()

        settings_menu = self.menuBar().addMenu(self.tr("&Settings"))
        self._action(settings_menu, self.tr("&Language …"), self.choose_language)
        self._action(settings_menu, self.tr("&Auto-lock …"), self.choose_auto_lock)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("&First steps …"), lambda: FirstStepsDialog(self).exec())
        self._action(help_menu, self.tr("&About KIM Desktop"), self.about)

    def _install_views(self, view_factories: Sequence[ViewFactory]) -> None:
        """Replace the views (at start, and when a file of another role is unlocked)."""
        while self.views_stack.count():
            holder = self.views_stack.widget(0)
            assert holder is not None
            self.views_stack.removeWidget(holder)
            holder.deleteLater()
        self.views = []
        self.navigation.clear()
        for index, factory in enumerate(view_factories):
            view = factory()
            self.views.append(view)
            tab_leaves_lists(view)
            self.views_stack.addWidget(scrolling(view))
            self.navigation.addItem(f"{view.title()}")
            item = self.navigation.item(index)
            item.setToolTip(f"{view.title()} (Ctrl+{index + 1})")
            view.open_case_requested.connect(self.open_case)
            view.open_client_requested.connect(self.open_client)
            view.open_view_requested.connect(self._show_view_named)
        fit_navigation(self.navigation)

    def _fill_view_menu(self) -> None:
        for action in self.view_actions:
            self.view_menu.removeAction(action)
            action.deleteLater()
        self.view_actions = [
            self._action(
                self.view_menu,
                view.title(),
                lambda _checked=False, i=index: self.navigation.setCurrentRow(i),
                f"Ctrl+{index + 1}",
            )
            for index, view in enumerate(self.views)
        ]

    def _action(
        self,
        menu: QWidget,
        text: str,
        slot: Callable[..., object],
        shortcut: str | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    # -- open, lock, unlock ----------------------------------------------------------------

    def _open(self, casefile: CaseFile) -> None:
        self.casefile = casefile
        self.path = casefile.path
        role = (
            self.tr("Coordination")
            if casefile.role == "coordinator"
            else self.tr("Case management")
        )
        self.setWindowTitle(self.tr("KIM Desktop – {name}").format(name=casefile.path.name))
        self.file_label.setText(f"{casefile.path.name} · {role} · {casefile.owner}")
        for view in self.views:
            view.set_casefile(casefile)
        for action in self.file_actions:
            action.setEnabled(True)
        self.pages.setCurrentIndex(0)
        self.idle_timer.start()
        self._show_view(self.navigation.currentRow())

    def lock(self) -> None:
        """Show the lock page at once. Running work is cancelled (its outcome no longer
        reaches the window) and rolls back; the file closes when the last of it has ended."""
        casefile = self.casefile
        if casefile is None:
            return
        self.idle_timer.stop()
        abandon_all()  # first, so that work holding the write lock stops soon
        for view in self.views:
            view.flush_edits()
        self.drafts.keep_all_and_close()  # typed input into the file, before it closes
        casefile.close()  # refuses new work, interrupts running statements; never waits
        self.casefile = None
        self._close_open_dialogs()
        for view in self.views:
            view.set_casefile(None)
        for action in self.file_actions:
            action.setEnabled(False)
        self.file_label.setText(self.tr("Locked"))
        self.lock_page.show_for(self.path)
        self.pages.setCurrentIndex(1)
        self.locked.emit()

    def _close_open_dialogs(self) -> None:
        """Dialogs may show personal data; on lock they go (record forms kept their input
        as drafts just before, ``DraftKeeper.keep_all_and_close``)."""
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, RecordDialog) and widget.isVisible():
                widget.close_keeping_draft()  # never asks: the lock must take effect
            elif isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()

    @property
    def is_locked(self) -> bool:
        return self.casefile is None

    def _unlocked(self, casefile: CaseFile) -> None:
        if casefile.role != self.role:
            if self.factories_for_role is None:
                casefile.close()
                self.lock_page.panel.error.setText(
                    self.tr(
                        "This window cannot show a file of another role; start the program again."
                    )
                )
                return
            self._install_views(self.factories_for_role(casefile.role))
            self._fill_view_menu()
            self.role = casefile.role
            self.navigation.setCurrentRow(0)
        self.settings.remember_file(casefile.path)
        self._open(casefile)
        self.unlocked.emit()
        self._reopen_drafts()

    def _open_other(self) -> None:
        chosen = ask_case_file(self, self.settings.default_folder())
        if chosen:
            self.path = chosen
            self.lock_page.show_for(self.path)

    def _current_view_name(self) -> str | None:
        index = self.navigation.currentRow()
        return type(self.views[index]).__name__ if 0 <= index < len(self.views) else None

    def _show_view_named(self, name: str) -> None:
        for index, view in enumerate(self.views):
            if type(view).__name__ == name:
                self.navigation.setCurrentRow(index)
                return

    def _reopen_drafts(self) -> None:
        """Forms whose input was kept (lock, crash) open again over their views."""
        if self.casefile is None:
            return
        for form in self.drafts.reopen_all(self, self._show_view_named):
            form.accepted.connect(self._refresh_current_view)

    def _refresh_current_view(self) -> None:
        self._show_view(self.navigation.currentRow())

    def _show_view(self, index: int) -> None:
        if 0 <= index < len(self.views):
            self.views_stack.setCurrentIndex(index)
            if self.casefile is not None:
                self.views[index].refresh()

    def open_case(self, case_id: str) -> None:
        """Switch to the view that shows cases and open ``case_id`` there."""
        for index, view in enumerate(self.views):
            show = getattr(view, "show_case", None)
            if show is not None:
                self.navigation.setCurrentRow(index)
                show(case_id)
                return

    def open_client(self, client_id: str) -> None:
        """Switch to the client register and show ``client_id`` there."""
        for index, view in enumerate(self.views):
            show = getattr(view, "show_client", None)
            if show is not None:
                self.navigation.setCurrentRow(index)
                show(client_id)
                return

    # -- file actions ----------------------------------------------------------------------

    def _failed(self, title: str) -> Callable[[BaseException], None]:
        def show(error: BaseException) -> None:
            QMessageBox.warning(self, title, describe_error(error))

        return show

    def import_json(self) -> None:
        casefile = self.casefile
        if casefile is None:
            return
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import records"),
            str(self.settings.default_folder()),
            self.tr("Interchange files (*.json)"),
        )
        if name:
            self.import_json_from(Path(name))

    def import_json_from(self, path: Path) -> None:
        """Import an interchange file in the background (cancel rolls it all back)."""
        casefile = self.casefile
        if casefile is None:
            return

        def work(report: Callable[[int, int], None]) -> interchange.ImportSummary:
            return interchange.import_file(casefile, path, progress=report)

        def done(summary: interchange.ImportSummary) -> None:
            QMessageBox.information(
                self,
                self.tr("Import finished"),
                self.tr("%Ln record(s) added.", "", summary.total),
            )
            self._show_view(self.navigation.currentRow())

        run_operation(
            self,
            work,
            done,
            self._failed(self.tr("Import failed")),
            label=self.tr("Importing …"),
            cancellable=True,
        )

    def export_json(self) -> None:
        casefile = self.casefile
        if casefile is None:
            return
        question = self.tr(
            "The export contains all personal data of this case file, unencrypted. "
            "Only save it to an encrypted place and delete it when it is no longer "
            "needed. Continue?"
        )
        restricted = casework.restricted_count(casefile)
        if restricted:  # never silently (Art. 18 GDPR)
            question = restricted_left_out(restricted) + "\n\n" + question
        answer = QMessageBox.question(self, self.tr("Export everything"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export everything"),
            str(self.settings.default_folder()),
            self.tr("Interchange files (*.json)"),
        )
        if not name:
            return
        run_operation(
            self,
            lambda _r: interchange.export_file(casefile, Path(name)),
            self._exported,
            self._failed(self.tr("Export failed")),
            label=self.tr("Exporting …"),
        )

    def _exported(self, summary: interchange.ExportSummary) -> None:
        if summary.restricted_clients:  # stays until the next message: never silently
            self.statusBar().showMessage(
                self.tr("Exported.") + " " + restricted_left_out(summary.restricted_clients)
            )
        else:
            self.statusBar().showMessage(self.tr("Exported."), 5000)

    def backup(self) -> None:
        casefile = self.casefile
        if casefile is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Back up case file"),
            str(self.settings.default_folder()),
            self.tr("KIM case files (*.kim)"),
        )
        if not name:
            return
        run_operation(
            self,
            lambda _r: casefile.backup(Path(name)),
            lambda _none: self.statusBar().showMessage(
                self.tr("Backup written and verified."), 5000
            ),
            self._failed(self.tr("Backup failed")),
            label=self.tr("Backing up …"),
        )

    def change_passphrase(self) -> None:
        casefile = self.casefile
        if casefile is None:
            return
        new, ok = QInputDialog.getText(
            self,
            self.tr("Change passphrase"),
            self.tr("New passphrase:"),
            echo=QLineEdit.EchoMode.Password,
        )
        if not ok or not new:
            return
        again, ok = QInputDialog.getText(
            self,
            self.tr("Change passphrase"),
            self.tr("Repeat the new passphrase:"),
            echo=QLineEdit.EchoMode.Password,
        )
        if not ok:
            return
        minimum = self.settings.min_passphrase_length()
        if again != new:
            QMessageBox.warning(
                self,
                self.tr("Change passphrase"),
                self.tr("The two entries differ. The passphrase was not changed."),
            )
            return
        run_operation(
            self,
            lambda _r: casefile.change_passphrase(new, minimum),
            lambda _none: self.statusBar().showMessage(self.tr("Passphrase changed."), 5000),
            self._failed(self.tr("Passphrase not changed")),
            label=self.tr("Re-encrypting the case file …"),
        )

    # -- settings and help -----------------------------------------------------------------

    def _locked_by_policy(self, key: str) -> bool:
        """Tell the user when IT has fixed a setting (machine-wide policy)."""
        if not self.settings.is_locked(key):
            return False
        QMessageBox.information(
            self,
            self.tr("Set by your IT department"),
            self.tr(
                "This setting is fixed by the machine-wide policy of your IT department and "
                "cannot be changed here."
            ),
        )
        return True

    def choose_language(self) -> None:
        if self._locked_by_policy(machine_policy.LANGUAGE):
            return
        names = [self.tr("German"), self.tr("English")]
        codes = ["de", "en"]
        current = codes.index(self.settings.language())
        chosen, ok = QInputDialog.getItem(
            self,
            self.tr("Language"),
            self.tr("Language of the program (after restart):"),
            names,
            current,
            False,
        )
        if ok:
            self.settings.set_language(codes[names.index(chosen)])

    def choose_auto_lock(self) -> None:
        if self._locked_by_policy(machine_policy.AUTO_LOCK_MINUTES):
            return
        minutes, ok = QInputDialog.getInt(
            self,
            self.tr("Auto-lock"),
            self.tr("Lock after this many idle minutes:"),
            self.settings.auto_lock_minutes(),
            1,
            120,
        )
        if ok:
            self.settings.set_auto_lock_minutes(minutes)
            self.idle_timer.setInterval(minutes * 60_000)
            if self.casefile is not None:
                self.idle_timer.start()

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About KIM Desktop"),
            self.tr(
                "KIM Desktop {version}\n\nThe encrypted case file for Kommunales "
                "Integrationsmanagement NRW."
            ).format(version=__version__),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.idle_timer.stop()
        application().removeEventFilter(self.idle_watcher)
        casefile = self.casefile
        self.lock()
        wait_for_all()  # the cancelled work rolls back before the program ends
        if casefile is not None:
            casefile.wait_closed(30)
        event.accept()
