"""The append-only audit log: who did what to which record, when, where, and how it went.

The database itself refuses to change or remove a row once written: the initial migration
adds triggers (SQLite) or a trigger function (PostgreSQL) that abort any UPDATE or DELETE
on ``audit_entries``. A later migration that rebuilds this table (batch mode on SQLite)
must create those triggers again.
"""

from __future__ import annotations

import enum
import socket
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import JSON, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, IdMixin, enum_type, utcnow


class AuditAction(enum.Enum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    ARCHIVE = "archive"
    RESTORE = "restore"
    MERGE = "merge"
    IMPORT = "import"
    UNDO_IMPORT = "undo_import"
    EXPORT = "export"
    LOGIN = "login"
    LOGOUT = "logout"
    BACKUP = "backup"
    RESTORE_BACKUP = "restore_backup"
    PRINT = "print"
    REPORT = "report"
    USER_MANAGEMENT = "user_management"
    PASSWORD_CHANGE = "password_change"


class AuditOutcome(enum.Enum):
    OK = "ok"
    DENIED = "denied"
    FAILED = "failed"


@cache
def this_workstation() -> str:
    """The name of this computer, asked once per process (audit rows say where)."""
    try:
        return socket.gethostname()[:150]
    except OSError:
        return ""


class AuditEntry(IdMixin, Base):
    __tablename__ = "audit_entries"

    at: Mapped[datetime] = mapped_column(default=utcnow)
    user_name: Mapped[str] = mapped_column(String(150))
    action: Mapped[AuditAction] = mapped_column(enum_type(AuditAction))
    entity: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    # {"field": [old, new]} for updates, {"field": value} for creates and deletes.
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    outcome: Mapped[AuditOutcome] = mapped_column(enum_type(AuditOutcome), default=AuditOutcome.OK)
    summary: Mapped[str] = mapped_column(String(500), default="")
    workstation: Mapped[str] = mapped_column(String(150), default=this_workstation)

    __table_args__ = (
        Index("ix_audit_entries_entity", "entity", "entity_id"),
        Index("ix_audit_entries_at", "at"),
    )
