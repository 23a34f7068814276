"""Carries service change notifications onto the GUI thread as a Qt signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.services.changes import Change, ChangeNotifier


class ChangeBridge(QObject):
    """Re-emits every :class:`Change` as ``changed``; queued when it comes from a worker."""

    changed = Signal(object)

    def __init__(self, notifier: ChangeNotifier, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe = notifier.subscribe(self._relay)

    def _relay(self, change: Change) -> None:
        self.changed.emit(change)

    def detach(self) -> None:
        self._unsubscribe()
