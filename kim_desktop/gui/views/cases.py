"""Cases and clients: a searchable, filterable, sortable list of cases (a Qt model that pages
through core queries, smooth with 10,000 clients) and the open case beside it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
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
from kim_desktop.gui.dialogs import ClientDialog, NewCaseDialog, run_dialog
from kim_desktop.gui.flow import FlowLayout
from kim_desktop.gui.formatting import date_text
from kim_desktop.gui.keyboard import lead_into_results
from kim_desktop.gui.main_window import CaseFileView
from kim_desktop.gui.table_model import compact
from kim_desktop.gui.views.case_detail import CaseDetailWidget

Index = QModelIndex | QPersistentModelIndex
PAGE = 100  # rows per fetch; a screen shows about 30

# Column → sort key of casework.list_cases.
COLUMNS = (
    "primary_name",
    "member_count",
    "municipality",
    "track",
    "phase",
    "opened_on",
    "closed_on",
    "follow_up_on",
)
SORTABLE = frozenset(casework.CASE_SORT_KEYS)  # what core can sort by


class CaseListModel(QAbstractTableModel):
    """Pages of ``casework.list_cases``; Qt asks for more rows as the view scrolls."""

    def __init__(self) -> None:
        super().__init__()
        self.casefile: CaseFile | None = None
        self.case_filter = casework.CaseFilter(state="open")
        self.sort_key = "opened_on"
        self.descending = True
        self.rows: list[casework.CaseRow] = []
        self.total = 0

    def set_casefile(self, casefile: CaseFile | None) -> None:
        self.casefile = casefile
        self.reload()

    def set_filter(self, case_filter: casework.CaseFilter) -> None:
        self.case_filter = case_filter
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        if self.casefile is None:
            self.rows, self.total = [], 0
        else:
            self.total = casework.count_cases(self.casefile, self.case_filter)
            self.rows = casework.list_cases(
                self.casefile,
                self.case_filter,
                sort=self.sort_key,
                descending=self.descending,
                offset=0,
                limit=PAGE,
            )
        self.endResetModel()

    def row_at(self, row: int) -> casework.CaseRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, case_id: str) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.id == case_id), None)

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
        more = casework.list_cases(
            self.casefile,
            self.case_filter,
            sort=self.sort_key,
            descending=self.descending,
            offset=len(self.rows),
            limit=PAGE,
        )
        if not more:
            self.total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column]
        if key not in SORTABLE:
            return
        self.sort_key = key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (
            self.tr("Name"),
            self.tr("Persons"),
            self.tr("Municipality"),
            self.tr("Track"),
            self.tr("Phase"),
            self.tr("Opened"),
            self.tr("Closed"),
            self.tr("Follow-up"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            language = i18n.current_language()
            catalogues = cat.base_catalogues()
            if column == "track":
                return catalogues[cat.TRACKS].label(row.track, language)
            if column == "phase":
                return catalogues[cat.PHASES].label(row.phase, language)
            if column in ("opened_on", "closed_on", "follow_up_on"):
                return date_text(getattr(row, column))
            return str(getattr(row, column))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "member_count":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class CasesView(CaseFileView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CaseListModel()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search names … (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search names"))
        self.search.setClearButtonEnabled(True)
        self.state = QComboBox()
        self.state.setAccessibleName(self.tr("Open or closed"))
        for text, value in (
            (self.tr("Open cases"), "open"),
            (self.tr("Closed cases"), "closed"),
            (self.tr("All cases"), None),
        ):
            self.state.addItem(text, value)
        self.phase = QComboBox()
        self.phase.setAccessibleName(self.tr("Phase"))
        self.track = QComboBox()
        self.track.setAccessibleName(self.tr("Track"))
        self.municipality = QComboBox()
        self.municipality.setAccessibleName(self.tr("Municipality"))
        self.count = QLabel()
        self.count.setAccessibleName(self.tr("Number of cases shown"))
        self.new_case = QPushButton(self.tr("&New case …"))
        self.new_client = QPushButton(self.tr("New c&lient …"))

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Cases"))
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(
            COLUMNS.index("opened_on"), Qt.SortOrder.DescendingOrder
        )
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        compact(self.table)
        # Fixed starting widths (the user may drag them): measuring contents on every
        # keystroke of the search would cost more than the query itself.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        char = self.table.fontMetrics().averageCharWidth()
        for column, chars in enumerate((22, 9, 16, 17, 20, 12, 12, 12)):
            header.resizeSection(column, chars * char + 12)
        self.detail = CaseDetailWidget()

        filters = FlowLayout()  # wraps where the window is narrow (150 % scaling)
        for combo in (self.state, self.phase, self.track, self.municipality):
            filters.addWidget(combo)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_case)
        buttons.addWidget(self.new_client)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addLayout(filters)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.table)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([600, 700])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.search.textChanged.connect(self.apply_filter)
        for combo in (self.state, self.phase, self.track, self.municipality):
            combo.currentIndexChanged.connect(self.apply_filter)
        # Walking the list with the arrow keys only selects; Enter or a double click opens.
        self.table.activated.connect(self._row_chosen)
        lead_into_results(self.search, self.table)
        self.model.modelReset.connect(self._show_count)
        self.model.rowsInserted.connect(self._show_count)
        self.new_case.clicked.connect(self.create_case)
        self.new_client.clicked.connect(self.create_client)
        self.detail.changed.connect(self._detail_changed)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        QShortcut(QKeySequence.StandardKey.New, self, self.create_case)
        self._filling = False

    def title(self) -> str:
        return self.tr("Cases")

    # -- life cycle ------------------------------------------------------------------------

    def set_casefile(self, casefile: CaseFile | None) -> None:
        super().set_casefile(casefile)
        if casefile is not None:
            self._fill_filters(casefile)
            self.model.set_casefile(casefile)

    def flush_edits(self) -> None:
        self.detail.flush_edits()

    def clear(self) -> None:
        self.detail.clear()
        self.model.set_casefile(None)
        self._filling = True
        self.search.clear()
        self.municipality.clear()
        self._filling = False
        self.count.clear()

    def refresh(self) -> None:
        if self.casefile is None:
            return
        self.detail.flush_edits()
        selected = self.detail.case.id if self.detail.case else None
        self.model.reload()
        if selected:
            self._select(selected)

    def forget_erased(self, case_ids: set[str], client_ids: set[str]) -> None:
        """After an erasure (gui/erase_dialog.py): an erased case closes with its dialogs;
        a case that stays is read again (a member or a note may have gone)."""
        shown = self.detail.case
        if shown is None or self.casefile is None:
            return
        if shown.id in case_ids:
            self.detail.clear()
        elif {member.client.id for member in shown.members} & client_ids:
            self.detail.show_case(self.casefile, shown.id)

    def _fill_filters(self, casefile: CaseFile) -> None:
        self._filling = True
        language = i18n.current_language()
        catalogues = casework.catalogues_of(casefile)
        for combo, name, everything in (
            (self.phase, cat.PHASES, self.tr("All phases")),
            (self.track, cat.TRACKS, self.tr("Both tracks")),
        ):
            combo.clear()
            combo.addItem(everything, None)
            for entry in catalogues[name].entries:
                combo.addItem(entry.label(language), entry.code)
        self.municipality.clear()
        self.municipality.addItem(self.tr("All municipalities"), None)
        for name in casework.list_municipalities(casefile):
            self.municipality.addItem(name, name)
        self._filling = False

    # -- filtering and selection -----------------------------------------------------------

    def current_filter(self) -> casework.CaseFilter:
        return casework.CaseFilter(
            text=self.search.text().strip(),
            phase=self.phase.currentData(),
            track=self.track.currentData(),
            municipality=self.municipality.currentData(),
            state=self.state.currentData(),
        )

    def apply_filter(self) -> None:
        if self._filling or self.casefile is None:
            return
        self.model.set_filter(self.current_filter())

    def _show_count(self) -> None:
        if self.casefile is None:
            self.count.clear()
            return
        self.count.setText(self.tr("%Ln case(s)", "", self.model.total))

    def _row_chosen(self, current: QModelIndex) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        already_shown = (
            row is not None and self.detail.case is not None and self.detail.case.id == row.id
        )
        if row is not None and self.casefile is not None and not already_shown:
            self.detail.flush_edits()
            self.detail.show_case(self.casefile, row.id)

    def _select(self, case_id: str) -> None:
        row = self.model.row_of(case_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def show_case(self, case_id: str) -> None:
        """Open ``case_id`` (from the overview or after creating it)."""
        if self.casefile is None:
            return
        if self.model.row_of(case_id) is None:
            # Not in the current list (filtered out): show all cases.
            self._filling = True
            self.search.clear()
            for combo in (self.phase, self.track, self.municipality):
                combo.setCurrentIndex(0)
            self.state.setCurrentIndex(2)
            self._filling = False
            self.apply_filter()
            while self.model.row_of(case_id) is None and self.model.canFetchMore():
                self.model.fetchMore()
        self._select(case_id)
        self.detail.flush_edits()
        self.detail.show_case(self.casefile, case_id)

    def _detail_changed(self) -> None:
        # Keep the list row of the open case current (phase, follow-up, name …).
        self.refresh()

    # -- creating --------------------------------------------------------------------------

    def create_case(self) -> None:
        casefile = self.casefile
        if casefile is None:
            return
        case_id = run_dialog(NewCaseDialog(casefile, self))
        if case_id:
            self._fill_filters(casefile)
            self.show_case(case_id)

    def create_client(self) -> None:
        if self.casefile is None:
            return
        # A client without a case is found in the register: show them there at once.
        run_dialog(ClientDialog(self.casefile, parent=self), self.open_client_requested.emit)
