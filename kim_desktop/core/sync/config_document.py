"""The rules of a district configuration document (DESIGN §7; docs/bundle-format.md §4.2):
the settings it carries, validated strictly field by field (a signature proves who issued a
configuration, not that it is sane). ``district.py`` signs, reads and imports documents and
re-exports these names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kim_desktop.core.casefile import document_texts
from kim_desktop.core.errors import KimError
from kim_desktop.core.sync import logos
from kim_desktop.core.sync.keys import fingerprint, key_id, unb64, weak_encryption_key
from kim_desktop.core.sync.text import plain_lines, plain_text

FORMAT = "kim-district"
VERSION = 1
DEFAULT_K = 3
DEFAULT_RETENTION_YEARS = 3
ROLES = ("casemanager", "coordinator")


@dataclass(frozen=True)
class Member:
    """A team member as a configuration carries them (core/sync/team.py keeps the
    coordinator's directory)."""

    name: str
    role: str
    signing_key: bytes
    encryption_key: bytes | None = None

    @property
    def key_id(self) -> str:
        return key_id(self.signing_key)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.signing_key)


@dataclass(frozen=True)
class DistrictSettings:
    """The configuration in force in a file (case manager: as imported). Team, revoked key
    ids, retention, controller and data-protection officer are optional in the document (an
    older configuration has none of them)."""

    district: str
    municipalities: tuple[str, ...]
    k: int
    coordinator_name: str
    coordinator_signing_key: bytes
    coordinator_encryption_key: bytes
    serial: int
    level: str
    team: tuple[Member, ...] = ()
    revoked: tuple[str, ...] = ()  # key ids
    retention_years: int = DEFAULT_RETENTION_YEARS
    controller: str | None = None  # the Verantwortliche Stelle: name and address, lines
    dpo: str | None = None  # the data-protection officer's contact, lines
    # The pseudonymised case sheet may name the case's municipality (docs/case-sheet.md).
    case_sheet_municipality: bool = False
    # the district's own document texts by file name ("consent.ar.json"): added languages
    # and replacements of built-in ones (core/casefile/document_texts.py)
    texts: dict[str, dict[str, Any]] = field(default_factory=dict, compare=False, hash=False)
    # PNG or JPEG bytes for the statistics report's title page (core/sync/logos.py)
    logo: bytes | None = field(default=None, compare=False, repr=False)  # the district's
    programme_logo: bytes | None = field(default=None, compare=False, repr=False)  # the state's

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.coordinator_signing_key)


MAX_MUNICIPALITIES = 500
MAX_NAME = 200
MAX_ADDITIONS = 500
MAX_SERIAL = 2**31 - 1
# With k = 2 a suppressed cell could be worked out from the totals.
MIN_K = 3
MAX_K = 20
MAX_TEAM = 500
MAX_REVOKED = 2000
MAX_RETENTION_YEARS = 30
MAX_CONTROLLER = 600  # characters, in at most MAX_LINES lines
MAX_DPO = 400
MAX_LINES = 8
KEY_ID = re.compile(r"[0-9a-f]{32}")
# the document's fields for the district's and the state programme's logo (base64)
LOGO_FIELDS = ("logo", "programme_logo")
_MAX_LOGO_BASE64 = 4 * -(-logos.MAX_LOGO_BYTES // 3)


class ConfigInvalid(ValueError):
    """One rule a configuration document breaks: ``field`` names it (never a value)."""

    def __init__(self, field: str, reason: str) -> None:
        self.field = field
        super().__init__(f"{field}: {reason}")


def _key(value: Any, field: str) -> bytes:
    try:
        return unb64(value, 32)
    except (KimError, ValueError, TypeError, AttributeError):  # AttributeError: not a string
        raise ConfigInvalid(field, "not a 32-byte key") from None


def _logo(value: Any, field: str, decode: bool) -> bytes | None:
    """A logo field's image bytes (missing: None), checked from their header; ``decode``
    also reads the whole image (on export and import; a stored one passed that once)."""
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > _MAX_LOGO_BASE64:
        raise ConfigInvalid(
            field, f"not base64 image bytes of at most {logos.MAX_LOGO_BYTES // 1024} KiB"
        )
    try:
        data = unb64(value)
    except (ValueError, UnicodeEncodeError):
        raise ConfigInvalid(field, "not base64 image bytes") from None
    try:
        logos.check_logo(data) if decode else logos.image_header(data)
    except logos.LogoInvalid as problem:
        raise ConfigInvalid(field, str(problem)) from None
    return data


def _settings(document: Any, decode_logos: bool = False) -> DistrictSettings:
    """The settings of a configuration document, validated strictly (a signature proves who
    issued it, not that it is sane): raises ``ConfigInvalid`` naming the field. Logos are
    checked from their headers, and decoded whole with ``decode_logos`` (on import)."""
    if not isinstance(document, dict):
        raise ConfigInvalid("document", "not an object")
    if document.get("format") != FORMAT or document.get("version") != VERSION:
        raise ConfigInvalid("format", "not a KIM district configuration")
    if not plain_text(document.get("district"), MAX_NAME):
        raise ConfigInvalid("district", "not a plain name")
    level = document.get("level", "district")
    if level not in ("district", "state"):
        raise ConfigInvalid("level", "neither district nor state")
    municipalities = document.get("municipalities")
    if not isinstance(municipalities, list) or not 0 < len(municipalities) <= MAX_MUNICIPALITIES:
        raise ConfigInvalid("municipalities", f"not a list of 1 to {MAX_MUNICIPALITIES} names")
    for index, name in enumerate(municipalities, start=1):
        if not plain_text(name, MAX_NAME):
            raise ConfigInvalid(f"municipalities[{index}]", "not a plain name")
    if len(set(municipalities)) != len(municipalities):
        raise ConfigInvalid("municipalities", "a name listed twice")
    k = document.get("k")
    if not isinstance(k, int) or isinstance(k, bool) or not MIN_K <= k <= MAX_K:
        raise ConfigInvalid("k", f"not a whole number from {MIN_K} to {MAX_K}")
    serial = document.get("serial")
    if not isinstance(serial, int) or isinstance(serial, bool) or not 1 <= serial <= MAX_SERIAL:
        raise ConfigInvalid("serial", "not a whole number in range")
    additions = document.get("catalogue_additions", [])
    if not isinstance(additions, list) or len(additions) > MAX_ADDITIONS:
        raise ConfigInvalid("catalogue_additions", "not a list")
    for index, addition in enumerate(additions, start=1):
        if not isinstance(addition, dict) or set(addition) != {"catalogue", "code", "de", "en"}:
            raise ConfigInvalid(f"catalogue_additions[{index}]", "not a catalogue addition")
        if not all(plain_text(addition[part], MAX_NAME) for part in addition):
            raise ConfigInvalid(f"catalogue_additions[{index}]", "not plain text")
    coordinator = document.get("coordinator")
    if not isinstance(coordinator, dict) or not plain_text(coordinator.get("name"), MAX_NAME):
        raise ConfigInvalid("coordinator", "no coordinator name")
    signing_key = _key(coordinator.get("signing_key"), "coordinator.signing_key")
    encryption_key = _key(coordinator.get("encryption_key"), "coordinator.encryption_key")
    if weak_encryption_key(encryption_key):
        raise ConfigInvalid("coordinator.encryption_key", "a weak (low-order) key")
    team, revoked = _team(document)
    retention_years = document.get("retention_years", DEFAULT_RETENTION_YEARS)
    if (
        not isinstance(retention_years, int)
        or isinstance(retention_years, bool)
        or not 1 <= retention_years <= MAX_RETENTION_YEARS
    ):
        raise ConfigInvalid(
            "retention_years", f"not a whole number from 1 to {MAX_RETENTION_YEARS}"
        )
    texts: dict[str, str | None] = {}
    for name, limit in (("controller", MAX_CONTROLLER), ("dpo", MAX_DPO)):
        value = document.get(name)
        if value is not None and not plain_lines(value, limit, MAX_LINES):
            raise ConfigInvalid(name, f"not plain text of at most {MAX_LINES} lines")
        texts[name] = value
    case_sheet_municipality = document.get("case_sheet_municipality", False)
    if not isinstance(case_sheet_municipality, bool):
        raise ConfigInvalid("case_sheet_municipality", "not true or false")
    try:
        documents = document_texts.validate_set(document.get("texts", {}))
    except document_texts.TextInvalid as error:
        where = "texts" if error.name == "texts" else f"texts/{error.name}"
        raise ConfigInvalid(
            f"{where}{'.' + error.key if error.key else ''}", error.reason
        ) from None
    images = {name: _logo(document.get(name), name, decode_logos) for name in LOGO_FIELDS}
    return DistrictSettings(
        district=document["district"],
        municipalities=tuple(municipalities),
        k=k,
        coordinator_name=coordinator["name"],
        coordinator_signing_key=signing_key,
        coordinator_encryption_key=encryption_key,
        serial=serial,
        level=level,
        team=team,
        revoked=revoked,
        retention_years=retention_years,
        controller=texts["controller"],
        dpo=texts["dpo"],
        case_sheet_municipality=case_sheet_municipality,
        texts=documents,
        logo=images["logo"],
        programme_logo=images["programme_logo"],
    )


def _team(document: dict[str, Any]) -> tuple[tuple[Member, ...], tuple[str, ...]]:
    """The team and the revoked key ids of a document, validated like the other fields."""
    entries = document.get("team", [])
    if not isinstance(entries, list) or len(entries) > MAX_TEAM:
        raise ConfigInvalid("team", f"not a list of at most {MAX_TEAM} members")
    members: list[Member] = []
    for index, entry in enumerate(entries, start=1):
        where = f"team[{index}]"
        if (
            not isinstance(entry, dict)
            or not {"name", "role", "signing_key"} <= set(entry)
            or not set(entry) <= {"name", "role", "signing_key", "encryption_key"}
        ):
            raise ConfigInvalid(where, "not a team member")
        if not plain_text(entry["name"], MAX_NAME):
            raise ConfigInvalid(f"{where}.name", "not a plain name")
        if entry["role"] not in ROLES:
            raise ConfigInvalid(f"{where}.role", "neither casemanager nor coordinator")
        signing = _key(entry["signing_key"], f"{where}.signing_key")
        encryption = None
        if "encryption_key" in entry:
            encryption = _key(entry["encryption_key"], f"{where}.encryption_key")
            if weak_encryption_key(encryption):
                raise ConfigInvalid(f"{where}.encryption_key", "a weak (low-order) key")
        members.append(Member(entry["name"], entry["role"], signing, encryption))
    ids = [member.key_id for member in members]
    if len(set(ids)) != len(ids):
        raise ConfigInvalid("team", "a key listed twice")
    revoked = document.get("revoked", [])
    if not isinstance(revoked, list) or len(revoked) > MAX_REVOKED:
        raise ConfigInvalid("revoked", f"not a list of at most {MAX_REVOKED} key ids")
    for index, value in enumerate(revoked, start=1):
        if not isinstance(value, str) or not KEY_ID.fullmatch(value):
            raise ConfigInvalid(f"revoked[{index}]", "not a key id (32 hex digits)")
    if len(set(revoked)) != len(revoked) or set(revoked) & set(ids):
        raise ConfigInvalid("revoked", "a key id listed twice or also in the team")
    return tuple(members), tuple(revoked)
