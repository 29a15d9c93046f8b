"""Restriction of processing (Art. 18 GDPR) in the window: the texts that show it, the dialog
that restricts a client (naming them and what it means, with a coded reason) and the question
before lifting it. The client panel, the case window and the retention view use them; the
rules are core's (casework/restriction.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kim_desktop.core import casework
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.casework import restriction
from kim_desktop.gui.formatting import date_text
from kim_desktop.gui.messages import describe_error

# The banner's colours: an amber note, not an error.
BANNER_STYLE = "background: #fff4d6; color: #4d3800; border: 1px solid #d9a400; padding: 4px;"


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)  # lupdate files module-level tr() here


def reason_labels() -> dict[str, str]:
    """Each reason code's label, in the window's language."""
    return {
        restriction.ACCURACY_CONTESTED: tr("Accuracy contested (Art. 18(1)(a) GDPR)"),
        restriction.UNLAWFUL_PROCESSING: tr(
            "Unlawful processing, the person objects to erasure (Art. 18(1)(b) GDPR)"
        ),
        restriction.LEGAL_CLAIMS: tr("The person needs the data for legal claims (Art. 18(1)(c))"),
        restriction.OBJECTION_PENDING: tr("Objection being checked (Art. 18(1)(d) GDPR)"),
        restriction.RETENTION_DUTY: tr("Statutory retention duty instead of erasure"),
        restriction.OTHER: tr("Other reason"),
    }


def state_text(found: casework.Restriction) -> str:
    """ "Processing restricted (Art. 18 GDPR) since …" with the reason."""
    return tr("Processing restricted (Art. 18 GDPR) since {date} · {reason}").format(
        date=date_text(found.since), reason=reason_labels().get(found.reason, found.reason)
    )


def meaning() -> str:
    return tr(
        "Shown only: not changed, not exported and not printed, except the person's own copy "
        "(Art. 15)."
    )


def restricted_left_out(count: int) -> str:
    """What the export says about the restricted clients it leaves out."""
    if count == 1:
        return tr("1 restricted client is left out of the export (Art. 18 GDPR).")
    return tr("{count} restricted clients are left out of the export (Art. 18 GDPR).").format(
        count=count
    )


def disabled_tip() -> str:
    """The tooltip of a control disabled by a restriction."""
    return tr(
        "Processing of this person is restricted (Art. 18 GDPR): lift the restriction to "
        "change this."
    )


def read_only_case_tip() -> str:
    return tr(
        "Processing of every person of this case is restricted (Art. 18 GDPR): the case is "
        "shown only."
    )


class RestrictDialog(QDialog):
    """Restrict a client's processing: says whom and what it means, asks for the reason.
    OK writes (``casework.restrict_client``); a refusal stays in the dialog as a message."""

    def __init__(
        self,
        casefile: CaseFile,
        client_id: str,
        name: str,
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restrict processing"))
        self.casefile = casefile
        self.client_id = client_id
        self.today = today
        self.explanation = QLabel(
            self.tr(
                "Restrict the processing of {name} as of {date}?\n\n"
                "Their data are then only kept and shown: they cannot be changed, are left "
                "out of every export and are not printed, except their own copy under "
                "Art. 15. A case of restricted persons only can no longer be changed; "
                "anonymous figures still count them. A withdrawal of consent can still be "
                "recorded. The restriction stays until it is lifted explicitly."
            ).format(name=name, date=date_text(today))
        )
        self.explanation.setWordWrap(True)
        self.reason = QComboBox()
        self.reason.setAccessibleName(self.tr("Reason for the restriction"))
        for code, label in reason_labels().items():
            self.reason.addItem(label, code)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a40000;")
        self.message.setAccessibleName(self.tr("Message"))
        self.buttons = buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Restrict"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("&Reason:"), self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.reason.setFocus()
        self.setMinimumWidth(480)

    def choose_reason(self, code: str) -> None:
        self.reason.setCurrentIndex(max(self.reason.findData(code), 0))

    def accept(self) -> None:
        try:
            casework.restrict_client(
                self.casefile, self.client_id, self.reason.currentData(), self.today
            )
        except Exception as error:  # noqa: BLE001 - shown to the user
            self.message.setText(describe_error(error))
            return
        super().accept()


def lift(
    casefile: CaseFile,
    client_id: str,
    name: str,
    ask: Callable[[str, str], bool],
    show_error: Callable[[BaseException], None],
) -> bool:
    """Ask, then lift the client's restriction; True when lifted."""
    if not ask(
        tr("Lift restriction"),
        tr(
            "Lift the restriction of {name}?\n\nTheir data can then be changed, exported and "
            "printed again. Lift it only when its reason no longer applies, and tell the "
            "person beforehand (Art. 18(3) GDPR)."
        ).format(name=name),
    ):
        return False
    try:
        casework.lift_restriction(casefile, client_id)
    except Exception as error:  # noqa: BLE001 - shown to the user
        show_error(error)
        return False
    return True
