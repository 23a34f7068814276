"""Run main.py as a user would, but report when the window is up, then quit.

Used by bench/launch.py in a fresh interpreter: prints one JSON line with the seconds from
just before the interpreter started to (a) the main window shown and painted, usable,
and (b) the dashboard's figures loaded (they load in the background), and peak memory.
"""

from __future__ import annotations

import json
import resource
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import main


def _since_start() -> float:
    return time.perf_counter() - START


def _exec_once(*_: object) -> int:
    app = QApplication.instance()
    figures: dict[str, float] = {}

    def finish() -> None:
        figures["dashboard_seconds"] = _since_start()
        figures["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(figures), flush=True)
        app.quit()

    def painted() -> None:
        from app.ui.main_window import MainWindow  # imported by main.py by now

        window = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))
        window.grab()  # a full paint of the window, as a screen would need
        figures["seconds"] = _since_start()
        dashboard = window.page("Dashboard")
        if dashboard.loader.busy:
            dashboard.loader.loaded.connect(finish)
        else:
            finish()

    QTimer.singleShot(0, painted)
    return ORIGINAL_EXEC()


START = float(sys.argv[1]) if len(sys.argv) > 1 else time.perf_counter()
ORIGINAL_EXEC = QApplication.exec
QApplication.exec = _exec_once  # type: ignore[method-assign]

if __name__ == "__main__":
    sys.exit(main.main(sys.argv[2:]))
