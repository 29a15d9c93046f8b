"""The coordinator key pin (core/sync/pin.py): a deliberate hand-over to a new coordinator
key, a reset that needs the new fingerprint typed in, and forged hand-overs refused with
exit 4 and nothing written. Real files, real signatures, the real ``kim`` command."""

from __future__ import annotations

import base64
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import DEMO_TODAY, PASSPHRASE, run_kim, sha256
from sqlalchemy import select

from kim_desktop.core import interchange
from kim_desktop.core.casefile.models import AuditEntry, Meta
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import RejectedInputError, UsageError
from kim_desktop.core.interchange.demo import demo_document
from kim_desktop.core.sync import district, pin
from kim_desktop.core.sync import team as directory
from kim_desktop.core.sync.keys import b64, fingerprint, key_id, own_keys

DISTRICT = "Rhein-Sieg-Kreis"
MUNICIPALITIES = ["Siegburg", "Troisdorf", "Hennef (Sieg)", "Sankt Augustin", "Lohmar"]


def write_card(casefile: CaseFile, out: Path, **changes: Any) -> Path:
    """A key card in the team directory's format (team.write_card), with fields changed at
    will (a card of another district): canonical JSON, Ed25519 self-signature."""
    keys = own_keys(casefile)
    document: dict[str, Any] = {
        "format": "kim-keycard",
        "version": 1,
        "name": casefile.owner,
        "role": casefile.role,
        "district": casefile.meta.get("district") or DISTRICT,
        "signing_key": b64(keys.signing_public),
        "created": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
    }
    if keys.encryption_public is not None:
        document["encryption_key"] = b64(keys.encryption_public)
    document.update(changes)
    body = district.canonical(document)
    signed = {
        "format": "kim-keycard",
        "version": 1,
        "document": b64(body),
        "signature": b64(keys.signing.sign(body)),
    }
    out.write_text(json.dumps(signed))
    return out


def coordinator(path: Path, owner: str) -> Path:
    with CaseFile.create(
        path, PASSPHRASE, role="coordinator", owner=owner, district=DISTRICT
    ) as casefile:
        keys = own_keys(casefile)  # made now; remembered beside the file for the tests
    assert keys.encryption_public is not None
    path.with_suffix(".keys").write_bytes(keys.signing_public + keys.encryption_public)
    return path


def keys_of(path: Path) -> tuple[bytes, bytes]:
    """The coordinator file's public signing and encryption keys."""
    data = path.with_suffix(".keys").read_bytes()
    return data[:32], data[32:]


def export(path: Path, out: Path, successor: Path | None = None) -> Path:
    with CaseFile.open(path, PASSPHRASE) as casefile:
        card = directory.read_card(successor) if successor is not None else None
        district.export_config(casefile, out, MUNICIPALITIES, successor=card)
    return out


def stored_serial(casefile: CaseFile) -> str | None:
    with casefile.reading_session() as session:
        row = session.get(Meta, "district_serial")
        return row.value if row is not None else None


def audit_entities(path: Path) -> list[tuple[str, str | None]]:
    with CaseFile.open(path, PASSPHRASE) as casefile, casefile.reading_session() as session:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.entity.like("coordinator_key_%"))
        )
        return [(row.entity, row.record_id) for row in rows]


def document_of(config: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    signed = json.loads(config.read_text())
    return signed, json.loads(base64.b64decode(signed["document"]))


def resigned(signed: dict[str, Any], document: dict[str, Any], out: Path) -> Path:
    """``document`` with the signature of ``signed`` (an endorsement lifted onto it)."""
    out.write_text(json.dumps({**signed, "document": b64(district.canonical(document))}))
    return out


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """An old and a new coordinator, a stranger's coordinator file, a case manager with a
    year of work that imported the old coordinator's first configuration."""
    folder = tmp_path_factory.mktemp("pin")
    old = coordinator(folder / "old.kim", "Alte Koordination")
    new = coordinator(folder / "new.kim", "Neue Koordination")
    stranger = coordinator(folder / "stranger.kim", "Fremd")
    manager = folder / "cm.kim"
    with CaseFile.create(manager, PASSPHRASE, role="casemanager", owner="CM") as casefile:
        interchange.import_document(
            casefile, demo_document(seed=4, clients=25, today=DEMO_TODAY), "demo"
        )
    v1 = export(old, folder / "v1.kimdistrict")
    assert run_kim("district", "import", manager, v1).returncode == 0
    card = folder / "new.kimkey"  # the new coordinator's card, as the team directory writes it
    written = run_kim("keys", new, "--card", card)
    assert written.returncode == 0, written.stderr
    with CaseFile.open(stranger, PASSPHRASE) as casefile:
        stranger_card = write_card(casefile, folder / "stranger.kimkey")
    return {
        "folder": folder,
        "old": old,
        "new": new,
        "stranger": stranger,
        "manager": manager,
        "v1": v1,
        "card": card,
        "stranger_card": stranger_card,
    }


def copy_of(path: Path, folder: Path) -> Path:
    copy = folder / path.name
    copy.write_bytes(path.read_bytes())
    copy.chmod(0o600)
    return copy


def test_hand_over_to_a_new_coordinator_end_to_end(team: dict[str, Path], tmp_path: Path) -> None:
    manager = copy_of(team["manager"], tmp_path)
    old_signing, _ = keys_of(team["old"])
    new_signing, new_encryption = keys_of(team["new"])
    old_file = copy_of(team["old"], tmp_path)  # the old coordinator's serial grows here
    # The old coordinator hands the district over to the new coordinator's key card.
    handover = tmp_path / "handover.kimdistrict"
    written = run_kim(
        "district", "export", old_file, "--out", handover, "--successor", team["card"]
    )
    assert written.returncode == 0, written.stderr
    assert fingerprint(new_signing) in written.stdout and "hands the district over" in (
        written.stdout
    )
    _, document = document_of(handover)
    assert document["predecessor"]["signing_key"] == b64(old_signing)
    assert document["coordinator"]["signing_key"] == b64(new_signing)
    # The case manager's import accepts it (the pinned key signed it) and re-pins.
    imported = run_kim("district", "import", manager, handover)
    assert imported.returncode == 0, imported.stderr
    assert "introduced a new one" in imported.stdout and fingerprint(new_signing) in (
        imported.stdout
    )
    with CaseFile.open(manager, PASSPHRASE) as casefile:
        settings = district.current_settings(casefile)
    assert settings is not None and settings.coordinator_signing_key == new_signing
    assert settings.coordinator_encryption_key == new_encryption
    assert audit_entities(manager) == [("coordinator_key_replaced", key_id(new_signing))]
    # The new coordinator's own sequence starts at serial 1 and is accepted.
    first_new = export(copy_of(team["new"], tmp_path), tmp_path / "n1.kimdistrict")
    assert document_of(first_new)[1]["serial"] == 1
    assert run_kim("district", "import", manager, first_new).returncode == 0
    # Bundles now go to the new coordinator, who imports them; the old one cannot.
    bundle = tmp_path / "cm-2025.kimbundle"
    exported = run_kim("bundle", "export", manager, "--period", "2025", "--out", bundle)
    assert exported.returncode == 0, exported.stderr
    assert fingerprint(new_signing) in exported.stdout  # the office named by its key
    header_length = int.from_bytes(bundle.read_bytes()[8:12], "big")
    header = json.loads(bundle.read_bytes()[12 : 12 + header_length])
    assert header["recipient_key_id"] == key_id(new_encryption)
    new_file = tmp_path / "new.kim"
    received = run_kim("bundle", "import", new_file, bundle, "--trust-new-senders")
    assert received.returncode == 0, received.stderr
    assert run_kim("bundle", "import", old_file, bundle, "--trust-new-senders").returncode == 4
    # Nothing the old key signs is accepted any more: not a new configuration, not the first
    # one, not the hand-over again, and not by a reset to the old key either (its serials).
    later_old = export(old_file, tmp_path / "v3.kimdistrict")
    before = sha256(manager)
    for stale in (later_old, team["v1"], handover):
        refused = run_kim("district", "import", manager, stale)
        assert refused.returncode == 4, stale.name
        assert len(refused.stderr.strip().splitlines()) == 1
    typed_old = run_kim(
        "district",
        "import",
        manager,
        team["v1"],
        "--new-coordinator-fingerprint",
        fingerprint(old_signing),
    )
    assert typed_old.returncode == 4 and "older" in typed_old.stderr
    assert sha256(manager) == before


def test_reset_needs_the_right_fingerprint_typed_in(team: dict[str, Path], tmp_path: Path) -> None:
    manager = copy_of(team["manager"], tmp_path)
    stranger_signing, _ = keys_of(team["stranger"])
    other = export(copy_of(team["stranger"], tmp_path), tmp_path / "other.kimdistrict")
    before = sha256(manager)
    missing = run_kim("district", "import", manager, other)
    assert missing.returncode == 4
    assert "different coordinator" in missing.stderr
    assert "--new-coordinator-fingerprint" in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1
    old_signing, _ = keys_of(team["old"])
    wrong = run_kim(
        "district",
        "import",
        manager,
        other,
        "--new-coordinator-fingerprint",
        fingerprint(old_signing),
    )
    assert wrong.returncode == 4 and "typed in" in wrong.stderr
    digits = fingerprint(stranger_signing).replace(" ", "")
    one_off = digits[:-1] + str((int(digits[-1]) + 1) % 10)
    assert (
        run_kim(
            "district", "import", manager, other, "--new-coordinator-fingerprint", one_off
        ).returncode
        == 4
    )
    malformed = run_kim(
        "district", "import", manager, other, "--new-coordinator-fingerprint", digits[:39]
    )
    assert malformed.returncode == 2 and "40 digits" in malformed.stderr
    assert sha256(manager) == before
    # Typed as read out: without spaces, or in groups.
    right = run_kim("district", "import", manager, other, "--new-coordinator-fingerprint", digits)
    assert right.returncode == 0, right.stderr
    assert "reset" in right.stdout
    with CaseFile.open(manager, PASSPHRASE) as casefile:
        settings = district.current_settings(casefile)
    assert settings is not None and settings.coordinator_signing_key == stranger_signing
    assert audit_entities(manager) == [("coordinator_key_reset", key_id(stranger_signing))]
    # From now on the reset key is the pin: the old coordinator's configurations are refused.
    after = sha256(manager)
    refused = run_kim("district", "import", manager, team["v1"])
    assert refused.returncode == 4 and "different coordinator" in refused.stderr
    assert sha256(manager) == after


def test_forged_hand_overs_are_refused_and_nothing_is_written(
    team: dict[str, Path], tmp_path: Path
) -> None:
    manager = copy_of(team["manager"], tmp_path)
    old_signing, _ = keys_of(team["old"])
    genuine = export(copy_of(team["old"], tmp_path), tmp_path / "genuine.kimdistrict", team["card"])
    signed, document = document_of(genuine)
    # 1. An endorsement from another key: the stranger hands "the district" over to itself
    #    under a second file; the predecessor is the stranger, not the pinned key.
    accomplice = coordinator(tmp_path / "accomplice.kim", "Komplize")
    with CaseFile.open(accomplice, PASSPHRASE) as casefile:
        accomplice_card = write_card(casefile, tmp_path / "accomplice.kimkey")
    foreign = export(
        copy_of(team["stranger"], tmp_path), tmp_path / "foreign.kimdistrict", accomplice_card
    )
    # 2. The same, claiming the pinned key as predecessor (the signature is the stranger's).
    foreign_signed, foreign_document = document_of(foreign)
    claimed = dict(foreign_document, predecessor={"name": "X", "signing_key": b64(old_signing)})
    claiming = resigned(foreign_signed, claimed, tmp_path / "claiming.kimdistrict")
    # 3. The genuine hand-over with the successor's keys swapped for the accomplice's.
    accomplice_keys = document_of(foreign)[1]["coordinator"]
    swapped = resigned(
        signed, dict(document, coordinator=accomplice_keys), tmp_path / "swapped.kimdistrict"
    )
    # 4. The old key's endorsement replayed onto a different document (its other serial).
    replayed = resigned(
        signed, dict(document, serial=document["serial"] + 5), tmp_path / "replayed.kimdistrict"
    )
    # 5. Only the encryption key swapped: bundles would go to the accomplice.
    only_encryption = resigned(
        signed,
        dict(
            document,
            coordinator=dict(
                document["coordinator"], encryption_key=accomplice_keys["encryption_key"]
            ),
        ),
        tmp_path / "encryption.kimdistrict",
    )
    before = sha256(manager)
    for forged, reason in (
        (foreign, "different coordinator"),
        (claiming, "signature does not match"),
        (swapped, "signature does not match"),
        (replayed, "signature does not match"),
        (only_encryption, "signature does not match"),
    ):
        result = run_kim("district", "import", manager, forged)
        assert result.returncode == 4 and reason in result.stderr, forged.name
        assert len(result.stderr.strip().splitlines()) == 1, forged.name
        assert "Traceback" not in result.stderr
    assert sha256(manager) == before
    # The genuine one still goes in.
    assert run_kim("district", "import", manager, genuine).returncode == 0


def test_a_hand_over_needs_a_valid_coordinator_card_of_the_district(
    team: dict[str, Path], tmp_path: Path
) -> None:
    old = copy_of(team["old"], tmp_path)
    with CaseFile.create(
        tmp_path / "cm.kim", PASSPHRASE, role="casemanager", owner="CM", district=DISTRICT
    ) as casefile:
        manager_card = write_card(casefile, tmp_path / "cm.kimkey")
    with CaseFile.open(team["new"], PASSPHRASE) as casefile:
        elsewhere = write_card(casefile, tmp_path / "else.kimkey", district="Kreis Lippe")
    with CaseFile.open(old, PASSPHRASE) as casefile:
        own = write_card(casefile, tmp_path / "own.kimkey")
    tampered = tmp_path / "tampered.kimkey"
    card = json.loads(team["card"].read_text())
    body = json.loads(base64.b64decode(card["document"]))
    body["name"] = "Jemand anderes"
    tampered.write_text(json.dumps({**card, "document": b64(district.canonical(body))}))
    with pytest.raises(RejectedInputError, match="signature"):
        directory.read_card(tampered)
    with CaseFile.open(old, PASSPHRASE) as casefile:
        serial = stored_serial(casefile)
        for bad in (manager_card, elsewhere, own):
            with pytest.raises(UsageError):
                district.export_config(
                    casefile,
                    tmp_path / f"{bad.stem}.kimdistrict",
                    successor=directory.read_card(bad),
                )
            assert not (tmp_path / f"{bad.stem}.kimdistrict").exists()
        assert stored_serial(casefile) == serial  # refused before the serial moved on
    for bad in (manager_card, elsewhere, own):
        refused = run_kim("district", "export", old, "--out", tmp_path / "y", "--successor", bad)
        assert refused.returncode == 2 and len(refused.stderr.strip().splitlines()) == 1
    result = run_kim(
        "district", "export", old, "--out", tmp_path / "x.kimdistrict", "--successor", tampered
    )
    assert result.returncode == 4 and "signature" in result.stderr


def test_the_rules_between_keys_and_serials() -> None:
    """pin.check alone: A hands over to B, B back to A; an old A hand-over is never taken
    again, and a key's old serials still count when it is pinned again."""
    a, b = b"A" * 32, b"B" * 32
    history = [
        pin.Imported(a, a, 4, False),
        pin.Imported(a, b, 5, True),
        pin.Imported(b, b, 1, False),
        pin.Imported(b, a, 2, True),
    ]
    assert pin.check(history, a, a, 6, False, None, "x").kind == pin.SAME
    with pytest.raises(RejectedInputError, match="older"):
        pin.check(history, a, a, 4, False, None, "x")  # A's sequence continues at 5
    with pytest.raises(RejectedInputError, match="imported before"):
        pin.check(history, a, b, 5, True, None, "x")  # the first hand-over, replayed
    assert pin.check(history, a, b, 7, True, None, "x").kind == pin.SUCCESSOR
    with pytest.raises(pin.ResetNeeded):
        pin.check(history, b, b, 3, False, None, "x")
    assert pin.check(history, b, b, 3, False, fingerprint(b), "x").kind == pin.RESET
    with pytest.raises(pin.FingerprintMismatch):
        pin.check(history, a, a, 6, False, fingerprint(b), "x")
    assert pin.typed_fingerprint(fingerprint(a).replace(" ", "")) == fingerprint(a)
    with pytest.raises(UsageError):
        pin.typed_fingerprint("١٢٣٤٥" * 8)  # Arabic-Indic digits are not what was read out


SIGNER = "<the signer's key>"


@pytest.mark.parametrize(
    ("predecessor", "coordinator_is_signer", "problem"),
    [
        ("x", True, "(predecessor: not a predecessor)"),
        ({"name": "A", "signing_key": SIGNER, "extra": 1}, False, "(predecessor: not a"),
        ({"name": "\x1b[2J", "signing_key": SIGNER}, False, "(predecessor.name: not a plain"),
        ({"name": "A", "signing_key": b64(b"P" * 31)}, False, "(no coordinator key)"),
        ({"name": "A", "signing_key": 7}, False, "(no coordinator key)"),
        ({"name": "A", "signing_key": SIGNER}, True, "(predecessor.signing_key: the coordinator"),
    ],
)
def test_a_malformed_predecessor_is_refused_by_field(
    predecessor: Any, coordinator_is_signer: bool, problem: str
) -> None:
    """Signed by the key it names, so only the field rules can refuse it: one line, exit 4."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    signer = Ed25519PrivateKey.generate()
    public = b64(signer.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))
    other = b64(
        Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    )
    encryption = (
        X25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    )
    if isinstance(predecessor, dict) and predecessor["signing_key"] == SIGNER:
        predecessor = dict(predecessor, signing_key=public)
    document = {
        "format": "kim-district",
        "version": 1,
        "district": DISTRICT,
        "municipalities": ["Siegburg"],
        "k": 3,
        "serial": 1,
        "coordinator": {
            "name": "K",
            "signing_key": public if coordinator_is_signer else other,
            "encryption_key": b64(encryption),
        },
        "predecessor": predecessor,
    }
    body = district.canonical(document)
    signed = {"format": "kim-district", "version": 1, "document": b64(body)}
    data = json.dumps({**signed, "signature": b64(signer.sign(body))}).encode()
    with pytest.raises(RejectedInputError) as refused:
        district.verify_config(data, "x.kimdistrict")
    assert problem in refused.value.message and "\n" not in refused.value.message
