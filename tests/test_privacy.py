"""Personal data never reaches the file in plain text, temp files, logs or error messages.

A canary name is planted in every personal field; then the real ``kim`` command works on the
file with its own temp folder, and every byte it left behind is searched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import PASSPHRASE, minimal_document, run_kim

CANARY = "Quetzalwurst"
CANARY_FORMS = [
    CANARY.encode("utf-8"),
    CANARY.lower().encode("utf-8"),
    CANARY.encode("utf-16-le"),
]


def canary_document() -> dict:
    return minimal_document(
        clients=[
            {
                "id": "k1",
                "given_name": f"{CANARY}a",
                "family_name": CANARY,
                "birth_date": "1987-04-03",
                "phone": f"0170 {CANARY}",
                "email": f"{CANARY}@example.org",
                "address": f"{CANARY}weg 1, 53721 Siegburg",
                "notes": f"Hat {CANARY} erwähnt",
                "nationality": "SY",
                "gender": "female",
                "residence_status": "humanitarian",
            },
        ],
        cases=[
            {
                "id": "f1",
                "municipality": "Siegburg",
                "track": "case_management",
                "opened_on": "2025-02-01",
                "members": [{"client_id": "k1"}],
                "notes": f"Fall {CANARY}",
            }
        ],
        appointments=[
            {
                "id": "t1",
                "case_id": "f1",
                "date": "2025-02-01",
                "minutes": 60,
                "kind": "case_management",
                "notes": f"Termin mit {CANARY}",
                "themes": ["housing"],
            }
        ],
        goals=[
            {
                "id": "z1",
                "case_id": "f1",
                "title": f"Ziel für {CANARY}",
                "agreed_on": "2025-02-15",
                "status": "open",
            }
        ],
        referrals=[
            {
                "id": "v1",
                "case_id": "f1",
                "date": "2025-02-20",
                "target": "job_centre",
                "organisation": f"{CANARY} GmbH",
            }
        ],
    )


def files_containing_canary(folder: Path) -> list[str]:
    hits = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if any(form in data for form in CANARY_FORMS):
                hits.append(path.name)
    return hits


@pytest.fixture
def workspace(tmp_path: Path) -> dict[str, Path]:
    temp = tmp_path / "tmp"
    temp.mkdir()
    home = tmp_path / "home"
    home.mkdir()
    source = tmp_path / "in" / "canary.json"
    source.parent.mkdir()
    source.write_text(json.dumps(canary_document(), ensure_ascii=False), "utf-8")
    return {"temp": temp, "home": home, "source": source, "files": tmp_path / "files"}


def test_canary_never_leaves_the_encrypted_file(workspace: dict[str, Path]) -> None:
    env = {
        "TMPDIR": str(workspace["temp"]),
        "HOME": str(workspace["home"]),
        "XDG_CACHE_HOME": str(workspace["home"] / ".cache"),
        "XDG_STATE_HOME": str(workspace["home"] / ".state"),
    }
    files = workspace["files"]
    files.mkdir()
    casefile = files / "canary.kim"
    outputs = []

    def kim(*args: object, more_env: dict[str, str] | None = None) -> None:
        result = run_kim(*args, extra_env={**env, **(more_env or {})})
        outputs.append(result.stdout + result.stderr)
        assert result.returncode == 0, result.stderr

    kim("init", casefile, "--role", "casemanager", "--owner", "Case Manager")
    kim("import-json", casefile, workspace["source"])
    kim("stats", casefile, "--period", "2025", "--format", "json")
    kim("stats", casefile, "--period", "2025-Q1", "--municipality", "Siegburg")
    kim("backup", casefile, files / "backup.kim")
    kim("verify", files / "backup.kim")
    kim("passwd", casefile, more_env={"KIM_NEW_PASSPHRASE": "new canary passphrase"})
    # A failing import that names a canary record must not echo the value either.
    bad = canary_document()
    bad["clients"][0]["id"] = "k2"
    bad["clients"][0]["gender"] = CANARY
    bad["cases"] = []
    bad["appointments"] = []
    bad["goals"] = []
    bad["referrals"] = []
    bad_path = workspace["source"].with_name("bad.json")
    bad_path.write_text(json.dumps(bad), "utf-8")
    failed = run_kim(
        "import-json", casefile, bad_path, passphrase="new canary passphrase", extra_env=env
    )
    assert failed.returncode == 4
    outputs.append(failed.stdout + failed.stderr)

    assert files_containing_canary(files) == []  # case file, backup, no journals left
    assert files_containing_canary(workspace["temp"]) == []
    assert files_containing_canary(workspace["home"]) == []
    assert all(CANARY.lower() not in text.lower() for text in outputs)
    assert sorted(p.name for p in files.iterdir()) == ["backup.kim", "canary.kim"]


def test_export_is_private(workspace: dict[str, Path]) -> None:
    """The interchange export does carry personal data (by design): it is written 0600."""
    files = workspace["files"]
    files.mkdir()
    casefile = files / "canary.kim"
    assert run_kim("init", casefile, "--role", "casemanager", "--owner", "O").returncode == 0
    assert run_kim("import-json", casefile, workspace["source"]).returncode == 0
    out = files / "export.json"
    assert run_kim("export-json", casefile, out).returncode == 0
    assert out.stat().st_mode & 0o077 == 0
    assert files_containing_canary(files) == ["export.json"]  # the detector does detect
    assert PASSPHRASE not in out.read_text("utf-8")
