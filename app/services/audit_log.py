"""Reading the audit log (filtered and paged in SQL) and writing its explicit entries.

Creates, updates and deletes are audited automatically (:mod:`app.services.audit`); the
functions ``record_*`` here file what the database cannot see by itself: exports, prints,
reports and other events such as a failed sign-in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, String, cast, func, or_, select
from sqlalchemy.orm import Session

from app.models import AuditAction, AuditEntry, AuditOutcome
from app.services.pages import Page
from app.services.permissions import Permission
from app.services.workspace import Workspace

EXPORT_LIMIT = 1_000_000  # rows in one export of the log


@dataclass(frozen=True)
class AuditQuery:
    since: datetime | None = None  # from this moment (aware, inclusive)
    until: datetime | None = None  # before this moment (aware, exclusive)
    user: str | None = None
    action: AuditAction | None = None
    entity: str | None = None
    entity_id: int | None = None
    outcome: AuditOutcome | None = None
    search: str = ""  # in the summary, the old/new values, the user and the record kind
    sort: str = "at"
    descending: bool = True


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    user_name: str
    action: AuditAction
    entity: str
    entity_id: int | None
    outcome: AuditOutcome
    summary: str
    workstation: str
    changes: dict[str, Any] = field(default_factory=dict, compare=False)


SORT_COLUMNS: dict[str, Any] = {
    "at": AuditEntry.at,
    "user": AuditEntry.user_name,
    "action": AuditEntry.action,
    "entity": AuditEntry.entity,
    "outcome": AuditEntry.outcome,
    "workstation": AuditEntry.workstation,
    "summary": AuditEntry.summary,
}


def _conditions(query: AuditQuery) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if query.since is not None:
        where.append(AuditEntry.at >= query.since)
    if query.until is not None:
        where.append(AuditEntry.at < query.until)
    if query.user:
        where.append(AuditEntry.user_name == query.user)
    if query.action is not None:
        where.append(AuditEntry.action == query.action)
    if query.entity:
        where.append(AuditEntry.entity == query.entity)
    if query.entity_id is not None:
        where.append(AuditEntry.entity_id == query.entity_id)
    if query.outcome is not None:
        where.append(AuditEntry.outcome == query.outcome)
    text = query.search.strip()
    if text:
        where.append(
            or_(
                AuditEntry.summary.icontains(text, autoescape=True),
                cast(AuditEntry.changes, String).icontains(text, autoescape=True),
                AuditEntry.user_name.icontains(text, autoescape=True),
                AuditEntry.entity.icontains(text, autoescape=True),
            )
        )
    return where


def _statement(query: AuditQuery) -> Any:
    column = SORT_COLUMNS.get(query.sort, AuditEntry.at)
    order = column.desc() if query.descending else column.asc()
    tie = AuditEntry.id.desc() if query.descending else AuditEntry.id.asc()
    return select(AuditEntry).where(*_conditions(query)).order_by(order, tie)


def _row(entry: AuditEntry) -> AuditRow:
    return AuditRow(
        id=entry.id,
        at=entry.at,
        user_name=entry.user_name,
        action=entry.action,
        entity=entry.entity,
        entity_id=entry.entity_id,
        outcome=entry.outcome,
        summary=entry.summary,
        workstation=entry.workstation,
        changes=dict(entry.changes or {}),
    )


def _count(session: Session, query: AuditQuery) -> int:
    counted = select(func.count(AuditEntry.id)).where(*_conditions(query))
    return session.scalar(counted) or 0


def list_audit(
    ws: Workspace, query: AuditQuery = AuditQuery(), offset: int = 0, limit: int = 200
) -> Page[AuditRow]:
    """One page of the log, newest first unless the query says otherwise."""
    ws.require(Permission.VIEW_AUDIT, "audit_entries")
    with ws.read() as session:
        total = _count(session, query)
        entries = session.scalars(_statement(query).offset(offset).limit(limit))
        return Page(rows=[_row(e) for e in entries], offset=offset, total=total)


def audit_rows(ws: Workspace, query: AuditQuery = AuditQuery()) -> list[AuditRow]:
    """Every entry the query finds (for an export), up to ``EXPORT_LIMIT``."""
    ws.require(Permission.EXPORT, "audit_entries")
    return list(list_audit(ws, query, 0, EXPORT_LIMIT).rows)


def audit_users(ws: Workspace) -> list[str]:
    """The names that appear in the log, for the user filter."""
    ws.require(Permission.VIEW_AUDIT, "audit_entries")
    with ws.read() as session:
        names = session.scalars(select(AuditEntry.user_name).distinct())
        return sorted(names, key=str.casefold)


def audit_entities(ws: Workspace) -> list[str]:
    """The record kinds (table names and 'database', 'file'...) that appear in the log."""
    ws.require(Permission.VIEW_AUDIT, "audit_entries")
    with ws.read() as session:
        return sorted(session.scalars(select(AuditEntry.entity).distinct()))


def record_event(
    ws: Workspace,
    action: AuditAction,
    entity: str,
    summary: str,
    *,
    entity_id: int | None = None,
    changes: dict[str, Any] | None = None,
    outcome: AuditOutcome = AuditOutcome.OK,
) -> None:
    """File one explicit entry in a transaction of its own."""
    with ws.write() as writing:
        writing.tracker.record(
            writing.session, action, entity, entity_id, changes or {}, summary, outcome
        )


def record_export(
    ws: Workspace,
    what: str,
    count: int,
    target_name: str,
    include_sensitive: bool = False,
    outcome: AuditOutcome = AuditOutcome.OK,
) -> None:
    """An export of ``count`` records of ``what`` to the file ``target_name``."""
    sensitive = " including sensitive notes" if include_sensitive else ""
    record_event(
        ws,
        AuditAction.EXPORT,
        what,
        f"Exported {count} {what}{sensitive} to {target_name}",
        changes={
            "count": count,
            "file": target_name,
            "include_sensitive": include_sensitive,
        },
        outcome=outcome,
    )


def record_print(ws: Workspace, what: str, pages: int | None = None, detail: str = "") -> None:
    """A document sent to a printer."""
    counted = f" ({pages} pages)" if pages else ""
    record_event(
        ws,
        AuditAction.PRINT,
        what,
        f"Printed {what}{counted}{': ' + detail if detail else ''}",
        changes={"pages": pages, "detail": detail},
    )


def record_report(ws: Workspace, report: str, target_name: str, detail: str = "") -> None:
    """A report generated into the file ``target_name``."""
    record_event(
        ws,
        AuditAction.REPORT,
        report,
        f"Generated {report} as {target_name}",
        changes={"file": target_name, "detail": detail},
    )


def record_restore(ws: Workspace, backup_name: str, moved_aside_to: str | None) -> None:
    """A backup restored in place of the database (filed in the restored database)."""
    record_event(
        ws,
        AuditAction.RESTORE_BACKUP,
        "database",
        f"Restored the backup {backup_name}",
        changes={"backup": backup_name, "replaced_file_kept_in": moved_aside_to},
    )
