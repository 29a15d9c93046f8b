"""Indicators (DESIGN.md section 6) checked against figures computed by hand.

The expected values below were worked out from the definitions in DESIGN.md sections 5 and 6,
not from ``kim_desktop/core/indicators.py``: this is an independent second reading of the
spec. Project decisions applied on top of DESIGN.md:

- "persons" means distinct clients (a client in two opened cases counts once);
- long_term / not_continued only consider goals agreed on or before period.end;
- a goal whose status is not ``open`` but has no ``closed_on`` counts with its status.

The case file used by most tests (``MAIN_DOCUMENT``) has two municipalities, Moers and
Kamp-Lintfort, plus Alpen which is declared but has no records. The comment beside each
record lists what it is there to test.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from kim_desktop.core import interchange
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.figures.indicators import flatten
from kim_desktop.core.figures.periods import parse_period
from kim_desktop.core.figures.stats import for_casefile

PASSPHRASE = "indicator check passphrase"

MOERS = "Moers"
KAMP = "Kamp-Lintfort"
ALPEN = "Alpen"

# ---------------------------------------------------------------------------------------
# Catalogue codes, copied from DESIGN.md section 5 (not from the implementation).

THEMES = (
    "livelihood", "language", "residence", "health", "housing", "education", "work",
    "family_childcare", "participation", "mobility", "other",
)  # fmt: skip
REFERRAL_TARGETS = (
    "social_welfare_office", "integration_point", "job_centre", "employment_agency",
    "registration_office", "youth_welfare_office", "integration_commissioner",
    "foreigners_authority", "naturalisation_authority", "migration_counselling",
    "language_course_provider", "municipal_office", "debt_counselling", "health_services",
    "welfare_organisation", "school_childcare", "other",
)  # fmt: skip
OTHER_WORK_TYPES = (
    "working_group", "network_meeting", "group_event", "kickoff_event", "case_conference",
    "training", "other",
)  # fmt: skip
CHANNELS = ("in_person", "phone", "email", "video", "outreach")
RESIDENCE_STATUSES = (
    "asylum_procedure", "toleration", "humanitarian", "temporary_protection",
    "family_reunification", "work_study", "eu_free_movement", "settlement", "german_citizen",
    "other", "unknown",
)  # fmt: skip
CLOSURE_REASONS = (
    "goals_achieved", "goals_partly_achieved", "not_continued", "client_withdrew",
    "moved_away", "referred_elsewhere", "contact_lost", "other",
)  # fmt: skip
GOAL_STATUSES = ("open", "achieved", "partly_achieved", "not_achieved", "dropped")
AGE_BANDS = ("0-5", "6-17", "18-26", "27-44", "45-64", "65+")
GENDERS = ("female", "male", "diverse", "unknown")

# Every catalogue-valued section of the indicators and the codes it must list (with zeroes).
CATALOGUE_SECTIONS: dict[str, tuple[str, ...]] = {
    "themes": THEMES,
    "appointments.by_channel": CHANNELS,
    "appointments.other_work_by_type": OTHER_WORK_TYPES,
    "cases.closed_by_reason": CLOSURE_REASONS,
    "referrals.by_target": REFERRAL_TARGETS,
    "goals.by_status": GOAL_STATUSES,
    "demographics.gender": GENDERS,
    "demographics.age_band": AGE_BANDS,
    "demographics.residence_status": RESIDENCE_STATUSES,
}
DEMOGRAPHIC_DIMENSIONS = ("gender", "age_band", "nationality", "residence_status")


# ---------------------------------------------------------------------------------------
# Building interchange documents


def document(**arrays: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "format": "kim-casefile",
        "version": 1,
        "clients": [],
        "cases": [],
        "appointments": [],
    }
    doc.update(arrays)
    return doc


def client(cid: str, gender: str, born: str, nationality: str, residence: str) -> dict[str, Any]:
    return {
        "id": cid,
        "given_name": "Test",
        "family_name": f"Person {cid}",
        "gender": gender,
        "birth_date": born,
        "nationality": nationality,
        "residence_status": residence,
    }


def case(
    cid: str,
    municipality: str,
    opened: str,
    members: list[str],
    *,
    track: str = "case_management",
    closed: str | None = None,
    reason: str | None = None,
) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": cid,
        "municipality": municipality,
        "track": track,
        "opened_on": opened,
        "members": [
            {"client_id": m, "role": "primary" if i == 0 else "household"}
            for i, m in enumerate(members)
        ],
    }
    if closed:
        record["phase"] = "closed"
        record["closed_on"] = closed
        if reason:
            record["closure_reason"] = reason
    return record


def appt(
    aid: str,
    date: str,
    kind: str,
    minutes: int,
    *,
    case_id: str | None = None,
    channel: str | None = None,
    themes: tuple[str, ...] = (),
    municipality: str | None = None,
    other_work_type: str | None = None,
) -> dict[str, Any]:
    record: dict[str, Any] = {"id": aid, "date": date, "kind": kind, "minutes": minutes}
    if case_id:
        record["case_id"] = case_id
    if channel:
        record["channel"] = channel
    if themes:
        record["themes"] = list(themes)
    if municipality:
        record["municipality"] = municipality
    if other_work_type:
        record["other_work_type"] = other_work_type
    return record


def goal(
    gid: str, case_id: str, agreed: str, status: str, closed: str | None = None
) -> dict[str, Any]:
    record = {
        "id": gid,
        "case_id": case_id,
        "life_area": "work",
        "title": f"Goal {gid}",
        "agreed_on": agreed,
        "status": status,
    }
    if closed:
        record["closed_on"] = closed
    return record


def referral(rid: str, case_id: str, date: str, target: str) -> dict[str, Any]:
    return {"id": rid, "case_id": case_id, "date": date, "target": target}


def gap(gid: str, municipality: str, reported: str | None) -> dict[str, Any]:
    record = {"id": gid, "municipality": municipality, "theme": "housing", "title": f"Gap {gid}"}
    if reported:
        record.update(status="reported", reported_on=reported)
    else:
        record["status"] = "draft"
    return record


CM, SC, OW = "case_management", "short_consultation", "other_work"

MAIN_DOCUMENT = document(
    municipalities=[MOERS, KAMP, ALPEN],
    clients=[
        # c1 turns 27 on 2023-12-31 (a year/Q4 period end): 27-44 there, 18-26 on 2023-06-30.
        client("c1", "female", "1996-12-31", "SY", "humanitarian"),
        # c2: 5 on 2023-06-30 (0-5), 6 on 2023-12-31 (6-17).
        client("c2", "male", "2017-10-01", "SY", "humanitarian"),
        # c3 turns 45 on 2023-06-30 (the range end): 45-64.
        client("c3", "male", "1978-06-30", "UA", "temporary_protection"),
        client("c4", "diverse", "1990-01-15", "stateless", "toleration"),
        client("c5", "female", "2000-05-20", "TR", "work_study"),
        client("c6", "unknown", "1950-03-03", "DE", "german_citizen"),
        # c7 is only in short-consultation cases: never among the persons of opened cases.
        client("c7", "female", "1985-01-01", "IR", "asylum_procedure"),
        # c8 is only in cases opened in 2022.
        client("c8", "male", "1970-01-01", "RO", "eu_free_movement"),
    ],
    cases=[
        # A: two members; positively closed in Q4 with 4 case_management appointments
        # (plus one short_consultation appointment that the median must not count).
        case("A", MOERS, "2023-02-10", ["c1", "c2"], closed="2023-11-20", reason="goals_achieved"),
        # B: closed on the H1 range end without any goal: not continued.
        case("B", MOERS, "2023-05-05", ["c3"], closed="2023-06-30", reason="not_continued"),
        # C: opened in Q4, closed after the end of 2023: not closed, not "not continued",
        # open at the end.
        case("C", KAMP, "2023-10-02", ["c4"], closed="2024-01-15", reason="client_withdrew"),
        # D: c1 again (distinct persons); its only goal is agreed in 2024 -> not long-term.
        case("D", KAMP, "2023-11-01", ["c5", "c1"]),
        # E: closed on the last day of 2023 with goals achieved; 1 case_management appointment.
        case("E", MOERS, "2023-08-01", ["c6"], closed="2023-12-31", reason="goals_achieved"),
        # F: opened in 2022, closed positively in 2023 with 3 CM appointments (two in 2022).
        case("F", MOERS, "2022-06-01", ["c8"], closed="2023-03-10", reason="goals_achieved"),
        # G: opened in 2022, never closed: open at the end of every 2023 period.
        case("G", KAMP, "2022-01-10", ["c8"]),
        # S, S2: short-consultation track: never in cases.opened / closed / open_at_end.
        case("S", MOERS, "2023-04-01", ["c7"], track=SC, closed="2023-04-01", reason="other"),
        case("S2", KAMP, "2023-10-10", ["c7"], track=SC),
    ],
    appointments=[
        appt(
            "a1",
            "2023-02-10",
            CM,
            60,
            case_id="A",
            channel="in_person",
            themes=("residence", "language"),
        ),
        appt("a2", "2023-03-01", CM, 45, case_id="A", channel="phone", themes=("residence",)),
        appt("a3", "2023-09-30", CM, 30, case_id="A", channel="in_person", themes=("housing",)),
        appt("a4", "2023-11-20", CM, 50, case_id="A", channel="video", themes=("work",)),
        appt("a5", "2023-05-02", SC, 15, case_id="A", channel="phone", themes=("health",)),
        # b1 takes place in Kamp-Lintfort although case B belongs to Moers.
        appt(
            "b1",
            "2023-05-05",
            CM,
            90,
            case_id="B",
            channel="in_person",
            themes=("livelihood",),
            municipality=KAMP,
        ),
        # b2 lies on the H1 range end.
        appt(
            "b2",
            "2023-06-30",
            CM,
            30,
            case_id="B",
            channel="phone",
            themes=("livelihood", "housing"),
        ),
        # c_1 and d1 take place in Moers although cases C and D belong to Kamp-Lintfort.
        appt(
            "c_1",
            "2023-10-02",
            CM,
            40,
            case_id="C",
            channel="in_person",
            themes=("language",),
            municipality=MOERS,
        ),
        # c_2 lies on the Q4/year end, c_3 on the day after.
        appt("c_2", "2023-12-31", CM, 25, case_id="C", channel="email", themes=("language",)),
        appt("c_3", "2024-01-01", CM, 60, case_id="C", channel="in_person", themes=("language",)),
        appt(
            "d1",
            "2023-11-01",
            CM,
            57,
            case_id="D",
            channel="in_person",
            themes=("family_childcare",),
            municipality=MOERS,
        ),
        appt(
            "e1",
            "2023-08-01",
            CM,
            35,
            case_id="E",
            channel="outreach",
            themes=("education", "work"),
        ),
        appt("f1", "2022-06-01", CM, 60, case_id="F", channel="in_person", themes=("health",)),
        appt("f2", "2022-08-01", CM, 60, case_id="F", channel="in_person", themes=("health",)),
        # f3 lies on the first day of 2023 / of the H1 range.
        appt("f3", "2023-01-01", CM, 45, case_id="F", channel="in_person", themes=("health",)),
        # g1 lies on the day before 2023.
        appt("g1", "2022-12-31", CM, 30, case_id="G", channel="phone", themes=("other",)),
        appt("s1", "2023-04-01", SC, 20, case_id="S", channel="phone", themes=("residence",)),
        appt("s2", "2023-10-10", SC, 15, case_id="S2", channel="in_person", themes=("mobility",)),
        appt(
            "o1",
            "2023-03-15",
            OW,
            120,
            channel="in_person",
            themes=("participation",),
            municipality=MOERS,
            other_work_type="working_group",
        ),
        # o2 lies on the day after the H1 range.
        appt(
            "o2",
            "2023-07-01",
            OW,
            90,
            channel="video",
            municipality=KAMP,
            other_work_type="network_meeting",
        ),
        # o3 has no channel: counted in the total but in no by_channel cell.
        appt("o3", "2023-12-01", OW, 60, municipality=MOERS, other_work_type="case_conference"),
    ],
    goals=[
        goal("gA1", "A", "2023-03-01", "achieved", closed="2023-11-15"),
        # gA2 is agreed on the H1 range end and closed after it: open as of 2023-06-30.
        goal("gA2", "A", "2023-06-30", "not_achieved", closed="2023-07-15"),
        # gD1 is agreed after 2023.
        goal("gD1", "D", "2024-01-10", "open"),
        # gE1 is closed after 2023: open as of 2023-12-31.
        goal("gE1", "E", "2023-09-01", "achieved", closed="2024-02-01"),
        # gE2 is dropped without a closed_on date: counts as dropped.
        goal("gE2", "E", "2023-09-15", "dropped"),
        goal("gF1", "F", "2022-07-01", "achieved", closed="2023-03-01"),
        # gG1 is closed on the Q4 end: partly achieved as of 2023-12-31.
        goal("gG1", "G", "2023-10-05", "partly_achieved", closed="2023-12-31"),
    ],
    referrals=[
        referral("r1", "A", "2023-03-01", "job_centre"),
        referral("r2", "D", "2023-11-05", "foreigners_authority"),  # D is Kamp-Lintfort's
        referral("r3", "C", "2024-01-02", "language_course_provider"),
        referral("r4", "E", "2023-12-31", "job_centre"),
        referral("r5", "F", "2022-12-31", "other"),
    ],
    structural_gaps=[
        gap("sg1", MOERS, "2023-05-01"),
        gap("sg2", KAMP, "2023-12-31"),
        gap("sg3", MOERS, None),  # a draft is not reported
        gap("sg4", KAMP, "2024-01-01"),
    ],
)


# ---------------------------------------------------------------------------------------
# Fixtures


def _create(path: Path, doc: Mapping[str, Any]) -> CaseFile:
    casefile = CaseFile.create(path, PASSPHRASE, role="casemanager", owner="Indicator Tester")
    try:
        interchange.import_document(casefile, doc, "test")
    except BaseException:
        casefile.close()
        raise
    return casefile


@pytest.fixture(scope="module")
def main_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("indicators") / "main.kim"
    _create(path, MAIN_DOCUMENT).close()
    yield path


@pytest.fixture(scope="module")
def main_file(main_path: Path) -> Iterator[CaseFile]:
    casefile = CaseFile.open(main_path, PASSPHRASE)
    yield casefile
    casefile.close()


def stats(casefile: CaseFile, period: str, municipality: str | None = None) -> dict[str, Any]:
    return for_casefile(casefile, parse_period(period), municipality)


# ---------------------------------------------------------------------------------------
# Expectations


def cat(section: str, counts: Mapping[str, int] | None = None) -> dict[str, int]:
    """Dotted keys for every code of a catalogue section: the given counts, zero elsewhere."""
    counts = dict(counts or {})
    codes = CATALOGUE_SECTIONS[section]
    unknown = set(counts) - set(codes)
    assert not unknown, f"test bug: {unknown} not in {section}"
    return {f"{section}.{code}": counts.get(code, 0) for code in codes}


MISSING = "<missing>"


def assert_figures(result: Mapping[str, Any], expected: Mapping[str, Any]) -> None:
    """Every expected dotted key is present with exactly the expected value."""
    flat = flatten(result)
    got = {key: flat.get(key, MISSING) for key in expected}
    mismatches = {k: (got[k], expected[k]) for k in expected if got[k] != expected[k]}
    assert not mismatches, f"(got, expected): {mismatches}"
    # Equality alone would let 45.0 == 45 or True == 1 slip through for a null/float check.
    for key, value in expected.items():
        if value is None:
            assert got[key] is None, key


def assert_demographics_consistent(result: Mapping[str, Any]) -> None:
    """Each dimension adds up to persons_in_opened; nothing suppressed in a case-manager file;
    codes beyond the catalogue, if any, are zero."""
    persons = result["cases"]["persons_in_opened"]
    for dim in DEMOGRAPHIC_DIMENSIONS:
        cells = result["demographics"][dim]
        assert cells.get("_suppressed") == 0, (dim, cells)
        values = {k: v for k, v in cells.items() if k != "_suppressed"}
        assert all(isinstance(v, int) for v in values.values()), (dim, cells)
        assert sum(values.values()) == persons, (dim, cells, persons)


def assert_no_extra_nonzero(result: Mapping[str, Any]) -> None:
    """Keys beside the catalogue codes are allowed (a district may extend catalogues) but in
    a file without extensions they can only be zero."""
    flat = flatten(result)
    for section, codes in CATALOGUE_SECTIONS.items():
        extra = {
            k: v
            for k, v in flat.items()
            if k.startswith(section + ".")
            and k[len(section) + 1 :] not in codes
            and k[len(section) + 1 :] != "_suppressed"
        }
        assert all(v == 0 for v in extra.values()), (section, extra)


# ---------------------------------------------------------------------------------------
# Tests on the main file, per period


def test_year_2023(main_file: CaseFile) -> None:
    result = stats(main_file, "2023")
    # In 2023: a1 a2 a3 a4 b1 b2 c_1 c_2 d1 e1 f3 (CM, 11), a5 s1 s2 (SC, 3), o1 o2 o3 (OW, 3).
    # Not: c_3 (2024-01-01), f1 f2 g1 (2022).
    expected = {
        "period.start": "2023-01-01",
        "period.end": "2023-12-31",
        "appointments.total": 17,
        "appointments.counselling": 14,
        "appointments.short_consultation": 3,
        "appointments.case_management": 11,
        "appointments.other_work": 3,
        # 60+45+30+50+90+30+40+25+57+35+45 = 507; 507 / 11 = 46.09
        "appointments.minutes_case_management": 507,
        "appointments.avg_minutes_case_management": 46.1,
        **cat(
            "appointments.other_work_by_type",
            {"working_group": 1, "network_meeting": 1, "case_conference": 1},
        ),
        # o3 has no channel: 16 of 17 appointments have one.
        **cat(
            "appointments.by_channel",
            {"in_person": 8, "phone": 4, "email": 1, "video": 2, "outreach": 1},
        ),
        # Opened case_management cases: A B C D E (S is a short consultation, F G are 2022).
        "cases.opened": 5,
        # c1 c2 | c3 | c4 | c5 c1 | c6 -> 6 distinct clients.
        "cases.persons_in_opened": 6,
        # A (gA1, gA2) and E (gE1, gE2); D's goal is agreed in 2024.
        "cases.long_term": 2,
        # B (closed 2023-06-30, no goal); C closes in 2024, D is open.
        "cases.not_continued": 1,
        # A E F (goals_achieved), B (not_continued); C closes 2024; S is short consultation.
        "cases.closed": 4,
        **cat("cases.closed_by_reason", {"goals_achieved": 3, "not_continued": 1}),
        # C (closed after the end), D, G.
        "cases.open_at_end": 3,
        # CM appointments of A: 4 (a5 is short_consultation), E: 1, F: 3 -> median of 1 3 4.
        "cases.appointments_to_positive_close.median": 3,
        **cat(
            "themes",
            {
                "residence": 3,
                "language": 3,
                "housing": 2,
                "work": 2,
                "health": 2,
                "livelihood": 2,
                "family_childcare": 1,
                "education": 1,
                "mobility": 1,
                "participation": 1,
            },
        ),
        "referrals.total": 3,
        **cat("referrals.by_target", {"job_centre": 2, "foreigners_authority": 1}),
        # gA1 gA2 gE1 gE2 gG1; gE1 is closed in 2024 so it is open on 2023-12-31.
        "goals.agreed": 5,
        **cat(
            "goals.by_status",
            {"open": 1, "achieved": 1, "partly_achieved": 1, "not_achieved": 1, "dropped": 1},
        ),
        "structural_gaps.reported": 2,
        # Persons c1..c6, ages on 2023-12-31: c1 27 (birthday), c2 6, c3 45, c4 33, c5 23, c6 73.
        **cat("demographics.gender", {"female": 2, "male": 2, "diverse": 1, "unknown": 1}),
        **cat(
            "demographics.age_band",
            {"6-17": 1, "18-26": 1, "27-44": 2, "45-64": 1, "65+": 1},
        ),
        **cat(
            "demographics.residence_status",
            {
                "humanitarian": 2,
                "temporary_protection": 1,
                "toleration": 1,
                "work_study": 1,
                "german_citizen": 1,
            },
        ),
        "demographics.nationality.SY": 2,
        "demographics.nationality.UA": 1,
        "demographics.nationality.stateless": 1,
        "demographics.nationality.TR": 1,
        "demographics.nationality.DE": 1,
        "demographics.gender._suppressed": 0,
        "demographics.age_band._suppressed": 0,
        "demographics.nationality._suppressed": 0,
        "demographics.residence_status._suppressed": 0,
    }
    assert_figures(result, expected)
    assert_demographics_consistent(result)
    assert_no_extra_nonzero(result)
    # Clients not in opened case-management cases do not appear at all.
    assert result["demographics"]["nationality"].get("IR", 0) == 0
    assert result["demographics"]["nationality"].get("RO", 0) == 0


def test_quarter_2023_q4(main_file: CaseFile) -> None:
    result = stats(main_file, "2023-Q4")
    # a4 c_1 c_2 d1 (CM), s2 (SC), o3 (OW); c_2 on 2023-12-31 counts, c_3 on 2024-01-01 not,
    # a3 on 2023-09-30 not.
    expected = {
        "period.start": "2023-10-01",
        "period.end": "2023-12-31",
        "appointments.total": 6,
        "appointments.counselling": 5,
        "appointments.short_consultation": 1,
        "appointments.case_management": 4,
        "appointments.other_work": 1,
        "appointments.minutes_case_management": 172,  # 50+40+25+57
        "appointments.avg_minutes_case_management": 43.0,
        **cat("appointments.other_work_by_type", {"case_conference": 1}),
        **cat("appointments.by_channel", {"in_person": 3, "video": 1, "email": 1}),
        # C and D.
        "cases.opened": 2,
        "cases.persons_in_opened": 3,  # c4 | c5 c1
        # D's only goal is agreed on 2024-01-10, after the period: not long-term.
        "cases.long_term": 0,
        # C is closed on 2024-01-15, after the period: not "not continued".
        "cases.not_continued": 0,
        # A (2023-11-20), E (2023-12-31); C closes after the period.
        "cases.closed": 2,
        **cat("cases.closed_by_reason", {"goals_achieved": 2}),
        "cases.open_at_end": 3,  # C D G
        # A: 4, E: 1 -> median of an even count: (1 + 4) / 2.
        "cases.appointments_to_positive_close.median": 2.5,
        **cat("themes", {"work": 1, "language": 2, "family_childcare": 1, "mobility": 1}),
        "referrals.total": 2,
        **cat("referrals.by_target", {"job_centre": 1, "foreigners_authority": 1}),
        # gG1 (closed on period.end, so already partly achieved); gD1 is agreed in 2024.
        "goals.agreed": 1,
        **cat("goals.by_status", {"partly_achieved": 1}),
        "structural_gaps.reported": 1,  # sg2 on 2023-12-31; sg4 on 2024-01-01 not
        # c4 (33), c5 (23), c1 (27 on period.end).
        **cat("demographics.gender", {"female": 2, "diverse": 1}),
        **cat("demographics.age_band", {"18-26": 1, "27-44": 2}),
        **cat(
            "demographics.residence_status",
            {"toleration": 1, "work_study": 1, "humanitarian": 1},
        ),
        "demographics.nationality.stateless": 1,
        "demographics.nationality.TR": 1,
        "demographics.nationality.SY": 1,
    }
    assert_figures(result, expected)
    assert_demographics_consistent(result)
    assert_no_extra_nonzero(result)


def test_quarter_2023_q3_without_positive_closures(main_file: CaseFile) -> None:
    result = stats(main_file, "2023-Q3")
    # a3 (2023-09-30, the quarter's last day), e1 (CM); o2 (OW, 2023-07-01).
    expected = {
        "period.start": "2023-07-01",
        "period.end": "2023-09-30",
        "appointments.total": 3,
        "appointments.counselling": 2,
        "appointments.short_consultation": 0,
        "appointments.case_management": 2,
        "appointments.other_work": 1,
        "appointments.minutes_case_management": 65,
        "appointments.avg_minutes_case_management": 32.5,
        **cat("appointments.other_work_by_type", {"network_meeting": 1}),
        **cat("appointments.by_channel", {"in_person": 1, "outreach": 1, "video": 1}),
        "cases.opened": 1,  # E
        "cases.persons_in_opened": 1,
        "cases.long_term": 1,
        "cases.not_continued": 0,
        "cases.closed": 0,
        **cat("cases.closed_by_reason"),
        "cases.open_at_end": 3,  # A (closes in Q4), E, G
        "cases.appointments_to_positive_close.median": None,
        **cat("themes", {"housing": 1, "education": 1, "work": 1}),
        "referrals.total": 0,
        **cat("referrals.by_target"),
        # gE1 (closed 2024 -> open), gE2 (dropped, no closed_on -> dropped).
        "goals.agreed": 2,
        **cat("goals.by_status", {"open": 1, "dropped": 1}),
        "structural_gaps.reported": 0,
        **cat("demographics.gender", {"unknown": 1}),
        **cat("demographics.age_band", {"65+": 1}),
        **cat("demographics.residence_status", {"german_citizen": 1}),
        "demographics.nationality.DE": 1,
    }
    assert_figures(result, expected)
    assert_demographics_consistent(result)


def test_date_range_first_half_2023(main_file: CaseFile) -> None:
    result = stats(main_file, "2023-01-01..2023-06-30")
    # a1 a2 b1 b2 f3 (CM), a5 s1 (SC), o1 (OW). b2 on the end and f3 on the start count;
    # o2 on the day after and g1 on the day before do not.
    expected = {
        "period.start": "2023-01-01",
        "period.end": "2023-06-30",
        "appointments.total": 8,
        "appointments.counselling": 7,
        "appointments.short_consultation": 2,
        "appointments.case_management": 5,
        "appointments.other_work": 1,
        "appointments.minutes_case_management": 270,  # 60+45+90+30+45
        "appointments.avg_minutes_case_management": 54.0,
        **cat("appointments.other_work_by_type", {"working_group": 1}),
        **cat("appointments.by_channel", {"in_person": 4, "phone": 4}),
        # A and B; S (short consultation) is not counted.
        "cases.opened": 2,
        "cases.persons_in_opened": 3,  # c1 c2 | c3 (c7 of S is not counted)
        "cases.long_term": 1,  # A (gA1 on 2023-03-01)
        "cases.not_continued": 1,  # B, closed on period.end without goal
        # B (2023-06-30) and F (2023-03-10); S is a short consultation.
        "cases.closed": 2,
        **cat("cases.closed_by_reason", {"not_continued": 1, "goals_achieved": 1}),
        "cases.open_at_end": 2,  # A G
        "cases.appointments_to_positive_close.median": 3,  # F: f1 f2 f3
        **cat(
            "themes",
            {
                "residence": 3,
                "language": 1,
                "health": 2,
                "livelihood": 2,
                "housing": 1,
                "participation": 1,
            },
        ),
        "referrals.total": 1,
        **cat("referrals.by_target", {"job_centre": 1}),
        # gA1 (closed 2023-11-15) and gA2 (agreed on period.end, closed 2023-07-15):
        # both still open on 2023-06-30.
        "goals.agreed": 2,
        **cat("goals.by_status", {"open": 2}),
        "structural_gaps.reported": 1,
        # Ages on 2023-06-30: c1 26, c2 5, c3 45 (birthday on period.end).
        **cat("demographics.gender", {"female": 1, "male": 2}),
        **cat("demographics.age_band", {"0-5": 1, "18-26": 1, "45-64": 1}),
        **cat("demographics.residence_status", {"humanitarian": 2, "temporary_protection": 1}),
        "demographics.nationality.SY": 2,
        "demographics.nationality.UA": 1,
    }
    assert_figures(result, expected)
    assert_demographics_consistent(result)
    assert_no_extra_nonzero(result)


def test_single_day_ranges_have_inclusive_ends(main_file: CaseFile) -> None:
    on_end = stats(main_file, "2023-12-31..2023-12-31")
    assert_figures(
        on_end,
        {
            "appointments.total": 1,  # c_2
            "appointments.case_management": 1,
            "cases.closed": 1,  # E
            "referrals.total": 1,  # r4
            "structural_gaps.reported": 1,  # sg2
            "goals.agreed": 0,
        },
    )
    day_after = stats(main_file, "2024-01-01..2024-01-01")
    assert_figures(
        day_after,
        {
            "appointments.total": 1,  # c_3
            "cases.closed": 0,
            "referrals.total": 0,
            "structural_gaps.reported": 1,  # sg4
        },
    )


def test_empty_period_reports_zero_for_every_code_and_nulls(main_file: CaseFile) -> None:
    result = stats(main_file, "2021")
    expected: dict[str, Any] = {
        "period.start": "2021-01-01",
        "period.end": "2021-12-31",
        "appointments.total": 0,
        "appointments.counselling": 0,
        "appointments.short_consultation": 0,
        "appointments.case_management": 0,
        "appointments.other_work": 0,
        "appointments.minutes_case_management": 0,
        "appointments.avg_minutes_case_management": None,
        "cases.opened": 0,
        "cases.persons_in_opened": 0,
        "cases.long_term": 0,
        "cases.not_continued": 0,
        "cases.closed": 0,
        "cases.open_at_end": 0,
        "cases.appointments_to_positive_close.median": None,
        "referrals.total": 0,
        "goals.agreed": 0,
        "structural_gaps.reported": 0,
    }
    for section in CATALOGUE_SECTIONS:
        expected.update(cat(section))
    for dim in DEMOGRAPHIC_DIMENSIONS:
        expected[f"demographics.{dim}._suppressed"] = 0
    assert_figures(result, expected)
    assert_demographics_consistent(result)


# ---------------------------------------------------------------------------------------
# Municipality filter


def test_municipality_moers(main_file: CaseFile) -> None:
    result = stats(main_file, "2023", MOERS)
    # Appointments by their own municipality: b1 (case B, Moers) happened in Kamp-Lintfort
    # and is left out; c_1 and d1 (cases of Kamp-Lintfort) happened in Moers and count.
    # Moers 2023: a1 a2 a3 a4 b2 c_1 d1 e1 f3 (CM), a5 s1 (SC), o1 o3 (OW).
    expected = {
        "appointments.total": 13,
        "appointments.counselling": 11,
        "appointments.short_consultation": 2,
        "appointments.case_management": 9,
        "appointments.other_work": 2,
        # 60+45+30+50+30+40+57+35+45 = 392; 392 / 9 = 43.56
        "appointments.minutes_case_management": 392,
        "appointments.avg_minutes_case_management": 43.6,
        **cat("appointments.other_work_by_type", {"working_group": 1, "case_conference": 1}),
        **cat(
            "appointments.by_channel",
            {"in_person": 6, "phone": 4, "video": 1, "outreach": 1},
        ),
        **cat(
            "themes",
            {
                "residence": 3,
                "language": 2,
                "housing": 2,
                "work": 2,
                "health": 2,
                "livelihood": 1,
                "family_childcare": 1,
                "education": 1,
                "participation": 1,
            },
        ),
        # Cases by their municipality: A B E opened; A B E F closed.
        "cases.opened": 3,
        "cases.persons_in_opened": 4,  # c1 c2 c3 c6
        "cases.long_term": 2,
        "cases.not_continued": 1,
        "cases.closed": 4,
        **cat("cases.closed_by_reason", {"goals_achieved": 3, "not_continued": 1}),
        "cases.open_at_end": 0,  # C D G are Kamp-Lintfort's
        "cases.appointments_to_positive_close.median": 3,
        # Referrals and goals by their case's municipality: r1 r4; gA1 gA2 gE1 gE2.
        "referrals.total": 2,
        **cat("referrals.by_target", {"job_centre": 2}),
        "goals.agreed": 4,
        **cat("goals.by_status", {"open": 1, "achieved": 1, "not_achieved": 1, "dropped": 1}),
        "structural_gaps.reported": 1,
        **cat("demographics.gender", {"female": 1, "male": 2, "unknown": 1}),
        **cat("demographics.age_band", {"6-17": 1, "27-44": 1, "45-64": 1, "65+": 1}),
        **cat(
            "demographics.residence_status",
            {"humanitarian": 2, "temporary_protection": 1, "german_citizen": 1},
        ),
        "demographics.nationality.SY": 2,
        "demographics.nationality.UA": 1,
        "demographics.nationality.DE": 1,
    }
    assert_figures(result, expected)
    assert_demographics_consistent(result)
    assert_no_extra_nonzero(result)


def test_municipality_kamp_lintfort(main_file: CaseFile) -> None:
    result = stats(main_file, "2023", KAMP)
    # Kamp-Lintfort 2023: b1 c_2 (CM), s2 (SC), o2 (OW).
    expected = {
        "appointments.total": 4,
        "appointments.counselling": 3,
        "appointments.short_consultation": 1,
        "appointments.case_management": 2,
        "appointments.other_work": 1,
        "appointments.minutes_case_management": 115,  # 90 + 25
        "appointments.avg_minutes_case_management": 57.5,
        **cat("appointments.other_work_by_type", {"network_meeting": 1}),
        **cat("appointments.by_channel", {"in_person": 2, "email": 1, "video": 1}),
        **cat("themes", {"livelihood": 1, "language": 1, "mobility": 1}),
        # C D opened; nothing closed in 2023 (C closes in 2024).
        "cases.opened": 2,
        "cases.persons_in_opened": 3,  # c4 | c5 c1
        "cases.long_term": 0,
        "cases.not_continued": 0,
        "cases.closed": 0,
        **cat("cases.closed_by_reason"),
        "cases.open_at_end": 3,  # C D G
        "cases.appointments_to_positive_close.median": None,
        # r2 belongs to case D (Kamp-Lintfort); gG1 to case G.
        "referrals.total": 1,
        **cat("referrals.by_target", {"foreigners_authority": 1}),
        "goals.agreed": 1,
        **cat("goals.by_status", {"partly_achieved": 1}),
        "structural_gaps.reported": 1,
        **cat("demographics.gender", {"female": 2, "diverse": 1}),
        **cat("demographics.age_band", {"18-26": 1, "27-44": 2}),
        **cat(
            "demographics.residence_status",
            {"toleration": 1, "work_study": 1, "humanitarian": 1},
        ),
    }
    assert_figures(result, expected)
    assert_demographics_consistent(result)
    assert_no_extra_nonzero(result)


def test_municipality_filters_partition_the_totals(main_file: CaseFile) -> None:
    """Every appointment, case, referral, goal and gap has exactly one municipality, so the
    per-municipality counts add up to the unfiltered ones."""
    whole = flatten(stats(main_file, "2023"))
    parts = [flatten(stats(main_file, "2023", m)) for m in (MOERS, KAMP, ALPEN)]
    additive = [
        k
        for k, v in whole.items()
        if isinstance(v, int)
        and not isinstance(v, bool)
        and not k.startswith(("demographics.", "cases.persons_in_opened", "cases.appointments_to"))
    ]
    assert "appointments.total" in additive
    for key in additive:
        assert sum(p[key] for p in parts) == whole[key], key


def test_municipality_without_records(main_file: CaseFile) -> None:
    result = stats(main_file, "2023", ALPEN)
    expected: dict[str, Any] = {
        "appointments.total": 0,
        "appointments.case_management": 0,
        "appointments.minutes_case_management": 0,
        "appointments.avg_minutes_case_management": None,
        "cases.opened": 0,
        "cases.persons_in_opened": 0,
        "cases.open_at_end": 0,
        "cases.appointments_to_positive_close.median": None,
        "referrals.total": 0,
        "goals.agreed": 0,
        "structural_gaps.reported": 0,
    }
    for section in CATALOGUE_SECTIONS:
        expected.update(cat(section))
    assert_figures(result, expected)
    assert_demographics_consistent(result)


# ---------------------------------------------------------------------------------------
# Small dedicated files


def test_median_of_even_count_with_integral_result(tmp_path: Path) -> None:
    # Three positive closures with 2, 2 and 6 CM appointments (median 2) and a fourth
    # with 4 -> even count: (2 + 4) / 2 = 3. One goals_partly_achieved closure with many
    # appointments must not count, nor one closed positively in the next year.
    clients = [client(f"p{i}", "female", "1990-01-01", "DE", "settlement") for i in range(6)]
    closures = [
        ("K1", 2, "goals_achieved", "2023-03-01"),
        ("K2", 2, "goals_achieved", "2023-05-01"),
        ("K3", 6, "goals_achieved", "2023-07-01"),
        ("K4", 4, "goals_achieved", "2023-12-31"),
        ("K5", 9, "goals_partly_achieved", "2023-08-01"),
        ("K6", 1, "goals_achieved", "2024-01-01"),
    ]
    cases, appointments = [], []
    for index, (cid, count, reason, closed) in enumerate(closures):
        cases.append(case(cid, MOERS, "2022-01-03", [f"p{index}"], closed=closed, reason=reason))
        for n in range(count):
            # Spread over 2022 and 2023: "all dates" counts them all.
            date = f"{2022 + n % 2}-02-{n + 1:02d}"
            appointments.append(appt(f"{cid}-{n}", date, CM, 30, case_id=cid))
    casefile = _create(
        tmp_path / "median.kim", document(clients=clients, cases=cases, appointments=appointments)
    )
    try:
        year = stats(casefile, "2023")
        first_three = stats(casefile, "2023-01-01..2023-07-01")
        h2 = stats(casefile, "2023-07-02..2023-12-31")
    finally:
        casefile.close()
    assert year["cases"]["appointments_to_positive_close"]["median"] == 3
    assert first_three["cases"]["appointments_to_positive_close"]["median"] == 2
    assert h2["cases"]["appointments_to_positive_close"]["median"] == 4
    assert year["cases"]["closed_by_reason"]["goals_achieved"] == 4
    assert year["cases"]["closed_by_reason"]["goals_partly_achieved"] == 1


def test_avg_minutes_is_rounded_to_one_decimal(tmp_path: Path) -> None:
    # 10 + 10 + 11 = 31 minutes over 3 appointments = 10.333... -> 10.3;
    # short consultations and other work do not enter the mean.
    doc = document(
        clients=[client("p1", "male", "1980-02-02", "AF", "asylum_procedure")],
        cases=[case("K1", MOERS, "2023-01-10", ["p1"])],
        appointments=[
            appt("x1", "2023-01-10", CM, 10, case_id="K1"),
            appt("x2", "2023-01-11", CM, 10, case_id="K1"),
            appt("x3", "2023-01-12", CM, 11, case_id="K1"),
            appt("x4", "2023-01-13", SC, 500, case_id="K1"),
            appt("x5", "2023-01-14", OW, 600, municipality=MOERS, other_work_type="training"),
        ],
    )
    casefile = _create(tmp_path / "avg.kim", doc)
    try:
        result = stats(casefile, "2023-Q1")
        only_other = stats(casefile, "2023-01-14..2023-01-14")
    finally:
        casefile.close()
    assert_figures(
        result,
        {
            "appointments.minutes_case_management": 31,
            "appointments.avg_minutes_case_management": 10.3,
            "appointments.other_work_by_type.training": 1,
            # a case_management case without goal, still open: neither long-term nor
            # not continued.
            "cases.opened": 1,
            "cases.long_term": 0,
            "cases.not_continued": 0,
            "cases.open_at_end": 1,
        },
    )
    assert_figures(
        only_other,
        {
            "appointments.total": 1,
            "appointments.minutes_case_management": 0,
            "appointments.avg_minutes_case_management": None,
        },
    )


def test_demographics_add_up_with_missing_client_details(tmp_path: Path) -> None:
    # A client with no gender, birth date, nationality or residence status still counts as a
    # person of an opened case, so every demographic dimension must still add up.
    bare = {"id": "p0", "family_name": "Nobody"}
    doc = document(
        clients=[bare, client("p1", "male", "2023-06-30", "PL", "eu_free_movement")],
        cases=[case("K1", MOERS, "2023-07-01", ["p0", "p1"])],
        appointments=[],
    )
    casefile = _create(tmp_path / "bare.kim", doc)
    try:
        result = stats(casefile, "2023")
    finally:
        casefile.close()
    assert result["cases"]["persons_in_opened"] == 2
    # p1 was born half a year before period.end: age 0.
    assert result["demographics"]["age_band"]["0-5"] == 1
    assert result["demographics"]["gender"]["male"] == 1
    assert result["demographics"]["nationality"]["PL"] == 1
    assert result["demographics"]["residence_status"]["eu_free_movement"] == 1
    assert_demographics_consistent(result)


def test_suppressed_is_zero_even_for_single_person_cells(main_file: CaseFile) -> None:
    # Cells of one person would be suppressed in a bundle (k = 3), never in the own file.
    result = stats(main_file, "2023-Q3")
    for dim in DEMOGRAPHIC_DIMENSIONS:
        assert result["demographics"][dim]["_suppressed"] == 0
    assert result["demographics"]["gender"]["unknown"] == 1
    assert result["demographics"]["nationality"]["DE"] == 1


# ---------------------------------------------------------------------------------------
# The CLI gives the same figures


def _run_stats(path: Path, *extra: str) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIM_")}
    env["KIM_PASSPHRASE"] = PASSPHRASE
    proc = subprocess.run(
        [sys.executable, "-m", "kim_desktop", "stats", str(path), *extra, "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _as_json(value: Any) -> Any:
    def default(obj: Any) -> Any:
        if isinstance(obj, dt.date):
            return obj.isoformat()
        raise TypeError(repr(obj))

    return json.loads(json.dumps(value, default=default))


def test_cli_stats_json_equals_for_casefile(main_path: Path, main_file: CaseFile) -> None:
    from_cli = _run_stats(main_path, "--period", "2023-Q4")
    assert from_cli == _as_json(stats(main_file, "2023-Q4"))
    assert (from_cli["period"]["start"], from_cli["period"]["end"]) == ("2023-10-01", "2023-12-31")
    assert from_cli["cases"]["appointments_to_positive_close"]["median"] == 2.5

    filtered = _run_stats(main_path, "--period", "2023", "--municipality", KAMP)
    assert filtered == _as_json(stats(main_file, "2023", KAMP))
    assert filtered["appointments"]["total"] == 4
    assert filtered["cases"]["appointments_to_positive_close"]["median"] is None
