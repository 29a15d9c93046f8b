"""Typed input survives a lock, Escape and a crash.

Every form that saves a record (``dialogs.RecordDialog``) is watched while it is open: what
was typed is kept as a draft in the encrypted case file (``core/casefile/drafts.py``) every
few seconds and at once before locking, and nowhere else. After unlocking (or the next start
after a crash) each draft's form opens again, filled in, over the view it was opened from.
Saving or discarding the form removes its draft.

To open a form again, the arguments it was made with are remembered as plain data: records
by their ids (loaded afresh from the file), dates as text. A form made with something that
cannot be remembered that way still keeps its input: it is shown as text to copy."""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import logging
import uuid
import weakref
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)
from shiboken6 import Shiboken

from kim_desktop.core import casework
from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.casefile import drafts as stored_drafts
from kim_desktop.core.casefile.storage import CaseFile
from kim_desktop.core.errors import KimError
from kim_desktop.gui.date_field import DateField

log = logging.getLogger(__name__)

SAVE_EVERY_MS = 3000


# -- what was typed ----------------------------------------------------------------------------


def input_widgets(form: QWidget) -> list[tuple[str, QWidget]]:
    """The form's input widgets by attribute name, in the order they were made."""
    return list(_inputs(form))


def _inputs(form: QWidget) -> Iterator[tuple[str, Any]]:
    """The form's input widgets by attribute name (those in a dict as name.key)."""
    for name, value in vars(form).items():
        if name.startswith("_") or name in {"message", "buttons", "form"}:
            continue
        if (
            isinstance(value, dict)
            and value
            and all(isinstance(item, QWidget) and _is_input(item) for item in value.values())
        ):
            for key, item in value.items():  # theme boxes, an assessment's ratings
                yield f"{name}.{key}", item
        elif isinstance(value, QWidget) and _is_input(value):
            yield name, value


def _is_input(widget: QWidget) -> bool:
    return isinstance(
        widget, DateField | QLineEdit | QPlainTextEdit | QComboBox | QCheckBox | QAbstractSpinBox
    ) or callable(getattr(widget, "draft_value", None))


def _plain(value: Any) -> Any:
    return value if value is None or isinstance(value, str | int | float | bool) else None


def capture(form: QWidget) -> dict[str, Any]:
    """What is in the form's fields now, as JSON data (exactly as typed)."""
    values: dict[str, Any] = {}
    for name, widget in _inputs(form):
        if isinstance(widget, DateField):
            values[name] = widget.line.text()
        elif callable(getattr(widget, "draft_value", None)):
            values[name] = widget.draft_value()
        elif isinstance(widget, QLineEdit):
            values[name] = widget.text()
        elif isinstance(widget, QPlainTextEdit):
            values[name] = widget.toPlainText()
        elif isinstance(widget, QComboBox):
            values[name] = {
                "data": _plain(widget.currentData()),
                "text": widget.currentText(),
                "index": widget.currentIndex(),
            }
        elif isinstance(widget, QCheckBox):
            values[name] = widget.isChecked()
        elif isinstance(widget, QSpinBox | QDoubleSpinBox):
            values[name] = widget.value()
    return values


def apply(form: QWidget, values: dict[str, Any]) -> None:
    """Put captured values back into a form made afresh (what no longer fits is skipped)."""
    widgets = dict(_inputs(form))
    for name, value in values.items():
        widget = widgets.get(name)
        if widget is None:
            continue
        if isinstance(widget, DateField) and isinstance(value, str):
            widget.line.setText(value)
            if value.strip() and not widget.is_valid():
                widget.line.editingFinished.emit()  # shows what is wrong, keeps the text
        elif callable(getattr(widget, "restore_draft_value", None)):
            widget.restore_draft_value(value)
        elif isinstance(widget, QLineEdit) and isinstance(value, str):
            widget.setText(value)
        elif isinstance(widget, QPlainTextEdit) and isinstance(value, str):
            widget.setPlainText(value)
        elif isinstance(widget, QComboBox) and isinstance(value, dict):
            _restore_combo(widget, value)
        elif isinstance(widget, QCheckBox) and isinstance(value, bool):
            widget.setChecked(value)
        elif isinstance(widget, QSpinBox) and isinstance(value, int):
            widget.setValue(value)
        elif isinstance(widget, QDoubleSpinBox) and isinstance(value, int | float):
            widget.setValue(float(value))


def _restore_combo(combo: QComboBox, value: dict[str, Any]) -> None:
    data, text = value.get("data"), value.get("text", "")
    index = combo.findData(data) if data is not None else -1
    if index < 0 and isinstance(text, str):
        index = combo.findText(text)
    if index >= 0:
        combo.setCurrentIndex(index)
    elif combo.isEditable() and isinstance(text, str):
        combo.setEditText(text)


def as_text(values: dict[str, Any]) -> str:
    """A draft's values for reading and copying, when its form cannot open again."""
    lines = []
    for name, value in values.items():
        shown = value.get("text") if isinstance(value, dict) else value
        if shown not in (None, "", False):
            lines.append(f"{name}: {shown}")
    return "\n".join(lines)


# -- what a form was made with ------------------------------------------------------------------


class NotRestorable(Exception):
    """A form made with something that cannot be remembered as plain data."""


_FORMS: dict[str, type[QDialog]] = {}


def register(form_class: type[QDialog]) -> None:
    """Called for every record form class (``RecordDialog.__init_subclass__``)."""
    _FORMS[form_class.__name__] = form_class


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, CaseFile):
        return {"$": "casefile"}
    if isinstance(value, QWidget):
        return {"$": "parent"}
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return {"$": "date", "value": value.isoformat()}
    if (
        isinstance(value, dict)
        and value
        and all(isinstance(item, cat.Catalogue) for item in value.values())
    ):
        return {"$": "catalogues"}
    if isinstance(value, casework.CaseDetail):
        return {"$": "case", "id": value.id}
    if isinstance(value, casework.ClientData) and value.id is not None:
        return {"$": "client", "id": value.id}
    if isinstance(value, casework.ClientData) and value == casework.ClientData():
        return {"$": "new client"}
    if isinstance(value, casework.AppointmentData) and value.id is not None:
        return {
            "$": "appointment",
            "id": value.id,
            "case_id": value.case_id,
            "date": value.date.isoformat(),
        }
    if isinstance(value, casework.ConsentRow):
        return {"$": "consent", "id": value.id, "client_id": value.client_id}
    raise NotRestorable(type(value).__name__)


def _decode(value: Any, casefile: CaseFile, parent: QWidget | None) -> Any:
    if not isinstance(value, dict) or "$" not in value:
        return value
    kind = value["$"]
    if kind == "casefile":
        return casefile
    if kind == "parent":
        return parent
    if kind == "date":
        return dt.date.fromisoformat(value["value"])
    if kind == "catalogues":
        return casework.catalogues_of(casefile)
    if kind == "case":
        return casework.get_case(casefile, value["id"])
    if kind == "client":
        return casework.get_client(casefile, value["id"])
    if kind == "new client":
        return casework.ClientData()
    if kind == "appointment":
        if value["case_id"] is not None:
            case = casework.get_case(casefile, value["case_id"])
            return _one(a for a in case.appointments if a.id == value["id"])
        day = dt.date.fromisoformat(value["date"])
        rows = casework.list_appointments(casefile, day, day)
        return _one(row for row in rows if row.id == value["id"])
    if kind == "consent":
        consents = casework.list_consents(casefile, value["client_id"])
        return _one(consent for consent in consents if consent.id == value["id"])
    raise NotRestorable(str(kind))


def _one(found: Iterator[Any]) -> Any:
    record = next(iter(found), None)
    if record is None:
        raise NotRestorable("the record is gone")
    return record


def made_with(form_class: type[QDialog], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """The arguments a form was made with, as plain data; None when that is not possible."""
    try:
        bound = inspect.signature(form_class.__init__).bind(None, *args, **kwargs)
        return {name: _encode(value) for name, value in list(bound.arguments.items())[1:]}
    except (NotRestorable, TypeError):
        return None


def reopen(draft: stored_drafts.StoredDraft, casefile: CaseFile, parent: QWidget) -> QDialog:
    """The draft's form made afresh, its typed values put back; ``NotRestorable`` when not
    possible (unknown form, a record that is gone)."""
    form_class = _FORMS.get(draft.kind)
    if form_class is None or not isinstance(draft.context, dict):
        raise NotRestorable(draft.kind)
    try:
        arguments = {
            name: _decode(value, casefile, parent) for name, value in draft.context.items()
        }
        form = form_class(**arguments)
    except NotRestorable:
        raise
    except Exception as error:
        raise NotRestorable(type(error).__name__) from error
    form.set_baseline()  # type: ignore[attr-defined]  # the restored input counts as typed
    apply(form, draft.values)
    return form


# -- the keeper ---------------------------------------------------------------------------------


@dataclasses.dataclass
class _Watched:
    form: weakref.ref[Any]
    saved: dict[str, Any] | None = None  # the values last kept as a draft


class DraftKeeper(QObject):
    """Keeps the open forms' input as drafts in the case file; opens them again."""

    def __init__(
        self,
        casefile: Callable[[], CaseFile | None],
        current_view: Callable[[], str | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._casefile = casefile
        self._current_view = current_view
        self._watched: dict[str, _Watched] = {}
        self._timer = QTimer(self)
        self._timer.setInterval(SAVE_EVERY_MS)
        self._timer.timeout.connect(self.keep_typed)
        self._timer.start()

    def watch(self, form: Any) -> None:
        """A record form was shown (``RecordDialog.showEvent``). Only forms on this window's
        case file are kept in it."""
        casefile = self._casefile()
        if form.draft_id in self._watched or casefile is None:
            return
        if getattr(form, "casefile", None) is not casefile:
            return
        self._watched[form.draft_id] = _Watched(weakref.ref(form))
        form.draft_view = form.draft_view or self._current_view()
        form.finished.connect(lambda _result, draft_id=form.draft_id: self._ended(draft_id))

    def open_forms(self) -> list[Any]:
        forms = [watched.form() for watched in self._watched.values()]
        return [form for form in forms if form is not None and form.isVisible()]

    def keep_typed(self) -> None:
        """Keep what changed in the open forms since the last time (every few seconds)."""
        casefile = self._casefile()
        if casefile is None:
            return
        for draft_id, watched in list(self._watched.items()):
            form = watched.form()
            if form is None or not form.isVisible():
                continue
            values = capture(form)
            if values == watched.saved or (watched.saved is None and not form.is_dirty()):
                continue
            try:
                stored_drafts.save_draft(
                    casefile,
                    draft_id,
                    type(form).__name__,
                    form.draft_context or {},
                    values,
                    form.draft_view,
                )
            except Exception as error:  # noqa: BLE001 - kept in the form; try again later
                log.warning("draft not kept: %s", type(error).__name__)
                continue
            watched.saved = values

    def keep_all_and_close(self) -> None:
        """Before locking: keep every open form's input, then close the forms."""
        self.keep_typed()
        for form in self.open_forms():
            form.close_keeping_draft()

    def _ended(self, draft_id: str) -> None:
        watched = self._watched.pop(draft_id, None)
        form = watched.form() if watched else None
        if watched is None or watched.saved is None:
            return
        if form is not None and form.kept_for_later:
            return  # closed by the lock: the draft opens again after unlocking
        casefile = self._casefile()
        if casefile is not None:
            self._forget(draft_id)

    def reopen_all(self, window: QWidget, show_view: Callable[[str], None]) -> list[QDialog]:
        """After unlocking or starting: open every kept form again, over its view."""
        casefile = self._casefile()
        if casefile is None:
            return []
        reopened: list[QDialog] = []
        try:
            kept = stored_drafts.list_drafts(casefile)
        except KimError as error:  # locked or closed meanwhile: offered at the next unlock
            log.warning("drafts not read: %s", type(error).__name__)
            return []
        for draft in kept:
            if draft.view:
                show_view(draft.view)
            try:
                form = reopen(draft, casefile, window)
            except NotRestorable:
                self._show_as_text(window, casefile, draft)
                continue
            form.draft_id = draft.id  # type: ignore[attr-defined]
            form.draft_view = draft.view  # type: ignore[attr-defined]
            form.restored_from_draft = True  # type: ignore[attr-defined]
            self.watch(form)
            self._watched[draft.id].saved = draft.values
            form.open()
            reopened.append(form)
        return reopened

    def _show_as_text(
        self, window: QWidget, casefile: CaseFile, draft: stored_drafts.StoredDraft
    ) -> None:
        box = QMessageBox(window)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(QCoreApplication.translate("Drafts", "Unsaved input"))
        box.setText(
            QCoreApplication.translate(
                "Drafts",
                "A form with unsaved input could not be opened again (the record it belonged "
                "to may have changed). Its input is under “Show Details…”: copy what you need.",
            )
        )
        box.setDetailedText(as_text(draft.values))
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.finished.connect(lambda _result: self._forget(draft.id))
        box.open()

    def _forget(self, draft_id: str) -> None:
        casefile = self._casefile()
        if casefile is None:
            return  # locked meanwhile: offered again after unlocking
        try:
            stored_drafts.delete_draft(casefile, draft_id)
        except Exception as error:  # noqa: BLE001 - a stale draft is offered again
            log.warning("draft not removed: %s", type(error).__name__)


def new_draft_id() -> str:
    return uuid.uuid4().hex


_active: list[DraftKeeper] = []


def set_active_keeper(keeper: DraftKeeper | None) -> None:
    """The keeper of the window's case file (one main window per program)."""
    _active[:] = [keeper] if keeper is not None else []


def active_keeper() -> DraftKeeper | None:
    keeper = _active[0] if _active else None
    return keeper if keeper is not None and Shiboken.isValid(keeper) else None
