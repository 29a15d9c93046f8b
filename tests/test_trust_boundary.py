"""The coordinator's trust boundary (DESIGN.md section 7, issue 13): a bundle or a district
configuration signed with a real, trusted key but with hostile content is rejected with one
clear line, nothing is written, and the district figures, the report data and the district's
bundle for the state level stay as they were."""

from __future__ import annotations

import base64
import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import PASSPHRASE, run_kim, sha256
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from kim_desktop.core import interchange
from kim_desktop.core.casefile.models import BundleFigure, Municipality, ReceivedBundle
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.documents import report_data
from kim_desktop.core.figures import indicators
from kim_desktop.core.figures import stats as figure_stats
from kim_desktop.core.figures.periods import parse_period
from kim_desktop.core.interchange.demo import demo_document
from kim_desktop.core.sync import district, inbox, outbox, wire
from kim_desktop.core.sync.keys import b64, own_keys
from kim_desktop.core.sync.text import shown

TODAY = dt.date(2025, 12, 31)
MUNICIPALITIES = ["Siegburg", "Troisdorf", "Hennef (Sieg)", "Sankt Augustin", "Lohmar"]
PERIOD = parse_period("2025")


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A coordinator that imported one case manager's genuine 2025 bundle (so the sender is
    trusted), and that case manager's real keys and payload to mutate."""
    folder = tmp_path_factory.mktemp("trust")
    coordinator = folder / "coordinator.kim"
    with CaseFile.create(
        coordinator, PASSPHRASE, role="coordinator", owner="K", district="Rhein-Sieg-Kreis"
    ) as casefile:
        district.export_config(casefile, folder / "rsk.kimdistrict", MUNICIPALITIES)
        recipient = own_keys(casefile).encryption_public
    manager = folder / "cm.kim"
    with CaseFile.create(manager, PASSPHRASE, role="casemanager", owner="CM") as casefile:
        interchange.import_document(casefile, demo_document(seed=4, clients=60, today=TODAY), "d")
        district.import_config(casefile, folder / "rsk.kimdistrict")
        outbox.export_bundle(casefile, PERIOD, folder / "genuine.kimbundle")
        payload = outbox.preview(casefile, PERIOD)
        signing = own_keys(casefile).signing
        public = own_keys(casefile).signing_public
    with CaseFile.open(coordinator, PASSPHRASE) as casefile:
        report = inbox.import_bundles(casefile, [folder / "genuine.kimbundle"], True)
        assert not report.rejected
    return {
        "folder": folder,
        "coordinator": coordinator,
        "manager": manager,
        "recipient": recipient,
        "payload": payload,
        "signing": signing,
        "public": public,
    }


def sealed(
    office: dict[str, Any],
    payload: Any,
    *,
    revision: int = 2,
    kind: str = "casemanager",
    district_name: str = "Rhein-Sieg-Kreis",
    period: Any = None,
) -> bytes:
    """A bundle built the way the program builds one, signed with the real sender's key."""
    header = wire.new_header(
        kind,
        office["public"],
        office["recipient"],
        district_name,
        period or office["payload"]["period"],
        revision,
    )
    return wire.seal(header, payload, office["signing"], office["recipient"])


def snapshot(casefile: CaseFile) -> tuple[Any, ...]:
    """Everything a hostile bundle must leave alone, computed the way users get it."""
    with casefile.reading_session() as session:
        rows = (
            session.scalar(select(func.count()).select_from(ReceivedBundle)),
            session.scalar(select(func.count()).select_from(BundleFigure)),
            sorted(session.scalars(select(Municipality.name))),
        )
    return (
        rows,
        figure_stats.for_casefile(casefile, PERIOD),
        outbox.build_district_payload(casefile, PERIOD, 3),
        repr(report_data.gather(casefile, PERIOD, issued_on=TODAY)),
    )


def assert_rejected(casefile: CaseFile, path: Path, data: bytes, before: Any) -> str:
    path.write_bytes(data)
    (outcome,) = list(inbox.import_files(casefile, [path]))
    assert outcome.status is inbox.Status.REJECTED, outcome
    assert "\n" not in outcome.message and outcome.message.startswith(path.name + ":")
    assert "Traceback" not in outcome.message and "\x1b" not in outcome.message
    assert len(outcome.message) < 300
    assert snapshot(casefile) == before
    return outcome.message


def municipality(payload: dict[str, Any]) -> dict[str, Any]:
    figures: dict[str, Any] = payload["municipalities"]["Siegburg"]
    return figures


def _set(figures: dict[str, Any], key: str, value: Any) -> None:
    node = figures
    parts = key.split(".")
    for part in parts[:-1]:
        node = node[part]
    node[parts[-1]] = value


# Values no count may take: negative, absurd, fractional, boolean, text, structures.
HOSTILE = st.one_of(
    st.integers(max_value=-1),
    st.integers(min_value=10**6, max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True).filter(lambda f: not float(f).is_integer()),
    st.booleans(),
    st.text(max_size=20),
    st.none(),
    st.lists(st.integers(), min_size=0, max_size=3),
    st.dictionaries(st.text(min_size=1, max_size=5), st.integers(), min_size=1, max_size=3),
)


def count_keys(payload: dict[str, Any]) -> list[str]:
    flat = indicators.flatten(municipality(payload))
    return sorted(
        key
        for key in flat
        if not key.startswith("demographics.")
        and key
        not in (
            "appointments.avg_minutes_case_management",
            "cases.appointments_to_positive_close.median",
        )
    )


FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(data=st.data())
def test_hostile_figures_from_a_trusted_sender_are_rejected(office, tmp_path, data) -> None:
    payload = copy.deepcopy(office["payload"])
    key = data.draw(st.sampled_from(count_keys(payload)), label="key")
    value = data.draw(HOSTILE, label="value")
    _set(municipality(payload), key, value)
    with CaseFile.open(office["coordinator"], PASSPHRASE) as casefile:
        before = snapshot(casefile)
        message = assert_rejected(
            casefile, tmp_path / "hostile.kimbundle", sealed(office, payload), before
        )
    assert "rejected" in message or "malformed" in message


STRUCTURAL: dict[str, Any] = {
    "histogram key abc": lambda p: municipality(p)["cases"]["appointments_to_positive_close"][
        "histogram"
    ].update({"abc": 1}),
    "histogram key -3": lambda p: municipality(p)["cases"]["appointments_to_positive_close"][
        "histogram"
    ].update({"-3": 1}),
    "histogram count 10^9": lambda p: municipality(p)["cases"]["appointments_to_positive_close"][
        "histogram"
    ].update({"4": 10**9}),
    "histogram as a number": lambda p: municipality(p)["cases"][
        "appointments_to_positive_close"
    ].update({"histogram": 7}),
    "demographics dimension a number": lambda p: municipality(p)["demographics"].update(
        {"gender": 5}
    ),
    "unknown demographics dimension": lambda p: municipality(p)["demographics"].update(
        {"religion": {"x": 4, "_suppressed": 0}}
    ),
    "closed_by_reason 7": lambda p: municipality(p)["cases"].update({"closed_by_reason": 7}),
    "unknown figure": lambda p: municipality(p)["appointments"].update({"Ali_Yilmaz": 1}),
    "unsuppressed small cell": lambda p: municipality(p)["demographics"].update(
        {"gender": {"female": 1, "male": None, "diverse": None, "unknown": None, "_suppressed": 0}}
    ),
    "cells not adding up": lambda p: municipality(p)["demographics"]["gender"].update(
        {"_suppressed": 999}
    ),
    "unknown nationality": lambda p: municipality(p)["demographics"]["nationality"].update(
        {"XX-Ali": 5}
    ),
    "k 2": lambda p: p.update({"k": 2}),
    "k as text": lambda p: p.update({"k": "3"}),
    "k 3.5": lambda p: p.update({"k": 3.5}),
    "k 10^9": lambda p: p.update({"k": 10**9}),
    "figures as a list": lambda p: p["municipalities"].update({"Siegburg": [1, 2]}),
    "unconfigured municipality": lambda p: p["municipalities"].update(
        {"Ali Yilmaz geb 03.05.1990 Tel 0171-1234567": municipality(p)}
    ),
    "gap in an unknown municipality": lambda p: p["structural_gaps"].append(
        {
            "municipality": "Ali Yilmaz",
            "theme": "housing",
            "title": "x",
            "description": None,
            "reported_on": "2025-05-01",
        }
    ),
    "gap outside the period": lambda p: p["structural_gaps"].append(
        {
            "municipality": "Siegburg",
            "theme": "housing",
            "title": "x",
            "description": None,
            "reported_on": "1999-05-01",
        }
    ),
}


def test_structural_mutations_are_rejected(office, tmp_path) -> None:
    with CaseFile.open(office["coordinator"], PASSPHRASE) as casefile:
        before = snapshot(casefile)
        for label, change in STRUCTURAL.items():
            payload = copy.deepcopy(office["payload"])
            change(payload)
            message = assert_rejected(
                casefile, tmp_path / "s.kimbundle", sealed(office, payload), before
            )
            assert "Ali" not in message and "1990" not in message, (label, message)
            if label == "unconfigured municipality":
                assert "1 not in the district configuration" in message


def test_header_mismatches_are_rejected(office, tmp_path) -> None:
    payload = office["payload"]
    wide = {"label": "2025", "start": "1999-01-01", "end": "2099-12-31"}
    cases = {
        "district kind from another district": {"kind": "district", "district_name": "Kreis Wesel"},
        "district kind of the own district": {"kind": "district"},
        "another district": {"district_name": "Kreis Wesel"},
        "escape sequences": {"district_name": "\x1b[2J\x1b[31mEvil\x07" + "A" * 15000},
    }
    with CaseFile.open(office["coordinator"], PASSPHRASE) as casefile:
        before = snapshot(casefile)
        for label, options in cases.items():
            message = assert_rejected(
                casefile, tmp_path / "h.kimbundle", sealed(office, payload, **options), before
            )
            assert "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" not in message, (
                label
            )
        mismatched = {**payload, "period": wide}
        assert_rejected(
            casefile, tmp_path / "p.kimbundle", sealed(office, mismatched, period=wide), before
        )


def test_absurd_revisions_fail_alone_and_block_nothing(office, tmp_path) -> None:
    """2^62 must not block later genuine bundles; 2^63 must not end the import run."""
    payload = office["payload"]
    paths = []
    for index, revision in enumerate([2**62, 2**63, 10**6, 0]):
        path = tmp_path / f"r{index}.kimbundle"
        path.write_bytes(sealed(office, payload, revision=revision))
        paths.append(path)
    genuine = tmp_path / "genuine-2.kimbundle"
    genuine.write_bytes(sealed(office, payload, revision=2))
    copy_ = tmp_path / "coordinator.kim"
    copy_.write_bytes(office["coordinator"].read_bytes())
    result = run_kim("bundle", "import", copy_, *paths, genuine)
    assert result.returncode == 4 and "Traceback" not in result.stderr
    assert "unexpected" not in result.stderr
    with CaseFile.open(copy_, PASSPHRASE) as casefile:
        revisions = {row.revision: row.status for row in inbox.received(casefile)}
    assert revisions == {1: "superseded", 2: "current"}


def test_the_cli_rejects_a_hostile_bundle_with_exit_4_and_one_line(office, tmp_path) -> None:
    payload = copy.deepcopy(office["payload"])
    municipality(payload)["cases"]["appointments_to_positive_close"]["histogram"]["abc"] = 1
    bad = tmp_path / "bad.kimbundle"
    bad.write_bytes(sealed(office, payload))
    copy_ = tmp_path / "coordinator.kim"
    copy_.write_bytes(office["coordinator"].read_bytes())
    before = sha256(copy_)
    result = run_kim("bundle", "import", copy_, bad)
    assert result.returncode == 4, result.stderr
    assert result.stderr.count("\n") == 1 and "bad.kimbundle" in result.stderr
    assert "histogram" in result.stderr
    assert sha256(copy_) == before
    stats = run_kim("stats", copy_, "--period", "2025", "--format", "json")
    assert stats.returncode == 0, stats.stderr


# -- district configurations -----------------------------------------------------------------


def signed_config(office: dict[str, Any], change: Any, raw: bytes | None = None) -> bytes:
    """A configuration signed with the coordinator's real key, its document changed."""
    config = json.loads((office["folder"] / "rsk.kimdistrict").read_text())
    document = json.loads(base64.b64decode(config["document"]))
    if change is not None:
        change(document)
    body = raw if raw is not None else district.canonical(document)
    with CaseFile.open(office["coordinator"], PASSPHRASE) as casefile:
        signature = own_keys(casefile).signing.sign(body)
    config["document"] = b64(body)
    config["signature"] = b64(signature)
    return json.dumps(config).encode()


def _coordinator(document: dict[str, Any], field: str, value: Any) -> None:
    document["coordinator"][field] = value


LOW_ORDER = bytes.fromhex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800")
BAD_CONFIGS: dict[str, Any] = {
    "k as text": lambda d: d.update({"k": "3"}),
    "k 3.7": lambda d: d.update({"k": 3.7}),
    "k true": lambda d: d.update({"k": True}),
    "k 2": lambda d: d.update({"k": 2}),
    "municipalities a dict": lambda d: d.update({"municipalities": {"a": 1}}),
    "municipalities empty": lambda d: d.update({"municipalities": []}),
    "municipality with escapes": lambda d: d.update({"municipalities": ["\x1b[31mX"]}),
    "serial 2^63": lambda d: d.update({"serial": 2**63}),
    "serial infinite": lambda d: d.update({"serial": float("inf")}),
    "district a number": lambda d: d.update({"district": 7}),
    "all-zero encryption key": lambda d: _coordinator(d, "encryption_key", b64(bytes(32))),
    "low-order encryption key": lambda d: _coordinator(d, "encryption_key", b64(LOW_ORDER)),
    "additions a number": lambda d: d.update({"catalogue_additions": 5}),
    "document a list": lambda d: d.clear(),
}


def test_malformed_district_configurations_are_refused(office, tmp_path) -> None:
    manager = tmp_path / "cm.kim"
    manager.write_bytes(office["manager"].read_bytes())
    before = sha256(manager)
    cases = {label: signed_config(office, change) for label, change in BAD_CONFIGS.items()}
    cases["deeply nested"] = signed_config(office, None, raw=b"[" * 100_000 + b"]" * 100_000)
    cases["not an object"] = signed_config(office, None, raw=b"[1, 2]")
    for label, data in cases.items():
        path = tmp_path / "bad.kimdistrict"
        path.write_bytes(data)
        result = run_kim("district", "import", manager, path)
        assert result.returncode == 4, (label, result.stderr)
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, label
        assert "\x1b" not in result.stderr, label
        assert sha256(manager) == before, label
    out = tmp_path / "later.kimbundle"
    result = run_kim("bundle", "export", manager, "--period", "2025-Q3", "--out", out)
    assert result.returncode == 0, result.stderr


def test_the_shown_text_is_safe_and_short() -> None:
    assert shown("\x1b[31mX\u202e" + "y" * 500) == "?[31mX?" + "y" * 52 + "…"


def test_figures_stored_by_an_older_version_do_not_break_the_sums(office, tmp_path) -> None:
    """A hostile bundle imported before this validation existed: its unknown figures are
    left out, and stats, report data and the state bundle are still computed."""
    copy_ = tmp_path / "coordinator.kim"
    copy_.write_bytes(office["coordinator"].read_bytes())
    with CaseFile.open(copy_, PASSPHRASE) as casefile:
        expected = figure_stats.for_casefile(casefile, PERIOD)
        with casefile.transaction() as session:
            bundle_id = session.scalars(select(ReceivedBundle.bundle_id)).one()
            for key, value in {
                "cases.appointments_to_positive_close.histogram.abc": 1,
                "cases.appointments_to_positive_close.histogram.-3": -5,
                "demographics.gender": 5,
                "cases.closed_by_reason": 7,
                "demographics.nationality.X.Y": 1,
            }.items():
                session.add(
                    BundleFigure(bundle_id=bundle_id, municipality="Siegburg", key=key, value=value)
                )
        assert figure_stats.for_casefile(casefile, PERIOD) == expected
        outbox.build_district_payload(casefile, PERIOD, 3)
        report_data.gather(casefile, PERIOD, issued_on=TODAY)
