"""Recurrence rules: RRULE text both ways, dates at month ends, leap years and intervals."""

from __future__ import annotations

from datetime import date

import pytest

from app.services.errors import ValidationError
from app.services.recurrence import Frequency, Recurrence


@pytest.mark.parametrize(
    ("rule", "start", "expected", "text"),
    [
        (Recurrence(Frequency.MONTHLY_WEEKDAY, weekday=1, week_of_month=2),
         date(2026, 11, 28), [date(2026, 12, 8), date(2027, 1, 12), date(2027, 2, 9)],
         "Monthly on the second Tuesday"),
        (Recurrence(Frequency.MONTHLY_WEEKDAY, 2, weekday=3, week_of_month=-1),
         date(2026, 1, 1), [date(2026, 1, 29), date(2026, 3, 26), date(2026, 5, 28)],
         "Every 2 months on the last Thursday"),
        (Recurrence(Frequency.MONTHLY_DAY, day_of_month=31),
         date(2028, 1, 31), [date(2028, 1, 31), date(2028, 2, 29), date(2028, 3, 31)],
         "Monthly on day 31"),
        (Recurrence(Frequency.WEEKLY, 2, weekday=0),
         date(2026, 12, 30), [date(2027, 1, 4), date(2027, 1, 18), date(2027, 2, 1)],
         "Every 2 weeks on Monday"),
    ],
)
def test_dates_and_descriptions(rule: Recurrence, start: date, expected: list[date],
                                text: str) -> None:
    assert rule.dates(start, 3) == expected
    assert rule.describe() == text
    assert Recurrence.parse(rule.rule) == rule
    assert rule.next_after(expected[0]) == expected[1]


def test_a_start_on_the_day_itself_counts() -> None:
    rule = Recurrence(Frequency.MONTHLY_WEEKDAY, weekday=1, week_of_month=2)
    assert rule.dates(date(2026, 12, 8), 1) == [date(2026, 12, 8)]
    assert rule.rule == "FREQ=MONTHLY;BYDAY=2TU"


def test_unknown_rules_and_bad_values_are_refused() -> None:
    with pytest.raises(ValueError):
        Recurrence.parse("FREQ=YEARLY;BYMONTH=3")
    with pytest.raises(ValidationError) as refused:
        Recurrence(Frequency.WEEKLY, interval=0, weekday=9).check()
    assert set(refused.value.errors) == {"interval", "weekday"}


def test_the_next_weekly_date_returns_to_the_rules_weekday() -> None:
    tuesdays = Recurrence(Frequency.WEEKLY, weekday=1)
    assert tuesdays.next_after(date(2026, 3, 4)) == date(2026, 3, 10)  # moved to a Wednesday
    assert Recurrence(Frequency.WEEKLY, 2, weekday=1).next_after(date(2026, 3, 3)) == date(
        2026, 3, 17)


def test_stored_rules_out_of_range_are_refused_when_read() -> None:
    with pytest.raises(ValueError):
        Recurrence.parse("FREQ=MONTHLY;BYDAY=5TU")
