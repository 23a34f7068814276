"""Background work: only the newest result is shown; an owner deleted while its job runs
hears nothing and nothing breaks; no object a job refers to is destroyed on a worker
thread (that deadlocked the GUI thread against Qt's connection lock in the full run)."""

from __future__ import annotations

import gc
import threading
import time

import pytest
import shiboken6
from PySide6.QtCore import QObject, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.ui.progress import Cancelled, Progress, run_with_progress
from app.ui.workers import LatestLoader, _relay, run_in_background


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


def test_many_quick_jobs_while_the_gui_thread_connects(qtbot: QtBot) -> None:
    loader = LatestLoader()
    for number in range(300):  # each job's last reference dies on a worker
        with qtbot.waitSignal(loader.loaded, timeout=5000):
            loader.load(lambda n=number: n)
        loader.loaded.connect(lambda *_: None)  # the GUI thread connecting meanwhile
    assert run_with_progress(None, "Test", "Working…", lambda progress: 42) == 42


def test_an_owner_deleted_while_its_job_runs_hears_nothing(qtbot: QtBot) -> None:
    """Closing a page while it loads: the job ends quietly and the result is dropped
    (emitting through the deleted page's objects raised, or crashed the process)."""
    delivered: list[object] = []
    for number in range(200):
        owner = QWidget()
        loader = LatestLoader(owner)
        loader.loaded.connect(delivered.append)
        started, release = threading.Event(), threading.Event()
        loader.load(lambda n=number, s=started, r=release: (s.set(), r.wait(5), n)[2])
        assert started.wait(5)
        if number % 2:
            release.set()  # finishing while the owner is being deleted
        shiboken6.delete(owner)
        release.set()
    assert QThreadPool.globalInstance().waitForDone(10_000)
    qtbot.wait(50)  # the queued outcomes reach the GUI thread, and are dropped there
    assert delivered == []


def test_an_owner_alive_gets_the_error_on_the_gui_thread(qtbot: QtBot) -> None:
    owner, outcomes = QObject(), []
    gui_thread = threading.get_ident()
    run_in_background(owner, lambda: 1 / 0, outcomes.append,
                      lambda error: outcomes.append((error, threading.get_ident())))
    qtbot.waitUntil(lambda: bool(outcomes), timeout=5000)
    [(error, thread)] = outcomes
    assert isinstance(error, ZeroDivisionError) and thread == gui_thread


def test_progress_reaches_the_dialog_and_cancel_ends_the_job(qtbot: QtBot) -> None:
    values: list[int] = []

    def press_cancel() -> None:
        [dialog] = [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, QProgressDialog) and shiboken6.isValid(w)]
        values.append(dialog.value())
        dialog.findChild(QPushButton).click()  # the user presses Cancel

    def job(progress: Progress) -> int:
        for done in range(10_000):
            progress(done, 10_000)
            time.sleep(0.001)
        return 1

    QTimer.singleShot(300, press_cancel)
    with pytest.raises(Cancelled):
        run_with_progress(None, "Test", "Working…", job)
    assert values and values[0] > 0  # the worker's progress had reached the dialog


def test_one_relay_serves_the_application_and_keeps_its_jobs(qtbot: QtBot) -> None:
    relay = _relay()
    assert relay is _relay() and relay.parent() is QApplication.instance()
    release = threading.Event()
    outcomes: list[object] = []
    owner = QObject()
    run_in_background(owner, lambda: (release.wait(5), "late")[1], outcomes.append,
                      outcomes.append)
    gc.collect()  # the relay's Python side (its jobs in flight) survives without a reference
    release.set()
    qtbot.waitUntil(lambda: outcomes == ["late"], timeout=5000)
