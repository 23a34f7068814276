"""Crime imports past: the list, and undo of one import as a whole.

Undo deletes the batch's monthly counts and marks the batch undone (it stays listed, so
the file can be imported again). Areas and offense categories the import created are
removed too, unless something else uses them now (counts from another import or typed in,
an initiative, a survey, a neighbour link) or someone gave the area a population: those
are kept and named in the result.
"""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.models import (
    Area,
    AuditAction,
    CrimeCount,
    ImportKind,
    OffenseCategory,
)
from app.services.crime_import.results import CrimeImportRow, CrimeUndoResult
from app.services.import_batches import batch_row, batch_to_undo, batches_of_kind, mark_undone
from app.services.permissions import Permission
from app.services.references import referencing_columns
from app.services.workspace import Workspace


def undo_crime_import(ws: Workspace, batch_id: int) -> CrimeUndoResult:
    ws.require(Permission.IMPORT)
    with ws.write() as action:
        session = action.session
        batch = batch_to_undo(session, batch_id, ImportKind.CRIME,
                              "This crime import no longer exists.")
        removed = session.execute(
            delete(CrimeCount).where(CrimeCount.import_batch_id == batch_id)
        ).rowcount or 0
        created = _created(batch.report)
        areas_removed, kept = _remove_unused(session, Area, created.get("areas_created", []))
        categories_removed, _ = _remove_unused(
            session, OffenseCategory, created.get("categories_created", [])
        )
        mark_undone(session, ws, batch)
        action.audit(
            AuditAction.UNDO_IMPORT, "import_batches", batch_id,
            {"counts_removed": removed, "areas_removed": areas_removed,
             "categories_removed": categories_removed, "areas_kept": kept},
            f"Undid the crime import of {batch.source_name}",
        )
        action.announce("crime_counts", set())
        action.announce("import_batches", {batch_id})
        if areas_removed:
            action.announce("areas", set())
        if categories_removed:
            action.announce("offense_categories", set())
        return CrimeUndoResult(batch_id, removed, areas_removed, categories_removed,
                               tuple(kept))


def list_crime_imports(ws: Workspace) -> list[CrimeImportRow]:
    """Every crime import, newest first, with what it holds now."""
    with ws.read() as session:
        held: dict[int | None, int] = {
            batch_id: n for batch_id, n in session.execute(
                select(CrimeCount.import_batch_id, func.count())
                .where(CrimeCount.import_batch_id.is_not(None))
                .group_by(CrimeCount.import_batch_id)
            )
        }
        rows = []
        for b in batches_of_kind(session, ImportKind.CRIME):
            first, last = _months(b.report)
            rows.append(batch_row(b, CrimeImportRow, counts=held.get(b.id, 0),
                                  first_month=first, last_month=last))
        return rows


def _created(report: str) -> dict[str, list[int]]:
    try:
        data = json.loads(report or "{}")
    except ValueError:
        return {}
    return {key: [int(i) for i in data.get(key, [])]
            for key in ("areas_created", "categories_created")}


def _months(report: str) -> tuple[date | None, date | None]:
    try:
        first, last = json.loads(report or "{}").get("months") or (None, None)
        return date.fromisoformat(first), date.fromisoformat(last)
    except (ValueError, TypeError):
        return None, None


def _remove_unused(
    session: Session, model: type[Area] | type[OffenseCategory], ids: list[int]
) -> tuple[int, list[str]]:
    """Delete the records of ``ids`` nothing points at any more; names of those kept."""
    if not ids:
        return 0, []
    present: dict[int, str] = {
        record_id: name
        for record_id, name in session.execute(
            select(model.id, model.name).where(model.id.in_(ids))
        )
    }
    used: set[int] = set()
    for column in referencing_columns(model.__tablename__):
        used.update(session.scalars(select(column).where(column.in_(present)).distinct()))
    if model is Area:
        used.update(session.scalars(
            select(Area.id).where(Area.id.in_(present), Area.population.is_not(None))
        ))
    removable = [i for i in present if i not in used]
    if removable:
        session.execute(delete(model).where(model.id.in_(removable)))
    return len(removable), sorted(present[i] for i in present if i in used)
