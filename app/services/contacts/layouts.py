"""Address-book export layouts recognised by their header row, each with its own mapping."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from app.services.contacts.fields import (
    CITY,
    EMAIL,
    FIRST_NAME,
    FULL_NAME,
    LAST_NAME,
    MOBILE,
    NOTES,
    ORGANIZATION,
    PHONE,
    POSTAL_CODE,
    REGION,
    STREET,
    TITLE,
    WEBSITE,
)
from app.services.contacts.mapping import ColumnMapping

GENERIC = "Spreadsheet"


@dataclass(frozen=True)
class Layout:
    name: str
    required: frozenset[str]
    fields: dict[str, tuple[str, ...]]
    labels: dict[str, str] = field(default_factory=dict)
    min_columns: int = 0

    def matches(self, headers: Sequence[str]) -> bool:
        present = {header_key(h) for h in headers}
        return len(headers) >= self.min_columns and self.required <= present

    def mapping(self, headers: Sequence[str]) -> ColumnMapping:
        where: dict[str, int] = {}
        for i, header in enumerate(headers):
            where.setdefault(header_key(header), i)
        fields = {
            name: [where[header_key(h)] for h in names if header_key(h) in where]
            for name, names in self.fields.items()
        }
        labels = tuple(
            (where[header_key(v)], where[header_key(lab)])
            for v, lab in self.labels.items()
            if header_key(v) in where and header_key(lab) in where
        )
        return ColumnMapping.of(fields, labels)


def header_key(header: str) -> str:
    return " ".join(header.replace("\ufeff", "").casefold().split())


def _layout(name: str, required: str, fields: dict[str, str], **options: object) -> Layout:
    """Headers are given as "|"-separated lists to keep the table below readable."""
    return Layout(
        name=name,
        required=frozenset(header_key(h) for h in required.split("|")),
        fields={k: tuple(v.split("|")) for k, v in fields.items()},
        **options,  # type: ignore[arg-type]
    )


def _columns(names: str) -> tuple[str, ...]:
    return tuple(names.split("|"))


def _numbered(pattern: str, count: int) -> str:
    return "|".join(pattern.format(n) for n in range(1, count + 1))


OUTLOOK = _layout(
    "Outlook",
    "First Name|Last Name|Company|Job Title|Business Phone|E-mail Address|E-mail 2 Address",
    {
        FIRST_NAME: "First Name", LAST_NAME: "Last Name", TITLE: "Job Title",
        ORGANIZATION: "Company", EMAIL: "E-mail Address|E-mail 2 Address|E-mail 3 Address",
        PHONE: "Business Phone|Company Main Phone|Primary Phone|Business Phone 2|Home Phone"
        "|Other Phone|Home Phone 2",
        MOBILE: "Mobile Phone|Car Phone", WEBSITE: "Web Page", NOTES: "Notes",
        STREET: "Business Street", CITY: "Business City", REGION: "Business State",
        POSTAL_CODE: "Business Postal Code",
    },
    min_columns=50,
)
_GOOGLE_COMMON = {
    EMAIL: _numbered("E-mail {} - Value", 5),
    PHONE: _numbered("Phone {} - Value", 5),
    WEBSITE: "Website 1 - Value", NOTES: "Notes",
    STREET: "Address 1 - Street", CITY: "Address 1 - City", REGION: "Address 1 - Region",
    POSTAL_CODE: "Address 1 - Postal Code",
}
GOOGLE = _layout(
    "Google Contacts",
    "First Name|Last Name|Organization Name|E-mail 1 - Value",
    {
        FIRST_NAME: "First Name", LAST_NAME: "Last Name", TITLE: "Organization Title",
        ORGANIZATION: "Organization Name", **_GOOGLE_COMMON,
    },
    labels={f"Phone {n} - Value": f"Phone {n} - Label" for n in range(1, 6)},
)
GOOGLE_OLD = _layout(
    "Google Contacts (older layout)",
    "Name|Given Name|Family Name|E-mail 1 - Value",
    {
        FULL_NAME: "Name", FIRST_NAME: "Given Name", LAST_NAME: "Family Name",
        TITLE: "Organization 1 - Title", ORGANIZATION: "Organization 1 - Name", **_GOOGLE_COMMON,
    },
    labels={f"Phone {n} - Value": f"Phone {n} - Type" for n in range(1, 6)},
)
GMAIL_LEGACY = _layout(
    "Gmail (legacy)",
    "Name|E-mail|Section 1 - Email",
    {
        FULL_NAME: "Name", EMAIL: "E-mail|Section 1 - Email|Section 2 - Email",
        PHONE: "Section 1 - Phone|Section 2 - Phone", MOBILE: "Section 1 - Mobile",
        ORGANIZATION: "Section 1 - Company", TITLE: "Section 1 - Title", NOTES: "Notes",
    },
)
YAHOO = _layout(
    "Yahoo",
    "First|Last|Email|Yahoo! ID",
    {
        FIRST_NAME: "First", LAST_NAME: "Last",
        EMAIL: "Email|Alternate Email 1|Alternate Email 2", PHONE: "Work|Home|Other|Primary",
        MOBILE: "Mobile", TITLE: "Title", ORGANIZATION: "Company",
        WEBSITE: "Business Website|Personal Website", NOTES: "Comments",
        STREET: "Work Address", CITY: "Work City", REGION: "Work State",
        POSTAL_CODE: "Work ZIP|Work Post Code",
    },
)
WINDOWS = _layout(
    "Windows Address Book",
    "First Name|Last Name|Name|E-mail Address|Personal Web Page",
    {
        FULL_NAME: "Name", FIRST_NAME: "First Name", LAST_NAME: "Last Name",
        EMAIL: "E-mail Address", PHONE: "Business Phone|Home Phone", MOBILE: "Mobile Phone",
        TITLE: "Job Title", ORGANIZATION: "Company",
        WEBSITE: "Business Web Page|Personal Web Page", NOTES: "Notes",
        STREET: "Business Street", CITY: "Business City", REGION: "Business State",
        POSTAL_CODE: "Business Postal Code",
    },
)
KADDRESSBOOK = _layout(
    "KAddressBook (KMail)",
    "Formatted Name|Family Name|Given Name",
    {
        FULL_NAME: "Formatted Name", FIRST_NAME: "Given Name", LAST_NAME: "Family Name",
        EMAIL: "Email Address", PHONE: "Business Phone|Home Phone", MOBILE: "Mobile Phone",
        TITLE: "Title|Role", ORGANIZATION: "Organization", WEBSITE: "URL", NOTES: "Note",
        STREET: "Business Address Street", CITY: "Business Address Locality",
        REGION: "Business Address Region", POSTAL_CODE: "Business Address Postal Code",
    },
)
THUNDERBIRD = _layout(
    "Thunderbird",
    "Display Name|Primary Email",
    {
        FULL_NAME: "Display Name", FIRST_NAME: "First Name", LAST_NAME: "Last Name",
        EMAIL: "Primary Email|Secondary Email", PHONE: "Work Phone|Home Phone",
        MOBILE: "Mobile Number", TITLE: "Job Title", ORGANIZATION: "Organization",
        WEBSITE: "Web Page 1|Web Page 2", NOTES: "Notes", STREET: "Work Address",
        CITY: "Work City", REGION: "Work State", POSTAL_CODE: "Work ZipCode",
    },
)
# Thunderbird before version 3 wrote no header row; its columns were always these.
THUNDERBIRD_COLUMNS = _columns(
    "First Name|Last Name|Display Name|Nickname|Primary Email|Secondary Email|Work Phone"
    "|Home Phone|Fax Number|Pager Number|Mobile Number|Home Address|Home Address 2|Home City"
    "|Home State|Home ZipCode|Home Country|Work Address|Work Address 2|Work City|Work State"
    "|Work ZipCode|Work Country|Job Title|Department|Organization|Web Page 1|Web Page 2"
    "|Birth Year|Birth Month|Birth Day|Custom 1|Custom 2|Custom 3|Custom 4|Notes"
)
THUNDERBIRD_HEADERLESS = "Thunderbird (no header row)"

LAYOUTS = (OUTLOOK, GOOGLE, GOOGLE_OLD, GMAIL_LEGACY, YAHOO, WINDOWS, KADDRESSBOOK, THUNDERBIRD)
KNOWN_HEADERS = frozenset(
    header_key(h) for layout in LAYOUTS for names in layout.fields.values() for h in names
)


def recognise(headers: Sequence[str]) -> Layout | None:
    for layout in LAYOUTS:
        if layout.matches(headers):
            return layout
    return None
