"""The consent form as a data-protection officer reviews it (issue 16): controller and DPO
from the district configuration (a line to fill in without one, never invented), one tick
box per named recipient organisation, a separate tick box for health data (Art. 9), the
Art. 7(4) statement, withdrawal in plain words, lines for an interpreter and a legal
representative; and ``kim consent-form``'s ``CODE=ORGANISATION`` and warnings."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from conftest import PASSPHRASE, run_kim
from pypdf import PdfReader
from test_access_copy import ISSUED, household_document
from test_access_copy_district import CONTROLLER, DPO, configured

from kim_desktop.core import casework, interchange
from kim_desktop.core.casefile import document_texts
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.documents import document_data
from kim_desktop.core.errors import InvalidInput
from kim_desktop.reports import consent

JOBCENTRE = "Jobcenter Rhein-Sieg, Standort Lohmar"
BOX_SIDE = f"{consent.BOX:.2f}".rstrip("0").rstrip(".")


def pdf(data: document_data.ConsentFormData) -> tuple[bytes, str]:
    buffer = io.BytesIO()
    consent.build_consent_form(data, buffer)
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    text = " ".join(page.extract_text() for page in reader.pages)
    return buffer.getvalue(), re.sub(r"\s+", " ", text)


def tick_boxes(payload: bytes) -> int:
    """The tick boxes drawn: squares of the box's side in the pages' content."""
    reader = PdfReader(io.BytesIO(payload))
    content = b"".join(page.get_contents().get_data() for page in reader.pages)
    square = re.compile(rb"0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?) re")
    side = round(consent.BOX, 2)
    return sum(
        1
        for w, h in square.findall(content)
        if round(float(w), 2) == side and round(float(h), 2) == side
    )


@pytest.fixture
def household(new_casefile: CaseFile) -> CaseFile:
    interchange.import_document(new_casefile, household_document(), "household.json")
    return new_casefile


def test_german_texts_carry_what_the_dpo_asks_for() -> None:
    de = document_texts.german("consent")
    assert "Art. 7 Abs. 4 DSGVO" in de["voluntary"]
    assert "Art. 9 Abs. 2 Buchst. a DSGVO" in de["health_consent"]
    assert "{recipients}" not in de["transfer_intro"]  # organisations are ticked, not listed
    withdrawal = " ".join(de["withdrawal"])
    for plain in ("jederzeit zurücknehmen", "keinen Grund", "Ansprechperson", "einzelne Stelle"):
        assert plain in withdrawal, plain
    assert any("Art. 15 bis 21 DSGVO" in right for right in de["rights"])
    for key in ("interpreter_name", "interpreter_language", "guardian_name", "dpo_label"):
        assert de[key]
    assert "controller" not in de  # the controller is the district's, never a template


def test_controller_dpo_and_named_organisations_are_printed(
    household: CaseFile, tmp_path: Path
) -> None:
    configured(tmp_path, household, controller=CONTROLLER, dpo=DPO)
    data = document_data.consent_data(
        household,
        "subject",
        casework.CASE_DOCUMENTATION,
        [("job_centre", JOBCENTRE), ("foreigners_authority", None)],
        "en",
        ISSUED,
    )
    assert (data.controller, data.dpo) == (CONTROLLER, DPO)
    payload, text = pdf(data)
    for line in (*CONTROLLER.splitlines(), *DPO.splitlines()):
        assert line in text, line
    assert f"{JOBCENTRE} (Jobcenter)" in text and f"{JOBCENTRE} (Job centre)" in text
    # an organisation not named: its category and a line to write the name on
    assert "Name der Stelle:" in text and "Name of the organisation:" in text
    assert "Art. 7 Abs. 4 DSGVO" in text and "Art. 7(4) GDPR" in text
    for caption in (
        "Name der dolmetschenden Person",
        "Name of the interpreter",
        "Sprache",
        "Unterschrift gesetzliche Vertretung",
        "Signature of the legal representative",
    ):
        assert caption in text, caption
    # one box for health data and one per recipient, left of both languages
    assert tick_boxes(payload) == 1 + 2


def test_without_a_configuration_the_form_leaves_lines_to_fill_in(household: CaseFile) -> None:
    data = document_data.consent_data(household, "subject", "case_documentation", [], "de")
    assert data.controller is None and data.dpo is None
    payload, text = pdf(data)
    assert "Kommunales Integrationsmanagement (KIM), Case Management" not in text  # invented
    assert text.count(consent.BLANK * 2) >= 4  # two lines each for controller and DPO
    assert tick_boxes(payload) == 1  # health data only: no recipients, no transfer part
    assert "Schweigepflichtentbindung" not in text


def test_a_recipient_names_the_organisation_of_the_client_s_referral(
    household: CaseFile,
) -> None:
    casework.add_referral(
        household, "household", dt.date(2024, 2, 1), "job_centre", organisation="Jobcenter Alt"
    )
    casework.add_referral(
        household, "household", dt.date(2024, 5, 1), "job_centre", organisation=JOBCENTRE
    )
    data = document_data.consent_data(household, "subject", "data_transfer", ["job_centre"], "de")
    assert [r.organisation for r in data.recipients] == [JOBCENTRE]  # the latest referral
    given = document_data.consent_data(
        household, "subject", "data_transfer", [("job_centre", "Jobcenter Neu")], "de"
    )
    assert [r.organisation for r in given.recipients] == ["Jobcenter Neu"]
    # two organisations of one category are two boxes; a repeat is one
    both = document_data.consent_data(
        household,
        "subject",
        "data_transfer",
        [("job_centre", "A"), ("job_centre", "B"), ("job_centre", "A")],
        "de",
    )
    assert [r.organisation for r in both.recipients] == ["A", "B"]
    assert tick_boxes(pdf(both)[0]) == 2  # the release alone: no health box
    for bad in ("x" * 201, "Zeile\nzwei"):
        with pytest.raises(InvalidInput) as raised:
            document_data.consent_data(
                household, "subject", "data_transfer", [("job_centre", bad)], "de"
            )
        assert raised.value.field == "organisation"


def test_every_language_prints_every_part(household: CaseFile) -> None:
    for language in consent.available_languages():
        data = document_data.consent_data(
            household, "subject", "case_documentation", [("job_centre", JOBCENTRE)], language
        )
        payload, text = pdf(data)
        assert JOBCENTRE in text, language
        assert tick_boxes(payload) == 2, language


def test_kim_consent_form_names_organisations_and_warns_of_what_is_missing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "case.kim"
    with CaseFile.create(path, PASSPHRASE, role="casemanager", owner="CM") as casefile:
        interchange.import_document(casefile, household_document(), "household.json")
    out = tmp_path / "consent.pdf"
    result = run_kim(
        "consent-form",
        str(path),
        "subject",
        "--out",
        str(out),
        "--recipient",
        f"job_centre={JOBCENTRE}",
        "foreigners_authority",
    )
    assert result.returncode == 0, result.stderr
    assert "no controller and no data-protection officer" in result.stderr
    assert "no organisation named for foreigners_authority" in result.stderr
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(out).pages))
    assert JOBCENTRE in text
    bad = run_kim(
        "consent-form",
        str(path),
        "subject",
        "--out",
        str(tmp_path / "b.pdf"),
        "--recipient",
        "nope=Somewhere",
    )
    assert bad.returncode == 4 and "recipient" in bad.stderr
    assert not (tmp_path / "b.pdf").exists()
