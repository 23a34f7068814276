"""Goals at the period's end: the latest measurement up to then, its status and progress."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

from app.models import Direction, Goal, Initiative, InitiativeKind, Measurement
from app.models.database import Database
from app.services.evaluation_scope import EvaluationScope, Period
from app.services.goal_progress import goals_in_scope
from app.services.goal_status import GoalStatus
from app.services.workspace import Workspace


@pytest.fixture
def ws(any_db: Database) -> Iterator[Workspace]:
    ws = Workspace(any_db)
    with ws.write() as action:
        s = action.session
        watch = Initiative(name="Eastside Watch", kind=InitiativeKind.NEIGHBORHOOD_WATCH)
        other = Initiative(name="Archived One", kind=InitiativeKind.OTHER,
                           archived_at=datetime(2026, 1, 1, tzinfo=UTC))
        s.add_all([watch, other])
        s.flush()
        burglaries = Goal(initiative_id=watch.id, name="Burglaries", unit="per month",
                          baseline=20, target=14, direction=Direction.DECREASE, position=0)
        captains = Goal(initiative_id=watch.id, name="Block captains", baseline=None,
                        target=30, direction=Direction.INCREASE, position=1)
        hidden = Goal(initiative_id=other.id, name="Hidden", target=1,
                      direction=Direction.INCREASE)
        s.add_all([burglaries, captains, hidden])
        s.flush()
        s.add_all([
            Measurement(goal_id=burglaries.id, measured_on=date(2026, 3, 31), value=18),
            Measurement(goal_id=burglaries.id, measured_on=date(2026, 6, 30), value=15),
            Measurement(goal_id=burglaries.id, measured_on=date(2026, 9, 30), value=13),
        ])
    yield ws


def test_the_latest_value_is_the_one_known_at_the_period_end(ws: Workspace) -> None:
    goals = goals_in_scope(ws, EvaluationScope(Period.quarter(2026, 2)))
    assert [g.name for g in goals] == ["Burglaries", "Block captains"]  # archived left out
    burglaries, captains = goals
    assert (burglaries.latest, burglaries.measured_on) == (15, date(2026, 6, 30))
    assert burglaries.measurements_in_period == 1
    assert burglaries.status is GoalStatus.CLOSE  # 5 of 6 to go down: 83% of the way
    assert burglaries.progress == pytest.approx(5 / 6)
    assert "close to target at 15.5 per month or below" in burglaries.thresholds
    assert captains.latest is None and captains.progress is None
    assert captains.status is GoalStatus.PENDING


def test_a_later_period_sees_the_target_reached(ws: Workspace) -> None:
    goals = goals_in_scope(ws, EvaluationScope(Period.year(2026)))
    assert goals[0].status is GoalStatus.ON_TARGET
    assert goals[0].measurements_in_period == 3


def test_before_any_measurement_there_is_no_data(ws: Workspace) -> None:
    goals = goals_in_scope(ws, EvaluationScope(Period.quarter(2025, 4)))
    assert goals[0].latest is None and goals[0].status is GoalStatus.PENDING
