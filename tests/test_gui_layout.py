"""The window fits a 1366×768 laptop screen (minus a 40-pixel taskbar) at 100 % and 125 %
scaling in every view, for both roles and both languages: nothing forces it wider or taller
(issue 12: it was 1333×780 with the status bar off-screen). The 125 % run is a real
``QT_SCALE_FACTOR=1.25`` process. Also the smaller things of the screen: plural forms,
readable colours, charts without made-up zeros, nationality labels in one language."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import DEMO_TODAY, PASSPHRASE, in_municipalities
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QGraphicsSimpleTextItem, QLineEdit

from kim_desktop.core import interchange
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.figures.periods import parse_period
from kim_desktop.core.interchange.demo import demo_document
from kim_desktop.core.sync import district, inbox, outbox
from kim_desktop.gui import i18n, style
from kim_desktop.gui.dialogs import nationality_combo
from kim_desktop.gui.views.charts import bar_chart, count_axis, tick_step

SCREEN = (1366, 768 - 40)  # a 1366×768 screen with a taskbar
FRAME = (16, 40)  # window frame and title bar at 100 %, in pixels
PROBE = Path(__file__).with_name("layout_probe.py")
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def coordinator_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A coordination office's file with one case manager's bundle in it."""
    folder = tmp_path_factory.mktemp("office")
    office = folder / "office.kim"
    config = folder / "district.kimdistrict"
    with CaseFile.create(
        office, PASSPHRASE, role="coordinator", owner="Koordination", district="Rhein-Sieg-Kreis"
    ) as casefile:
        district.export_config(casefile, config, municipalities=["Siegburg", "Troisdorf"])
    manager = folder / "cm.kim"
    bundle = folder / "cm.kimbundle"
    with CaseFile.create(manager, PASSPHRASE, role="casemanager", owner="CM") as casefile:
        # The configuration lists two municipalities and an export refuses records elsewhere.
        document = in_municipalities(
            demo_document(seed=3, clients=30, today=DEMO_TODAY), ["Siegburg", "Troisdorf"]
        )
        interchange.import_document(casefile, document, "demo")
        district.import_config(casefile, config)
        outbox.export_bundle(casefile, parse_period("2025-Q3"), bundle)
    with CaseFile.open(office, PASSPHRASE) as casefile:
        inbox.import_bundles(casefile, [bundle], trust_new_senders=True)
    return office


def measured(path: Path, language: str, scale: float) -> list[dict[str, Any]]:
    """The probe's lines, run on an offscreen 1366×768 screen at ``scale``."""
    screen = {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "dpr": 1}
    config = path.with_name(f"screen-{os.getpid()}.json")
    config.write_text(json.dumps({"screens": [screen]}))
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=f"offscreen:configfile={config}",
        QT_SCALE_FACTOR=str(scale),
    )
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    done = subprocess.run(
        [sys.executable, str(PROBE), str(path), language],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def too_large(states: list[dict[str, Any]], scale: float) -> list[str]:
    width, height = SCREEN
    frame_width, frame_height = (round(f * scale) for f in FRAME)
    return [
        f"{s['state']}: {s['width']}×{s['height']} device pixels"
        for s in states
        if s["width"] + frame_width > width or s["height"] + frame_height > height
    ]


@pytest.mark.parametrize(
    ("role", "language", "scale"),
    [
        ("casemanager", "de", 1.0),
        ("casemanager", "en", 1.0),
        ("casemanager", "de", 1.25),
        ("casemanager", "de", 1.5),  # beyond the demand: no scrolling needed yet
        ("coordinator", "de", 1.0),
        ("coordinator", "de", 1.25),
    ],
)
def test_every_view_fits_a_1366_by_768_screen(
    demo_file: Path, coordinator_file: Path, role: str, language: str, scale: float
) -> None:
    path = demo_file if role == "casemanager" else coordinator_file
    states = measured(path, language, scale)
    assert states and all(s["ratio"] == pytest.approx(scale) for s in states)
    if role == "casemanager":  # the case window's tabs were the widest part
        assert sum("/" in s["state"] for s in states) >= 7
    assert too_large(states, scale) == []
    assert all(s["navigation_cut"] == [] for s in states), states[0]["navigation_cut"]
    for s in states:  # the window as it starts: within the screen, frame included
        assert s["available"] == [1366, 768], s
        assert s["window"][0] + FRAME[0] * scale <= 1366, s
        assert s["window"][1] + FRAME[1] * scale <= 768, s


def test_the_measure_can_fail() -> None:
    """The check above is not vacuous: the window of issue 12 would fail it."""
    before = [{"state": "Fälle und Klient:innen", "width": 1333, "height": 780}]
    assert too_large(before, 1.0) == ["Fälle und Klient:innen: 1333×780 device pixels"]
    assert too_large([{"state": "x", "width": 1040, "height": 700}], 1.25) != []


def test_window_starts_within_the_screen(qtbot, demo_file: Path, tmp_path: Path) -> None:
    from gui_support import isolated_settings

    from kim_desktop.gui.main_window import MainWindow
    from kim_desktop.gui.views import registry

    window = MainWindow(
        CaseFile.open(demo_file, PASSPHRASE), isolated_settings(tmp_path), registry.factories()
    )
    qtbot.addWidget(window)
    area = window.screen().availableGeometry()
    assert window.width() <= area.width() and window.height() <= area.height()
    assert window.statusBar().isVisibleTo(window)
    window.close()


# -- words -----------------------------------------------------------------------------------


@pytest.fixture
def german() -> Any:
    app = QApplication.instance()
    i18n.install(app, "de")
    yield
    i18n.install(app, "en")


def test_counts_use_plural_forms(qtbot, german: None) -> None:
    def tr(source: str, n: int, context: str = "CasesView") -> str:
        return QCoreApplication.translate(context, source, "", n)

    assert tr("%Ln case(s)", 1) == "1 Fall"
    assert tr("%Ln case(s)", 2) == "2 Fälle"
    assert tr("%Ln case(s)", 1234) == "1.234 Fälle"
    assert tr("%Ln structural gap(s)", 1, "CollectedGapsView") == "1 Strukturlücke"
    assert tr("%Ln record(s) added.", 1, "MainWindow") == "1 Datensatz wurde hinzugefügt."
    app = QApplication.instance()
    i18n.install(app, "en")
    assert tr("%Ln case(s)", 1) == "1 case"
    assert tr("%Ln case(s)", 3) == "3 cases"
    assert tr("%Ln appointment(s), {hours} h", 1, "AppointmentsView") == "1 appointment, {hours} h"


def test_nationalities_in_the_window_language_only_and_umlauts_sorted(german: None) -> None:
    combo = nationality_combo()
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert texts[1:4] == ["staatenlos", "ungeklärt", "unbekannt"]
    assert not any("stateless" in t or "unknown" in t for t in texts)
    states = texts[4:]
    assert states.index("Ägypten (EG)") < states.index("Albanien (AL)")
    assert states.index("Österreich (AT)") < states.index("Oman (OM)") or states.index(
        "Österreich (AT)"
    ) < states.index("Pakistan (PK)")
    assert states[-1][0] not in "ÄÖÜ"


def test_english_plural_forms_are_complete_and_compiled(tmp_path: Path) -> None:
    """English needs its own file for the plural forms only; it is shipped compiled."""
    import xml.etree.ElementTree as ET

    ts = ROOT / "translations/kim_desktop_en.ts"
    messages = list(ET.parse(ts).iter("message"))
    assert messages and all(m.get("numerus") == "yes" for m in messages)
    for message in messages:
        translation = message.find("translation")
        assert translation is not None and translation.get("type") is None
        assert all(form.text for form in translation.iter("numerusform"))
    tools = Path(sys.executable).parent
    fresh = tmp_path / "en.ts"
    fresh.write_bytes(ts.read_bytes())
    sources = sorted(str(p) for p in (ROOT / "kim_desktop/gui").rglob("*.py"))
    subprocess.run(
        [
            str(tools / "pyside6-lupdate"),
            "-pluralonly",
            "-no-obsolete",
            "-locations",
            "none",
            "-source-language",
            "en",
            "-target-language",
            "en",
            *sources,
            "-ts",
            str(fresh),
        ],
        check=True,
        capture_output=True,
    )
    assert fresh.read_text() == ts.read_text(), "run ./tools/translations.sh"
    compiled = tmp_path / "en.qm"
    subprocess.run(
        [str(tools / "pyside6-lrelease"), str(ts), "-qm", str(compiled)],
        check=True,
        capture_output=True,
    )
    shipped = ROOT / "kim_desktop/gui/i18n/kim_desktop_en.qm"
    assert compiled.read_bytes() == shipped.read_bytes(), "run ./tools/translations.sh"


# -- colours ---------------------------------------------------------------------------------


def test_placeholder_and_message_colours_are_readable(qtbot) -> None:
    app = QApplication.instance()
    original = app.palette()
    try:
        style.readable_palette(app)
        field = QLineEdit()
        qtbot.addWidget(field)
        palette = field.palette()
        placeholder = palette.color(QPalette.ColorRole.PlaceholderText)
        base = palette.color(QPalette.ColorRole.Base)
        assert style.contrast(placeholder, base) >= 4.5
        assert style.contrast(placeholder, base) < 9  # still lighter than typed text
        window = palette.color(QPalette.ColorRole.Window)
        for colour in (style.ERROR_COLOUR, style.WARNING_COLOUR):
            for background in (window, base):
                assert style.contrast(QColor(colour), background) >= 4.5, colour
        dark = QColor("#202124")
        assert style.contrast(style.muted(QColor("#e8eaed"), dark), dark) >= 4.5
    finally:
        app.setPalette(original)


def test_hint_lines_stay_readable_when_their_form_is_disabled(qtbot) -> None:
    from PySide6.QtWidgets import QLabel

    from kim_desktop.gui.views.gaps import GapsView

    plain = QLabel("Beschreiben Sie das Problem, nicht die Person.")
    qtbot.addWidget(plain)
    disabled = QPalette.ColorGroup.Disabled
    window = plain.palette().color(QPalette.ColorRole.Window)
    faint = plain.palette().color(disabled, QPalette.ColorRole.WindowText)
    assert style.contrast(faint, window) < 4.5  # what Qt does to a disabled form's hint
    hint = style.as_hint(QLabel("Beschreiben Sie das Problem, nicht die Person."))
    qtbot.addWidget(hint)
    hint.setEnabled(False)
    palette = hint.palette()
    for group in (QPalette.ColorGroup.Active, disabled):
        assert style.contrast(palette.color(group, QPalette.ColorRole.WindowText), window) >= 4.5
    view = GapsView()  # its hint sits in the form that is disabled until a gap is chosen
    qtbot.addWidget(view)
    hints = [
        label
        for label in view.findChildren(QLabel)
        if "not the person" in label.text() or "nicht die Person" in label.text()
    ]
    assert hints
    colour = hints[0].palette().color(disabled, QPalette.ColorRole.WindowText)
    assert style.contrast(colour, window) >= 4.5


def test_qt_default_placeholder_was_too_faint() -> None:
    """Why the palette is set: Qt's half-transparent text is below 4.5:1 on white."""
    faint = QColor.fromRgbF(0.5, 0.5, 0.5)
    assert style.contrast(faint, QColor("white")) < 4.5


# -- charts ----------------------------------------------------------------------------------


def test_chart_ticks_are_whole_numbers() -> None:
    assert [tick_step(n) for n in (0, 1, 5, 6, 11, 30, 99, 240)] == [1, 1, 1, 2, 5, 10, 20, 50]
    for top in (0, 1, 2, 3, 7, 13, 250):
        axis = count_axis(top)
        assert axis.min() == 0 and axis.max() >= top
        assert axis.tickInterval() >= 1 and axis.tickInterval() == int(axis.tickInterval())
        assert axis.max() % axis.tickInterval() == 0  # every tick a whole number


def test_chart_without_figures_says_so_and_zeros_stay_zeros(qtbot) -> None:
    empty = bar_chart("Themen", ["Wohnen", "Arbeit"], [None, None])
    assert empty.series() == [] and empty.axes() == []
    texts = [i.text() for i in empty.childItems() if isinstance(i, QGraphicsSimpleTextItem)]
    assert texts == ["No figures"]
    zeros = bar_chart("Themen", ["Wohnen", "Arbeit"], [0, 0])
    (series,) = zeros.series()
    assert [series.barSets()[0].at(i) for i in range(2)] == [0, 0]
    partly = bar_chart("Themen", ["Wohnen", "Arbeit"], [4, None], [None, None])
    categories = next(a for a in partly.axes() if hasattr(a, "categories"))
    assert categories.categories() == ["Wohnen"]  # a suppressed cell is not drawn as 0
