"""Shared fixtures: real encrypted case files in temporary folders, and a runner for the
real ``kim`` command in a subprocess."""

from __future__ import annotations

import atexit
import datetime as dt
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Qt runs without a display in the tests (pytest-qt creates the application lazily).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kim_desktop.core import interchange
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.interchange.demo import demo_document

# The program's own folders (settings, logs, machine-wide policy) point into a private folder,
# so tests never read this machine's policy nor write into the developer's home; subprocesses
# inherit it.
_HOMES = Path(tempfile.mkdtemp(prefix="kim-test-homes-"))
for _name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
    os.environ[_name] = str(_HOMES / _name.lower())
os.environ["XDG_CONFIG_DIRS"] = str(_HOMES / "machine")
atexit.register(shutil.rmtree, _HOMES, ignore_errors=True)
if Path("/etc/xdg/kim-desktop/policy.json").exists():  # always read first (core/paths.py)
    pytest.exit(
        "This machine has a KIM Desktop policy in /etc/xdg/kim-desktop/policy.json; the tests "
        "need a machine without one (move it aside while testing).",
        returncode=2,
    )

PASSPHRASE = "correct horse battery staple"
DEMO_TODAY = dt.date(2025, 12, 31)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_kim(
    *args: str | Path,
    passphrase: str | None = PASSPHRASE,
    extra_env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """Run the real ``kim`` command; the passphrase goes through KIM_PASSPHRASE."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIM_")}
    if passphrase is not None:
        env["KIM_PASSPHRASE"] = passphrase
    env.update(extra_env or {})
    return subprocess.run(
        [sys.executable, "-m", "kim_desktop", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def minimal_document(**arrays: list[dict[str, Any]]) -> dict[str, Any]:
    document: dict[str, Any] = {
        "format": "kim-casefile",
        "version": 1,
        "clients": [],
        "cases": [],
        "appointments": [],
    }
    document.update(arrays)
    return document


@pytest.fixture
def new_casefile(tmp_path: Path) -> Iterator[CaseFile]:
    casefile = CaseFile.create(
        tmp_path / "test.kim", PASSPHRASE, role="casemanager", owner="Test Owner"
    )
    yield casefile
    casefile.close()


@pytest.fixture(scope="session")
def demo_doc() -> dict[str, Any]:
    return demo_document(seed=11, clients=60, today=DEMO_TODAY)


@pytest.fixture(scope="session")
def demo_file_master(tmp_path_factory: pytest.TempPathFactory, demo_doc: dict[str, Any]) -> Path:
    """A demo case file built once per test session; copy it before changing it."""
    path = tmp_path_factory.mktemp("demo") / "demo.kim"
    with CaseFile.create(path, PASSPHRASE, role="casemanager", owner="Demo Owner") as casefile:
        interchange.import_document(casefile, demo_doc, "demo")
    return path


@pytest.fixture
def demo_file(tmp_path: Path, demo_file_master: Path) -> Path:
    """A private copy of the demo case file."""
    copy = tmp_path / "demo.kim"
    copy.write_bytes(demo_file_master.read_bytes())
    copy.chmod(0o600)
    return copy


def in_municipalities(document: dict[str, Any], names: list[str]) -> dict[str, Any]:
    """The document with every record's municipality replaced by one of ``names`` (a bundle
    export refuses records in municipalities its configuration does not list)."""
    moved: dict[str, str] = {}

    def move(node: Any) -> Any:
        if isinstance(node, dict):
            return {
                key: (
                    moved.setdefault(value, names[len(moved) % len(names)])
                    if key == "municipality" and isinstance(value, str)
                    else move(value)
                )
                for key, value in node.items()
            }
        if isinstance(node, list):
            return [move(item) for item in node]
        return node

    result: dict[str, Any] = move(document)
    result["municipalities"] = list(names)
    return result
