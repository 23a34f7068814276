"""Fixtures for the contact import tests: a workspace on every database, file locations."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.models.database import Database
from app.services.workspace import Workspace
from tests.real_data import REAL_DATA

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "contacts"


@pytest.fixture
def ws(any_db: Database) -> Iterator[Workspace]:
    yield Workspace(any_db, user_name="importer")


@pytest.fixture
def real_data() -> Path:
    if not REAL_DATA.is_dir():
        pytest.skip(f"real exports not available: {REAL_DATA} is absent (see its SOURCES.md)")
    return REAL_DATA
