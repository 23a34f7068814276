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

from app.models import AuditAction, AuditEntry, AuditOutcome
from app.models.database import Database
from app.models.users import Role
from app.services.audit import AuditTracker
from app.services.changes import ChangeNotifier
from app.services.errors import ConflictError
from app.services.permissions import AccessDenied, Permission, allowed
from app.services.write_errors import translated_write_errors

# The audit action a refused attempt is filed under.
_DENIED_ACTION = {
    Permission.VIEW: AuditAction.LOGIN,
    Permission.EDIT: AuditAction.UPDATE,
    Permission.DELETE_PERMANENTLY: AuditAction.DELETE,
    Permission.IMPORT: AuditAction.IMPORT,
    Permission.EXPORT: AuditAction.EXPORT,
    Permission.MANAGE_USERS: AuditAction.UPDATE,
    Permission.BACKUP_RESTORE: AuditAction.BACKUP,
    Permission.SEE_SENSITIVE: AuditAction.UPDATE,
    Permission.VIEW_AUDIT: AuditAction.EXPORT,
}


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
    """An opened database and who works in it.

    The identity defaults to the operating-system user with full rights, so the CLI, the
    tests and a database without accounts keep working; signing in (app.services.accounts)
    replaces it with the account's name, id, role and sensitive-notes permission.
    """

    db: Database
    user_name: str = field(default_factory=os_user_name)
    changes: ChangeNotifier = field(default_factory=ChangeNotifier)
    user_id: int | None = None
    role: Role = Role.ADMIN
    can_see_sensitive: bool = True

    def may(self, permission: Permission) -> bool:
        return allowed(self.role, self.can_see_sensitive, permission)

    def require(self, permission: Permission, what: str = "") -> None:
        """Raise AccessDenied (and audit the refusal) unless the user has the permission."""
        if self.may(permission):
            return
        denied = AccessDenied(self.role, permission)
        with self.db.write() as session:
            session.add(
                AuditEntry(
                    user_name=self.user_name,
                    action=_DENIED_ACTION[permission],
                    entity=what or "permission",
                    changes={"permission": permission.value, "role": self.role.value},
                    outcome=AuditOutcome.DENIED,
                    summary=denied.message,
                )
            )
        raise denied

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.db.read() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Action]:
        """One write action: audited, committed as a whole, then announced to the views."""
        tracker = AuditTracker(self.user_name)
        try:
            # Outside db.write(): a full disk at COMMIT must become a clear message too.
            with translated_write_errors(), self.db.write() as session:
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
