"""Where Partnership Desk keeps its files by default (per-user data folder)."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "PartnershipDesk"


def data_dir() -> Path:
    return user_data_path(APP_NAME, appauthor=False, ensure_exists=True)


def default_database_path() -> Path:
    return data_dir() / "partnership-desk.sqlite"


def demo_database_path() -> Path:
    return data_dir() / "demo.sqlite"


def backup_dir_for(database: Path) -> Path:
    """Backups sit beside the database, in a folder named after the whole file name
    (``desk.sqlite`` and ``desk.db`` must never share one: rotation would mix them)."""
    return database.parent / "backups" / database.name
