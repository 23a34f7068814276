"""Goals against their targets for an evaluation scope: where each stood at the period's end.

A goal's value for the period is its latest measurement on or before the period's last day
(an older one is still the latest known; its date is shown so nobody mistakes it for a new
one). Its status comes from ``goal_status`` and the thresholds from ``goal_thresholds``, the
same rules the editor and the meeting packet use. Progress is the share of the way from the
baseline to the target ("no data" without a baseline, target or measurement, never 0).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.models import Direction, Goal, Initiative, Measurement
from app.services.evaluation_scope import EvaluationScope
from app.services.goal_status import GoalStatus, goal_status
from app.services.initiative_goals import goal_thresholds
from app.services.workspace import Workspace


@dataclass(frozen=True)
class GoalProgress:
    goal_id: int
    initiative: str
    name: str
    unit: str
    direction: Direction
    baseline: float | None
    target: float | None
    latest: float | None  # as of the period's end
    measured_on: date | None
    measurements_in_period: int
    status: GoalStatus
    thresholds: str

    @property
    def progress(self) -> float | None:
        """Share of the way from the baseline to the target (1.0 = reached; may exceed it
        or be negative when it moved away); None when it cannot be said."""
        if None in (self.baseline, self.target, self.latest) or self.baseline == self.target:
            return None
        assert self.baseline is not None and self.target is not None and self.latest is not None
        return (self.latest - self.baseline) / (self.target - self.baseline)


def goals_in_scope(ws: Workspace, scope: EvaluationScope) -> list[GoalProgress]:
    """The goals of the scope's initiative (or of every initiative not archived)."""
    end = scope.period.end
    with ws.read() as session:
        query = (
            select(Goal, Initiative.name)
            .join(Initiative, Goal.initiative_id == Initiative.id)
            .order_by(Initiative.name, Goal.position, Goal.id)
        )
        if scope.initiative_id is not None:
            query = query.where(Goal.initiative_id == scope.initiative_id)
        else:
            query = query.where(Initiative.archived_at.is_(None))
        goals = session.execute(query).all()
        measurements: dict[int, list[tuple[date, float]]] = {}
        ids = [goal.id for goal, _name in goals]
        if ids:
            rows = session.execute(
                select(Measurement.goal_id, Measurement.measured_on, Measurement.value)
                .where(Measurement.goal_id.in_(ids), Measurement.measured_on <= end)
                .order_by(Measurement.measured_on)
            )
            for goal_id, measured_on, value in rows:
                measurements.setdefault(goal_id, []).append((measured_on, value))
        return [_progress(goal, name, measurements.get(goal.id, []), scope)
                for goal, name in goals]


def _progress(goal: Goal, initiative: str, measured: list[tuple[date, float]],
              scope: EvaluationScope) -> GoalProgress:
    measured_on, latest = measured[-1] if measured else (None, None)
    return GoalProgress(
        goal_id=goal.id,
        initiative=initiative,
        name=goal.name,
        unit=goal.unit,
        direction=goal.direction,
        baseline=goal.baseline,
        target=goal.target,
        latest=latest,
        measured_on=measured_on,
        measurements_in_period=sum(1 for day, _v in measured if day in scope.period),
        status=goal_status(goal.baseline, goal.target, goal.direction, latest),
        thresholds=goal_thresholds(goal.baseline, goal.target, goal.direction, goal.unit),
    )
