"""The views of the main window, in navigation order (Ctrl+1, Ctrl+2, …)."""

from __future__ import annotations

from kim_desktop.gui.main_window import ViewFactory


def factories() -> list[ViewFactory]:
    from kim_desktop.gui.views.appointments import AppointmentsView
    from kim_desktop.gui.views.cases import CasesView
    from kim_desktop.gui.views.gaps import GapsView
    from kim_desktop.gui.views.overview import OverviewView
    from kim_desktop.gui.views.statistics import StatisticsView

    return [OverviewView, CasesView, AppointmentsView, GapsView, StatisticsView]
