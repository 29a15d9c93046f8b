"""Which coordinator key a file accepts district configurations from (the pin), the
deliberate replacement of that key, and the reset when the old key is lost.

The rules (docs/bundle-format.md, district configuration):

- The first configuration a file imports pins its coordinator key (trust on first use; the
  fingerprint is compared by phone).
- The pin is the coordinator key of the configuration imported last. A configuration is
  accepted when the pinned key signed it and names itself as coordinator ("same").
- **Replacement.** A configuration that carries ``predecessor`` names a new coordinator
  (a successor's keys, from its key card) and is signed by the predecessor's key. It is
  accepted when the predecessor is the pinned key; the file then pins the new key. The
  signature covers the whole document, the successor's keys included, so the old key's
  endorsement cannot be lifted onto another document.
- **Serials.** Each signing key has its own sequence: a configuration signed by key S needs a
  serial at least as high as every configuration signed by S this file imported before; an
  introduction needs a strictly higher one, so an introduction is never accepted twice. A new
  key's sequence starts fresh, but a key that was pinned before keeps its old sequence: an old
  configuration of a replaced key can never re-pin back (also not by a reset).
- **Reset.** A configuration from any other key is refused (``ResetNeeded``) unless the
  person typed in the fingerprint of the coordinator key it names, as the coordination
  office read it out by phone; then the file pins that key. A typed fingerprint that does not
  match refuses the configuration, whatever the case.

``check`` reads no file and writes nothing: ``district`` calls it inside its transaction. The
successor's key card is the team directory's (``team.read_card``)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from kim_desktop.core.errors import KimError, RejectedInputError, UsageError
from kim_desktop.core.sync.keys import b64, fingerprint, unb64
from kim_desktop.core.sync.text import plain_text

PREDECESSOR = "predecessor"  # the field of a configuration that introduces a new key
FINGERPRINT_DIGITS = 40

FIRST = "first"  # no configuration yet: the import pins its key
SAME = "same"  # signed by the pinned key
SUCCESSOR = "successor"  # introduced by the pinned key: re-pins to the new key
RESET = "reset"  # another key, accepted by the typed-in fingerprint: re-pins

MAX_NAME = 200


class ResetNeeded(RejectedInputError):
    """A configuration signed by another coordinator key than the pinned one: importable only
    with its fingerprint typed in (the window offers that)."""


class PredecessorInvalid(ValueError):
    """The ``predecessor`` field of a configuration breaks a rule: ``field`` names it."""

    def __init__(self, field: str, reason: str) -> None:
        self.field = field
        super().__init__(f"{field}: {reason}")


class FingerprintMismatch(RejectedInputError):
    """The fingerprint typed in is not the one of the configuration's coordinator key."""


class SuccessorCard(Protocol):
    """What a hand-over needs of a verified key card (``team.KeyCard`` has it; team is not
    imported here, it imports ``district``, which imports this module)."""

    @property
    def name(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def district(self) -> str | None: ...
    @property
    def signing_key(self) -> bytes: ...
    @property
    def encryption_key(self) -> bytes | None: ...


@dataclass(frozen=True)
class Imported:
    """One configuration this file imported, as the pin rules see it."""

    signer: bytes  # the key whose signature it carries
    coordinator: bytes  # the coordinator key it names (the pin after its import)
    serial: int
    introduction: bool


@dataclass(frozen=True)
class PinStep:
    """What importing a configuration does to the pin."""

    kind: str  # FIRST, SAME, SUCCESSOR or RESET
    previous_key: bytes | None
    new_key: bytes

    @property
    def changes_key(self) -> bool:
        return self.kind in (SUCCESSOR, RESET)


def predecessor_key(document: dict[str, Any]) -> Any:
    """The predecessor's signing key as written (b64), or None when the document introduces
    no new key (validated by ``check_predecessor``)."""
    predecessor = document.get(PREDECESSOR)
    return predecessor.get("signing_key") if isinstance(predecessor, dict) else None


def check_predecessor(document: dict[str, Any]) -> None:
    """The ``predecessor`` of a configuration document (absent in an ordinary one), validated
    strictly beside ``district._settings``: raises ``PredecessorInvalid`` naming the field."""
    predecessor = document.get(PREDECESSOR)
    if predecessor is None:
        return
    if not isinstance(predecessor, dict) or set(predecessor) != {"name", "signing_key"}:
        raise PredecessorInvalid(PREDECESSOR, "not a predecessor")
    if not plain_text(predecessor["name"], MAX_NAME):
        raise PredecessorInvalid(f"{PREDECESSOR}.name", "not a plain name")
    try:
        key = unb64(predecessor["signing_key"], 32)
    except (KimError, ValueError, TypeError, AttributeError):
        raise PredecessorInvalid(f"{PREDECESSOR}.signing_key", "not a 32-byte key") from None
    if key == unb64(document["coordinator"]["signing_key"], 32):  # valid: _settings ran
        raise PredecessorInvalid(f"{PREDECESSOR}.signing_key", "the coordinator's own key")


def imported(document: bytes, coordinator_key: bytes, serial: int) -> Imported:
    """One stored ``district_config`` row for the rules. Rows are stored only after the
    signature was checked, so a predecessor named in the document is the signer."""
    signer = coordinator_key
    try:
        parsed = json.loads(document)
        named = predecessor_key(parsed) if isinstance(parsed, dict) else None
        if named is not None:
            signer = unb64(named, 32)
    except (ValueError, TypeError, RecursionError, KimError):
        named = None  # stored before strict validation: counted as signed by its coordinator
    return Imported(signer, coordinator_key, serial, named is not None)


def typed_fingerprint(text: str) -> str:
    """A fingerprint as typed (spaces, hyphens and line breaks optional) in the grouped form
    ``fingerprint`` gives; anything else than 40 digits is refused."""
    digits = re.sub(r"[\s\-]", "", text)
    if len(digits) != FINGERPRINT_DIGITS or not re.fullmatch(r"[0-9]+", digits):
        raise UsageError(
            "The coordinator fingerprint must be the 40 digits the coordination office read "
            "out (spaces optional)."
        )
    return " ".join(digits[i : i + 5] for i in range(0, FINGERPRINT_DIGITS, 5))


def reset_hint(name: str) -> str:
    return (
        f"{name}: signed by a different coordinator key than the configuration already "
        "imported; refused. If the coordination office replaced its key, have them read out "
        'the new fingerprint by phone and import with --new-coordinator-fingerprint "…".'
    )


def check(
    history: Iterable[Imported],
    signer: bytes,
    coordinator: bytes,
    serial: int,
    introduction: bool,
    typed: str | None,
    name: str,
) -> PinStep:
    """The pin rules for a verified configuration (signed by ``signer``, naming
    ``coordinator``) against what this file imported before. Raises ``RejectedInputError``
    (``ResetNeeded`` when only a typed fingerprint could admit it)."""
    rows = list(history)
    if typed is not None and typed_fingerprint(typed) != fingerprint(coordinator):
        raise FingerprintMismatch(
            f"{name}: the fingerprint typed in is not the one of the coordinator key in this "
            "configuration; nothing was imported."
        )
    if not rows:
        return PinStep(FIRST, None, coordinator)
    pinned = rows[-1].coordinator
    if introduction and signer == pinned and coordinator != pinned:
        kind = SUCCESSOR
    elif not introduction and signer == pinned:
        kind = SAME
    elif introduction and coordinator == pinned:
        raise RejectedInputError(
            f"{name}: introduces the coordinator key that is already in force; nothing to do."
        )
    elif typed is not None:
        kind = RESET
    else:
        raise ResetNeeded(reset_hint(name))
    earlier = [row.serial for row in rows if row.signer == signer]
    floor = max(earlier, default=0)
    if serial < floor:
        raise RejectedInputError(
            f"{name}: older than the configuration in the file (serial {serial} < {floor})."
        )
    if introduction and earlier and serial == floor:
        # Each introduction raises its key's serial: one seen before is a replay.
        raise RejectedInputError(
            f"{name}: this hand-over to a new coordinator key was imported before; refused."
        )
    return PinStep(kind, pinned, coordinator)


# -- hand-over -------------------------------------------------------------------------------


def check_successor(card: SuccessorCard, district: str, own_signing_key: bytes) -> None:
    """A card a coordinator's file may hand its district over to (refused before anything is
    written): a coordinator's card of the same district, not the file's own."""
    if card.role != "coordinator" or card.encryption_key is None:
        raise UsageError("The successor's key card is not a coordinator's.")
    if card.district is not None and card.district != district:
        raise UsageError("The successor's key card belongs to another district.")
    if card.signing_key == own_signing_key:
        raise UsageError("That is this file's own key card; name the new coordinator's card.")


def introduce(
    document: dict[str, Any], card: SuccessorCard, own_name: str, own_signing_key: bytes
) -> dict[str, Any]:
    """The configuration ``document`` turned into one that hands the district over to the
    coordinator of ``card`` (checked by ``check_successor``): it names the successor's keys
    as the coordinator's and this file's key as the predecessor (whose signature the caller
    puts over all of it)."""
    check_successor(card, document["district"], own_signing_key)
    assert card.encryption_key is not None
    return {
        **document,
        "coordinator": {
            "name": card.name,
            "signing_key": b64(card.signing_key),
            "encryption_key": b64(card.encryption_key),
        },
        PREDECESSOR: {"name": own_name, "signing_key": b64(own_signing_key)},
    }
