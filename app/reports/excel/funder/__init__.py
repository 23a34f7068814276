"""The funder workbook (issue 7): Summary with charts, then one Excel table per data sheet.

    write_funder_workbook(ws, scope, target, progress=..., cancelled=...)

builds the report (app/services/funder_report.py) and writes it; ``write_funder_xlsx``
writes a report already built. Both run without Qt, in a worker thread of the UI or in
``main.py report funder``.
"""

from __future__ import annotations

from app.reports.excel.funder.writer import (
    WrittenWorkbook,
    write_funder_workbook,
    write_funder_xlsx,
)

__all__ = ["WrittenWorkbook", "write_funder_workbook", "write_funder_xlsx"]
