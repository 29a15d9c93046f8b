"""The signed district configuration (coordinator → case managers, or state → coordinator).

A ``.kimdistrict`` file is JSON: ``{"format": "kim-district", "version": 1, "document":
base64(canonical JSON), "signature": base64(Ed25519 over the document bytes)}``. The document
names the district, its municipalities, catalogue additions, the small-cell threshold k and
the coordinator's public keys. The first import pins the coordinator's signing key (the
fingerprint is shown so people compare it by phone); later imports must be signed by the same
key and carry a serial at least as high. The document's rules (``_settings``) are in
``config_document.py``; the team it carries comes from ``team.py``'s directory. A
configuration with ``predecessor``, signed by the pinned key, hands over to a new
coordinator key; a reset needs the new fingerprint typed in (the rules: ``pin``)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from kim_desktop.core.casefile import audit, document_texts
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.models import (
    CatalogueAddition,
    DistrictConfig,
    Meta,
    Municipality,
    TeamMember,
)
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import KimError, RejectedInputError, UsageError
from kim_desktop.core.platform import policy
from kim_desktop.core.sync import logos, pin
from kim_desktop.core.sync.config_document import (
    DEFAULT_K,
    DEFAULT_RETENTION_YEARS,
    FORMAT,
    LOGO_FIELDS,
    MAX_CONTROLLER,
    MAX_DPO,
    MAX_K,
    MAX_LINES,
    MAX_RETENTION_YEARS,
    MIN_K,
    VERSION,
    ConfigInvalid,
    DistrictSettings,
    Member,
    _key,
    _settings,
)
from kim_desktop.core.sync.keys import b64, key_id, own_keys, unb64
from kim_desktop.core.sync.signed import (
    canonical,  # stays importable from here: the signed form of every configuration
    open_envelope,
    read_bounded,
    seal_envelope,
    write_new,
)
from kim_desktop.core.sync.text import plain_lines, shown

# The document rules live in config_document.py and the signed form in signed.py; these names
# stay importable from here.
__all__ = [
    "DEFAULT_K",
    "DEFAULT_RETENTION_YEARS",
    "FORMAT",
    "MAX_K",
    "MAX_RETENTION_YEARS",
    "MIN_K",
    "VERSION",
    "ConfigInvalid",
    "DistrictSettings",
    "Member",
    "canonical",
]

# room for two logos of at most 512 KiB (base64 twice: in the document and the envelope)
MAX_FILE_BYTES = 4 * 1024 * 1024
# where a coordinator file keeps its logos for later exports (base64), by document field
LOGO_META = {"logo": "district_logo", "programme_logo": "district_programme_logo"}


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def current_settings(casefile: CaseFile) -> DistrictSettings | None:
    """The imported configuration (for a coordinator: the upstream, state-level one)."""
    with casefile.reading_session() as session:
        row = session.scalar(select(DistrictConfig).order_by(DistrictConfig.id.desc()))
        if row is None:
            return None
        try:
            return _settings(json.loads(bytes(row.document)))
        except (ConfigInvalid, ValueError, RecursionError):
            # Stored before configurations were validated strictly: refused, not a crash.
            raise RejectedInputError(
                "The district configuration in this file is not valid; import a new one "
                "(kim district import)."
            ) from None


def retention_years_in_force(casefile: CaseFile) -> int:
    """The retention years of the imported configuration, or the default (3) without one:
    what ``casework.list_retention`` counts with (casework does not read sync's documents)."""
    settings = current_settings(casefile)
    return settings.retention_years if settings is not None else DEFAULT_RETENTION_YEARS


def logos_in_force(casefile: CaseFile) -> tuple[bytes | None, bytes | None]:
    """The district's and the state programme's logo for this file's statistics report: a
    coordinator's from its own configuration (as last exported), a case manager's from the
    imported one."""
    if casefile.role == "coordinator":
        with casefile.reading_session() as session:  # the stored rows: an export may be new
            rows = session.scalars(select(Meta).where(Meta.key.in_(LOGO_META.values())))
            kept = {row.key: row.value for row in rows}
        district_logo, programme_logo = (kept.get(LOGO_META[name]) for name in LOGO_FIELDS)
        return (
            unb64(district_logo) if district_logo else None,
            unb64(programme_logo) if programme_logo else None,
        )
    settings = current_settings(casefile)
    return (settings.logo, settings.programme_logo) if settings else (None, None)


# -- coordinator: issue ------------------------------------------------------------------------


def export_config(
    casefile: CaseFile,
    out: Path | str,
    municipalities: list[str] | None = None,
    k: int | None = None,
    retention_years: int | None = None,
    controller: str | None = None,
    dpo: str | None = None,
    successor: pin.SuccessorCard | None = None,
    case_sheet_municipality: bool | None = None,
    texts: dict[str, Any] | None = None,
    logo: bytes | None = None,
    programme_logo: bytes | None = None,
) -> DistrictSettings:
    """Write this coordinator's signed configuration. Municipalities given are added to the
    file's list; the serial grows with each export. k, retention years, controller and
    data-protection officer given are kept for later exports (an empty text removes one);
    the team is the file's directory (core/sync/team.py): unrevoked members and revoked ids.
    With ``successor`` (a new coordinator's verified key card, ``team.read_card``) the
    configuration hands the district over to that coordinator's keys.
    ``case_sheet_municipality`` (kept; default off) lets case sheets name the municipality.
    ``texts``: the district's document texts by file name (``document_texts.read_folder``),
    kept for later exports like the controller; ``{}`` removes them. ``logo`` and
    ``programme_logo``: PNG or JPEG bytes (checked whole, core/sync/logos.py), kept; ``b""``
    removes one."""
    if casefile.role != "coordinator":
        raise UsageError("Only a coordinator's file issues a district configuration.")
    district = casefile.meta.get("district")
    if not district:
        raise UsageError("This coordinator file has no district; create it with --district.")
    out = Path(out)
    if out.exists():
        raise UsageError(f"{out}: the file already exists; choose another name.")
    keys = own_keys(casefile)
    assert keys.encryption_public is not None
    if texts is not None:
        try:
            texts = document_texts.validate_set(texts)
        except document_texts.TextInvalid as error:
            raise RejectedInputError(f"--texts: {error}") from None
    images = {"logo": logo, "programme_logo": programme_logo}
    for name, image in images.items():
        if image:
            try:
                logos.check_logo(image)
            except logos.LogoInvalid as problem:
                raise UsageError(f"{name}: {problem}") from None
    if successor is not None:  # refused before the serial moves on
        pin.check_successor(successor, district, keys.signing_public)
    with casefile.transaction() as session:
        known = list(session.scalars(select(Municipality.name)))
        for name in municipalities or []:
            name = name.strip()
            if name and name not in known:
                session.add(Municipality(name=name))
                known.append(name)
        if not known:
            raise UsageError("Name the district's municipalities with --municipality.")
        facts = {row.key: row.value for row in session.scalars(select(Meta))}
        serial = int(facts.get("district_serial", "0")) + 1
        chosen_k = k if k is not None else int(facts.get("district_k", DEFAULT_K))
        if not MIN_K <= chosen_k <= MAX_K:
            raise UsageError(
                f"k must lie between {MIN_K} and {MAX_K} (with k = 2 a suppressed cell could "
                "be worked out)."
            )
        chosen_years = (
            retention_years
            if retention_years is not None
            else int(facts.get("district_retention_years", DEFAULT_RETENTION_YEARS))
        )
        if not 1 <= chosen_years <= MAX_RETENTION_YEARS:
            raise UsageError(f"Retention years must lie between 1 and {MAX_RETENTION_YEARS}.")
        stored = {
            "district_serial": str(serial),
            "district_k": str(chosen_k),
            "district_retention_years": str(chosen_years),
        }
        for option, key, text, limit in (
            ("--controller", "district_controller", controller, MAX_CONTROLLER),
            ("--dpo", "district_dpo", dpo, MAX_DPO),
        ):
            if text is not None:
                stored[key] = _lines(text, option, limit)
        if case_sheet_municipality is not None:
            stored["district_case_sheet_municipality"] = "1" if case_sheet_municipality else "0"
        if texts is not None:
            stored["district_texts"] = json.dumps(texts, ensure_ascii=False, sort_keys=True)
        for name, image in images.items():
            if image is not None:
                stored[LOGO_META[name]] = b64(image) if image else ""
        for key, value in stored.items():
            existing = session.get(Meta, key)
            if existing is None:
                session.add(Meta(key=key, value=value))
            else:
                existing.value = value
        contacts = {
            name: text
            for name in ("controller", "dpo")
            if (text := stored.get(f"district_{name}", facts.get(f"district_{name}")))
        }
        kept_texts = json.loads(stored.get("district_texts", facts.get("district_texts", "{}")))
        kept_logos = {
            name: kept
            for name in LOGO_FIELDS
            if (kept := stored.get(LOGO_META[name], facts.get(LOGO_META[name])))
        }
        members = list(session.scalars(select(TeamMember).order_by(TeamMember.name)))
        team = [
            {
                "name": member.name,
                "role": member.role,
                "signing_key": b64(member.signing_key),
                **(
                    {"encryption_key": b64(member.encryption_key)}
                    if member.encryption_key is not None
                    else {}
                ),
            }
            for member in members
            if member.revoked_at is None
        ]
        revoked = sorted(member.key_id for member in members if member.revoked_at is not None)
        additions = [
            {"catalogue": row.catalogue, "code": row.code, "de": row.label_de, "en": row.label_en}
            for row in session.scalars(select(CatalogueAddition))
        ]
    document = {
        "format": FORMAT,
        "version": VERSION,
        "district": district,
        "level": "state" if casefile.meta.get("level") == "state" else "district",
        "municipalities": sorted(known),
        "catalogue_additions": additions,
        "k": chosen_k,
        "coordinator": {
            "name": casefile.owner,
            "signing_key": b64(keys.signing_public),
            "encryption_key": b64(keys.encryption_public),
        },
        "serial": serial,
        "issued_at": _now(),
        "team": team,
        "revoked": revoked,
        "retention_years": chosen_years,
        **contacts,
        **({"texts": kept_texts} if kept_texts else {}),
        **kept_logos,
    }
    # Written only when on, so a configuration without it reads as before.
    if (
        stored.get(
            "district_case_sheet_municipality", facts.get("district_case_sheet_municipality")
        )
        == "1"
    ):
        document["case_sheet_municipality"] = True
    if successor is not None:
        document = pin.introduce(document, successor, casefile.owner, keys.signing_public)
    write_new(out, seal_envelope(FORMAT, VERSION, document, keys.signing))
    return _settings(document)


def _lines(text: str, option: str, limit: int) -> str:
    """A controller or data-protection officer text as given (lines trimmed, blank lines at
    either end dropped); "" removes it. Refused when it would not be valid in the document."""
    value = "\n".join(line.strip() for line in text.strip().splitlines())
    if value and not plain_lines(value, limit, MAX_LINES):
        raise UsageError(
            f"{option}: at most {MAX_LINES} lines and {limit} characters of plain text."
        )
    return value


# -- case manager (or coordinator, for the state level): receive -------------------------------


def read_config_file(path: Path | str) -> bytes:
    """The bytes of a ``.kimdistrict`` file, read once (too large or missing: refused)."""
    return read_bounded(path, MAX_FILE_BYTES, "district configuration")


def _fits(signed: dict[str, Any]) -> bool:
    return signed.get("format") == FORMAT and signed.get("version") == VERSION


def verify_config(
    data: bytes, name: str, decode_logos: bool = True
) -> tuple[dict[str, Any], bytes, bytes]:
    """Parse and verify the bytes of a ``.kimdistrict`` file: (document, document bytes,
    signature). Logos are decoded whole unless ``decode_logos`` is off (their headers are
    checked always)."""
    document, body, signature = open_envelope(
        data, name, "district configuration", MAX_FILE_BYTES, _fits
    )
    try:
        # The signature first (a changed file says so), then every field strictly.
        named = pin.predecessor_key(document)  # a hand-over is signed by the predecessor
        signing_key = (
            _key(named, "predecessor.signing_key")
            if named is not None
            else _key(document["coordinator"]["signing_key"], "coordinator.signing_key")
        )
        Ed25519PublicKey.from_public_bytes(signing_key).verify(signature, body)
    except InvalidSignature:
        raise RejectedInputError(
            f"{name}: the signature does not match; the file was changed."
        ) from None
    except (ConfigInvalid, KeyError, TypeError, IndexError, ValueError, AttributeError):
        raise RejectedInputError(
            f"{name}: not a valid KIM district configuration (no coordinator key)."
        ) from None
    try:
        _settings(document, decode_logos)
        pin.check_predecessor(document)  # a hand-over's field, checked beside the settings
    except (ConfigInvalid, pin.PredecessorInvalid) as problem:
        raise RejectedInputError(
            f"{name}: not a valid KIM district configuration ({problem})."
        ) from None
    return document, body, signature


def read_config(path: Path | str) -> tuple[dict[str, Any], bytes, bytes]:
    """Parse and verify a ``.kimdistrict`` file: (document, document bytes, signature)."""
    return verify_config(read_config_file(path), Path(path).name)


@dataclass(frozen=True)
class CatalogueAdditionText:
    """A code the district adds to an extensible catalogue, with its German and English text."""

    catalogue: str
    code: str
    de: str
    en: str


@dataclass(frozen=True)
class ConfigPreview:
    """A verified configuration and what importing it into this file would do; nothing is
    written. The window shows it before asking for the fingerprint comparison."""

    settings: DistrictSettings
    catalogue_additions: tuple[CatalogueAdditionText, ...]
    pins_new_key: bool  # no configuration yet: its coordinator key is pinned by the import
    name: str
    body: bytes = field(repr=False)
    signature: bytes = field(repr=False)
    pin_step: pin.PinStep | None = None  # what the import does to the pinned key

    @property
    def fingerprint(self) -> str:
        return self.settings.fingerprint

    @property
    def district(self) -> str:
        return self.settings.district

    @property
    def municipalities(self) -> tuple[str, ...]:
        return self.settings.municipalities

    @property
    def k(self) -> int:
        return self.settings.k

    @property
    def serial(self) -> int:
        return self.settings.serial


def _check_against_file(
    session: Session,
    casefile: CaseFile,
    document: dict[str, Any],
    name: str,
    typed_fingerprint: str | None = None,
) -> tuple[DistrictSettings, tuple[CatalogueAdditionText, ...], pin.PinStep]:
    """The rules between a verified configuration and this file: (settings, catalogue
    additions, what it does to the pinned coordinator key). Reads only."""
    settings = _settings(document)
    history = [
        pin.imported(bytes(row.document), bytes(row.coordinator_signing_key), row.serial)
        for row in session.scalars(select(DistrictConfig).order_by(DistrictConfig.id))
    ]
    named = pin.predecessor_key(document)
    step = pin.check(
        history,
        signer=unb64(named) if named is not None else settings.coordinator_signing_key,
        coordinator=settings.coordinator_signing_key,
        serial=settings.serial,
        introduction=named is not None,
        typed=typed_fingerprint,
        name=name,
    )
    additions: list[CatalogueAdditionText] = []
    if casefile.role == "casemanager":
        own_district = casefile.meta.get("district")
        if own_district and own_district != settings.district:
            raise RejectedInputError(
                f"{name}: a configuration of another district ({shown(settings.district)}); "
                f"this file belongs to {shown(own_district)}."
            )
        base = cat.base_catalogues()
        for addition in document.get("catalogue_additions", []):
            catalogue = base.get(addition["catalogue"])
            if catalogue is None or not catalogue.extensible:
                raise RejectedInputError(
                    f"{name}: catalogue '{shown(addition['catalogue'])}' cannot be extended."
                )
            if addition["code"] not in catalogue:
                additions.append(
                    CatalogueAdditionText(
                        addition["catalogue"], addition["code"], addition["de"], addition["en"]
                    )
                )
    return settings, tuple(additions), step


def preview_config(
    casefile: CaseFile, data: bytes, name: str, typed_fingerprint: str | None = None
) -> ConfigPreview:
    """Verify a configuration and check it against this file exactly as ``import_config``
    does, writing nothing. Raises ``RejectedInputError`` where the import would
    (``pin.ResetNeeded`` for another coordinator key without ``typed_fingerprint``).
    Logos are checked from their headers only: the window asks this on its own thread, and a
    whole decode of two large images takes longer than that may; the import decodes them."""
    document, body, signature = verify_config(data, name, decode_logos=False)
    with casefile.reading_session() as session:
        settings, additions, step = _check_against_file(
            session, casefile, document, name, typed_fingerprint
        )
    return ConfigPreview(settings, additions, step.kind == pin.FIRST, name, body, signature, step)


def import_config_data(
    casefile: CaseFile, data: bytes, name: str, typed_fingerprint: str | None = None
) -> DistrictSettings:
    """Take the bytes of a signed configuration into this file, all or nothing (the checks
    of ``preview_config`` run again inside the write transaction)."""
    return import_config_step(casefile, data, name, typed_fingerprint)[0]


def import_config_step(
    casefile: CaseFile, data: bytes, name: str, typed_fingerprint: str | None = None
) -> tuple[DistrictSettings, pin.PinStep]:
    """``import_config_data`` that also says what the import did to the pinned key."""
    document, body, signature = verify_config(data, name)
    with casefile.transaction() as session:
        settings, additions, step = _check_against_file(
            session, casefile, document, name, typed_fingerprint
        )
        if step.changes_key:  # the re-pin itself is audited (key ids only, never names)
            entity = (
                "coordinator_key_replaced"
                if step.kind == pin.SUCCESSOR
                else ("coordinator_key_reset")
            )
            audit.add_entry(session, casefile.owner, "import", entity, key_id(step.new_key))
        if casefile.role == "casemanager":
            if not casefile.meta.get("district"):
                session.add(Meta(key="district", value=settings.district))
            known = set(session.scalars(select(Municipality.name)))
            for municipality in settings.municipalities:
                if municipality not in known:
                    session.add(Municipality(name=municipality))
            session.execute(delete(CatalogueAddition))
            for addition in additions:
                session.add(
                    CatalogueAddition(
                        catalogue=addition.catalogue,
                        code=addition.code,
                        label_de=addition.de,
                        label_en=addition.en,
                    )
                )
        session.add(
            DistrictConfig(
                document=body,
                signature=signature,
                coordinator_signing_key=settings.coordinator_signing_key,
                serial=settings.serial,
                imported_at=_now(),
            )
        )
    if casefile.role == "casemanager" and not casefile.meta.get("district"):
        casefile.meta["district"] = settings.district
    return settings, step


def import_config(
    casefile: CaseFile, path: Path | str, typed_fingerprint: str | None = None
) -> DistrictSettings:
    """Take a signed ``.kimdistrict`` file into this file, all or nothing."""
    return import_config_data(casefile, read_config_file(path), Path(path).name, typed_fingerprint)


def preload_district(casefile: CaseFile, current: policy.Policy) -> str | None:
    """Import the policy's district configuration into a new case-manager file. Returns a
    problem message (naming the key) when that is not possible and the file stays usable;
    when the key is locked, raises instead (the caller removes the new file)."""
    if casefile.role != "casemanager":
        return None
    if current.locked_but_broken(policy.DISTRICT_CONFIG):  # never a file without it
        raise RejectedInputError(
            f"policy key '{policy.DISTRICT_CONFIG}' is locked but its value is not usable; "
            "no file was made."
        )
    source = current.values.get(policy.DISTRICT_CONFIG)
    if source is None:
        return None
    try:
        import_config(casefile, source)
    except (KimError, OSError) as error:
        reason = error.message if isinstance(error, KimError) else (error.strerror or "")
        problem = (
            f"policy key '{policy.DISTRICT_CONFIG}': {source} could not be imported "
            f"({reason or type(error).__name__})"
        )
        if current.is_locked(policy.DISTRICT_CONFIG):
            raise RejectedInputError(
                f"{problem}; the policy requires it, so no file was made."
            ) from None
        return f"{problem}; import it later by hand."
    return None


def policy_district(current: policy.Policy) -> str | None:
    """The district named by the policy's district configuration (verified), for the new-file
    assistant to fill in; None when the policy names none or it cannot be read (creating the
    file then says why)."""
    source = current.values.get(policy.DISTRICT_CONFIG)
    if source is None:
        return None
    try:
        return _settings(read_config(source)[0]).district
    except (KimError, OSError, ConfigInvalid, KeyError, TypeError, ValueError):
        return None
