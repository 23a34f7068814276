"""Add or edit a course of the training catalog: what it is, how long, how long it counts.

Also home to what the training screens show the same way: category names, hours
("7.5" rather than "7.50000") and the half-hour spin box hours are entered with.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QSpinBox,
    QWidget,
)

from app.models import CourseCategory
from app.services.courses import (
    MAX_HOURS,
    MAX_REMINDER_DAYS,
    MAX_VALIDITY_MONTHS,
    CourseInput,
    course_form,
    create_course,
    update_course,
)
from app.services.workspace import Workspace
from app.ui.forms import Form, FormDialog


def hours_text(hours: float | None) -> str:
    """8.0 -> "8", 7.5 -> "7.5", None -> ""."""
    return "" if hours is None else f"{hours:g}"


def hours_spin(minimum: float = 0.5, maximum: float = MAX_HOURS) -> QDoubleSpinBox:
    """Hours in half-hour steps ("7.5 h")."""
    spin = QDoubleSpinBox()
    spin.setDecimals(1)
    spin.setSingleStep(0.5)
    spin.setRange(minimum, maximum)
    spin.setSuffix(" h")
    spin.setAccelerated(True)
    return spin


def add_hours(form: Form, name: str, label: str, minimum: float = 0.5,
              maximum: float = MAX_HOURS) -> QDoubleSpinBox:
    spin = hours_spin(minimum, maximum)
    row = QWidget()  # the row, not the spin box, spans the form: its message fits on a line
    line = QHBoxLayout(row)
    line.setContentsMargins(0, 0, 0, 0)
    line.addWidget(spin)
    line.addStretch(1)
    row.setFocusProxy(spin)
    form.add(name, label, row, spin.value, lambda v: spin.setValue(float(v or 0)))
    return spin


class OptionalNumber(QWidget):
    """A number, or none at all when its check box ("No limit", "One-time") is ticked."""

    def __init__(self, minimum: int, maximum: int, unit: str, none_text: str,
                 default: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.unit = unit  # singular: "month" shows "1 month", "24 months"
        self.spin = QSpinBox()
        self.spin.setRange(minimum, maximum)
        self.spin.setAccelerated(True)
        self.spin.valueChanged.connect(self._suffix)
        self.spin.setValue(default)
        self._suffix(default)
        self.none = QCheckBox(none_text)
        self.none.toggled.connect(lambda on: self.spin.setEnabled(not on))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.spin)
        row.addWidget(self.none)
        row.addStretch(1)
        self.setFocusProxy(self.spin)

    def _suffix(self, value: int) -> None:
        self.spin.setSuffix(f" {self.unit}" if value == 1 else f" {self.unit}s")

    def value(self) -> int | None:
        return None if self.none.isChecked() else self.spin.value()

    def set_value(self, value: int | None) -> None:
        self.none.setChecked(value is None)
        if value is not None:
            self.spin.setValue(value)


class CourseDialog(FormDialog):
    def __init__(self, workspace: Workspace, course_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("Edit course" if course_id else "New course", parent)
        self.workspace = workspace
        self.course_id = course_id
        self.version = 0
        form = self.form
        self.name = form.line("name", "&Name", "De-escalation Fundamentals")
        self.category = form.enum_choice("category", "&Category", CourseCategory)
        self.hours = add_hours(form, "default_hours", "Default &hours")
        self.hours.setToolTip("The length of a session; each session may differ.")
        self.validity = OptionalNumber(1, MAX_VALIDITY_MONTHS, "month",
                                       "&One-time (never expires)", 24)
        self.validity.setObjectName("validity_months")
        form.add("validity_months", "Certificate &valid for", self.validity,
                 self.validity.value, self.validity.set_value)
        self.reminder = form.number("reminder_days", "&Remind", 0, MAX_REMINDER_DAYS,
                                    " days before expiry")
        self.reminder.setToolTip("A certificate shows as “expiring soon” this many days "
                                 "before it expires.")
        self.validity.none.toggled.connect(lambda on: self.reminder.setEnabled(not on))
        self.description = form.text("description", "&Description")
        if course_id is not None:
            self.reload()
        else:
            self.form.set_values({"category": CourseCategory.DE_ESCALATION,
                                  "default_hours": 8.0, "validity_months": 24,
                                  "reminder_days": 60})
        self.resize(520, self.sizeHint().height())
        self.name.setFocus()

    def reload(self) -> None:
        assert self.course_id is not None
        self.version, data = course_form(self.workspace, self.course_id)
        self.form.set_values(vars(data))

    def values(self) -> CourseInput:
        return CourseInput(**self.form.values())

    def save(self) -> int | None:
        data = self.values()
        if self.course_id is None:
            return create_course(self.workspace, data)
        update_course(self.workspace, self.course_id, data, self.version)
        return self.course_id

    @classmethod
    def ask(cls, workspace: Workspace, course_id: int | None = None,  # type: ignore[override]
            parent: QWidget | None = None) -> int | None:
        """Show the dialog; the saved course's id, or None if cancelled."""
        dialog = cls(workspace, course_id, parent)
        return dialog.saved_id if dialog.exec() else None
