"""Reading crime exports without a database: dates, layouts, encodings, refused files."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.models import AreaKind
from app.services.crime_import import (
    CHICAGO,
    GENERIC,
    POLICE_UK,
    CrimeImportError,
    DateOrder,
    MappingChoice,
    build_mapping,
    read_head,
)
from app.services.crime_import.aggregate import tally
from app.services.crime_import.dates import parse
from app.services.crime_import.layouts import category_name
from tests.services.crime_import.conftest import write


@pytest.mark.parametrize(("text", "parsed"), [
    ("02/08/2015 11:43:40 PM", (2015, 2, 8)),  # Chicago: order decided by the layout
    ("2018/12/01 12:25:00 AM", (2018, 12)),
    ("2024-11", (2024, 11)),
    ("2015-02-08", (2015, 2)),
    ("2015-02-08T23:43:40Z", (2015, 2)),
    ("13.02.2015", (2015, 13, 2)),
    ("2/8/15", (2015, 2, 8)),
    ("8 Feb 2015", (2015, 2)),
    ("08-Feb-2015", (2015, 2)),
    ("February 8, 2015", (2015, 2)),
    ("Nov 2024", (2024, 11)),
    ("", "no date"),
    ("soon", "date not recognised"),
    ("2015-02-29", "date not recognised"),
    ("13/14/2015", "date not recognised"),
    ("01/01/1850", "date out of range"),
])
def test_dates(text: str, parsed: object) -> None:
    assert parse(text) == parsed


def test_layouts_are_recognised_from_the_headings() -> None:
    chicago = ["ID", "Case Number", "Date", "Block", "IUCR", "Primary Type", "Description",
               "Beat", "District", "Ward", "Community Area"]
    layout, mapping = build_mapping(chicago)
    assert layout == CHICAGO
    assert (mapping.date_column, mapping.area_column, mapping.category_column) == (2, 8, 5)
    assert (mapping.area_kind, mapping.date_order) == (AreaKind.DISTRICT, DateOrder.MONTH_FIRST)
    assert mapping.area_name("011") == "Chicago District 11"
    for column, kind, name in (("Beat", AreaKind.BEAT, "Chicago Beat 422"),
                               ("Ward", AreaKind.WARD, "Chicago Ward 422"),
                               ("Community Area", AreaKind.NEIGHBORHOOD,
                                "Chicago Community Area 422")):
        _layout, chosen = build_mapping(chicago, MappingChoice(area_column=column))
        assert (chosen.area_kind, chosen.area_name("0422")) == (kind, name)
    snake = [h.lower().replace(" ", "_") for h in chicago]  # the portal's API names
    assert build_mapping(snake)[0] == CHICAGO
    police = ["Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude",
              "Location", "LSOA code", "LSOA name", "Crime type", "Last outcome category",
              "Context"]
    layout, mapping = build_mapping(police)
    assert (layout, mapping.area_column, mapping.category_column) == (POLICE_UK, 8, 9)
    assert mapping.area_kind is AreaKind.LSOA and mapping.area_name(" Camden 027B ") == \
        "Camden 027B"
    layout, mapping = build_mapping(["Report Date", "Precinct", "Offense Type", "Count"])
    assert (layout, mapping.count_column, mapping.area_kind) == (GENERIC, 3, AreaKind.DISTRICT)


def test_all_capital_categories_are_title_cased() -> None:
    assert category_name("MOTOR  VEHICLE THEFT") == "Motor Vehicle Theft"
    assert category_name("NON-CRIMINAL") == "Non-Criminal"
    assert category_name("Theft from the person") == "Theft from the person"


def read(path: Path) -> tuple[str, dict[tuple[str, str, int], int]]:
    head = read_head(path)
    counted = tally(head, build_mapping(head.headers)[1])
    return head.encoding if counted.codec == head.codec else counted.codec, counted.counts


def test_encodings_and_delimiters(tmp_path: Path) -> None:
    text = "Month;Neighbourhood;Crime type\r\n2024-11;Saint-Étienne Nord;Vol à l'étalage\r\n"
    for encoding, label in (("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 (with BOM)"),
                            ("cp1252", "Windows-1252"), ("utf-16", "UTF-16 LE")):
        found, counts = read(write(tmp_path / f"{encoding}.csv", text, encoding))
        assert found == label
        assert counts == {("saint-étienne nord", "vol à l'étalage", 2024 * 12 + 10): 1}


def test_a_bad_byte_after_the_first_64_kb_rereads_the_file_as_windows_1252(
    tmp_path: Path,
) -> None:
    rows = "".join(f"2024-{m % 12 + 1:02d},North,Theft\n" for m in range(5000))
    path = tmp_path / "late.csv"
    path.write_bytes(("Month,Area,Category\n" + rows).encode() + "2024-01,Café,Theft\n"
                     .encode("cp1252"))
    found, counts = read(path)
    assert found == "cp1252"
    assert counts[("café", "theft", 2024 * 12)] == 1
    assert sum(counts.values()) == 5001


@pytest.mark.parametrize(("content", "message"), [
    (b"", "The file is empty."),
    (b"\r\n  \r\n", "The file is empty."),
    (b"Month,Area,Category\r\n", "heading row only"),
    (b"PK\x03\x04rest of a workbook", "save the sheet as CSV"),
    (b"\x00\x01\x02\x03binary" * 50, "binary file"),
])
def test_files_that_cannot_be_imported(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(CrimeImportError, match=message):
        read_head(path)


def test_missing_files_and_folders(tmp_path: Path) -> None:
    with pytest.raises(CrimeImportError, match="does not exist"):
        read_head(tmp_path / "nowhere.csv")
    with pytest.raises(CrimeImportError, match="is a folder"):
        read_head(tmp_path)
