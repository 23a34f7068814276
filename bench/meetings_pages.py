"""First rows and filter changes of the Meetings and Action items pages at benchmark scale.

    python -m bench.meetings_pages [--meetings 20000 --invitees 25 --people 100000]

The database (20,000 meetings x 25 invitees = 500,000 attendance rows by default) is
built once under bench/out. Each figure is end to end through the real page on the GUI
thread with Qt offscreen: from the user's change until the list model holds its new
first page and the count label is updated. Medians of five runs.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from bench.timing import median_ms

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent


def database(people: int, meetings: int, invitees: int) -> Path:
    path = ROOT / "bench" / "out" / f"meetings-{people}-{meetings}-{invitees}.sqlite"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "bench.make_db", str(path), "--people",
                        str(people), "--meetings", str(meetings), "--invitees", str(invitees)],
                       check=True, cwd=ROOT)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--meetings", type=int, default=20_000)
    parser.add_argument("--invitees", type=int, default=25)
    options = parser.parse_args()
    path = database(options.people, options.meetings, options.invitees)

    from PySide6.QtWidgets import QApplication

    from app.cli import open_workspace
    from app.models import ActionStatus, MeetingStatus
    from app.services.meeting_list import When
    from app.ui.pages.action_items_page import ActionItemsPage
    from app.ui.pages.meetings_page import MeetingsPage

    app = QApplication.instance() or QApplication([])
    ws = open_workspace(path)
    with ws.read() as session:
        from sqlalchemy import func, select

        from app.models import Attendance, Meeting

        meetings = session.scalar(select(func.count()).select_from(Meeting))
        attendance = session.scalar(select(func.count()).select_from(Attendance))
    print(f"{meetings:,} meetings, {attendance:,} attendance rows, {options.people:,} people")

    from app.services.dashboard import load_dashboard

    load_dashboard(ws)  # as in the program, where the Dashboard has loaded before
    page = MeetingsPage(ws)
    page.resize(1200, 800)
    page.show()
    app.processEvents()
    cold = median_ms(page.refresh, runs=1)
    print(f"Meetings page: first rows {cold:.1f} ms on opening, then "
          f"{median_ms(page.refresh):.1f} ms ({page.model.total:,} upcoming)")

    def choose(combo: object, value: object) -> Callable[[], None]:
        return lambda: combo.setCurrentIndex(combo.findData(value))  # type: ignore[attr-defined]

    def reset() -> None:
        """All dates, no other filter (without loading): each change then loads once."""
        for combo in (page.when, page.status, page.initiative, page.organization):
            combo.blockSignals(True)
            combo.setCurrentIndex(combo.findData(When.ALL) if combo is page.when else 0)
            combo.blockSignals(False)

    def upcoming() -> None:
        reset()
        page.when.blockSignals(True)
        page.when.setCurrentIndex(0)
        page.when.blockSignals(False)

    for label, action in (
        ("when: past (newest first)", choose(page.when, When.PAST)),
        ("when: all dates", lambda: (upcoming(), choose(page.when, When.ALL)())),
        ("status: held", choose(page.status, MeetingStatus.HELD)),
        ("an initiative", lambda: page.initiative.setCurrentIndex(1)),
        ("an organization", lambda: page.organization.setCurrentIndex(1)),
        ("search 'meeting 0123'", lambda: (page.search.setText("meeting 0123"),
                                           page.refresh())),
    ):
        ms = median_ms(action, reset=reset)
        print(f"  filter {label:<28} {ms:7.1f} ms  ({page.model.total:,} rows)")
        page.search.clear()
    page.views.setCurrentWidget(page.calendar)
    print(f"  month calendar             {median_ms(page.refresh):7.1f} ms")

    actions = ActionItemsPage(ws)
    actions.resize(1200, 800)
    actions.show()
    app.processEvents()
    cold = median_ms(actions.refresh, runs=1)
    print(f"Action items page: first rows {cold:.1f} ms on opening, then "
          f"{median_ms(actions.refresh):.1f} ms ({actions.model.total:,} open)")
    status, overdue = actions.status, actions.overdue_only

    def open_only() -> None:
        for combo in (status, actions.organization, actions.initiative):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        overdue.blockSignals(True)
        overdue.setChecked(False)
        overdue.blockSignals(False)

    for label, action in (
        ("status: done", lambda: status.setCurrentIndex(status.findData(ActionStatus.DONE))),
        ("status: all", lambda: status.setCurrentIndex(status.findData(None))),
        ("overdue only", lambda: overdue.setChecked(True)),
        ("an organization", lambda: actions.organization.setCurrentIndex(1)),
        ("an initiative", lambda: actions.initiative.setCurrentIndex(1)),
        ("search 'follow'", lambda: (actions.search.setText("follow"), actions.refresh())),
    ):
        ms = median_ms(action, reset=open_only)
        print(f"  filter {label:<28} {ms:7.1f} ms  ({actions.model.total:,} rows)")
        actions.search.blockSignals(True)
        actions.search.clear()
        actions.search.blockSignals(False)
    ws.close()


if __name__ == "__main__":
    main()
