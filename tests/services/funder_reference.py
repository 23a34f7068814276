"""The funder report's figures counted the slow, plain way — one set of queries per period —
as the reference the grouped monthly queries of app/services/funder_figures.py must equal."""

from __future__ import annotations

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.models import (
    ActionItem,
    Attendance,
    AttendanceStatus,
    CrimeCount,
    Enrollment,
    EnrollmentStatus,
    Expenditure,
    Funding,
    Meeting,
    MeetingStatus,
    TrainingSession,
)
from app.models.surveys import Survey, SurveyResponse
from app.services.evaluation_scope import EvaluationScope, Period
from app.services.funder_figures import (
    PeriodFigures,
    closed_in,
    crime_areas,
    in_period,
    initiative_filter,
    opened_in,
)


def period_figures(session: Session, scope: EvaluationScope, period: Period) -> PeriodFigures:
    meeting_where = [in_period(Meeting.starts_at, period),
                     *initiative_filter(Meeting.initiative_id, scope)]
    held = Meeting.status == MeetingStatus.HELD
    meetings, meetings_held, walk_ins = session.execute(
        select(func.count(Meeting.id), func.count(case((held, 1))),
               func.coalesce(func.sum(case((held, Meeting.walk_in_count), else_=0)), 0))
        .where(*meeting_where)
    ).one()
    invited, present = session.execute(
        select(func.count(), func.count(case((Attendance.status == AttendanceStatus.PRESENT, 1))))
        .select_from(Attendance).join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(*meeting_where, held)
    ).one()
    opened = session.scalar(
        select(func.count(ActionItem.id))
        .outerjoin(Meeting, Meeting.id == ActionItem.meeting_id)
        .where(opened_in(period), *initiative_filter(ActionItem.initiative_id, scope))
    ) or 0
    closed = session.scalar(
        select(func.count(ActionItem.id))
        .where(closed_in(period), *initiative_filter(ActionItem.initiative_id, scope))
    ) or 0
    sessions = session.scalar(
        select(func.count(TrainingSession.id))
        .where(in_period(TrainingSession.starts_at, period))) or 0
    hours, trained = session.execute(
        select(func.coalesce(func.sum(Enrollment.hours_credited), 0.0),
               func.count(func.distinct(Enrollment.person_id)))
        .where(Enrollment.status == EnrollmentStatus.COMPLETED,
               Enrollment.completed_on.between(period.start, period.end))
    ).one()
    crimes, crime_months = _crimes(session, scope, period)
    cash = case((Expenditure.funding == Funding.CASH, Expenditure.amount_cents), else_=0)
    in_kind = case((Expenditure.funding == Funding.IN_KIND, Expenditure.amount_cents), else_=0)
    cash_cents, in_kind_cents, volunteer, spent = session.execute(
        select(func.coalesce(func.sum(cash), 0), func.coalesce(func.sum(in_kind), 0),
               func.coalesce(func.sum(Expenditure.volunteer_hours), 0.0),
               func.count(Expenditure.id))
        .where(Expenditure.spent_on.between(period.start, period.end),
               *initiative_filter(Expenditure.initiative_id, scope))
    ).one()
    responses = session.scalar(
        select(func.count(SurveyResponse.id)).join(Survey, Survey.id == SurveyResponse.survey_id)
        .where(SurveyResponse.responded_on.between(period.start, period.end),
               *initiative_filter(Survey.initiative_id, scope))) or 0
    return PeriodFigures(
        meetings=int(meetings), meetings_held=int(meetings_held), invited=int(invited),
        present=int(present), walk_ins=int(walk_ins), actions_opened=int(opened),
        actions_closed=int(closed), sessions=int(sessions),
        training_hours=round(float(hours or 0.0), 2), people_trained=int(trained),
        crimes=crimes, crime_months=crime_months, cash_cents=int(cash_cents),
        in_kind_cents=int(in_kind_cents), volunteer_hours=round(float(volunteer), 2),
        expenditures=int(spent), survey_responses=int(responses),
    )


def _crimes(session: Session, scope: EvaluationScope, period: Period) -> tuple[int | None, int]:
    months = period.months()
    where = [CrimeCount.month >= months[0], CrimeCount.month <= months[-1]]
    areas = crime_areas(session, scope)
    if areas is not None:
        if not areas:
            return None, 0
        where.append(CrimeCount.area_id.in_(areas))
    total, covered = session.execute(
        select(func.sum(CrimeCount.count), func.count(func.distinct(CrimeCount.month)))
        .where(*where)).one()
    return (None, 0) if not covered else (int(total or 0), int(covered))
