"""The one date input of the window: typed as Germans write dates, or picked in a calendar.

Qt's QDateEdit edits a date section by section: typing "15.03.1988" over a selected
"30.11.2026" yields "15.11.00003.1988", and an impossible day becomes the last day of the
month. A date typed here is read whole when the field is left: it becomes exactly the date
typed or a message at the field, never a different date."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kim_desktop.gui.field_messages import FieldProblem
from kim_desktop.gui.formatting import py_date, qt_date

# "15.03.1988", "15.3.88", "15.3." (this year), "15031988", "150388", "1988-03-15".
_DOTTED = re.compile(r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.?(?P<year>\d{2}|\d{4})?")
_DIGITS = re.compile(r"(?P<day>\d{2})(?P<month>\d{2})(?P<year>\d{2}|\d{4})")
_ISO = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})")

EARLIEST = dt.date(1900, 1, 1)


class DateProblem(ValueError):
    """Typed text that is no date, or a date outside the field's bounds; the message is
    for the user (in the window's language)."""


def _full_year(two_digits: int, today: dt.date, past_only: bool) -> int:
    """The century of "88": for dates that cannot lie ahead (birth, arrival), the latest
    year not after this one; otherwise the year nearest to today."""
    year = today.year // 100 * 100 + two_digits
    if past_only:
        return year if year <= today.year else year - 100
    if year > today.year + 50:
        return year - 100
    if year < today.year - 50:
        return year + 100
    return year


def parse_date(typed: str, today: dt.date, past_only: bool = False) -> dt.date | None:
    """The date in ``typed``, None for an empty text; ``DateProblem`` names what is wrong.
    Two-digit years follow ``_full_year``; "15.3." means this year."""
    text = typed.strip()
    if not text:
        return None
    found = _DOTTED.fullmatch(text) or _DIGITS.fullmatch(text) or _ISO.fullmatch(text)
    if found is None:
        raise DateProblem(
            QCoreApplication.translate("DateField", "Type a date such as 15.03.1988 or 15.3.88.")
        )
    day, month = int(found["day"]), int(found["month"])
    year_text = found["year"]
    if year_text is None:
        year = today.year
    elif len(year_text) == 2:
        year = _full_year(int(year_text), today, past_only)
    else:
        year = int(year_text)
    if not 1 <= month <= 12:
        raise DateProblem(
            QCoreApplication.translate("DateField", "There is no month {month}.").format(
                month=month
            )
        )
    try:
        return dt.date(year, month, day)
    except ValueError:
        if year < 1:
            raise DateProblem(
                QCoreApplication.translate(
                    "DateField", "Type a date such as 15.03.1988 or 15.3.88."
                )
            ) from None
        last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
        raise DateProblem(
            QCoreApplication.translate(
                "DateField", "There is no {typed}: that month has {days} days."
            ).format(typed=f"{day:02d}.{month:02d}.{year}", days=last)
        ) from None


def date_text(value: dt.date | None) -> str:
    """How the field shows a date: always ``dd.mm.yyyy`` (the way it is typed)."""
    return f"{value:%d.%m.%Y}" if value is not None else ""


class DateField(QWidget):
    """A date typed or picked. ``value()`` is the date typed (None when empty and
    ``optional``) or raises ``InvalidInput`` with the message also shown at the field.
    ``earliest``/``latest`` bound what is accepted; ``past_only`` also makes two-digit years
    fall in the past. ``committed`` is emitted with each new valid date the user enters."""

    committed = Signal(object)

    def __init__(
        self,
        value: dt.date | None = None,
        name: str = "",
        *,
        field: str = "date",
        optional: bool = False,
        past_only: bool = False,
        earliest: dt.date | None = EARLIEST,
        latest: dt.date | None = None,
        latest_problem: str | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__()
        self.field = field
        self.optional = optional
        self.past_only = past_only
        self._today = today
        self.earliest = earliest
        self.latest = latest
        self._latest_problem = latest_problem
        self._last_committed: dt.date | None = value
        self.line = QLineEdit(date_text(value))
        self.line.setAccessibleName(name)
        self.line.setPlaceholderText(
            QCoreApplication.translate("DateField", "dd.mm.yyyy, empty if unknown")
            if optional
            else QCoreApplication.translate("DateField", "dd.mm.yyyy")
        )
        self.line.setMaxLength(10)
        width = self.line.fontMetrics().horizontalAdvance(self.line.placeholderText())
        self.line.setMinimumWidth(width + 3 * self.line.fontMetrics().averageCharWidth())
        self.line.installEventFilter(self)
        self.calendar_button = QToolButton()
        self.calendar_button.setArrowType(Qt.ArrowType.DownArrow)
        self.calendar_button.setToolTip(
            QCoreApplication.translate("DateField", "Choose in a calendar (Alt+Down)")
        )
        self.calendar_button.setAccessibleName(QCoreApplication.translate("DateField", "Calendar"))
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Alt+Down from the field
        self.calendar_button.clicked.connect(self.open_calendar)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #a40000;")
        self.problem.setAccessibleName(
            QCoreApplication.translate("DateField", "Problem with the date")
        )
        self.problem.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.line)
        row.addWidget(self.calendar_button)
        row.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(self.problem)
        self.setFocusProxy(self.line)
        self.line.editingFinished.connect(self._finished)
        self.line.textEdited.connect(self._typing)
        self._calendar: QCalendarWidget | None = None

    # -- value ------------------------------------------------------------------------------

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    def _checked(self) -> dt.date | None:
        """The typed date within bounds; ``DateProblem`` otherwise."""
        value = parse_date(self.line.text(), self.today(), self.past_only)
        if value is None:
            if not self.optional:
                raise DateProblem(QCoreApplication.translate("DateField", "A date is required."))
            return None
        if self.earliest is not None and value < self.earliest:
            raise DateProblem(
                QCoreApplication.translate(
                    "DateField", "The date must not be before {date}."
                ).format(date=date_text(self.earliest))
            )
        if self.latest is not None and value > self.latest:
            raise DateProblem(
                self._latest_problem
                or QCoreApplication.translate(
                    "DateField", "The date must not be after {date}."
                ).format(date=date_text(self.latest))
            )
        return value

    def value(self) -> dt.date | None:
        try:
            value = self._checked()
        except DateProblem as problem:
            self.show_problem(str(problem))
            raise FieldProblem(self.field, str(problem)) from None
        self.show_problem("")
        return value

    def committed_value(self) -> dt.date | None:
        """The last valid date shown or entered (what a view shows while a typed text is
        still wrong)."""
        return self._last_committed

    def required_value(self) -> dt.date:
        """``value()`` of a field that cannot be empty."""
        value = self.value()
        if value is None:
            self.show_problem(QCoreApplication.translate("DateField", "A date is required."))
            raise FieldProblem(
                self.field, QCoreApplication.translate("DateField", "A date is required.")
            )
        return value

    def is_valid(self) -> bool:
        try:
            self._checked()
        except DateProblem:
            return False
        return True

    def set_value(self, value: dt.date | None) -> None:
        """Show ``value`` (from the file, not typed): no ``committed``, no problem shown."""
        self.line.setText(date_text(value))
        self._last_committed = value
        self.show_problem("")

    def has_problem(self) -> bool:
        """Whether a message is shown at the field."""
        return not self.problem.isHidden()

    def show_problem(self, text: str) -> None:
        """A message at the field (empty: none); the field's frame turns red while shown."""
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
        self.line.setStyleSheet("border: 1px solid #a40000;" if text else "")

    # -- typing -----------------------------------------------------------------------------

    def _typing(self, _text: str) -> None:
        if self.has_problem() and self.is_valid():
            self.show_problem("")  # the message goes as soon as the date is right

    def _finished(self) -> None:
        try:
            value = self._checked()
        except DateProblem as problem:
            self.show_problem(str(problem))  # the typed text stays as it is
            return
        self.show_problem("")
        # Shown in full, so that "15.3.88" can be seen to mean 1988.
        self.line.setText(date_text(value))
        if value != self._last_committed:
            self._last_committed = value
            self.committed.emit(value)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.line and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            alt_down = event.key() == Qt.Key.Key_Down and bool(
                event.modifiers() & Qt.KeyboardModifier.AltModifier
            )
            if alt_down or event.key() == Qt.Key.Key_F4:
                self.open_calendar()
                return True
        return super().eventFilter(watched, event)

    # -- calendar ---------------------------------------------------------------------------

    def open_calendar(self) -> None:
        """A calendar below the field; a click or Enter takes the date, Escape keeps the
        typed text."""
        if self._calendar is None:
            calendar = QCalendarWidget(self)
            calendar.setWindowFlags(Qt.WindowType.Popup)
            calendar.setGridVisible(True)
            calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
            calendar.activated.connect(self._picked)
            calendar.clicked.connect(self._picked)
            self._calendar = calendar
        calendar = self._calendar
        if self.earliest is not None:
            calendar.setMinimumDate(qt_date(self.earliest))
        if self.latest is not None:
            calendar.setMaximumDate(qt_date(self.latest))
        try:
            shown = self._checked() or self.today()
        except DateProblem:
            shown = self.today()
        calendar.setSelectedDate(qt_date(shown))
        calendar.move(self.line.mapToGlobal(QPoint(0, self.line.height())))
        calendar.show()
        calendar.setFocus()

    def _picked(self, day: QDate) -> None:
        assert self._calendar is not None
        self._calendar.hide()
        self.line.setText(date_text(py_date(day)))
        self.line.setFocus()
        self._finished()
