"""A withdrawn data-transfer consent has a consequence the case manager sees: a referral to
that recipient warns (issue 14, DESIGN §10)."""

from __future__ import annotations

import datetime as dt

from conftest import minimal_document

from kim_desktop.core import casework, interchange
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.gui.formatting import date_text
from kim_desktop.gui.views.case_detail.record_dialogs import ReferralDialog

WITHDRAWN = dt.date(2025, 3, 1)


def household(casefile: CaseFile) -> None:
    """A case of two: the primary withdrew the consent for the job centre; the partner's
    consent for the social welfare office is in force."""
    interchange.import_document(
        casefile,
        minimal_document(
            clients=[
                {"id": "primary", "given_name": "Ada", "family_name": "Quelle"},
                {"id": "partner", "given_name": "Bo", "family_name": "Quelle"},
            ],
            cases=[
                {
                    "id": "case",
                    "municipality": "Siegburg",
                    "track": "case_management",
                    "opened_on": "2025-01-10",
                    "members": [
                        {"client_id": "primary", "role": "primary"},
                        {"client_id": "partner", "role": "household"},
                    ],
                    "phase": "intake",
                }
            ],
            consents=[
                {
                    "id": "t1",
                    "client_id": "primary",
                    "kind": "data_transfer",
                    "recipient": "job_centre",
                    "given_on": "2025-01-10",
                    "withdrawn_on": WITHDRAWN.isoformat(),
                },
                {
                    "id": "t2",
                    "client_id": "partner",
                    "kind": "data_transfer",
                    "recipient": "social_welfare_office",
                    "given_on": "2025-01-10",
                },
            ],
        ),
        "household.json",
    )


def test_withdrawn_transfers_name_the_target_until_consent_is_given_again(
    new_casefile: CaseFile,
) -> None:
    household(new_casefile)
    assert casework.withdrawn_transfers(new_casefile, "case") == {"job_centre": WITHDRAWN}
    casework.record_consent(
        new_casefile, "primary", "data_transfer", dt.date(2025, 4, 1), recipient="job_centre"
    )
    assert casework.withdrawn_transfers(new_casefile, "case") == {}


def test_a_referral_to_a_withdrawn_recipient_warns(qtbot, new_casefile: CaseFile) -> None:
    household(new_casefile)
    dialog = ReferralDialog(new_casefile, "case", dt.date(2025, 5, 2))
    qtbot.addWidget(dialog, before_close_func=lambda d: d.close_keeping_draft())
    dialog.show()
    dialog.target.setCurrentIndex(dialog.target.findData("job_centre"))
    assert dialog.consent_warning.isVisibleTo(dialog)
    assert date_text(WITHDRAWN) in dialog.consent_warning.text()
    dialog.target.setCurrentIndex(dialog.target.findData("social_welfare_office"))
    assert not dialog.consent_warning.isVisibleTo(dialog)
    # A warning, not a refusal: the referral itself may be made (without sharing data).
    dialog.target.setCurrentIndex(dialog.target.findData("job_centre"))
    dialog.accept()
    referrals = casework.get_case(new_casefile, "case").referrals
    assert [r.target for r in referrals] == ["job_centre"]
