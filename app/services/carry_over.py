"""What one meeting inherits from the meetings before it.

A meeting's *related* meetings are those of its series, or, for a meeting outside any
series, those of its initiative (a standalone meeting with neither has none). From them:

- the **previous meeting** is the latest related meeting that started before this one
  and was not cancelled (its minutes go into this meeting's packet);
- the **carried action items** are the items still open that were born in an earlier
  related meeting, plus, when the meeting has an initiative, the open items filed under
  that initiative that were born outside any later meeting. Items born in this meeting
  are its own, not carried.

Nothing is copied: carried items are found by these rules whenever they are shown, so an
item marked done anywhere disappears from every later meeting at once.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, and_, false, or_, select
from sqlalchemy.orm import Session

from app.models import ActionItem, Meeting, MeetingStatus
from app.services.action_items import OpenAction, open_actions


def related_condition(meeting: Meeting) -> ColumnElement[bool]:
    """Meetings related to ``meeting`` (itself included) as a condition on ``Meeting``."""
    if meeting.series_id is not None:
        return Meeting.series_id == meeting.series_id
    if meeting.initiative_id is not None:
        return Meeting.initiative_id == meeting.initiative_id
    return false()


def previous_meeting_id(session: Session, meeting: Meeting) -> int | None:
    return session.scalar(
        select(Meeting.id)
        .where(
            related_condition(meeting),
            Meeting.starts_at < meeting.starts_at,
            Meeting.status != MeetingStatus.CANCELLED,
        )
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
        .limit(1)
    )


def carried_condition(meeting: Meeting) -> ColumnElement[bool]:
    """Action items carried into ``meeting`` (open or not; add the status condition)."""
    earlier = select(Meeting.id).where(
        related_condition(meeting), Meeting.starts_at < meeting.starts_at
    )
    born_earlier = ActionItem.meeting_id.in_(earlier.scalar_subquery())
    if meeting.initiative_id is None:
        return born_earlier
    later_or_same = select(Meeting.id).where(Meeting.starts_at >= meeting.starts_at)
    of_initiative = and_(
        ActionItem.initiative_id == meeting.initiative_id,
        or_(
            ActionItem.meeting_id.is_(None),
            ActionItem.meeting_id.not_in(later_or_same.scalar_subquery()),
        ),
    )
    return or_(born_earlier, of_initiative)


def carried_actions(
    session: Session, meeting: Meeting, today: date, limit: int = 500
) -> list[OpenAction]:
    """The open action items carried into ``meeting``, soonest due first."""
    return open_actions(session, carried_condition(meeting), today=today, limit=limit)
