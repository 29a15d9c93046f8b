"""Catalogue codes and their labels. The data lives in ``data/catalogues.json``; a district
configuration may add codes to the extensible catalogues (stored in the case file)."""

from __future__ import annotations

import gettext
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import pycountry
from sqlalchemy import Connection, text

# Catalogue names, as keys of catalogues.json.
THEMES = "themes"
LIFE_AREAS = "life_areas"
REFERRAL_TARGETS = "referral_targets"
OTHER_WORK_TYPES = "other_work_types"
CHANNELS = "channels"
RESIDENCE_STATUS = "residence_status"
CLOSURE_REASONS = "closure_reasons"
GOAL_STATUS = "goal_status"
AGE_BANDS = "age_bands"
GENDERS = "genders"
TRACKS = "tracks"
PHASES = "phases"
APPOINTMENT_KINDS = "appointment_kinds"
INTERPRETER = "interpreter"
REFERRAL_OUTCOMES = "referral_outcomes"
CONSENT_KINDS = "consent_kinds"
MEMBER_ROLES = "member_roles"
GAP_STATUS = "gap_status"

# Nationalities beside ISO 3166-1: no state, not (yet) determined, not known.
NATIONALITY_SPECIAL = ("stateless", "unresolved", "unknown")
# Kosovo has no ISO 3166-1 code; German authorities and the EU use the user-assigned XK.
KOSOVO = "XK"
# Who sent a client to case management, besides the referral targets: they came themselves.
SELF_REFERRAL = "self_referral"
_SPECIAL_LABELS = {
    "stateless": {"de": "staatenlos", "en": "stateless"},
    "unresolved": {"de": "ungeklärt", "en": "unresolved"},
    "unknown": {"de": "unbekannt", "en": "unknown"},
    KOSOVO: {"de": "Kosovo", "en": "Kosovo"},
}


@dataclass(frozen=True)
class Entry:
    code: str
    de: str
    en: str

    def label(self, language: str = "de") -> str:
        return self.en if language == "en" else self.de


@dataclass(frozen=True)
class Catalogue:
    name: str
    extensible: bool
    entries: tuple[Entry, ...]
    _index: Mapping[str, Entry] = field(default_factory=dict, compare=False, repr=False)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(e.code for e in self.entries)

    def __contains__(self, code: object) -> bool:
        return code in self._index

    def label(self, code: str, language: str = "de") -> str:
        entry = self._index.get(code)
        return entry.label(language) if entry else code


def _make(name: str, extensible: bool, entries: Iterable[Entry]) -> Catalogue:
    entries = tuple(entries)
    return Catalogue(name, extensible, entries, {e.code: e for e in entries})


@cache
def base_catalogues() -> dict[str, Catalogue]:
    """The catalogues of DESIGN.md section 5, as shipped."""
    raw = json.loads(
        resources.files("kim_desktop.core.casefile")
        .joinpath("data/catalogues.json")
        .read_text("utf-8")
    )
    result: dict[str, Catalogue] = {}
    for name, spec in raw.items():
        if name.startswith("_"):
            continue
        entries = (
            Entry(code, labels["de"], labels["en"]) for code, labels in spec["codes"].items()
        )
        result[name] = _make(name, bool(spec["extensible"]), entries)
    return result


@dataclass(frozen=True)
class Addition:
    catalogue: str
    code: str
    de: str
    en: str


def catalogues_with(additions: Iterable[Addition]) -> dict[str, Catalogue]:
    """Base catalogues extended by the additions of a district configuration."""
    merged = dict(base_catalogues())
    extra: dict[str, list[Entry]] = {}
    for add in additions:
        base = merged.get(add.catalogue)
        if base is None or not base.extensible or add.code in base:
            continue
        extra.setdefault(add.catalogue, []).append(Entry(add.code, add.de, add.en))
    for name, entries in extra.items():
        base = merged[name]
        merged[name] = _make(name, True, (*base.entries, *entries))
    return merged


@cache
def nationality_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes, ``XK`` (Kosovo) and ``stateless``/``unresolved``/``unknown``."""
    iso = {c.alpha_2 for c in pycountry.countries}
    return frozenset(iso | {KOSOVO} | set(NATIONALITY_SPECIAL))


def nationality_label(code: str, language: str = "de") -> str:
    if code in _SPECIAL_LABELS:
        return _SPECIAL_LABELS[code]["de" if language == "de" else "en"]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    name = getattr(country, "common_name", None) or country.name
    if language == "de":
        return _german("iso3166-1").gettext(name)
    return name


@cache
def _german(domain: str) -> gettext.NullTranslations:
    try:
        return gettext.translation(domain, pycountry.LOCALES_DIR, languages=["de"])
    except OSError:
        return gettext.NullTranslations()


def _language(code: str) -> Any:
    found = pycountry.languages.get(alpha_2=code) if len(code) == 2 else None
    return found or (pycountry.languages.get(alpha_3=code) if len(code) == 3 else None)


def is_language_code(code: object) -> bool:
    """ISO 639-1, or ISO 639-3 where a language has no 639-1 code (the interchange rule)."""
    if not isinstance(code, str) or not code.isascii() or not code.islower():
        return False
    found = _language(code)
    if found is None:
        return False
    return len(code) == 2 or getattr(found, "alpha_2", None) is None


def language_label(code: str, language: str = "de") -> str:
    """ "Arabisch (ar)" for an ISO 639 code; the code itself when it names no language."""
    found = _language(code)
    if found is None:
        return code
    name = _german("iso639-3").gettext(found.name) if language == "de" else found.name
    return f"{name} ({code})"


def referred_by_codes(catalogues: Mapping[str, Catalogue]) -> tuple[str, ...]:
    """What a case's ``referred_by`` may hold: the file's referral targets or self-referral."""
    return (SELF_REFERRAL, *catalogues[REFERRAL_TARGETS].codes)


def referred_by_label(code: str, catalogues: Mapping[str, Catalogue], language: str = "de") -> str:
    if code == SELF_REFERRAL:
        return "Eigeninitiative (selbst gekommen)" if language == "de" else "Self-referral"
    return catalogues[REFERRAL_TARGETS].label(code, language)


def file_catalogues(conn: Connection) -> dict[str, Catalogue]:
    """The catalogues of this file: the built-in codes plus the district's additions."""
    additions = [
        Addition(row.catalogue, row.code, row.label_de, row.label_en)
        for row in conn.execute(
            text("SELECT catalogue, code, label_de, label_en FROM catalogue_additions")
        )
    ]
    return catalogues_with(additions)
