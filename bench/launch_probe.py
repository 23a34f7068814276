"""Run main.py as a user would, but report when the window is up, then quit.

Used by bench/launch.py in a fresh interpreter: prints one JSON line with the seconds from
interpreter start to a shown, painted main window (dashboard loaded) and the peak memory.
"""

from __future__ import annotations

import json
import resource
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import main


def _exec_once(app: QApplication) -> int:
    def report() -> None:
        window = app.activeWindow() or app.topLevelWidgets()[0]
        window.grab()  # force a full paint of the window, as a screen would
        elapsed = time.perf_counter() - START
        peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({"seconds": elapsed, "peak_mib": peak_mib}), flush=True)
        app.quit()

    QTimer.singleShot(0, report)
    return ORIGINAL_EXEC()


START = float(sys.argv[1]) if len(sys.argv) > 1 else time.perf_counter()
ORIGINAL_EXEC = QApplication.exec
QApplication.exec = _exec_once  # type: ignore[method-assign]

if __name__ == "__main__":
    sys.exit(main.main(sys.argv[2:]))
