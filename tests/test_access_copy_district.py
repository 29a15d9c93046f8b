"""The Art. 15 copy after issue 14: controller and data-protection officer from the district
configuration in force (never the case's municipality), "source of data" true to the
consents, free text that may name third parties withheld unless released (Art. 15 Abs. 4),
and the command's warnings (plain personal data; no controller configured)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from conftest import PASSPHRASE, minimal_document, run_kim
from pypdf import PdfReader
from test_access_copy import ISSUED, household_document

from kim_desktop.core import interchange
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.documents import access_copy, document_data, free_text
from kim_desktop.core.sync import district
from kim_desktop.reports.access_copy import build_access_copy
from kim_desktop.reports.consent import build_consent_form

DISTRICT = "Rhein-Sieg-Kreis"
CONTROLLER = "Rhein-Sieg-Kreis, Der Landrat\nKaiser-Wilhelm-Platz 1\n53721 Siegburg"
DPO = "Datenschutzbeauftragte des Rhein-Sieg-Kreises\nTel. 02241 13-0\ndatenschutz@example.org"
CANARY = "Zaunkönigsberger"  # a third party named in free text


def canary_document() -> dict[str, object]:
    document = household_document()
    document["appointments"][1]["notes"] = f"Nachbar {CANARY} hat beim Umzug geholfen."
    document["goals"][0]["title"] = f"Wohnung gemeinsam mit {CANARY} finden"
    return document


def configured(tmp_path: Path, casefile: CaseFile, **texts: str | int) -> None:
    """A coordinator issues a configuration (with ``texts``: controller, dpo) and the case
    manager's file imports it, as in the district's practice."""
    with CaseFile.create(
        tmp_path / "coordinator.kim",
        PASSPHRASE,
        role="coordinator",
        owner="Koordination",
        district=DISTRICT,
    ) as coordinator:
        district.export_config(
            coordinator, tmp_path / "rsk.kimdistrict", ["Siegburg", "Lohmar"], **texts
        )
    district.import_config(casefile, tmp_path / "rsk.kimdistrict")


def pdf_text(data: bytes | Path) -> str:
    reader = PdfReader(io.BytesIO(data) if isinstance(data, bytes) else data)
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def pdf_of(copy: access_copy.AccessCopy) -> bytes:
    buffer = io.BytesIO()
    build_access_copy(copy.data, buffer)
    return buffer.getvalue()


@pytest.fixture
def canary_file(new_casefile: CaseFile) -> CaseFile:
    interchange.import_document(new_casefile, canary_document(), "household.json")
    return new_casefile


def test_controller_and_dpo_come_from_the_district_configuration(
    canary_file: CaseFile, tmp_path: Path
) -> None:
    configured(tmp_path, canary_file, controller=CONTROLLER, dpo=DPO)
    copy = access_copy.access_copy(canary_file, "subject", ISSUED)
    assert (copy.data.controller, copy.data.dpo) == (CONTROLLER, DPO)
    text = pdf_text(pdf_of(copy))
    for line in (*CONTROLLER.splitlines(), *DPO.splitlines()):
        assert line in text, line
    assert "Datenschutzbeauftragte Person" in text
    # The municipality of the case is a fact of the case, never the controller.
    assert "Siegburg, Kommunales Integrationsmanagement" not in text
    assert "Verantwortliche Stelle Rhein-Sieg-Kreis, Der Landrat" in text
    assert "nicht angegeben" not in text


def test_the_promised_deletion_follows_the_district_s_retention_years(
    canary_file: CaseFile, tmp_path: Path
) -> None:
    default = pdf_text(pdf_of(access_copy.access_copy(canary_file, "subject", ISSUED)))
    assert "spätestens drei Jahre nach Abschluss des Falls" in default
    configured(tmp_path, canary_file, retention_years=5)
    copy = access_copy.access_copy(canary_file, "subject", ISSUED)
    assert copy.data.retention_years == 5
    assert "spätestens fünf Jahre nach Abschluss des Falls" in pdf_text(pdf_of(copy))


def test_the_consent_form_promises_the_district_s_retention_years(
    canary_file: CaseFile, tmp_path: Path
) -> None:
    def form_text() -> str:
        data = document_data.consent_data(canary_file, "subject", "case_documentation", [], "en")
        buffer = io.BytesIO()
        build_consent_form(data, buffer)
        return pdf_text(buffer.getvalue())

    default = form_text()
    assert "spätestens drei Jahre nach Abschluss des Falls" in default
    assert "at the latest three years after your case is closed" in default
    configured(tmp_path, canary_file, retention_years=15)
    changed = form_text()
    assert "spätestens 15 Jahre nach Abschluss des Falls" in changed
    assert "at the latest 15 years after your case is closed" in changed
    assert "{retention}" not in changed


def test_without_controller_or_dpo_a_line_to_fill_in(canary_file: CaseFile) -> None:
    copy = access_copy.access_copy(canary_file, "subject", ISSUED)
    assert copy.data.controller is None and copy.data.dpo is None
    text = pdf_text(pdf_of(copy))
    marker = "Verantwortliche Stelle bitte eintragen — in der Kreiskonfiguration nicht angegeben"
    assert marker in text
    assert "Datenschutzbeauftragte Person bitte eintragen" in text
    assert "Siegburg, Kommunales Integrationsmanagement" not in text  # nothing invented


def test_source_of_data_follows_the_consents(canary_file: CaseFile) -> None:
    text = pdf_text(pdf_of(access_copy.access_copy(canary_file, "subject", ISSUED)))
    assert "von Ihnen selbst, in den Beratungsgesprächen" in text
    # k2: data-transfer consent to the social welfare office, given 03.02.2025.
    recipient = access_copy.access_copy(canary_file, "subject", ISSUED).data.recipients[0]
    assert (
        f"mit Ihrer Einwilligung vom 03.02.2025 (Schweigepflichtentbindung) im Austausch mit: "
        f"{recipient}"
    ) in text


def test_source_of_data_without_transfer_consent(new_casefile: CaseFile) -> None:
    interchange.import_document(
        new_casefile,
        minimal_document(
            clients=[{"id": "solo", "family_name": "Allein"}],
            consents=[
                {
                    "id": "k",
                    "client_id": "solo",
                    "kind": "case_documentation",
                    "given_on": "2025-01-02",
                }
            ],
        ),
        "d",
    )
    data = access_copy.access_copy(new_casefile, "solo", ISSUED).data
    assert data.sources == ("von Ihnen selbst, in den Beratungsgesprächen mit dem Case Management",)


def test_free_text_is_withheld_unless_released(canary_file: CaseFile, tmp_path: Path) -> None:
    passages = access_copy.passages_for_review(canary_file, "subject")
    kinds = {p.kind for p in passages}
    assert kinds == {"client_notes", "case_notes", "appointment_notes", "goal_title"}
    withheld = access_copy.access_copy(canary_file, "subject", ISSUED)
    raw_json = json.dumps(withheld.document, ensure_ascii=False).encode("utf-8")
    raw_pdf = pdf_of(withheld)
    assert CANARY.encode("utf-8") not in raw_json and CANARY not in pdf_text(raw_pdf)
    assert withheld.data.withheld == len(passages)
    assert "Passage zurückgehalten" in pdf_text(raw_pdf)
    assert "Zurückgehaltene Angaben" in pdf_text(raw_pdf)
    valid = access_copy.interchange_part(withheld.document)
    assert interchange.schema_problems(valid) == []  # still a valid document

    # Releasing only the harmless passages keeps the canary out.
    harmless = [p.key for p in passages if CANARY not in p.text]
    partly = access_copy.access_copy(canary_file, "subject", ISSUED, harmless)
    assert partly.data.withheld == 2
    assert CANARY not in json.dumps(partly.document, ensure_ascii=False)
    text = pdf_text(pdf_of(partly))
    assert CANARY not in text and "Bevorzugt Termine am Vormittag." in text

    released = access_copy.access_copy(canary_file, "subject", ISSUED, free_text.ALL)
    assert released.data.withheld == 0
    assert CANARY in pdf_text(pdf_of(released))
    assert "Zurückgehaltene Angaben" not in pdf_text(pdf_of(released))


def test_kim_access_copy_withholds_and_warns(tmp_path: Path) -> None:
    path = tmp_path / "file.kim"
    source = tmp_path / "household.json"
    source.write_text(json.dumps(canary_document()), "utf-8")
    assert run_kim("init", path, "--role", "casemanager", "--owner", "Test").returncode == 0
    assert run_kim("import-json", path, source).returncode == 0

    done = run_kim("access-copy", path, "subject", "--out", tmp_path / "a.pdf")
    assert done.returncode == 0, done.stderr
    for out in (tmp_path / "a.pdf", tmp_path / "a.json"):
        assert CANARY.encode("utf-8") not in out.read_bytes()
    assert CANARY not in pdf_text(tmp_path / "a.pdf")
    assert "plain (unencrypted) personal data" in done.stderr
    assert "names no controller and no data-protection officer" in done.stderr
    assert "withheld" in done.stderr and "Traceback" not in done.stderr
    assert CANARY not in done.stdout + done.stderr

    released = run_kim(
        "access-copy", path, "subject", "--out", tmp_path / "b.pdf", "--release-free-text"
    )
    assert released.returncode == 0, released.stderr
    assert CANARY in pdf_text(tmp_path / "b.pdf")
    assert CANARY in (tmp_path / "b.json").read_text("utf-8")
    assert "withheld" not in released.stderr

    helped = run_kim("access-copy", "--help")
    assert "--release-free-text" in helped.stdout
    assert "plain (unencrypted) personal data" in re.sub(r"\s+", " ", helped.stdout)


def test_kim_access_copy_with_a_configured_district_warns_only_of_plain_data(
    tmp_path: Path,
) -> None:
    path = tmp_path / "file.kim"
    with CaseFile.create(path, PASSPHRASE, role="casemanager", owner="Test") as casefile:
        interchange.import_document(casefile, canary_document(), "household.json")
        configured(tmp_path, casefile, controller=CONTROLLER, dpo=DPO)
    done = run_kim("access-copy", path, "subject", "--out", tmp_path / "a.pdf")
    assert done.returncode == 0, done.stderr
    assert "names no" not in done.stderr
    assert "Der Landrat" in pdf_text(tmp_path / "a.pdf")


def test_kim_export_json_says_the_output_is_plain(tmp_path: Path) -> None:
    path = tmp_path / "file.kim"
    assert run_kim("init", path, "--role", "casemanager", "--owner", "Test").returncode == 0
    done = run_kim("export-json", path, tmp_path / "all.json")
    assert done.returncode == 0, done.stderr
    assert "plain (unencrypted) personal data" in done.stderr
    assert "delete it after use" in done.stderr
    helped = run_kim("export-json", "--help")
    assert "plain (unencrypted) personal data" in re.sub(r"\s+", " ", helped.stdout)
