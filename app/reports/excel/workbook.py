"""Building blocks for every Excel export: write-only workbooks with one table per sheet.

Workbooks are write-only (openpyxl streams rows to disk: 100,000 rows in seconds and
little memory). openpyxl supports Excel tables there when the table's columns are named
by hand, which ``add_table_sheet`` does. Each sheet gets: a header row frozen in place,
an Excel table (banded rows, a filter button on every header), columns sized to their
content (capped), landscape pages fitted to the width with the header repeated, and text
cells that can never turn into formulas (see app/reports/spreadsheet_safety.py).
"""

from __future__ import annotations

import contextlib
import itertools
import re
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles.numbers import is_date_format
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from app.reports.output import (
    PROGRESS_EVERY,
    Cancelled,
    ExportCancelled,
    Progress,
    Target,
    binary_output,
    no_progress,
)
from app.reports.spreadsheet_safety import CellValue, is_formula_like, xlsx_text

CREATOR = "Partnership Desk"
TABLE_STYLE = "TableStyleMedium2"
MIN_WIDTH = 6.0
MAX_WIDTH = 60.0
SHEET_TITLE_LIMIT = 31
WIDTH_SAMPLE = 1000  # rows of a streamed sheet its columns are fitted to
CHECK_EVERY = 200  # rows between two looks at cancelled()
_SHEET_TITLE_ILLEGAL = re.compile(r"[\[\]:*?/\\]")


def new_workbook(title: str, subject: str = "", description: str = "") -> Workbook:
    """An empty write-only workbook with its document properties filled in."""
    workbook = Workbook(write_only=True)
    properties = workbook.properties
    properties.title = title
    properties.subject = subject or None
    properties.description = description or None
    properties.creator = CREATOR
    properties.lastModifiedBy = CREATOR
    now = datetime.now(UTC).replace(tzinfo=None)  # the file format stores UTC, naive
    properties.created = now
    properties.modified = now
    return workbook


def save_workbook(workbook: Workbook, target: Target) -> None:
    """Write the workbook to a path (via a temporary file beside it, renamed at the end)
    or a binary file; a failure discards it and leaves no partial file at the path."""
    try:
        with binary_output(target) as file:
            workbook.save(file)
    except BaseException:
        discard(workbook)
        raise


def discard(workbook: Workbook) -> None:
    """Give up a write-only workbook (cancelled or failed): finish each sheet's row stream
    and delete its temporary file now, instead of leaving a half-written sheet to be
    flushed when it is garbage-collected and removed only when the program ends."""
    for sheet in workbook.worksheets:
        with contextlib.suppress(Exception):
            sheet.close()
        writer = getattr(sheet, "_writer", None)
        if writer is not None and isinstance(writer.out, str):
            with contextlib.suppress(Exception):
                writer.cleanup()


def add_table_sheet(
    workbook: Workbook,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[CellValue]],
    *,
    widths: Sequence[float | None] | None = None,
    number_formats: Mapping[int, str] | None = None,
    table_name: str | None = None,
    progress: Progress = no_progress,
    total: int | None = None,
    cancelled: Cancelled | None = None,
) -> WriteOnlyWorksheet:
    """Append a sheet holding ``rows`` under ``headers`` as one Excel table.

    ``rows``: a sequence, or any iterable streamed row by row (memory stays flat); for
    an iterable, the columns are fitted to the first ``WIDTH_SAMPLE`` rows and ``total``
    (the expected count) feeds ``progress``. ``widths``: per column, in characters (None:
    fit the content). ``number_formats``: column index (from 0) -> Excel number format,
    e.g. ``{3: "#,##0.00"}``; such columns are fitted to the values as that format shows
    them. ``cancelled()`` true, or ``progress`` raising, gives up the whole workbook (see
    ``discard``) and raises ``ExportCancelled`` (or what ``progress`` raised).
    """
    if len(set(headers)) != len(headers) or not headers:
        raise ValueError("an Excel table needs distinct, non-empty column headers")
    try:
        return _add_table_sheet(workbook, title, headers, rows, widths, number_formats or {},
                                table_name, progress, total, cancelled)
    except BaseException:
        discard(workbook)
        raise


def _add_table_sheet(
    workbook: Workbook, title: str, headers: Sequence[str],
    rows: Iterable[Sequence[CellValue]], widths: Sequence[float | None] | None,
    formats: Mapping[int, str], table_name: str | None, progress: Progress,
    total: int | None, cancelled: Cancelled | None,
) -> WriteOnlyWorksheet:
    sheet = _CellSheet(parent=workbook, title=sheet_title(title))
    workbook._add_sheet(sheet)
    if isinstance(rows, Sequence):
        sample: Sequence[Sequence[CellValue]] = rows
        rest: Iterator[Sequence[CellValue]] = iter(())
        total = len(rows)
    else:
        rest = iter(rows)
        sample = list(itertools.islice(rest, WIDTH_SAMPLE))
        total = max(total or 0, len(sample))
    fitted = fitted_widths(headers, sample, formats)
    for index, width in enumerate(fitted):
        given = widths[index] if widths is not None and index < len(widths) else None
        sheet.column_dimensions[get_column_letter(index + 1)].width = given or width
    _page_setup(sheet)
    heading = [_column_cells(sheet, None) for _ in headers]
    sheet.append([cell(h) for cell, h in zip(heading, headers, strict=True)])
    cells = [_column_cells(sheet, formats.get(i)) for i in range(len(headers))]
    append = sheet.append
    done = 0
    for done, row in enumerate(itertools.chain(sample, rest), start=1):
        append([cell(v) for cell, v in zip(cells, row, strict=False)])
        if done % CHECK_EVERY == 0:
            if cancelled is not None and cancelled():
                raise ExportCancelled()
            if done % PROGRESS_EVERY == 0:
                progress(done, max(total, done))
    progress(done, max(total, done))
    ref = f"A1:{get_column_letter(len(headers))}{max(done, 1) + 1}"  # Excel: >= 1 data row
    table = Table(
        displayName=_table_name(workbook, table_name or title),
        ref=ref,
        tableStyleInfo=TableStyleInfo(name=TABLE_STYLE, showRowStripes=True),
    )
    # Write-only sheets cannot be read back, so the columns are named here.
    table.tableColumns = [TableColumn(id=i, name=h) for i, h in enumerate(headers, start=1)]
    table.autoFilter = AutoFilter(ref=ref)
    with warnings.catch_warnings():  # "you must add table columns manually": done above
        warnings.simplefilter("ignore", UserWarning)
        sheet.add_table(table)
    return sheet


class _CellSheet(WriteOnlyWorksheet):
    """A write-only sheet whose rows are appended as ready cells (None: no cell).

    openpyxl's own ``append`` takes every value through a fresh typing pass and catches
    an exception for every cell that carries a style, then makes a new blank cell to go
    on; here each column has one cell (``_column_cells``), re-filled for every row and
    written out by openpyxl's own sheet writer before the next row is appended. Were
    openpyxl to drop this hook, its ``append`` still takes the same cells (more slowly)."""

    def _values_to_row(self, values: Iterable[Cell | None], row_idx: int
                       ) -> Iterator[Cell]:
        for column, cell in enumerate(values, 1):
            if cell is not None:
                cell.column = column
                cell.row = row_idx
                yield cell


def _column_cells(sheet: WriteOnlyWorksheet, number_format: str | None
                  ) -> Callable[[CellValue], Cell | None]:
    """value -> the cell to append for one column (None: no cell): text neutralised (see
    app/reports/spreadsheet_safety.py), times local, the column's number format shared.

    One cell serves the whole column: it is written out as soon as its row is appended,
    so it is filled again for the next row. Its style (the number format) is set once;
    the common values (text, int, float, dates in a date column) are bound directly,
    anything else gets a cell of its own typed by openpyxl."""
    shared = WriteOnlyCell(sheet)
    if number_format is not None:
        shared.number_format = number_format
    dated = number_format is not None and is_date_format(number_format)

    def cell(value: CellValue) -> Cell | None:
        kind = type(value)
        if kind is str:
            text = xlsx_text(value)  # type: ignore[arg-type]
            if not text:
                return None  # no cell at all: smaller and faster than an empty string
            if is_formula_like(text):
                return _quoted_text(sheet, text)
            shared._value = text
            shared.data_type = "s"  # as typed: never a formula or an error code
            return shared
        if value is None:
            return None
        if kind is int or kind is float:
            shared._value = value
            shared.data_type = "n"
            return shared
        if kind is datetime and value.tzinfo is not None:  # type: ignore[union-attr]
            value = value.astimezone().replace(tzinfo=None)  # type: ignore[union-attr]
        if dated and (kind is datetime or kind is date):
            shared._value = value
            shared.data_type = "d"
            return shared
        own = WriteOnlyCell(sheet, value)  # bool, Decimal, a date outside a date column
        if number_format is not None and not isinstance(value, date):
            own.number_format = number_format
        return own

    return cell


def _quoted_text(sheet: WriteOnlyWorksheet, text: str) -> Cell:
    """Text a spreadsheet would evaluate, as a text cell shown exactly as typed."""
    cell = WriteOnlyCell(sheet)
    cell._value = text
    cell.data_type = "s"  # openpyxl would take it for a formula; it is text
    cell.quotePrefix = True  # Excel shows it as typed and keeps it text on edit
    return cell


def sheet_title(title: str) -> str:
    """A valid sheet title: none of []:*?/\\ and at most 31 characters."""
    cleaned = _SHEET_TITLE_ILLEGAL.sub(" ", title).strip().strip("'") or "Sheet"
    return cleaned[:SHEET_TITLE_LIMIT]


def fitted_widths(
    headers: Sequence[str], rows: Sequence[Sequence[CellValue]],
    number_formats: Mapping[int, str] | None = None,
) -> list[float]:
    """Column widths (characters) that fit the header and the longest line of each column;
    numbers and dates as their column's number format shows them (0.8333 as "83%")."""
    formats = number_formats or {}
    widths = []
    for index, header in enumerate(headers):
        values = [row[index] if index < len(row) else None for row in rows]
        texts = [v for v in values if isinstance(v, str) and v]
        joined = "\x00".join(texts)
        if joined.isascii() and "\n" not in joined:  # the common case, measured in C
            longest = max(map(len, texts), default=0)
        else:
            longest = max(map(_display_width, texts), default=0)
        number_format = formats.get(index)
        others = [_shown_width(v, number_format) for v in values
                  if v is not None and not isinstance(v, str)]
        content = max(float(longest), max(others, default=0.0))
        widths.append(min(MAX_WIDTH, max(MIN_WIDTH, len(header) + 3.0, content + 1.5)))
    return widths


def _shown_width(value: CellValue, number_format: str | None) -> float:
    """How many characters a number or date takes as ``number_format`` shows it."""
    if isinstance(value, bool):
        return 5.0
    if isinstance(value, datetime | date):
        if number_format is None:
            return 16.0 if isinstance(value, datetime) else 10.0
        return float(len(number_format.replace("\\", "").replace('"', "")))
    if isinstance(value, int | float | Decimal) and number_format:
        number = float(value)
        if number_format.endswith("%"):
            decimals = number_format.count("0") - 1
            return float(len(f"{number:.{max(decimals, 0)}%}"))
        decimals = len(number_format.rsplit(".", 1)[1]) if "." in number_format else 0
        grouping = "," if "," in number_format else ""
        return float(len(f"{number:{grouping}.{decimals}f}"))
    return _display_width(value)


def _display_width(value: CellValue) -> float:
    if value is None:
        return 0.0
    if isinstance(value, datetime):
        return 16.0
    text = value if isinstance(value, str) else str(value)
    if "\n" in text:
        return max(_display_width(line) for line in text.split("\n"))
    if text.isascii():
        return float(len(text))
    return float(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text))


def _table_name(workbook: Workbook, wanted: str) -> str:
    """A workbook-unique table name: letters, digits and underscores, starting with a letter."""
    base = re.sub(r"\W", "_", wanted, flags=re.ASCII).strip("_") or "Table"
    if not base[0].isalpha():
        base = "T_" + base
    taken = {name for ws in workbook.worksheets for name in ws.tables}
    name, number = base, 1
    while name in taken:
        number += 1
        name = f"{base}_{number}"
    return name


def _page_setup(sheet: WriteOnlyWorksheet) -> None:
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
