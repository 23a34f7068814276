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


class _Mover(QObject):
    """Carries the worker's progress to the dialog. Owned by the dialog, so it is destroyed
    on the GUI thread, and it holds no other object: whatever reference the worker drops
    last, nothing of the GUI's is destroyed there (see app/ui/workers.py)."""

    moved = Signal(int, int)


def _show(dialog: QProgressDialog, done: int, total: int) -> None:
    if total > 0:
        dialog.setMaximum(total)
        dialog.setValue(min(done, total))


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
    mover = _Mover(dialog)
    mover.moved.connect(lambda done, total: _show(dialog, done, total))

    def progress(done: int, total: int) -> None:
        if cancelled.is_set():
            raise Cancelled()
        mover.moved.emit(done, total)

    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def finish(key: str, value: object) -> None:
        outcome[key] = value
        loop.quit()

    run_in_background(dialog, lambda: job(progress), lambda result: finish("result", result),
                      lambda error: finish("error", error))
    loop.exec()
    dialog.reset()
    dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]  # type: ignore[no-any-return]
