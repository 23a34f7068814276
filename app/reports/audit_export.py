"""The audit log as a CSV file or an Excel workbook (formula-safe, times in UTC)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from app.reports.csv_export import write_csv
from app.reports.output import Progress, Target, no_progress
from app.reports.spreadsheet_safety import CellValue
from app.services.audit_log import AuditRow

HEADERS = (
    "When (UTC)",
    "User",
    "Workstation",
    "Action",
    "Record kind",
    "Record id",
    "Outcome",
    "Summary",
    "Changes",
)


def changes_text(changes: dict[str, object]) -> str:
    return json.dumps(changes, ensure_ascii=False, sort_keys=True, default=str) if changes else ""


def audit_table(rows: Sequence[AuditRow]) -> list[list[CellValue]]:
    return [
        [
            row.at.strftime("%Y-%m-%d %H:%M:%S"),
            row.user_name,
            row.workstation,
            row.action.value,
            row.entity,
            row.entity_id,
            row.outcome.value,
            row.summary,
            changes_text(row.changes),
        ]
        for row in rows
    ]


def write_audit_csv(
    rows: Sequence[AuditRow], target: Target, progress: Progress = no_progress
) -> None:
    write_csv(target, HEADERS, audit_table(rows), progress)


def write_audit_xlsx(
    rows: Sequence[AuditRow], target: Target, progress: Progress = no_progress
) -> None:
    from app.reports.excel.workbook import add_table_sheet, new_workbook, save_workbook

    workbook = new_workbook("Audit log", description="Partnership Desk audit log, times in UTC")
    add_table_sheet(
        workbook,
        "Audit log",
        HEADERS,
        audit_table(rows),
        widths=[20, None, None, None, None, None, None, 60, 60],
        table_name="AuditLog",
        progress=progress,
    )
    save_workbook(workbook, target)
