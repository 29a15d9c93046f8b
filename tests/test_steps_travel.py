"""Agreed steps travel with a handover and a cover (issue 16; core/sync/carried_steps.py):
the payload carries the goals' steps beside the interchange document, the recipient checks
them strictly and writes them with the cases, a cover's return merges them by record id.
The handover tests' files (tests/test_handover.py), the real ``kim``, real encrypted files."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
import test_handover
from conftest import PASSPHRASE, run_kim, sha256
from sqlalchemy import func, select
from test_cover import covered, give_back, owner_refuses
from test_handover import _sealed, audit_of, export, refused

from kim_desktop.core import casework
from kim_desktop.core.casefile.models import CoverBase, Goal, GoalStep, MergeConflict
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import RestrictedError
from kim_desktop.core.sync import carried_steps, cover_merge, erasure, handover
from kim_desktop.core.sync.keys import b64, key_id, own_keys

master = test_handover.master
files = test_handover.files
AGREED = dt.date(2025, 11, 3)
SECRET = "Schuldnerberatung Frau Geheimname"  # a step's text never shows in a message


def steps_here(path: Any, case_ids: list[str]) -> list[dict[str, Any]]:
    with CaseFile.open(path, PASSPHRASE) as cf:
        return carried_steps.steps_of(cf, case_ids)


def with_goals_and_steps(files: dict[str, Any]) -> dict[str, Any]:
    """In the sender's file: a goal in each handed-over case, with steps of every shape
    (who or not, due or not, done or not). Returns their ids."""
    made: dict[str, Any] = {"goals": [], "steps": []}
    with CaseFile.open(files["paths"]["sender"], PASSPHRASE) as cf:
        for number, case_id in enumerate(files["cases"]):
            goal = casework.add_goal(cf, case_id, "housing", f"Wohnung finden {number}", AGREED)
            made["goals"].append(goal)
            made["steps"] += [
                casework.add_step(cf, goal, "Bewerbung abgeben", "Klientin", AGREED, AGREED),
                casework.add_step(cf, goal, SECRET, None, dt.date(2026, 1, 15)),
                casework.add_step(cf, goal, "Unterlagen sammeln"),
            ]
    return made


# -- a handover -------------------------------------------------------------------------------


def test_a_handover_keeps_the_steps_identical_and_the_sender_read_only(files) -> None:
    made = with_goals_and_steps(files)
    paths, cases = files["paths"], files["cases"]
    before = steps_here(paths["sender"], cases)
    assert len(before) == 6 and {"who", "due_on", "done_on"} <= set(before[0]) | set(before[1])
    out = files["folder"] / "steps.kimhandover"
    result = export(files, out)
    assert result.returncode == 0, result.stderr

    with CaseFile.open(paths["sender"], PASSPHRASE) as cf:
        with pytest.raises(RestrictedError):
            casework.add_step(cf, made["goals"][0], "später")
        with pytest.raises(RestrictedError):
            casework.set_step_done(cf, made["steps"][2], dt.date(2025, 12, 1))
        with pytest.raises(RestrictedError):
            casework.delete_step(cf, made["steps"][0])

    received = run_kim("handover", "import", paths["recipient"], out)
    assert received.returncode == 0, received.stderr
    assert steps_here(paths["recipient"], cases) == before
    with CaseFile.open(paths["recipient"], PASSPHRASE) as cf:
        assert [s.id for s in casework.list_steps(cf, made["goals"][0])] == made["steps"][:3]
        casework.set_step_done(cf, made["steps"][2], dt.date(2025, 12, 1))  # workable here

    # The sender erases the handed-over cases: their goals' steps go with them.
    with CaseFile.open(paths["sender"], PASSPHRASE) as cf:
        for case_id in cases:
            erasure.erase(cf, erasure.plan_case(cf, case_id))
        with cf.reading_session() as session:
            assert session.scalar(select(func.count()).select_from(GoalStep)) == 0


def test_a_handover_from_before_steps_travelled_imports_without_steps(files) -> None:
    made = with_goals_and_steps(files)
    data = _sealed(files)  # the payload as written before: no "goal_steps"
    path = files["folder"] / "old.kimhandover"
    path.write_bytes(data)
    result = run_kim("handover", "import", files["paths"]["recipient"], path)
    assert result.returncode == 0, result.stderr
    with CaseFile.open(files["paths"]["recipient"], PASSPHRASE) as cf:
        assert cf.verify() == []
        with cf.reading_session() as session:
            assert session.get(Goal, made["goals"][0]) is not None
            assert session.scalar(select(func.count()).select_from(GoalStep)) == 0


def _with_steps(change: Any) -> Any:
    """A payload change: the sender's real steps of the first case, then ``change``."""

    def apply(payload: dict[str, Any]) -> None:
        with CaseFile.open(_with_steps.sender, PASSPHRASE) as cf:  # type: ignore[attr-defined]
            steps = carried_steps.steps_of(cf, payload["case_ids"])
        # the step the expected messages name comes first, whatever the ids' order
        first = getattr(_with_steps, "first", None)
        payload[carried_steps.STEPS_FIELD] = sorted(steps, key=lambda s: s["id"] != first)
        change(payload[carried_steps.STEPS_FIELD])

    return apply


def test_tampered_steps_refuse_the_whole_file(files) -> None:
    made = with_goals_and_steps(files)
    _with_steps.sender = files["paths"]["sender"]  # type: ignore[attr-defined]
    first = made["steps"][0]
    _with_steps.first = first  # type: ignore[attr-defined]
    other_case_goal = made["goals"][1]  # a goal, but not of the handed-over case

    def setting(field: str, value: Any) -> Any:
        return lambda steps: steps[0].update({field: value})

    tampered = {
        "bad date": (setting("due_on", "2025-02-30"), f"agreed step {first}: due_on"),
        "German date": (setting("done_on", "31.12.2025"), f"agreed step {first}: done_on"),
        "week date": (setting("due_on", "2025-W01-1"), f"agreed step {first}: due_on"),
        "unknown goal": (setting("goal_id", "nope"), f"agreed step {first}: goal_id"),
        "another case's goal": (
            setting("goal_id", other_case_goal),
            f"agreed step {first}: goal_id",
        ),
        "duplicate id": (
            lambda steps: steps[1].update(id=first),
            f"agreed step {first}: id: listed twice",
        ),
        "over-long what": (setting("what", SECRET * 20), f"agreed step {first}: what"),
        "over-long who": (setting("who", SECRET * 10), f"agreed step {first}: who"),
        "blank what": (setting("what", "   "), f"agreed step {first}: what"),
        "what not text": (setting("what", 5), f"agreed step {first}: what"),
        "negative position": (setting("position", -1), f"agreed step {first}: position"),
        "position a flag": (setting("position", True), f"agreed step {first}: position"),
        "missing what": (lambda steps: steps[0].pop("what"), f"agreed step {first}: what"),
        "strange field": (setting("note", SECRET), f"agreed step {first}: fields"),
        "no id": (lambda steps: steps[0].pop("id"), "agreed step #1: id"),
        "not a record": (lambda steps: steps.append("x"), "agreed step #4: not a record"),
    }
    for label, (change, said) in tampered.items():
        line = refused(files, _sealed(files, _with_steps(change)))
        assert said in line and "nothing imported" in line, (label, line)
        assert SECRET not in line and "Geheimname" not in line, label
    not_a_list = refused(
        files, _sealed(files, lambda p: p.update({carried_steps.STEPS_FIELD: {"id": first}}))
    )
    assert "agreed steps: not a list" in not_a_list


def test_a_step_id_the_recipient_has_refuses_the_whole_file(files) -> None:
    made = with_goals_and_steps(files)
    paths = files["paths"]
    second = files["folder"] / "second.kimhandover"
    assert export(files, second, files["cases"][1]).returncode == 0
    assert run_kim("handover", "import", paths["recipient"], second).returncode == 0
    _with_steps.sender = paths["sender"]  # type: ignore[attr-defined]
    taken = made["steps"][3]  # a step of the second case, in the recipient's file now
    digest = sha256(paths["recipient"])
    line = refused(files, _sealed(files, _with_steps(lambda s: s[0].update(id=taken))))
    assert f"agreed step {taken}: id: in this file already" in line
    assert sha256(paths["recipient"]) == digest
    with CaseFile.open(paths["recipient"], PASSPHRASE) as cf, cf.reading_session() as session:
        assert session.get(Goal, made["goals"][0]) is None  # nothing of the file written


# -- a cover ----------------------------------------------------------------------------------


def _step(cf: CaseFile, step_id: str) -> casework.StepData | None:
    with cf.reading() as conn:
        found = select(GoalStep.goal_id).where(GoalStep.id == step_id)
        goal_id = conn.scalar(found)
    if goal_id is None:
        return None
    return next(s for s in casework.list_steps(cf, goal_id) if s.id == step_id)


def test_a_cover_carries_the_steps_and_its_return_merges_them_by_id(files) -> None:
    made = with_goals_and_steps(files)
    paths, cases = files["paths"], files["cases"]
    goal, other_goal = made["goals"]
    changed_there, deleted_there, both_changed = made["steps"][:3]
    deleted_against_change, owner_changed, _unchanged = made["steps"][3:]
    before = steps_here(paths["sender"], cases)
    covered(files)
    assert steps_here(paths["recipient"], cases) == before  # the substitute's copy

    with CaseFile.open(paths["sender"], PASSPHRASE) as cf:  # the owner, meanwhile
        casework.update_step(cf, both_changed, "Termin beim Jobcenter", "Fallführung")
        casework.update_step(cf, deleted_against_change, "Antrag stellen", "Fallführung")
        casework.set_step_done(cf, owner_changed, dt.date(2026, 1, 2))
        own_new = casework.add_step(cf, goal, "Mietvertrag prüfen")
    with CaseFile.open(paths["recipient"], PASSPHRASE) as cf:  # the substitute
        casework.update_step(cf, changed_there, "Bewerbung abgegeben", "Klientin", AGREED, AGREED)
        casework.delete_step(cf, deleted_there)
        casework.update_step(cf, both_changed, "Termin bei der Tafel", "Vertretung")
        casework.delete_step(cf, deleted_against_change)
        added_there = casework.add_step(cf, other_goal, "Wohnberechtigungsschein beantragen")
        casework.update_goal(cf, goal, "housing", "Wohnung finden, genauer", AGREED)
        theirs = {s["id"]: s for s in carried_steps.steps_of(cf, cases)}
    back = files["folder"] / "back.kimhandover"
    assert give_back(files, back).returncode == 0

    merged = run_kim("handover", "import", paths["sender"], back)
    assert merged.returncode == 0, merged.stderr
    out = merged.stdout
    assert "Added: 1 agreed step(s)." in out
    assert "Taken over: 1 agreed step(s), 1 goal(s)." in out
    assert "Deleted: 1 agreed step(s)." in out
    assert "Kept side by side for you to decide: 2 agreed step(s)." in out
    assert "Tafel" not in out and "Jobcenter" not in out

    with CaseFile.open(paths["sender"], PASSPHRASE) as cf:
        after = {s["id"]: s for s in carried_steps.steps_of(cf, cases)}
        assert after[changed_there] == theirs[changed_there]  # taken over
        assert after[added_there] == theirs[added_there]  # added
        assert deleted_there not in after  # deleted there, unchanged here
        assert after[both_changed]["what"] == "Termin beim Jobcenter"  # mine stays
        assert after[deleted_against_change]["what"] == "Antrag stellen"  # kept
        assert after[owner_changed]["done_on"] == "2026-01-02"  # changed here only
        assert own_new in after  # the goal taken over in place keeps the owner's new step
        with cf.reading_session() as session:
            assert session.get(Goal, goal).title == "Wohnung finden, genauer"  # type: ignore[union-attr]
        found = {c.record_id: c for c in cover_merge.conflicts(cf)}
        assert set(found) == {both_changed, deleted_against_change}
        assert found[both_changed].entity == carried_steps.STEP_ENTITY
        assert found[both_changed].case_id == cases[0]
        assert found[both_changed].theirs == theirs[both_changed]
        assert found[both_changed].mine == after[both_changed]
        assert found[deleted_against_change].theirs is None
        audited = audit_of(cf, carried_steps.STEP_ENTITY)
        assert ("create", added_there) in audited and ("update", changed_there) in audited
        assert ("delete", deleted_there) in audited

    listed = run_kim("handover", "conflicts", paths["sender"])
    assert listed.returncode == 0 and f"goal_steps {both_changed}" in listed.stdout
    assert "Tafel" not in listed.stdout
    ids = {
        line.split("\t")[2].split()[1]: line.split("\t")[0]
        for line in listed.stdout.split("\n")
        if line
    }
    for record_id in (both_changed, deleted_against_change):
        taken = run_kim("handover", "conflicts", paths["sender"], "--take-theirs", ids[record_id])
        assert taken.returncode == 0, taken.stderr
    with CaseFile.open(paths["sender"], PASSPHRASE) as cf:
        after = {s["id"]: s for s in carried_steps.steps_of(cf, cases)}
        assert after[both_changed] == theirs[both_changed]
        assert deleted_against_change not in after
        assert cover_merge.conflicts(cf) == []

    # The substitute's returned copy is erased with its steps.
    assert run_kim("erase", paths["recipient"], "--due", "--yes").returncode == 0
    assert steps_here(paths["recipient"], cases) == []


def test_a_goal_and_its_steps_are_never_parted_by_a_merge(files) -> None:
    made = with_goals_and_steps(files)
    paths, cases = files["paths"], files["cases"]
    goal, other_goal = made["goals"]
    covered(files)
    with CaseFile.open(paths["sender"], PASSPHRASE) as cf:
        mine_new = casework.add_step(cf, goal, "Nachweis einreichen")  # the owner's new step
        casework.delete_goal(cf, other_goal)  # the owner deletes a goal the copy has
    with CaseFile.open(paths["recipient"], PASSPHRASE) as cf:
        casework.delete_goal(cf, goal)  # the substitute deletes the goal with its steps
        orphan = casework.add_step(cf, other_goal, "Kaution klären")
    back = files["folder"] / "back.kimhandover"
    assert give_back(files, back).returncode == 0
    merged = run_kim("handover", "import", paths["sender"], back)
    assert merged.returncode == 0, merged.stderr
    assert "Kept side by side for you to decide: 1 agreed step(s), 1 goal(s)." in merged.stdout
    # The substitute's deletion of the goal's three unchanged steps goes through.
    assert "Deleted: 3 agreed step(s)." in merged.stdout
    with CaseFile.open(paths["sender"], PASSPHRASE) as cf:
        with cf.reading_session() as session:
            assert session.get(Goal, goal) is not None  # kept: it has the owner's new step
            assert session.get(Goal, other_goal) is None
        assert [s.id for s in casework.list_steps(cf, goal)] == [mine_new]
        found = {c.record_id: c for c in cover_merge.conflicts(cf, cases[0])}
        assert found[goal].theirs is None
        orphan_conflict = next(c for c in cover_merge.conflicts(cf) if c.record_id == orphan)
        assert orphan_conflict.mine is None and orphan_conflict.theirs is not None
        # Taking the step of a goal this file no longer has: refused, named, nothing written.
        with pytest.raises(cover_merge.CoverRejected) as refusal:
            cover_merge.decide(cf, orphan_conflict.id, take_theirs=True)
        assert "goal_id: the goal is not in this file" in refusal.value.message
        assert "Kaution" not in refusal.value.message
        # Taking the substitute's deletion of the goal deletes its steps, each audited.
        cover_merge.decide(cf, found[goal].id, take_theirs=True)
        assert casework.list_steps(cf, goal) == ()
        assert ("delete", mine_new) in audit_of(cf, carried_steps.STEP_ENTITY)
        cover_merge.decide(cf, orphan_conflict.id, take_theirs=False)
        with cf.reading_session() as session:
            assert session.scalar(select(func.count()).select_from(MergeConflict)) == 0


def _return_with(files: dict[str, Any], change: Any) -> bytes:
    """The substitute's real return of the cover (signed, encrypted to the owner) with its
    steps changed by ``change`` before sealing (a trusted colleague's hostile content)."""
    with (
        CaseFile.open(files["paths"]["sender"], PASSPHRASE) as cf,
        cf.reading_session() as session,
    ):
        cover_id = session.scalar(select(CoverBase.handover_id))
    with CaseFile.open(files["paths"]["recipient"], PASSPHRASE) as cf:
        keys = own_keys(cf)
        to = handover.recipient(cf, files["ids"]["sender"])
        assert to.encryption_key is not None
        handover_id = str(uuid.uuid4())
        cases = files["cases"]
        header = {
            "format": handover.FORMAT,
            "version": handover.VERSION,
            "handover_id": handover_id,
            "district": "RSK",
            "sender_key_id": keys.signing_key_id,
            "sender_signing_key": b64(keys.signing_public),
            "recipient_key_id": key_id(to.encryption_key),
            "created": handover.wire.now(),
            "cases": len(cases),
        }
        steps = carried_steps.steps_of(cf, cases)
        change(steps)
        payload = {
            "format": handover.PAYLOAD_FORMAT,
            "handover_id": handover_id,
            "case_ids": cases,
            "document": handover._document(cf, cases),
            "phase_history": handover.phase_history(cf, cases),
            carried_steps.STEPS_FIELD: steps,
            "returns": cover_id,
        }
        return handover.seal(header, payload, keys.signing, to.encryption_key)


def test_a_cover_return_with_tampered_steps_is_refused(files) -> None:
    """A return is checked like any handover: a bad step refuses it, the owner's file
    unchanged; the same return untampered merges."""
    with_goals_and_steps(files)
    covered(files)
    changed: dict[str, str] = {}

    def first_step(**update: Any) -> Any:
        def change(steps: list[dict[str, Any]]) -> None:
            changed["id"] = steps[0]["id"]  # the ids are random: whichever step is first
            steps[0].update(update)

        return change

    for change, field in (
        (first_step(due_on="2026-13-01"), "due_on"),
        (first_step(goal_id="nope"), "goal_id"),
        (first_step(what=SECRET * 20), "what"),
    ):
        line = owner_refuses(files, _return_with(files, change))
        assert f"agreed step {changed['id']}: {field}" in line and SECRET not in line
    path = files["folder"] / "fine.kimhandover"
    path.write_bytes(_return_with(files, lambda steps: None))
    merged = run_kim("handover", "import", files["paths"]["sender"], path)
    assert merged.returncode == 0, merged.stderr
    assert (
        "Added: none." in merged.stdout and "side by side for you to decide: none" in merged.stdout
    )
