"""CSV files that Excel opens correctly: UTF-8 with a BOM, CRLF, formula-safe cells."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from app.reports.directory_tables import Tabular, organizations_table, people_table
from app.reports.output import PROGRESS_EVERY, Progress, Target, binary_output, no_progress
from app.reports.spreadsheet_safety import CellValue, csv_value
from app.services.directory_export import OrganizationExportRow, PersonExportRow


def write_csv(
    target: Target,
    headers: Sequence[str],
    rows: Sequence[Sequence[CellValue]],
    progress: Progress = no_progress,
) -> None:
    """Write one table. The BOM makes Excel read UTF-8 (accents, any script) correctly."""
    with binary_output(target) as file:
        text = io.TextIOWrapper(file, encoding="utf-8", newline="")
        try:
            text.write("\ufeff")
            writer = csv.writer(text, lineterminator="\r\n")
            writer.writerow([csv_value(h) for h in headers])
            total = len(rows)
            for done, row in enumerate(rows, start=1):
                writer.writerow([csv_value(v) for v in row])
                if done % PROGRESS_EVERY == 0:
                    progress(done, total)
            progress(total, total)
            text.flush()
        finally:
            text.detach()  # leave the caller's file object open


def write_tabular_csv(table: Tabular, target: Target, progress: Progress = no_progress) -> None:
    write_csv(target, table.headers, table.rows, progress)


def write_people_csv(
    rows: Sequence[PersonExportRow], target: Target, progress: Progress = no_progress
) -> None:
    write_tabular_csv(people_table(rows), target, progress)


def write_organizations_csv(
    rows: Sequence[OrganizationExportRow], target: Target, progress: Progress = no_progress
) -> None:
    write_tabular_csv(organizations_table(rows), target, progress)
