"""Evaluation services for the whole partnership over a year at benchmark scale.

    python -m bench.evaluation [--people 100000 --meetings 20000 --invitees 25]

Uses (or builds) the same database as bench.meetings_pages: 100,000 people, 20,000
meetings, 500,000 attendance rows. Prints the median of five runs of each service for
the twelve months up to the latest held meeting. (The lead adds the page timing.)
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from datetime import date

from bench.meetings_pages import database

RUNS = 5


def median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--meetings", type=int, default=20_000)
    parser.add_argument("--invitees", type=int, default=25)
    options = parser.parse_args()
    path = database(options.people, options.meetings, options.invitees)

    from sqlalchemy import func, select

    from app.cli import open_workspace
    from app.models import Attendance, Expenditure, Meeting, MeetingStatus
    from app.services.engagement import engagement
    from app.services.evaluation_scope import EvaluationScope, Period
    from app.services.partnership_network import partnership_network
    from app.services.resource_efficiency import resource_efficiency

    ws = open_workspace(path)
    with ws.read() as session:
        latest = session.scalar(select(func.max(Meeting.starts_at))
                                .where(Meeting.status == MeetingStatus.HELD))
        attendance = session.scalar(select(func.count()).select_from(Attendance))
        spending = session.scalar(select(func.count()).select_from(Expenditure))
    today: date = latest.date() if latest else date.today()
    scope = EvaluationScope(Period.last_months(12, today))
    print(f"{path.name}: {attendance:,} attendance rows, {spending:,} expenditures; "
          f"whole partnership, {scope.period.label()}")
    report = engagement(ws, scope, today)
    network = partnership_network(ws, scope)
    resources = resource_efficiency(ws, scope)
    print(f"  {len(report.rows):,} organizations scored, network of {len(network.nodes):,} "
          f"with {network.links:,} links, {len(resources.initiatives)} initiatives")
    for name, action in (
        ("engagement", lambda: engagement(ws, scope, today)),
        ("partnership_network", lambda: partnership_network(ws, scope)),
        ("resource_efficiency", lambda: resource_efficiency(ws, scope)),
    ):
        print(f"  {name:<22} {median_ms(action):8.0f} ms (median of {RUNS})")
    ws.db.close()


if __name__ == "__main__":
    main()
