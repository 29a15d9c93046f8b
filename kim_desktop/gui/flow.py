"""A layout that wraps its widgets onto further lines when the width runs out (Qt's flow
layout example), for rows of buttons: a row of five German button texts must not force the
window wider than a 1366-pixel screen. A label is kept on the line of the field it labels."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLabel, QLayout, QLayoutItem, QStyle, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = -1) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._stretch_at: int | None = None  # items from here on are pushed to the right

    # -- QLayout ---------------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def addStretch(self, _stretch: int = 1) -> None:
        """Like QBoxLayout.addStretch: what follows goes to the right end of its line."""
        self._stretch_at = len(self._items)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if 0 <= index < len(self._items):
            return self._items.pop(index)
        return None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        """All on one line."""
        width = 0
        height = 0
        for item in self._visible():
            hint = item.sizeHint()
            width += hint.width() + self._gap()
            height = max(height, hint.height())
        margins = self.contentsMargins()
        return QSize(
            max(0, width - self._gap()) + margins.left() + margins.right(),
            height + margins.top() + margins.bottom(),
        )

    def minimumSize(self) -> QSize:
        """The widest unit (a widget, or a label with its field): one unit per line."""
        size = QSize()
        for unit in self._units():
            width = sum(i.minimumSize().width() for i in unit) + self._gap() * (len(unit) - 1)
            height = max(i.minimumSize().height() for i in unit)
            size = size.expandedTo(QSize(width, height))
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    # -- arranging -------------------------------------------------------------------------

    def _gap(self) -> int:
        if self._spacing >= 0:
            return self._spacing
        parent = self.parent()
        if isinstance(parent, QWidget):
            return parent.style().pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing)
        if isinstance(parent, QLayout):
            return max(parent.spacing(), 0)
        return 6

    def _visible(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _units(self) -> list[list[QLayoutItem]]:
        """Visible items grouped so that a label and the widget it is the buddy of stay
        together on one line."""
        units: list[list[QLayoutItem]] = []
        keep_with_next = False
        for item in self._visible():
            if keep_with_next and units:
                units[-1].append(item)
            else:
                units.append([item])
            widget = item.widget()
            keep_with_next = isinstance(widget, QLabel) and widget.buddy() is not None
        return units

    def _arrange(self, rect: QRect, apply: bool) -> int:
        """Place the units line by line within ``rect``; returns the height used."""
        margins: QMargins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        gap = self._gap()
        right_from = self._right_aligned_from()
        lines: list[list[QLayoutItem]] = [[]]
        line_width = 0
        for unit in self._units():
            unit_width = sum(i.sizeHint().width() for i in unit) + gap * (len(unit) - 1)
            if lines[-1] and line_width + gap + unit_width > area.width():
                lines.append([])
                line_width = 0
            line_width += (gap if lines[-1] else 0) + unit_width
            lines[-1].extend(unit)
        y = area.y()
        for line in lines:
            if not line:
                continue
            height = max(i.sizeHint().height() for i in line)
            if apply:
                self._place_line(line, area, y, height, right_from)
            y += height + gap
        return y - gap - rect.y() + margins.bottom() if y > area.y() else 0

    def _right_aligned_from(self) -> QLayoutItem | None:
        if self._stretch_at is None or self._stretch_at >= len(self._items):
            return None
        return self._items[self._stretch_at]

    def _place_line(
        self,
        line: list[QLayoutItem],
        area: QRect,
        y: int,
        height: int,
        right_from: QLayoutItem | None,
    ) -> None:
        gap = self._gap()
        split = line.index(right_from) if right_from in line else len(line)
        x = area.x()
        for item in line[:split]:
            x = self._place(item, x, y, height, area.width()) + gap
        tail = line[split:]
        if tail:
            tail_width = sum(i.sizeHint().width() for i in tail) + gap * (len(tail) - 1)
            x = max(x, area.right() + 1 - tail_width)
            for item in tail:
                x = self._place(item, x, y, height, area.width()) + gap

    def _place(self, item: QLayoutItem, x: int, y: int, height: int, available: int) -> int:
        hint = item.sizeHint()
        width = min(hint.width(), available)
        offset = (height - hint.height()) // 2  # centred on the line
        item.setGeometry(QRect(QPoint(x, y + offset), QSize(width, hint.height())))
        return x + width
