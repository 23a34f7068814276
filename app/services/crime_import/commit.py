"""Write a preview's counts as one import batch, in one transaction: all or nothing.

New areas (of the mapping's kind) and offense categories are created in the same
transaction; names match existing ones in any case ("THEFT" is the existing "Theft").
The batch's report keeps the ids it created, so undo can remove them again.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.models import Area, AuditAction, CrimeCount, ImportBatch, ImportKind, OffenseCategory
from app.services.crime_import.aggregate import CancelCheck, Progress
from app.services.crime_import.errors import CrimeImportError, ImportCancelled
from app.services.crime_import.preview import previous_crime_batch
from app.services.crime_import.results import CrimeImportResult, CrimePreview
from app.services.errors import ValidationError
from app.services.permissions import Permission
from app.services.workspace import Workspace

HASH_CHUNK = 1024 * 1024
INSERT_CHUNK = 5000
REPORT_ROWS = 200  # row numbers kept per skip reason in the batch's report


def import_crime(
    ws: Workspace,
    preview: CrimePreview,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> CrimeImportResult:
    """Add the preview's counts as one undoable batch.

    Refused (ValidationError, nothing changes) while the dates' order is not chosen, when
    nothing can be counted, and when the same file was imported before and not undone.
    The file is hashed again first: if it changed since the preview, CrimeImportError.
    ``progress``/``cancelled`` cover that check; the write itself is one short step.
    """
    ws.require(Permission.IMPORT)
    if preview.needs_date_order:
        raise ValidationError.single(
            "date_order", "Choose whether the dates are day-first (31/12/2024) or "
            "month-first (12/31/2024): this file does not show it."
        )
    if not preview.cells:
        raise ValidationError.single("", "Nothing to import: no row could be counted.")
    _check_unchanged(preview, progress, cancelled)
    with ws.write() as action:
        session = action.session
        previous = previous_crime_batch(session, preview.sha256)
        if previous is not None:
            raise ValidationError.single("", already_imported_message(
                previous.id, f"{previous.imported_at:%Y-%m-%d %H:%M} UTC"))
        area_ids, new_areas = _records(
            session, Area, {c.area for c in preview.cells},
            lambda name: {"name": name, "kind": preview.mapping.area_kind},
        )
        category_ids, new_categories = _records(
            session, OffenseCategory, {c.category for c in preview.cells},
            lambda name: {"name": name},
        )
        batch = ImportBatch(
            kind=ImportKind.CRIME, source_name=preview.source_name[:500],
            source_sha256=preview.sha256, layout=_layout(preview)[:100],
            imported_by=ws.user_name, rows_read=preview.rows_read,
            rows_added=preview.rows_counted, rows_skipped=preview.rows_skipped,
            report=json.dumps(_report(preview, new_areas, new_categories), ensure_ascii=False),
        )
        session.add(batch)
        session.flush()
        table = CrimeCount.__table__
        statement = insert(table)  # Core executemany: no ORM objects for 100,000s of rows
        cells = preview.cells
        for start in range(0, len(cells), INSERT_CHUNK):
            session.execute(statement, [
                {"area_id": area_ids[c.area.casefold()],
                 "category_id": category_ids[c.category.casefold()],
                 "month": c.month, "count": c.count, "import_batch_id": batch.id}
                for c in cells[start:start + INSERT_CHUNK]
            ])
        months = preview.months
        result = CrimeImportResult(
            batch_id=batch.id, rows_read=preview.rows_read, rows_counted=preview.rows_counted,
            rows_skipped=preview.rows_skipped, counts_added=len(cells),
            incidents=preview.incidents, areas_added=len(new_areas),
            categories_added=len(new_categories), first_month=months[0], last_month=months[-1],
        )
        action.audit(
            AuditAction.IMPORT, "import_batches", batch.id,
            {"file": preview.source_name, "layout": batch.layout,
             "rows_read": result.rows_read, "rows_counted": result.rows_counted,
             "rows_skipped": result.rows_skipped, "counts_added": result.counts_added,
             "incidents": result.incidents, "areas_added": result.areas_added,
             "categories_added": result.categories_added,
             "months": [months[0].isoformat(), months[-1].isoformat()]},
            f"Imported {result.incidents:,} incidents ({result.counts_added:,} monthly counts) "
            f"from {preview.source_name}",
        )
        action.announce("crime_counts", set())
        action.announce("import_batches", {batch.id})
        if new_areas:
            action.announce("areas", set(new_areas))
        if new_categories:
            action.announce("offense_categories", set(new_categories))
        return result


def already_imported_message(batch_id: int, when: str) -> str:
    return (f"This file was already imported on {when} (import {batch_id}); importing it "
            "again would count every incident twice. Undo that import first to import it "
            "again.")


def _layout(preview: CrimePreview) -> str:
    area = preview.headers[preview.mapping.area_column]
    return f"{preview.layout}, by {area}"


def _check_unchanged(preview: CrimePreview, progress: Progress | None,
                     cancelled: CancelCheck | None) -> None:
    digest = hashlib.sha256()
    done = 0
    try:
        with preview.path.open("rb") as file:
            while chunk := file.read(HASH_CHUNK):
                digest.update(chunk)
                done += len(chunk)
                if cancelled is not None and cancelled():
                    raise ImportCancelled()
                if progress is not None:
                    progress(done, max(preview.size, done, 1))
    except OSError as exc:
        raise CrimeImportError(
            f"{preview.source_name} cannot be read any more: {exc.strerror or exc}."
        ) from None
    if digest.hexdigest() != preview.sha256:
        raise CrimeImportError(
            f"{preview.source_name} changed since it was read: read it again to see what "
            "it holds now."
        )


def _records(
    session: Session, model: type[Area] | type[OffenseCategory], names: set[str],
    values: Any,
) -> tuple[dict[str, int], list[int]]:
    """Folded name -> id for ``names``, creating those missing; and the new ids."""
    wanted = {n.casefold(): n for n in names}
    ids: dict[str, int] = {}
    for record_id, name in session.execute(select(model.id, model.name).order_by(model.id)):
        key = name.casefold()
        if key in wanted:
            ids.setdefault(key, record_id)
    missing = sorted(n for key, n in wanted.items() if key not in ids)
    created: list[int] = []
    if missing:
        table = model.__table__
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        created = list(session.execute(statement, [values(n) for n in missing]).scalars())
        ids.update({n.casefold(): i for n, i in zip(missing, created, strict=True)})
    return ids, created


def _report(preview: CrimePreview, areas: list[int], categories: list[int]) -> dict[str, Any]:
    """Kept with the batch: how the file was read, what was left out, what was created."""
    mapping = preview.mapping
    headers = preview.headers
    months = preview.months
    return {
        "mapping": {
            "date": headers[mapping.date_column], "area": headers[mapping.area_column],
            "category": headers[mapping.category_column],
            "count": headers[mapping.count_column] if mapping.count_column is not None else None,
            "date_order": mapping.date_order.value if mapping.date_order else None,
            "area_kind": mapping.area_kind.value, "area_prefix": mapping.area_prefix,
        },
        "encoding": preview.encoding,
        "incidents": preview.incidents,
        "cells": len(preview.cells),
        "months": [months[0].isoformat(), months[-1].isoformat()],
        "skipped": [
            {"reason": s.reason, "count": s.count, "rows": list(s.rows[:REPORT_ROWS]),
             "examples": list(s.examples)}
            for s in preview.skipped
        ],
        "areas_created": areas,
        "categories_created": categories,
    }
