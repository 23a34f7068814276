"""Fixtures for the crime import tests: a workspace on every database, the real exports."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.models.database import Database
from app.services.workspace import Workspace
from tests.real_data import REAL_DATA


@pytest.fixture
def ws(any_db: Database) -> Iterator[Workspace]:
    yield Workspace(any_db, user_name="analyst")


def real_file(name: str) -> Path:
    path = REAL_DATA / name
    if not path.is_file():
        pytest.skip(f"real exports not available: {path} is absent (see SOURCES.md there)")
    return path


@pytest.fixture
def chicago_csv() -> Path:
    return real_file("chicago_crimes_2015_sample.csv")


@pytest.fixture
def police_uk_csv() -> Path:
    return real_file("uk_police_2024-11-city-of-london-street.csv")


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path
