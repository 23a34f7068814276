"""How values look on screen: local times, readable dates and enum labels."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any


def enum_label(value: enum.Enum) -> str:
    """The enum's own ``label`` where it has one, else its value made readable."""
    label = getattr(value, "label", None)
    return label if isinstance(label, str) else value.value.replace("_", " ").capitalize()


def display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone().strftime("%a %d %b %Y, %H:%M")
    if isinstance(value, date):
        return value.strftime("%d %b %Y")
    if isinstance(value, enum.Enum):
        return enum_label(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)
