"""The case manager's day, end to end through the window: create a file, add a client and a
case, record an appointment, assess, agree a goal, refer, close the case — and see the
statistics view show exactly what core computes. Every step goes through the real widgets
and dialogs on a real encrypted file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gui_support import isolated_settings, settle
from PySide6.QtWidgets import QWizard

from kim_desktop.core import casework
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.figures import indicators
from kim_desktop.core.figures import stats as figure_stats
from kim_desktop.core.figures.periods import parse_period
from kim_desktop.gui.dialogs import ClientDialog, NewCaseDialog
from kim_desktop.gui.formatting import number
from kim_desktop.gui.main_window import MainWindow
from kim_desktop.gui.views import registry
from kim_desktop.gui.views.cases import CasesView
from kim_desktop.gui.views.statistics import StatisticsView
from kim_desktop.gui.wizard import NewFileWizard

PASSPHRASE = "Der Rhein fliesst nach Norden 7"


def test_a_case_from_first_contact_to_closure(qtbot, tmp_path: Path) -> None:
    settings = isolated_settings(tmp_path)
    wizard = NewFileWizard(settings)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.owner_page.owner, "Erika Beispiel")
    wizard.next()
    wizard.location_page.path.setText(str(tmp_path / "erika.kim"))
    wizard.next()
    qtbot.keyClicks(wizard.passphrase_page.first, PASSPHRASE)
    qtbot.keyClicks(wizard.passphrase_page.second, PASSPHRASE)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: wizard.casefile is not None, timeout=10000)
    casefile: CaseFile = wizard.casefile

    window = MainWindow(casefile, settings, registry.factories())
    qtbot.addWidget(window)
    window.show()
    settle(qtbot)
    cases = next(v for v in window.views if isinstance(v, CasesView))
    window.navigation.setCurrentRow(window.views.index(cases))

    client = ClientDialog(casefile, parent=window)
    client.family_name.setText("Haddad")
    client.given_name.setText("Rasha")
    client.birth_date.set_value(dt.date(1990, 5, 17))
    client.gender.setCurrentIndex(client.gender.findData("female"))
    client.nationality.setCurrentIndex(client.nationality.findData("SY"))
    client.residence_status.setCurrentIndex(client.residence_status.findData("humanitarian"))
    client.accept()
    assert client.result_id, client.message.text()

    new_case = NewCaseDialog(casefile, parent=window)
    qtbot.keyClicks(new_case.picker.search, "hadd")
    assert new_case.picker.client_id() == client.result_id
    new_case.municipality.setCurrentText("Lohmar")
    new_case.opened_on.set_value(dt.date(2025, 2, 3))
    new_case.accept()
    case_id = new_case.result_id
    assert case_id, new_case.message.text()
    cases.show_case(case_id)
    detail = cases.detail
    assert detail.case is not None and detail.case.id == case_id

    appointment = detail.new_appointment_dialog()
    appointment.date.set_value(dt.date(2025, 2, 3))
    appointment.minutes.setValue(75)
    appointment.kind.setCurrentIndex(appointment.kind.findData("case_management"))
    appointment.theme_boxes["residence"].setChecked(True)
    appointment.theme_boxes["language"].setChecked(True)
    appointment.accept()
    assert appointment.result_id, appointment.message.text()

    assessment = detail.new_assessment_dialog()
    assessment.assessed_on.set_value(dt.date(2025, 2, 3))
    assessment.ratings["residence"].setCurrentIndex(assessment.ratings["residence"].findData(3))
    assessment.ratings["language"].setCurrentIndex(assessment.ratings["language"].findData(2))
    assessment.accept()
    assert assessment.result_id, assessment.message.text()

    goal = detail.agree_goal_dialog()
    goal.life_area.setCurrentIndex(goal.life_area.findData("language"))
    goal.title_edit.setText("Integrationskurs B1 abschliessen")
    goal.agreed_on.set_value(dt.date(2025, 2, 20))
    goal.accept()
    assert goal.result_id, goal.message.text()

    referral = detail.refer_dialog()
    referral.date.set_value(dt.date(2025, 2, 20))
    referral.target.setCurrentIndex(referral.target.findData("language_course_provider"))
    referral.accept()
    assert referral.result_id, referral.message.text()

    closing = detail.close_case_dialog()
    closing.closed_on.set_value(dt.date(2025, 9, 30))
    closing.reason.setCurrentIndex(closing.reason.findData("goals_achieved"))
    closing.accept()
    settle(qtbot)
    stored = casework.get_case(casefile, case_id)
    assert stored.phase == "closed" and stored.closure_reason == "goals_achieved"
    assert [a.minutes for a in stored.appointments] == [75]
    assert stored.goals[0].title == "Integrationskurs B1 abschliessen"
    assert stored.referrals[0].target == "language_course_provider"
    assert stored.assessments[0].ratings == {"residence": 3, "language": 2}
    assert len(stored.timeline) >= 6

    statistics = next(v for v in window.views if isinstance(v, StatisticsView))
    window.navigation.setCurrentRow(window.views.index(statistics))
    statistics.picker.kind.setCurrentIndex(0)
    statistics.picker.year.setValue(2025)
    settle(qtbot)
    expected = indicators.flatten(figure_stats.for_casefile(casefile, parse_period("2025")))
    assert expected["cases.opened"] == 1 and expected["cases.long_term"] == 1
    assert expected["cases.closed_by_reason.goals_achieved"] == 1
    assert expected["cases.appointments_to_positive_close.median"] == 1.0
    for key, label in statistics.key_labels.items():
        assert label.text() == number(expected[key]), key

    window.lock()
    assert window.is_locked and detail.case is None
    assert statistics.figures is None
    window.close()
    with CaseFile.open(tmp_path / "erika.kim", PASSPHRASE) as reopened:
        assert casework.get_case(reopened, case_id).closure_reason == "goals_achieved"
