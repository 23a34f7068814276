"""Importing crime statistics: incident-level exports (or tables already counted) become
monthly counts by area and offense category, as one undoable batch.

The wizard, the command line and the bench use only what is exported here:

    preview = preview_crime_import(ws, path)          # or choice=MappingChoice(...)
    if preview.needs_date_order:                      # every date fits both orders
        preview = choose_date_order(ws, preview, DateOrder.DAY_FIRST)
    result = import_crime(ws, preview)                # one transaction, one batch
    undo_crime_import(ws, result.batch_id)            # removes exactly what it added
    list_crime_imports(ws)                            # the history, newest first

Long steps take ``progress(done, total)`` (bytes of the file) and ``cancelled()``.
"""

from __future__ import annotations

from app.services.crime_import.commit import import_crime
from app.services.crime_import.dates import DateOrder
from app.services.crime_import.errors import CrimeImportError, ImportCancelled
from app.services.crime_import.history import list_crime_imports, undo_crime_import
from app.services.crime_import.layouts import (
    CHICAGO,
    CHICAGO_AREA_CHOICES,
    GENERIC,
    POLICE_UK,
    CrimeMapping,
    MappingChoice,
    build_mapping,
    proposal,
)
from app.services.crime_import.preview import choose_date_order, preview_crime_import
from app.services.crime_import.results import (
    CrimeCell,
    CrimeImportResult,
    CrimeImportRow,
    CrimePreview,
    CrimeUndoResult,
    PreviousImport,
    SkippedRows,
)
from app.services.crime_import.source import FileHead, read_head

__all__ = [
    "CHICAGO", "CHICAGO_AREA_CHOICES", "GENERIC", "POLICE_UK", "CrimeCell", "CrimeImportError",
    "CrimeImportResult", "CrimeImportRow", "CrimeMapping", "CrimePreview", "CrimeUndoResult",
    "DateOrder", "FileHead", "ImportCancelled", "MappingChoice", "PreviousImport",
    "SkippedRows", "build_mapping", "choose_date_order", "import_crime", "list_crime_imports",
    "preview_crime_import", "proposal", "read_head", "undo_crime_import",
]
