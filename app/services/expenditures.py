"""Resources of an initiative: expenditures and contributions, their totals and the burn.

An expenditure is a dated line: a category, an amount in cents, cash or in-kind, volunteer
hours, and the organization that contributed it (in-kind gifts, donated time). Each is a
record of its own, saved at once (not with the initiative's editor), against the version
its editor loaded: a line someone else changed meanwhile is not overwritten.

Totals: **spent** is the cash spent, which is what the budget is for; in-kind
contributions and volunteer hours are counted beside it. **Burn** is spent / budget. An
initiative without a budget has no burn and no remaining amount (no budget is not 0).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.models import Expenditure, Funding, Initiative, Organization
from app.services.errors import FieldErrors, ValidationError
from app.services.fields import clean
from app.services.money import MAX_CENTS, format_money
from app.services.permissions import Permission
from app.services.records import expect_version, load
from app.services.workspace import Workspace

LABEL = "expenditure"
CATEGORY_LENGTH = 100
MAX_HOURS = 100_000.0
CATEGORIES = ("Equipment", "Outreach materials", "Food & refreshments", "Training",
              "Personnel", "Volunteer time", "Meeting space", "Staff time", "Travel", "Other")


@dataclass(frozen=True)
class ExpenditureInput:
    spent_on: date
    category: str
    amount_cents: int
    funding: Funding = Funding.CASH
    volunteer_hours: float = 0.0
    organization_id: int | None = None  # who contributed it
    description: str = ""


@dataclass(frozen=True)
class ExpenditureRow:
    id: int
    spent_on: date
    category: str
    description: str
    amount_cents: int
    funding: Funding
    volunteer_hours: float
    organization: str

    @property
    def amount(self) -> str:
        return format_money(self.amount_cents)


@dataclass(frozen=True)
class ResourceTotals:
    budget_cents: int | None
    cash_cents: int
    in_kind_cents: int
    volunteer_hours: float
    count: int

    @property
    def spent_cents(self) -> int:
        return self.cash_cents

    @property
    def remaining_cents(self) -> int | None:
        return None if self.budget_cents is None else self.budget_cents - self.cash_cents

    @property
    def burn(self) -> float | None:
        """Spent as a share of the budget (1.0 = all of it); None without a budget or when
        the budget is 0 (a share of nothing)."""
        if not self.budget_cents:
            return None
        return self.cash_cents / self.budget_cents

    @property
    def over_budget(self) -> bool:
        return self.budget_cents is not None and self.cash_cents > self.budget_cents

    def describe(self) -> str:
        """"Spent 12,300.00 of 45,000.00 (27%), 32,700.00 remaining", "Over budget by
        …", or "Spent 1,200.00; no budget set"."""
        return burn_text(self.budget_cents, self.cash_cents)


def burn_text(budget_cents: int | None, spent_cents: int) -> str:
    spent = format_money(spent_cents)
    if budget_cents is None:
        return f"Spent {spent}; no budget set"
    budget = format_money(budget_cents)
    share = f" ({spent_cents / budget_cents:.0%})" if budget_cents else ""
    if spent_cents > budget_cents:
        return (f"Over budget by {format_money(spent_cents - budget_cents)}: spent {spent} "
                f"of {budget}{share}")
    return f"Spent {spent} of {budget}{share}, {format_money(budget_cents - spent_cents)} " \
           "remaining"


def validated(data: ExpenditureInput) -> ExpenditureInput:
    errors = FieldErrors()
    category = clean(data.category)
    errors.require("category", category, "Category")
    errors.check(len(category) <= CATEGORY_LENGTH, "category",
                 f"At most {CATEGORY_LENGTH} characters.")
    errors.check(isinstance(data.spent_on, date), "spent_on", "Enter the date.")
    errors.check(isinstance(data.amount_cents, int) and 0 <= data.amount_cents <= MAX_CENTS,
                 "amount_cents", f"An amount from 0 to {format_money(MAX_CENTS)}.")
    hours = data.volunteer_hours
    errors.check(isinstance(hours, int | float) and math.isfinite(hours)
                 and 0 <= hours <= MAX_HOURS, "volunteer_hours",
                 f"From 0 to {MAX_HOURS:,.0f} hours.")
    errors.check(data.amount_cents != 0 or hours != 0, "amount_cents",
                 "Enter an amount, volunteer hours, or both.")
    errors.raise_if_any()
    return replace(data, category=category, description=data.description.strip(),
                   volunteer_hours=float(hours))


def _apply(row: Expenditure, data: ExpenditureInput) -> None:
    for field in ("spent_on", "category", "amount_cents", "funding", "volunteer_hours",
                  "organization_id", "description"):
        setattr(row, field, getattr(data, field))


def _check_organization(session: Session, organization_id: int | None) -> None:
    if organization_id is not None and session.get(Organization, organization_id) is None:
        raise ValidationError.single("organization_id", "This organization no longer exists.")


def create_expenditure(ws: Workspace, initiative_id: int, data: ExpenditureInput) -> int:
    ws.require(Permission.EDIT)
    data = validated(data)
    with ws.write() as action:
        load(action.session, Initiative, initiative_id, "initiative")
        _check_organization(action.session, data.organization_id)
        row = Expenditure(initiative_id=initiative_id, spent_on=data.spent_on,
                          category=data.category)
        _apply(row, data)
        action.session.add(row)
        action.session.flush()
        return row.id


def update_expenditure(ws: Workspace, expenditure_id: int, data: ExpenditureInput,
                       version: int) -> None:
    """Save ``data`` over the line, refused (ConflictError) if it is no longer at
    ``version``, the version :func:`expenditure_form` gave."""
    ws.require(Permission.EDIT)
    data = validated(data)
    with ws.write() as action:
        row = load(action.session, Expenditure, expenditure_id, LABEL)
        expect_version(row, version, LABEL)
        _check_organization(action.session, data.organization_id)
        _apply(row, data)


def delete_expenditure(ws: Workspace, expenditure_id: int) -> None:
    """Remove a line entered by mistake (audited with its values)."""
    ws.require(Permission.EDIT)
    with ws.write() as action:
        action.session.delete(load(action.session, Expenditure, expenditure_id, LABEL))


def expenditure_form(ws: Workspace, expenditure_id: int) -> tuple[int, ExpenditureInput]:
    """The values the edit dialog starts from, and the version to save against."""
    with ws.read() as session:
        row = load(session, Expenditure, expenditure_id, LABEL)
        return row.version, ExpenditureInput(
            spent_on=row.spent_on, category=row.category, amount_cents=row.amount_cents,
            funding=row.funding, volunteer_hours=row.volunteer_hours,
            organization_id=row.organization_id, description=row.description,
        )


def list_expenditures(ws: Workspace, initiative_id: int) -> list[ExpenditureRow]:
    """The initiative's resources, latest first."""
    with ws.read() as session:
        result = session.execute(
            select(Expenditure.id, Expenditure.spent_on, Expenditure.category,
                   Expenditure.description, Expenditure.amount_cents, Expenditure.funding,
                   Expenditure.volunteer_hours, Organization.name)
            .outerjoin(Organization, Organization.id == Expenditure.organization_id)
            .where(Expenditure.initiative_id == initiative_id)
            .order_by(Expenditure.spent_on.desc(), Expenditure.id.desc())
        )
        return [ExpenditureRow(*r[:7], organization=r[7] or "") for r in result]


def resource_totals(ws: Workspace, initiative_id: int,
                    as_of: date | None = None) -> ResourceTotals:
    """Budget and what was spent and given, in all or up to and including ``as_of`` (a
    report on a period counts what was spent by the period's end, as the Evaluation page
    does)."""
    when = [] if as_of is None else [Expenditure.spent_on <= as_of]
    with ws.read() as session:
        budget = session.scalar(
            select(Initiative.budget_cents).where(Initiative.id == initiative_id))
        cash, in_kind, hours, count = session.execute(
            select(
                func.coalesce(func.sum(case((Expenditure.funding == Funding.CASH,
                                             Expenditure.amount_cents), else_=0)), 0),
                func.coalesce(func.sum(case((Expenditure.funding == Funding.IN_KIND,
                                             Expenditure.amount_cents), else_=0)), 0),
                func.coalesce(func.sum(Expenditure.volunteer_hours), 0.0),
                func.count(Expenditure.id),
            ).where(Expenditure.initiative_id == initiative_id, *when)
        ).one()
        return ResourceTotals(budget, int(cash), int(in_kind), float(hours), int(count))
