"""``kim-desktop``: start the program.

    kim-desktop [FILE] [--demo] [--lang de|en] [--quit-after SECONDS]

Without ``--demo`` the start dialog asks for a case file and its passphrase (or creates a
new one). ``--demo`` builds a fresh synthetic case file (as ``kim demo`` does) in a private
temporary folder and opens it (gui/demo.py); its passphrase is shown in the window title's
status line so that the lock page can be tried too.

The start dialog shows before the engine (SQLAlchemy, the models, the views) is imported:
this module and gui/unlock.py import it where it is first needed, and a background thread
imports it meanwhile (``warm_up``), so unlocking does not wait for it either. SIGTERM, SIGHUP
and the end of the session lock, close and tidy up (gui/session_end.py)."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer, qVersion
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from kim_desktop import __version__
from kim_desktop.core.errors import EXIT_REJECTED
from kim_desktop.core.platform import logs
from kim_desktop.core.platform import policy as machine_policy
from kim_desktop.gui import demo, i18n, style
from kim_desktop.gui.demo import DEMO_PASSPHRASE as DEMO_PASSPHRASE
from kim_desktop.gui.demo import create_demo_file as create_demo_file
from kim_desktop.gui.demo import open_demo_file as open_demo_file
from kim_desktop.gui.qt import application
from kim_desktop.gui.session_end import SessionEnd
from kim_desktop.gui.settings import Settings

if TYPE_CHECKING:
    from kim_desktop.core.casefile.storage import CaseFile
    from kim_desktop.gui.main_window import ViewFactory

log = logging.getLogger("kim_desktop.gui")

ICON = Path(__file__).parent / "icons/kim-desktop.svg"
# What the window needs after the start dialog, imported in the background meanwhile.
WARM_UP = ("kim_desktop.core.casefile.storage", "kim_desktop.core.casework")


def view_factories(role: str = "casemanager") -> list[ViewFactory]:
    """The main window's views for a file of ``role``, in navigation order (Ctrl+1 …)."""
    from kim_desktop.gui.views import registry

    return registry.factories(role)


def warm_up() -> threading.Thread:
    """Import the engine in the background while the start dialog waits for the passphrase
    (pure Python imports; the GUI thread keeps answering between them)."""

    def work() -> None:
        for name in WARM_UP:
            try:
                importlib.import_module(name)
            except Exception as error:  # noqa: BLE001 - the real import will say it again
                log.warning("warm-up import failed: %s", type(error).__name__)
                return

    thread = threading.Thread(target=work, name="kim-warm-up")
    thread.start()
    return thread


def interface_language(requested: str | None, settings: Settings) -> str:
    """``--lang`` unless the machine-wide policy locks the language."""
    if requested and not settings.is_locked(machine_policy.LANGUAGE):
        return requested
    return settings.language()


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    return argument_parser().parse_args(argv)


def argument_parser() -> argparse.ArgumentParser:
    """``kim-desktop``'s options (also the source of its manual page)."""
    parser = argparse.ArgumentParser(prog="kim-desktop", description="KIM Desktop")
    parser.add_argument("file", nargs="?", help="case file to open")
    parser.add_argument("--demo", action="store_true", help="open a fresh synthetic demo file")
    parser.add_argument("--lang", choices=("de", "en"), help="language of the window")
    parser.add_argument("--version", action="version", version=f"kim-desktop {__version__}")
    parser.add_argument(
        "--quit-after",
        type=float,
        metavar="SECONDS",
        help="quit by itself after the window has been shown that long (installation checks)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(sys.argv[1:] if argv is None else argv)
    logs.console("kim-desktop")
    logs.configure("kim-desktop")
    sys.excepthook = logs.log_uncaught
    QCoreApplication.setOrganizationName("KIM Desktop")
    QCoreApplication.setApplicationName("kim-desktop")
    app = application() if QApplication.instance() else QApplication([sys.argv[0]])
    session = SessionEnd(app)
    session.watch_signals()  # first: from here on SIGTERM ends the program tidily
    try:
        return _run(app, args, session)
    finally:
        session.stop_watching()


def _run(app: QApplication, args: argparse.Namespace, session: SessionEnd) -> int:
    app.setApplicationDisplayName("KIM Desktop")
    style.readable_palette(app)
    if ICON.exists():
        app.setWindowIcon(QIcon(str(ICON)))
    settings = Settings()
    i18n.install(app, interface_language(args.lang, settings))
    log.info("Qt %s, platform %s", qVersion(), QGuiApplication.platformName())
    for problem in settings.policy.problems:
        log.warning("policy problem: %s", problem)
    if settings.policy.refusal:
        return _refuse(settings.policy.refusal, args.quit_after is None)
    if settings.policy.problems and args.quit_after is None:
        QMessageBox.warning(
            None,
            QCoreApplication.translate("App", "Machine-wide policy"),
            QCoreApplication.translate(
                "App",
                "The policy set by your IT department has problems; safe defaults are used "
                "where it is wrong. Please tell your IT department:",
            )
            + "\n\n"
            + "\n".join(settings.policy.problems),
        )
        if session.reason is not None:
            return 0

    demo_folder: Path | None = None
    casefile: CaseFile | None = None
    try:
        if args.demo:
            demo.remove_stale_folders()  # of demo runs that were killed outright
            demo_folder = made = demo.make_folder()
            session.on_end(lambda: demo.remove_folder(made))
            casefile = open_demo_file(demo_folder)
        elif args.quit_after is not None:  # an installation check: the start dialog only
            return _show_briefly(app, settings, args.quit_after)
        else:
            from kim_desktop.gui.unlock import StartDialog

            start = StartDialog(settings)
            if args.file:
                start.choose(Path(args.file))
            _show_first(start)
            QTimer.singleShot(0, warm_up)  # once the dialog is up
            if start.exec() != QDialog.DialogCode.Accepted or start.casefile is None:
                return 0
            casefile = start.casefile
        if session.reason is not None:  # asked to end while the file was opened
            casefile.close()
            return 0
        from kim_desktop.gui.main_window import MainWindow

        window = MainWindow(
            casefile,
            settings,
            view_factories(casefile.role),
            factories_for_role=view_factories,
        )
        if args.demo:
            window.statusBar().showMessage(
                QCoreApplication.translate(
                    "App", "Demo file with invented data; passphrase: {passphrase}"
                ).format(passphrase=DEMO_PASSPHRASE)
            )
        window.show()
        session.window = window
        QTimer.singleShot(0, lambda: log.info("main window shown"))
        if args.quit_after is not None:
            QTimer.singleShot(int(args.quit_after * 1000), window.close)
        code = app.exec()
        log.info("kim-desktop ended (exit code %d)", code)
        return code
    except demo.DemoInterrupted:
        log.info("kim-desktop ended while the demo file was made")
        return 0
    except Exception as error:
        from kim_desktop.gui.messages import describe_error

        log.error("could not start: %s", type(error).__name__, exc_info=True)
        QMessageBox.critical(None, "KIM Desktop", describe_error(error))
        return 1
    finally:
        if demo_folder is not None:
            demo.remove_folder(demo_folder)


def _show_first(start: QDialog) -> None:
    """Show the start dialog; the log says when (benchmarks/bench_start.py waits for it)."""
    start.show()
    QTimer.singleShot(0, lambda: log.info("start window shown"))


def _refuse(refusal: str, ask: bool) -> int:
    """The policy exists but cannot be used: say so and open nothing (never "no locks")."""
    log.error("the machine-wide policy cannot be used; no case file is opened")
    if ask:
        QMessageBox.critical(
            None,
            QCoreApplication.translate("App", "Machine-wide policy"),
            QCoreApplication.translate(
                "App",
                "KIM Desktop cannot open or create case files: the policy set by your IT "
                "department cannot be used. Please tell your IT department:",
            )
            + "\n\n"
            + refusal,
        )
    else:  # an installation check: one line, no window
        sys.stderr.write(f"kim-desktop: policy: {refusal}\n")
    return EXIT_REJECTED


def _show_briefly(app: QApplication, settings: Settings, seconds: float) -> int:
    """Show the start dialog for ``seconds``, then close it: proves that Qt, its platform
    plugin, the translations and the icon load in an installed copy."""
    from kim_desktop.gui.unlock import StartDialog

    start = StartDialog(settings)
    _show_first(start)
    QTimer.singleShot(int(seconds * 1000), start.reject)
    QTimer.singleShot(int(seconds * 1000) + 50, app.quit)
    code = app.exec()
    log.info("kim-desktop installation check ended (exit code %d)", code)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
