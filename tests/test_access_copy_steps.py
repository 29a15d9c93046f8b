"""The goals' agreed steps in the Art. 15 copy (issue 16): the JSON half carries them in
``goal_steps``, the PDF lists them under the goals (German, or German with the client's
language for the fixed texts); their wording and who are free text, withheld unless
released — a name planted in a step's what and who reaches neither half, nor the log,
unless that passage is released."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from conftest import PASSPHRASE, run_kim
from pypdf import PdfReader
from test_access_copy import ISSUED, household_document

from kim_desktop.core import casework, interchange
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.documents import access_copy
from kim_desktop.core.documents.free_text import ALL, WITHHELD
from kim_desktop.core.platform import paths
from kim_desktop.reports.access_copy import build_access_copy

WHAT_CANARY = "Quastenflosserberg"  # a third party named in a step's what
WHO_CANARY = "Fliederwanzinger"  # and in a step's who


@pytest.fixture
def steps_file(new_casefile: CaseFile) -> tuple[CaseFile, list[str]]:
    """The household of test_access_copy; its goal g1 with two agreed steps."""
    interchange.import_document(new_casefile, household_document(), "household.json")
    first = casework.add_step(
        new_casefile,
        "g1",
        f"Bewerbung bei Frau {WHAT_CANARY} abgeben",
        f"Herr {WHO_CANARY} vom Jobcenter",
        due_on=dt.date(2025, 3, 14),
        done_on=dt.date(2025, 3, 12),
    )
    second = casework.add_step(new_casefile, "g1", "Mietbescheinigung anfordern")
    return new_casefile, [first, second]


def pdf_bytes(data: access_copy.AccessCopyData, language: str = "de") -> bytes:
    buffer = io.BytesIO()
    build_access_copy(data, buffer, language=language)
    return buffer.getvalue()


def pdf_text(data: bytes | Path) -> str:
    reader = PdfReader(io.BytesIO(data) if isinstance(data, bytes) else data)
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def assert_absent(name: str, pdf: bytes, document: dict[str, object]) -> None:
    """Not in the JSON, nor the PDF's raw bytes, decompressed pages, text or metadata."""
    assert name not in json.dumps(document, ensure_ascii=False)
    reader = PdfReader(io.BytesIO(pdf))
    assert name.encode("utf-8") not in pdf and name.encode("latin-1") not in pdf
    for page in reader.pages:
        assert name not in page.get_contents().get_data().decode("latin-1")
    assert name not in pdf_text(pdf)
    assert name not in " ".join(str(value) for value in (reader.metadata or {}).values())


def test_json_carries_the_steps_and_the_rest_stays_an_interchange_document(
    steps_file: tuple[CaseFile, list[str]],
) -> None:
    casefile, (first, second) = steps_file
    document = access_copy.access_copy(casefile, "subject", ISSUED, ALL).document
    assert document["goal_steps"] == [
        {
            "id": first,
            "goal_id": "g1",
            "position": 0,
            "what": f"Bewerbung bei Frau {WHAT_CANARY} abgeben",
            "who": f"Herr {WHO_CANARY} vom Jobcenter",
            "due_on": "2025-03-14",
            "done_on": "2025-03-12",
        },
        {"id": second, "goal_id": "g1", "position": 1, "what": "Mietbescheinigung anfordern"},
    ]
    assert interchange.schema_problems(access_copy.interchange_part(document)) == []
    assert list(document)[-1] == "goal_steps"
    counts = dict(access_copy.access_copy(casefile, "subject", ISSUED).data.record_counts)
    assert counts["Vereinbarte Schritte"] == 2


def test_a_household_members_case_steps_are_not_in_another_clients_copy(
    steps_file: tuple[CaseFile, list[str]],
) -> None:
    """Only the steps of the goals in the copy: a case the client is not in adds none."""
    casefile, _ = steps_file
    goal = casework.add_goal(casefile, "other case", "work", "Arbeit finden", dt.date(2025, 3, 2))
    casework.add_step(casefile, goal, "Lebenslauf schreiben")
    document = access_copy.access_copy(casefile, "subject", ISSUED, ALL).document
    assert {step["goal_id"] for step in document["goal_steps"]} == {"g1"}
    stranger = access_copy.access_copy(casefile, "stranger", ISSUED, ALL).document
    assert [step["what"] for step in stranger["goal_steps"]] == ["Lebenslauf schreiben"]


def test_steps_are_withheld_unless_released(steps_file: tuple[CaseFile, list[str]]) -> None:
    casefile, (first, second) = steps_file
    passages = {p.key: p for p in access_copy.passages_for_review(casefile, "subject")}
    what, who = f"goal_steps/{first}/what", f"goal_steps/{first}/who"
    assert passages[what].kind == "step_what" and passages[who].kind == "step_who"
    assert (passages[what].step, passages[what].goal) == (1, "Eigene Wohnung in Siegburg finden")
    assert passages[what].on == dt.date(2025, 3, 14)  # the day it is due by
    assert passages[f"goal_steps/{second}/what"].step == 2
    assert f"goal_steps/{second}/who" not in passages  # no who: nothing to review

    withheld = access_copy.access_copy(casefile, "subject", ISSUED)
    steps = withheld.document["goal_steps"]
    assert [(s["what"], s.get("who")) for s in steps] == [(WITHHELD, WITHHELD), (WITHHELD, None)]
    assert steps[0]["due_on"] == "2025-03-14" and steps[0]["done_on"] == "2025-03-12"
    assert withheld.data.withheld == len(passages)
    pdf = pdf_bytes(withheld.data)
    for name in (WHAT_CANARY, WHO_CANARY):
        assert_absent(name, pdf, withheld.document)
    text = pdf_text(pdf)
    assert "Vereinbarte Schritte zu den Zielen (2)" in text
    assert "Ziel Schritt Was Wer Bis wann Erledigt am" in text
    assert "14.03.2025" in text and "12.03.2025" in text
    assert "Mietbescheinigung" not in text
    # Each withheld passage is marked: the goal's wording, two whats and a who.
    assert text.count("Passage zurückgehalten") >= 4

    # Releasing the what of the first step shows it; its who stays withheld.
    partly = access_copy.access_copy(casefile, "subject", ISSUED, [what])
    assert partly.document["goal_steps"][0]["what"] == f"Bewerbung bei Frau {WHAT_CANARY} abgeben"
    pdf = pdf_bytes(partly.data)
    assert WHAT_CANARY in pdf_text(pdf)
    assert_absent(WHO_CANARY, pdf, partly.document)

    released = access_copy.access_copy(casefile, "subject", ISSUED, ALL)
    text = pdf_text(pdf_bytes(released.data))
    assert f"Herr {WHO_CANARY} vom Jobcenter" in text and "Mietbescheinigung anfordern" in text
    assert released.data.withheld == 0


def test_a_goal_without_steps_says_so_and_a_case_without_goals_has_no_step_listing(
    new_casefile: CaseFile,
) -> None:
    interchange.import_document(new_casefile, household_document(), "household.json")
    text = pdf_text(pdf_bytes(access_copy.access_copy(new_casefile, "subject", ISSUED).data))
    assert "Vereinbarte Schritte zu den Zielen (0) Keine Einträge." in text
    assert access_copy.access_copy(new_casefile, "stranger", ISSUED).data.cases[0].steps == ()
    text = pdf_text(pdf_bytes(access_copy.access_copy(new_casefile, "stranger", ISSUED).data))
    assert "Vereinbarte Schritte zu den Zielen" not in text
    assert "Vereinbarte Schritte: 0" in text  # part 3 counts what the JSON holds


@pytest.mark.parametrize("language", ["en", "ar", "uk"])
def test_the_listing_is_labelled_in_both_languages(
    steps_file: tuple[CaseFile, list[str]], language: str
) -> None:
    casefile, _ = steps_file
    data = access_copy.access_copy(casefile, "subject", ISSUED).data
    pdf = pdf_bytes(data, language)
    text = pdf_text(pdf)
    assert "Vereinbarte Schritte zu den Zielen (2)" in text
    assert f"{language} 2" in text  # the footer names the texts' new version
    if language == "en":
        assert "Agreed steps towards the goals (2)" in text
        # each column label with its translation below it
        labels = "Ziel Goal Schritt Step Was What Wer Who Bis wann By when Erledigt am Done on"
        assert labels in text
    if language == "uk":
        assert "Узгоджені кроки до цілей (2)" in text
    for name in (WHAT_CANARY, WHO_CANARY):
        assert name not in text


def test_kim_access_copy_logs_no_step_text(
    steps_file: tuple[CaseFile, list[str]], tmp_path: Path
) -> None:
    casefile, _ = steps_file
    path = casefile.path
    casefile.close()
    home = tmp_path / "home"
    env = {paths.PORTABLE_ENV: str(home)}
    withheld = run_kim("access-copy", path, "subject", "--out", tmp_path / "a.pdf", extra_env=env)
    assert withheld.returncode == 0, withheld.stderr
    for out in (tmp_path / "a.pdf", tmp_path / "a.json"):
        for name in (WHAT_CANARY, WHO_CANARY):
            assert name.encode("utf-8") not in out.read_bytes()
    released = run_kim(
        "access-copy",
        path,
        "subject",
        "--out",
        tmp_path / "b.pdf",
        "--release-free-text",
        extra_env=env,
    )
    assert released.returncode == 0, released.stderr
    document = json.loads((tmp_path / "b.json").read_text("utf-8"))
    assert WHO_CANARY in document["goal_steps"][0]["who"]
    logged = "\n".join(
        f.read_bytes().decode("utf-8", "replace") for f in home.rglob("*") if f.is_file()
    )
    assert "access-copy" in logged or "kim" in logged  # the log was written
    for name in (WHAT_CANARY, WHO_CANARY):
        assert name not in logged
        assert name not in withheld.stdout + withheld.stderr + released.stdout + released.stderr
    with CaseFile.open(path, PASSPHRASE) as again:  # the file is untouched by the copies
        assert len(casework.list_steps(again, "g1")) == 2


def test_the_copy_imports_whole_with_its_steps(
    steps_file: tuple[CaseFile, list[str]], tmp_path: Path
) -> None:
    """Art. 20: the copy's JSON moves to another file with ``kim import-json``, steps and
    all; a bad step refuses everything (exit 4, naming step and field, never the text)."""
    casefile, (first, second) = steps_file
    document = access_copy.access_copy(casefile, "subject", ISSUED, ALL).document
    copy_json = tmp_path / "copy.json"
    copy_json.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    target = tmp_path / "new.kim"
    CaseFile.create(target, PASSPHRASE, role="casemanager", owner="Neu").close()

    broken = json.loads(json.dumps(document))
    broken["goal_steps"][0]["due_on"] = "2025-02-30"
    bad_json = tmp_path / "bad.json"
    bad_json.write_text(json.dumps(broken, ensure_ascii=False), "utf-8")
    refused = run_kim("import-json", target, bad_json)
    assert refused.returncode == 4
    assert f"agreed step {first}: due_on" in refused.stderr
    assert WHAT_CANARY not in refused.stderr + refused.stdout
    with CaseFile.open(target, PASSPHRASE) as fresh:  # all or nothing
        assert casework.find_clients(fresh, "") == []

    done = run_kim("import-json", target, copy_json)
    assert done.returncode == 0, done.stderr
    assert "2 agreed steps" in done.stdout
    with CaseFile.open(target, PASSPHRASE) as fresh:
        steps = casework.list_steps(fresh, "g1")
    assert [(s.id, s.what, s.due_on) for s in steps] == [
        (first, f"Bewerbung bei Frau {WHAT_CANARY} abgeben", dt.date(2025, 3, 14)),
        (second, "Mietbescheinigung anfordern", None),
    ]
    again = run_kim("import-json", target, copy_json)  # the records are there already
    assert again.returncode == 4
