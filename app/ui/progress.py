"""Long work (exports, imports) in a worker thread, with a progress dialog and Cancel.

``run_with_progress`` hands the job a ``progress(done, total)`` callback. The callback is
safe to call from the worker: it forwards the numbers to the dialog through a queued
signal, and raises :class:`Cancelled` once the user pressed Cancel, which ends the job
(the writers then remove their half-written file).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.ui.workers import run_in_background

T = TypeVar("T")
Progress = Callable[[int, int], None]


class Cancelled(Exception):
    """The user cancelled the job."""


class _Bridge(QObject):
    """Lives on the GUI thread, so signals from the worker reach its slots queued."""

    moved = Signal(int, int)

    def __init__(self, dialog: QProgressDialog, loop: QEventLoop) -> None:
        super().__init__()
        self.dialog, self.loop = dialog, loop
        self.outcome: dict[str, Any] = {}
        self.moved.connect(self.show)

    def show(self, done: int, total: int) -> None:
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))

    def succeeded(self, result: object) -> None:
        self.outcome["result"] = result
        self.loop.quit()

    def failed(self, error: BaseException) -> None:
        self.outcome["error"] = error
        self.loop.quit()


def run_with_progress(
    parent: QWidget | None,
    title: str,
    label: str,
    job: Callable[[Progress], T],
    *,
    cancellable: bool = True,
) -> T:
    """Run ``job(progress)`` off the GUI thread while a modal progress dialog shows.

    Returns the job's result; re-raises its exception (``Cancelled`` when cancelled).
    A job that is one transaction from start to end is not ``cancellable``: the dialog
    then has no Cancel button rather than one that cannot keep its word.
    """
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    if not cancellable:
        dialog.setCancelButton(None)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    cancelled = threading.Event()
    dialog.canceled.connect(cancelled.set)
    loop = QEventLoop()
    bridge = _Bridge(dialog, loop)

    def progress(done: int, total: int) -> None:
        if cancelled.is_set():
            raise Cancelled()
        bridge.moved.emit(done, total)

    run_in_background(bridge, lambda: job(progress), bridge.succeeded, bridge.failed)
    loop.exec()
    dialog.reset()
    dialog.deleteLater()
    if "error" in bridge.outcome:
        raise bridge.outcome["error"]
    return bridge.outcome["result"]  # type: ignore[no-any-return]
