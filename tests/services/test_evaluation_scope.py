"""Periods: calendar quarters and years, months touched, refusing a backwards period."""

from __future__ import annotations

from datetime import date

import pytest

from app.services.evaluation_scope import EvaluationScope, Period


def test_quarters_and_years_cover_whole_calendar_months() -> None:
    assert Period.quarter(2026, 1) == Period(date(2026, 1, 1), date(2026, 3, 31))
    assert Period.quarter(2024, 1).days == 91  # a leap year's February
    assert Period.quarter(2026, 4) == Period(date(2026, 10, 1), date(2026, 12, 31))
    assert Period.year(2025).days == 365
    with pytest.raises(ValueError, match="no quarter 5"):
        Period.quarter(2026, 5)


def test_last_months_ends_today_and_starts_on_a_first() -> None:
    period = Period.last_months(12, date(2026, 11, 28))
    assert period == Period(date(2025, 12, 1), date(2026, 11, 28))
    assert len(period.months()) == 12


def test_months_touched_include_partial_ones() -> None:
    period = Period(date(2025, 11, 15), date(2026, 2, 1))
    assert period.months() == [date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1),
                               date(2026, 2, 1)]
    assert date(2026, 2, 1) in period
    assert date(2026, 2, 2) not in period


def test_a_period_cannot_run_backwards() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        Period(date(2026, 2, 1), date(2026, 1, 31))


def test_scope_without_an_initiative_is_the_whole_partnership() -> None:
    period = Period.year(2026)
    assert EvaluationScope(period).whole_partnership
    assert not EvaluationScope(period, 3).whole_partnership


def test_utc_bounds_are_the_local_midnights_around_the_period(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import time
    from datetime import UTC, datetime

    monkeypatch.setenv("TZ", "America/Chicago")
    time.tzset()
    try:
        start, end = Period(date(2026, 3, 1), date(2026, 3, 31)).utc_bounds()
    finally:
        monkeypatch.undo()
        time.tzset()
    assert start == datetime(2026, 3, 1, 6, tzinfo=UTC)  # CST
    assert end == datetime(2026, 4, 1, 5, tzinfo=UTC)  # CDT since 8 March
