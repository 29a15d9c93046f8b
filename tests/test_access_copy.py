"""The copy of a client's data (Art. 15 DSGVO): the JSON half is a schema-valid interchange
subset of exactly this client (no other household member, no structural gaps) that imports
into an empty file; the PDF half shows the same records, read back by text extraction; both
are written together or not at all, privately, and deterministically."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import re
import stat
from pathlib import Path
from typing import Any

import pytest
from conftest import PASSPHRASE, minimal_document, run_kim
from pypdf import PdfReader
from sqlalchemy import select

from kim_desktop.core import interchange
from kim_desktop.core.casefile.models import AuditEntry
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.documents import access_copy
from kim_desktop.core.documents.free_text import ALL
from kim_desktop.core.errors import UnknownRecord, UsageError
from kim_desktop.reports.access_copy import build_access_copy, write_copy

ISSUED = dt.date(2026, 1, 15)
OTHER_MEMBER = "Kanarienvogel"  # a household member: never in the subject's copy
STRANGER = "Fremdling"  # a client of another case


def household_document() -> dict[str, Any]:
    return minimal_document(
        clients=[
            {
                "id": "subject",
                "family_name": "Wąsowska",
                "given_name": "Zofia",
                "birth_date": "1988-04-02",
                "nationality": "PL",
                "languages": ["pl", "de"],
                "phone": "0171 555 0101",
                "address": "Marktstraße 3, 53721 Siegburg",
                "notes": "Bevorzugt Termine am Vormittag.",
            },
            {"id": "partner", "family_name": OTHER_MEMBER, "given_name": "Ilja"},
            {"id": "stranger", "family_name": STRANGER, "given_name": "Olga"},
        ],
        cases=[
            {
                "id": "household",
                "municipality": "Siegburg",
                "track": "case_management",
                "phase": "implementation",
                "opened_on": "2025-02-03",
                "members": [
                    {"client_id": "subject", "role": "primary"},
                    {"client_id": "partner", "role": "household"},
                ],
                "notes": "Wohnungssuche gemeinsam begonnen.",
            },
            {
                "id": "other case",
                "municipality": "Lohmar",
                "track": "short_consultation",
                "opened_on": "2025-03-01",
                "members": [{"client_id": "stranger"}],
            },
        ],
        appointments=[
            {
                "id": "a1",
                "case_id": "household",
                "date": "2025-02-03",
                "minutes": 75,
                "kind": "case_management",
                "themes": ["housing", "language"],
                "notes": "Unterlagen für den Wohnberechtigungsschein mitgebracht.",
            },
            {
                "id": "a2",
                "case_id": "household",
                "date": "2025-03-17",
                "minutes": 45,
                "kind": "case_management",
            },
            {
                "id": "a3",
                "case_id": "other case",
                "date": "2025-03-01",
                "minutes": 20,
                "kind": "short_consultation",
            },
            {"id": "a4", "date": "2025-03-02", "minutes": 120, "kind": "other_work"},
        ],
        assessments=[
            {
                "id": "as-case",
                "case_id": "household",
                "assessed_on": "2025-02-10",
                "ratings": {"housing": 3, "language": 1},
            },
            {
                "id": "as-partner",
                "case_id": "household",
                "client_id": "partner",
                "assessed_on": "2025-02-11",
                "ratings": {"health": 2},
                "notes": f"Einschätzung nur für {OTHER_MEMBER}.",
            },
        ],
        goals=[
            {
                "id": "g1",
                "case_id": "household",
                "life_area": "housing",
                "title": "Eigene Wohnung in Siegburg finden",
                "agreed_on": "2025-02-10",
                "due_on": "2025-09-30",
                "status": "open",
            }
        ],
        referrals=[
            {
                "id": "r1",
                "case_id": "household",
                "date": "2025-02-20",
                "target": "social_welfare_office",
                "organisation": "Sozialamt Siegburg",
                "outcome": "taken_up",
            }
        ],
        consents=[
            {
                "id": "k1",
                "client_id": "subject",
                "kind": "case_documentation",
                "given_on": "2025-02-03",
            },
            {
                "id": "k2",
                "client_id": "subject",
                "kind": "data_transfer",
                "recipient": "social_welfare_office",
                "given_on": "2025-02-03",
            },
            {
                "id": "k3",
                "client_id": "partner",
                "kind": "case_documentation",
                "given_on": "2025-02-03",
            },
        ],
        structural_gaps=[
            {
                "id": "gap",
                "municipality": "Siegburg",
                "theme": "housing",
                "title": "Zu wenig Sozialwohnungen",
                "status": "draft",
            }
        ],
    )


@pytest.fixture
def household_file(new_casefile: CaseFile) -> CaseFile:
    interchange.import_document(new_casefile, household_document(), "household.json")
    return new_casefile


def pdf_text(data: bytes | Path) -> str:
    reader = PdfReader(io.BytesIO(data) if isinstance(data, bytes) else data)
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def pdf_bytes(data: access_copy.AccessCopyData) -> bytes:
    buffer = io.BytesIO()
    build_access_copy(data, buffer)
    return buffer.getvalue()


# -- the JSON half -----------------------------------------------------------------------------


def test_json_is_exactly_this_clients_subset(household_file: CaseFile) -> None:
    document = access_copy.access_copy(household_file, "subject", ISSUED).document
    # Beside the interchange arrays only the goals' steps, which the format has no field for.
    assert interchange.schema_problems(access_copy.interchange_part(document)) == []
    assert document["goal_steps"] == []
    assert [c["id"] for c in document["clients"]] == ["subject"]
    assert [c["id"] for c in document["cases"]] == ["household"]
    assert document["cases"][0]["members"] == [{"client_id": "subject", "role": "primary"}]
    assert [a["id"] for a in document["appointments"]] == ["a1", "a2"]
    assert document["appointments"][0]["themes"] == ["housing", "language"]
    assert [a["id"] for a in document["assessments"]] == ["as-case"]  # not the partner's
    assert [g["id"] for g in document["goals"]] == ["g1"]
    assert [r["id"] for r in document["referrals"]] == ["r1"]
    assert [k["id"] for k in document["consents"]] == ["k1", "k2"]
    assert document["structural_gaps"] == []
    assert document["municipalities"] == ["Siegburg"]
    text = json.dumps(document, ensure_ascii=False)
    assert OTHER_MEMBER not in text and STRANGER not in text and "partner" not in text


def test_json_records_equal_the_full_export(household_file: CaseFile) -> None:
    """The subset is cut from the same export: each record is identical to the full one."""
    full = interchange.export_document(household_file)
    subset = access_copy.access_copy(household_file, "subject", ISSUED, ALL).document
    for kind in ("clients", "appointments", "assessments", "goals", "referrals", "consents"):
        by_id = {record["id"]: record for record in full[kind]}
        for record in subset[kind]:
            assert record == by_id[record["id"]], kind


def test_json_imports_into_an_empty_file_and_exports_the_same(
    household_file: CaseFile, tmp_path: Path
) -> None:
    document = access_copy.access_copy(household_file, "subject", ISSUED, ALL).document
    subset = access_copy.interchange_part(document)
    with CaseFile.create(
        tmp_path / "new.kim", PASSPHRASE, role="casemanager", owner="Neu"
    ) as fresh:
        interchange.import_document(fresh, copy.deepcopy(subset), "copy.json")
        again = interchange.export_document(fresh)
    for key in ("exported_at", "owner"):
        subset.pop(key), again.pop(key)
    assert again == subset


def test_a_client_without_cases(new_casefile: CaseFile) -> None:
    interchange.import_document(
        new_casefile, minimal_document(clients=[{"id": "solo", "family_name": "Allein"}]), "d"
    )
    result = access_copy.access_copy(new_casefile, "solo", ISSUED)
    assert result.document["cases"] == [] and result.document["municipalities"] == []
    assert "Sie sind keinem Fall zugeordnet." in pdf_text(pdf_bytes(result.data))


def test_unknown_client_is_rejected_without_a_trace(household_file: CaseFile) -> None:
    with pytest.raises(UnknownRecord, match="client_id"):
        access_copy.access_copy(household_file, "nobody", ISSUED)


# -- the PDF half ------------------------------------------------------------------------------


def test_pdf_shows_every_record_of_the_json(household_file: CaseFile) -> None:
    result = access_copy.access_copy(household_file, "subject", ISSUED, ALL)
    text = pdf_text(pdf_bytes(result.data))
    for expected in (
        "Auskunft nach Art. 15 DSGVO",
        "Wąsowska, Zofia",
        "02.04.1988",
        "Polen",
        "Polnisch (pl)",
        "0171 555 0101",
        "Marktstraße 3, 53721 Siegburg",
        "Bevorzugt Termine am Vormittag.",
        "Ausgestellt am 15.01.2026",
        "Test Owner",
        "Fall in Siegburg, eröffnet am 03.02.2025",
        "Weitere Personen im Fall 1",
        "Wohnungssuche gemeinsam begonnen.",
        "Termine (2)",
        "03.02.2025",
        "17.03.2025",
        "Unterlagen für den Wohnberechtigungsschein mitgebracht.",
        "Einschätzungen nach Lebensbereichen (1)",
        "Wohnen: hoch",
        "Eigene Wohnung in Siegburg finden",
        "30.09.2025",
        "Sozialamt Siegburg",
        "Landesbeauftragten für Datenschutz",
        "Seite 1 von",
    ):
        assert expected in text, expected
    # Art. 15 Abs. 1 Buchst. c: the consented recipient is named.
    recipients = result.data.recipients
    assert recipients and all(r in text for r in recipients)
    # The counts in part 3 are those of the JSON half.
    for kind, title in access_copy.RECORD_KINDS:
        assert f"{title}: {len(result.document[kind])}" in text
    for absent in (OTHER_MEMBER, STRANGER, "Lohmar", "Zu wenig Sozialwohnungen", "20 "):
        assert absent not in text, absent


def test_pdf_is_deterministic_and_has_metadata(household_file: CaseFile) -> None:
    data = access_copy.access_copy(household_file, "subject", ISSUED).data
    first, second = pdf_bytes(data), pdf_bytes(data)
    assert first == second
    meta = PdfReader(io.BytesIO(first)).metadata
    assert meta is not None and "Art. 15 DSGVO" in (meta.title or "")
    assert meta.author == "Test Owner"
    assert b"/Lang (de-DE)" in first
    assert "Wąsowska" not in (meta.title or "")  # the name is not in the file's metadata


def test_issue_is_recorded_in_the_audit_trail(household_file: CaseFile) -> None:
    access_copy.access_copy(household_file, "subject", ISSUED)
    with household_file.reading_session() as session:
        entries = session.scalars(
            select(AuditEntry).where(
                AuditEntry.action == "export", AuditEntry.record_id == "subject"
            )
        ).all()
    assert [(e.entity, e.actor) for e in entries] == [("clients", "Test Owner")]


def test_both_halves_or_neither(household_file: CaseFile, tmp_path: Path) -> None:
    result = access_copy.access_copy(household_file, "subject", ISSUED)
    pdf, json_out = tmp_path / "copy.pdf", tmp_path / "copy.json"
    pdf.write_bytes(b"an earlier letter")
    with pytest.raises(UsageError, match="already exists"):
        write_copy(result, pdf, json_out)
    assert not json_out.exists() and pdf.read_bytes() == b"an earlier letter"
    pdf.unlink()
    pages = write_copy(result, pdf, json_out)
    assert pages >= 2
    for out in (pdf, json_out):
        assert stat.S_IMODE(out.stat().st_mode) == 0o600, out
    assert json.loads(json_out.read_text("utf-8")) == result.document


# -- the command -------------------------------------------------------------------------------


def test_kim_access_copy(tmp_path: Path) -> None:
    path = tmp_path / "file.kim"
    source = tmp_path / "household.json"
    source.write_text(json.dumps(household_document()), "utf-8")
    assert run_kim("init", path, "--role", "casemanager", "--owner", "Test").returncode == 0
    assert run_kim("import-json", path, source).returncode == 0
    env = {"SOURCE_DATE_EPOCH": "1768435200"}  # 15.01.2026
    done = run_kim("access-copy", path, "subject", "--out", tmp_path / "a.pdf", extra_env=env)
    assert done.returncode == 0, done.stderr
    assert "a.json" in done.stdout
    assert "Ausgestellt am 15.01.2026" in pdf_text(tmp_path / "a.pdf")
    assert json.loads((tmp_path / "a.json").read_text("utf-8"))["clients"][0]["id"] == "subject"

    again = run_kim("access-copy", path, "subject", "--out", tmp_path / "a.pdf")
    assert again.returncode == 2 and "already exists" in again.stderr
    taken = tmp_path / "b.json"
    taken.write_text("{}")
    refused = run_kim("access-copy", path, "subject", "--out", tmp_path / "b.pdf", "--json", taken)
    assert refused.returncode == 2 and not (tmp_path / "b.pdf").exists()
    unknown = run_kim("access-copy", path, "nobody", "--out", tmp_path / "c.pdf")
    assert unknown.returncode == 4 and "client_id" in unknown.stderr
    assert not (tmp_path / "c.pdf").exists() and not (tmp_path / "c.json").exists()
    assert "Traceback" not in unknown.stderr
