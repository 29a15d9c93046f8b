"""Cell-key perturbation of the demographic marginals (DESIGN.md section 7, "Useful and safe
demographics"; the reasoning, the threat model and the measured numbers are in
docs/bundle-format.md section 7).

A bundle carries the demographics of the sender's whole area (all its municipalities
together), only for a calendar year that has ended, and perturbed instead of suppressed:

- every person counted has a secret *record key* per dimension, a 32-bit number derived as
  HMAC-SHA256(the file's secret, dimension and client id); the secret never leaves the
  encrypted file, so nobody outside it can compute a record key;
- a cell's *cell key* is the sum of its persons' record keys modulo 2^32 (a uniform
  fraction of 1 that only these persons give);
- a fixed table (``distribution``) maps the true count n and the cell key to the published
  value: 0 stays 0; a small count 1..k-1 becomes 0 or k (with probabilities that keep the
  mean at n); a count n >= k moves by at most ±2 and never below k. Every row has mean n, so
  sums over many senders stay unbiased.

The same persons always give the same published value (re-publication cannot be averaged
out), small counts are never published as themselves, and a dimension whose published cells
would pin a cell down together with the exact total is withheld as a whole (``perturb``).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import secrets
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

from sqlalchemy import Connection, select

from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.models import Case, CaseMember, Client, Meta
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.figures.periods import Period

SUPPRESSED_KEY = "_suppressed"
DIMENSIONS = ("gender", "age_band", "nationality", "residence_status")
# Nationality lists only the codes whose published value is not 0, and these two always.
ALWAYS_LISTED = ("stateless", "unknown")
DEVIATION = 2  # the largest change of a count of at least k
KEY_SPACE = 1 << 32
# Tenths of the change d of a count far from k: mean 0, variance 1.2.
_BASE = {-2: 1, -1: 2, 0: 4, 1: 2, 2: 1}
# Ages as indicators.py bands them (age on the period's last day).
_AGE_BANDS = (("0-5", 6), ("6-17", 18), ("18-26", 27), ("27-44", 45), ("45-64", 65))


def deviation_bound(k: int) -> int:
    """The largest difference between a published and a true count (a small count moves to
    0 or k)."""
    return max(DEVIATION, k - 1)


@functools.cache
def distribution(n: int, k: int) -> tuple[tuple[int, Fraction], ...]:
    """The perturbation table's row for a true count ``n``: (published value, probability)
    in ascending order of value. The mean is always exactly ``n``."""
    if n <= 0:
        return ((0, Fraction(1)),)
    if n < k:
        return ((0, Fraction(k - n, k)), (k, Fraction(n, k)))
    weights: dict[int, int] = {}
    for change, weight in _BASE.items():
        # A change that would land below k is dropped together with its mirror image, whose
        # weight goes to "unchanged": the mean stays n and nothing below k is published.
        shift = change if n - abs(change) >= k else 0
        weights[shift] = weights.get(shift, 0) + weight
    total = sum(_BASE.values())
    return tuple((n + change, Fraction(weights[change], total)) for change in sorted(weights))


def perturbed(n: int, cell_key: int, k: int) -> int:
    """The published value of a cell with true count ``n`` and cell key ``cell_key``
    (0 <= cell_key < 2^32)."""
    position = Fraction(cell_key % KEY_SPACE, KEY_SPACE)
    cumulative = Fraction(0)
    row = distribution(n, k)
    for value, probability in row:
        cumulative += probability
        if position < cumulative:
            return value
    return row[-1][0]


@functools.cache
def preimage(published: int, k: int) -> tuple[int, int]:
    """The smallest and largest true count that can be published as ``published``: what an
    observer who knows the table learns from one cell (the true counts in between all can,
    so the set is this interval; tests check that)."""
    bound = deviation_bound(k)
    candidates = [
        n
        for n in range(max(0, published - bound), published + bound + 1)
        if any(value == published for value, _ in distribution(n, k))
    ]
    if not candidates:
        raise ValueError("not a value the table publishes")
    return min(candidates), max(candidates)


def can_be_published(value: int, k: int) -> bool:
    """The table publishes 0 and every count from k on; never 1..k-1."""
    return value == 0 or value >= k


# -- record keys and cell keys ----------------------------------------------------------------


def record_key(secret: bytes, dimension: str, client_id: str) -> int:
    """A person's record key for one dimension: 32 bits of HMAC-SHA256. One key per dimension,
    so the cell keys of different dimensions are independent of each other."""
    message = f"kim-cell-key-v1\x00{dimension}\x00{client_id}".encode()
    return int.from_bytes(hmac.new(secret, message, hashlib.sha256).digest()[:4], "big")


def age_band(birth_date: dt.date | None, end: dt.date) -> str:
    """The age band on ``end``, exactly as indicators.py's SQL bands it (ISO text compared)."""
    if birth_date is None or birth_date > end:
        return "unknown"
    born = birth_date.isoformat()
    for band, age in _AGE_BANDS:
        if born > f"{end.year - age:04d}{end.isoformat()[4:]}":
            return band
    return "65+"


Cells = dict[str, dict[str, tuple[int, int]]]  # dimension -> code -> (count, cell key)


def area_cells(
    conn: Connection, period: Period, municipalities: Iterable[str], secret: bytes
) -> tuple[Cells, int]:
    """The true cells of the persons in case-management cases opened in the period over the
    given municipalities, with their cell keys, and the number of persons. A person counts once
    per municipality, as ``cases.persons_in_opened`` of each municipality counts them: the total
    is the sum of the published ``persons_in_opened``."""
    rows = conn.execute(
        select(
            Case.municipality,
            Client.id,
            Client.gender,
            Client.birth_date,
            Client.nationality,
            Client.residence_status,
        )
        .join(CaseMember, CaseMember.client_id == Client.id)
        .join(Case, Case.id == CaseMember.case_id)
        .where(
            Case.track == "case_management",
            Case.opened_on.between(period.start, period.end),
            Case.municipality.in_(list(municipalities)),
        )
        .distinct()
    ).all()
    counts: dict[str, Counter[str]] = {dimension: Counter() for dimension in DIMENSIONS}
    keys: dict[str, Counter[str]] = {dimension: Counter() for dimension in DIMENSIONS}
    for _, client_id, gender, birth, nationality, residence in rows:
        codes = {
            "gender": gender or "unknown",
            "age_band": age_band(birth, period.end),
            "nationality": nationality or "unknown",
            "residence_status": residence or "unknown",
        }
        for dimension, code in codes.items():
            counts[dimension][code] += 1
            keys[dimension][code] += record_key(secret, dimension, client_id)
    cells: Cells = {
        dimension: {
            code: (count, keys[dimension][code] % KEY_SPACE)
            for code, count in sorted(counts[dimension].items())
        }
        for dimension in DIMENSIONS
    }
    return cells, len(rows)


def _bounds(published: Mapping[str, int], universe: Collection[str], k: int) -> tuple[int, int]:
    """The sums of the lower and of the upper ends of every cell's preimage."""
    lows = highs = 0
    for code in universe:
        low, high = preimage(published.get(code, 0), k)
        lows += low
        highs += high
    return lows, highs


def _pins(published: Mapping[str, int], universe: Collection[str], total: int, k: int) -> bool:
    """Would these cells with the exact total pin a cell down? Only at an end of the sums."""
    lows, highs = _bounds(published, universe, k)
    return total > 0 and (total <= lows or total >= highs)


def perturb(
    cells: Mapping[str, tuple[int, int]],
    codes: Sequence[str],
    total: int,
    k: int,
    open_list: bool = False,
) -> dict[str, int | None]:
    """One dimension as a bundle publishes it, plus ``_suppressed`` (0).

    ``codes``: every code a person could have in this dimension (the catalogue's), which an
    observer also knows. An observer who knows the table learns from a published value p that
    the true count lies in ``preimage(p)`` (an interval), and the total is exact. With these
    sums each cell keeps at least two possible counts, except when the total equals the sum of
    all lower ends or of all upper ends: then every cell would be pinned down. In that rare
    case one cell is published as another value its row allows (the first code, then the
    first value, that moves the sums off the end). Whatever the rule chose, the published cells
    are ones the table could also have given directly, so every true table that could give them
    directly stays possible for the observer: at least two counts per cell. Only if no such
    change exists is the dimension withheld (every cell ``None``, ``_suppressed`` = total);
    the exhaustive tests never reach that. ``open_list`` (nationality): only codes published as
    more than 0 are listed, and ``ALWAYS_LISTED``."""
    published = {code: perturbed(n, key, k) for code, (n, key) in cells.items()}
    # Catalogue order (as the indicators list them), then any other code that occurs.
    universe = [*codes, *sorted(set(cells) - set(codes))]
    if _pins(published, universe, total, k):
        moved = _moved_off_the_end(published, cells, universe, total, k)
        if moved is None:
            withheld: dict[str, int | None] = {} if open_list else dict.fromkeys(universe)
            withheld[SUPPRESSED_KEY] = total
            return withheld
        published = moved
    if open_list:
        result: dict[str, int | None] = {
            code: value
            for code, value in sorted(published.items())
            if value > 0 or code in ALWAYS_LISTED
        }
        for code in ALWAYS_LISTED:
            result.setdefault(code, 0)
    else:
        result = {code: published.get(code, 0) for code in universe}
    result[SUPPRESSED_KEY] = 0
    return result


def _moved_off_the_end(
    published: dict[str, int],
    cells: Mapping[str, tuple[int, int]],
    universe: Collection[str],
    total: int,
    k: int,
) -> dict[str, int] | None:
    for code in sorted(cells):
        n = cells[code][0]
        for value, _ in distribution(n, k):
            if value == published[code]:
                continue
            candidate = {**published, code: value}
            if not _pins(candidate, universe, total, k):
                return candidate
    return None


def dimension_codes(catalogues: Mapping[str, cat.Catalogue]) -> dict[str, tuple[str, ...]]:
    """The codes of each dimension in catalogue order, ``unknown`` last (an observer knows
    the catalogues)."""

    def with_unknown(codes: Iterable[str]) -> tuple[str, ...]:
        listed = tuple(codes)
        return listed if "unknown" in listed else (*listed, "unknown")

    return {
        "gender": with_unknown(catalogues[cat.GENDERS].codes),
        "age_band": with_unknown(catalogues[cat.AGE_BANDS].codes),
        "nationality": with_unknown(sorted(cat.nationality_codes() | {"stateless"})),
        "residence_status": with_unknown(catalogues[cat.RESIDENCE_STATUS].codes),
    }


def withheld_block(
    codes: Mapping[str, Sequence[str]], total: int
) -> dict[str, dict[str, int | None]]:
    """All four dimensions withheld (a quarter, a range, a year not yet ended): every cell
    ``None``, ``_suppressed`` = total (0 when nobody is counted: then every cell is 0)."""
    block: dict[str, dict[str, int | None]] = {}
    for dimension in DIMENSIONS:
        value: int | None = None if total else 0
        cells: dict[str, int | None] = (
            {} if dimension == "nationality" else dict.fromkeys(codes[dimension], value)
        )
        if dimension == "nationality" and not total:
            cells = dict.fromkeys(ALWAYS_LISTED, 0)
        cells[SUPPRESSED_KEY] = total
        block[dimension] = cells
    return block


def published_for(period: Period, today: dt.date) -> bool:
    """Demographics are published for whole calendar years that have ended only: then no
    bundle of a quarter or of a running year can be set against them."""
    return (
        len(period.label) == 4
        and period.label.isdigit()
        and period.start == dt.date(period.start.year, 1, 1)
        and period.end == dt.date(period.start.year, 12, 31)
        and period.end < today
    )


def area_block(
    conn: Connection,
    period: Period,
    municipalities: Iterable[str],
    catalogues: Mapping[str, cat.Catalogue],
    secret: bytes,
    k: int,
    today: dt.date,
) -> dict[str, dict[str, int | None]]:
    """The demographics block of a case manager's bundle: the whole area, perturbed, for an
    ended calendar year; withheld otherwise."""
    names = list(municipalities)
    cells, total = area_cells(conn, period, names, secret)
    codes = dimension_codes(catalogues)
    if not published_for(period, today):
        return withheld_block(codes, total)
    return {
        dimension: perturb(
            cells[dimension], codes[dimension], total, k, open_list=dimension == "nationality"
        )
        for dimension in DIMENSIONS
    }


def raise_to_k(block: Mapping[str, Mapping[str, Any]], k: int) -> dict[str, dict[str, Any]]:
    """A block passed on with a higher k (a district's bundle for a state whose k is higher):
    cells between 1 and k-1 become ``None`` and their value goes to ``_suppressed``. The
    district's own cells are already 0 or at least the district's k."""
    result: dict[str, dict[str, Any]] = {}
    for dimension, cells in block.items():
        out: dict[str, Any] = {}
        hidden = 0
        for code, value in cells.items():
            if code == SUPPRESSED_KEY:
                continue
            if value is not None and 0 < value < k:
                hidden += value
                value = None
            out[code] = value
        out[SUPPRESSED_KEY] = (cells.get(SUPPRESSED_KEY) or 0) + hidden
        result[dimension] = out
    return result


# -- the file's secret ----------------------------------------------------------------------

SECRET_META_KEY = "cell_key_secret"


def record_secret(casefile: CaseFile) -> bytes:
    """The secret behind this file's record keys, made on first use and kept in the encrypted
    file (meta table). Backups and restores carry it, so a person's keys never change."""
    with casefile.reading_session() as session:
        row = session.get(Meta, SECRET_META_KEY)
        if row is not None:
            return bytes.fromhex(row.value)
    with casefile.transaction() as session:
        row = session.get(Meta, SECRET_META_KEY)
        if row is None:
            row = Meta(key=SECRET_META_KEY, value=secrets.token_hex(32))
            session.add(row)
        return bytes.fromhex(row.value)
