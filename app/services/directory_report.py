"""The printable partner directory: organizations with their people, then everyone else.

Built from the same filtered rows as the exports (app/services/directory_export.py), so a
printed directory lists exactly what the lists show.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from app.models import OrganizationKind, fold, utcnow
from app.services.directory_export import ORGANIZATION_COLUMNS, PersonExportRow, select_people
from app.services.permissions import Permission
from app.services.search import DirectoryFilter, organization_matches, organization_scope
from app.services.settings import AGENCY_NAME, get_setting
from app.services.workspace import Workspace

UNAFFILIATED_TITLE = "People without an organization"


@dataclass(frozen=True)
class DirectoryEntry:
    person_id: int
    name: str
    role: str
    email: str
    phone: str
    mobile: str


@dataclass(frozen=True)
class DirectorySection:
    organization_id: int
    name: str
    kind: OrganizationKind
    email: str
    phone: str
    website: str
    address: str
    people: tuple[DirectoryEntry, ...]

    @property
    def kind_label(self) -> str:
        return self.kind.label


@dataclass(frozen=True)
class DirectoryReport:
    title: str
    agency_name: str
    generated_at: datetime  # UTC
    filter_description: str
    sections: tuple[DirectorySection, ...]  # organizations by name
    unaffiliated: tuple[DirectoryEntry, ...]  # listed last, under UNAFFILIATED_TITLE

    @property
    def people_count(self) -> int:
        listed = {e.person_id for s in self.sections for e in s.people}
        return len(listed) + len(self.unaffiliated)


def directory_report(
    ws: Workspace, flt: DirectoryFilter, *, today: date | None = None
) -> DirectoryReport:
    """The printable directory: organizations with their people, then everyone else.

    An organization appears when it has a listed person, or (without a tag filter) when
    it matches the search itself, so an unfiltered directory shows empty ones too.
    """
    ws.require(Permission.EXPORT, "directory")
    today = today or date.today()
    with ws.read() as session:
        people = select_people(session, flt, False, today)
        matches = organization_matches(flt.search).label("matches")
        result = session.execute(
            select(*ORGANIZATION_COLUMNS, matches).where(*organization_scope(flt))
        )
        organizations = list(result)
    by_organization: dict[int, list[DirectoryEntry]] = defaultdict(list)
    for person in people:
        roles: dict[int, list[str]] = defaultdict(list)
        for m in person.memberships:
            roles[m.organization_id].extend([m.role] if m.role else [])
        for organization_id, names in roles.items():
            by_organization[organization_id].append(_entry(person, ", ".join(names)))
    sections = [
        DirectorySection(
            organization_id=o.id, name=o.name, kind=o.kind, email=o.email, phone=o.phone,
            website=o.website, address=_address(o.street, o.city, o.region, o.postal_code),
            people=tuple(by_organization.get(o.id, ())),
        )
        for o in organizations
        if o.id in by_organization or (not flt.tag and o.matches)
    ]
    sections.sort(key=lambda s: (fold(s.name), s.organization_id))
    listed = {s.organization_id for s in sections}
    unaffiliated = tuple(
        _entry(p, "")
        for p in people
        if not any(m.organization_id in listed for m in p.memberships)
    )
    return DirectoryReport(
        title="Partner directory",
        agency_name=str(get_setting(ws, AGENCY_NAME, "") or ""),
        generated_at=utcnow(),
        filter_description=flt.describe(),
        sections=tuple(sections),
        unaffiliated=unaffiliated,
    )


def _entry(person: PersonExportRow, role: str) -> DirectoryEntry:
    return DirectoryEntry(
        person_id=person.id, name=list_name(person.first_name, person.last_name), role=role,
        email=person.email, phone=person.phone, mobile=person.mobile,
    )


def list_name(first: str, last: str) -> str:
    """Names in a directory sorted by family name read "Núñez, José"."""
    return f"{last}, {first}" if first and last else first or last


def _address(street: str, city: str, region: str, postal_code: str) -> str:
    place = " ".join(p for p in (region, postal_code) if p)
    return ", ".join(p for p in (street, city, place) if p)
