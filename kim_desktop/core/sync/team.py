"""The team directory (DESIGN §7): key cards, enrolment and revocation.

Every file can write a signed *key card* (``.kimkey``): its owner's name, role, district and
public keys, self-signed by the file's signing key (which proves the writer holds it). A
coordinator enrols the cards of its case managers (a state level: of its district
coordinators) after comparing the fingerprint by phone. Bundles signed by an enrolled key
need no trust flag; revoking a key makes its later bundles rejected and travels in the next
district configuration (``district.export_config`` writes the team from this directory).

A card is JSON like a district configuration: ``{"format": "kim-keycard", "version": 1,
"document": base64(canonical JSON), "signature": base64(Ed25519 over the document bytes)}``
(docs/bundle-format.md §4.5)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kim_desktop.core.casefile.models import TeamMember
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import RejectedInputError, UsageError
from kim_desktop.core.sync.config_document import (
    KEY_ID,
    MAX_NAME,
    MAX_TEAM,
    ROLES,
    ConfigInvalid,
    Member,
    _key,
)
from kim_desktop.core.sync.district import current_settings
from kim_desktop.core.sync.keys import (
    b64,
    fingerprint,
    key_id,
    own_keys,
    weak_encryption_key,
)
from kim_desktop.core.sync.signed import open_envelope, read_bounded, seal_envelope, write_new
from kim_desktop.core.sync.text import plain_text, shown

CARD_FORMAT = "kim-keycard"
CARD_VERSION = 1
CARD_SUFFIX = ".kimkey"
MAX_CARD_BYTES = 16 * 1024
MAX_CREATED = 40
_REQUIRED = {"format", "version", "name", "role", "signing_key", "created"}
_ALLOWED = _REQUIRED | {"district", "encryption_key"}


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class KeyCard:
    """A verified key card."""

    name: str
    role: str
    district: str | None
    signing_key: bytes
    encryption_key: bytes | None
    created: str

    @property
    def key_id(self) -> str:
        return key_id(self.signing_key)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.signing_key)

    @property
    def member(self) -> Member:
        return Member(self.name, self.role, self.signing_key, self.encryption_key)


# -- writing ----------------------------------------------------------------------------------


def own_card(casefile: CaseFile, handovers: bool = False) -> KeyCard:
    """This file's own card (not signed yet): what ``write_card`` writes. A case manager's
    card carries an encryption key for handovers when the file has one or ``handovers``
    asks for it (made then: ``keys.own_keys``)."""
    keys = own_keys(casefile, encryption=handovers)
    return KeyCard(
        name=casefile.owner,
        role=casefile.role,
        district=casefile.meta.get("district") or None,
        signing_key=keys.signing_public,
        encryption_key=keys.encryption_public,
        created=_now(),
    )


def card_bytes(casefile: CaseFile, handovers: bool = False) -> tuple[KeyCard, bytes]:
    """This file's signed key card: (the card, the file's bytes)."""
    card = own_card(casefile, handovers)
    document: dict[str, Any] = {
        "format": CARD_FORMAT,
        "version": CARD_VERSION,
        "name": card.name,
        "role": card.role,
        "signing_key": b64(card.signing_key),
        "created": card.created,
    }
    if card.district:
        document["district"] = card.district
    if card.encryption_key is not None:
        document["encryption_key"] = b64(card.encryption_key)
    data = seal_envelope(CARD_FORMAT, CARD_VERSION, document, own_keys(casefile).signing)
    # What is written must read back: an owner name no card may carry is refused here.
    verify_card(data, "key card")
    return card, data


def write_card(casefile: CaseFile, out: Path | str, handovers: bool = False) -> KeyCard:
    """Write this file's signed key card to ``out`` (never over an existing file); with
    ``handovers`` a case manager's card carries the key colleagues encrypt handovers to."""
    out = Path(out)
    if out.exists():
        raise UsageError(f"{out}: the file already exists; choose another name.")
    if not out.parent.is_dir():
        raise UsageError(f"{out.parent}: no such folder.")
    card, data = card_bytes(casefile, handovers)
    write_new(out, data)  # public keys only: readable by others, like a configuration
    return card


# -- reading ----------------------------------------------------------------------------------


def read_card_file(path: Path | str) -> bytes:
    """The bytes of a ``.kimkey`` file, read once (missing: usage; too large: refused)."""
    return read_bounded(path, MAX_CARD_BYTES, "key card")


def _fits(signed: dict[str, Any]) -> bool:
    return set(signed) == {"format", "version", "document", "signature"} and _is_format(signed)


def _is_format(document: dict[str, Any]) -> bool:
    # ``True`` and ``1.0`` equal 1 in Python: the version must be the integer itself.
    version = document.get("version")
    return (
        document.get("format") == CARD_FORMAT and type(version) is int and version == CARD_VERSION
    )


def _card(document: dict[str, Any], signing_key: bytes) -> KeyCard:
    """The fields of a card document, validated strictly: raises ``ConfigInvalid``."""
    if not set(document) >= _REQUIRED or not set(document) <= _ALLOWED:
        raise ConfigInvalid("document", "not the fields of a key card")
    if not _is_format(document):
        raise ConfigInvalid("format", "not a KIM key card")
    if not plain_text(document["name"], MAX_NAME):
        raise ConfigInvalid("name", "not a plain name")
    role = document["role"]
    if role not in ROLES:
        raise ConfigInvalid("role", "neither casemanager nor coordinator")
    district = document.get("district")
    if "district" in document and not plain_text(district, MAX_NAME):
        raise ConfigInvalid("district", "not a plain name")
    created = document["created"]
    try:
        if not isinstance(created, str) or len(created) > MAX_CREATED:
            raise ValueError(created)
        dt.datetime.fromisoformat(created)
    except ValueError:
        raise ConfigInvalid("created", "not a timestamp") from None
    encryption = None
    if role == "coordinator" and "encryption_key" not in document:
        raise ConfigInvalid("encryption_key", "missing on a coordinator's card")
    if "encryption_key" in document:  # a case manager's: the key handovers go to
        encryption = _key(document["encryption_key"], "encryption_key")
        if weak_encryption_key(encryption):
            raise ConfigInvalid("encryption_key", "a weak (low-order) key")
    return KeyCard(document["name"], role, district, signing_key, encryption, created)


def verify_card(data: bytes, name: str) -> KeyCard:
    """Parse and verify the bytes of a ``.kimkey`` file; every rejection is one line
    (``RejectedInputError``) naming the file and the field, never a value."""
    document, body, signature = open_envelope(data, name, "key card", MAX_CARD_BYTES, _fits)
    if not isinstance(document, dict):
        raise RejectedInputError(f"{name}: not a valid KIM key card.")
    try:
        # The signature first (a changed card says so), then every field strictly.
        signing_key = _key(document.get("signing_key"), "signing_key")
        Ed25519PublicKey.from_public_bytes(signing_key).verify(signature, body)
        return _card(document, signing_key)
    except InvalidSignature:
        raise RejectedInputError(
            f"{name}: the signature does not match; the card was changed."
        ) from None
    except ConfigInvalid as problem:
        raise RejectedInputError(f"{name}: not a valid KIM key card ({problem}).") from None


def read_card(path: Path | str) -> KeyCard:
    """Read and verify a ``.kimkey`` file."""
    return verify_card(read_card_file(path), Path(path).name)


# -- the coordinator's directory --------------------------------------------------------------


@dataclass(frozen=True)
class TeamRow:
    """A member of this coordinator's directory, as the window and ``kim`` show it."""

    key_id: str
    name: str
    role: str
    fingerprint: str
    enrolled_at: str
    revoked_at: str | None
    signing_key: bytes
    # Whether cases can be handed to them: their enrolled card carries an encryption key
    # (cards written before handovers existed do not; a new card enrolled again adds it).
    receives_handovers: bool = False

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


def _row(member: TeamMember) -> TeamRow:
    return TeamRow(
        member.key_id,
        member.name,
        member.role,
        fingerprint(bytes(member.signing_key)),
        member.enrolled_at,
        member.revoked_at,
        bytes(member.signing_key),
        member.encryption_key is not None,
    )


def _coordinator_only(casefile: CaseFile) -> None:
    if casefile.role != "coordinator":
        raise UsageError(
            "Only a coordinator's file keeps a team; enrol and revoke keys in the "
            "coordination office's file."
        )


@dataclass(frozen=True)
class Enrolment:
    """What enrolling a card did: ``already`` when that key was enrolled before."""

    card: KeyCard
    already: bool


def enrol_card(casefile: CaseFile, card: KeyCard, name: str) -> Enrolment:
    """Add a verified card's owner to this coordinator's team (once; a revoked key is not
    taken back)."""
    _coordinator_only(casefile)
    if card.signing_key == own_keys(casefile).signing_public:
        raise RejectedInputError(f"{name}: this is this file's own key card.")
    with casefile.transaction() as session:
        existing = session.get(TeamMember, card.key_id)
        if existing is not None:
            if existing.revoked_at is not None:
                raise RejectedInputError(
                    f"{name}: key {card.key_id} was revoked on {existing.revoked_at[:10]}; "
                    "a revoked key is not enrolled again."
                )
            if existing.encryption_key is None and card.encryption_key is not None:
                # A newer card of the same key adds the key for handovers (the card is
                # signed by the enrolled key, so it is the member's own).
                existing.encryption_key = card.encryption_key
            return Enrolment(card, already=True)
        count = session.scalar(
            select(func.count()).select_from(TeamMember).where(TeamMember.revoked_at.is_(None))
        )
        if (count or 0) >= MAX_TEAM:
            raise RejectedInputError(f"{name}: the team has {MAX_TEAM} members already.")
        session.add(
            TeamMember(
                key_id=card.key_id,
                name=card.name,
                role=card.role,
                signing_key=card.signing_key,
                encryption_key=card.encryption_key,
                card_created=card.created,
                enrolled_at=_now(),
                revoked_at=None,
            )
        )
    return Enrolment(card, already=False)


def enrol(casefile: CaseFile, path: Path | str) -> Enrolment:
    """``kim district enrol``: read, verify and enrol a ``.kimkey`` file."""
    _coordinator_only(casefile)
    return enrol_card(casefile, read_card(path), Path(path).name)


def normal_key_id(text: str) -> str:
    """A key id as people type it (spaces, capitals) in its stored form; refused with one
    line when it is not 32 hex digits."""
    wanted = "".join(text.split()).lower()
    if not KEY_ID.fullmatch(wanted):
        raise RejectedInputError(f"{shown(text)}: not a key id (32 hex digits, see kim keys).")
    return wanted


def revoke(casefile: CaseFile, member_key_id: str) -> tuple[TeamRow, bool]:
    """Revoke a member's key: (the member, whether it was revoked before). Bundles imported
    before stay; later ones are rejected."""
    _coordinator_only(casefile)
    wanted = normal_key_id(member_key_id)
    with casefile.transaction() as session:
        member = session.get(TeamMember, wanted)
        if member is None:
            raise RejectedInputError(f"{wanted}: no member of the team has this key id.")
        if member.revoked_at is not None:
            return _row(member), True
        member.revoked_at = _now()
        session.flush()
        return _row(member), False


def members(casefile: CaseFile) -> list[TeamRow]:
    """This coordinator's directory: current members first, then revoked, each by name."""
    with casefile.reading_session() as session:
        rows = session.scalars(
            select(TeamMember).order_by(
                TeamMember.revoked_at.is_not(None), TeamMember.name, TeamMember.key_id
            )
        )
        return [_row(member) for member in rows]


def member(session: Session, member_key_id: str) -> TeamMember | None:
    """The directory's row of a key (the import's trust check reads it in its transaction)."""
    return session.get(TeamMember, member_key_id)


def configured_team(casefile: CaseFile) -> tuple[Member, ...]:
    """The team of the district configuration in force (a case manager's colleagues; for a
    coordinator, the state level's configuration). Empty without a configuration."""
    settings = current_settings(casefile)
    return settings.team if settings is not None else ()
