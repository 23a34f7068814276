"""The funder workbook of a year at benchmark scale, against openpyxl's own floor.

    python -m bench.funder_workbook [--database bench/out/meetings-100000-20000-25.sqlite]
                                    [--year 2025] [--keep FILE.xlsx]

The database is bench.make_db's (``python -m bench.make_db bench/out/meetings-100000-20000-25
.sqlite --meetings 20000 --invitees 25``: 100,000 people, 20,000 meetings over three years
with 25 invitees each, 100 areas with five years of monthly crime counts). Prints:
- the time to build the report (the queries, counted rows) and to write the workbook
  (streaming every sheet from its own query into write-only sheets, then saving);
- the floor: openpyxl write-only mode writing the same number of plain cells (the same
  sheets, rows and columns; text columns as text, the others as integers; no styles, no
  tables, no charts) and saving, measured here in the same process;
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
from pathlib import Path

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
    parser.add_argument("--keep", type=Path, help="keep the workbook written here")
    args = parser.parse_args(argv)
    if not args.database.exists():
        print(f"{args.database} is missing; build it with python -m bench.make_db "
              f"{args.database} --meetings 20000 --invitees 25", file=sys.stderr)
        return 2
    year = args.year or time.localtime().tm_year - 1
    with tempfile.TemporaryDirectory(dir=ROOT / "bench" / "out") as folder:
        out = args.keep or Path(folder) / "funder.xlsx"
        report, built, wrote = _export(args.database, year, out)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
        size = out.stat().st_size
        cells, floor = _floor(report, Path(folder) / "floor.xlsx")
    total = built + wrote
    print(f"database: {args.database.name}, year {year}")
    for sheet in report.sheets:
        print(f"  {sheet.title:<24} {sheet.source.count:>9,} rows x {len(sheet.columns):>2} "
              "columns")
    print(f"cells (headers included): {cells:,}; workbook {size / 2**20:.1f} MiB")
    print(f"report built in {built:.2f} s, workbook written in {wrote:.2f} s: "
          f"{total:.2f} s in all")
    print(f"floor (openpyxl write-only, same number of plain cells): {floor:.2f} s")
    ratio = total / floor
    print(f"export / floor: {ratio:.2f} (goal <= {RATIO_GOAL}) "
          f"{'OK' if ratio <= RATIO_GOAL else 'OVER'}")
    print(f"peak memory of the export: {peak:.0f} MiB (goal <= {MEMORY_GOAL_MIB}) "
          f"{'OK' if peak <= MEMORY_GOAL_MIB else 'OVER'}")
    return 0


def _export(database: Path, year: int, out: Path) -> tuple[FunderReport, float, float]:
    db = open_database(database)
    try:
        ws = Workspace(db)
        began = time.perf_counter()
        report = funder_report(ws, EvaluationScope(Period.year(year)))
        built = time.perf_counter()
        write_funder_xlsx(report, out)
        wrote = time.perf_counter()
    finally:
        db.close()
    return report, built - began, wrote - built


def _floor(report: FunderReport, out: Path) -> tuple[int, float]:
    """Write the same sheets of plain cells with openpyxl write-only; (cells, seconds)."""
    shapes = [([c.kind == "text" for c in s.columns], max(s.source.count, 1))
              for s in report.sheets]
    shapes.append(([False] * 6, len(report.months)))  # the chart data
    summary_cells = 4 * (12 + len(report.figures) + len(report.sheets))
    cells = summary_cells + sum(len(kinds) * (rows + 1) for kinds, rows in shapes)
    began = time.perf_counter()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Summary")
    for _ in range(summary_cells // 4):
        sheet.append([TEXT, 1, TEXT, TEXT])
    for number, (kinds, rows) in enumerate(shapes):
        sheet = workbook.create_sheet(f"Sheet {number}")
        sheet.append([f"Column {i}" for i in range(len(kinds))])
        for row in range(rows):
            sheet.append([TEXT if text else row for text in kinds])
    workbook.save(out)
    return cells, time.perf_counter() - began


if __name__ == "__main__":
    raise SystemExit(main())
