"""Each checked row as new, a duplicate (of a record or an earlier row), or an error.

The directory is read once into a ``PersonIndex`` (the duplicate rules of
``app.services.duplicates``); every new row is added to it, so a later row that matches
an earlier one of the same file is a duplicate of that row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import ImportBatch, ImportKind, Organization, Person
from app.services.contacts.results import PreviewRow, RowStatus
from app.services.contacts.rows import CheckedRow, ContactKind, ContactRow
from app.services.duplicate_common import collector_paused
from app.services.duplicate_index import EntryMaker, PersonIndex
from app.services.duplicate_keys import MatchStrength, organization_key
from app.services.duplicates import load_person_index


@dataclass(frozen=True)
class Classified:
    rows: tuple[PreviewRow, ...]
    new_organizations: tuple[str, ...]


def previous_batch(session: Session, sha256: str) -> ImportBatch | None:
    """The earlier import of the same file that is still in effect, if any."""
    return session.scalars(
        select(ImportBatch)
        .where(
            ImportBatch.kind == ImportKind.PEOPLE,
            ImportBatch.source_sha256 == sha256,
            ImportBatch.undone_at.is_(None),
        )
        .order_by(ImportBatch.id)
        .limit(1)
    ).first()


def directory_state(session: Session) -> tuple[object, ...]:
    """Changes whenever people or organizations change: a preview older than it is stale."""
    state: list[object] = []
    for model in (Person, Organization):
        state.extend(
            session.execute(
                select(func.count(), func.max(model.id), func.max(model.updated_at))
            ).one()
        )
    return tuple(state)


def existing_organizations(session: Session) -> dict[str, tuple[int, str]]:
    """Folded name -> (id, name); an active organization wins over an archived one."""
    found: dict[str, tuple[int, str]] = {}
    query = select(Organization.id, Organization.name).order_by(
        Organization.archived_at.is_not(None), Organization.id
    )
    for oid, name in session.execute(query):
        found.setdefault(organization_key(name), (oid, name))
    return found


def classify(
    session: Session, checked: Sequence[CheckedRow], imported_on: datetime | None
) -> Classified:
    if imported_on is not None:  # every row is a duplicate: no need to read the directory
        return _Classifier(PersonIndex(), {}).run(checked, imported_on)
    with collector_paused():
        index = load_person_index(session)
        return _Classifier(index, existing_organizations(session)).run(checked, imported_on)


class _Classifier:
    def __init__(self, index: PersonIndex, orgs: dict[str, tuple[int, str]]) -> None:
        self.index = index
        self.orgs = orgs
        self.maker = EntryMaker()
        self.org_rows: dict[str, int] = {}  # organization key -> row that creates it
        self.new_orgs: dict[str, str] = {}

    def run(self, checked: Sequence[CheckedRow], imported_on: datetime | None) -> Classified:
        rows = [self._row(c, imported_on) for c in checked]
        return Classified(tuple(rows), tuple(self.new_orgs.values()))

    def _row(self, row: CheckedRow, imported_on: datetime | None) -> PreviewRow:
        common = {"row_number": row.row_number, "where": row.where, "warnings": row.warnings}
        contact = row.contact
        if contact is None:
            return PreviewRow(status=RowStatus.ERROR, contact=None, reason=row.error, **common)
        if imported_on is not None:
            return PreviewRow(
                status=RowStatus.DUPLICATE, contact=contact,
                reason=f"this file was already imported on {imported_on:%Y-%m-%d %H:%M} UTC",
                **common,
            )
        if contact.kind is ContactKind.ORGANIZATION:
            return self._organization(contact, common)
        return self._person(contact, common)

    def _person(self, contact: ContactRow, common: dict[str, Any]) -> PreviewRow:
        org = organization_key(contact.organization)
        entry = self.maker.person(
            -contact.row_number, contact.first_name, contact.last_name,
            emails=(contact.email, *contact.other_emails),
            phones=(contact.phone, contact.mobile),
            organization_keys=(org,) if org else (),
        )
        hits = self.index.matches(entry)
        shared = [h for h in hits if h.rule == "phone" and h.strength is MatchStrength.POSSIBLE]
        duplicates = [h for h in hits if h not in shared]
        if duplicates:
            best = duplicates[0]
            other = best.other
            in_file = other.ref < 0
            return PreviewRow(
                status=RowStatus.DUPLICATE, contact=contact, reason=best.reason,
                duplicate_of_id=None if in_file else other.ref,
                duplicate_of_row=-other.ref if in_file else None,
                duplicate_of_name=other.name, **common,
            )
        self.index.add(entry)
        if shared:  # a colleague's or relative's number: worth a look, not a duplicate
            names = ", ".join(h.other.name for h in shared[:3])
            warning = f"{shared[0].reason}, like {names}"
            if warning not in common["warnings"]:  # classified again when the preview aged
                common["warnings"] = (*common["warnings"], warning)
        if org:
            self.index.organization_names.setdefault(org, contact.organization)
            if org not in self.orgs:
                self.new_orgs.setdefault(org, contact.organization)
        return PreviewRow(status=RowStatus.NEW, contact=contact, **common)

    def _organization(self, contact: ContactRow, common: dict[str, Any]) -> PreviewRow:
        key = organization_key(contact.organization)
        if key in self.orgs:
            oid, name = self.orgs[key]
            return PreviewRow(
                status=RowStatus.DUPLICATE, contact=contact,
                reason="an organization of this name exists", duplicate_of_id=oid,
                duplicate_of_name=name, **common,
            )
        if key in self.org_rows:
            return PreviewRow(
                status=RowStatus.DUPLICATE, contact=contact,
                reason="the same organization", duplicate_of_row=self.org_rows[key],
                duplicate_of_name=contact.organization, **common,
            )
        self.org_rows[key] = contact.row_number
        self.new_orgs.setdefault(key, contact.organization)
        return PreviewRow(status=RowStatus.NEW, contact=contact, **common)
