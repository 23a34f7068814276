"""Work off the GUI thread: queries and long jobs run in Qt's thread pool.

Each job uses its own database session (services open one per call). Its outcome comes back
to the GUI thread through the application's one relay object, which lives as long as the
application, and is handed to the caller only if the caller's ``owner`` still exists then.
So a page, dialog or loader may be closed and deleted while its job runs: the outcome is
dropped. (A job that emitted through an object its owner had deleted raised "Signal source
has been deleted", and at the instant of the deletion could crash the whole process.)

No object a job refers to is ever destroyed on a worker thread: its destructor would take
Qt's connection lock and then wait for the GIL, which the GUI thread, waiting for that lock
to connect something, holds: both would wait for ever.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

OnResult = Callable[[Any], None]
OnError = Callable[[BaseException], None]


class _Relay(QObject):
    """Carries every job's outcome to the GUI thread, where it lives (owned by the app)."""

    NAME = "background job relay"
    finished = Signal(int, bool, object)  # ticket, succeeded, the result or the exception

    def __init__(self, parent: QObject | None) -> None:
        super().__init__(parent)
        self._tickets = itertools.count(1)
        self._waiting: dict[int, tuple[QObject, OnResult, OnError]] = {}
        self.finished.connect(self._deliver)

    def submit(self, owner: QObject, work: Callable[[], Any], on_result: OnResult,
               on_error: OnError) -> None:
        ticket = next(self._tickets)
        self._waiting[ticket] = (owner, on_result, on_error)
        QThreadPool.globalInstance().start(_Job(ticket, work, self))

    def _deliver(self, ticket: int, succeeded: bool, outcome: object) -> None:
        owner, on_result, on_error = self._waiting.pop(ticket)
        if shiboken6.isValid(owner):
            if succeeded:
                on_result(outcome)
            else:
                on_error(outcome)  # type: ignore[arg-type]


class _Job(QRunnable):
    def __init__(self, ticket: int, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._ticket, self._work, self._relay = ticket, work, relay

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:  # reported on the GUI thread, never lost
            self._relay.finished.emit(self._ticket, False, error)
        else:
            self._relay.finished.emit(self._ticket, True, result)


def run_in_background(owner: QObject, work: Callable[[], Any], on_result: OnResult,
                      on_error: OnError) -> None:
    """Run ``work()`` on a worker thread; call from the GUI thread.

    Back on the GUI thread, ``on_result(result)`` or ``on_error(exception)`` is called,
    unless ``owner`` has been deleted by then.
    """
    _relay().submit(owner, work, on_result, on_error)


def _relay() -> _Relay:
    """The relay, a child of the application object (like Qt's global thread pool, it
    serves the whole process; it keeps nothing but the jobs in flight)."""
    app = QCoreApplication.instance()
    relay = app.findChild(_Relay, _Relay.NAME) if app is not None else None
    if relay is None:
        relay = _Relay(app)
        relay.setObjectName(_Relay.NAME)
    return relay


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

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def load(self, work: Callable[[], Any]) -> None:
        self._latest += 1
        number = self._latest
        self._running.add(number)
        run_in_background(self, work, lambda result: self._answered(number, result, self.loaded),
                          lambda error: self._answered(number, error, self.failed))

    def _answered(self, number: int, outcome: object, signal: Any) -> None:
        self._running.discard(number)
        if number == self._latest:
            signal.emit(outcome)


def wait_for_background_work(milliseconds: int = 5000) -> bool:
    """Let running jobs finish before the program (and its database) closes; False if
    some still ran after ``milliseconds``."""
    return QThreadPool.globalInstance().waitForDone(milliseconds)
