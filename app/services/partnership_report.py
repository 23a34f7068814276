"""The partnership quarterly/annual report for funders, as plain data (step one of three).

All initiatives side by side (each initiative's figures are those of its evaluation
report: ``evaluation_report.build_evaluation_report``), the meetings held and their
attendance, action items opened and closed, training hours and compliance, and the
partners that joined an initiative in the period.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import func, select

from app.models import (
    ActionItem,
    ActionStatus,
    Enrollment,
    EnrollmentStatus,
    Initiative,
    InitiativePartner,
    Meeting,
    Organization,
    TrainingSession,
)
from app.services.compliance import ComplianceReport, compliance_report
from app.services.evaluation_report import EvaluationReport, build_evaluation_report
from app.services.evaluation_scope import Period
from app.services.funder_figures import closed_in, opened_before, opened_in
from app.services.meeting_list import MeetingQuery, MeetingRow, meetings_between
from app.services.permissions import Permission
from app.services.report_options import EvaluationSection, PartnershipSection, ReportOptions
from app.services.workspace import Workspace


@dataclass(frozen=True)
class ActionFigures:
    opened: int  # born in the period (in a meeting of it, or recorded in it without one)
    closed: int  # done in the period
    dropped: int  # dropped, last changed in the period
    open_at_end: int  # born by the period's end and not done or dropped then
    overdue_at_end: int  # of those, due before the period's end


@dataclass(frozen=True)
class TrainingFigures:
    sessions: int  # starting in the period
    completions: int  # completed in the period
    hours: float  # credited for completions in the period
    people: int  # distinct people with a completion in the period
    compliance: ComplianceReport | None  # as of the period's end


@dataclass(frozen=True)
class JoinedPartner:
    joined_on: date
    organization: str
    initiative: str
    role: str


@dataclass(frozen=True)
class PartnershipReport:
    period: Period
    redacted: bool
    initiatives: tuple[EvaluationReport, ...]  # by name
    meetings: tuple[MeetingRow, ...]  # starting in the period
    actions: ActionFigures | None
    training: TrainingFigures | None
    joined: tuple[JoinedPartner, ...]

    @property
    def held(self) -> list[MeetingRow]:
        return [m for m in self.meetings if m.status.value == "held"]


def build_partnership_report(ws: Workspace, options: ReportOptions) -> PartnershipReport:
    """AccessDenied without the export permission (as every document that leaves)."""
    ws.require(Permission.EXPORT, "partnership report")
    period = options.period
    ids = list(options.initiative_ids) or _initiatives_in(ws, period)
    part = replace(options, sections=frozenset({EvaluationSection.SUMMARY}))
    initiatives = sorted((build_evaluation_report(ws, part, i) for i in ids),
                         key=lambda r: r.name.casefold())
    meetings = ()
    if options.wants(PartnershipSection.MEETINGS):
        meetings = tuple(meetings_between(ws, period.start, period.end, MeetingQuery()))
    actions = _actions(ws, period) if options.wants(PartnershipSection.ACTIONS) else None
    training = (_training(ws, period) if options.wants(PartnershipSection.TRAINING)
                else None)
    return PartnershipReport(period, options.redacted, tuple(initiatives), meetings, actions,
                             training, tuple(_joined(ws, period)))


def _initiatives_in(ws: Workspace, period: Period) -> list[int]:
    """Initiatives not archived whose dates overlap the period (no date: open)."""
    with ws.read() as session:
        return list(session.scalars(
            select(Initiative.id).where(
                Initiative.archived_at.is_(None),
                (Initiative.starts_on.is_(None)) | (Initiative.starts_on <= period.end),
                (Initiative.ends_on.is_(None)) | (Initiative.ends_on >= period.start),
            ).order_by(Initiative.name)))


def _actions(ws: Workspace, period: Period) -> ActionFigures:
    """Opened and open as the funder workbook counts them (``funder_figures.opened_in``):
    an item is born on its meeting's date, or when recorded if it has no meeting."""
    start, end = period.utc_bounds()
    with ws.read() as session:
        def count(*where: object) -> int:
            return int(session.scalar(
                select(func.count(ActionItem.id))
                .outerjoin(Meeting, Meeting.id == ActionItem.meeting_id).where(*where)) or 0)

        return ActionFigures(
            opened=count(opened_in(period)),
            closed=count(closed_in(period)),
            dropped=count(ActionItem.status == ActionStatus.DROPPED,
                          ActionItem.updated_at >= start, ActionItem.updated_at < end),
            open_at_end=count(*_open_at_end(period, end)),
            overdue_at_end=count(*_open_at_end(period, end),
                                 ActionItem.due_on < period.end),
        )


def _open_at_end(period: Period, end: object) -> list[object]:
    return [opened_before(end),
            ActionItem.status != ActionStatus.DROPPED,
            (ActionItem.completed_on.is_(None)) | (ActionItem.completed_on > period.end)]


def _training(ws: Workspace, period: Period) -> TrainingFigures:
    start, end = period.utc_bounds()
    done = (Enrollment.status == EnrollmentStatus.COMPLETED,
            Enrollment.completed_on.between(period.start, period.end))
    with ws.read() as session:
        sessions = session.scalar(select(func.count(TrainingSession.id)).where(
            TrainingSession.starts_at >= start, TrainingSession.starts_at < end)) or 0
        completions, hours, people = session.execute(
            select(func.count(Enrollment.id),
                   func.coalesce(func.sum(Enrollment.hours_credited), 0.0),
                   func.count(func.distinct(Enrollment.person_id))).where(*done)).one()
    compliance = compliance_report(ws, today=period.end)
    return TrainingFigures(int(sessions), int(completions), float(hours), int(people),
                           compliance)


def _joined(ws: Workspace, period: Period) -> list[JoinedPartner]:
    with ws.read() as session:
        rows = session.execute(
            select(InitiativePartner.joined_on, Organization.name, Initiative.name,
                   InitiativePartner.role)
            .join(Organization, Organization.id == InitiativePartner.organization_id)
            .join(Initiative, Initiative.id == InitiativePartner.initiative_id)
            .where(InitiativePartner.joined_on.between(period.start, period.end))
            .order_by(InitiativePartner.joined_on, Organization.name)
        ).all()
    return [JoinedPartner(*row) for row in rows]
