"""Which backups to keep and when to make one: pure rules, no files, with the clock passed in.

Rotation (:func:`backups_to_keep`) keeps everything from the last 24 hours, the newest
backup of each UTC day for 14 days, of each ISO week for 8 weeks and of each month for 12
months; always the newest :data:`ALWAYS_KEEP`, and every ``before-…`` backup (made before a
migration or a restore) younger than a year. Because each tier keeps the *newest* backup
of its period, a backup kept by a finer tier is the one a coarser tier keeps later, so
the rotation never deletes a backup it would have wanted afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

# Written by app.models.backups.backup_sqlite: <db stem>-<UTC stamp>-<reason>.sqlite
BACKUP_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{12}Z)-(?P<reason>[\w.-]+)\.sqlite$")
STAMP_FORMAT = "%Y%m%dT%H%M%S%fZ"
ALWAYS_KEEP = 3
KEEP_ALL_FOR = timedelta(hours=24)
KEEP_BEFORE_FOR = timedelta(days=365)
# (how long, period of which the newest backup is kept)
TIERS: tuple[tuple[timedelta, Callable[[datetime], tuple[int, ...]]], ...] = (
    (timedelta(days=14), lambda t: (t.year, t.month, t.day)),
    (timedelta(weeks=8), lambda t: tuple(t.isocalendar())[:2]),
    (timedelta(days=365), lambda t: (t.year, t.month)),
)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created_at: datetime  # UTC
    size_bytes: int
    reason: str

    @property
    def before_change(self) -> bool:
        """Made before a migration or a restore (kept for a year whatever the rotation)."""
        return self.reason.startswith("before-")


def parse_backup_name(name: str) -> tuple[datetime, str] | None:
    """(UTC time, reason) from a name written by ``backup_sqlite``; None for other files."""
    match = BACKUP_NAME.match(name)
    if match is None:
        return None
    created = datetime.strptime(match["stamp"], STAMP_FORMAT).replace(tzinfo=UTC)
    return created, match["reason"]


def backups_to_keep(infos: Iterable[BackupInfo], now: datetime) -> set[Path]:
    newest_first = sorted(infos, key=lambda i: i.created_at, reverse=True)
    keep = {info.path for info in newest_first[:ALWAYS_KEEP]}
    for info in newest_first:
        age = now - info.created_at
        if age < KEEP_ALL_FOR or (info.before_change and age < KEEP_BEFORE_FOR):
            keep.add(info.path)
    for span, period in TIERS:
        seen: set[tuple[int, ...]] = set()
        for info in newest_first:
            if now - info.created_at >= span:
                break
            key = period(info.created_at)
            if key not in seen:
                seen.add(key)
                keep.add(info.path)
    return keep


class BackupScheduler:
    """Decides when an automatic backup is due; the caller supplies the time.

    Due after a change once the program has been idle ``idle`` long and the last backup
    is at least ``interval`` old; :attr:`pending` says whether closing should back up.
    """

    def __init__(
        self,
        idle: timedelta = timedelta(seconds=120),
        interval: timedelta = timedelta(minutes=30),
        last_backup: datetime | None = None,
    ) -> None:
        self.idle, self.interval = idle, interval
        self.last_backup = last_backup
        self.last_change: datetime | None = None

    @property
    def pending(self) -> bool:
        """Something changed since the last backup."""
        if self.last_change is None:
            return False
        return self.last_backup is None or self.last_change >= self.last_backup

    def note_change(self, now: datetime) -> None:
        self.last_change = now

    def due(self, now: datetime) -> bool:
        if not self.pending or self.last_change is None:
            return False
        if now - self.last_change < self.idle:
            return False
        return self.last_backup is None or now - self.last_backup >= self.interval

    def done(self, started: datetime) -> None:
        """A backup that started at ``started`` succeeded (later changes stay pending)."""
        self.last_backup = started
