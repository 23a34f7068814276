"""Work off the GUI thread: queries and long jobs run in Qt's thread pool.

Each job uses its own database session (services open one per call), and its result
comes back to the GUI thread through a queued signal.

A job's ``JobSignals`` must always have a parent on the GUI thread. The runnable keeps a
Python reference to it; if that were the last one, the object would be destroyed on the
worker thread, where its destructor disconnects the receivers while holding Qt's
connection lock and then waits for the GIL — which the GUI thread, waiting for that lock
to connect something, holds: both wait for ever. Owned by a parent, the object is deleted
with its parent on the GUI thread, whatever happens to the Python reference.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class JobSignals(QObject):
    succeeded = Signal(int, object)
    failed = Signal(int, object)


class Job(QRunnable):
    def __init__(self, number: int, work: Callable[[], Any], signals: JobSignals) -> None:
        super().__init__()
        self._number, self._work, self.signals = number, work, signals

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:  # reported on the GUI thread, never lost
            self.signals.failed.emit(self._number, error)
        else:
            self.signals.succeeded.emit(self._number, result)


class LatestLoader(QObject):
    """Runs loading functions in the background and delivers only the newest result.

    A page asks for fresh data whenever something changes; if it asks again before the
    previous answer arrives, the older answer is dropped rather than shown late.
    """

    loaded = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._latest = 0
        self._running: set[int] = set()
        # One signals object for every job, owned by the loader (see the module's note).
        self.signals = JobSignals(self)
        self.signals.succeeded.connect(self._on_succeeded)
        self.signals.failed.connect(self._on_failed)

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def load(self, work: Callable[[], Any]) -> None:
        self._latest += 1
        self._running.add(self._latest)
        QThreadPool.globalInstance().start(Job(self._latest, work, self.signals))

    def _on_succeeded(self, number: int, result: object) -> None:
        self._running.discard(number)
        if number == self._latest:
            self.loaded.emit(result)

    def _on_failed(self, number: int, error: object) -> None:
        self._running.discard(number)
        if number == self._latest:
            self.failed.emit(error)


def wait_for_background_work(milliseconds: int = 5000) -> None:
    """Let running jobs finish before the program (and its database) closes."""
    QThreadPool.globalInstance().waitForDone(milliseconds)
