"""Engagement of each partner organization, from the agency's own records, as a 0–100 score.

What is counted, for an :class:`EvaluationScope` (one initiative or the whole partnership,
over a period of whole local days):

- **Meetings in scope**: held meetings (not scheduled or cancelled) starting on a local day
  of the period; for one initiative, only the meetings of that initiative.
- **An organization's people at a meeting**: the invited people affiliated with it on the
  meeting's local date (an affiliation without dates always counts; a person with two
  roles in one organization counts once).
- **Invitations**: attendance records of those people marked present, excused or absent
  (an invitation whose attendance was never recorded is not counted); **attended**: those
  marked present. Attendance rate = attended / invitations.
- **Action items due**: items due on a day of the period up to today, not dropped, owned
  by someone affiliated with the organization on the due date (for one initiative: the
  initiative's items). **On time**: done on or before the due date.
- **Initiatives in scope**: initiatives whose dates overlap the period (a missing start or
  end date is open) — or only the chosen one. **Joined**: the organization leads it or
  is a partner that joined on or before the period's last day (no join date: counts).
- **Contribution types**: the distinct kinds of contribution (funding, in-kind, staff…)
  the organization brings to the initiatives it joined.

Organizations listed: those not archived with at least one invitation, action item due or
initiative joined in scope. "No data" is never 0: an organization never invited has no
attendance rate; the score is re-weighted over the components that have data (see
``ENGAGEMENT_FORMULA``) and each row says which components it used.

The helpers ``meeting_conditions``, ``affiliated_at`` and ``scope_initiative_ids`` are
shared with the partnership network, so both count the same meetings and people.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Date, Interval, and_, case, cast, func, literal, or_, select, union
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement, Select

from app.models import (
    ActionItem,
    ActionStatus,
    Affiliation,
    Attendance,
    AttendanceStatus,
    Initiative,
    InitiativePartner,
    Meeting,
    MeetingStatus,
    Organization,
    PartnerContribution,
)
from app.services.evaluation_scope import EvaluationScope, Period
from app.services.workspace import Workspace

# Weights of the components, in percent; re-weighted over the ones that have data.
WEIGHTS = {"attendance": 40, "on_time": 30, "initiatives": 15, "contributions": 15}
COMPONENT_LABELS = {
    "attendance": "Attendance",
    "on_time": "Action items on time",
    "initiatives": "Initiatives joined",
    "contributions": "Contribution types",
}
INITIATIVES_FOR_FULL = 3  # joining this many initiatives (or all, when fewer) scores 100%
TYPES_FOR_FULL = 3  # bringing this many kinds of contribution scores 100%
RECORDED = (AttendanceStatus.PRESENT, AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT)

ENGAGEMENT_FORMULA = (
    "Engagement score (0–100) = 100 × weighted average of the components that have data:\n"
    "• Attendance (weight 40): meetings attended ÷ invitations (present ÷ present, excused "
    "or absent, at held meetings).\n"
    "• Action items on time (weight 30): action items done by their due date ÷ action items "
    "due in the period (up to today).\n"
    f"• Initiatives joined (weight 15): initiatives joined ÷ {INITIATIVES_FOR_FULL} (or ÷ "
    "all initiatives in scope when there are fewer), at most 100%.\n"
    f"• Contribution types (weight 15): kinds of contribution brought ÷ {TYPES_FOR_FULL}, "
    "at most 100% — only for organizations that joined an initiative.\n"
    "A component without data (never invited, no action item due, no initiative in scope) "
    "is left out and the weights of the others are scaled up to 100%; each row lists the "
    "components used. No component with data: no score."
)


@dataclass(frozen=True)
class EngagementRow:
    organization_id: int
    name: str
    invitations: int
    attended: int
    attendance_rate: float | None  # 0..1; None: never invited
    actions_due: int
    actions_on_time: int
    on_time_rate: float | None  # 0..1; None: no action item due
    initiatives_joined: int
    contribution_types: int
    score: int | None  # 0..100; None: no component has data
    components: tuple[str, ...]  # keys of WEIGHTS used for the score, in WEIGHTS order

    @property
    def components_text(self) -> str:
        return ", ".join(COMPONENT_LABELS[c] for c in self.components) or "none"


@dataclass(frozen=True)
class EngagementReport:
    scope: EvaluationScope
    rows: tuple[EngagementRow, ...]  # best score first, no score last, then by name
    initiatives_in_scope: int
    formula: str = ENGAGEMENT_FORMULA

    @property
    def scored(self) -> tuple[EngagementRow, ...]:
        return tuple(r for r in self.rows if r.score is not None)


def engagement(ws: Workspace, scope: EvaluationScope, today: date | None = None
               ) -> EngagementReport:
    """The engagement of every organization with any record in ``scope``."""
    today = today or date.today()
    with ws.read() as session:
        initiative_ids = scope_initiative_ids(session, scope)
        attendance = _attendance(session, scope)
        actions = _actions(session, scope, today)
        joined, types = _initiatives(session, scope.period, initiative_ids)
        ids = set(attendance) | set(actions) | set(joined)
        names = dict(session.execute(
            select(Organization.id, Organization.name).where(
                Organization.id.in_(ids), Organization.archived_at.is_(None))
        ).all()) if ids else {}
    rows = [
        _row(org, name, attendance.get(org, (0, 0)), actions.get(org, (0, 0)),
             joined.get(org, 0), types.get(org, 0), len(initiative_ids))
        for org, name in names.items()
    ]
    rows.sort(key=lambda r: (r.score is None, -(r.score or 0), r.name.casefold(),
                             r.organization_id))
    return EngagementReport(scope, tuple(rows), len(initiative_ids))


def score(rates: dict[str, float | None]) -> tuple[int | None, tuple[str, ...]]:
    """The 0–100 score of component shares (0..1, None = no data) and the ones used."""
    used = tuple(key for key in WEIGHTS if rates.get(key) is not None)
    if not used:
        return None, ()
    weight = sum(WEIGHTS[key] for key in used)
    value = sum(WEIGHTS[key] * rates[key] for key in used) / weight  # type: ignore[operator]
    return int(100 * value + 0.5), used


def _row(org: int, name: str, attendance: tuple[int, int], actions: tuple[int, int],
         joined: int, types: int, initiatives: int) -> EngagementRow:
    invitations, attended = attendance
    due, on_time = actions
    rates: dict[str, float | None] = {
        "attendance": attended / invitations if invitations else None,
        "on_time": on_time / due if due else None,
        "initiatives": min(joined / min(INITIATIVES_FOR_FULL, initiatives), 1.0)
        if initiatives else None,
        "contributions": min(types / TYPES_FOR_FULL, 1.0) if joined else None,
    }
    value, used = score(rates)
    return EngagementRow(org, name, invitations, attended, rates["attendance"], due, on_time,
                         rates["on_time"], joined, types, value, used)


# --- shared with the partnership network -------------------------------------------------


def meeting_conditions(scope: EvaluationScope) -> list[ColumnElement[bool]]:
    """Held meetings starting on a local day of the period (of the initiative, if one)."""
    start, end = scope.period.utc_bounds()
    where = [Meeting.status == MeetingStatus.HELD, Meeting.starts_at >= start,
             Meeting.starts_at < end]
    if scope.initiative_id is not None:
        where.append(Meeting.initiative_id == scope.initiative_id)
    return where


def scope_meeting_ids(scope: EvaluationScope) -> Select[tuple[int]]:
    """The ids of the meetings in scope, as a subquery (for ``IN``: SQLite then reads the
    attendance of these meetings only, instead of scanning all attendance)."""
    return select(Meeting.id).where(*meeting_conditions(scope))


def affiliated_at(session: Session, period: Period) -> ColumnElement[bool]:
    """Affiliation is current on the local date of Meeting.starts_at (which is in the
    period: affiliations spanning the whole period are accepted without a date sum)."""
    day = local_day(session, Meeting.starts_at, period)
    return and_(
        or_(Affiliation.since.is_(None), Affiliation.since <= period.start,
            Affiliation.since <= day),
        or_(Affiliation.until.is_(None), Affiliation.until >= period.end,
            Affiliation.until >= day),
    )


def local_day(session: Session, column: Any, period: Period) -> ColumnElement[Any]:
    """SQL for the local calendar date of a UTC timestamp column within ``period``.

    The workstation's UTC offset is constant between daylight-saving changes, so the
    expression adds the offset of the stretch of the period the timestamp falls in.
    """
    sqlite = session.get_bind().dialect.name == "sqlite"

    def shifted(seconds: int) -> ColumnElement[Any]:
        if sqlite:
            return func.date(column, f"{seconds:+d} seconds")
        return cast(column + literal(timedelta(seconds=seconds), Interval()), Date)

    start, end = period.utc_bounds()
    stretches = offset_stretches(start, end)
    if len(stretches) == 1:
        return shifted(stretches[0][1])
    return case(*[(column < until, shifted(offset)) for until, offset in stretches[:-1]],
                else_=shifted(stretches[-1][1]))


def offset_stretches(start: datetime, end: datetime) -> list[tuple[datetime | None, int]]:
    """(until, UTC offset in seconds) for each stretch of constant local offset in
    [start, end); the last stretch has no end."""
    def offset(instant: datetime) -> int:
        utc = instant.astimezone().utcoffset()
        return int(utc.total_seconds()) if utc is not None else 0

    stretches: list[tuple[datetime | None, int]] = []
    here, current = start, offset(start)
    while here < end:
        step = min(here + timedelta(days=1), end)
        if offset(step) == current:
            here = step
            continue
        low, high = here, step  # the offset changes in (low, high]: find the instant
        while high - low > timedelta(seconds=1):
            middle = low + (high - low) / 2
            if offset(middle) == current:
                low = middle
            else:
                high = middle
        stretches.append((high, current))
        here, current = high, offset(high)
    stretches.append((None, current))
    return stretches


def scope_initiative_ids(session: Session, scope: EvaluationScope) -> list[int]:
    """Initiatives whose dates overlap the period (only the chosen one, if any)."""
    period = scope.period
    where = [or_(Initiative.starts_on.is_(None), Initiative.starts_on <= period.end),
             or_(Initiative.ends_on.is_(None), Initiative.ends_on >= period.start)]
    if scope.initiative_id is not None:
        where.append(Initiative.id == scope.initiative_id)
    return list(session.scalars(select(Initiative.id).where(*where).order_by(Initiative.id)))


def initiative_members(session: Session, period: Period, initiative_ids: Sequence[int]
                       ) -> list[tuple[int, int]]:
    """(initiative id, organization id): the lead and the partners joined by the period's
    end, each pair once."""
    if not initiative_ids:
        return []
    partners = select(InitiativePartner.initiative_id, InitiativePartner.organization_id).where(
        InitiativePartner.initiative_id.in_(initiative_ids),
        or_(InitiativePartner.joined_on.is_(None), InitiativePartner.joined_on <= period.end))
    leads = select(Initiative.id, Initiative.lead_organization_id).where(
        Initiative.id.in_(initiative_ids), Initiative.lead_organization_id.is_not(None))
    return [(i, o) for i, o in session.execute(union(partners, leads))]


# --- the components ------------------------------------------------------------------------


def _attendance(session: Session, scope: EvaluationScope) -> dict[int, tuple[int, int]]:
    """organization id -> (invitations, attended)."""
    present = case((Attendance.status == AttendanceStatus.PRESENT, 1), else_=0)
    each = (
        select(Affiliation.organization_id.label("org"), Attendance.meeting_id,
               Attendance.person_id, present.label("present"))
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .join(Affiliation, Affiliation.person_id == Attendance.person_id)
        .where(Attendance.meeting_id.in_(scope_meeting_ids(scope)),
               Attendance.status.in_(RECORDED), affiliated_at(session, scope.period))
        .distinct()  # a person with two roles in one organization counts once
        .subquery()
    )
    result = session.execute(
        select(each.c.org, func.count(), func.sum(each.c.present)).group_by(each.c.org))
    return {org: (count, int(attended)) for org, count, attended in result}


def _actions(session: Session, scope: EvaluationScope, today: date
             ) -> dict[int, tuple[int, int]]:
    """organization id -> (action items due, done on time)."""
    period = scope.period
    last = min(period.end, today)
    if last < period.start:
        return {}
    on_time = and_(ActionItem.status == ActionStatus.DONE,
                   ActionItem.completed_on <= ActionItem.due_on)
    due = select(ActionItem.id).where(
        ActionItem.due_on >= period.start, ActionItem.due_on <= last,
        ActionItem.status.in_((ActionStatus.OPEN, ActionStatus.DONE)))
    if scope.initiative_id is not None:
        due = due.where(ActionItem.initiative_id == scope.initiative_id)
    where = [
        ActionItem.id.in_(due),
        or_(Affiliation.since.is_(None), Affiliation.since <= ActionItem.due_on),
        or_(Affiliation.until.is_(None), Affiliation.until >= ActionItem.due_on),
    ]
    result = session.execute(
        select(Affiliation.organization_id, func.count(ActionItem.id.distinct()),
               func.count(case((on_time, ActionItem.id)).distinct()))
        .join(Affiliation, Affiliation.person_id == ActionItem.owner_id)
        .where(*where)
        .group_by(Affiliation.organization_id))
    return {org: (due, done) for org, due, done in result}


def _initiatives(session: Session, period: Period, initiative_ids: Sequence[int]
                 ) -> tuple[dict[int, int], dict[int, int]]:
    """organization id -> initiatives joined, and -> distinct contribution types."""
    joined: dict[int, int] = {}
    for _initiative, org in initiative_members(session, period, initiative_ids):
        joined[org] = joined.get(org, 0) + 1
    if not initiative_ids:
        return joined, {}
    types = session.execute(
        select(InitiativePartner.organization_id, func.count(PartnerContribution.type.distinct()))
        .join(PartnerContribution, PartnerContribution.partner_id == InitiativePartner.id)
        .where(InitiativePartner.initiative_id.in_(initiative_ids),
               or_(InitiativePartner.joined_on.is_(None),
                   InitiativePartner.joined_on <= period.end))
        .group_by(InitiativePartner.organization_id))
    return joined, {org: count for org, count in types}
