"""Colours that stay readable (WCAG 2.1 AA: a contrast ratio of at least 4.5:1 for text).

Qt draws placeholder text ("Search names … (Ctrl+F)") half transparent, about 3.9:1 on white;
``readable_palette`` gives it a colour of its own, as light as the rule allows, in light and
dark themes alike; ``as_hint`` does the same for hint lines, and keeps them readable when
the form around them is disabled (Qt greys disabled text to about 1.6:1). Messages and
warnings use the fixed colours below, checked against the window background by the tests."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel

MINIMUM_CONTRAST = 4.5
ERROR_COLOUR = "#a40000"  # 8.0:1 on white, 6.4:1 on Fusion's window grey
WARNING_COLOUR = "#8a4b00"  # dark amber: 6.9:1 on white, 5.6:1 on Fusion's window grey


def luminance(colour: QColor) -> float:
    """Relative luminance (WCAG 2.1)."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(first: QColor, second: QColor) -> float:
    """The contrast ratio of two colours, 1 to 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def muted(text: QColor, background: QColor, minimum: float = MINIMUM_CONTRAST + 0.2) -> QColor:
    """``text`` moved towards ``background`` as far as the contrast stays at ``minimum``
    (a little above 4.5 so that rounding never drops below it)."""
    best = QColor(text)
    for step in range(1, 20):
        share = step / 20
        mixed = QColor.fromRgbF(
            text.redF() * (1 - share) + background.redF() * share,
            text.greenF() * (1 - share) + background.greenF() * share,
            text.blueF() * (1 - share) + background.blueF() * share,
        )
        if contrast(mixed, background) < minimum:
            break
        best = mixed
    return best


def readable_palette(app: QApplication) -> None:
    """Give placeholder text a colour readable on the input fields' background."""
    palette = app.palette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        text = palette.color(group, QPalette.ColorRole.Text)
        base = palette.color(group, QPalette.ColorRole.Base)
        palette.setColor(group, QPalette.ColorRole.PlaceholderText, muted(text, base))
    app.setPalette(palette)


def as_hint(label: QLabel) -> QLabel:
    """A hint line: quieter than the text around it, at least 4.5:1 in every state."""
    palette = label.palette()
    text = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)
    background = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Window)
    colour = muted(text, background)
    for group in (
        QPalette.ColorGroup.Active,
        QPalette.ColorGroup.Inactive,
        QPalette.ColorGroup.Disabled,
    ):
        palette.setColor(group, QPalette.ColorRole.WindowText, colour)
    label.setPalette(palette)
    return label
