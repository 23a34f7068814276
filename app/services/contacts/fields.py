"""The fields a contact file's columns (or a vCard's properties) can be mapped to."""

from __future__ import annotations

from dataclasses import dataclass, field

FULL_NAME = "full_name"
FIRST_NAME = "first_name"
LAST_NAME = "last_name"
TITLE = "title"
ORGANIZATION = "organization"
EMAIL = "email"
PHONE = "phone"
MOBILE = "mobile"
WEBSITE = "website"
STREET = "street"
CITY = "city"
REGION = "region"
POSTAL_CODE = "postal_code"
NOTES = "notes"

# (field, label) in the order a mapping editor lists them.
TARGET_FIELDS: tuple[tuple[str, str], ...] = (
    (FULL_NAME, "Full name"),
    (FIRST_NAME, "First name"),
    (LAST_NAME, "Last name"),
    (TITLE, "Job title"),
    (ORGANIZATION, "Organization"),
    (EMAIL, "E-mail"),
    (PHONE, "Phone"),
    (MOBILE, "Mobile"),
    (WEBSITE, "Website"),
    (STREET, "Work street"),
    (CITY, "Work city"),
    (REGION, "Work state/region"),
    (POSTAL_CODE, "Work postal code"),
    (NOTES, "Notes"),
)
FIELD_NAMES = frozenset(name for name, _label in TARGET_FIELDS)
# A mapping must give at least one of these, or no row could name a contact.
IDENTIFYING = frozenset({FULL_NAME, FIRST_NAME, LAST_NAME, ORGANIZATION, EMAIL})


@dataclass(frozen=True)
class RawContact:
    """One row or card as read, before checks: every value found for each field, in order
    of preference (the first e-mail is the primary one)."""

    row_number: int
    values: dict[str, list[str]] = field(default_factory=dict)
    where: str = "row"

    def first(self, name: str) -> str:
        for value in self.values.get(name, ()):
            if value.strip():
                return value
        return ""

    def all(self, name: str) -> list[str]:
        return [v for v in self.values.get(name, ()) if v.strip()]

    @property
    def location(self) -> str:
        return f"{self.where} {self.row_number}"
