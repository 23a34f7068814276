"""The recently opened databases, remembered between runs."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from app.locations import data_dir

KEY = "recentDatabases"
LIMIT = 8


def _settings() -> QSettings:
    return QSettings(str(data_dir() / "settings.ini"), QSettings.Format.IniFormat)


def recent_databases() -> list[str]:
    value = _settings().value(KEY, [])
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value or []]


def remember_database(location: str) -> list[str]:
    entries = [location] + [e for e in recent_databases() if e != location]
    _settings().setValue(KEY, entries[:LIMIT])
    return entries[:LIMIT]
