"""Every real export in ../shared/real-data imports with the right values or a row-level reason.

The files are read where they are (never copied into the project); without the folder
these tests are skipped with the reason. Each row is given as
(where, first, last, e-mail, phone, mobile, organization, job title), or
(where, "error", reason) for a row that cannot be imported.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from app.models import Affiliation, Organization, Person
from app.models.database import open_database
from app.services.contacts import (
    ContactKind,
    ImportPreview,
    PreviewRow,
    RowStatus,
    preview_import,
    run_import,
)
from app.services.workspace import Workspace

EXPECTED: dict[str, tuple[str, str, list[tuple[str, ...]]]] = {
    "contacts_horde/Gmail.csv": (
        "Gmail (legacy)", "UTF-8", [
            ("row 2", "John", "Doe", "john@example.com",
             "9999999", "9999999", "Example, Corp.", "Mr"),
            ("row 3", "Jeniffer", "Doe", "jeniffer@example.com",
             "9999999", "9999999", "Example, Corp.", "Mrs"),
        ],
    ),
    "contacts_horde/KMail.csv": (
        "KAddressBook (KMail)", "UTF-8", [
            ("row 2", "Firman", "Wandayandi", "firman@php.net",
             "99999999", "999999999", "Foo", "Web Developer"),
        ],
    ),
    "contacts_horde/Outlook.csv": (
        "Outlook", "UTF-8", [
            ("row 2", "Firman", "Wandayandi", "firman@php.net",
             "99999999", "999999999", "Foo", "Web Developer"),
        ],
    ),
    "contacts_horde/Thunderbird.csv": (
        "Thunderbird (no header row)", "UTF-8", [
            ("row 1", "Firman", "Wandayandi", "firman@php.net",
             "99999999", "999999999", "Foo", "Web Developer"),
        ],
    ),
    "contacts_horde/WAB.csv": (
        "Windows Address Book", "UTF-8", [
            ("row 2", "Firman", "Wandayandi", "firman@php.net",
             "99999999", "999999999", "Foo", "Web Developer"),
        ],
    ),
    "contacts_horde/Yahoo.csv": (
        "Yahoo", "UTF-8", [
            ("row 2", "Firman", "Wandayandi", "firman@php.net",
             "", "999999999", "Foo", ""),
        ],
    ),
    "contacts_horde/outlook_export_bug_6311.csv": (
        "Outlook", "UTF-8", [
            ("row 2", "John", "Smith", "john@example.com",
             "(123) 555-2222", "(123) 555-3333", "International Inc", ""),
        ],
    ),
    "contacts_horde/outlook_export_bug_6370.csv": (
        "Outlook", "UTF-8", [
            ("row 2", "error", "no name, e-mail address or organization"),
        ],
    ),
    "contacts_horde/outlook_export_bug_6372.csv": (
        "Outlook", "UTF-8", [
            ("row 2", "error", "no name, e-mail address or organization"),
        ],
    ),
    "contacts_thunderbird/basic_vcard_addressbook.vcf": (
        "vCard", "UTF-8", [
            ("card 1", "John", "Doe", "john.doe@genericemail.invalid",
             "", "", "", ""),
            ("card 2", "Jane", "Doe", "jane.doe@genericemail.invalid",
             "", "", "", ""),
        ],
    ),
    "contacts_thunderbird/csv_semicolon.csv": (
        "Thunderbird", "UTF-8", [
            ("row 2", "John", "Doe", "john@doe.invalid",
             "", "", "", ""),
            ("row 3", "Jane", "Doe", "jane@doe.invalid",
             "", "", "", ""),
        ],
    ),
    "contacts_thunderbird/emptylines_vcard_addressbook.vcf": (
        "vCard", "UTF-8", [
            ("card 1", "John", "Doe", "john.doe@genericemail.invalid",
             "", "", "", ""),
            ("card 2", "Jane", "Doe", "jane.doe@genericemail.invalid",
             "", "", "", ""),
        ],
    ),
    "contacts_thunderbird/export.csv": (
        "Thunderbird", "UTF-8", [
            ("row 2", "contact", "one", "",
             "", "", "", ""),
            ("row 3", "contact", "two", "",
             "", "", "", "\"worker\""),
        ],
    ),
    "contacts_thunderbird/export.vcf": (
        "vCard", "UTF-8", [
            ("card 1", "contact", "one", "",
             "", "", "", ""),
            ("card 2", "contact", "two", "",
             "", "", "", "\"worker\""),
        ],
    ),
    "contacts_thunderbird/quote.csv": (
        "Thunderbird", "UTF-8", [
            ("row 2", "", "", "",
             "(800) 000-0000", "", "Acer America", ""),
        ],
    ),
    "contacts_thunderbird/shiftjis_addressbook.csv": (
        "Thunderbird", "Shift-JIS", [
            ("row 2", "権兵衛", "名無し", "名無しの権兵衛@host.invalid",
             "", "", "", ""),
        ],
    ),
    "contacts_thunderbird/utf16_addressbook.csv": (
        "Thunderbird", "UTF-16 LE", [
            ("row 2", "John", "Doe", "johndoe@host.invalid",
             "", "", "", ""),
        ],
    ),
    "contacts_thunderbird/v3-binary-jpeg.vcf": (
        "vCard", "UTF-8", [
            ("card 1", "Binary", "JPEG", "",
             "", "", "", ""),
        ],
    ),
    "contacts_thunderbird/v4-uri-jpeg.vcf": (
        "vCard", "UTF-8", [
            ("card 1", "URI JPEG version", "4.0", "",
             "", "", "", ""),
        ],
    ),
    "vcards/ez-vcard/John_Doe_ANDROID.vcf": (
        "vCard", "UTF-8", [
            ("card 1", "John", "Doe", "john.doe@company.com",
             "", "", "", ""),
            ("card 2", "Jane", "Doe", "jane.doe@company.com",
             "", "", "", ""),
            ("card 3", "", "Ñ Ñ Ñ Ñ", "",
             "", "123456789", "", ""),
            ("card 4", "", "Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ", "",
             "234567", "123456", "", ""),
            ("card 5", "Ñ Ñ Ñ", "Ñ Ñ", "bob@company.com",
             "123456", "123456", "ÑÑÑÑÑÑÑÑÑÑÑÑ", ""),
            ("card 6", "", "ÑÑÑÑ", "henry@company.com",
             "", "55556666", "ÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑ", ""),
        ],
    ),
    "vcards/ez-vcard/John_Doe_BLACK_BERRY.vcf": (
        "vCard", "UTF-8", [
            ("card 1", "john", "Doe", "",
             "", "+96123456789", "Acme Solutions", ""),
        ],
    ),
    "vcards/ez-vcard/John_Doe_EVOLUTION.vcf": (
        "vCard", "UTF-8", [
            ("card 1", "John", "Doe", "john.doe@ibm.com",
             "905-555-1234", "905-666-1234", "IBM", "Money Counter"),
        ],
    ),
    "vcards/ez-vcard/John_Doe_GMAIL.vcf": (
        "vCard", "UTF-8", [
            ("card 1", "John", "Doe", "john.doe@ibm.com",
             "905-666-1234", "905-555-1234", "IBM", "Money Counter"),
        ],
    ),
    "vcards/ez-vcard/John_Doe_IPHONE.vcf": (
        "vCard", "UTF-8", [
            ("card 1", "John", "Doe", "john.doe@ibm.com",
             "905-777-1234", "905-555-1234", "IBM", "Money Counter"),
        ],
    ),
    "vcards/ez-vcard/John_Doe_LOTUS_NOTES.vcf": (
        "vCard", "UTF-8", [
            ("card 1", "John", "Doe", "john.doe@ibm.com",
             "", "+1 (212) 204-34456", "IBM", "Generic Accountant"),
        ],
    ),
    "vcards/ez-vcard/John_Doe_MAC_ADDRESS_BOOK.vcf": (
        "vCard", "UTF-8", [
            ("card 1", "John", "Doe", "john.doe@ibm.com",
             "905-777-1234", "905-555-1234", "IBM", "Money Counter"),
        ],
    ),
    "vcards/ez-vcard/John_Doe_MS_OUTLOOK.vcf": (
        "vCard", "UTF-8", [
            ("card 1", "John", "Doe", "john.doe@ibm.cm",
             "(905) 555-1234", "", "IBM", "Money Counter"),
        ],
    ),
    "vcards/ez-vcard/fullcontact.vcf": (
        "vCard", "UTF-8", [
            ("card 1", "FirstName", "LastName", "home@example.com",
             "555-555-1112", "555-555-1113", "Organization1", "Title1"),
        ],
    ),
    "vcards/ez-vcard/gmail-list.vcf": (
        "vCard", "UTF-8", [
            ("card 1", "Arnold", "Smith", "asmithk@gmail.com",
             "", "", "", ""),
            ("card 2", "Chris", "Beatle", "chrisy55d@yahoo.com",
             "", "", "", ""),
            ("card 3", "Doug", "White", "dwhite@gmail.com",
             "", "", "", ""),
        ],
    ),
    "vcards/ez-vcard/gmail-single.vcf": (
        "vCard", "UTF-8", [
            ("card 1", "Greg", "Dartmouth", "gdartmouth@hotmail.com",
             "555 555 2222", "555 555 1111", "TheCompany", "TheJobTitle"),
        ],
    ),
    "vcards/ez-vcard/gmail-single2.vcf": (
        "vCard", "UTF-8", [
            ("card 1", "VCard", "Test", "email@example.com",
             "5555551113", "5555551115", "TheCompany", "TheJobTitle"),
        ],
    ),
    "vcards/ez-vcard/issue114.vcf": (
        "vCard", "UTF-8", [
            ("card 1", "Dummy", "Dummy", "dummy.dummy@dummy.com",
             "+49 9876 54321", "+49 1234 56789", "Dummy GmbH", ""),
        ],
    ),
    "vcards/ez-vcard/outlook-2003.vcf": (
        "vCard", "UTF-8", [
            ("card 1", "John", "Doe", "jdoe@hotmail.com",
             "", "", "Company, The", "The Job Title"),
        ],
    ),
    "vcards/ez-vcard/outlook-2007.vcf": (
        "vCard", "UTF-8", [
            ("card 1", "Michael", "Angstadt", "mike.angstadt@gmail.com",
             "(111) 555-1111", "(111) 555-4444", "TheCompany", "TheJobTitle"),
        ],
    ),
    "vcards/ez-vcard/rfc2426-example.vcf": (
        "vCard", "UTF-8", [
            ("card 1", "Frank", "Dawson", "Frank_Dawson@Lotus.com",
             "+1-919-676-9515", "", "Lotus Development Corporation", ""),
            ("card 2", "Tim", "Howes", "howes@netscape.com",
             "+1-415-937-3419", "", "Netscape Communications Corp.", ""),
        ],
    ),
    "vcards/ez-vcard/rfc6350-example.vcf": (
        "vCard", "UTF-8", [
            ("card 1", "Simon", "Perreault", "simon.perreault@viagenie.ca",
             "+1-418-656-9254 ext. 102", "+1-418-262-6501", "Viagenie", ""),
        ],
    ),
    "vcards/ez-vcard/thunderbird-MoreFunctionsForAddressBook-extension.vcf": (
        "vCard", "UTF-8", [
            ("card 1", "John", "Doe", "doe.john@hotmail.com",
             "555-555-1111", "555-555-5555", "TheOrganization", "TheTitle"),
        ],
    ),
}


@pytest.fixture
def sqlite_ws(db_path: Path) -> Iterator[Workspace]:
    db = open_database(db_path)
    yield Workspace(db, user_name="importer")
    db.close()


def shown(row: PreviewRow) -> tuple[str, ...]:
    contact = row.contact
    if contact is None:
        return (row.where, "error", row.reason)
    return (row.where, contact.first_name, contact.last_name, contact.email,
            contact.phone, contact.mobile, contact.organization, contact.title)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_export(real_data: Path, sqlite_ws: Workspace, name: str) -> None:
    layout, encoding, rows = EXPECTED[name]
    preview = preview_import(sqlite_ws, real_data / name)
    assert (preview.layout, preview.encoding) == (layout, encoding)
    assert [shown(r) for r in preview.rows] == rows
    assert not preview.already_imported


def row_at(preview: ImportPreview, where: str) -> PreviewRow:
    return next(r for r in preview.rows if r.where == where)


def notes_of(preview: ImportPreview, where: str) -> str:
    contact = row_at(preview, where).contact
    assert contact is not None
    return contact.notes


def warnings_of(preview: ImportPreview, where: str) -> tuple[str, ...]:
    return row_at(preview, where).warnings


def test_multiline_quoted_notes_and_invalid_birthdays(real_data: Path,
                                                      sqlite_ws: Workspace) -> None:
    outlook = preview_import(sqlite_ws, real_data / "contacts_horde/Outlook.csv")
    assert notes_of(outlook, "row 2") == "It's\nmultiline\nmemo.\nWebsite: http://php.hm/~firman"
    bug = preview_import(sqlite_ws, real_data / "contacts_horde/outlook_export_bug_6311.csv")
    assert notes_of(bug, "row 2") == "PHP\nPerl\nPython"  # birthday 0/0/00 is simply not read
    assert warnings_of(bug, "row 2") == ()


def test_values_that_are_not_phones_or_addresses_stay_in_the_notes(
    real_data: Path, sqlite_ws: Workspace
) -> None:
    yahoo = preview_import(sqlite_ws, real_data / "contacts_horde/Yahoo.csv")
    assert warnings_of(yahoo, "row 2") == (
        '"tarzillamax" is not a phone number: kept in the notes',
    )
    assert "Phone (not valid): tarzillamax" in notes_of(yahoo, "row 2")
    export = preview_import(sqlite_ws, real_data / "contacts_thunderbird/export.vcf")
    assert warnings_of(export, "card 2") == (
        '"contact2@invalid" is not a valid e-mail address: kept in the notes',
    )
    assert notes_of(export, "card 2") == (
        "here's some unicode text\u2026\nE-mail (not valid): contact2@invalid"
    )
    outlook = preview_import(sqlite_ws, real_data / "vcards/ez-vcard/outlook-2003.vcf")
    assert notes_of(outlook, "card 1").startswith(
        "This is the note field!!\nSecond line\n\nThird line is empty\n"
    )
    assert len(warnings_of(outlook, "card 1")) == 3  # BusinessPhone, HomePhone, MobilePhone


def test_quoted_printable_photos_and_other_numbers(real_data: Path,
                                                   sqlite_ws: Workspace) -> None:
    android = preview_import(sqlite_ws, real_data / "vcards/ez-vcard/John_Doe_ANDROID.vcf")
    assert warnings_of(android, "card 1") == (
        "no name given: named John Doe after the e-mail",
    )
    assert notes_of(android, "card 4").endswith("Other phone numbers: 45678901, 3456789")
    iphone = preview_import(sqlite_ws, real_data / "vcards/ez-vcard/John_Doe_IPHONE.vcf")
    assert notes_of(iphone, "card 1") == (
        "Other phone numbers: 905-666-1234, 905-222-1234\nWebsite: http://www.ibm.com"
    )


def test_a_company_entry_becomes_an_organization(real_data: Path, sqlite_ws: Workspace) -> None:
    preview = preview_import(sqlite_ws, real_data / "contacts_thunderbird/quote.csv")
    (row,) = preview.rows
    assert row.contact.kind is ContactKind.ORGANIZATION
    assert preview.new_organizations == ("Acer America",)
    run_import(sqlite_ws, preview)
    with sqlite_ws.read() as session:
        org = session.scalars(select(Organization)).one()
        assert (org.name, org.phone) == ("Acer America", "(800) 000-0000")


def test_family_sharing_a_phone_is_not_a_duplicate(real_data: Path,
                                                   sqlite_ws: Workspace) -> None:
    gmail = preview_import(sqlite_ws, real_data / "contacts_horde/Gmail.csv")
    assert [r.status for r in gmail.rows] == [RowStatus.NEW, RowStatus.NEW]
    assert warnings_of(gmail, "row 3") == ("same phone number 9999999, like John Doe",)


def test_every_real_file_imports_into_one_directory(real_data: Path,
                                                    sqlite_ws: Workspace) -> None:
    """Imported one after the other: later files find the earlier ones' people."""
    added = 0
    for name in sorted(EXPECTED):
        preview = preview_import(sqlite_ws, real_data / name)
        added += run_import(sqlite_ws, preview).people_added
    with sqlite_ws.read() as session:
        people = session.scalars(select(Person)).all()
        assert len(people) == added
        firman = session.scalars(select(Person).where(Person.email == "firman@php.net")).one()
        role = session.scalars(
            select(Affiliation.role).where(Affiliation.person_id == firman.id)
        ).one()
        assert (firman.first_name, firman.last_name, firman.title, role) == (
            "Firman", "Wandayandi", "Web Developer", "Web Developer"
        )
        japanese = session.scalars(select(Person).where(Person.last_name == "名無し")).one()
        assert japanese.email == "名無しの権兵衛@host.invalid"
    # Outlook.csv, WAB.csv... hold the same Firman: only the first one added him.
    assert sum(p.email == "firman@php.net" for p in people) == 1
