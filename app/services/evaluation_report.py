"""The initiative evaluation report for funders, as plain data (step one of three).

``build_evaluation_report(ws, options, initiative_id)`` gathers what one initiative's part
of the report prints, every figure taken from the service that computes it on screen
(goal status from ``goal_status``, resource totals from ``expenditures``, meetings from
``meeting_list``...), for the period in ``options``. The renderer
(app/reports/pdf/evaluation_report.py) only lays these figures out.

In redacted mode people are named by their stable id (``redaction.person_label``) and the
initiative's sensitive notes are left out; otherwise the notes are included only when
asked for and the user may see them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, func, select

from app.models import (
    Affiliation,
    Direction,
    Enrollment,
    EnrollmentStatus,
    Funding,
    MeetingStatus,
    Person,
    TrainingSession,
)
from app.models.training import Course
from app.services.evaluation_report_extras import EvaluationExtras, evaluation_extras
from app.services.evaluation_scope import EvaluationScope, Period
from app.services.expenditures import ExpenditureRow, list_expenditures, resource_totals
from app.services.goal_status import GoalStatus, goal_status
from app.services.initiative_editing import initiative_form
from app.services.initiative_goals import goal_thresholds
from app.services.initiatives import (
    CONTRIBUTION_LABELS,
    KIND_LABELS,
    SARA_STAGE_LABELS,
    STATUS_LABELS,
)
from app.services.meeting_list import MeetingQuery, MeetingRow, meetings_between
from app.services.permissions import Permission
from app.services.redaction import person_label
from app.services.report_options import Narrative, ReportOptions
from app.services.workspace import Workspace


@dataclass(frozen=True)
class PartnerLine:
    organization: str
    role: str
    responsibilities: str
    contact: str  # a stable id in redacted mode
    joined_on: date | None
    contributions: tuple[str, ...]  # labels


@dataclass(frozen=True)
class GoalLine:
    name: str
    unit: str
    baseline: float | None
    target: float | None
    direction: Direction
    latest_value: float | None  # the latest measurement on or before the period's end
    latest_on: date | None
    status: GoalStatus  # as of the period's end
    thresholds: str
    measured_in_period: tuple[tuple[date, float], ...]
    history: tuple[tuple[date, float], ...]  # every measurement up to the period's end


@dataclass(frozen=True)
class ResourceLine:
    spent_on: date
    category: str
    funding: Funding
    amount_cents: int
    volunteer_hours: float
    organization: str


@dataclass(frozen=True)
class Resources:
    budget_cents: int | None
    # In the period:
    cash_cents: int
    in_kind_cents: int
    volunteer_hours: float
    lines: tuple[ResourceLine, ...]  # by date
    # Since the initiative began (what the budget is spent against):
    to_date_cash_cents: int
    to_date_describe: str  # "Spent 12,300.00 of 45,000.00 (27%), ..." from expenditures

    @property
    def by_category(self) -> list[tuple[str, int, int, float]]:
        """(category, cash cents, in-kind cents, volunteer hours), largest first."""
        totals: dict[str, list[float]] = {}
        for line in self.lines:
            row = totals.setdefault(line.category, [0, 0, 0.0])
            row[0 if line.funding is Funding.CASH else 1] += line.amount_cents
            row[2] += line.volunteer_hours
        rows = [(c, int(v[0]), int(v[1]), float(v[2])) for c, v in totals.items()]
        return sorted(rows, key=lambda r: (-(r[1] + r[2]), -r[3], r[0]))


@dataclass(frozen=True)
class Sara:
    stage: str
    scanning: str
    analysis: str
    response: str
    assessment: str


@dataclass(frozen=True)
class TrainingLine:
    course: str
    starts_at: datetime
    hours: float
    trainer: str
    completed: int  # people of the partner organizations who completed it


@dataclass(frozen=True)
class EvaluationReport:
    initiative_id: int
    name: str
    kind: str
    status: str
    area: str
    comparison_area: str
    lead_organization: str
    starts_on: date | None
    ends_on: date | None
    description: str
    sensitive_notes: str  # "" when left out (redacted, not asked for, or not permitted)
    period: Period
    redacted: bool
    partners: tuple[PartnerLine, ...]
    goals: tuple[GoalLine, ...]
    resources: Resources
    sara: Sara | None
    meetings: tuple[MeetingRow, ...]  # starting in the period, by date
    trainings: tuple[TrainingLine, ...]
    narrative: Narrative
    extras: EvaluationExtras  # crime, surveys, engagement, network, efficiency

    @property
    def scope(self) -> EvaluationScope:
        return EvaluationScope(self.period, self.initiative_id)

    @property
    def held_meetings(self) -> list[MeetingRow]:
        return [m for m in self.meetings if m.status is MeetingStatus.HELD]

    @property
    def attendance(self) -> tuple[int, int, int]:
        """(present, invited, walk-ins) over the meetings held in the period."""
        held = self.held_meetings
        return (sum(m.present for m in held), sum(m.invited for m in held),
                sum(m.walk_ins for m in held))

    def goal_count(self, status: GoalStatus) -> int:
        return sum(goal.status is status for goal in self.goals)


def build_evaluation_report(ws: Workspace, options: ReportOptions,
                            initiative_id: int) -> EvaluationReport:
    """One initiative's evaluation over ``options.period``; NotFoundError for a bad id.
    A document that leaves the agency: AccessDenied without the export permission."""
    ws.require(Permission.EXPORT, "evaluation report")
    form = initiative_form(ws, initiative_id)
    data = form.data
    period = options.period
    redacted = options.redacted
    notes = ""
    if (not redacted and options.include_sensitive_notes
            and ws.may(Permission.SEE_SENSITIVE)):
        notes = (data.sensitive_notes or "").strip()
    partners = tuple(
        PartnerLine(
            organization=p.organization_name, role=p.role, responsibilities=p.responsibilities,
            contact=person_label(p.contact_person_id, p.contact_name, redacted),
            joined_on=p.joined_on,
            contributions=tuple(CONTRIBUTION_LABELS[c] for c in p.contributions),
        )
        for p in sorted(data.partners, key=lambda p: p.organization_name.lower())
    )
    goals = tuple(_goal_line(goal, period) for goal in data.goals)
    sara = None
    if data.sara is not None:
        s = data.sara
        sara = Sara(SARA_STAGE_LABELS[s.stage], s.scanning, s.analysis, s.response,
                    s.assessment)
    meetings = tuple(meetings_between(ws, period.start, period.end,
                                      MeetingQuery(initiative_id=initiative_id)))
    partner_orgs = [p.organization_id for p in data.partners]
    return EvaluationReport(
        initiative_id=initiative_id, name=data.name, kind=KIND_LABELS[data.kind],
        status=STATUS_LABELS[data.status], area=form.area_name,
        comparison_area=form.comparison_area_name,
        lead_organization=form.lead_organization_name, starts_on=data.starts_on,
        ends_on=data.ends_on, description=data.description, sensitive_notes=notes,
        period=period, redacted=redacted, partners=partners, goals=goals,
        resources=_resources(ws, initiative_id, period), sara=sara, meetings=meetings,
        trainings=tuple(partner_trainings(ws, partner_orgs, period, redacted)),
        narrative=options.narrative(initiative_id),
        extras=evaluation_extras(ws, EvaluationScope(period, initiative_id), options),
    )


def _goal_line(goal, period: Period) -> GoalLine:  # type: ignore[no-untyped-def]
    history = tuple(sorted((m.measured_on, m.value) for m in goal.measurements
                           if m.measured_on <= period.end))
    latest_on, latest_value = history[-1] if history else (None, None)
    return GoalLine(
        name=goal.name, unit=goal.unit, baseline=goal.baseline, target=goal.target,
        direction=goal.direction, latest_value=latest_value, latest_on=latest_on,
        status=goal_status(goal.baseline, goal.target, goal.direction, latest_value),
        thresholds=goal_thresholds(goal.baseline, goal.target, goal.direction, goal.unit),
        measured_in_period=tuple(m for m in history if m[0] in period),
        history=history,
    )


def _resources(ws: Workspace, initiative_id: int, period: Period) -> Resources:
    totals = resource_totals(ws, initiative_id, as_of=period.end)
    rows: list[ExpenditureRow] = [r for r in list_expenditures(ws, initiative_id)
                                  if r.spent_on in period]
    rows.sort(key=lambda r: (r.spent_on, r.id))
    lines = tuple(
        ResourceLine(r.spent_on, r.category, r.funding, r.amount_cents,
                     r.volunteer_hours, r.organization)
        for r in rows
    )
    cash = sum(r.amount_cents for r in rows if r.funding is Funding.CASH)
    in_kind = sum(r.amount_cents for r in rows) - cash
    return Resources(
        budget_cents=totals.budget_cents, cash_cents=cash, in_kind_cents=in_kind,
        volunteer_hours=sum(r.volunteer_hours for r in rows), lines=lines,
        to_date_cash_cents=totals.cash_cents, to_date_describe=totals.describe(),
    )


def partner_trainings(ws: Workspace, organization_ids: list[int], period: Period,
                      redacted: bool) -> list[TrainingLine]:
    """Training sessions starting in the period that people of the partner organizations
    completed, with how many of them completed each."""
    if not organization_ids:
        return []
    start, end = period.utc_bounds()
    partner_people = select(Affiliation.person_id).where(
        Affiliation.organization_id.in_(organization_ids))
    completed = func.count(func.distinct(Enrollment.person_id))
    with ws.read() as session:
        rows = session.execute(
            select(TrainingSession.starts_at, TrainingSession.hours, Course.name,
                   TrainingSession.trainer_id, TrainingSession.trainer_name,
                   Person.first_name, Person.last_name, completed)
            .join(Course, Course.id == TrainingSession.course_id)
            .join(Enrollment, and_(Enrollment.session_id == TrainingSession.id,
                                   Enrollment.status == EnrollmentStatus.COMPLETED,
                                   Enrollment.person_id.in_(partner_people)))
            .outerjoin(Person, Person.id == TrainingSession.trainer_id)
            .where(TrainingSession.starts_at >= start, TrainingSession.starts_at < end)
            .group_by(TrainingSession.id, Course.name, Person.first_name, Person.last_name)
            .order_by(TrainingSession.starts_at, TrainingSession.id)
        ).all()
    lines = []
    for starts_at, hours, course, trainer_id, trainer_name, first, last, count in rows:
        name = trainer_name or " ".join(p for p in (first, last) if p)
        trainer = person_label(trainer_id if not trainer_name else None, name, redacted)
        lines.append(TrainingLine(course, starts_at, float(hours), trainer, int(count)))
    return lines
