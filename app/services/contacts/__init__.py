"""Importing people and organizations from address-book exports (CSV, vCard, XLSX).

The wizard and the command line use only what is exported here:

    preview = preview_import(ws, path)                 # or with mapping=ColumnMapping(...)
    result = run_import(ws, preview)                   # one transaction, one batch
    undo_import(ws, result.batch_id)                   # removes exactly what it added
"""

from __future__ import annotations

from app.services.contacts.commit import run_import
from app.services.contacts.errors import ContactImportError
from app.services.contacts.fields import TARGET_FIELDS, RawContact
from app.services.contacts.mapping import ColumnMapping
from app.services.contacts.preview import preview_import
from app.services.contacts.results import (
    ImportBatchRow,
    ImportPreview,
    ImportResult,
    PreviewRow,
    RowStatus,
    UndoResult,
)
from app.services.contacts.rows import ContactKind, ContactRow
from app.services.contacts.saved import save_mapping, saved_mapping
from app.services.contacts.undo import list_import_batches, undo_import

__all__ = [
    "TARGET_FIELDS", "ColumnMapping", "ContactImportError", "ContactKind", "ContactRow",
    "ImportBatchRow", "ImportPreview", "ImportResult", "PreviewRow", "RawContact", "RowStatus",
    "UndoResult", "list_import_batches", "preview_import", "run_import", "save_mapping",
    "saved_mapping", "undo_import",
]
