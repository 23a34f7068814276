"""Deterministic demo data: the fictional city of Riverton and its crime prevention partners.

``load_demo_data`` fills an empty database in one transaction; ``is_empty`` tells the UI
whether to offer it on first start. All dates are relative to ``today``, and the same
``today`` always gives the same data.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from app.models import (
    ActionItem,
    Affiliation,
    AgendaItem,
    Area,
    Attendance,
    AuditAction,
    AuditEntry,
    Course,
    CrimeCount,
    Enrollment,
    Expenditure,
    Goal,
    Initiative,
    InitiativePartner,
    Measurement,
    Meeting,
    OffenseCategory,
    Organization,
    Person,
    Requirement,
    Role,
    Setting,
    Survey,
    SurveyAnswer,
    SurveyResponse,
    Tag,
    TrainingSession,
    User,
)
from app.models.database import Database
from app.services.demo.common import AGENCY, DemoContext
from app.services.demo.crime import build_areas, build_crime_counts
from app.services.demo.directory import build_directory
from app.services.demo.initiatives import build_initiatives
from app.services.demo.meetings import build_meetings
from app.services.demo.surveys import build_surveys
from app.services.demo.training import build_training

Progress = Callable[[int, int], None]


class DemoDataError(Exception):
    """Demo data goes only into an empty database."""


@dataclass(frozen=True)
class DemoSummary:
    organizations: int
    people: int
    affiliations: int
    tags: int
    initiatives: int
    initiative_partners: int
    goals: int
    measurements: int
    expenditures: int
    meetings: int
    agenda_items: int
    attendance: int
    action_items: int
    courses: int
    training_sessions: int
    enrollments: int
    requirements: int
    areas: int
    offense_categories: int
    crime_counts: int
    surveys: int
    survey_responses: int
    survey_answers: int


_COUNTED: dict[str, type] = {
    "organizations": Organization, "people": Person, "affiliations": Affiliation,
    "tags": Tag, "initiatives": Initiative, "initiative_partners": InitiativePartner,
    "goals": Goal, "measurements": Measurement, "expenditures": Expenditure,
    "meetings": Meeting, "agenda_items": AgendaItem, "attendance": Attendance,
    "action_items": ActionItem, "courses": Course, "training_sessions": TrainingSession,
    "enrollments": Enrollment, "requirements": Requirement, "areas": Area,
    "offense_categories": OffenseCategory, "crime_counts": CrimeCount, "surveys": Survey,
    "survey_responses": SurveyResponse, "survey_answers": SurveyAnswer,
}


def is_empty(db: Database) -> bool:
    """True when there are no organizations, people, initiatives or meetings yet."""
    with db.read() as session:
        return not any(
            session.scalar(select(exists().select_from(model)))
            for model in (Organization, Person, Initiative, Meeting)
        )


def load_demo_data(
    db: Database, *, today: date | None = None, progress: Progress | None = None
) -> DemoSummary:
    """Fill an empty database with the Riverton demo; raises DemoDataError otherwise."""
    if not is_empty(db):
        raise DemoDataError("Demo data can only be loaded into an empty database.")
    today = today or date.today()
    steps: list[Callable[[DemoContext], object]] = [
        build_directory, build_areas, build_initiatives, _flush, build_crime_counts,
        build_meetings, build_training, build_surveys, _accounts,
    ]
    report = progress or (lambda done, total: None)
    total = len(steps) + 1
    report(0, total)
    with db.write() as session:
        ctx = DemoContext(session=session, today=today)
        for done, step in enumerate(steps, start=1):
            step(ctx)
            report(done, total)
        session.flush()
        summary = _summary(session)
        session.add(AuditEntry(
            user_name=_user_name(), action=AuditAction.CREATE, entity="database",
            changes=asdict(summary),
            summary=f"Demo data loaded (Riverton, as of {today.isoformat()})",
        ))
    report(total, total)
    return summary


def _flush(ctx: DemoContext) -> None:
    ctx.session.flush()


def _accounts(ctx: DemoContext) -> None:
    session = ctx.session
    username = _user_name()
    if session.scalar(select(User).where(User.username == username)) is None:
        session.add(User(username=username, display_name=username, role=Role.ADMIN,
                         can_see_sensitive=True, password_hash=None))
    if session.get(Setting, "agency_name") is None:
        session.add(Setting(key="agency_name", value=AGENCY))


def _summary(session: Session) -> DemoSummary:
    counts = {
        name: session.scalar(select(func.count()).select_from(model)) or 0
        for name, model in _COUNTED.items()
    }
    return DemoSummary(**counts)


def _user_name() -> str:
    try:
        return getpass.getuser() or "admin"
    except Exception:  # no login name in the environment (some services, containers)
        return "admin"
