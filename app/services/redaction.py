"""Redacted mode for documents that leave the agency: people are named by a stable id.

The id is derived from the person's record id, so the same person carries the same label
in every redacted report and workbook (a funder can follow "P-00042" across quarters)
while nothing about who they are is printed. Sensitive notes are left out altogether by
the report builders when ``redacted`` is set.
"""

from __future__ import annotations


def person_label(person_id: int | None, name: str, redacted: bool) -> str:
    """``name``, or the person's stable id in redacted mode ("" when there is no person)."""
    if person_id is None:
        return "" if redacted else name
    return f"P-{person_id:05d}" if redacted else name
