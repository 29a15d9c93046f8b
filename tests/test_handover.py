"""Handing cases over to a colleague (DESIGN §11, core/sync/handover.py): a coordinator's
file and three case managers' files of one district with the team in the configuration;
the real ``kim`` in subprocesses, real encrypted files."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from conftest import PASSPHRASE, in_municipalities, run_kim, sha256
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from kim_desktop.core import casework, interchange
from kim_desktop.core.casefile.models import AuditEntry, Case, CasePhaseChange, Client
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import RestrictedError
from kim_desktop.core.figures import residue
from kim_desktop.core.figures.periods import parse_period
from kim_desktop.core.interchange.demo import demo_document
from kim_desktop.core.platform.files import replace_privately
from kim_desktop.core.sync import district, erasure, handover, handover_import, team
from kim_desktop.core.sync.keys import b64, key_id, own_keys

TODAY = dt.date(2025, 12, 31)
MUNICIPALITIES = ["Siegburg", "Troisdorf", "Hennef (Sieg)", "Sankt Augustin", "Lohmar"]
PEOPLE = {"sender": "Erika Beispiel", "recipient": "Rita Muster", "third": "Tom Dritter"}


def one_line(result: Any) -> str:
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr and "\x1b" not in result.stderr
    return str(result.stderr)


def rich_cases(document: dict[str, Any]) -> list[str]:
    """Cases with appointments, assessments and goals or referrals, most records first."""
    score: dict[str, set[str]] = {}
    for name in ("appointments", "assessments", "goals", "referrals"):
        for record in document[name]:
            if record.get("case_id"):
                score.setdefault(record["case_id"], set()).add(name)
    wanted = [c for c, kinds in score.items() if {"appointments", "assessments"} <= kinds]
    return sorted(wanted, key=lambda c: (-len(score[c]), c))


@pytest.fixture(scope="module")
def master(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The office enrols three case managers' cards (with keys for handovers); each case
    manager imports the configuration; the sender holds demo records."""
    folder = tmp_path_factory.mktemp("handover")
    paths = {role: folder / f"{role}.kim" for role in ("office", *PEOPLE)}
    with CaseFile.create(
        paths["office"], PASSPHRASE, role="coordinator", owner="Kora", district="RSK"
    ):
        pass
    for role, owner in PEOPLE.items():
        with CaseFile.create(paths[role], PASSPHRASE, role="casemanager", owner=owner) as cf:
            team.write_card(cf, folder / f"{role}.kimkey", handovers=True)
    with CaseFile.open(paths["office"], PASSPHRASE) as office:
        for role in PEOPLE:
            team.enrol(office, folder / f"{role}.kimkey")
        district.export_config(office, folder / "rsk.kimdistrict", MUNICIPALITIES)
    for role in PEOPLE:
        with CaseFile.open(paths[role], PASSPHRASE) as cf:
            district.import_config(cf, folder / "rsk.kimdistrict")
    document = in_municipalities(demo_document(seed=5, clients=30, today=TODAY), MUNICIPALITIES)
    chosen = rich_cases(document)[:2]
    with CaseFile.open(paths["sender"], PASSPHRASE) as cf:
        interchange.import_document(cf, document, "demo")
        # Every record kind: consents for each member, phase history, a follow-up, notes.
        for case_id in chosen:
            case = next(c for c in document["cases"] if c["id"] == case_id)
            for member in case["members"]:
                casework.record_consent(
                    cf, member["client_id"], "case_documentation", dt.date(2025, 1, 2)
                )
            casework.set_case_notes(cf, case_id, f"Notiz {case_id}")
            if case.get("closed_on") is not None:
                casework.reopen_case(cf, case_id, dt.date(2025, 12, 1))
            casework.set_phase(cf, case_id, "implementation", dt.date(2025, 12, 2))
            casework.set_follow_up(cf, case_id, dt.date(2026, 2, 1))
        ids = {role: team.read_card(folder / f"{role}.kimkey").key_id for role in PEOPLE}
    return {"folder": folder, "paths": paths, "cases": chosen, "ids": ids, "document": document}


@pytest.fixture
def files(master: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    """Fresh copies of the master files for one test."""
    return copies(master, tmp_path)


def copies(master: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    """Copies of the master files (case files and cards) in ``tmp_path``."""
    paths = {}
    for role, path in master["paths"].items():
        paths[role] = tmp_path / path.name
        shutil.copyfile(path, paths[role])
    for card in master["folder"].glob("*.kim*"):
        if card.suffix != ".kim":
            shutil.copyfile(card, tmp_path / card.name)
    return {**master, "paths": paths, "folder": tmp_path}


def records(casefile: CaseFile, case_ids: list[str]) -> dict[str, Any]:
    """The interchange records of the cases and their clients, as a handover carries them."""
    document = handover._document(casefile, case_ids)
    for name in ("exported_at", "owner"):
        document.pop(name)
    return document


def history(casefile: CaseFile, case_ids: list[str]) -> list[tuple[Any, ...]]:
    with casefile.reading_session() as session:
        rows = session.execute(
            select(
                CasePhaseChange.case_id,
                CasePhaseChange.changed_on,
                CasePhaseChange.from_phase,
                CasePhaseChange.to_phase,
                CasePhaseChange.closure_reason,
            )
            .where(CasePhaseChange.case_id.in_(case_ids))
            .order_by(CasePhaseChange.case_id, CasePhaseChange.id)
        )
        return [tuple(row) for row in rows]


def audit_of(casefile: CaseFile, entity: str) -> list[tuple[str, str | None]]:
    with casefile.reading_session() as session:
        rows = session.execute(
            select(AuditEntry.action, AuditEntry.record_id).where(AuditEntry.entity == entity)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


def export(files: dict[str, Any], out: Path, *cases: str, to: str = "recipient") -> Any:
    args = [arg for case in (cases or files["cases"]) for arg in ("--case", case)]
    return run_kim(
        "handover",
        "export",
        files["paths"]["sender"],
        *args,
        "--to",
        files["ids"][to],
        "--out",
        out,
    )


# -- the whole way ----------------------------------------------------------------------------


def test_a_handover_carries_every_record_and_the_sender_keeps_them_read_only(files) -> None:
    paths, cases = files["paths"], files["cases"]
    with CaseFile.open(paths["sender"], PASSPHRASE) as cf:
        before = records(cf, cases)
        before_history = history(cf, cases)
    assert all(before[name] for name in ("appointments", "assessments", "consents", "clients"))
    assert before["goals"] or before["referrals"]
    assert len(before_history) >= 2

    out = files["folder"] / "erika.kimhandover"
    result = export(files, out)
    assert result.returncode == 0, result.stderr
    assert "Rita Muster" in result.stdout and oct(out.stat().st_mode & 0o777) == "0o600"
    assert out.read_bytes().startswith(b"KIMHANDOVER1")
    handover_id = result.stdout.split()[1]
    uuid.UUID(handover_id)

    # The sender: read-only, marked, audited by ids; erasable; the Art. 15 copy still works.
    with CaseFile.open(paths["sender"], PASSPHRASE) as cf:
        marked = casework.case_handover(cf, cases[0])
        assert marked is not None and marked.name == "Rita Muster"
        assert marked.key_id == files["ids"]["recipient"] and marked.on == dt.date.today()
        with pytest.raises(RestrictedError) as refused:
            casework.set_case_notes(cf, cases[0], "später")
        assert "handed over" in refused.value.message
        with pytest.raises(RestrictedError):
            casework.set_phase(cf, cases[0], "closed", dt.date.today())
        assert records(cf, cases) == before
        assert ("export", handover_id) in audit_of(cf, "handover")
        assert {r for _a, r in audit_of(cf, "case_handed_over")} == set(cases)
        client = before["clients"][0]["id"]
        assert interchange.export_document(cf, client)["clients"][0]["id"] == client
    again = export(files, files["folder"] / "again.kimhandover")
    assert again.returncode == 4 and "handed over already" in one_line(again)

    # The recipient: the same records, ids included, and the phase history.
    received = run_kim("handover", "import", paths["recipient"], out)
    assert received.returncode == 0, received.stderr
    assert "from Erika Beispiel imported: 2 case(s)" in received.stdout
    with CaseFile.open(paths["recipient"], PASSPHRASE) as cf:
        assert records(cf, cases) == before
        assert history(cf, cases) == before_history
        assert casework.case_handover(cf, cases[0]) is None  # workable here
        casework.set_case_notes(cf, cases[0], "weiter")
        assert ("import", handover_id) in audit_of(cf, "handover")
        assert {r for _a, r in audit_of(cf, "cases")} >= set(cases)

    # Imported again: a no-op, the file's bytes unchanged.
    digest = sha256(paths["recipient"])
    twice = run_kim("handover", "import", paths["recipient"], out)
    assert twice.returncode == 0 and "imported already" in twice.stdout
    assert sha256(paths["recipient"]) == digest

    # The sender erases the handed-over cases.
    with CaseFile.open(paths["sender"], PASSPHRASE) as cf:
        erasure.erase(cf, erasure.plan_case(cf, cases[0]))
        with cf.reading_session() as session:
            assert session.get(Case, cases[0]) is None


def test_a_client_the_recipient_has_is_linked_and_kept(files) -> None:
    paths, cases = files["paths"], files["cases"][:1]
    with CaseFile.open(paths["sender"], PASSPHRASE) as cf:
        before = records(cf, cases)
    client = dict(before["clients"][0])
    client["phone"] = "0151 777999"  # the recipient's record differs
    with CaseFile.open(paths["recipient"], PASSPHRASE) as cf:
        interchange.import_document(
            cf, {**interchange.export_document(cf), "clients": [client]}, "own"
        )
    out = files["folder"] / "one.kimhandover"
    assert export(files, out, *cases).returncode == 0
    result = run_kim("handover", "import", paths["recipient"], out)
    assert result.returncode == 0, result.stderr
    assert "1 linked" in result.stdout
    assert f"Client {client['id']}: this file's record was kept" in result.stdout
    assert "phone" in result.stdout and "777999" not in result.stdout
    with CaseFile.open(paths["recipient"], PASSPHRASE) as cf:
        with cf.reading_session() as session:
            assert session.scalar(select(func.count()).select_from(Client)) == len(
                before["clients"]
            )
        after = records(cf, cases)
    assert after["clients"][0] == client
    assert after["cases"] == before["cases"] and after["appointments"] == before["appointments"]


def test_consent_missing_needs_confirmation(files) -> None:
    paths = files["paths"]
    with CaseFile.open(paths["sender"], PASSPHRASE) as cf:
        checked_case = next(
            c["id"]
            for c in files["document"]["cases"]
            if handover.plan(cf, [c["id"]], files["ids"]["recipient"]).without_consent
        )
    digest = sha256(paths["sender"])
    out = files["folder"] / "no-consent.kimhandover"
    refused = export(files, out, checked_case)
    assert refused.returncode == 4 and "documentation consent" in one_line(refused)
    assert not out.exists() and sha256(paths["sender"]) == digest
    confirmed = run_kim(
        "handover",
        "export",
        paths["sender"],
        "--case",
        checked_case,
        "--to",
        files["ids"]["recipient"],
        "--out",
        out,
        "--yes",
    )
    assert confirmed.returncode == 0, confirmed.stderr
    assert "warning: handed over without a documentation consent" in confirmed.stderr


def test_export_refusals_write_nothing(files) -> None:
    paths, ids = files["paths"], files["ids"]
    with CaseFile.open(paths["sender"], PASSPHRASE) as cf:
        restricted = files["cases"][1]
        member = records(cf, [restricted])["cases"][0]["members"][0]["client_id"]
        casework.restrict_client(cf, member)
    digest = sha256(paths["sender"])
    out = files["folder"] / "x.kimhandover"
    cases = {
        "restricted member": (["--case", restricted, "--to", ids["recipient"]], "Art. 18"),
        "unknown case": (["--case", "fa-999999", "--to", ids["recipient"]], "no such case"),
        "not in the team": (["--case", files["cases"][0], "--to", "0" * 32], "not a member"),
        "own key": (["--case", files["cases"][0], "--to", ids["sender"]], "own key"),
        "not a key id": (["--case", files["cases"][0], "--to", "xyz"], "not a key id"),
    }
    for label, (args, said) in cases.items():
        result = run_kim("handover", "export", paths["sender"], *args, "--out", out)
        assert result.returncode == 4, (label, result.stderr)
        assert said in one_line(result), label
        assert not out.exists() and sha256(paths["sender"]) == digest, label
    cover = run_kim(
        "handover",
        "export",
        paths["sender"],
        "--case",
        files["cases"][0],
        "--to",
        ids["recipient"],
        "--out",
        out,
        "--cover-until",
        "2026-01-31",
    )
    # A cover must end today or later (tests/test_cover.py has the cover itself).
    assert cover.returncode == 2 and "today or later" in one_line(cover)


# -- bad input --------------------------------------------------------------------------------


def refused(files: dict[str, Any], data: bytes, name: str = "bad.kimhandover") -> str:
    """Import ``data`` into the recipient: exit 4, one line, the file unchanged."""
    path = files["folder"] / name
    path.write_bytes(data)
    target = files["paths"]["recipient"]
    digest = sha256(target)
    result = run_kim("handover", "import", target, path)
    assert result.returncode == 4, result.stderr
    assert sha256(target) == digest
    return one_line(result)


def test_tampered_truncated_and_misaddressed_handovers_are_refused(files) -> None:
    paths = files["paths"]
    out = files["folder"] / "good.kimhandover"
    assert export(files, out).returncode == 0
    data = out.read_bytes()
    for length in (0, 5, 12, 16, 100, len(data) // 2, len(data) - 1):
        refused(files, data[:length])
    header_end = 16 + int.from_bytes(data[12:16], "big")
    for offset in (0, 11, 13, 20, header_end - 2, header_end + 3, header_end + 40, len(data) - 1):
        flipped = bytearray(data)
        flipped[offset] ^= 0x20
        refused(files, bytes(flipped))
    # Encrypted to the third colleague: not for the recipient.
    other = files["folder"] / "third.kimhandover"
    # (the sender's cases are handed over already: a fresh copy of the sender's file)
    shutil.copyfile(files["paths"]["sender"], files["folder"] / "sender-2.kim")
    with CaseFile.open(files["folder"] / "sender-2.kim", PASSPHRASE) as cf:
        with cf.transaction() as session:
            for case_id in files["cases"]:
                row = session.get(Case, case_id)
                assert row is not None
                row.handed_over_to = row.handed_over_name = row.handed_over_on = None
        handover.export_handover(cf, files["cases"], files["ids"]["third"], other)
    assert "another colleague" in refused(files, other.read_bytes())
    # A sync bundle given to the handover import, and a handover to the bundle import.
    bundle = files["folder"] / "q.kimbundle"
    from kim_desktop.core.figures.periods import parse_period
    from kim_desktop.core.sync import outbox

    with CaseFile.open(paths["third"], PASSPHRASE) as cf:
        outbox.export_bundle(cf, parse_period("2025-Q4"), bundle)
    assert "not a KIM handover (a sync bundle" in refused(files, bundle.read_bytes())
    office = paths["office"]
    digest = sha256(office)
    as_bundle = run_kim("bundle", "import", office, out)
    assert as_bundle.returncode == 4 and "not a KIM bundle" in as_bundle.stderr
    assert sha256(office) == digest


def _sealed(files: dict[str, Any], payload_change: Any = None, **header_changes: Any) -> bytes:
    """A handover signed by the real sender and encrypted to the recipient, with header
    fields changed before sealing (what a sender with another configuration would write)
    and the payload changed by ``payload_change`` (a trusted sender's hostile content)."""
    with CaseFile.open(files["paths"]["sender"], PASSPHRASE) as cf:
        keys = own_keys(cf)
        to = handover.recipient(cf, files["ids"]["recipient"])
        assert to.encryption_key is not None
        handover_id = str(uuid.uuid4())
        header = {
            "format": handover.FORMAT,
            "version": handover.VERSION,
            "handover_id": handover_id,
            "district": "RSK",
            "sender_key_id": keys.signing_key_id,
            "sender_signing_key": b64(keys.signing_public),
            "recipient_key_id": key_id(to.encryption_key),
            "created": "2025-12-31T10:00:00+00:00",
            "cases": 1,
            **header_changes,
        }
        payload = {
            "format": handover.PAYLOAD_FORMAT,
            "handover_id": handover_id,
            "case_ids": files["cases"][:1],
            "document": handover._document(cf, files["cases"][:1]),
            "phase_history": [],
        }
        if payload_change is not None:
            payload_change(payload)
        return handover.seal(header, payload, keys.signing, to.encryption_key)


def test_foreign_district_cover_and_replay_are_refused(files) -> None:
    assert "another district" in refused(files, _sealed(files, district="Kreis Lippe"))
    # A cover that ended before it arrives is refused (tests/test_cover.py: the cover).
    assert "the cover ended on 2026-01-31" in refused(
        files, _sealed(files, cover_until="2026-01-31")
    )

    out = files["folder"] / "good.kimhandover"
    assert export(files, out).returncode == 0
    # Replayed: the same cases again under another handover id.
    first = run_kim("handover", "import", files["paths"]["recipient"], out)
    assert first.returncode == 0, first.stderr
    assert "in this file already" in refused(files, _sealed(files))


def test_a_revoked_sender_is_refused(files) -> None:
    out = files["folder"] / "good.kimhandover"
    assert export(files, out).returncode == 0
    paths = files["paths"]
    assert run_kim("district", "revoke", paths["office"], files["ids"]["sender"]).returncode == 0
    config = files["folder"] / "rsk-2.kimdistrict"
    assert run_kim("district", "export", paths["office"], "--out", config).returncode == 0
    assert run_kim("district", "import", paths["recipient"], config).returncode == 0
    assert "revoked" in refused(files, out.read_bytes())


def test_kill_during_handover_import_is_all_or_nothing(files) -> None:
    """``kill -9`` while the import writes: the file opens and holds all or nothing."""
    out = files["folder"] / "good.kimhandover"
    assert export(files, out).returncode == 0
    target = files["paths"]["recipient"]
    pristine = files["folder"] / "pristine.kim"
    shutil.copyfile(target, pristine)
    journal = Path(str(target) + "-journal")
    outcomes = set()
    for attempt in range(4):
        shutil.copyfile(pristine, target)
        env = {k: v for k, v in os.environ.items() if not k.startswith("KIM_")}
        env["KIM_PASSPHRASE"] = PASSPHRASE
        process = subprocess.Popen(
            [sys.executable, "-m", "kim_desktop", "handover", "import", str(target), str(out)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while not journal.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.001)
        time.sleep(0.002 * attempt)
        process.send_signal(signal.SIGKILL)
        process.wait()
        with CaseFile.open(target, PASSPHRASE) as cf:
            assert cf.verify() == []
            with cf.reading_session() as session:
                cases = session.scalar(
                    select(func.count()).select_from(Case).where(Case.id.in_(files["cases"]))
                )
                changes = session.scalar(
                    select(func.count())
                    .select_from(CasePhaseChange)
                    .where(CasePhaseChange.case_id.in_(files["cases"]))
                )
        assert (cases == 0 and changes == 0) or (cases == 2 and changes), (cases, changes)
        outcomes.add(cases)
    assert 0 in outcomes  # at least once the kill landed inside the transaction
    # Whatever the kills hit, the import afterwards completes (or was complete).
    result = run_kim("handover", "import", target, out)
    assert result.returncode == 0, result.stderr


def test_core_refuses_cover_and_reports_without_values(files) -> None:
    data = _sealed(files, cover_until="2026-01-31")
    path = files["folder"] / "c.kimhandover"
    path.write_bytes(data)
    with (
        CaseFile.open(files["paths"]["recipient"], PASSPHRASE) as cf,
        pytest.raises(handover.HandoverRejected) as caught,
    ):
        handover_import.import_handover(cf, path)  # the cover ended before it arrived
    assert "cover" in caught.value.message
    assert json.dumps(caught.value.message).count("\\n") == 0


def _set(path: tuple[Any, ...], value: Any) -> Any:
    def change(payload: dict[str, Any]) -> None:
        target: Any = payload
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return change


def test_a_trusted_senders_hostile_content_is_refused(files) -> None:
    """Signed by an enrolled colleague, still checked: the payload's shape, the phase
    history and the interchange rules; nothing is written."""
    hostile = {
        "a case not in the header": _set(("case_ids",), ["fa-999999"]),
        "another handover id": _set(("handover_id",), str(uuid.uuid4())),
        "phase history of another case": _set(
            ("phase_history",), [{"case_id": "fa-999999", "changed_on": "2025-01-01"}]
        ),
        "phase history phase": _set(
            ("phase_history",),
            [{"case_id": files["cases"][0], "changed_on": "2025-01-01", "to_phase": "x"}],
        ),
        "an extra field": _set(("notes",), "x"),
        "a client without a family name": _set(("document", "clients", 0, "family_name"), ""),
        "an unknown field in a case": _set(("document", "cases", 0, "owner"), "x"),
        "a member nobody knows": _set(
            ("document", "cases", 0, "members"), [{"client_id": "kl-999999"}]
        ),
        "deeply nested": _set(("document", "clients", 0, "notes"), [[[[[]]]]]),
        "clients that are no list": _set(("document", "clients"), 7),
        "a client without an id": _set(("document", "clients"), [{"x": 1}]),
        "a client id that is a list": _set(("document", "clients"), [{"id": [1]}]),
        "a consent of a client id that is a number": _set(
            ("document", "consents"), [{"id": "k", "client_id": 5}]
        ),
        "a handover day a year before the file was made": _set(("handed_over_on",), "2024-12-31"),
        "a handover day that is no date": _set(("handed_over_on",), "Mustermann"),
        "a handover day that is a number": _set(("handed_over_on",), 20251231),
        "a name where a date belongs": _set(
            ("phase_history",),
            [
                {
                    "case_id": files["cases"][0],
                    "changed_on": "Mustermann, Erika",
                    "to_phase": "intake",
                }
            ],
        ),
    }
    for label, change in hostile.items():
        line = refused(files, _sealed(files, change))
        assert "malformed content" in line or "do not fit this file" in line, label
        assert "kl-999999" not in line or "member" in line, label
        assert "Mustermann" not in line, label  # a refusal never repeats a value


def test_a_refused_import_writes_nothing_even_without_keys(files) -> None:
    """A file that never made its keys refuses a handover without making them first."""
    path = files["folder"] / "keyless.kim"
    with CaseFile.create(path, PASSPHRASE, role="casemanager", owner="Neu") as cf:
        district.import_config(cf, files["folder"] / "rsk.kimdistrict")
    handover_file = files["folder"] / "to-someone.kimhandover"
    handover_file.write_bytes(_sealed(files))
    digest = sha256(path)
    result = run_kim("handover", "import", path, handover_file)
    assert result.returncode == 4 and "no key for handovers" in one_line(result)
    assert sha256(path) == digest


_FUZZ: list[Any] = []


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_damage_is_refused_in_one_line(master, tmp_path_factory, data) -> None:
    """Truncated, flipped or inserted bytes anywhere: one line, nothing written."""
    if not _FUZZ:  # one good handover for every example
        folder = tmp_path_factory.mktemp("fuzz")
        made = copies(master, folder)
        out = folder / "good.kimhandover"
        assert export(made, out).returncode == 0
        _FUZZ.extend([out.read_bytes(), made["paths"]["recipient"]])
    raw, target = _FUZZ
    how = data.draw(st.sampled_from(["truncate", "flip", "insert"]), label="how")
    index = data.draw(st.integers(0, len(raw) - 1), label="index")
    if how == "truncate":
        damaged = raw[:index]
    elif how == "flip":
        damaged = (
            raw[:index] + bytes([raw[index] ^ data.draw(st.integers(1, 255))]) + raw[index + 1 :]
        )
    else:
        damaged = raw[:index] + data.draw(st.binary(min_size=1, max_size=8)) + raw[index:]
    path = target.with_name("damaged.kimhandover")
    path.write_bytes(damaged)
    digest = sha256(target)
    with (
        CaseFile.open(target, PASSPHRASE) as cf,
        pytest.raises(handover.HandoverRejected) as caught,
    ):
        handover_import.import_handover(cf, path)
    message = caught.value.message
    assert message.startswith("damaged.kimhandover: ") and "\n" not in message
    assert len(message) < 200
    assert sha256(target) == digest


# -- figures: a handed-over case counts once ----------------------------------------------------

HANDOVER_DAY = dt.date(2025, 6, 15)
FIGURE_PERIODS = (
    *(str(year) for year in (2023, 2024, 2025, 2026)),
    *(f"2025-Q{q}" for q in range(1, 5)),
    "2025-06-01..2025-06-14",  # ends the day before
    "2025-06-14..2025-06-14",
    "2025-06-15..2025-06-15",  # the handover day itself
    "2024-07-01..2025-06-30",
    "2025-06-16..2026-03-31",
)


def _alone(document: dict[str, Any]) -> list[str]:
    """Case-management cases with records of every kind whose members are in no other case
    (a person in two files is counted by both, as any two files count a shared person)."""
    cases_of: dict[str, int] = {}
    for case in document["cases"]:
        for member in case["members"]:
            cases_of[member["client_id"]] = cases_of.get(member["client_id"], 0) + 1
    return [
        case_id
        for case_id in rich_cases(document)
        if all(
            cases_of[m["client_id"]] == 1
            for case in document["cases"]
            if case["id"] == case_id and case["track"] == "case_management"
            for m in case["members"]
        )
        and any(c["id"] == case_id and c["track"] == "case_management" for c in document["cases"])
    ]


def _figures(path: Path) -> dict[tuple[str, str | None], dict[str, int]]:
    with CaseFile.open(path, PASSPHRASE) as cf, cf.reading() as conn:
        return {
            (label, municipality): residue.additive_figures(conn, parse_period(label), municipality)
            for label in FIGURE_PERIODS
            for municipality in (None, *MUNICIPALITIES)
        }


def test_a_handed_over_case_is_counted_once_by_the_file_holding_it(files) -> None:
    """For every period the two files together show what the sender's file showed before,
    and each period is counted by the file holding the cases at its end: the sender's for
    periods ending before the handover day (unchanged, as in bundles sent), the
    recipient's from the periods ending on that day on."""
    cases = _alone(files["document"])[:6]
    assert len(cases) >= 4
    paths = files["paths"]
    sender_before, recipient_before = _figures(paths["sender"]), _figures(paths["recipient"])
    out = files["folder"] / "figures.kimhandover"
    with CaseFile.open(paths["sender"], PASSPHRASE) as cf:
        handover.export_handover(
            cf, cases, files["ids"]["recipient"], out, confirmed=True, today=HANDOVER_DAY
        )
    with CaseFile.open(paths["recipient"], PASSPHRASE) as cf:
        handover_import.import_handover(cf, out)
        with cf.reading_session() as session:
            days = set(session.scalars(select(Case.received_on).where(Case.id.in_(cases))))
        assert days == {HANDOVER_DAY}
    sender_after, recipient_after = _figures(paths["sender"]), _figures(paths["recipient"])
    moved_somewhere = 0
    for (label, municipality), before in sender_before.items():
        key = (label, municipality)
        together = {
            name: sender_after[key].get(name, 0)
            + recipient_after[key].get(name, 0)
            - recipient_before[key].get(name, 0)
            for name in set(before) | set(sender_after[key]) | set(recipient_after[key])
        }
        assert {k: v for k, v in together.items() if v} == {k: v for k, v in before.items() if v}, (
            key
        )
        if parse_period(label).end < HANDOVER_DAY:
            assert sender_after[key] == before, key  # sent bundles stay true
            assert recipient_after[key] == recipient_before[key], key
        else:
            moved_somewhere += sender_after[key] != before
    assert moved_somewhere  # the handover did move figures to the recipient
    # The whole way through kim stats as well: the sender's 2025 lost the cases.
    stats = run_kim("stats", paths["sender"], "--period", "2025", "--format", "json")
    assert stats.returncode == 0, stats.stderr
    opened = json.loads(stats.stdout)["cases"]["opened"]
    assert opened == sender_after[("2025", None)]["cases.opened"]


def test_an_export_that_cannot_be_finished_leaves_nothing(files, monkeypatch) -> None:
    """Larger than a colleague's import accepts: refused before anything is written; and a
    mark that fails just before the file would appear leaves no file and no hidden
    temporary one."""
    folder = files["folder"]
    out = folder / "big.kimhandover"
    case = files["cases"][0]
    monkeypatch.setattr(handover, "MAX_HANDOVER_BYTES", 4096)
    with CaseFile.open(files["paths"]["sender"], PASSPHRASE) as cf:
        with pytest.raises(handover.HandoverRejected, match="smaller groups"):
            handover.export_handover(cf, [case], files["ids"]["recipient"], out, confirmed=True)
        assert casework.case_handover(cf, case) is None
    assert not out.exists() and not list(folder.glob(".*partial"))

    def refused_mark() -> None:
        raise handover.HandoverRejected("changed meanwhile")

    with pytest.raises(handover.HandoverRejected):
        replace_privately(out, b"handover bytes", before_replace=refused_mark)
    assert not out.exists() and not list(folder.glob(".*partial"))
