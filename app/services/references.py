"""What points at a record: every foreign key in the models, found from the metadata.

Deleting a person or an organization, and undoing an import, ask this module so that
nothing another record points to disappears silently (and a new link is never missed).
"""

from __future__ import annotations

from sqlalchemy import Column, func, select
from sqlalchemy.orm import Session

from app.models import Base

# How a referring table reads in a message ("still has 3 meeting attendance ...").
USES = {
    "affiliations": "people",
    "attendance": "meeting attendance",
    "enrollments": "training enrollments",
    "action_items": "action items",
    "agenda_items": "meeting agenda items",
    "training_sessions": "training sessions",
    "initiative_partners": "initiative partnerships",
    "initiatives": "initiatives",
    "expenditures": "expenditures",
    "survey_responses": "survey responses",
    "meeting_series": "meeting series",
}


def referencing_columns(table: str, *, ignore: tuple[str, ...] = ()) -> list[Column[int]]:
    """Every column of any other table that points at ``table``'s id."""
    found = []
    for other in Base.metadata.sorted_tables:
        if other.name in ignore:
            continue
        for fk in other.foreign_keys:
            if fk.column.table.name == table and fk.column.name == "id":
                found.append(fk.parent)
    return found


def references(
    session: Session, table: str, record_id: int, *, ignore: tuple[str, ...] = ()
) -> dict[str, int]:
    """How many rows of each kind point at this record (kinds with none left out)."""
    counts: dict[str, int] = {}
    for column in referencing_columns(table, ignore=ignore):
        n = session.scalar(select(func.count()).where(column == record_id)) or 0
        if n:
            label = USES.get(column.table.name, column.table.name.replace("_", " "))
            counts[label] = counts.get(label, 0) + n
    return counts


def describe(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {label}" for label, n in counts.items())
