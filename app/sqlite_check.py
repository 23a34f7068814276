"""SQLite's ``PRAGMA quick_check`` (or full ``integrity_check``), on a thread of its own.

The check reads the whole file (about a third of a second for 100,000 people). SQLite
releases the GIL while it works, so main.py starts it before the slow imports of
SQLAlchemy and Qt, and ``open_database`` collects the result. This module imports only
the standard library so that starting it early costs nothing.

A lock file left beside the database (see app/models/instance_lock.py) means the last
session did not end cleanly (or another instance has the file open): then the full
``PRAGMA integrity_check`` runs instead, which also checks every index against its table.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

BUSY_TIMEOUT_S = 5.0
LOCK_SUFFIX = ".lock"  # app.models.instance_lock.LOCK_SUFFIX, without importing it


class QuickCheck:
    """One quick_check (``full``: integrity_check) of an existing SQLite file, started at once."""

    def __init__(self, path: Path, *, background: bool = True, full: bool = False) -> None:
        self.path = path.resolve()
        self.full = full
        self._rows: list[str] = []
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        if background:
            self._thread = threading.Thread(target=self._run, name="quick_check", daemon=True)
            self._thread.start()
        else:
            self._run()

    @classmethod
    def start(cls, target: str) -> QuickCheck | None:
        """Begin checking ``target`` if it names an existing, non-empty SQLite file."""
        if "://" in target:
            return None
        path = Path(target).expanduser()
        try:
            if not path.is_file() or path.stat().st_size == 0:
                return None
            full = path.with_name(path.name + LOCK_SUFFIX).exists()
        except OSError:
            return None
        return cls(path, full=full)

    def result(self) -> list[str]:
        """The check's lines (``["ok"]`` for a sound file); re-raises what the check raised."""
        if self._thread is not None:
            self._thread.join()
        if self._error is not None:
            raise self._error
        return self._rows

    def _run(self) -> None:
        try:
            connection = sqlite3.connect(
                f"{self.path.as_uri()}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_S
            )
            try:
                pragma = "integrity_check" if self.full else "quick_check"
                self._rows = [row[0] for row in connection.execute(f"PRAGMA {pragma}")]
            finally:
                connection.close()
        except (sqlite3.Error, UnicodeDecodeError) as error:
            self._error = error
