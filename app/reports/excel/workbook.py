"""Building blocks for every Excel export: write-only workbooks with one table per sheet.

Workbooks are write-only (openpyxl streams rows to disk: 100,000 rows in seconds and
little memory). openpyxl supports Excel tables there when the table's columns are named
by hand, which ``add_table_sheet`` does. Each sheet gets: a header row frozen in place,
an Excel table (banded rows, a filter button on every header), columns sized to their
content (capped), landscape pages fitted to the width with the header repeated, and text
cells that can never turn into formulas (see app/reports/spreadsheet_safety.py).
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from app.reports.output import PROGRESS_EVERY, Progress, Target, binary_output, no_progress
from app.reports.spreadsheet_safety import CellValue, is_formula_like, xlsx_text

CREATOR = "Partnership Desk"
TABLE_STYLE = "TableStyleMedium2"
MIN_WIDTH = 6.0
MAX_WIDTH = 60.0
SHEET_TITLE_LIMIT = 31
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
    with binary_output(target) as file:
        workbook.save(file)


def add_table_sheet(
    workbook: Workbook,
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[CellValue]],
    *,
    widths: Sequence[float | None] | None = None,
    number_formats: Mapping[int, str] | None = None,
    table_name: str | None = None,
    progress: Progress = no_progress,
) -> WriteOnlyWorksheet:
    """Append a sheet holding ``rows`` under ``headers`` as one Excel table.

    ``widths``: per column, in characters (None: fit the content). ``number_formats``:
    column index (from 0) -> Excel number format, e.g. ``{3: "#,##0.00"}``.
    """
    if len(set(headers)) != len(headers) or not headers:
        raise ValueError("an Excel table needs distinct, non-empty column headers")
    sheet: WriteOnlyWorksheet = workbook.create_sheet(sheet_title(title))
    fitted = fitted_widths(headers, rows)
    for index, width in enumerate(fitted):
        given = widths[index] if widths is not None and index < len(widths) else None
        sheet.column_dimensions[get_column_letter(index + 1)].width = given or width
    _page_setup(sheet)
    sheet.append(list(headers))
    formats = dict(number_formats or {})
    total = len(rows)
    for done, row in enumerate(rows, start=1):
        sheet.append([_cell(sheet, v, formats.get(i)) for i, v in enumerate(row)])
        if done % PROGRESS_EVERY == 0:
            progress(done, total)
    progress(total, total)
    ref = f"A1:{get_column_letter(len(headers))}{max(total, 1) + 1}"  # Excel: >= 1 data row
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


def sheet_title(title: str) -> str:
    """A valid sheet title: none of []:*?/\\ and at most 31 characters."""
    cleaned = _SHEET_TITLE_ILLEGAL.sub(" ", title).strip().strip("'") or "Sheet"
    return cleaned[:SHEET_TITLE_LIMIT]


def fitted_widths(
    headers: Sequence[str], rows: Sequence[Sequence[CellValue]]
) -> list[float]:
    """Column widths (characters) that fit the header and the longest line of each column."""
    widths = []
    for index, header in enumerate(headers):
        values = [row[index] for row in rows]
        texts = [v for v in values if isinstance(v, str) and v]
        joined = "\x00".join(texts)
        if joined.isascii() and "\n" not in joined:  # the common case, measured in C
            longest = max(map(len, texts), default=0)
        else:
            longest = max(map(_display_width, texts), default=0)
        others = [_display_width(v) for v in values if not isinstance(v, str)]
        content = max(float(longest), max(others, default=0.0))
        widths.append(min(MAX_WIDTH, max(MIN_WIDTH, len(header) + 3.0, content + 1.5)))
    return widths


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


def _cell(sheet: WriteOnlyWorksheet, value: CellValue, number_format: str | None) -> object:
    if isinstance(value, str):
        if not value:
            return None  # no cell at all: smaller and faster than an empty string
        value = xlsx_text(value)
        if is_formula_like(value):
            cell = WriteOnlyCell(sheet, value)
            cell.data_type = "s"  # openpyxl took it for a formula; it is text
            cell.quotePrefix = True  # Excel shows it as typed and keeps it text on edit
            return cell
    elif isinstance(value, datetime) and value.tzinfo is not None:
        value = value.astimezone().replace(tzinfo=None)  # Excel has no time zones: local
    if number_format is None or value is None:
        return value
    cell = WriteOnlyCell(sheet, value)
    cell.number_format = number_format
    return cell


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
