"""The agreed steps of a goal in core (issue 16, core/casework/steps.py) on a real encrypted
file: added, corrected, marked done, removed, listed with their goal; refused with the field
named and nothing written; guarded like the goal's other writes; audited by id, never by
content; gone with their goal."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import PASSPHRASE, run_kim
from pypdf import PdfReader
from sqlalchemy import func, select
from test_casework import a_case, audit_since, last_audit_id, rejects

from kim_desktop.core import casework as cw
from kim_desktop.core.casefile.models import AuditEntry, GoalStep
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework import restriction
from kim_desktop.core.casework.steps import STEP_TEXT_MAX, STEP_WHO_MAX
from kim_desktop.core.documents import document_data
from kim_desktop.core.errors import RestrictedError, UnknownRecord
from kim_desktop.core.sync import handover
from kim_desktop.reports import goal_agreement

D = dt.date
SECRET = "Geheimschritt-Kq4"  # planted in every step text: never in the audit trail


@pytest.fixture(scope="module")
def cf(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CaseFile]:
    path: Path = tmp_path_factory.mktemp("steps") / "steps.kim"
    with CaseFile.create(path, PASSPHRASE, role="casemanager", owner="Test") as casefile:
        cw.add_municipality(casefile, "Moers")
        yield casefile


def a_goal(casefile: CaseFile) -> tuple[str, str]:
    case_id, _ = a_case(casefile)
    goal_id = cw.add_goal(casefile, case_id, "housing", "Eine Wohnung finden", D(2025, 3, 1))
    return case_id, goal_id


def test_add_correct_complete_and_remove_steps(cf: CaseFile) -> None:
    case_id, goal_id = a_goal(cf)
    start = last_audit_id(cf)
    first = cw.add_step(cf, goal_id, f"  Wohnberechtigungsschein beantragen {SECRET} ", "Klientin")
    second = cw.add_step(
        cf,
        goal_id,
        f"Termin bei der Wohnungsgesellschaft {SECRET}",
        "Case Management",
        due_on=D(2025, 3, 20),
    )
    third = cw.add_step(cf, goal_id, "Unterlagen kopieren", None, D(2025, 3, 10), D(2025, 3, 5))
    steps = cw.get_case(cf, case_id).goals[0].steps
    assert [s.id for s in steps] == [first, second, third]
    assert [s.position for s in steps] == [0, 1, 2]
    assert steps[0] == cw.StepData(
        first, goal_id, 0, f"Wohnberechtigungsschein beantragen {SECRET}", "Klientin", None, None
    )
    assert steps[2].done and steps[2].done_on == D(2025, 3, 5)
    assert cw.list_steps(cf, goal_id) == steps

    cw.update_step(cf, second, "Termin bei der LEG", "Frau K. vom Jobcenter", D(2025, 4, 1))
    assert cw.list_steps(cf, goal_id)[1].done_on is None
    cw.set_step_done(cf, second, D(2025, 3, 28))
    changed = cw.list_steps(cf, goal_id)[1]
    assert (changed.what, changed.who, changed.due_on, changed.done_on) == (
        "Termin bei der LEG",
        "Frau K. vom Jobcenter",
        D(2025, 4, 1),
        D(2025, 3, 28),
    )
    cw.set_step_done(cf, second, None)  # not done after all
    assert not cw.list_steps(cf, goal_id)[1].done
    cw.update_step(cf, second, "Termin bei der LEG", "  ", None)  # blank who: none
    assert cw.list_steps(cf, goal_id)[1].who is None

    cw.delete_step(cf, first)
    assert [s.id for s in cw.list_steps(cf, goal_id)] == [second, third]
    fourth = cw.add_step(cf, goal_id, "Besichtigung")
    assert cw.list_steps(cf, goal_id)[-1].id == fourth
    assert cw.list_steps(cf, goal_id)[-1].position == 3  # after the last, never reused

    changes = audit_since(cf, start)
    assert ("create", "goal_steps", first) in changes
    assert ("update", "goal_steps", second) in changes
    assert ("delete", "goal_steps", first) in changes
    with cf.reading() as conn:
        for row in conn.execute(select(AuditEntry.__table__)):
            assert SECRET not in " ".join(str(value) for value in row)


def test_bad_steps_are_refused_naming_the_field(cf: CaseFile) -> None:
    _, goal_id = a_goal(cf)
    step = cw.add_step(cf, goal_id, "Anmeldung zum Sprachkurs")
    rejects(cf, "what", cw.add_step, goal_id, "   ")
    rejects(cf, "what", cw.add_step, goal_id, None)
    rejects(cf, "what", cw.add_step, goal_id, "x" * (STEP_TEXT_MAX + 1))
    rejects(cf, "who", cw.add_step, goal_id, "Kurs", "y" * (STEP_WHO_MAX + 1))
    rejects(cf, "who", cw.add_step, goal_id, "Kurs", 7)
    rejects(cf, "due_on", cw.add_step, goal_id, "Kurs", None, "2025-04-01")
    rejects(cf, "due_on", cw.add_step, goal_id, "Kurs", None, dt.datetime(2025, 4, 1, 9))
    rejects(cf, "due_on", cw.add_step, goal_id, "Kurs", None, D(2025, 2, 28))  # before agreed
    rejects(cf, "done_on", cw.add_step, goal_id, "Kurs", None, None, D(2025, 2, 1))
    rejects(cf, "goal_id", cw.add_step, "no-such-goal", "Kurs", error=UnknownRecord)
    rejects(cf, "what", cw.update_step, step, "")
    rejects(cf, "due_on", cw.update_step, step, "Kurs", None, D(2024, 1, 1))
    rejects(cf, "done_on", cw.update_step, step, "Kurs", None, None, D(2024, 1, 1))
    rejects(cf, "step_id", cw.update_step, "no-such-step", "Kurs", error=UnknownRecord)
    rejects(cf, "done_on", cw.set_step_done, step, D(2025, 2, 27))
    rejects(cf, "step_id", cw.set_step_done, "no-such-step", None, error=UnknownRecord)
    rejects(cf, "step_id", cw.delete_step, "no-such-step", error=UnknownRecord)
    assert [s.what for s in cw.list_steps(cf, goal_id)] == ["Anmeldung zum Sprachkurs"]


def test_steps_go_with_their_goal(cf: CaseFile) -> None:
    case_id, goal_id = a_goal(cf)
    steps = [cw.add_step(cf, goal_id, f"Schritt {n}") for n in range(3)]
    other = cw.add_goal(cf, case_id, "work", "Arbeit finden", D(2025, 3, 2))
    kept = cw.add_step(cf, other, "Lebenslauf schreiben")
    start = last_audit_id(cf)
    cw.delete_goal(cf, goal_id)
    changes = audit_since(cf, start)
    assert {("delete", "goal_steps", s) for s in steps} <= set(changes)  # each one named
    assert cw.get_case(cf, case_id).goals[0].steps[0].id == kept
    with cf.reading() as conn:
        left = conn.scalar(
            select(func.count()).select_from(GoalStep).where(GoalStep.goal_id == goal_id)
        )
    assert left == 0
    # The database keeps the rule too: a step of a goal removed otherwise goes with it.
    with cf.transaction() as session:
        session.connection().exec_driver_sql("DELETE FROM goals WHERE id = ?", (other,))
    assert cw.list_steps(cf, other) == ()


def test_steps_of_a_read_only_case_are_refused(new_casefile: CaseFile) -> None:
    cf = new_casefile
    cw.add_municipality(cf, "Moers")
    restricted_case, people = a_case(cf)
    goal_id = cw.add_goal(cf, restricted_case, "housing", "Wohnung", D(2025, 3, 1))
    step = cw.add_step(cf, goal_id, "Antrag stellen")
    cw.restrict_client(cf, people[0], restriction.LEGAL_CLAIMS, D(2025, 4, 1))
    for write, args in (
        (cw.add_step, (goal_id, "Noch ein Schritt")),
        (cw.update_step, (step, "Anders")),
        (cw.set_step_done, (step, D(2025, 4, 2))),
        (cw.delete_step, (step,)),
    ):
        rejects(cf, "case_id", write, *args, error=RestrictedError)
    cw.lift_restriction(cf, people[0])

    handed, _ = a_case(cf)
    handed_goal = cw.add_goal(cf, handed, "work", "Arbeit", D(2025, 3, 1))
    handed_step = cw.add_step(cf, handed_goal, "Bewerbung schreiben")
    handover.mark_handed_over(cf, [handed], "c011ea9e" * 4, "Kollegin", D(2025, 5, 1), "h-1")
    rejects(cf, "case_id", cw.set_step_done, handed_step, D(2025, 5, 2), error=RestrictedError)
    rejects(cf, "case_id", cw.add_step, handed_goal, "Neu", error=RestrictedError)


# -- the goal agreement -----------------------------------------------------------------------


def agreement_text(data: document_data.GoalAgreementData, language: str = "de") -> str:
    buffer = io.BytesIO()
    goal_agreement.build_goal_agreement(data, buffer, language=language)
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_goal_agreement_prints_the_stored_steps(new_casefile: CaseFile) -> None:
    cf = new_casefile
    cw.add_municipality(cf, "Moers")
    case_id, _ = a_case(cf)
    housing = cw.add_goal(cf, case_id, "housing", "Eine Wohnung finden", D(2025, 3, 1))
    cw.add_goal(cf, case_id, "work", "Arbeit finden", D(2025, 3, 1))
    first = cw.add_step(cf, housing, "WBS beantragen", "Klientin", D(2025, 3, 14))
    cw.add_step(cf, housing, "Termin bei der LEG vereinbaren", "Frau K. vom Jobcenter")
    cw.set_step_done(cf, first, D(2025, 3, 12))
    data = document_data.goal_agreement_data(cf, case_id, D(2025, 3, 15))
    assert [len(g.steps) for g in data.goals] == [2, 0]

    text = agreement_text(data)
    steps = text[text.index("Vereinbarte Schritte") :]
    assert "Bereits vereinbarte Schritte sind eingetragen" in steps
    assert re.search(r"WBS beantragen\s*Klientin\s*14\.03\.2025\s*erledigt am 12\.03\.2025", steps)
    assert "Termin bei der LEG vereinbaren Frau K. vom Jobcenter" in steps
    assert steps.count("erledigt am") == 1  # the open step is not marked
    assert "Arbeit finden" in steps  # a goal without steps keeps its empty lines

    both = agreement_text(data, "ar")
    assert "erledigt am 12.03.2025" in both and "12.03.2025" in both.split("erledigt am")[1]
    assert "WBS beantragen" in both  # the step as recorded, not translated


# -- command line: the demo has steps, export-json says it leaves them out ----------------------


def test_demo_has_steps_and_export_json_says_it_leaves_them_out(tmp_path: Path) -> None:
    path = tmp_path / "demo.kim"
    made = run_kim("demo", path, "--clients", "30", "--seed", "2")
    assert made.returncode == 0, made.stderr
    steps = int(re.search(r"(\d+) agreed steps", made.stdout)[1])  # type: ignore[index]
    assert steps > 0
    with CaseFile.open(path, PASSPHRASE) as casefile, casefile.reading() as conn:
        stored = conn.scalar(select(func.count()).select_from(GoalStep))
        done = conn.scalar(
            select(func.count()).select_from(GoalStep).where(GoalStep.done_on.is_not(None))
        )
    assert stored == steps and 0 < (done or 0) < steps

    out = tmp_path / "export.json"
    exported = run_kim("export-json", path, out)
    assert exported.returncode == 0, exported.stderr
    warnings = [line for line in exported.stderr.splitlines() if "agreed step" in line]
    assert warnings == [
        f"kim: warning: {steps} agreed step(s) of goals are not in the export: the "
        "interchange format has no field for them (they stay in the case file)."
    ]
    assert "agreed step" not in out.read_text("utf-8")

    plain = tmp_path / "plain.kim"
    assert run_kim("init", plain, "--role", "casemanager", "--owner", "T").returncode == 0
    quiet = run_kim("export-json", plain, tmp_path / "plain.json")
    assert quiet.returncode == 0 and "agreed step" not in quiet.stderr
