"""What an import preview, an import, an undo and the import history hand back."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.services.contacts.mapping import ColumnMapping
from app.services.contacts.rows import CheckedRow, ContactRow
from app.services.import_batches import ImportBatchRow as ImportBatchRow  # the history row


class RowStatus(enum.Enum):
    NEW = "new"
    DUPLICATE = "duplicate"
    ERROR = "error"


@dataclass(frozen=True)
class PreviewRow:
    """One row or card: new, a duplicate (of an existing record or an earlier row), or
    an error; ``reason`` says why ("same e-mail ann@x.org", "no name, e-mail ...")."""

    row_number: int
    where: str  # "row 12" (as a spreadsheet numbers it) or "card 3"
    status: RowStatus
    contact: ContactRow | None
    reason: str = ""
    duplicate_of_id: int | None = None
    duplicate_of_row: int | None = None
    duplicate_of_name: str = ""
    warnings: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.contact.name if self.contact else ""

    @property
    def description(self) -> str:
        """The status as a sentence for a preview table or the command line."""
        if self.status is RowStatus.ERROR:
            return f"error: {self.reason}"
        if self.status is RowStatus.NEW:
            return "new"
        if self.duplicate_of_row is not None:
            return f"duplicate of row {self.duplicate_of_row} ({self.duplicate_of_name}): " \
                   f"{self.reason}"
        if self.duplicate_of_id is not None:
            return f"duplicate of {self.duplicate_of_name} (#{self.duplicate_of_id}): " \
                   f"{self.reason}"
        return f"duplicate: {self.reason}"

    def checked(self) -> CheckedRow:
        error = self.reason if self.status is RowStatus.ERROR else ""
        return CheckedRow(self.row_number, self.where, self.contact, error, self.warnings)


@dataclass(frozen=True)
class ImportPreview:
    path: Path
    source_name: str
    sha256: str
    format: str  # "CSV (comma-separated)", "vCard", "Excel workbook"
    encoding: str  # "UTF-8", "Shift-JIS", ... ("" for workbooks)
    layout: str  # "Outlook", "Google Contacts", "Spreadsheet", "vCard", ...
    headers: tuple[str, ...]
    proposed_mapping: ColumnMapping | None  # None for vCards
    mapping: ColumnMapping | None  # the mapping these rows were read with
    mapping_saved: bool  # the mapping came from an earlier import of this header
    rows: tuple[PreviewRow, ...]
    already_imported: bool
    already_imported_on: datetime | None
    new_organizations: tuple[str, ...]
    directory_state: tuple[object, ...]
    samples: tuple[str, ...] = ()  # per column: its first non-blank value (tables)

    def count(self, status: RowStatus) -> int:
        return sum(1 for r in self.rows if r.status is status)

    @property
    def new_count(self) -> int:
        return self.count(RowStatus.NEW)

    @property
    def duplicate_count(self) -> int:
        return self.count(RowStatus.DUPLICATE)

    @property
    def error_count(self) -> int:
        return self.count(RowStatus.ERROR)


@dataclass(frozen=True)
class ImportResult:
    batch_id: int | None  # None when nothing was added (no batch is recorded then)
    rows_read: int
    people_added: int
    organizations_added: int
    duplicates_skipped: int
    errors: int
    already_imported: bool = False


@dataclass(frozen=True)
class UndoResult:
    batch_id: int
    people_removed: int
    organizations_removed: int
    organizations_kept: tuple[str, ...]  # created by the import, now used by other records
