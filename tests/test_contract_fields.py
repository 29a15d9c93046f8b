"""The fields the interchange contract gained: an appointment's start time and interpreted
language, who referred a case, and the nationalities Kosovo (XK) and 'unresolved'. Stored,
validated, exported, shown in the Art. 15 copy — never accepted and dropped."""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
from dataclasses import replace
from typing import Any

import pytest
from conftest import minimal_document
from pypdf import PdfReader

from kim_desktop.core import casework, interchange
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.documents import access_copy
from kim_desktop.core.errors import InvalidInput, ValidationFailed
from kim_desktop.reports.access_copy import build_access_copy


def document_with_new_fields() -> dict[str, Any]:
    return minimal_document(
        clients=[
            {"id": "k1", "family_name": "Berisha", "nationality": "XK"},
            {"id": "k2", "family_name": "Haddad", "nationality": "unresolved"},
        ],
        cases=[
            {
                "id": "f1",
                "municipality": "Siegburg",
                "track": "case_management",
                "opened_on": "2025-02-03",
                "referred_by": "job_centre",
                "members": [{"client_id": "k1"}],
            },
            {
                "id": "f2",
                "municipality": "Siegburg",
                "track": "short_consultation",
                "opened_on": "2025-02-04",
                "referred_by": "self_referral",
                "members": [{"client_id": "k2"}],
            },
        ],
        appointments=[
            {
                "id": "t1",
                "case_id": "f1",
                "date": "2025-02-03",
                "start_time": "14:30",
                "minutes": 60,
                "kind": "case_management",
                "themes": ["work"],
                "interpreter": "professional",
                "interpreter_language": "sq",
            },
            {
                "id": "t2",
                "case_id": "f2",
                "date": "2025-02-04",
                "start_time": "08:05",
                "minutes": 20,
                "kind": "short_consultation",
                "themes": ["residence"],
                "interpreter": "volunteer",
                "interpreter_language": "prs",  # Dari: ISO 639-3, no 639-1 code
            },
        ],
    )


def test_new_fields_are_stored_and_exported_unchanged(new_casefile: CaseFile) -> None:
    document = document_with_new_fields()
    interchange.import_document(new_casefile, copy.deepcopy(document), "doc")
    exported = interchange.export_document(new_casefile)
    assert [c["nationality"] for c in exported["clients"]] == ["XK", "unresolved"]
    assert [c["referred_by"] for c in exported["cases"]] == ["job_centre", "self_referral"]
    for got, sent in zip(exported["appointments"], document["appointments"], strict=True):
        assert got["start_time"] == sent["start_time"]
        assert got["interpreter_language"] == sent["interpreter_language"]
    assert interchange.schema_problems(exported) == []


def test_records_without_the_new_fields_export_without_them(new_casefile: CaseFile) -> None:
    document = document_with_new_fields()
    for record in document["cases"]:
        del record["referred_by"]
    for record in document["appointments"]:
        del record["start_time"], record["interpreter_language"]
    interchange.import_document(new_casefile, copy.deepcopy(document), "doc")
    exported = interchange.export_document(new_casefile)
    assert all("referred_by" not in c for c in exported["cases"])
    assert all(
        "start_time" not in a and "interpreter_language" not in a for a in exported["appointments"]
    )


@pytest.mark.parametrize(
    ("array", "index", "field", "value", "message"),
    [
        ("appointments", 0, "start_time", "24:00", "must be a time of day HH:MM"),
        ("appointments", 0, "start_time", "9:30", "must be a time of day HH:MM"),
        ("appointments", 0, "interpreter_language", "xx", "not an ISO 639-1 code"),
        ("appointments", 0, "interpreter_language", "ara", "not an ISO 639-1 code"),
        ("appointments", 0, "interpreter_language", "AR", "must be a language code"),
        ("cases", 0, "referred_by", "neighbour", "must be a code of catalogue"),
        ("clients", 0, "nationality", "XX", "not an ISO 3166-1 alpha-2 code, 'XK'"),
    ],
)
def test_bad_new_fields_are_rejected_with_their_place(
    new_casefile: CaseFile, array: str, index: int, field: str, value: str, message: str
) -> None:
    document = document_with_new_fields()
    document[array][index][field] = value
    with pytest.raises(ValidationFailed) as caught:
        interchange.import_document(new_casefile, document, "doc")
    assert f"$.{array}[{index}].{field}: " in caught.value.message
    assert message in caught.value.message
    assert value not in caught.value.message.split(":", 1)[1].replace(message, "")
    assert interchange.export_document(new_casefile)["clients"] == []  # nothing written


def test_an_interpreted_language_needs_an_interpreter(new_casefile: CaseFile) -> None:
    document = document_with_new_fields()
    document["appointments"][0]["interpreter"] = "none"
    with pytest.raises(ValidationFailed, match=r"interpreter_language: given, but interpreter"):
        interchange.import_document(new_casefile, document, "doc")


def test_casework_stores_and_checks_the_new_fields(new_casefile: CaseFile) -> None:
    casework.add_municipality(new_casefile, "Lohmar")
    client = casework.create_client(
        new_casefile, casework.ClientData(family_name="Krasniqi", nationality="XK")
    )
    assert casework.get_client(new_casefile, client).nationality == "XK"
    case_id = casework.open_case(
        new_casefile, "Lohmar", "case_management", dt.date(2025, 3, 1), client, (), "job_centre"
    )
    assert casework.get_case(new_casefile, case_id).referred_by == "job_centre"
    casework.set_referred_by(new_casefile, case_id, cat.SELF_REFERRAL)
    assert casework.get_case(new_casefile, case_id).referred_by == "self_referral"
    with pytest.raises(InvalidInput, match="referred_by"):
        casework.set_referred_by(new_casefile, case_id, "neighbour")
    casework.set_referred_by(new_casefile, case_id, None)
    assert casework.get_case(new_casefile, case_id).referred_by is None

    base = casework.AppointmentData(
        id=None,
        case_id=case_id,
        date=dt.date(2025, 3, 1),
        minutes=45,
        kind="case_management",
        themes=("work",),
        interpreter="professional",
    )
    later = casework.add_appointment(new_casefile, replace(base, start_time=dt.time(15, 0)))
    earlier = casework.add_appointment(
        new_casefile,
        replace(base, start_time=dt.time(9, 15), interpreter_language="sq"),
    )
    listed = casework.list_appointments(new_casefile, dt.date(2025, 3, 1), dt.date(2025, 3, 1))
    assert [a.id for a in listed] == [earlier, later]  # a day's appointments by start time
    assert listed[0].start_time == dt.time(9, 15) and listed[0].interpreter_language == "sq"
    with pytest.raises(InvalidInput, match="start_time"):
        casework.add_appointment(new_casefile, replace(base, start_time=dt.time(9, 15, 30)))
    with pytest.raises(InvalidInput, match="interpreter_language"):
        casework.add_appointment(
            new_casefile,
            replace(base, interpreter="none", interpreter_language="sq"),
        )
    with pytest.raises(InvalidInput, match="nationality"):
        casework.create_client(new_casefile, casework.ClientData(family_name="X", nationality="KO"))
    exported = interchange.export_document(new_casefile)
    assert interchange.schema_problems(exported) == []
    assert exported["appointments"][1]["start_time"] == "09:15"


def test_kosovo_and_unresolved_have_names() -> None:
    assert cat.nationality_label("XK") == "Kosovo"
    assert cat.nationality_label("XK", "en") == "Kosovo"
    assert cat.nationality_label("unresolved") == "ungeklärt"
    assert {"XK", "unresolved", "stateless", "unknown", "DE"} <= cat.nationality_codes()


def test_the_access_copy_prints_the_new_fields(new_casefile: CaseFile) -> None:
    interchange.import_document(new_casefile, document_with_new_fields(), "doc")
    copy_ = access_copy.access_copy(new_casefile, "k1", dt.date(2025, 6, 1))
    assert copy_.document["cases"][0]["referred_by"] == "job_centre"
    assert copy_.document["appointments"][0]["start_time"] == "14:30"
    buffer = io.BytesIO()
    build_access_copy(copy_.data, buffer)
    text = re.sub(
        r"\s+",
        " ",
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(buffer.getvalue())).pages),
    )
    assert "Kosovo" in text
    assert "Vermittelt durch Jobcenter" in text
    assert "14:30 Uhr" in text
    assert "Albanisch (sq)" in text
