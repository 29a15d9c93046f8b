"""Keeping the main window within a 1366×768 laptop screen (issue 12): its start size, the
navigation's width and the scroll area around each view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QListWidget, QScrollArea, QWidget


def fit_to_screen(window: QWidget) -> None:
    """Start no larger than the screen's free area (the taskbar excluded), leaving room for
    the frame and title bar the window manager adds."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    width, height = 1280, 800
    if screen is not None:
        area = screen.availableGeometry()
        width = min(width, area.width() - 16)
        height = min(height, area.height() - 48)
    window.resize(width, height)


def fit_navigation(navigation: QListWidget) -> None:
    """As wide as its longest label (never "Fälle und K…"), up to a fifth of a 1366-pixel
    screen; a longer label wraps onto a second line instead of being cut."""
    navigation.setWordWrap(True)
    navigation.setTextElideMode(Qt.TextElideMode.ElideNone)
    navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    metrics = navigation.fontMetrics()
    longest = max(
        (metrics.horizontalAdvance(navigation.item(i).text()) for i in range(navigation.count())),
        default=0,
    )
    padding = 2 * navigation.frameWidth() + 4 * navigation.spacing() + 16  # item margins
    navigation.setFixedWidth(min(longest + padding, 270))


def scrolling(view: QWidget) -> QScrollArea:
    """``view`` in a frameless scroll area: where the screen is smaller than the view's
    minimum (150 % scaling and more) it scrolls instead of pushing the window off-screen."""
    holder = QScrollArea()
    holder.setFrameShape(QFrame.Shape.NoFrame)
    holder.setWidgetResizable(True)
    holder.setWidget(view)
    return holder
