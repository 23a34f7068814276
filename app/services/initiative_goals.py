"""Goals (indicators) of an initiative with their dated measurements, as the editor holds
them, checked one by one; their status comes from ``goal_status`` (never recomputed here)
and the thresholds that decide it are spelled out for the user."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date

from app.models import Direction
from app.services.errors import FieldErrors, ValidationError
from app.services.fields import clean
from app.services.goal_status import (
    CLOSE_SHARE_OF_DISTANCE,
    CLOSE_WITHOUT_BASELINE,
    GoalStatus,
    goal_status,
)

UNIT_LENGTH = 50
MAX_VALUE = 1e12


@dataclass(frozen=True)
class MeasurementEntry:
    measured_on: date
    value: float
    note: str = ""


@dataclass(frozen=True)
class GoalEntry:
    name: str
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    direction: Direction = Direction.INCREASE
    measurements: tuple[MeasurementEntry, ...] = ()  # by date
    id: int | None = None  # None until saved

    @property
    def latest(self) -> MeasurementEntry | None:
        return max(self.measurements, key=lambda m: m.measured_on, default=None)

    @property
    def status(self) -> GoalStatus:
        latest = self.latest
        return goal_status(self.baseline, self.target, self.direction,
                           latest.value if latest is not None else None)

    @property
    def thresholds(self) -> str:
        return goal_thresholds(self.baseline, self.target, self.direction, self.unit)


def number_text(value: float | None, unit: str = "") -> str:
    """12 -> "12", 12.5 -> "12.5", 1234.567 -> "1,234.57"; with the unit after it."""
    if value is None:
        return ""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{text} {unit}".strip() if unit and unit != "%" else text + ("%" if unit else "")


def goal_thresholds(baseline: float | None, target: float | None, direction: Direction,
                    unit: str = "") -> str:
    """Where the statuses of this goal begin, e.g. "On target at 14 incidents or below ·
    close to target at 15.75 or below (75% of the way from the baseline 21)"."""
    if target is None or not math.isfinite(target):
        return "Pending until the goal has a target."
    sign = 1.0 if direction is Direction.INCREASE else -1.0
    side = "or above" if sign > 0 else "or below"
    distance = None if baseline is None else sign * (target - baseline)
    if distance is not None and distance > 0:
        close = target - sign * (1 - CLOSE_SHARE_OF_DISTANCE) * distance
        why = (f"{CLOSE_SHARE_OF_DISTANCE:.0%} of the way from the baseline "
               f"{number_text(baseline)}")
    else:
        close = target - sign * CLOSE_WITHOUT_BASELINE * abs(target)
        why = f"within {CLOSE_WITHOUT_BASELINE:.0%} of the target"
    return (f"On target at {number_text(target, unit)} {side} · close to target at "
            f"{number_text(close, unit)} {side} ({why}) · otherwise needs improvement · "
            "pending without measurements.")


def validated_measurement(entry: MeasurementEntry) -> MeasurementEntry:
    errors = FieldErrors()
    errors.check(isinstance(entry.measured_on, date), "measured_on", "Enter the date measured.")
    errors.check(_finite(entry.value), "value", "Enter the value measured (a number).")
    errors.raise_if_any()
    return replace(entry, value=float(entry.value), note=entry.note.strip())


def validated_goal(entry: GoalEntry) -> GoalEntry:
    """One goal with its measurements checked (the goal dialog, and each on save)."""
    errors = FieldErrors()
    name = clean(entry.name)
    unit = clean(entry.unit)
    errors.require("name", name, "Name")
    errors.check(len(unit) <= UNIT_LENGTH, "unit", f"At most {UNIT_LENGTH} characters.")
    for field, value in (("baseline", entry.baseline), ("target", entry.target)):
        errors.check(value is None or _finite(value), field, "Enter a number, or leave empty.")
    errors.check(entry.target is None or entry.baseline is None
                 or entry.target != entry.baseline, "target",
                 "The target equals the baseline: nothing to achieve.")
    measurements = []
    for item in sorted(entry.measurements, key=lambda m: m.measured_on):
        try:
            measurements.append(validated_measurement(item))
        except ValidationError as error:
            errors.add("measurements", f"{item.measured_on}: "
                       f"{next(iter(error.errors.values()))}")
    days = [m.measured_on for m in measurements]
    if len(days) != len(set(days)):
        twice = next(d for d in days if days.count(d) > 1)
        errors.add("measurements", f"Two measurements on {twice.isoformat()}: keep one.")
    errors.raise_if_any()
    return replace(entry, name=name, unit=unit, measurements=tuple(measurements))


def _finite(value: object) -> bool:
    return isinstance(value, int | float) and math.isfinite(value) and abs(value) <= MAX_VALUE
