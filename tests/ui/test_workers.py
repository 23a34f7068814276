"""Background work: only the newest result is shown, and no signals object of a job is
ever destroyed on a worker thread (that deadlocked the GUI thread against Qt's
connection lock in the full test run)."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from app.ui.progress import run_with_progress
from app.ui.workers import LatestLoader


def test_only_the_newest_result_is_delivered(qtbot: QtBot) -> None:
    loader = LatestLoader()
    shown: list[int] = []
    loader.loaded.connect(shown.append)
    release = threading.Event()
    loader.load(lambda: (release.wait(5), 1)[1])  # slow: answered after the newer one
    with qtbot.waitSignal(loader.loaded, timeout=5000):
        loader.load(lambda: 2)
    release.set()
    qtbot.waitUntil(lambda: not loader.busy, timeout=5000)
    assert shown == [2]


def test_failures_are_delivered_too(qtbot: QtBot) -> None:
    loader = LatestLoader()
    with qtbot.waitSignal(loader.failed, timeout=5000) as failed:
        loader.load(lambda: 1 / 0)
    assert isinstance(failed.args[0], ZeroDivisionError)


def test_job_signals_belong_to_the_gui_thread(qtbot: QtBot) -> None:
    loader = LatestLoader()
    assert loader.signals.parent() is loader  # deleted with the loader, never by a worker
    for number in range(300):  # many quick jobs: each one's reference dies on a worker
        with qtbot.waitSignal(loader.loaded, timeout=5000):
            loader.load(lambda n=number: n)
        loader.signals.succeeded.connect(lambda *_: None)  # the GUI thread connecting
    assert run_with_progress(None, "Test", "Working…", lambda progress: 42) == 42
