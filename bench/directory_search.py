"""Search-as-you-type, sorting and first rows of the People page at benchmark scale.

    python -m bench.directory_search [--people 100000]

Each figure is end to end through the real page: a keystroke in the search box until the
list model holds the new first page and the count label is updated (the detail panel of
the selected person included), measured on the GUI thread with Qt offscreen.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
TYPED = ["m", "ma", "mar", "mari", "maria", "maria ", "maria g", "maria ga", "maria gar"]
OTHER_SEARCHES = ["smith", "555 20", "riverton police", "zzq", "harbor"]


def database(people: int) -> Path:
    path = ROOT / "bench" / "out" / f"people-{people}.sqlite"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "bench.make_db", str(path), "--people",
                        str(people)], check=True, cwd=ROOT)
    return path


def timed(action: object) -> float:
    start = time.perf_counter()
    action()  # type: ignore[operator]
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    options = parser.parse_args()
    path = database(options.people)

    from PySide6.QtWidgets import QApplication

    from app.cli import open_workspace
    from app.ui.pages.people_page import PeoplePage

    app = QApplication.instance() or QApplication([])
    ws = open_workspace(path)
    page = PeoplePage(ws)
    page.resize(1200, 800)
    page.show()
    first = timed(page.refresh)
    print(f"People page, {options.people:,} people: first rows in {first:.1f} ms "
          f"({page.model.rowCount()} rows loaded of {page.model.total:,})")

    def keystroke(text: str) -> float:
        """Type, then let the event loop run the page's reload, as a user's typing does."""
        return timed(lambda: (page.search.setText(text), app.processEvents()))

    print("\nsearch as you type (ms per keystroke, end to end):")
    for _ in range(2):  # the second round is what a user typing meets
        times = [keystroke(text) for text in TYPED]
        keystroke("")
    for text, ms in zip(TYPED, times, strict=True):
        print(f"  {text!r:<14} {ms:6.1f} ms")
    others = {}
    for text in OTHER_SEARCHES:
        others[text] = keystroke(text)
        print(f"  {text!r:<14} {others[text]:6.1f} ms  ({page.model.total:,} found)")
    all_times = times + list(others.values())
    print(f"  median {statistics.median(all_times):.1f} ms, worst {max(all_times):.1f} ms")

    keystroke("")
    print("\nsorting by a column header click (ms):")
    header = page.view.horizontalHeader()
    from PySide6.QtCore import Qt

    for column in range(page.model.columnCount()):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            ms = timed(lambda c=column, o=order: header.setSortIndicator(c, o))
            title = page.model.headerData(column, Qt.Orientation.Horizontal)
            print(f"  {title:<14} {order.name:<16} {ms:6.1f} ms")
    scroll = timed(lambda: page.model.fetchMore())
    print(f"\nnext page while scrolling: {scroll:.1f} ms")
    page.close()
    ws.close()
    app.processEvents()


if __name__ == "__main__":
    main()
