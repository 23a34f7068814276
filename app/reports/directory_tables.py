"""The directory as tables: the columns that CSV and XLSX exports share."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from app.reports.spreadsheet_safety import CellValue
from app.services.directory_export import OrganizationExportRow, PersonExportRow

R = TypeVar("R")


@dataclass(frozen=True)
class Column(Generic[R]):
    header: str
    value: Callable[[R], CellValue]


@dataclass(frozen=True)
class Tabular:
    headers: list[str]
    rows: list[list[CellValue]]


def _others(person: PersonExportRow) -> str:
    return "; ".join(
        f"{m.organization} ({m.role})" if m.role else m.organization
        for m in person.memberships[1:]
    )


def _contact(person: PersonExportRow) -> str:
    method = person.preferred_contact
    return method.value.replace("_", " ").capitalize() if method else ""


PEOPLE_COLUMNS: list[Column[PersonExportRow]] = [
    Column("First name", lambda p: p.first_name),
    Column("Last name", lambda p: p.last_name),
    Column("Title", lambda p: p.title),
    Column("Organization", lambda p: p.organization),
    Column("Role", lambda p: p.role),
    Column("Other organizations", _others),
    Column("E-mail", lambda p: p.email),
    Column("Phone", lambda p: p.phone),
    Column("Mobile", lambda p: p.mobile),
    Column("Preferred contact", _contact),
    Column("Tags", lambda p: ", ".join(p.tags)),
    Column("Notes", lambda p: p.notes),
]
SENSITIVE_COLUMN: Column[PersonExportRow] = Column(
    "Sensitive notes", lambda p: p.sensitive_notes or ""
)
ARCHIVED_PERSON_COLUMN: Column[PersonExportRow] = Column(
    "Archived", lambda p: "Yes" if p.archived else ""
)

ORGANIZATION_COLUMNS: list[Column[OrganizationExportRow]] = [
    Column("Name", lambda o: o.name),
    Column("Kind", lambda o: o.kind_label),
    Column("E-mail", lambda o: o.email),
    Column("Phone", lambda o: o.phone),
    Column("Website", lambda o: o.website),
    Column("Street", lambda o: o.street),
    Column("City", lambda o: o.city),
    Column("Region", lambda o: o.region),
    Column("Postal code", lambda o: o.postal_code),
    Column("People", lambda o: o.people),
    Column("Notes", lambda o: o.notes),
]
ARCHIVED_ORGANIZATION_COLUMN: Column[OrganizationExportRow] = Column(
    "Archived", lambda o: "Yes" if o.archived else ""
)


def people_table(rows: Sequence[PersonExportRow]) -> Tabular:
    """People as a table; "Sensitive notes" only when they were asked for, "Archived"
    only when an archived person is among the rows."""
    columns = list(PEOPLE_COLUMNS)
    if any(r.sensitive_notes is not None for r in rows):
        columns.append(SENSITIVE_COLUMN)
    if any(r.archived for r in rows):
        columns.append(ARCHIVED_PERSON_COLUMN)
    return _table(columns, rows)


def organizations_table(rows: Sequence[OrganizationExportRow]) -> Tabular:
    columns = list(ORGANIZATION_COLUMNS)
    if any(r.archived for r in rows):
        columns.append(ARCHIVED_ORGANIZATION_COLUMN)
    return _table(columns, rows)


def _table(columns: Sequence[Column[R]], rows: Sequence[R]) -> Tabular:
    getters = [c.value for c in columns]
    return Tabular([c.header for c in columns], [[get(r) for get in getters] for r in rows])
