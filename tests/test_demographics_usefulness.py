"""Useful demographics (DESIGN.md §7): a Rhein-Sieg-sized district — nine case managers, some
600 persons in cases opened in a year, a long-tailed spread of nationalities — keeps at most
10 % of persons per dimension in unknown cells at district level for the year. Real encrypted
files, real bundles, a real coordinator file; the measured shares and errors are printed
(``pytest -s``) and quoted in docs/bundle-format.md §7."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from typing import Any

from conftest import PASSPHRASE
from demographics_support import Person, coordinator_file, manager_file

from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.figures import anonymise, cellkey
from kim_desktop.core.figures import stats as figure_stats
from kim_desktop.core.figures.periods import parse_period
from kim_desktop.core.sync import inbox, outbox

MUNICIPALITIES = [
    "Alfter", "Bad Honnef", "Bornheim", "Eitorf", "Hennef (Sieg)", "Königswinter", "Lohmar",
    "Meckenheim", "Much", "Neunkirchen-Seelscheid", "Niederkassel", "Rheinbach", "Ruppichteroth",
    "Sankt Augustin", "Siegburg", "Swisttal", "Troisdorf", "Wachtberg", "Windeck",
]  # fmt: skip
# Persons in opened cases by nationality, roughly as KIM offices report them: a few large
# groups and a long tail of nationalities with one or two persons in the whole district.
NATIONALITIES = {
    "SY": 130, "UA": 105, "AF": 60, "TR": 45, "IQ": 38, "IR": 24, "ER": 18, "GN": 14,
    "RU": 12, "SO": 10, "NG": 9, "RO": 8, "BG": 8, "PL": 7, "XK": 7, "AL": 6, "MA": 6,
    "PK": 5, "LB": 5, "GE": 5, "DZ": 4, "RS": 4, "AM": 4, "ET": 4, "stateless": 6,
    "unknown": 8, "YE": 3, "SD": 3, "AZ": 3, "IN": 2, "VN": 2, "EG": 2, "TN": 2, "GH": 2,
    "CM": 2, "SN": 1, "ML": 1, "CD": 1, "KE": 1, "LK": 1, "BD": 1, "CN": 1, "CO": 1,
    "VE": 1, "BR": 1, "PS": 1, "JO": 1, "MK": 1, "BA": 1, "MD": 1, "BY": 1, "KZ": 1,
    "UZ": 1, "TJ": 1, "KG": 1,
}  # fmt: skip
GENDERS = {"female": 49, "male": 48, "diverse": 1, "unknown": 2}
AGES = {  # birth year ranges for 2025
    (2020, 2025): 8, (2008, 2019): 20, (1999, 2007): 17, (1981, 1998): 35,
    (1961, 1980): 16, (1935, 1960): 4,
}  # fmt: skip
RESIDENCE = {
    "asylum_procedure": 20, "toleration": 10, "humanitarian": 25, "temporary_protection": 17,
    "family_reunification": 8, "work_study": 5, "eu_free_movement": 5, "settlement": 5,
    "german_citizen": 2, "other": 1, "unknown": 2,
}  # fmt: skip
MANAGERS = 9
K = 3


def _pick(rng: random.Random, weights: dict[Any, int]) -> Any:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _district(rng: random.Random) -> list[list[Person]]:
    """Nine case managers, each with two or three municipalities, 600 persons in 2025."""
    nationalities = [code for code, n in NATIONALITIES.items() for _ in range(n)]
    rng.shuffle(nationalities)
    areas = [MUNICIPALITIES[i::MANAGERS] for i in range(MANAGERS)]
    teams: list[list[Person]] = [[] for _ in range(MANAGERS)]
    for index, nationality in enumerate(nationalities):
        manager = index % MANAGERS
        low, high = _pick(rng, AGES)
        birth = dt.date(rng.randint(low, high), rng.randint(1, 12), rng.randint(1, 28))
        opened = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(365))
        teams[manager].append(
            Person(
                rng.choice(areas[manager]),
                opened.isoformat(),
                _pick(rng, GENDERS),
                min(birth, opened).isoformat(),
                nationality,
                _pick(rng, RESIDENCE),
            )
        )
    return teams


def test_a_rhein_sieg_sized_district_keeps_its_demographics(tmp_path) -> None:
    rng = random.Random(2025)
    teams = _district(rng)
    persons = sum(len(team) for team in teams)
    assert 580 <= persons <= 620
    coordinator, config = coordinator_file(tmp_path, "Rhein-Sieg-Kreis", MUNICIPALITIES, k=K)
    period = parse_period("2025")
    bundles, exact = [], Counter[str]()
    old_hidden: Counter[str] = Counter()
    for number, team in enumerate(teams):
        out = tmp_path / f"cm{number}.kimbundle"
        manager_file(
            tmp_path,
            f"cm{number}",
            config,
            team,
            lambda casefile, out=out: outbox.export_bundle(casefile, period, out),
        )
        bundles.append(out)
        for person in team:
            for dimension in cellkey.DIMENSIONS:
                exact[f"{dimension}.{person.code(dimension, period.end)}"] += 1
        # For comparison only: the previous rule, per municipality.
        for name in {p.municipality for p in team}:
            local = [p for p in team if p.municipality == name]
            for dimension in cellkey.DIMENSIONS:
                cells = Counter(p.code(dimension, period.end) for p in local)
                result = anonymise.suppress(dict(cells), K, dimension == "nationality")
                old_hidden[dimension] += result[anonymise.SUPPRESSED_KEY] or 0
    with CaseFile.open(coordinator, PASSPHRASE) as casefile:
        report = inbox.import_bundles(casefile, bundles, True)
        assert not report.rejected, [o.message for o in report.rejected]
        whole = figure_stats.for_casefile(casefile, period)
    assert whole["cases"]["persons_in_opened"] == persons
    lines = []
    for dimension in cellkey.DIMENSIONS:
        cells = whole["demographics"][dimension]
        unknown = cells["_suppressed"]
        assert unknown <= 0.10 * persons, (dimension, unknown, persons)
        assert all(v is None or v == 0 or v >= K for c, v in cells.items() if c != "_suppressed")
        codes = {c for c in cells if c != "_suppressed"} | {
            key.split(".", 1)[1] for key in exact if key.startswith(dimension + ".")
        }
        error = sum(abs((cells.get(code) or 0) - exact[f"{dimension}.{code}"]) for code in codes)
        largest = max(abs((cells.get(c) or 0) - exact[f"{dimension}.{c}"]) for c in codes)
        # Nine senders, each of their cells moved by at most ±2 (a small one to 0 or k).
        assert largest <= MANAGERS * cellkey.deviation_bound(K)
        lines.append(
            f"{dimension}: unknown {unknown}/{persons} = {unknown / persons:.1%} "
            f"(previous rule: {old_hidden[dimension] / persons:.1%}); "
            f"sum of |published - true| {error} ({error / persons:.1%} of persons), "
            f"largest cell error {largest}"
        )
    print("\n" + "\n".join(lines))
