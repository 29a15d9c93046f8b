"""Sync bundles end to end: several case managers, one coordination office, two years; every
kind of bad bundle rejected with exit 4 and nothing written; a kill during import loses
nothing."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import struct
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from conftest import PASSPHRASE, run_kim, sha256
from sqlalchemy import func, select

from kim_desktop.core import interchange
from kim_desktop.core.casefile.models import BundleFigure, ReceivedBundle
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import RejectedInputError
from kim_desktop.core.figures import indicators
from kim_desktop.core.figures import stats as figure_stats
from kim_desktop.core.figures.periods import parse_period
from kim_desktop.core.interchange.demo import demo_document
from kim_desktop.core.sync import district, inbox, outbox, wire
from kim_desktop.core.sync.keys import b64, fingerprint, key_id, own_keys

TODAY = dt.date(2025, 12, 31)
MUNICIPALITIES = ["Siegburg", "Troisdorf", "Hennef (Sieg)", "Sankt Augustin", "Lohmar"]
PERIODS = ["2024", "2025", "2025-Q3"]
ADDITIVE = [
    "appointments.total",
    "appointments.counselling",
    "appointments.case_management",
    "appointments.other_work",
    "appointments.minutes_case_management",
    "cases.opened",
    "cases.long_term",
    "cases.not_continued",
    "cases.closed",
    "cases.open_at_end",
    "themes.housing",
    "referrals.total",
    "goals.agreed",
    "structural_gaps.reported",
    "cases.persons_in_opened",
]


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A coordinator file and three case managers' files, all bundles exported."""
    folder = tmp_path_factory.mktemp("office")
    coordinator = folder / "coordinator.kim"
    with CaseFile.create(
        coordinator,
        PASSPHRASE,
        role="coordinator",
        owner="Koordination",
        district="Rhein-Sieg-Kreis",
    ) as casefile:
        district.export_config(casefile, folder / "rsk.kimdistrict", MUNICIPALITIES)
    managers, exported = [], {}
    for seed in (1, 2, 3):
        path = folder / f"cm{seed}.kim"
        with CaseFile.create(path, PASSPHRASE, role="casemanager", owner=f"CM {seed}") as cf:
            interchange.import_document(
                cf, demo_document(seed=seed, clients=70, today=TODAY), "demo"
            )
            district.import_config(cf, folder / "rsk.kimdistrict")
            for period in PERIODS:
                out = folder / f"cm{seed}-{period}.kimbundle"
                outbox.export_bundle(cf, parse_period(period), out)
                exported.setdefault(period, []).append(out)
        managers.append(path)
    return {"folder": folder, "coordinator": coordinator, "managers": managers, "bundles": exported}


@pytest.fixture
def coordinator(office: dict[str, Any], tmp_path: Path) -> Path:
    """A private copy of the coordination office's file (nothing imported yet)."""
    copy = tmp_path / "coordinator.kim"
    copy.write_bytes(office["coordinator"].read_bytes())
    copy.chmod(0o600)
    return copy


def all_bundles(office: dict[str, Any]) -> list[Path]:
    return [path for paths in office["bundles"].values() for path in paths]


def stored_rows(path: Path) -> tuple[int, int]:
    with CaseFile.open(path, PASSPHRASE) as casefile, casefile.reading_session() as session:
        return (
            session.scalar(select(func.count()).select_from(ReceivedBundle)) or 0,
            session.scalar(select(func.count()).select_from(BundleFigure)) or 0,
        )


def test_district_figures_are_the_sum_of_the_case_managers(office, coordinator) -> None:
    result = run_kim("bundle", "import", coordinator, *all_bundles(office), "--trust-new-senders")
    assert result.returncode == 0, result.stderr
    for period_text in PERIODS:
        period = parse_period(period_text)
        own = []
        for manager in office["managers"]:
            with CaseFile.open(manager, PASSPHRASE) as casefile:
                own.append(indicators.flatten(figure_stats.for_casefile(casefile, period)))
        figures = json.loads(
            run_kim("stats", coordinator, "--period", period_text, "--format", "json").stdout
        )
        flat = indicators.flatten(figures)
        for key in ADDITIVE:
            assert flat[key] == sum(o[key] for o in own), (period_text, key)
        minutes = sum(o["appointments.minutes_case_management"] for o in own)
        count = sum(o["appointments.case_management"] for o in own)
        assert flat["appointments.avg_minutes_case_management"] == pytest.approx(
            round(minutes / count, 1)
        )
        # Demographics (docs/bundle-format.md §7): a quarter carries none (every person in
        # _suppressed); an ended year carries each sender's whole area perturbed, so every
        # district cell lies within 3 senders × ±2 of the true sum, and nothing is suppressed
        # unless a sender withheld a whole dimension. Never a cell between 1 and k-1.
        yearly = period_text.isdigit()
        for dimension in ("gender", "age_band", "residence_status", "nationality"):
            cells = figures["demographics"][dimension]
            published = sum(v for c, v in cells.items() if c != "_suppressed" and v)
            persons = flat["cases.persons_in_opened"]
            if not yearly:
                assert published == 0 and cells["_suppressed"] == persons
            elif cells["_suppressed"] == 0:
                for code, value in cells.items():
                    true = sum(o.get(f"demographics.{dimension}.{code}", 0) for o in own)
                    if code != "_suppressed":
                        assert abs(value - true) <= 3 * 2, (period_text, dimension, code)
            assert all(
                v is None or v == 0 or v >= 3 for c, v in cells.items() if c != "_suppressed"
            )
    # Per municipality too, and the municipalities add up to the district.
    siegburg = json.loads(
        run_kim(
            "stats",
            coordinator,
            "--period",
            "2025",
            "--municipality",
            "Siegburg",
            "--format",
            "json",
        ).stdout
    )
    whole = json.loads(run_kim("stats", coordinator, "--period", "2025", "--format", "json").stdout)
    assert 0 < siegburg["appointments"]["total"] < whole["appointments"]["total"]


def test_reimport_is_a_noop_and_a_new_revision_supersedes(office, coordinator) -> None:
    first = office["bundles"]["2025"][0]
    assert run_kim("bundle", "import", coordinator, first, "--trust-new-senders").returncode == 0
    before = sha256(coordinator)
    again = run_kim("bundle", "import", coordinator, first)
    assert again.returncode == 0 and "duplicate" in again.stdout
    assert stored_rows(coordinator)[0] == 1
    del before
    # The same case manager exports 2025 again: revision 2 replaces revision 1.
    manager = office["managers"][0]
    newer = office["folder"] / "cm1-2025-r2.kimbundle"
    if not newer.exists():
        with CaseFile.open(manager, PASSPHRASE) as casefile:
            result = outbox.export_bundle(casefile, parse_period("2025"), newer)
        assert result.revision == 2
    replaced = run_kim("bundle", "import", coordinator, newer)
    assert replaced.returncode == 0 and "superseded" in replaced.stdout
    with CaseFile.open(coordinator, PASSPHRASE) as casefile, casefile.reading_session() as session:
        statuses = sorted(session.scalars(select(ReceivedBundle.status)))
    assert statuses == ["current", "superseded"]
    # Revision 1 again is now stale.
    stale = run_kim("bundle", "import", coordinator, first)
    assert stale.returncode == 0  # same id as before: a duplicate, not stale
    other_r1 = office["bundles"]["2025"][0]
    assert other_r1 == first


def flip(data: bytes, offset: int) -> bytes:
    changed = bytearray(data)
    changed[offset] ^= 0x01
    return bytes(changed)


def forged(
    office: dict[str, Any],
    payload_change: Any = None,
    *,
    district_name: str | None = None,
    recipient: bytes | None = None,
    revision: int = 1,
) -> bytes:
    """A bundle sealed with a fresh sender key, optionally malformed in a chosen way."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    with CaseFile.open(office["coordinator"], PASSPHRASE) as casefile:
        keys = own_keys(casefile)
    signing = Ed25519PrivateKey.generate()
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    public = signing.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    period = {"label": "2025", "start": "2025-01-01", "end": "2025-12-31"}
    payload: Any = {
        "format": "kim-bundle-payload",
        "version": 1,
        "period": period,
        "k": 3,
        "municipalities": {"Siegburg": {"appointments": {"total": 1}}},
        "structural_gaps": [],
    }
    if payload_change is not None:
        payload = payload_change(payload)
    header = wire.new_header(
        "casemanager",
        public,
        recipient or keys.encryption_public,
        district_name or "Rhein-Sieg-Kreis",
        period,
        revision,
        created="2025-12-31T12:00:00+00:00",
    )
    return wire.seal(header, payload, signing, recipient or keys.encryption_public)


def sealed_raw(office: dict[str, Any], payload_bytes: bytes) -> bytes:
    """A correctly signed and encrypted bundle whose payload bytes are not JSON at all."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.asymmetric.x25519 import (
        X25519PrivateKey,
        X25519PublicKey,
    )
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    with CaseFile.open(office["coordinator"], PASSPHRASE) as casefile:
        recipient = own_keys(casefile).encryption_public
    signing = Ed25519PrivateKey.generate()
    public = signing.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    header = {
        "format": "kim-bundle",
        "version": 1,
        "bundle_id": str(uuid.uuid4()),
        "kind": "casemanager",
        "sender_key_id": key_id(public),
        "sender_signing_key": b64(public),
        "recipient_key_id": key_id(recipient),
        "district": "Rhein-Sieg-Kreis",
        "period": {"label": "2025", "start": "2025-01-01", "end": "2025-12-31"},
        "revision": 1,
        "created": "2025-12-31T12:00:00+00:00",
        "ephemeral_key": b64(ephemeral_public),
    }
    header_bytes = district.canonical(header)
    prefix = wire.MAGIC + struct.pack(">I", len(header_bytes)) + header_bytes
    signature = signing.sign(prefix + payload_bytes)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient))
    nonce = os.urandom(wire.NONCE_BYTES)
    key = wire._aead_key(shared, ephemeral_public, recipient)
    return prefix + nonce + AESGCM(key).encrypt(nonce, signature + payload_bytes, prefix)


def bad_bundles(office: dict[str, Any]) -> dict[str, bytes]:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    good = office["bundles"]["2025"][1].read_bytes()
    header_length = struct.unpack(">I", good[8:12])[0]
    other_office = (
        X25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    )
    return {
        "flipped magic": flip(good, 2),
        "flipped header": flip(good, 12 + header_length // 2),
        "flipped nonce": flip(good, 12 + header_length + 3),
        "flipped signature": flip(good, 12 + header_length + 12 + 10),
        "flipped body": flip(good, len(good) - 40),
        "flipped tag": flip(good, len(good) - 1),
        "truncated": good[: len(good) // 2],
        "oversized": good + b"\0" * (wire.MAX_BUNDLE_BYTES + 1),
        "malformed payload": forged(office, lambda p: "not an object"),
        "malformed json": sealed_raw(office, b'{"format": "kim-bundle-payload", "municip'),
        "figure smuggling text": forged(
            office,
            lambda p: {
                **p,
                "municipalities": {"Siegburg": {"appointments": {"total": "Rasha Haddad"}}},
            },
        ),
        "a name where a date belongs": forged(
            office,
            lambda p: {
                **p,
                "structural_gaps": [
                    {
                        "municipality": "Siegburg",
                        "theme": "housing",
                        "title": "t",
                        "reported_on": "Rasha Haddad",
                    }
                ],
            },
        ),
        "a name as a key": forged(
            office,
            lambda p: {**p, "municipalities": {"Siegburg": {"Rasha Haddad": {"x": 1}}}},
        ),
        "wrong recipient": forged(office, recipient=other_office),
        "another district": forged(office, district_name="Kreis Wesel"),
        "empty": b"",
    }


@pytest.mark.parametrize(
    "kind",
    [
        "flipped magic",
        "flipped header",
        "flipped nonce",
        "flipped signature",
        "flipped body",
        "flipped tag",
        "truncated",
        "oversized",
        "malformed payload",
        "malformed json",
        "figure smuggling text",
        "a name where a date belongs",
        "a name as a key",
        "wrong recipient",
        "another district",
        "empty",
    ],
)
def test_bad_bundles_are_rejected_and_nothing_is_written(
    office, coordinator, tmp_path, kind: str
) -> None:
    bad = tmp_path / "bad.kimbundle"
    bad.write_bytes(bad_bundles(office)[kind])
    before = sha256(coordinator)
    result = run_kim("bundle", "import", coordinator, bad, "--trust-new-senders")
    assert result.returncode == 4, (kind, result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1 and "bad.kimbundle" in result.stderr
    assert "Rasha" not in result.stderr  # a refusal never repeats the content
    assert sha256(coordinator) == before
    assert stored_rows(coordinator) == (0, 0)


def test_unknown_sender_needs_trust(office, coordinator) -> None:
    bundle = office["bundles"]["2024"][0]
    before = sha256(coordinator)
    result = run_kim("bundle", "import", coordinator, bundle)
    assert result.returncode == 4 and "unknown sender" in result.stderr
    assert "fingerprint" in result.stderr
    assert sha256(coordinator) == before
    assert run_kim("bundle", "import", coordinator, bundle, "--trust-new-senders").returncode == 0
    # Once trusted, later bundles of that sender need no flag.
    later = office["bundles"]["2025"][0]
    assert run_kim("bundle", "import", coordinator, later).returncode == 0


def test_stale_revision_is_rejected(office, coordinator, tmp_path) -> None:
    manager = office["managers"][2]
    with CaseFile.open(manager, PASSPHRASE) as casefile:
        old = tmp_path / "old.kimbundle"
        new = tmp_path / "new.kimbundle"
        outbox.export_bundle(casefile, parse_period("2024-Q1"), old)
        outbox.export_bundle(casefile, parse_period("2024-Q1"), new)
    assert run_kim("bundle", "import", coordinator, new, "--trust-new-senders").returncode == 0
    before = stored_rows(coordinator)
    result = run_kim("bundle", "import", coordinator, old)
    assert result.returncode == 4 and "stale" in result.stderr
    assert stored_rows(coordinator) == before


def test_bundle_export_needs_a_district_configuration(tmp_path) -> None:
    path = tmp_path / "lonely.kim"
    assert run_kim("demo", path, "--clients", "20").returncode == 0
    result = run_kim(
        "bundle", "export", path, "--period", "2025", "--out", tmp_path / "x.kimbundle"
    )
    assert result.returncode == 4 and "district configuration" in result.stderr
    assert not (tmp_path / "x.kimbundle").exists()


def test_personal_data_in_a_gap_blocks_the_export(office, tmp_path) -> None:
    manager = tmp_path / "cm.kim"
    manager.write_bytes(office["managers"][0].read_bytes())
    manager.chmod(0o600)
    from kim_desktop.core import casework

    with CaseFile.open(manager, PASSPHRASE) as casefile:
        client = casework.find_clients(casefile, "", limit=1)[0]
        family = client.display_name.split(",")[0]
        casework.save_gap(
            casefile,
            casework.GapData(
                id=None,
                municipality="Siegburg",
                theme="housing",
                title="Wohnungssuche bleibt erfolglos",
                description=f"Familie {family} findet seit Monaten nichts, Tel. 0176 5550123",
                status="reported",
                reported_on=dt.date(2025, 6, 1),
            ),
        )
    out = tmp_path / "blocked.kimbundle"
    result = run_kim("bundle", "export", manager, "--period", "2025", "--out", out)
    assert result.returncode == 4
    assert "a client's name" in result.stderr and "phone number" in result.stderr
    assert family not in result.stderr
    assert not out.exists()


def test_district_configuration_rules(office, tmp_path) -> None:
    config = office["folder"] / "rsk.kimdistrict"
    tampered = tmp_path / "tampered.kimdistrict"
    signed = json.loads(config.read_text())
    document = json.loads(__import__("base64").b64decode(signed["document"]))
    document["k"] = 2
    signed["document"] = b64(district.canonical(document))
    tampered.write_text(json.dumps(signed))
    manager = tmp_path / "cm.kim"
    assert run_kim("demo", manager, "--clients", "10").returncode == 0
    before = sha256(manager)
    result = run_kim("district", "import", manager, tampered)
    assert result.returncode == 4 and "signature" in result.stderr
    assert sha256(manager) == before
    ok = run_kim("district", "import", manager, config)
    assert ok.returncode == 0 and "fingerprint" in ok.stdout
    # A configuration of another coordinator is refused once one is pinned.
    other = tmp_path / "other.kim"
    with CaseFile.create(
        other, PASSPHRASE, role="coordinator", owner="X", district="Rhein-Sieg-Kreis"
    ) as casefile:
        district.export_config(casefile, tmp_path / "other.kimdistrict", ["Siegburg"])
    refused = run_kim("district", "import", manager, tmp_path / "other.kimdistrict")
    assert refused.returncode == 4 and "different coordinator" in refused.stderr


def test_state_level_imports_district_bundles(office, coordinator, tmp_path) -> None:
    assert (
        run_kim(
            "bundle", "import", coordinator, *office["bundles"]["2025"], "--trust-new-senders"
        ).returncode
        == 0
    )
    state = tmp_path / "state.kim"
    with CaseFile.create(
        state, PASSPHRASE, role="coordinator", owner="Land NRW", district="NRW"
    ) as casefile:
        district.export_config(casefile, tmp_path / "nrw.kimdistrict", ["Rhein-Sieg-Kreis"])
    assert run_kim("district", "import", coordinator, tmp_path / "nrw.kimdistrict").returncode == 0
    # A period without bundles is no data: nothing goes to the state level as zeros.
    empty = tmp_path / "rsk-2019.kimbundle"
    refused = run_kim("bundle", "export", coordinator, "--period", "2019", "--out", empty)
    assert refused.returncode == 4 and "no data" in refused.stderr and not empty.exists()
    out = tmp_path / "rsk-2025.kimbundle"
    assert (
        run_kim("bundle", "export", coordinator, "--period", "2025", "--out", out).returncode == 0
    )
    assert run_kim("bundle", "import", state, out, "--trust-new-senders").returncode == 0
    district_figures = json.loads(
        run_kim("stats", coordinator, "--period", "2025", "--format", "json").stdout
    )
    state_figures = json.loads(
        run_kim("stats", state, "--period", "2025", "--format", "json").stdout
    )
    for key in ADDITIVE:
        assert (
            indicators.flatten(state_figures)[key] == indicators.flatten(district_figures)[key]
        ), key
    assert (
        state_figures["cases"]["appointments_to_positive_close"]["median"]
        == district_figures["cases"]["appointments_to_positive_close"]["median"]
    )


def many_senders(office: dict[str, Any], folder: Path, count: int) -> list[Path]:
    """``count`` bundles of different case managers: a real payload sealed with fresh keys."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    with CaseFile.open(office["coordinator"], PASSPHRASE) as casefile:
        recipient = own_keys(casefile).encryption_public
    with CaseFile.open(office["managers"][0], PASSPHRASE) as casefile:
        payload = outbox.preview(casefile, parse_period("2025"))
    paths = []
    for index in range(count):
        signing = Ed25519PrivateKey.generate()
        public = signing.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        header = wire.new_header(
            "casemanager",
            public,
            recipient,
            "Rhein-Sieg-Kreis",
            payload["period"],
            1,
            created="2025-12-31T12:00:00+00:00",
        )
        path = folder / f"sender-{index:03d}.kimbundle"
        path.write_bytes(wire.seal(header, payload, signing, recipient))
        paths.append(path)
    return paths


@pytest.mark.slow
def test_kill_during_bundle_import_loses_nothing(office, coordinator, tmp_path) -> None:
    paths = many_senders(office, tmp_path, 80)
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIM_")}
    env["KIM_PASSPHRASE"] = PASSPHRASE
    partial = False
    for delay in (0.0, 0.3, 0.6):
        before = coordinator.stat().st_mtime_ns
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kim_desktop",
                "bundle",
                "import",
                str(coordinator),
                *map(str, paths),
                "--trust-new-senders",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # Kill only once the run has committed a bundle: a fixed delay from the start missed
        # the import on a loaded machine, where start-up and unlock alone can take seconds.
        deadline = time.monotonic() + 60
        while (
            coordinator.stat().st_mtime_ns == before
            and process.poll() is None
            and time.monotonic() < deadline
        ):
            time.sleep(0.005)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        with CaseFile.open(coordinator, PASSPHRASE) as casefile:
            assert casefile.verify() == []
            with casefile.reading_session() as session:
                per_bundle = dict(
                    session.execute(
                        select(BundleFigure.bundle_id, func.count()).group_by(
                            BundleFigure.bundle_id
                        )
                    ).all()
                )
                imported = list(session.scalars(select(ReceivedBundle.bundle_id)))
        # Every bundle that is there is there completely (all bundles carry the same figures).
        assert len(set(per_bundle.values())) <= 1 and set(per_bundle) == set(imported)
        partial = partial or 0 < len(imported) < len(paths)
    assert partial, "no kill landed in the middle of the import"
    # Importing everything again completes the rest; what was there is a duplicate.
    result = run_kim("bundle", "import", coordinator, *paths, "--trust-new-senders")
    assert result.returncode == 0, result.stderr
    assert stored_rows(coordinator)[0] == len(paths)


def test_export_writes_exactly_what_was_previewed(office, tmp_path) -> None:
    from kim_desktop.core import casework

    manager = tmp_path / "cm.kim"
    manager.write_bytes(office["managers"][1].read_bytes())
    manager.chmod(0o600)
    period = parse_period("2025")
    with CaseFile.open(manager, PASSPHRASE) as casefile:
        shown = outbox.preview(casefile, period)
        casework.save_gap(
            casefile,
            casework.GapData(
                id=None,
                municipality="Siegburg",
                theme="housing",
                title="Zu wenig Wohnraum",
                description=None,
                status="reported",
                reported_on=dt.date(2025, 5, 5),
            ),
        )
        with pytest.raises(RejectedInputError, match="changed since the preview"):
            outbox.export_bundle(casefile, period, tmp_path / "x.kimbundle", shown)
        assert not (tmp_path / "x.kimbundle").exists()
        fresh = outbox.preview(casefile, period)
        result = outbox.export_bundle(casefile, period, tmp_path / "y.kimbundle", fresh)
        assert result.structural_gaps == len(shown["structural_gaps"]) + 1


# -- the one import loop and the configuration preview (issue 11) -----------------------------


def test_unknown_sender_is_a_typed_error_with_the_verified_key(office, coordinator) -> None:
    bundle = office["bundles"]["2024"][1]
    with CaseFile.open(office["managers"][1], PASSPHRASE) as manager:
        sender = own_keys(manager).signing_public
    before = sha256(coordinator)
    with CaseFile.open(coordinator, PASSPHRASE) as casefile:
        with pytest.raises(inbox.UnknownSenderError) as caught:
            inbox.import_bundle_bytes(casefile, bundle.read_bytes(), bundle.name)
        error = caught.value
        assert isinstance(error, RejectedInputError) and error.exit_code == 4
        assert error.signing_key == sender
        assert error.key_id == key_id(sender)
        assert error.fingerprint == fingerprint(sender)
        assert len(error.fingerprint.replace(" ", "")) == 40
        # The loop gives the same facts as a typed outcome, and writes nothing.
        (outcome,) = inbox.import_bundles(casefile, [bundle]).outcomes
        assert outcome.status is inbox.Status.UNKNOWN_SENDER and outcome.refused
        assert (outcome.sender_key_id, outcome.sender_fingerprint) == (
            error.key_id,
            error.fingerprint,
        )
        assert outcome.sender_signing_key == sender and outcome.path == bundle
        assert outcome.period == "2024" and outcome.message == error.message
    assert sha256(coordinator) == before
    # A header that names another sender key is damage, never an unknown sender.
    damaged = coordinator.parent / "damaged.kimbundle"
    damaged.write_bytes(flip(bundle.read_bytes(), 12 + 40))
    with CaseFile.open(coordinator, PASSPHRASE) as casefile:
        (outcome,) = inbox.import_bundles(casefile, [damaged]).outcomes
    assert outcome.status is inbox.Status.REJECTED and outcome.sender_signing_key is None
    # Trusted, the same file goes through the same loop and is imported.
    with CaseFile.open(coordinator, PASSPHRASE) as casefile:
        inbox.trust_sender(casefile, sender)
        (outcome,) = inbox.import_bundles(casefile, [bundle]).outcomes
    assert outcome.status is inbox.Status.IMPORTED and outcome.sender_key_id == key_id(sender)


def test_the_import_loop_reads_and_opens_each_file_once(
    office, coordinator, tmp_path, monkeypatch
) -> None:
    """Counted on the real functions (no crypto is replaced): every file is read from disk
    once, and decrypted and verified once, whatever its outcome."""
    reads: list[str] = []
    opens: list[str] = []
    real_read_bytes = Path.read_bytes
    real_open_sealed = wire.open_sealed

    def counting_read_bytes(path: Path) -> bytes:
        if path.suffix == ".kimbundle":
            reads.append(path.name)
        return real_read_bytes(path)

    def counting_open_sealed(*args: Any, **kwargs: Any) -> wire.OpenedBundle:
        opens.append(args[-1] if len(args) == 6 else kwargs["name"])
        return real_open_sealed(*args, **kwargs)

    monkeypatch.setattr(Path, "read_bytes", counting_read_bytes)
    monkeypatch.setattr(inbox, "open_sealed", counting_open_sealed)
    trusted, unknown, *_ = office["bundles"]["2025"]
    damaged = tmp_path / "damaged.kimbundle"
    damaged.write_bytes(flip(trusted.read_bytes(), -1))
    reads.clear()
    with CaseFile.open(office["managers"][0], PASSPHRASE) as manager:
        first_sender = own_keys(manager).signing_public
    with CaseFile.open(coordinator, PASSPHRASE) as casefile:
        inbox.trust_sender(casefile, first_sender)
        files = [trusted, unknown, damaged, trusted]
        statuses = [o.status for o in inbox.import_files(casefile, files)]
    assert statuses == [
        inbox.Status.IMPORTED,
        inbox.Status.UNKNOWN_SENDER,
        inbox.Status.REJECTED,
        inbox.Status.DUPLICATE,
    ]
    names = [path.name for path in files]
    assert reads == names  # one read per file
    assert opens == names  # one decryption and signature check per file


def test_preview_config_gives_the_import_s_facts_and_writes_nothing(office, tmp_path) -> None:
    # A coordinator who adds a catalogue code, so the preview has additions to show.
    source = tmp_path / "office.kim"
    source.write_bytes(office["coordinator"].read_bytes())
    source.chmod(0o600)
    from kim_desktop.core.casefile.models import CatalogueAddition

    with CaseFile.open(source, PASSPHRASE) as casefile:
        with casefile.transaction() as session:
            session.add(
                CatalogueAddition(
                    catalogue="referral_targets",
                    code="ombuds_office",
                    label_de="Ombudsstelle",
                    label_en="Ombuds office",
                )
            )
        district.export_config(casefile, tmp_path / "new.kimdistrict", k=4)
    data = (tmp_path / "new.kimdistrict").read_bytes()
    manager = tmp_path / "cm.kim"
    CaseFile.create(manager, PASSPHRASE, role="casemanager", owner="Neu").close()
    before = sha256(manager)
    with CaseFile.open(manager, PASSPHRASE) as casefile:
        preview = district.preview_config(casefile, data, "new.kimdistrict")
        assert district.current_settings(casefile) is None
    assert sha256(manager) == before
    assert preview.pins_new_key
    assert (preview.district, preview.k, preview.serial) == ("Rhein-Sieg-Kreis", 4, 2)
    assert set(preview.municipalities) == set(MUNICIPALITIES)
    assert preview.catalogue_additions == (
        district.CatalogueAdditionText(
            "referral_targets", "ombuds_office", "Ombudsstelle", "Ombuds office"
        ),
    )
    with CaseFile.open(manager, PASSPHRASE) as casefile:
        settings = district.import_config_data(casefile, data, "new.kimdistrict")
        assert settings == preview.settings and preview.fingerprint == settings.fingerprint
        assert district.current_settings(casefile) == settings
        from kim_desktop.core import casework

        targets = casework.catalogues_of(casefile)["referral_targets"]
        assert targets.label("ombuds_office") == "Ombudsstelle"
        again = district.preview_config(casefile, data, "new.kimdistrict")
        assert not again.pins_new_key and again.settings == settings
    # Where the import refuses, the preview refuses with the same words, writing nothing.
    other = tmp_path / "other.kim"
    with CaseFile.create(
        other, PASSPHRASE, role="coordinator", owner="X", district="Rhein-Sieg-Kreis"
    ) as casefile:
        district.export_config(casefile, tmp_path / "other.kimdistrict", ["Siegburg"])
    foreign = (tmp_path / "other.kimdistrict").read_bytes()
    before = sha256(manager)
    with CaseFile.open(manager, PASSPHRASE) as casefile:
        with pytest.raises(RejectedInputError) as previewed:
            district.preview_config(casefile, foreign, "other.kimdistrict")
        with pytest.raises(RejectedInputError) as imported:
            district.import_config_data(casefile, foreign, "other.kimdistrict")
    assert previewed.value.message == imported.value.message
    assert "different coordinator" in previewed.value.message
    assert sha256(manager) == before
