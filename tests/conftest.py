"""Fixtures shared by every test: database files, a PostgreSQL server, isolated user dirs.

- ``db_path``: where a new SQLite database may be created (inside ``tmp_path``).
- ``pg_server``: one throwaway PostgreSQL server for the session (see tests/pg_server.py).
- ``pg_url``: a URL string of a fresh, empty PostgreSQL database, dropped after the test.
- ``any_db``: an opened, migrated, empty :class:`~app.models.database.Database`, once on
  SQLite (a copy of one new database made per session) and once on PostgreSQL (the latter
  marked ``postgres``), closed after the test.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

# Before anything imports Qt or platformdirs: no screen, and no real user folders. The XDG
# variables are inherited by subprocesses too, so a CLI started by a test is isolated as well.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
USER_DIRS_ROOT = Path(tempfile.mkdtemp(prefix="pdesk-test-user-dirs-"))
atexit.register(shutil.rmtree, USER_DIRS_ROOT, ignore_errors=True)
for _variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[_variable] = str(USER_DIRS_ROOT / _variable.lower())

import pytest  # noqa: E402

from app.models.database import Database, open_database  # noqa: E402
from tests.pg_server import (  # noqa: E402
    ENV_URL,
    PgServer,
    PgUnavailableError,
    ReusableDatabase,
    start_server,
)

pytest_plugins = ("tests.fatal_errors",)


def pytest_report_header(config: pytest.Config) -> str:
    given = os.environ.get(ENV_URL)
    where = f"${ENV_URL}" if given else "a private cluster started on first use"
    return f"PostgreSQL for tests: {where}; user dirs under {USER_DIRS_ROOT}"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A location for a new SQLite database file (nothing is created there yet)."""
    return tmp_path / "desk.sqlite"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """The session's PostgreSQL server; skips (fails under CI=true) when none can be had."""
    try:
        server = start_server()
    except PgUnavailableError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs PostgreSQL: {exc}", pytrace=False)
        pytest.skip(str(exc))
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """A fresh empty database on the test server, as a URL string with any password in it."""
    name = f"test_{uuid.uuid4().hex}"
    url = pg_server.create_database(name)
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        pg_server.drop_database(name)


@pytest.fixture(scope="session")
def pg_reusable_db(pg_server: PgServer) -> Iterator[ReusableDatabase]:
    """A migrated database that ``any_db`` empties before each test (much faster than new)."""
    reusable = ReusableDatabase(pg_server, f"test_shared_{uuid.uuid4().hex}")
    yield reusable
    reusable.drop()


@pytest.fixture(scope="session")
def new_sqlite_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new database made once per session by the real open (every migration); ``any_db``
    starts from a copy, which costs a file copy instead of replaying the migrations."""
    path = tmp_path_factory.mktemp("new-database") / "new.sqlite"
    open_database(path).close()
    return path


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_db(request: pytest.FixtureRequest) -> Iterator[Database]:
    """An opened, migrated, empty database: the test runs on SQLite and on PostgreSQL.

    On PostgreSQL this is one database per session whose tables are emptied (identities
    restarted) before each test; use ``pg_url`` for a brand-new database instead.
    """
    if request.param == "sqlite":
        target = request.getfixturevalue("db_path")
        shutil.copyfile(request.getfixturevalue("new_sqlite_database"), target)
    else:
        target = request.getfixturevalue("pg_reusable_db").fresh_url()
    db = open_database(target)
    try:
        yield db
    finally:
        db.close()
