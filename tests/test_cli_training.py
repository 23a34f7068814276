"""``main.py training``: roster, certificates and compliance written, exit codes, audit log."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from app.models import (
    AuditAction,
    AuditEntry,
    CourseCategory,
    EnrollmentStatus,
    Person,
    RequirementMode,
    Tag,
)
from app.models.database import open_database
from app.services.compliance import add_requirement
from app.services.courses import CourseInput, create_course
from app.services.settings import AGENCY_NAME, PAPER_SIZE, set_setting
from app.services.training_sessions import (
    RosterLine,
    SessionInput,
    create_session,
    enroll,
    roster_form,
    save_roster,
)
from app.services.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
DAY = date(2026, 3, 10)
THIS_YEAR = date.today().year


@dataclass(frozen=True)
class Sessions:
    held: int  # two completed, one no-show
    upcoming: int  # nobody has completed it yet


def run_main(*args: str | Path | int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        capture_output=True, text=True, timeout=120, cwd=ROOT, check=False,
    )


@pytest.fixture
def sessions(db_path: Path) -> Sessions:
    """Two sessions in a new database at ``db_path`` (closed again: one program per file)."""
    db = open_database(db_path)
    try:
        ws = Workspace(db)
        set_setting(ws, AGENCY_NAME, "Riverton Police Department")
        with ws.write() as action:
            officer = Tag(name="officer")
            people = [Person(first_name=f, last_name=last) for f, last in
                      (("Zoë", "Núñez"), ("Дмитрий", "Иванов"), ("Ann", "Adams"))]
            for person in people:
                person.tags.append(officer)
            action.session.add_all(people)
            action.session.flush()
            ids = [p.id for p in people]
        course = create_course(ws, CourseInput("De-escalation", CourseCategory.DE_ESCALATION,
                                               8, 24))
        add_requirement(ws, course, "officer", RequirementMode.KEEP_CURRENT)
        held = create_session(ws, SessionInput(course, DAY, time(9), trainer_name="Sgt. Lee",
                                               location="Room 2", capacity=10))
        enroll(ws, held, ids)
        marks = [RosterLine(ids[0], EnrollmentStatus.COMPLETED),
                 RosterLine(ids[1], EnrollmentStatus.COMPLETED),
                 RosterLine(ids[2], EnrollmentStatus.NO_SHOW)]
        save_roster(ws, held, marks, roster_form(ws, held).version, DAY)
        upcoming = create_session(ws, SessionInput(course, date(2030, 1, 7)))
        enroll(ws, upcoming, ids[2:])
        return Sessions(held, upcoming)
    finally:
        db.close()


def pdf(path: Path) -> tuple[str, tuple[int, int], int]:
    reader = PdfReader(path)
    box = reader.pages[0].mediabox
    text = "\n".join(p.extract_text() for p in reader.pages)
    return text, (round(float(box.width)), round(float(box.height))), len(reader.pages)


def reports(db_path: Path) -> list[str]:
    db = open_database(db_path)
    try:
        with db.read() as session:
            return list(session.scalars(
                select(AuditEntry.summary).where(AuditEntry.action == AuditAction.REPORT)
                .order_by(AuditEntry.id)))
    finally:
        db.close()


def test_the_roster_is_written(db_path: Path, sessions: Sessions, tmp_path: Path) -> None:
    out = tmp_path / "roster.pdf"
    done = run_main("training", "roster", sessions.held, "-o", out, "--database", db_path)
    assert done.returncode == 0, done.stderr
    text, size, pages = pdf(out)
    assert done.stdout == (
        f"Wrote the sign-in sheet of training session {sessions.held} (De-escalation, "
        f"10 Mar 2026) to {out}: {pages} page{'s' * (pages != 1)}, Letter paper.\n")
    assert size == (612, 792)
    for line in ("Training sign-in sheet", "De-escalation", "Núñez, Zoë", "Иванов, Дмитрий",
                 "No-show", "Walk-ins", "Sgt. Lee"):
        assert line in text
    assert reports(db_path) == ["Generated training sign-in sheet as roster.pdf"]


def test_certificates_one_page_per_completer_on_the_chosen_paper(
    db_path: Path, sessions: Sessions, tmp_path: Path
) -> None:
    out = tmp_path / "certificates.pdf"
    done = run_main("-d", db_path, "training", "certificates", sessions.held, "--paper", "A4",
                    "--output", out)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Wrote 2 certificates of training session {sessions.held}")
    assert done.stdout.endswith(": 2 pages, A4 paper.\n")
    text, size, pages = pdf(out)
    assert (size, pages) == ((842, 595), 2)
    assert "Zoë Núñez" in text and "Дмитрий Иванов" in text and "Ann Adams" not in text
    assert text.count("Certificate of Completion") == 2
    assert "Valid through 9 March 2028" in text
    assert reports(db_path) == ["Generated training certificates as certificates.pdf"]


def test_no_completers_is_one_clear_line(db_path: Path, sessions: Sessions,
                                         tmp_path: Path) -> None:
    out = tmp_path / "certificates.pdf"
    done = run_main("training", "certificates", sessions.upcoming, "-o", out, "-d", db_path)
    assert done.returncode == 12
    assert done.stderr == (
        f"partnership-desk: Nobody has completed training session {sessions.upcoming} "
        "(De-escalation, 7 Jan 2030) yet: there are no certificates to print.\n")
    assert done.stdout == "" and not out.exists() and reports(db_path) == []


def test_the_compliance_report_as_pdf_and_xlsx(db_path: Path, sessions: Sessions,
                                               tmp_path: Path) -> None:
    db = open_database(db_path)
    try:
        set_setting(Workspace(db), PAPER_SIZE, "A4")  # the default paper from Settings
    finally:
        db.close()
    out = tmp_path / "compliance.pdf"
    done = run_main("training", "compliance", "-o", out, "-d", db_path, "--year", "2026")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Wrote the training compliance report (as of ")
    assert ", training hours of 2026) to " in done.stdout
    assert done.stdout.endswith(" A4 paper.\n")
    text, size, _ = pdf(out)
    assert size == (595, 842)
    assert "Training compliance" in text and "De-escalation — tagged “officer”" in text
    assert "Ann Adams" in text  # never completed
    assert "Training hours 2026: below the target" in text
    workbook_path = tmp_path / "compliance.xlsx"
    done = run_main("training", "compliance", "--output", workbook_path, "-d", db_path,
                    "--everyone")
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith(f"{workbook_path}: Excel workbook, 7 rows.\n")
    workbook = load_workbook(workbook_path)
    assert workbook.sheetnames == ["Summary", "People", f"Hours {THIS_YEAR}",
                                   "Hours by organization"]
    people = {row[3]: row[5] for row in workbook["People"].iter_rows(min_row=2,
                                                                    values_only=True)}
    assert people["Ann Adams"] == "Never completed"
    assert reports(db_path) == ["Generated training compliance report as compliance.pdf",
                                "Generated training compliance report as compliance.xlsx"]


def test_an_unknown_session_is_one_clear_line(db_path: Path, sessions: Sessions,
                                              tmp_path: Path) -> None:
    out = tmp_path / "roster.pdf"
    for document in ("roster", "certificates"):
        done = run_main("training", document, 999, "-o", out, "-d", db_path)
        assert done.returncode == 10, document
        assert done.stderr == "partnership-desk: There is no training session with id 999.\n"
        assert done.stdout == ""
    assert not out.exists() and reports(db_path) == []


def test_an_unwritable_output_is_one_clear_line_and_leaves_nothing(
    db_path: Path, sessions: Sessions, tmp_path: Path
) -> None:
    missing = tmp_path / "nowhere" / "roster.pdf"
    done = run_main("training", "roster", sessions.held, "-o", missing, "-d", db_path)
    assert done.returncode == 11
    assert done.stderr == (f"partnership-desk: cannot write {missing}: the folder "
                           f"{missing.parent} does not exist. Nothing was written.\n")
    folder = tmp_path / "a folder.xlsx"
    folder.mkdir()
    done = run_main("training", "compliance", "-o", folder, "-d", db_path)
    assert done.returncode == 11
    assert done.stderr.startswith(f"partnership-desk: cannot write {folder}: ")
    assert "Traceback" not in done.stderr
    assert list(folder.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a folder.xlsx", "desk.sqlite"]
    assert reports(db_path) == []


def test_usage_errors(db_path: Path) -> None:
    for args in (["training"], ["training", "roster"], ["training", "roster", "1"],
                 ["training", "roster", "one", "-o", "x.pdf"],
                 ["training", "certificates", "1", "-o", "x.pdf", "--paper", "A5"],
                 ["training", "compliance"], ["training", "compliance", "-o", "x.csv"],
                 ["training", "compliance", "-o", "x.pdf", "--year", "26"],
                 ["training", "diploma", "1", "-o", "x.pdf"]):
        done = run_main(*args, "-d", db_path)
        assert done.returncode == 2 and "usage:" in done.stderr, args
    done = run_main("training", "compliance", "-o", "x.csv", "-d", db_path)
    assert "the output file must end in .pdf or .xlsx" in done.stderr


def test_the_training_commands_never_load_qt(db_path: Path, sessions: Sessions,
                                             tmp_path: Path) -> None:
    code = (
        "import sys, main; rc = main.main(['training', 'certificates', sys.argv[1], '-o', "
        "sys.argv[2], '-d', sys.argv[3]]); rc = rc or main.main(['training', 'compliance', "
        "'-o', sys.argv[4], '-d', sys.argv[3]]); "
        "sys.exit(100 if any(m.startswith('PySide6') for m in sys.modules) else rc)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(sessions.held), str(tmp_path / "c.pdf"), str(db_path),
         str(tmp_path / "c.xlsx")],
        capture_output=True, text=True, cwd=ROOT, check=False, timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
