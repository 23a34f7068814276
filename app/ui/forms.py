"""The one form mechanism every dialog uses: fields in a QFormLayout, errors beside them.

A :class:`Form` knows how to read and write each of its fields and where to show the
message a service's ValidationError carries for that field. A :class:`FormDialog` saves
in ``accept()`` and stays open, with the messages shown, when the service refuses.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.services.errors import ConflictError, NotFoundError, StorageError, ValidationError
from app.ui.formatting import enum_label

ERROR_STYLE = "color: #b3261e;"


@dataclass
class Field:
    widget: QWidget
    read: Callable[[], Any]
    write: Callable[[Any], None]
    error: QLabel


def error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def parse_date(text: str) -> date | None:
    """``2024-05-14`` -> date; empty -> None; anything else raises ValueError."""
    text = text.strip()
    return date.fromisoformat(text) if text else None


class Form(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.layout_.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.general_error = error_label()
        self.layout_.addRow(self.general_error)
        self.fields: dict[str, Field] = {}

    def add(
        self,
        name: str,
        label: str,
        widget: QWidget,
        read: Callable[[], Any],
        write: Callable[[Any], None],
    ) -> QWidget:
        container = QWidget()
        column = QVBoxLayout(container)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = error_label()
        column.addWidget(error)
        self.layout_.addRow(label, container)
        self.fields[name] = Field(widget, read, write, error)
        widget.setObjectName(name)
        return widget

    def attach(
        self, name: str, widget: QWidget, read: Callable[[], Any], write: Callable[[Any], None]
    ) -> None:
        """A field laid out elsewhere (a list that must stretch); its errors show here."""
        error = error_label()
        self.layout_.addRow(error)
        self.fields[name] = Field(widget, read, write, error)

    def line(self, name: str, label: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        self.add(name, label, edit, edit.text, lambda v: edit.setText(v or ""))
        return edit

    def text(self, name: str, label: str) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(80)
        self.add(name, label, edit, edit.toPlainText, lambda v: edit.setPlainText(v or ""))
        return edit

    def choice(self, name: str, label: str, options: Sequence[tuple[str, Any]]) -> QComboBox:
        combo = QComboBox()
        for text, value in options:
            combo.addItem(text, value)

        def write(value: Any) -> None:
            combo.setCurrentIndex(max(combo.findData(value), 0))

        self.add(name, label, combo, combo.currentData, write)
        return combo

    def enum_choice(
        self, name: str, label: str, enum_type: type[enum.Enum], optional: str | None = None
    ) -> QComboBox:
        options: list[tuple[str, Any]] = [(optional, None)] if optional is not None else []
        options += [(enum_label(member), member) for member in enum_type]
        return self.choice(name, label, options)

    def date(self, name: str, label: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText("YYYY-MM-DD")
        self.add(
            name,
            label,
            edit,
            lambda: edit.text(),
            lambda v: edit.setText(v.isoformat() if v else ""),
        )
        return edit

    def number(
        self, name: str, label: str, minimum: int, maximum: int, suffix: str = ""
    ) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(minimum, maximum)
        spin.setSuffix(suffix)
        spin.setAccelerated(True)
        self.add(name, label, spin, spin.value, lambda v: spin.setValue(int(v or 0)))
        return spin

    def day(self, name: str, label: str) -> QDateEdit:
        """A date picked from a calendar (always set; for optional dates use ``date``)."""
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("ddd d MMM yyyy")
        edit.setDate(QDate.currentDate())
        self.add(name, label, edit, lambda: edit.date().toPython(),
                 lambda v: edit.setDate(QDate(v) if v else QDate.currentDate()))
        return edit

    def clock(self, name: str, label: str) -> QTimeEdit:
        edit = QTimeEdit()
        edit.setDisplayFormat("HH:mm")
        self.add(name, label, edit, lambda: edit.time().toPython(),
                 lambda v: edit.setTime(QTime(v) if isinstance(v, time) else QTime(18, 0)))
        return edit

    def values(self) -> dict[str, Any]:
        return {name: field.read() for name, field in self.fields.items()}

    def set_values(self, values: dict[str, Any]) -> None:
        for name, value in values.items():
            if name in self.fields:
                self.fields[name].write(value)

    def show_errors(self, errors: dict[str, str]) -> None:
        self.clear_errors()
        general = []
        for name, message in errors.items():
            field = self.fields.get(name)
            if field is None:
                general.append(message)
                continue
            field.error.setText(message)
            field.error.show()
        if general:
            self.general_error.setText("\n".join(general))
            self.general_error.show()
        first = next((self.fields[n].widget for n in errors if n in self.fields), None)
        if first is not None:
            first.setFocus()
        shown = [self.general_error] + [f.error for f in self.fields.values()]
        _grow_to_fit(self.general_error.window(), [m for m in shown if not m.isHidden()])

    def clear_errors(self) -> None:
        for message in [self.general_error] + [f.error for f in self.fields.values()]:
            message.hide()
            message.setMinimumHeight(0)  # see _grow_to_fit

    def error_text(self, name: str) -> str:
        """The message shown beside a field ("" when none): for tests and screen readers."""
        field = self.fields.get(name)
        return field.error.text() if field is not None and not field.error.isHidden() else ""


def _grow_to_fit(window: QWidget, messages: Sequence[QLabel]) -> None:
    """Make an open window tall enough for the messages it shows now: a long one wraps
    onto more lines than the window had room for (and the form layout, asked how tall a
    wrapped label is at another width than it gets, allows a line too few)."""
    layout = window.layout()
    if layout is None or not window.isVisible():
        return
    layout.activate()
    for message in messages:
        message.setMinimumHeight(message.heightForWidth(message.width()))
    layout.activate()
    needed = layout.totalSizeHint().height()
    if needed > window.height():
        window.resize(window.width(), needed)


def stacked_tab(form: Form, editor: QWidget) -> QWidget:
    """A tab of a tabbed dialog whose list stretches, with its form (its messages) below."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.addWidget(editor, stretch=1)
    layout.addWidget(form)
    return page


def show_errors_on_tabs(tabs: QTabWidget, forms: Sequence[Form],
                        errors: dict[str, str]) -> None:
    """A refusal's messages beside their fields across the forms of a tabbed dialog.

    Messages no form owns go to the first form's general line, in the same call as that
    form's own field messages (a second call would clear them); the first tab holding a
    message is shown (the first form's tab when only general messages came)."""
    owned = {name for form in forms for name in form.fields}
    general = {k: v for k, v in errors.items() if k not in owned}
    for number, form in enumerate(forms):
        mine = {k: v for k, v in errors.items() if k in form.fields}
        form.show_errors({**mine, **general} if number == 0 else mine)
    with_errors = [form for form in forms if any(k in form.fields for k in errors)]
    shown = with_errors[0] if with_errors else forms[0]
    for index in range(tabs.count()):
        page = tabs.widget(index)
        if page is shown or page.isAncestorOf(shown):
            tabs.setCurrentIndex(index)
            return


class FormDialog(QDialog):
    """Subclasses build ``self.form`` and implement :meth:`save`, returning the record id."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = Form(self)
        self.saved_id: int | None = None
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.form)
        self.body.addStretch(1)
        self.body.addWidget(buttons)

    def save(self) -> int | None:
        raise NotImplementedError

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show a refusal's messages beside the fields (dialogs with several forms override)."""
        self.form.show_errors(errors)

    def can_reload(self) -> bool:
        """True if :meth:`reload` is implemented (dialogs that edit a stored record)."""
        return type(self).reload is not FormDialog.reload

    def reload(self) -> None:
        """Re-read the record into the form (and the version saved against)."""
        raise NotImplementedError

    def accept(self) -> None:
        try:
            saved = self.save()
        except ValidationError as error:
            self.show_errors(error.errors)
            return
        except ConflictError as error:
            self.resolve_conflict(error)
            return
        except NotFoundError as error:
            QMessageBox.warning(self, self.windowTitle(), str(error))
            return
        except StorageError as error:
            # Nothing was saved; the dialog stays open with the user's input to try again.
            QMessageBox.critical(self, self.windowTitle(), str(error))
            return
        if saved is None:  # the user chose to stay in the dialog
            return
        self.saved_id = saved
        super().accept()

    def resolve_conflict(self, error: ConflictError) -> None:
        """Someone else saved first: offer Reload (their version) or Cancel (keep editing).

        The user's own entries are listed under "Show Details" so they can be re-entered.
        """
        box = QMessageBox(QMessageBox.Icon.Warning, self.windowTitle(), str(error), parent=self)
        box.setDetailedText("Your unsaved entries:\n" + self.entries_text())
        reload_button = None
        if error.reload and self.can_reload():
            reload_button = box.addButton("&Reload", QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.setDefaultButton(reload_button)
        else:
            box.addButton(QMessageBox.StandardButton.Ok)
        if reload_button is not None and self.ask_box(box) is reload_button:
            self.form.clear_errors()
            self.reload()

    def ask_box(self, box: QMessageBox) -> QAbstractButton | None:
        """Show ``box`` modally; the button clicked (tests replace this). Not named ``ask``:
        that is each dialog's classmethod that opens the dialog itself."""
        box.exec()
        return box.clickedButton()

    def entries_text(self) -> str:
        lines = []
        for name, field in self.form.fields.items():
            try:
                value = field.read()
            except ValidationError:
                continue
            if isinstance(value, enum.Enum):
                value = enum_label(value)
            elif isinstance(value, tuple | list):
                value = ", ".join(map(str, value))
            if value not in (None, ""):
                lines.append(f"{name}: {value}")
        return "\n".join(lines) or "(none)"


def focus_first(widget: QWidget) -> None:
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
