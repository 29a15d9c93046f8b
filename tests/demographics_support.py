"""Shared by the demographics tests: minimal case files built through the interchange import,
a district office, and the attacker's arithmetic (what a coordinator can work out from the
published cells, docs/bundle-format.md §7)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conftest import PASSPHRASE

from kim_desktop.core import interchange
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.figures import cellkey
from kim_desktop.core.sync import district


@dataclass(frozen=True)
class Person:
    municipality: str
    opened_on: str
    gender: str
    birth_date: str
    nationality: str
    residence_status: str

    def code(self, dimension: str, end: Any) -> str:
        if dimension == "age_band":
            import datetime as dt

            return cellkey.age_band(dt.date.fromisoformat(self.birth_date), end)
        return str(getattr(self, dimension))


def document(owner: str, persons: Sequence[Person], prefix: str) -> dict[str, Any]:
    """An interchange document: each person alone in one case-management case."""
    return {
        "format": "kim-casefile",
        "version": 1,
        "owner": owner,
        "municipalities": sorted({p.municipality for p in persons}),
        "clients": [
            {
                "id": f"{prefix}-kl-{i}",
                "family_name": f"Person {prefix} {i}",
                "birth_date": p.birth_date,
                "gender": p.gender,
                "nationality": p.nationality,
                "residence_status": p.residence_status,
            }
            for i, p in enumerate(persons)
        ],
        "cases": [
            {
                "id": f"{prefix}-fa-{i}",
                "municipality": p.municipality,
                "track": "case_management",
                "opened_on": p.opened_on,
                "members": [{"client_id": f"{prefix}-kl-{i}", "role": "primary"}],
                "phase": "intake",
            }
            for i, p in enumerate(persons)
        ],
        "appointments": [],
        "assessments": [],
        "goals": [],
        "referrals": [],
        "consents": [],
        "structural_gaps": [],
    }


def coordinator_file(
    folder: Path, name: str, municipalities: list[str], k: int = 3
) -> tuple[Path, Path]:
    path = folder / f"{name}.kim"
    config = folder / f"{name}.kimdistrict"
    with CaseFile.create(
        path, PASSPHRASE, role="coordinator", owner=f"Koordination {name}", district=name
    ) as casefile:
        district.export_config(casefile, config, municipalities, k=k)
    return path, config


def manager_file(
    folder: Path,
    name: str,
    config: Path,
    persons: Sequence[Person],
    then: Callable[[CaseFile], Any] | None = None,
) -> Path:
    """A case manager's file with these persons; ``then`` runs on it while it is open."""
    path = folder / f"{name}.kim"
    with CaseFile.create(path, PASSPHRASE, role="casemanager", owner=name) as casefile:
        interchange.import_document(casefile, document(name, persons, name), "test")
        district.import_config(casefile, config)
        if then is not None:
            then(casefile)
    return path


# -- the attacker -------------------------------------------------------------------------------


def support(n: int, k: int) -> list[int]:
    return [value for value, _ in cellkey.distribution(n, k)]


def key_for(n: int, value: int, k: int) -> int:
    """A cell key with which a true count ``n`` is published as ``value``."""
    cumulative = 0.0
    for candidate, probability in cellkey.distribution(n, k):
        if candidate == value:
            return math.ceil(cumulative * cellkey.KEY_SPACE) % cellkey.KEY_SPACE
        cumulative += float(probability)
    raise ValueError("not in the row")


def compositions(total: int, parts: int) -> Iterator[tuple[int, ...]]:
    if parts == 1:
        yield (total,)
        return
    for first in range(total + 1):
        for rest in compositions(total - first, parts - 1):
            yield (first, *rest)


def _bounded(
    total: int, bounds: Sequence[tuple[int, int]], prefix: tuple[int, ...] = ()
) -> Iterator[tuple[int, ...]]:
    if len(prefix) == len(bounds) - 1:
        low, high = bounds[-1]
        if low <= total <= high:
            yield (*prefix, total)
        return
    low, high = bounds[len(prefix)]
    rest_low = sum(b[0] for b in bounds[len(prefix) + 1 :])
    rest_high = sum(b[1] for b in bounds[len(prefix) + 1 :])
    for value in range(low, min(high, total) + 1):
        if rest_low <= total - value <= rest_high:
            yield from _bounded(total - value, bounds, (*prefix, value))


def withheld_possible(table: Iterable[int], k: int) -> bool:
    """Could these true counts have been published as an extreme (withheld) dimension?"""
    cells = list(table)
    if sum(cells) == 0:
        return False
    lows = all(any(cellkey.preimage(v, k)[0] == n for v in support(n, k)) for n in cells)
    highs = all(any(cellkey.preimage(v, k)[1] == n for v in support(n, k)) for n in cells)
    return lows or highs


def consistent_tables(
    published: Mapping[str, int | None], universe: Sequence[str], total: int, k: int
) -> list[tuple[int, ...]]:
    """Every true table over ``universe`` with this total that the table could have published
    as ``published`` (a code not listed was published as 0; all ``None``: withheld)."""
    cells = {c: v for c, v in published.items() if c != cellkey.SUPPRESSED_KEY}
    if (cells and all(v is None for v in cells.values())) or (
        not cells and published.get(cellkey.SUPPRESSED_KEY)
    ):
        return [t for t in compositions(total, len(universe)) if withheld_possible(t, k)]
    bounds = [cellkey.preimage(int(cells.get(code) or 0), k) for code in universe]
    return list(_bounded(total, bounds))


def group_values(tables: Iterable[tuple[int, ...]], index: int, size: int, total: int) -> set[int]:
    """The values a part of ``size`` persons (a municipality, a quarter) can hold in one cell
    when only the whole's cells are known: a two-way table with fixed margins reaches every
    value between max(0, size + n - total) and min(size, n)."""
    values: set[int] = set()
    for table in tables:
        n = table[index]
        values.update(range(max(0, size + n - total), min(size, n) + 1))
    return values


def minkowski(sets: Iterable[set[int]]) -> set[int]:
    result = {0}
    for values in sets:
        result = {a + b for a, b in itertools.product(result, values)}
    return result
