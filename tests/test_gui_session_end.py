"""Logout and shutdown end the program as a lock does: SIGTERM (and SIGHUP) keep what was
typed as a draft in the encrypted file, close the file, remove the demo folder, write one log
record without personal data and exit with 0. The real program in a subprocess, offscreen,
with real signals and real encrypted files."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import PASSPHRASE
from gui_support import isolated_settings, settle

from kim_desktop.core.casefile import drafts as stored_drafts
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.gui import demo
from kim_desktop.gui.dialogs import ClientDialog
from kim_desktop.gui.main_window import MainWindow
from kim_desktop.gui.qt import application
from kim_desktop.gui.session_end import SessionEnd
from kim_desktop.gui.unlock import prepared
from kim_desktop.gui.views import registry

POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")

CANARY = "Zyxwvutsrq-Sitzungsende"
WAIT = 180  # seconds; the machine may be busy

# Drives the real program: types the passphrase into the start dialog, opens a new-client
# form in the main window, types a name into it and says so in a file; never saves it.
DRIVER = """
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kim_desktop.gui import app as desktop

FILE, PASSPHRASE, CANARY, READY = sys.argv[1:5]


def unlock():
    from kim_desktop.gui.unlock import StartDialog

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, StartDialog) and widget.isVisible():
            QTest.keyClicks(widget.panel.passphrase, PASSPHRASE)
            QTest.keyClick(widget.panel.passphrase, Qt.Key.Key_Return)
            QTimer.singleShot(50, type_into_form)
            return
    QTimer.singleShot(50, unlock)


def type_into_form():
    from kim_desktop.gui.dialogs import ClientDialog
    from kim_desktop.gui.main_window import MainWindow

    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    if not shown or not shown[0].isVisible() or shown[0].casefile is None:
        QTimer.singleShot(50, type_into_form)
        return
    form = ClientDialog(shown[0].casefile, parent=shown[0])
    form.open()
    QTest.keyClicks(form.family_name, CANARY)
    Path(READY).write_text("typed", "utf-8")


app = QApplication([sys.argv[0]])
QTimer.singleShot(0, unlock)
raise SystemExit(desktop.main([FILE]))
"""


def environment(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIM_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["KIM_DESKTOP_HOME"] = str(tmp_path / "home")
    env["TMPDIR"] = str(tmp_path / "tmp")  # where --demo makes its folder
    (tmp_path / "tmp").mkdir()
    return env


def log_text(tmp_path: Path) -> str:
    path = tmp_path / "home" / "logs" / "kim-desktop.log"
    return path.read_text("utf-8") if path.exists() else ""


def wait_for(condition: Callable[[], bool], process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        if process.poll() is not None:
            raise AssertionError(f"the program ended early ({process.returncode})")
        if time.monotonic() > deadline:
            process.kill()
            raise AssertionError("the program did not get there in time")
        time.sleep(0.05)


def start(arguments: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, *arguments],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def demo_folders(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "tmp").glob(f"{demo.PREFIX}*"))


@POSIX
def test_sigterm_locks_the_demo_closes_it_and_removes_its_folder(tmp_path: Path) -> None:
    env = environment(tmp_path)
    process = start(["-m", "kim_desktop.gui.app", "--demo"], env)
    wait_for(lambda: "main window shown" in log_text(tmp_path), process)
    assert len(demo_folders(tmp_path)) == 1
    process.send_signal(signal.SIGTERM)
    assert process.wait(WAIT) == 0
    assert demo_folders(tmp_path) == []
    log = log_text(tmp_path)
    assert "session end (SIGTERM): case file locked and closed" in log
    assert "case file locked" in log and "kim-desktop ended (exit code 0)" in log


@POSIX
def test_sigterm_while_the_demo_is_made_removes_its_folder(tmp_path: Path) -> None:
    env = environment(tmp_path)
    process = start(["-m", "kim_desktop.gui.app", "--demo"], env)
    wait_for(lambda: bool(demo_folders(tmp_path)), process)
    process.send_signal(signal.SIGTERM)
    assert process.wait(WAIT) == 0
    assert demo_folders(tmp_path) == []
    assert "session end (SIGTERM)" in log_text(tmp_path)


@POSIX
def test_sighup_at_the_start_dialog_ends_quietly(tmp_path: Path) -> None:
    env = environment(tmp_path)
    process = start(["-m", "kim_desktop.gui.app"], env)
    wait_for(lambda: "start window shown" in log_text(tmp_path), process)
    process.send_signal(signal.SIGHUP)
    assert process.wait(WAIT) == 0
    assert "session end (SIGHUP): no case file was open" in log_text(tmp_path)


@POSIX
def test_sigterm_keeps_what_was_typed_as_a_draft_in_the_file(
    tmp_path: Path, new_casefile: CaseFile
) -> None:
    path = new_casefile.path
    new_casefile.close()
    env = environment(tmp_path)
    ready = tmp_path / "ready"
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, "utf-8")
    process = start([str(driver), str(path), PASSPHRASE, CANARY, str(ready)], env)
    wait_for(ready.exists, process)
    process.send_signal(signal.SIGTERM)
    assert process.wait(WAIT) == 0

    with CaseFile.open(path, PASSPHRASE) as casefile:  # closed cleanly: it opens again
        (draft,) = stored_drafts.list_drafts(casefile)
    assert CANARY in str(draft.values)
    log = log_text(tmp_path)
    assert "session end (SIGTERM): case file locked and closed" in log
    assert CANARY not in log  # the log names what happened, never what was typed
    for file in tmp_path.rglob("*"):  # the draft is in the encrypted file only
        if file.is_file() and file != driver:
            assert CANARY.encode() not in file.read_bytes(), file


@POSIX
def test_demo_folders_of_ended_processes_are_removed(tmp_path: Path) -> None:
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    dead = int(ended.stdout)
    gone = tmp_path / f"{demo.PREFIX}{dead}-abcd"
    mine = tmp_path / f"{demo.PREFIX}{os.getpid()}-efgh"  # this process runs
    old_unnamed = tmp_path / f"{demo.PREFIX}ijklmnop"  # made before the pid was in the name
    new_unnamed = tmp_path / f"{demo.PREFIX}qrstuvwx"
    other = tmp_path / "kim-demo.txt"
    for folder in (gone, mine, old_unnamed, new_unnamed):
        folder.mkdir()
        (folder / "demo.kim").write_bytes(b"x")
    other.write_text("not a folder", "utf-8")
    week_ago = time.time() - 7 * 24 * 3600
    os.utime(old_unnamed, (week_ago, week_ago))

    removed = demo.remove_stale_folders(tmp_path)
    assert sorted(removed) == sorted([gone, old_unnamed])
    assert not gone.exists() and not old_unnamed.exists()
    assert mine.exists() and new_unnamed.exists() and other.exists()


# -- the end of a Windows session: Qt's session signals -----------------------------------
# Windows sends no SIGTERM: Qt emits commitDataRequest (WM_QUERYENDSESSION) and aboutToQuit
# (WM_ENDSESSION, after which Windows ends the process). Neither can be sent from here, so
# the slots they are connected to are called as Qt would call them, on a real window.


@pytest.fixture
def session_window(qtbot: Any, tmp_path: Path) -> Iterator[tuple[SessionEnd, MainWindow]]:
    casefile = prepared(
        CaseFile.create(tmp_path / "w.kim", PASSPHRASE, role="casemanager", owner="Test Owner")
    )
    window = MainWindow(casefile, isolated_settings(tmp_path), registry.factories())
    qtbot.addWidget(window)
    window.show()
    settle(qtbot)
    session = SessionEnd(application())
    session.window = window
    yield session, window
    application().aboutToQuit.disconnect(session._about_to_quit)
    application().commitDataRequest.disconnect(session._commit_data)
    window.close()


def type_into_a_new_form(qtbot: Any, window: MainWindow) -> ClientDialog:
    form = ClientDialog(window.casefile, parent=window)
    form.open()
    qtbot.keyClicks(form.family_name, CANARY)
    return form


def drafts_in(path: Path) -> list[stored_drafts.StoredDraft]:
    with CaseFile.open(path, PASSPHRASE) as casefile:
        return stored_drafts.list_drafts(casefile)


def test_the_session_managers_request_locks_and_keeps_the_program(
    qtbot: Any, session_window: tuple[SessionEnd, MainWindow]
) -> None:
    session, window = session_window
    path = window.path
    tidied: list[bool] = []
    session.on_end(lambda: tidied.append(True))
    form = type_into_a_new_form(qtbot, window)
    session._commit_data(None)  # type: ignore[arg-type]  # Qt passes its session manager
    assert window.is_locked and window.isVisible() and not form.isVisible()
    assert tidied == []  # the user may still cancel the logout
    (draft,) = drafts_in(path)
    assert CANARY in str(draft.values)
    session._about_to_quit()  # the session ends after all
    assert tidied == [True]


def test_the_end_of_the_session_closes_an_open_window_and_keeps_the_draft(
    qtbot: Any, session_window: tuple[SessionEnd, MainWindow]
) -> None:
    session, window = session_window
    casefile = window.casefile
    assert casefile is not None
    type_into_a_new_form(qtbot, window)
    session._about_to_quit()
    assert window.is_locked and not window.isVisible()
    assert casefile.wait_closed(0)
    (draft,) = drafts_in(casefile.path)
    assert CANARY in str(draft.values)
