"""Plain-Python change notifications: writes announce what changed, views subscribe."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Change:
    """Records of one kind (a table name such as "people") changed; ``ids`` may be empty."""

    kind: str
    ids: frozenset[int]


Listener = Callable[[Change], None]
# The kind announced when a whole database changed at once (demo data, restore, import).
EVERYTHING = "*"


class ChangeNotifier:
    """Calls every subscriber for each change, on the thread that made the change.

    A listener that raises is logged and does not stop the others (the change is
    committed already; one broken view must not hide it from the rest).
    """

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def emit(self, changes: Iterable[Change]) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for change in changes:
            for listener in listeners:
                try:
                    listener(change)
                except Exception:
                    log.exception("change listener failed for %s", change.kind)
