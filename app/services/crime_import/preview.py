"""Read a crime export and show what importing it would do, changing nothing."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Area, CrimeCount, ImportBatch, ImportKind, OffenseCategory
from app.services.crime_import.aggregate import CancelCheck, Progress, Tally, tally
from app.services.crime_import.dates import DateOrder
from app.services.crime_import.layouts import MappingChoice, build_mapping
from app.services.crime_import.results import (
    CrimeCell,
    CrimePreview,
    PreviousImport,
    SkippedRows,
)
from app.services.crime_import.source import read_head
from app.services.workspace import Workspace

DIGITS = re.compile(r"(\d+)")
MonthCounts = dict[tuple[str, str, int], int]


def preview_crime_import(
    ws: Workspace,
    path: str | Path,
    choice: MappingChoice | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> CrimePreview:
    """Read all of ``path`` once (streamed) and count it by area, category and month.

    ``choice`` overrides the recognised layout's or guessed columns. Raises
    ``CrimeImportError`` for a file that cannot be read at all, ``ValidationError`` (per
    mapping field) when a column is missing, ``ImportCancelled`` when ``cancelled()``
    said so; ``progress(bytes_read, file_size)`` is called every few thousand rows.
    """
    path = Path(path)
    head = read_head(path)
    layout, mapping = build_mapping(head.headers, choice)
    counted = tally(head, mapping, progress, cancelled)
    order = mapping.date_order or counted.order_found
    counts = counted.resolved(order) if order is not None else counted.counts
    preview = CrimePreview(
        path=path,
        source_name=path.name,
        sha256=counted.sha256,
        size=head.size,
        format=head.format,
        encoding=_encoding_name(head.encoding, head.codec, counted),
        layout=layout,
        headers=head.headers,
        samples=head.samples,
        mapping=mapping.with_order(order),
        rows_read=counted.rows_read,
        rows_counted=counted.rows_counted,
        skipped=tuple(
            SkippedRows(reason, s.count, tuple(s.rows), tuple(s.examples))
            for reason, s in sorted(counted.skipped.items(), key=lambda i: -i[1].count)
        ),
        cells=(),
        new_areas=(),
        new_categories=(),
        areas=len(counted.areas),
        categories=len(counted.categories),
        already_imported=None,
        needs_date_order=order is None and bool(counted.undecided),
        date_order=order,
        date_order_inferred=mapping.date_order is None and counted.order_found is not None,
        existing_cells=0,
        undecided=tuple((*key, n) for key, n in counted.undecided.items()) if order is None
        else (),
        area_names=tuple(counted.areas.items()),
        category_names=tuple(counted.categories.items()),
    )
    return _compared(ws, preview, counts)


def choose_date_order(ws: Workspace, preview: CrimePreview, order: DateOrder) -> CrimePreview:
    """The preview with its ambiguous dates read in ``order`` (the file is not re-read)."""
    counts: MonthCounts = {}
    for cell in preview.cells:
        key = (cell.area.casefold(), cell.category.casefold(),
               cell.month.year * 12 + cell.month.month - 1)
        counts[key] = counts.get(key, 0) + cell.count
    for area, category, year, first, second, n in preview.undecided:
        # Both numbers are 12 or less, so either order gives a valid date.
        month = second if order is DateOrder.DAY_FIRST else first
        key = (area, category, year * 12 + month - 1)
        counts[key] = counts.get(key, 0) + n
    chosen = replace(preview, mapping=preview.mapping.with_order(order), date_order=order,
                     needs_date_order=False, date_order_inferred=False, undecided=())
    return _compared(ws, chosen, counts)


def _encoding_name(label: str, codec: str, counted: Tally) -> str:
    names = {"cp1252": "Windows-1252", "latin-1": "ISO-8859-1"}
    return label if counted.codec == codec else names.get(counted.codec, counted.codec)


def _compared(ws: Workspace, preview: CrimePreview, counts: MonthCounts) -> CrimePreview:
    """The cells, and what the database makes of them: new areas and categories, cells
    already counted, an earlier import of the same file."""
    areas, categories = dict(preview.area_names), dict(preview.category_names)
    area_order = {a: natural_key(name) for a, name in areas.items()}
    months = {m: date(m // 12, m % 12 + 1, 1) for _a, _c, m in counts}
    cells = tuple(
        CrimeCell(areas[a], categories[c], months[m], n)
        for (a, c, m), n in sorted(counts.items(),
                                   key=lambda item: (item[0][2], area_order[item[0][0]],
                                                     item[0][1]))
    )
    with ws.read() as session:
        previous = previous_crime_batch(session, preview.sha256)
        area_ids = _ids(session, Area, {c.area for c in cells} or set(areas.values()))
        category_ids = _ids(
            session, OffenseCategory, {c.category for c in cells} or set(categories.values())
        )
        existing = _existing_cells(session, cells, area_ids, category_ids)
    used_areas = {c.area for c in cells} if cells else set(areas.values())
    used_categories = {c.category for c in cells} if cells else set(categories.values())
    return replace(
        preview,
        cells=cells,
        new_areas=tuple(sorted((n for n in used_areas if n.casefold() not in area_ids),
                               key=natural_key)),
        new_categories=tuple(sorted(
            n for n in used_categories if n.casefold() not in category_ids
        )),
        already_imported=PreviousImport(previous.id, previous.imported_at, previous.imported_by)
        if previous is not None else None,
        existing_cells=existing,
        areas=len(used_areas),
        categories=len(used_categories),
    )


def natural_key(name: str) -> tuple[tuple[int, int | str], ...]:
    """Sorts "District 2" before "District 10"."""
    return tuple((0, int(part)) if part.isdigit() else (1, part.casefold())
                 for part in DIGITS.split(name) if part)


def previous_crime_batch(session: Session, sha256: str) -> ImportBatch | None:
    """The crime import of the same file that still stands, if any."""
    return session.scalars(
        select(ImportBatch)
        .where(ImportBatch.kind == ImportKind.CRIME, ImportBatch.source_sha256 == sha256,
               ImportBatch.undone_at.is_(None))
        .order_by(ImportBatch.id)
    ).first()


def _ids(session: Session, model: type[Area] | type[OffenseCategory],
         names: Iterable[str]) -> dict[str, int]:
    """Folded name -> id of the records of ``model`` that exist (names match in any case)."""
    wanted = {n.casefold() for n in names}
    found: dict[str, int] = {}
    for record_id, name in session.execute(select(model.id, model.name).order_by(model.id)):
        key = name.casefold()
        if key in wanted:
            found.setdefault(key, record_id)
    return found


def _existing_cells(
    session: Session, cells: tuple[CrimeCell, ...], area_ids: dict[str, int],
    category_ids: dict[str, int],
) -> int:
    if not cells or not area_ids or not category_ids:
        return 0
    first, last = cells[0].month, cells[-1].month
    stored = {
        (area, category, month) for area, category, month in session.execute(
            select(CrimeCount.area_id, CrimeCount.category_id, CrimeCount.month)
            .where(CrimeCount.area_id.in_(area_ids.values()), CrimeCount.month >= first,
                   CrimeCount.month <= last)
            .distinct()
        )
    }
    return sum(
        1 for c in cells
        if (area_ids.get(c.area.casefold()), category_ids.get(c.category.casefold()), c.month)
        in stored
    )
