"""One case, in full: header with phase and closing, and tabs for the persons and their
consents, the assessment history, goals, appointments, referrals, notes and the timeline.

Hosted by the cases view beside the case list. Every change is one core call (one
transaction); afterwards the case is read again with ``casework.get_case`` (fast) and
``changed`` tells the list to refresh its row. Dialogs are opened with ``open()`` (window
modal, not blocking), are children of this widget and are closed by ``clear()``, so nothing
personal stays on screen after the file is locked.

One module per part: ``header`` and one per tab (``persons`` with ``consents``,
``assessments``, ``goals``, ``appointments``, ``referrals``, ``notes``, ``timeline``), each a
class over ``base.CaseDetailBase``; ``widget`` puts them together. The record dialogs are in
``person_dialogs`` and ``record_dialogs``."""

from kim_desktop.gui.views.case_detail.assessments import AssessmentGridModel
from kim_desktop.gui.views.case_detail.common import (
    APPOINTMENTS,
    ASSESSMENT,
    GOALS,
    NOTES,
    PERSONS,
    REFERRALS,
    TIMELINE,
    member_name,
    need_text,
    plain,
)
from kim_desktop.gui.views.case_detail.header import PHASE_DELAY_MS
from kim_desktop.gui.views.case_detail.person_dialogs import (
    AddMemberDialog,
    ConsentDialog,
    PrintConsentDialog,
    SignedConsentDialog,
    WithdrawConsentDialog,
    language_name,
)
from kim_desktop.gui.views.case_detail.record_dialogs import (
    AssessmentDialog,
    CloseCaseDialog,
    GoalDialog,
    GoalStatusDialog,
    ReferralDialog,
    ReopenCaseDialog,
)
from kim_desktop.gui.views.case_detail.step_dialogs import StepDialog, StepDoneDialog
from kim_desktop.gui.views.case_detail.widget import CaseDetailWidget

__all__ = [
    "APPOINTMENTS",
    "ASSESSMENT",
    "GOALS",
    "NOTES",
    "PERSONS",
    "PHASE_DELAY_MS",
    "REFERRALS",
    "TIMELINE",
    "AddMemberDialog",
    "AssessmentDialog",
    "AssessmentGridModel",
    "CaseDetailWidget",
    "CloseCaseDialog",
    "ConsentDialog",
    "GoalDialog",
    "GoalStatusDialog",
    "PrintConsentDialog",
    "ReferralDialog",
    "ReopenCaseDialog",
    "SignedConsentDialog",
    "StepDialog",
    "StepDoneDialog",
    "WithdrawConsentDialog",
    "language_name",
    "member_name",
    "need_text",
    "plain",
]
