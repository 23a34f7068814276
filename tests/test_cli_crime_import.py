"""``main.py import crime``: the summary on stdout, exit codes, nothing changed on refusal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.cli import parse
from app.models import CrimeCount, ImportBatch
from app.models.database import open_database
from app.services.crime_import import DateOrder
from tests.real_data import REAL_DATA

ROOT = Path(__file__).resolve().parent.parent
CHICAGO = REAL_DATA / "chicago_crimes_2015_sample.csv"
POLICE_UK = REAL_DATA / "uk_police_2024-11-city-of-london-street.csv"


def run_main(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        capture_output=True, text=True, timeout=120, cwd=ROOT, check=False,
    )


def stored(db_path: Path) -> tuple[int, int, int]:
    """(crime counts, incidents, import batches) in the database."""
    db = open_database(db_path)
    try:
        with db.read() as session:
            return (session.scalar(select(func.count()).select_from(CrimeCount)) or 0,
                    session.scalar(select(func.sum(CrimeCount.count))) or 0,
                    session.scalar(select(func.count()).select_from(ImportBatch)) or 0)
    finally:
        db.close()


@pytest.fixture
def real_files() -> None:
    if not CHICAGO.is_file() or not POLICE_UK.is_file():
        pytest.skip(f"real exports not available in {REAL_DATA} (see SOURCES.md there)")


def test_the_crime_options_are_parsed() -> None:
    args = parse(["import", "crime", "f.csv", "-d", "x.sqlite", "--area-column", "Beat",
                  "--count-column", "N", "--day-first", "--area-kind", "beat", "--dry-run"])
    assert (args.command, args.file, args.database, args.dry_run) == (
        "import crime", "f.csv", "x.sqlite", True)
    assert (args.area_column, args.count_column, args.date_order, args.area_kind) == (
        "Beat", "N", DateOrder.DAY_FIRST.value, "beat")
    assert parse(["import", "crime", "f.csv", "--month-first"]).date_order == "month-first"


@pytest.mark.usefixtures("real_files")
def test_dry_run_then_import_then_refused_again(db_path: Path) -> None:
    dry = run_main("import", "crime", CHICAGO, "--database", db_path, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    lines = dry.stdout.splitlines()
    assert lines[:5] == [
        "File: chicago_crimes_2015_sample.csv (CSV (comma-separated), UTF-8)",
        "Layout: Chicago data portal, Crimes - 2001 to Present",
        "Columns: date 'Date' (month-first, the layout's); area 'District' (district, such as "
        "'Chicago District 1'); category 'Primary Type'",
        "Rows read: 3,000; counted: 2,953; skipped: 47",
        "Incidents: 2,953 in 329 monthly counts; 1 month from 2015-02 to 2015-02; 22 areas, "
        "26 categories",
    ]
    assert "  no area: 47 rows: rows 5, 34, 61, 81, 88, 165, 205, 256, 270, 285, 290, 293, " \
           "297, 306, 368, 434, 438, 451, 459, 466 and 27 more" in lines
    assert lines[-1] == "Dry run: nothing was changed."
    assert stored(db_path) == (0, 0, 0)
    done = run_main("import", "crime", CHICAGO, "-d", db_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == (
        "Imported 2,953 incidents as 329 monthly counts (import batch 1; it can be undone as "
        "a whole).")
    assert stored(db_path) == (329, 2953, 1)
    again = run_main("import", "crime", CHICAGO, "-d", db_path, "--area-column", "Beat")
    assert again.returncode == 8
    assert "already imported" in again.stderr and "Nothing was imported." in again.stderr
    assert stored(db_path) == (329, 2953, 1)


@pytest.mark.usefixtures("real_files")
def test_police_uk_rows_without_an_lsoa_are_listed(db_path: Path) -> None:
    done = run_main("import", "crime", POLICE_UK, "-d", db_path)
    assert done.returncode == 0, done.stderr
    assert "Rows read: 821; counted: 741; skipped: 80" in done.stdout
    assert "  no area: 80 rows: rows 743, 744, 745" in done.stdout
    assert stored(db_path) == (84, 741, 1)


def test_other_layouts_need_their_columns_and_date_order(db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "counts.csv"
    path.write_text("When,Where,What,N\n01/02/2024,North,Theft,4\n03/02/2024,North,Theft,1\n",
                    encoding="utf-8")
    unknown = run_main("import", "crime", path, "-d", db_path)
    assert unknown.returncode == 8
    assert "--date-column: Choose the column that holds the date" in unknown.stderr
    assert "The columns are: 1 'When', 2 'Where', 3 'What', 4 'N'" in unknown.stderr
    columns = ("--date-column", "when", "--area-column", "2", "--category-column", "What",
               "--count-column", "N")
    ambiguous = run_main("import", "crime", path, "-d", db_path, *columns)
    assert ambiguous.returncode == 8
    assert "--day-first" in ambiguous.stderr and "--month-first" in ambiguous.stderr
    assert stored(db_path) == (0, 0, 0)
    done = run_main("import", "crime", path, "-d", db_path, *columns, "--day-first")
    assert done.returncode == 0, done.stderr
    assert "Incidents: 5 in 1 monthly count; 1 month from 2024-02 to 2024-02" in done.stdout
    assert stored(db_path) == (1, 5, 1)


def test_refused_files_change_nothing(db_path: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    done = run_main("import", "crime", empty, "-d", db_path)
    assert done.returncode == 8
    assert done.stderr == f"partnership-desk: {empty}: The file is empty. Nothing was imported.\n"
    header_only = tmp_path / "header.csv"
    header_only.write_text("Month,Area,Category\n", encoding="utf-8")
    assert run_main("import", "crime", header_only, "-d", db_path).returncode == 8
    nothing = tmp_path / "nothing.csv"
    nothing.write_text("Month,Area,Category\n2024-01,,Theft\n", encoding="utf-8")
    done = run_main("import", "crime", nothing, "-d", db_path)
    assert done.returncode == 8 and "No row could be counted" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert stored(db_path) == (0, 0, 0)
