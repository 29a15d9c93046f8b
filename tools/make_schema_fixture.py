"""Make the stored case files of the current schema version for tests/test_migrations.py.

After adding a migration, run once and commit the files it names:

    .venv/bin/python tools/make_schema_fixture.py

It writes ``tests/data/casefile-schema-<head>.kim`` (a case manager's file) and, from
revision 0004 on, ``casefile-schema-<head>-coordinator.kim``, each beside its interchange
export (``.export.json``, without ``exported_at``). The files are real encrypted case files
made with the code of this checkout; their content is fixed (the demo generator with a fixed
seed and date, fixed dates for the case work) and exercises what each revision introduced.
Ids minted by the code itself (a case opened through case work, keys, bundle ids) differ
from run to run. A revision whose migration adds something new should add a step below that
puts it into the file. Existing files are never overwritten.

Each step names the revision that introduced what it writes and runs only when the code's
head revision has it. The files of 0002 to 0004 were made by this tool, as it was before core
moved into folders, run with PYTHONPATH at a checkout of the commit that added the migration;
0001's file is older and holds what ``base_records`` imports.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kim_desktop.core import casework, interchange
from kim_desktop.core.casefile.migrate import head_revision
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.figures.periods import parse_period
from kim_desktop.core.interchange.demo import MUNICIPALITIES, demo_document
from kim_desktop.core.sync import district, erasure, inbox, keys, outbox

# The same for every stored file (tests/test_migrations.py has it too).
PASSPHRASE = "schema one test passphrase"
DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
# The records of the schema-0001 file: demo_document(seed=3, clients=12, today=TODAY).
DEMO_SEED = 3
DEMO_CLIENTS = 12
TODAY = dt.date(2024, 6, 30)
DISTRICT = "Rhein-Sieg-Kreis"
BUNDLE_PERIOD = "2024-Q2"
# The district's municipalities: every municipality of the demo records (a bundle export
# refuses records outside the configuration, sync/outside.py); the case opened through case
# work is in Siegburg, the one structural gap reported in BUNDLE_PERIOD in Hennef.
BUNDLE_MUNICIPALITIES = tuple(sorted(MUNICIPALITIES))
# Revision from which each piece is in the files (revision ids are four-digit numbers).
PHASE_HISTORY_SINCE = "0003"
DRAFTS_SINCE = "0009"
TEAM_SINCE = "0012"
KEYS_AND_BUNDLES_SINCE = "0004"
RESTRICTION_SINCE = "0014"
ERASURE_SINCE = "0015"
HANDOVER_SINCE = "0016"
RECEIVED_SINCE = "0017"
COVER_SINCE = "0018"
STEPS_SINCE = "0019"
# The client whose processing the file of 0014 on restricts (left out of its export).
RESTRICTED_CLIENT = "kl-000012"
# Erased with its three clients (2022), leaving a statistical residue.
ERASED_CASE = "fa-000003"
# Handed over to a colleague (marked as the export marks it, without a colleague's file).
HANDED_OVER_CASE = "fa-000002"
COLLEAGUE_KEY_ID = "c011ea9e" * 4
COLLEAGUE_NAME = "Kollegin Beispiel"
# Received from a colleague on TODAY (marked as the import marks it): counted from then on.
RECEIVED_CASE = "fa-000004"
# Given in cover to the colleague (with its merge base), and a colleague's case held here as
# a cover copy whose cover ended long ago (read-only, due for erasure).
COVERED_CASE = "fa-000004"
COVER_COPY_CASE = "fa-000001"
COVER_UNTIL = dt.date(2024, 7, 14)
# The goal given agreed steps (one done), and their texts.
GOAL_WITH_STEPS = "zi-000001"
AGREED_STEPS = (
    ("Lebenslauf mit der Klientin schreiben", "Case Management", dt.date(2024, 1, 23)),
    ("Beratungstermin bei der Agentur für Arbeit", "Klientin", dt.date(2024, 2, 15)),
)


def since(revision: str, head: str) -> bool:
    """Whether the schema ``head`` has what ``revision`` introduced."""
    return int(head) >= int(revision)


def fixture_names(head: str) -> list[str]:
    """The stem of each file made for schema ``head`` (``.kim`` and ``.export.json``)."""
    names = [f"casefile-schema-{head}"]
    if since(KEYS_AND_BUNDLES_SINCE, head):
        names.append(f"casefile-schema-{head}-coordinator")
    return names


@dataclass
class Made:
    """The open files being filled, and a private folder for what passes between them."""

    casemanager: CaseFile
    coordinator: CaseFile | None
    exchange: Path


def base_records(made: Made) -> None:
    """0001: clients, cases, appointments with themes, assessments, goals, referrals,
    consents and structural gaps, through the validating import."""
    document = demo_document(seed=DEMO_SEED, clients=DEMO_CLIENTS, today=TODAY)
    interchange.import_document(made.casemanager, document, source="demo")


def phase_history(made: Made) -> None:
    """0003: a case opened, moved on, closed and reopened through case work."""
    casefile = made.casemanager
    case_id = casework.open_case(
        casefile,
        "Siegburg",
        "case_management",
        dt.date(2024, 3, 4),
        "kl-000001",
        ["kl-000002"],
    )
    casework.set_phase(casefile, case_id, "assessment", dt.date(2024, 3, 11))
    casework.set_phase(casefile, case_id, "agreement", dt.date(2024, 3, 25))
    casework.close_case(casefile, case_id, dt.date(2024, 4, 29), "moved_away")
    casework.reopen_case(casefile, case_id, dt.date(2024, 5, 13))
    casework.set_phase(casefile, case_id, "implementation", dt.date(2024, 5, 27))


def keys_and_bundles(made: Made) -> None:
    """0004: both files' own key pairs, the coordinator's signed district configuration
    imported by the case manager, and two revisions of the case manager's bundle for one
    period received (and trusted) by the coordinator, the first superseded by the second."""
    assert made.coordinator is not None
    config = made.exchange / "district.kimdistrict"
    district.export_config(made.coordinator, config, municipalities=list(BUNDLE_MUNICIPALITIES))
    keys.own_keys(made.casemanager)
    district.import_config(made.casemanager, config)
    period = parse_period(BUNDLE_PERIOD)
    sent = [made.exchange / f"{BUNDLE_PERIOD}-{n}.kimbundle" for n in (1, 2)]
    for path in sent:
        outbox.export_bundle(made.casemanager, period, path)
    report = inbox.import_bundles(made.coordinator, sent, trust_new_senders=True)
    refused = [o.message for o in report.outcomes if o.status == "rejected"]
    if refused:
        raise RuntimeError(f"bundle refused: {refused}")


def draft(made: Made) -> None:
    """0009: a form's unsaved input kept as a draft in the case manager's file."""
    from kim_desktop.core.casefile import drafts

    drafts.save_draft(
        made.casemanager,
        "draft-0009",
        "ClientDialog",
        {"casefile": {"$": "casefile"}, "client": None, "parent": {"$": "parent"}},
        {"family_name": "Entwurf", "birth_date": "15.3.88"},
        "CasesView",
    )


def team_directory(made: Made) -> None:
    """0012: the case manager's key card enrolled in the coordinator's team directory, and
    retention, controller and data-protection officer set with a first export. Runs before
    ``keys_and_bundles``, so the configuration the case manager imports carries them."""
    from kim_desktop.core.sync import team

    assert made.coordinator is not None
    card = made.exchange / "casemanager.kimkey"
    team.write_card(made.casemanager, card)
    team.enrol(made.coordinator, card)
    district.export_config(
        made.coordinator,
        made.exchange / "district-draft.kimdistrict",
        municipalities=list(BUNDLE_MUNICIPALITIES),
        retention_years=3,
        controller="Kreis Beispiel\nAmt 51\n53721 Siegburg",
        dpo="datenschutz@example.org",
    )


def restriction(made: Made) -> None:
    """0014: one client's processing restricted (Art. 18 GDPR), for a statutory retention
    duty; the export beside the file leaves that client out."""
    casework.restrict_client(
        made.casemanager, RESTRICTED_CLIENT, "retention_duty", dt.date(2024, 6, 28)
    )


def erasure_step(made: Made) -> None:
    """0015: a case of 2022 erased with its clients (``kim erase``); the figures of 2022 are
    kept by the statistical residue."""
    plan = erasure.plan_case(made.casemanager, ERASED_CASE)
    erasure.erase(made.casemanager, plan, today=TODAY)


def handover_step(made: Made) -> None:
    """0016: a case handed over to a colleague (read-only in this file from then on)."""
    from kim_desktop.core.sync import handover

    handover.mark_handed_over(
        made.casemanager,
        [HANDED_OVER_CASE],
        COLLEAGUE_KEY_ID,
        COLLEAGUE_NAME,
        TODAY,
        "00000000-0000-4000-8000-000000000016",
    )


def received_step(made: Made) -> None:
    """0017: a case received by handover on TODAY, counted from the periods ending then on
    (the records came with the demo import, as a handover import would write them)."""
    from kim_desktop.core.sync import handover_import

    with made.casemanager.transaction() as session:
        handover_import.count_from(session, [RECEIVED_CASE], TODAY)


def cover_step(made: Made) -> None:
    """0018: a case given in cover (marked, writable, the merge base stored) and a case
    marked as a colleague's cover copy."""
    from kim_desktop.core.sync import cover, handover

    casefile = made.casemanager
    base = cover.keyed_records(
        handover._document(casefile, [COVERED_CASE]),
        handover.phase_history(casefile, [COVERED_CASE]),
    )
    cover.mark_cover_sent(
        casefile,
        [COVERED_CASE],
        COLLEAGUE_KEY_ID,
        COLLEAGUE_NAME,
        COVER_UNTIL,
        TODAY,
        "00000000-0000-4000-8000-000000000018",
        base,
    )
    with casefile.transaction() as session:
        cover.mark_cover_copies(
            session,
            [COVER_COPY_CASE],
            COLLEAGUE_KEY_ID,
            COLLEAGUE_NAME,
            COVER_UNTIL,
            "00000000-0000-4000-8000-000000000180",
        )


def steps_step(made: Made) -> None:
    """0019: agreed steps of a goal, one of them done, through case work."""
    casefile = made.casemanager
    first = casework.add_step(casefile, GOAL_WITH_STEPS, *AGREED_STEPS[0])
    casework.add_step(casefile, GOAL_WITH_STEPS, *AGREED_STEPS[1])
    casework.set_step_done(casefile, first, dt.date(2024, 1, 22))


STEPS: tuple[tuple[str, Callable[[Made], None]], ...] = (
    ("0001", base_records),
    (PHASE_HISTORY_SINCE, phase_history),
    # The team comes first: the configuration that keys_and_bundles issues carries it.
    (TEAM_SINCE, team_directory),
    (KEYS_AND_BUNDLES_SINCE, keys_and_bundles),
    (DRAFTS_SINCE, draft),
    (RESTRICTION_SINCE, restriction),
    (ERASURE_SINCE, erasure_step),
    # Before the cover: the goal's case becomes a read-only cover copy there.
    (STEPS_SINCE, steps_step),
    (HANDOVER_SINCE, handover_step),
    (RECEIVED_SINCE, received_step),
    (COVER_SINCE, cover_step),
)


def export(casefile: CaseFile) -> dict[str, Any]:
    document = interchange.export_document(casefile)
    document.pop("exported_at")
    return document


def make_fixtures(out_dir: Path) -> list[Path]:
    """Write the files for the current head revision into ``out_dir``; returns them. They
    are made in a temporary folder and moved into ``out_dir`` only when all went well."""
    head = head_revision()
    stems = fixture_names(head)
    names = [f"{stem}{suffix}" for stem in stems for suffix in (".kim", ".export.json")]
    for name in names:
        if (out_dir / name).exists():
            raise SystemExit(f"{out_dir / name}: exists already; not overwritten.")
    with tempfile.TemporaryDirectory(prefix="kim-schema-fixture-") as temp:
        work = Path(temp)
        exchange = work / "exchange"
        exchange.mkdir()
        casefiles = [
            CaseFile.create(
                work / f"{stems[0]}.kim", PASSPHRASE, role="casemanager", owner=f"Schema {head}"
            )
        ]
        try:
            if len(stems) > 1:
                casefiles.append(
                    CaseFile.create(
                        work / f"{stems[1]}.kim",
                        PASSPHRASE,
                        role="coordinator",
                        owner=f"Schema {head} coordinator",
                        district=DISTRICT,
                    )
                )
            made = Made(casefiles[0], casefiles[1] if len(casefiles) > 1 else None, exchange)
            for revision, step in STEPS:
                if since(revision, head):
                    step(made)
            for casefile, stem in zip(casefiles, stems, strict=True):
                problems = casefile.verify()
                if problems:
                    raise RuntimeError(f"{casefile.path.name}: {problems}")
                text = json.dumps(export(casefile), ensure_ascii=False, indent=1) + "\n"
                (work / f"{stem}.export.json").write_text(text, encoding="utf-8")
        finally:
            for casefile in casefiles:
                casefile.close()
        out_dir.mkdir(parents=True, exist_ok=True)
        for name in names:
            shutil.move(work / name, out_dir / name)
    return [out_dir / name for name in names]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Make the stored case files of the current schema version."
    )
    parser.add_argument("--out-dir", type=Path, default=DATA, help="default: tests/data")
    args = parser.parse_args(argv)
    for path in make_fixtures(args.out_dir):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
