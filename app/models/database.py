"""Open a Partnership Desk database from a path or URL, ready for use.

``open_database`` is the only way in: it checks the file or server, sets the SQLite
pragmas on every connection, backs up and migrates an older schema, and returns a
:class:`Database` with one session factory for reads and one for writes.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event, make_url, text
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from app.locations import backup_dir_for
from app.models import migrations
from app.models.backups import BackupError, backup_sqlite
from app.models.errors import (
    BadLocationError,
    DatabaseDamagedError,
    DatabaseInUseError,
    DatabaseOpenError,
    NotADatabaseError,
    SchemaTooNewError,
    ServerUnreachableError,
)
from app.models.instance_lock import InstanceLock, LockInfo
from app.models.instance_lock import acquire as acquire_lock
from app.models.storage import network_warning
from app.sqlite_check import QuickCheck

BUSY_TIMEOUT_MS = 5000
# SQLite fixed the WAL-reset corruption bug in 3.51.3; older versions use a rollback journal.
WAL_SAFE_SQLITE = (3, 51, 3)
POSTGRES_CONNECT_TIMEOUT_S = 5


def sqlite_journal_mode(version: tuple[int, int, int] = sqlite3.sqlite_version_info) -> str:
    return "wal" if version >= WAL_SAFE_SQLITE else "delete"


@dataclass(frozen=True)
class Database:
    url: URL
    engine: Engine
    reader: sessionmaker[Session]
    writer: sessionmaker[Session]
    # SQLite only: this process's hold on the file (see instance_lock), released by close().
    lock: InstanceLock | None = field(default=None, compare=False, repr=False)
    # True if the full integrity_check ran at open (after an unclean shutdown).
    checked_fully: bool = False
    # Why the file's location is risky (a network share), for a non-blocking warning.
    network_warning: str | None = None

    @property
    def unclean_shutdown(self) -> LockInfo | None:
        """The session that held the file and did not close it (crashed, killed), if any."""
        return self.lock.recovered if self.lock is not None else None

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def path(self) -> Path | None:
        return Path(self.url.database) if self.is_sqlite and self.url.database else None

    @property
    def display_name(self) -> str:
        if self.path is not None:
            return self.path.name
        return f"{self.url.database} on {self.url.host or 'localhost'}"

    @property
    def location(self) -> str:
        """Where the data lives, without any password."""
        return str(self.path) if self.path else self.url.render_as_string(hide_password=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.reader() as session, session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction (BEGIN IMMEDIATE on SQLite): committed on success."""
        with self.writer() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()
        if self.lock is not None:
            self.lock.release()


def parse_location(target: str | Path) -> URL:
    """Turn a command-line path or URL into a SQLAlchemy URL, or say clearly why not."""
    raw = str(target).strip()
    if not raw:
        raise BadLocationError("No database given: name a file or a postgresql:// URL.")
    if "://" not in raw:
        return _sqlite_url(Path(raw).expanduser())
    try:
        url = make_url(raw)
    except (ArgumentError, ValueError):  # ValueError: e.g. a port that is not a number
        raise BadLocationError(f"'{_without_password(raw)}' is not a database URL.") from None
    backend = url.get_backend_name()
    if backend == "sqlite":
        if not url.database or url.database == ":memory:":
            raise BadLocationError("A SQLite URL must name a file.")
        return _sqlite_url(Path(url.database).expanduser())
    if backend in ("postgresql", "postgres"):
        # Read the driver from the URL text: get_driver_name() loads the dialect, which
        # fails for "postgres://" and names SQLAlchemy's default driver for "postgresql://".
        driver = url.drivername.partition("+")[2]
        if driver not in ("", "psycopg"):
            raise BadLocationError(
                f"PostgreSQL driver '{driver}' is not supported: use "
                "postgresql+psycopg://user:password@host/database"
            )
        if not url.database:
            raise BadLocationError("A PostgreSQL URL must name a database after the host.")
        return url.set(drivername="postgresql+psycopg")
    raise BadLocationError(
        f"'{backend}' databases are not supported: give a SQLite file path or a "
        "postgresql+psycopg:// URL."
    )


def _without_password(raw: str) -> str:
    """``scheme://user:secret@host`` -> ``scheme://user:***@host`` for messages."""
    return re.sub(r"(://[^:/@]*:).*@", r"\1***@", raw)


def _sqlite_url(path: Path) -> URL:
    path = path.resolve()
    if path.is_dir():
        raise BadLocationError(f"{path} is a folder, not a database file.")
    if not path.parent.is_dir():
        raise BadLocationError(f"The folder {path.parent} does not exist.")
    return URL.create("sqlite+pysqlite", database=str(path))


def open_database(
    target: str | Path,
    *,
    backup_dir: Path | None = None,
    quick_check: QuickCheck | None = None,
) -> Database:
    """Open (creating if needed) and upgrade the database at ``target``.

    ``quick_check``, if given, is a check of the same file started earlier (see main.py).
    """
    url = parse_location(target)
    if url.get_backend_name() != "sqlite":
        engine = _postgres_engine(url)
        _check_postgres(engine, url)  # the server handles concurrency: no lock file
        return _prepare(url, engine, backup_dir)
    path = Path(url.database or "")
    lock = acquire_lock(path)
    try:
        checked_fully = _check_sqlite(path, quick_check, full=lock.unclean_shutdown)
        db = _prepare(url, _sqlite_engine(url, foreign_keys=True), backup_dir)
    except BaseException:
        lock.release()
        raise
    return replace(
        db, lock=lock, checked_fully=checked_fully, network_warning=network_warning(path)
    )


def _prepare(url: URL, engine: Engine, backup_dir: Path | None) -> Database:
    """Migrate if needed and wrap the engine; the engine is disposed if that fails."""
    try:
        _upgrade_schema(engine, url, backup_dir)
        if url.get_backend_name() == "sqlite":
            _set_journal_mode(engine)
    except DatabaseOpenError:
        engine.dispose()
        raise
    except (DBAPIError, BackupError, OSError) as error:
        engine.dispose()
        where = (
            url.database
            if url.get_backend_name() == "sqlite"
            else url.render_as_string(hide_password=True)
        )
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        raise NotADatabaseError(f"{where} could not be prepared for use: {reason}.") from None
    return Database(
        url=url,
        engine=engine,
        reader=sessionmaker(bind=engine, expire_on_commit=False),
        writer=sessionmaker(
            bind=engine.execution_options(sqlite_begin="IMMEDIATE"), expire_on_commit=False
        ),
    )


def _sqlite_engine(url: URL, *, foreign_keys: bool, pooled: bool = True) -> Engine:
    options: dict[str, Any] = {} if pooled else {"poolclass": NullPool}
    engine = create_engine(url, **options)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, record: object) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own handling
        # starts transactions late and never with IMMEDIATE).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
            cursor.execute("PRAGMA synchronous = FULL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


def _set_journal_mode(engine: Engine) -> None:
    """Persisted in the file, so set once, and only once the file is known to be ours.

    SQLite refuses to change the journal mode inside a transaction, so this goes to the
    driver's connection directly, outside SQLAlchemy's BEGIN.
    """
    raw = engine.raw_connection()
    try:
        raw.driver_connection.execute(f"PRAGMA journal_mode = {sqlite_journal_mode()}")
    finally:
        raw.close()


def _check_sqlite(path: Path, check: QuickCheck | None, *, full: bool = False) -> bool:
    """Refuse a file that is not a database or fails SQLite's quick_check.

    ``full``: run the full integrity_check (after an unclean shutdown). Returns True if the
    full check ran.
    """
    if check is None or check.path != path or (full and not check.full):
        if not path.is_file() or path.stat().st_size == 0:
            return False  # a new database: nothing to check yet
        check = QuickCheck(path, background=False, full=full)
    try:
        rows = check.result()
    except sqlite3.Error as exc:
        reason = str(exc)
        if "not a database" in reason or "file is encrypted" in reason:
            raise NotADatabaseError(f"{path} is not a database file.") from None
        if "malformed" in reason:
            raise DatabaseDamagedError(
                f"{path} is damaged: {reason}. {_restore_hint(path)}"
            ) from None
        if "locked" in reason:
            raise DatabaseInUseError(
                f"{path} is in use by another program that keeps it locked; "
                "close that program and try again."
            ) from None
        raise NotADatabaseError(f"{path} could not be opened: {reason}.") from None
    except UnicodeDecodeError:
        # SQLite's "malformed database schema" message quotes the damaged bytes, and
        # Python's sqlite3 fails to decode it.
        raise DatabaseDamagedError(
            f"{path} is damaged (its table definitions are unreadable). "
            f"{_restore_hint(path)}"
        ) from None
    if rows != ["ok"]:
        detail = "; ".join(rows[:5])
        raise DatabaseDamagedError(f"{path} is damaged ({detail}). {_restore_hint(path)}")
    return check.full


def _restore_hint(path: Path) -> str:
    return f"Restore it from a backup (backups are kept in {backup_dir_for(path)})."


def _postgres_engine(url: URL) -> Engine:
    return create_engine(
        url,
        pool_pre_ping=True,
        connect_args={"connect_timeout": POSTGRES_CONNECT_TIMEOUT_S},
    )


def _check_postgres(engine: Engine, url: URL) -> None:
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError as exc:
        engine.dispose()
        where = url.render_as_string(hide_password=True)
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise ServerUnreachableError(f"Cannot connect to {where}: {reason}") from None


def _upgrade_schema(engine: Engine, url: URL, backup_dir: Path | None) -> None:
    with engine.connect() as conn:
        current = migrations.current_revision(conn)
        foreign_tables = migrations.foreign_tables(conn) if current is None else []
        conn.rollback()
    if current == migrations.HEAD:
        return
    if foreign_tables:
        raise NotADatabaseError(
            f"{url.render_as_string(hide_password=True)} belongs to another program "
            f"(it has tables such as {', '.join(foreign_tables[:3])})."
        )
    if current is not None and not migrations.is_known(current):
        raise SchemaTooNewError(
            "This database was written by a newer Partnership Desk "
            f"(schema {current}). Update the program to open it."
        )
    if url.get_backend_name() == "sqlite":
        path = Path(url.database or "")
        if current is not None:
            backup_sqlite(path, backup_dir or backup_dir_for(path), f"before-{migrations.HEAD}")
        # Batch migrations copy tables: foreign keys must be off, then checked afterwards.
        migration_engine = _sqlite_engine(url, foreign_keys=False, pooled=False)
        try:
            migrations.upgrade(migration_engine)
        finally:
            migration_engine.dispose()
    else:
        migrations.upgrade(engine)
