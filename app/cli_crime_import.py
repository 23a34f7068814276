"""``main.py import crime FILE``: the crime import wizard's work without the GUI (no Qt).

Prints what the wizard's preview shows (layout, columns, rows read, counted and skipped
with reasons and row numbers, months, new areas and categories), then imports unless
``--dry-run``. Exit codes as ``import contacts``: 0 imported (or dry run), 8 the file was
refused or nothing could be imported (nothing changed), 2-7 the database could not be
opened (see app.models.errors).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from app.cli import Arguments, in_workspace
from app.services.wording import plural

if TYPE_CHECKING:
    from app.services.crime_import import CrimePreview, MappingChoice
    from app.services.workspace import Workspace

EXIT_OK = 0
EXIT_FILE_REJECTED = 8
NAMED = 20  # new areas and categories listed by name


def import_crime_file(args: Arguments, target: str) -> int:
    return in_workspace(target, lambda ws: _run(ws, args))


def _run(ws: Workspace, args: Arguments) -> int:
    from app.services.crime_import import (
        CrimeImportError,
        import_crime,
        preview_crime_import,
    )
    from app.services.errors import ValidationError

    assert args.file is not None
    try:
        preview = preview_crime_import(ws, args.file, _choice(args))
    except CrimeImportError as exc:
        return _rejected(args.file, exc.message)
    except ValidationError as exc:
        return _rejected(args.file, _mapping_problem(args.file, exc.errors))
    _print_preview(preview, args.date_order is not None)
    if preview.already_imported is not None:
        previous = preview.already_imported
        return _rejected(args.file, f"This file was already imported on "
                         f"{previous.imported_at:%Y-%m-%d %H:%M} UTC by {previous.imported_by} "
                         f"(import batch {previous.batch_id}); importing it again would count "
                         "every incident twice. Undo that import first to import it again")
    if preview.needs_date_order:
        return _rejected(args.file, "The dates fit both orders (every day and month is 12 or "
                         "less): say which with --day-first (03/04/2024 is 3 April) or "
                         "--month-first (03/04/2024 is 4 March)")
    if not preview.cells:
        return _rejected(args.file, "No row could be counted")
    if args.dry_run:
        print("Dry run: nothing was changed.")
        return EXIT_OK
    try:
        result = import_crime(ws, preview)
    except CrimeImportError as exc:
        return _rejected(args.file, exc.message)
    except ValidationError as exc:
        return _rejected(args.file, str(exc))
    print(f"Imported {plural(result.incidents, 'incident')} as "
          f"{plural(result.counts_added, 'monthly count')} (import batch {result.batch_id}; "
          "it can be undone as a whole).")
    return EXIT_OK


def _choice(args: Arguments) -> MappingChoice:
    from app.models import AreaKind
    from app.services.crime_import import DateOrder, MappingChoice

    return MappingChoice(
        date_column=args.date_column,
        area_column=args.area_column,
        category_column=args.category_column,
        count_column=args.count_column,
        date_order=DateOrder(args.date_order) if args.date_order else None,
        area_kind=AreaKind(args.area_kind) if args.area_kind else None,
    )


def _mapping_problem(file: str, errors: dict[str, str]) -> str:
    from pathlib import Path

    from app.services.crime_import import CrimeImportError, read_head

    options = {"date_column": "--date-column", "area_column": "--area-column",
               "category_column": "--category-column", "count_column": "--count-column"}
    lines = [f"{options[f] + ': ' if f in options else ''}{m}" for f, m in errors.items()]
    try:
        headers = read_head(Path(file)).headers
        lines.append("The columns are: " + ", ".join(
            f"{n} {h!r}" for n, h in enumerate(headers, start=1)))
    except CrimeImportError:
        pass
    return "The columns could not all be recognised.\n  " + "\n  ".join(lines)


def _rejected(file: str, message: str) -> int:
    print(f"partnership-desk: {file}: {message.rstrip('.')}. Nothing was imported.",
          file=sys.stderr)
    return EXIT_FILE_REJECTED


def _print_preview(preview: CrimePreview, chosen_order: bool) -> None:
    mapping, headers = preview.mapping, preview.headers
    print(f"File: {preview.source_name} ({preview.format}, {preview.encoding})")
    print(f"Layout: {preview.layout}")
    order = ""
    if mapping.date_order is not None:
        how = ("shown by the file" if preview.date_order_inferred
               else "as chosen" if chosen_order else "the layout's")
        order = f" ({mapping.date_order.value}, {how})"
    example = preview.cells[0].area if preview.cells else ""
    columns = [
        f"date {headers[mapping.date_column]!r}{order}",
        f"area {headers[mapping.area_column]!r} ({mapping.area_kind.value}"
        + (f", such as {example!r})" if example else ")"),
        f"category {headers[mapping.category_column]!r}",
    ]
    if mapping.count_column is not None:
        columns.append(f"count {headers[mapping.count_column]!r}")
    print(f"Columns: {'; '.join(columns)}")
    print(f"Rows read: {preview.rows_read:,}; counted: {preview.rows_counted:,}; "
          f"skipped: {preview.rows_skipped:,}")
    months = preview.months
    if months:
        categories = plural(preview.categories, "category", "categories")
        print(f"Incidents: {preview.incidents:,} in {plural(len(preview.cells), 'monthly count')}; "
              f"{plural(len(months), 'month')} from {months[0]:%Y-%m} to {months[-1]:%Y-%m}; "
              f"{plural(preview.areas, 'area')}, {categories}")
    _named("New areas", preview.new_areas, f", kind {preview.mapping.area_kind.value}")
    _named("New categories", preview.new_categories)
    if preview.existing_cells and preview.already_imported is None:
        print(f"Note: {plural(preview.existing_cells, 'monthly count')} of this file "
              "already have a count for the same area, category and month (another import, "
              "or typed in); both are kept.")
    if preview.skipped:
        print("\nSkipped rows:")
        for skipped in preview.skipped:
            examples = f" (such as {', '.join(repr(e) for e in skipped.examples)})" \
                if skipped.examples else ""
            print(f"  {skipped.reason}{examples}: {plural(skipped.count, 'row')}: "
                  f"row{'s' if skipped.count > 1 else ''} {skipped.rows_text}")


def _named(title: str, names: tuple[str, ...], note: str = "") -> None:
    if not names:
        return
    more = f" and {len(names) - NAMED:,} more" if len(names) > NAMED else ""
    print(f"{title} ({len(names):,}{note}): {', '.join(names[:NAMED])}{more}")

