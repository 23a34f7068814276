"""Directory export times at scale: people to CSV, XLSX, vCard and the directory PDF.

    python -m bench.export_directory [--database bench/out/people-100000.sqlite]
                                     [--formats csv,xlsx,vcard,pdf] [--keep DIR]

Build the database first with
``python -m bench.make_db bench/out/people-100000.sqlite --people 100000``.
Prints the seconds for reading the rows and for writing each format, and file sizes.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from app.models.database import open_database
from app.reports.csv_export import write_organizations_csv, write_people_csv
from app.reports.excel.directory import write_people_xlsx
from app.reports.pdf.directory import write_directory_pdf
from app.reports.vcard import write_vcards
from app.services.directory_export import (
    organizations_for_export,
    people_for_export,
)
from app.services.directory_report import directory_report
from app.services.search import DirectoryFilter
from app.services.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "bench" / "out" / "people-100000.sqlite"
FORMATS = ("csv", "xlsx", "vcard", "pdf")
T = TypeVar("T")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, default=DEFAULT_DB)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--search", default="", help="export only what this search finds")
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    args = parser.parse_args(argv)
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        parser.error(f"unknown formats: {', '.join(unknown)}")
    if not args.database.exists():
        print(f"{args.database} is missing; build it with\n  python -m bench.make_db "
              f"{args.database} --people 100000", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="pdesk-export-") as scratch:
        out = args.keep or Path(scratch)
        out.mkdir(parents=True, exist_ok=True)
        run(args.database, out, formats, DirectoryFilter(search=args.search))
    return 0


def run(database: Path, out: Path, formats: list[str], flt: DirectoryFilter) -> None:
    db = open_database(database)
    ws = Workspace(db)
    try:
        people = timed("read people", lambda: people_for_export(ws, flt))
        print(f"  {len(people):,} people")
        if "csv" in formats:
            write("people.csv", out, lambda p: write_people_csv(people, p))
            organizations = timed("read organizations", lambda: organizations_for_export(ws, flt))
            write("organizations.csv", out, lambda p: write_organizations_csv(organizations, p))
        if "xlsx" in formats:
            write("people.xlsx", out, lambda p: write_people_xlsx(people, p))
        if "vcard" in formats:
            write("people.vcf", out, lambda p: write_vcards(people, p))
        if "pdf" in formats:
            report = timed("read directory report", lambda: directory_report(ws, flt))
            print(f"  {len(report.sections):,} organizations, {report.people_count:,} people")
            write("directory.pdf", out, lambda p: write_directory_pdf(report, p))
    finally:
        db.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:,.0f} MiB")


def timed(label: str, work: Callable[[], T]) -> T:
    started = time.perf_counter()
    result = work()
    print(f"{label:<28} {time.perf_counter() - started:7.2f} s")
    return result


def write(name: str, out: Path, work: Callable[[Path], None]) -> None:
    path = out / name
    started = time.perf_counter()
    work(path)
    seconds = time.perf_counter() - started
    print(f"write {name:<22} {seconds:7.2f} s  {path.stat().st_size / 2**20:8.1f} MiB")


if __name__ == "__main__":
    sys.exit(main())
