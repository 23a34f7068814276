"""The Goals tab: indicators with baseline, target and direction, their dated
measurements, and the status each has reached (with the thresholds that decide it)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from html import escape

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from app.models import Direction
from app.services.goal_status import GoalStatus
from app.services.initiative_goals import (
    GoalEntry,
    MeasurementEntry,
    number_text,
    validated_goal,
    validated_measurement,
)
from app.ui.dialogs.initiative_fields import EntryList, add_number
from app.ui.forms import FormDialog
from app.ui.table_model import Column

STATUS_COLOURS = {GoalStatus.ON_TARGET: "#1b6e20", GoalStatus.CLOSE: "#8a5a00",
                  GoalStatus.NEEDS_IMPROVEMENT: "#b3261e", GoalStatus.PENDING: "#555"}


def _latest(goal: GoalEntry) -> str:
    latest = goal.latest
    if latest is None:
        return ""
    return f"{number_text(latest.value, goal.unit)} ({latest.measured_on:%d %b %Y})"


GOAL_COLUMNS: list[Column[GoalEntry]] = [
    Column("Goal", lambda g: g.name, wide=True),
    Column("Direction", lambda g: g.direction),
    Column("Baseline", lambda g: number_text(g.baseline, g.unit), numeric=True),
    Column("Target", lambda g: number_text(g.target, g.unit), numeric=True),
    Column("Latest", _latest, numeric=True),
    Column("Status", lambda g: g.status.label, tooltip=lambda g: g.thresholds,
           warning=lambda g: g.status is GoalStatus.NEEDS_IMPROVEMENT),
]
MEASUREMENT_COLUMNS: list[Column[MeasurementEntry]] = [
    Column("Date", lambda m: m.measured_on),
    Column("Value", lambda m: number_text(m.value), numeric=True),
    Column("Note", lambda m: m.note, wide=True),
]


class MeasurementDialog(FormDialog):
    def __init__(self, entry: MeasurementEntry | None, unit: str,
                 parent: QWidget | None = None) -> None:
        super().__init__("Edit measurement" if entry else "New measurement", parent)
        form = self.form
        form.day("measured_on", "&Date measured")
        self.value = add_number(form, "value", f"&Value{f' ({unit})' if unit else ''}",
                                required=True)
        form.text("note", "&Note")
        form.set_values(vars(entry) if entry else {"measured_on": date.today()})
        self.entry: MeasurementEntry | None = None
        self.value.setFocus()

    def save(self) -> int | None:
        self.entry = validated_measurement(MeasurementEntry(**self.form.values()))
        return 0

    @classmethod
    def ask(cls, entry: MeasurementEntry | None, unit: str,  # type: ignore[override]
            parent: QWidget | None = None) -> MeasurementEntry | None:
        dialog = cls(entry, unit, parent)
        return dialog.entry if dialog.exec() else None


class GoalDialog(FormDialog):
    """A goal with its measurements (each added, edited or removed in its own dialog)."""

    def __init__(self, entry: GoalEntry | None, parent: QWidget | None = None) -> None:
        super().__init__("Edit goal" if entry else "New goal", parent)
        form = self.form
        self.name = form.line("name", "&Name", "Residential burglaries per month")
        self.unit = form.line("unit", "&Unit", "incidents, %, homes…")
        add_number(form, "baseline", "&Baseline", "Where it started (optional)")
        add_number(form, "target", "&Target", "Where it should get to")
        form.enum_choice("direction", "&Direction", Direction)
        self.measurements: EntryList[MeasurementEntry] = EntryList(
            MEASUREMENT_COLUMNS, lambda m: MeasurementDialog.ask(m, self.unit.text(), self),
            "measurements", "measurement")
        self.measurements.setMinimumHeight(180)
        form.add("measurements", "&Measurements", self.measurements,
                 lambda: tuple(sorted(self.measurements.entries(),
                                      key=lambda m: m.measured_on)),
                 self.measurements.set_entries)
        self.goal_id = entry.id if entry else None
        form.set_values(vars(entry) if entry else {"direction": Direction.INCREASE})
        self.measurements.view.scrollToBottom()  # the latest measurements first in view
        self.entry: GoalEntry | None = None
        self.resize(560, 560)
        self.name.setFocus()

    def save(self) -> int | None:
        self.entry = validated_goal(GoalEntry(**self.form.values(), id=self.goal_id))
        return 0

    @classmethod
    def ask(cls, entry: GoalEntry | None,  # type: ignore[override]
            parent: QWidget | None = None) -> GoalEntry | None:
        dialog = cls(entry, parent)
        return dialog.entry if dialog.exec() else None


class GoalsTab(QWidget):
    """The goals list, a quick "Add measurement" for the selected goal, and the selected
    goal's status with the thresholds that decide it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.goals: EntryList[GoalEntry] = EntryList(
            GOAL_COLUMNS, lambda g: GoalDialog.ask(g, self), "goals", "goal")
        self.measure = QPushButton("Add &measurement…")
        self.measure.setObjectName("addMeasurement")
        self.measure.clicked.connect(self.add_measurement)
        self.goals.button_row.insertWidget(3, self.measure)
        self.status = QLabel()
        self.status.setObjectName("goalStatus")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.goals, stretch=1)
        layout.addWidget(self.status)
        self.goals.view.selectionModel().currentRowChanged.connect(lambda *_: self._show())
        self.goals.changed.connect(self._show)
        self._show()

    def entries(self) -> tuple[GoalEntry, ...]:
        return self.goals.entries()

    def set_entries(self, entries: tuple[GoalEntry, ...]) -> None:
        self.goals.set_entries(entries)

    def set_editable(self, editable: bool) -> None:
        self.goals.set_editable(editable)
        self.measure.setEnabled(editable)

    def add_measurement(self) -> None:
        goal = self.goals.current()
        if goal is None or not self.measure.isEnabled():
            return
        entry = MeasurementDialog.ask(None, goal.unit, self)
        if entry is not None:
            others = [m for m in goal.measurements if m.measured_on != entry.measured_on]
            measurements = tuple(sorted([*others, entry], key=lambda m: m.measured_on))
            self.goals.replace_current(replace(goal, measurements=measurements))

    def _show(self) -> None:
        goal = self.goals.current()
        if goal is None:
            self.status.setText("Add the goals this initiative works toward, each with a "
                                "baseline, a target and dated measurements.")
            return
        status = goal.status
        self.status.setText(
            f"<b>{escape(goal.name)}</b>: <span style='color:{STATUS_COLOURS[status]}'>"
            f"<b>{status.label}</b></span><br>{escape(goal.thresholds)}")
