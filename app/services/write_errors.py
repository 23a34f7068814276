"""Turn "the disk is full" and "the database is read-only" into one clear StorageError.

SQLite reports these as ``OperationalError`` ("database or disk is full", "attempt to
write a readonly database"); PostgreSQL as SQLSTATE 53100 (disk full) or 25006 (read-only
transaction); the operating system as ``OSError`` ENOSPC/EROFS/EDQUOT. The failed action's
transaction is rolled back by the session, so nothing committed earlier is touched.
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError

from app.services.errors import StorageError

DISK_FULL = (
    "The change was not saved: the disk holding the database is full. "
    "Free some space (or move the database), then save again. "
    "Everything saved before is intact."
)
READ_ONLY = (
    "The change was not saved: the database cannot be written (the file or its folder "
    "is read-only, or the server refuses writes). Everything saved before is intact."
)
DISK_ERROR = (
    "The change was not saved: the disk reported an error while writing. "
    "Everything saved before is intact; check the disk, then save again."
)

_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
_READ_ONLY_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}


def storage_message(error: BaseException) -> str | None:
    """The user's message if ``error`` is a full disk or a read-only database, else None."""
    if isinstance(error, DBAPIError):
        error = error.orig if error.orig is not None else error
    if isinstance(error, OSError):
        if error.errno in _FULL_ERRNOS:
            return DISK_FULL
        if error.errno in _READ_ONLY_ERRNOS:
            return READ_ONLY
        return None
    sqlstate = getattr(error, "sqlstate", None)  # psycopg
    if sqlstate == "53100":
        return DISK_FULL
    if sqlstate == "25006":
        return READ_ONLY
    text = str(error).lower()
    if "database or disk is full" in text:
        return DISK_FULL
    if "readonly database" in text or ("read-only" in text and "database" in text):
        return READ_ONLY
    if "disk i/o error" in text:
        return DISK_ERROR
    return None


@contextmanager
def translated_write_errors() -> Iterator[None]:
    """Re-raise a full-disk or read-only failure inside the block as StorageError."""
    try:
        yield
    except (DBAPIError, OSError) as error:
        message = storage_message(error)
        if message is None:
            raise
        raise StorageError(message) from error
