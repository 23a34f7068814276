"""Organizations: validated create/update, archive/restore, delete, search."""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy import Select, select

from app.models import Organization, OrganizationKind, utcnow
from app.services.errors import FieldErrors, ValidationError
from app.services.fields import ContactChecks, clean, normalize_website
from app.services.pages import Page, fetch_page
from app.services.permissions import Permission
from app.services.records import expect_version, load
from app.services.references import describe, references
from app.services.search import DirectoryFilter, organization_conditions
from app.services.workspace import Workspace

LABEL = "organization"


@dataclass(frozen=True)
class OrganizationInput:
    name: str
    kind: OrganizationKind
    email: str = ""
    phone: str = ""
    website: str = ""
    street: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    notes: str = ""


@dataclass(frozen=True)
class OrganizationRow:
    id: int
    name: str
    kind: OrganizationKind
    email: str
    phone: str
    city: str
    archived: bool
    version: int


def validated(data: OrganizationInput) -> dict[str, object]:
    values = {f.name: getattr(data, f.name) for f in fields(data)}
    for key, value in values.items():
        if isinstance(value, str):
            values[key] = clean(value)
    errors = FieldErrors()
    contact = ContactChecks(errors)
    errors.require("name", values["name"], "Name")  # type: ignore[arg-type]
    contact.email("email", str(values["email"]))
    values["phone"] = contact.phone("phone", str(values["phone"]))
    website = normalize_website(str(values["website"]))
    errors.check(website is not None, "website", "This is not a web address.")
    errors.raise_if_any()
    values["website"] = website
    return values


def create_organization(ws: Workspace, data: OrganizationInput) -> int:
    ws.require(Permission.EDIT)
    values = validated(data)
    with ws.write() as action:
        org = Organization(**values)
        action.session.add(org)
        action.session.flush()
        return org.id


def update_organization(
    ws: Workspace, organization_id: int, data: OrganizationInput, version: int
) -> None:
    ws.require(Permission.EDIT)
    values = validated(data)
    with ws.write() as action:
        org = load(action.session, Organization, organization_id, LABEL)
        expect_version(org, version, LABEL)
        for key, value in values.items():
            setattr(org, key, value)


def set_archived(ws: Workspace, organization_id: int, archived: bool) -> None:
    ws.require(Permission.EDIT)
    with ws.write() as action:
        org = load(action.session, Organization, organization_id, LABEL)
        org.archived_at = utcnow() if archived else None


def delete_organization(ws: Workspace, organization_id: int) -> None:
    """Delete for good; refused while people, initiatives or anything else point to it."""
    ws.require(Permission.DELETE_PERMANENTLY)
    with ws.write() as action:
        org = load(action.session, Organization, organization_id, LABEL)
        linked = references(action.session, "organizations", organization_id)
        if linked:
            raise ValidationError.single(
                "", f"{org.name} still has {describe(linked)}; archive it instead, or merge."
            )
        action.session.delete(org)


SORTS = {
    "name": (Organization.sort_name,),
    "kind": (Organization.kind, Organization.sort_name),
    "city": (Organization.city, Organization.sort_name),
    "email": (Organization.email,),
    "phone": (Organization.phone,),
}


def list_organizations(
    ws: Workspace,
    search: str = "",
    kind: OrganizationKind | None = None,
    include_archived: bool = False,
    offset: int = 0,
    limit: int = 200,
    sort: str = "name",
    descending: bool = False,
) -> Page[OrganizationRow]:
    statement = _query(search, kind, include_archived)
    order = [c.desc() if descending else c for c in SORTS.get(sort, SORTS["name"])]
    with ws.read() as session:
        return fetch_page(session, statement.order_by(*order, Organization.id), _row, offset, limit)


def _query(
    search: str, kind: OrganizationKind | None, include_archived: bool
) -> Select[tuple[Organization]]:
    shown = DirectoryFilter(
        search=search, organization_kind=kind, include_archived=include_archived
    )
    return select(Organization).where(*organization_conditions(shown))


def organization_form(ws: Workspace, organization_id: int) -> tuple[int, OrganizationInput]:
    """The values the edit dialog starts from, and the version to save against."""
    with ws.read() as session:
        org = load(session, Organization, organization_id, LABEL)
        data = OrganizationInput(
            **{f.name: getattr(org, f.name) for f in fields(OrganizationInput)}
        )
        return org.version, data


def organization_choices(ws: Workspace) -> list[tuple[int, str]]:
    """Every organization not archived, by name, for pickers."""
    with ws.read() as session:
        rows = session.execute(
            select(Organization.id, Organization.name)
            .where(Organization.archived_at.is_(None))
            .order_by(Organization.name)
        )
        return [(org_id, name) for org_id, name in rows]


def _row(result: tuple[Organization]) -> OrganizationRow:
    org = result[0]
    return OrganizationRow(
        id=org.id,
        name=org.name,
        kind=org.kind,
        email=org.email,
        phone=org.phone,
        city=org.city,
        archived=org.archived_at is not None,
        version=org.version,
    )
