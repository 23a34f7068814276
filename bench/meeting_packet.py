"""Meeting packet time: from build_meeting_packet to a written PDF (goal: 1 s or less).

    python -m bench.meeting_packet [--runs 5] [--paper Letter|A4] [--keep FILE.pdf]

Makes a temporary SQLite database with one meeting of a series: 40 invitees (names in
several scripts, each with an organization), 15 agenda items, 30 open action items (carried
from the previous meeting, some overdue), an earlier meeting with long minutes and an
initiative with goals. Prints each run and the median of the runs.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from app.models import (
    ActionItem,
    Affiliation,
    AgendaItem,
    Attendance,
    Direction,
    Goal,
    Initiative,
    InitiativeKind,
    Measurement,
    Meeting,
    MeetingSeries,
    MeetingStatus,
    Organization,
    OrganizationKind,
    Person,
)
from app.models.database import Database, open_database
from app.reports.pdf.packet import write_meeting_packet
from app.services.meeting_packet import build_meeting_packet
from app.services.workspace import Workspace

GOAL_SECONDS = 1.0
START = datetime(2026, 3, 10, 23, 0, tzinfo=UTC)
TODAY = date(2026, 3, 20)
NAMES = [("Zoë", "Núñez"), ("Дмитрий", "Иванов"), ("太郎", "山田"), ("محمد", "حداد"),
         ("Ann", "Adams"), ("Ελένη", "Παπαδοπούλου"), ("José", "García"), ("Li", "Wei")]
MINUTES = "\n\n".join(
    f"Item {n}: the group reviewed the patrol schedule, the youth program and the budget.\n"
    "- follow up with the school\n- send the notes to every partner" for n in range(1, 16)
)


def make_meeting(db: Database) -> int:
    with db.write() as s:
        organizations = [Organization(name=f"Partner organization {n}",
                                      kind=OrganizationKind.NONPROFIT) for n in range(10)]
        people = []
        for n in range(40):
            first, last = NAMES[n % len(NAMES)]
            person = Person(first_name=first, last_name=f"{last} {n:02d}")
            person.affiliations.append(
                Affiliation(organization=organizations[n % 10], is_primary=True))
            people.append(person)
        watch = Initiative(name="Riverside Watch", kind=InitiativeKind.NEIGHBORHOOD_WATCH)
        watch.goals = [
            Goal(name=f"Goal {n}", unit="incidents", baseline=40, target=20, position=n,
                 direction=Direction.DECREASE,
                 measurements=[Measurement(measured_on=date(2026, m, 1), value=40 - 4 * m - n)
                               for m in (1, 2, 3)])
            for n in range(6)
        ]
        series = MeetingSeries(title="Riverside council", rule="FREQ=MONTHLY;BYDAY=2TU")
        earlier = Meeting(title="February council", starts_at=START - timedelta(days=28),
                          ends_at=START - timedelta(days=28) + timedelta(hours=2),
                          series=series, initiative=watch, status=MeetingStatus.HELD,
                          minutes=MINUTES, decisions="Buy cameras\nMeet monthly")
        meeting = Meeting(title="March council", starts_at=START,
                          ends_at=START + timedelta(hours=3), location="Library, room 2",
                          series=series, initiative=watch)
        meeting.agenda_items = [
            AgendaItem(position=n, title=f"Agenda item {n}", minutes_allotted=10,
                       presenter=people[n] if n % 2 else None,
                       presenter_name="" if n % 2 else "Sgt. Lee")
            for n in range(1, 16)
        ]
        meeting.attendance = [Attendance(person=p) for p in people]
        s.add_all([*people, watch, earlier, meeting])
        s.add_all([
            ActionItem(description=f"Action item {n}: follow up with the partners",
                       owner=people[n % 40], meeting=earlier if n % 3 else meeting,
                       due_on=TODAY + timedelta(days=n - 10))
            for n in range(30)
        ])
        s.flush()
        return meeting.id


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--paper", choices=("Letter", "A4"), default="Letter")
    parser.add_argument("--keep", type=Path, help="keep the last PDF here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="pdesk-packet-") as scratch:
        db = open_database(Path(scratch) / "bench.sqlite")
        try:
            meeting_id = make_meeting(db)
            ws = Workspace(db)
            times = []
            for run in range(1, args.runs + 1):
                out = Path(scratch) / f"packet-{run}.pdf"
                began = time.perf_counter()
                packet = build_meeting_packet(ws, meeting_id, today=TODAY)
                pages = write_meeting_packet(packet, out, page_size=args.paper)
                times.append(time.perf_counter() - began)
                print(f"run {run}: {times[-1]:.3f} s ({pages} pages, "
                      f"{out.stat().st_size / 1024:.0f} KiB)")
            if args.keep:
                shutil.copyfile(out, args.keep)
        finally:
            db.close()
    median = statistics.median(times)
    verdict = "within" if median <= GOAL_SECONDS else "OVER"
    print(f"median of {len(times)}: {median:.3f} s ({verdict} the {GOAL_SECONDS:g} s goal) for "
          f"40 invitees, 15 agenda items, 30 open action items")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
