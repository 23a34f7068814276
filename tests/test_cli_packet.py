"""``main.py packet``: the PDF written, its page count on stdout, exit codes, the audit log."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.models import (
    AgendaItem,
    Attendance,
    AuditAction,
    AuditEntry,
    Meeting,
    Person,
)
from app.models.database import open_database
from app.services.settings import PAPER_SIZE, set_setting
from app.services.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
START = datetime(2026, 3, 10, 23, 0, tzinfo=UTC)


def run_main(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        capture_output=True, text=True, timeout=120, cwd=ROOT, check=False,
    )


@pytest.fixture
def meeting_id(db_path: Path) -> int:
    """A meeting with an agenda item and an invitee, in a new database at ``db_path``."""
    db = open_database(db_path)
    try:
        with db.write() as s:
            meeting = Meeting(title="Neighborhood council", starts_at=START,
                              ends_at=START + timedelta(hours=1), location="Library")
            meeting.agenda_items = [AgendaItem(position=1, title="Welcome", minutes_allotted=5)]
            meeting.attendance = [Attendance(person=Person(first_name="Zoë", last_name="Núñez"))]
            s.add(meeting)
            s.flush()
            return meeting.id
    finally:
        db.close()


def pdf_text(path: Path) -> tuple[str, tuple[int, int], int]:
    reader = PdfReader(path)
    box = reader.pages[0].mediabox
    text = "\n".join(p.extract_text() for p in reader.pages)
    return text, (round(float(box.width)), round(float(box.height))), len(reader.pages)


def reports(db_path: Path) -> list[str]:
    db = open_database(db_path)
    try:
        with db.read() as session:
            entries = session.scalars(
                select(AuditEntry).where(AuditEntry.action == AuditAction.REPORT)
                .order_by(AuditEntry.id)
            )
            return [e.summary for e in entries]
    finally:
        db.close()


def test_the_packet_is_written_and_its_pages_counted(
    db_path: Path, meeting_id: int, tmp_path: Path
) -> None:
    out = tmp_path / "packet.pdf"
    done = run_main("packet", meeting_id, "-o", out, "--database", db_path)
    assert done.returncode == 0, done.stderr
    text, size, pages = pdf_text(out)
    assert done.stdout == (
        f"Wrote the meeting packet of meeting {meeting_id} (Neighborhood council) to {out}: "
        f"{pages} pages, Letter paper.\n"
    )
    assert size == (612, 792) and pages >= 4
    for heading in ("Meeting packet", "Agenda", "Sign-in sheet", "Open action items"):
        assert heading in text
    assert "Welcome" in text and "Núñez, Zoë" in text
    assert reports(db_path) == ["Generated meeting packet as packet.pdf"]


def test_sign_in_sheet_and_minutes_alone_on_the_chosen_paper(
    db_path: Path, meeting_id: int, tmp_path: Path
) -> None:
    sheet = tmp_path / "sheet.pdf"
    done = run_main("-d", db_path, "packet", meeting_id, "--sign-in-sheet", "--paper", "A4",
                    "--output", sheet)
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith(": 1 page, A4 paper.\n")
    text, size, _ = pdf_text(sheet)
    assert size == (595, 842)
    assert "Sign-in sheet: Neighborhood council" in text and "Walk-ins" in text
    assert "Agenda" not in text
    db = open_database(db_path)
    try:
        set_setting(Workspace(db), PAPER_SIZE, "A4")  # the default paper from Settings
    finally:
        db.close()
    minutes = tmp_path / "minutes.pdf"
    done = run_main("packet", meeting_id, "--minutes", "-o", minutes, "-d", db_path)
    assert done.returncode == 0, done.stderr
    assert "Wrote the meeting minutes of meeting" in done.stdout
    text, size, _ = pdf_text(minutes)
    assert size == (595, 842)
    assert "Minutes: Neighborhood council" in text and "Not recorded (1): Zoë Núñez" in text
    assert reports(db_path) == ["Generated sign-in sheet as sheet.pdf",
                                "Generated meeting minutes as minutes.pdf"]


def test_an_unknown_meeting_is_one_clear_line(db_path: Path, meeting_id: int,
                                              tmp_path: Path) -> None:
    out = tmp_path / "packet.pdf"
    done = run_main("packet", meeting_id + 100, "-o", out, "-d", db_path)
    assert done.returncode == 10
    assert done.stderr == f"partnership-desk: There is no meeting with id {meeting_id + 100}.\n"
    assert done.stdout == "" and not out.exists()
    assert reports(db_path) == []


def test_an_unwritable_output_is_one_clear_line_and_leaves_nothing(
    db_path: Path, meeting_id: int, tmp_path: Path
) -> None:
    missing = tmp_path / "nowhere" / "packet.pdf"
    done = run_main("packet", meeting_id, "-o", missing, "-d", db_path)
    assert done.returncode == 11
    assert done.stderr == (f"partnership-desk: cannot write {missing}: the folder "
                           f"{missing.parent} does not exist. Nothing was written.\n")
    folder = tmp_path / "a folder"
    folder.mkdir()
    done = run_main("packet", meeting_id, "-o", folder, "-d", db_path)
    assert done.returncode == 11
    assert done.stderr.startswith(f"partnership-desk: cannot write {folder}: ")
    assert "Traceback" not in done.stderr
    assert list(folder.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a folder", "desk.sqlite"]
    assert reports(db_path) == []


def test_usage_errors(db_path: Path) -> None:
    for args in (["packet"], ["packet", "1"], ["packet", "one", "-o", "x.pdf"],
                 ["packet", "1", "-o", "x.pdf", "--minutes", "--sign-in-sheet"],
                 ["packet", "1", "-o", "x.pdf", "--paper", "A5"]):
        done = run_main(*args, "-d", db_path)
        assert done.returncode == 2 and "usage:" in done.stderr, args
    missing = run_main("packet", "1", "-o", "x.pdf", "-d", db_path.parent / "no" / "d.sqlite")
    assert missing.returncode == 2 and "does not exist" in missing.stderr


def test_the_packet_command_never_loads_qt(db_path: Path, meeting_id: int,
                                           tmp_path: Path) -> None:
    code = (
        "import sys, main; rc = main.main(['packet', sys.argv[1], '-o', sys.argv[2], '-d',"
        " sys.argv[3]]); sys.exit(100 if any(m.startswith('PySide6') for m in sys.modules) "
        "else rc)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(meeting_id), str(tmp_path / "p.pdf"), str(db_path)],
        capture_output=True, text=True, cwd=ROOT, check=False, timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
