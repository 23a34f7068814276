"""Recurring meetings: make a meeting the first of a series, add the next one.

Each occurrence is an ordinary meeting (its own agenda, attendance and minutes) that
points at its series; editing "this and following" is ``update_meeting(following=True)``.
New occurrences copy the previous meeting's title, time, length, location, initiative,
agenda and invitees (all invited afresh); minutes and attendance marks start empty.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import AttendanceStatus, Meeting, MeetingSeries, MeetingStatus
from app.services.dates import local_parts
from app.services.errors import ValidationError
from app.services.meetings import LABEL, MeetingInput, apply, meeting_input
from app.services.permissions import Permission
from app.services.records import load
from app.services.recurrence import Recurrence
from app.services.workspace import Workspace

MAX_OCCURRENCES = 60


def start_series(ws: Workspace, meeting_id: int, recurrence: Recurrence, count: int) -> list[int]:
    """Make the meeting the first of ``count`` meetings repeating by ``recurrence``.

    Returns the ids of the new meetings (the given one not included).
    """
    ws.require(Permission.EDIT)
    recurrence.check()
    if not 2 <= count <= MAX_OCCURRENCES:
        raise ValidationError.single(
            "count", f"A series has 2 to {MAX_OCCURRENCES} meetings; add more later."
        )
    with ws.write() as action:
        session = action.session
        first = load(session, Meeting, meeting_id, LABEL)
        if first.series_id is not None:
            raise ValidationError.single("", "This meeting is already part of a series.")
        series = MeetingSeries(
            title=first.title, rule=recurrence.rule, initiative_id=first.initiative_id
        )
        session.add(series)
        first.series = series
        template = meeting_input(first)
        days = recurrence.dates(template.day + timedelta(days=1), count - 1)
        return [_occurrence(session, series, template, day).id for day in days]


def add_next_meeting(ws: Workspace, series_id: int) -> int:
    """Add the series' next meeting after its last one, copying the last one's agenda and
    invitees."""
    ws.require(Permission.EDIT)
    with ws.write() as action:
        session = action.session
        series = load(session, MeetingSeries, series_id, "meeting series")
        last = session.scalars(
            select(Meeting)
            .where(Meeting.series_id == series_id)
            .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
            .limit(1)
        ).first()
        if last is None:
            raise ValidationError.single("", "This series has no meeting to continue from.")
        try:
            recurrence = Recurrence.parse(series.rule)
        except ValueError:
            raise ValidationError.single(
                "", f"The series repeats by a rule this program cannot continue ({series.rule})."
            ) from None
        day, _ = local_parts(last.starts_at)
        return _occurrence(session, series, meeting_input(last), recurrence.next_after(day)).id


def _occurrence(
    session: Session, series: MeetingSeries, template: MeetingInput, day: object
) -> Meeting:
    data = replace(
        template,
        day=day,
        status=MeetingStatus.SCHEDULED,
        attendance=tuple((pid, AttendanceStatus.INVITED) for pid, _ in template.attendance),
        walk_in_count=0,
        minutes="",
        decisions="",
    )
    meeting = Meeting(title=data.title, starts_at=data.starts_at, ends_at=data.ends_at)
    meeting.series = series
    session.add(meeting)
    apply(session, meeting, data)
    session.flush()
    return meeting
