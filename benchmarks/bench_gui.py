"""Benchmark of the case manager's window on a large file (not a test: it prints figures).

10,000 clients and 100,000 appointments (as in bench_casefile.py), opened in the real main
window offscreen. Measures, through the widgets:
- a keystroke in the case list's search field: filter, count, first page, model reset and
  repaint (target <= 50 ms);
- opening the busiest case in the case view (target <= 200 ms);
- a keystroke in the client register's search field (target <= 50 ms), and choosing a
  client there (their data, cases and consents beside the list).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_gui.py
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).parent))
from bench_casefile import PASSPHRASE, sized_document

from kim_desktop.core import interchange
from kim_desktop.core.casefile.models import Appointment
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.gui.main_window import MainWindow
from kim_desktop.gui.settings import Settings
from kim_desktop.gui.views import registry
from kim_desktop.gui.views.cases import CasesView
from kim_desktop.gui.views.clients import ClientsView


def main() -> int:
    app = QApplication([])
    with tempfile.TemporaryDirectory(prefix="kim-bench-gui-") as folder:
        path = Path(folder) / "large.kim"
        document = sized_document(10_000, 100_000, dt.date(2025, 12, 31))
        with CaseFile.create(path, PASSPHRASE, role="casemanager", owner="Benchmark") as cf:
            interchange.import_document(cf, document, "benchmark")
        settings = Settings(QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat))
        casefile = CaseFile.open(path, PASSPHRASE)
        window = MainWindow(casefile, settings, registry.factories())
        window.resize(1360, 860)
        window.show()
        cases = next(v for v in window.views if isinstance(v, CasesView))
        window.navigation.setCurrentRow(window.views.index(cases))
        cases.state.setCurrentIndex(2)  # all cases
        app.processEvents()

        keystrokes = []
        for word in ("ahmad", "kovalenko", "öz", "ma", "nowak"):
            cases.search.clear()
            app.processEvents()
            for char in word:
                started = time.perf_counter()
                cases.search.setText(cases.search.text() + char)  # one keystroke
                app.processEvents()  # repaint the list
                keystrokes.append(time.perf_counter() - started)

        with casefile.reading_session() as session:
            busiest = session.execute(
                select(Appointment.case_id, func.count())
                .where(Appointment.case_id.is_not(None))
                .group_by(Appointment.case_id)
                .order_by(func.count().desc())
                .limit(1)
            ).one()
        openings = []
        for _ in range(10):
            cases.detail.clear()
            app.processEvents()
            started = time.perf_counter()
            cases.detail.show_case(casefile, busiest[0])  # what Enter on its row does
            app.processEvents()
            openings.append(time.perf_counter() - started)

        register = next(v for v in window.views if isinstance(v, ClientsView))
        window.navigation.setCurrentRow(window.views.index(register))
        app.processEvents()
        register_keystrokes = []
        for word in ("ahmad", "kovalenko", "öz", "ma", "nowak"):
            register.search.clear()
            app.processEvents()
            for char in word:
                started = time.perf_counter()
                register.search.setText(register.search.text() + char)  # one keystroke
                app.processEvents()
                register_keystrokes.append(time.perf_counter() - started)
        register.search.clear()
        app.processEvents()
        choosing = []
        for row in range(10):
            started = time.perf_counter()
            register.table.selectRow(row)  # shows the client beside the list
            app.processEvents()
            choosing.append(time.perf_counter() - started)
        window.close()

    print(f"KIM Desktop window benchmark ({dt.datetime.now():%Y-%m-%d %H:%M})")
    print(
        f"  data: {len(document['clients']):,} clients, {len(document['cases']):,} cases, "
        f"{len(document['appointments']):,} appointments"
    )
    print(
        f"  search keystroke in the case list: median {statistics.median(keystrokes) * 1000:.1f}"
        f" ms, worst {max(keystrokes) * 1000:.1f} ms over {len(keystrokes)}   (<= 50 ms)"
    )
    print(
        f"  open the busiest case ({busiest[1]} appointments): median "
        f"{statistics.median(openings) * 1000:.1f} ms, worst {max(openings) * 1000:.1f} ms"
        "   (<= 200 ms)"
    )
    print(
        "  search keystroke in the client register: median "
        f"{statistics.median(register_keystrokes) * 1000:.1f} ms, worst "
        f"{max(register_keystrokes) * 1000:.1f} ms over {len(register_keystrokes)}   (<= 50 ms)"
    )
    print(
        f"  choose a client in the register: median {statistics.median(choosing) * 1000:.1f}"
        f" ms, worst {max(choosing) * 1000:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
