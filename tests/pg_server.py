"""A throwaway PostgreSQL server for the test session.

``start_server()`` runs ``initdb`` into a fresh folder under the system temp dir and starts
``postgres`` on a Unix socket inside that folder (no TCP port, so nothing can clash with
another server on the machine), with trust authentication and durability switched off for
speed. PostgreSQL refuses to run as root, so when the tests run as root the cluster belongs
to the ``postgres`` OS user (``runuser``/``su``). ``PgServer.stop()`` shuts it down and
removes the folder; it is also registered with ``atexit``.

Set ``PARTNERSHIP_DESK_TEST_PG_URL`` (e.g. ``postgresql+psycopg://me:pw@db.local/postgres``)
to use an existing server instead: the tests then create and drop ``test_*`` databases
there, so the account needs CREATEDB.
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import URL, Engine, create_engine, inspect, make_url, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

ENV_URL = "PARTNERSHIP_DESK_TEST_PG_URL"
SERVER_USER = "postgres"
PORT = 5432  # only names the socket file: the server listens on no TCP port
# A zone far from UTC so that code mixing server-local time and UTC shows up in tests.
SERVER_TIMEZONE = "America/Chicago"
SEARCH_GLOBS = ("/usr/lib/postgresql/*/bin", "/usr/local/pgsql/bin", "/usr/pgsql-*/bin")


class PgUnavailableError(RuntimeError):
    """No PostgreSQL server programs on this machine."""


class PgStartError(RuntimeError):
    """The server programs exist but the server could not be started."""


def find_bin_dir() -> Path | None:
    """The folder holding ``initdb``, ``pg_ctl`` and ``postgres``, newest version first."""
    on_path = shutil.which("pg_ctl")
    candidates = [Path(on_path).resolve().parent] if on_path else []
    for pattern in SEARCH_GLOBS:
        found = [Path(p) for p in glob.glob(pattern)]
        candidates += sorted(found, key=_version_key, reverse=True)
    for folder in candidates:
        if all((folder / tool).exists() for tool in ("initdb", "pg_ctl", "postgres")):
            return folder
    return None


def _version_key(folder: Path) -> tuple[int, ...]:
    digits = "".join(c if c.isdigit() else " " for c in str(folder))
    return tuple(int(n) for n in digits.split())


@dataclass
class PgServer:
    """A running server and an admin URL for it (database ``postgres``)."""

    url: URL
    root: Path | None = None  # our cluster's folder; None for a server given by ENV_URL
    bin_dir: Path | None = None
    _as_user: list[str] = field(default_factory=list)

    @property
    def owned(self) -> bool:
        return self.root is not None

    def database_url(self, name: str) -> URL:
        return self.url.set(database=name)

    def admin_engine(self) -> Engine:
        return create_engine(self.url, isolation_level="AUTOCOMMIT", poolclass=NullPool)

    def create_database(self, name: str) -> URL:
        engine = self.admin_engine()
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        finally:
            engine.dispose()
        return self.database_url(name)

    def drop_database(self, name: str) -> None:
        """Drop ``name`` if it exists, ending any connection still open to it."""
        engine = self.admin_engine()
        try:
            with engine.connect() as conn:
                conn.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = :name AND pid <> pg_backend_pid()"
                    ),
                    {"name": name},
                )
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
        finally:
            engine.dispose()

    def stop(self) -> None:
        if self.root is None or self.bin_dir is None:
            return
        root, self.root = self.root, None
        data = root / "data"
        if (data / "postmaster.pid").exists():
            subprocess.run(
                [*self._as_user, str(self.bin_dir / "pg_ctl"), "stop", "-D", str(data),
                 "-m", "immediate", "-w", "-t", "30"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
            )
        shutil.rmtree(root, ignore_errors=True)


def start_server() -> PgServer:
    """Use ``$PARTNERSHIP_DESK_TEST_PG_URL`` if set, else start a private cluster."""
    given = os.environ.get(ENV_URL, "").strip()
    if given:
        return PgServer(url=make_url(given).set(drivername="postgresql+psycopg"))
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise PgUnavailableError(
            "PostgreSQL server programs (initdb, pg_ctl) were not found on PATH or under "
            "/usr/lib/postgresql/*/bin: install them (Debian: apt-get install postgresql) "
            f"or set {ENV_URL} to an existing server."
        )
    as_user = _run_as_prefix()
    root = Path(tempfile.mkdtemp(prefix="pdesk-pg-", dir=_temp_parent()))
    server = PgServer(url=_socket_url(root), root=root, bin_dir=bin_dir, _as_user=as_user)
    atexit.register(server.stop)
    try:
        _init_and_start(root, bin_dir, as_user)
    except BaseException:
        server.stop()
        raise
    return server


def _temp_parent() -> str:
    """A folder every user can traverse (pytest's own tmp dirs are private to root)."""
    parent = tempfile.gettempdir()
    return parent if os.stat(parent).st_mode & 0o001 else "/tmp"


def _socket_url(root: Path) -> URL:
    return URL.create(
        "postgresql+psycopg",
        username=SERVER_USER if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name,
        database="postgres",
        query={"host": str(root), "port": str(PORT)},
    )


def _run_as_prefix() -> list[str]:
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam(SERVER_USER)
    except KeyError:
        raise PgStartError(
            f"Running as root, and PostgreSQL refuses root: create the '{SERVER_USER}' "
            "user (Debian's postgresql package does) or run the tests as another user."
        ) from None
    if shutil.which("runuser"):
        return ["runuser", "-u", SERVER_USER, "--"]
    # su takes one command string: callers below only pass arguments without spaces.
    return ["su", SERVER_USER, "-s", "/bin/sh", "-c"]


def _run(as_user: list[str], args: list[str], log: Path) -> None:
    command = [*as_user, " ".join(args)] if as_user[:1] == ["su"] else [*as_user, *args]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        details = result.stdout + result.stderr
        if log.exists():
            details += "\n--- server log ---\n" + log.read_text(errors="replace")
        raise PgStartError(f"{' '.join(args)} failed ({result.returncode}):\n{details}")


def _init_and_start(root: Path, bin_dir: Path, as_user: list[str]) -> None:
    root.chmod(0o755)
    if as_user:
        entry = pwd.getpwnam(SERVER_USER)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    data, log = root / "data", root / "server.log"
    superuser = SERVER_USER if as_user else pwd.getpwuid(os.geteuid()).pw_name
    _run(as_user, [str(bin_dir / "initdb"), "-D", str(data), "-U", superuser, "-A", "trust",
                   "-E", "UTF8", "--locale=C", "--no-sync"], log)
    options = " ".join([
        "-c listen_addresses=''",
        f"-c unix_socket_directories={root}",
        f"-p {PORT}",
        "-c fsync=off",
        "-c synchronous_commit=off",
        "-c full_page_writes=off",
        f"-c TimeZone={SERVER_TIMEZONE}",
        "-c max_connections=100",
    ])
    if as_user[:1] == ["su"]:
        options = f'"{options}"'
    _run(as_user, [str(bin_dir / "pg_ctl"), "start", "-D", str(data), "-l", str(log),
                   "-w", "-t", "60", "-o", options], log)


class ReusableDatabase:
    """One migrated database emptied between tests: CREATE DATABASE plus migrating costs
    about half a second on PostgreSQL, emptying every table a few hundredths of one.

    ``fresh_url()`` hands out the database with every table empty and identities restarted;
    when a test left it in another shape (schema changed, revision stamped, a connection
    still holding locks) it is dropped and made anew instead.
    """

    def __init__(self, server: PgServer, name: str) -> None:
        self.server = server
        self.name = name
        self._ready = False

    @property
    def url(self) -> URL:
        return self.server.database_url(self.name)

    def fresh_url(self) -> str:
        if not (self._ready and self._empty()):
            self._recreate()
        return self.url.render_as_string(hide_password=False)

    def drop(self) -> None:
        self.server.drop_database(self.name)
        self._ready = False

    def _recreate(self) -> None:
        from app.models.database import open_database

        self.drop()
        self.server.create_database(self.name)
        open_database(self.url.render_as_string(hide_password=False)).close()
        self._ready = True

    def _empty(self) -> bool:
        from app.models import migrations
        from app.models.base import Base

        engine = create_engine(self.url, poolclass=NullPool)
        try:
            with engine.begin() as conn:
                conn.exec_driver_sql("SET LOCAL lock_timeout = '3s'")
                if migrations.current_revision(conn) != migrations.HEAD:
                    return False
                tables = set(inspect(conn).get_table_names()) - {migrations.VERSION_TABLE}
                if tables != set(Base.metadata.tables):
                    return False
                # DELETE beats TRUNCATE on small tables (TRUNCATE makes new files for each
                # table and index); children first so that RESTRICT links never fire.
                # The audit log refuses DELETE (a trigger); TRUNCATE fires no row triggers.
                for table in reversed(Base.metadata.sorted_tables):
                    if table.name == "audit_entries":
                        conn.exec_driver_sql("TRUNCATE audit_entries")
                    else:
                        conn.execute(table.delete())
                used = conn.execute(
                    text(
                        "SELECT schemaname, sequencename FROM pg_sequences "
                        "WHERE schemaname = current_schema() AND last_value IS NOT NULL"
                    )
                ).all()
                for schema, sequence in used:
                    conn.exec_driver_sql(f'ALTER SEQUENCE "{schema}"."{sequence}" RESTART')
            return True
        except DBAPIError:
            return False
        finally:
            engine.dispose()
