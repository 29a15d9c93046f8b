"""Erasure that keeps the statistics (DESIGN.md §10): ``kim erase`` and the window call here.

One write transaction, all or nothing:

1. the plan is made again (``casework.erasure.plan_erasure``); if it differs from the plan
   the user confirmed (another program changed the file meanwhile), nothing is erased;
2. the demographics of ended calendar years an export has not frozen yet are frozen
   (``outbox.freeze_demographics``), so a bundle re-exported for such a year is unchanged;
3. the additive figures of every ended year and quarter the records count in are computed,
   for the whole file and each municipality concerned; the records are removed; the figures
   are computed again; the differences go into the anonymous residue (``figures.residue``);
4. one audit entry says that an erasure happened, of which kind, when and by whom.

Then the file is rewritten (``CaseFile.rewrite``) so that no freed page keeps what was
erased. A failure before the commit leaves everything as it was; a failure of the rewrite
leaves the erasure done (the freed bytes are overwritten already: ``secure_delete``) and says
so. This lives in ``sync`` because the frozen demographics are the bundles' business.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from kim_desktop.core.casefile import audit
from kim_desktop.core.casefile.models import Meta
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework import erasure, list_retention
from kim_desktop.core.casework.erasure import ErasurePlan
from kim_desktop.core.errors import KimError, RejectedInputError, UsageError
from kim_desktop.core.figures import cellkey, residue
from kim_desktop.core.sync import outbox
from kim_desktop.core.sync.district import current_settings, retention_years_in_force

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # (done, total) steps


@dataclass(frozen=True)
class ErasureResult:
    counts: dict[str, int]
    periods_kept: int  # ended years and quarters whose figures the residue keeps
    rewritten: bool
    rewrite_problem: str | None  # why the file could not be rewritten (the erasure stands)


def plan_case(casefile: CaseFile, case_id: str) -> ErasurePlan:
    return erasure.plan(casefile, erasure.CASE, case_ids=[case_id])


def plan_client(casefile: CaseFile, client_id: str) -> ErasurePlan:
    return erasure.plan(casefile, erasure.CLIENT, client_ids=[client_id])


def plan_due(casefile: CaseFile, today: dt.date | None = None) -> ErasurePlan:
    """Everything ``kim retention`` lists as due on ``today``."""
    today = today or dt.date.today()
    due = list_retention(casefile, today, retention_years_in_force(casefile), soon_days=0).due
    return erasure.plan(
        casefile,
        erasure.DUE,
        case_ids=[item.id for item in due if item.kind == "case"],
        client_ids=[item.id for item in due if item.kind == "client"],
    )


def erase(
    casefile: CaseFile,
    plan: ErasurePlan,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> ErasureResult:
    """Carry out a confirmed ``plan`` (see the module docstring)."""
    if casefile.role == "coordinator":
        raise UsageError("A coordinator's file holds no persons; there is nothing to erase.")
    if plan.empty:
        raise RejectedInputError("Nothing to erase.")
    today = today or dt.date.today()
    settings = current_settings(casefile)
    periods = residue.ended_periods(plan.earliest, today) if plan.earliest else []
    years = [p for p in periods if cellkey.published_for(p, today)]
    # Made on first use (a write of its own): the frozen blocks need the record keys.
    secret = cellkey.record_secret(casefile) if settings is not None and years else b""
    scopes: list[str | None] = [None, *plan.municipalities]
    total = 2 * len(periods) * len(scopes) + 2
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    with casefile.transaction() as session:
        conn = session.connection()
        current = erasure.plan_erasure(conn, plan.kind, plan.case_ids, plan.client_ids)
        if current != plan:
            raise RejectedInputError(
                "The records changed since the erasure was shown (another program wrote to "
                "the file); nothing was erased. Look at what is to be erased again."
            )
        if settings is not None:
            for key, value in outbox.freeze_demographics(
                conn, years, settings, secret, today
            ).items():
                session.add(Meta(key=key, value=value))
            session.flush()
        before: dict[tuple[str, str | None], dict[str, int]] = {}
        for period in periods:
            for scope in scopes:
                before[period.label, scope] = residue.additive_figures(conn, period, scope)
                step()
        erasure.remove(session, current)  # with the drafts as they are now
        step()
        for period in periods:
            for scope in scopes:
                after = residue.additive_figures(conn, period, scope)
                residue.add_to_residue(
                    conn, period, scope, residue.difference(before[period.label, scope], after)
                )
                step()
        # That an erasure happened, of which kind, when and by whom: never what.
        audit.add_entry(session, casefile.owner, "delete", erasure.AUDIT_ENTITY, plan.kind)
    log.info("erasure done (%s)", plan.kind)
    problem = None
    try:
        casefile.rewrite()
    except KimError as exc:
        problem = str(exc)
        log.warning("erasure done; rewriting the file failed: %s", exc.__class__.__name__)
    step()
    return ErasureResult(plan.counts(), len(periods), problem is None, problem)
