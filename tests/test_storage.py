"""The encrypted case file: keying, wrong passphrases, permissions, re-key, backup, restore."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import PASSPHRASE, run_kim, sha256
from sqlalchemy import select

from kim_desktop.core.casefile.models import AuditEntry, Client
from kim_desktop.core.casefile.storage import CaseFile, restore
from kim_desktop.core.errors import RejectedInputError, UsageError, WrongPassphraseError


def test_new_file_is_private_and_encrypted(tmp_path: Path) -> None:
    path = tmp_path / "new.kim"
    CaseFile.create(path, PASSPHRASE, role="casemanager", owner="Erika Beispiel").close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    head = path.read_bytes()[:16]
    assert head != b"SQLite format 3\x00"
    # The standard sqlite3 module cannot read it.
    conn = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError):
        conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
    conn.close()
    assert b"Erika" not in path.read_bytes()


def test_sqlite3_command_line_cannot_read(tmp_path: Path) -> None:
    sqlite_cli = subprocess.run(["which", "sqlite3"], capture_output=True, text=True).stdout.strip()
    if not sqlite_cli:
        pytest.skip("sqlite3 command-line program not installed")
    path = tmp_path / "new.kim"
    CaseFile.create(path, PASSPHRASE, role="casemanager", owner="Someone").close()
    result = subprocess.run([sqlite_cli, str(path), ".tables"], capture_output=True, text=True)
    assert result.returncode != 0
    assert "not a database" in result.stderr


def test_open_with_right_passphrase_reads_facts(new_casefile: CaseFile) -> None:
    path = new_casefile.path
    new_casefile.close()
    with CaseFile.open(path, PASSPHRASE) as reopened:
        assert reopened.role == "casemanager"
        assert reopened.owner == "Test Owner"
        assert reopened.meta["format_version"] == "1"


def test_wrong_passphrase_leaves_file_untouched(tmp_path: Path) -> None:
    path = tmp_path / "locked.kim"
    CaseFile.create(path, PASSPHRASE, role="casemanager", owner="Owner").close()
    before = sha256(path)
    mtime = path.stat().st_mtime_ns
    with pytest.raises(WrongPassphraseError) as caught:
        CaseFile.open(path, "this is not the passphrase")
    assert "wrong passphrase" in caught.value.message
    assert sha256(path) == before
    assert path.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in tmp_path.iterdir()) == ["locked.kim"]


def test_wrong_passphrase_cli_exit_3(tmp_path: Path) -> None:
    path = tmp_path / "locked.kim"
    CaseFile.create(path, PASSPHRASE, role="casemanager", owner="Owner").close()
    before = sha256(path)
    result = run_kim("stats", path, "--period", "2025", passphrase="a different passphrase")
    assert result.returncode == 3
    assert result.stderr.count("\n") == 1 and "wrong passphrase" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert sha256(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["locked.kim"]


def test_plain_sqlite_and_garbage_are_rejected(tmp_path: Path) -> None:
    plain = tmp_path / "plain.kim"
    conn = sqlite3.connect(plain)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(RejectedInputError, match="unencrypted SQLite"):
        CaseFile.open(plain, PASSPHRASE)
    short = tmp_path / "short.kim"
    short.write_bytes(b"abc")
    with pytest.raises(RejectedInputError, match="too short"):
        CaseFile.open(short, PASSPHRASE)
    with pytest.raises(UsageError, match="no such file"):
        CaseFile.open(tmp_path / "missing.kim", PASSPHRASE)
    assert not (tmp_path / "missing.kim").exists()


def test_minimum_passphrase_length(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="at least 12 characters"):
        CaseFile.create(tmp_path / "x.kim", "short", role="casemanager", owner="O")
    assert not (tmp_path / "x.kim").exists()
    result = run_kim(
        "init", tmp_path / "y.kim", "--role", "casemanager", "--owner", "O", passphrase="tooshort"
    )
    assert result.returncode == 2
    assert "at least 12 characters" in result.stderr
    assert not (tmp_path / "y.kim").exists()


def test_init_refuses_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "x.kim"
    path.write_bytes(b"keep me")
    result = run_kim("init", path, "--role", "coordinator", "--owner", "O")
    assert result.returncode == 2
    assert path.read_bytes() == b"keep me"


def test_pragmas_are_applied(new_casefile: CaseFile) -> None:
    with new_casefile.reading() as conn:
        raw = conn.connection.driver_connection
        assert raw.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert raw.execute("PRAGMA secure_delete").fetchone()[0] == 1
        assert raw.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
        assert raw.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_change_passphrase(demo_file: Path) -> None:
    new = "a brand new passphrase for the file"
    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        casefile.change_passphrase(new)
        with casefile.reading_session() as session:  # still usable after the re-key
            assert session.scalar(select(Client.id).limit(1))
    assert stat.S_IMODE(demo_file.stat().st_mode) == 0o600
    with pytest.raises(WrongPassphraseError):
        CaseFile.open(demo_file, PASSPHRASE)
    with CaseFile.open(demo_file, new) as casefile:
        assert casefile.verify() == []
        with casefile.reading_session() as session:
            actions = set(session.scalars(select(AuditEntry.action)))
        assert "rekey" in actions
    assert sorted(p.name for p in demo_file.parent.iterdir()) == ["demo.kim"]


def test_change_passphrase_cli(demo_file: Path) -> None:
    new = "another passphrase, long enough"
    result = run_kim("passwd", demo_file, extra_env={"KIM_NEW_PASSPHRASE": new})
    assert result.returncode == 0, result.stderr
    assert run_kim("verify", demo_file, passphrase=new).returncode == 0
    assert run_kim("verify", demo_file).returncode == 3
    short = run_kim("passwd", demo_file, passphrase=new, extra_env={"KIM_NEW_PASSPHRASE": "x"})
    assert short.returncode == 2


def test_kill_during_rekey_leaves_a_file_one_passphrase_opens(demo_file: Path) -> None:
    """Kill ``kim passwd`` at several moments; every time, old or new passphrase opens it."""
    new = "the new passphrase after re-key"
    current = PASSPHRASE
    for delay in (0.05, 0.2, 0.35, 0.5, 0.8):
        env = {k: v for k, v in os.environ.items() if not k.startswith("KIM_")}
        env.update(
            KIM_PASSPHRASE=current, KIM_NEW_PASSPHRASE=new if current == PASSPHRASE else PASSPHRASE
        )
        process = subprocess.Popen(
            [sys.executable, "-m", "kim_desktop", "passwd", str(demo_file)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        opened_with = None
        for candidate in (PASSPHRASE, new):
            try:
                with CaseFile.open(demo_file, candidate) as casefile:
                    assert casefile.verify() == []
                opened_with = candidate
                break
            except WrongPassphraseError:
                continue
        assert opened_with is not None, f"neither passphrase opens the file after {delay} s"
        current = opened_with
    leftovers = [p.name for p in demo_file.parent.iterdir() if p.name != "demo.kim"]
    assert leftovers == []  # opening cleaned up temp files of killed re-keys


def test_backup_and_restore(demo_file: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backup.kim"
    result = run_kim("backup", demo_file, backup)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert run_kim("verify", backup).returncode == 0
    # Change the original, then restore: the change is gone again.
    with CaseFile.open(demo_file, PASSPHRASE) as casefile, casefile.transaction() as session:
        session.add(Client(id="after-backup", family_name="Neu"))
    result = run_kim("restore", backup, demo_file)
    assert result.returncode == 0, result.stderr
    with CaseFile.open(demo_file, PASSPHRASE) as casefile, casefile.reading_session() as session:
        assert session.get(Client, "after-backup") is None
    # Restoring to a new place works too.
    target = tmp_path / "elsewhere.kim"
    restore(backup, target, PASSPHRASE)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_backup_refuses_to_overwrite(demo_file: Path, tmp_path: Path) -> None:
    existing = tmp_path / "existing.kim"
    existing.write_bytes(b"precious")
    assert run_kim("backup", demo_file, existing).returncode == 2
    assert existing.read_bytes() == b"precious"


def test_restore_rejects_damaged_backup_and_keeps_target(demo_file: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backup.kim"
    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        casefile.backup(backup)
    data = bytearray(backup.read_bytes())
    data[len(data) // 2] ^= 0x01  # one flipped bit in the middle of a page
    damaged = tmp_path / "damaged.kim"
    damaged.write_bytes(bytes(data))
    before = sha256(demo_file)
    result = run_kim("restore", damaged, demo_file)
    assert result.returncode == 4
    assert "damaged" in result.stderr
    assert sha256(demo_file) == before
    # A backup opened with the wrong passphrase is refused too.
    assert run_kim("restore", backup, demo_file, passphrase="not the right one!").returncode == 3
    assert sha256(demo_file) == before


def test_verify_reports_tampering(demo_file: Path) -> None:
    data = bytearray(demo_file.read_bytes())
    data[8192 + 100] ^= 0xFF  # inside page 3
    demo_file.write_bytes(bytes(data))
    result = run_kim("verify", demo_file)
    assert result.returncode == 4
    assert "cipher" in result.stderr or "damaged" in result.stderr


def test_audit_trail_records_changes_without_content(new_casefile: CaseFile) -> None:
    with new_casefile.transaction() as session:
        session.add(Client(id="k1", family_name="Canarywoman", given_name="Zelda"))
    with new_casefile.transaction() as session:
        session.get(Client, "k1").given_name = "Zora"
    with new_casefile.transaction() as session:
        session.delete(session.get(Client, "k1"))
    with new_casefile.reading_session() as session:
        entries = session.execute(
            select(AuditEntry.action, AuditEntry.entity, AuditEntry.record_id, AuditEntry.actor)
            .where(AuditEntry.entity != "casefile")
            .order_by(AuditEntry.id)
        ).all()
    assert [tuple(e) for e in entries] == [
        ("create", "clients", "k1", "Test Owner"),
        ("update", "clients", "k1", "Test Owner"),
        ("delete", "clients", "k1", "Test Owner"),
    ]
