"""The one error a service raises for bad input, carrying a message per field."""

from __future__ import annotations

from collections.abc import Mapping


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
    """Someone else saved the record since it was loaded (optimistic locking)."""
