"""Cover for a colleague (DESIGN §11 "Cover", core/sync/cover.py, cover_merge.py): the owner
gives cases in cover, the substitute works on a copy and returns it, the owner merges it by
record id. Real encrypted files (the fixture of tests/test_handover.py: a coordinator enrols
three case managers' cards and exports the district configuration), the real ``kim``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
import test_handover
from conftest import PASSPHRASE, run_kim, sha256
from sqlalchemy import func, select
from test_handover import audit_of, one_line, records

from kim_desktop.core import casework
from kim_desktop.core.casefile.models import Case, CoverBase, MergeConflict
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework import retention as core_retention
from kim_desktop.core.errors import RestrictedError
from kim_desktop.core.figures import residue
from kim_desktop.core.figures.periods import parse_period
from kim_desktop.core.sync import cover, cover_merge, handover, handover_import
from kim_desktop.core.sync.keys import b64, key_id, own_keys

# The handover tests' files: an office and three case managers' files of one district.
master = test_handover.master
files = test_handover.files
TODAY = dt.date.today()
UNTIL = TODAY + dt.timedelta(days=21)


def give_cover(files: dict[str, Any], out: Path, until: dt.date = UNTIL, *cases: str) -> Any:
    args = [arg for case in (cases or files["cases"]) for arg in ("--case", case)]
    return run_kim(
        "handover",
        "export",
        files["paths"]["sender"],
        *args,
        "--to",
        files["ids"]["recipient"],
        "--out",
        out,
        "--cover-until",
        until.isoformat(),
    )


def give_back(files: dict[str, Any], out: Path, to: str = "sender") -> Any:
    args = [arg for case in files["cases"] for arg in ("--case", case)]
    return run_kim(
        "handover",
        "export",
        files["paths"]["recipient"],
        *args,
        "--to",
        files["ids"][to],
        "--out",
        out,
    )


def covered(files: dict[str, Any]) -> Path:
    """The owner gives both cases in cover; the substitute imports the cover."""
    out = files["folder"] / "cover.kimhandover"
    sent = give_cover(files, out)
    assert sent.returncode == 0, sent.stderr
    assert f"in cover by Rita Muster until {UNTIL}" in sent.stdout
    got = run_kim("handover", "import", files["paths"]["recipient"], out)
    assert got.returncode == 0, got.stderr
    assert f"to work on until {UNTIL}" in got.stdout
    return out


def appointment_like(record: dict[str, Any], day: dt.date, notes: str) -> casework.AppointmentData:
    """A new appointment of the same case and kind as ``record``."""
    fields = {f.name for f in dataclasses.fields(casework.AppointmentData)}
    values = {k: v for k, v in record.items() if k in fields}
    values.update(id=None, date=day, notes=notes, themes=tuple(record.get("themes", ())))
    values.pop("start_time", None)
    return casework.AppointmentData(**values)


def goal_of(document: dict[str, Any], case_id: str) -> dict[str, Any]:
    return next(g for g in document["goals"] if g["case_id"] == case_id)


def case_with_goal(files: dict[str, Any]) -> str:
    with CaseFile.open(files["paths"]["sender"], PASSPHRASE) as cf:
        document = records(cf, files["cases"])
    return next(c for c in files["cases"] if any(g["case_id"] == c for g in document["goals"]))


# -- the whole way ----------------------------------------------------------------------------


def test_cover_work_return_and_merge(files) -> None:
    paths = files["paths"]
    case_id = case_with_goal(files)
    with CaseFile.open(paths["sender"], PASSPHRASE) as cf:
        before = records(cf, files["cases"])
    covered(files)

    # The owner: marked, still writable; the base stored by ids and digests only.
    with CaseFile.open(paths["sender"], PASSPHRASE) as cf:
        mark = casework.case_cover(cf, case_id)
        assert mark is not None and not mark.copy and mark.name == "Rita Muster"
        assert mark.until == UNTIL and not mark.ended()
        casework.set_case_notes(cf, case_id, "Notiz der Fallführung")  # both sides edit
        own_appointment = next(a for a in before["appointments"] if a["case_id"] == case_id)
        mine_added = casework.add_appointment(
            cf, appointment_like(own_appointment, TODAY, "Termin der Fallführung")
        )
        with cf.reading_session() as session:
            bases = session.scalar(select(func.count()).select_from(CoverBase))
        assert bases == sum(len(before[k]) for k in cover.ENTITIES)
        assert {r for _a, r in audit_of(cf, "case_in_cover")} == set(files["cases"])

    # The substitute: a working copy marked with the owner; writable until the day.
    goal = goal_of(before, case_id)
    gone = [a for a in before["appointments"] if a["case_id"] == case_id][-1]
    with CaseFile.open(paths["recipient"], PASSPHRASE) as cf:
        copy = casework.case_cover(cf, case_id)
        assert copy is not None and copy.copy and copy.name == "Erika Beispiel"
        assert copy.until == UNTIL and copy.key_id == files["ids"]["sender"]
        casework.set_case_notes(cf, case_id, "Notiz der Vertretung")
        added = casework.add_appointment(
            cf, appointment_like(own_appointment, TODAY, "Termin der Vertretung")
        )
        new_goal = casework.add_goal(cf, case_id, goal["life_area"], "Neues Ziel", TODAY)
        casework.update_goal(
            cf,
            goal["id"],
            goal["life_area"],
            "Ziel, von der Vertretung genauer gefasst",
            dt.date.fromisoformat(goal["agreed_on"]),
            dt.date.fromisoformat(goal["due_on"]) if goal.get("due_on") else None,
        )
        casework.delete_appointment(cf, gone["id"])
        theirs_case = records(cf, [case_id])["cases"][0]

    # The return: to the owner only, then read-only and due at the substitute.
    wrong = give_back(files, files["folder"] / "wrong.kimhandover", to="third")
    assert wrong.returncode == 4 and "goes back only to Erika Beispiel" in one_line(wrong)
    back = files["folder"] / "back.kimhandover"
    result = give_back(files, back)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Return ")
    with CaseFile.open(paths["recipient"], PASSPHRASE) as cf:
        copy = casework.case_cover(cf, case_id)
        assert copy is not None and copy.returned_on == TODAY and copy.ended()
        with pytest.raises(RestrictedError) as refused:
            casework.set_case_notes(cf, case_id, "zu spät")
        assert "returned" in refused.value.message
        due = casework.list_retention(cf, TODAY, 3).due
        assert {(i.id, i.reason) for i in due} >= {
            (c, core_retention.COVER_RETURNED) for c in files["cases"]
        }

    # The owner merges: counts per kind, never values.
    merged = run_kim("handover", "import", paths["sender"], back)
    assert merged.returncode == 0, merged.stderr
    out = merged.stdout
    assert "merged into 2 case(s)" in out
    assert "Added: 1 appointment(s), 1 goal(s)." in out
    assert "Taken over: 1 goal(s)." in out
    assert "Deleted: 1 appointment(s)." in out
    assert "Kept side by side for you to decide: 1 case(s)." in out
    assert "Notiz" not in out and "Ziel" not in out
    with CaseFile.open(paths["sender"], PASSPHRASE) as cf:
        after = records(cf, files["cases"])
        ids = {a["id"] for a in after["appointments"]}
        assert {added, mine_added} <= ids and gone["id"] not in ids
        goals = {g["id"]: g for g in after["goals"]}
        assert goals[goal["id"]]["title"] == "Ziel, von der Vertretung genauer gefasst"
        assert new_goal in goals
        the_case = next(c for c in after["cases"] if c["id"] == case_id)
        assert the_case["notes"] == "Notiz der Fallführung"  # never silently overwritten
        assert casework.case_cover(cf, case_id) is None
        found = cover_merge.conflicts(cf, case_id)
        assert len(found) == 1 and found[0].entity == "cases"
        assert found[0].theirs is not None and found[0].mine is not None
        assert found[0].theirs["notes"] == "Notiz der Vertretung"
        assert found[0].mine["notes"] == "Notiz der Fallführung"
        assert cover_merge.conflict_count(cf, case_id) == 1
        # The other case came back unchanged: exactly as before.
        other = [c for c in files["cases"] if c != case_id]
        assert records(cf, other)["cases"] == [c for c in before["cases"] if c["id"] in other]
        casework.set_case_notes(cf, case_id, "weiter bearbeitet")  # writable again

    # A second import of the same file: a no-op.
    again = run_kim("handover", "import", paths["sender"], back)
    assert again.returncode == 0 and "imported already" in again.stdout

    # Deciding: take theirs (CLI), notes and phase history of the substitute.
    listed = run_kim("handover", "conflicts", paths["sender"])
    assert listed.returncode == 0 and f"case {case_id}" in listed.stdout
    assert "Notiz" not in listed.stdout
    conflict_id = listed.stdout.split("\t")[0]
    taken = run_kim("handover", "conflicts", paths["sender"], "--take-theirs", conflict_id)
    assert taken.returncode == 0, taken.stderr
    with CaseFile.open(paths["sender"], PASSPHRASE) as cf:
        assert records(cf, [case_id])["cases"][0] == theirs_case
        assert cover_merge.conflicts(cf) == []

    # The next cover of the same cases: the old copy must be erased first.
    second = files["folder"] / "second.kimhandover"
    assert give_cover(files, second).returncode == 0
    stale = run_kim("handover", "import", paths["recipient"], second)
    assert stale.returncode == 4 and "copy of an earlier cover" in one_line(stale)
    assert run_kim("erase", paths["recipient"], "--due", "--yes").returncode == 0
    fresh = run_kim("handover", "import", paths["recipient"], second)
    assert fresh.returncode == 0, fresh.stderr


def test_keep_mine_and_a_deletion_against_a_change(files) -> None:
    paths = files["paths"]
    case_id = case_with_goal(files)
    covered(files)
    with CaseFile.open(paths["sender"], PASSPHRASE) as cf:
        before = records(cf, [case_id])
    appointment = next(a for a in before["appointments"] if a["case_id"] == case_id)
    with CaseFile.open(paths["sender"], PASSPHRASE) as cf:
        casework.set_case_notes(cf, case_id, "meine")
        casework.update_appointment(
            cf,
            dataclasses.replace(
                appointment_like(appointment, dt.date.fromisoformat(appointment["date"]), "mein"),
                id=appointment["id"],
            ),
        )
    with CaseFile.open(paths["recipient"], PASSPHRASE) as cf:
        casework.set_case_notes(cf, case_id, "ihre")
        casework.delete_appointment(cf, appointment["id"])
    back = files["folder"] / "back.kimhandover"
    assert give_back(files, back).returncode == 0
    merged = run_kim("handover", "import", paths["sender"], back)
    assert merged.returncode == 0, merged.stderr
    assert "Kept side by side for you to decide: 1 appointment(s), 1 case(s)." in merged.stdout
    with CaseFile.open(paths["sender"], PASSPHRASE) as cf:
        found = {c.entity: c for c in cover_merge.conflicts(cf, case_id)}
        assert found["appointments"].theirs is None  # deleted there, changed here
        assert found["appointments"].mine is not None
        cover_merge.decide(cf, found["cases"].id, take_theirs=False)
        cover_merge.decide(cf, found["appointments"].id, take_theirs=True)
        after = records(cf, [case_id])
        assert after["cases"][0]["notes"] == "meine"
        assert appointment["id"] not in {a["id"] for a in after["appointments"]}
        assert cover_merge.conflicts(cf) == []
        with cf.reading_session() as session:
            assert session.scalar(select(func.count()).select_from(MergeConflict)) == 0


# -- refusals ---------------------------------------------------------------------------------


def test_cover_refusals(files) -> None:
    paths = files["paths"]
    digest = sha256(paths["sender"])
    past = give_cover(files, files["folder"] / "p.kimhandover", TODAY - dt.timedelta(days=1))
    assert past.returncode == 2 and "today or later" in one_line(past)
    bad = run_kim(
        "handover",
        "export",
        paths["sender"],
        "--case",
        files["cases"][0],
        "--to",
        files["ids"]["recipient"],
        "--out",
        files["folder"] / "b.kimhandover",
        "--cover-until",
        "morgen",
    )
    assert bad.returncode == 2 and "not a date" in one_line(bad)
    assert sha256(paths["sender"]) == digest
    covered(files)
    # In cover already: neither handed over nor given in cover again.
    again = give_cover(files, files["folder"] / "again.kimhandover")
    assert again.returncode == 4 and "in cover already by Rita Muster" in one_line(again)
    # The substitute cannot pass the copy on, nor give it in cover.
    with (
        CaseFile.open(paths["recipient"], PASSPHRASE) as cf,
        pytest.raises(handover.HandoverRejected),
    ):
        handover.export_handover(
            cf,
            files["cases"],
            files["ids"]["third"],
            files["folder"] / "c.kimhandover",
            True,
            cover_until=UNTIL,
        )
    with (
        CaseFile.open(paths["recipient"], PASSPHRASE) as cf,
        pytest.raises(cover.CoverRejected) as part,
    ):
        handover.export_handover(
            cf, files["cases"][:1], files["ids"]["sender"], files["folder"] / "d.kimhandover", True
        )
    assert "every case of the cover together" in part.value.message


def _forged_return(files: dict[str, Any], sender: str, returns: str) -> bytes:
    """A return of the cases signed by ``sender``'s file, encrypted to the owner."""
    with CaseFile.open(files["paths"][sender], PASSPHRASE) as cf:
        keys = own_keys(cf)
        to = handover.recipient(cf, files["ids"]["sender"])
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
            "created": "2026-01-31T10:00:00+00:00",
            "cases": 1,
        }
        payload = {
            "format": handover.PAYLOAD_FORMAT,
            "handover_id": handover_id,
            "case_ids": files["cases"][:1],
            "document": {
                "format": "kim-casefile",
                "version": 1,
                "cases": [{"id": files["cases"][0]}],
            },
            "phase_history": [],
            "returns": returns,
        }
        return handover.seal(header, payload, keys.signing, to.encryption_key)


def owner_refuses(files: dict[str, Any], data: bytes, name: str = "bad.kimhandover") -> str:
    path = files["folder"] / name
    path.write_bytes(data)
    target = files["paths"]["sender"]
    digest = sha256(target)
    result = run_kim("handover", "import", target, path)
    assert result.returncode == 4, result.stderr
    assert sha256(target) == digest
    return one_line(result)


def test_bad_returns_are_refused_and_write_nothing(files) -> None:
    paths = files["paths"]
    covered(files)
    with CaseFile.open(paths["sender"], PASSPHRASE) as cf, cf.reading_session() as session:
        cover_id = session.scalar(select(CoverBase.handover_id))
    assert cover_id is not None
    # From someone else than the substitute; a cover this file did not send.
    assert "not from the colleague the cover went to" in owner_refuses(
        files, _forged_return(files, "third", cover_id)
    )
    assert "did not send" in owner_refuses(
        files, _forged_return(files, "recipient", str(uuid.uuid4()))
    )
    back = files["folder"] / "back.kimhandover"
    assert give_back(files, back).returncode == 0
    data = back.read_bytes()
    assert "damaged or truncated" in owner_refuses(files, data[:20])
    tampered = bytearray(data)
    tampered[-5] ^= 0x01
    assert owner_refuses(files, bytes(tampered))
    # Addressed to the owner: the third colleague cannot read it.
    third = paths["third"]
    digest = sha256(third)
    misaddressed = run_kim("handover", "import", third, back)
    assert misaddressed.returncode == 4 and "another colleague" in one_line(misaddressed)
    assert sha256(third) == digest
    # Merged once; another return of the same cover is refused, the same file is a no-op.
    assert run_kim("handover", "import", paths["sender"], back).returncode == 0
    assert "merged already" in owner_refuses(files, _forged_return(files, "recipient", cover_id))


# -- the end of the cover ---------------------------------------------------------------------


def test_the_copy_turns_read_only_after_the_day_and_is_due(files) -> None:
    """A cover of last month: sent and imported with the day injected as then, so that
    today lies after its last day (no sleeping, no change of the clock)."""
    paths = files["paths"]
    then = TODAY - dt.timedelta(days=40)
    until = then + dt.timedelta(days=10)
    out = files["folder"] / "old.kimhandover"
    with CaseFile.open(paths["sender"], PASSPHRASE) as cf:
        sent = handover.export_handover(
            cf, files["cases"], files["ids"]["recipient"], out, True, today=then, cover_until=until
        )
    assert sent.cover_until == until
    with CaseFile.open(paths["recipient"], PASSPHRASE) as cf:
        got = handover_import.import_handover(cf, out, today=then)
        assert got.cover_until == until
        copy = casework.case_cover(cf, files["cases"][0])
        assert copy is not None and copy.ended() and not copy.ended(until)
        with pytest.raises(RestrictedError) as refused:
            casework.set_case_notes(cf, files["cases"][0], "zu spät")
        assert refused.value.message.endswith(f"the cover ended on {until}; the copy is read-only")
        due = casework.list_retention(cf, TODAY, 3).due
        assert {(i.id, i.reason, i.due_on) for i in due if i.kind == "case"} >= {
            (c, core_retention.COVER_ENDED, until + dt.timedelta(days=1)) for c in files["cases"]
        }
    # Returning is still possible after the day (that is what it is for) …
    back = files["folder"] / "back.kimhandover"
    assert give_back(files, back).returncode == 0
    # … and the copy is erased with everything due.
    erased = run_kim("erase", paths["recipient"], "--due", "--yes")
    assert erased.returncode == 0, erased.stderr
    with CaseFile.open(paths["recipient"], PASSPHRASE) as cf, cf.reading_session() as session:
        left = session.scalar(
            select(func.count()).select_from(Case).where(Case.id.in_(files["cases"]))
        )
    assert left == 0
    merged = run_kim("handover", "import", paths["sender"], back)
    assert merged.returncode == 0, merged.stderr
    assert "Kept side by side for you to decide: none." in merged.stdout


def test_the_copy_is_writable_until_and_including_the_day(files) -> None:
    paths = files["paths"]
    out = files["folder"] / "today.kimhandover"
    assert give_cover(files, out, TODAY).returncode == 0
    assert run_kim("handover", "import", paths["recipient"], out).returncode == 0
    with CaseFile.open(paths["recipient"], PASSPHRASE) as cf:
        casework.set_case_notes(cf, files["cases"][0], "heute noch")
        copy = casework.case_cover(cf, files["cases"][0])
        assert copy is not None and not copy.ended()
        assert copy.ended(TODAY + dt.timedelta(days=1))
        soon = casework.list_retention(cf, TODAY, 3).soon
        assert any(i.reason == core_retention.COVER_ENDED for i in soon)


def test_cover_header_and_bases_hold_no_values(files) -> None:
    out = files["folder"] / "cover.kimhandover"
    assert give_cover(files, out).returncode == 0
    header, _prefix = handover.read_header(out.read_bytes(), out.name)
    assert header[handover.COVER_FIELD] == UNTIL.isoformat()
    with CaseFile.open(files["paths"]["sender"], PASSPHRASE) as cf:
        with cf.reading_session() as session:
            digests = list(session.scalars(select(CoverBase.digest)))
        assert all(len(d) == 64 and int(d, 16) >= 0 for d in digests)
        document = records(cf, files["cases"])
    names = [c["family_name"] for c in document["clients"]]
    assert not any(name in json.dumps(digests) for name in names)


# -- figures: the case stays the owner's ----------------------------------------------------------


def test_a_cover_copy_is_never_counted_by_the_substitute(files) -> None:
    """The substitute's figures of every period stay what they were with the copy in the
    file, and what the substitute recorded is counted by the owner once it came back."""
    periods = [str(TODAY.year - 1), str(TODAY.year), f"{TODAY.year}-01-01..{UNTIL}"]
    paths = files["paths"]

    def figures(path: Path) -> dict[str, dict[str, int]]:
        with CaseFile.open(path, PASSPHRASE) as cf, cf.reading() as conn:
            return {p: residue.additive_figures(conn, parse_period(p), None) for p in periods}

    substitute_before = figures(paths["recipient"])
    owner_before = figures(paths["sender"])
    covered(files)
    assert figures(paths["recipient"]) == substitute_before
    assert figures(paths["sender"]) == owner_before  # the owner still counts the cases
    with CaseFile.open(paths["sender"], PASSPHRASE) as cf:
        document = records(cf, files["cases"])
    record = next(a for a in document["appointments"] if a.get("case_id") in files["cases"])
    with CaseFile.open(paths["recipient"], PASSPHRASE) as cf:
        casework.add_appointment(cf, appointment_like(record, TODAY, "in Vertretung"))
    assert figures(paths["recipient"]) == substitute_before
    back = files["folder"] / "back.kimhandover"
    assert give_back(files, back).returncode == 0
    merged = run_kim("handover", "import", paths["sender"], back)
    assert merged.returncode == 0, merged.stderr
    after = figures(paths["sender"])[str(TODAY.year)]
    assert after["appointments.total"] == owner_before[str(TODAY.year)]["appointments.total"] + 1
