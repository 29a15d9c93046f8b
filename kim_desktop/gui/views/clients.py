"""The client register (Klient:innen): every client, with or without a case — a searchable,
filterable, sortable list (a Qt model that pages through core queries, quick with 100,000
clients) and the chosen client beside it (views/client_panel.py)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kim_desktop.core import casework
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.gui import i18n
from kim_desktop.gui.dialogs import ClientDialog
from kim_desktop.gui.formatting import date_text, number
from kim_desktop.gui.main_window import CaseFileView
from kim_desktop.gui.table_model import compact
from kim_desktop.gui.views.client_panel import ClientPanel

Index = QModelIndex | QPersistentModelIndex
PAGE = 100  # rows per fetch; a screen shows about 30

# Column → sort key of casework.list_clients (None: not sortable).
COLUMNS: tuple[tuple[str, str | None], ...] = (
    ("display_name", "name"),
    ("birth_date", "birth_date"),
    ("nationality", "nationality"),
    ("open_cases", "open_cases"),
    ("cases", "cases"),
    ("last_appointment", None),  # sorting every client by it takes seconds on large files
)


class ClientListModel(QAbstractTableModel):
    """Pages of ``casework.list_clients``; Qt asks for more rows as the view scrolls."""

    def __init__(self) -> None:
        super().__init__()
        self.casefile: CaseFile | None = None
        self.client_filter = casework.ClientFilter()
        self.sort_key = "name"
        self.descending = False
        self.rows: list[casework.ClientListRow] = []
        self.total = 0

    def set_casefile(self, casefile: CaseFile | None) -> None:
        self.casefile = casefile
        self.reload()

    def set_filter(self, client_filter: casework.ClientFilter) -> None:
        self.client_filter = client_filter
        self.reload()

    def _page(self, offset: int) -> list[casework.ClientListRow]:
        assert self.casefile is not None
        return casework.list_clients(
            self.casefile,
            self.client_filter,
            sort=self.sort_key,
            descending=self.descending,
            offset=offset,
            limit=PAGE,
            language=i18n.current_language(),
        )

    def reload(self) -> None:
        self.beginResetModel()
        if self.casefile is None:
            self.rows, self.total = [], 0
        else:
            self.total = casework.count_clients(self.casefile, self.client_filter)
            self.rows = self._page(0)
        self.endResetModel()

    def row_at(self, row: int) -> casework.ClientListRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, client_id: str) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.id == client_id), None)

    # -- Qt model --------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.casefile is None or parent.isValid():
            return
        more = self._page(len(self.rows))
        if not more:
            self.total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][1]
        if key is None:
            return
        self.sort_key = key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def sort_column(self) -> int:
        return next(i for i, (_field, key) in enumerate(COLUMNS) if key == self.sort_key)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("Name"),
                self.tr("Born"),
                self.tr("Nationality"),
                self.tr("Open cases"),
                self.tr("All cases"),
                self.tr("Last appointment"),
            )[section]
        if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[section][1] is None:
            return self.tr("This column cannot be sorted.")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        field = COLUMNS[index.column()][0]
        restricted = row.restricted_on is not None and field == "display_name"
        if role == Qt.ItemDataRole.DisplayRole:
            value = getattr(row, field)
            if restricted:  # Art. 18 GDPR: seen in the list, not only in the panel
                return self.tr("{name} (restricted)").format(name=value)
            if field in ("birth_date", "last_appointment"):
                return date_text(value)
            if field == "nationality":
                return cat.nationality_label(value, i18n.current_language()) if value else ""
            return str(value)
        if role == Qt.ItemDataRole.FontRole and restricted:  # seen even when cut short
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and restricted:
            return self.tr("Processing restricted (Art. 18 GDPR) since {date}").format(
                date=date_text(row.restricted_on)
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and field in ("open_cases", "cases"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class _SearchKeys(QObject):
    """Down or Enter in the search field moves into the results (the first row)."""

    def __init__(self, view: ClientsView) -> None:
        super().__init__(view)
        self.view = view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        keys = (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter)
        pressed = isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
        if pressed and event.key() in keys:  # type: ignore[attr-defined]
            self.view.focus_results()
            return True
        return False


class ClientsView(CaseFileView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ClientListModel()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search names … (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search clients by name"))
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(_SearchKeys(self))
        self.cases_filter = QComboBox()
        self.cases_filter.setAccessibleName(self.tr("Clients with or without cases"))
        for text, value in (
            (self.tr("All clients"), None),
            (self.tr("With an open case"), "with_open_case"),
            (self.tr("Without a case"), "without_case"),
        ):
            self.cases_filter.addItem(text, value)
        self.count = QLabel()
        self.count.setAccessibleName(self.tr("Number of clients shown"))
        self.new_client = QPushButton(self.tr("New c&lient …"))
        self.new_client.setAccessibleName(self.tr("New client"))

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Clients"))
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside
        compact(self.table)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        # Fixed starting widths: measuring contents at every keystroke would cost more than
        # the query.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        char = self.table.fontMetrics().averageCharWidth()
        for column, chars in enumerate((24, 11, 22, 12, 10, 13)):
            header.resizeSection(column, chars * char + 16)
        self.panel = ClientPanel()

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.cases_filter, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_client)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.table)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([660, 440])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.search.textChanged.connect(self.apply_filter)
        self.cases_filter.currentIndexChanged.connect(self.apply_filter)
        header.sortIndicatorChanged.connect(self._sort_indicator_changed)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        self.table.activated.connect(lambda _index: self.edit_client())
        self.model.modelReset.connect(self._show_count)
        self.model.rowsInserted.connect(self._show_count)
        self.new_client.clicked.connect(lambda _checked=False: self.create_client())
        self.panel.changed.connect(self._client_changed)
        self.panel.client_chosen.connect(self.show_client)
        self.panel.open_case_requested.connect(self.open_case_requested)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        self._filling = False

    def title(self) -> str:
        return self.tr("Clients")

    # -- life cycle ------------------------------------------------------------------------

    def set_casefile(self, casefile: CaseFile | None) -> None:
        super().set_casefile(casefile)
        if casefile is not None:
            self.model.set_casefile(casefile)

    def clear(self) -> None:
        self.panel.clear()
        self.model.set_casefile(None)
        self._filling = True
        self.search.clear()
        self.cases_filter.setCurrentIndex(0)
        self._filling = False
        self.count.clear()

    def refresh(self) -> None:
        """Read the list and the chosen client again (their cases may have changed in
        another view)."""
        if self.casefile is None:
            return
        chosen = self.panel.client.id if self.panel.client else None
        self.model.reload()
        if chosen and casework.get_client_row(self.casefile, chosen) is None:
            self.panel.clear()  # erased meanwhile
        elif chosen:
            self._select(chosen)
            self.panel.reload()

    def forget_erased(self, case_ids: set[str], client_ids: set[str]) -> None:
        """After an erasure (gui/erase_dialog.py): an erased client is no longer shown."""
        client = self.panel.client
        if client is not None and client.id in client_ids:
            self.panel.clear()
        elif client is not None and self.casefile is not None and self.isVisible():
            self.panel.reload()  # one of their cases may have gone

    # -- filtering and selection -----------------------------------------------------------

    def current_filter(self) -> casework.ClientFilter:
        return casework.ClientFilter(
            text=self.search.text().strip(), cases=self.cases_filter.currentData()
        )

    def apply_filter(self) -> None:
        if self._filling or self.casefile is None:
            return
        self.model.set_filter(self.current_filter())

    def _sort_indicator_changed(self, column: int, _order: Qt.SortOrder) -> None:
        if COLUMNS[column][1] is None:
            # Not sortable: show the order the list really has.
            order = (
                Qt.SortOrder.DescendingOrder
                if self.model.descending
                else Qt.SortOrder.AscendingOrder
            )
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(self.model.sort_column(), order)
            header.blockSignals(False)

    def _show_count(self) -> None:
        if self.casefile is None:
            self.count.clear()
            return
        total = self.model.total
        if total == 1:
            self.count.setText(self.tr("1 client"))
        else:
            self.count.setText(self.tr("{count} clients").format(count=number(total)))

    def focus_results(self) -> None:
        """Into the list, on the first row unless one is chosen."""
        self.table.setFocus()
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))

    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        if row is None or self.casefile is None:
            return
        if self.panel.client is None or self.panel.client.id != row.id:
            self.panel.show_client(self.casefile, row.id)

    def _select(self, client_id: str) -> bool:
        row = self.model.row_of(client_id)
        if row is None:
            return False
        self.table.setCurrentIndex(self.model.index(row, 0))
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def show_client(self, client_id: str) -> None:
        """Choose ``client_id`` in the list (searching for them if the filter hides them)
        and show them beside it."""
        if self.casefile is None:
            return
        if self.model.row_of(client_id) is None:
            row = casework.get_client_row(self.casefile, client_id)
            if row is None:
                return
            # Show the client's name as the search, so the list holds them at the top.
            family = row.display_name.split(", ")[0]
            self._filling = True
            self.search.setText(family)
            self.cases_filter.setCurrentIndex(0)
            self._filling = False
            self.apply_filter()
            while self.model.row_of(client_id) is None and self.model.canFetchMore():
                self.model.fetchMore()
        if not self._select(client_id):
            self.panel.show_client(self.casefile, client_id)

    def _client_changed(self, client_id: str) -> None:
        # Keep the list row current (name, counts) and the client chosen.
        self.model.reload()
        if not self._select(client_id):
            self.show_client(client_id)

    # -- creating and editing --------------------------------------------------------------

    def new_client_dialog(self) -> ClientDialog | None:
        """A prepared, unshown dialog for a new client (the search text as family name);
        the client saved (or the existing one chosen instead) is shown at once."""
        if self.casefile is None:
            return None
        dialog = ClientDialog(self.casefile, parent=self)
        typed = self.search.text().strip()
        if typed:
            dialog.family_name.setText(typed)
        dialog.accepted.connect(lambda: self._client_saved(dialog))
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        return dialog

    def create_client(self) -> QDialog | None:
        dialog = self.new_client_dialog()
        if dialog is not None:
            dialog.family_name.setFocus()
            dialog.open()
        return dialog

    def _client_saved(self, dialog: ClientDialog) -> None:
        if dialog.result_id:
            self.model.reload()
            self.show_client(dialog.result_id)
            self.table.setFocus()

    def edit_client(self) -> QDialog | None:
        """Edit the chosen client (Enter or double-click in the list)."""
        return self.panel.edit_client()
