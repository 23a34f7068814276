"""Calendar arithmetic shared by training, meetings and reports."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, time


def add_months(day: date, months: int) -> date:
    """Same day ``months`` later, clamped to the month's end (31 Jan + 1 -> 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def certificate_expiry(completed_on: date, validity_months: int | None) -> date | None:
    """The first day a certificate is no longer current; None for one-time courses."""
    return None if validity_months is None else add_months(completed_on, validity_months)


def local_instant(day: date, clock: time) -> datetime:
    """A wall-clock time on this computer's time zone, as an aware UTC datetime."""
    return datetime.combine(day, clock).astimezone().astimezone(UTC)


def local_parts(instant: datetime) -> tuple[date, time]:
    """The local date and wall-clock time of an aware instant."""
    local = instant.astimezone()
    return local.date(), local.time().replace(second=0, microsecond=0, tzinfo=None)
