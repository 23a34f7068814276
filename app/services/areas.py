"""Areas (beats, districts, neighborhoods...): pickers, the list, edits and neighbors.

Neighbors are stored once per pair with the lower id first (``area_neighbors``); every
function here takes and returns them from one area's point of view. An area that an
initiative, a survey or imported crime counts refer to cannot be deleted: rename it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from sqlalchemy import delete, func, insert, or_, select

from app.models import Area, AreaKind, AuditAction, CrimeCount, Initiative, Survey
from app.models.crime import AreaNeighbor
from app.services.errors import FieldErrors, ValidationError
from app.services.fields import clean
from app.services.permissions import Permission
from app.services.records import load
from app.services.workspace import Workspace

LABEL = "area"
KIND = "areas"  # the change kind views listen for
MAX_POPULATION = 100_000_000

KIND_LABELS = {
    AreaKind.BEAT: "Beat",
    AreaKind.DISTRICT: "District",
    AreaKind.WARD: "Ward",
    AreaKind.NEIGHBORHOOD: "Neighborhood",
    AreaKind.LSOA: "LSOA",
    AreaKind.CITY: "City",
    AreaKind.OTHER: "Other",
}


@dataclass(frozen=True)
class AreaInput:
    name: str
    kind: AreaKind = AreaKind.OTHER
    population: int | None = None


@dataclass(frozen=True)
class AreaRow:
    id: int
    name: str
    kind: AreaKind
    population: int | None
    neighbor_ids: tuple[int, ...]
    neighbor_names: tuple[str, ...]
    initiatives: int  # initiatives with this area as target or comparison
    surveys: int
    count_rows: int  # crime_counts rows

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def in_use(self) -> bool:
        return bool(self.initiatives or self.surveys or self.count_rows)


def area_choices(ws: Workspace) -> list[tuple[int, str]]:
    """Every area as (id, name), by name, for pickers and filters."""
    with ws.read() as session:
        rows = session.execute(select(Area.id, Area.name).order_by(Area.name))
        return [(area_id, name) for area_id, name in rows]


def neighbor_map(session: object, area_ids: set[int] | None = None) -> dict[int, set[int]]:
    """{area id: its neighbors' ids} from both sides of the stored pairs (in ``session``)."""
    statement = select(AreaNeighbor.area_id, AreaNeighbor.neighbor_id)
    if area_ids is not None:
        statement = statement.where(
            or_(AreaNeighbor.area_id.in_(area_ids), AreaNeighbor.neighbor_id.in_(area_ids))
        )
    neighbors: dict[int, set[int]] = defaultdict(set)
    for low, high in session.execute(statement):  # type: ignore[attr-defined]
        neighbors[low].add(high)
        neighbors[high].add(low)
    return neighbors


def neighbors_of(ws: Workspace, area_id: int) -> list[tuple[int, str]]:
    """The area's neighbors as (id, name), by name."""
    with ws.read() as session:
        ids = neighbor_map(session, {area_id}).get(area_id, set())
        rows = session.execute(
            select(Area.id, Area.name).where(Area.id.in_(ids)).order_by(Area.name)
        )
        return [(i, n) for i, n in rows]


def list_areas(ws: Workspace) -> list[AreaRow]:
    """Every area by name with kind, population, neighbors and what refers to it."""
    with ws.read() as session:
        areas = session.execute(
            select(Area.id, Area.name, Area.kind, Area.population).order_by(Area.name)
        ).all()
        names = {a.id: a.name for a in areas}
        neighbors = neighbor_map(session)
        initiatives: dict[int, int] = defaultdict(int)
        for column in (Initiative.area_id, Initiative.comparison_area_id):
            for area_id, n in session.execute(
                select(column, func.count()).where(column.is_not(None)).group_by(column)
            ):
                initiatives[area_id] += n
        surveys = dict(
            session.execute(
                select(Survey.area_id, func.count())
                .where(Survey.area_id.is_not(None))
                .group_by(Survey.area_id)
            ).all()
        )
        counts = dict(
            session.execute(
                select(CrimeCount.area_id, func.count()).group_by(CrimeCount.area_id)
            ).all()
        )
    rows = []
    for a in areas:
        near = sorted(neighbors.get(a.id, set()), key=lambda i: names[i].lower())
        rows.append(
            AreaRow(
                id=a.id, name=a.name, kind=a.kind, population=a.population,
                neighbor_ids=tuple(near), neighbor_names=tuple(names[i] for i in near),
                initiatives=initiatives.get(a.id, 0), surveys=surveys.get(a.id, 0),
                count_rows=counts.get(a.id, 0),
            )
        )
    return rows


def validated(ws: Workspace, data: AreaInput, area_id: int | None) -> AreaInput:
    errors = FieldErrors()
    name = " ".join(clean(data.name).split())
    errors.require("name", name, "Name")
    errors.check(len(name) <= 200, "name", "A name has at most 200 characters.")
    if name and _name_taken(ws, name, area_id):
        errors.add("name", "An area with this name exists already.")
    errors.check(
        data.population is None or 0 <= data.population <= MAX_POPULATION,
        "population",
        f"Population is a number from 0 to {MAX_POPULATION:,}, or left empty.",
    )
    errors.raise_if_any()
    return replace(data, name=name)


def _name_taken(ws: Workspace, name: str, area_id: int | None) -> bool:
    with ws.read() as session:
        return session.scalar(
            select(Area.id).where(func.lower(Area.name) == name.lower(), Area.id != (area_id or 0))
        ) is not None


def create_area(ws: Workspace, data: AreaInput) -> int:
    ws.require(Permission.EDIT)
    data = validated(ws, data, None)
    with ws.write() as action:
        area = Area(name=data.name, kind=data.kind, population=data.population)
        action.session.add(area)
        action.session.flush()
        action.announce(KIND, {area.id})
        return area.id


def update_area(ws: Workspace, area_id: int, data: AreaInput) -> None:
    """Rename, change kind or population (the audit log keeps old -> new)."""
    ws.require(Permission.EDIT)
    data = validated(ws, data, area_id)
    with ws.write() as action:
        area = load(action.session, Area, area_id, LABEL)
        area.name, area.kind, area.population = data.name, data.kind, data.population
        action.announce(KIND, {area_id})


def area_form(ws: Workspace, area_id: int) -> AreaInput:
    with ws.read() as session:
        area = load(session, Area, area_id, LABEL)
        return AreaInput(name=area.name, kind=area.kind, population=area.population)


def set_neighbors(ws: Workspace, area_id: int, neighbor_ids: set[int] | list[int]) -> None:
    """Make exactly ``neighbor_ids`` the area's neighbors (pairs stored once, lower id first)."""
    ws.require(Permission.EDIT)
    wanted = set(neighbor_ids)
    if area_id in wanted:
        raise ValidationError.single("neighbors", "An area cannot be its own neighbor.")
    with ws.write() as action:
        session = action.session
        area = load(session, Area, area_id, LABEL)
        existing = set(session.scalars(select(Area.id).where(Area.id.in_(wanted))))
        if existing != wanted:
            raise ValidationError.single(
                "neighbors", "A chosen neighbor no longer exists; reload and choose again."
            )
        current = neighbor_map(session, {area_id}).get(area_id, set())
        added, removed = wanted - current, current - wanted
        if not added and not removed:
            return
        for other in removed:
            low, high = sorted((area_id, other))
            session.execute(
                delete(AreaNeighbor).where(
                    AreaNeighbor.area_id == low, AreaNeighbor.neighbor_id == high
                )
            )
        if added:
            session.execute(
                insert(AreaNeighbor),
                [dict(zip(("area_id", "neighbor_id"), sorted((area_id, o)), strict=True))
                 for o in sorted(added)],
            )
        names = dict(session.execute(select(Area.id, Area.name).where(
            Area.id.in_(added | removed))).all())
        action.audit(
            AuditAction.UPDATE, "areas", area_id,
            {"neighbors": {"added": sorted(names[i] for i in added),
                           "removed": sorted(names[i] for i in removed)}},
            f"Neighbors of {area.name} changed",
        )
        action.announce(KIND, {area_id} | added | removed)


def delete_area(ws: Workspace, area_id: int) -> None:
    """Delete an unused area (its neighbor pairs go with it); refused while anything uses it."""
    ws.require(Permission.EDIT)
    with ws.write() as action:
        session = action.session
        area = load(session, Area, area_id, LABEL)
        initiatives = session.scalar(
            select(func.count()).select_from(Initiative).where(
                or_(Initiative.area_id == area_id, Initiative.comparison_area_id == area_id)
            )
        ) or 0
        surveys = session.scalar(
            select(func.count()).select_from(Survey).where(Survey.area_id == area_id)
        ) or 0
        counts = session.scalar(
            select(func.count()).select_from(CrimeCount).where(CrimeCount.area_id == area_id)
        ) or 0
        uses = [
            f"{n} {what}{'s' * (n != 1)}"
            for n, what in ((initiatives, "initiative"), (surveys, "survey"),
                            (counts, "monthly crime count"))
            if n
        ]
        if uses:
            raise ValidationError.single(
                "",
                f"{area.name} cannot be deleted: {', '.join(uses)} refer to it. "
                "Rename it instead, or change those records first.",
            )
        neighbors = neighbor_map(session, {area_id}).get(area_id, set())
        session.execute(
            delete(AreaNeighbor).where(
                or_(AreaNeighbor.area_id == area_id, AreaNeighbor.neighbor_id == area_id)
            )
        )
        session.delete(area)
        action.announce(KIND, {area_id} | neighbors)
