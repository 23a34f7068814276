"""Importing a 1,000,000-row Chicago-layout crime file into a fresh SQLite database.

    python -m bench.crime_import [--rows 1000000] [--area-column District] [--flatness]

The CSV (22 Chicago portal columns, 2015-2019, 270 beats in 22 districts, 30 offense
types, 1 % of rows without a district) is generated once, deterministically, into
bench/out/ and reused. Printed: file size, preview (the one streamed pass: decode, parse,
hash, aggregate), commit (re-hash check plus one transaction), total, and the peak
resident memory of the process (``resource.getrusage``). ``--flatness`` runs 100,000 and
1,000,000 rows each in a fresh process, to show that memory does not grow with the file.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
_COLUMNS = ("ID,Case Number,Date,Block,IUCR,Primary Type,Description,Location Description,"
            "Arrest,Domestic,Beat,District,Ward,Community Area,FBI Code,X Coordinate,"
            "Y Coordinate,Year,Updated On,Latitude,Longitude,Location")
HEADER = tuple(_COLUMNS.split(","))
TYPES = ["THEFT", "BATTERY", "CRIMINAL DAMAGE", "NARCOTICS", "ASSAULT", "OTHER OFFENSE",
         "BURGLARY", "MOTOR VEHICLE THEFT", "DECEPTIVE PRACTICE", "ROBBERY",
         "CRIMINAL TRESPASS", "WEAPONS VIOLATION", "PROSTITUTION", "PUBLIC PEACE VIOLATION",
         "OFFENSE INVOLVING CHILDREN", "CRIM SEXUAL ASSAULT", "SEX OFFENSE",
         "INTERFERENCE WITH PUBLIC OFFICER", "GAMBLING", "LIQUOR LAW VIOLATION", "ARSON",
         "HOMICIDE", "KIDNAPPING", "INTIMIDATION", "STALKING", "OBSCENITY",
         "CONCEALED CARRY LICENSE VIOLATION", "NON-CRIMINAL", "PUBLIC INDECENCY",
         "HUMAN TRAFFICKING"]


def generate(path: Path, rows: int) -> None:
    rng = random.Random(20150208)
    weights = [1 / (i + 1) for i in range(len(TYPES))]
    districts = [d for d in range(1, 26) if d not in (13, 21, 23)]
    beats = [(d, d * 100 + b) for d in districts for b in range(11, 24)][:270]
    tmp = path.with_suffix(".partial")
    with tmp.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        for i in range(rows):
            district, beat = beats[rng.randrange(len(beats))]
            year = 2015 + i * 5 // rows
            month, day = rng.randint(1, 12), rng.randint(1, 28)
            hour, minute = rng.randint(1, 12), rng.randint(0, 59)
            when = f"{month:02d}/{day:02d}/{year} {hour:02d}:{minute:02d}:00 " \
                   f"{'AM' if rng.random() < 0.5 else 'PM'}"
            kind = rng.choices(TYPES, weights)[0]
            lat, lon = 41.6 + rng.random() * 0.4, -87.9 + rng.random() * 0.4
            writer.writerow([
                10_000_000 + i, f"HY{i:06d}", when, f"0{i % 99:02d}XX S STATE ST", "0486", kind,
                "SIMPLE", "STREET", "false", "false", f"{beat:04d}",
                "" if i % 100 == 99 else f"{district:03d}", rng.randint(1, 50),
                rng.randint(1, 77), "08B", 1178335, 1826581, year, "02/15/2020 12:43:39 PM",
                f"{lat:.9f}", f"{lon:.9f}", f"({lat:.9f}, {lon:.9f})",
            ])
    tmp.replace(path)


def peak_rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    return kb / 1024


def measure(rows: int, area_column: str) -> None:
    from app.models.database import open_database
    from app.services.crime_import import MappingChoice, import_crime, preview_crime_import
    from app.services.workspace import Workspace

    path = OUT / f"chicago-crimes-{rows}.csv"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        generate(path, rows)
        print(f"generated {path.name} in {time.perf_counter() - started:.1f} s")
    before = peak_rss_mb()
    with tempfile.TemporaryDirectory(prefix="pdesk-bench-crime-") as tmp:
        ws = Workspace(open_database(Path(tmp) / "crime.sqlite"))
        try:
            opened = peak_rss_mb()
            start = time.perf_counter()
            preview = preview_crime_import(ws, path, MappingChoice(area_column=area_column))
            previewed = time.perf_counter()
            result = import_crime(ws, preview)
            done = time.perf_counter()
        finally:
            ws.close()
    print(f"{rows:,} rows ({path.stat().st_size / 1e6:.0f} MB), areas by {area_column}: "
          f"counted {result.rows_counted:,}, skipped {result.rows_skipped:,}; "
          f"{result.counts_added:,} monthly counts, {result.areas_added} areas, "
          f"{result.categories_added} categories")
    print(f"  preview {previewed - start:.1f} s, commit {done - previewed:.1f} s, "
          f"total {done - start:.1f} s")
    print(f"  peak RSS {peak_rss_mb():.0f} MB (before opening the database "
          f"{before:.0f} MB, after {opened:.0f} MB)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--area-column", default="District")
    parser.add_argument("--flatness", action="store_true",
                        help="100,000 and 1,000,000 rows, each in a fresh process")
    args = parser.parse_args(argv)
    if args.flatness:
        for rows in (100_000, 1_000_000):
            subprocess.run([sys.executable, "-m", "bench.crime_import", "--rows", str(rows),
                            "--area-column", args.area_column], check=True, cwd=ROOT)
        return 0
    measure(args.rows, args.area_column)
    return 0


if __name__ == "__main__":
    sys.exit(main())
