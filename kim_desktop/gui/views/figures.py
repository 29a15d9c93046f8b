"""Shared pieces of the sync-bundle and district views: words for the dotted indicator keys
of DESIGN §6, a table model of figures that marks suppressed cells, fingerprint labels and
the dialog in which people compare a fingerprint before they trust a key."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.figures import district, indicators
from kim_desktop.core.figures.periods import Period
from kim_desktop.gui import i18n
from kim_desktop.gui.formatting import date_text, number
from kim_desktop.gui.table_model import Column, Index, RowsModel, compact

SUPPRESSED_KEY = "_suppressed"
HISTOGRAM = "cases.appointments_to_positive_close.histogram."
INTERPRETER = district.INTERPRETER_PREFIX
ERROR_STYLE = "color: #a40000;"


class _Missing:
    """A figure a set does not carry (e.g. a nationality that occurs in one municipality)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class _NoData:
    """A whole figure set without data (a coordinator's period without bundles): "–"."""

    def __repr__(self) -> str:
        return "NO_DATA"


NO_DATA: Any = _NoData()


@dataclass(frozen=True)
class FigureRow:
    key: str  # the dotted key of DESIGN §6
    label: str
    values: tuple[Any, ...]  # one per figure set; None = suppressed, MISSING = not carried


def ordered_keys(flats: Sequence[Mapping[str, Any]], wanted: Callable[[str], bool]) -> list[str]:
    """The keys of several flattened figure sets, in first-seen order."""
    seen: dict[str, None] = {}
    for flat in flats:
        for key in flat:
            if wanted(key):
                seen.setdefault(key, None)
    return list(seen)


class FigureTexts(QObject):
    """Words for indicator keys in the current language (catalogue labels for codes)."""

    def __init__(self, catalogues: Mapping[str, cat.Catalogue] | None = None) -> None:
        super().__init__()
        self.catalogues = catalogues or cat.base_catalogues()
        self.language = i18n.current_language()

    def key_figures(self) -> dict[str, str]:
        return {
            "appointments.total": self.tr("Appointments in total"),
            "appointments.counselling": self.tr("Counselling appointments"),
            "appointments.short_consultation": self.tr("Short consultations"),
            "appointments.case_management": self.tr("Case management appointments"),
            "appointments.other_work": self.tr("Other work appointments"),
            "appointments.minutes_case_management": self.tr(
                "Minutes of case management appointments"
            ),
            "appointments.avg_minutes_case_management": self.tr(
                "Average minutes per case management appointment"
            ),
            "cases.opened": self.tr("Case management cases opened"),
            "cases.persons_in_opened": self.tr("Persons in opened cases"),
            "cases.long_term": self.tr("Long-term case management processes"),
            "cases.not_continued": self.tr("Not continued"),
            "cases.closed": self.tr("Cases closed"),
            "cases.open_at_end": self.tr("Open cases at period end"),
            "cases.appointments_to_positive_close.median": self.tr(
                "Appointments until positive close (median)"
            ),
            "referrals.total": self.tr("Referrals in total"),
            "goals.agreed": self.tr("Goals agreed"),
            "structural_gaps.reported": self.tr("Structural gaps reported"),
        }

    def participant_figures(self) -> dict[str, str]:
        """The participants of other work (issue 13): beside the key figures, in the
        appointments' tables."""
        return {
            "appointments.other_work_participants": self.tr("Participants of other work"),
            "appointments.other_work_without_participants": self.tr(
                "Other work without recorded participants"
            ),
        }

    def _families(self) -> dict[str, tuple[str, str]]:
        return {
            "appointments.other_work_by_type": (
                cat.OTHER_WORK_TYPES,
                self.tr("Other work: {label}"),
            ),
            "appointments.by_channel": (cat.CHANNELS, self.tr("Channel: {label}")),
            "appointments.interpreter": (
                cat.INTERPRETER,
                self.tr("Counselling: {label}"),
            ),
            "cases.closed_by_reason": (cat.CLOSURE_REASONS, self.tr("Closed because: {label}")),
            "themes": (cat.THEMES, self.tr("Theme: {label}")),
            "referrals.by_target": (cat.REFERRAL_TARGETS, self.tr("Referred to: {label}")),
            "goals.by_status": (cat.GOAL_STATUS, self.tr("Goals, status: {label}")),
        }

    def code_label(self, catalogue: str, code: str) -> str:
        if catalogue == cat.INTERPRETER and code == indicators.UNRECORDED:
            return self.tr("interpreting not recorded")
        found = self.catalogues.get(catalogue)
        return found.label(code, self.language) if found else code

    def label(self, key: str) -> str:
        """``themes.housing`` → "Theme: Wohnen"; unknown keys are shown as they are."""
        known = self.key_figures().get(key) or self.participant_figures().get(key)
        if known is not None:
            return known
        if key.startswith(HISTOGRAM):
            return self.tr("Positive closes after {n} appointments").format(n=key[len(HISTOGRAM) :])
        prefix, _, code = key.rpartition(".")
        family = self._families().get(prefix)
        if family is not None:
            return family[1].format(label=self.code_label(family[0], code))
        if key.startswith("demographics."):
            return self.demographic_label(key)
        return key

    def dimension(self, name: str) -> str:
        return {
            "gender": self.tr("Gender"),
            "age_band": self.tr("Age"),
            "nationality": self.tr("Nationality"),
            "residence_status": self.tr("Residence status"),
        }.get(name, name)

    def demographic_label(self, key: str) -> str:
        _, dimension, code = key.split(".", 2)
        if code == SUPPRESSED_KEY:
            value = self.tr("persons in suppressed cells")
        elif dimension == "nationality":
            value = cat.nationality_label(code, self.language)
        elif dimension == "age_band" and code == "unknown":
            value = self.tr("age unknown")
        elif dimension == "age_band":
            value = self.code_label(cat.AGE_BANDS, code)
        elif dimension == "gender":
            value = self.code_label(cat.GENDERS, code)
        elif dimension == "residence_status":
            value = self.code_label(cat.RESIDENCE_STATUS, code)
        else:
            value = code
        return self.tr("{dimension}: {value}").format(
            dimension=self.dimension(dimension), value=value
        )

    # -- rows -------------------------------------------------------------------------------

    def rows(
        self, sets: Sequence[Mapping[str, Any]], wanted: Callable[[str], bool]
    ) -> list[FigureRow]:
        """One row per key (of any set) that ``wanted`` accepts, one value per set."""
        flats = [indicators.flatten(figures) for figures in sets if figures is not NO_DATA]
        rows = [
            FigureRow(key, self.label(key), tuple(flat.get(key, MISSING) for flat in flats))
            for key in ordered_keys(flats, wanted)
        ]
        if len(flats) == len(sets):
            return rows
        # A set without data (``NO_DATA``) reads "–" in every row, never 0.
        return [FigureRow(row.key, row.label, self._with_no_data(sets, row.values)) for row in rows]

    @staticmethod
    def _with_no_data(sets: Sequence[Any], values: tuple[Any, ...]) -> tuple[Any, ...]:
        given = iter(values)
        return tuple(NO_DATA if figures is NO_DATA else next(given) for figures in sets)

    def demographic_rows(self, sets: Sequence[Mapping[str, Any]]) -> list[FigureRow]:
        """Each dimension on its own: its cells (nationalities by name, ``unknown`` and
        ``stateless`` last), then the persons in its suppressed cells."""
        rows = self.rows(sets, lambda key: key.startswith("demographics."))
        order = {name: index for index, name in enumerate(indicators.DEMOGRAPHIC_DIMENSIONS)}

        def sort_key(row: FigureRow) -> tuple[int, int, str]:
            _, dimension, code = row.key.split(".", 2)
            rank = order.get(dimension, len(order))
            if code == SUPPRESSED_KEY:
                return rank, 3, ""
            if dimension == "nationality":
                special = code in cat.NATIONALITY_SPECIAL
                return rank, 2 if special else 1, "" if special else row.label.casefold()
            return rank, 0, ""

        return sorted(rows, key=sort_key)

    def coverage(self, coverage: Mapping[str, Any]) -> str:
        """What a coordinator's figures rest on (``coverage.*``, counted in core:
        figures/district.py ``coverage``), e.g. "Figures from 12 bundles of 4 senders."."""
        bundles = int(coverage.get("bundles") or 0)
        senders = int(coverage.get("senders") or 0)
        if not bundles:
            return self.tr("No bundles for this period: no data.")
        enrolled = coverage.get("enrolled")
        if enrolled:  # with the team directory: how many enrolled members delivered
            delivered = int(coverage.get("enrolled_senders") or 0)
            who = self.tr("{senders} of the {enrolled} enrolled team members").format(
                senders=number(delivered), enrolled=number(int(enrolled))
            )
            others = senders - delivered
            if others == 1:
                who += self.tr(" and 1 sender outside the team")
            elif others > 1:
                who += self.tr(" and {others} senders outside the team").format(
                    others=number(others)
                )
        elif senders == 1:
            who = self.tr("1 sender")
        else:
            who = self.tr("{senders} senders").format(senders=number(senders))
        of_bundles = (
            self.tr("1 bundle")
            if bundles == 1
            else self.tr("{bundles} bundles").format(bundles=number(bundles))
        )
        return self.tr("Figures from {bundles} of {who}.").format(bundles=of_bundles, who=who)

    # -- periods ----------------------------------------------------------------------------

    def period_name(self, period: Period) -> str:
        """``2025-Q3`` → "Q3 2025"; a year as it is; a range as its dates."""
        if re.fullmatch(r"\d{4}", period.label):
            return period.label
        if match := re.fullmatch(r"(\d{4})-Q([1-4])", period.label):
            return self.tr("Q{quarter} {year}").format(quarter=match[2], year=match[1])
        return self.span(period)

    @staticmethod
    def span(period: Period) -> str:
        return f"{date_text(period.start)} – {date_text(period.end)}"


def coverage_text(coverage: Mapping[str, Any]) -> str:
    """``FigureTexts.coverage`` without a catalogue at hand."""
    return FigureTexts().coverage(coverage)


def timestamp_text(value: str | None) -> str:
    """An ISO timestamp (UTC) as local date and time."""
    if not value:
        return ""
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return f"{date_text(moment.date())} {moment:%H:%M}"


def change_text(current: Any, previous: Any) -> str:
    if not isinstance(current, int | float) or not isinstance(previous, int | float):
        return ""
    difference = current - previous
    if isinstance(difference, float):
        difference = round(difference, 1)
    if difference == 0:
        return "±0"
    return ("+" if difference > 0 else "−") + number(abs(difference))


def is_not_delivered(key: str, value: Any) -> bool:
    """A coordinator's sum of a figure that bundles of an older version do not carry
    (figures/district.py): unknown, neither 0 nor suppressed."""
    return value is None and (key.startswith(INTERPRETER) or key in district.PARTICIPANT_KEYS)


def not_delivered_text() -> str:
    return QCoreApplication.translate("FigureModel", "not delivered")


def is_suppressible(key: str) -> bool:
    """Only demographic cells are ever suppressed; other figures are None when there is
    nothing to average (no appointments, no positive close)."""
    return key.startswith("demographics.")


class FigureModel(RowsModel):
    """``FigureRow``s under a label column and one column per figure set (optionally a
    change column: first set minus second). Suppressed cells read as ``suppressed_text``, in
    italics and red, with an explanation as tool tip."""

    def __init__(self) -> None:
        super().__init__([])
        self.suppressed_text = "suppressed"
        self.suppressed_tip = ""

    def show(
        self,
        headers: Sequence[str],
        rows: Sequence[FigureRow],
        suppressed_text: str,
        suppressed_tip: str = "",
        change_header: str | None = None,
    ) -> None:
        self.beginResetModel()
        self.suppressed_text = suppressed_text
        self.suppressed_tip = suppressed_tip
        columns = [Column(headers[0], lambda row: row.label)]
        for index, header in enumerate(headers[1:]):
            columns.append(Column(header, self._cell_of(index), True))
        if change_header is not None:
            columns.append(
                Column(change_header, lambda row: change_text(row.values[0], row.values[1]), True)
            )
        self.columns = columns
        self.rows = list(rows)
        self.endResetModel()

    def reset(self) -> None:
        self.beginResetModel()
        self.columns = []
        self.rows = []
        self.endResetModel()

    def value_text(self, value: Any) -> str:
        if value is MISSING:
            return ""
        if value is NO_DATA:
            return "–"
        if value is None:
            return self.suppressed_text
        return number(value)

    def _cell_of(self, index: int) -> Callable[[FigureRow], str]:
        return lambda row: self.cell_text(row, index)

    def cell_text(self, row: FigureRow, index: int) -> str:
        value = row.values[index]
        if is_not_delivered(row.key, value):
            return not_delivered_text()
        if value is None and not is_suppressible(row.key):
            return "–"  # an average or median of nothing, not a suppressed cell
        return self.value_text(value)

    def text(self, row: int, column: int) -> str:
        """The shown text of a cell (for tests and copying)."""
        return self.columns[column].text(self.rows[row])

    def _suppressed(self, index: Index) -> bool:
        if not index.isValid() or index.column() == 0:
            return False
        row = self.rows[index.row()]
        values = row.values
        return (
            is_suppressible(row.key)
            and index.column() - 1 < len(values)
            and values[index.column() - 1] is None
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in (
            Qt.ItemDataRole.FontRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.ToolTipRole,
        ) and self._suppressed(index):
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setItalic(True)
                return font
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#a40000"))
            return self.suppressed_tip or None
        return super().data(index, role)


def figure_table(model: RowsModel, name: str) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    compact(table)
    table.horizontalHeader().setStretchLastSection(False)
    model.modelReset.connect(table.resizeColumnsToContents)
    return table


def fit_columns(table: QTableView, stretch: int | None = None) -> QTableView:
    """Columns as wide as their contents; ``stretch`` takes the rest of the width."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


_Widget = TypeVar("_Widget", bound=QWidget)


def keep_compact(widget: _Widget) -> _Widget:
    """Stay at the size hint in a form or row instead of stretching over the width."""
    widget.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return widget


# -- fingerprints ----------------------------------------------------------------------------


def fingerprint_lines(fingerprint: str) -> str:
    """Eight groups of five digits on two lines, to read out over the phone."""
    groups = fingerprint.split()
    return " ".join(groups[:4]) + "\n" + " ".join(groups[4:])


class FingerprintLabel(QLabel):
    """A fingerprint in a fixed-width font, selectable with mouse and keyboard."""

    def __init__(self, accessible_name: str, large: bool = False) -> None:
        super().__init__()
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        if large:
            font.setPointSizeF(font.pointSizeF() * 1.5)
            font.setBold(True)
        self.setFont(font)
        self.large = large
        self.setAccessibleName(accessible_name)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def set_fingerprint(self, fingerprint: str | None, empty_text: str = "") -> None:
        if not fingerprint:
            self.setText(empty_text)
            self.setAccessibleDescription("")
            return
        self.setText(fingerprint_lines(fingerprint) if self.large else fingerprint)
        self.setAccessibleDescription(fingerprint)

    def digits(self) -> str:
        return "".join(self.text().split())


class FingerprintDialog(QDialog):
    """Shows a fingerprint to compare by phone; the accept button names what happens.
    Cancel is the default button: trusting a key needs a deliberate choice."""

    def __init__(
        self,
        title: str,
        message: str,
        fingerprint: str,
        details: str,
        accept_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.message = QLabel(message)
        self.message.setWordWrap(True)
        self.fingerprint = FingerprintLabel(self.tr("Fingerprint"), large=True)
        self.fingerprint.set_fingerprint(fingerprint)
        self.details = QLabel(details)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox()
        self.accept_button = self.buttons.addButton(
            accept_text, QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.fingerprint, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.details)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.cancel_button.setFocus()
