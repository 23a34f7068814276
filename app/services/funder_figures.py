"""Key figures of the funder report, for a whole period or one quarter of it.

One definition per figure, used by the Summary, by the Measures sheet (per quarter) and
by the tests that read the workbook back:
- meetings: meetings starting on a local date in the period (any status); *held* ones give
  the attendance figures: invited people present / invited (walk-ins counted apart);
- action items: *opened* when born in a meeting of the period (or, without a meeting,
  recorded in it), *closed* when marked done with a completion date in the period;
- training: sessions starting in the period; hours credited to completed enrollments with
  a completion date in the period (as app.services.compliance.hours_report counts them);
- crime: the sum of the monthly counts of the months in the period; months without any
  count are no data, so a period without any is "no data", not 0;
- resources: cash and in-kind amounts and volunteer hours of expenditures in the period.
A figure whose kind of record is absent from the period is None ("No data"), not 0.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, literal_column, or_, select
from sqlalchemy.orm import Session

from app.models import (
    ActionItem,
    ActionStatus,
    Attendance,
    AttendanceStatus,
    CrimeCount,
    Enrollment,
    EnrollmentStatus,
    Expenditure,
    Funding,
    Initiative,
    Meeting,
    MeetingStatus,
    TrainingSession,
)
from app.models.surveys import Survey, SurveyResponse
from app.services.evaluation_scope import EvaluationScope, Period
from app.services.funder_report import Figure, MonthPoint
from app.services.workspace import Workspace

MEETINGS = "Meetings and attendance records"
ACTIONS = "Action items of partnership meetings"
TRAINING = "Training sessions and enrollments"
CRIME = "Crime statistics (monthly counts)"
RESOURCES = "Initiative expenditures and resources"
SURVEYS = "Survey responses"


def in_period(column: ColumnElement[datetime], period: Period) -> ColumnElement[bool]:
    start, end = period.utc_bounds()
    return and_(column >= start, column < end)


def initiative_filter(column: ColumnElement[int | None], scope: EvaluationScope
                      ) -> list[ColumnElement[bool]]:
    return [] if scope.initiative_id is None else [column == scope.initiative_id]


def crime_areas(session: Session, scope: EvaluationScope) -> list[int] | None:
    """The initiative's target area ([] when it has none); None: every area."""
    if scope.initiative_id is None:
        return None
    area = session.scalar(select(Initiative.area_id).where(Initiative.id == scope.initiative_id))
    return [] if area is None else [area]


@dataclass(frozen=True)
class PeriodFigures:
    meetings: int
    meetings_held: int
    invited: int
    present: int
    walk_ins: int
    actions_opened: int
    actions_closed: int
    sessions: int
    training_hours: float
    people_trained: int
    crimes: int | None  # None: no month of the period has crime counts
    crime_months: int
    cash_cents: int
    in_kind_cents: int
    volunteer_hours: float
    expenditures: int
    survey_responses: int

    @property
    def attendance_rate(self) -> float | None:
        return self.present / self.invited if self.invited else None


@dataclass(frozen=True)
class MonthlyFigures:
    """The ``PeriodFigures`` of each calendar month of a period (clipped to it), read with one
    grouped query per kind of record; any run of months adds up to the figures of that
    span (``figures``), so the period, its quarters and its months come from one pass."""

    parts: tuple[Period, ...]  # the months, clipped to the period
    sums: tuple[tuple[int | float, ...], ...]  # per month: PeriodFigures' additive fields
    crimes: tuple[int | None, ...]  # per month: None without crime counts
    trained: tuple[frozenset[int], ...]  # per month: the people credited with hours

    def figures(self, indexes: Sequence[int] | None = None) -> PeriodFigures:
        """The figures of the months ``indexes`` (default: all) taken together."""
        chosen = range(len(self.parts)) if indexes is None else indexes
        totals = [sum(column) for column in zip(*(self.sums[i] for i in chosen),
                                                strict=True)] or [0] * len(_ADDED)
        values = dict(zip(_ADDED, totals, strict=True))
        counted = [self.crimes[i] for i in chosen if self.crimes[i] is not None]
        people: set[int] = set().union(*(self.trained[i] for i in chosen))
        return PeriodFigures(
            **{k: int(v) for k, v in values.items() if k not in _FRACTIONAL},
            training_hours=round(float(values["training_hours"]), 2),
            volunteer_hours=round(float(values["volunteer_hours"]), 2),
            people_trained=len(people), crimes=sum(counted) if counted else None,
            crime_months=len(counted))


_ADDED = ("meetings", "meetings_held", "invited", "present", "walk_ins", "actions_opened",
          "actions_closed", "sessions", "training_hours", "cash_cents", "in_kind_cents",
          "volunteer_hours", "expenditures", "survey_responses")
_FRACTIONAL = ("training_hours", "volunteer_hours")
# Grouped by position: a month expression with bound dates, written twice, is not the same
# SQL to every server (PostgreSQL numbers each bound value apart).
_FIRST, _SECOND = literal_column("1"), literal_column("2")


def month_parts(period: Period) -> tuple[Period, ...]:
    """Each calendar month ``period`` touches, clipped to it."""
    return tuple(Period(max(first, period.start), min(_month_end(first), period.end))
                 for first in period.months())


def monthly_figures(session: Session, scope: EvaluationScope) -> MonthlyFigures:
    """The figures of every month of the scope's period, one grouped query per record."""
    period = scope.period
    parts = month_parts(period)
    sums = [dict.fromkeys(_ADDED, 0) for _ in parts]

    def add(rows: Any, *fields: str) -> None:
        for index, *values in rows:
            for name, value in zip(fields, values, strict=True):
                sums[index][name] += value or 0

    month_of = _month_index(parts)
    day_of = _day_index(parts)
    meeting_where = [in_period(Meeting.starts_at, period),
                     *initiative_filter(Meeting.initiative_id, scope)]
    held = Meeting.status == MeetingStatus.HELD
    bucket = month_of(Meeting.starts_at)
    add(session.execute(
        select(bucket, func.count(Meeting.id), func.count(case((held, 1))),
               func.coalesce(func.sum(case((held, Meeting.walk_in_count), else_=0)), 0))
        .where(*meeting_where).group_by(_FIRST)),
        "meetings", "meetings_held", "walk_ins")
    add(session.execute(
        select(bucket, func.count(),
               func.count(case((Attendance.status == AttendanceStatus.PRESENT, 1))))
        .select_from(Attendance).join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(*meeting_where, held).group_by(_FIRST)), "invited", "present")
    born = case((ActionItem.meeting_id.is_not(None), month_of(Meeting.starts_at)),
                else_=month_of(ActionItem.created_at))
    add(session.execute(
        select(born, func.count(ActionItem.id))
        .outerjoin(Meeting, Meeting.id == ActionItem.meeting_id)
        .where(opened_in(period), *initiative_filter(ActionItem.initiative_id, scope))
        .group_by(_FIRST)), "actions_opened")
    bucket = day_of(ActionItem.completed_on)
    add(session.execute(
        select(bucket, func.count(ActionItem.id))
        .where(closed_in(period), *initiative_filter(ActionItem.initiative_id, scope))
        .group_by(_FIRST)), "actions_closed")
    bucket = month_of(TrainingSession.starts_at)
    add(session.execute(
        select(bucket, func.count(TrainingSession.id))
        .where(in_period(TrainingSession.starts_at, period)).group_by(_FIRST)),
        "sessions")
    bucket = day_of(Enrollment.completed_on)
    trained: list[set[int]] = [set() for _ in parts]
    for index, person, hours in session.execute(
            select(bucket, Enrollment.person_id,
                   func.coalesce(func.sum(Enrollment.hours_credited), 0.0))
            .where(Enrollment.status == EnrollmentStatus.COMPLETED,
                   Enrollment.completed_on.between(period.start, period.end))
            .group_by(_FIRST, _SECOND)):
        trained[index].add(person)
        sums[index]["training_hours"] += hours or 0.0
    cash = case((Expenditure.funding == Funding.CASH, Expenditure.amount_cents), else_=0)
    in_kind = case((Expenditure.funding == Funding.IN_KIND, Expenditure.amount_cents), else_=0)
    bucket = day_of(Expenditure.spent_on)
    add(session.execute(
        select(bucket, func.coalesce(func.sum(cash), 0), func.coalesce(func.sum(in_kind), 0),
               func.coalesce(func.sum(Expenditure.volunteer_hours), 0.0),
               func.count(Expenditure.id))
        .where(Expenditure.spent_on.between(period.start, period.end),
               *initiative_filter(Expenditure.initiative_id, scope))
        .group_by(_FIRST)),
        "cash_cents", "in_kind_cents", "volunteer_hours", "expenditures")
    bucket = day_of(SurveyResponse.responded_on)
    add(session.execute(
        select(bucket, func.count(SurveyResponse.id))
        .join(Survey, Survey.id == SurveyResponse.survey_id)
        .where(SurveyResponse.responded_on.between(period.start, period.end),
               *initiative_filter(Survey.initiative_id, scope))
        .group_by(_FIRST)), "survey_responses")
    return MonthlyFigures(
        parts=parts, sums=tuple(tuple(s.values()) for s in sums),
        crimes=monthly_crimes(session, period, crime_areas(session, scope)),
        trained=tuple(frozenset(t) for t in trained))


def monthly_crimes(session: Session, period: Period, areas: Sequence[int] | None
                   ) -> tuple[int | None, ...]:
    """Per month of ``period``: the crimes counted in ``areas`` (None: every area), None
    for a month without any count (no data, not 0)."""
    months = period.months()
    found: dict[date, int] = {}
    if areas is None or areas:
        where = [CrimeCount.month >= months[0], CrimeCount.month <= months[-1]]
        if areas is not None:
            where.append(CrimeCount.area_id.in_(list(areas)))
        found = {month: int(total or 0) for month, total in session.execute(
            select(CrimeCount.month, func.sum(CrimeCount.count)).where(*where)
            .group_by(CrimeCount.month))}
    return tuple(found.get(month) for month in months)


def _month_index(parts: Sequence[Period]) -> Callable[[Any], Any]:
    """A UTC time column -> the index of the month (of ``parts``) its local date falls in."""
    starts = [part.utc_bounds()[0] for part in parts[1:]]
    return lambda column: _index(column, starts)


def _day_index(parts: Sequence[Period]) -> Callable[[Any], Any]:
    """A date column -> the index of the month (of ``parts``) it falls in."""
    starts = [part.start for part in parts[1:]]
    return lambda column: _index(column, starts)


def _index(column: Any, starts: Sequence[Any]) -> Any:
    if not starts:
        return case((column.is_not(None), 0), else_=0)
    return case(*[(column < start, i) for i, start in enumerate(starts)],
                else_=len(starts))


def opened_in(period: Period) -> ColumnElement[bool]:
    """Action items born in a meeting of the period, or recorded in it without a meeting
    (needs ``Meeting`` outer-joined on the item's meeting)."""
    return or_(
        and_(ActionItem.meeting_id.is_not(None), in_period(Meeting.starts_at, period)),
        and_(ActionItem.meeting_id.is_(None), in_period(ActionItem.created_at, period)),
    )


def opened_before(end: datetime) -> ColumnElement[bool]:
    """Action items born (as ``opened_in`` dates them) before the UTC instant ``end``
    (needs ``Meeting`` outer-joined on the item's meeting)."""
    return or_(
        and_(ActionItem.meeting_id.is_not(None), Meeting.starts_at < end),
        and_(ActionItem.meeting_id.is_(None), ActionItem.created_at < end),
    )


def closed_in(period: Period) -> ColumnElement[bool]:
    return and_(ActionItem.status == ActionStatus.DONE,
                ActionItem.completed_on.between(period.start, period.end))


def key_figures(ws: Workspace, scope: EvaluationScope,
                monthly: MonthlyFigures | None = None) -> tuple[Figure, ...]:
    """The Summary's figures; from ``monthly`` (the scope's, already read) when given."""
    if monthly is None:
        with ws.read() as session:
            monthly = monthly_figures(session, scope)
    f = monthly.figures()
    no_meetings = f.meetings == 0
    no_actions = f.actions_opened == 0 and f.actions_closed == 0
    no_training = f.sessions == 0 and f.training_hours == 0
    no_spending = f.expenditures == 0
    months = len(scope.period.months())
    crime_note = ("" if f.crimes is None or f.crime_months == months
                  else f"{f.crime_months} of {months} months have crime counts")
    if scope.initiative_id is not None:
        crime_note = "; ".join(filter(None, ["in the initiative's target area", crime_note]))

    def unless(empty: bool, value: float | int | None) -> float | int | None:
        return None if empty else value

    return (
        Figure("Meetings held", unless(no_meetings, f.meetings_held), "int", MEETINGS,
               f"{f.meetings} meeting{'s' * (f.meetings != 1)} scheduled in the period"
               if f.meetings else ""),
        Figure("Attendance rate", f.attendance_rate, "percent", MEETINGS,
               "invited people present at held meetings"),
        Figure("People present (invited)", unless(no_meetings, f.present), "int", MEETINGS),
        Figure("Walk-ins", unless(no_meetings, f.walk_ins), "int", MEETINGS),
        Figure("Action items opened", unless(no_actions, f.actions_opened), "int", ACTIONS),
        Figure("Action items closed", unless(no_actions, f.actions_closed), "int", ACTIONS),
        Figure("Training sessions", unless(no_training, f.sessions), "int", TRAINING),
        Figure("Training hours credited", unless(no_training, f.training_hours), "hours",
               TRAINING, "all training of the agency" if scope.initiative_id else ""),
        Figure("People trained", unless(no_training, f.people_trained), "int", TRAINING),
        Figure("Crimes recorded", f.crimes, "int", CRIME, crime_note),
        Figure("Cash spent", unless(no_spending, f.cash_cents / 100), "money", RESOURCES),
        Figure("In-kind contributions", unless(no_spending, f.in_kind_cents / 100), "money",
               RESOURCES),
        Figure("Volunteer hours", unless(no_spending, f.volunteer_hours), "hours", RESOURCES),
        Figure("Survey responses", _survey_responses(ws, scope) or None, "int", SURVEYS),
    )


def _survey_responses(ws: Workspace, scope: EvaluationScope) -> int:
    """Responses in the period as the Surveys tab counts them (undated: the survey's dates)."""
    from app.services.surveys.results import surveys_for_scope

    return sum(s.responses_in_period for s in surveys_for_scope(ws, scope))


def month_points(ws: Workspace, scope: EvaluationScope,
                 monthly: MonthlyFigures | None = None) -> tuple[MonthPoint, ...]:
    """Per calendar month the period touches (clipped to the period): crimes, meetings."""
    if monthly is None:
        with ws.read() as session:
            monthly = monthly_figures(session, scope)
    points = []
    for index, first in enumerate(scope.period.months()):
        f = monthly.figures([index])
        points.append(MonthPoint(first, f.crimes, f.meetings_held, f.invited, f.present))
    return tuple(points)


def _month_end(first: date) -> date:
    from app.services.dates import add_months

    return add_months(first, 1) - timedelta(days=1)
