"""The case manager's use cases (core/casework.py) on real encrypted files.

Most tests share one module-wide file (creating a file costs an Argon2id derivation) and
work on records they create themselves; the list, overview and indicator tests use files of
their own, so their expectations are exact. Every rejection is checked with ``rejects``: the
error names the field, not the value, and the file (its bytes and every table, the audit log
included) is unchanged."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import PASSPHRASE
from sqlalchemy import func, literal_column, select

from kim_desktop.core import casework as cw
from kim_desktop.core import interchange
from kim_desktop.core.casefile.models import AuditEntry, Base, CatalogueAddition, Goal
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import EXIT_REJECTED, InvalidInput, UnknownRecord
from kim_desktop.core.figures.indicators import flatten
from kim_desktop.core.figures.periods import parse_period
from kim_desktop.core.figures.stats import for_casefile

D = dt.date
MOERS = "Moers"
KAMP = "Kamp-Lintfort"
JANUARY_10 = D(2025, 1, 10)
FEBRUARY_3 = D(2025, 2, 3)


# -- helpers ---------------------------------------------------------------------------------


def snapshot(casefile: CaseFile) -> tuple[str, dict[str, list[tuple[Any, ...]]]]:
    """The file's bytes (hashed) and every row of every table, audit log included."""
    tables: dict[str, list[tuple[Any, ...]]] = {}
    with casefile.reading() as conn:
        for table in Base.metadata.sorted_tables:
            rows = conn.execute(select(table).order_by(literal_column("rowid")))
            tables[table.name] = [tuple(row) for row in rows]
    return hashlib.sha256(casefile.path.read_bytes()).hexdigest(), tables


def rejects(
    casefile: CaseFile,
    field: str,
    action: Callable[..., Any],
    *args: Any,
    secret: str | None = None,
    error: type[InvalidInput] = InvalidInput,
    **kwargs: Any,
) -> InvalidInput:
    """``action`` raises ``error`` naming ``field`` (never ``secret``) and changes nothing."""
    before = snapshot(casefile)
    with pytest.raises(error) as caught:
        action(casefile, *args, **kwargs)
    assert caught.value.field == field, str(caught.value)
    assert str(caught.value).startswith(f"{field}: ")
    if secret is not None:
        assert secret not in str(caught.value)
    assert snapshot(casefile) == before
    return caught.value


def last_audit_id(casefile: CaseFile) -> int:
    with casefile.reading() as conn:
        return conn.scalar(select(func.coalesce(func.max(AuditEntry.id), 0))) or 0


def audit_since(casefile: CaseFile, after: int) -> list[tuple[str, str, str | None]]:
    with casefile.reading() as conn:
        rows = conn.execute(
            select(AuditEntry.action, AuditEntry.entity, AuditEntry.record_id)
            .where(AuditEntry.id > after)
            .order_by(AuditEntry.id)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


def client(
    casefile: CaseFile, family: str = "Haddad", given: str | None = "Amina", **kw: Any
) -> str:
    return cw.create_client(casefile, cw.ClientData(family_name=family, given_name=given, **kw))


def a_case(
    casefile: CaseFile,
    track: str = "case_management",
    opened_on: dt.date = JANUARY_10,
    household: int = 0,
    municipality: str = MOERS,
) -> tuple[str, list[str]]:
    """A new case with a new primary client and ``household`` more; (case id, client ids)."""
    people = [client(casefile)] + [client(casefile, given=f"Kind {i}") for i in range(household)]
    case_id = cw.open_case(casefile, municipality, track, opened_on, people[0], people[1:])
    return case_id, people


def counselling(case_id: str | None, day: dt.date = FEBRUARY_3, **kw: Any) -> cw.AppointmentData:
    values: dict[str, Any] = {
        "id": None,
        "case_id": case_id,
        "date": day,
        "minutes": 60,
        "kind": "case_management",
        "themes": ("work",),
        **kw,
    }
    return cw.AppointmentData(**values)


@pytest.fixture(scope="module")
def cf(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CaseFile]:
    """One file for the module; tests add their own records to it."""
    path = tmp_path_factory.mktemp("casework") / "shared.kim"
    with CaseFile.create(path, PASSPHRASE, role="casemanager", owner="Case Manager") as casefile:
        cw.add_municipality(casefile, MOERS)
        cw.add_municipality(casefile, KAMP)
        yield casefile


# -- errors ----------------------------------------------------------------------------------


def test_invalid_input_is_a_rejection_naming_field_and_rule() -> None:
    error = InvalidInput("family_name", "is required")
    assert error.field == "family_name" and error.rule == "is required"
    assert error.message == "family_name: is required"
    assert error.exit_code == EXIT_REJECTED
    assert issubclass(UnknownRecord, InvalidInput)


# -- clients ---------------------------------------------------------------------------------


def test_client_create_get_update_delete(cf: CaseFile) -> None:
    start = last_audit_id(cf)
    data = cw.ClientData(
        given_name="  Ayşe ",
        family_name="Öztürk",
        birth_date=D(1990, 5, 17),
        gender="female",
        nationality="TR",
        languages=("tr", "de"),
        arrival_date=D(2016, 3, 1),
        residence_status="settlement",
        phone="0171 1234567",
        email="a.oeztuerk@example.org",
        address="Kaiserstraße 1, 47441 Moers",
        notes="   ",
    )
    client_id = cw.create_client(cf, data)
    assert len(client_id) == 32 and int(client_id, 16) >= 0  # uuid4().hex
    stored = cw.get_client(cf, client_id)
    # Names are stripped and blank text is stored as no value.
    assert stored == dataclasses.replace(data, id=client_id, given_name="Ayşe", notes=None)

    changed = dataclasses.replace(
        stored, languages=("tr",), email=None, notes="Termin nur vormittags"
    )
    cw.update_client(cf, client_id, changed)
    assert cw.get_client(cf, client_id) == changed
    cw.update_client(cf, client_id, dataclasses.replace(changed, id=None))  # no change at all
    consent = cw.record_consent(cf, client_id, "case_documentation", D(2025, 1, 2))

    cw.delete_client(cf, client_id)
    rejects(cf, "client_id", cw.get_client, client_id, error=UnknownRecord)
    assert audit_since(cf, start) == [
        ("create", "clients", client_id),
        ("update", "clients", client_id),
        ("create", "consents", consent),
        ("delete", "consents", consent),
        ("delete", "clients", client_id),
    ]


def test_client_rejections(cf: CaseFile) -> None:
    base = cw.ClientData(family_name="Kovalenko", given_name="Olena")
    future = dt.date.today() + dt.timedelta(days=400)
    bad: list[tuple[str, dict[str, Any]]] = [
        ("family_name", {"family_name": "   "}),
        ("given_name", {"given_name": 42}),
        ("birth_date", {"birth_date": future}),
        ("birth_date", {"birth_date": "1990-01-01"}),
        ("birth_date", {"birth_date": dt.datetime(1990, 1, 1, 12, 0)}),
        ("arrival_date", {"birth_date": D(1990, 1, 1), "arrival_date": D(1989, 12, 31)}),
        ("gender", {"gender": "f"}),
        ("nationality", {"nationality": "Ukraine"}),
        ("nationality", {"nationality": "ua"}),
        ("languages", {"languages": "uk"}),
        ("languages", {"languages": ("uk", " ")}),
        ("languages", {"languages": ("uk", "UK")}),
        ("residence_status", {"residence_status": "refugee"}),
        ("email", {"email": "olena at example.org"}),
        ("phone", {"phone": 1711234567}),
    ]
    for field, change in bad:
        rejects(cf, field, cw.create_client, dataclasses.replace(base, **change))
    rejects(cf, "family_name", cw.create_client, dataclasses.replace(base, family_name=""))
    rejects(cf, "id", cw.create_client, dataclasses.replace(base, id="chosen-id"))
    rejects(cf, "data", cw.create_client, {"family_name": "Kovalenko"})

    client_id = cw.create_client(cf, base)
    error = rejects(
        cf,
        "email",
        cw.update_client,
        client_id,
        dataclasses.replace(base, email="olena.kovalenko"),
        secret="olena.kovalenko",
    )
    assert "e-mail address" in error.rule
    rejects(cf, "id", cw.update_client, client_id, dataclasses.replace(base, id="other"))
    rejects(cf, "client_id", cw.update_client, "nobody", base, error=UnknownRecord)
    rejects(cf, "client_id", cw.delete_client, "nobody", error=UnknownRecord)
    assert cw.get_client(cf, client_id) == dataclasses.replace(base, id=client_id)


def test_client_in_a_case_or_assessment_is_not_deleted(cf: CaseFile) -> None:
    case_id, (primary, child) = a_case(cf, household=1)
    rejects(cf, "client_id", cw.delete_client, child)
    cw.add_assessment(cf, case_id, D(2025, 1, 12), {"health": 2}, client_id=primary)
    # Once out of the case, only clients no assessment names can be deleted.
    cw.remove_member(cf, case_id, child)
    cw.delete_client(cf, child)
    rejects(cf, "client_id", cw.remove_member, case_id, primary)


# -- municipalities --------------------------------------------------------------------------


def test_municipalities(new_casefile: CaseFile) -> None:
    assert cw.list_municipalities(new_casefile) == []
    for name in ("Wesel", " Alpen ", "Übach-Palenberg", "Moers"):
        cw.add_municipality(new_casefile, name)
    # German order: Ü sorts with U.
    assert cw.list_municipalities(new_casefile) == ["Alpen", "Moers", "Übach-Palenberg", "Wesel"]
    rejects(new_casefile, "name", cw.add_municipality, "moers")
    rejects(new_casefile, "name", cw.add_municipality, "Ubach-Palenberg")
    rejects(new_casefile, "name", cw.add_municipality, "  ")
    rejects(new_casefile, "name", cw.add_municipality, "x" * 201)
    assert ("create", "municipalities", "Alpen") in audit_since(new_casefile, 0)


# -- cases, members, phases ------------------------------------------------------------------


def test_open_case_with_household(cf: CaseFile) -> None:
    start = last_audit_id(cf)
    primary, partner = client(cf, given="Khaled"), client(cf, given="Rasha")
    case_id = cw.open_case(cf, MOERS, "case_management", D(2025, 1, 10), primary, [partner])
    detail = cw.get_case(cf, case_id)
    assert (detail.municipality, detail.track, detail.phase) == (MOERS, "case_management", "intake")
    assert (detail.opened_on, detail.closed_on, detail.follow_up_on) == (D(2025, 1, 10), None, None)
    assert [(m.client.id, m.role) for m in detail.members] == [
        (primary, "primary"),
        (partner, "household"),
    ]
    assert [(c.from_phase, c.to_phase, c.changed_on) for c in detail.phase_changes] == [
        (None, "intake", D(2025, 1, 10))
    ]
    change_id = str(detail.phase_changes[0].id)
    assert audit_since(cf, start)[2:] == [
        ("create", "cases", case_id),
        ("create", "case_members", f"{case_id}/{primary}"),
        ("create", "case_members", f"{case_id}/{partner}"),
        ("create", "case_phase_changes", change_id),
    ]


def test_open_case_rejections(cf: CaseFile) -> None:
    primary, other = client(cf), client(cf)
    day = D(2025, 1, 10)
    rejects(cf, "municipality", cw.open_case, "Atlantis", "case_management", day, primary)
    rejects(cf, "track", cw.open_case, MOERS, "long_term", day, primary)
    rejects(cf, "opened_on", cw.open_case, MOERS, "case_management", None, primary)
    rejects(cf, "opened_on", cw.open_case, MOERS, "case_management", "2025-01-10", primary)
    rejects(
        cf,
        "primary_client_id",
        cw.open_case,
        MOERS,
        "case_management",
        day,
        "nobody",
        error=UnknownRecord,
    )
    for household in ([other, other], [primary], other):
        rejects(
            cf,
            "household_client_ids",
            cw.open_case,
            MOERS,
            "case_management",
            day,
            primary,
            household,
        )
    rejects(
        cf,
        "household_client_ids",
        cw.open_case,
        MOERS,
        "case_management",
        day,
        primary,
        ["nobody"],
        error=UnknownRecord,
    )


def test_members(cf: CaseFile) -> None:
    case_id, (first,) = a_case(cf)
    second, third = client(cf, given="Second"), client(cf, given="Third")
    start = last_audit_id(cf)

    def roles() -> list[tuple[str, str]]:
        return [(m.client.id, m.role) for m in cw.get_case(cf, case_id).members]

    rejects(cf, "client_id", cw.remove_member, case_id, first)  # the last member stays
    cw.add_member(cf, case_id, second)
    cw.add_member(cf, case_id, third, role="primary")
    assert roles() == [(first, "household"), (second, "household"), (third, "primary")]
    cw.set_primary_member(cf, case_id, first)
    assert roles() == [(first, "primary"), (second, "household"), (third, "household")]

    rejects(cf, "client_id", cw.add_member, case_id, second)
    rejects(cf, "role", cw.add_member, case_id, client(cf), role="child")
    rejects(cf, "client_id", cw.add_member, case_id, "nobody", error=UnknownRecord)
    rejects(cf, "case_id", cw.add_member, "no-case", second, error=UnknownRecord)
    rejects(cf, "client_id", cw.set_primary_member, case_id, client(cf))
    rejects(cf, "new_primary_id", cw.remove_member, case_id, first)
    rejects(cf, "new_primary_id", cw.remove_member, case_id, first, new_primary_id=first)
    rejects(cf, "new_primary_id", cw.remove_member, case_id, second, new_primary_id=third)
    rejects(cf, "client_id", cw.remove_member, case_id, client(cf))

    cw.remove_member(cf, case_id, first, new_primary_id=third)
    cw.remove_member(cf, case_id, second)
    assert roles() == [(third, "primary")]
    entries = audit_since(cf, start)
    assert ("delete", "case_members", f"{case_id}/{first}") in entries
    assert ("update", "case_members", f"{case_id}/{third}") in entries
    assert ("update", "cases", case_id) not in entries  # only member rows changed


def test_phase_history_open_change_close_reopen(cf: CaseFile) -> None:
    case_id, _ = a_case(cf, opened_on=D(2025, 1, 10))
    start = last_audit_id(cf)
    cw.set_phase(cf, case_id, "assessment", D(2025, 1, 20))
    cw.set_phase(cf, case_id, "assessment", D(2025, 1, 25))  # already there: no change
    cw.set_phase(cf, case_id, "agreement", D(2025, 2, 1))
    cw.set_follow_up(cf, case_id, D(2025, 3, 1))
    cw.close_case(cf, case_id, D(2025, 3, 1), "goals_achieved")
    detail = cw.get_case(cf, case_id)
    assert (detail.phase, detail.closed_on, detail.closure_reason) == (
        "closed",
        D(2025, 3, 1),
        "goals_achieved",
    )
    assert detail.follow_up_on is None  # a follow-up belongs to open work

    cw.reopen_case(cf, case_id, D(2025, 3, 5))  # back to the phase it was closed in
    detail = cw.get_case(cf, case_id)
    assert (detail.phase, detail.closed_on, detail.closure_reason) == ("agreement", None, None)
    cw.close_case(cf, case_id, D(2025, 4, 1), "moved_away")
    cw.reopen_case(cf, case_id, D(2025, 4, 2), phase="implementation")

    changes = cw.get_case(cf, case_id).phase_changes
    assert [(c.changed_on, c.from_phase, c.to_phase, c.closure_reason) for c in changes] == [
        (D(2025, 1, 10), None, "intake", None),
        (D(2025, 1, 20), "intake", "assessment", None),
        (D(2025, 2, 1), "assessment", "agreement", None),
        (D(2025, 3, 1), "agreement", "closed", "goals_achieved"),
        (D(2025, 3, 5), "closed", "agreement", None),
        (D(2025, 4, 1), "agreement", "closed", "moved_away"),
        (D(2025, 4, 2), "closed", "implementation", None),
    ]
    created = [r for a, e, r in audit_since(cf, start) if e == "case_phase_changes"]
    assert created == [str(c.id) for c in changes[1:]]
    assert audit_since(cf, start).count(("update", "cases", case_id)) == 7


def test_phase_rejections(cf: CaseFile) -> None:
    case_id, _ = a_case(cf, opened_on=D(2025, 1, 10))
    cw.set_phase(cf, case_id, "assessment", D(2025, 2, 1))
    rejects(cf, "phase", cw.set_phase, case_id, "closed", D(2025, 2, 2))
    rejects(cf, "phase", cw.set_phase, case_id, "monitoring", D(2025, 2, 2))
    rejects(cf, "on", cw.set_phase, case_id, "agreement", D(2025, 1, 31))
    rejects(cf, "on", cw.set_phase, case_id, "agreement", None)
    rejects(cf, "case_id", cw.set_phase, "no-case", "agreement", D(2025, 2, 2), error=UnknownRecord)
    rejects(cf, "reason", cw.close_case, case_id, D(2025, 3, 1), "bored")
    rejects(cf, "reason", cw.close_case, case_id, D(2025, 3, 1), None)
    rejects(cf, "closed_on", cw.close_case, case_id, D(2025, 1, 9), "other")
    rejects(cf, "closed_on", cw.close_case, case_id, D(2025, 1, 31), "other")  # before a change
    rejects(cf, "case_id", cw.reopen_case, case_id, D(2025, 3, 1))  # not closed
    rejects(cf, "follow_up_on", cw.set_follow_up, case_id, "soon")

    cw.close_case(cf, case_id, D(2025, 3, 1), "other")
    rejects(cf, "case_id", cw.close_case, case_id, D(2025, 3, 2), "other")
    rejects(cf, "case_id", cw.set_phase, case_id, "agreement", D(2025, 3, 2))
    rejects(cf, "case_id", cw.set_follow_up, case_id, D(2025, 4, 1))
    rejects(cf, "on", cw.reopen_case, case_id, D(2025, 2, 28))
    rejects(cf, "phase", cw.reopen_case, case_id, D(2025, 3, 2), phase="closed")


def test_follow_up_and_notes(cf: CaseFile) -> None:
    case_id, _ = a_case(cf)
    start = last_audit_id(cf)
    cw.set_follow_up(cf, case_id, D(2025, 5, 1))
    cw.set_case_notes(cf, case_id, "  Wohnungssuche läuft  ")
    detail = cw.get_case(cf, case_id)
    assert (detail.follow_up_on, detail.notes) == (D(2025, 5, 1), "Wohnungssuche läuft")
    cw.set_follow_up(cf, case_id, None)
    cw.set_case_notes(cf, case_id, "")
    detail = cw.get_case(cf, case_id)
    assert (detail.follow_up_on, detail.notes) == (None, None)
    assert audit_since(cf, start) == [("update", "cases", case_id)] * 4
    rejects(cf, "notes", cw.set_case_notes, case_id, ["not", "text"])
    rejects(cf, "case_id", cw.set_case_notes, "no-case", "x", error=UnknownRecord)
    rejects(cf, "case_id", cw.get_case, "no-case", error=UnknownRecord)


# -- case list and client search -------------------------------------------------------------


@pytest.fixture(scope="module")
def listing(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[CaseFile, dict[str, str]]]:
    """A file with four known cases, only read by the tests:

    A  CM  Moers          opened 2025-01-10  intake        follow-up 2025-02-01  Öztürk (+Emre)
    B  SC  Kamp-Lintfort  opened 2025-03-05  closed 03-20                        Kovalenko (+Haddad)
    C  CM  Moers          opened 2024-12-01  assessment                          Åberg (+Strauß)
    D  CM  Kamp-Lintfort  opened 2025-02-15  agreement     follow-up 2025-04-01  Yılmaz
    plus a client in no case (Nowak)."""
    path = tmp_path_factory.mktemp("listing") / "listing.kim"
    with CaseFile.create(path, PASSPHRASE, role="casemanager", owner="Lister") as casefile:
        cw.add_municipality(casefile, MOERS)
        cw.add_municipality(casefile, KAMP)
        ids: dict[str, str] = {}
        for key, family, given in (
            ("ayse", "Öztürk", "Ayşe"),
            ("emre", "Öztürk", "Emre"),
            ("olena", "Kovalenko", "Olena"),
            ("nour", "Haddad", "Nour"),
            ("lars", "Åberg", "Lars"),
            ("strauss", "Strauß", None),
            ("zeynep", "Yılmaz", "Zeynep"),
            ("piotr", "Nowak", "Piotr"),
        ):
            ids[key] = client(casefile, family, given)
        ids["A"] = cw.open_case(
            casefile, MOERS, "case_management", D(2025, 1, 10), ids["ayse"], [ids["emre"]]
        )
        cw.set_follow_up(casefile, ids["A"], D(2025, 2, 1))
        ids["B"] = cw.open_case(
            casefile, KAMP, "short_consultation", D(2025, 3, 5), ids["olena"], [ids["nour"]]
        )
        cw.close_case(casefile, ids["B"], D(2025, 3, 20), "goals_achieved")
        ids["C"] = cw.open_case(
            casefile, MOERS, "case_management", D(2024, 12, 1), ids["lars"], [ids["strauss"]]
        )
        cw.set_phase(casefile, ids["C"], "assessment", D(2024, 12, 10))
        ids["D"] = cw.open_case(casefile, KAMP, "case_management", D(2025, 2, 15), ids["zeynep"])
        cw.set_phase(casefile, ids["D"], "agreement", D(2025, 3, 1))
        cw.set_follow_up(casefile, ids["D"], D(2025, 4, 1))
        yield casefile, ids


def test_list_cases_rows_and_filters(listing: tuple[CaseFile, dict[str, str]]) -> None:
    casefile, ids = listing

    def listed(**filters: Any) -> list[str]:
        case_filter = cw.CaseFilter(**filters)
        rows = cw.list_cases(casefile, case_filter)
        assert cw.count_cases(casefile, case_filter) == len(rows)
        return [next(k for k in "ABCD" if ids[k] == row.id) for row in rows]

    rows = {row.id: row for row in cw.list_cases(casefile, cw.CaseFilter())}
    assert rows[ids["A"]] == cw.CaseRow(
        ids["A"], "Öztürk, Ayşe", 2, MOERS, "case_management", "intake", D(2025, 1, 10), None,
        D(2025, 2, 1),
    )  # fmt: skip
    assert rows[ids["B"]].closed_on == D(2025, 3, 20) and rows[ids["B"]].phase == "closed"
    assert rows[ids["C"]].primary_name == "Åberg, Lars"
    assert [rows[ids[k]].member_count for k in "ABCD"] == [2, 2, 2, 1]

    assert listed() == ["B", "D", "A", "C"]  # newest first by default
    assert listed(state="open") == ["D", "A", "C"]
    assert listed(state="closed") == ["B"]
    assert listed(phase="assessment") == ["C"]
    assert listed(track="short_consultation") == ["B"]
    assert listed(municipality=MOERS) == ["A", "C"]
    assert listed(municipality="Atlantis") == []
    # Any member's name, case- and accent-insensitive, as a substring.
    assert listed(text="ozt") == ["A"]
    assert listed(text="  EMRE ") == ["A"]  # a household member
    assert listed(text="nour") == ["B"]
    assert listed(text="STRAUSS") == ["C"]  # ß = ss
    assert listed(text="yilmaz") == ["D"]  # dotless ı
    assert listed(text="Yılmaz") == ["D"]
    assert listed(text="aberg") == ["C"]
    assert listed(text="y", municipality=KAMP, state="open") == ["D"]
    assert listed(text="a", municipality=KAMP, state="closed") == ["B"]
    assert listed(text="nowak") == []  # in no case
    assert listed(text="%") == [] and listed(text="_") == []  # no wildcards


def test_list_cases_sorting_and_paging(listing: tuple[CaseFile, dict[str, str]]) -> None:
    casefile, ids = listing
    everything = cw.CaseFilter()

    def order(sort: str, descending: bool) -> list[str]:
        rows = cw.list_cases(casefile, everything, sort=sort, descending=descending)
        return [next(k for k in "ABCD" if ids[k] == row.id) for row in rows]

    assert order("opened_on", False) == ["C", "A", "D", "B"]
    assert order("primary_name", False) == ["C", "B", "A", "D"]  # Å with A, Ö with O
    assert order("primary_name", True) == ["D", "A", "B", "C"]
    assert order("phase", False) == ["A", "C", "D", "B"]  # process order
    assert order("track", True)[0] == "B" and order("track", False)[-1] == "B"
    municipalities = [r.municipality for r in cw.list_cases(casefile, everything, "municipality")]
    assert municipalities == [MOERS, MOERS, KAMP, KAMP]
    # Missing dates come last in either direction.
    assert order("follow_up_on", False)[:2] == ["A", "D"]
    assert order("follow_up_on", True)[:2] == ["D", "A"]
    assert order("closed_on", True)[0] == "B" and order("closed_on", False)[0] == "B"

    for sort in cw.CASE_SORT_KEYS:
        whole = cw.list_cases(casefile, everything, sort=sort)
        paged = [
            row
            for offset in range(4)
            for row in cw.list_cases(casefile, everything, sort=sort, offset=offset, limit=1)
        ]
        assert paged == whole
    assert cw.list_cases(casefile, everything, offset=4) == []

    rejects(casefile, "sort", cw.list_cases, everything, sort="rowid")
    rejects(casefile, "offset", cw.list_cases, everything, offset=-1)
    rejects(casefile, "limit", cw.list_cases, everything, limit=0)
    rejects(casefile, "state", cw.count_cases, cw.CaseFilter(state="pending"))
    rejects(casefile, "phase", cw.count_cases, cw.CaseFilter(phase="monitoring"))
    rejects(casefile, "track", cw.list_cases, cw.CaseFilter(track="long"))
    rejects(casefile, "text", cw.count_cases, cw.CaseFilter(text=5))  # type: ignore[arg-type]
    rejects(casefile, "case_filter", cw.count_cases, {"text": "x"})


def test_find_clients(listing: tuple[CaseFile, dict[str, str]]) -> None:
    casefile, ids = listing
    found = cw.find_clients(casefile, "ÖZT")
    assert [(r.id, r.display_name) for r in found] == [
        (ids["ayse"], "Öztürk, Ayşe"),
        (ids["emre"], "Öztürk, Emre"),
    ]
    assert [r.display_name for r in cw.find_clients(casefile, "ozturk")] == [
        "Öztürk, Ayşe",
        "Öztürk, Emre",
    ]
    assert [r.id for r in cw.find_clients(casefile, "piotr")] == [ids["piotr"]]  # given name
    assert [r.display_name for r in cw.find_clients(casefile, "strauß")] == ["Strauß"]
    everyone = [r.display_name for r in cw.find_clients(casefile, "")]
    assert everyone[:3] == ["Åberg, Lars", "Haddad, Nour", "Kovalenko, Olena"]
    assert len(everyone) == 8
    assert len(cw.find_clients(casefile, "", limit=3)) == 3
    assert cw.find_clients(casefile, "zz") == []
    rejects(casefile, "limit", cw.find_clients, "a", limit=0)


def test_fold() -> None:
    assert cw.fold("ÖZTÜRK Şahin Yılmaz Małgorzata Straße İpek ОЛЕНА") == (
        "ozturk sahin yilmaz malgorzata strasse ipek олена"
    )
    assert cw.fold("Rene\u0301") == cw.fold("René") == "rene"
    assert cw.fold(None) == "" and cw.fold("") == ""


# -- appointments ----------------------------------------------------------------------------


def test_appointments_add_update_delete_list(cf: CaseFile) -> None:
    case_id, (primary,) = a_case(cf, municipality=KAMP)
    cw.update_client(cf, primary, cw.ClientData(family_name="Mansour", given_name="Hala"))
    start = last_audit_id(cf)
    day = D(2027, 3, 1)  # a week no other test uses (a Monday)
    first = cw.add_appointment(
        cf,
        counselling(
            case_id,
            day,
            themes=("work", "language"),
            channel="in_person",
            participants=2,
            interpreter="professional",
            notes=" Dolmetscherin gebucht ",
        ),
    )
    other = cw.add_appointment(
        cf,
        cw.AppointmentData(
            None, None, day, 120, "other_work", other_work_type="network_meeting", themes=("other",)
        ),
    )
    placed = cw.add_appointment(
        cf, counselling(case_id, day + dt.timedelta(days=1), kind="short_consultation",
                        minutes=1440, municipality=MOERS)
    )  # fmt: skip

    listed = cw.list_appointments(cf, day, day + dt.timedelta(days=6))
    assert [a.id for a in listed] == [first, other, placed]
    assert listed[0] == cw.AppointmentRow(
        first, case_id, day, 60, "case_management", None, "in_person", 2, ("work", "language"),
        "professional", KAMP, "Dolmetscherin gebucht", primary_name="Mansour, Hala",
    )  # fmt: skip
    assert listed[1].municipality is None and listed[1].primary_name is None
    assert listed[2].municipality == MOERS  # held in another town hall
    assert [a.id for a in cw.list_appointments(cf, day, day, case_id=case_id)] == [first]
    assert cw.list_appointments(cf, day, day, case_id="no-case") == []

    # Update: themes replaced in order, other work turned into counselling and back.
    cw.update_appointment(cf, dataclasses.replace(listed[0], themes=("language", "health")))
    cw.update_appointment(
        cf,
        dataclasses.replace(
            listed[1], case_id=case_id, kind="case_management", other_work_type=None
        ),
    )
    after = {a.id: a for a in cw.list_appointments(cf, day, day)}
    assert after[first].themes == ("language", "health")
    assert after[other].case_id == case_id and after[other].municipality == KAMP
    cw.delete_appointment(cf, placed)
    assert [a.id for a in cw.list_appointments(cf, day, day + dt.timedelta(days=6))] == [
        first,
        other,
    ]
    entries = audit_since(cf, start)
    assert ("create", "appointments", first) in entries
    assert ("create", "appointment_themes", f"{first}/language") in entries
    assert ("delete", "appointment_themes", f"{first}/work") in entries
    assert ("create", "appointment_themes", f"{first}/health") in entries
    assert ("update", "appointments", other) in entries
    assert ("delete", "appointments", placed) in entries
    assert ("update", "appointment_themes", f"{first}/language") in entries  # new position
    assert ("update", "appointments", first) not in entries  # only its themes changed


def test_appointment_rejections(cf: CaseFile) -> None:
    case_id, _ = a_case(cf)
    good = counselling(case_id)
    other_work = cw.AppointmentData(None, None, D(2025, 2, 3), 90, "other_work", themes=("other",))
    bad: list[tuple[str, cw.AppointmentData]] = [
        ("kind", dataclasses.replace(good, kind="coffee")),
        ("case_id", dataclasses.replace(good, case_id=None)),
        ("case_id", dataclasses.replace(other_work, case_id=case_id)),
        ("other_work_type", dataclasses.replace(good, other_work_type="training")),
        ("other_work_type", dataclasses.replace(other_work, other_work_type="party")),
        ("themes", dataclasses.replace(good, themes=())),
        ("themes", dataclasses.replace(good, themes=("work", "work"))),
        ("themes", dataclasses.replace(good, themes=("work", "gardening"))),
        ("themes", dataclasses.replace(good, themes="work")),
        ("minutes", dataclasses.replace(good, minutes=0)),
        ("minutes", dataclasses.replace(good, minutes=1441)),
        ("minutes", dataclasses.replace(good, minutes=True)),
        ("minutes", dataclasses.replace(good, minutes="60")),
        ("participants", dataclasses.replace(good, participants=-1)),
        ("channel", dataclasses.replace(good, channel="pigeon")),
        ("interpreter", dataclasses.replace(good, interpreter="friend")),
        ("municipality", dataclasses.replace(good, municipality="Atlantis")),
        ("municipality", dataclasses.replace(other_work, municipality="Atlantis")),
        ("date", dataclasses.replace(good, date=None)),
        ("notes", dataclasses.replace(good, notes=3)),
    ]
    for field, data in bad:
        rejects(cf, field, cw.add_appointment, data)
    rejects(
        cf,
        "case_id",
        cw.add_appointment,
        dataclasses.replace(good, case_id="no"),
        error=UnknownRecord,
    )
    rejects(cf, "id", cw.add_appointment, dataclasses.replace(good, id="chosen"))
    rejects(cf, "data", cw.add_appointment, {"kind": "other_work"})

    appointment_id = cw.add_appointment(cf, good)
    stored = dataclasses.replace(good, id=appointment_id)
    for field, data in bad[:4]:
        rejects(cf, field, cw.update_appointment, dataclasses.replace(data, id=appointment_id))
    rejects(cf, "id", cw.update_appointment, good, error=UnknownRecord)
    rejects(cf, "appointment_id", cw.delete_appointment, "no", error=UnknownRecord)
    rejects(cf, "end", cw.list_appointments, D(2025, 2, 3), D(2025, 2, 2))
    rejects(cf, "start", cw.list_appointments, None, D(2025, 2, 2))
    assert cw.list_appointments(cf, good.date, good.date, case_id)[0].id == stored.id


# -- assessments, goals, referrals, consents -------------------------------------------------


def test_assessments(cf: CaseFile) -> None:
    case_id, (_, child) = a_case(cf, household=1)
    start = last_audit_id(cf)
    first = cw.add_assessment(
        cf, case_id, D(2025, 2, 1), {"work": 3, "language": 2, "family": 0}, client_id=child
    )
    earlier = cw.add_assessment(cf, case_id, D(2025, 1, 15), {"health": 1}, notes=" erste Sicht ")
    detail = cw.get_case(cf, case_id)
    assert detail.assessments == (
        cw.AssessmentData(earlier, D(2025, 1, 15), None, {"health": 1}, "erste Sicht"),
        cw.AssessmentData(
            first, D(2025, 2, 1), child, {"work": 3, "language": 2, "family": 0}, None
        ),
    )
    assert list(detail.assessments[1].ratings) == ["work", "language", "family"]  # as entered
    assert ("create", "assessment_ratings", f"{first}/work") in audit_since(cf, start)

    for field, args, kwargs in (
        ("ratings", ({"gardening": 1},), {}),
        ("ratings", ({"work": 4},), {}),
        ("ratings", ({"work": -1},), {}),
        ("ratings", ({"work": True},), {}),
        ("ratings", ({},), {}),
        ("ratings", ([("work", 1)],), {}),
        ("client_id", ({"work": 1},), {"client_id": client(cf)}),
        ("notes", ({"work": 1},), {"notes": 5}),
    ):
        rejects(cf, field, cw.add_assessment, case_id, D(2025, 3, 1), *args, **kwargs)
    rejects(cf, "assessed_on", cw.add_assessment, case_id, None, {"work": 1})
    rejects(cf, "case_id", cw.add_assessment, "no", D(2025, 3, 1), {"work": 1}, error=UnknownRecord)

    cw.delete_assessment(cf, earlier)
    assert [a.id for a in cw.get_case(cf, case_id).assessments] == [first]
    assert ("delete", "assessments", earlier) in audit_since(cf, start)
    rejects(cf, "assessment_id", cw.delete_assessment, earlier, error=UnknownRecord)


def test_goals(cf: CaseFile) -> None:
    case_id, _ = a_case(cf)
    start = last_audit_id(cf)
    goal = cw.add_goal(
        cf, case_id, "language", " B1-Kurs abschließen ", D(2025, 2, 1), D(2025, 8, 1)
    )
    # A new goal needs a life area; one imported without (the interchange format allows it)
    # is still read.
    rejects(cf, "life_area", cw.add_goal, case_id, None, "Wohnung finden", D(2025, 1, 20))
    untyped = "untyped-goal"
    with cf.transaction() as session:
        session.add(
            Goal(
                id=untyped,
                case_id=case_id,
                title="Wohnung finden",
                agreed_on=D(2025, 1, 20),
                status="open",
            )
        )
    assert cw.get_case(cf, case_id).goals == (
        cw.GoalData(untyped, None, "Wohnung finden", D(2025, 1, 20), None, None, "open"),
        cw.GoalData(
            goal, "language", "B1-Kurs abschließen", D(2025, 2, 1), D(2025, 8, 1), None, "open"
        ),
    )
    cw.set_goal_status(cf, goal, "achieved", D(2025, 7, 1))
    achieved = cw.get_case(cf, case_id).goals[1]
    assert (achieved.closed_on, achieved.status) == (D(2025, 7, 1), "achieved")
    cw.set_goal_status(cf, goal, "open", None)
    assert cw.get_case(cf, case_id).goals[1].closed_on is None

    rejects(cf, "status", cw.set_goal_status, goal, "done", D(2025, 7, 1))
    rejects(cf, "closed_on", cw.set_goal_status, goal, "open", D(2025, 7, 1))
    rejects(cf, "closed_on", cw.set_goal_status, goal, "dropped", None)
    rejects(cf, "closed_on", cw.set_goal_status, goal, "dropped", D(2025, 1, 31))
    rejects(cf, "goal_id", cw.set_goal_status, "no", "dropped", D(2025, 3, 1), error=UnknownRecord)
    rejects(cf, "title", cw.add_goal, case_id, "work", "  ", D(2025, 2, 1))
    rejects(cf, "life_area", cw.add_goal, case_id, "gardening", "Garten", D(2025, 2, 1))
    rejects(cf, "due_on", cw.add_goal, case_id, "work", "Job", D(2025, 2, 1), D(2025, 1, 1))
    rejects(cf, "agreed_on", cw.add_goal, case_id, "work", "Job", None)
    rejects(cf, "case_id", cw.add_goal, "no", "work", "Job", D(2025, 2, 1), error=UnknownRecord)

    cw.delete_goal(cf, untyped)
    assert [g.id for g in cw.get_case(cf, case_id).goals] == [goal]
    assert audit_since(cf, start) == [
        ("create", "goals", goal),
        ("create", "goals", untyped),
        ("update", "goals", goal),
        ("update", "goals", goal),
        ("delete", "goals", untyped),
    ]


def test_referrals(cf: CaseFile) -> None:
    case_id, _ = a_case(cf)
    start = last_audit_id(cf)
    referral = cw.add_referral(
        cf, case_id, D(2025, 2, 1), "job_centre", " Jobcenter Moers ", "work"
    )
    plain = cw.add_referral(cf, case_id, D(2025, 1, 25), "debt_counselling")
    assert cw.get_case(cf, case_id).referrals == (
        cw.ReferralData(plain, D(2025, 1, 25), "debt_counselling", None, None, "pending"),
        cw.ReferralData(
            referral, D(2025, 2, 1), "job_centre", "Jobcenter Moers", "work", "pending"
        ),
    )
    cw.set_referral_outcome(cf, referral, "taken_up")
    assert cw.get_case(cf, case_id).referrals[1].outcome == "taken_up"
    rejects(cf, "target", cw.add_referral, case_id, D(2025, 2, 1), "friend")
    rejects(cf, "theme", cw.add_referral, case_id, D(2025, 2, 1), "job_centre", theme="jobs")
    rejects(cf, "outcome", cw.add_referral, case_id, D(2025, 2, 1), "job_centre", outcome="maybe")
    rejects(cf, "date", cw.add_referral, case_id, None, "job_centre")
    rejects(cf, "outcome", cw.set_referral_outcome, referral, "done")
    rejects(cf, "referral_id", cw.set_referral_outcome, "no", "taken_up", error=UnknownRecord)
    cw.delete_referral(cf, plain)
    assert audit_since(cf, start) == [
        ("create", "referrals", referral),
        ("create", "referrals", plain),
        ("update", "referrals", referral),
        ("delete", "referrals", plain),
    ]


def test_consents(cf: CaseFile) -> None:
    person = client(cf)
    start = last_audit_id(cf)
    documentation = cw.record_consent(
        cf, person, "case_documentation", D(2025, 1, 10), form_version="2024-1", language="ar"
    )
    transfer = cw.record_consent(cf, person, "data_transfer", D(2025, 2, 1), recipient="job_centre")
    cw.withdraw_consent(cf, transfer, D(2025, 3, 1))
    assert cw.list_consents(cf, person) == [
        cw.ConsentRow(documentation, person, "case_documentation", None, D(2025, 1, 10), None,
                      "2024-1", "ar"),
        cw.ConsentRow(transfer, person, "data_transfer", "job_centre", D(2025, 2, 1),
                      D(2025, 3, 1), None, None),
    ]  # fmt: skip
    rejects(cf, "recipient", cw.record_consent, person, "data_transfer", D(2025, 2, 1))
    rejects(
        cf, "recipient", cw.record_consent, person, "data_transfer", D(2025, 2, 1), recipient="Amt"
    )
    rejects(
        cf,
        "recipient",
        cw.record_consent,
        person,
        "case_documentation",
        D(2025, 2, 1),
        recipient="job_centre",
    )
    rejects(cf, "kind", cw.record_consent, person, "photos", D(2025, 2, 1))
    rejects(cf, "given_on", cw.record_consent, person, "case_documentation", None)
    rejects(cf, "client_id", cw.record_consent, "no", "case_documentation", D(2025, 2, 1),
            error=UnknownRecord)  # fmt: skip
    rejects(cf, "consent_id", cw.withdraw_consent, transfer, D(2025, 4, 1))  # already withdrawn
    rejects(cf, "withdrawn_on", cw.withdraw_consent, documentation, D(2025, 1, 9))
    rejects(cf, "consent_id", cw.withdraw_consent, "no", D(2025, 4, 1), error=UnknownRecord)
    cw.delete_consent(cf, documentation)
    assert [c.id for c in cw.list_consents(cf, person)] == [transfer]
    assert audit_since(cf, start) == [
        ("create", "consents", documentation),
        ("create", "consents", transfer),
        ("update", "consents", transfer),
        ("delete", "consents", documentation),
    ]


def test_codes_come_from_the_files_catalogues(cf: CaseFile) -> None:
    case_id, (person,) = a_case(cf)
    rejects(cf, "target", cw.add_referral, case_id, D(2025, 2, 1), "ombuds_office")
    with cf.transaction() as session:  # as a district configuration would add them
        session.add(
            CatalogueAddition(
                catalogue="referral_targets",
                code="ombuds_office",
                label_de="Ombudsstelle",
                label_en="Ombuds office",
            )
        )
    catalogues = cw.catalogues_of(cf)
    assert "ombuds_office" in catalogues["referral_targets"]
    assert catalogues["referral_targets"].label("ombuds_office") == "Ombudsstelle"
    assert "job_centre" in catalogues["referral_targets"]
    cw.add_referral(cf, case_id, D(2025, 2, 1), "ombuds_office")
    cw.record_consent(cf, person, "data_transfer", D(2025, 2, 1), recipient="ombuds_office")
    # Catalogues a district cannot extend stay closed.
    goal = cw.add_goal(cf, case_id, "work", "Ziel", D(2025, 2, 1))
    with cf.transaction() as session:
        session.add(
            CatalogueAddition(
                catalogue="goal_status", code="paused", label_de="Pausiert", label_en="Paused"
            )
        )
    rejects(cf, "status", cw.set_goal_status, goal, "paused", D(2025, 3, 1))


# -- structural gaps -------------------------------------------------------------------------


def test_structural_gaps(new_casefile: CaseFile) -> None:
    casefile = new_casefile
    cw.add_municipality(casefile, MOERS)
    draft = cw.GapData(None, MOERS, "language", " Zu wenige B2-Kurse ", "Wartezeit über 6 Monate")
    gap_id = cw.save_gap(casefile, draft)
    other = cw.save_gap(casefile, cw.GapData(None, MOERS, "housing", "Kein sozialer Wohnraum"))
    assert cw.list_gaps(casefile) == [
        dataclasses.replace(draft, id=gap_id, title="Zu wenige B2-Kurse"),
        cw.GapData(other, MOERS, "housing", "Kein sozialer Wohnraum"),
    ]
    cw.mark_gap_reported(casefile, gap_id, D(2025, 3, 31))
    assert [g.id for g in cw.list_gaps(casefile, "reported")] == [gap_id]
    assert [g.id for g in cw.list_gaps(casefile, "draft")] == [other]
    reported = cw.list_gaps(casefile, "reported")[0]
    assert (reported.status, reported.reported_on) == ("reported", D(2025, 3, 31))
    # A reported gap can still be edited.
    cw.save_gap(casefile, dataclasses.replace(reported, description="Wartezeit 8 Monate"))
    assert cw.list_gaps(casefile, "reported")[0].description == "Wartezeit 8 Monate"

    for field, data in (
        ("reported_on", dataclasses.replace(draft, reported_on=D(2025, 1, 1))),
        ("reported_on", dataclasses.replace(draft, status="reported")),
        ("status", dataclasses.replace(draft, status="sent")),
        ("municipality", dataclasses.replace(draft, municipality="Atlantis")),
        ("theme", dataclasses.replace(draft, theme="weather")),
        ("title", dataclasses.replace(draft, title=" ")),
    ):
        rejects(casefile, field, cw.save_gap, data)
        rejects(casefile, field, cw.save_gap, dataclasses.replace(data, id=other))
    rejects(casefile, "id", cw.save_gap, dataclasses.replace(draft, id="no"), error=UnknownRecord)
    rejects(casefile, "reported_on", cw.mark_gap_reported, other, None)
    rejects(casefile, "gap_id", cw.mark_gap_reported, "no", D(2025, 1, 1), error=UnknownRecord)
    rejects(casefile, "status", cw.list_gaps, "open")
    cw.delete_gap(casefile, other)
    assert [g.id for g in cw.list_gaps(casefile)] == [gap_id]
    entries = [e for e in audit_since(casefile, 0) if e[1] == "structural_gaps"]
    assert entries == [
        ("create", "structural_gaps", gap_id),
        ("create", "structural_gaps", other),
        ("update", "structural_gaps", gap_id),
        ("update", "structural_gaps", gap_id),
        ("delete", "structural_gaps", other),
    ]


# -- one case: detail and timeline -----------------------------------------------------------


def test_case_detail_and_timeline_order(cf: CaseFile) -> None:
    person, partner = client(cf, "Darwish", "Bassel"), client(cf, "Darwish", "Hala")
    consent = cw.record_consent(cf, person, "case_documentation", D(2025, 1, 10))
    case_id = cw.open_case(cf, MOERS, "case_management", D(2025, 1, 10), person, [partner])
    first = cw.add_appointment(cf, counselling(case_id, D(2025, 1, 10)))
    cw.set_phase(cf, case_id, "assessment", D(2025, 1, 15))
    assessment = cw.add_assessment(cf, case_id, D(2025, 1, 15), {"work": 3})
    goal = cw.add_goal(cf, case_id, "work", "Ausbildungsplatz", D(2025, 2, 1))
    referral = cw.add_referral(cf, case_id, D(2025, 2, 1), "employment_agency")
    last = cw.add_appointment(cf, counselling(case_id, D(2025, 3, 1)))
    cw.set_goal_status(cf, goal, "achieved", D(2025, 3, 1))
    cw.close_case(cf, case_id, D(2025, 3, 1), "goals_achieved")
    cw.reopen_case(cf, case_id, D(2025, 3, 10))
    cw.withdraw_consent(cf, consent, D(2025, 3, 12))

    detail = cw.get_case(cf, case_id)
    opened, assessed, closed, reopened = (str(c.id) for c in detail.phase_changes)
    assert [(e.on, e.kind, e.record_id, e.summary_code) for e in detail.timeline] == [
        (D(2025, 1, 10), "case_opened", opened, "case_management"),
        (D(2025, 1, 10), "consent_given", consent, "case_documentation"),
        (D(2025, 1, 10), "appointment", first, "case_management"),
        (D(2025, 1, 15), "phase_changed", assessed, "assessment"),
        (D(2025, 1, 15), "assessment", assessment, ""),
        (D(2025, 2, 1), "goal_agreed", goal, "work"),
        (D(2025, 2, 1), "referral", referral, "employment_agency"),
        (D(2025, 3, 1), "appointment", last, "case_management"),
        (D(2025, 3, 1), "goal_closed", goal, "achieved"),
        (D(2025, 3, 1), "case_closed", closed, "goals_achieved"),
        (D(2025, 3, 10), "case_reopened", reopened, "assessment"),
        (D(2025, 3, 12), "consent_withdrawn", consent, "case_documentation"),
    ]
    assert [m.client.given_name for m in detail.members] == ["Bassel", "Hala"]
    assert [c.id for c in detail.members[0].consents] == [consent]
    assert detail.members[1].consents == ()
    assert [a.id for a in detail.appointments] == [first, last]
    assert detail.phase == "assessment" and detail.closed_on is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        detail.phase = "closed"  # type: ignore[misc]


def test_case_without_history_from_an_import(demo_file: Path) -> None:
    with CaseFile.open(demo_file, PASSPHRASE) as casefile:
        with casefile.reading() as conn:
            closed_id = conn.scalar(
                select(literal_column("id")).select_from(Base.metadata.tables["cases"])
                .where(literal_column("closed_on").is_not(None)).limit(1)
            )  # fmt: skip
        detail = cw.get_case(casefile, closed_id)
        assert detail.phase_changes == ()
        kinds = [e.kind for e in detail.timeline]
        assert kinds[0] == "case_opened" and kinds.count("case_closed") == 1
        assert detail.timeline[0] == cw.TimelineEntry(
            detail.opened_on, "case_opened", closed_id, detail.track
        )
        closing = next(e for e in detail.timeline if e.kind == "case_closed")
        assert (closing.on, closing.record_id) == (detail.closed_on, closed_id)
        assert [e.on for e in detail.timeline] == sorted(e.on for e in detail.timeline)
        # The history starts when case work continues in the file.
        cw.reopen_case(casefile, closed_id, detail.closed_on)
        changes = cw.get_case(casefile, closed_id).phase_changes
        assert [(c.from_phase, c.to_phase) for c in changes] == [("closed", "intake")]
        assert cw.count_cases(casefile, cw.CaseFilter()) > 20


# -- overview --------------------------------------------------------------------------------


def test_overview_buckets(new_casefile: CaseFile) -> None:
    casefile = new_casefile
    cw.add_municipality(casefile, MOERS)
    today = D(2025, 6, 11)  # a Wednesday: the week is 9..15 June

    def case_with(family: str, follow_up: dt.date | None, track: str = "case_management") -> str:
        case_id = cw.open_case(casefile, MOERS, track, D(2025, 1, 5), client(casefile, family))
        cw.set_follow_up(casefile, case_id, follow_up)
        return case_id

    due_today = case_with("Due-Today", today)
    due_in_week = case_with("Due-In-Seven", today + dt.timedelta(days=7))
    later = case_with("Later", today + dt.timedelta(days=8))
    overdue = case_with("Overdue", today - dt.timedelta(days=1), "short_consultation")
    case_with("No-Follow-Up", None)
    closed = case_with("Closed", today - dt.timedelta(days=3))
    cw.close_case(casefile, closed, D(2025, 6, 1), "moved_away")
    cw.set_phase(casefile, due_today, "implementation", D(2025, 2, 1))
    cw.set_phase(casefile, later, "assessment", D(2025, 2, 1))

    appointments = [
        cw.add_appointment(casefile, counselling(due_today, day))
        for day in (D(2025, 6, 8), D(2025, 6, 9), D(2025, 6, 15), D(2025, 6, 16))
    ]
    work = cw.add_appointment(
        casefile,
        cw.AppointmentData(None, None, D(2025, 6, 12), 90, "other_work", themes=("other",)),
    )

    # Consents: valid, withdrawn, given after today, only a data transfer; one in a closed case.
    people = {
        name: cw.get_case(casefile, case_id).members[0].client.id
        for name, case_id in (
            ("due_today", due_today),
            ("due_in_week", due_in_week),
            ("later", later),
            ("overdue", overdue),
            ("closed", closed),
        )
    }
    cw.record_consent(casefile, people["due_today"], "case_documentation", D(2025, 1, 5))
    withdrawn = cw.record_consent(
        casefile, people["due_in_week"], "case_documentation", D(2025, 1, 5)
    )
    cw.withdraw_consent(casefile, withdrawn, D(2025, 6, 10))
    cw.record_consent(casefile, people["later"], "case_documentation", D(2025, 6, 12))
    cw.record_consent(casefile, people["overdue"], "data_transfer", D(2025, 1, 5), "job_centre")
    draft = cw.save_gap(casefile, cw.GapData(None, MOERS, "housing", "Kein Wohnraum"))
    cw.save_gap(
        casefile,
        cw.GapData(None, MOERS, "language", "Kurse", status="reported", reported_on=D(2025, 5, 1)),
    )

    result = cw.overview(casefile, today)
    assert [r.id for r in result.follow_ups_due] == [due_today, due_in_week]
    assert [r.id for r in result.follow_ups_overdue] == [overdue]
    assert result.follow_ups_due[0].primary_name == "Due-Today, Amina"
    assert [a.id for a in result.appointments_this_week] == [appointments[1], work, appointments[2]]
    assert result.appointments_this_week[0].primary_name == "Due-Today, Amina"
    assert result.open_cases_by_phase == {
        "intake": 3,
        "assessment": 1,
        "agreement": 0,
        "implementation": 1,
    }
    assert [r.display_name for r in result.clients_without_consent] == [
        "Due-In-Seven, Amina",
        "Later, Amina",
        "No-Follow-Up, Amina",
        "Overdue, Amina",
    ]
    assert [g.id for g in result.draft_gaps] == [draft]
    # On the day after the consent was given, that client drops out of the list.
    later_day = cw.overview(casefile, D(2025, 6, 12))
    assert "Later, Amina" not in [r.display_name for r in later_day.clients_without_consent]
    rejects(casefile, "today", cw.overview, None)


# -- indicators and interchange see what case work wrote -------------------------------------


def test_indicators_reflect_case_work(new_casefile: CaseFile) -> None:
    casefile = new_casefile
    cw.add_municipality(casefile, MOERS)
    year = parse_period("2025")

    def figures() -> dict[str, Any]:
        return flatten(for_casefile(casefile, year))

    long_term, (primary, child) = a_case(casefile, opened_on=D(2025, 2, 1), household=1)
    assert figures()["cases.opened"] == 1 and figures()["cases.long_term"] == 0
    goal = cw.add_goal(casefile, long_term, "work", "Arbeit finden", D(2025, 3, 1))
    stopped, _ = a_case(casefile, opened_on=D(2025, 4, 1))
    cw.close_case(casefile, stopped, D(2025, 5, 1), "not_continued")
    appointment = cw.add_appointment(
        casefile, counselling(long_term, D(2025, 3, 1), minutes=45, themes=("work", "language"))
    )
    cw.add_appointment(
        casefile,
        cw.AppointmentData(
            None, None, D(2025, 3, 2), 120, "other_work", "network_meeting", themes=("other",)
        ),
    )
    cw.add_referral(casefile, long_term, D(2025, 3, 1), "job_centre")
    cw.set_goal_status(casefile, goal, "achieved", D(2025, 6, 1))
    gap = cw.save_gap(casefile, cw.GapData(None, MOERS, "work", "Keine Anerkennungsberatung"))
    cw.mark_gap_reported(casefile, gap, D(2025, 6, 30))

    values = figures()
    expected = {
        "cases.opened": 2,
        "cases.persons_in_opened": 3,
        "cases.long_term": 1,
        "cases.not_continued": 1,
        "cases.closed": 1,
        "cases.closed_by_reason.not_continued": 1,
        "cases.open_at_end": 1,
        "appointments.total": 2,
        "appointments.case_management": 1,
        "appointments.minutes_case_management": 45,
        "appointments.other_work_by_type.network_meeting": 1,
        "themes.work": 1,
        "themes.language": 1,
        "referrals.by_target.job_centre": 1,
        "goals.agreed": 1,
        "goals.by_status.achieved": 1,
        "structural_gaps.reported": 1,
    }
    assert {key: values[key] for key in expected} == expected
    assert values["demographics.gender._suppressed"] == 0

    cw.delete_appointment(casefile, appointment)
    cw.reopen_case(casefile, stopped, D(2025, 5, 2))
    values = figures()
    assert (values["appointments.case_management"], values["themes.work"]) == (0, 0)
    assert (values["cases.closed"], values["cases.not_continued"]) == (0, 0)
    assert values["cases.open_at_end"] == 2

    # What case work writes is valid interchange: the export would import anywhere.
    document = interchange.export_document(casefile)
    assert interchange.validate(document, interchange.ExistingState()) == []
    assert {c["id"] for c in document["clients"]} >= {primary, child}


def test_client_municipality_is_that_of_the_newest_case(new_casefile: CaseFile) -> None:
    for name in ("Lohmar", "Siegburg"):
        cw.add_municipality(new_casefile, name)
    client = cw.create_client(new_casefile, cw.ClientData(family_name="Nowak"))
    alone = cw.create_client(new_casefile, cw.ClientData(family_name="Ohne Fall"))
    cw.open_case(new_casefile, "Lohmar", "case_management", dt.date(2024, 1, 5), client)
    cw.open_case(new_casefile, "Siegburg", "short_consultation", dt.date(2025, 3, 1), client)
    assert cw.client_municipality(new_casefile, client) == "Siegburg"
    assert cw.client_municipality(new_casefile, alone) is None
