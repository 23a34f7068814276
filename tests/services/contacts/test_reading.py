"""Reading contact files: encodings, delimiters, quoting, vCards, workbooks, layouts."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from app.services.contacts.csvtext import detect_delimiter, read_rows
from app.services.contacts.decoding import decode
from app.services.contacts.errors import ContactImportError
from app.services.contacts.fields import EMAIL, MOBILE, PHONE, RawContact
from app.services.contacts.layouts import GENERIC, LAYOUTS, recognise
from app.services.contacts.mapping import ColumnMapping
from app.services.contacts.rows import ContactKind, check_row, split_name
from app.services.contacts.source import read_source
from app.services.contacts.synonyms import looks_like_header, propose
from app.services.contacts.vcard import read_vcards
from tests.services.contacts.conftest import FIXTURES

TEXT = "Vorname;Nachname;Firma\nJosé;Núñez;Stadtverwaltung Köln\n"


@pytest.mark.parametrize(
    ("data", "label"),
    [
        (TEXT.encode("utf-8"), "UTF-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "UTF-8 (with BOM)"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "UTF-16 LE"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "UTF-16 BE"),
        (TEXT.encode("utf-16-le"), "UTF-16-LE"),
        (TEXT.encode("cp1252"), "Windows-1252"),
    ],
)
def test_encodings(data: bytes, label: str) -> None:
    assert decode(data) == (TEXT, label)


def test_shift_jis_is_told_from_cp1252() -> None:
    text = "名無し,権兵衛,市役所\n"
    assert decode(text.encode("shift_jis")) == (text, "Shift-JIS")
    western = "Müller,Zoë,Société Générale\n"
    assert decode(western.encode("cp1252")) == (western, "Windows-1252")


def test_binary_files_are_refused() -> None:
    with pytest.raises(ContactImportError, match="binary file"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(ContactImportError, match="binary file"):
        decode(bytes(range(1, 32)) * 50)


@pytest.mark.parametrize(("text", "delimiter"), [
    ("a,b,c\n1,2,3\n", ","),
    ("a;b;c\n1;2,5;3\n", ";"),
    ("a\tb\tc\n1\t2, 3\t4\n", "\t"),
    ('"Name","Notes"\n"Ann","x; y; z"\n', ","),
])
def test_delimiters(text: str, delimiter: str) -> None:
    assert detect_delimiter(text) == delimiter


def test_quoted_fields_with_newlines_and_quotes() -> None:
    text = 'Name,Notes\r\n"Lee, Ann","She said ""hi""\r\nthen left"\r\nBob,\r\n'
    assert read_rows(text, ",") == [
        ["Name", "Notes"], ["Lee, Ann", 'She said "hi"\r\nthen left'], ["Bob", ""],
    ]


def test_header_or_first_contact() -> None:
    assert looks_like_header(["First Name", "Last Name", "E-mail Address"])
    assert looks_like_header(["Vorname", "Nachname", "Firma"])
    assert not looks_like_header(["Firman", "Wandayandi", "firman@php.net"])
    assert not looks_like_header(["Acme", "Springfield", "555-1234"])


def test_every_layout_is_recognised_by_its_own_header() -> None:
    for layout in LAYOUTS:
        headers = [name for names in layout.fields.values() for name in names]
        headers += sorted(layout.required)
        headers += [f"Extra {i}" for i in range(92 - len(headers))]  # Outlook has 92
        assert recognise(headers) is layout


def test_generic_headers_in_several_languages() -> None:
    headers = ["Vorname", "Nachname", "E-Mail-Adresse", "Firma", "Position",
               "Telefon geschäftlich", "Mobiltelefon", "Fax", "Geburtstag", "Notizen"]
    mapping = propose(headers)
    assert mapping.by_column() == {
        0: "first_name", 1: "last_name", 2: "email", 3: "organization", 4: "title",
        5: "phone", 6: "mobile", 9: "notes",
    }
    english = propose(["Full Name", "Company Name", "Job Title", "Title", "Email 2", "Cell"])
    assert english.columns("title") == (2, 3)  # "Job Title" before the honorific "Title"
    assert english.by_column()[0] == "full_name" and english.by_column()[5] == "mobile"


def test_mapping_round_trip_and_editing() -> None:
    mapping = ColumnMapping.from_columns({3: "email", 0: "first_name", 5: "email"})
    assert mapping.columns("email") == (3, 5)
    assert ColumnMapping.from_json(mapping.to_json()) == mapping
    assert ColumnMapping.from_json({"fields": {"nonsense": [1]}}) is None
    raw = mapping.apply(["Ann", "", "", "a@x.org", "", "b@y.org ::: c@z.org"], 7)
    assert raw.values == {"first_name": ["Ann"], "email": ["a@x.org", "b@y.org", "c@z.org"]}


def test_phone_type_labels_route_numbers() -> None:
    mapping = ColumnMapping.of({PHONE: [1, 3, 5]}, labels=((1, 0), (3, 2), (5, 4)))
    raw = mapping.apply(["Mobile", "555-1", "Work Fax", "555-2", "Work", "555-3"], 2)
    assert raw.values[PHONE] == ["555-3"] and raw.values[MOBILE] == ["555-1"]


def test_names_are_split_sensibly() -> None:
    assert split_name("Doe, John") == ("John", "Doe")
    assert split_name("Dr. Jane Q. Public Jr.") == ("Jane Q.", "Public")
    assert split_name("Madonna") == ("", "Madonna")


def test_row_checks() -> None:
    def check(**values: str) -> object:
        return check_row(RawContact(4, {k: [v] for k, v in values.items()}))

    only_email = check(email="jane.doe@example.org")
    assert (only_email.contact.first_name, only_email.contact.last_name) == ("Jane", "Doe")
    company = check(organization="Harbor Food Bank", phone="555-404-1000")
    assert company.contact.kind is ContactKind.ORGANIZATION
    nothing = check(notes="hello", title="Chair")
    assert (nothing.contact, nothing.error) == (None, "no name, e-mail address or organization")
    angle = check(full_name="Ann Lee", email="Ann Lee <ann@x.org>; mailto:b@y.org")
    assert angle.contact.email == "ann@x.org"
    long_name = check(first_name="A" * 101, last_name="Lee")
    assert long_name.error == "the first name is 101 characters long (at most 100)"


def test_ten_megabyte_fields(tmp_path: Path) -> None:
    big = "x" * (10 * 1024 * 1024)
    path = tmp_path / "big.csv"
    path.write_text(f'First Name,Last Name,Notes\nAnn,Lee,"{big}"\n{big},Roe,\n', "utf-8")
    source = read_source(path)
    ann, roe = (check_row(raw) for raw in source.contacts(None))
    assert ann.contact.notes == "x" * 100_000
    assert ann.warnings == ("the notes (10,485,760 characters) were cut to 100,000",)
    assert roe.error == "the first name is 10,485,760 characters long (at most 100)"


# --- vCards -----------------------------------------------------------------------------


def test_vcard_2_1_quoted_printable_with_charset() -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        "N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=FCrgen\r\n"
        "ORG;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Stadtwerke K=C3=B6ln;Vertr=\r\n"
        "ieb\r\n"
        "TEL;WORK;VOICE:0221 123\r\nTEL;CELL:0170 555\r\nTEL;FAX:0221 999\r\n"
        "EMAIL;INTERNET:j@example.de\r\nEMAIL;PREF;INTERNET:juergen@example.de\r\n"
        "PHOTO;ENCODING=BASE64;TYPE=JPEG:\r\n /9j/4AAQSkZJRgABAQ\r\n AAAQABAAD\r\n\r\n"
        "END:VCARD\r\n"
    )
    (card,) = read_vcards(text)
    assert card.values == {
        "last_name": ["Müller"], "first_name": ["Jürgen"], "organization": ["Stadtwerke Köln"],
        "phone": ["0221 123"], "mobile": ["0170 555"],
        "email": ["juergen@example.de", "j@example.de"],
    }


def test_vcard_4_grouped_properties_and_escapes() -> None:
    text = (
        "BEGIN:VCARD\nVERSION:4.0\nFN:Lee\\, Ann\nitem1.EMAIL;TYPE=work:ann@x.org\n"
        'TEL;VALUE=uri;TYPE="work,voice":tel:+1-555-201-7788;ext=12\n'
        "NOTE:Line one\\nLine two\\; with semicolon\nTITLE:Chair\nROLE:Treasurer\n"
        "END:VCARD\nBEGIN:VCARD\nVERSION:3.0\nN:Roe;Bob\nEND:VCARD\n"
    )
    ann, bob = read_vcards(text)
    assert ann.values["full_name"] == ["Lee, Ann"] and ann.values["email"] == ["ann@x.org"]
    assert ann.values["phone"] == ["+1-555-201-7788 ext. 12"]
    assert ann.values["notes"] == ["Line one\nLine two; with semicolon"]
    assert ann.values["title"] == ["Chair", "Treasurer"]
    assert check_row(ann).contact.first_name == "Ann"
    assert (bob.row_number, bob.location) == (2, "card 2")


def test_a_vcf_without_cards_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.vcf"
    path.write_text("nothing here\n")
    with pytest.raises(ContactImportError, match="No vCards found"):
        read_source(path)


# --- workbooks --------------------------------------------------------------------------


def test_generic_workbook() -> None:
    source = read_source(FIXTURES / "partners.xlsx")
    assert (source.format, source.layout) == ("Excel workbook", GENERIC)
    rows = [check_row(raw) for raw in source.contacts(None)]
    assert [r.row_number for r in rows] == [2, 3, 5]  # the blank row 4 is skipped
    aisha, jordan, priya = (r.contact for r in rows)
    assert (aisha.first_name, aisha.last_name, aisha.organization, aisha.title) == (
        "Aisha", "Rahman", "Northside Tenants Union", "Chair"
    )
    assert (aisha.mobile, aisha.phone) == ("5559870011", "555-987-0000")
    assert (jordan.first_name, jordan.last_name, jordan.phone) == ("Jordan", "Lee",
                                                                   "555 987 0000 x 3")
    assert priya.email == "PRIYA.N@EXAMPLE.ORG"


def test_headerless_csv_is_mapped_by_content(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Ann Lee,ann@x.org,555-201-7788\nBob Roe,bob@y.org,555-201-7799\n")
    source = read_source(path)
    assert source.layout == "Spreadsheet (no header row)"
    assert source.headers == ("Column 1", "Column 2", "Column 3")
    assert source.proposed.by_column() == {1: EMAIL, 2: PHONE}
