"""Excel exports read back with openpyxl: values, a real table, frozen header, no formulas."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from app.reports.excel.directory import write_organizations_xlsx, write_people_xlsx
from app.reports.excel.workbook import (
    MAX_WIDTH,
    add_table_sheet,
    new_workbook,
    save_workbook,
    sheet_title,
)
from app.services.directory_export import OrganizationExportRow, PersonExportRow
from tests.directory_data import FORMULA_TEXTS


def rows_by(sheet: Worksheet, key: str) -> dict[str, dict[str, object]]:
    values = list(sheet.iter_rows(values_only=True))
    headers = [str(h) for h in values[0]]
    records = [dict(zip(headers, row, strict=True)) for row in values[1:]]
    return {str(r[key]): r for r in records}


def test_people_workbook_is_one_table_with_a_frozen_header(
    tmp_path: Path, people: list[PersonExportRow]
) -> None:
    path = tmp_path / "people.xlsx"
    write_people_xlsx(people, path)
    workbook = load_workbook(path)
    sheet = workbook["People"]

    assert sheet.freeze_panes == "A2"
    (table,) = sheet.tables.values()
    assert table.ref == f"A1:L{len(people) + 1}"
    assert table.autoFilter is not None and table.autoFilter.ref == table.ref
    assert [c.name for c in table.tableColumns] == [c.value for c in sheet[1]]
    assert workbook.properties.creator == "Partnership Desk"
    assert workbook.properties.title == "People"
    assert workbook.properties.created is not None
    widths = [sheet.column_dimensions[c].width for c in "ABCDEFGHIJKL"]
    assert all(6 <= w <= MAX_WIDTH for w in widths)
    assert sheet.column_dimensions["G"].width > sheet.column_dimensions["A"].width  # e-mail

    nunez = rows_by(sheet, "E-mail")["jose.nunez@rhs.example.org"]
    assert (nunez["First name"], nunez["Last name"], nunez["Organization"]) == (
        "José", "Núñez", "Riverton High")
    assert nunez["Other organizations"] == "Safe Harbor <Shelter> & Co (Board member)"
    assert nunez["Mobile"] == "+1 555 0100"  # shown as typed, stored as text
    assert nunez["Notes"] == "Line one\nLine two; with, punctuation \\ backslash"
    assert nunez["Tags"] == "Block Captain, officer"


def test_formula_looking_text_is_stored_as_text_and_shown_as_typed(
    tmp_path: Path, people: list[PersonExportRow]
) -> None:
    path = tmp_path / "people.xlsx"
    write_people_xlsx(people, path)
    sheet = load_workbook(path)["People"]
    headers = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[headers.index("E-mail")].value
               == "formula@example.org")
    cells = {headers[i]: c for i, c in enumerate(row)}
    expected = {
        "First name": FORMULA_TEXTS[1], "Last name": FORMULA_TEXTS[2],
        "Title": FORMULA_TEXTS[3], "Notes": FORMULA_TEXTS[4],
        "Organization": FORMULA_TEXTS[0], "Role": FORMULA_TEXTS[5],
    }
    for header, text in expected.items():
        cell = cells[header]
        assert cell.value == text.replace("\r", "\n"), header  # XML reads CR as LF
        assert cell.data_type == "s", header  # never "f"
        assert cell.quotePrefix, header  # Excel keeps it text even when edited


def test_numbers_stay_numbers_and_dates_dates(tmp_path: Path) -> None:
    workbook = new_workbook("Figures")
    add_table_sheet(
        workbook, "Budget: 2026/27", ["Item", "Amount", "When", "At"],
        [["-2+3", -250.5, date(2026, 3, 1), datetime(2026, 3, 1, 12, 0, tzinfo=UTC)],
         ["=SUM(B2:B3)", 1000, None, None]],
        number_formats={1: "#,##0.00"},
    )
    buffer = io.BytesIO()
    save_workbook(workbook, buffer)
    sheet = load_workbook(io.BytesIO(buffer.getvalue())).active

    assert sheet.title == "Budget  2026 27"
    assert (sheet["A2"].value, sheet["A2"].data_type) == ("-2+3", "s")
    assert (sheet["A3"].value, sheet["A3"].data_type) == ("=SUM(B2:B3)", "s")
    assert (sheet["B2"].value, sheet["B2"].data_type) == (-250.5, "n")
    assert sheet["B2"].number_format == "#,##0.00"
    assert sheet["C2"].value == datetime(2026, 3, 1)
    assert sheet["D2"].value is not None and sheet["D2"].value.tzinfo is None
    assert sheet["C3"].value is None


def test_an_empty_export_is_still_a_valid_table_and_names_stay_unique(tmp_path: Path) -> None:
    workbook = new_workbook("Empty")
    add_table_sheet(workbook, "People", ["Name"], [])
    add_table_sheet(workbook, "People", ["Name"], [["x"]])
    path = tmp_path / "empty.xlsx"
    save_workbook(workbook, path)
    first, second = load_workbook(path).worksheets
    assert list(first.tables) == ["People"] and first.tables["People"].ref == "A1:A2"
    assert list(second.tables) == ["People_2"]
    assert sheet_title("a" * 40 + "[x]") == "a" * 31


def test_headers_must_be_distinct() -> None:
    with pytest.raises(ValueError, match="distinct"):
        add_table_sheet(new_workbook("x"), "x", ["A", "A"], [])


def test_organizations_workbook(tmp_path: Path, organizations: list[OrganizationExportRow]) -> None:
    path = tmp_path / "organizations.xlsx"
    write_organizations_xlsx(organizations, path)
    sheet = load_workbook(path)["Organizations"]
    rows = rows_by(sheet, "Name")
    assert rows["Riverton High"]["People"] == 1
    assert rows["Riverton High"]["Kind"] == "School"
    assert rows[FORMULA_TEXTS[0]]["Notes"] == "-2+3"
    assert sheet.freeze_panes == "A2" and len(sheet.tables) == 1


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_evaluates_no_exported_text(
    tmp_path: Path, people: list[PersonExportRow]
) -> None:
    path = tmp_path / "people.xlsx"
    write_people_xlsx(people, path)
    profile = tmp_path / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path),
         str(path)],
        check=True, capture_output=True, timeout=180,
    )
    with (tmp_path / "people.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    headers = rows[0]
    formula = next(r for r in rows if "formula@example.org" in r)
    shown = dict(zip(headers, formula, strict=True))
    assert shown["Organization"] == FORMULA_TEXTS[0]  # not "click": never evaluated
    assert shown["Last name"] == FORMULA_TEXTS[2]
    assert shown["Title"] == FORMULA_TEXTS[3]
    assert shown["First name"] == FORMULA_TEXTS[1]
