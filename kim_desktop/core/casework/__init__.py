"""The case manager's use cases: everything the case-work window reads and changes.

The GUI calls these functions and never builds SQL. Rules:
- every function takes the open ``CaseFile`` first and works in one transaction: changes go
  through ``casefile.transaction()`` as ORM objects, so ``audit.attach`` records each created,
  changed and deleted row (table and id, never values); reads use one read transaction;
- results are frozen dataclasses of plain values (no ORM objects, no lazy loading);
- a value that breaks a rule raises ``InvalidInput`` (or ``UnknownRecord`` for an id naming no
  record) before anything is written; its message names the field and the rule, never the
  value, and the transaction is rolled back, so the file is unchanged;
- catalogue codes are checked against the file's catalogues (base plus district additions).

Optional text (names, notes, contact data) is stripped; blank text is stored as "no value".
Names are searched and sorted case- and accent-insensitively (``fold``): "ozturk" finds
"Öztürk", as case managers often type foreign names on a German keyboard.

The package is cut by record kind; every name callers use is re-exported here, so
``from kim_desktop.core import casework; casework.create_client(...)`` stays the way in.
``_base`` holds what the kinds share (codes, name folding, transactions, value checks);
``clients``, ``client_list`` (the register's list and likely duplicates), ``municipalities``,
``cases``, ``case_list``, ``appointments``, ``plans``
(assessments, goals, referrals), ``steps`` (the agreed steps of a goal), ``consents`` and
``gaps`` each hold one kind;
``restriction`` (Art. 18 GDPR) marks clients restricted and holds the guards the writes of
the other kinds call;
``case_view`` (``get_case``), ``start_page`` (``overview``) and ``retention`` (what is due
for erasure) read across kinds. Imports
run one way: ``_base`` first, the two readers across kinds last."""

from __future__ import annotations

from kim_desktop.core.casework._base import (
    CASE_DOCUMENTATION,
    CLOSED,
    DATA_TRANSFER,
    DRAFT,
    HOUSEHOLD,
    OPEN_GOAL,
    OPEN_PHASES,
    OTHER_WORK,
    PRIMARY,
    REPORTED,
    catalogues_of,
    display_name,
    fold,
)
from kim_desktop.core.casework.appointments import (
    AppointmentData,
    AppointmentRow,
    add_appointment,
    delete_appointment,
    list_appointments,
    update_appointment,
)
from kim_desktop.core.casework.case_list import (
    CASE_SORT_KEYS,
    CASE_STATES,
    CaseFilter,
    CaseRow,
    count_cases,
    list_cases,
)
from kim_desktop.core.casework.case_view import (
    TIMELINE_KINDS,
    CaseDetail,
    MemberDetail,
    TimelineEntry,
    get_case,
)
from kim_desktop.core.casework.cases import (
    PhaseChangeRow,
    add_member,
    close_case,
    open_case,
    remove_member,
    reopen_case,
    set_case_notes,
    set_follow_up,
    set_phase,
    set_primary_member,
    set_referred_by,
)
from kim_desktop.core.casework.client_list import (
    CLIENT_CASE_STATES,
    CLIENT_SORT_KEYS,
    ClientFilter,
    ClientListRow,
    client_cases,
    count_clients,
    get_client_row,
    likely_duplicates,
    list_clients,
)
from kim_desktop.core.casework.clients import (
    ClientData,
    ClientRow,
    client_municipality,
    create_client,
    delete_client,
    find_clients,
    get_client,
    update_client,
)
from kim_desktop.core.casework.consents import (
    ConsentRow,
    delete_consent,
    list_consents,
    record_consent,
    referral_organisations,
    update_consent,
    withdraw_consent,
    withdrawn_transfers,
)
from kim_desktop.core.casework.gaps import (
    GapData,
    delete_gap,
    list_gaps,
    mark_gap_reported,
    save_gap,
)
from kim_desktop.core.casework.municipalities import (
    add_municipality,
    list_municipalities,
)
from kim_desktop.core.casework.plans import (
    AssessmentData,
    GoalData,
    ReferralData,
    add_assessment,
    add_goal,
    add_referral,
    delete_assessment,
    delete_goal,
    delete_referral,
    set_goal_status,
    set_referral_outcome,
    update_assessment,
    update_goal,
    update_referral,
)
from kim_desktop.core.casework.restriction import (
    Cover,
    HandedOver,
    Restriction,
    case_cover,
    case_handover,
    case_is_read_only,
    lift_restriction,
    restrict_client,
    restricted_count,
    restriction_of,
    restrictions_of,
)
from kim_desktop.core.casework.retention import (
    Retention,
    RetentionItem,
    list_retention,
)
from kim_desktop.core.casework.start_page import (
    Overview,
    overview,
)
from kim_desktop.core.casework.steps import (
    StepData,
    add_step,
    delete_step,
    list_steps,
    set_step_done,
    update_step,
)

__all__ = [
    "CASE_DOCUMENTATION",
    "CASE_SORT_KEYS",
    "CASE_STATES",
    "CLIENT_CASE_STATES",
    "CLIENT_SORT_KEYS",
    "CLOSED",
    "DATA_TRANSFER",
    "DRAFT",
    "HOUSEHOLD",
    "OPEN_GOAL",
    "OPEN_PHASES",
    "OTHER_WORK",
    "PRIMARY",
    "REPORTED",
    "TIMELINE_KINDS",
    "AppointmentData",
    "AppointmentRow",
    "AssessmentData",
    "CaseDetail",
    "CaseFilter",
    "CaseRow",
    "ClientData",
    "ClientFilter",
    "ClientListRow",
    "ClientRow",
    "ConsentRow",
    "Cover",
    "GapData",
    "GoalData",
    "HandedOver",
    "MemberDetail",
    "Overview",
    "PhaseChangeRow",
    "ReferralData",
    "Restriction",
    "Retention",
    "RetentionItem",
    "StepData",
    "TimelineEntry",
    "add_appointment",
    "add_assessment",
    "add_goal",
    "add_member",
    "add_municipality",
    "add_referral",
    "add_step",
    "case_cover",
    "case_handover",
    "case_is_read_only",
    "catalogues_of",
    "client_cases",
    "client_municipality",
    "close_case",
    "count_cases",
    "count_clients",
    "create_client",
    "delete_appointment",
    "delete_assessment",
    "delete_client",
    "delete_consent",
    "delete_gap",
    "delete_goal",
    "delete_referral",
    "delete_step",
    "display_name",
    "find_clients",
    "fold",
    "get_case",
    "get_client",
    "get_client_row",
    "lift_restriction",
    "likely_duplicates",
    "list_appointments",
    "list_cases",
    "list_clients",
    "list_consents",
    "list_gaps",
    "list_municipalities",
    "list_retention",
    "list_steps",
    "mark_gap_reported",
    "open_case",
    "overview",
    "record_consent",
    "referral_organisations",
    "remove_member",
    "reopen_case",
    "restrict_client",
    "restricted_count",
    "restriction_of",
    "restrictions_of",
    "save_gap",
    "set_case_notes",
    "set_follow_up",
    "set_goal_status",
    "set_phase",
    "set_primary_member",
    "set_referral_outcome",
    "set_referred_by",
    "set_step_done",
    "update_appointment",
    "update_assessment",
    "update_client",
    "update_consent",
    "update_goal",
    "update_referral",
    "update_step",
    "withdraw_consent",
    "withdrawn_transfers",
]
