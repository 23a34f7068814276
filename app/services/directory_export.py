"""Directory rows for export (CSV, XLSX, vCard); the printed directory builds on them.

The filter is the one the lists use: ``person_conditions`` / ``organization_conditions``
turn a :class:`DirectoryFilter` into SQL conditions built on app/services/search.py, so an
export holds exactly the records the list shows. Each table is read with one query and
the rows are assembled in Python (no query per person).

Rows show current affiliations only (no end date, or one not yet passed), and archived
organizations only with ``include_archived``; the filters themselves match any affiliation,
as the lists do. Sensitive notes are read
only when the caller passes ``include_sensitive=True`` (after checking the user's role).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, func, or_, select
from sqlalchemy.orm import Session

from app.models import (
    Affiliation,
    ContactMethod,
    Organization,
    OrganizationKind,
    Person,
    Tag,
    fold,
    person_tags,
)
from app.models.directory import person_name
from app.services.permissions import Permission
from app.services.search import (
    DirectoryFilter,
    organization_conditions,
    person_conditions,
)
from app.services.workspace import Workspace


@dataclass(frozen=True)
class Membership:
    organization_id: int
    organization: str
    role: str
    is_primary: bool


@dataclass(frozen=True)
class PersonExportRow:
    id: int
    first_name: str
    last_name: str
    title: str
    email: str
    phone: str
    mobile: str
    preferred_contact: ContactMethod | None
    memberships: tuple[Membership, ...]  # the primary one first, then by organization name
    tags: tuple[str, ...]
    notes: str
    sensitive_notes: str | None  # None: not requested (not the same as empty)
    archived: bool

    @property
    def full_name(self) -> str:
        return person_name(self.first_name, self.last_name)

    @property
    def organization(self) -> str:
        return self.memberships[0].organization if self.memberships else ""

    @property
    def role(self) -> str:
        return self.memberships[0].role if self.memberships else ""


@dataclass(frozen=True)
class OrganizationExportRow:
    id: int
    name: str
    kind: OrganizationKind
    email: str
    phone: str
    website: str
    street: str
    city: str
    region: str
    postal_code: str
    notes: str
    people: int  # current, non-archived members
    archived: bool

    @property
    def kind_label(self) -> str:
        return self.kind.label


def current_affiliation(today: date) -> ColumnElement[bool]:
    return or_(Affiliation.until.is_(None), Affiliation.until >= today)


def people_for_export(
    ws: Workspace,
    flt: DirectoryFilter,
    *,
    include_sensitive: bool = False,
    today: date | None = None,
) -> list[PersonExportRow]:
    """The people the list shows, sorted by family name then given name."""
    ws.require(Permission.EXPORT, "people")
    if include_sensitive:
        ws.require(Permission.SEE_SENSITIVE, "people")
    with ws.read() as session:
        return select_people(session, flt, include_sensitive, today or date.today())


def organizations_for_export(
    ws: Workspace, flt: DirectoryFilter, *, today: date | None = None
) -> list[OrganizationExportRow]:
    """The organizations the list shows, sorted by name, with their member counts."""
    ws.require(Permission.EXPORT, "organizations")
    today = today or date.today()
    with ws.read() as session:
        members = _member_counts(session, organization_conditions(flt), today)
        result = session.execute(
            select(*ORGANIZATION_COLUMNS).where(*organization_conditions(flt))
        )
        rows = [
            OrganizationExportRow(
                id=r.id, name=r.name, kind=r.kind, email=r.email, phone=r.phone,
                website=r.website, street=r.street, city=r.city, region=r.region,
                postal_code=r.postal_code, notes=r.notes, people=members.get(r.id, 0),
                archived=r.archived_at is not None,
            )
            for r in result
        ]
    rows.sort(key=lambda r: (fold(r.name), r.id))
    return rows


ORGANIZATION_COLUMNS = (
    Organization.id, Organization.name, Organization.kind, Organization.email,
    Organization.phone, Organization.website, Organization.street, Organization.city,
    Organization.region, Organization.postal_code, Organization.notes, Organization.archived_at,
)


def select_people(
    session: Session, flt: DirectoryFilter, include_sensitive: bool, today: date
) -> list[PersonExportRow]:
    conditions = person_conditions(flt)
    chosen = select(Person.id).where(*conditions)
    memberships = _memberships(session, chosen, flt.include_archived, today)
    tags: dict[int, list[str]] = defaultdict(list)
    tagged = (
        select(person_tags.c.person_id, Tag.name)
        .join(Tag, Tag.id == person_tags.c.tag_id)
        .where(person_tags.c.person_id.in_(chosen))
    )
    for person_id, tag in _all(session, tagged):
        tags[person_id].append(tag)
    columns = [
        Person.id, Person.first_name, Person.last_name, Person.title, Person.email,
        Person.phone, Person.mobile, Person.preferred_contact, Person.notes, Person.archived_at,
    ]
    if include_sensitive:
        columns.append(Person.sensitive_notes)
    folded = _Folder()
    rows = [
        PersonExportRow(
            id=r.id, first_name=r.first_name, last_name=r.last_name, title=r.title,
            email=r.email, phone=r.phone, mobile=r.mobile,
            preferred_contact=r.preferred_contact,
            memberships=memberships.get(r.id, ()),
            tags=tuple(sorted(tags.get(r.id, ()), key=folded)),
            notes=r.notes, sensitive_notes=r.sensitive_notes if include_sensitive else None,
            archived=r.archived_at is not None,
        )
        for r in _all(session, select(*columns).where(*conditions))
    ]
    rows.sort(key=lambda r: (folded(r.last_name), folded(r.first_name), r.id))
    return rows


def _memberships(
    session: Session, chosen: Select[tuple[int]], include_archived: bool, today: date
) -> dict[int, tuple[Membership, ...]]:
    statement = (
        select(
            Affiliation.person_id, Affiliation.organization_id, Organization.name,
            Affiliation.role, Affiliation.is_primary,
        )
        .join(Organization, Organization.id == Affiliation.organization_id)
        .where(Affiliation.person_id.in_(chosen), current_affiliation(today))
    )
    if not include_archived:
        statement = statement.where(Organization.archived_at.is_(None))
    found: dict[int, list[Membership]] = defaultdict(list)
    for person_id, organization_id, name, role, is_primary in _all(session, statement):
        found[person_id].append(Membership(organization_id, name, role or "", bool(is_primary)))
    folded = _Folder()

    def order(m: Membership) -> tuple[bool, str, str]:
        return (not m.is_primary, folded(m.organization), folded(m.role))

    return {
        person_id: tuple(items) if len(items) == 1 else tuple(sorted(items, key=order))
        for person_id, items in found.items()
    }


def _all(session: Session, statement: Select[Any]) -> Sequence[Row[Any]]:
    """Every row at once, through Core: much faster than iterating ORM results."""
    return session.connection().execute(statement).all()


class _Folder(dict[str, str]):
    """``fold`` with a memory: names repeat a lot in a large directory."""

    def __call__(self, text: str) -> str:
        folded = self.get(text)
        if folded is None:
            folded = self[text] = fold(text)
        return folded



def _member_counts(
    session: Session, organization_filter: Iterable[ColumnElement[bool]], today: date
) -> dict[int, int]:
    statement = (
        select(Affiliation.organization_id, func.count(func.distinct(Affiliation.person_id)))
        .join(Person, Person.id == Affiliation.person_id)
        .join(Organization, Organization.id == Affiliation.organization_id)
        .where(*organization_filter, Person.archived_at.is_(None), current_affiliation(today))
        .group_by(Affiliation.organization_id)
    )
    return {organization_id: count for organization_id, count in session.execute(statement)}
