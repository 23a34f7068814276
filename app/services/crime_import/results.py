"""What a crime import preview, an import, an undo and the history hand back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from app.models.crime import AreaKind
from app.services.crime_import.dates import DateOrder
from app.services.crime_import.layouts import CrimeMapping
from app.services.import_batches import ImportBatchRow


@dataclass(frozen=True)
class SkippedRows:
    """Rows left out for one reason ("no area", "date not recognised"...): how many, the
    first row numbers (as a spreadsheet numbers them) and a few of the values met."""

    reason: str
    count: int
    rows: tuple[int, ...]
    examples: tuple[str, ...] = ()

    @property
    def rows_text(self) -> str:
        shown = ", ".join(str(r) for r in self.rows[:20])
        more = self.count - min(len(self.rows), 20)
        return f"{shown} and {more:,} more" if more > 0 else shown


@dataclass(frozen=True)
class CrimeCell:
    """Incidents of one category in one area in one month (``month`` is its 1st)."""

    area: str
    category: str
    month: date
    count: int


@dataclass(frozen=True)
class PreviousImport:
    batch_id: int
    imported_at: datetime
    imported_by: str


@dataclass(frozen=True)
class CrimePreview:
    """A file read and counted, nothing written. ``needs_date_order``: the dates could be
    day-first or month-first and the file cannot tell; call :func:`choose_date_order`
    (the counts by month are then filled in without reading the file again)."""

    path: Path
    source_name: str
    sha256: str
    size: int
    format: str  # "CSV (comma-separated)"
    encoding: str  # "UTF-8", "Windows-1252"...
    layout: str  # "Chicago data portal (...)", "data.police.uk street-level crime", ...
    headers: tuple[str, ...]
    samples: tuple[str, ...]  # per column: a first value, for the mapping page
    mapping: CrimeMapping
    rows_read: int
    rows_counted: int
    skipped: tuple[SkippedRows, ...]
    cells: tuple[CrimeCell, ...]  # empty while needs_date_order
    new_areas: tuple[str, ...]
    new_categories: tuple[str, ...]
    areas: int  # distinct areas and categories counted
    categories: int
    already_imported: PreviousImport | None
    needs_date_order: bool
    date_order: DateOrder | None  # the order used (chosen, the layout's, or the file's)
    date_order_inferred: bool  # the file itself showed the order
    existing_cells: int  # cells that already hold a count from another import or by hand
    undecided: tuple[tuple[str, str, int, int, int, int], ...] = ()  # see aggregate.Tally
    area_names: tuple[tuple[str, str], ...] = ()  # folded -> as shown
    category_names: tuple[tuple[str, str], ...] = ()

    @property
    def rows_skipped(self) -> int:
        return sum(s.count for s in self.skipped)

    @property
    def incidents(self) -> int:
        return sum(c.count for c in self.cells)

    @property
    def months(self) -> tuple[date, ...]:
        return tuple(sorted({c.month for c in self.cells}))

    @property
    def area_kind(self) -> AreaKind:
        return self.mapping.area_kind

    @property
    def can_import(self) -> bool:
        return bool(self.cells) and not self.needs_date_order and self.already_imported is None


@dataclass(frozen=True)
class CrimeImportResult:
    batch_id: int
    rows_read: int
    rows_counted: int
    rows_skipped: int
    counts_added: int  # crime_counts rows (area x category x month)
    incidents: int
    areas_added: int
    categories_added: int
    first_month: date
    last_month: date


@dataclass(frozen=True)
class CrimeUndoResult:
    batch_id: int
    counts_removed: int
    areas_removed: int
    categories_removed: int
    areas_kept: tuple[str, ...]  # created by the import, used by other records now


@dataclass(frozen=True)
class CrimeImportRow(ImportBatchRow):
    """One crime import in the history: a batch row and what it holds now."""

    counts: int  # crime_counts rows it holds now (0 once undone)
    first_month: date | None
    last_month: date | None
