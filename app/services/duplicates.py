"""Likely duplicates: the warning on save, the "Find duplicates" view, and import previews.

People match on the same e-mail (ignoring case), the same phone digits (phone or mobile,
at least seven digits, the last ten compared), the same name after folding case, accents,
punctuation and spaces (also with first and last swapped), or a similar name at the same
organization (one given name is the other's initial, or the spellings are at least 85 %
alike). Organizations match on the same folded name, web site host or phone digits, or a
similar name with the same e-mail/web domain. The rules live in ``duplicate_index``; this
module loads records into those indexes and returns plain dataclasses.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import ColumnElement, Connection, Select, and_, false, func, or_, select
from sqlalchemy.orm import Session

from app.models import Affiliation, Organization, Person
from app.models.directory import person_name
from app.services.duplicate_common import Hit, PairHit, collector_paused
from app.services.duplicate_index import EntryMaker, PersonEntry, PersonIndex, person_entry
from app.services.duplicate_keys import MatchStrength, organization_key
from app.services.duplicate_org_index import OrganizationIndex, organization_entry
from app.services.workspace import Workspace

# The index an import builds once from the directory (one scan of people), then asks
# about every row of the file: the same rules as find_person_duplicates, in memory.
DuplicateIndex = PersonIndex

__all__ = [
    "DuplicateIndex", "DuplicateMatch", "DuplicatePair", "MatchStrength", "OrganizationCandidate",
    "PersonCandidate", "find_duplicate_pairs", "find_organization_duplicates",
    "find_person_duplicates", "load_organization_index", "load_person_index",
]


@dataclass(frozen=True)
class PersonCandidate:
    """A person as typed in a dialog or read from a file, before it is saved."""

    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    mobile: str = ""
    organization_ids: tuple[int, ...] = ()
    organization_names: tuple[str, ...] = ()
    other_emails: tuple[str, ...] = ()


@dataclass(frozen=True)
class OrganizationCandidate:
    name: str
    website: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class DuplicateMatch:
    """An existing record that may be the same: ``reason`` reads "same e-mail ann@x.org"."""

    id: int
    name: str
    reason: str
    strength: MatchStrength
    archived: bool = False


@dataclass(frozen=True)
class DuplicatePair:
    first_id: int
    first_name: str
    second_id: int
    second_name: str
    reason: str
    strength: MatchStrength


def find_person_duplicates(
    ws: Workspace, candidate: PersonCandidate, exclude_id: int | None = None
) -> list[DuplicateMatch]:
    """Existing people that may be ``candidate`` (``exclude_id``: the record being edited)."""
    with ws.read() as session:
        org_names = _organization_names(session, candidate)
        entry = person_entry(
            0,
            candidate.first_name,
            candidate.last_name,
            emails=(candidate.email, *candidate.other_emails),
            phones=(candidate.phone, candidate.mobile),
            organizations=org_names,
        )
        index = load_person_index(session, where=_possible_people(session, entry, org_names))
    return [_match(hit) for hit in index.matches(entry, exclude=exclude_id)]


def find_organization_duplicates(
    ws: Workspace, candidate: OrganizationCandidate, exclude_id: int | None = None
) -> list[DuplicateMatch]:
    entry = organization_entry(
        0, candidate.name, website=candidate.website, email=candidate.email, phone=candidate.phone
    )
    with ws.read() as session:
        index = load_organization_index(session)
    return [_match(hit) for hit in index.matches(entry, exclude=exclude_id)]


def find_duplicate_pairs(
    ws: Workspace, kind: Literal["people", "organizations"], limit: int = 500
) -> list[DuplicatePair]:
    """Candidate pairs across the directory (archived records left out), strongest first."""
    with ws.read() as session, collector_paused():
        if kind == "people":
            pairs = load_person_index(session, include_archived=False).pairs(limit)
        elif kind == "organizations":
            pairs = load_organization_index(session, include_archived=False).pairs(limit)
        else:
            raise ValueError(f"unknown kind {kind!r}")
    return [_pair(p) for p in pairs]


def load_person_index(
    session: Session,
    *,
    include_archived: bool = True,
    where: ColumnElement[bool] | None = None,
) -> PersonIndex:
    """One scan of people (names, e-mail, phones) and one of their organizations' names."""
    people, affiliations, orgs = (
        Person.__table__.c, Affiliation.__table__.c, Organization.__table__.c
    )
    people_query = select(
        people.id, people.first_name, people.last_name, people.email, people.phone,
        people.mobile, people.archived_at,
    )
    memberships = select(affiliations.person_id, orgs.name).join_from(
        Affiliation.__table__, Organization.__table__, orgs.id == affiliations.organization_id
    )
    if not include_archived:
        people_query = people_query.where(people.archived_at.is_(None))
    if where is not None:
        people_query = people_query.where(where)
        memberships = memberships.where(
            affiliations.person_id.in_(select(people.id).where(where))
        )
    with collector_paused():
        return _fill_person_index(session.connection(), people_query, memberships)


def _fill_person_index(
    connection: Connection, people_query: Select[Any], memberships: Select[Any]
) -> PersonIndex:
    maker = EntryMaker()
    orgs_of: dict[int, list[str]] = {}
    shown: dict[str, str] = {}
    for person_id, org_name in connection.execute(memberships).all():
        key = maker.words(org_name)
        orgs_of.setdefault(person_id, []).append(key)
        shown.setdefault(key, org_name)
    index = PersonIndex(shown)
    for pid, first, last, email, phone, mobile, archived_at in connection.execute(
        people_query
    ).all():
        index.add(
            maker.person(
                pid, first, last,
                name=person_name(first, last),
                emails=(email,),
                phones=(phone, mobile),
                organization_keys=orgs_of.get(pid, ()),
                archived=archived_at is not None,
            )
        )
    return index


def load_organization_index(
    session: Session, *, include_archived: bool = True
) -> OrganizationIndex:
    query = select(
        Organization.id, Organization.name, Organization.website, Organization.email,
        Organization.phone, Organization.archived_at,
    )
    if not include_archived:
        query = query.where(Organization.archived_at.is_(None))
    index = OrganizationIndex()
    for oid, name, website, email, phone, archived_at in session.execute(query):
        index.add(
            organization_entry(
                oid, name, website=website, email=email, phone=phone,
                archived=archived_at is not None,
            )
        )
    return index


def _organization_names(session: Session, candidate: PersonCandidate) -> list[str]:
    names = [n for n in candidate.organization_names if n.strip()]
    if candidate.organization_ids:
        found = select(Organization.name).where(Organization.id.in_(candidate.organization_ids))
        names.extend(session.scalars(found))
    return names


def _possible_people(
    session: Session, entry: PersonEntry, org_names: Iterable[str]
) -> ColumnElement[bool]:
    """A coarse SQL filter for people who might match; the index then applies the rules."""
    conditions: list[ColumnElement[bool]] = []
    emails = list(entry.emails)
    if emails:
        conditions.append(func.lower(Person.email).in_(emails))
    for key in entry.phones:  # search_text carries every phone's digits
        conditions.append(Person.search_text.contains(key, autoescape=True))
    name_words = f"{entry.first} {entry.last}".split()
    if len(name_words) >= 2:
        conditions.append(
            and_(*(Person.search_text.contains(w, autoescape=True) for w in name_words))
        )
    org_ids = _organization_ids(session, org_names)
    if org_ids:
        members = select(Affiliation.person_id).where(Affiliation.organization_id.in_(org_ids))
        conditions.append(Person.id.in_(members))
    return or_(false(), *conditions)


def _organization_ids(session: Session, names: Iterable[str]) -> list[int]:
    keys = {organization_key(n) for n in names} - {""}
    if not keys:
        return []
    rows = session.execute(select(Organization.id, Organization.name))
    return [oid for oid, name in rows if organization_key(name) in keys]


def _match(hit: Hit) -> DuplicateMatch:
    return DuplicateMatch(
        id=hit.other.ref,
        name=hit.other.name,
        reason=hit.reason,
        strength=hit.strength,
        archived=hit.other.archived,
    )


def _pair(pair: PairHit) -> DuplicatePair:
    return DuplicatePair(
        first_id=pair.first.ref,
        first_name=pair.first.name,
        second_id=pair.second.ref,
        second_name=pair.second.name,
        reason=pair.reason,
        strength=pair.strength,
    )

