"""Automatic backups, rotation and restore of SQLite databases."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.locations import backup_dir_for
from app.models import AuditAction, AuditEntry, Person
from app.models.database import open_database
from app.services.backup_policy import STAMP_FORMAT, BackupInfo, BackupScheduler
from app.services.backups import (
    BackupError,
    back_up_now,
    backups_to_keep,
    list_backups,
    prune_backups,
    restore_backup,
)
from app.services.errors import ValidationError
from app.services.workspace import Workspace

START = datetime(2025, 1, 1, tzinfo=UTC)


@pytest.fixture
def ws(db_path: Path) -> Iterator[Workspace]:
    workspace = Workspace(open_database(db_path))
    yield workspace
    workspace.close()


def add_people(ws: Workspace, count: int, prefix: str = "P") -> None:
    with ws.write() as action:
        action.session.add_all(
            Person(first_name=f"{prefix}{i}", last_name="Test") for i in range(count)
        )


def people_count(ws: Workspace) -> int:
    with ws.read() as session:
        return session.scalar(select(func.count()).select_from(Person)) or 0


def sqlite_count(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def info(at: datetime, reason: str = "auto") -> BackupInfo:
    name = f"desk-{at.strftime(STAMP_FORMAT)}-{reason}.sqlite"
    return BackupInfo(Path(name), at, 1000, reason)


# -- rotation ------------------------------------------------------------------------------
def test_a_year_of_hourly_backups_rotates_to_the_expected_set() -> None:
    kept: list[BackupInfo] = []
    now = START
    for _ in range(365 * 24):
        kept.append(info(now))
        keep = backups_to_keep(kept, now)
        kept = [i for i in kept if i.path in keep]
        now += timedelta(hours=1)
    now -= timedelta(hours=1)
    times = sorted(i.created_at for i in kept)
    ages = [now - t for t in times]
    # Every hour of the last day is there.
    assert sum(age < timedelta(hours=24) for age in ages) == 24
    # One per day for two weeks: the newest of each UTC day.
    days = {t.date() for t in times if now - t < timedelta(days=14)}
    assert len(days) == 14  # today and the 13 days before it
    for day in days - {now.date()}:
        assert datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=23) in times
    # One per ISO week for 8 weeks, one per month for a year, nothing older than a year.
    weeks = {tuple(t.isocalendar())[:2] for t in times if now - t < timedelta(weeks=8)}
    assert len(weeks) >= 8
    months = {(t.year, t.month) for t in times}
    assert len(months) == 12
    assert all(age < timedelta(days=365) for age in ages)
    assert len(kept) < 24 + 14 + 8 + 12 + 3
    # Doing it in one go from the full year gives the same set (the rotation is stable).
    every_hour = [info(START + timedelta(hours=h)) for h in range(365 * 24)]
    assert backups_to_keep(every_hour, now) == {i.path for i in kept}


def test_newest_three_and_recent_before_backups_are_always_kept() -> None:
    now = START + timedelta(days=800)
    old = [info(now - timedelta(days=370 + d)) for d in range(3)]
    before = info(now - timedelta(days=300), "before-0001_initial")
    ancient_before = info(now - timedelta(days=400), "before-restore")
    keep = backups_to_keep([*old, before, ancient_before], now)
    assert keep == {before.path, old[0].path, old[1].path}


def test_prune_deletes_only_backups_it_made(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    now = START + timedelta(days=100)
    made = [info(START + timedelta(days=d)) for d in range(0, 100, 3)]
    for i in made:
        (folder / i.path.name).write_bytes(b"x")
    (folder / "notes.txt").write_text("mine")
    (folder / "replaced-20250101T000000000000Z").mkdir()
    removed = prune_backups(folder, now)
    assert removed
    assert all(not p.exists() for p in removed)
    assert (folder / "notes.txt").exists()
    assert (folder / "replaced-20250101T000000000000Z").is_dir()
    left = {p.name for p in folder.iterdir()}
    expected = backups_to_keep(
        [BackupInfo(folder / i.path.name, i.created_at, 1, "auto") for i in made], now
    )
    assert left == {p.name for p in expected} | {"notes.txt", "replaced-20250101T000000000000Z"}


# -- back up now ---------------------------------------------------------------------------
def test_back_up_now_makes_a_verified_audited_copy(ws: Workspace, db_path: Path) -> None:
    add_people(ws, 5)
    made = back_up_now(ws)
    assert made.path.parent == backup_dir_for(db_path)
    assert made.reason == "manual" and made.size_bytes == made.path.stat().st_size
    assert sqlite_count(made.path, "people") == 5
    assert list_backups(db_path)[0] == made
    with ws.read() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == AuditAction.BACKUP)
        ).one()
    assert entry.changes == {"file": made.path.name}


def test_backup_while_another_connection_writes_is_consistent(ws: Workspace, db_path: Path) -> None:
    stop = threading.Event()
    written = []

    def writer() -> None:
        other = Workspace(open_database(db_path))
        try:
            n = 0
            while not stop.is_set():
                add_people(other, 3, prefix=f"W{n}-")
                n += 1
                written.append(n)
        finally:
            other.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        backups = []
        while len(written) < 5 or len(backups) < 5:
            backups.append(back_up_now(ws, "auto", prune=False))
    finally:
        stop.set()
        thread.join()
    counts = []
    for made in backups:
        people = sqlite_count(made.path, "people")
        conn = sqlite3.connect(made.path)
        (result,) = conn.execute("PRAGMA integrity_check").fetchone()
        audited = conn.execute(
            "SELECT count(*) FROM audit_entries WHERE entity = 'people'"
        ).fetchone()[0]
        conn.close()
        assert result == "ok"
        assert people % 3 == 0 and audited == people  # whole transactions only
        counts.append(people)
    assert counts == sorted(counts)
    assert people_count(ws) >= counts[-1]


def test_postgres_workspaces_are_refused_with_advice() -> None:
    class FakeDb:
        is_sqlite = False
        path = None

    with pytest.raises(ValidationError, match="pg_dump"):
        back_up_now(Workspace(FakeDb()))  # type: ignore[arg-type]


# -- restore -------------------------------------------------------------------------------
def test_restore_drill(db_path: Path) -> None:
    ws = Workspace(open_database(db_path))
    add_people(ws, 7)
    made = back_up_now(ws)
    add_people(ws, 4, prefix="later")
    ws.close()
    journal = db_path.with_name(db_path.name + "-journal")
    journal.write_bytes(b"")  # a leftover journal must move with its file
    before = db_path.read_bytes()

    result = restore_backup(db_path, made.path)

    reopened = Workspace(open_database(db_path))
    try:
        assert people_count(reopened) == 7
    finally:
        reopened.close()
    assert result.replaced_dir is not None
    assert result.replaced_dir.parent == backup_dir_for(db_path)
    assert (result.replaced_dir / db_path.name).read_bytes() == before
    assert (result.replaced_dir / journal.name).exists()
    assert {source for source, _ in result.moved} == {db_path, journal}
    assert result.safety_backup is not None
    assert sqlite_count(result.safety_backup, "people") == 11
    assert result.safety_backup.name.endswith("-before-restore.sqlite")


def test_a_damaged_backup_is_refused_and_nothing_changes(ws: Workspace, db_path: Path) -> None:
    add_people(ws, 3)
    made = back_up_now(ws)
    ws.close()
    data = bytearray(made.path.read_bytes())
    data[4096 + 100 : 4096 + 400] = b"\xff" * 300  # garble the second page
    data[:16] = b"garbage garbage!"
    made.path.write_bytes(bytes(data))
    before = db_path.read_bytes()
    listing = sorted(backup_dir_for(db_path).iterdir())
    with pytest.raises(BackupError):
        restore_backup(db_path, made.path)
    with pytest.raises(BackupError, match="does not exist"):
        restore_backup(db_path, made.path.with_name("missing.sqlite"))
    assert db_path.read_bytes() == before
    assert sorted(backup_dir_for(db_path).iterdir()) == listing


def test_a_folder_that_cannot_be_written_changes_nothing(
    ws: Workspace, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_people(ws, 2)
    made = back_up_now(ws)
    ws.close()
    before = db_path.read_bytes()

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("app.services.backups.shutil.copyfile", refuse)
    with pytest.raises(BackupError, match="Permission denied"):
        restore_backup(db_path, made.path)
    assert db_path.read_bytes() == before
    assert not any(p.name.startswith("replaced-") for p in backup_dir_for(db_path).iterdir())
    assert not list(db_path.parent.glob(".*restoring"))


# -- schedule ------------------------------------------------------------------------------
def test_scheduler_waits_for_idle_time_and_interval() -> None:
    s = BackupScheduler(timedelta(seconds=120), timedelta(minutes=30))
    t = START
    assert not s.due(t) and not s.pending
    s.note_change(t)
    assert s.pending
    assert not s.due(t + timedelta(seconds=119))
    assert s.due(t + timedelta(seconds=120))
    s.done(t + timedelta(seconds=120))
    assert not s.pending and not s.due(t + timedelta(hours=5))
    # A change soon after a backup waits for the interval, not only for idleness.
    s.note_change(t + timedelta(minutes=5))
    assert not s.due(t + timedelta(minutes=10))
    assert s.due(t + timedelta(minutes=32, seconds=1))
    # A change during a backup stays pending after it.
    s.note_change(t + timedelta(minutes=40))
    s.done(t + timedelta(minutes=39))
    assert s.pending


def test_scheduler_knows_the_last_backup_on_disk() -> None:
    s = BackupScheduler(last_backup=START)
    s.note_change(START + timedelta(minutes=1))
    assert not s.due(START + timedelta(minutes=10))
    assert s.due(START + timedelta(minutes=30))


def test_two_databases_with_the_same_stem_keep_separate_backups(tmp_path: Path) -> None:
    from app.cli import open_workspace
    from app.locations import backup_dir_for

    first, second = tmp_path / "desk.sqlite", tmp_path / "desk.db"
    for path in (first, second):
        ws = open_workspace(path)
        back_up_now(ws)
        ws.close()
    assert backup_dir_for(first) != backup_dir_for(second)
    assert len(list_backups(first)) == 1 and len(list_backups(second)) == 1
