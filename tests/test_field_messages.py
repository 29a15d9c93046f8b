"""Problems are shown beside their fields, all at once, in the window's language, and go away
when fixed; required fields are marked. Core's developer wording never reaches the window."""

from __future__ import annotations

import re
from pathlib import Path

from gui_support import type_date
from PySide6.QtWidgets import QApplication, QLabel

from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import InvalidInput, PassphraseTooShortError
from kim_desktop.gui import i18n
from kim_desktop.gui.dialogs import ClientDialog
from kim_desktop.gui.field_messages import sentence
from kim_desktop.gui.messages import describe_error

CASEWORK = Path(__file__).resolve().parents[1] / "kim_desktop/core/casework"
# Rules only a programming mistake can break (the window never sends such values).
INTERNAL = {
    "must be a ClientData",
    "must be a GapData",
    "must be an AppointmentData",
    "must be a CaseFilter",
    "must be a ClientFilter",
    "must be a list of client ids",
    "must be a list",
    "must be text",
    "must be empty for a new appointment",
    "must be empty for a new client",
    "differs from the client being changed",
    "must be 'open' or 'closed'",
    "must be 'draft' or 'reported'",
    "close a case with close_case",
    "only for kind 'other_work'",
    "other work belongs to no case",
    "only when the primary member is removed",
    "only for kind 'data_transfer'",
}
FALLBACK = "This entry is not accepted here."


def close_without_asking(dialog: ClientDialog) -> None:
    dialog.close_keeping_draft()  # a filled form would ask (modally) at teardown


def core_rules() -> set[str]:
    found = set()
    for path in CASEWORK.glob("*.py"):
        source = path.read_text("utf-8")
        found |= set(re.findall(r'InvalidInput\(\s*"?\w+"?,\s*"([^"{]+)"', source))
    return found


def test_every_rule_the_window_can_meet_has_a_sentence() -> None:
    rules = core_rules()
    assert len(rules) > 30  # the pattern still finds them
    missing = sorted(
        rule for rule in rules - INTERNAL if sentence(InvalidInput("x", rule)) == FALLBACK
    )
    assert missing == []
    assert sentence(InvalidInput("arrival_date", "lies before the birth date")) == (
        "The date lies before the birth date."
    )


def test_all_problems_show_at_once_beside_their_fields(qtbot, new_casefile: CaseFile) -> None:
    dialog = ClientDialog(new_casefile)
    qtbot.addWidget(dialog, before_close_func=close_without_asking)
    dialog.show()
    form_labels = [w.text() for w in dialog.findChildren(QLabel)]
    assert any(text.replace("&", "").startswith("Family name: *") for text in form_labels)
    assert "* required" in form_labels
    type_date(qtbot, dialog.birth_date, "31.02.2020")
    dialog.accept()
    problems = dialog.shown_problems()
    assert set(problems) == {"family_name", "birth_date"}
    assert problems["family_name"] == "Please fill in this field."
    assert "29 days" in problems["birth_date"]
    assert dialog.message.text() == "Please check the marked fields (2)."
    assert dialog.result_id is None and dialog.isVisible()
    qtbot.keyClicks(dialog.family_name, "Haddad")  # fixed: its message goes at once
    assert set(dialog.shown_problems()) == {"birth_date"}
    type_date(qtbot, dialog.birth_date, "28.02.2020")
    assert dialog.shown_problems() == {} and dialog.message.text() == ""
    qtbot.keyClicks(dialog.email, "not-an-address")
    dialog.accept()  # core's rule, shown at its field
    assert dialog.shown_problems() == {
        "email": "Please type an e-mail address such as name@example.org."
    }


def test_messages_are_german_in_the_german_window(qtbot, new_casefile: CaseFile) -> None:
    app = QApplication.instance()
    assert app is not None
    i18n.install(app, "de")
    try:
        dialog = ClientDialog(new_casefile)
        qtbot.addWidget(dialog, before_close_func=close_without_asking)
        dialog.accept()
        assert dialog.shown_problems() == {"family_name": "Bitte füllen Sie dieses Feld aus."}
        assert dialog.message.text() == "Bitte das markierte Feld prüfen."
        type_date(qtbot, dialog.birth_date, "31.02.1988")
        dialog.accept()
        assert dialog.message.text() == "Bitte die markierten Felder prüfen (2)."
        assert dialog.shown_problems()["birth_date"] == (
            "Den 31.02.1988 gibt es nicht: Dieser Monat hat 29 Tage."
        )
        too_short = describe_error(PassphraseTooShortError(12, 5))
        assert "mindestens 12 Zeichen" in too_short and "too short" not in too_short
        assert describe_error(InvalidInput("family_name", "is required and must not be blank")) == (
            "Bitte füllen Sie dieses Feld aus."
        )
    finally:
        i18n.install(app, "en")
