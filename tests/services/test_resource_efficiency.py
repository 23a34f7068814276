"""Resource efficiency equals a recomputation from raw rows (Decimal arithmetic)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

import pytest

from app.models import Direction
from app.models.database import Database
from app.services.evaluation_scope import EvaluationScope
from app.services.goal_status import goal_status
from app.services.resource_efficiency import NO_EXPENDITURES, resource_efficiency
from tests.services.test_engagement import (
    PERIOD,
    World,
    build_world,
    day_of,
    initiatives_in,
    local_date,
    rows,
)


@pytest.fixture
def world(any_db: Database) -> Iterator[World]:
    yield build_world(any_db, seed=1)


def cents(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@pytest.mark.parametrize("which", [None, 0, 1, 3])
def test_resources_match_a_recomputation(world: World, which: int | None) -> None:
    ws, period = world.ws, PERIOD
    only = None if which is None else world.initiatives[which]
    report = resource_efficiency(ws, EvaluationScope(period, only))
    spending = [(i, day_of(d), a, f, h) for i, d, a, f, h in rows(
        ws, "select initiative_id, spent_on, amount_cents, funding, volunteer_hours "
            "from expenditures")]
    if only is None:  # overlapping the period, or spending in it
        listed = set(initiatives_in(ws, period, None)) | {i for i, d, *_ in spending
                                                          if d in period}
    else:  # the initiative chosen, even outside its dates
        listed = {only}
    assert {r.initiative_id for r in report.initiatives} == listed
    held = {m: i for m, at, status, i in rows(
        ws, "select id, starts_at, status, initiative_id from meetings")
        if status == "held" and local_date(at) in period}
    people: dict[int, set[int]] = defaultdict(set)
    for meeting, person, status in rows(ws, "select meeting_id, person_id, status from attendance"):
        if status == "present" and held.get(meeting) in listed:
            people[held[meeting]].add(person)
    assert report.participants == len(set().union(*people.values()))
    budgets = dict(rows(ws, "select id, budget_cents from initiatives"))
    for row in report.initiatives:
        mine = [s for s in spending if s[0] == row.initiative_id]
        inside = [s for s in mine if s[1] in period]
        if inside:
            assert row.cash_cents == sum(a for _i, _d, a, f, _h in inside if f == "cash")
            assert row.in_kind_cents == sum(a for _i, _d, a, f, _h in inside if f == "in_kind")
            assert row.volunteer_hours == pytest.approx(sum(h for *_x, h in inside))
        else:
            assert (row.cash_cents, row.total_cents, row.volunteer_hours) == (None, None, None)
            assert row.per_participant_reason == NO_EXPENDITURES
        assert row.participants == len(people[row.initiative_id])
        if row.participants and inside:
            assert row.cost_per_participant_cents == cents(
                Decimal(row.total_cents) / row.participants)
        else:
            assert row.cost_per_participant_cents is None
        to_date = [s for s in mine if s[1] <= period.end]
        budget = budgets[row.initiative_id]
        if budget:
            spent = sum(a for _i, _d, a, f, _h in to_date if f == "cash")
            assert row.burn == pytest.approx(spent / budget)
        else:
            assert row.burn is None  # no budget (or 0) is not 0% burn
        cost = sum(a for _i, _d, a, _f, _h in to_date) if to_date else None
        check_outcomes(world, row, cost)


def check_outcomes(world: World, row, cost: int | None) -> None:  # type: ignore[no-untyped-def]
    goals = rows(world.ws, "select id, baseline, target, direction from goals "
                           f"where initiative_id = {row.initiative_id} order by position, id")
    measured = rows(world.ws, "select goal_id, measured_on, value from measurements")
    assert [o.goal_id for o in row.outcomes] == [g[0] for g in goals]
    for outcome, (goal, baseline, target, direction) in zip(row.outcomes, goals, strict=True):
        values = sorted((day_of(d), v) for g, d, v in measured
                        if g == goal and day_of(d) <= PERIOD.end)
        latest = values[-1][1] if values else None
        assert outcome.latest == latest
        assert outcome.status == goal_status(baseline, target, Direction(direction), latest)
        gain = None if baseline is None or latest is None else \
            (latest - baseline if direction == "increase" else baseline - latest)
        if gain is not None and gain > 0 and cost is not None:
            assert outcome.cost_per_unit_cents == cents(Decimal(cost) / Decimal(gain))
            assert outcome.reason == ""
        else:
            assert outcome.cost_per_unit_cents is None and outcome.reason


def test_totals_add_up(world: World) -> None:
    report = resource_efficiency(world.ws, EvaluationScope(PERIOD))
    recorded = [r for r in report.initiatives if r.cash_cents is not None]
    assert report.cash_cents == sum(r.cash_cents for r in recorded)
    assert report.total_cents == sum(r.total_cents for r in recorded)
    assert report.cost_per_initiative_cents == cents(
        Decimal(report.total_cents) / len(report.initiatives))
    # the seeded world exercises every branch: costed outcomes, reasons, participants
    outcomes = [o for r in report.initiatives for o in r.outcomes]
    assert any(o.cost_per_unit_cents is not None for o in outcomes)
    assert any(o.reason == "no baseline" for o in outcomes)
    assert any(r.cost_per_participant_cents is not None for r in report.initiatives)
