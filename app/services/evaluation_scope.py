"""What an evaluation looks at: one initiative or the whole partnership, over a period.

The Evaluation page, its tabs and the funder reports all take an ``EvaluationScope`` so
that a figure on screen and the same figure on paper are computed from the same question.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from app.services.dates import add_months, local_instant

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Period:
    """Whole days from ``start`` to ``end``, both included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"a period cannot end ({self.end}) before it starts ({self.start})")

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def months(self) -> list[date]:
        """The first day of every calendar month the period touches, in order."""
        first = self.start.replace(day=1)
        months = []
        while first <= self.end:
            months.append(first)
            first = add_months(first, 1)
        return months

    def label(self) -> str:
        return f"{self.start:%d %b %Y} – {self.end:%d %b %Y}"

    def utc_bounds(self) -> tuple[datetime, datetime]:
        """[start, end) in UTC: the local midnight the period begins with and the one after
        its last day (as ``meeting_list.meetings_between`` counts days)."""
        return local_instant(self.start, time.min), local_instant(self.end + _ONE_DAY, time.min)

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        if not 1 <= quarter <= 4:
            raise ValueError(f"there is no quarter {quarter}")
        start = date(year, 3 * quarter - 2, 1)
        return cls(start, add_months(start, 3) - _ONE_DAY)

    @classmethod
    def last_months(cls, months: int, today: date) -> Period:
        """The ``months`` whole calendar months before ``today``'s month, and this month."""
        start = add_months(today.replace(day=1), -(months - 1))
        return cls(start, today)


@dataclass(frozen=True)
class EvaluationScope:
    period: Period
    initiative_id: int | None = None  # None: the whole partnership

    @property
    def whole_partnership(self) -> bool:
        return self.initiative_id is None
