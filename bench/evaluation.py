"""The Evaluation page and its services for the whole partnership over a year at scale.

    python -m bench.evaluation [--people 100000 --meetings 20000 --invitees 25] [--runs 5]

Uses (or builds) bench/out/evaluation-P-M-I.sqlite (bench.make_evaluation_db): the
database of bench.meetings_pages (100,000 people, 20,000 meetings, 500,000 attendance
rows) plus crime counts, surveys with 1,000 responses, goals with measurements and
expenditures. Prints the median of ``--runs`` runs of each service for the twelve months
up to the latest held meeting, then of each tab of the real EvaluationPage (Qt offscreen,
the page shown at 1400x900): from showing the tab until its data is on screen and its
chart has been drawn (the tab's ``loaded`` signal or its LatestLoader's, then the chart
canvas's matplotlib draw_event), events processed on the GUI thread meanwhile.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import time
from datetime import date
from typing import Any

from bench.make_evaluation_db import evaluation_database
from bench.timing import RUNS, median_ms

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--meetings", type=int, default=20_000)
    parser.add_argument("--invitees", type=int, default=25)
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--no-services", action="store_true", help="time the page only")
    options = parser.parse_args()
    path = evaluation_database(options.people, options.meetings, options.invitees)
    runs = options.runs

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
    if not options.no_services:
        for name, action in (
            ("engagement", lambda: engagement(ws, scope, today)),
            ("partnership_network", lambda: partnership_network(ws, scope)),
            ("resource_efficiency", lambda: resource_efficiency(ws, scope)),
        ):
            print(f"  {name:<22} {median_ms(action, runs):8.0f} ms (median of {runs})")
    time_page(ws, scope, today, runs)
    ws.db.close()


def time_page(ws: Any, scope: Any, today: date, runs: int) -> None:
    """Each tab of the Evaluation page, from show until its data and chart are on screen."""
    from PySide6.QtWidgets import QApplication

    from app.ui.pages.evaluation_page import EvaluationPage
    from app.ui.workers import wait_for_background_work

    app = QApplication.instance() or QApplication([])
    page = EvaluationPage(ws, today=today)
    gc.freeze()  # as the main window does once a page is built
    page.set_period(scope.period)
    page.resize(1400, 900)
    page.show()
    app.processEvents()
    wait_for_background_work(60_000)  # the first tab's load, started on show
    app.processEvents()
    print(f"Evaluation page, {page.count.text()}: show -> data and chart on screen")
    for index in range(page.tabs.count()):
        tab = page.tabs.widget(index)
        times = [_show_tab(app, page, index) for _ in range(runs)]
        print(f"  {page.tabs.tabText(index):<12} {statistics.median(times):8.0f} ms "
              f"(median of {runs}; min {min(times):.0f}, max {max(times):.0f})"
              f"{_tab_note(tab)}")
    page.close()
    wait_for_background_work(60_000)


def _tab_note(tab: Any) -> str:
    for name in ("report", "network"):
        value = getattr(tab, name, None)
        if value is not None and hasattr(value, "rows"):
            return f" · {len(value.rows):,} rows"
        if value is not None and hasattr(value, "nodes"):
            return f" · {len(value.nodes):,} organizations, {value.links:,} links"
    return ""


def _show_tab(app: Any, page: Any, index: int, timeout: float = 120.0) -> float:
    """ms from showing tab ``index`` (freshly: what it shows is forgotten first) until it
    has delivered its data and drawn its chart."""
    from PySide6.QtCore import QEventLoop, QTimer

    tab = page.tabs.widget(index)
    state = {"loaded": False, "drawn": False}
    # Wait in an event loop, as the application does (a polling loop would hold the GIL
    # between polls and slow the worker thread it measures).
    waiting = QEventLoop()

    def on_loaded(*_args: object) -> None:
        state["loaded"] = True

    def on_draw(_event: object) -> None:
        if state["loaded"]:
            state["drawn"] = True
            waiting.quit()

    signal = getattr(tab, "loaded", None)
    loader = getattr(tab, "loader", None)
    if signal is None and loader is not None:
        signal = loader.loaded
    if signal is not None:
        signal.connect(on_loaded)
    cid = tab.chart.mpl_connect("draw_event", on_draw)
    other = (index + 1) % page.tabs.count()
    page.tabs.blockSignals(True)
    page.tabs.setCurrentIndex(other)  # switch away without loading the other tab
    page.tabs.blockSignals(False)
    app.processEvents()
    page._shown.clear()  # forget what every tab shows: the next show loads afresh
    try:
        start = time.perf_counter()
        page.tabs.setCurrentIndex(index)  # shows the tab and loads its scope
        if signal is None:  # a tab that loads on the GUI thread: done on return
            on_loaded()
        if not state["drawn"]:
            QTimer.singleShot(int(timeout * 1000), waiting.quit)
            waiting.exec()
        if not state["drawn"]:
            raise TimeoutError(f"{page.tabs.tabText(index)} not shown in {timeout} s")
        return (time.perf_counter() - start) * 1000
    finally:
        tab.chart.mpl_disconnect(cid)
        if signal is not None:
            signal.disconnect(on_loaded)


if __name__ == "__main__":
    main()
