"""Verified SQLite backups with the SQLite online backup API."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path


class BackupError(Exception):
    pass


def backup_sqlite(source: Path, destination_dir: Path, reason: str) -> Path:
    """Copy ``source`` into ``destination_dir`` consistently, verify the copy, return its path.

    The copy is written under a temporary name and renamed only after
    ``PRAGMA integrity_check`` on it says ``ok``; a failed copy is removed.
    """
    destination_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    final = destination_dir / f"{source.stem}-{stamp}-{reason}.sqlite"
    partial = final.with_suffix(".partial")
    try:
        # as_uri() percent-encodes: a raw "#" or "?" in a file name would cut the URI short.
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
                (result,) = dst.execute("PRAGMA integrity_check").fetchone()
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:  # not a database, unreadable, disk full...
        partial.unlink(missing_ok=True)
        raise BackupError(f"Could not back up {source}: {exc}") from exc
    if result != "ok":
        partial.unlink(missing_ok=True)
        raise BackupError(f"The backup of {source} failed verification: {result}")
    partial.replace(final)
    return final
