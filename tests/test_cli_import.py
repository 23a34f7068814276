"""``main.py import contacts``: a summary on stdout, exit codes, nothing changed on refusal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from app.models import ImportBatch, Person
from app.models.database import open_database

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "contacts"


def run_main(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        capture_output=True, text=True, timeout=120, cwd=ROOT, check=False,
    )


def stored(db_path: Path) -> tuple[int, int]:
    db = open_database(db_path)
    try:
        with db.read() as session:
            people = session.scalar(select(func.count()).select_from(Person))
            batches = session.scalar(select(func.count()).select_from(ImportBatch))
            return people or 0, batches or 0
    finally:
        db.close()


def test_import_prints_a_summary_and_imports(db_path: Path) -> None:
    done = run_main("import", "contacts", FIXTURES / "google_contacts.csv", "-d", db_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[:4] == [
        "File: google_contacts.csv (CSV (comma-separated), UTF-8 (with BOM))",
        "Layout: Google Contacts",
        "Rows read: 4; new: 3, duplicates: 0, errors: 1",
        "New organizations: Riverside Youth Center, Riverton PD, Harbor Food Bank",
    ]
    assert "  row 5: no name, e-mail address or organization" in lines
    assert lines[-1] == (
        "Added 2 people and 3 new organizations (import batch 1; it can be undone as a whole)."
    )
    assert stored(db_path) == (2, 1)
    again = run_main("--database", db_path, "import", "contacts", FIXTURES / "google_contacts.csv")
    assert again.returncode == 0
    assert again.stdout.splitlines()[-1].startswith("Nothing added: this file was imported")
    assert stored(db_path) == (2, 1)


def test_duplicates_are_listed_with_row_numbers_and_reasons(db_path: Path,
                                                            tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Name,Email\nBob Roe,bob@x.org\nRobert Roe,BOB@x.org\n", encoding="utf-8")
    dry = run_main("import", "contacts", path, "--database", db_path, "--dry-run")
    assert dry.returncode == 0
    assert "Duplicates (not imported):" in dry.stdout
    assert "  row 3: Robert Roe: duplicate of row 2 (Bob Roe): same e-mail bob@x.org" in dry.stdout
    assert dry.stdout.splitlines()[-1] == "Dry run: nothing was changed."
    assert stored(db_path) == (0, 0)
    both = run_main("import", "contacts", path, "--database", db_path, "--include-duplicates")
    assert both.returncode == 0 and "Duplicates (imported anyway):" in both.stdout
    assert stored(db_path) == (2, 1)


def test_a_refused_file_changes_nothing(db_path: Path) -> None:
    done = run_main("import", "contacts", FIXTURES / "zip_bomb.xlsx", "-d", db_path)
    assert done.returncode == 8
    assert done.stderr.startswith("partnership-desk: ")
    assert "zip bomb" in done.stderr and "Nothing was imported." in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert stored(db_path) == (0, 0)


def test_a_file_of_errors_only_is_refused(db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text("Name,Notes\n,hello\n", encoding="utf-8")
    done = run_main("import", "contacts", path, "-d", db_path)
    assert done.returncode == 8
    assert "row 2: no name, e-mail address or organization" in done.stdout
    assert "every row has an error" in done.stderr
    assert stored(db_path) == (0, 0)
    path.write_text("Notes,Title\nhello,Chair\n", encoding="utf-8")
    unmapped = run_main("import", "contacts", path, "-d", db_path)
    assert unmapped.returncode == 8
    assert "No column could be recognised as a name" in unmapped.stderr


def test_bad_database_and_usage_errors(tmp_path: Path) -> None:
    missing = run_main("import", "contacts", FIXTURES / "google_contacts.csv",
                       "-d", tmp_path / "nowhere" / "desk.sqlite")
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    for args in (["import"], ["import", "contacts"], ["import", "surveys", "x.csv"]):
        done = run_main(*args)
        assert done.returncode == 2 and "usage:" in done.stderr, args


def test_the_import_command_never_loads_qt(db_path: Path) -> None:
    code = (
        "import sys, main; rc = main.main(['import', 'contacts', sys.argv[1], '-d', sys.argv[2],"
        " '--dry-run']); sys.exit(100 if any(m.startswith('PySide6') for m in sys.modules) "
        "else rc)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(FIXTURES / "partners.xlsx"), str(db_path)],
        capture_output=True, text=True, cwd=ROOT, check=False, timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
