"""``main.py report funder``: periods, exit codes, the workbook written and audited."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.cli_report import parse_period
from app.models import AuditAction, AuditEntry, Initiative, InitiativeKind
from app.models.database import open_database
from app.services.settings import AGENCY_NAME, set_setting
from app.services.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent


def run_main(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT, check=False)


@pytest.fixture
def database(db_path: Path) -> Path:
    db = open_database(db_path)
    try:
        ws = Workspace(db)
        set_setting(ws, AGENCY_NAME, "Riverton Police Department")
        with ws.write() as action:
            action.session.add(Initiative(name="Eastside", kind=InitiativeKind.PROBLEM_SOLVING))
    finally:
        db.close()
    return db_path


def test_periods_are_read_as_users_write_them() -> None:
    assert parse_period("2026Q3", None, None, None) == (date(2026, 7, 1), date(2026, 9, 30))
    assert parse_period("2026-q1", None, None, None) == (date(2026, 1, 1), date(2026, 3, 31))
    assert parse_period(None, "2025", None, None) == (date(2025, 1, 1), date(2025, 12, 31))
    assert parse_period(None, None, "2026-01-15", "2026-02-01") == (date(2026, 1, 15),
                                                                    date(2026, 2, 1))


@pytest.mark.parametrize(("arguments", "message"), [
    (("2026Q5", None, None, None), "there is no quarter Q5"),
    (("Q3", None, None, None), "is not a quarter such as 2026Q3"),
    ((None, "26", None, None), "is not a year such as 2026"),
    ((None, None, "2026-02-30", "2026-03-01"), "is not a date such as"),
    ((None, None, "2026-05-01", "2026-04-01"), "is before --from"),
    ((None, None, "2026-05-01", None), "--from needs --to"),
    ((None, None, None, "2026-05-01"), "--to needs --from"),
    ((None, None, None, None), "choose the period"),
])
def test_bad_periods_are_explained(arguments: tuple[str | None, ...], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_period(*arguments)


def test_a_quarter_is_written_and_audited(database: Path, tmp_path: Path) -> None:
    output = tmp_path / "funder Q3.xlsx"
    done = run_main("report", "funder", "--quarter", "2026Q3", "-o", output, "-d", database)
    assert done.returncode == 0, done.stderr
    assert "Whole partnership, 01 Jul 2026 – 30 Sep 2026" in done.stdout
    workbook = load_workbook(output)
    assert workbook.sheetnames[0] == "Summary" and "Expenditures" in workbook.sheetnames
    summary = [r[0] for r in workbook["Summary"].iter_rows(values_only=True)]
    assert "Riverton Police Department" in summary
    db = open_database(database)
    try:
        with db.read() as session:
            entry = session.scalars(select(AuditEntry).where(
                AuditEntry.action == AuditAction.REPORT)).one()
            assert entry.changes["file"] == output.name
    finally:
        db.close()


def test_one_initiative_for_dates(database: Path, tmp_path: Path) -> None:
    output = tmp_path / "eastside.xlsx"
    done = run_main("report", "funder", "--from", "2026-01-15", "--to", "2026-02-14",
                    "--initiative", "1", "-o", output, "-d", database)
    assert done.returncode == 0, done.stderr
    assert "Eastside, 15 Jan 2026 – 14 Feb 2026, no data recorded" in done.stdout


@pytest.mark.parametrize(("arguments", "code", "message"), [
    (("--quarter", "2026Q5"), 2, "there is no quarter Q5"),
    (("--from", "2026-13-01", "--to", "2026-12-31"), 2, "is not a date such as"),
    (("--year", "2026", "--initiative", "99"), 10, "There is no initiative with id 99"),
])
def test_exit_codes(database: Path, tmp_path: Path, arguments: tuple[str, ...], code: int,
                    message: str) -> None:
    output = tmp_path / "out.xlsx"
    done = run_main("report", "funder", *arguments, "-o", output, "-d", database)
    assert done.returncode == code
    assert message in done.stderr
    assert not output.exists()


def test_a_file_that_cannot_be_written(database: Path, tmp_path: Path) -> None:
    output = tmp_path / "missing folder" / "out.xlsx"
    done = run_main("report", "funder", "--year", "2026", "-o", output, "-d", database)
    assert done.returncode == 11
    assert "does not exist. Nothing was written." in done.stderr


def test_the_output_must_be_a_workbook(database: Path, tmp_path: Path) -> None:
    done = run_main("report", "funder", "--year", "2026", "-o", tmp_path / "x.pdf",
                    "-d", database)
    assert done.returncode == 2
    assert "must end in .xlsx" in done.stderr
