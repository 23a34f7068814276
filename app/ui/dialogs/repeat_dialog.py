"""Make a meeting recurring: how it repeats, and how many meetings to plan ahead."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from PySide6.QtWidgets import QLabel, QWidget

from app.services.recurrence import ORDINALS, Frequency, Recurrence
from app.ui.forms import FormDialog

DEFAULT_COUNT = 12


class RepeatDialog(FormDialog):
    def __init__(self, first: date, parent: QWidget | None = None) -> None:
        super().__init__("Repeat meeting", parent)
        self.first = first
        self.result_: tuple[Recurrence, int] | None = None
        form = self.form
        self.frequency = form.choice("frequency", "&Repeats",
                                     [(f.label, f) for f in Frequency])
        self.interval = form.number("interval", "&Every", 1, 12)
        self.weekday = form.choice("weekday", "On &weekday",
                                   [(name, i) for i, name in enumerate(calendar.day_name)])
        self.week = form.choice("week_of_month", "&Which week",
                                [(f"The {word}", n) for n, word in ORDINALS.items()])
        self.day = form.number("day_of_month", "On &day", 1, 31)
        form.number("count", "&Meetings in all", 2, 60)
        self.preview = QLabel()
        self.preview.setObjectName("repeatPreview")
        self.preview.setWordWrap(True)
        form.layout_.addRow("Dates", self.preview)
        week = (first.day - 1) // 7 + 1
        form.set_values({
            "frequency": Frequency.MONTHLY_WEEKDAY, "interval": 1, "weekday": first.weekday(),
            "week_of_month": week if week <= 4 else -1, "day_of_month": first.day,
            "count": DEFAULT_COUNT,
        })
        for combo in (self.frequency, self.weekday, self.week):
            combo.currentIndexChanged.connect(lambda _: self._update())
        for spin in (self.interval, self.day):
            spin.valueChanged.connect(lambda _: self._update())
        self._update()
        self.resize(440, 360)

    def recurrence(self) -> Recurrence:
        values = self.form.values()
        return Recurrence(values["frequency"], values["interval"], values["weekday"],
                          values["week_of_month"], values["day_of_month"])

    def _update(self) -> None:
        frequency = self.frequency.currentData()
        self.weekday.setEnabled(frequency is not Frequency.MONTHLY_DAY)
        self.week.setEnabled(frequency is Frequency.MONTHLY_WEEKDAY)
        self.day.setEnabled(frequency is Frequency.MONTHLY_DAY)
        self.interval.setSuffix(" week(s)" if frequency is Frequency.WEEKLY else " month(s)")
        rule = self.recurrence()
        try:
            rule.check()
        except Exception as error:  # a ValidationError: shown on save
            self.preview.setText(str(error))
            return
        upcoming = [self.first, *rule.dates(self.first + timedelta(days=1), 3)]
        self.preview.setText(f"{rule.describe()}: "
                             + ", ".join(f"{d:%a %d %b %Y}" for d in upcoming) + " …")

    def save(self) -> int | None:
        rule = self.recurrence()
        rule.check()
        self.result_ = (rule, self.form.values()["count"])
        return 0

    @classmethod
    def ask(cls, first: date, parent: QWidget | None = None) -> tuple[Recurrence, int] | None:
        dialog = cls(first, parent)
        return dialog.result_ if dialog.exec() else None
