"""The errors a crime statistics import gives when a file cannot be imported at all."""

from __future__ import annotations


class CrimeImportError(Exception):
    """The file was refused as a whole (unreadable, empty, binary, changed); nothing changed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ImportCancelled(Exception):  # noqa: N818 (it is an outcome the user asked for)
    """The user cancelled while the file was read; nothing was changed."""
