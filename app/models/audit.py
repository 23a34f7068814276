"""The append-only audit log: who did what to which record, when, and how it went."""

from __future__ import annotations

import enum
from datetime import datetime
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


class AuditOutcome(enum.Enum):
    OK = "ok"
    DENIED = "denied"
    FAILED = "failed"


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

    __table_args__ = (
        Index("ix_audit_entries_entity", "entity", "entity_id"),
        Index("ix_audit_entries_at", "at"),
    )
