"""A workspace is an opened database, the person working in it, and its change feed.

Every service function takes the workspace as its first argument. There is no global
state: the UI, the CLI and the tests each make their own workspace.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.models import AuditAction
from app.models.database import Database
from app.services.audit import AuditTracker
from app.services.changes import ChangeNotifier
from app.services.errors import ConflictError


def os_user_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers): still audit something honest
        return "unknown"


@dataclass
class Action:
    """One user action in progress: its session and its audit tracker."""

    session: Session
    tracker: AuditTracker

    def audit(
        self,
        action: AuditAction,
        entity: str,
        entity_id: int | None = None,
        changes: dict[str, Any] | None = None,
        summary: str = "",
    ) -> None:
        self.tracker.record(self.session, action, entity, entity_id, changes or {}, summary)

    def announce(self, kind: str, ids: set[int] | None = None) -> None:
        self.tracker.note(kind, ids)


@dataclass
class Workspace:
    db: Database
    user_name: str = field(default_factory=os_user_name)
    changes: ChangeNotifier = field(default_factory=ChangeNotifier)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.db.read() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Action]:
        """One write action: audited, committed as a whole, then announced to the views."""
        tracker = AuditTracker(self.user_name)
        try:
            with self.db.write() as session:
                tracker.attach(session)
                yield Action(session, tracker)
        except StaleDataError:
            raise ConflictError(
                "Someone else changed this record since you opened it. "
                "Reload it to see their changes, then edit again."
            ) from None
        self.changes.emit(tracker.changes())

    def close(self) -> None:
        self.db.close()
