"""The course catalog: validated create/update, archive, and the list the Training page shows."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from sqlalchemy import func, select

from app.models import Course, CourseCategory, Requirement, TrainingSession, utcnow
from app.services.errors import FieldErrors
from app.services.fields import clean
from app.services.permissions import Permission
from app.services.records import expect_version, load
from app.services.workspace import Workspace

LABEL = "course"
MAX_HOURS = 200
MAX_VALIDITY_MONTHS = 120
MAX_REMINDER_DAYS = 365


@dataclass(frozen=True)
class CourseInput:
    name: str
    category: CourseCategory
    default_hours: float = 1.0
    validity_months: int | None = None  # None: one-time, never expires
    reminder_days: int = 30
    description: str = ""


@dataclass(frozen=True)
class CourseRow:
    id: int
    name: str
    category: CourseCategory
    default_hours: float
    validity_months: int | None
    reminder_days: int
    sessions: int
    requirements: int
    archived: bool
    version: int

    @property
    def validity(self) -> str:
        if self.validity_months is None:
            return "One-time"
        years, months = divmod(self.validity_months, 12)
        if not months:
            return f"{years} year{'s' * (years != 1)}"
        return f"{self.validity_months} month{'s' * (self.validity_months != 1)}"


def validated(ws: Workspace, data: CourseInput, course_id: int | None) -> CourseInput:
    """``data`` cleaned, or every problem at once (a name in use included)."""
    errors = FieldErrors()
    name = clean(data.name)
    errors.require("name", name, "Name")
    if name and _name_taken(ws, name, course_id):
        errors.add("name", "A course with this name exists already (perhaps archived).")
    errors.check(0 < data.default_hours <= MAX_HOURS, "default_hours",
                 f"Hours must be more than 0 and at most {MAX_HOURS}.")
    errors.check(
        data.validity_months is None or 1 <= data.validity_months <= MAX_VALIDITY_MONTHS,
        "validity_months",
        f"A certificate is valid 1 to {MAX_VALIDITY_MONTHS} months, or is one-time.",
    )
    errors.check(0 <= data.reminder_days <= MAX_REMINDER_DAYS, "reminder_days",
                 f"Remind 0 to {MAX_REMINDER_DAYS} days ahead.")
    errors.raise_if_any()
    return replace(data, name=name, description=data.description.strip())


def _name_taken(ws: Workspace, name: str, course_id: int | None) -> bool:
    with ws.read() as session:
        return session.scalar(
            select(Course.id).where(func.lower(Course.name) == name.lower(),
                                    Course.id != (course_id or 0))
        ) is not None


def create_course(ws: Workspace, data: CourseInput) -> int:
    ws.require(Permission.EDIT)
    data = validated(ws, data, None)
    with ws.write() as action:
        course = Course(**{f.name: getattr(data, f.name) for f in fields(data)})
        action.session.add(course)
        action.session.flush()
        return course.id


def update_course(ws: Workspace, course_id: int, data: CourseInput, version: int) -> None:
    ws.require(Permission.EDIT)
    data = validated(ws, data, course_id)
    with ws.write() as action:
        course = load(action.session, Course, course_id, LABEL)
        expect_version(course, version, LABEL)
        for f in fields(data):
            setattr(course, f.name, getattr(data, f.name))


def set_course_archived(ws: Workspace, course_id: int, archived: bool) -> None:
    ws.require(Permission.EDIT)
    with ws.write() as action:
        course = load(action.session, Course, course_id, LABEL)
        course.archived_at = utcnow() if archived else None


def course_form(ws: Workspace, course_id: int) -> tuple[int, CourseInput]:
    with ws.read() as session:
        course = load(session, Course, course_id, LABEL)
        return course.version, CourseInput(
            **{f.name: getattr(course, f.name) for f in fields(CourseInput)}
        )


def list_courses(ws: Workspace, include_archived: bool = False) -> list[CourseRow]:
    """The whole catalog by name (a catalog holds tens of courses, not thousands)."""
    sessions = (
        select(func.count()).where(TrainingSession.course_id == Course.id).scalar_subquery()
    )
    requirements = (
        select(func.count()).where(Requirement.course_id == Course.id).scalar_subquery()
    )
    statement = select(Course, sessions, requirements).order_by(Course.name)
    if not include_archived:
        statement = statement.where(Course.archived_at.is_(None))
    with ws.read() as session:
        return [
            CourseRow(
                id=c.id, name=c.name, category=c.category, default_hours=c.default_hours,
                validity_months=c.validity_months, reminder_days=c.reminder_days,
                sessions=n_sessions, requirements=n_requirements,
                archived=c.archived_at is not None, version=c.version,
            )
            for c, n_sessions, n_requirements in session.execute(statement)
        ]


def course_choices(ws: Workspace) -> list[tuple[int, str]]:
    return [(c.id, c.name) for c in list_courses(ws)]
