"""Undo a contact import as a whole, and list past imports.

Undo removes the people the batch added (with their affiliations and tags) and the
organizations it created. It is refused, changing nothing, while any of those people is
used by another record (meeting attendance, training enrollments, action items, initiative
contacts...): removing them would silently take those records' people away. The message
names who is used where, so the user can archive them or remove the links first. An
organization the batch created but that others now use (another person's affiliation,
an initiative) is kept and named in the result.
"""

from __future__ import annotations

from sqlalchemy import Select, delete, func, select
from sqlalchemy.orm import Session

from app.models import (
    Affiliation,
    AuditAction,
    ImportKind,
    Organization,
    Person,
    person_tags,
)
from app.models.directory import person_name
from app.services.contacts.results import ImportBatchRow, UndoResult
from app.services.errors import ValidationError
from app.services.import_batches import batch_row, batch_to_undo, batches_of_kind, mark_undone
from app.services.permissions import Permission
from app.services.references import USES, referencing_columns
from app.services.workspace import Workspace

NAMED_BLOCKERS = 5


def undo_import(ws: Workspace, batch_id: int) -> UndoResult:
    ws.require(Permission.IMPORT)
    with ws.write() as action:
        session = action.session
        batch = batch_to_undo(session, batch_id, ImportKind.PEOPLE,
                              "This import no longer exists.")
        added = select(Person.id).where(Person.import_batch_id == batch_id)
        _refuse_if_used(session, added)
        people = session.scalar(select(func.count()).select_from(added.subquery())) or 0
        session.execute(delete(person_tags).where(person_tags.c.person_id.in_(added)))
        session.execute(delete(Affiliation).where(Affiliation.person_id.in_(added)))
        session.execute(delete(Person).where(Person.import_batch_id == batch_id))
        removed, kept = _remove_organizations(session, batch_id)
        mark_undone(session, ws, batch)
        action.audit(
            AuditAction.UNDO_IMPORT, "import_batches", batch_id,
            {"people_removed": people, "organizations_removed": removed,
             "organizations_kept": kept},
            f"Undid the import of {batch.source_name}",
        )
        for kind in ("people", "organizations", "affiliations"):
            action.announce(kind, set())
        return UndoResult(batch_id, people, removed, tuple(kept))


def list_import_batches(
    ws: Workspace, kind: ImportKind = ImportKind.PEOPLE
) -> list[ImportBatchRow]:
    with ws.read() as session:
        return [batch_row(b) for b in batches_of_kind(session, kind)]


def _refuse_if_used(session: Session, added: Select[tuple[int]]) -> None:
    used: dict[int, list[str]] = {}
    for column in referencing_columns("people", ignore=("affiliations", "person_tags")):
        rows = session.execute(select(column).where(column.in_(added)).distinct())
        for (person_id,) in rows:
            used.setdefault(person_id, []).append(USES.get(column.table.name, column.table.name))
    if not used:
        return
    first_ids = sorted(used)[:NAMED_BLOCKERS]
    names = {
        pid: person_name(first, last)
        for pid, first, last in session.execute(
            select(Person.id, Person.first_name, Person.last_name).where(
                Person.id.in_(first_ids)
            )
        )
    }
    shown = [f"{names.get(pid, f'#{pid}')} ({', '.join(sorted(set(used[pid])))})"
             for pid in first_ids]
    more = f" and {len(used) - NAMED_BLOCKERS} more" if len(used) > NAMED_BLOCKERS else ""
    raise ValidationError.single(
        "",
        f"This import cannot be undone: {len(used)} of the people it added are now used "
        f"elsewhere: {'; '.join(shown)}{more}. Archive them instead, or remove those links "
        "first.",
    )


def _remove_organizations(session: Session, batch_id: int) -> tuple[int, list[str]]:
    created = session.execute(
        select(Organization.id, Organization.name).where(Organization.import_batch_id == batch_id)
    ).all()
    if not created:
        return 0, []
    ids = [oid for oid, _name in created]
    used: set[int] = set()
    for column in referencing_columns("organizations"):
        used.update(session.scalars(select(column).where(column.in_(ids)).distinct()))
    removable = [oid for oid in ids if oid not in used]
    if removable:
        session.execute(delete(Organization).where(Organization.id.in_(removable)))
    return len(removable), sorted(name for oid, name in created if oid in used)
