"""Safe demographics (DESIGN.md §7, docs/bundle-format.md §7): no small count (0 < n < k) can be
worked out by a coordinator from everything it holds — years and their quarters, two
revisions of one period, municipalities and the district, the district's bundle for the
state, and the exact ``cases.persons_in_opened``.

Two attackers: an exhaustive one over every small table (every true table, every published
outcome the real ``cellkey.perturb`` gives with keys chosen to reach it), and one over real
encrypted files and real bundles, which enumerates every true table consistent with all it
decrypted. Also: the same period exported twice gives the same demographics, and bundles of
the previous version still import and combine."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from conftest import PASSPHRASE
from demographics_support import (
    Person,
    compositions,
    consistent_tables,
    coordinator_file,
    group_values,
    key_for,
    manager_file,
    minkowski,
    support,
)

from kim_desktop.core import interchange
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.figures import anonymise, cellkey, indicators
from kim_desktop.core.figures import stats as figure_stats
from kim_desktop.core.figures.periods import parse_period
from kim_desktop.core.sync import district, inbox, outbox, wire
from kim_desktop.core.sync.keys import own_keys

K = 3
YEAR = "2025"
QUARTERS = [f"{YEAR}-Q{q}" for q in range(1, 5)]
DIMENSIONS = cellkey.DIMENSIONS


# -- the table ----------------------------------------------------------------------------------


def test_the_report_states_the_deviation_of_the_table() -> None:
    from kim_desktop.reports import statistics

    assert statistics.DEVIATION == cellkey.DEVIATION


@pytest.mark.parametrize("k", [3, 4, 5, 10, 20])
def test_the_table_keeps_the_mean_and_never_publishes_a_small_count(k: int) -> None:
    bound = cellkey.deviation_bound(k)
    for n in range(0, 4 * k + 10):
        row = cellkey.distribution(n, k)
        assert sum(p for _, p in row) == 1
        assert sum(v * p for v, p in row) == n  # unbiased: district sums stay right
        for value, _ in row:
            assert cellkey.can_be_published(value, k)
            assert abs(value - n) <= bound
    for published in [0, *range(k, 4 * k)]:
        low, high = cellkey.preimage(published, k)
        assert high > low  # one cell alone never gives its count away
        for n in range(low, high + 1):  # an interval: the attacker's sums below are exact
            assert published in support(n, k)
    # The keys reach every value of a row, through the real function.
    for n in range(0, 3 * k):
        for value in support(n, k):
            assert cellkey.perturbed(n, key_for(n, value, k), k) == value


@pytest.mark.parametrize(
    ("k", "cells", "largest"),
    [(3, 2, 12), (3, 3, 10), (3, 4, 8), (3, 5, 6), (4, 3, 9), (4, 4, 7), (5, 3, 8)],
)
def test_exhaustive_attacker_recovers_no_small_count_from_one_table(
    k: int, cells: int, largest: int
) -> None:
    """Every true table with every total up to ``largest``, every outcome the real
    ``perturb`` can give it (cell keys chosen to reach each value of each row): an observer
    who knows the table, k and the exact total groups the true tables by what was published.
    In no group is a cell between 1 and k-1 the same in every table of the group."""
    codes = [f"c{i}" for i in range(cells)]
    for total in range(0, largest + 1):
        outcomes: dict[tuple[Any, ...], list[tuple[int, ...]]] = {}
        for table in compositions(total, cells):
            rows = [support(n, k) for n in table]
            for values in itertools.product(*rows):
                true = {
                    code: (n, key_for(n, value, k))
                    for code, n, value in zip(codes, table, values, strict=True)
                    if n
                }
                result = cellkey.perturb(true, codes, total, k)
                seen = tuple(result.get(code) for code in codes)
                outcomes.setdefault(seen, []).append(table)
        for seen, tables in outcomes.items():
            assert all(v is None or cellkey.can_be_published(v, k) for v in seen)
            for index in range(cells):
                values = {t[index] for t in tables}
                small = [t[index] for t in tables if 0 < t[index] < k]
                assert not small or len(values) > 1, (total, seen, index, values)


# -- real files, every bundle a coordinator can hold ---------------------------------------------

A_PERSONS = [
    Person("Nord", "2025-02-03", "female", "1990-04-01", "SY", "humanitarian"),
    Person("Nord", "2025-02-10", "female", "1985-07-12", "SY", "humanitarian"),
    Person("Nord", "2025-03-02", "male", "2001-01-30", "AF", "asylum_procedure"),
    Person("Nord", "2025-08-14", "male", "1979-11-02", "SY", "humanitarian"),
    Person("Nord", "2025-09-01", "female", "2010-05-05", "ER", "toleration"),
    Person("Süd", "2025-05-06", "male", "1995-03-03", "UA", "temporary_protection"),
    Person("Süd", "2025-06-07", "female", "1960-02-02", "UA", "temporary_protection"),
    Person("Süd", "2025-11-20", "diverse", "1999-09-09", "TR", "work_study"),
]
B_PERSONS = [
    Person("Süd", "2025-01-15", "female", "1988-08-08", "IQ", "settlement"),
    Person("Süd", "2025-01-16", "male", "1950-06-06", "IQ", "settlement"),
    Person("Süd", "2025-03-20", "female", "2019-12-12", "IQ", "family_reunification"),
    Person("Nord", "2025-04-22", "male", "2004-04-04", "GN", "asylum_procedure"),
]
# Entered late: revision 2 of the year and of its second quarter.
LATE = Person("Nord", "2025-05-19", "female", "1992-10-10", "ER", "toleration")


def _quarter(person: Person) -> str:
    return f"{YEAR}-Q{(int(person.opened_on[5:7]) - 1) // 3 + 1}"


@pytest.fixture(scope="module")
def held(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Everything a coordinator holds after a year: each case manager's year and quarter
    bundles, a second revision of the year and of a quarter with one person added, the
    district figures, and the district's bundle for the state (decrypted as the state)."""
    folder = tmp_path_factory.mktemp("held")
    coordinator, config = coordinator_file(folder, "Testkreis", ["Nord", "Süd"], k=K)
    files = {
        "A": manager_file(folder, "A", config, A_PERSONS),
        "B": manager_file(folder, "B", config, B_PERSONS),
    }
    bundles: list[Path] = []
    for name, path in files.items():
        with CaseFile.open(path, PASSPHRASE) as casefile:
            for label in [YEAR, *QUARTERS]:
                out = folder / f"{name}-{label}-r1.kimbundle"
                outbox.export_bundle(casefile, parse_period(label), out)
                bundles.append(out)
    with CaseFile.open(files["A"], PASSPHRASE) as casefile:
        interchange.import_document(casefile, _late_document(), "late")
        for label in (YEAR, _quarter(LATE)):
            out = folder / f"A-{label}-r2.kimbundle"
            assert outbox.export_bundle(casefile, parse_period(label), out).revision == 2
            bundles.append(out)
    state, state_config = coordinator_file(folder, "NRW", ["Testkreis"], k=K)
    with CaseFile.open(coordinator, PASSPHRASE) as casefile:
        report = inbox.import_bundles(casefile, bundles, True)
        assert not report.rejected, [o.message for o in report.rejected]
        keys = own_keys(casefile)
        opened = [
            wire.open_bundle(b.read_bytes(), keys.encryption, keys.encryption_public)
            for b in bundles
        ]
        stats = {
            (label, place): figure_stats.for_casefile(casefile, parse_period(label), place)
            for label in [YEAR, *QUARTERS]
            for place in (None, "Nord", "Süd")
        }
        district.import_config(casefile, state_config)
        to_state = folder / "Testkreis-2025.kimbundle"
        outbox.export_bundle(casefile, parse_period(YEAR), to_state)
    with CaseFile.open(state, PASSPHRASE) as casefile:
        keys = own_keys(casefile)
        state_bundle = wire.open_bundle(
            to_state.read_bytes(), keys.encryption, keys.encryption_public
        )
    return {"opened": opened, "stats": stats, "state": state_bundle, "files": files}


def _late_document() -> dict[str, Any]:
    from demographics_support import document

    return document("A", [LATE], "A-late")


def _sender(held: dict[str, Any], opened: Any) -> str:
    return (
        "A" if opened.header["sender_key_id"] == held["opened"][0].header["sender_key_id"] else "B"
    )


def test_only_the_ended_year_carries_demographics_and_only_for_the_whole_area(held) -> None:
    """What a coordinator could set against each other is not there: no bundle carries a
    demographic cell per municipality or for a quarter, and the year's revision 2 carries the
    block of revision 1."""
    blocks: dict[tuple[str, str, int], Any] = {}
    for opened in held["opened"]:
        payload = opened.payload
        label = payload["period"]["label"]
        for figures in payload["municipalities"].values():
            for dimension in DIMENSIONS:
                cells = figures["demographics"][dimension]
                persons = figures["cases"]["persons_in_opened"]
                assert all(
                    v is None or (v == 0 and persons == 0)
                    for c, v in cells.items()
                    if c != anonymise.SUPPRESSED_KEY
                )
                assert cells[anonymise.SUPPRESSED_KEY] == persons
        area = payload["demographics"]
        if label != YEAR:
            for cells in area.values():
                values = [v for c, v in cells.items() if c != "_suppressed"]
                nobody = cells["_suppressed"] == 0 and not any(values)
                assert nobody or all(v is None for v in values)
        blocks[(_sender(held, opened), label, opened.header["revision"])] = area
    assert blocks[("A", YEAR, 2)] == blocks[("A", YEAR, 1)]
    # The district's figures and its bundle for the state are sums of the senders' blocks.
    district_year = held["stats"][(YEAR, None)]["demographics"]
    for dimension in DIMENSIONS:
        summed: Counter[str] = Counter()
        for sender in ("A", "B"):
            revision = 2 if sender == "A" else 1
            for code, value in blocks[(sender, YEAR, revision)][dimension].items():
                if code != "_suppressed" and value:
                    summed[code] += value
        cells = district_year[dimension]
        assert {c: v for c, v in cells.items() if c != "_suppressed" and v} == dict(summed)
        assert held["state"].payload["demographics"][dimension] == cells
        for label in QUARTERS:
            assert all(
                v is None
                for c, v in held["stats"][(label, None)]["demographics"][dimension].items()
                if c != "_suppressed"
            )
        for place in ("Nord", "Süd"):
            local = held["stats"][(YEAR, place)]["demographics"][dimension]
            assert all(v is None for c, v in local.items() if c != "_suppressed")
        for figures in held["state"].payload["municipalities"].values():
            assert all(
                v is None
                for c, v in figures["demographics"][dimension].items()
                if c != "_suppressed"
            )


def test_brute_force_attacker_recovers_no_small_count(held) -> None:
    """For each sender and dimension: every true year table consistent with the published
    block and the exact total. From it, the values each protected count can take: the whole
    area, each municipality, each quarter, each municipality's quarter (parts of the year
    whose sizes the exact totals give), revision 2 (one person more, of any code: its block is
    revision 1's), the person added, and the district's sums over both senders. Every true
    count between 1 and k-1 must have another possible value."""
    end = parse_period(YEAR).end
    persons = {"A": A_PERSONS, "B": B_PERSONS}
    year_blocks = {
        _sender(held, o): o.payload["demographics"]
        for o in held["opened"]
        if o.payload["period"]["label"] == YEAR and o.header["revision"] == 1
    }
    checked = 0
    for dimension in DIMENSIONS:
        per_sender: dict[str, dict[tuple[str, str], set[int]]] = {}
        true_total: dict[tuple[str, str], Counter[str]] = {}
        for sender, people in persons.items():
            block = year_blocks[sender][dimension]
            truth = [p.code(dimension, end) for p in people]
            listed = [c for c in block if c != "_suppressed"]
            # Nationality: every listed and every true code, and one more that nobody has
            # (fewer codes than the attacker must consider: a stronger attacker).
            universe = sorted(
                set(listed) | set(truth) | ({"XX"} if dimension == "nationality" else set())
            )
            total = len(people)
            tables = consistent_tables(block, universe, total, K)
            true_table = tuple(Counter(truth)[c] for c in universe)
            assert true_table in tables
            groups: dict[str, list[Person]] = {"area": list(people)}
            for p in people:
                for name in (p.municipality, _quarter(p), f"{p.municipality} {_quarter(p)}"):
                    groups.setdefault(name, []).append(p)
            values: dict[tuple[str, str], set[int]] = {}
            for index, code in enumerate(universe):
                for name, members in groups.items():
                    if name == "area":
                        possible = {t[index] for t in tables}
                    else:
                        possible = group_values(tables, index, len(members), total)
                    values[(name, code)] = possible
                    true = sum(1 for m in members if m.code(dimension, end) == code)
                    true_total.setdefault((name, code), Counter())[sender] = true
                    if 0 < true < K:
                        assert len(possible) > 1, (sender, dimension, name, code, possible)
                        checked += 1
                if sender == "A":
                    # Revision 2: one person more (LATE), whose code nothing published limits.
                    late = LATE.code(dimension, end)
                    revised = {t[index] + add for t in tables for add in (0, 1)}
                    true = true_table[index] + (late == code)
                    if 0 < true < K:
                        assert len(revised) > 1, (dimension, code, revised)
                    # The person added: 1 in their code, 0 elsewhere — either is possible.
                    assert len(universe) > 1
            per_sender[sender] = values
        # The district: sums over the senders (what the coordinator and the state see).
        for (name, code), by_sender in true_total.items():
            true = sum(by_sender.values())
            if 0 < true < K:
                sets = [per_sender[s].get((name, code), {0}) for s in persons]
                assert len(minkowski(sets)) > 1, (dimension, name, code)
                checked += 1
    assert checked > 40  # the fixture has many small counts to protect


def test_the_issue_s_differencing_no_longer_works(held) -> None:
    """The reproduced attack: year minus quarters per municipality gave female=2, male=1
    exactly. Now no quarter and no municipality carries a demographic cell at all, so there is
    nothing to subtract; and the revisions' blocks are equal, so their difference is 0."""
    for opened in held["opened"]:
        flat = indicators.flatten(opened.payload["municipalities"])
        assert all(
            value is None or value == 0
            for key, value in flat.items()
            if ".demographics." in key and not key.endswith("_suppressed")
        )


# -- determinism, the secret, the freeze -----------------------------------------------------


def test_the_same_period_gives_the_same_demographics(held, tmp_path: Path) -> None:
    path = held["files"]["B"]
    period = parse_period(YEAR)
    with CaseFile.open(path, PASSPHRASE) as casefile:
        settings = district.current_settings(casefile)
        assert settings is not None
        first = outbox.build_payload(casefile, period, K, settings.municipalities)
        second = outbox.build_payload(casefile, period, K, settings.municipalities)
        out = tmp_path / "again.kimbundle"
        outbox.export_bundle(casefile, period, out)
        secret = cellkey.record_secret(casefile)
        with casefile.reading() as conn:
            fresh = cellkey.area_block(
                conn,
                period,
                settings.municipalities,
                indicators_catalogues(conn),
                secret,
                K,
                dt.date.today(),
            )
    assert first["demographics"] == second["demographics"]
    # Computed afresh (not the stored first export): the same persons give the same cells.
    assert fresh == first["demographics"]
    # A copy of the file (a backup, restored elsewhere) keeps the secret and the cells.
    copy = tmp_path / "copy.kim"
    copy.write_bytes(path.read_bytes())
    copy.chmod(0o600)
    with CaseFile.open(copy, PASSPHRASE) as casefile:
        again = outbox.build_payload(casefile, period, K, settings.municipalities)
    assert again["demographics"] == first["demographics"]


def indicators_catalogues(conn: Any) -> Any:
    from kim_desktop.core.casefile import catalogues as cat

    return cat.file_catalogues(conn)


def test_exact_counts_under_the_keys_match_the_indicators(held) -> None:
    """The cells perturbed are exactly the indicators' demographics, summed over the
    municipalities (a person counts once per municipality)."""
    period = parse_period(YEAR)
    with CaseFile.open(held["files"]["A"], PASSPHRASE) as casefile:
        secret = cellkey.record_secret(casefile)
        with casefile.reading() as conn:
            cells, total = cellkey.area_cells(conn, period, ["Nord", "Süd"], secret)
            own = [indicators.compute_indicators(conn, period, m) for m in ("Nord", "Süd")]
    assert total == sum(o["cases"]["persons_in_opened"] for o in own)
    for dimension in DIMENSIONS:
        summed: Counter[str] = Counter()
        for o in own:
            for code, n in o["demographics"][dimension].items():
                if code != "_suppressed" and n:
                    summed[code] += n
        assert {c: n for c, (n, _) in cells[dimension].items()} == dict(summed)


# -- bundles of the previous version ---------------------------------------------------------


def test_bundles_of_the_previous_version_import_and_combine(tmp_path: Path) -> None:
    """A bundle as the previous version wrote it (demographics suppressed per municipality,
    no area block) imports. The district adds its municipalities' cells to the new bundles'
    area blocks; a cell it suppressed stays unknown for the whole district, and its persons and
    what the others published for that cell count in _suppressed."""
    coordinator, config = coordinator_file(tmp_path, "Altkreis", ["Nord", "Süd"], k=K)
    new = manager_file(tmp_path, "new", config, A_PERSONS + B_PERSONS)
    old = manager_file(tmp_path, "old", config, B_PERSONS * 2)
    period = parse_period(YEAR)
    with CaseFile.open(new, PASSPHRASE) as casefile:
        outbox.export_bundle(casefile, period, tmp_path / "new.kimbundle")
    with CaseFile.open(coordinator, PASSPHRASE) as casefile:
        recipient = own_keys(casefile).encryption_public
    with CaseFile.open(old, PASSPHRASE) as casefile:
        settings = district.current_settings(casefile)
        assert settings is not None
        payload = outbox.build_payload(casefile, period, K, settings.municipalities)
        with casefile.reading() as conn:
            for name in payload["municipalities"]:
                figures = indicators.compute_indicators(conn, period, name)
                outbox._suppress_demographics(figures, K)  # the previous version's rule
                payload["municipalities"][name]["demographics"] = figures["demographics"]
        del payload["demographics"]
        keys = own_keys(casefile)
        header = wire.new_header(
            "casemanager", keys.signing_public, recipient, "Altkreis", payload["period"], 1
        )
        (tmp_path / "old.kimbundle").write_bytes(
            wire.seal(header, payload, keys.signing, recipient)
        )
        with casefile.reading() as conn:
            old_exact = indicators.compute_indicators(conn, period)
    with CaseFile.open(coordinator, PASSPHRASE) as casefile:
        report = inbox.import_bundles(
            casefile, [tmp_path / "new.kimbundle", tmp_path / "old.kimbundle"], True
        )
        assert not report.rejected, [o.message for o in report.rejected]
        whole = figure_stats.for_casefile(casefile, period)
        nord = figure_stats.for_casefile(casefile, period, "Nord")
    assert old_exact["cases"]["persons_in_opened"] == 8
    gender = whole["demographics"]["gender"]
    # The old bundle's gender per municipality: Süd female 4, male 2; Nord male 2 → the
    # previous rule published Süd's cells (all >= 3 or hidden) and hid Nord's.
    assert all(v is None or v == 0 or v >= K for c, v in gender.items() if c != "_suppressed")
    assert gender["_suppressed"] > 0
    for dimension in DIMENSIONS:
        cells = whole["demographics"][dimension]
        assert all(v is None or v == 0 or v >= K for c, v in cells.items() if c != "_suppressed")
    # One municipality alone: only the old bundle's cells, the new bundle's persons unknown.
    assert nord["demographics"]["gender"]["_suppressed"] >= 6


# -- the trust boundary for the area block -----------------------------------------------------


def _hostile(block: dict[str, Any]) -> list[tuple[str, dict[str, Any] | Any]]:
    """Area blocks a signed bundle must not bring in, each with what breaks."""
    import copy

    def changed(dimension: str, code: str, value: Any) -> dict[str, Any]:
        hostile = copy.deepcopy(block)
        hostile[dimension][code] = value
        return hostile

    missing = copy.deepcopy(block)
    del missing["age_band"]
    return [
        ("a small cell", changed("gender", "female", 1)),
        ("a negative cell", changed("gender", "male", -4)),
        ("a fraction", changed("residence_status", "humanitarian", 3.5)),
        ("text", changed("gender", "male", "7")),
        ("an unknown code", changed("gender", "Ali Yilmaz", 5)),
        ("an unknown nationality", changed("nationality", "ZZ", 5)),
        ("a huge count", changed("nationality", "SY", 10**9)),
        ("a structure", changed("age_band", "27-44", {"a": 1})),
        ("no _suppressed", {**block, "gender": {"female": 3}}),
        ("a missing dimension", missing),
        ("not a block", [1, 2]),
    ]


def test_a_hostile_area_block_is_rejected_and_writes_nothing(tmp_path: Path) -> None:
    coordinator, config = coordinator_file(tmp_path, "Grenzkreis", ["Nord", "Süd"], k=K)
    manager = manager_file(tmp_path, "cm", config, A_PERSONS)
    period = parse_period(YEAR)
    with CaseFile.open(coordinator, PASSPHRASE) as casefile:
        recipient = own_keys(casefile).encryption_public
    with CaseFile.open(manager, PASSPHRASE) as casefile:
        settings = district.current_settings(casefile)
        assert settings is not None
        payload = outbox.build_payload(casefile, period, K, settings.municipalities)
        keys = own_keys(casefile)
    files = []
    for number, (what, block) in enumerate(_hostile(payload["demographics"])):
        header = wire.new_header(
            "casemanager", keys.signing_public, recipient, "Grenzkreis", payload["period"], 1
        )
        path = tmp_path / f"hostile-{number}.kimbundle"
        path.write_bytes(
            wire.seal(header, {**payload, "demographics": block}, keys.signing, recipient)
        )
        files.append((what, path))
    with CaseFile.open(coordinator, PASSPHRASE) as casefile:
        for what, path in files:
            report = inbox.import_bundles(casefile, [path], True)
            assert len(report.rejected) == 1, what
            assert "demographics" in report.rejected[0].message, (what, report.rejected[0].message)
            assert "Ali" not in report.rejected[0].message
        assert inbox.received(casefile) == []


def test_a_higher_k_hides_the_cells_below_it() -> None:
    """A block passed on under a higher k (a year fixed before k was raised, a district's
    bundle for a state with a higher k): cells 1..k-1 become unknown, their persons counted."""
    block = {"gender": {"female": 3, "male": 10, "diverse": 0, "_suppressed": 2}}
    assert cellkey.raise_to_k(block, 5) == {
        "gender": {"female": None, "male": 10, "diverse": 0, "_suppressed": 5}
    }
    assert cellkey.raise_to_k(block, 3) == block
