"""The one error a contact file gives when it cannot be imported at all."""

from __future__ import annotations


class ContactImportError(Exception):
    """The file was refused as a whole (unreadable, empty, unsafe); nothing was changed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
