"""The one error a service raises for bad input, carrying a message per field."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime


class ValidationError(Exception):
    """Input refused; ``errors`` maps a field name ("" for the whole record) to a message."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(self.errors.values()))

    @classmethod
    def single(cls, field: str, message: str) -> ValidationError:
        return cls({field: message})


class FieldErrors:
    """Collects messages while checking a form, then raises them all at once."""

    def __init__(self) -> None:
        self._errors: dict[str, str] = {}

    def add(self, field: str, message: str) -> None:
        self._errors.setdefault(field, message)

    def require(self, field: str, value: str | None, label: str) -> None:
        if not (value or "").strip():
            self.add(field, f"{label} is required.")

    def check(self, condition: bool, field: str, message: str) -> None:
        if not condition:
            self.add(field, message)

    def raise_if_any(self) -> None:
        if self._errors:
            raise ValidationError(self._errors)


class NotFoundError(Exception):
    """The record was deleted (or never existed)."""


class ConflictError(Exception):
    """Someone else saved the record since it was loaded (optimistic locking).

    ``changed_by``/``changed_at`` name the last change when the audit log knows it;
    ``reload`` says that re-reading the record and editing again resolves it.
    """

    def __init__(
        self,
        message: str,
        *,
        changed_by: str | None = None,
        changed_at: datetime | None = None,
        reload: bool = True,
    ) -> None:
        super().__init__(message)
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.reload = reload


class StorageError(Exception):
    """A write failed because the disk is full or the database is read-only.

    Nothing was committed by the failed action; everything committed before is intact.
    """
