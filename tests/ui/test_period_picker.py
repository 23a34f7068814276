"""The period picker: presets fill the dates, editing a date makes the period custom."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from app.services.evaluation_scope import Period
from app.ui.period_picker import CUSTOM, PeriodPicker

TODAY = date(2026, 11, 28)


def test_presets_fill_the_dates(qtbot: QtBot) -> None:
    picker = PeriodPicker(today=lambda: TODAY)
    qtbot.addWidget(picker)
    assert picker.period() == Period(date(2025, 12, 1), TODAY)
    with qtbot.waitSignal(picker.changed) as signal:
        picker.preset.setCurrentText("Last quarter")
    assert signal.args == [Period(date(2026, 7, 1), date(2026, 9, 30))]
    assert picker.start.date() == QDate(2026, 7, 1)
    picker.preset.setCurrentText("Last year")
    assert picker.period() == Period.year(2025)


def test_editing_a_date_makes_it_custom(qtbot: QtBot) -> None:
    picker = PeriodPicker(today=lambda: TODAY)
    qtbot.addWidget(picker)
    with qtbot.waitSignal(picker.changed) as signal:
        picker.start.setDate(QDate(2026, 3, 15))
    assert picker.preset.currentText() == CUSTOM
    assert signal.args == [Period(date(2026, 3, 15), TODAY)]


def test_set_period_shows_it_as_custom(qtbot: QtBot) -> None:
    picker = PeriodPicker(today=lambda: TODAY)
    qtbot.addWidget(picker)
    picker.set_period(Period.quarter(2024, 2))
    assert picker.preset.currentText() == CUSTOM
    assert picker.period() == Period(date(2024, 4, 1), date(2024, 6, 30))
