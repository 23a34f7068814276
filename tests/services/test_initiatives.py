"""Initiatives: saving whole with partners, goals and SARA, versions, archive, the list."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from app.models import (
    Area,
    AuditEntry,
    ContributionType,
    Direction,
    InitiativeKind,
    InitiativeStatus,
    Meeting,
    Organization,
    OrganizationKind,
    PartnerContribution,
    Person,
    Role,
    SaraStage,
)
from app.models.database import Database
from app.services.errors import ConflictError, ValidationError
from app.services.goal_status import GoalStatus
from app.services.initiative_editing import (
    InitiativeInput,
    PartnerEntry,
    SaraEntry,
    create_initiative,
    initiative_form,
    update_initiative,
)
from app.services.initiative_goals import GoalEntry, MeasurementEntry, goal_thresholds
from app.services.initiative_list import InitiativeQuery, list_initiatives
from app.services.initiatives import (
    delete_initiative,
    initiative_choices,
    set_initiative_archived,
)
from app.services.money import format_money, parse_money
from app.services.permissions import AccessDenied
from app.services.workspace import Workspace

KICK_OFF = datetime(2026, 2, 1, 18, tzinfo=UTC)


@dataclass
class World:
    ws: Workspace
    police: int
    school: int
    person: int
    eastside: int
    westfield: int


@pytest.fixture
def world(any_db: Database) -> Iterator[World]:
    ws = Workspace(any_db)
    with ws.write() as action:
        s = action.session
        police = Organization(name="Riverton PD", kind=OrganizationKind.LAW_ENFORCEMENT)
        school = Organization(name="Riverton High", kind=OrganizationKind.SCHOOL)
        person = Person(first_name="Zoë", last_name="Núñez")
        east, west = Area(name="Eastside"), Area(name="Westfield")
        s.add_all([police, school, person, east, west])
        s.flush()
        world = World(ws, police.id, school.id, person.id, east.id, west.id)
    yield world


def project(w: World, **changes: object) -> InitiativeInput:
    data = InitiativeInput(
        name="  Eastside Burglary Reduction ",
        kind=InitiativeKind.PROBLEM_SOLVING,
        status=InitiativeStatus.ACTIVE,
        area_id=w.eastside,
        comparison_area_id=w.westfield,
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 12, 31),
        lead_organization_id=w.police,
        budget_cents=4_500_000,
        description="Repeat burglary.",
        sensitive_notes="Victim list kept by the detective unit.",
        partners=(
            PartnerEntry(w.police, role="Lead agency", responsibilities="Patrols",
                         contact_person_id=w.person,
                         contributions=(ContributionType.PAID_STAFF, ContributionType.DATA,
                                        ContributionType.PAID_STAFF)),
            PartnerEntry(w.school, role="Outreach",
                         contributions=(ContributionType.VOLUNTEERS,)),
        ),
        goals=(
            GoalEntry("Burglaries per month", "incidents", 21, 14, Direction.DECREASE,
                      (MeasurementEntry(date(2026, 3, 1), 18),
                       MeasurementEntry(date(2026, 6, 1), 15.5, " fell "))),
            GoalEntry("Homes surveyed", "homes", 0, 300, Direction.INCREASE),
        ),
        sara=SaraEntry(SaraStage.ANALYSIS, " Burglaries up ", "Rear doors", "", ""),
    )
    return replace(data, **changes)  # type: ignore[arg-type]


def test_an_initiative_is_saved_whole_and_read_back(world: World) -> None:
    initiative_id = create_initiative(world.ws, project(world))
    form = initiative_form(world.ws, initiative_id)
    data = form.data
    assert data.name == "Eastside Burglary Reduction"
    assert (form.area_name, form.comparison_area_name, form.lead_organization_name) == (
        "Eastside", "Westfield", "Riverton PD")
    assert data.budget_cents == 4_500_000
    assert data.sensitive_notes == "Victim list kept by the detective unit."
    police, school = data.partners  # in the order entered
    assert (police.organization_name, police.role, police.contact_name) == (
        "Riverton PD", "Lead agency", "Zoë Núñez")
    assert police.contributions == (ContributionType.PAID_STAFF, ContributionType.DATA)
    assert school.contributions == (ContributionType.VOLUNTEERS,)
    burglaries, homes = data.goals
    assert [m.value for m in burglaries.measurements] == [18, 15.5]
    assert burglaries.measurements[1].note == "fell"
    # 15.5 is 5.5 of the 7 from 21 to 14 (79%): close; the other goal has no data.
    assert burglaries.status is GoalStatus.CLOSE
    assert homes.status is GoalStatus.PENDING
    assert "15.75 incidents or below" in burglaries.thresholds
    assert data.sara == SaraEntry(SaraStage.ANALYSIS, "Burglaries up", "Rear doors", "", "")
    assert initiative_choices(world.ws) == [(initiative_id, "Eastside Burglary Reduction")]
    with world.ws.read() as session:
        audited = set(session.scalars(select(AuditEntry.entity)))
    assert {"initiatives", "initiative_partners", "goals", "measurements",
            "sara_records"} <= audited


def test_validation_messages_name_the_fields(world: World) -> None:
    bad = project(world, name=" ", ends_on=date(2025, 1, 1), comparison_area_id=world.eastside,
                  budget_cents=-1,
                  partners=(PartnerEntry(world.police), PartnerEntry(world.police,
                                                                     "Riverton PD")),
                  goals=(GoalEntry("", target=3),
                         GoalEntry("Calls", target=5, measurements=(
                             MeasurementEntry(date(2026, 1, 1), 1),
                             MeasurementEntry(date(2026, 1, 1), 2)))))
    with pytest.raises(ValidationError) as caught:
        create_initiative(world.ws, bad)
    errors = caught.value.errors
    assert errors["name"] == "Name is required."
    assert errors["ends_on"] == "The end cannot be before the start."
    assert errors["comparison_area_id"].startswith("The comparison area must be another")
    assert errors["budget_cents"].startswith("A budget from 0")
    assert errors["partners"] == "Riverton PD is listed twice."
    assert errors["goals"] == "Goal 1: Name is required."
    create_initiative(world.ws, project(world, goals=()))
    with pytest.raises(ValidationError) as caught:
        create_initiative(world.ws, project(world, name="eastside burglary REDUCTION"))
    assert caught.value.errors == {"name": "Another initiative has this name."}
    with pytest.raises(ValidationError) as caught:
        create_initiative(world.ws, project(world, name="Other", goals=(
            GoalEntry("Calls", target=5, measurements=(
                MeasurementEntry(date(2026, 1, 1), 1),
                MeasurementEntry(date(2026, 1, 1), 2))),)))
    assert caught.value.errors == {"goals": "Calls: Two measurements on 2026-01-01: keep one."}


def test_saving_replaces_the_parts_and_checks_the_version(world: World) -> None:
    initiative_id = create_initiative(world.ws, project(world))
    form = initiative_form(world.ws, initiative_id)
    burglaries, _homes = form.data.goals
    edited = replace(
        form.data,
        partners=(replace(form.data.partners[0], contributions=(ContributionType.FUNDING,)),),
        goals=(replace(burglaries, name="Burglaries", measurements=(
            MeasurementEntry(date(2026, 6, 1), 13),
            MeasurementEntry(date(2026, 9, 1), 12))),),
    )
    update_initiative(world.ws, initiative_id, edited, form.version)
    again = initiative_form(world.ws, initiative_id)
    assert again.version == form.version + 1
    assert [p.organization_name for p in again.data.partners] == ["Riverton PD"]
    assert again.data.partners[0].contributions == (ContributionType.FUNDING,)
    (goal,) = again.data.goals
    assert goal.id == burglaries.id  # the same goal, edited in place
    assert [(m.measured_on.month, m.value) for m in goal.measurements] == [(6, 13), (9, 12)]
    assert goal.status is GoalStatus.ON_TARGET
    with world.ws.read() as session:
        assert set(session.scalars(select(PartnerContribution.type))) == {
            ContributionType.FUNDING}
    # Saving against the old version is refused and changes nothing.
    with pytest.raises(ConflictError):
        update_initiative(world.ws, initiative_id, replace(edited, name="Lost"), form.version)
    assert initiative_form(world.ws, initiative_id).data.name == "Eastside Burglary Reduction"


def test_sensitive_notes_need_the_permission(world: World) -> None:
    initiative_id = create_initiative(world.ws, project(world))
    world.ws.role, world.ws.can_see_sensitive = Role.EDITOR, False
    form = initiative_form(world.ws, initiative_id)
    assert form.data.sensitive_notes is None
    update_initiative(world.ws, initiative_id, replace(form.data, description="New"),
                      form.version)
    with pytest.raises(AccessDenied):
        update_initiative(world.ws, initiative_id,
                          replace(form.data, sensitive_notes="overwritten"), form.version + 1)
    world.ws.can_see_sensitive = True
    assert initiative_form(world.ws, initiative_id).data.sensitive_notes == (
        "Victim list kept by the detective unit.")
    with world.ws.read() as session:
        logged = [c.get("sensitive_notes") for c in session.scalars(
            select(AuditEntry.changes).where(AuditEntry.entity == "initiatives"))]
    assert "Victim list kept by the detective unit." not in str(logged)


def test_sara_is_kept_for_problem_solving_only(world: World) -> None:
    watch = create_initiative(world.ws, project(world, name="Watch",
                                                kind=InitiativeKind.NEIGHBORHOOD_WATCH))
    assert initiative_form(world.ws, watch).data.sara is None
    form = initiative_form(world.ws, create_initiative(world.ws, project(world)))
    update_initiative(world.ws, form.id, replace(form.data, kind=InitiativeKind.CPTED,
                                                 sara=None), form.version)
    assert initiative_form(world.ws, form.id).data.sara is not None  # nothing lost


def test_archive_restore_and_delete(world: World) -> None:
    initiative_id = create_initiative(world.ws, project(world))
    set_initiative_archived(world.ws, initiative_id, True)
    assert initiative_choices(world.ws) == []
    assert list_initiatives(world.ws).total == 0
    shown = list_initiatives(world.ws, InitiativeQuery(include_archived=True)).rows
    assert [r.archived for r in shown] == [True]
    set_initiative_archived(world.ws, initiative_id, False)
    assert list_initiatives(world.ws).total == 1
    with world.ws.write() as action:
        action.session.add(Meeting(title="Kick-off", initiative_id=initiative_id,
                                   starts_at=KICK_OFF, ends_at=KICK_OFF))
    with pytest.raises(ValidationError, match="archive it instead"):
        delete_initiative(world.ws, initiative_id)
    other = create_initiative(world.ws, project(world, name="Short-lived"))
    delete_initiative(world.ws, other)
    assert [r.name for r in list_initiatives(world.ws).rows] == ["Eastside Burglary Reduction"]


def test_list_search_filters_and_sorts(world: World) -> None:
    create_initiative(world.ws, project(world))
    create_initiative(world.ws, project(world, name="Oak Park Watch", budget_cents=None,
                                        kind=InitiativeKind.NEIGHBORHOOD_WATCH,
                                        status=InitiativeStatus.PLANNED,
                                        lead_organization_id=world.school,
                                        description="Block captains 100%", partners=()))

    def names(**query: object) -> list[str]:
        return [r.name for r in list_initiatives(world.ws, InitiativeQuery(**query)).rows]  # type: ignore[arg-type]

    assert names() == ["Eastside Burglary Reduction", "Oak Park Watch"]
    assert names(search="captains") == ["Oak Park Watch"]
    assert names(search="riverton high") == ["Oak Park Watch"]  # the lead organization
    assert names(search="100%") == ["Oak Park Watch"]
    assert names(search="50%") == []
    assert names(status=InitiativeStatus.ACTIVE) == ["Eastside Burglary Reduction"]
    assert names(kind=InitiativeKind.NEIGHBORHOOD_WATCH) == ["Oak Park Watch"]
    page = list_initiatives(world.ws, sort="budget", descending=True, limit=1)
    assert page.total == 2 and len(page.rows) == 1
    rows = {r.name: r for r in list_initiatives(world.ws).rows}
    assert (rows["Oak Park Watch"].budget, rows["Oak Park Watch"].burn) == ("No budget", "")
    assert rows["Eastside Burglary Reduction"].partners == 2
    assert rows["Eastside Burglary Reduction"].area == "Eastside"


def test_money_is_typed_with_two_decimals() -> None:
    assert parse_money("1,234.50") == 123450
    assert parse_money(" $80 ") == 8000
    assert parse_money("") is None  # no amount, not 0
    assert parse_money("0") == 0
    for bad, message in (("12.345", "two decimals"), ("-5", "negative"),
                         ("ten", "such as 1,234.50")):
        with pytest.raises(ValueError, match=message):
            parse_money(bad)
    assert format_money(123450) == "1,234.50"
    assert format_money(None) == ""


def test_thresholds_follow_the_goal_status_rules() -> None:
    assert goal_thresholds(None, 60, Direction.INCREASE, "%") == (
        "On target at 60% or above · close to target at 54% or above (within 10% of the "
        "target) · otherwise needs improvement · pending without measurements.")
    assert goal_thresholds(1, None, Direction.INCREASE) == "Pending until the goal has a target."
