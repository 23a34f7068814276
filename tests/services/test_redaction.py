"""Redacted reports name people by a stable id derived from their record."""

from __future__ import annotations

from app.services.redaction import person_label


def test_names_shown_unless_redacted() -> None:
    assert person_label(42, "Ana Núñez", redacted=False) == "Ana Núñez"


def test_redacted_names_are_stable_ids() -> None:
    assert person_label(42, "Ana Núñez", redacted=True) == "P-00042"
    assert person_label(42, "A. Núñez (renamed)", redacted=True) == "P-00042"
    assert person_label(None, "walk-in", redacted=True) == ""
