"""Restriction of processing (Art. 18 GDPR; issue 14, DESIGN.md section 10) in core and in the
``kim`` command, on real encrypted files: shown, not changed, not exported, not printed except
the client's own Art. 15 copy, lifted explicitly, audited without content."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from kim_desktop.core import casework as cw
from kim_desktop.core import interchange
from kim_desktop.core.casefile.models import AuditEntry
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework import restriction
from kim_desktop.core.documents import access_copy, document_data
from kim_desktop.core.errors import InvalidInput, RestrictedError, UnknownRecord, ValidationFailed
from kim_desktop.core.figures import stats
from kim_desktop.core.figures.periods import parse_period
from kim_desktop.core.platform import paths
from tests.conftest import PASSPHRASE, minimal_document, run_kim

CANARY = "Zwetschgenkuchen"  # the restricted client's family name: never in logs or audit
DAY = dt.date(2025, 3, 3)
MOERS = "Moers"


def build(casefile: CaseFile) -> dict[str, str]:
    """Anna (restricted later) alone in case ``alone`` and, as household member, with Bert
    (primary) in case ``shared``; Carl in case ``other``. Each case has an appointment, an
    assessment, a goal and a referral; Anna has a documentation consent and a transfer."""
    ids: dict[str, str] = {}
    cw.add_municipality(casefile, MOERS)
    for key, family in (("anna", CANARY), ("bert", "Berger"), ("carl", "Carstens")):
        ids[key] = cw.create_client(
            casefile, cw.ClientData(family_name=family, given_name=key.title(), notes="n")
        )
    ids["alone"] = cw.open_case(casefile, MOERS, "case_management", DAY, ids["anna"])
    ids["shared"] = cw.open_case(
        casefile, MOERS, "case_management", DAY, ids["bert"], [ids["anna"]]
    )
    ids["other"] = cw.open_case(casefile, MOERS, "case_management", DAY, ids["carl"])
    for case in ("alone", "shared", "other"):
        ids[f"{case}_goal"] = cw.add_goal(casefile, ids[case], "work", "Arbeit finden", DAY)
        ids[f"{case}_referral"] = cw.add_referral(casefile, ids[case], DAY, "job_centre")
        ids[f"{case}_appointment"] = cw.add_appointment(casefile, appointment(ids[case]))
        ids[f"{case}_assessment"] = cw.add_assessment(casefile, ids[case], DAY, {"work": 2})
    ids["anna_assessment"] = cw.add_assessment(
        casefile, ids["shared"], DAY, {"health": 1}, client_id=ids["anna"]
    )
    ids["bert_assessment"] = cw.add_assessment(
        casefile, ids["shared"], DAY, {"health": 3}, client_id=ids["bert"]
    )
    ids["anna_doc"] = cw.record_consent(casefile, ids["anna"], cw.CASE_DOCUMENTATION, DAY)
    ids["anna_transfer"] = cw.record_consent(
        casefile, ids["anna"], cw.DATA_TRANSFER, DAY, recipient="job_centre"
    )
    return ids


def appointment(case_id: str, appointment_id: str | None = None) -> cw.AppointmentData:
    return cw.AppointmentData(
        id=appointment_id,
        date=DAY,
        minutes=45,
        kind="case_management",
        case_id=case_id,
        themes=("work",),
    )


@pytest.fixture
def made(new_casefile: CaseFile) -> tuple[CaseFile, dict[str, str]]:
    ids = build(new_casefile)
    cw.restrict_client(new_casefile, ids["anna"], restriction.LEGAL_CLAIMS, DAY)
    return new_casefile, ids


def audit_count(casefile: CaseFile) -> int:
    with casefile.reading() as conn:
        return int(conn.scalar(select(func.count()).select_from(AuditEntry)) or 0)


# -- restricting and lifting ------------------------------------------------------------------


def test_restrict_lift_and_the_audit_trail_without_content(new_casefile: CaseFile) -> None:
    ids = build(new_casefile)
    anna = ids["anna"]
    assert cw.restriction_of(new_casefile, anna) is None
    made = cw.restrict_client(new_casefile, anna, restriction.OBJECTION_PENDING, DAY)
    assert made == cw.Restriction(anna, DAY, restriction.OBJECTION_PENDING)
    assert cw.restriction_of(new_casefile, anna) == made
    assert cw.restricted_count(new_casefile) == 1
    assert cw.restrictions_of(new_casefile, [anna, ids["bert"]]) == {anna: made}
    assert cw.case_is_read_only(new_casefile, ids["alone"])
    assert not cw.case_is_read_only(new_casefile, ids["shared"])
    assert cw.get_case(new_casefile, ids["alone"]).read_only
    shared = cw.get_case(new_casefile, ids["shared"])
    assert not shared.read_only
    assert {m.client.id: m.restriction for m in shared.members} == {anna: made, ids["bert"]: None}

    with pytest.raises(InvalidInput, match="already restricted"):
        cw.restrict_client(new_casefile, anna)
    with pytest.raises(InvalidInput, match="restriction reasons"):
        cw.restrict_client(new_casefile, ids["bert"], "because")
    with pytest.raises(UnknownRecord):
        cw.restrict_client(new_casefile, "no-such-client")
    cw.lift_restriction(new_casefile, anna)
    assert cw.restriction_of(new_casefile, anna) is None
    with pytest.raises(InvalidInput, match="not restricted"):
        cw.lift_restriction(new_casefile, anna)

    with new_casefile.reading() as conn:
        rows = conn.execute(
            select(AuditEntry.action, AuditEntry.entity, AuditEntry.record_id).where(
                AuditEntry.record_id == anna
            )
        ).all()
        every_entry = " ".join(
            " ".join(str(v) for v in row) for row in conn.execute(select(AuditEntry.__table__))
        )
    entities = [entity for action, entity, _ in rows if action == "update"]
    assert entities.count(restriction.RESTRICTED_ENTRY) == 1
    assert entities.count(restriction.LIFTED_ENTRY) == 1
    assert entities.count("clients") >= 2  # the door's own entries of the two changes
    assert CANARY not in every_entry
    assert restriction.OBJECTION_PENDING not in every_entry  # not even the reason


def test_the_database_takes_only_a_date_with_a_coded_reason(made) -> None:
    casefile, ids = made
    for statement in (
        "UPDATE clients SET restriction_reason = 'free text' WHERE id = :id",
        "UPDATE clients SET restriction_reason = NULL WHERE id = :id",
    ):
        with pytest.raises(Exception, match="CHECK"), casefile.transaction() as session:
            session.execute(text(statement), {"id": ids["anna"]})
    assert cw.restriction_of(casefile, ids["anna"]) is not None


# -- what is refused, what still works --------------------------------------------------------

ANNA_WRITES: dict[str, Callable[[CaseFile, dict[str, str]], object]] = {
    "update_client": lambda f, i: cw.update_client(f, i["anna"], cw.ClientData(family_name="X")),
    "delete_client": lambda f, i: cw.delete_client(f, i["anna"]),
    "record_consent": lambda f, i: cw.record_consent(f, i["anna"], cw.CASE_DOCUMENTATION, DAY),
    "update_consent": lambda f, i: cw.update_consent(
        f, i["anna_doc"], cw.CASE_DOCUMENTATION, DAY, form_version="2"
    ),
    "delete_consent": lambda f, i: cw.delete_consent(f, i["anna_doc"]),
    "open_case": lambda f, i: cw.open_case(f, MOERS, "short_consultation", DAY, i["anna"]),
    "open_case_household": lambda f, i: cw.open_case(
        f, MOERS, "short_consultation", DAY, i["carl"], [i["anna"]]
    ),
    "add_member": lambda f, i: cw.add_member(f, i["other"], i["anna"]),
    "remove_member": lambda f, i: cw.remove_member(f, i["shared"], i["anna"]),
    "make_primary": lambda f, i: cw.set_primary_member(f, i["shared"], i["anna"]),
    "add_assessment_of_anna": lambda f, i: cw.add_assessment(
        f, i["shared"], DAY, {"work": 1}, client_id=i["anna"]
    ),
    "update_assessment_of_anna": lambda f, i: cw.update_assessment(
        f, i["anna_assessment"], DAY, {"work": 1}, client_id=i["anna"]
    ),
    "move_assessment_to_anna": lambda f, i: cw.update_assessment(
        f, i["bert_assessment"], DAY, {"work": 1}, client_id=i["anna"]
    ),
    "delete_assessment_of_anna": lambda f, i: cw.delete_assessment(f, i["anna_assessment"]),
}
ALONE_WRITES: dict[str, Callable[[CaseFile, dict[str, str]], object]] = {
    "set_phase": lambda f, i: cw.set_phase(f, i["alone"], "assessment", DAY),
    "close_case": lambda f, i: cw.close_case(f, i["alone"], DAY, "goals_achieved"),
    "set_follow_up": lambda f, i: cw.set_follow_up(f, i["alone"], DAY),
    "set_referred_by": lambda f, i: cw.set_referred_by(f, i["alone"], "job_centre"),
    "set_case_notes": lambda f, i: cw.set_case_notes(f, i["alone"], "more"),
    "add_member_to_alone": lambda f, i: cw.add_member(f, i["alone"], i["carl"]),
    "add_assessment": lambda f, i: cw.add_assessment(f, i["alone"], DAY, {"work": 1}),
    "update_assessment": lambda f, i: cw.update_assessment(
        f, i["alone_assessment"], DAY, {"work": 0}
    ),
    "delete_assessment": lambda f, i: cw.delete_assessment(f, i["alone_assessment"]),
    "add_goal": lambda f, i: cw.add_goal(f, i["alone"], "work", "Noch ein Ziel", DAY),
    "update_goal": lambda f, i: cw.update_goal(f, i["alone_goal"], "work", "Anders", DAY),
    "set_goal_status": lambda f, i: cw.set_goal_status(f, i["alone_goal"], "achieved", DAY),
    "delete_goal": lambda f, i: cw.delete_goal(f, i["alone_goal"]),
    "add_referral": lambda f, i: cw.add_referral(f, i["alone"], DAY, "job_centre"),
    "update_referral": lambda f, i: cw.update_referral(f, i["alone_referral"], DAY, "other"),
    "set_referral_outcome": lambda f, i: cw.set_referral_outcome(
        f, i["alone_referral"], "taken_up"
    ),
    "delete_referral": lambda f, i: cw.delete_referral(f, i["alone_referral"]),
    "add_appointment": lambda f, i: cw.add_appointment(f, appointment(i["alone"])),
    "update_appointment": lambda f, i: cw.update_appointment(
        f, appointment(i["alone"], i["alone_appointment"])
    ),
    "move_appointment_out": lambda f, i: cw.update_appointment(
        f, appointment(i["other"], i["alone_appointment"])
    ),
    "move_appointment_in": lambda f, i: cw.update_appointment(
        f, appointment(i["alone"], i["other_appointment"])
    ),
    "delete_appointment": lambda f, i: cw.delete_appointment(f, i["alone_appointment"]),
}


@pytest.mark.parametrize("write", sorted(ANNA_WRITES) + sorted(ALONE_WRITES))
def test_every_write_about_a_restricted_client_is_refused(made, write: str) -> None:
    casefile, ids = made
    action = ANNA_WRITES.get(write) or ALONE_WRITES[write]
    before = interchange.export_document(casefile, ids["anna"])
    entries = audit_count(casefile)
    with pytest.raises(RestrictedError) as refused:
        action(casefile, ids)
    assert refused.value.exit_code == 4
    assert "Art. 18" in refused.value.message
    assert CANARY not in refused.value.message
    after = interchange.export_document(casefile, ids["anna"])
    before.pop("exported_at"), after.pop("exported_at")
    assert after == before
    assert audit_count(casefile) == entries


def test_a_case_with_unrestricted_members_stays_workable(made) -> None:
    casefile, ids = made
    shared, bert = ids["shared"], ids["bert"]
    cw.set_phase(casefile, shared, "assessment", DAY)
    cw.set_case_notes(casefile, shared, "Gespräch mit Bert")
    cw.add_goal(casefile, shared, "housing", "Wohnung", DAY)
    cw.add_assessment(casefile, shared, DAY, {"work": 1})  # of the case, not of Anna
    cw.add_assessment(casefile, shared, DAY, {"work": 1}, client_id=bert)
    cw.update_assessment(casefile, ids["bert_assessment"], DAY, {"work": 0}, client_id=bert)
    cw.add_appointment(casefile, appointment(shared))
    cw.add_member(casefile, shared, ids["carl"])
    cw.set_primary_member(casefile, shared, ids["carl"])  # Bert was primary, Anna stays
    cw.update_client(casefile, bert, cw.ClientData(family_name="Berger", given_name="B."))
    # The person's right: a withdrawal is recorded although the processing is restricted.
    cw.withdraw_consent(casefile, ids["anna_transfer"], DAY)
    assert cw.list_consents(casefile, ids["anna"])[1].withdrawn_on == DAY


def test_after_lifting_everything_can_be_changed_again(made) -> None:
    casefile, ids = made
    cw.lift_restriction(casefile, ids["anna"])
    cw.update_client(casefile, ids["anna"], cw.ClientData(family_name=CANARY, given_name="A."))
    cw.set_phase(casefile, ids["alone"], "assessment", DAY)
    cw.add_goal(casefile, ids["alone"], "work", "Weiter", DAY)
    cw.record_consent(casefile, ids["anna"], cw.DATA_TRANSFER, DAY, recipient="other")
    cw.delete_assessment(casefile, ids["anna_assessment"])
    document_data.consent_data(casefile, ids["anna"], cw.CASE_DOCUMENTATION, [], "en", DAY)


def test_an_import_adds_nothing_about_a_restricted_client(made) -> None:
    casefile, ids = made
    document = minimal_document(
        cases=[
            {
                "id": "new-case",
                "municipality": MOERS,
                "track": "short_consultation",
                "opened_on": "2025-04-01",
                "members": [{"client_id": ids["anna"], "role": "primary"}],
            }
        ],
        goals=[
            {
                "id": "new-goal",
                "case_id": ids["alone"],
                "life_area": "work",
                "title": "Ziel",
                "agreed_on": "2025-04-01",
                "status": "open",
            }
        ],
        consents=[
            {
                "id": "new-consent",
                "client_id": ids["anna"],
                "kind": "case_documentation",
                "given_on": "2025-04-01",
            }
        ],
    )
    with pytest.raises(ValidationFailed) as refused:
        interchange.import_document(casefile, document, "restricted.json")
    problems = " ".join(refused.value.problems)
    assert "cases[0].members[0].client_id" in problems
    assert "goals[0].case_id" in problems
    assert "consents[0].client_id" in problems
    assert "Art. 18" in problems


# -- not exported, not printed; the Art. 15 copy and the figures still work -------------------


def test_the_export_leaves_restricted_clients_out_and_counts_them(made, tmp_path: Path) -> None:
    casefile, ids = made
    out = tmp_path / "all.json"
    summary = interchange.export_file(casefile, out)
    assert (summary.restricted_clients, summary.restricted_cases) == (1, 1)
    document = json.loads(out.read_text("utf-8"))
    text_of = out.read_text("utf-8")
    assert CANARY not in text_of and ids["anna"] not in text_of
    assert ids["alone"] not in text_of  # the case and its records
    for key in ("goal", "referral", "appointment", "assessment"):
        assert ids[f"alone_{key}"] not in text_of
    assert ids["anna_assessment"] not in text_of
    shared = next(c for c in document["cases"] if c["id"] == ids["shared"])
    assert shared["members"] == [{"client_id": ids["bert"], "role": "primary"}]
    assert ids["bert_assessment"] in text_of and ids["shared_goal"] in text_of
    assert summary.counts["clients"] == 2 and summary.counts["consents"] == 0
    # Still the interchange format: it imports into an empty file.
    empty_file = tmp_path / "empty.kim"
    with CaseFile.create(empty_file, PASSPHRASE, role="casemanager", owner="Other") as empty:
        interchange.import_document(empty, document, "all.json")
        assert cw.count_clients(empty, cw.ClientFilter()) == 2


def test_the_art15_copy_of_the_restricted_client_still_works(made) -> None:
    casefile, ids = made
    copy = access_copy.access_copy(casefile, ids["anna"], DAY)
    (client,) = copy.document["clients"]
    assert client["family_name"] == CANARY
    assert "restricted_on" not in client and "restriction_reason" not in client
    assert {c["id"] for c in copy.document["cases"]} == {ids["alone"], ids["shared"]}
    document = access_copy.interchange_part(copy.document)  # without the goals' steps
    assert interchange.validate(document, interchange.ExistingState()) == []


def test_documents_about_a_restricted_client_are_refused(made) -> None:
    casefile, ids = made
    with pytest.raises(RestrictedError):
        document_data.consent_data(casefile, ids["anna"], cw.CASE_DOCUMENTATION, [], "en", DAY)
    for case in ("alone", "shared"):  # the agreement would name Anna
        with pytest.raises(RestrictedError):
            document_data.goal_agreement_data(casefile, ids[case], DAY)
    assert document_data.goal_agreement_data(casefile, ids["other"], DAY).goals


def test_figures_still_count_the_restricted_client(new_casefile: CaseFile) -> None:
    """Anonymous aggregates (docs/retention.md, "Restriction"): restricting changes no
    figure, past or present."""
    ids = build(new_casefile)
    period = parse_period("2025")
    before = stats.for_casefile(new_casefile, period)
    cw.restrict_client(new_casefile, ids["anna"])
    assert stats.for_casefile(new_casefile, period) == before


def test_retention_shows_that_a_due_client_is_restricted(made) -> None:
    casefile, ids = made
    cw.withdraw_consent(casefile, ids["anna_doc"], DAY)
    due = cw.list_retention(casefile, DAY + dt.timedelta(days=1), 3).due
    (anna,) = [item for item in due if item.id == ids["anna"]]
    assert anna.reason == "consent_withdrawn" and anna.restricted_on == DAY


def test_a_file_of_an_older_schema_can_restrict(tmp_path: Path) -> None:
    """Migration 0014 on the stored file of schema 0013: nobody restricted, then one."""
    stored = Path(__file__).parent / "data" / "casefile-schema-0013.kim"
    copy = tmp_path / "old.kim"
    shutil.copyfile(stored, copy)
    with CaseFile.open(copy, "schema one test passphrase") as casefile:
        assert cw.restricted_count(casefile) == 0
        (first, *_rest) = cw.find_clients(casefile, "")
        cw.restrict_client(casefile, first.id, restriction.RETENTION_DUTY)
        with pytest.raises(RestrictedError):
            cw.update_client(casefile, first.id, cw.ClientData(family_name="Neu"))
        assert casefile.verify() == []


# -- the command ------------------------------------------------------------------------------


@pytest.fixture
def made_file(tmp_path: Path) -> tuple[Path, dict[str, str], Path]:
    path = tmp_path / "r.kim"
    with CaseFile.create(path, PASSPHRASE, role="casemanager", owner="Erika") as casefile:
        ids = build(casefile)
        cw.withdraw_consent(casefile, ids["anna_doc"], DAY)  # due: erase or restrict
    home = tmp_path / "home"
    return path, ids, home


def test_kim_restrict_export_documents_and_bad_input(made_file, tmp_path: Path) -> None:
    path, ids, home = made_file
    env = {paths.PORTABLE_ENV: str(home), "SOURCE_DATE_EPOCH": "1768435200"}
    anna = ids["anna"]

    def kim(*args: str | Path) -> tuple[int, str, str]:
        result = run_kim(*args, extra_env=env)
        return result.returncode, result.stdout, result.stderr

    code, out, err = kim("restrict", path, "--client", anna, "--reason", "legal_claims")
    assert code == 0, err
    assert "restricted" in out and CANARY not in out

    code, _out, err = kim("restrict", path, "--client", anna)
    assert code == 4 and "already restricted" in err and len(err.splitlines()) == 1
    code, _out, err = kim("restrict", path, "--client", "nobody-42")
    assert code == 4 and "nobody-42" in err and len(err.splitlines()) == 1
    code, _out, err = kim("restrict", path, "--client", ids["bert"], "--lift")
    assert code == 4 and "not restricted" in err
    code, _out, err = kim("restrict", path, "--client", anna, "--reason", "whim")
    assert code == 2

    code, _out, err = kim("export-json", path, tmp_path / "all.json")
    assert code == 0, err
    assert "1 restricted client was left out (Art. 18)" in err
    assert CANARY not in (tmp_path / "all.json").read_text("utf-8")

    code, _out, err = kim("consent-form", path, anna, "--out", tmp_path / "c.pdf")
    assert code == 4 and "Art. 18" in err and len(err.splitlines()) == 1
    assert not (tmp_path / "c.pdf").exists()
    code, _out, err = kim("goal-agreement", path, ids["shared"], "--out", tmp_path / "g.pdf")
    assert code == 4 and "Art. 18" in err
    code, _out, err = kim("access-copy", path, anna, "--out", tmp_path / "a.pdf")
    assert code == 0, err
    assert CANARY in (tmp_path / "a.json").read_text("utf-8")

    code, out, err = kim("retention", path, "--format", "json")
    assert code == 0, err
    (due,) = [item for item in json.loads(out)["due"] if item["id"] == anna]
    today = dt.date.today().isoformat()  # kim restrict restricts as of today
    assert due["reason"] == "consent_withdrawn" and due["restricted_on"] == today
    code, out, err = kim("retention", path)
    assert code == 0 and f"restricted since {today}" in out

    code, out, err = kim("restrict", path, "--client", anna, "--lift")
    assert code == 0, err
    code, _out, err = kim("consent-form", path, anna, "--out", tmp_path / "c.pdf")
    assert code == 0, err
    code, _out, err = kim("export-json", path, tmp_path / "all2.json")
    assert code == 0 and "restricted" not in err
    assert CANARY in (tmp_path / "all2.json").read_text("utf-8")

    logs = "\n".join(
        p.read_bytes().decode("utf-8", "replace") for p in home.rglob("*") if p.is_file()
    )
    assert "kim restrict finished" in logs
    assert CANARY not in logs


def test_kim_help_lists_restrict() -> None:
    result = run_kim("--help", passphrase=None)
    assert "restrict" in result.stdout
    result = run_kim("restrict", "--help", passphrase=None)
    assert "--lift" in result.stdout and "legal_claims" in result.stdout
