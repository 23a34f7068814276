"""Alembic migrations bundled with the package, and the questions asked at open.

``HEAD`` names the newest revision so that opening an up-to-date database never has to
import Alembic (a test keeps it equal to the script directory's head).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, inspect, text

from app.models.errors import DatabaseDamagedError

if TYPE_CHECKING:
    from alembic.config import Config

HEAD = "0005_record_versions"
VERSION_TABLE = "alembic_version"
HERE = Path(__file__).resolve().parent


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(HERE))
    return config


def current_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    return connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def foreign_tables(connection: Connection) -> list[str]:
    """Tables in a database that has no Partnership Desk schema yet."""
    return sorted(inspect(connection).get_table_names())


def is_known(revision: str) -> bool:
    from alembic.script import ScriptDirectory

    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except Exception:
        return False


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply migrations in one transaction; on SQLite, refuse a result with broken links."""
    from alembic import command

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        if connection.dialect.name == "sqlite":
            broken = _foreign_key_problems(connection)
            if broken:
                raise DatabaseDamagedError(
                    f"Upgrading left {len(broken)} broken links, e.g. {broken[0]}; "
                    "nothing was changed."
                )


def _foreign_key_problems(connection: Connection) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in connection.exec_driver_sql("PRAGMA foreign_key_check")]
