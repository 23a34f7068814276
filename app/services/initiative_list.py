"""What the Initiatives page lists: searched, filtered, sorted and paged in SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import aliased

from app.models import (
    Area,
    Expenditure,
    Funding,
    Initiative,
    InitiativeKind,
    InitiativePartner,
    InitiativeStatus,
    Organization,
)
from app.services.money import format_money
from app.services.pages import Page
from app.services.search import contains_words
from app.services.workspace import Workspace


@dataclass(frozen=True)
class InitiativeQuery:
    search: str = ""
    status: InitiativeStatus | None = None
    kind: InitiativeKind | None = None
    include_archived: bool = False


@dataclass(frozen=True)
class InitiativeRow:
    id: int
    name: str
    kind: InitiativeKind
    status: InitiativeStatus
    area: str
    lead: str
    starts_on: date | None
    ends_on: date | None
    budget_cents: int | None
    spent_cents: int  # cash spent
    partners: int
    archived: bool

    @property
    def budget(self) -> str:
        return format_money(self.budget_cents) if self.budget_cents is not None else "No budget"

    @property
    def spent(self) -> str:
        return format_money(self.spent_cents)

    @property
    def burn(self) -> str:
        """"27%" of the budget spent; "" without a budget (no budget is not 0)."""
        if not self.budget_cents:
            return "over" if self.budget_cents == 0 and self.spent_cents else ""
        return f"{self.spent_cents / self.budget_cents:.0%}"

    @property
    def over_budget(self) -> bool:
        return self.budget_cents is not None and self.spent_cents > self.budget_cents


_spent = (
    select(func.coalesce(func.sum(case((Expenditure.funding == Funding.CASH,
                                        Expenditure.amount_cents), else_=0)), 0))
    .where(Expenditure.initiative_id == Initiative.id)
    .correlate(Initiative)
    .scalar_subquery()
)
_partners = (
    select(func.count(InitiativePartner.id))
    .where(InitiativePartner.initiative_id == Initiative.id)
    .correlate(Initiative)
    .scalar_subquery()
)
_lead = aliased(Organization)

SORTS: dict[str, tuple[ColumnElement, ...]] = {  # type: ignore[type-arg]
    "name": (func.lower(Initiative.name),),
    "kind": (Initiative.kind, func.lower(Initiative.name)),
    "status": (Initiative.status, func.lower(Initiative.name)),
    "area": (Area.name, func.lower(Initiative.name)),
    "lead": (_lead.name, func.lower(Initiative.name)),
    "starts_on": (Initiative.starts_on,),
    "ends_on": (Initiative.ends_on,),
    "budget": (Initiative.budget_cents,),
    "spent": (_spent,),
    "partners": (_partners,),
}


def conditions(query: InitiativeQuery) -> list[ColumnElement[bool]]:
    where = contains_words(query.search, Initiative.name, Initiative.description, _lead.name)
    if query.status is not None:
        where.append(Initiative.status == query.status)
    if query.kind is not None:
        where.append(Initiative.kind == query.kind)
    if not query.include_archived:
        where.append(Initiative.archived_at.is_(None))
    return where


def list_initiatives(
    ws: Workspace,
    query: InitiativeQuery = InitiativeQuery(),
    offset: int = 0,
    limit: int = 200,
    sort: str = "name",
    descending: bool = False,
) -> Page[InitiativeRow]:
    where = conditions(query)
    order = [c.desc() if descending else c for c in SORTS.get(sort, SORTS["name"])]
    with ws.read() as session:
        total = session.scalar(
            select(func.count(Initiative.id))
            .outerjoin(_lead, _lead.id == Initiative.lead_organization_id)
            .where(*where)
        ) or 0
        result = session.execute(
            select(Initiative.id, Initiative.name, Initiative.kind, Initiative.status,
                   Area.name, _lead.name, Initiative.starts_on, Initiative.ends_on,
                   Initiative.budget_cents, _spent, _partners, Initiative.archived_at)
            .outerjoin(Area, Area.id == Initiative.area_id)
            .outerjoin(_lead, _lead.id == Initiative.lead_organization_id)
            .where(*where)
            .order_by(*order, Initiative.id)
            .offset(offset)
            .limit(limit)
        )
        rows = [
            InitiativeRow(id=r[0], name=r[1], kind=r[2], status=r[3], area=r[4] or "",
                          lead=r[5] or "", starts_on=r[6], ends_on=r[7], budget_cents=r[8],
                          spent_cents=int(r[9] or 0), partners=int(r[10] or 0),
                          archived=r[11] is not None)
            for r in result
        ]
        return Page(rows=rows, offset=offset, total=total)
