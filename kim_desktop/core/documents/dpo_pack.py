"""The facts behind the papers for the data-protection officer (issue 14; docs/dpo-pack.md):
the record of processing activities (Art. 30 DSGVO), the technical and organisational
measures (Art. 32) and the deletion concept.

Every number is taken from where the program uses it — the key derivation's parameters
(``rawfile.KDF_PARAMETERS`` of the file's format), what SQLCipher applies to this very file
(read back, ``casefile/cipher.py``), the policy's bounds and the policy in force on this
machine, the log rotation, the bundle construction (``sync/wire.py``), the perturbation
(``figures/cellkey.py``), the district configuration in force, the retention rules — never
typed in a second time. The result is plain data; ``reports/dpo_pack.py`` prints it. Names of
clients never enter it: the only persons named are the controller, the data-protection
officer and the file's owner, as the district configuration and the file name them."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy import select

from kim_desktop import __version__
from kim_desktop.core import casework
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile import cipher, rawfile, recovery
from kim_desktop.core.casefile.models import Meta
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework import retention
from kim_desktop.core.documents import dpo_categories, dpo_erasure
from kim_desktop.core.figures import cellkey, personal_data
from kim_desktop.core.platform import logs, policy
from kim_desktop.core.sync import district, handover, keys, wire

# File names of the three papers (ASCII: they travel by mail and on USB sticks).
RECORD_PDF = "Verzeichnis-Verarbeitungstaetigkeiten.pdf"
TOM_PDF = "TOM-Art32.pdf"
DELETION_PDF = "Loeschkonzept.pdf"
PAPERS = (RECORD_PDF, TOM_PDF, DELETION_PDF)


@dataclass(frozen=True)
class KeyDerivation:
    algorithm: str
    format_version: int
    memory_kib: int
    iterations: int
    lanes: int
    key_bits: int
    salt_bytes: int


@dataclass(frozen=True)
class Encryption:
    """SQLCipher as it runs on this file (values as SQLCipher reports them)."""

    sqlcipher_version: str
    provider: str
    cipher: str
    page_size: int
    hmac: bool
    hmac_algorithm: str
    kdf_algorithm: str  # SQLCipher's own, not applied to our raw key
    kdf_iterations: int  # likewise (SQLCipher's default, unused with a raw key)
    hmac_kdf_iterations: int  # PBKDF2 rounds SQLCipher derives the page-HMAC key with
    plaintext_header_bytes: int
    secure_delete: bool
    temp_store_memory: bool
    journal_mode: str
    synchronous_full: bool
    foreign_keys: bool
    file_mode: str


@dataclass(frozen=True)
class Access:
    """Locking and passphrase rules: built-in defaults, bounds, and this machine's policy."""

    auto_lock_default: int
    auto_lock_range: tuple[int, int]
    auto_lock_policy: int | None  # the machine-wide policy's value, if it sets one
    auto_lock_locked: bool
    min_passphrase_default: int
    passphrase_range: tuple[int, int]
    min_passphrase_policy: int | None
    min_passphrase_locked: bool
    policy_file: str | None  # where the policy in force was read (None: no policy)


@dataclass(frozen=True)
class Logging:
    max_bytes: int
    backups: int
    own_level: str
    library_level: str


@dataclass(frozen=True)
class Statistics:
    """What protects the figures that leave a case manager's laptop."""

    k: int
    default_k: int
    k_range: tuple[int, int]
    deviation: int  # a count of at least k moves by at most this much
    deviation_bound: int  # the largest change of any published count with this k
    min_name_length: int  # names shorter than this are not searched in gap texts


@dataclass(frozen=True)
class BundleConstruction:
    magic: str
    signature: str
    signature_bytes: int
    key_agreement: str
    public_key_bytes: int
    key_derivation: str
    aead: str
    aead_key_bits: int
    nonce_bytes: int
    max_bundle_mib: int
    fingerprint_digits: int


@dataclass(frozen=True)
class RecoveryFacts:
    """The recovery key (core/casefile/recovery.py) and whether this file has one."""

    key_id: str | None  # this file's recovery key, if one was created
    created: str | None
    entropy_bits: int
    groups: int
    characters_per_group: int  # with the check character
    derivation: str
    seal: str
    sidecar_suffix: str


@dataclass(frozen=True)
class HandoverFacts:
    """Handing cases to a colleague (core/sync/handover.py)."""

    magic: str
    kdf_info: str


@dataclass(frozen=True)
class Configuration:
    """The district configuration in force in this file (a coordinator: the one it issues)."""

    present: bool  # False: none imported (issued); the defaults apply
    serial: int | None
    municipalities: int
    k: int
    retention_years: int
    controller: str | None
    dpo: str | None


@dataclass(frozen=True)
class Recipient:
    name: str
    data: str
    condition: str


@dataclass(frozen=True)
class RetentionRule:
    reason: str  # retention.py's reason code
    what: str
    due: str


@dataclass(frozen=True)
class DpoPack:
    issued_on: dt.date
    version: str
    role: str
    owner: str
    district: str | None
    configuration: Configuration
    key_derivation: KeyDerivation
    encryption: Encryption
    access: Access
    logging: Logging
    statistics: Statistics
    bundle: BundleConstruction
    recovery: RecoveryFacts
    handover: HandoverFacts
    data_categories: tuple[dpo_categories.DataCategory, ...]
    unclassified: tuple[str, ...]
    special_categories: tuple[dpo_categories.SpecialCategory, ...]
    referral_targets: tuple[str, ...]  # German labels of the file's catalogue
    recipients: tuple[Recipient, ...]
    retention_rules: tuple[RetentionRule, ...]
    retention_range: tuple[int, int]  # what a district configuration may set
    soon_days: int
    erasure: dpo_erasure.ErasureProcedure


def key_derivation(casefile: CaseFile) -> KeyDerivation:
    version = int(casefile.meta.get("format_version", rawfile.CURRENT_FORMAT))
    params = rawfile.KDF_PARAMETERS[version]
    return KeyDerivation(
        "Argon2id",
        version,
        params.memory_kib,
        params.iterations,
        params.lanes,
        rawfile.KEY_BYTES * 8,
        rawfile.SALT_BYTES,
    )


def encryption(casefile: CaseFile) -> Encryption:
    applied = cipher.applied_settings(casefile)
    c, p = applied.cipher, applied.connection
    return Encryption(
        sqlcipher_version=c["cipher_version"],
        provider=c["cipher_provider"],
        cipher=c["cipher"],
        page_size=int(c["cipher_page_size"]),
        hmac=c["cipher_use_hmac"] == "1",
        hmac_algorithm=c["cipher_hmac_algorithm"],
        kdf_algorithm=c["cipher_kdf_algorithm"],
        kdf_iterations=int(c["kdf_iter"]),
        hmac_kdf_iterations=int(c["fast_kdf_iter"]),
        plaintext_header_bytes=int(c["cipher_plaintext_header_size"]),
        secure_delete=p["secure_delete"] == "1",
        temp_store_memory=p["temp_store"] == "2",  # SQLite: 2 = MEMORY
        journal_mode=p["journal_mode"].upper(),
        synchronous_full=p["synchronous"] == "2",  # SQLite: 2 = FULL
        foreign_keys=p["foreign_keys"] == "1",
        file_mode=applied.file_mode,
    )


def access(current: policy.Policy) -> Access:
    return Access(
        auto_lock_default=int(policy.BUILT_IN[policy.AUTO_LOCK_MINUTES]),
        auto_lock_range=policy.AUTO_LOCK_RANGE,
        auto_lock_policy=current.values.get(policy.AUTO_LOCK_MINUTES),
        auto_lock_locked=current.is_locked(policy.AUTO_LOCK_MINUTES),
        min_passphrase_default=policy.DEFAULT_MIN_PASSPHRASE_LENGTH,
        passphrase_range=policy.PASSPHRASE_RANGE,
        min_passphrase_policy=current.values.get(policy.MIN_PASSPHRASE_LENGTH),
        min_passphrase_locked=current.is_locked(policy.MIN_PASSPHRASE_LENGTH),
        policy_file=str(current.source) if current.source is not None else None,
    )


def logging_facts() -> Logging:
    return Logging(
        logs.MAX_BYTES,
        logs.BACKUPS,
        logging.getLevelName(logging.INFO),
        logging.getLevelName(logging.WARNING),
    )


def bundle_construction() -> BundleConstruction:
    # Sizes as the library makes them (what the wire format checks), not typed in.
    ephemeral = X25519PrivateKey.generate().public_key()
    public_bytes = len(ephemeral.public_bytes(Encoding.Raw, PublicFormat.Raw))
    signature_bytes = len(Ed25519PrivateKey.generate().sign(wire.MAGIC))
    digits = sum(ch.isdigit() for ch in keys.fingerprint(bytes(public_bytes)))
    return BundleConstruction(
        magic=wire.MAGIC.decode("ascii"),
        signature="Ed25519",
        signature_bytes=signature_bytes,
        key_agreement="X25519",
        public_key_bytes=public_bytes,
        key_derivation="HKDF-SHA256",
        aead=f"AES-{wire.AEAD_KEY_BYTES * 8}-GCM",
        aead_key_bits=wire.AEAD_KEY_BYTES * 8,
        nonce_bytes=wire.NONCE_BYTES,
        max_bundle_mib=wire.MAX_BUNDLE_BYTES // 1024**2,
        fingerprint_digits=digits,
    )


def recovery_facts(casefile: CaseFile) -> RecoveryFacts:
    with casefile.reading_session() as session:
        stored = {
            row.key: row.value
            for row in session.scalars(
                select(Meta).where(Meta.key.in_([recovery.META_KEY_ID, recovery.META_CREATED]))
            )
        }
    return RecoveryFacts(
        key_id=stored.get(recovery.META_KEY_ID),
        created=stored.get(recovery.META_CREATED),
        entropy_bits=recovery.ENTROPY_BITS,
        groups=recovery.GROUPS,
        characters_per_group=recovery.GROUP_LENGTH,
        derivation="HKDF-SHA256 → X25519",
        seal="X25519 (Einmalschlüssel), HKDF-SHA256, ChaCha20-Poly1305",
        sidecar_suffix=recovery.SUFFIX,
    )


def handover_facts() -> HandoverFacts:
    return HandoverFacts(
        magic=handover.MAGIC.decode("ascii"), kdf_info=handover.HKDF_INFO.decode("ascii")
    )


def configuration(casefile: CaseFile) -> Configuration:
    """A case manager's imported configuration (``retention_years_in_force``), or what a
    coordinator's file issues (its stored k, retention, controller and DPO)."""
    if casefile.role == "coordinator":
        # Read from the table: ``casefile.meta`` holds what was there when the file opened.
        with casefile.reading_session() as session:
            meta = {row.key: row.value for row in session.scalars(select(Meta))}
        serial = meta.get("district_serial")
        return Configuration(
            present=serial is not None,
            serial=int(serial) if serial is not None else None,
            municipalities=len(casework.list_municipalities(casefile)),
            k=int(meta.get("district_k", district.DEFAULT_K)),
            retention_years=int(
                meta.get("district_retention_years", district.DEFAULT_RETENTION_YEARS)
            ),
            controller=meta.get("district_controller") or None,
            dpo=meta.get("district_dpo") or None,
        )
    settings = district.current_settings(casefile)
    years = district.retention_years_in_force(casefile)
    if settings is None:
        return Configuration(False, None, 0, district.DEFAULT_K, years, None, None)
    return Configuration(
        True,
        settings.serial,
        len(settings.municipalities),
        settings.k,
        years,
        settings.controller,
        settings.dpo,
    )


def statistics(k: int) -> Statistics:
    return Statistics(
        k=k,
        default_k=district.DEFAULT_K,
        k_range=(district.MIN_K, district.MAX_K),
        deviation=cellkey.DEVIATION,
        deviation_bound=cellkey.deviation_bound(k),
        min_name_length=personal_data.MIN_NAME_LENGTH,
    )


def recipients(district_name: str | None) -> tuple[Recipient, ...]:
    office = "Koordinierungsstelle KIM" + (f" ({district_name})" if district_name else "")
    return (
        Recipient(
            office,
            "anonymisierte Kennzahlen je Kommune und Zeitraum; Demografie nur für das ganze "
            "Gebiet und abgeschlossene Kalenderjahre, gestört; geprüfte Strukturlücken",
            "keine personenbezogenen Daten; Datei signiert und nur für die Stelle verschlüsselt",
        ),
        Recipient(
            "Landesebene",
            "Kennzahlen des Kreises als Summe der Bündel (gleiches Format)",
            "keine personenbezogenen Daten",
        ),
        Recipient(
            "Stellen der Verweisberatung (Katalog unten)",
            "die für die Verweisung nötigen Angaben",
            "nur mit Einwilligung in die Datenübermittlung an genau diese Stelle; die "
            "Übermittlung geschieht außerhalb des Programms",
        ),
        Recipient(
            "Kolleg:innen des Teams (Fallübergabe)",
            "alle Datensätze der übergebenen Fälle und ihrer Klient:innen",
            "nur an eingetragene, nicht widerrufene Teammitglieder des Kreises; Datei "
            "signiert und nur für die Empfänger:in verschlüsselt; die Einwilligung in die "
            "Dokumentation wird vorher geprüft",
        ),
        Recipient(
            "die betroffene Person selbst",
            "Kopie aller zu ihr gespeicherten Daten (Art. 15 DSGVO), PDF und JSON",
            "auf Antrag; Freitexte erst nach Prüfung auf Dritte (Art. 15 Abs. 4 DSGVO)",
        ),
    )


def retention_rules(years: int) -> tuple[RetentionRule, ...]:
    return (
        RetentionRule(
            retention.CASE_CLOSED,
            "abgeschlossener Fall mit Terminen, Einschätzungen, Zielen, Verweisungen, "
            "Phasenverlauf und Notizen",
            f"{years} Jahre nach dem Abschlussdatum (gleicher Kalendertag)",
        ),
        RetentionRule(
            retention.ALL_CASES_DUE,
            "Klient:in ohne offenen Fall, deren Fälle alle fällig sind",
            "mit dem zuletzt fälligen Fall",
        ),
        RetentionRule(
            retention.COVER_ENDED,
            "Arbeitskopie eines Falls, der zur Vertretung übergeben wurde (bei der Vertretung)",
            "am Tag nach dem Ende der Vertretung oder mit der Rückgabe an die fallführende Person",
        ),
        RetentionRule(
            retention.CONSENT_WITHDRAWN,
            "Klient:in nach Widerruf der Einwilligung in die Dokumentation (ohne neue "
            "Einwilligung)",
            "sofort, am Tag des Widerrufs (außer eine gesetzliche Pflicht verlangt die "
            "Aufbewahrung: dann Einschränkung)",
        ),
    )


def gather(casefile: CaseFile, issued_on: dt.date, current: policy.Policy) -> DpoPack:
    """Everything the three papers state, for this file on this machine (reads only)."""
    config = configuration(casefile)
    catalogues = casework.catalogues_of(casefile)
    district_name = casefile.meta.get("district") or None
    targets = catalogues[cat.REFERRAL_TARGETS]
    return DpoPack(
        issued_on=issued_on,
        version=__version__,
        role=casefile.role,
        owner=casefile.owner,
        district=district_name,
        configuration=config,
        key_derivation=key_derivation(casefile),
        encryption=encryption(casefile),
        access=access(current),
        logging=logging_facts(),
        statistics=statistics(config.k),
        bundle=bundle_construction(),
        recovery=recovery_facts(casefile),
        handover=handover_facts(),
        data_categories=dpo_categories.DATA_CATEGORIES,
        unclassified=dpo_categories.unclassified(),
        special_categories=dpo_categories.special_categories(catalogues),
        referral_targets=tuple(targets.label(code) for code in targets.codes),
        recipients=recipients(district_name),
        retention_rules=retention_rules(config.retention_years),
        retention_range=(1, district.MAX_RETENTION_YEARS),
        soon_days=retention.DEFAULT_SOON_DAYS,
        erasure=dpo_erasure.erasure_procedure(),
    )
