"""The pseudonymised case sheet (Fallbesprechungsbogen, issue 16): canaries planted in the
clients, the case and its free text never reach the PDF — not its raw bytes, not its
extracted text, not its decompressed page contents, not its metadata — with or without
released passages; persons are labelled consistently; dates are weeks since the opening,
also across a year boundary; the municipality only when the district allows it; the command's
exit codes."""

from __future__ import annotations

import datetime as dt
import io
import re
import stat
from pathlib import Path
from typing import Any

import pytest
from conftest import PASSPHRASE, minimal_document, run_kim
from pypdf import PdfReader
from sqlalchemy import select

from kim_desktop.core import casework, interchange
from kim_desktop.core.casefile.models import AuditEntry
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.documents import case_sheet
from kim_desktop.core.documents.pseudonyms import Member, Pseudonyms, person_label, week
from kim_desktop.core.errors import RestrictedError, UnknownRecord
from kim_desktop.core.sync import district
from kim_desktop.core.sync.config_document import ConfigInvalid, _settings
from kim_desktop.reports.case_sheet import build_case_sheet

ISSUED = dt.date(2026, 3, 2)
OPENED = dt.date(2025, 12, 29)  # a Monday: the case's weeks run across the new year
CASE_ID = "FALLKANARIE4711"
PRIMARY_ID = "KLIENTKANARIE0815"
HOUSEHOLD_ID = "KLIENTKANARIE0816"
GIVEN, FAMILY = "Kunigunde", "Zaunkönigsberger"
PARTNER_GIVEN, PARTNER_FAMILY = "Bartholomäus", "Wendehalsinger"
BIRTH = "1987-06-14"
ADDRESS = "Kanarienweg 17, 53721 Siegburg"
PHONE = "0171 5550199"
EMAIL = "kunigunde.zk@example.org"
MUNICIPALITY = "Sankt Augustin"

# Distinctive planted values: in no form of the PDF, not even its raw bytes.
DISTINCT = (
    CASE_ID,
    PRIMARY_ID,
    HOUSEHOLD_ID,
    GIVEN,
    FAMILY,
    PARTNER_GIVEN,
    PARTNER_FAMILY,
    BIRTH,
    "Kanarienweg",
    "5550199",
    EMAIL,
    "example.org",
)
# Every planted value, short ones too (a year, a postcode): not in the text or metadata.
CANARIES = (
    CASE_ID,
    PRIMARY_ID,
    HOUSEHOLD_ID,
    GIVEN,
    FAMILY,
    PARTNER_GIVEN,
    PARTNER_FAMILY,
    BIRTH,
    "14.06.1987",
    "1987",
    "Kanarienweg",
    "53721",
    "5550199",
    "0171",
    EMAIL,
    "example.org",
    "2025",
    "2026",
    "29.12.",
    "Gemeindeamt Sankt Augustin",  # a referral's organisation (free text)
)


def canary_document() -> dict[str, Any]:
    return minimal_document(
        clients=[
            {
                "id": PRIMARY_ID,
                "given_name": GIVEN,
                "family_name": FAMILY,
                "birth_date": BIRTH,
                "gender": "female",
                "nationality": "UA",
                "languages": ["uk", "ru"],
                "arrival_date": "2022-03-20",
                "residence_status": "temporary_protection",
                "phone": PHONE,
                "email": EMAIL,
                "address": ADDRESS,
                "notes": f"{GIVEN} {FAMILY} wohnt {ADDRESS}.",
            },
            {
                "id": HOUSEHOLD_ID,
                "given_name": PARTNER_GIVEN,
                "family_name": PARTNER_FAMILY,
                "birth_date": "2012-01-05",
                "gender": "male",
                "residence_status": "temporary_protection",
            },
        ],
        cases=[
            {
                "id": CASE_ID,
                "municipality": MUNICIPALITY,
                "track": "case_management",
                "phase": "intake",
                "opened_on": OPENED.isoformat(),
                "referred_by": "job_centre",
                "members": [
                    # Entered household first: the labels follow the role, not the order.
                    {"client_id": HOUSEHOLD_ID, "role": "household"},
                    {"client_id": PRIMARY_ID, "role": "primary"},
                ],
                "notes": (
                    f"Frau {FAMILY} ({GIVEN}) ruft unter {PHONE} an, Mail {EMAIL}; "
                    f"geboren 14.06.1987, wohnt {ADDRESS}."
                ),
            }
        ],
        appointments=[
            {
                "id": "t1",
                "case_id": CASE_ID,
                "date": "2026-01-04",  # day 6: still week 1
                "start_time": "09:30",
                "minutes": 60,
                "kind": "case_management",
                "channel": "in_person",
                "themes": ["housing", "language"],
                "interpreter": "professional",
                "interpreter_language": "uk",
                "notes": f"Mit {PARTNER_GIVEN} und {GIVEN}s Mutter; Termin am 12.01.2026.",
            },
            {
                "id": "t2",
                "case_id": CASE_ID,
                "date": "2026-01-05",  # day 7: week 2, in the new year
                "minutes": 45,
                "kind": "case_management",
                "channel": "phone",
                "themes": ["work"],
            },
        ],
        assessments=[
            {
                "id": "e1",
                "case_id": CASE_ID,
                "assessed_on": "2025-12-31",
                "ratings": {"housing": 3, "language": 2, "work": 1},
                "notes": f"{FAMILY} braucht eine Wohnung.",
            },
            {
                "id": "e2",
                "case_id": CASE_ID,
                "client_id": HOUSEHOLD_ID,
                "assessed_on": "2026-02-16",
                "ratings": {"family": 2},
            },
        ],
        goals=[
            {
                "id": "z1",
                "case_id": CASE_ID,
                "life_area": "housing",
                "title": f"{GIVEN} {FAMILY} findet eine Wohnung in Siegburg",
                "agreed_on": "2026-01-12",
                "due_on": "2026-06-30",
                "status": "open",
            }
        ],
        referrals=[
            {
                "id": "v1",
                "case_id": CASE_ID,
                "date": "2026-01-20",
                "target": "municipal_office",
                "organisation": "Gemeindeamt Sankt Augustin",
                "theme": "housing",
                "outcome": "taken_up",
            }
        ],
    )


@pytest.fixture
def canary_file(new_casefile: CaseFile) -> CaseFile:
    interchange.import_document(new_casefile, canary_document(), "canary.json")
    casework.set_phase(new_casefile, CASE_ID, "assessment", dt.date(2026, 1, 5))
    return new_casefile


def build(data: case_sheet.CaseSheetData) -> bytes:
    buffer = io.BytesIO()
    build_case_sheet(data, buffer)
    return buffer.getvalue()


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def assert_no_canary(pdf: bytes) -> None:
    """Not in the raw bytes, the decompressed page contents (digits of coordinates and
    offsets could match a short canary by chance there, so only the distinctive ones), the
    extracted text and the metadata."""
    reader = PdfReader(io.BytesIO(pdf))
    binary = [pdf.decode("latin-1")]
    binary += [page.get_contents().get_data().decode("latin-1") for page in reader.pages]
    meta = reader.metadata or {}
    readable = [pdf_text(pdf), " ".join(str(value) for value in meta.values())]
    for form in binary:
        for canary in DISTINCT:
            assert canary.casefold() not in form.casefold(), canary
    for form in readable:
        for canary in CANARIES:
            assert canary.casefold() not in form.casefold(), canary


def all_keys(casefile: CaseFile) -> list[str]:
    return [p.key for p in case_sheet.passages_for_review(casefile, CASE_ID)]


# -- the canaries ------------------------------------------------------------------------------


def test_without_release_no_canary_and_no_free_text(canary_file: CaseFile) -> None:
    data = case_sheet.case_sheet(canary_file, CASE_ID, ISSUED)
    pdf = build(data)
    assert_no_canary(pdf)
    text = pdf_text(pdf)
    assert "Fallbesprechungsbogen (pseudonymisiert)" in text
    assert "Woche 10 seit Eröffnung des Falls" in text
    assert "keine der 4 Passagen aufgenommen, da nicht zur Weitergabe freigegeben" in text
    for passage in ("braucht eine Wohnung", "findet eine Wohnung", "Mutter", "ruft unter"):
        assert passage not in text, passage
    assert (data.passages, data.released) == (4, 0)
    # Not in it either: nationality, languages, the municipality (not allowed by default),
    # the interpreted language, the start time.
    for absent in ("Ukraine", "Ukrainisch", "Russisch", MUNICIPALITY, "Siegburg", "09:30"):
        assert absent not in text, absent


def test_released_passages_have_names_replaced_and_no_canary(canary_file: CaseFile) -> None:
    passages = {p.key: p for p in case_sheet.passages_for_review(canary_file, CASE_ID)}
    assert set(passages) == {
        "case_notes/case",
        "appointment_notes/t1",
        "assessment_notes/e1",
        "goal_title/z1",
        # the referral's organisation is never a passage: it is left out altogether
    }
    goal = passages["goal_title/z1"]
    assert goal.text == "Person A findet eine Wohnung in Siegburg"
    assert goal.replaced == 2 and goal.when == "Woche 3"
    note = passages["appointment_notes/t1"]
    # The genitive and the household member's given name; the absolute date goes.
    assert note.text == "Mit Person B und Person As Mutter; Termin am [Datum]."
    case_notes = passages["case_notes/case"].text
    assert case_notes == (
        "Frau Person A (Person A) ruft unter [Nummer] an, Mail [E-Mail]; "
        "geboren [Datum], wohnt [Anschrift]."
    )
    data = case_sheet.case_sheet(canary_file, CASE_ID, ISSUED, list(passages))
    pdf = build(data)
    assert_no_canary(pdf)
    text = pdf_text(pdf)
    assert data.released == data.passages == 4
    assert "Person A findet eine Wohnung in Siegburg" in text
    assert "Mit Person B und Person As Mutter" in text
    assert "Person A braucht eine Wohnung" in text
    assert "4 von 4 Passagen nach Prüfung durch das Case Management freigegeben" in text


def test_one_released_passage_only(canary_file: CaseFile) -> None:
    data = case_sheet.case_sheet(canary_file, CASE_ID, ISSUED, ["goal_title/z1", "nonsense"])
    text = pdf_text(build(data))
    assert data.released == 1
    assert "findet eine Wohnung" in text and "braucht eine Wohnung" not in text


def test_client_notes_are_no_passage(canary_file: CaseFile) -> None:
    """The client's own notes belong to the register, not to the case's course."""
    texts = [p.text for p in case_sheet.passages_for_review(canary_file, CASE_ID)]
    assert not any(text.endswith("wohnt [Anschrift].") and "Frau" not in text for text in texts)


# -- persons and dates ------------------------------------------------------------------------


def test_persons_are_labelled_by_role_then_id(canary_file: CaseFile) -> None:
    data = case_sheet.case_sheet(canary_file, CASE_ID, ISSUED)
    assert [(p.label, p.role, p.age_band, p.gender) for p in data.persons] == [
        ("Person A", "Hauptperson", "27–44 Jahre", "weiblich"),
        ("Person B", "Haushaltsmitglied", "6–17 Jahre", "männlich"),
    ]
    assert data.persons[0].residence_status == "Vorübergehender Schutz (§ 24 AufenthG)"
    # The assessment of the household member alone is his.
    assert [(a.when, a.person) for a in data.assessments] == [
        ("Woche 1", None),
        ("Woche 8", "Person B"),
    ]
    # The same labels in every sheet of the case.
    again = case_sheet.case_sheet(canary_file, CASE_ID, ISSUED)
    assert again.persons == data.persons


def test_weeks_across_the_year_boundary(canary_file: CaseFile) -> None:
    data = case_sheet.case_sheet(canary_file, CASE_ID, ISSUED)
    assert [row.cells[0] for row in data.appointments] == ["Woche 1", "Woche 2"]
    assert [row.cells[0] for row in data.phases] == ["Woche 2"]
    assert data.goals[0].cells[1:4] == ("Woche 3", "Woche 27", "–")
    assert data.referrals[0].cells[0] == "Woche 4"
    assert data.as_of == "Woche 10"  # 2026-03-02 is day 63


def test_week_arithmetic() -> None:
    opened = dt.date(2025, 12, 29)
    assert week(opened, opened) == "Woche 1"
    assert week(dt.date(2026, 1, 4), opened) == "Woche 1"
    assert week(dt.date(2026, 1, 5), opened) == "Woche 2"
    assert week(dt.date(2026, 12, 28), opened) == "Woche 53"
    assert week(dt.date(2025, 12, 28), opened) == "1 Woche vor Eröffnung"
    assert week(dt.date(2025, 12, 15), opened) == "2 Wochen vor Eröffnung"
    # A leap day changes nothing: weeks are days / 7.
    assert week(dt.date(2024, 3, 1), dt.date(2024, 2, 28)) == "Woche 1"
    assert [person_label(i) for i in (0, 1, 25, 26, 27)] == [
        "Person A",
        "Person B",
        "Person Z",
        "Person AA",
        "Person AB",
    ]


def test_scrubbing_leaves_ordinary_text() -> None:
    members = [
        Member(
            "Person A",
            casework.ClientData(given_name="Ali", family_name="von Berg", address="Am Hang 3"),
        )
    ]
    scrub = Pseudonyms(members).scrub
    # "von" is a particle; "Berg" is his, "Bergmann" is not.
    assert scrub("Herr von Berg kam mit 3 Kindern.") == ("Herr von Person A kam mit 3 Kindern.", 1)
    assert scrub("Bewerbung bei Firma Bergmann") == ("Bewerbung bei Firma Bergmann", 0)
    assert scrub("wohnt Am Hang 3; ab März 2026 Kurs") == (
        "wohnt [Anschrift]; ab [Datum] Kurs",
        2,
    )
    # A given name that is a particle of family names is still his name here.
    ben = Pseudonyms([Member("Person B", casework.ClientData(given_name="Ben", family_name="Li"))])
    assert ben.scrub("Ben kam mit der Mutter")[0] == "Person B kam mit der Mutter"
    assert scrub("Aktenzeichen 12-345-67, Tel. +49 2241 13-0")[0] == (
        "Aktenzeichen [Nummer], Tel. [Nummer]"
    )


# -- rules -------------------------------------------------------------------------------------


def test_municipality_only_when_the_district_allows(canary_file: CaseFile, tmp_path: Path) -> None:
    def issue(allowed: bool | None, name: str) -> None:
        with CaseFile.open(tmp_path / "coordinator.kim", PASSPHRASE) as coordinator:
            district.export_config(
                coordinator,
                tmp_path / name,
                [MUNICIPALITY],
                case_sheet_municipality=allowed,
            )
        district.import_config(canary_file, tmp_path / name)

    CaseFile.create(
        tmp_path / "coordinator.kim",
        PASSPHRASE,
        role="coordinator",
        owner="Koordination",
        district="Rhein-Sieg-Kreis",
    ).close()
    issue(None, "1.kimdistrict")
    assert district.current_settings(canary_file).case_sheet_municipality is False  # type: ignore[union-attr]
    assert MUNICIPALITY not in pdf_text(build(case_sheet.case_sheet(canary_file, CASE_ID, ISSUED)))
    issue(True, "2.kimdistrict")
    data = case_sheet.case_sheet(canary_file, CASE_ID, ISSUED)
    assert data.municipality_shown and ("Kommune", MUNICIPALITY) in data.facts
    assert MUNICIPALITY in pdf_text(build(data))
    issue(None, "3.kimdistrict")  # kept for later exports
    assert case_sheet.case_sheet(canary_file, CASE_ID, ISSUED).municipality_shown
    issue(False, "4.kimdistrict")
    assert not case_sheet.case_sheet(canary_file, CASE_ID, ISSUED).municipality_shown


def test_the_flag_is_checked_strictly(tmp_path: Path) -> None:
    with CaseFile.create(
        tmp_path / "c.kim", PASSPHRASE, role="coordinator", owner="K", district="Kreis"
    ) as coordinator:
        district.export_config(
            coordinator, tmp_path / "on.kimdistrict", ["A"], case_sheet_municipality=True
        )
    document = district.read_config(tmp_path / "on.kimdistrict")[0]
    assert document["case_sheet_municipality"] is True
    for wrong in (1, "yes", None):
        with pytest.raises(ConfigInvalid, match="case_sheet_municipality"):
            _settings({**document, "case_sheet_municipality": wrong})
    assert (
        _settings({**document, "case_sheet_municipality": False}).case_sheet_municipality is False
    )


def test_a_restricted_member_refuses_the_sheet(canary_file: CaseFile) -> None:
    casework.restrict_client(canary_file, HOUSEHOLD_ID, on=ISSUED)
    with pytest.raises(RestrictedError, match=r"Art\. 18"):
        case_sheet.case_sheet(canary_file, CASE_ID, ISSUED)
    with pytest.raises(RestrictedError):
        case_sheet.passages_for_review(canary_file, CASE_ID)


def test_unknown_case(canary_file: CaseFile) -> None:
    with pytest.raises(UnknownRecord, match="case_id"):
        case_sheet.case_sheet(canary_file, "nobody", ISSUED)


def test_issue_is_audited_review_is_not(canary_file: CaseFile) -> None:
    def exports() -> list[tuple[str, str | None]]:
        with canary_file.reading_session() as session:
            rows = session.scalars(select(AuditEntry).where(AuditEntry.action == "export"))
            return [(e.entity, e.record_id) for e in rows]

    case_sheet.passages_for_review(canary_file, CASE_ID)
    assert exports() == []
    case_sheet.case_sheet(canary_file, CASE_ID, ISSUED)
    assert exports() == [("cases", CASE_ID)]


def test_pdf_is_deterministic_and_dated_nowhere(canary_file: CaseFile) -> None:
    first = build(case_sheet.case_sheet(canary_file, CASE_ID, ISSUED))
    second = build(case_sheet.case_sheet(canary_file, CASE_ID, ISSUED))
    assert first == second
    meta = PdfReader(io.BytesIO(first)).metadata
    assert meta is not None and meta.author == "KIM Desktop"
    assert "Test Owner" not in first.decode("latin-1")
    assert "02.03.2026" not in pdf_text(first) and "20260302" not in first.decode("latin-1")
    assert "Seite 1 von" in pdf_text(first)
    assert b"/Helvetica" not in first  # every font is the embedded DejaVu Sans


# -- the command -------------------------------------------------------------------------------


def test_kim_case_sheet(tmp_path: Path) -> None:
    path = tmp_path / "file.kim"
    source = tmp_path / "canary.json"
    interchange.write_json(canary_document(), source)
    assert run_kim("init", path, "--role", "casemanager", "--owner", "Test").returncode == 0
    assert run_kim("import-json", path, source).returncode == 0
    out = tmp_path / "bogen.pdf"
    result = run_kim("case-sheet", path, CASE_ID, "--out", out)
    assert result.returncode == 0, result.stderr
    assert "pages, pseudonymised" in result.stdout
    assert "4 free-text passage(s) left out" in result.stderr
    assert "case window" in result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert_no_canary(out.read_bytes())
    for canary in CANARIES:
        assert canary not in result.stdout + result.stderr
    # An existing output: exit 2 before the passphrase is asked for.
    again = run_kim("case-sheet", path, CASE_ID, "--out", out, passphrase=None)
    assert again.returncode == 2 and "already exists" in again.stderr
    # An unknown case: exit 4, nothing written.
    missing = run_kim("case-sheet", path, "nobody", "--out", tmp_path / "x.pdf")
    assert missing.returncode == 4 and not (tmp_path / "x.pdf").exists()
    # A restricted member: exit 4.
    assert run_kim("restrict", path, "--client", HOUSEHOLD_ID).returncode == 0
    refused = run_kim("case-sheet", path, CASE_ID, "--out", tmp_path / "y.pdf")
    assert refused.returncode == 4 and "Art. 18" in refused.stderr
    assert not (tmp_path / "y.pdf").exists()


# -- agreed steps ------------------------------------------------------------------------------

STEP_WHAT = "Quastenflosserberg"  # a third party named in a step's what
STEP_WHO = "Fliederwanzinger"  # and in its who


@pytest.fixture
def steps_file(canary_file: CaseFile) -> tuple[CaseFile, str, str]:
    """The canary case's goal with two steps: the first names a third party and a member."""
    first = casework.add_step(
        canary_file,
        "z1",
        f"Termin bei Frau {STEP_WHAT} im Wohnungsamt, {GIVEN} bringt den Pass mit",
        f"Herr {STEP_WHO} vom Jobcenter",
        due_on=dt.date(2026, 2, 2),  # day 35: week 6
        done_on=dt.date(2026, 1, 28),  # day 30: week 5
    )
    second = casework.add_step(canary_file, "z1", "Mietbescheinigung anfordern")
    return canary_file, first, second


def assert_step_canaries_absent(pdf: bytes, *names: str) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    forms = [pdf.decode("latin-1"), pdf_text(pdf)]
    forms += [page.get_contents().get_data().decode("latin-1") for page in reader.pages]
    forms.append(" ".join(str(value) for value in (reader.metadata or {}).values()))
    for form in forms:
        for name in names:
            assert name.casefold() not in form.casefold(), name


def test_steps_are_printed_under_their_goal_in_weeks_without_their_text(
    steps_file: tuple[CaseFile, str, str],
) -> None:
    casefile, _first, _second = steps_file
    data = case_sheet.case_sheet(casefile, CASE_ID, ISSUED)
    assert data.goals[0].steps == (
        "Schritt 1 (Text nicht freigegeben); wer: nicht freigegeben; bis Woche 6; "
        "erledigt in Woche 5",
        "Schritt 2 (Text nicht freigegeben); offen",
    )
    assert (data.passages, data.released) == (7, 0)  # 4 and each step's what, one who
    pdf = build(data)
    assert_no_canary(pdf)
    assert_step_canaries_absent(pdf, STEP_WHAT, STEP_WHO, "Mietbescheinigung", "Wohnungsamt")
    text = pdf_text(pdf)
    assert "Schritt 1 (Text nicht freigegeben); wer: nicht freigegeben; bis Woche 6;" in text
    assert "Schritt 2 (Text nicht freigegeben); offen" in text
    assert "keine der 7 Passagen" in text
    for date in ("02.02.", "28.01.", "2026"):
        assert date not in text


def test_released_step_texts_have_member_names_replaced(
    steps_file: tuple[CaseFile, str, str],
) -> None:
    casefile, first, second = steps_file
    passages = {p.key: p for p in case_sheet.passages_for_review(casefile, CASE_ID)}
    what = passages[f"step_what/{first}"]
    assert (what.kind, what.step, what.when) == ("step_what", 1, "Woche 3")  # the goal's week
    assert what.text == f"Termin bei Frau {STEP_WHAT} im Wohnungsamt, Person A bringt den Pass mit"
    assert passages[f"step_who/{first}"].step == 1
    assert passages[f"step_what/{second}"].step == 2
    assert f"step_who/{second}" not in passages
    keys = list(passages)  # the steps follow their goal's wording
    assert keys.index(f"step_what/{first}") == keys.index("goal_title/z1") + 1

    # Only the first step's what: its who stays out, the second step's text too.
    data = case_sheet.case_sheet(casefile, CASE_ID, ISSUED, [f"step_what/{first}"])
    pdf = build(data)
    assert_no_canary(pdf)  # the member's given name is replaced
    assert_step_canaries_absent(pdf, STEP_WHO, "Mietbescheinigung")
    text = pdf_text(pdf)
    assert (
        f"Schritt 1: Termin bei Frau {STEP_WHAT} im Wohnungsamt, Person A bringt den Pass mit; "
        "wer: nicht freigegeben; bis Woche 6; erledigt in Woche 5"
    ) in text
    everything = case_sheet.case_sheet(casefile, CASE_ID, ISSUED, keys)
    text = pdf_text(build(everything))
    assert f"wer: Herr {STEP_WHO} vom Jobcenter" in text
    assert "Schritt 2: Mietbescheinigung anfordern; offen" in text


def test_kim_case_sheet_prints_steps_and_logs_no_step_text(
    steps_file: tuple[CaseFile, str, str], tmp_path: Path
) -> None:
    from kim_desktop.core.platform import paths

    casefile, _first, _second = steps_file
    path = casefile.path
    casefile.close()
    home = tmp_path / "home"
    out = tmp_path / "bogen.pdf"
    done = run_kim(
        "case-sheet", path, CASE_ID, "--out", out, extra_env={paths.PORTABLE_ENV: str(home)}
    )
    assert done.returncode == 0, done.stderr
    assert "Schritt 1 (Text nicht freigegeben)" in pdf_text(out.read_bytes())
    assert_step_canaries_absent(out.read_bytes(), STEP_WHAT, STEP_WHO)
    logged = "\n".join(
        f.read_bytes().decode("utf-8", "replace") for f in home.rglob("*") if f.is_file()
    )
    assert "case-sheet" in logged
    for name in (STEP_WHAT, STEP_WHO, GIVEN, FAMILY):
        assert name not in logged and name not in done.stdout + done.stderr
