"""Crime import history: every crime statistics import, newest first, and Undo for each."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

from app.services.crime_import import (
    CrimeImportRow,
    CrimeUndoResult,
    list_crime_imports,
    undo_crime_import,
)
from app.services.wording import plural
from app.services.workspace import Workspace
from app.ui.dialogs.import_history import ImportHistory, ImportHistoryDialog, history_columns
from app.ui.table_model import Column


def _month(value: date | None) -> str:
    return f"{value:%b %Y}" if value is not None else ""


def _months(batch: CrimeImportRow) -> str:
    first, last = _month(batch.first_month), _month(batch.last_month)
    return first if first == last else f"{first} – {last}"


def undo_result_text(batch: CrimeImportRow, result: CrimeUndoResult) -> str:
    text = (
        f"Undid the import of {batch.source_name}: removed "
        f"{plural(result.counts_removed, 'monthly count')}, "
        f"{plural(result.areas_removed, 'area')} and "
        f"{plural(result.categories_removed, 'offense category', 'offense categories')}."
    )
    if result.areas_kept:
        text += f" Kept {', '.join(result.areas_kept)}: other records use them now."
    return text


CRIME_HISTORY = ImportHistory(
    title="Crime import history",
    table_name="crimeImports",
    columns=history_columns(
        Column("Counted", lambda b: b.rows_added, numeric=True,
               tooltip=lambda b: "Rows of the file that were counted"),
        Column("Skipped", lambda b: b.rows_skipped, numeric=True,
               tooltip=lambda b: "Rows without an area, a category or a readable date"),
        Column("Monthly counts", lambda b: b.counts, numeric=True),
        where=[Column("Months", _months)],
    ),
    batches=list_crime_imports,
    undo=undo_crime_import,
    summary=lambda batches: (
        f"{plural(len(batches), 'crime import')}, newest first. Undo removes exactly the "
        "monthly counts an import added." if batches
        else "No crime statistics have been imported into this database yet."),
    removes=lambda batch: (
        f"This removes the {plural(batch.counts, 'monthly count')} it added, with the "
        "areas and offense categories it created that nothing else uses."),
    undone=undo_result_text,
    size=(1100, 420),
)


class CrimeImportHistoryDialog(ImportHistoryDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent, CRIME_HISTORY)
