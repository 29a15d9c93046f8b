"""Locking never waits for running work: it is cancelled and rolled back, the lock page shows
at once, and the file closes when the work has ended. Real encrypted files, real threads."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import PASSPHRASE
from gui_support import isolated_settings, settle
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError

from kim_desktop.core import casework
from kim_desktop.core.casefile.models import Client
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import CaseFileLockedError, WrongPassphraseError
from kim_desktop.core.interchange.demo import demo_document
from kim_desktop.gui import operations
from kim_desktop.gui.main_window import MainWindow
from kim_desktop.gui.unlock import prepared
from kim_desktop.gui.views import registry

# An endless query: only an interrupt stops it (no progress callback in between).
ENDLESS = text(
    "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT sum(x) FROM n"
)


@pytest.fixture(scope="module")
def large_import(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """An interchange file large enough that its import runs for seconds."""
    document = demo_document(seed=5, clients=2500)
    path = tmp_path_factory.mktemp("import") / "large.json"
    path.write_text(json.dumps(document), "utf-8")
    return path, document["owner"]


@pytest.fixture
def window(qtbot: Any, tmp_path: Path, large_import: tuple[Path, str]) -> Iterator[MainWindow]:
    casefile = prepared(  # as the assistant makes it: with its keys
        CaseFile.create(
            tmp_path / "lock.kim", PASSPHRASE, role="casemanager", owner=large_import[1]
        )
    )
    shown = MainWindow(casefile, isolated_settings(tmp_path), registry.factories())
    qtbot.addWidget(shown)
    shown.show()
    settle(qtbot)
    yield shown
    shown.close()


def client_names(casefile: CaseFile) -> list[str]:
    with casefile.reading_session() as session:
        return list(session.scalars(select(Client.family_name)))


def client_count(path: Path) -> int:
    with CaseFile.open(path, PASSPHRASE) as casefile:
        return len(client_names(casefile))


def open_fds(path: Path) -> list[str]:
    """The process's file descriptors on ``path`` (Linux; empty elsewhere)."""
    folder = Path("/proc/self/fd")
    if not folder.is_dir():
        return []
    found = []
    for fd in folder.iterdir():
        try:
            if os.readlink(fd) == str(path.resolve()):
                found.append(fd.name)
        except OSError:
            continue
    return found


def visible_message_boxes() -> list[QMessageBox]:
    return [
        widget
        for widget in QApplication.topLevelWidgets()
        if isinstance(widget, QMessageBox) and widget.isVisible()
    ]


def start_import(qtbot: Any, window: MainWindow, source: Path) -> operations.Operation:
    """Start the window's import and return once it is writing (first progress)."""
    before = set(operations._running)
    window.import_json_from(source)
    (operation,) = set(operations._running) - before
    with qtbot.waitSignal(operation.progressed, timeout=60000):
        pass
    return operation


def unlock_again(qtbot: Any, window: MainWindow) -> CaseFile:
    qtbot.keyClicks(window.lock_page.panel.passphrase, PASSPHRASE)
    qtbot.keyClick(window.lock_page.panel.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.is_locked, timeout=20000)
    assert window.casefile is not None
    return window.casefile


def test_close_interrupts_a_running_query_and_forgets_the_key_when_it_ends(
    new_casefile: CaseFile,
) -> None:
    errors: list[BaseException] = []
    running = threading.Event()

    def endless() -> None:
        try:
            with new_casefile.transaction() as session:
                running.set()
                session.execute(ENDLESS)
        except BaseException as error:  # noqa: BLE001 - checked below
            errors.append(error)

    worker = threading.Thread(target=endless)
    worker.start()
    assert running.wait(10)
    time.sleep(0.2)  # the statement is running now
    started = time.monotonic()
    new_casefile.close()
    assert time.monotonic() - started < 0.1  # close never waits for the work
    with pytest.raises(CaseFileLockedError), new_casefile.reading():
        pass  # new work is refused at once
    assert new_casefile.wait_closed(10)
    worker.join(10)
    assert not worker.is_alive()
    assert len(errors) == 1 and "interrupted" in str(errors[0])
    assert new_casefile._key == b""
    assert open_fds(new_casefile.path) == []


def test_work_between_statements_rolls_back_and_the_key_waits_for_it(tmp_path: Path) -> None:
    casefile = CaseFile.create(tmp_path / "f.kim", PASSPHRASE, role="casemanager", owner="O")
    inside = threading.Event()
    go_on = threading.Event()
    errors: list[BaseException] = []

    def slow_writer() -> None:
        try:
            with casefile.transaction() as session:
                session.add(Client(id="written-before-the-lock", family_name="Früh"))
                session.flush()
                inside.set()
                go_on.wait(10)  # Python work, no statement: nothing to interrupt
                session.add(Client(id="written-after-the-lock", family_name="Spät"))
        except BaseException as error:  # noqa: BLE001 - checked below
            errors.append(error)

    worker = threading.Thread(target=slow_writer)
    worker.start()
    assert inside.wait(10)
    casefile.close()
    assert not casefile.wait_closed(0.2)  # the worker's use is still running: key kept
    assert casefile._key != b""
    go_on.set()
    assert casefile.wait_closed(10)
    worker.join(10)
    assert [type(error) for error in errors] == [CaseFileLockedError]
    assert casefile._key == b""
    assert client_count(casefile.path) == 0  # rolled back, the first client too


def test_lock_during_an_import_shows_the_lock_page_at_once_and_rolls_back(
    qtbot: Any, window: MainWindow, large_import: tuple[Path, str]
) -> None:
    casefile = window.casefile
    assert casefile is not None
    operation = start_import(qtbot, window, large_import[0])
    started = time.monotonic()
    window.lock()
    took = time.monotonic() - started
    assert took < 0.1, f"lock() took {took * 1000:.0f} ms"
    assert window.is_locked and window.pages.currentWidget() is window.lock_page
    assert operation.cancelled
    assert casefile.wait_closed(30)  # after the worker has rolled back
    assert operations.wait_for_all(30000)
    assert casefile._key == b"" and open_fds(casefile.path) == []
    settle(qtbot)
    assert visible_message_boxes() == []  # no "locked" or "cancelled" error over the lock page
    assert window.pages.currentWidget() is window.lock_page
    assert client_count(casefile.path) == 0

    reopened = unlock_again(qtbot, window)
    assert all(view.casefile is reopened for view in window.views)
    assert client_names(reopened) == []


def test_idle_lock_during_an_import_cancels_it_without_a_message(
    qtbot: Any, window: MainWindow, large_import: tuple[Path, str]
) -> None:
    casefile = window.casefile
    assert casefile is not None
    start_import(qtbot, window, large_import[0])
    window.idle_timer.setInterval(300)
    window.idle_timer.start()
    with qtbot.waitSignal(window.locked, timeout=10000):
        pass
    assert casefile.wait_closed(30)
    settle(qtbot)
    assert visible_message_boxes() == []
    assert client_count(casefile.path) == 0
    unlock_again(qtbot, window)


def test_unlock_while_the_old_work_still_winds_down(qtbot: Any, window: MainWindow) -> None:
    """Work that ignores the lock for a while (no statement, no progress) keeps the old file
    object open; unlocking again meanwhile gives a working window all the same."""
    casefile = window.casefile
    assert casefile is not None
    release = threading.Event()
    outcome: list[object] = []

    def stubborn(_report: operations.Report) -> None:
        with casefile.transaction() as session:
            session.execute(select(func.count()).select_from(Client))
            release.wait(20)
            session.add(Client(id="after-the-lock", family_name="Spät"))

    operations.run_operation(window, stubborn, outcome.append, outcome.append, label="…")
    qtbot.wait(200)
    window.lock()
    reopened = unlock_again(qtbot, window)  # the views have read the file meanwhile
    assert not casefile.wait_closed(0)  # the old work is still running
    assert client_names(reopened) == []
    release.set()
    # Its read transaction would hold back a commit; it rolls back as soon as it goes on.
    casework.create_client(reopened, casework.ClientData(family_name="Neu", given_name="Nina"))
    assert casefile.wait_closed(30)
    settle(qtbot)
    assert outcome == [] and visible_message_boxes() == []
    assert client_names(reopened) == ["Neu"]


def test_demo_file_is_made_off_the_gui_thread(qtbot: Any, tmp_path: Path) -> None:
    from kim_desktop.gui.app import open_demo_file

    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    started = time.monotonic()
    casefile = open_demo_file(tmp_path, clients=40)
    took = time.monotonic() - started
    timer.stop()
    try:
        assert casefile.owner and not casefile.is_closed
        # Two Argon2 derivations and the import took a while; the timer kept ticking.
        assert took > 0.2 and len(ticks) >= took / 0.02 / 4
        gaps = [b - a for a, b in zip([started, *ticks], ticks, strict=False)]
        assert max(gaps) < 0.5
    finally:
        casefile.close()


def test_unlock_makes_the_files_keys_in_the_background(qtbot: Any, tmp_path: Path) -> None:
    """Views read the file's own keys when they show; unlocking has made them already, so
    no view writes on the GUI thread."""
    from kim_desktop.core.casefile.models import KeyPair
    from kim_desktop.gui.unlock import StartDialog

    path = tmp_path / "keys.kim"
    CaseFile.create(path, PASSPHRASE, role="coordinator", owner="Office").close()
    dialog = StartDialog(isolated_settings(tmp_path))
    qtbot.addWidget(dialog)
    dialog.choose(path)
    qtbot.keyClicks(dialog.panel.passphrase, PASSPHRASE)
    qtbot.keyClick(dialog.panel.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.casefile is not None, timeout=20000)
    casefile = dialog.casefile
    assert casefile is not None
    with casefile.transaction() as session:
        assert sorted(session.scalars(select(KeyPair.purpose))) == ["encryption", "signing"]
    casefile.close()


@pytest.mark.parametrize("delay", [0.0, 0.3, 0.6])
def test_a_lock_during_a_rekey_leaves_one_whole_file_and_its_passphrase(
    demo_file: Path, delay: float
) -> None:
    """Whenever the lock comes, the file opens with exactly one of the two passphrases and
    no temp file is left; the key is forgotten only after the re-key has ended."""
    casefile = CaseFile.open(demo_file, PASSPHRASE)
    errors: list[BaseException] = []

    def rekey() -> None:
        try:
            casefile.change_passphrase("the passphrase after the swap")
        except BaseException as error:  # noqa: BLE001 - checked below
            errors.append(error)

    worker = threading.Thread(target=rekey)
    worker.start()
    time.sleep(delay)
    casefile.close()
    assert casefile.wait_closed(60)
    worker.join(60)
    assert casefile._key == b""
    assert all(isinstance(error, CaseFileLockedError | OperationalError) for error in errors)
    opened = []
    for passphrase in (PASSPHRASE, "the passphrase after the swap"):
        try:
            with CaseFile.open(demo_file, passphrase) as again:
                opened.append(passphrase)
                assert client_names(again)
        except WrongPassphraseError:
            pass
    assert len(opened) == 1
    assert [p.name for p in demo_file.parent.iterdir() if p.name.endswith(".tmp")] == []
