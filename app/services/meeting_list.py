"""What the Meetings page lists: paged, filtered and sorted in SQL, and a month at a time."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import aliased

from app.models import (
    Affiliation,
    Attendance,
    AttendanceStatus,
    Initiative,
    Meeting,
    MeetingStatus,
)
from app.services.pages import Page
from app.services.search import contains_words
from app.services.workspace import Workspace


class When(enum.Enum):
    UPCOMING = "upcoming"
    PAST = "past"
    ALL = "all"

    @property
    def label(self) -> str:
        return {When.UPCOMING: "Upcoming", When.PAST: "Past", When.ALL: "All dates"}[self]


@dataclass(frozen=True)
class MeetingQuery:
    search: str = ""
    when: When = When.ALL
    status: MeetingStatus | None = None
    initiative_id: int | None = None
    organization_id: int | None = None  # meetings where someone of it is invited
    now: datetime = field(default_factory=lambda: datetime.now(UTC))


@dataclass(frozen=True)
class MeetingRow:
    id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    location: str
    status: MeetingStatus
    initiative: str
    in_series: bool
    invited: int
    present: int
    walk_ins: int

    @property
    def attendance(self) -> str:
        """"12 of 18 + 3 walk-ins" once held; the number invited before."""
        if self.status is not MeetingStatus.HELD:
            return f"{self.invited} invited" if self.invited else ""
        plural = "s" * (self.walk_ins != 1)
        walk_ins = f" + {self.walk_ins} walk-in{plural}" if self.walk_ins else ""
        return f"{self.present} of {self.invited}{walk_ins}"

    @property
    def attendance_rate(self) -> float | None:
        """Share of the invited who came, for held meetings with invitees."""
        if self.status is not MeetingStatus.HELD or not self.invited:
            return None
        return self.present / self.invited


SORTS: dict[str, tuple[ColumnElement, ...]] = {  # type: ignore[type-arg]
    "when": (Meeting.starts_at,),
    "title": (Meeting.title, Meeting.starts_at),
    "location": (Meeting.location, Meeting.starts_at),
    "status": (Meeting.status, Meeting.starts_at),
    "initiative": (Initiative.name, Meeting.starts_at),
}


def conditions(query: MeetingQuery) -> list[ColumnElement[bool]]:
    where = contains_words(query.search, Meeting.title, Meeting.location)
    if query.when is When.UPCOMING:
        # The bound on the start lets the starts_at index skip the past (a meeting lasts at
        # most a day, see meetings.MAX_DURATION).
        where.append(Meeting.starts_at >= query.now - timedelta(days=1))
        where.append(Meeting.ends_at >= query.now)
    elif query.when is When.PAST:
        where.append(Meeting.starts_at < query.now)
        where.append(Meeting.ends_at < query.now)
    if query.status is not None:
        where.append(Meeting.status == query.status)
    if query.initiative_id is not None:
        where.append(Meeting.initiative_id == query.initiative_id)
    if query.organization_id is not None:
        invited = (
            select(Attendance.meeting_id)
            .join(Affiliation, Affiliation.person_id == Attendance.person_id)
            .where(Affiliation.organization_id == query.organization_id)
        )
        where.append(Meeting.id.in_(invited))
    return where


def _statement(where: list[ColumnElement[bool]]):  # type: ignore[no-untyped-def]
    present = aliased(Attendance)
    invited = (
        select(func.count()).where(Attendance.meeting_id == Meeting.id).scalar_subquery()
    )
    came = (
        select(func.count())
        .where(present.meeting_id == Meeting.id, present.status == AttendanceStatus.PRESENT)
        .scalar_subquery()
    )
    return (
        select(
            Meeting.id, Meeting.title, Meeting.starts_at, Meeting.ends_at, Meeting.location,
            Meeting.status, Initiative.name, Meeting.series_id, invited, came,
            Meeting.walk_in_count,
        )
        .outerjoin(Initiative, Initiative.id == Meeting.initiative_id)
        .where(*where)
    )


def _row(r: tuple) -> MeetingRow:  # type: ignore[type-arg]
    return MeetingRow(
        id=r[0], title=r[1], starts_at=r[2], ends_at=r[3], location=r[4], status=r[5],
        initiative=r[6] or "", in_series=r[7] is not None, invited=r[8], present=r[9],
        walk_ins=r[10],
    )


def list_meetings(
    ws: Workspace,
    query: MeetingQuery = MeetingQuery(),
    offset: int = 0,
    limit: int = 200,
    sort: str = "when",
    descending: bool = False,
) -> Page[MeetingRow]:
    where = conditions(query)
    order = [c.desc() if descending else c for c in SORTS.get(sort, SORTS["when"])]
    with ws.read() as session:
        total = session.scalar(select(func.count(Meeting.id)).where(*where)) or 0
        result = session.execute(
            _statement(where).order_by(*order, Meeting.id).offset(offset).limit(limit)
        )
        return Page(rows=[_row(r) for r in result], offset=offset, total=total)


def meetings_between(
    ws: Workspace, first: date, last: date, query: MeetingQuery = MeetingQuery()
) -> list[MeetingRow]:
    """Meetings starting on local dates ``first``..``last`` (for the month calendar)."""
    start = datetime.combine(first, time.min).astimezone().astimezone(UTC)
    end = datetime.combine(last + timedelta(days=1), time.min).astimezone().astimezone(UTC)
    where = [
        *conditions(query),
        and_(Meeting.starts_at >= start, Meeting.starts_at < end),
    ]
    with ws.read() as session:
        result = session.execute(_statement(where).order_by(Meeting.starts_at, Meeting.id))
        return [_row(r) for r in result]
