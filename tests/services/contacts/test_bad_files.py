"""Files that cannot be imported give one clear message and change nothing."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from defusedxml import EntitiesForbidden
from sqlalchemy import func, select

from app.models import AuditEntry, ImportBatch, Organization, Person
from app.models.database import open_database
from app.services.contacts import ContactImportError, preview_import, run_import
from app.services.contacts import commit as commit_module
from app.services.errors import ValidationError
from app.services.workspace import Workspace
from tests.services.contacts.conftest import FIXTURES

HEADER = "First Name,Last Name,E-mail Address\n"


@pytest.fixture
def sqlite_ws(db_path: Path) -> Iterator[Workspace]:
    db = open_database(db_path)
    yield Workspace(db, user_name="importer")
    db.close()


def counts(ws: Workspace) -> tuple[int, ...]:
    with ws.read() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(model))  # type: ignore[misc]
            for model in (Person, Organization, ImportBatch, AuditEntry)
        )


def refused(ws: Workspace, path: Path, words: str) -> None:
    before = counts(ws)
    with pytest.raises(ContactImportError) as caught:
        preview_import(ws, path)
    assert words in caught.value.message
    assert "Traceback" not in caught.value.message
    assert counts(ws) == before


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("empty.csv", b"", "The file is empty"),
        ("blank.csv", "\r\n  \n,,,\n", "The file is empty"),
        ("header.csv", HEADER, "No contacts found: the file has a header row only"),
        ("header-and-blanks.csv", HEADER + ",,\n,,\n", "No contacts found"),
        ("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "Excel 97-2003"),
        ("cards.vcf", "not a vcard\n", "No vCards found"),
    ],
)
def test_unreadable_files(sqlite_ws: Workspace, tmp_path: Path, name: str, data: bytes | str,
                          words: str) -> None:
    refused(sqlite_ws, write(tmp_path, name, data), words)


@pytest.mark.parametrize(
    ("fixture", "words"),
    [
        ("csv_renamed.xlsx", "is not one (it looks like text). Rename it to .csv"),
        ("truncated.xlsx", "damaged or incomplete"),
        ("password_protected.xlsx", "password-protected"),
        ("zip_bomb.xlsx", "zip bomb: xl/worksheets/sheet1.xml would inflate"),
        ("entity_bomb.xlsx", "declares XML entities"),
    ],
)
def test_hostile_and_broken_workbooks(sqlite_ws: Workspace, fixture: str, words: str) -> None:
    refused(sqlite_ws, FIXTURES / fixture, words)


def test_openpyxl_itself_parses_with_defusedxml() -> None:
    """Our own check comes first, but openpyxl would refuse the entity bomb as well."""
    assert openpyxl.DEFUSEDXML
    with pytest.raises(ValueError) as caught:
        openpyxl.load_workbook(FIXTURES / "entity_bomb.xlsx", read_only=True)
    assert isinstance(caught.value.__cause__, EntitiesForbidden)


def test_a_bomb_of_many_parts(sqlite_ws: Workspace, tmp_path: Path) -> None:
    book = io.BytesIO()
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        chunk = b"\0" * (4 * 1024 * 1024)  # under the per-part ratio check on its own
        for i in range(52):
            archive.writestr(f"xl/media/image{i}.bin", chunk)
    refused(sqlite_ws, write(tmp_path, "many.xlsx", book.getvalue()), "would inflate to 208 MB")


def test_a_zip_that_is_not_a_workbook(sqlite_ws: Workspace, tmp_path: Path) -> None:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("contacts.csv", HEADER)
    refused(sqlite_ws, write(tmp_path, "contacts.zip", archive.getvalue()),
            "not an Excel workbook")


def test_missing_folder_and_huge_files(sqlite_ws: Workspace, tmp_path: Path) -> None:
    refused(sqlite_ws, tmp_path / "nowhere.csv", "does not exist")
    refused(sqlite_ws, tmp_path, "is a folder")
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as out:
        out.truncate(101 * 1024 * 1024)  # sparse: nothing is written
    refused(sqlite_ws, huge, "lists over 100 MB are refused")


def test_a_mapping_that_names_nobody(sqlite_ws: Workspace) -> None:
    from app.services.contacts import ColumnMapping

    with pytest.raises(ValidationError) as caught:
        preview_import(sqlite_ws, FIXTURES / "partners.xlsx",
                       ColumnMapping.from_columns({4: "mobile"}))
    assert caught.value.errors == {
        "mapping": "Choose a column for the name, the e-mail or the organization."
    }
    with pytest.raises(ValidationError, match="points past the last column"):
        preview_import(sqlite_ws, FIXTURES / "partners.xlsx",
                       ColumnMapping.from_columns({40: "email"}))


def test_a_failure_half_way_changes_nothing(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """Organizations are written before people: a failure then rolls them back too."""
    preview = preview_import(ws, FIXTURES / "google_contacts.csv")
    before = counts(ws)

    def broken(*args: object) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr(commit_module, "_people", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        run_import(ws, preview)
    assert counts(ws) == before
