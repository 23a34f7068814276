"""Choose a period: a named preset (last 12 months, a quarter, a year...) or any two dates.

Shared by the Evaluation page and the Reports page, so "last quarter" means one thing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from app.services.evaluation_scope import Period

CUSTOM = "Custom"


def _quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _previous_quarter(day: date) -> tuple[int, int]:
    year, quarter = _quarter_of(day)
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)


PRESETS: dict[str, Callable[[date], Period]] = {
    "Last 12 months": lambda today: Period.last_months(12, today),
    "This quarter": lambda today: Period.quarter(*_quarter_of(today)),
    "Last quarter": lambda today: Period.quarter(*_previous_quarter(today)),
    "This year": lambda today: Period.year(today.year),
    "Last year": lambda today: Period.year(today.year - 1),
    "Last 3 years": lambda today: Period(date(today.year - 2, 1, 1), today),
}


class PeriodPicker(QWidget):
    changed = Signal(object)  # Period

    def __init__(self, parent: QWidget | None = None, today: Callable[[], date] = date.today,
                 preset: str = "Last 12 months") -> None:
        super().__init__(parent)
        self._today = today
        self.preset = QComboBox()
        self.preset.setObjectName("periodPreset")
        self.preset.addItems([*PRESETS, CUSTOM])
        self.start = self._date_edit("periodStart")
        self.end = self._date_edit("periodEnd")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel("&Period:")
        label.setBuddy(self.preset)
        for widget in (label, self.preset, self.start, QLabel("to"), self.end):
            layout.addWidget(widget)
        layout.addStretch(1)
        self._quiet = False
        self.preset.setCurrentText(preset)
        self._apply_preset()
        self.preset.currentTextChanged.connect(lambda _text: self._apply_preset())

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        edit.dateChanged.connect(lambda _d: self._dates_edited())
        return edit

    def period(self) -> Period:
        start, end = self.start.date().toPython(), self.end.date().toPython()
        return Period(min(start, end), max(start, end))  # type: ignore[type-var]

    def set_period(self, period: Period) -> None:
        """Show ``period`` as a custom range."""
        self._quiet = True
        try:
            self.preset.setCurrentText(CUSTOM)
            self.start.setDate(QDate(period.start))
            self.end.setDate(QDate(period.end))
        finally:
            self._quiet = False
        self.changed.emit(self.period())

    def _apply_preset(self) -> None:
        name = self.preset.currentText()
        if name == CUSTOM:
            return
        period = PRESETS[name](self._today())
        self._quiet = True
        try:
            self.start.setDate(QDate(period.start))
            self.end.setDate(QDate(period.end))
        finally:
            self._quiet = False
        self.changed.emit(self.period())

    def _dates_edited(self) -> None:
        if self._quiet:
            return
        self.preset.blockSignals(True)
        self.preset.setCurrentText(CUSTOM)
        self.preset.blockSignals(False)
        self.changed.emit(self.period())
