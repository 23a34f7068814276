"""Why a database could not be opened, each with a message for people and an exit code."""

from __future__ import annotations


class DatabaseOpenError(Exception):
    exit_code = 3

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BadLocationError(DatabaseOpenError):
    """The path or URL cannot name a database (missing folder, unknown scheme...)."""

    exit_code = 2


class NotADatabaseError(DatabaseOpenError):
    exit_code = 3


class DatabaseDamagedError(DatabaseOpenError):
    exit_code = 4


class ServerUnreachableError(DatabaseOpenError):
    exit_code = 5


class SchemaTooNewError(DatabaseOpenError):
    exit_code = 6


class DatabaseInUseError(DatabaseOpenError):
    exit_code = 7


class DatabaseReadOnlyError(DatabaseOpenError):
    """The database's folder cannot be written (no lock file, no journal): refused."""

    exit_code = 9
