"""One program per database file: lock file, second-instance refusal, stale-lock recovery."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.locations import backup_dir_for
from app.models import instance_lock
from app.models.database import open_database
from app.models.errors import (
    DatabaseDamagedError,
    DatabaseInUseError,
    DatabaseReadOnlyError,
    NotADatabaseError,
)
from app.models.instance_lock import LockInfo, acquire, lock_path_for
from app.sqlite_check import QuickCheck
from tests.lock_holder import start_holder


def dead_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(done.stdout)


def write_stale_lock(database: Path, *, pid: int, host: str | None = None) -> None:
    info = LockInfo(host=host or socket.gethostname(), user="maria", pid=pid,
                    since="2026-11-25T09:14:00+00:00", version="0.1.0")
    lock_path_for(database).write_bytes(info.to_json())


def test_lock_file_names_the_holder_and_goes_away_on_close(db_path: Path) -> None:
    db = open_database(db_path)
    lock_file = lock_path_for(db_path)
    assert lock_file.name == "desk.sqlite.lock"
    content = json.loads(lock_file.read_text())
    assert content["pid"] == os.getpid()
    assert content["host"] == socket.gethostname()
    assert {"user", "since", "version"} <= content.keys()
    assert not db.checked_fully and db.unclean_shutdown is None
    db.close()
    assert not lock_file.exists()
    db.close()  # a second close is harmless


def test_opens_in_one_process_share_the_lock(db_path: Path) -> None:
    """Instances are processes: the same process may reopen its file (re-entrant)."""
    first = open_database(db_path)
    second = open_database(db_path)
    first.close()
    assert lock_path_for(db_path).exists()  # still held by the second open
    second.close()
    assert not lock_path_for(db_path).exists()


def test_another_process_is_refused_and_named(db_path: Path) -> None:
    open_database(db_path).close()
    holder = start_holder(db_path)
    try:
        with pytest.raises(DatabaseInUseError) as caught:
            open_database(db_path)
        message = caught.value.message
        assert f"process {holder.pid}" in message
        assert socket.gethostname() in message and " since " in message
        assert "Close it there first" in message
        assert caught.value.exit_code == 7
    finally:
        holder.kill()
        holder.wait()
        holder.communicate()


def test_a_killed_holder_leaves_a_stale_lock_that_is_recovered(db_path: Path) -> None:
    open_database(db_path).close()
    holder = start_holder(db_path)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    holder.communicate()
    assert lock_path_for(db_path).exists()  # nobody cleaned up
    db = open_database(db_path)
    try:
        assert db.unclean_shutdown is not None and db.unclean_shutdown.pid == holder.pid
        assert db.checked_fully
        assert json.loads(lock_path_for(db_path).read_text())["pid"] == os.getpid()
    finally:
        db.close()
    again = open_database(db_path)  # closed cleanly this time: quick check only
    assert not again.checked_fully and again.unclean_shutdown is None
    again.close()


def test_stale_lock_with_a_dead_pid_is_recovered_without_advisory_locks(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a file system without flock, a same-host lock whose process ended is stale."""
    open_database(db_path).close()
    pid = dead_pid()
    write_stale_lock(db_path, pid=pid)

    def no_locks(fd: int) -> bool:
        instance_lock._NO_LOCKS.add(fd)
        return False

    monkeypatch.setattr(instance_lock, "_try_advisory_lock", no_locks)
    db = open_database(db_path)
    assert db.unclean_shutdown is not None and db.unclean_shutdown.pid == pid
    assert db.checked_fully
    db.close()


def test_without_advisory_locks_a_live_or_remote_holder_is_respected(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_locks(fd: int) -> bool:
        instance_lock._NO_LOCKS.add(fd)
        return False

    monkeypatch.setattr(instance_lock, "_try_advisory_lock", no_locks)
    write_stale_lock(db_path, pid=os.getppid())  # alive
    with pytest.raises(DatabaseInUseError, match="maria on"):
        acquire(db_path)
    write_stale_lock(db_path, pid=dead_pid(), host="WS-12")  # cannot tell: respected
    with pytest.raises(DatabaseInUseError, match="maria on WS-12"):
        acquire(db_path)


def test_garbled_lock_file_without_holder_is_taken(db_path: Path) -> None:
    lock_path_for(db_path).write_bytes(b"\x00\x01 not json")
    db = open_database(db_path)
    assert db.unclean_shutdown is None  # nothing known about who held it
    db.close()


def damage_an_index(path: Path) -> None:
    """An index that disagrees with its table: integrity_check finds it, quick_check not."""
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (a, b)")
        conn.execute("CREATE INDEX i ON t (a)")
        conn.executemany("INSERT INTO t VALUES (?, ?)", [(n, -n) for n in range(200)])
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX i ON t (b)' WHERE name = 'i'")
    conn.close()


def test_full_check_after_an_unclean_shutdown_finds_what_quick_check_misses(
    tmp_path: Path,
) -> None:
    path = tmp_path / "other.sqlite"
    damage_an_index(path)
    with pytest.raises(NotADatabaseError):  # quick_check passes; the tables are not ours
        open_database(path)
    write_stale_lock(path, pid=dead_pid())
    with pytest.raises(DatabaseDamagedError, match="missing from index") as caught:
        open_database(path)
    assert str(backup_dir_for(path)) in caught.value.message
    assert lock_path_for(path).exists() is False  # released after the refusal


def test_early_check_is_full_when_a_lock_file_was_left(db_path: Path) -> None:
    """main.py starts the check before the imports: it sees the lock file and goes full."""
    open_database(db_path).close()
    assert QuickCheck.start(str(db_path)).full is False  # type: ignore[union-attr]
    write_stale_lock(db_path, pid=dead_pid())
    check = QuickCheck.start(str(db_path))
    assert check is not None and check.full
    db = open_database(db_path, quick_check=check)
    assert db.checked_fully
    db.close()


def test_unwritable_folder_is_refused_clearly(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = os.open

    def refuse(path: object, flags: int, *args: object) -> int:
        if str(path).endswith(".lock"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(instance_lock.os, "open", refuse)
    with pytest.raises(DatabaseReadOnlyError) as caught:
        open_database(db_path)
    assert "needs to write in" in caught.value.message
    assert "Permission denied" in caught.value.message
    assert caught.value.exit_code == 9


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
def test_read_only_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    open_database(folder / "desk.sqlite").close()
    folder.chmod(0o555)
    try:
        with pytest.raises(DatabaseReadOnlyError):
            open_database(folder / "desk.sqlite")
    finally:
        folder.chmod(0o755)


def test_failed_open_releases_the_lock(tmp_path: Path) -> None:
    letter = tmp_path / "letter.sqlite"
    letter.write_text("Dear partners,\n" * 300)
    with pytest.raises(Exception, match="not a database"):
        open_database(letter)
    assert not lock_path_for(letter).exists()


@pytest.mark.postgres
def test_postgresql_has_no_lock_file(pg_url: str) -> None:
    db = open_database(pg_url)
    try:
        assert db.lock is None and db.network_warning is None and not db.checked_fully
    finally:
        db.close()


def test_a_normal_exit_without_close_is_clean(db_path: Path) -> None:
    code = "import sys; from app.models.database import open_database; open_database(sys.argv[1])"
    subprocess.run([sys.executable, "-c", code, str(db_path)], check=True,
                   cwd=Path(__file__).resolve().parents[2])
    assert not lock_path_for(db_path).exists()
