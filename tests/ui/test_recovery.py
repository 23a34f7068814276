"""A damaged database at open: the latest good backup is offered and the damage is kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.cli import open_workspace
from app.models import OrganizationKind
from app.models.database import open_database
from app.models.errors import DatabaseDamagedError, DatabaseOpenError
from app.services.backups import back_up_now, list_backups
from app.services.organizations import OrganizationInput, create_organization, list_organizations
from app.ui.recovery import offer_latest_backup


def damage(path: Path) -> None:
    """Zero the pages after the schema page: SQLite then calls the file malformed."""
    with sqlite3.connect(path) as con:
        page_size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    with path.open("r+b") as f:
        f.seek(page_size)
        f.write(b"\x00" * page_size * 6)


@pytest.fixture
def damaged(db_path: Path) -> DatabaseDamagedError:
    ws = open_workspace(db_path)
    for name in ("Harbor", "School", "Church"):
        create_organization(ws, OrganizationInput(name, OrganizationKind.NONPROFIT))
    back_up_now(ws)
    create_organization(ws, OrganizationInput("After the backup", OrganizationKind.OTHER))
    ws.close()
    damage(db_path)
    with pytest.raises(DatabaseOpenError) as caught:
        open_database(db_path).close()
    assert isinstance(caught.value, DatabaseDamagedError)
    return caught.value


def test_the_latest_backup_is_offered_restored_and_the_damage_kept(
    qtbot: QtBot, db_path: Path, damaged: DatabaseDamagedError, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def yes(parent: object, title: str, text: str, *a: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    damaged_bytes = db_path.read_bytes()
    assert offer_latest_backup(None, db_path.resolve(), damaged)
    assert "latest good backup" in asked[0]
    ws = open_workspace(db_path)
    assert [r.name for r in list_organizations(ws).rows] == ["Church", "Harbor", "School"]
    ws.close()
    kept = [p for p in db_path.parent.rglob("replaced-*/*") if p.name == db_path.name]
    assert kept and kept[0].read_bytes() == damaged_bytes


def test_declining_changes_nothing(
    qtbot: QtBot, db_path: Path, damaged: DatabaseDamagedError, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    before = db_path.read_bytes()
    assert not offer_latest_backup(None, db_path.resolve(), damaged)
    assert db_path.read_bytes() == before
    assert len(list_backups(db_path.resolve())) == 1


def test_opening_a_damaged_file_from_the_window_offers_its_backup(
    qtbot: QtBot,
    tmp_path: Path,
    db_path: Path,
    damaged: DatabaseDamagedError,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app.ui.main_window import MainWindow

    window = MainWindow(open_workspace(tmp_path / "other.sqlite"), open_workspace)
    qtbot.addWidget(window)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    assert window.switch_to(str(db_path))
    assert [r.name for r in list_organizations(window.workspace).rows] == [
        "Church",
        "Harbor",
        "School",
    ]
