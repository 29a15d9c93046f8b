"""Take a screenshot of every view, as it starts on a 1366×768 screen, on fresh demo files: a
case manager's (with the district configuration, a case open, the bundle previewed) and a
coordination office's (with that case manager's bundles).

xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshots.py docs/screenshots
QT_SCALE_FACTOR=1.25 xvfb-run -s "-screen 0 1366x768x24" \\
    .venv/bin/python tools/screenshots.py docs/screenshots de -125 cases
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from kim_desktop.core import casework
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.figures.periods import parse_period
from kim_desktop.core.sync import district, inbox, outbox
from kim_desktop.gui import i18n, style
from kim_desktop.gui.app import DEMO_PASSPHRASE, create_demo_file, view_factories
from kim_desktop.gui.main_window import MainWindow
from kim_desktop.gui.operations import wait_for_all
from kim_desktop.gui.settings import Settings

CASE_MANAGER_VIEWS = [
    "overview",
    "cases",
    "clients",
    "appointments",
    "gaps",
    "statistics",
    "sync-bundle",
]
COORDINATOR_VIEWS = ["district", "bundle-inbox", "collected-gaps", "district-keys"]


def pump(ms: int = 300) -> None:
    end = dt.datetime.now() + dt.timedelta(milliseconds=ms)
    while dt.datetime.now() < end:
        QApplication.processEvents()
    wait_for_all()
    QApplication.processEvents()


def last_quarter(today: dt.date) -> str:
    quarter = (today.month - 1) // 3
    return f"{today.year - 1}-Q4" if quarter == 0 else f"{today.year}-Q{quarter}"


def prepare_files(folder: Path) -> tuple[Path, Path]:
    """The demo case file with the office's configuration, and the office's file with the
    demo file's bundles of the last two quarters."""
    case_manager = create_demo_file(folder, clients=300, seed=4)
    office = folder / "koordinierung.kim"
    config = folder / "rhein-sieg.kimdistrict"
    with CaseFile.open(case_manager, DEMO_PASSPHRASE) as casefile:
        municipalities = casework.list_municipalities(casefile)
    with CaseFile.create(
        office,
        DEMO_PASSPHRASE,
        role="coordinator",
        owner="Koordinierungsstelle",
        district="Rhein-Sieg-Kreis",
    ) as casefile:
        district.export_config(casefile, config, municipalities=municipalities)
    bundles = []
    with CaseFile.open(case_manager, DEMO_PASSPHRASE) as casefile:
        district.import_config(casefile, config)
        quarter = last_quarter(dt.date.today())
        year, number = quarter.split("-Q")
        earlier = f"{year}-Q{int(number) - 1}" if number != "1" else f"{int(year) - 1}-Q4"
        for period in (earlier, quarter):
            out = folder / f"bundle-{period}.kimbundle"
            outbox.export_bundle(casefile, parse_period(period), out)
            bundles.append(out)
    with CaseFile.open(office, DEMO_PASSPHRASE) as casefile:
        inbox.import_bundles(casefile, bundles, trust_new_senders=True)
    return case_manager, office


def shoot(
    path: Path, settings: Settings, names: list[str], out: Path, suffix: str, only: set[str]
) -> None:
    casefile = CaseFile.open(path, DEMO_PASSPHRASE)
    window = MainWindow(casefile, settings, view_factories(casefile.role))
    window.show()
    pump(800)
    for index, name in enumerate(names):
        window.navigation.setCurrentRow(index)
        pump(600)
        view = window.views[index]
        if name == "cases":
            rows = casework.list_cases(casefile, casework.CaseFilter(state="open"), limit=50)
            rich = max(rows, key=lambda r: r.member_count)
            view.show_case(rich.id)  # type: ignore[attr-defined]
            pump(600)
        if name == "sync-bundle":
            view.preview()  # type: ignore[attr-defined]
            pump(1500)
        if not only or name in only:
            window.grab().save(str(out / f"{name}{suffix}.png"))
    if casefile.role == "casemanager" and (not only or "locked" in only):
        window.lock()
        pump(300)
        window.grab().save(str(out / f"locked{suffix}.png"))
    QTimer.singleShot(0, window.close)
    pump(300)


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    language = sys.argv[2] if len(sys.argv) > 2 else "de"
    suffix = sys.argv[3] if len(sys.argv) > 3 else ""
    only = set(sys.argv[4:])  # names of the views to save; all when none given
    out.mkdir(parents=True, exist_ok=True)
    QCoreApplication.setOrganizationName("KIM Desktop screenshots")
    app = QApplication([])
    style.readable_palette(app)
    i18n.install(app, language)
    folder = Path(tempfile.mkdtemp(prefix="kim-shots-"))
    settings = Settings(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    case_manager, office = prepare_files(folder)
    shoot(case_manager, settings, CASE_MANAGER_VIEWS, out, suffix, only)
    shoot(office, settings, COORDINATOR_VIEWS, out, suffix, only)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
