"""The Training page at benchmark scale: first rows, filter changes, background loads.

    python -m bench.training_pages [--people 100000]

Uses the benchmark database of bench.meetings_pages (100,000 people: 10,000 training
sessions, about 315,000 enrollments, 6 requirements over tens of thousands of tagged
people). The Sessions and Courses tabs load on the GUI thread; Compliance and Hours load
in the background, so for them the figure is the time until their rows are shown while
the window stays responsive. Medians of five runs, end to end through the real page.
"""

from __future__ import annotations

import argparse
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.meetings_pages import database  # noqa: E402
from bench.timing import median_ms  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--meetings", type=int, default=20_000)
    parser.add_argument("--invitees", type=int, default=25)
    options = parser.parse_args()
    path = database(options.people, options.meetings, options.invitees)

    from PySide6.QtCore import QCoreApplication, QThreadPool
    from PySide6.QtWidgets import QApplication

    from app.cli import open_workspace
    from app.services.dashboard import load_dashboard
    from app.services.training_sessions import SessionWhen
    from app.ui.pages.training_page import TrainingPage

    app = QApplication.instance() or QApplication([])
    ws = open_workspace(path)
    load_dashboard(ws)  # as in the program, where the Dashboard has loaded before

    def settled() -> None:
        QThreadPool.globalInstance().waitForDone(60_000)
        QCoreApplication.processEvents()

    page = TrainingPage(ws)
    page.resize(1200, 800)
    page.show()
    app.processEvents()
    sessions = page.sessions
    cold = median_ms(page.refresh, runs=1)
    print(f"Sessions tab: first rows {cold:.1f} ms on opening, then "
          f"{median_ms(page.refresh):.1f} ms ({sessions.model.total:,} upcoming)")
    when = sessions.when

    def upcoming() -> None:
        when.blockSignals(True)
        when.setCurrentIndex(when.findData(SessionWhen.UPCOMING))
        when.blockSignals(False)

    for label, value in (("past", SessionWhen.PAST), ("all dates", SessionWhen.ALL)):
        ms = median_ms(lambda v=value: when.setCurrentIndex(when.findData(v)), reset=upcoming)
        print(f"  filter when: {label:<22} {ms:7.1f} ms  ({sessions.model.total:,} rows)")
    ms = median_ms(lambda: sessions.course.setCurrentIndex(
        1 + (sessions.course.currentIndex() % (sessions.course.count() - 1))))
    print(f"  filter a course                  {ms:7.1f} ms  ({sessions.model.total:,} rows)")
    for index, name in ((1, "Courses"), (2, "Compliance"), (3, "Hours")):
        page.tabs.setCurrentIndex(0)
        settled()

        def show(i: int = index) -> None:
            page.tabs.setCurrentIndex(i)
            settled()

        print(f"{name} tab: rows shown after {median_ms(show, 3, reset=page.refresh):.1f} ms"
              f"  ({page.count.text()})")
    ws.close()


if __name__ == "__main__":
    main()
