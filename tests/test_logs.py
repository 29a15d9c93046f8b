"""The log file (issue 7): in the user's log folder (or below KIM_DESKTOP_HOME), private,
rotating, recording what happened — and never personal data: a canary name planted in
clients, failing imports and exceptions never reaches it."""

from __future__ import annotations

import json
import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PASSPHRASE, minimal_document, run_kim

from kim_desktop.core.interchange.demo import demo_document
from kim_desktop.core.platform import logs, paths
from kim_desktop.gui.app import DEMO_PASSPHRASE

CANARY = "Zaunkönigsdottír"


def every_text(folder: Path) -> str:
    return "\n".join(
        path.read_bytes().decode("utf-8", "replace") for path in folder.rglob("*") if path.is_file()
    )


def test_kim_logs_what_happened_but_no_names(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {paths.PORTABLE_ENV: str(home), "SOURCE_DATE_EPOCH": "1768435200"}
    file = tmp_path / "file.kim"
    good = tmp_path / "good.json"
    good.write_text(
        json.dumps(
            minimal_document(
                clients=[{"id": "c1", "family_name": CANARY, "notes": f"{CANARY} notes"}],
                cases=[
                    {
                        "id": "case",
                        "municipality": "Siegburg",
                        "track": "case_management",
                        "opened_on": "2025-01-10",
                        "members": [{"client_id": "c1"}],
                    }
                ],
            )
        ),
        "utf-8",
    )
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            minimal_document(clients=[{"id": "c2", "family_name": CANARY, "gender": CANARY}])
        ),
        "utf-8",
    )
    steps = [
        (("init", file, "--role", "casemanager", "--owner", "Erika"), 0),
        (("import-json", file, good), 0),
        (("import-json", file, bad), 4),
        (("access-copy", file, "c1", "--out", tmp_path / "copy.pdf"), 0),
        (("export-json", file, tmp_path / "all.json"), 0),
        (("stats", file, "--period", "2025"), 0),
    ]
    for args, expected in steps:
        done = run_kim(*args, extra_env=env)
        assert done.returncode == expected, (args, done.stderr)
    wrong = run_kim(
        "stats", file, "--period", "2025", passphrase="not the passphrase at all", extra_env=env
    )
    assert wrong.returncode == 3

    log_file = home / "logs" / "kim.log"
    assert stat.S_IMODE(log_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(log_file.parent.stat().st_mode) == 0o700
    text = log_file.read_text("utf-8")
    for expected in (
        "kim 0.1.0 started",
        "case file created (casemanager)",
        "interchange import: 2 records",
        "kim import-json finished with exit code 4",
        "rejected: ValidationFailed",
        "unlock refused: wrong passphrase",
        "kim stats finished with exit code 3",
    ):
        assert expected in text, expected
    assert CANARY not in every_text(home)
    assert "Erika" not in text  # not even the owner's name


@pytest.fixture
def log_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(paths.PORTABLE_ENV, str(tmp_path / "home"))
    logs.detach()
    yield tmp_path / "home" / "logs"
    logs.detach()


def test_tracebacks_withhold_the_message(log_home: Path) -> None:
    assert logs.configure("test") == log_home / "test.log"
    log = logging.getLogger("kim_desktop.test")
    try:
        raise ValueError(f"no such client {CANARY}")
    except ValueError:
        log.error("unexpected error", exc_info=True)
    logging.getLogger("sqlalchemy.engine").info("SELECT * FROM clients WHERE name = %s", CANARY)
    logging.getLogger("sqlalchemy.pool").warning("pool problem")
    text = (log_home / "test.log").read_text("utf-8")
    assert "ValueError (message withheld)" in text and "test_logs.py" in text
    assert "pool problem" in text  # other libraries' warnings are kept …
    assert CANARY not in text  # … their INFO is not, and exception texts never are


class _FullDisk:
    def write(self, _text: str) -> int:
        raise OSError(28, "No space left on device")

    def flush(self) -> None:
        raise OSError(28, "No space left on device")


def test_a_failing_log_write_says_nothing(log_home: Path, capsys) -> None:
    """The standard handler would print the record and the exception being handled."""
    logs.configure("test")
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == logs._HANDLER_NAME)
    handler.stream = _FullDisk()  # type: ignore[attr-defined]
    try:
        raise ValueError(f"no such client {CANARY}")
    except ValueError:
        logging.getLogger("kim_desktop.test").error("unexpected error", exc_info=True)
    captured = capsys.readouterr()
    assert CANARY not in captured.err + captured.out
    assert "Logging error" not in captured.err


def test_the_log_rotates_and_stays_private(log_home: Path) -> None:
    logs.configure("test")
    log = logging.getLogger("kim_desktop.test")
    line = "x" * 1000
    for _ in range(7000):  # about 7 MB: more than the six files keep
        log.info(line)
    files = sorted(log_home.iterdir())
    assert [f.name for f in files] == [
        "test.log",
        *(f"test.log.{n}" for n in range(1, logs.BACKUPS + 1)),
    ]
    for file in files:
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
        assert file.stat().st_size <= logs.MAX_BYTES + 2000


def test_an_unwritable_log_folder_is_no_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("")
    monkeypatch.setenv(paths.PORTABLE_ENV, str(blocker))
    logs.detach()
    assert logs.configure("test") is None


@pytest.mark.slow
def test_desktop_program_logs_start_unlock_and_end_without_names(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIM_")}
    env.update({paths.PORTABLE_ENV: str(home), "QT_QPA_PLATFORM": "offscreen"})
    done = subprocess.run(
        [sys.executable, "-m", "kim_desktop.gui.app", "--demo", "--quit-after", "1.5"],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    text = (home / "logs" / "kim-desktop.log").read_text("utf-8")
    for expected in (
        "kim-desktop 0.1.0 started",
        "case file unlocked (casemanager)",
        "ended (exit",
    ):
        assert expected in text, expected
    names = {c["family_name"] for c in demo_document(seed=1, clients=200)["clients"]}
    everything = every_text(home)
    assert not [name for name in names if name in everything]
    assert DEMO_PASSPHRASE not in everything and PASSPHRASE not in everything
