"""Writing the funder workbook: the sheets in order, progress and cancel, then one save.

The workbook is write-only (rows stream to temporary files, memory stays flat) and is
saved through ``save_workbook``: to a temporary file in the target's folder, renamed over
the target only when complete. A cancel (``cancelled()`` true, or ``progress`` raising)
discards everything written so far and leaves no file, and any earlier file intact.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from openpyxl import Workbook

from app.reports.excel.funder.summary import add_chart_data_sheet, add_summary_sheet
from app.reports.excel.workbook import add_table_sheet, discard, new_workbook, save_workbook
from app.reports.output import Cancelled, ExportCancelled, Progress, Target, no_progress
from app.services.evaluation_scope import EvaluationScope, Period
from app.services.funder_report import FunderReport, SheetData, funder_report
from app.services.workspace import Workspace

FORMATS = {
    "int": "#,##0",
    "money": "#,##0.00",
    "percent": "0.0%",
    "hours": "#,##0.0",
    "score": "0.00",
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
    "month": "mmm yyyy",
}


@dataclass(frozen=True)
class WrittenWorkbook:
    report: FunderReport
    sheets: int
    rows: int  # data rows written (the Summary's lines not counted)


def write_funder_workbook(
    ws: Workspace, scope: EvaluationScope | Period, target: Target, *,
    progress: Progress = no_progress, cancelled: Cancelled | None = None,
    redacted: bool = False,
) -> WrittenWorkbook:
    """Build the funder report for ``scope`` (a period: the whole partnership) and write it
    to ``target`` (a path or a binary file)."""
    if isinstance(scope, Period):
        scope = EvaluationScope(scope)
    report = funder_report(ws, scope, redacted=redacted)
    return write_funder_xlsx(report, target, progress=progress, cancelled=cancelled)


def write_funder_xlsx(
    report: FunderReport, target: Target, *, progress: Progress = no_progress,
    cancelled: Cancelled | None = None,
) -> WrittenWorkbook:
    workbook = _workbook(report)
    total = report.row_count + len(report.months)
    written = 0
    try:
        add_summary_sheet(workbook, report)
        for sheet in report.sheets:
            _check(cancelled)
            written += _add_data_sheet(workbook, sheet, _offset(progress, written, total),
                                       cancelled)
        _check(cancelled)
        add_chart_data_sheet(workbook, report)
        written += len(report.months)
        progress(written, max(total, written))
        _check(cancelled)
    except BaseException:
        discard(workbook)
        raise
    save_workbook(workbook, target)
    return WrittenWorkbook(report, len(workbook.worksheets), written)


def column_formats(sheet: SheetData) -> dict[int, str]:
    return {i: FORMATS[c.kind] for i, c in enumerate(sheet.columns) if c.kind in FORMATS}


def _add_data_sheet(workbook: Workbook, sheet: SheetData, progress: Progress,
                    cancelled: Cancelled | None) -> int:
    headers = [c.header for c in sheet.columns]
    counted = _Counter()
    if sheet.source.count == 0:
        rows = _empty_rows(sheet)
        total = 1
    else:
        rows = sheet.source.open()
        total = sheet.source.count
    with contextlib.closing(_counting(rows, counted)) as stream:  # ends a streamed query
        add_table_sheet(workbook, sheet.title, headers, stream, total=total,
                        number_formats=column_formats(sheet),
                        table_name=sheet.title.replace(" ", "_"), progress=progress,
                        cancelled=cancelled)
    if counted.rows == 1 and sheet.source.count == 0:
        return 0
    return counted.rows


def _empty_rows(sheet: SheetData):  # type: ignore[no-untyped-def]
    yield (sheet.empty,) + (None,) * (len(sheet.columns) - 1)


class _Counter:
    rows = 0


def _counting(rows, counter: _Counter):  # type: ignore[no-untyped-def]
    try:
        for row in rows:
            counter.rows += 1
            yield row
    finally:
        close = getattr(rows, "close", None)
        if close is not None:
            close()


def _workbook(report: FunderReport) -> Workbook:
    period = report.period.label()
    who = report.agency or "Partnership Desk"
    workbook = new_workbook(
        f"Evaluation report for funders, {period}", subject="Evaluation report for funders",
        description=f"{who}: {report.scope_label}, {period}. Key figures, measures per "
        "quarter, initiatives, partners, meetings, action items, training, crime "
        "statistics, surveys and expenditures.",
    )
    properties = workbook.properties
    if report.agency:
        properties.creator = report.agency
    properties.keywords = "evaluation, funder report, crime prevention partnership"
    properties.category = "Evaluation report"
    properties.created = properties.modified = _naive_utc(report.generated_at)
    return workbook


def _naive_utc(moment: datetime) -> datetime:
    from datetime import UTC

    return moment.astimezone(UTC).replace(tzinfo=None)


def _check(cancelled: Cancelled | None) -> None:
    if cancelled is not None and cancelled():
        raise ExportCancelled()


def _offset(progress: Progress, before: int, total: int) -> Callable[[int, int], None]:
    def report(done: int, _sheet_total: int) -> None:
        progress(before + done, max(total, before + done))

    return report
