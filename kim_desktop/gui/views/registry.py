"""The views of the main window, in navigation order (Ctrl+1, Ctrl+2, …), by the role of
the open case file."""

from __future__ import annotations

from kim_desktop.gui.main_window import ViewFactory


def factories(role: str = "casemanager") -> list[ViewFactory]:
    """A case manager's views, or a coordinator's (``role="coordinator"``)."""
    from kim_desktop.gui.views.sync.bundle import SyncBundleView
    from kim_desktop.gui.views.sync.gaps import CollectedGapsView
    from kim_desktop.gui.views.sync.inbox import BundleInboxView

    if role == "coordinator":
        from kim_desktop.gui.views.district import DistrictKeysView, DistrictView

        return [DistrictView, BundleInboxView, CollectedGapsView, DistrictKeysView]

    from kim_desktop.gui.views.appointments import AppointmentsView
    from kim_desktop.gui.views.cases import CasesView
    from kim_desktop.gui.views.clients import ClientsView
    from kim_desktop.gui.views.gaps import GapsView
    from kim_desktop.gui.views.overview import OverviewView
    from kim_desktop.gui.views.retention import RetentionView
    from kim_desktop.gui.views.statistics import StatisticsView

    return [
        OverviewView,
        CasesView,
        ClientsView,
        AppointmentsView,
        GapsView,
        StatisticsView,
        RetentionView,
        SyncBundleView,
    ]
