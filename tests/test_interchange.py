"""Interchange import/export: lossless round trip, validation before writing, all or nothing."""

from __future__ import annotations

import copy
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import PASSPHRASE, minimal_document, run_kim, sha256
from sqlalchemy import func, select

from kim_desktop.core import interchange
from kim_desktop.core.casefile.models import Appointment, Client
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import ValidationFailed
from kim_desktop.core.interchange.demo import demo_document

SHARED_SCHEMA = (
    Path(__file__).resolve().parents[2] / "shared/contracts/casefile-interchange.schema.json"
)


def without_timestamp(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k != "exported_at"}


def test_packaged_schema_is_the_contract() -> None:
    if not SHARED_SCHEMA.exists():
        pytest.skip("shared/contracts not beside this checkout")
    assert interchange.schema() == json.loads(SHARED_SCHEMA.read_text("utf-8"))


def test_export_validates_against_schema(demo_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = run_kim("export-json", demo_file, out)
    assert result.returncode == 0, result.stderr
    document = json.loads(out.read_text("utf-8"))
    assert interchange.schema_problems(document) == []
    assert oct(out.stat().st_mode & 0o777) == "0o600"


def test_export_import_export_is_lossless(demo_file: Path, tmp_path: Path) -> None:
    first = tmp_path / "first.json"
    assert run_kim("export-json", demo_file, first).returncode == 0
    target = tmp_path / "target.kim"
    assert run_kim("init", target, "--role", "casemanager", "--owner", "Demo Owner").returncode == 0
    result = run_kim("import-json", target, first)
    assert result.returncode == 0, result.stderr
    second = tmp_path / "second.json"
    assert run_kim("export-json", target, second).returncode == 0
    a = json.loads(first.read_text("utf-8"))
    b = json.loads(second.read_text("utf-8"))
    assert without_timestamp(a) == without_timestamp(b)
    assert len(a["appointments"]) > 100 and len(a["clients"]) >= 60


def test_import_keeps_ids_and_optional_fields(new_casefile: CaseFile) -> None:
    document = minimal_document(
        clients=[
            {
                "id": "client-ä",
                "family_name": "Ölmez",
                "given_name": "Ümit",
                "languages": ["tr", "de"],
                "nationality": "TR",
                "gender": "diverse",
            },
            {"id": "c2", "family_name": "Nur"},
        ],
        cases=[
            {
                "id": "case 1",
                "municipality": "Lohmar",
                "track": "case_management",
                "opened_on": "2024-01-10",
                "members": [{"client_id": "c2"}, {"client_id": "client-ä"}],
            }
        ],
        appointments=[
            {
                "id": "a1",
                "case_id": "case 1",
                "date": "2024-01-10",
                "minutes": 60,
                "kind": "case_management",
                "themes": ["work", "language"],
            },
            {"id": "a2", "date": "2024-01-11", "minutes": 90, "kind": "other_work"},
        ],
    )
    interchange.import_document(new_casefile, copy.deepcopy(document), "doc")
    exported = interchange.export_document(new_casefile)
    assert exported["clients"][0] == document["clients"][0]
    assert exported["clients"][1] == {"id": "c2", "family_name": "Nur"}
    case = exported["cases"][0]
    # Defaults filled in on import: first member primary, phase intake.
    assert case["members"] == [
        {"client_id": "c2", "role": "primary"},
        {"client_id": "client-ä", "role": "household"},
    ]
    assert case["phase"] == "intake"
    # An appointment without municipality takes its case's.
    assert exported["appointments"][0]["municipality"] == "Lohmar"
    assert exported["appointments"][0]["themes"] == ["work", "language"]
    assert "municipality" not in exported["appointments"][1]
    assert exported["municipalities"] == ["Lohmar"]


def test_appointments_for_cases_already_in_file(new_casefile: CaseFile) -> None:
    interchange.import_document(
        new_casefile,
        minimal_document(
            clients=[{"id": "c1", "family_name": "A"}],
            cases=[
                {
                    "id": "f1",
                    "municipality": "Much",
                    "track": "case_management",
                    "opened_on": "2024-01-01",
                    "members": [{"client_id": "c1"}],
                }
            ],
        ),
        "first",
    )
    interchange.import_document(
        new_casefile,
        minimal_document(
            appointments=[
                {
                    "id": "t1",
                    "case_id": "f1",
                    "date": "2024-02-01",
                    "minutes": 30,
                    "kind": "case_management",
                }
            ],
        ),
        "second",
    )
    exported = interchange.export_document(new_casefile)
    assert exported["appointments"][0]["municipality"] == "Much"


# -- rejections --------------------------------------------------------------------------------


def valid_document() -> dict[str, Any]:
    return minimal_document(
        clients=[{"id": "c1", "family_name": "Alpha"}, {"id": "c2", "family_name": "Beta"}],
        cases=[
            {
                "id": "f1",
                "municipality": "Siegburg",
                "track": "case_management",
                "opened_on": "2024-03-01",
                "members": [{"client_id": "c1", "role": "primary"}],
            }
        ],
        appointments=[
            {
                "id": "t1",
                "case_id": "f1",
                "date": "2024-03-01",
                "minutes": 60,
                "kind": "case_management",
                "themes": ["housing"],
            }
        ],
        goals=[
            {
                "id": "g1",
                "case_id": "f1",
                "title": "Wohnung",
                "agreed_on": "2024-03-20",
                "status": "open",
                "life_area": "housing",
            }
        ],
        consents=[
            {"id": "e1", "client_id": "c1", "kind": "case_documentation", "given_on": "2024-03-01"}
        ],
    )


def broken(change: str) -> dict[str, Any]:
    document = valid_document()
    if change == "duplicate-id":
        document["clients"].append({"id": "c1", "family_name": "Gamma"})
    elif change == "wrong-reference":
        document["appointments"][0]["case_id"] = "no-such-case"
    elif change == "wrong-schema":
        document["appointments"][0]["minutes"] = "sixty"
    elif change == "unknown-code":
        document["appointments"][0]["themes"] = ["housing", "astrology"]
    elif change == "other-work-with-case":
        document["appointments"][0]["kind"] = "other_work"
    elif change == "counselling-without-case":
        del document["appointments"][0]["case_id"]
    elif change == "bad-date":
        document["cases"][0]["opened_on"] = "2024-02-30"
    elif change == "transfer-without-recipient":
        document["consents"][0]["kind"] = "data_transfer"
    elif change == "wrong-format":
        document["format"] = "something-else"
    return document


EXPECTED_PLACE = {
    "duplicate-id": "$.clients[2].id",
    "wrong-reference": "$.appointments[0].case_id",
    "wrong-schema": "$.appointments[0].minutes",
    "unknown-code": "$.appointments[0].themes[1]",
    "other-work-with-case": "$.appointments[0].case_id",
    "counselling-without-case": "$.appointments[0].case_id",
    "bad-date": "$.cases[0].opened_on",
    "transfer-without-recipient": "$.consents[0].recipient",
    "wrong-format": "$.format",
}


@pytest.fixture(scope="module")
def rejection_target(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("reject") / "target.kim"
    with CaseFile.create(path, PASSPHRASE, role="casemanager", owner="O") as casefile:
        interchange.import_document(
            casefile,
            minimal_document(clients=[{"id": "existing", "family_name": "Schon Da"}]),
            "seed",
        )
    return path


@pytest.mark.parametrize("change", sorted(EXPECTED_PLACE))
def test_invalid_documents_are_rejected_with_their_place(
    change: str, rejection_target: Path, tmp_path: Path
) -> None:
    source = tmp_path / "in.json"
    source.write_text(json.dumps(broken(change)), "utf-8")
    before = sha256(rejection_target)
    result = run_kim("import-json", rejection_target, source)
    assert result.returncode == 4, result.stderr
    assert "in.json" in result.stderr
    assert EXPECTED_PLACE[change] in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert sha256(rejection_target) == before
    assert not Path(str(rejection_target) + "-journal").exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"format": "kim-casefile", "version": 1, "clients": [', "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"[1, 2, 3]", "must be of type object"),
        (b"", "not valid JSON"),
    ],
    ids=["truncated", "binary", "not-an-object", "empty"],
)
def test_malformed_input_is_rejected(
    content: bytes, expected: str, rejection_target: Path, tmp_path: Path
) -> None:
    source = tmp_path / "bad.json"
    source.write_bytes(content)
    before = sha256(rejection_target)
    result = run_kim("import-json", rejection_target, source)
    assert result.returncode == 4
    assert expected in result.stderr and "bad.json" in result.stderr
    assert sha256(rejection_target) == before


def test_truncated_real_export_is_rejected(demo_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "full.json"
    assert run_kim("export-json", demo_file, out).returncode == 0
    data = out.read_bytes()
    truncated = tmp_path / "truncated.json"
    truncated.write_bytes(data[: len(data) * 2 // 3])
    target = tmp_path / "t.kim"
    CaseFile.create(target, PASSPHRASE, role="casemanager", owner="O").close()
    before = sha256(target)
    result = run_kim("import-json", target, truncated)
    assert result.returncode == 4 and "line" in result.stderr
    assert sha256(target) == before


def test_id_already_in_file_is_rejected(rejection_target: Path, tmp_path: Path) -> None:
    document = minimal_document(clients=[{"id": "existing", "family_name": "Again"}])
    source = tmp_path / "again.json"
    source.write_text(json.dumps(document), "utf-8")
    result = run_kim("import-json", rejection_target, source)
    assert result.returncode == 4
    assert "$.clients[0].id: id already in the case file" in result.stderr


def test_all_problems_are_reported_at_once(new_casefile: CaseFile) -> None:
    document = valid_document()
    document["appointments"][0]["case_id"] = "missing"
    document["goals"][0]["case_id"] = "missing-too"
    document["consents"][0]["client_id"] = "nobody"
    document["clients"].append({"id": "c1", "family_name": "Twice"})
    with pytest.raises(ValidationFailed) as caught:
        interchange.import_document(new_casefile, document, "several.json")
    places = [problem.split(":")[0] for problem in caught.value.problems]
    assert places == [
        "$.clients[2].id",
        "$.appointments[0].case_id",
        "$.goals[0].case_id",
        "$.consents[0].client_id",
    ]
    assert "4 problem(s)" in caught.value.message
    with new_casefile.reading_session() as session:
        assert session.scalar(select(func.count()).select_from(Client)) == 0


def test_schema_errors_never_echo_values(new_casefile: CaseFile) -> None:
    document = valid_document()
    document["clients"][0]["gender"] = "Secretvalue Canaryname"
    document["appointments"][0]["minutes"] = "Canaryname minutes"
    with pytest.raises(ValidationFailed) as caught:
        interchange.import_document(new_casefile, document, "x.json")
    assert "Canaryname" not in caught.value.message
    assert all("Canaryname" not in p for p in caught.value.problems)
    assert (
        "$.clients[0].gender: must be one of female, male, diverse, unknown"
        in caught.value.problems
    )


def test_cancelled_import_writes_nothing(new_casefile: CaseFile) -> None:
    document = demo_document(seed=5, clients=30)

    def cancel(done: int, total: int) -> None:
        if done > 20:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        interchange.import_document(new_casefile, document, "demo", progress=cancel)
    with new_casefile.reading_session() as session:
        assert session.scalar(select(func.count()).select_from(Client)) == 0
        assert session.scalar(select(func.count()).select_from(Appointment)) == 0


@pytest.mark.slow
def test_kill_during_large_import_is_all_or_nothing(tmp_path: Path) -> None:
    """``kill -9`` while a big import is writing: the file opens and holds all or nothing."""
    document = demo_document(seed=9, clients=3000, density=2.0)
    source = tmp_path / "large.json"
    source.write_text(json.dumps(document), "utf-8")
    expected = len(document["appointments"])
    path = tmp_path / "big.kim"
    journal = Path(str(path) + "-journal")
    outcomes = set()
    for attempt in range(3):
        if path.exists():
            path.unlink()
        CaseFile.create(path, PASSPHRASE, role="casemanager", owner="O").close()
        env = {k: v for k, v in os.environ.items() if not k.startswith("KIM_")}
        env["KIM_PASSPHRASE"] = PASSPHRASE
        process = subprocess.Popen(
            [sys.executable, "-m", "kim_desktop", "import-json", str(path), str(source)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while not journal.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        # The transaction is writing now; let it write a little more on later attempts.
        time.sleep(0.1 * attempt)
        process.send_signal(signal.SIGKILL)
        process.wait()
        with CaseFile.open(path, PASSPHRASE) as casefile:
            assert casefile.verify() == []
            with casefile.reading_session() as session:
                count = session.scalar(select(func.count()).select_from(Appointment))
                clients = session.scalar(select(func.count()).select_from(Client))
        assert (count, clients) in ((0, 0), (expected, len(document["clients"])))
        outcomes.add(count)
    assert 0 in outcomes  # at least once the kill landed inside the transaction
