"""Resources of an initiative: expenditures and contributions, totals and burn."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.models import (
    AuditAction,
    AuditEntry,
    Funding,
    Initiative,
    InitiativeKind,
    Organization,
    OrganizationKind,
    utcnow,
)
from app.models.database import Database
from app.services.errors import ConflictError, ValidationError
from app.services.expenditures import (
    ExpenditureInput,
    create_expenditure,
    delete_expenditure,
    expenditure_form,
    list_expenditures,
    resource_totals,
    update_expenditure,
)
from app.services.initiative_list import list_initiatives
from app.services.workspace import Workspace


@dataclass
class World:
    ws: Workspace
    funded: int
    unfunded: int
    hardware: int


@pytest.fixture
def world(any_db: Database) -> Iterator[World]:
    ws = Workspace(any_db)
    with ws.write() as action:
        s = action.session
        funded = Initiative(name="Funded", kind=InitiativeKind.CPTED, budget_cents=100_000)
        unfunded = Initiative(name="Unfunded", kind=InitiativeKind.OTHER)
        hardware = Organization(name="Main St Hardware", kind=OrganizationKind.BUSINESS)
        s.add_all([funded, unfunded, hardware])
        s.flush()
        world = World(ws, funded.id, unfunded.id, hardware.id)
    yield world


LOCKS = ExpenditureInput(date(2026, 3, 2), " Equipment ", 60_000, description="Locks")


def test_totals_and_burn_against_the_budget(world: World) -> None:
    ws = world.ws
    create_expenditure(ws, world.funded, LOCKS)
    create_expenditure(ws, world.funded, ExpenditureInput(
        date(2026, 3, 9), "Meeting space", 25_000, Funding.IN_KIND,
        organization_id=world.hardware))
    create_expenditure(ws, world.funded, ExpenditureInput(
        date(2026, 4, 1), "Volunteer time", 0, Funding.IN_KIND, volunteer_hours=12.5))
    totals = resource_totals(ws, world.funded)
    assert (totals.cash_cents, totals.in_kind_cents, totals.volunteer_hours, totals.count) == (
        60_000, 25_000, 12.5, 3)
    assert totals.burn == 0.6 and totals.remaining_cents == 40_000
    assert not totals.over_budget
    assert totals.describe() == "Spent 600.00 of 1,000.00 (60%), 400.00 remaining"
    rows = list_expenditures(ws, world.funded)
    assert [r.category for r in rows] == ["Volunteer time", "Meeting space", "Equipment"]
    assert rows[1].organization == "Main St Hardware" and rows[2].amount == "600.00"
    create_expenditure(ws, world.funded, replace(LOCKS, amount_cents=50_000))
    over = resource_totals(ws, world.funded)
    assert over.over_budget and over.remaining_cents == -10_000
    assert over.describe() == "Over budget by 100.00: spent 1,100.00 of 1,000.00 (110%)"
    listed = {r.name: r for r in list_initiatives(ws).rows}
    assert (listed["Funded"].spent, listed["Funded"].burn) == ("1,100.00", "110%")
    assert listed["Funded"].over_budget


def test_totals_as_of_a_day_leave_out_later_spending(world: World) -> None:
    ws = world.ws
    create_expenditure(ws, world.funded, LOCKS)  # 2 March
    create_expenditure(ws, world.funded, ExpenditureInput(
        date(2026, 4, 1), "Volunteer time", 5_000, Funding.IN_KIND, volunteer_hours=4))
    march = resource_totals(ws, world.funded, as_of=date(2026, 3, 31))
    assert (march.cash_cents, march.in_kind_cents, march.volunteer_hours, march.count) == (
        60_000, 0, 0.0, 1)
    assert resource_totals(ws, world.funded, as_of=date(2026, 3, 2)).cash_cents == 60_000
    assert resource_totals(ws, world.funded, as_of=date(2026, 3, 1)).count == 0
    assert resource_totals(ws, world.funded).count == 2


def test_no_budget_is_not_a_budget_of_zero(world: World) -> None:
    ws = world.ws
    empty = resource_totals(ws, world.unfunded)
    assert (empty.budget_cents, empty.burn, empty.remaining_cents) == (None, None, None)
    create_expenditure(ws, world.unfunded, LOCKS)
    totals = resource_totals(ws, world.unfunded)
    assert not totals.over_budget and totals.burn is None
    assert totals.describe() == "Spent 600.00; no budget set"
    with ws.write() as action:
        action.session.get(Initiative, world.unfunded).budget_cents = 0  # type: ignore[union-attr]
    zero = resource_totals(ws, world.unfunded)
    assert zero.over_budget and zero.describe().startswith("Over budget by 600.00")


def test_edit_delete_and_validation(world: World) -> None:
    ws = world.ws
    line = create_expenditure(ws, world.funded, LOCKS)
    version, data = expenditure_form(ws, line)
    assert (version, data.category) == (1, "Equipment")
    update_expenditure(ws, line, replace(LOCKS, amount_cents=1_234_50), version)
    assert resource_totals(ws, world.funded).cash_cents == 1_234_50
    with pytest.raises(ValidationError) as caught:
        update_expenditure(ws, line, replace(LOCKS, category="", amount_cents=0,
                                             volunteer_hours=-1), version + 1)
    assert caught.value.errors == {
        "category": "Category is required.",
        "volunteer_hours": "From 0 to 100,000 hours.",
    }
    with pytest.raises(ValidationError) as caught:
        create_expenditure(ws, world.funded, replace(LOCKS, amount_cents=0))
    assert caught.value.errors == {"amount_cents": "Enter an amount, volunteer hours, or both."}
    delete_expenditure(ws, line)
    assert resource_totals(ws, world.funded).count == 0


def _audited(ws: Workspace, line: int) -> list[tuple[str, AuditAction]]:
    with ws.read() as session:
        return [(r.user_name, r.action) for r in session.execute(
            select(AuditEntry.user_name, AuditEntry.action)
            .where(AuditEntry.entity == "expenditures", AuditEntry.entity_id == line)
            .order_by(AuditEntry.id))]


def test_a_save_over_a_stale_version_is_refused_naming_who_and_when(world: World) -> None:
    maria = Workspace(world.ws.db, user_name="maria")
    jon = Workspace(world.ws.db, user_name="jon")
    line = create_expenditure(jon, world.funded, LOCKS)
    maria_version, _ = expenditure_form(maria, line)
    jon_version, _ = expenditure_form(jon, line)
    assert maria_version == jon_version == 1

    before = utcnow() - timedelta(minutes=1)
    update_expenditure(maria, line, replace(LOCKS, amount_cents=65_000), maria_version)
    with pytest.raises(ConflictError) as raised:  # jon saves over the line he opened
        update_expenditure(jon, line, replace(LOCKS, category="Training", amount_cents=1,
                                              organization_id=world.hardware), jon_version)
    error = raised.value
    assert error.changed_by == "maria" and error.reload
    assert error.changed_at is not None and before <= error.changed_at <= utcnow()
    assert re.search(r"^This expenditure was changed by maria at \d{4}-\d\d-\d\d \d\d:\d\d "
                     r"\(UTC\) since you opened it\. Reload it", str(error))
    # Nothing of jon's save was kept: maria's line stands, and the log has no jon update.
    version, data = expenditure_form(jon, line)
    assert version == 2
    assert data == replace(LOCKS, category="Equipment", amount_cents=65_000)
    assert resource_totals(jon, world.funded).cash_cents == 65_000
    assert _audited(jon, line) == [("jon", AuditAction.CREATE), ("maria", AuditAction.UPDATE)]
    # After reloading, jon's save goes through.
    update_expenditure(jon, line, replace(data, organization_id=world.hardware), version)
    assert expenditure_form(maria, line) == (3, replace(data, organization_id=world.hardware))
