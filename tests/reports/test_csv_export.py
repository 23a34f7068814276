"""People and organizations as CSV: BOM, CRLF, every value, formula-safe text."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

from app.reports.csv_export import write_csv, write_organizations_csv, write_people_csv
from app.services.directory_export import OrganizationExportRow, PersonExportRow
from tests.directory_data import FORMULA_TEXTS


def read_back(path: Path) -> tuple[bytes, list[dict[str, str]]]:
    raw = path.read_bytes()
    with path.open(encoding="utf-8-sig", newline="") as file:
        return raw, list(csv.DictReader(file))


def test_people_csv_opens_in_excel_with_accents_and_every_value(
    tmp_path: Path, people: list[PersonExportRow]
) -> None:
    path = tmp_path / "people.csv"
    write_people_csv(people, path)
    raw, rows = read_back(path)

    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM
    assert raw.count(b"\r\n") >= len(people) + 1
    assert raw.replace(b"\r\n", b"").count(b"\n") == 1  # only inside Núñez's notes
    assert list(rows[0]) == [
        "First name", "Last name", "Title", "Organization", "Role", "Other organizations",
        "E-mail", "Phone", "Mobile", "Preferred contact", "Tags", "Notes",
    ]  # no "Sensitive notes" unless asked for, no "Archived" when nobody is
    by_email = {r["E-mail"]: r for r in rows}
    nunez = by_email["jose.nunez@rhs.example.org"]
    assert (nunez["First name"], nunez["Last name"], nunez["Title"]) == (
        "José", "Núñez", "Principal")
    assert (nunez["Organization"], nunez["Role"]) == ("Riverton High", "Principal")
    assert nunez["Other organizations"] == "Safe Harbor <Shelter> & Co (Board member)"
    assert (nunez["Phone"], nunez["Mobile"]) == ("(555) 201-0001", "'+1 555 0100")
    assert nunez["Preferred contact"] == "Email"
    assert nunez["Tags"] == "Block Captain, officer"
    assert nunez["Notes"] == "Line one\nLine two; with, punctuation \\ backslash"
    assert by_email["dmitry@example.ru"]["Last name"] == "Иванов"


def test_people_csv_neutralises_every_formula_prefix(
    tmp_path: Path, people: list[PersonExportRow]
) -> None:
    path = tmp_path / "people.csv"
    write_people_csv(people, path)
    formula = next(r for r in read_back(path)[1] if r["E-mail"] == "formula@example.org")

    assert formula["First name"] == "'" + FORMULA_TEXTS[1]
    assert formula["Last name"] == "'" + FORMULA_TEXTS[2]
    assert formula["Title"] == "'" + FORMULA_TEXTS[3]
    assert formula["Notes"] == "'" + FORMULA_TEXTS[4]
    assert formula["Organization"] == "'" + FORMULA_TEXTS[0]
    assert formula["Role"] == "'" + FORMULA_TEXTS[5]


def test_sensitive_notes_get_a_column_only_when_exported(
    tmp_path: Path, people: list[PersonExportRow]
) -> None:
    with_notes = [replace(p, sensitive_notes="x" if p.first_name == "José" else "")
                  for p in people]
    path = tmp_path / "people.csv"
    write_people_csv(with_notes, path)
    rows = read_back(path)[1]
    assert "Sensitive notes" in rows[0]
    assert {r["Sensitive notes"] for r in rows} == {"x", ""}


def test_organizations_csv_keeps_counts_as_numbers(
    tmp_path: Path, organizations: list[OrganizationExportRow]
) -> None:
    path = tmp_path / "organizations.csv"
    write_organizations_csv(organizations, path)
    rows = {r["Name"]: r for r in read_back(path)[1]}
    assert rows["Riverton High"]["People"] == "1"
    assert rows["Riverton High"]["Kind"] == "School"
    assert rows["'" + FORMULA_TEXTS[0]]["Notes"] == "'-2+3"
    assert "Old Block Club" not in rows


def test_csv_to_an_open_file_leaves_it_open_and_writes_numbers_plainly() -> None:
    buffer = io.BytesIO()
    write_csv(buffer, ["Text", "Amount"], [["-2+3", -2.5], ["ok", 3]])
    assert not buffer.closed
    assert buffer.getvalue().decode("utf-8-sig") == "Text,Amount\r\n'-2+3,-2.5\r\nok,3\r\n"
