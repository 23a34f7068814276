"""Recurrence rules of meeting series: "monthly on the second Tuesday", "every 2 weeks".

A rule is stored as the iCalendar RRULE subset that calendars agree on (``FREQ=MONTHLY;
BYDAY=2TU``, ``FREQ=WEEKLY;INTERVAL=2;BYDAY=TH``, ``FREQ=MONTHLY;BYMONTHDAY=15``), so the
.ics export and the stored series say the same thing. Dates are wall-clock dates: a series
at 18:00 stays at 18:00 local time across daylight-saving changes.
"""

from __future__ import annotations

import calendar
import enum
from dataclasses import dataclass
from datetime import date, timedelta

from app.services.dates import add_months
from app.services.errors import ValidationError

DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
MAX_INTERVAL = 12


class Frequency(enum.Enum):
    WEEKLY = "weekly"
    MONTHLY_WEEKDAY = "monthly_weekday"  # e.g. the second Tuesday of each month
    MONTHLY_DAY = "monthly_day"  # e.g. the 15th of each month (clamped to the month's end)

    @property
    def label(self) -> str:
        return {
            Frequency.WEEKLY: "Weekly",
            Frequency.MONTHLY_WEEKDAY: "Monthly on a weekday",
            Frequency.MONTHLY_DAY: "Monthly on a date",
        }[self]


@dataclass(frozen=True)
class Recurrence:
    frequency: Frequency
    interval: int = 1  # every ``interval`` weeks or months
    weekday: int = 1  # Monday is 0 (weekly and monthly-weekday rules)
    week_of_month: int = 2  # 1-4, or -1 for the last (monthly-weekday rules)
    day_of_month: int = 1  # 1-31 (monthly-date rules)

    def check(self) -> None:
        problems = {}
        if not 1 <= self.interval <= MAX_INTERVAL:
            problems["interval"] = f"Repeat every 1 to {MAX_INTERVAL} weeks or months."
        if not 0 <= self.weekday <= 6:
            problems["weekday"] = "Choose a day of the week."
        if self.week_of_month not in ORDINALS:
            problems["week_of_month"] = "Choose the first to fourth, or the last week."
        if not 1 <= self.day_of_month <= 31:
            problems["day_of_month"] = "Choose a day from 1 to 31."
        if problems:
            raise ValidationError(problems)

    @property
    def rule(self) -> str:
        parts = ["FREQ=WEEKLY" if self.frequency is Frequency.WEEKLY else "FREQ=MONTHLY"]
        if self.interval != 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.frequency is Frequency.WEEKLY:
            parts.append(f"BYDAY={DAY_CODES[self.weekday]}")
        elif self.frequency is Frequency.MONTHLY_WEEKDAY:
            parts.append(f"BYDAY={self.week_of_month}{DAY_CODES[self.weekday]}")
        else:
            parts.append(f"BYMONTHDAY={self.day_of_month}")
        return ";".join(parts)

    @classmethod
    def parse(cls, rule: str) -> Recurrence:
        """The rule back from its RRULE text; ValueError for rules this program did not write
        or whose values are out of range."""
        recurrence = cls._parse(rule)
        try:
            recurrence.check()
        except ValidationError as error:
            raise ValueError(f"recurrence rule {rule!r}: {error}") from None
        return recurrence

    @classmethod
    def _parse(cls, rule: str) -> Recurrence:
        fields = dict(part.split("=", 1) for part in rule.upper().split(";") if "=" in part)
        interval = int(fields.get("INTERVAL", "1"))
        by_day = fields.get("BYDAY", "")
        if fields.get("FREQ") == "WEEKLY" and by_day in DAY_CODES:
            return cls(Frequency.WEEKLY, interval, weekday=DAY_CODES.index(by_day))
        if fields.get("FREQ") == "MONTHLY" and by_day[-2:] in DAY_CODES and by_day[:-2]:
            return cls(Frequency.MONTHLY_WEEKDAY, interval, DAY_CODES.index(by_day[-2:]),
                       week_of_month=int(by_day[:-2]))
        if fields.get("FREQ") == "MONTHLY" and "BYMONTHDAY" in fields:
            return cls(Frequency.MONTHLY_DAY, interval, day_of_month=int(fields["BYMONTHDAY"]))
        raise ValueError(f"unsupported recurrence rule {rule!r}")

    def describe(self) -> str:
        weekday = calendar.day_name[self.weekday]
        if self.frequency is Frequency.WEEKLY:
            every = "Weekly" if self.interval == 1 else f"Every {self.interval} weeks"
            return f"{every} on {weekday}"
        every = "Monthly" if self.interval == 1 else f"Every {self.interval} months"
        if self.frequency is Frequency.MONTHLY_WEEKDAY:
            return f"{every} on the {ORDINALS[self.week_of_month]} {weekday}"
        return f"{every} on day {self.day_of_month}"

    def dates(self, start: date, count: int) -> list[date]:
        """The first ``count`` dates of the series on or after ``start``."""
        if self.frequency is Frequency.WEEKLY:
            first = start + timedelta(days=(self.weekday - start.weekday()) % 7)
            return [first + timedelta(weeks=self.interval * n) for n in range(count)]
        found: list[date] = []
        month = start.replace(day=1)
        while len(found) < count:
            day = self._day_in(month)
            if day >= start:
                found.append(day)
                month = add_months(month, self.interval)
            else:
                month = add_months(month, 1)
        return found

    def next_after(self, day: date) -> date:
        """The series date after ``day`` (a date of the series)."""
        if self.frequency is Frequency.WEEKLY:  # back on the rule's weekday if moved
            return self.dates(day + timedelta(weeks=self.interval - 1, days=1), 1)[0]
        return self._day_in(add_months(day.replace(day=1), self.interval))

    def _day_in(self, month: date) -> date:
        """This rule's day in the month starting at ``month``."""
        last = calendar.monthrange(month.year, month.month)[1]
        if self.frequency is Frequency.MONTHLY_DAY:
            return month.replace(day=min(self.day_of_month, last))
        if self.week_of_month == -1:
            end = month.replace(day=last)
            return end - timedelta(days=(end.weekday() - self.weekday) % 7)
        first = month + timedelta(days=(self.weekday - month.weekday()) % 7)
        return first + timedelta(weeks=self.week_of_month - 1)
