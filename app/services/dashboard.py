"""The figures on the Dashboard: counts, next meetings, overdue actions, expiring certificates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import (
    ActionItem,
    ActionStatus,
    Attendance,
    Course,
    Initiative,
    InitiativeStatus,
    Meeting,
    MeetingStatus,
    Organization,
    Person,
    utcnow,
)
from app.models.directory import person_name
from app.models.training import LatestCompletion
from app.services.action_items import OpenAction, open_actions
from app.services.certificates import last_lapsed_completion
from app.services.compliance import count_not_compliant
from app.services.dates import add_months
from app.services.training_sessions import SessionQuery, SessionRow, SessionWhen, list_sessions
from app.services.workspace import Workspace

LIST_LENGTH = 10
EXPIRY_HORIZON_DAYS = 60


@dataclass(frozen=True)
class Figures:
    organizations: int
    people: int
    active_initiatives: int
    upcoming_meetings: int
    open_action_items: int
    overdue_action_items: int
    expiring_certifications: int
    expired_required: int  # people missing a required certificate (expired or never held)
    sessions_with_seats: int


@dataclass(frozen=True)
class UpcomingMeeting:
    id: int
    title: str
    starts_at: datetime
    location: str
    invited: int


@dataclass(frozen=True)
class ExpiringCertification:
    person_id: int
    person: str
    course: str
    expires_on: date
    days_left: int


@dataclass(frozen=True)
class Dashboard:
    figures: Figures
    next_meetings: list[UpcomingMeeting]
    overdue_actions: list[OpenAction]
    expiring: list[ExpiringCertification]
    open_sessions: list[SessionRow]  # upcoming training sessions with free seats


def load_dashboard(ws: Workspace, today: date | None = None) -> Dashboard:
    today = today or date.today()
    now = utcnow()
    sessions = list_sessions(ws, SessionQuery(SessionWhen.UPCOMING, open_seats_only=True,
                                              now=now), limit=LIST_LENGTH)
    with ws.read() as session:
        expiring = _expiring_certifications(session, today)
        overdue_total = _count(
            session,
            select(func.count(ActionItem.id)).where(
                ActionItem.status == ActionStatus.OPEN, ActionItem.due_on < today
            ),
        )
        figures = Figures(
            organizations=_count(
                session,
                select(func.count(Organization.id)).where(Organization.archived_at.is_(None)),
            ),
            people=_count(
                session, select(func.count(Person.id)).where(Person.archived_at.is_(None))
            ),
            active_initiatives=_count(
                session,
                select(func.count(Initiative.id)).where(
                    Initiative.status == InitiativeStatus.ACTIVE
                ),
            ),
            upcoming_meetings=_count(
                session,
                select(func.count(Meeting.id)).where(
                    Meeting.starts_at >= now, Meeting.status == MeetingStatus.SCHEDULED
                ),
            ),
            open_action_items=_count(
                session,
                select(func.count(ActionItem.id)).where(ActionItem.status == ActionStatus.OPEN),
            ),
            overdue_action_items=overdue_total,
            expiring_certifications=len(expiring),
            expired_required=count_not_compliant(session, today),
            sessions_with_seats=sessions.total,
        )
        return Dashboard(
            figures=figures,
            next_meetings=_next_meetings(session, now),
            overdue_actions=open_actions(
                session, ActionItem.due_on < today, today=today, limit=LIST_LENGTH
            ),
            expiring=expiring[:LIST_LENGTH],
            open_sessions=list(sessions.rows),
        )


def _count(session: Session, statement: object) -> int:
    return int(session.scalar(statement) or 0)  # type: ignore[call-overload]


def _next_meetings(session: Session, now: datetime) -> list[UpcomingMeeting]:
    invited = (
        select(func.count())
        .where(Attendance.meeting_id == Meeting.id)
        .correlate(Meeting)
        .scalar_subquery()
    )
    rows = session.execute(
        select(Meeting.id, Meeting.title, Meeting.starts_at, Meeting.location, invited)
        .where(Meeting.starts_at >= now, Meeting.status == MeetingStatus.SCHEDULED)
        .order_by(Meeting.starts_at)
        .limit(LIST_LENGTH)
    )
    return [UpcomingMeeting(*row) for row in rows]


def _expiring_certifications(session: Session, today: date) -> list[ExpiringCertification]:
    """Certificates whose latest completion expires within the horizon, soonest first."""
    horizon = today + timedelta(days=EXPIRY_HORIZON_DAYS)
    found = []
    courses = session.execute(
        select(Course.id, Course.name, Course.validity_months).where(
            Course.validity_months.is_not(None), Course.archived_at.is_(None)
        )
    ).all()
    for course_id, course_name, months in courses:
        # Current today (certificates.standing: expired on the expiry date) and expired by
        # the horizon <=> completed after the first date and on or before the second.
        rows = session.execute(
            select(Person.id, Person.first_name, Person.last_name,
                   LatestCompletion.completed_on)
            .join(Person, Person.id == LatestCompletion.person_id)
            .where(
                LatestCompletion.course_id == course_id,
                LatestCompletion.completed_on > last_lapsed_completion(months, today),
                LatestCompletion.completed_on <= last_lapsed_completion(months, horizon),
                Person.archived_at.is_(None),
            )
        )
        for person_id, first, last_name, completed_on in rows:
            expires_on = add_months(completed_on, months)
            found.append(ExpiringCertification(
                person_id=person_id,
                person=person_name(first, last_name),
                course=course_name,
                expires_on=expires_on,
                days_left=(expires_on - today).days,
            ))
    return sorted(found, key=lambda c: (c.expires_on, c.person))
