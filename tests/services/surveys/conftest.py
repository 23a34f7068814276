"""Fixtures for the survey tests: a workspace on every database, the real exports."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.models.database import Database
from app.services.workspace import Workspace
from tests.real_data import REAL_DATA


@pytest.fixture
def ws(any_db: Database) -> Iterator[Workspace]:
    yield Workspace(any_db, user_name="evaluator")


@pytest.fixture
def survey_data() -> Path:
    folder = REAL_DATA / "survey"
    if not folder.is_dir():
        pytest.skip(f"real survey exports not available: {folder} is absent "
                    "(see real-data/SOURCES.md)")
    return folder
