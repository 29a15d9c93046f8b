"""The table both free-text reviews share (the Art. 15 copy's release, the case sheet's
print): a check box per passage, unticked, since nothing leaves the file unless chosen,
and the keys of the ticked ones."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

KEY_ROLE = Qt.ItemDataRole.UserRole + 1


def passage_row(key: str, tick_name: str, cells: list[str]) -> list[QStandardItem]:
    """A passage's row: its unticked check box (``tick_name`` for screen readers), then
    ``cells`` as read-only text."""
    tick = QStandardItem()
    tick.setCheckable(True)
    tick.setCheckState(Qt.CheckState.Unchecked)
    tick.setData(key, KEY_ROLE)
    tick.setAccessibleText(tick_name)
    row = [tick, *(QStandardItem(text) for text in cells)]
    for item in row:
        item.setEditable(False)
    return row


def tick_all(model: QStandardItemModel, state: Qt.CheckState) -> None:
    for row in range(model.rowCount()):
        item = model.item(row, 0)
        if item is not None:
            item.setCheckState(state)


def ticked_keys(model: QStandardItemModel) -> frozenset[str]:
    """The keys of the ticked passages."""
    return frozenset(
        str(item.data(KEY_ROLE))
        for row in range(model.rowCount())
        if (item := model.item(row, 0)) is not None and item.checkState() == Qt.CheckState.Checked
    )
