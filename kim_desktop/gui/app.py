"""``kim-desktop``: start the program.

    kim-desktop [FILE] [--demo] [--lang de|en]

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

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from kim_desktop import __version__
from kim_desktop.core import interchange
from kim_desktop.core.demo import demo_document
from kim_desktop.core.storage import CaseFile
from kim_desktop.gui import i18n
from kim_desktop.gui.main_window import MainWindow, ViewFactory
from kim_desktop.gui.messages import describe_error
from kim_desktop.gui.settings import Settings

log = logging.getLogger(__name__)

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


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="kim-desktop", description="KIM Desktop")
    parser.add_argument("file", nargs="?", help="case file to open")
    parser.add_argument("--demo", action="store_true", help="open a fresh synthetic demo file")
    parser.add_argument("--lang", choices=("de", "en"), help="language of the window")
    parser.add_argument("--version", action="version", version=f"kim-desktop {__version__}")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.WARNING, format="kim-desktop: %(message)s")
    QCoreApplication.setOrganizationName("KIM Desktop")
    QCoreApplication.setApplicationName("kim-desktop")
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationDisplayName("KIM Desktop")
    if ICON.exists():
        app.setWindowIcon(QIcon(str(ICON)))
    settings = Settings()
    i18n.install(app, args.lang or settings.language())

    demo_folder: Path | None = None
    casefile: CaseFile | None = None
    try:
        if args.demo:
            demo_folder = Path(tempfile.mkdtemp(prefix="kim-demo-"))
            casefile = CaseFile.open(create_demo_file(demo_folder), DEMO_PASSPHRASE)
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
        return app.exec()
    except Exception as error:  # noqa: BLE001 - last net: a message, never a traceback
        log.error("could not start: %s", type(error).__name__)
        QMessageBox.critical(None, "KIM Desktop", describe_error(error))
        return 1
    finally:
        if demo_folder is not None:
            shutil.rmtree(demo_folder, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
