"""Retention (issue 14, DESIGN.md section 10): what is due for erasure, in core and in
``kim retention``, on real encrypted files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from kim_desktop.core import casework as cw
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework import retention as ret
from kim_desktop.core.errors import InvalidInput, UsageError
from kim_desktop.core.sync import config_document, district
from tests.conftest import PASSPHRASE, run_kim

TODAY = dt.date.today()
MOERS = "Moers"


def years_ago(years: int, days: int = 0) -> dt.date:
    """``years`` calendar years before today, then ``days`` later (negative: earlier)."""
    return ret.add_years(TODAY, -years) + dt.timedelta(days=days)


def person(casefile: CaseFile, family: str, given: str = "Amina") -> str:
    return cw.create_client(casefile, cw.ClientData(family_name=family, given_name=given))


def closed_case(casefile: CaseFile, people: list[str], closed_on: dt.date | None) -> str:
    opened = (closed_on or TODAY) - dt.timedelta(days=30)
    case_id = cw.open_case(casefile, MOERS, "case_management", opened, people[0], people[1:])
    if closed_on is not None:
        cw.close_case(casefile, case_id, closed_on, "goals_achieved")
    return case_id


def build(path: Path) -> dict[str, str]:
    """A case manager's file with cases closed around the 3-year boundary, withdrawn and
    renewed consents and a client in a due and an open case; the ids by name."""
    ids: dict[str, str] = {}
    with CaseFile.create(path, PASSPHRASE, role="casemanager", owner="CM") as casefile:
        cw.add_municipality(casefile, MOERS)
        for name, closed in (
            ("exact", years_ago(3)),  # exactly 3 years ago: due today
            ("before", years_ago(3, -1)),  # a day earlier: due yesterday
            ("after", years_ago(3, 1)),  # a day later: due tomorrow (soon)
            ("far", years_ago(3, 200)),  # due in 200 days: neither
            ("four", years_ago(4)),  # due within 5 years' retention: 4 years ago
        ):
            ids[name] = person(casefile, name.title())
            ids[f"{name}_case"] = closed_case(casefile, [ids[name]], closed)
        # In a due case and in an open one: the case is due, the client is not.
        ids["both"] = person(casefile, "Both")
        ids["both_due_case"] = closed_case(casefile, [ids["both"]], years_ago(5))
        ids["both_open_case"] = closed_case(casefile, [ids["both"]], None)
        # Documentation consent withdrawn 10 days ago, in an open case: due at once.
        ids["withdrawn"] = person(casefile, "Withdrawn")
        closed_case(casefile, [ids["withdrawn"]], None)
        consent = cw.record_consent(
            casefile, ids["withdrawn"], "case_documentation", TODAY - dt.timedelta(days=100)
        )
        cw.withdraw_consent(casefile, consent, TODAY - dt.timedelta(days=10))
        # Withdrawn and then given anew: not due.
        ids["renewed"] = person(casefile, "Renewed")
        closed_case(casefile, [ids["renewed"]], None)
        old = cw.record_consent(
            casefile, ids["renewed"], "case_documentation", TODAY - dt.timedelta(days=300)
        )
        cw.withdraw_consent(casefile, old, TODAY - dt.timedelta(days=200))
        cw.record_consent(
            casefile, ids["renewed"], "case_documentation", TODAY - dt.timedelta(days=100)
        )
        # A withdrawn data-transfer consent is no reason for erasure.
        ids["transfer"] = person(casefile, "Transfer")
        closed_case(casefile, [ids["transfer"]], None)
        given = TODAY - dt.timedelta(days=50)
        transfer = cw.record_consent(
            casefile, ids["transfer"], "data_transfer", given, "social_welfare_office"
        )
        cw.withdraw_consent(casefile, transfer, TODAY - dt.timedelta(days=5))
        # A client in no case: nothing to count from, not listed.
        ids["nocase"] = person(casefile, "Nocase")
    return ids


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    path = tmp_path_factory.mktemp("retention") / "cm.kim"
    return path, build(path)


def keyed(items: tuple[ret.RetentionItem, ...]) -> dict[tuple[str, str], ret.RetentionItem]:
    return {(item.kind, item.id): item for item in items}


def test_due_and_soon_around_the_boundary(built: tuple[Path, dict[str, str]]) -> None:
    path, ids = built
    with CaseFile.open(path, PASSPHRASE) as casefile:
        result = cw.list_retention(casefile, TODAY, 3, soon_days=90)
    due, soon = keyed(result.due), keyed(result.soon)
    for name in ("exact", "before", "four"):
        item = due[("case", ids[f"{name}_case"])]
        assert item.reason == ret.CASE_CLOSED
        assert item.due_on == ret.add_years(item.since, 3) <= TODAY
        client = due[("client", ids[name])]
        assert client.reason == ret.ALL_CASES_DUE and client.due_on == item.due_on
    assert due[("case", ids["exact_case"])].due_on == TODAY
    assert due[("case", ids["before_case"])].due_on == TODAY - dt.timedelta(days=1)
    assert soon[("case", ids["after_case"])].due_on == TODAY + dt.timedelta(days=1)
    assert soon[("client", ids["after"])].reason == ret.ALL_CASES_DUE
    for name in ("far", "far_case"):
        assert not any(key[1] == ids[name] for key in (*due, *soon))
    # In a due case and an open one: the case is due, the client not.
    assert ("case", ids["both_due_case"]) in due
    assert not any(key[1] == ids["both"] for key in (*due, *soon))
    withdrawn = due[("client", ids["withdrawn"])]
    assert withdrawn.reason == ret.CONSENT_WITHDRAWN
    assert withdrawn.due_on == withdrawn.since == TODAY - dt.timedelta(days=10)
    for name in ("renewed", "transfer", "nocase"):
        assert not any(key[1] == ids[name] for key in (*due, *soon)), name
    assert [i.due_on for i in result.due] == sorted(i.due_on for i in result.due)
    assert due[("client", ids["exact"])].label == "Exact, Amina"
    assert due[("case", ids["exact_case"])].label == "Exact, Amina"  # the primary member


def test_more_years_and_a_longer_horizon(built: tuple[Path, dict[str, str]]) -> None:
    path, ids = built
    with CaseFile.open(path, PASSPHRASE) as casefile:
        five = cw.list_retention(casefile, TODAY, 5, soon_days=0)
        long = cw.list_retention(casefile, TODAY, 3, soon_days=365)
    due = keyed(five.due)
    assert ("case", ids["both_due_case"]) in due  # closed 5 years ago
    assert ("case", ids["four_case"]) not in due and not five.soon
    assert ("client", ids["withdrawn"]) in due  # at once, whatever the years
    assert ("case", ids["far_case"]) in keyed(long.soon)


def test_leap_day_and_bad_input(new_casefile: CaseFile) -> None:
    assert ret.add_years(dt.date(2024, 2, 29), 3) == dt.date(2027, 2, 28)
    assert ret.add_years(dt.date(2024, 2, 29), 4) == dt.date(2028, 2, 29)
    assert ret._latest_closing(dt.date(2027, 2, 28), 3) == dt.date(2024, 2, 29)
    for years in (0, 31, True, "3"):
        with pytest.raises(InvalidInput):
            cw.list_retention(new_casefile, TODAY, years)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        cw.list_retention(new_casefile, TODAY, 3, soon_days=-1)
    empty = cw.list_retention(new_casefile, TODAY, 3)
    assert empty.due == () and empty.soon == () and empty.retention_years == 3
    assert ret.MAX_RETENTION_YEARS == config_document.MAX_RETENTION_YEARS


def test_retention_years_from_the_imported_configuration(tmp_path: Path) -> None:
    office = tmp_path / "office.kim"
    with CaseFile.create(
        office, PASSPHRASE, role="coordinator", owner="K", district="Kreis Wesel"
    ) as casefile:
        district.export_config(casefile, tmp_path / "w.kimdistrict", [MOERS], retention_years=5)
        with pytest.raises(UsageError):
            cw.list_retention(casefile, TODAY, 3)
    path = tmp_path / "cm.kim"
    ids = build(path)
    with CaseFile.open(path, PASSPHRASE) as casefile:
        assert district.retention_years_in_force(casefile) == 3  # no configuration: default
        district.import_config(casefile, tmp_path / "w.kimdistrict")
        assert district.retention_years_in_force(casefile) == 5
    result = json.loads(run_kim("retention", path, "--format", "json").stdout)
    assert result["retention_years"] == 5
    due_ids = {item["id"] for item in result["due"]}
    assert ids["both_due_case"] in due_ids and ids["exact_case"] not in due_ids
    assert run_kim("retention", office).returncode == 2


def test_cli_json_and_table(built: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    path, ids = built
    started = dt.date.today()
    done = run_kim("retention", path, "--format", "json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert set(result) == {"retention_years", "today", "soon_days", "due", "soon"}
    assert result["retention_years"] == 3 and result["soon_days"] == 90
    # The day the command ran (a run across midnight may end on the next one).
    assert result["today"] in {started.isoformat(), dt.date.today().isoformat()}
    first = result["due"][0]
    assert set(first) == {"kind", "id", "reason", "since", "due_on"}  # ids, never names
    assert "Exact" not in done.stdout and "Withdrawn" not in done.stdout
    reasons = {(i["kind"], i["id"]): i["reason"] for i in result["due"]}
    assert reasons[("client", ids["withdrawn"])] == "consent_withdrawn"
    assert reasons[("case", ids["exact_case"])] == "case_closed"
    assert {i["id"] for i in result["soon"]} == {ids["after"], ids["after_case"]}
    table = run_kim("retention", path)
    assert table.returncode == 0
    assert "Due for erasure" in table.stdout and "Exact, Amina" in table.stdout
    assert "documentation consent withdrawn on" in table.stdout
    assert "Due within 90 days (2)" in table.stdout
    # Nothing due: still exit 0, and said so.
    with CaseFile.create(tmp_path / "empty.kim", PASSPHRASE, role="casemanager", owner="E"):
        pass
    empty = run_kim("retention", tmp_path / "empty.kim")
    assert empty.returncode == 0 and "Nothing is due for erasure." in empty.stdout
    empty_json = json.loads(run_kim("retention", tmp_path / "empty.kim", "--format", "json").stdout)
    assert empty_json["due"] == [] and empty_json["soon"] == []
    assert run_kim("retention", path, "--format", "xml").returncode == 2


def test_a_reopened_case_is_not_due(new_casefile: CaseFile) -> None:
    cw.add_municipality(new_casefile, MOERS)
    someone = person(new_casefile, "Reopened")
    case_id = closed_case(new_casefile, [someone], years_ago(4))
    due = keyed(cw.list_retention(new_casefile, TODAY, 3).due)
    assert ("case", case_id) in due and ("client", someone) in due
    cw.reopen_case(new_casefile, case_id, TODAY)
    result = cw.list_retention(new_casefile, TODAY, 3)
    assert result.due == () and result.soon == ()
