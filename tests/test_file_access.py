"""One rule for reading and writing the case file, across threads and processes, and what
users read when the disk says no (full, read-only, locked). Real processes, real files."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import PASSPHRASE, minimal_document, run_kim, sha256

from kim_desktop.core.casefile import rawfile, storage
from kim_desktop.core.casefile.access import lock_path
from kim_desktop.core.casefile.models import Client
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import (
    CaseFileReplacedError,
    FileBusyError,
    ReadOnlyError,
    WrongPassphraseError,
)

NEW_PASSPHRASE = "the passphrase after the race"
RACE_ITERATIONS = 16


def kim_process(*args: str | Path, passphrase: str = PASSPHRASE, **env: str) -> subprocess.Popen:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("KIM_")}
    environment.update(KIM_PASSPHRASE=passphrase, **env)
    return subprocess.Popen(
        [sys.executable, "-m", "kim_desktop", *map(str, args)],
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def client_document(path: Path, client_id: str) -> Path:
    path.write_text(
        json.dumps(minimal_document(clients=[{"id": client_id, "family_name": "Wettlauf"}])),
        encoding="utf-8",
    )
    return path


def opened_state(path: Path, client_id: str) -> tuple[str, bool]:
    """Which passphrase opens the file (it must verify) and whether the client is in it."""
    for candidate in (PASSPHRASE, NEW_PASSPHRASE):
        try:
            casefile = CaseFile.open(path, candidate)
        except WrongPassphraseError:
            continue
        with casefile:
            assert casefile.verify() == []
            with casefile.reading_session() as session:
                return candidate, session.get(Client, client_id) is not None
    raise AssertionError("neither passphrase opens the file")


@pytest.fixture(scope="module")
def race_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A case file of a few MB, built by ``kim demo`` (the re-key copies it)."""
    path = tmp_path_factory.mktemp("race") / "master.kim"
    result = run_kim("demo", path, "--clients", "1200")
    assert result.returncode == 0, result.stderr
    assert path.stat().st_size > 2_000_000
    return path


@pytest.mark.slow
def test_passwd_racing_an_import_never_loses_the_import(race_master: Path, tmp_path: Path) -> None:
    """``kim passwd`` and ``kim import-json`` on one file at nearly the same moment, again and
    again: either both succeed and the client is in the re-keyed file, or one is refused
    (exit 4; the importer may also meet the new passphrase: exit 3) and the file is whole."""
    work = tmp_path / "race.kim"
    outcomes: Counter[tuple[int, int]] = Counter()
    for turn in range(RACE_ITERATIONS):
        shutil.copyfile(race_master, work)
        client_id = f"racer-{turn}"
        document = client_document(tmp_path / "add.json", client_id)
        # From the import 0.8 s ahead to 0.4 s behind: both orders, and every overlap between.
        offset = -0.8 + 1.2 * turn / (RACE_ITERATIONS - 1)
        if offset < 0:
            importer = kim_process("import-json", work, document)
            time.sleep(-offset)
            passwd = kim_process("passwd", work, KIM_NEW_PASSPHRASE=NEW_PASSPHRASE)
        else:
            passwd = kim_process("passwd", work, KIM_NEW_PASSPHRASE=NEW_PASSPHRASE)
            time.sleep(offset)
            importer = kim_process("import-json", work, document)
        _, passwd_err = passwd.communicate(timeout=120)
        _, import_err = importer.communicate(timeout=120)
        codes = (passwd.returncode, importer.returncode)
        outcomes[codes] += 1
        opens_with, has_client = opened_state(work, client_id)
        context = f"turn {turn}: exit codes {codes}, {passwd_err!r} {import_err!r}"
        if codes == (0, 0):
            assert (opens_with, has_client) == (NEW_PASSPHRASE, True), context
        elif codes in ((0, 4), (0, 3)):  # the import was refused: nothing of it anywhere
            assert (opens_with, has_client) == (NEW_PASSPHRASE, False), context
            assert import_err.count("\n") == 1 and "Traceback" not in import_err, context
        elif codes == (4, 0):  # the re-key was refused: the old file has the client
            assert (opens_with, has_client) == (PASSPHRASE, True), context
            assert passwd_err.count("\n") == 1, context
        else:
            pytest.fail(context)
        leftovers = sorted(p.name for p in tmp_path.iterdir())
        assert leftovers == ["add.json", "race.kim"], context  # no temp, journal or lock file
    print(dict(outcomes))
    assert outcomes[(0, 0)] > 0  # the import ran first at least once: both succeeded
    assert sum(outcomes.values()) - outcomes[(0, 0)] > 0  # and the re-key at least once


def test_a_write_after_another_process_rekeyed_is_refused(demo_file: Path) -> None:
    """A window that had the file open when ``kim passwd`` swapped it in: its next write
    fails cleanly (exit 4 class), never into the replaced file, and its reads say so too."""
    with CaseFile.open(demo_file, PASSPHRASE) as window:
        result = run_kim("passwd", demo_file, extra_env={"KIM_NEW_PASSPHRASE": NEW_PASSPHRASE})
        assert result.returncode == 0, result.stderr
        with pytest.raises(CaseFileReplacedError) as caught, window.transaction() as session:
            session.add(Client(id="late-write", family_name="Spät"))
        assert caught.value.exit_code == 4
        assert "changed by another program" in caught.value.message
        with pytest.raises(CaseFileReplacedError), window.reading():
            pass
    assert opened_state(demo_file, "late-write") == (NEW_PASSPHRASE, False)


def test_a_write_after_another_process_restored_lands_in_the_restored_file(
    demo_file: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "backup.kim"
    assert run_kim("backup", demo_file, backup).returncode == 0
    with CaseFile.open(demo_file, PASSPHRASE) as window:
        with window.transaction() as session:
            session.add(Client(id="before-restore", family_name="Vorher"))
        result = run_kim("restore", backup, demo_file)
        assert result.returncode == 0, result.stderr
        with window.transaction() as session:  # same passphrase: the restored file takes it
            session.add(Client(id="after-restore", family_name="Nachher"))
    with CaseFile.open(demo_file, PASSPHRASE) as casefile, casefile.reading_session() as session:
        assert session.get(Client, "before-restore") is None  # the restore replaced it
        assert session.get(Client, "after-restore") is not None


def test_writer_waits_for_a_whole_file_operation_then_is_refused(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process holds the lock file exclusive (a re-key or restore): a write waits,
    then gets ``FileBusyError`` (exit 4); reads go on."""
    monkeypatch.setattr(storage, "WRITE_WAIT_SECONDS", 0.5)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sys, time
                from pathlib import Path
                from kim_desktop.core.casefile.access import FileLock
                with FileLock(Path({str(demo_file)!r})).hold(True, 5, ""):
                    print("held", flush=True)
                    sys.stdin.readline()
                """
            ),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with CaseFile.open(demo_file, PASSPHRASE) as casefile:
            started = time.monotonic()
            with pytest.raises(FileBusyError) as caught, casefile.transaction() as session:
                session.add(Client(id="refused", family_name="Nein"))
            assert time.monotonic() - started >= 0.5
            assert caught.value.exit_code == 4 and "in use by another program" in str(caught.value)
            with casefile.reading_session() as session:
                assert session.get(Client, "refused") is None
    finally:
        holder.communicate("done\n", timeout=30)
    assert not lock_path(demo_file).exists()  # the last holder removed it


def test_rekey_waits_for_a_running_write_of_another_thread(demo_file: Path) -> None:
    """In one process: a running write finishes first, then the re-key copies it; new uses
    meanwhile are refused at once, never queued behind the swap."""
    casefile = CaseFile.open(demo_file, PASSPHRASE)
    entered, release = threading.Event(), threading.Event()

    def write() -> None:
        with casefile.transaction() as session:
            session.add(Client(id="in-flight", family_name="Unterwegs"))
            entered.set()
            release.wait(10)

    writer = threading.Thread(target=write)
    writer.start()
    assert entered.wait(10)
    rekey = threading.Thread(target=casefile.change_passphrase, args=(NEW_PASSPHRASE,))
    rekey.start()
    time.sleep(0.3)
    with pytest.raises(FileBusyError), casefile.reading():
        pass
    release.set()
    writer.join(10)
    rekey.join(60)
    with casefile.reading_session() as session:  # the re-keyed file, still open here
        assert session.get(Client, "in-flight") is not None
    casefile.close()
    assert opened_state(demo_file, "in-flight") == (NEW_PASSPHRASE, True)


def test_leftovers_of_killed_rekeys_and_backups_are_removed(
    demo_file: Path, tmp_path: Path
) -> None:
    """Temp copies, their ``-journal`` and a lock file of dead processes go at the next open
    (re-key, restore) or the next backup into that folder; live work stays."""
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    dead_pid, live_pid = int(dead.stdout), os.getpid()
    folder = demo_file.parent
    stale = [
        folder / f".demo.kim.rekey-{dead_pid}-0a1b2c3d.tmp",
        folder / f".demo.kim.rekey-{dead_pid}-0a1b2c3d.tmp-journal",
        folder / f".demo.kim.restore-{dead_pid}-0a1b2c3e.tmp-journal",
    ]
    live = [folder / f".demo.kim.rekey-{live_pid}-0a1b2c3f.tmp-journal"]
    for path in [*stale, *live, lock_path(demo_file)]:
        path.write_bytes(b"x")
    CaseFile.open(demo_file, PASSPHRASE).close()
    assert sorted(p.name for p in folder.iterdir()) == sorted(["demo.kim", live[0].name])
    # A backup cleans its own folder the same way.
    out_folder = tmp_path / "stick"
    out_folder.mkdir()
    old = out_folder / f".old.kim.backup-{dead_pid}-0a1b2c3d.tmp-journal"
    old.write_bytes(b"x")
    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        casefile.backup(out_folder / "new.kim")
    assert sorted(p.name for p in out_folder.iterdir()) == ["new.kim"]


@contextlib.contextmanager
def locked_by_another_program(path: Path, how: str) -> Iterator[None]:
    """A second SQLite connection (not through KIM's doors) holding the file's lock."""
    key = rawfile.derive_key(PASSPHRASE, rawfile.read_salt(path))
    with contextlib.closing(rawfile.connect_raw(path, key)) as raw:
        raw.execute(how)
        try:
            yield
        finally:
            raw.execute("ROLLBACK")


def test_a_file_locked_by_another_program_gets_its_sentence(
    demo_file: Path, tmp_path: Path
) -> None:
    document = client_document(tmp_path / "add.json", "blocked")
    before = sha256(demo_file)
    with locked_by_another_program(demo_file, "BEGIN IMMEDIATE"):  # another program writes
        result = run_kim("import-json", demo_file, document)
        assert result.returncode == 4
        assert "in use by another program" in result.stderr
        assert result.stderr.count("\n") == 1 and "OperationalError" not in result.stderr
        assert run_kim("stats", demo_file, "--period", "2025").returncode == 0  # reads go on
    with locked_by_another_program(demo_file, "BEGIN EXCLUSIVE"):  # not even a read
        result = run_kim("stats", demo_file, "--period", "2025")
        assert result.returncode == 4 and "in use by another program" in result.stderr
    assert sha256(demo_file) == before


def _make_read_only(path: Path) -> Iterator[None]:
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o500 if path.is_dir() else 0o400)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    # root writes through permissions; the immutable flag stops it too
    if shutil.which("chattr") is None:
        pytest.skip("running as root without chattr: no way to make a file read-only")
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
        pytest.skip("running as root on a file system without the immutable flag")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


read_only = contextlib.contextmanager(_make_read_only)


def test_a_read_only_file_or_folder_gets_its_sentence(demo_file: Path, tmp_path: Path) -> None:
    document = client_document(tmp_path / "add.json", "read-only")
    before = sha256(demo_file)
    with read_only(demo_file):
        result = run_kim("import-json", demo_file, document)
        assert result.returncode == 4, result.stderr
        assert "read-only" in result.stderr and result.stderr.count("\n") == 1
        assert run_kim("stats", demo_file, "--period", "2025").returncode == 0
    assert sha256(demo_file) == before
    with read_only(demo_file.parent):
        result = run_kim("import-json", demo_file, document)
        assert result.returncode == 4, result.stderr
        assert "read-only" in result.stderr or "cannot be written" in result.stderr
        assert run_kim("stats", demo_file, "--period", "2025").returncode == 0
        result = run_kim("export-json", demo_file, demo_file.parent / "out.json")
        assert result.returncode == 4, result.stderr
    assert sha256(demo_file) == before
    assert sorted(p.name for p in demo_file.parent.iterdir()) == ["add.json", "demo.kim"]
    with (
        CaseFile.open(demo_file, PASSPHRASE) as casefile,
        pytest.raises(ReadOnlyError),
        read_only(tmp_path),
    ):
        casefile.backup(tmp_path / "backup.kim")
    assert not (tmp_path / "backup.kim").exists()


FULL_DISK_SCRIPT = r"""
import json, os, subprocess, sys
folder, demo, document = sys.argv[1:4]
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%s" % sys.argv[4], "tmpfs", folder], check=True)
import shutil
case = os.path.join(folder, "demo.kim")
shutil.copyfile(demo, case)
filler = os.path.join(folder, "filler")
with open(filler, "wb", buffering=0) as handle:  # fill the disk, then free a few pages
    try:
        while True:
            handle.write(b"\0" * 4096)
    except OSError:
        pass
os.truncate(filler, max(0, os.path.getsize(filler) - 3 * 4096))
def kim(*args):
    done = subprocess.run([sys.executable, "-m", "kim_desktop", *args], capture_output=True,
                          text=True)
    return [done.returncode, done.stderr]
results = {
    "import": kim("import-json", case, document),
    "export": kim("export-json", case, os.path.join(folder, "out.json")),
    "backup": kim("backup", case, os.path.join(folder, "backup.kim")),
    "report": kim("report", case, "--period", "2025", "--out", os.path.join(folder, "r.pdf")),
    "stats": kim("stats", case, "--period", "2025"),
    "verify": kim("verify", case),
    "files": sorted(os.listdir(folder)),
}
print(json.dumps(results))
"""


@pytest.mark.slow
def test_a_full_disk_gets_its_sentence_and_leaves_no_half_file(
    demo_file: Path, tmp_path: Path
) -> None:
    """On a small RAM disk filled to the last pages (a private mount namespace, so no root
    is needed): the import is refused whole, and no export leaves a file behind."""
    if shutil.which("unshare") is None:
        pytest.skip("needs unshare(1) for a private RAM disk")
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("user namespaces are not available here (no private RAM disk)")
    mount = tmp_path / "disk"
    mount.mkdir()
    document = tmp_path / "big.json"
    clients = [{"id": f"full-{n}", "family_name": "Vollständig " * 4} for n in range(3000)]
    big = minimal_document(clients=clients)
    document.write_text(json.dumps(big), encoding="utf-8")
    size = demo_file.stat().st_size + 2 * 1024 * 1024
    environment = {k: v for k, v in os.environ.items() if not k.startswith("KIM_")}
    environment["KIM_PASSPHRASE"] = PASSPHRASE
    done = subprocess.run(
        ["unshare", "-rm", sys.executable, "-c", FULL_DISK_SCRIPT,
         str(mount), str(demo_file), str(document), str(size)],
        capture_output=True, text=True, env=environment, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    for name in ("import", "export", "backup", "report"):
        code, stderr = results[name]
        assert code == 4, (name, stderr)
        assert "no space left" in stderr or "disk is full" in stderr, (name, stderr)
        assert stderr.count("\n") == 1 and "Error)" not in stderr, (name, stderr)
    assert results["stats"][0] == 0 and results["verify"][0] == 0
    assert results["files"] == ["demo.kim", "filler"]  # nothing empty or half-written
