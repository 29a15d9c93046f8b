"""Correcting and removing case records in core (docs/corrections.md): assessments, goals,
referrals, consents and appointments, on a real encrypted file.

Every correction and removal goes through the transaction door, so the audit trail names
the action, table and record id; no audit column ever holds the content. Refusals change
nothing (``rejects`` compares every table and the file's bytes)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import PASSPHRASE
from sqlalchemy import select
from test_casework import a_case, audit_since, counselling, last_audit_id, rejects

from kim_desktop.core import casework as cw
from kim_desktop.core.casefile.models import AuditEntry
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework.consents import FORM_VERSION_MAX
from kim_desktop.core.casework.plans import (
    ASSESSMENT_NOTES_MAX,
    GOAL_TEXT_MAX,
    ORGANISATION_MAX,
)
from kim_desktop.core.errors import UnknownRecord

D = dt.date
SECRET = "Geheimnis-Xq7"  # planted in every text; must never reach the audit trail


@pytest.fixture(scope="module")
def cf(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CaseFile]:
    path: Path = tmp_path_factory.mktemp("corrections") / "corrections.kim"
    with CaseFile.create(path, PASSPHRASE, role="casemanager", owner="Test") as casefile:
        cw.add_municipality(casefile, "Moers")
        yield casefile


def no_content_in_audit(casefile: CaseFile) -> None:
    with casefile.reading() as conn:
        for row in conn.execute(select(AuditEntry.__table__)):
            assert SECRET not in " ".join(str(value) for value in row)


def test_update_and_remove_an_assessment(cf: CaseFile) -> None:
    case_id, people = a_case(cf, household=1)
    first = cw.add_assessment(cf, case_id, D(2025, 2, 1), {"housing": 3, "work": 1})
    start = last_audit_id(cf)
    cw.update_assessment(
        cf, first, D(2025, 2, 2), {"work": 2, "language": 0}, client_id=people[1], notes=SECRET
    )
    stored = cw.get_case(cf, case_id).assessments[0]
    assert stored == cw.AssessmentData(
        first, D(2025, 2, 2), people[1], {"work": 2, "language": 0}, SECRET
    )
    assert list(stored.ratings) == ["work", "language"]  # the order entered
    changes = audit_since(cf, start)
    assert ("update", "assessments", first) in changes
    assert ("delete", "assessment_ratings", f"{first}/housing") in changes
    assert ("create", "assessment_ratings", f"{first}/language") in changes
    assert ("update", "assessment_ratings", f"{first}/work") in changes

    rejects(cf, "ratings", cw.update_assessment, first, D(2025, 2, 2), {})
    rejects(cf, "ratings", cw.update_assessment, first, D(2025, 2, 2), {"work": 4})
    rejects(cf, "client_id", cw.update_assessment, first, D(2025, 2, 2), {"work": 1}, "x")
    rejects(
        cf,
        "notes",
        cw.update_assessment,
        first,
        D(2025, 2, 2),
        {"work": 1},
        notes="x" * (ASSESSMENT_NOTES_MAX + 1),
    )
    rejects(
        cf, "assessment_id", cw.update_assessment, "no", D(2025, 2, 2), {"work": 1},
        error=UnknownRecord,
    )  # fmt: skip

    start = last_audit_id(cf)
    cw.delete_assessment(cf, first)
    assert cw.get_case(cf, case_id).assessments == ()
    assert ("delete", "assessments", first) in audit_since(cf, start)
    no_content_in_audit(cf)


def test_update_and_remove_a_goal(cf: CaseFile) -> None:
    case_id, _ = a_case(cf)
    goal = cw.add_goal(cf, case_id, "housing", "Wohnung", D(2025, 2, 1))
    start = last_audit_id(cf)
    cw.update_goal(cf, goal, "work", f"  {SECRET} Ausbildung  ", D(2025, 2, 3), D(2025, 9, 1))
    assert cw.get_case(cf, case_id).goals == (
        cw.GoalData(goal, "work", f"{SECRET} Ausbildung", D(2025, 2, 3), D(2025, 9, 1), None,
                    "open"),
    )  # fmt: skip
    assert audit_since(cf, start) == [("update", "goals", goal)]

    # Refusals, each with a clear field: no life area, too long, blank, dates.
    refused = rejects(cf, "life_area", cw.update_goal, goal, None, "Wohnung", D(2025, 2, 1))
    assert "life area" in str(refused)
    long_text = "x" * 3000
    refused = rejects(cf, "title", cw.update_goal, goal, "work", long_text, D(2025, 2, 1))
    assert f"{GOAL_TEXT_MAX:,}" in str(refused)
    rejects(cf, "title", cw.add_goal, case_id, "work", long_text, D(2025, 2, 1))
    assert cw.add_goal(cf, case_id, "work", "y" * GOAL_TEXT_MAX, D(2025, 2, 1))
    rejects(cf, "title", cw.update_goal, goal, "work", " ", D(2025, 2, 1))
    rejects(cf, "due_on", cw.update_goal, goal, "work", "Job", D(2025, 2, 1), D(2025, 1, 1))
    rejects(cf, "life_area", cw.update_goal, goal, "garden", "Job", D(2025, 2, 1))
    cw.set_goal_status(cf, goal, "achieved", D(2025, 5, 1))
    rejects(cf, "agreed_on", cw.update_goal, goal, "work", "Job", D(2025, 6, 1))
    rejects(cf, "goal_id", cw.update_goal, "no", "work", "Job", D(2025, 2, 1), error=UnknownRecord)
    # Correcting keeps the status and its closing date.
    cw.update_goal(cf, goal, "work", "Ausbildung", D(2025, 4, 1))
    kept = next(g for g in cw.get_case(cf, case_id).goals if g.id == goal)
    assert (kept.status, kept.closed_on, kept.due_on) == ("achieved", D(2025, 5, 1), None)

    start = last_audit_id(cf)
    cw.delete_goal(cf, goal)
    assert goal not in [g.id for g in cw.get_case(cf, case_id).goals]
    assert audit_since(cf, start) == [("delete", "goals", goal)]
    no_content_in_audit(cf)


def test_update_and_remove_a_referral(cf: CaseFile) -> None:
    case_id, _ = a_case(cf)
    referral = cw.add_referral(cf, case_id, D(2025, 2, 1), "job_centre")
    start = last_audit_id(cf)
    cw.update_referral(
        cf, referral, D(2025, 2, 4), "debt_counselling", SECRET, theme="livelihood",
        outcome="taken_up",
    )  # fmt: skip
    assert cw.get_case(cf, case_id).referrals == (
        cw.ReferralData(referral, D(2025, 2, 4), "debt_counselling", SECRET, "livelihood",
                        "taken_up"),
    )  # fmt: skip
    assert audit_since(cf, start) == [("update", "referrals", referral)]
    rejects(cf, "target", cw.update_referral, referral, D(2025, 2, 4), "moon")
    rejects(cf, "outcome", cw.update_referral, referral, D(2025, 2, 4), "job_centre", outcome="x")
    rejects(
        cf, "organisation", cw.update_referral, referral, D(2025, 2, 4), "job_centre",
        "x" * (ORGANISATION_MAX + 1),
    )  # fmt: skip
    rejects(cf, "referral_id", cw.update_referral, "no", D(2025, 2, 4), "job_centre",
            error=UnknownRecord)  # fmt: skip

    start = last_audit_id(cf)
    cw.delete_referral(cf, referral)
    assert cw.get_case(cf, case_id).referrals == ()
    assert audit_since(cf, start) == [("delete", "referrals", referral)]
    no_content_in_audit(cf)


def test_correct_a_consent_in_force_and_remove_one_entered_by_mistake(cf: CaseFile) -> None:
    _, people = a_case(cf)
    person = people[0]
    consent = cw.record_consent(cf, person, "case_documentation", D(2025, 2, 1))
    start = last_audit_id(cf)
    cw.update_consent(
        cf, consent, "data_transfer", D(2025, 2, 2), recipient="job_centre",
        form_version=SECRET, language="ar",
    )  # fmt: skip
    assert cw.list_consents(cf, person) == [
        cw.ConsentRow(consent, person, "data_transfer", "job_centre", D(2025, 2, 2), None,
                      SECRET, "ar"),
    ]  # fmt: skip
    assert audit_since(cf, start) == [("update", "consents", consent)]

    rejects(cf, "recipient", cw.update_consent, consent, "data_transfer", D(2025, 2, 2))
    rejects(cf, "recipient", cw.update_consent, consent, "case_documentation", D(2025, 2, 2),
            recipient="job_centre")  # fmt: skip
    # Withdrawing is its own step, not a correction.
    rejects(cf, "withdrawn_on", cw.update_consent, consent, "data_transfer", D(2025, 2, 2),
            recipient="job_centre", withdrawn_on=D(2025, 3, 1))  # fmt: skip
    rejects(cf, "form_version", cw.update_consent, consent, "case_documentation",
            D(2025, 2, 2), form_version="v" * (FORM_VERSION_MAX + 1))  # fmt: skip
    rejects(cf, "consent_id", cw.update_consent, "no", "case_documentation", D(2025, 2, 2),
            error=UnknownRecord)  # fmt: skip

    start = last_audit_id(cf)
    cw.delete_consent(cf, consent)
    assert cw.list_consents(cf, person) == []
    assert audit_since(cf, start) == [("delete", "consents", consent)]
    no_content_in_audit(cf)


def test_a_withdrawn_consent_keeps_its_content_and_stays(cf: CaseFile) -> None:
    _, people = a_case(cf)
    person = people[0]
    consent = cw.record_consent(
        cf, person, "data_transfer", D(2025, 2, 1), recipient="job_centre", form_version="1"
    )
    cw.withdraw_consent(cf, consent, D(2025, 3, 1))
    same = {"recipient": "job_centre", "form_version": "1"}
    # Only the dates can be corrected; the withdrawal stays.
    start = last_audit_id(cf)
    cw.update_consent(
        cf, consent, "data_transfer", D(2025, 1, 31), withdrawn_on=D(2025, 3, 2), **same
    )
    row = cw.list_consents(cf, person)[0]
    assert (row.given_on, row.withdrawn_on) == (D(2025, 1, 31), D(2025, 3, 2))
    assert audit_since(cf, start) == [("update", "consents", consent)]
    rejects(cf, "kind", cw.update_consent, consent, "data_transfer", D(2025, 1, 31),
            recipient="social_welfare_office", form_version="1",
            withdrawn_on=D(2025, 3, 2))  # fmt: skip
    rejects(cf, "withdrawn_on", cw.update_consent, consent, "data_transfer", D(2025, 1, 31),
            **same)  # fmt: skip
    rejects(cf, "withdrawn_on", cw.update_consent, consent, "data_transfer", D(2025, 4, 1),
            withdrawn_on=D(2025, 3, 2), **same)  # fmt: skip
    refused = rejects(cf, "consent_id", cw.delete_consent, consent)
    assert "withdrawn" in str(refused)


def test_update_appointment_keeps_time_and_interpreter_language(cf: CaseFile) -> None:
    case_id, _ = a_case(cf)
    data = counselling(case_id, start_time=dt.time(9, 30), interpreter="professional",
                       interpreter_language="ar", notes=SECRET)  # fmt: skip
    appointment = cw.add_appointment(cf, data)
    start = last_audit_id(cf)
    changed = dataclasses.replace(
        data, id=appointment, start_time=dt.time(14, 15), interpreter_language="fa", minutes=45
    )
    cw.update_appointment(cf, changed)
    stored = cw.get_case(cf, case_id).appointments[0]
    assert (stored.start_time, stored.interpreter_language, stored.minutes) == (
        dt.time(14, 15), "fa", 45,
    )  # fmt: skip
    assert audit_since(cf, start) == [("update", "appointments", appointment)]
    start = last_audit_id(cf)
    cw.delete_appointment(cf, appointment)
    assert ("delete", "appointments", appointment) in audit_since(cf, start)
    no_content_in_audit(cf)
