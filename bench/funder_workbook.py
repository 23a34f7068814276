"""The funder workbook of a year at benchmark scale, against openpyxl's own floor.

    python -m bench.funder_workbook [--database bench/out/meetings-100000-20000-25.sqlite]
                                    [--year 2025] [--keep FILE.xlsx]

The database is bench.make_db's (``python -m bench.make_db bench/out/meetings-100000-20000-25
.sqlite --meetings 20000 --invitees 25``: 100,000 people, 20,000 meetings over three years
with 25 invitees each, 100 areas with five years of monthly crime counts). Prints:
- the time to build the report (the queries, counted rows) and to write the workbook
  (streaming every sheet from its own query into write-only sheets, then saving);
- the floor: openpyxl write-only mode writing the same cells and saving, measured here in
  the same process after the export: the report's own rows read beforehand (the same
  sheets, rows and columns, the same values and value types: dates and times, integers,
  decimals, text; an empty text is no cell, as in the export), appended as plain values
  (no number formats but the date formats openpyxl gives dates itself, no tables, no
  charts); the Summary as plain cells of its size;
- the ratio of the whole export to the floor (goal: 1.3 or less) and the peak memory of
  the export (the process's maximum resident set, taken before the floor runs; goal:
  300 MiB or less).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from statistics import median

from openpyxl import Workbook

from app.models.database import open_database
from app.reports.excel.funder import write_funder_xlsx
from app.services.evaluation_scope import EvaluationScope, Period
from app.services.funder_report import FunderReport, funder_report
from app.services.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
DATABASE = ROOT / "bench" / "out" / "meetings-100000-20000-25.sqlite"
RATIO_GOAL = 1.3
MEMORY_GOAL_MIB = 300
TEXT = "Partnership meeting 01234"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.funder_workbook",
                                     description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", type=Path, default=DATABASE)
    parser.add_argument("--year", type=int, default=None,
                        help="the year reported (default: last year)")
    parser.add_argument("--runs", type=int, default=3,
                        help="export and floor taken in turn this many times; medians "
                        "are printed (default 3)")
    parser.add_argument("--keep", type=Path, help="keep the workbook written here")
    args = parser.parse_args(argv)
    if not args.database.exists():
        print(f"{args.database} is missing; build it with python -m bench.make_db "
              f"{args.database} --meetings 20000 --invitees 25", file=sys.stderr)
        return 2
    year = args.year or time.localtime().tm_year - 1
    builds, writes, floors, cpu_exports, cpu_floors = [], [], [], [], []
    with tempfile.TemporaryDirectory(dir=ROOT / "bench" / "out") as folder:
        out = args.keep or Path(folder) / "funder.xlsx"
        for run in range(max(args.runs, 1)):
            report, built, wrote, cpu = _export(args.database, year, out)
            cpu_exports.append(cpu)
            builds.append(built)
            writes.append(wrote)
            if run == 0:  # before the floor ever ran: the export's own peak
                peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB
                size = out.stat().st_size
                cells, summary_rows, sheets = _floor_cells(args.database, report)
            began_cpu = time.process_time()
            floors.append(_floor(summary_rows, sheets, Path(folder) / "floor.xlsx"))
            cpu_floors.append(time.process_time() - began_cpu)
    built, wrote, floor = median(builds), median(writes), median(floors)
    total = median(b + w for b, w in zip(builds, writes, strict=True))
    print(f"database: {args.database.name}, year {year}; medians of {len(builds)} runs")
    for sheet in report.sheets:
        print(f"  {sheet.title:<24} {sheet.source.count:>9,} rows x {len(sheet.columns):>2} "
              "columns")
    print(f"cells (headers included): {cells:,}; workbook {size / 2**20:.1f} MiB")
    print(f"report built in {built:.2f} s, workbook written in {wrote:.2f} s: "
          f"{total:.2f} s in all")
    print(f"floor (openpyxl write-only, the same cells as plain values): {floor:.2f} s")
    ratio = total / floor
    print(f"export / floor: {ratio:.2f} (goal <= {RATIO_GOAL}) "
          f"{'OK' if ratio <= RATIO_GOAL else 'OVER'}")
    print(f"CPU time: export {median(cpu_exports):.2f} s, floor {median(cpu_floors):.2f} s: "
          f"{median(cpu_exports) / median(cpu_floors):.2f} (less moved by a busy machine)")
    print(f"peak memory of the export: {peak:.0f} MiB (goal <= {MEMORY_GOAL_MIB}) "
          f"{'OK' if peak <= MEMORY_GOAL_MIB else 'OVER'}")
    return 0


def _export(database: Path, year: int, out: Path
            ) -> tuple[FunderReport, float, float, float]:
    """(report, seconds to build it, seconds to write it, CPU seconds of both)."""
    db = open_database(database)
    try:
        ws = Workspace(db)
        began, began_cpu = time.perf_counter(), time.process_time()
        report = funder_report(ws, EvaluationScope(Period.year(year)))
        built = time.perf_counter()
        write_funder_xlsx(report, out)
        wrote, cpu = time.perf_counter(), time.process_time() - began_cpu
    finally:
        db.close()
    return report, built - began, wrote - built, cpu


Sheet = tuple[list[str], list[list[object]]]


def _floor_cells(database: Path, report: FunderReport) -> tuple[int, int, list[Sheet]]:
    """The export's cells as plain values: (cells, Summary rows, data sheets).

    Read from the database once, before the floor is timed: the floor is openpyxl's work
    only, on the very values the export writes."""
    db = open_database(database)
    try:
        again = funder_report(Workspace(db), report.scope, redacted=report.redacted)
        sheets = [([c.header for c in s.columns], [_plain(r) for r in s.source.open()])
                  for s in again.sheets]
    finally:
        db.close()
    sheets.append((["Month", "Crimes", "Held", "Invited", "Present", "Rate"],
                   [[m.month, m.crimes, m.meetings_held, m.invited, m.present,
                     m.attendance_rate] for m in report.months]))
    summary_rows = 12 + len(report.figures) + len(report.sheets)
    cells = 4 * summary_rows + sum(
        len(headers) + sum(v is not None for row in rows for v in row)
        for headers, rows in sheets)
    return cells, summary_rows, sheets


def _floor(summary_rows: int, sheets: list[Sheet], out: Path) -> float:
    """Seconds openpyxl write-only takes to write these cells and save them."""
    began = time.perf_counter()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Summary")
    for _ in range(summary_rows):
        sheet.append([TEXT, 1, TEXT, TEXT])
    for number, (headers, rows) in enumerate(sheets):
        sheet = workbook.create_sheet(f"Sheet {number}")
        sheet.append(headers)
        for row in rows:
            sheet.append(row)
    workbook.save(out)
    return time.perf_counter() - began


def _plain(row: tuple[object, ...]) -> list[object]:
    """A report row as openpyxl takes it: no empty text (no cell), naive local times."""
    return [None if value == "" else
            value.astimezone().replace(tzinfo=None)
            if isinstance(value, datetime) and value.tzinfo is not None else value
            for value in row]


if __name__ == "__main__":
    raise SystemExit(main())
