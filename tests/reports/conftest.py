"""Export fixtures: a directory in a real SQLite file and the rows exported from it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.models.database import open_database
from app.services.directory_export import (
    OrganizationExportRow,
    PersonExportRow,
    organizations_for_export,
    people_for_export,
)
from app.services.search import DirectoryFilter
from tests.directory_data import TODAY, Directory, build_directory


@pytest.fixture
def directory(db_path: Path) -> Iterator[Directory]:
    db = open_database(db_path)
    try:
        yield build_directory(db)
    finally:
        db.close()


@pytest.fixture
def people(directory: Directory) -> list[PersonExportRow]:
    return people_for_export(directory.ws, DirectoryFilter(), today=TODAY)


@pytest.fixture
def organizations(directory: Directory) -> list[OrganizationExportRow]:
    return organizations_for_export(directory.ws, DirectoryFilter(), today=TODAY)
