"""The directory as Excel workbooks: people, organizations."""

from __future__ import annotations

from collections.abc import Sequence

from app.reports.directory_tables import organizations_table, people_table
from app.reports.excel.workbook import add_table_sheet, new_workbook, save_workbook
from app.reports.output import Progress, Target, no_progress
from app.services.directory_export import OrganizationExportRow, PersonExportRow


def write_people_xlsx(
    rows: Sequence[PersonExportRow], target: Target, progress: Progress = no_progress
) -> None:
    table = people_table(rows)
    workbook = new_workbook("People", subject="Partner directory")
    add_table_sheet(workbook, "People", table.headers, table.rows, progress=progress)
    save_workbook(workbook, target)


def write_organizations_xlsx(
    rows: Sequence[OrganizationExportRow], target: Target, progress: Progress = no_progress
) -> None:
    table = organizations_table(rows)
    workbook = new_workbook("Organizations", subject="Partner directory")
    add_table_sheet(
        workbook, "Organizations", table.headers, table.rows, progress=progress
    )
    save_workbook(workbook, target)
