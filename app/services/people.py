"""People: validated create/update with affiliations and tags, archive, delete, list."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from app.models import (
    Affiliation,
    ContactMethod,
    Organization,
    Person,
    Tag,
    fold,
    utcnow,
)
from app.models.directory import person_name
from app.services.errors import FieldErrors, ValidationError
from app.services.fields import ContactChecks, clean
from app.services.pages import Page
from app.services.permissions import Permission
from app.services.records import expect_version, load
from app.services.references import describe, references
from app.services.search import (
    DirectoryFilter,
    is_distinctive,
    is_searching,
    person_conditions,
)
from app.services.workspace import Workspace

LABEL = "person"
# A person's own links, deleted with them; everything else pointing at them blocks a delete.
OWN_LINKS = ("affiliations", "person_tags")


@dataclass(frozen=True)
class AffiliationInput:
    organization_id: int
    role: str = ""
    since: date | None = None
    until: date | None = None
    is_primary: bool = False


@dataclass(frozen=True)
class PersonInput:
    first_name: str = ""
    last_name: str = ""
    title: str = ""
    email: str = ""
    phone: str = ""
    mobile: str = ""
    preferred_contact: ContactMethod | None = None
    notes: str = ""
    tags: tuple[str, ...] = ()
    affiliations: tuple[AffiliationInput, ...] = ()
    # None: leave unchanged (and what a user without the permission always sends).
    sensitive_notes: str | None = None


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    title: str
    organization: str
    email: str
    phone: str
    archived: bool


@dataclass(frozen=True)
class PeopleQuery:
    search: str = ""
    tag: str | None = None
    organization_id: int | None = None
    include_archived: bool = False
    sort: str = "name"
    descending: bool = False


def normalized_tags(tags: tuple[str, ...]) -> list[str]:
    """Trimmed, single-spaced, without repeats that differ only in case or accents."""
    seen: dict[str, str] = {}
    for tag in tags:
        text = " ".join(tag.split())
        if text:
            seen.setdefault(fold(text), text)
    return list(seen.values())


def validated(data: PersonInput) -> PersonInput:
    errors = FieldErrors()
    contact = ContactChecks(errors)
    first, last = clean(data.first_name), clean(data.last_name)
    if not first and not last:
        errors.add("first_name", "Give a first or a last name.")
    email = clean(data.email)
    contact.email("email", email)
    phone = contact.phone("phone", clean(data.phone))
    mobile = contact.phone("mobile", clean(data.mobile))
    organizations = [a.organization_id for a in data.affiliations]
    errors.check(
        len(organizations)
        == len(set(zip(organizations, (a.role for a in data.affiliations), strict=True))),
        "affiliations",
        "The same organization and role are listed twice.",
    )
    errors.check(
        sum(a.is_primary for a in data.affiliations) <= 1,
        "affiliations",
        "Only one organization can be the primary one.",
    )
    for index, affiliation in enumerate(data.affiliations, start=1):
        if affiliation.since and affiliation.until and affiliation.until < affiliation.since:
            errors.add("affiliations", f"Row {index}: 'until' is before 'since'.")
    errors.raise_if_any()
    return PersonInput(
        first_name=first,
        last_name=last,
        title=clean(data.title),
        email=email,
        phone=phone,
        mobile=mobile,
        preferred_contact=data.preferred_contact,
        notes=clean(data.notes),
        tags=tuple(normalized_tags(data.tags)),
        affiliations=tuple(
            AffiliationInput(a.organization_id, clean(a.role), a.since, a.until, a.is_primary)
            for a in data.affiliations
        ),
        sensitive_notes=None if data.sensitive_notes is None else data.sensitive_notes.strip(),
    )


def create_person(ws: Workspace, data: PersonInput) -> int:
    ws.require(Permission.EDIT)
    if data.sensitive_notes is not None:
        ws.require(Permission.SEE_SENSITIVE, "people")
    values = validated(data)
    with ws.write() as action:
        person = Person()
        _apply(action.session, person, values)
        action.session.add(person)
        action.session.flush()
        return person.id


def update_person(ws: Workspace, person_id: int, data: PersonInput, version: int) -> None:
    ws.require(Permission.EDIT)
    if data.sensitive_notes is not None:
        ws.require(Permission.SEE_SENSITIVE, "people")
    values = validated(data)
    with ws.write() as action:
        person = load(action.session, Person, person_id, LABEL)
        expect_version(person, version, LABEL)
        _apply(action.session, person, values)


def _apply(session: Session, person: Person, data: PersonInput) -> None:
    # Always an UPDATE of the person's row, even when only links change, so that the
    # version moves on and a second editor's stale form is refused.
    person.updated_at = utcnow()
    for name in (
        "first_name",
        "last_name",
        "title",
        "email",
        "phone",
        "mobile",
        "preferred_contact",
        "notes",
    ):
        setattr(person, name, getattr(data, name))
    if data.sensitive_notes is not None:
        person.sensitive_notes = data.sensitive_notes
    person.tags = _tags(session, data.tags)
    missing = [
        a.organization_id
        for a in data.affiliations
        if session.get(Organization, a.organization_id) is None
    ]
    if missing:
        raise ValidationError.single("affiliations", "An organization no longer exists.")
    kept = {(a.organization_id, a.role): a for a in person.affiliations}
    wanted = []
    for item in data.affiliations:
        affiliation = kept.get((item.organization_id, item.role)) or Affiliation(
            organization_id=item.organization_id, role=item.role
        )
        affiliation.since, affiliation.until = item.since, item.until
        affiliation.is_primary = item.is_primary
        wanted.append(affiliation)
    person.affiliations = wanted


def _tags(session: Session, names: tuple[str, ...]) -> list[Tag]:
    if not names:
        return []
    existing = {fold(t.name): t for t in session.scalars(select(Tag))}
    return [existing.get(fold(name)) or Tag(name=name) for name in names]


def set_person_archived(ws: Workspace, person_id: int, archived: bool) -> None:
    ws.require(Permission.EDIT)
    with ws.write() as action:
        person = load(action.session, Person, person_id, LABEL)
        person.archived_at = utcnow() if archived else None


def delete_person(ws: Workspace, person_id: int) -> None:
    """Delete for good (an admin action); refused while other records point to the person."""
    ws.require(Permission.DELETE_PERMANENTLY)
    with ws.write() as action:
        person = load(action.session, Person, person_id, LABEL)
        linked = references(action.session, "people", person_id, ignore=OWN_LINKS)
        if linked:
            raise ValidationError.single(
                "", f"{person.full_name} still has {describe(linked)}; archive instead, or merge."
            )
        action.session.delete(person)


def all_tags(ws: Workspace) -> list[str]:
    with ws.read() as session:
        return list(session.scalars(select(Tag.name).order_by(func.lower(Tag.name))))


SORTS = {
    "name": (Person.sort_name,),
    "organization": (Person.organization_sort, Person.sort_name),
    "title": (Person.title,),
    "email": (Person.email,),
    "phone": (Person.phone,),
}


# Below this many matches it is faster to sort the matches than to walk the name index.
SORT_MATCHES_BELOW = 5000


def list_people(
    ws: Workspace, query: PeopleQuery = PeopleQuery(), offset: int = 0, limit: int = 200
) -> Page[PersonRow]:
    """One page of the list. Searching scans the table; how depends on the search:

    a distinctive word (four letters or more) finds few people, so one scan finds them,
    counts them and sorts them; a short or numeric word may find most of the table, so
    it is counted first and, if common, the page is read in index order instead.
    """
    where = _conditions(query)
    with ws.read() as session:
        if is_distinctive(query.search):
            counted = func.count().over().label("total")
            statement = _page_statement(query, where, sort_matches=True).add_columns(counted)
            rows = session.execute(statement.offset(offset).limit(limit)).all()
            total = rows[0].total if rows else _count(session, where) if offset else 0
            return Page(rows=[_row(r) for r in rows], offset=offset, total=total)
        total = _count(session, where)
        few = is_searching(query.search) and total < SORT_MATCHES_BELOW
        statement = _page_statement(query, where, sort_matches=few)
        result = session.execute(statement.offset(offset).limit(limit))
        return Page(rows=[_row(r) for r in result], offset=offset, total=total)


def _count(session: Session, where: list[ColumnElement[bool]]) -> int:
    return session.scalar(select(func.count(Person.id)).where(*where)) or 0


def _conditions(query: PeopleQuery) -> list[ColumnElement[bool]]:
    return person_conditions(
        DirectoryFilter(
            search=query.search,
            tag=query.tag,
            include_archived=query.include_archived,
            organization_id=query.organization_id,
        )
    )


def _page_statement(
    query: PeopleQuery, where: list[ColumnElement[bool]], sort_matches: bool
) -> Select[tuple[Person]]:
    columns = list(SORTS.get(query.sort, SORTS["name"]))
    if sort_matches:
        # "+ ''" stops SQLite from walking a whole index in order to find a few matches.
        columns = [c + "" for c in columns]
    order = [c.desc() if query.descending else c for c in columns]
    return select(Person).where(*where).order_by(*order, Person.id)


def list_name(first: str, last: str) -> str:
    """Names in a list sorted by family name read "Núñez, José"."""
    return f"{last}, {first}" if first and last else person_name(first, last)


def _row(result: Any) -> PersonRow:
    person = result[0]
    return PersonRow(
        id=person.id,
        name=list_name(person.first_name, person.last_name),
        title=person.title,
        organization=person.organization_name,
        email=person.email,
        phone=person.phone or person.mobile,
        archived=person.archived_at is not None,
    )


@dataclass(frozen=True)
class PersonForm:
    """What the edit dialog loads: the input values and the version to save against."""

    id: int
    version: int
    data: PersonInput
    organization_names: dict[int, str] = field(default_factory=dict)


def person_form(ws: Workspace, person_id: int) -> PersonForm:
    with ws.read() as session:
        person = load(session, Person, person_id, LABEL)
        affiliations = sorted(person.affiliations, key=lambda a: (not a.is_primary, a.id))
        data = PersonInput(
            first_name=person.first_name,
            last_name=person.last_name,
            title=person.title,
            email=person.email,
            phone=person.phone,
            mobile=person.mobile,
            preferred_contact=person.preferred_contact,
            notes=person.notes,
            tags=tuple(t.name for t in person.tags),
            affiliations=tuple(
                AffiliationInput(a.organization_id, a.role, a.since, a.until, a.is_primary)
                for a in affiliations
            ),
            sensitive_notes=person.sensitive_notes if ws.may(Permission.SEE_SENSITIVE) else None,
        )
        names = {a.organization_id: a.organization.name for a in affiliations}
        return PersonForm(person.id, person.version, data, names)
