"""Back up, list, rotate and restore SQLite databases (PostgreSQL is the server's job).

Backups live in ``backups/<database name>/`` beside the database (see
:func:`app.locations.backup_dir_for`). Every backup is made with the SQLite backup API and
checked with ``PRAGMA integrity_check`` before it counts; a restore checks the backup
again, first backs up the current file, and moves the current file and its journal files
aside into ``replaced-<UTC time>/`` in the backups folder — it never deletes them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from app.locations import backup_dir_for
from app.models import AuditAction
from app.models.backups import BackupError, backup_sqlite
from app.services.backup_policy import (
    BackupInfo,
    BackupScheduler,
    backups_to_keep,
    parse_backup_name,
)
from app.services.errors import ValidationError
from app.services.permissions import Permission
from app.services.workspace import Workspace

__all__ = [
    "BackupError",
    "BackupInfo",
    "BackupScheduler",
    "RestoreResult",
    "back_up_now",
    "backups_to_keep",
    "list_backups",
    "prune_backups",
    "restore_backup",
]

JOURNAL_SUFFIXES = ("-journal", "-wal", "-shm")
SERVER_BACKUPS = (
    "Backups of a shared PostgreSQL database are the server administrator's job "
    "(for example with pg_dump or the server's own backup tools)."
)


@dataclass(frozen=True)
class RestoreResult:
    database: Path
    restored_from: Path
    safety_backup: Path | None  # the current file, backed up first (None if unreadable)
    replaced_dir: Path | None  # where the current file and its journals were moved
    moved: list[tuple[Path, Path]] = field(default_factory=list)  # (from, to)


def backup_info(path: Path) -> BackupInfo | None:
    parsed = parse_backup_name(path.name)
    try:
        stat = path.stat()
    except OSError:
        return None
    if parsed is None:
        return None
    created, reason = parsed
    return BackupInfo(path, created, stat.st_size, reason)


def _infos(folder: Path) -> list[BackupInfo]:
    if not folder.is_dir():
        return []
    infos = [backup_info(p) for p in folder.iterdir() if p.is_file()]
    return sorted((i for i in infos if i), key=lambda i: i.created_at, reverse=True)


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The backups of ``db_path``, newest first."""
    return _infos(backup_dir_for(db_path))


def prune_backups(folder: Path, now: datetime) -> list[Path]:
    """Delete the backups the rotation no longer keeps; other files are never touched."""
    infos = _infos(folder)
    keep = backups_to_keep(infos, now)
    removed = []
    for info in infos:
        if info.path not in keep:
            with contextlib.suppress(FileNotFoundError):
                info.path.unlink()
            removed.append(info.path)
    return removed


def back_up_now(ws: Workspace, reason: str = "manual", *, prune: bool = True) -> BackupInfo:
    """Make a verified backup of the workspace's file, audit it, then rotate the folder."""
    if reason == "manual":  # automatic backups protect data whoever works
        ws.require(Permission.BACKUP_RESTORE)
    path = ws.db.path
    if not ws.db.is_sqlite or path is None:
        raise ValidationError.single("", SERVER_BACKUPS)
    folder = backup_dir_for(path)
    made = backup_sqlite(path, folder, reason)
    with ws.write() as action:
        action.audit(
            AuditAction.BACKUP, "database", None, {"file": made.name}, f"Backup {made.name}"
        )
    if prune:
        prune_backups(folder, datetime.now(UTC))
    info = backup_info(made)
    if info is None:  # only if someone removed it at once
        raise BackupError(f"The backup {made} disappeared right after it was made.")
    return info


def verify_backup(backup: Path) -> None:
    """Raise BackupError unless ``backup`` is an intact Partnership Desk database."""
    if not backup.is_file():
        raise BackupError(f"The backup {backup} does not exist.")
    try:
        conn = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
        try:
            (result,) = conn.execute("PRAGMA integrity_check").fetchone()
            versions = (
                conn.execute("SELECT version_num FROM alembic_version").fetchall()
                if result == "ok"
                else []
            )
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise BackupError(f"The backup {backup.name} cannot be read: {exc}.") from exc
    if result != "ok":
        raise BackupError(f"The backup {backup.name} is damaged: {result}.")
    if not versions:
        raise BackupError(f"{backup.name} is not a Partnership Desk database.")


def _readable_database(path: Path) -> bool:
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return True


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def restore_backup(db_path: Path, backup: Path) -> RestoreResult:
    """Put ``backup`` in place of ``db_path``; the caller has closed the database.

    Nothing changes when the backup is damaged or missing or the folder is not writable.
    """
    verify_backup(backup)
    folder = backup_dir_for(db_path)
    current = [p for p in (db_path, *_siblings(db_path)) if p.exists()]
    temp = db_path.with_name(f".{db_path.name}.restoring")
    try:
        shutil.copyfile(backup, temp)
        _fsync(temp)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise BackupError(f"Could not copy the backup next to {db_path}: {exc}") from exc
    safety = None
    if db_path.exists() and _readable_database(db_path):
        # A damaged current file cannot be backed up; it is still moved aside below.
        with contextlib.suppress(BackupError):
            safety = backup_sqlite(db_path, folder, "before-restore")
    replaced = folder / f"replaced-{datetime.now(UTC).strftime('%Y%m%dT%H%M%S%fZ')}"
    moved: list[tuple[Path, Path]] = []
    try:
        if current:
            replaced.mkdir(parents=True)
        for path in current:
            target = replaced / path.name
            os.replace(path, target)
            moved.append((path, target))
        os.replace(temp, db_path)
    except OSError as exc:
        for source, target in reversed(moved):  # put everything back as it was
            os.replace(target, source)
        temp.unlink(missing_ok=True)
        raise BackupError(f"Could not put the backup in place of {db_path}: {exc}") from exc
    return RestoreResult(db_path, backup, safety, replaced if moved else None, moved)


def _siblings(db_path: Path) -> list[Path]:
    return [db_path.with_name(db_path.name + suffix) for suffix in JOURNAL_SUFFIXES]


def latest_good_backup(db_path: Path) -> BackupInfo | None:
    """The newest backup of ``db_path`` that passes verification (None if there is none)."""
    for info in list_backups(db_path):
        try:
            verify_backup(info.path)
        except BackupError:
            continue
        return info
    return None
