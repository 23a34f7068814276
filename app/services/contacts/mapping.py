"""Which columns of a table feed which contact fields: proposed, edited, applied to rows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.services.contacts.fields import (
    FIELD_NAMES,
    IDENTIFYING,
    MOBILE,
    PHONE,
    TARGET_FIELDS,
    RawContact,
)
from app.services.errors import ValidationError

# Google Contacts keeps several values in one cell: "a@x.org ::: b@y.org".
MULTI_VALUE = " ::: "
MOBILE_LABELS = ("mobile", "cell", "handy", "portable")
SKIPPED_LABELS = ("fax", "pager")


@dataclass(frozen=True)
class ColumnMapping:
    """Field -> column indexes in order of preference, plus type-label columns.

    ``labels`` pairs a phone column with the column that names its type (Google's
    "Phone 1 - Label" says "Mobile" or "Work"): mobile numbers then go to the mobile
    field and fax or pager numbers are left out.
    """

    fields: tuple[tuple[str, tuple[int, ...]], ...] = ()
    labels: tuple[tuple[int, int], ...] = ()

    def columns(self, name: str) -> tuple[int, ...]:
        for field_name, columns in self.fields:
            if field_name == name:
                return columns
        return ()

    def by_column(self) -> dict[int, str]:
        """Column index -> field, as a mapping editor shows it (one field per column)."""
        return {c: name for name, columns in self.fields for c in columns}

    @classmethod
    def from_columns(
        cls, assignment: Mapping[int, str], labels: tuple[tuple[int, int], ...] = ()
    ) -> ColumnMapping:
        """From an editor's choice per column; columns of one field keep their order."""
        fields: dict[str, list[int]] = {}
        for column in sorted(assignment):
            name = assignment[column]
            if name:
                fields.setdefault(name, []).append(column)
        return cls.of(fields, labels)

    @classmethod
    def of(
        cls, fields: Mapping[str, Sequence[int]], labels: tuple[tuple[int, int], ...] = ()
    ) -> ColumnMapping:
        order = [name for name, _label in TARGET_FIELDS]
        unknown = set(fields) - FIELD_NAMES
        if unknown:
            raise ValidationError.single("mapping", f"Unknown field {sorted(unknown)[0]!r}.")
        ordered = tuple(
            (name, tuple(fields[name])) for name in sorted(fields, key=order.index) if fields[name]
        )
        return cls(ordered, tuple(labels))

    def check(self, column_count: int) -> None:
        """Refuse a mapping that cannot name anyone or points past the last column."""
        for name, columns in self.fields:
            if name not in FIELD_NAMES:
                raise ValidationError.single("mapping", f"Unknown field {name!r}.")
            if any(c < 0 or c >= column_count for c in columns):
                raise ValidationError.single("mapping", f"{name} points past the last column.")
        if not any(name in IDENTIFYING for name, _columns in self.fields):
            raise ValidationError.single(
                "mapping", "Choose a column for the name, the e-mail or the organization."
            )

    def apply(self, cells: Sequence[str], row_number: int) -> RawContact:
        width = len(cells)
        values: dict[str, list[str]] = {}
        for name, columns in self.fields:
            found = values.setdefault(name, [])
            for c in columns:
                if c < width and cells[c]:
                    found.extend(_split(cells[c]))
        for value_column, label_column in self.labels:
            if value_column < width and label_column < width and cells[value_column]:
                _route_by_label(values, _split(cells[value_column]), cells[label_column])
        return RawContact(row_number, values)

    def to_json(self) -> dict[str, Any]:
        return {
            "fields": {name: list(columns) for name, columns in self.fields},
            "labels": [list(pair) for pair in self.labels],
        }

    @classmethod
    def from_json(cls, data: Any) -> ColumnMapping | None:
        try:
            fields = {str(k): [int(c) for c in v] for k, v in data["fields"].items()}
            labels = tuple((int(a), int(b)) for a, b in data.get("labels", []))
            return cls.of(fields, labels)
        except (KeyError, TypeError, ValueError, AttributeError, ValidationError):
            return None


def _split(cell: str) -> list[str]:
    return cell.split(MULTI_VALUE) if MULTI_VALUE in cell else [cell]


def _route_by_label(values: dict[str, list[str]], numbers: list[str], label: str) -> None:
    """Move numbers labelled mobile (or fax, pager) out of the phone field."""
    kind = label.casefold()
    phones = values.get(PHONE, [])
    moving = [n for n in numbers if n in phones]
    if not moving:
        return
    if any(word in kind for word in SKIPPED_LABELS):
        values[PHONE] = [p for p in phones if p not in moving]
    elif any(word in kind for word in MOBILE_LABELS):
        values[PHONE] = [p for p in phones if p not in moving]
        values.setdefault(MOBILE, []).extend(moving)

