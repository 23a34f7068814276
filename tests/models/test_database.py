"""Opening databases: creation, pragmas, transactions, and a clear error for every bad target."""

from __future__ import annotations

import os
import socket
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text

from app.locations import backup_dir_for, data_dir
from app.models import Organization, OrganizationKind, migrations
from app.models.database import (
    BUSY_TIMEOUT_MS,
    Database,
    open_database,
    parse_location,
    sqlite_journal_mode,
)
from app.models.errors import (
    BadLocationError,
    DatabaseDamagedError,
    DatabaseOpenError,
    NotADatabaseError,
    SchemaTooNewError,
    ServerUnreachableError,
)
from tests.pg_server import PgServer

# --- helpers -------------------------------------------------------------------------------


def _revision(path: Path) -> str:
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as con:
        return con.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def _backups(path: Path) -> list[Path]:
    folder = backup_dir_for(path)
    return sorted(folder.iterdir()) if folder.exists() else []


def _add_organizations(db: Database, count: int, notes: str = "") -> None:
    with db.write() as session:
        session.add_all(
            Organization(name=f"Partner {i:04d}", kind=OrganizationKind.NONPROFIT, notes=notes)
            for i in range(count)
        )


def _open_error(target: str | Path) -> DatabaseOpenError:
    """open_database must fail with a DatabaseOpenError people can read as it is."""
    with pytest.raises(DatabaseOpenError) as info:
        open_database(target)
    error = info.value
    assert error.message and str(error) == error.message
    assert "Traceback" not in error.message
    # Raised "from None": no chained low-level exception to confuse the report.
    assert error.__cause__ is None
    assert error.__context__ is None or error.__suppress_context__
    return error


# --- opening a SQLite file -----------------------------------------------------------------


def test_new_file_is_created_and_migrated(db_path: Path) -> None:
    assert not db_path.exists()
    db = open_database(db_path)
    try:
        assert db.is_sqlite and db.path == db_path.resolve()
        assert db_path.is_file()
        with db.read() as session:
            assert session.execute(text("SELECT count(*) FROM organizations")).scalar() == 0
    finally:
        db.close()
    assert _revision(db_path) == migrations.HEAD
    assert _backups(db_path) == []  # nothing to back up in a new file


def test_reopening_is_idempotent(db_path: Path) -> None:
    db = open_database(db_path)
    _add_organizations(db, 3)
    db.close()

    for _ in range(2):
        db = open_database(db_path)
        with db.read() as session:
            assert session.query(Organization).count() == 3
        db.close()
    assert _revision(db_path) == migrations.HEAD
    assert _backups(db_path) == []  # an up-to-date file is never backed up at open


def test_path_with_awkward_characters(tmp_path: Path) -> None:
    folder = tmp_path / "Shared drive #2 (100%)"
    folder.mkdir()
    path = folder / "Partners? & friends #1.sqlite"
    db = open_database(str(path))
    _add_organizations(db, 1)
    db.close()
    db = open_database(path)
    with db.read() as session:
        assert session.query(Organization).count() == 1
    db.close()
    assert sorted(p.name for p in folder.iterdir()) == [path.name]


def test_sqlite_url_is_accepted(db_path: Path) -> None:
    db = open_database(f"sqlite:///{db_path}")
    try:
        assert db.path == db_path.resolve()
    finally:
        db.close()


def test_journal_mode_depends_on_the_sqlite_version() -> None:
    assert sqlite_journal_mode((3, 40, 1)) == "delete"
    assert sqlite_journal_mode((3, 51, 2)) == "delete"
    assert sqlite_journal_mode((3, 51, 3)) == "wal"
    assert sqlite_journal_mode((3, 52, 0)) == "wal"
    assert sqlite_journal_mode((4, 0, 0)) == "wal"


def test_pragmas_on_every_pooled_connection(db_path: Path) -> None:
    expected_journal = "wal" if sqlite3.sqlite_version_info >= (3, 51, 3) else "delete"
    if sqlite3.sqlite_version_info < (3, 51, 3):
        assert expected_journal == "delete"  # the SQLite this project ships with (3.40.1)
    db = open_database(db_path)
    try:
        connections = [db.engine.connect() for _ in range(4)]
        try:
            raw = {id(c.connection.dbapi_connection) for c in connections}
            assert len(raw) == 4  # four distinct pooled connections
            for conn in connections:
                pragma = conn.exec_driver_sql
                assert pragma("PRAGMA foreign_keys").scalar() == 1
                assert pragma("PRAGMA busy_timeout").scalar() == BUSY_TIMEOUT_MS
                assert pragma("PRAGMA journal_mode").scalar() == expected_journal
                assert pragma("PRAGMA synchronous").scalar() == 2  # FULL
        finally:
            for conn in connections:
                conn.close()
        # Connections handed back and out again by the pool keep their settings.
        for session_factory in (db.reader, db.writer):
            with session_factory() as session, session.begin():
                assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        db.close()


def test_write_begins_immediate_and_read_deferred(db_path: Path) -> None:
    db = open_database(db_path)
    statements: list[str] = []

    @event.listens_for(db.engine, "before_cursor_execute")
    def _record(*args: Any) -> None:  # conn, cursor, statement, parameters, ...
        statements.append(args[2])

    try:
        with db.write() as session:
            session.execute(text("SELECT 1"))
        with db.read() as session:
            session.execute(text("SELECT 1"))
    finally:
        db.close()
    begins = [s for s in statements if s.startswith("BEGIN")]
    assert begins == ["BEGIN IMMEDIATE", "BEGIN DEFERRED"]


def _other_writer(path: Path) -> sqlite3.Connection:
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    other.execute("PRAGMA busy_timeout = 0")
    return other


def test_open_write_transaction_locks_out_other_writers(db_path: Path) -> None:
    db = open_database(db_path)
    other = _other_writer(db_path)
    try:
        with db.write() as session:
            # The write lock is taken when the transaction starts, before any change.
            session.execute(text("SELECT count(*) FROM organizations"))
            with pytest.raises(sqlite3.OperationalError, match="database is locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free again once the write is committed
        other.execute("ROLLBACK")
    finally:
        other.close()
        db.close()


def test_open_read_transaction_does_not_lock_out_writers(db_path: Path) -> None:
    db = open_database(db_path)
    _add_organizations(db, 1)
    other = _other_writer(db_path)
    try:
        with db.read() as session:
            assert session.query(Organization).count() == 1
            other.execute("BEGIN IMMEDIATE")
            other.execute("UPDATE organizations SET notes = 'changed elsewhere'")
            other.execute("ROLLBACK")
    finally:
        other.close()
        db.close()


def test_failed_write_is_rolled_back(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        with pytest.raises(RuntimeError), db.write() as session:
            session.add(Organization(name="Half done", kind=OrganizationKind.OTHER))
            session.flush()
            raise RuntimeError("user pressed cancel")
        with db.read() as session:
            assert session.query(Organization).count() == 0
    finally:
        db.close()


def test_tests_never_touch_the_real_user_data_dir() -> None:
    root = Path(os.environ["XDG_DATA_HOME"])
    assert data_dir().is_relative_to(root)
    assert "pdesk-test-user-dirs-" in str(root)


# --- bad targets ---------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["", "   "])
def test_no_target(target: str) -> None:
    error = _open_error(target)
    assert isinstance(error, BadLocationError)
    assert "No database given" in error.message


def test_folder(tmp_path: Path) -> None:
    error = _open_error(tmp_path)
    assert isinstance(error, BadLocationError)
    assert "is a folder" in error.message and str(tmp_path) in error.message


def test_missing_folder(tmp_path: Path) -> None:
    error = _open_error(tmp_path / "nowhere" / "desk.sqlite")
    assert isinstance(error, BadLocationError)
    assert "does not exist" in error.message and "nowhere" in error.message
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("mysql://x/y", "'mysql' databases are not supported"),
        ("postgresql+asyncpg://user@host/db", "driver 'asyncpg' is not supported"),
        ("postgresql+psycopg2://user@host/db", "driver 'psycopg2' is not supported"),
        ("postgresql+psycopg://user@host", "must name a database"),
        ("sqlite://", "must name a file"),
        ("sqlite:///:memory:", "must name a file"),
        ("://nothing", "is not a database URL"),
        ("postgresql://user@host:port/db", "is not a database URL"),
        ("postgresql://user@[::1/db", "is not a database URL"),
    ],
)
def test_unsupported_or_unparseable_url(target: str, words: str) -> None:
    error = _open_error(target)
    assert isinstance(error, BadLocationError)
    assert words in error.message


@pytest.mark.parametrize(
    "target",
    [
        "postgresql://desk:pw@db.example/desk",
        "postgres://desk:pw@db.example/desk",
        "postgresql+psycopg://desk:pw@db.example/desk",
    ],
)
def test_postgres_urls_are_normalised_to_psycopg(target: str) -> None:
    url = parse_location(target)
    assert url.drivername == "postgresql+psycopg"
    assert (url.username, url.password, url.host, url.database) == (
        "desk", "pw", "db.example", "desk"
    )


def test_postgres_socket_url_keeps_its_query() -> None:
    url = parse_location("postgresql+psycopg://postgres@/desk?host=/run/pg&port=5433")
    assert url.query == {"host": "/run/pg", "port": "5433"}


def test_text_file_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    content = "Meeting notes\n" * 100
    path.write_text(content)
    error = _open_error(path)
    assert isinstance(error, NotADatabaseError)
    assert "is not a database file" in error.message
    assert path.read_text() == content  # untouched


def test_database_of_another_program(tmp_path: Path) -> None:
    path = tmp_path / "inventory.sqlite"
    with sqlite3.connect(path) as con:
        con.execute("PRAGMA journal_mode = wal")  # its own choice, which we must not undo
        con.execute("CREATE TABLE stock (sku TEXT PRIMARY KEY, qty INTEGER)")
        con.execute("INSERT INTO stock VALUES ('A-1', 3)")
    con.close()
    before = path.read_bytes()
    error = _open_error(path)
    assert isinstance(error, NotADatabaseError)
    assert "belongs to another program" in error.message and "stock" in error.message
    assert path.read_bytes() == before  # no Partnership Desk table was added
    assert _backups(path) == []
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()


def _organization_pages(path: Path) -> list[int]:
    """Page numbers (1-based) of the organizations table's leaf pages."""
    with sqlite3.connect(path) as con:
        try:
            rows = con.execute(
                "SELECT pageno FROM dbstat WHERE name = 'organizations' AND pagetype = 'leaf'"
                " ORDER BY pageno"
            ).fetchall()
        except sqlite3.OperationalError:  # SQLite built without the dbstat table
            rows = []
        page_size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    # The organizations are the last rows written: their pages are at the end of the file.
    return [r[0] for r in rows] or [path.stat().st_size // page_size - 1]


def _overwrite(path: Path, page: int, offset: int, data: bytes) -> None:
    with sqlite3.connect(path) as con:
        page_size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    with path.open("r+b") as f:
        f.seek((page - 1) * page_size + offset)
        f.write(data)


@pytest.fixture
def filled_db_path(db_path: Path) -> Path:
    db = open_database(db_path)
    _add_organizations(db, 300, notes="Partner notes " * 15)
    db.close()
    return db_path


def test_damaged_rows_are_detected(filled_db_path: Path) -> None:
    path = filled_db_path
    pages = _organization_pages(path)
    page = pages[len(pages) // 2]
    # Point every cell of a leaf page past the end of the page: the page still looks like a
    # page, so the damage shows up in quick_check's report rather than as an error.
    with sqlite3.connect(path) as con:
        page_size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    with path.open("rb") as f:
        f.seek((page - 1) * page_size)
        header = f.read(8)
    assert header[0] == 0x0D  # a table leaf page
    cells = int.from_bytes(header[3:5], "big")
    _overwrite(path, page, 8, (page_size - 16).to_bytes(2, "big") * cells)
    with sqlite3.connect(path) as con:
        report = [r[0] for r in con.execute("PRAGMA quick_check")]
    con.close()
    assert report != ["ok"]  # the damage is of the kind quick_check reports as rows
    error = _open_error(path)
    assert isinstance(error, DatabaseDamagedError)
    assert "is damaged" in error.message and "backup" in error.message


def test_damaged_page_header_is_detected(filled_db_path: Path) -> None:
    path = filled_db_path
    pages = _organization_pages(path)
    _overwrite(path, pages[len(pages) // 2], 0, b"\x00" * 4096)
    error = _open_error(path)
    assert isinstance(error, DatabaseDamagedError)


def test_damaged_schema_is_detected(filled_db_path: Path) -> None:
    """Broken bytes in the table definitions (sqlite_schema) make SQLite's error quote them."""
    path = filled_db_path
    data = bytearray(path.read_bytes())
    # A sqlite_schema row: type, name, table, root page, then the CREATE statement.
    row = data.index(b"indexix_organizations_name")
    create = data.index(b"CREATE INDEX ix_organizations_name", row)
    data[row + 20 : row + 26] = b"\xff" * 6  # the index name is no longer UTF-8...
    data[create : create + 6] = b"\xff" * 6  # ...and its statement does not parse
    path.write_bytes(bytes(data))
    error = _open_error(path)
    assert isinstance(error, DatabaseDamagedError)
    assert "is damaged" in error.message


def test_damaged_schema_statement_is_detected(filled_db_path: Path) -> None:
    path = filled_db_path
    data = bytearray(path.read_bytes())
    create = data.index(b"CREATE TABLE organizations")
    data[create + 13 : create + 13 + 16] = b"(((((((((((((((("
    path.write_bytes(bytes(data))
    error = _open_error(path)
    assert isinstance(error, DatabaseDamagedError)
    assert "malformed database schema" in error.message


def test_schema_from_a_newer_program(db_path: Path) -> None:
    db = open_database(db_path)
    _add_organizations(db, 2)
    with db.write() as session:
        session.execute(text("UPDATE alembic_version SET version_num = 'zzzz_future'"))
    db.close()
    error = _open_error(db_path)
    assert isinstance(error, SchemaTooNewError)
    assert "newer Partnership Desk" in error.message and "zzzz_future" in error.message
    assert _revision(db_path) == "zzzz_future"
    assert _backups(db_path) == []


def _free_tcp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_postgres_server() -> None:
    port = _free_tcp_port()
    started = time.monotonic()
    error = _open_error(f"postgresql+psycopg://desk:s3cret@127.0.0.1:{port}/desk")
    elapsed = time.monotonic() - started
    assert isinstance(error, ServerUnreachableError)
    assert elapsed < 3, f"took {elapsed:.1f}s to give up on a closed port"
    assert "Cannot connect to" in error.message and str(port) in error.message
    assert "s3cret" not in error.message


def test_missing_socket_folder_postgres(tmp_path: Path) -> None:
    error = _open_error(f"postgresql+psycopg://desk@/desk?host={tmp_path}&port=5999")
    assert isinstance(error, ServerUnreachableError)


@pytest.mark.postgres
def test_missing_postgres_database(pg_server: PgServer) -> None:
    url = pg_server.database_url("no_such_database").render_as_string(hide_password=False)
    error = _open_error(url)
    assert isinstance(error, ServerUnreachableError)
    assert "no_such_database" in error.message



def test_a_database_left_in_wal_mode_opens_and_leaves_wal(tmp_path: Path) -> None:
    path = tmp_path / "wal.sqlite"
    open_database(path).close()
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA journal_mode = wal").fetchone()[0] == "wal"
    con.close()
    db = open_database(path)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == sqlite_journal_mode()
    db.close()


def test_a_fixed_sqlite_gets_wal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import app.models.database as database

    monkeypatch.setattr(database, "sqlite_journal_mode", lambda *a: "wal")
    db = open_database(tmp_path / "new.sqlite")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    db.close()


def test_a_file_that_cannot_be_written_gives_a_clear_error() -> None:
    error = _open_error(Path("/proc/version"))
    assert isinstance(error, DatabaseOpenError)
    assert "/proc/version" in error.message and "\n" not in error.message
