"""A full disk or a read-only database: a clear StorageError, nothing committed lost,
and the same workspace keeps working once the cause is gone."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select

from app.models import Organization, OrganizationKind
from app.models.database import open_database
from app.services.errors import StorageError
from app.services.organizations import OrganizationInput, create_organization
from app.services.workspace import Workspace
from app.services.write_errors import DISK_FULL, READ_ONLY, storage_message
from tests.crash.storage import translate_in_workspace

NONPROFIT = OrganizationKind.NONPROFIT


@pytest.fixture
def ws(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Workspace]:
    translate_in_workspace(monkeypatch)
    db = open_database(db_path)
    try:
        yield Workspace(db, user_name="tester")
    finally:
        db.close()


def count(ws: Workspace) -> int:
    with ws.read() as session:
        return session.scalar(select(func.count()).select_from(Organization)) or 0


def integrity(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return str(con.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        con.close()


def test_injected_disk_full_is_a_storage_error_and_loses_nothing(ws: Workspace) -> None:
    create_organization(ws, OrganizationInput("Saved Before", NONPROFIT))

    def full(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT"):
            raise sqlite3.OperationalError("database or disk is full")

    event.listen(ws.db.engine, "before_cursor_execute", full)
    with pytest.raises(StorageError, match="disk holding the database is full"):
        create_organization(ws, OrganizationInput("Not Saved", NONPROFIT))
    event.remove(ws.db.engine, "before_cursor_execute", full)

    assert count(ws) == 1
    create_organization(ws, OrganizationInput("Saved After", NONPROFIT))
    assert count(ws) == 2
    assert ws.db.path is not None and integrity(ws.db.path) == "ok"


def test_query_only_database_gives_the_read_only_message(ws: Workspace) -> None:
    create_organization(ws, OrganizationInput("Saved Before", NONPROFIT))

    def query_only(dbapi_connection: sqlite3.Connection, record: object) -> None:
        dbapi_connection.execute("PRAGMA query_only = ON")

    ws.db.engine.dispose()
    event.listen(ws.db.engine, "connect", query_only)
    with pytest.raises(StorageError) as raised:
        create_organization(ws, OrganizationInput("Not Saved", NONPROFIT))
    assert str(raised.value) == READ_ONLY
    event.remove(ws.db.engine, "connect", query_only)
    ws.db.engine.dispose()
    assert count(ws) == 1
    create_organization(ws, OrganizationInput("Saved After", NONPROFIT))
    assert count(ws) == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through chmod 444")
def test_read_only_file_gives_the_read_only_message(ws: Workspace) -> None:
    create_organization(ws, OrganizationInput("Saved Before", NONPROFIT))
    assert ws.db.path is not None
    ws.db.engine.dispose()
    ws.db.path.chmod(0o444)
    try:
        with pytest.raises(StorageError, match="cannot be written"):
            create_organization(ws, OrganizationInput("Not Saved", NONPROFIT))
    finally:
        ws.db.path.chmod(0o644)
    assert count(ws) == 1


def test_messages_for_os_and_server_errors() -> None:
    assert storage_message(OSError(28, "No space left on device")) == DISK_FULL
    assert storage_message(OSError(30, "Read-only file system")) == READ_ONLY
    assert storage_message(sqlite3.OperationalError("no such table: x")) is None


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MiB tmpfs (an empty database is about 450 KiB); skipped where mount is refused."""
    mount_point = Path("/tmp") / f"pdesk-full-{uuid.uuid4().hex[:8]}"
    mount_point.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        mount_point.rmdir()
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.strip() or done.returncode}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=False)
        mount_point.rmdir()


def test_real_full_disk_keeps_commits_and_recovers(
    tiny_disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    translate_in_workspace(monkeypatch)
    path = tiny_disk / "desk.sqlite"
    ballast = tiny_disk / "ballast"
    db = open_database(path)
    try:
        ws = Workspace(db, user_name="tester")
        ballast.write_bytes(b"\0" * 64 * 1024)
        saved = 0
        with pytest.raises(StorageError, match="full"):
            for n in range(1000):
                create_organization(ws, OrganizationInput(f"Org {n}", NONPROFIT, notes="n" * 8000))
                saved += 1
        assert saved > 0
        assert count(ws) == saved
        assert integrity(path) == "ok"
        ballast.unlink()
        create_organization(ws, OrganizationInput("After freeing space", NONPROFIT))
        assert count(ws) == saved + 1
    finally:
        db.close()
    assert integrity(path) == "ok"
