"""``kim-desktop --demo``: a fresh synthetic case file in a private temporary folder, opened
at once, and the folder gone again when the program ends — normally, on SIGTERM or at the end
of the session (gui/session_end.py). A folder left by a process that was killed outright is
removed by the next demo start.

The folder is named ``kim-demo-<pid>-<random>`` so that a later start can tell whether the
process that made it still runs. The engine is imported inside the functions: the start
window must not wait for it (gui/app.py)."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEventLoop

if TYPE_CHECKING:
    from kim_desktop.core.casefile.storage import CaseFile

DEMO_PASSPHRASE = "kim demo passphrase"
PREFIX = "kim-demo-"
_OWN = re.compile(rf"^{PREFIX}(\d+)-")
# Folders of versions before the pid was in the name: removed once they are this old.
_UNNAMED_STALE_SECONDS = 24 * 3600


class DemoInterrupted(Exception):
    """The program was asked to end (SIGTERM, end of session) while the demo was made."""


def make_folder() -> Path:
    return Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-"))


def remove_folder(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def remove_stale_folders(parent: Path | None = None) -> list[Path]:
    """Remove the demo folders of this user whose process has ended; returns them. Only on
    POSIX: Windows cleans its temporary folder itself, and there is no signal to end a
    process there without a chance to tidy up."""
    if os.name != "posix":
        return []
    removed: list[Path] = []
    parent = parent or Path(tempfile.gettempdir())
    try:
        candidates = [p for p in parent.iterdir() if p.name.startswith(PREFIX)]
    except OSError:
        return []
    for folder in candidates:
        try:
            info = folder.lstat()
        except OSError:
            continue
        if not folder.is_dir() or folder.is_symlink() or info.st_uid != os.getuid():
            continue
        match = _OWN.match(folder.name)
        if match:
            stale = not _alive(int(match.group(1)))
        else:
            stale = time.time() - info.st_mtime > _UNNAMED_STALE_SECONDS
        if stale:
            remove_folder(folder)
            removed.append(folder)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)  # POSIX only: signal 0 asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:  # it exists but belongs to someone else
        return True
    return True


def create_demo_file(
    folder: Path,
    clients: int = 200,
    seed: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    from kim_desktop.core import interchange
    from kim_desktop.core.casefile.storage import CaseFile
    from kim_desktop.core.interchange.demo import demo_document
    from kim_desktop.core.interchange.demo_steps import add_demo_steps

    path = folder / "demo.kim"
    document = demo_document(seed=seed, clients=clients)
    with CaseFile.create(
        path,
        DEMO_PASSPHRASE,
        role="casemanager",
        owner=document["owner"],
        district="Rhein-Sieg-Kreis",
    ) as casefile:
        interchange.import_document(casefile, document, "demo", progress)
        add_demo_steps(casefile, document, seed)  # the interchange format has no steps
    return path


def open_demo_file(folder: Path, clients: int = 200) -> CaseFile:
    """Make the demo file and open it off the GUI thread (two Argon2 derivations and an
    import); the event loop keeps turning meanwhile and shows progress after 100 ms. Raises
    ``DemoInterrupted`` when the program is asked to end meanwhile (the work is cancelled)."""
    from kim_desktop.core.casefile.storage import CaseFile
    from kim_desktop.gui.operations import abandon_all, run_operation, wait_for_all
    from kim_desktop.gui.unlock import prepared

    loop = QEventLoop()
    outcome: list[object] = []

    def ended(result: object) -> None:
        outcome.append(result)
        loop.quit()

    def work(report: Callable[[int, int], None]) -> CaseFile:
        return prepared(
            CaseFile.open(create_demo_file(folder, clients, progress=report), DEMO_PASSPHRASE)
        )

    run_operation(
        None,
        work,
        ended,
        ended,
        label=QCoreApplication.translate("App", "Creating the demo file …"),
    )
    loop.exec()
    if not outcome:  # the application is quitting: every event loop was told to end
        abandon_all()
        wait_for_all()
        raise DemoInterrupted
    (result,) = outcome
    if isinstance(result, BaseException):
        raise result
    assert isinstance(result, CaseFile)
    return result
