"""What makes a bundle anonymous: small-cell suppression of the demographic marginals and the
personal-data check of structural-gap texts (DESIGN.md section 7, docs/bundle-format.md); the
check lives in personal_data.py and is re-exported here."""

from __future__ import annotations

from collections.abc import Mapping

SUPPRESSED_KEY = "_suppressed"


def suppress(
    cells: Mapping[str, int | None], k: int, open_list: bool = False
) -> dict[str, int | None]:
    """One dimension's cells as a bundle may publish them, plus ``_suppressed``.

    The attacker we defend against knows k, this rule, the published cells and the total
    (cases.persons_in_opened is published). The rule:

    - no cell below k: everything is published;
    - otherwise every cell below k is suppressed, zero cells included (so a suppressed cell
      may hold anything from 0 to k−1 and a published 0 never narrows that down);
    - with m suppressed cells holding T persons, each cell is then only known to lie between
      max(0, T − (m−1)(k−1)) and min(k−1, T): two different values, unless m = 1 or
      T = m·(k−1). In those two cases the whole dimension is suppressed;
    - and whenever there are fewer persons than cells × k, the whole dimension is suppressed
      too: then the rule's choice itself could give cells away (a brute-force test checks
      that no hidden cell takes one value only among all tables published the same way).

    ``open_list`` (nationality, whose codes are listed only where they occur): suppressed
    codes are left out instead of being published as ``None``, so not even the presence of a
    nationality leaks. Cells already ``None`` (suppressed upstream) stay suppressed; their
    persons are unknown, so they count as below k. ``_suppressed`` is the total minus the
    published cells."""
    known = {code: n for code, n in cells.items() if n is not None}
    total = sum(known.values())
    upstream = [code for code, n in cells.items() if n is None]
    small = [code for code, n in known.items() if n < k]
    if not any(known[code] > 0 for code in small) and not upstream:
        return {**known, SUPPRESSED_KEY: 0}
    if not open_list and not upstream and total < len(cells) * k:
        # Few persons for many cells: whatever the rule hid could be worked out from the
        # total alone (e.g. every cell at k-1), so the dimension is published as a total only.
        return {**dict.fromkeys(cells), SUPPRESSED_KEY: total}
    hidden_sum = sum(known[code] for code in small)
    hidden_count = len(small) + len(upstream)
    determined = not upstream and (hidden_count == 1 or hidden_sum == hidden_count * (k - 1))
    hidden = list(cells) if determined else [*small, *upstream]
    published = {code: n for code, n in known.items() if code not in hidden}
    result: dict[str, int | None] = dict(published)
    if not open_list:
        result = {code: (None if code in hidden else cells[code]) for code in cells}
    result[SUPPRESSED_KEY] = total - sum(v for v in published.values() if v is not None)
    return result


# -- the personal-data check: in personal_data.py; its names stay importable from here --------

from kim_desktop.core.figures.personal_data import (  # noqa: E402
    MIN_NAME_LENGTH,
    Finding,
    PersonalFacts,
    check_text,
    personal_facts,
)

__all__ = [
    "MIN_NAME_LENGTH",
    "SUPPRESSED_KEY",
    "Finding",
    "PersonalFacts",
    "check_text",
    "personal_facts",
    "suppress",
]
