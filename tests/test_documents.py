"""The client documents of issue 6: the consent form (German beside English, texts from data
files) and the goal agreement. The PDFs are read back (text extraction); the bytes are
deterministic; ``kim consent-form`` and ``kim goal-agreement`` keep the exit-code contract."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from conftest import PASSPHRASE, run_kim
from pypdf import PdfReader

from kim_desktop.core import casework
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile import document_texts
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.documents import document_data
from kim_desktop.reports import consent, goal_agreement

ISSUED = dt.date(2026, 1, 15)
EPOCH = {"SOURCE_DATE_EPOCH": "1768435200"}  # 15.01.2026
TEXTS = Path(document_texts.__file__).parent / "data" / "texts"


def flat(data: bytes | Path) -> tuple[PdfReader, str]:
    source = io.BytesIO(data) if isinstance(data, bytes) else data
    reader = PdfReader(source)
    text = " ".join(page.extract_text() for page in reader.pages)
    return reader, re.sub(r"\s+", " ", text)


def first_client(casefile: CaseFile) -> casework.ClientRow:
    return casework.find_clients(casefile, "")[0]


def case_with_goals(casefile: CaseFile) -> casework.CaseDetail:
    for row in casework.list_cases(casefile, casework.CaseFilter(), limit=100):
        detail = casework.get_case(casefile, row.id)
        if len({g.life_area for g in detail.goals}) >= 2:
            return detail
    raise AssertionError("the demo file has no case with goals in two life areas")


def consent_pdf(data: document_data.ConsentFormData) -> bytes:
    buffer = io.BytesIO()
    consent.build_consent_form(data, buffer)
    return buffer.getvalue()


def agreement_pdf(data: document_data.GoalAgreementData) -> bytes:
    buffer = io.BytesIO()
    goal_agreement.build_goal_agreement(data, buffer)
    return buffer.getvalue()


# -- texts -----------------------------------------------------------------------------------


def test_consent_texts_are_data_files_with_the_same_keys() -> None:
    assert consent.available_languages() == ("de", "ar", "en", "fa", "ru", "tr", "uk")
    german = json.loads((TEXTS / "consent.de.json").read_text("utf-8"))
    english = json.loads((TEXTS / "consent.en.json").read_text("utf-8"))
    assert german.keys() == english.keys()
    for key, value in german.items():
        if isinstance(value, list):
            assert len(value) == len(english[key]), key
    assert "Art. 9 Abs. 2 Buchst. a" in " ".join(german["intro"])
    assert any("Art. 15 bis 21 DSGVO" in right for right in german["rights"])
    with pytest.raises(ValueError):
        consent.load_texts("xx")


# -- consent form ----------------------------------------------------------------------------


def test_consent_form_is_prefilled_bilingual_and_deterministic(demo_file: Path) -> None:
    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        row = first_client(casefile)
        client = casework.get_client(casefile, row.id)
        data = document_data.consent_data(
            casefile, row.id, casework.CASE_DOCUMENTATION, ["job_centre"], "en", ISSUED
        )
    assert data.client_name == row.display_name
    assert data.recipients == (document_data.Recipient("job_centre", "Jobcenter", "Job centre"),)
    # a recipient the client has no referral to names no organisation: a line on the form
    payload = consent_pdf(data)
    assert payload == consent_pdf(data)  # same data, same bytes
    reader, text = flat(payload)
    assert 1 <= len(reader.pages) <= 3  # the release, interpreter and guardian lines
    assert row.display_name in text
    assert f"{client.birth_date:%d.%m.%Y}" in text
    assert "Einwilligung in die Datenverarbeitung im Case Management" in text
    assert "Consent to data processing in case management" in text
    assert "Schweigepflichtentbindung / Einwilligung in die Datenübermittlung" in text
    assert "Release from confidentiality / consent to data transfer" in text
    assert "Jobcenter" in text and "Job centre" in text
    for caption in (
        "Ort, Datum",
        "Place, date",
        "Unterschrift der betroffenen Person",
        "Signature of the person concerned",
        "Unterschrift Case Management",
        "Signature of case manager",
    ):
        assert caption in text, caption
    assert "Formularversion / Form version 2026-1" in text
    assert "Stand 15.01.2026" in text
    assert reader.metadata.title.startswith("Einwilligung in die Datenverarbeitung")
    assert reader.metadata.author == "Demo Owner"
    assert b"/Lang (de-DE)" in payload


def test_consent_form_without_recipients_has_no_transfer_section(demo_file: Path) -> None:
    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        row = first_client(casefile)
        data = document_data.consent_data(casefile, row.id, "case_documentation", [], "en")
    _reader, text = flat(consent_pdf(data))
    assert "Consent to data processing in case management" in text
    assert "Schweigepflichtentbindung" not in text


def test_consent_data_rejects_bad_input(demo_file: Path) -> None:
    from kim_desktop.core.errors import InvalidInput

    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        row = first_client(casefile)
        with pytest.raises(InvalidInput):
            document_data.consent_data(casefile, row.id, "case_documentation", ["nope"], "en")
        with pytest.raises(InvalidInput):
            document_data.consent_data(casefile, row.id, "data_transfer", [], "en")
        with pytest.raises(InvalidInput):
            document_data.consent_data(casefile, row.id, "other", [], "en")


# -- goal agreement --------------------------------------------------------------------------


def test_goal_agreement_lists_goals_by_life_area(demo_file: Path) -> None:
    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        detail = case_with_goals(casefile)
        data = document_data.goal_agreement_data(casefile, detail.id, ISSUED)
    payload = agreement_pdf(data)
    assert payload == agreement_pdf(data)
    _reader, text = flat(payload)
    assert "Zielvereinbarung / Integrationsplan" in text
    areas = cat.base_catalogues()[cat.LIFE_AREAS]
    for goal in detail.goals:
        assert re.sub(r"\s+", " ", goal.title) in text, goal.title
        if goal.life_area:
            assert areas.label(goal.life_area, "de") in text
    for member in detail.members:
        assert casework.display_name(member.client.family_name, member.client.given_name) in text
    assert "Vereinbarte Schritte" in text
    assert "Unterschrift Klient:in" in text and "Unterschrift Case Management" in text
    assert detail.municipality in text and "15.01.2026" in text  # "Stand" in the footer
    # The date of the agreement is the day its goals were agreed, not the day of printing.
    agreed = max(goal.agreed_on for goal in detail.goals)
    assert data.agreed_on == agreed != ISSUED
    assert re.search(rf"Datum der Vereinbarung\s*{agreed:%d.%m.%Y}", text), text[:600]


def test_every_adult_of_the_household_signs(demo_file: Path) -> None:
    """A signature line, with the name under it, for each member 18 or older on the day of
    the agreement (and each without a recorded birth date); children sign nowhere."""
    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        detail = case_with_goals(casefile)
        data = document_data.goal_agreement_data(casefile, detail.id, ISSUED)
    day = data.agreed_on
    assert day is not None
    members = (
        document_data.MemberLine("Adult, Ada", dt.date(day.year - 40, 1, 1), "Hauptperson"),
        document_data.MemberLine("Adult, Ben", None, "Partner:in"),
        document_data.MemberLine("Young, Cem", dt.date(day.year - 18, day.month, 1), "Kind"),
        document_data.MemberLine("Child, Dana", dt.date(day.year - 9, 6, 1), "Kind"),
    )
    household = dataclasses.replace(data, members=members)
    assert [m.name for m in household.adults()] == ["Adult, Ada", "Adult, Ben", "Young, Cem"]
    _reader, text = flat(agreement_pdf(household))
    signing = text[text.index("Ort, Datum") :]
    assert signing.count("Unterschrift Klient:in") == 3
    for name in ("Adult, Ada", "Adult, Ben", "Young, Cem"):
        assert name in signing
    assert "Child, Dana" not in signing and "Unterschrift Case Management" in signing


# -- command line ----------------------------------------------------------------------------


def test_cli_writes_both_documents_and_keeps_the_exit_codes(demo_file: Path, tmp_path) -> None:
    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        client_id = first_client(casefile).id
        case_id = case_with_goals(casefile).id
    form = tmp_path / "einwilligung.pdf"
    args = ("consent-form", demo_file, client_id, "--out", form)
    result = run_kim(*args, "--recipient", "job_centre", "health_services", extra_env=EPOCH)
    assert result.returncode == 0, result.stderr
    _reader, text = flat(form)
    assert "Gesundheitsdienste" in text and "Health services" in text
    again = tmp_path / "again.pdf"
    result = run_kim(
        "consent-form", demo_file, client_id, "--out", again,
        "--recipient", "job_centre", "health_services", extra_env=EPOCH,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert again.read_bytes() == form.read_bytes()
    before = form.read_bytes()
    assert run_kim(*args, extra_env=EPOCH).returncode == 2  # existing output
    assert form.read_bytes() == before
    other = tmp_path / "other.pdf"
    assert (
        run_kim("consent-form", demo_file, client_id, "--out", other, "--language", "xx").returncode
        == 2
    )
    assert run_kim("consent-form", demo_file, "no-such-client", "--out", other).returncode == 4
    assert (
        run_kim("consent-form", demo_file, client_id, "--out", other, "--recipient", "x").returncode
        == 4
    )
    assert not other.exists()
    assert run_kim("consent-form", demo_file, client_id).returncode == 2  # --out missing

    plan = tmp_path / "ziele.pdf"
    result = run_kim("goal-agreement", demo_file, case_id, "--out", plan, extra_env=EPOCH)
    assert result.returncode == 0, result.stderr
    assert "Zielvereinbarung / Integrationsplan" in flat(plan)[1]
    assert run_kim("goal-agreement", demo_file, case_id, "--out", plan).returncode == 2
    assert run_kim("goal-agreement", demo_file, "no-such-case", "--out", other).returncode == 4
