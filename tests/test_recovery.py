"""The recovery key (issue 15, DESIGN.md section 4 "Recovery", docs/recovery.md): on real
encrypted files through the real ``kim`` command."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import PASSPHRASE, run_kim, sha256
from pypdf import PdfReader
from sqlalchemy import select

from kim_desktop.core.casefile import recovery
from kim_desktop.core.casefile.models import AuditEntry, Meta
from kim_desktop.core.casefile.storage import CaseFile, restore
from kim_desktop.core.errors import KimError, WrongPassphraseError
from kim_desktop.core.platform import paths

NEW = "a new passphrase after recovery"


def create_key(path: Path, sheet: Path, passphrase: str = PASSPHRASE) -> str:
    result = run_kim("recovery-key", path, "--out", sheet, passphrase=passphrase)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[-1]


def recover(
    path: Path, key: str, new: str = NEW, extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {"KIM_RECOVERY_KEY": key, "KIM_NEW_PASSPHRASE": new, **(extra or {})}
    return run_kim("passwd", path, "--recovery", passphrase=None, extra_env=env)


def opens_with(path: Path, passphrase: str) -> bool:
    try:
        with CaseFile.open(path, passphrase) as casefile:
            assert casefile.verify() == []
        return True
    except WrongPassphraseError:
        return False


def other_files(folder: Path, *keep: Path) -> list[str]:
    names = {p.name for p in keep}
    return sorted(p.name for p in folder.iterdir() if p.name not in names)


# -- the key's written form ------------------------------------------------------------------


def test_key_form_groups_check_characters_and_lookalikes() -> None:
    key = recovery.new_key()
    assert recovery.ENTROPY_BITS >= 128
    groups = key.text.split("-")
    assert len(groups) == 7 and all(len(g) == 5 for g in groups)
    assert not set(key.text) & set("ILOU")
    assert recovery.parse_key(key.text) == key
    # Lower case, spaces instead of dashes, O for 0 and l for 1 read as meant.
    typed = key.text.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert recovery.parse_key(typed) == key
    assert recovery.group_states(key.text) == [True] * 7
    assert recovery.group_states(key.text[:8]) == [True, None, None, None, None, None, None]
    # One wrong character in group 3: found and named before any cryptography. (A check
    # character misses 1 change in 32; then the key id says "wrong key", tested below.)
    typos = [key.text[:12] + c + key.text[13:] for c in recovery.ALPHABET if c != key.text[12]]
    found = [t for t in typos if recovery.group_states(t)[2] is False]
    assert len(found) >= 20
    typo = found[0]
    with pytest.raises(recovery.RecoveryKeyTypoError, match="group 3") as caught:
        recovery.parse_key(typo)
    assert caught.value.group == 3
    with pytest.raises(recovery.RecoveryKeyTypoError, match="7 groups"):
        recovery.parse_key(key.text[:-6])
    assert key.text not in repr(key)


# -- create, forget, recover -----------------------------------------------------------------


def test_create_forget_recover(demo_file: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "blatt.pdf"
    key = create_key(demo_file, sheet)
    sidecar = recovery.sidecar_path(demo_file)
    assert stat.S_IMODE(sidecar.stat().st_mode) == 0o600
    assert stat.S_IMODE(sheet.stat().st_mode) == 0o600
    text = "".join(page.extract_text() for page in PdfReader(sheet).pages)
    assert "Wiederherstellungsschlüssel" in text and "demo.kim" in text
    for group in key.split("-"):
        assert " ".join(group) in text or group in text.replace(" ", "")
    assert key not in sidecar.read_text()

    result = recover(demo_file, key)
    assert result.returncode == 0, result.stderr
    assert opens_with(demo_file, NEW)
    assert not opens_with(demo_file, PASSPHRASE)
    # The sidecar followed the new key: the sheet still recovers the file.
    assert len(json.loads(sidecar.read_text())["entries"]) == 1
    assert recover(demo_file, key.lower(), new="yet another new passphrase").returncode == 0
    assert opens_with(demo_file, "yet another new passphrase")
    assert other_files(tmp_path, demo_file, sidecar, sheet) == []


def test_sheet_is_never_overwritten(demo_file: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "blatt.pdf"
    sheet.write_bytes(b"precious")
    result = run_kim("recovery-key", demo_file, "--out", sheet)
    assert result.returncode == 2
    assert sheet.read_bytes() == b"precious"
    assert not recovery.sidecar_path(demo_file).exists()


def test_key_survives_a_passphrase_change(demo_file: Path, tmp_path: Path) -> None:
    key = create_key(demo_file, tmp_path / "blatt.pdf")
    changed = run_kim("passwd", demo_file, extra_env={"KIM_NEW_PASSPHRASE": "changed later on"})
    assert changed.returncode == 0, changed.stderr
    assert recover(demo_file, key).returncode == 0
    assert opens_with(demo_file, NEW)


def test_backup_after_creation_recovers_with_its_sidecar(demo_file: Path, tmp_path: Path) -> None:
    key = create_key(demo_file, tmp_path / "blatt.pdf")
    backup = tmp_path / "sicherung.kim"
    assert run_kim("backup", demo_file, backup).returncode == 0
    assert stat.S_IMODE(recovery.sidecar_path(backup).stat().st_mode) == 0o600
    result = recover(backup, key)
    assert result.returncode == 0, result.stderr
    assert opens_with(backup, NEW)
    assert opens_with(demo_file, PASSPHRASE)  # the file itself is untouched


def test_a_file_without_recovery_key_behaves_as_before(demo_file: Path, tmp_path: Path) -> None:
    backup = tmp_path / "sicherung.kim"
    assert run_kim("backup", demo_file, backup).returncode == 0
    assert run_kim("passwd", demo_file, extra_env={"KIM_NEW_PASSPHRASE": NEW}).returncode == 0
    assert other_files(tmp_path, demo_file, backup) == []
    before = sha256(demo_file)
    result = recover(demo_file, recovery.new_key().text)
    assert result.returncode == 4
    assert "no recovery key for this file (demo.kim.recovery missing)" in result.stderr
    assert sha256(demo_file) == before


def test_replacing_the_key(demo_file: Path, tmp_path: Path) -> None:
    first = create_key(demo_file, tmp_path / "blatt-1.pdf")
    older = tmp_path / "aelter.kim"
    assert run_kim("backup", demo_file, older).returncode == 0
    result = run_kim("recovery-key", demo_file, "--out", tmp_path / "blatt-2.pdf")
    assert result.returncode == 0 and "replaced" in result.stdout
    second = result.stdout.splitlines()[-1]
    later = tmp_path / "spaeter.kim"
    assert run_kim("backup", demo_file, later).returncode == 0

    for path in (demo_file, later):  # the old sheet opens neither the file nor later backups
        before, side = sha256(path), sha256(recovery.sidecar_path(path))
        wrong = recover(path, first)
        assert wrong.returncode == 3
        assert "wrong recovery key" in wrong.stderr
        assert (sha256(path), sha256(recovery.sidecar_path(path))) == (before, side)
    assert recover(older, first).returncode == 0  # … but backups made before the new key
    assert opens_with(older, NEW)
    assert recover(older, second).returncode == 3
    assert recover(later, second).returncode == 0
    assert recover(demo_file, second).returncode == 0
    with CaseFile.open(demo_file, NEW) as casefile, casefile.reading_session() as session:
        actions = [
            e.action
            for e in session.scalars(
                select(AuditEntry)
                .where(AuditEntry.entity == "recovery_key")
                .order_by(AuditEntry.id)
            )
        ]
    assert actions == ["create", "update"]


def test_wrong_key_typo_and_missing_sidecar_change_nothing(demo_file: Path, tmp_path: Path) -> None:
    key = create_key(demo_file, tmp_path / "blatt.pdf")
    sidecar = recovery.sidecar_path(demo_file)
    before = (sha256(demo_file), sha256(sidecar), demo_file.stat().st_mtime_ns)

    wrong = recover(demo_file, recovery.new_key().text)
    assert wrong.returncode == 3
    assert wrong.stderr.strip() == (
        "kim: demo.kim: wrong recovery key, or the file is damaged. Nothing was changed."
    )
    # A typo: group 2's check character changed.
    groups = key.split("-")
    groups[1] = groups[1][:4] + next(c for c in "ABCDEF" if c != groups[1][4])
    typo = recover(demo_file, "-".join(groups))
    assert typo.returncode == 2
    assert "typo in group 2" in typo.stderr
    short = recover(demo_file, key[:20])
    assert short.returncode == 2
    # A damaged sidecar is no sidecar.
    saved = sidecar.read_bytes()
    sidecar.write_text("{not json")
    assert recover(demo_file, key).returncode == 4
    sidecar.write_text("[" * 30000 + "]" * 30000)  # small, but nested beyond the parser
    nested = recover(demo_file, key)
    assert nested.returncode == 4 and "Traceback" not in nested.stderr
    sidecar.write_bytes(saved)
    # A sealed key that was tampered with: a wrong key, not a crash.
    document = json.loads(saved)
    sealed = document["entries"][0]["sealed"]
    document["entries"][0]["sealed"] = ("B" if sealed[0] != "B" else "C") + sealed[1:]
    sidecar.write_text(json.dumps(document))
    assert recover(demo_file, key).returncode == 3
    sidecar.write_bytes(saved)
    sidecar.rename(tmp_path / "elsewhere")
    missing = recover(demo_file, key)
    assert missing.returncode == 4
    (tmp_path / "elsewhere").rename(sidecar)
    assert (sha256(demo_file), sha256(sidecar), demo_file.stat().st_mtime_ns) == before
    assert other_files(tmp_path, demo_file, sidecar, tmp_path / "blatt.pdf") == []


def test_restore_brings_the_backups_recovery_key(demo_file: Path, tmp_path: Path) -> None:
    key = create_key(demo_file, tmp_path / "blatt.pdf")
    backup = tmp_path / "sicherung.kim"
    assert run_kim("backup", demo_file, backup).returncode == 0
    target = tmp_path / "woanders.kim"
    restore(backup, target, PASSPHRASE)
    assert recover(target, key).returncode == 0
    # A backup without a recovery key restored over a file with one: no stale sidecar stays.
    plain = tmp_path / "ohne.kim"
    plain.write_bytes(demo_file.read_bytes())  # (same salt as the file, but no key in it)
    recovery.sidecar_path(plain).unlink(missing_ok=True)
    plain_backup = tmp_path / "ohne-sicherung.kim"
    with CaseFile.open(plain, PASSPHRASE) as casefile, casefile.transaction() as session:
        # The file as it was before the key.
        session.delete(session.get(Meta, recovery.META_PUBLIC))
    with CaseFile.open(plain, PASSPHRASE) as casefile:
        casefile.backup(plain_backup)
    assert not recovery.sidecar_path(plain_backup).exists()
    restore(plain_backup, target, PASSPHRASE)
    assert not recovery.sidecar_path(target).exists()


def test_kill_during_recovery_leaves_a_file_that_opens_and_recovers(
    demo_file: Path, tmp_path: Path
) -> None:
    """Kill ``kim passwd --recovery`` at several moments: the file opens with the old or the
    new passphrase, and its sidecar still recovers it."""
    key = create_key(demo_file, tmp_path / "blatt.pdf")
    current = PASSPHRASE
    for delay in (0.05, 0.3, 0.6, 0.8, 1.0, 1.2, 1.4):
        env = {k: v for k, v in os.environ.items() if not k.startswith("KIM_")}
        new = NEW if current != NEW else "the other new passphrase"
        env.update(KIM_RECOVERY_KEY=key, KIM_NEW_PASSPHRASE=new)
        process = subprocess.Popen(
            [sys.executable, "-m", "kim_desktop", "passwd", str(demo_file), "--recovery"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        opened = [p for p in (current, new) if opens_with(demo_file, p)]
        assert len(opened) == 1, f"neither passphrase opens the file after {delay} s"
        current = opened[0]
        _key, salt = recovery.unlock(demo_file, recovery.parse_key(key))
        assert salt == demo_file.read_bytes()[:16]
    assert other_files(tmp_path, demo_file, recovery.sidecar_path(demo_file)) == [
        "blatt.pdf"
    ]  # opening removed what the killed runs left


def test_a_failed_swap_leaves_a_sidecar_for_the_old_file(
    demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The moment between the sidecar's new entry and the file's swap, held still: the old
    file stays, and the sidecar (now with both entries) still recovers it; the next re-key
    leaves one entry again."""
    key = create_key(demo_file, tmp_path / "blatt.pdf")
    sidecar = recovery.sidecar_path(demo_file)
    before = sha256(demo_file)

    real_replace = os.replace

    def refuse(source: Path, target: Path) -> None:  # the case file's swap only
        if Path(target) == demo_file:
            raise PermissionError(13, "refused for the test")
        real_replace(source, target)

    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        monkeypatch.setattr("os.replace", refuse)
        with pytest.raises(Exception, match=r"demo\.kim"):
            casefile.change_passphrase(NEW)
        monkeypatch.undo()
    assert sha256(demo_file) == before
    assert len(json.loads(sidecar.read_text())["entries"]) == 2
    assert recover(demo_file, key).returncode == 0
    assert len(json.loads(sidecar.read_text())["entries"]) == 1
    assert opens_with(demo_file, NEW)


def test_key_material_never_in_logs_audit_or_errors(demo_file: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {paths.PORTABLE_ENV: str(home)}
    result = run_kim("recovery-key", demo_file, "--out", tmp_path / "blatt.pdf", extra_env=env)
    key = result.stdout.splitlines()[-1]
    assert key not in result.stderr
    outputs = [
        recover(demo_file, key, extra=env),
        recover(demo_file, recovery.new_key().text, extra=env),
        run_kim("backup", demo_file, tmp_path / "b.kim", passphrase=NEW, extra_env=env),
    ]
    assert [r.returncode for r in outputs] == [0, 3, 0]
    plain = key.replace("-", "")
    logs = "\n".join(p.read_text("utf-8", "replace") for p in home.rglob("*") if p.is_file())
    assert logs and "recovery key created" in logs
    for text in [logs, *(r.stderr for r in outputs), *(r.stdout for r in outputs)]:
        assert key not in text and plain not in text
    with CaseFile.open(demo_file, NEW) as casefile, casefile.reading_session() as session:
        for entry in session.scalars(select(AuditEntry)):
            row = f"{entry.actor} {entry.action} {entry.entity} {entry.record_id}"
            assert key not in row and plain not in row and "sealed" not in row


def test_a_re_key_by_another_program_before_the_tidy_keeps_the_key_working(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Installing a key commits, then tidies the sidecar under the re-key's lock. Another
    program re-keying in between (here: a second open of the file) must not be undone by a
    stale tidy: the new key then still recovers the file."""
    other_passphrase = "another program changed it meanwhile"
    first = CaseFile.open(demo_file, PASSPHRASE)
    second = CaseFile.open(demo_file, PASSPHRASE)
    key = recovery.new_key()
    hold = first._file_lock.hold
    done: list[bool] = []

    def re_key_first(exclusive: bool, *args: object, **kwargs: object) -> object:
        if exclusive and not done:  # the tidy after the commit (writes hold it shared)
            done.append(True)
            second.change_passphrase(other_passphrase)  # sealed to the new key already
        return hold(exclusive, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(first._file_lock, "hold", re_key_first)
    try:
        first.install_recovery_key(key.recipient())
    finally:
        first.close()
        second.close()
    assert done
    assert recover(demo_file, key.text).returncode == 0
    assert opens_with(demo_file, NEW)


def test_a_failed_tidy_after_the_commit_keeps_the_sheet_and_the_key(
    demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sidecar fits the file before the commit; if tidying it afterwards fails (a full
    disk), the new key is in force, the sheet stays and recovery works."""
    from kim_desktop.cli import main

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setenv("KIM_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(recovery, "settle", full)
    sheet = tmp_path / "blatt.pdf"
    assert main(["recovery-key", str(demo_file), "--out", str(sheet)]) == 0
    assert sheet.exists()
    monkeypatch.undo()
    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        key_id = casefile.meta[recovery.META_KEY_ID]
        casefile.change_passphrase("changed after the failed tidy")
    entries = recovery.read_entries(demo_file)
    assert [entry["key_id"] for entry in entries] == [key_id]


def test_a_backup_that_cannot_be_published_leaves_no_recovery_file(
    demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The backup's .recovery is written before the backup appears (a crash never leaves a
    backup without it); if the backup then cannot be published, its .recovery goes too."""
    from kim_desktop.core.casefile import storage

    create_key(demo_file, tmp_path / "blatt.pdf")
    out = tmp_path / "backups" / "b.kim"
    out.parent.mkdir()

    def taken(_temp: Path, target: Path) -> None:
        raise OSError(17, "File exists", str(target))

    monkeypatch.setattr(storage, "publish_without_overwrite", taken)
    with CaseFile.open(demo_file, PASSPHRASE) as casefile, pytest.raises(KimError):
        casefile.backup(out)
    assert list(out.parent.iterdir()) == []
    monkeypatch.undo()
    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        casefile.backup(out)
    assert recovery.sidecar_path(out).exists() and out.exists()
