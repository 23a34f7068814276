"""Training compliance at an agency's scale: the report, then writing it to XLSX and PDF.

    python -m bench.training_compliance [--people 5000] [--runs 5] [--rebuild] [--keep DIR]

Builds once (reused afterwards) bench/out/training-<people>.sqlite: that many people, all
tagged "officer", in 12 agencies; 10 courses of various validity (12 to 48 months, two
one-time) each required of every officer; sessions every two weeks over five years; and
completions as they happen: most officers take each course after joining and renew it
around its expiry, some let it lapse, some never take it, a few miss a session. Built with
SQLAlchemy Core bulk inserts in one transaction (as bench.make_db) in a few seconds; the
database's triggers fill latest_completions as the completions go in (a file built before
migration 0003 gets them when it is opened and upgraded).

Prints the median time of ``compliance_report(ws)`` (goal: 300 ms or less), of the
Dashboard's count of people missing a requirement, of the whole compliance document (with
the year's hours), and of writing it as XLSX and as PDF.
"""

from __future__ import annotations

import argparse
import bisect
import random
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from app.models import (
    Base,
    CourseCategory,
    Enrollment,
    EnrollmentStatus,
    OrganizationKind,
    RequirementMode,
)
from app.models.database import open_database
from app.models.directory import organization_index, person_index
from app.reports.excel.compliance import write_compliance_xlsx
from app.reports.pdf.training import write_compliance_pdf
from app.services.compliance import compliance_report, count_not_compliant
from app.services.dates import add_months
from app.services.demo.names import FIRST_NAMES, LAST_NAMES
from app.services.training_documents import compliance_document
from app.services.workspace import Workspace
from bench.timing import median_ms

ROOT = Path(__file__).resolve().parent.parent
GOAL_MS = 300.0
YEARS = 5
SEED = 7
# name, category, hours, validity in months (None: one-time)
COURSES = (
    ("De-escalation Fundamentals", CourseCategory.DE_ESCALATION, 8.0, 24),
    ("Crisis Intervention Refresher", CourseCategory.CRISIS_INTERVENTION, 8.0, 12),
    ("Cultural Competency and Implicit Bias", CourseCategory.CULTURAL_COMPETENCY, 4.0, 12),
    ("Mental Health First Aid", CourseCategory.CRISIS_INTERVENTION, 8.0, 36),
    ("Procedural Justice", CourseCategory.COMMUNITY_ENGAGEMENT, 4.0, 24),
    ("Crime Analysis Basics", CourseCategory.CRIME_ANALYSIS, 6.0, None),
    ("CPTED Principles", CourseCategory.CPTED, 16.0, 48),
    ("Youth Engagement", CourseCategory.COMMUNITY_ENGAGEMENT, 3.0, 36),
    ("Domestic Violence Response", CourseCategory.OTHER, 6.0, 12),
    ("Ethics and Integrity", CourseCategory.OTHER, 2.0, None),
)
AGENCIES = ("Riverton Police Department", "Harlan County Sheriff's Office",
            "Riverton Transit Police", "State Highway Patrol – District 4",
            "Eastside Precinct", "Westside Precinct", "Northside Precinct",
            "Southside Precinct", "Riverton University Police", "Airport Police",
            "Port Authority Police", "Parks Rangers")


def database(people: int, rebuild: bool) -> Path:
    path = ROOT / "bench" / "out" / f"training-{people}.sqlite"
    if path.exists() and not rebuild:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    began = time.perf_counter()
    counts = build(path, people, date.today())
    rows = ", ".join(f"{n:,} {name}" for name, n in counts.items())
    print(f"built {path.name} in {time.perf_counter() - began:.1f} s: {rows}")
    return path


def build(path: Path, people: int, today: date) -> dict[str, int]:
    rng = random.Random(SEED)
    now = datetime.now(UTC).replace(microsecond=0)
    tables = _rows(rng, people, today, now)
    db = open_database(path)
    try:
        with db.engine.connect() as conn:
            raw = conn.connection.driver_connection
            raw.execute("PRAGMA synchronous = OFF")  # a half-built file is simply rebuilt
            with conn.begin():
                for name, rows in tables.items():
                    if rows:
                        conn.execute(insert(Base.metadata.tables[name]), rows)
            raw.execute("PRAGMA synchronous = FULL")
    finally:
        db.close()
    return {name: len(rows) for name, rows in tables.items()}


def _rows(rng: random.Random, people: int, today: date,
          now: datetime) -> dict[str, list[dict[str, Any]]]:
    stamp = {"created_at": now, "updated_at": now, "version": 1}
    organizations = []
    for n, name in enumerate(AGENCIES, start=1):
        row = {"id": n, "name": name, "kind": OrganizationKind.LAW_ENFORCEMENT.value,
               "email": "", "phone": "", "website": "", "street": "", "city": "Riverton",
               "region": "OH", "postal_code": "", "notes": "", "import_batch_id": None,
               "archived_at": None, **stamp}
        row.update(organization_index(row))
        organizations.append(row)
    person_rows, affiliations, tags = [], [], []
    joined: dict[int, date] = {}
    for pid in range(1, people + 1):
        agency = rng.randrange(len(AGENCIES))
        row = {"id": pid, "first_name": rng.choice(FIRST_NAMES),
               "last_name": rng.choice(LAST_NAMES), "title": "Officer", "email": "",
               "phone": "", "mobile": "", "preferred_contact": None, "notes": "",
               "sensitive_notes": "", "import_batch_id": None, "archived_at": None, **stamp}
        row.update(person_index(row, [AGENCIES[agency]], AGENCIES[agency]))
        person_rows.append(row)
        affiliations.append({"id": pid, "person_id": pid, "organization_id": agency + 1,
                             "role": "Officer", "since": None, "until": None,
                             "is_primary": True})
        tags.append({"person_id": pid, "tag_id": 1})
        # A third joined during the five years, the others were there before.
        days_ago = rng.randint(0, 365 * YEARS) if rng.random() < 0.33 else 365 * YEARS + 30
        joined[pid] = today - timedelta(days=days_ago)
    courses = [{"id": c, "name": name, "category": category.value, "description": "",
                "default_hours": hours, "validity_months": validity, "reminder_days": 60,
                "archived_at": None, **stamp}
               for c, (name, category, hours, validity) in enumerate(COURSES, start=1)]
    requirements = [{"id": c, "course_id": c, "tag_id": 1,
                     "mode": (RequirementMode.KEEP_CURRENT if validity
                              else RequirementMode.COMPLETE_ONCE).value}
                    for c, (_name, _category, _hours, validity) in enumerate(COURSES, start=1)]
    sessions, days = _sessions(today, stamp)
    enrollments = _enrollments(rng, joined, today, days, sessions)
    return {
        "tags": [{"id": 1, "name": "officer"}],
        "organizations": organizations,
        "people": person_rows,
        "person_tags": tags,
        "affiliations": affiliations,
        "courses": courses,
        "requirements": requirements,
        "training_sessions": sessions,
        "enrollments": enrollments,
        "settings": [{"key": "agency_name", "value": "Riverton Police Department"}],
    }


def _sessions(today: date, stamp: dict[str, Any]) -> tuple[list[dict[str, Any]],
                                                            dict[int, list[date]]]:
    """A session of every course every two weeks over the years, and up to 60 days ahead."""
    sessions, days = [], {}
    first = today - timedelta(days=365 * YEARS + 60)
    for course, (_name, _category, hours, _validity) in enumerate(COURSES, start=1):
        day = first + timedelta(days=course)
        days[course] = []
        while day <= today + timedelta(days=60):
            sessions.append({
                "id": len(sessions) + 1, "course_id": course,
                "starts_at": datetime(day.year, day.month, day.day, 14, tzinfo=UTC),
                "days": 1 if hours <= 8 else 2, "hours": hours, "trainer_id": None,
                "trainer_name": "Staff trainer", "provider_id": None,
                "location": "Training Academy", "capacity": None, **stamp})
            days[course].append(day)
            day += timedelta(days=14)
    return sessions, days


def _enrollments(rng: random.Random, joined: dict[int, date], today: date,
                 days: dict[int, list[date]],
                 sessions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    first_session = {}
    for row in sessions:
        first_session.setdefault(row["course_id"], row["id"])
    rows: list[dict[str, Any]] = []

    def add(pid: int, course: int, wanted: date, status: EnrollmentStatus) -> date | None:
        index = bisect.bisect_left(days[course], wanted)
        if index >= len(days[course]):
            return None
        day = days[course][index]
        completed = status is EnrollmentStatus.COMPLETED and day < today
        if status is EnrollmentStatus.COMPLETED and not completed:
            status = EnrollmentStatus.ENROLLED  # booked on an upcoming session
        hours = COURSES[course - 1][2]
        last_day = day + timedelta(days=0 if hours <= 8 else 1)
        rows.append({"id": len(rows) + 1, "session_id": first_session[course] + index,
                     "person_id": pid, "status": status.value,
                     "hours_credited": hours if completed else None,
                     "completed_on": min(last_day, today) if completed else None})
        return day if completed else None

    for pid, start in joined.items():
        for course, (_name, _category, _hours, validity) in enumerate(COURSES, start=1):
            if rng.random() < 0.06:  # never takes it
                continue
            wanted = max(start, today - timedelta(days=365 * YEARS)) + timedelta(
                days=rng.randint(0, 150))
            if rng.random() < 0.04:  # misses a session first
                if add(pid, course, wanted, EnrollmentStatus.NO_SHOW) is None:
                    continue
                wanted += timedelta(days=rng.randint(15, 60))
            while wanted <= today + timedelta(days=45):
                done = add(pid, course, wanted, EnrollmentStatus.COMPLETED)
                if done is None or validity is None or rng.random() < 0.08:  # lets it lapse
                    break
                wanted = add_months(done, validity) - timedelta(days=rng.randint(-45, 75))
    return rows


def dashboard_count(ws: Workspace) -> int:
    with ws.read() as session:
        return count_not_compliant(session, date.today())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true", help="build the database again")
    parser.add_argument("--keep", type=Path, help="keep the XLSX and PDF in this folder")
    args = parser.parse_args(argv)
    path = database(args.people, args.rebuild)
    db = open_database(path)
    try:
        ws = Workspace(db)
        with ws.read() as session:
            completions = session.scalar(select(func.count()).select_from(Enrollment).where(
                Enrollment.status == EnrollmentStatus.COMPLETED))
        # Warmed first: the program has its caches by the time one asks.
        report_ms = median_ms(lambda: compliance_report(ws), args.runs, warm_up=True)
        count_ms = median_ms(lambda: dashboard_count(ws), args.runs)
        document_ms = median_ms(lambda: compliance_document(ws), args.runs)
        doc = compliance_document(ws)
    finally:
        db.close()
    pairs = sum(item.total for item in doc.compliance.requirements)
    missing = sum(item.total - item.compliant for item in doc.compliance.requirements)
    verdict = "within" if report_ms <= GOAL_MS else "OVER"
    print(f"{args.people:,} officers, {len(doc.compliance.requirements)} requirements "
          f"({pairs:,} person-requirements, {missing:,} not compliant), "
          f"{completions:,} completions")
    print(f"compliance_report: median {report_ms:.0f} ms of {args.runs} ({verdict} the "
          f"{GOAL_MS:.0f} ms goal)")
    print(f"Dashboard count of the {doc.compliance.people_not_compliant:,} people missing a "
          f"requirement: median {count_ms:.0f} ms")
    print(f"compliance document (with the {doc.year} hours): median {document_ms:.0f} ms")
    with tempfile.TemporaryDirectory(prefix="pdesk-compliance-") as scratch:
        out = args.keep or Path(scratch)
        out.mkdir(parents=True, exist_ok=True)
        xlsx, pdf = out / "compliance.xlsx", out / "compliance.pdf"
        runs = max(1, min(args.runs, 3))
        xlsx_ms = median_ms(lambda: write_compliance_xlsx(doc, xlsx), runs)
        pages: list[int] = []
        pdf_ms = median_ms(lambda: pages.append(write_compliance_pdf(doc, pdf)), runs)
        print(f"write XLSX: median {xlsx_ms / 1000:.2f} s of {runs} "
              f"({xlsx.stat().st_size / 1024:,.0f} KiB, {pairs:,} rows on the People sheet)")
        print(f"write PDF:  median {pdf_ms / 1000:.2f} s of {runs} ({pages[-1]:,} pages, "
              f"{pdf.stat().st_size / 1024:,.0f} KiB, non-compliant people only)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
