"""``main.py import contacts FILE``: the import wizard's work without the GUI (no Qt here).

Prints what the wizard's preview shows (layout, rows read, duplicates and errors with
their row numbers and reasons), then imports unless ``--dry-run``. Exit codes: 0 done
(also when nothing was new), 8 the file was refused and nothing changed, 2-7 the database
could not be opened (see app.models.errors).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from app.cli import Arguments, fail, open_workspace, warn_about
from app.services.wording import plural

if TYPE_CHECKING:
    from app.services.contacts import ImportPreview, PreviewRow

EXIT_OK = 0
EXIT_FILE_REJECTED = 8
LISTED = 500


def import_contacts(args: Arguments, target: str) -> int:
    from app.models.errors import DatabaseOpenError
    from app.services.contacts import ContactImportError, preview_import, run_import
    from app.services.errors import ValidationError

    assert args.file is not None
    try:
        ws = open_workspace(target)
    except DatabaseOpenError as error:
        return fail(error)
    warn_about(ws.db)
    try:
        try:
            preview = preview_import(ws, args.file)
        except ContactImportError as exc:
            return _rejected(args.file, exc.message)
        except ValidationError as exc:  # the proposed mapping names nobody
            return _rejected(args.file, f"No column could be recognised as a name, an e-mail "
                                        f"address or an organization ({exc})")
        _print_preview(preview, args.include_duplicates)
        if preview.rows and preview.error_count == len(preview.rows):
            return _rejected(args.file, "No row could be imported (every row has an error)")
        if args.dry_run:
            print("Dry run: nothing was changed.")
            return EXIT_OK
        result = run_import(ws, preview, include_duplicates=args.include_duplicates)
    finally:
        ws.close()
    if result.already_imported:
        print("Nothing added: this file was imported before (undo that import to redo it).")
    elif result.batch_id is None:
        print("Nothing added: every row is a duplicate or an error.")
    else:
        print(
            f"Added {plural(result.people_added, 'person', 'people')} and "
            f"{plural(result.organizations_added, 'new organization')} "
            f"(import batch {result.batch_id}; it can be undone as a whole)."
        )
    return EXIT_OK


def _rejected(file: str, message: str) -> int:
    print(f"partnership-desk: {file}: {message.rstrip('.')}. Nothing was imported.",
          file=sys.stderr)
    return EXIT_FILE_REJECTED


def _print_preview(preview: ImportPreview, include_duplicates: bool) -> None:
    from app.services.contacts import RowStatus

    details = ", ".join(p for p in (preview.format, preview.encoding) if p)
    print(f"File: {preview.source_name} ({details})")
    mapping = " with the column mapping saved last time" if preview.mapping_saved else ""
    print(f"Layout: {preview.layout}{mapping}")
    print(
        f"Rows read: {len(preview.rows)}; new: {preview.new_count}, "
        f"duplicates: {preview.duplicate_count}, errors: {preview.error_count}"
    )
    if preview.new_organizations:
        print(f"New organizations: {_listed(list(preview.new_organizations), 20)}")
    duplicates = [r for r in preview.rows if r.status is RowStatus.DUPLICATE]
    note = "imported anyway" if include_duplicates else "not imported"
    _section(f"Duplicates ({note})", duplicates, lambda r: r.description)
    errors = [r for r in preview.rows if r.status is RowStatus.ERROR]
    _section("Errors (not imported)", errors, lambda r: r.reason)
    warned = [(r, w) for r in preview.rows for w in r.warnings if r.status is not RowStatus.ERROR]
    if warned:
        print(f"\nWarnings ({len(warned)}):")
        for row, warning in warned[:LISTED]:
            print(f"  {row.where}: {row.name}: {warning}")
        _more(len(warned))


def _section(title: str, rows: Sequence[PreviewRow], text: Callable[[PreviewRow], str]) -> None:
    if not rows:
        return
    print(f"\n{title}:")
    for row in rows[:LISTED]:
        name = f"{row.name}: " if row.name else ""
        print(f"  {row.where}: {name}{text(row)}")
    _more(len(rows))


def _more(count: int) -> None:
    if count > LISTED:
        print(f"  ... and {count - LISTED} more")


def _listed(names: list[str], limit: int) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")

