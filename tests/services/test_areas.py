"""Areas: validated edits, neighbors stored once, deletion refused while in use, audit."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.models import (
    Area,
    AreaKind,
    AreaNeighbor,
    AuditEntry,
    CrimeCount,
    Initiative,
    InitiativeKind,
    OffenseCategory,
    Survey,
    SurveyKind,
)
from app.models.database import Database
from app.models.users import Role
from app.services.areas import (
    AreaInput,
    area_choices,
    area_form,
    create_area,
    delete_area,
    list_areas,
    neighbors_of,
    set_neighbors,
    update_area,
)
from app.services.changes import Change
from app.services.errors import ValidationError
from app.services.permissions import AccessDenied
from app.services.workspace import Workspace


@pytest.fixture
def ws(any_db: Database) -> Workspace:
    return Workspace(any_db)


def make(ws: Workspace, *names: str) -> list[int]:
    return [create_area(ws, AreaInput(name)) for name in names]


def test_create_rename_and_choices_by_name(ws: Workspace) -> None:
    east, west = make(ws, "Eastside", "Westfield")
    update_area(ws, east, AreaInput("  Ålesund   Quarter ", AreaKind.NEIGHBORHOOD, 12_500))
    assert set(area_choices(ws)) == {(west, "Westfield"), (east, "Ålesund Quarter")}
    assert area_form(ws, east) == AreaInput("Ålesund Quarter", AreaKind.NEIGHBORHOOD, 12_500)
    with ws.read() as s:
        renames = s.scalars(
            select(AuditEntry.changes).where(AuditEntry.entity == "areas",
                                             AuditEntry.entity_id == east)
        ).all()
    assert any(c.get("name") == ["Eastside", "Ålesund Quarter"] for c in renames)


def test_bad_input_gets_a_message_per_field(ws: Workspace) -> None:
    make(ws, "Eastside")
    with pytest.raises(ValidationError) as refused:
        create_area(ws, AreaInput("eastside", population=-5))
    assert set(refused.value.errors) == {"name", "population"}
    assert "exists already" in refused.value.errors["name"]
    with pytest.raises(ValidationError) as blank:
        create_area(ws, AreaInput("   "))
    assert blank.value.errors == {"name": "Name is required."}
    assert [n for _, n in area_choices(ws)] == ["Eastside"]


def test_neighbors_are_stored_once_lower_id_first_and_read_from_both_sides(
    ws: Workspace,
) -> None:
    a, b, c, d = make(ws, "A", "B", "C", "D")
    set_neighbors(ws, c, {a, d})
    set_neighbors(ws, a, {b, c})  # (a, c) exists already: not stored twice
    with ws.read() as s:
        pairs = sorted(s.execute(select(AreaNeighbor.area_id, AreaNeighbor.neighbor_id)).all())
    assert pairs == sorted([(a, c), (c, d), (a, b)])
    assert all(low < high for low, high in pairs)
    assert neighbors_of(ws, a) == [(b, "B"), (c, "C")]
    assert neighbors_of(ws, d) == [(c, "C")]
    set_neighbors(ws, c, {d})  # removes (a, c) seen from c's side
    assert neighbors_of(ws, a) == [(b, "B")]
    rows = {r.name: r for r in list_areas(ws)}
    assert rows["C"].neighbor_names == ("D",)
    assert rows["B"].neighbor_names == ("A",)
    with pytest.raises(ValidationError) as own:
        set_neighbors(ws, a, {a})
    assert "own neighbor" in own.value.errors["neighbors"]
    with ws.read() as s:
        summaries = s.scalars(select(AuditEntry.summary)).all()
    assert "Neighbors of C changed" in summaries


def test_delete_is_refused_while_initiatives_surveys_or_counts_use_the_area(
    ws: Workspace,
) -> None:
    used, compared, surveyed, counted, free = make(ws, "Used", "Compared", "Surveyed",
                                                   "Counted", "Free")
    set_neighbors(ws, free, {used})
    with ws.write() as action:
        s = action.session
        s.add(Initiative(name="Watch", kind=InitiativeKind.NEIGHBORHOOD_WATCH,
                         area_id=used, comparison_area_id=compared))
        s.add(Survey(name="Feedback", kind=SurveyKind.COMMUNITY_SATISFACTION, area_id=surveyed))
        category = OffenseCategory(name="Burglary")
        s.add(category)
        s.flush()
        s.add(CrimeCount(area_id=counted, category_id=category.id, month=date(2024, 1, 1),
                         count=3))
    rows = {r.name: r for r in list_areas(ws)}
    assert (rows["Used"].initiatives, rows["Compared"].initiatives) == (1, 1)
    assert rows["Surveyed"].surveys == 1 and rows["Counted"].count_rows == 1
    assert not rows["Free"].in_use
    for area_id, word in ((used, "1 initiative"), (compared, "1 initiative"),
                          (surveyed, "1 survey"), (counted, "1 monthly crime count")):
        with pytest.raises(ValidationError) as refused:
            delete_area(ws, area_id)
        assert word in refused.value.errors[""]
    seen: list[Change] = []
    ws.changes.subscribe(seen.append)
    delete_area(ws, free)
    assert [n for _, n in area_choices(ws)] == ["Compared", "Counted", "Surveyed", "Used"]
    assert neighbors_of(ws, used) == []
    assert Change("areas", frozenset({free, used})) in seen
    with ws.read() as s:
        assert s.get(Area, free) is None


def test_a_viewer_cannot_change_areas(ws: Workspace) -> None:
    (east,) = make(ws, "Eastside")
    ws.role = Role.VIEWER
    with pytest.raises(AccessDenied):
        create_area(ws, AreaInput("Westfield"))
    with pytest.raises(AccessDenied):
        set_neighbors(ws, east, set())
