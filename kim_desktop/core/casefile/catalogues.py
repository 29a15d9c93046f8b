"""Catalogue codes and their labels. The data lives in ``data/catalogues.json``; a district
configuration may add codes to the extensible catalogues (stored in the case file)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

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

NATIONALITY_SPECIAL = ("stateless", "unknown")


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
    """ISO 3166-1 alpha-2 codes plus the special values ``stateless`` and ``unknown``."""
    return frozenset(c.alpha_2 for c in pycountry.countries) | set(NATIONALITY_SPECIAL)


def nationality_label(code: str, language: str = "de") -> str:
    if code == "stateless":
        return "staatenlos" if language == "de" else "stateless"
    if code == "unknown":
        return "unbekannt" if language == "de" else "unknown"
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    name = getattr(country, "common_name", None) or country.name
    if language == "de":
        import gettext

        try:
            german = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
            return german.gettext(name)
        except OSError:
            return name
    return name


def file_catalogues(conn: Connection) -> dict[str, Catalogue]:
    """The catalogues of this file: the built-in codes plus the district's additions."""
    additions = [
        Addition(row.catalogue, row.code, row.label_de, row.label_en)
        for row in conn.execute(
            text("SELECT catalogue, code, label_de, label_en FROM catalogue_additions")
        )
    ]
    return catalogues_with(additions)
