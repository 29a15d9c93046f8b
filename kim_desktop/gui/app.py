"""``kim-desktop``: start the program.

    kim-desktop [FILE] [--demo] [--lang de|en] [--quit-after SECONDS]

Without ``--demo`` the start dialog asks for a case file and its passphrase (or creates a
new one). ``--demo`` builds a fresh synthetic case file (as ``kim demo`` does) in a private
temporary folder and opens it; its passphrase is shown in the window title's status line so
that the lock page can be tried too."""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer, qVersion
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from kim_desktop import __version__
from kim_desktop.core import interchange
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import EXIT_REJECTED
from kim_desktop.core.interchange.demo import demo_document
from kim_desktop.core.platform import logs
from kim_desktop.core.platform import policy as machine_policy
from kim_desktop.gui import i18n, style
from kim_desktop.gui.main_window import MainWindow, ViewFactory
from kim_desktop.gui.messages import describe_error
from kim_desktop.gui.operations import run_operation
from kim_desktop.gui.qt import application
from kim_desktop.gui.settings import Settings

log = logging.getLogger("kim_desktop.gui")

DEMO_PASSPHRASE = "kim demo passphrase"
ICON = Path(__file__).parent / "icons/kim-desktop.svg"


def view_factories(role: str = "casemanager") -> list[ViewFactory]:
    """The main window's views for a file of ``role``, in navigation order (Ctrl+1 …)."""
    from kim_desktop.gui.views import registry

    return registry.factories(role)


def create_demo_file(folder: Path, clients: int = 200, seed: int = 1) -> Path:
    path = folder / "demo.kim"
    document = demo_document(seed=seed, clients=clients)
    with CaseFile.create(
        path,
        DEMO_PASSPHRASE,
        role="casemanager",
        owner=document["owner"],
        district="Rhein-Sieg-Kreis",
    ) as casefile:
        interchange.import_document(casefile, document, "demo")
    return path


def open_demo_file(folder: Path, clients: int = 200) -> CaseFile:
    """Make the demo file and open it off the GUI thread (two Argon2 derivations and an
    import); the event loop keeps turning meanwhile and shows progress after 100 ms."""
    from kim_desktop.gui.unlock import prepared

    loop = QEventLoop()
    outcome: list[object] = []

    def ended(result: object) -> None:
        outcome.append(result)
        loop.quit()

    run_operation(
        None,
        lambda _report: prepared(CaseFile.open(create_demo_file(folder, clients), DEMO_PASSPHRASE)),
        ended,
        ended,
        label=QCoreApplication.translate("App", "Creating the demo file …"),
    )
    loop.exec()
    (result,) = outcome
    if isinstance(result, BaseException):
        raise result
    assert isinstance(result, CaseFile)
    return result


def interface_language(requested: str | None, settings: Settings) -> str:
    """``--lang`` unless the machine-wide policy locks the language."""
    if requested and not settings.is_locked(machine_policy.LANGUAGE):
        return requested
    return settings.language()


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
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
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(sys.argv[1:] if argv is None else argv)
    logs.console("kim-desktop")
    logs.configure("kim-desktop")
    sys.excepthook = logs.log_uncaught
    QCoreApplication.setOrganizationName("KIM Desktop")
    QCoreApplication.setApplicationName("kim-desktop")
    app = application() if QApplication.instance() else QApplication([sys.argv[0]])
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

    demo_folder: Path | None = None
    casefile: CaseFile | None = None
    try:
        if args.demo:
            demo_folder = Path(tempfile.mkdtemp(prefix="kim-demo-"))
            casefile = open_demo_file(demo_folder)
        elif args.quit_after is not None:  # an installation check: the start dialog only
            return _show_briefly(app, settings, args.quit_after)
        else:
            from kim_desktop.gui.unlock import StartDialog

            start = StartDialog(settings)
            if args.file:
                start.choose(Path(args.file))
            if start.exec() != QDialog.DialogCode.Accepted or start.casefile is None:
                return 0
            casefile = start.casefile
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
        if args.quit_after is not None:
            QTimer.singleShot(int(args.quit_after * 1000), window.close)
        code = app.exec()
        log.info("kim-desktop ended (exit code %d)", code)
        return code
    except Exception as error:
        log.error("could not start: %s", type(error).__name__, exc_info=True)
        QMessageBox.critical(None, "KIM Desktop", describe_error(error))
        return 1
    finally:
        if demo_folder is not None:
            shutil.rmtree(demo_folder, ignore_errors=True)


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
    start.show()
    QTimer.singleShot(int(seconds * 1000), start.reject)
    QTimer.singleShot(int(seconds * 1000) + 50, app.quit)
    code = app.exec()
    log.info("kim-desktop installation check ended (exit code %d)", code)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
