"""Resource efficiency of initiatives: what they cost, per participant and per outcome.

For an :class:`EvaluationScope` (one initiative, or the whole partnership: initiatives whose
dates overlap the period, plus any with expenditures in it):

- **Cash, in-kind, volunteer hours**: the expenditures dated in the period. **Cost** =
  cash + in-kind (volunteer hours are counted beside it, not priced). An initiative with
  no expenditure in the period has no cost figures ("no expenditures recorded"), not 0.
- **Budget and burn**: burn = cash spent from the start up to the period's last day ÷
  budget (no budget, or a budget of 0: no burn).
- **Participants**: distinct people marked present at held meetings of the initiative in
  the period. Walk-ins are an anonymous headcount and are not counted (they cannot be
  told apart from people counted already); training sessions are not linked to
  initiatives, so trained people are not counted either. **Cost per participant** =
  cost ÷ participants, to the nearest cent (halves up); none without participants.
- **Cost per outcome unit**, per goal: all cost recorded up to the period's last day ÷
  the improvement achieved by then = the latest measurement on or before that day minus
  the baseline, in the goal's direction (a decrease goal improves by going down). Only
  when the goal has a baseline, a measurement, and the measurement shows improvement;
  otherwise the reason is given instead. The goal's status comes from ``goal_status``.
- **Partnership totals**: sums over the initiatives listed; participants are counted once
  even when they took part in several initiatives.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from app.models import (
    Attendance,
    AttendanceStatus,
    Direction,
    Expenditure,
    Funding,
    Goal,
    Initiative,
    Measurement,
    Meeting,
)
from app.services.engagement import meeting_conditions
from app.services.evaluation_scope import EvaluationScope
from app.services.goal_status import GoalStatus, goal_status
from app.services.workspace import Workspace

NO_EXPENDITURES = "no expenditures recorded"
NO_PARTICIPANTS = "no participants recorded"


@dataclass(frozen=True)
class OutcomeCost:
    goal_id: int
    goal: str
    unit: str
    baseline: float | None
    latest: float | None  # the latest measurement up to the period's end
    improvement: float | None  # in the goal's direction; None without baseline or value
    status: GoalStatus
    cost_per_unit_cents: int | None
    reason: str  # why there is no cost per unit ("" when there is one)


class _Spending:
    """Totals shared by one initiative's resources and the whole report's."""

    cash_cents: int | None  # None: no expenditure
    in_kind_cents: int | None
    participants: int

    @property
    def total_cents(self) -> int | None:
        if self.cash_cents is None or self.in_kind_cents is None:
            return None
        return self.cash_cents + self.in_kind_cents

    @property
    def cost_per_participant_cents(self) -> int | None:
        return per_cents(self.total_cents, self.participants)


@dataclass(frozen=True)
class InitiativeResources(_Spending):
    initiative_id: int
    name: str
    cash_cents: int | None  # None: no expenditure in the period
    in_kind_cents: int | None
    volunteer_hours: float | None
    budget_cents: int | None
    spent_to_date_cents: int | None  # cash up to the period's end; None: none recorded
    participants: int
    outcomes: tuple[OutcomeCost, ...]

    @property
    def burn(self) -> float | None:
        """Share of the budget spent in cash by the period's end (may exceed 1)."""
        if not self.budget_cents:
            return None
        return (self.spent_to_date_cents or 0) / self.budget_cents

    @property
    def per_participant_reason(self) -> str:
        if self.total_cents is None:
            return NO_EXPENDITURES
        return "" if self.participants else NO_PARTICIPANTS


@dataclass(frozen=True)
class ResourceReport(_Spending):
    scope: EvaluationScope
    initiatives: tuple[InitiativeResources, ...]  # by name
    cash_cents: int | None  # None: no expenditure at all in scope
    in_kind_cents: int | None
    volunteer_hours: float | None
    participants: int  # distinct people over all initiatives listed

    @property
    def cost_per_initiative_cents(self) -> int | None:
        return per_cents(self.total_cents, len(self.initiatives))


def per_cents(total: int | None, count: int | float | None) -> int | None:
    """``total`` cents ÷ ``count`` to the nearest cent, halves up; None without either."""
    if total is None or not count:
        return None
    if isinstance(count, int):
        return (2 * total + count) // (2 * count)
    return math.floor(total / count + 0.5)


def resource_efficiency(ws: Workspace, scope: EvaluationScope) -> ResourceReport:
    with ws.read() as session:
        initiatives = _initiatives(session, scope)
        ids = [i for i, _name, _budget in initiatives]
        money = _money(session, scope, ids)
        to_date = _spent_to_date(session, scope, ids)
        people = _participants(session, scope, ids)
        outcomes = _outcomes(session, scope, ids)
        everyone = _everyone(session, scope, ids)
    rows = []
    for initiative, name, budget in initiatives:
        cash, in_kind, hours = money.get(initiative, (None, None, None))
        cash_to_date, cost_to_date = to_date.get(initiative, (None, None))
        rows.append(InitiativeResources(
            initiative, name, cash, in_kind, hours, budget, cash_to_date,
            people.get(initiative, 0),
            tuple(_outcome(goal, cost_to_date) for goal in outcomes.get(initiative, ()))))
    recorded = [r for r in rows if r.cash_cents is not None]
    return ResourceReport(
        scope, tuple(rows),
        sum(r.cash_cents or 0 for r in recorded) if recorded else None,
        sum(r.in_kind_cents or 0 for r in recorded) if recorded else None,
        sum(r.volunteer_hours or 0.0 for r in recorded) if recorded else None,
        everyone)


@dataclass(frozen=True)
class _Goal:
    id: int
    name: str
    unit: str
    baseline: float | None
    target: float | None
    direction: Direction
    latest: float | None


def _outcome(goal: _Goal, cost_to_date: int | None) -> OutcomeCost:
    status = goal_status(goal.baseline, goal.target, goal.direction, goal.latest)
    improvement = None
    if goal.baseline is not None and goal.latest is not None:
        sign = 1.0 if goal.direction is Direction.INCREASE else -1.0
        improvement = sign * (goal.latest - goal.baseline)
    if goal.baseline is None:
        reason = "no baseline"
    elif goal.latest is None:
        reason = "not measured yet"
    elif improvement is None or improvement <= 0:
        reason = "no improvement yet"
    elif cost_to_date is None:
        reason = NO_EXPENDITURES
    else:
        reason = ""
    cost = per_cents(cost_to_date, improvement) if not reason else None
    return OutcomeCost(goal.id, goal.name, goal.unit, goal.baseline, goal.latest, improvement,
                       status, cost, reason)


def _initiatives(session: Session, scope: EvaluationScope) -> list[tuple[int, str, int | None]]:
    period = scope.period
    spent = select(Expenditure.initiative_id).where(
        Expenditure.spent_on >= period.start, Expenditure.spent_on <= period.end)
    if scope.initiative_id is not None:
        where = Initiative.id == scope.initiative_id
    else:
        where = or_(
            and_(or_(Initiative.starts_on.is_(None), Initiative.starts_on <= period.end),
                 or_(Initiative.ends_on.is_(None), Initiative.ends_on >= period.start)),
            Initiative.id.in_(spent))
    rows = session.execute(select(Initiative.id, Initiative.name, Initiative.budget_cents)
                           .where(where).order_by(Initiative.name, Initiative.id))
    return [(i, name, budget) for i, name, budget in rows]


def _money(session: Session, scope: EvaluationScope, ids: Sequence[int]
           ) -> dict[int, tuple[int, int, float]]:
    """initiative -> (cash, in-kind, volunteer hours) of the expenditures in the period."""
    if not ids:
        return {}
    cash = case((Expenditure.funding == Funding.CASH, Expenditure.amount_cents), else_=0)
    in_kind = case((Expenditure.funding == Funding.IN_KIND, Expenditure.amount_cents), else_=0)
    rows = session.execute(
        select(Expenditure.initiative_id, func.sum(cash), func.sum(in_kind),
               func.sum(Expenditure.volunteer_hours))
        .where(Expenditure.initiative_id.in_(ids),
               Expenditure.spent_on >= scope.period.start,
               Expenditure.spent_on <= scope.period.end)
        .group_by(Expenditure.initiative_id))
    return {i: (int(c), int(k), float(h)) for i, c, k, h in rows}


def _spent_to_date(session: Session, scope: EvaluationScope, ids: Sequence[int]
                   ) -> dict[int, tuple[int, int]]:
    """initiative -> (cash, cash + in-kind) of all expenditures up to the period's end."""
    if not ids:
        return {}
    cash = case((Expenditure.funding == Funding.CASH, Expenditure.amount_cents), else_=0)
    rows = session.execute(
        select(Expenditure.initiative_id, func.sum(cash), func.sum(Expenditure.amount_cents))
        .where(Expenditure.initiative_id.in_(ids), Expenditure.spent_on <= scope.period.end)
        .group_by(Expenditure.initiative_id))
    return {i: (int(c), int(total)) for i, c, total in rows}


def _present(scope: EvaluationScope, ids: Sequence[int]) -> list[ColumnElement[bool]]:
    return [Attendance.status == AttendanceStatus.PRESENT, Meeting.initiative_id.in_(ids),
            *meeting_conditions(scope)]


def _participants(session: Session, scope: EvaluationScope, ids: Sequence[int]
                  ) -> dict[int, int]:
    if not ids:
        return {}
    rows = session.execute(
        select(Meeting.initiative_id, func.count(Attendance.person_id.distinct()))
        .join(Attendance, Attendance.meeting_id == Meeting.id)
        .where(*_present(scope, ids))
        .group_by(Meeting.initiative_id))
    return {i: count for i, count in rows}


def _everyone(session: Session, scope: EvaluationScope, ids: Sequence[int]) -> int:
    if not ids:
        return 0
    return session.scalar(
        select(func.count(Attendance.person_id.distinct()))
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(*_present(scope, ids))) or 0


def _outcomes(session: Session, scope: EvaluationScope, ids: Sequence[int]
              ) -> dict[int, list[_Goal]]:
    if not ids:
        return {}
    end: date = scope.period.end
    latest_day = (select(Measurement.goal_id, func.max(Measurement.measured_on).label("day"))
                  .where(Measurement.measured_on <= end)
                  .group_by(Measurement.goal_id).subquery())
    latest = (select(Measurement.goal_id, Measurement.value)
              .join(latest_day, and_(latest_day.c.goal_id == Measurement.goal_id,
                                     latest_day.c.day == Measurement.measured_on))
              .subquery())
    rows = session.execute(
        select(Goal.initiative_id, Goal.id, Goal.name, Goal.unit, Goal.baseline, Goal.target,
               Goal.direction, latest.c.value)
        .outerjoin(latest, latest.c.goal_id == Goal.id)
        .where(Goal.initiative_id.in_(ids))
        .order_by(Goal.initiative_id, Goal.position, Goal.id))
    goals: dict[int, list[_Goal]] = {}
    for initiative, *fields in rows:
        goals.setdefault(initiative, []).append(_Goal(*fields))
    return goals
