"""Import the rows of a preview in one transaction: all accepted rows, or none.

People, their organizations and affiliations are written with Core bulk inserts (one
audit entry for the whole batch instead of one per record: at 10,000 rows the per-record
audit would take longer than the import itself). Every record carries the batch id, so
``undo_import`` removes exactly what this added.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from app.models import (
    Affiliation,
    AuditAction,
    ImportBatch,
    ImportKind,
    Organization,
    OrganizationKind,
    Person,
)
from app.models.directory import organization_index, person_index
from app.services.contacts.classify import (
    classify,
    directory_state,
    existing_organizations,
    previous_batch,
)
from app.services.contacts.results import ImportPreview, ImportResult, PreviewRow, RowStatus
from app.services.contacts.rows import ContactKind, ContactRow
from app.services.contacts.saved import store_mapping
from app.services.duplicate_keys import organization_key
from app.services.permissions import Permission
from app.services.workspace import Workspace

REPORT_LINES = 2000
ROLE_MAX = 150


def run_import(
    ws: Workspace,
    preview: ImportPreview,
    include_duplicates: bool = False,
    include_rows: Collection[int] = (),
) -> ImportResult:
    """Add the new rows of ``preview`` (and duplicates, if asked) as one undoable batch.

    ``include_rows``: row numbers of duplicate rows to import anyway. A file that was
    imported before (and not undone) adds nothing. If the directory changed since the
    preview, the rows are classified again inside the transaction first.
    """
    ws.require(Permission.IMPORT)
    with ws.write() as action:
        session = action.session
        if previous_batch(session, preview.sha256) is not None:
            return _nothing(preview.rows, already_imported=True)
        rows = preview.rows
        if preview.already_imported or directory_state(session) != preview.directory_state:
            checked = [r.checked() for r in rows]
            rows = classify(session, checked, None).rows
        chosen = [r for r in rows if _chosen(r, include_duplicates, include_rows)]
        if not chosen:
            return _nothing(rows)
        batch = ImportBatch(
            kind=ImportKind.PEOPLE, source_name=preview.source_name[:500],
            source_sha256=preview.sha256, layout=preview.layout[:100],
            imported_by=ws.user_name, rows_read=len(rows), rows_added=len(chosen),
            rows_skipped=len(rows) - len(chosen), report=_report(rows, chosen),
        )
        session.add(batch)
        session.flush()
        contacts = [r.contact for r in chosen if r.contact is not None]
        org_ids, created = _organizations(session, batch.id, contacts)
        people = _people(session, batch.id, contacts, org_ids)
        if preview.mapping is not None and preview.mapping != preview.proposed_mapping:
            store_mapping(session, preview.headers, preview.mapping)
        duplicates = sum(1 for r in rows if r.status is RowStatus.DUPLICATE)
        counts = {
            "file": preview.source_name, "layout": preview.layout, "rows_read": len(rows),
            "people_added": people, "organizations_added": created,
            "duplicates_skipped": duplicates - sum(
                1 for r in chosen if r.status is RowStatus.DUPLICATE
            ),
            "errors": sum(1 for r in rows if r.status is RowStatus.ERROR),
        }
        action.audit(
            AuditAction.IMPORT, "import_batches", batch.id, counts,
            f"Imported {people} people and {created} organizations from {preview.source_name}",
        )
        for kind in ("people", "organizations", "affiliations"):
            action.announce(kind, set())
        return ImportResult(
            batch_id=batch.id, rows_read=len(rows), people_added=people,
            organizations_added=created, duplicates_skipped=counts["duplicates_skipped"],
            errors=counts["errors"],
        )


def _chosen(row: PreviewRow, include_duplicates: bool, include_rows: Collection[int]) -> bool:
    if row.contact is None:
        return False
    if row.status is RowStatus.NEW:
        return True
    return row.status is RowStatus.DUPLICATE and (
        include_duplicates or row.row_number in include_rows
    )


def _nothing(rows: Sequence[PreviewRow], already_imported: bool = False) -> ImportResult:
    return ImportResult(
        batch_id=None, rows_read=len(rows), people_added=0, organizations_added=0,
        duplicates_skipped=sum(1 for r in rows if r.status is RowStatus.DUPLICATE),
        errors=sum(1 for r in rows if r.status is RowStatus.ERROR),
        already_imported=already_imported,
    )


def _organizations(
    session: Session, batch_id: int, contacts: list[ContactRow]
) -> tuple[dict[str, tuple[int, str]], int]:
    """Organization key -> (id, name) for every contact's organization, creating the
    missing ones (kind "other"; details from an organization-only row when there is one)."""
    known = existing_organizations(session)
    wanted: dict[str, ContactRow] = {}
    for contact in contacts:
        key = organization_key(contact.organization)
        if not key or key in known:
            continue
        if key not in wanted or (
            contact.kind is ContactKind.ORGANIZATION
            and wanted[key].kind is not ContactKind.ORGANIZATION
        ):
            wanted[key] = contact
    rows = [_organization_values(c, batch_id) for c in wanted.values()]
    ids = _insert(session, Organization.__table__, rows)
    for key, oid, values in zip(wanted, ids, rows, strict=True):
        known[key] = (oid, values["name"])
    return known, len(rows)


def _organization_values(contact: ContactRow, batch_id: int) -> dict[str, Any]:
    own = contact.kind is ContactKind.ORGANIZATION
    values: dict[str, Any] = {
        "name": contact.organization,
        "kind": OrganizationKind.OTHER,
        "email": contact.email if own else "",
        "phone": (contact.phone or contact.mobile) if own else "",
        "website": contact.website if own else "",
        "street": contact.street,
        "city": contact.city,
        "region": contact.region,
        "postal_code": contact.postal_code,
        "notes": contact.notes if own else "",
        "import_batch_id": batch_id,
    }
    values.update(organization_index(values))
    return values


def _people(
    session: Session, batch_id: int, contacts: list[ContactRow],
    org_ids: dict[str, tuple[int, str]],
) -> int:
    people: list[dict[str, Any]] = []
    orgs: list[tuple[int, str] | None] = []
    for contact in contacts:
        if contact.kind is not ContactKind.PERSON:
            continue
        org = org_ids.get(organization_key(contact.organization))
        values: dict[str, Any] = {
            "first_name": contact.first_name,
            "last_name": contact.last_name,
            "title": contact.title,
            "email": contact.email,
            "phone": contact.phone,
            "mobile": contact.mobile,
            "notes": contact.notes,
            "import_batch_id": batch_id,
        }
        values.update(person_index(values, [org[1]] if org else [], org[1] if org else ""))
        people.append(values)
        orgs.append(org)
    ids = _insert(session, Person.__table__, people)
    links = [
        {"person_id": pid, "organization_id": org[0], "role": title[:ROLE_MAX],
         "is_primary": True}
        for pid, org, title in zip(ids, orgs, (p["title"] for p in people), strict=True)
        if org is not None
    ]
    if links:
        session.execute(insert(Affiliation.__table__), links)
    return len(ids)


def _insert(session: Session, table: Any, rows: list[dict[str, Any]]) -> list[int]:
    """Bulk insert; the new ids come back in the order of ``rows``."""
    if not rows:
        return []
    assert isinstance(table, Table)
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(session.execute(statement, rows).scalars())


def _report(rows: Iterable[PreviewRow], chosen: list[PreviewRow]) -> str:
    """What was left out and why, kept with the batch for the import history."""
    taken = {r.row_number for r in chosen}
    lines = [
        f"{r.where}: {r.name + ' - ' if r.name else ''}{r.description}"
        for r in rows
        if r.row_number not in taken
    ]
    if len(lines) > REPORT_LINES:
        lines = [*lines[:REPORT_LINES], f"... and {len(lines) - REPORT_LINES} more"]
    return json.dumps({"skipped": lines}, ensure_ascii=False)
