"""The base of every form that saves one record: OK checks every field and shows all
problems beside their fields, then saves through one core call; Escape asks before throwing
typed input away; the input is kept as a draft while the form is open (gui/drafts.py)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kim_desktop.core.errors import InvalidInput
from kim_desktop.gui import drafts, field_messages
from kim_desktop.gui.date_field import DateField
from kim_desktop.gui.fields import LanguageCombo, TimeField
from kim_desktop.gui.keyboard import prepare_dialog
from kim_desktop.gui.messages import describe_error


def _is_picker(widget: QWidget) -> bool:
    """A search-and-choose field (dialogs.ClientPicker): its value is the chosen row."""
    return isinstance(getattr(widget, "results", None), QListWidget) and callable(
        getattr(widget, "client_id", None)
    )


def _is_empty(widget: QWidget) -> bool:
    if isinstance(widget, QLineEdit):
        return not widget.text().strip()
    if isinstance(widget, QPlainTextEdit):
        return not widget.toPlainText().strip()
    if isinstance(widget, QComboBox):
        return not widget.currentText().strip() or (
            not widget.isEditable() and widget.currentData() is None
        )
    if _is_picker(widget):
        return widget.client_id() is None  # type: ignore[attr-defined]
    return False


def _on_change(widget: QWidget, changed: Callable[[], None]) -> None:
    """Call ``changed`` when the user changes ``widget`` (its problem goes away)."""
    if isinstance(widget, QLineEdit):
        widget.textEdited.connect(changed)
    elif isinstance(widget, QPlainTextEdit):
        widget.textChanged.connect(changed)
    elif isinstance(widget, QComboBox):
        widget.currentIndexChanged.connect(changed)
        widget.editTextChanged.connect(changed)
    elif isinstance(widget, QAbstractButton):
        widget.toggled.connect(changed)
    elif isinstance(widget, QSpinBox):
        widget.valueChanged.connect(changed)
    elif _is_picker(widget):
        widget.results.currentRowChanged.connect(changed)  # type: ignore[attr-defined]
    elif isinstance(widget, QGroupBox):
        for box in widget.findChildren(QCheckBox):
            box.toggled.connect(changed)


class RecordDialog(QDialog):
    """OK saves via ``save()``; a rejection by core keeps the dialog open with the message.

    What is typed is never lost: Escape or Cancel asks before throwing input away, and the
    window's ``DraftKeeper`` keeps the input as a draft in the case file while the form is
    open and when a lock closes it (gui/drafts.py). To open the form again after unlocking,
    the arguments it was made with are remembered (``draft_context``)."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        drafts.register(cls)
        init = cls.__dict__.get("__init__")
        if init is None:
            return

        @functools.wraps(init)
        def remembering(self: RecordDialog, *args: Any, **kw: Any) -> None:
            init(self, *args, **kw)
            if type(self) is cls:  # the form's own class, not a base class's __init__
                self.draft_context = drafts.made_with(cls, args, kw)

        cls.__init__ = remembering  # type: ignore[method-assign]

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a40000;")
        self.message.setAccessibleName(self.tr("Message"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.result_id: str | None = None
        self.draft_id = drafts.new_draft_id()
        self.draft_context: dict[str, Any] | None = None
        self.draft_view: str | None = None
        self.kept_for_later = False  # closed by a lock, its input kept as a draft
        self.restored_from_draft = False
        self._baseline: dict[str, Any] | None = None
        self._required: list[QWidget] = []
        self._legend: QLabel | None = None
        self._problem_labels: dict[QWidget, QLabel] = {}

    def add_row(self, label: str, widget: QWidget, required: bool = False) -> QWidget:
        """A labelled field; a required one is marked with * (explained below the form)."""
        if not widget.accessibleName():
            widget.setAccessibleName(label.replace("&", "").rstrip(":"))
        if required:
            label = f"{label} *"
            self._required.append(widget)
            widget.setAccessibleDescription(self.tr("Required"))
            if self._legend is None:
                self._legend = QLabel(self.tr("* required"))
                self._legend.setAccessibleName(self.tr("Required fields"))
                layout = self.layout()
                assert isinstance(layout, QVBoxLayout)
                layout.insertWidget(layout.indexOf(self.message), self._legend)
        self.form.addRow(label, widget)
        return widget

    def field_widget(self, field: str) -> QWidget | None:
        """The input that core's ``field`` names: by default the attribute of that name
        (or with ``_edit``, as in ``title_edit``)."""
        for name in (field, f"{field}_edit"):
            widget = getattr(self, name, None)
            if isinstance(widget, QWidget):
                return widget
        return None

    def shown_problems(self) -> dict[str, str]:
        """The problems shown beside fields now, by the field's attribute name."""
        shown: dict[str, str] = {}
        for name, value in vars(self).items():
            if isinstance(value, DateField) and value.has_problem():
                shown[name] = value.problem.text()
            label = self._problem_labels.get(value) if isinstance(value, QWidget) else None
            if label is not None and label.isVisibleTo(self):
                shown[name] = label.text()
        return shown

    def save(self) -> str | None:
        raise NotImplementedError

    def accept(self) -> None:
        """Check every field first and show all problems at once, each beside its field;
        then save (a rule core refuses is shown at its field too)."""
        self.clear_problems()
        problems = self.problems()
        if problems:
            self._show_problems(problems)
            return
        try:
            self.result_id = self.save()
        except InvalidInput as refused:
            widget = self.field_widget(refused.field)
            if widget is None or not widget.isVisibleTo(self):
                self.message.setText(field_messages.sentence(refused))
            else:
                self._show_problems([(widget, field_messages.sentence(refused))])
            return
        except Exception as error:  # noqa: BLE001 - shown in the dialog
            self.message.setText(describe_error(error))
            return
        super().accept()

    # -- problems beside the fields ----------------------------------------------------------

    def problems(self) -> list[tuple[QWidget, str]]:
        """What the window can tell is wrong before saving: required fields left empty and
        fields that cannot be read (a date, a time, a language)."""
        found: list[tuple[QWidget, str]] = []
        for _name, widget in drafts.input_widgets(self):
            try:
                if isinstance(widget, DateField | TimeField):
                    widget.value()
                elif isinstance(widget, LanguageCombo) and widget.isEnabled():
                    widget.code()
            except InvalidInput as problem:
                found.append((widget, field_messages.sentence(problem)))
                continue
            if widget in self._required and _is_empty(widget):
                choice = isinstance(widget, QComboBox) or _is_picker(widget)
                found.append(
                    (widget, field_messages.choose() if choice else field_messages.required())
                )
        return found + self.more_problems()

    def more_problems(self) -> list[tuple[QWidget, str]]:
        """A form's own checks beyond required and readable fields."""
        return []

    def _show_problems(self, problems: list[tuple[QWidget, str]]) -> None:
        for widget, text in problems:
            self._show_problem(widget, text)
        if len(problems) == 1:
            summary = self.tr("Please check the marked field.")
        else:  # (no plural form: PySide's tr() in a subclass misses a base class's plurals)
            summary = self.tr("Please check the marked fields ({count}).").format(
                count=len(problems)
            )
        self.message.setText(summary)
        problems[0][0].setFocus()

    def _show_problem(self, widget: QWidget, text: str) -> None:
        if isinstance(widget, DateField):
            widget.show_problem(text)
            return
        label = self._problem_labels.get(widget)
        if label is None:
            label = QLabel()
            label.setWordWrap(True)
            label.setStyleSheet("color: #a40000;")
            label.setAccessibleName(self.tr("Problem"))
            position: Any = self.form.getWidgetPosition(widget)  # (row, role)
            row = int(position[0])
            if row < 0:
                self.message.setText(text)
                return
            self.form.insertRow(row + 1, "", label)
            self._problem_labels[widget] = label
            _on_change(widget, functools.partial(self._clear_problem, widget))
        label.setText(text)
        label.show()
        widget.setProperty("problem", True)
        widget.setStyleSheet("border: 1px solid #a40000;")

    def _clear_problem(self, widget: QWidget, *_signal_args: object) -> None:
        label = self._problem_labels.get(widget)
        if label is not None and label.isVisibleTo(self):
            label.hide()
            widget.setStyleSheet("")
            if not any(shown.isVisibleTo(self) for shown in self._problem_labels.values()):
                self.message.clear()

    def clear_problems(self) -> None:
        for widget in list(self._problem_labels):
            self._clear_problem(widget)
        self.message.clear()

    # -- typed input ---------------------------------------------------------------------------

    def set_baseline(self) -> None:
        """What the form shows before anything is typed (to tell typed input from none)."""
        self._baseline = drafts.capture(self)

    def is_dirty(self) -> bool:
        """Whether anything was typed or chosen since the form opened."""
        return self._baseline is not None and (
            self.restored_from_draft or drafts.capture(self) != self._baseline
        )

    def showEvent(self, event: QShowEvent) -> None:
        prepare_dialog(self)  # the first field focused, OK and Cancel last in Tab order
        if self._baseline is None:
            self.set_baseline()
        keeper = drafts.active_keeper()
        if keeper is not None:
            keeper.watch(self)
        super().showEvent(event)

    def reject(self) -> None:
        """Escape, Cancel or the close button: input is thrown away only when confirmed."""
        if not self.kept_for_later and self.is_dirty() and not self._discard_confirmed():
            return
        super().reject()

    def close_keeping_draft(self) -> None:
        """Close without asking; the input stays as a draft (on lock)."""
        self.kept_for_later = True
        super().reject()

    def _discard_confirmed(self) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.windowTitle())
        box.setText(self.tr("Throw away what you typed in this form?"))
        discard = box.addButton(self.tr("&Discard input"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("&Keep editing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is discard


def run_dialog(dialog: RecordDialog, done: Callable[[str], None] | None = None) -> str | None:
    """Show ``dialog`` modally; return (and pass to ``done``) the id it saved, if any."""
    if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_id:
        if done is not None:
            done(dialog.result_id)
        return dialog.result_id
    return None
