"""Audit every create, update and delete in the transaction that makes it.

An :class:`AuditTracker` watches one session: after each flush it writes an
``audit_entries`` row per inserted, changed or deleted record (old -> new values) and
remembers which tables changed so the workspace can notify views after the commit.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session, UOWTransaction

from app.models import AuditAction, AuditEntry, AuditOutcome, utcnow
from app.models.audit import this_workstation
from app.services.changes import Change

# Values of these columns never enter the audit log; it only says that they changed.
SECRET_COLUMNS = frozenset({"password_hash", "sensitive_notes"})
# Derived columns (search and sort keys) change with the fields they come from.
UNTRACKED_COLUMNS = frozenset(
    {
        "created_at",
        "updated_at",
        "version",
        "search_text",
        "sort_name",
        "organization_name",
        "organization_sort",
    }
)
HIDDEN = "(hidden)"
# A record saved whose own fields did not change: its parts (a meeting's agenda, a person's
# affiliations, a response's answers) are records of their own, audited as such; this
# entry says who saved the whole and when (what a refused stale save names).
SAVED_UNCHANGED = "Saved; its own fields unchanged (its lists or answers may have changed)"


def json_value(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _shown(column: str, value: Any) -> Any:
    return HIDDEN if column in SECRET_COLUMNS and value else json_value(value)


def _columns(obj: object) -> list[str]:
    mapper = inspect(obj).mapper
    return [attr.key for attr in mapper.column_attrs if attr.key not in UNTRACKED_COLUMNS]


def snapshot(obj: object) -> dict[str, Any]:
    return {key: _shown(key, getattr(obj, key)) for key in _columns(obj)}


def _label(obj: object) -> Any:
    name = getattr(obj, "name", None)
    return name if isinstance(name, str) else inspect(obj).identity


def differences(obj: object) -> dict[str, Any]:
    """Changed columns as [old, new]; changed many-to-many links (tags) as added/removed."""
    state = inspect(obj)
    changed: dict[str, Any] = {}
    for relationship in state.mapper.relationships:
        if relationship.secondary is None:
            continue  # one-to-many children are audited as records of their own
        history = state.attrs[relationship.key].history
        if history.added or history.deleted:
            changed[relationship.key] = {
                "added": sorted(map(str, map(_label, history.added))),
                "removed": sorted(map(str, map(_label, history.deleted))),
            }
    for key in _columns(obj):
        history = state.attrs[key].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old != new:
            changed[key] = [_shown(key, old), _shown(key, new)]
    return changed


def _touched(obj: object) -> bool:
    """Saved with only its bookkeeping (updated_at) changed."""
    state = inspect(obj)
    return ("updated_at" in state.mapper.column_attrs
            and state.attrs.updated_at.history.has_changes())


def _update_action(changes: dict[str, list[Any]]) -> AuditAction:
    if "archived_at" in changes:
        return AuditAction.ARCHIVE if changes["archived_at"][1] else AuditAction.RESTORE
    return AuditAction.UPDATE


def _entity_id(obj: object) -> int | None:
    key = inspect(obj).mapper.primary_key_from_instance(obj)
    return key[0] if len(key) == 1 and isinstance(key[0], int) else None


class AuditTracker:
    def __init__(self, user_name: str) -> None:
        self.user_name = user_name
        self.changed: dict[str, set[int]] = defaultdict(set)
        self._recorded: set[tuple[str, int | None]] = set()  # entries written by record()

    def attach(self, session: Session) -> None:
        event.listen(session, "after_flush", self._after_flush)

    def changes(self) -> list[Change]:
        return [Change(kind, frozenset(ids)) for kind, ids in sorted(self.changed.items())]

    def note(self, kind: str, ids: set[int] | None = None) -> None:
        """Announce a change made without the ORM (bulk SQL) to the views."""
        self.changed[kind].update(ids or ())

    def record(
        self,
        session: Session,
        action: AuditAction,
        entity: str,
        entity_id: int | None,
        changes: dict[str, Any],
        summary: str = "",
        outcome: AuditOutcome = AuditOutcome.OK,
    ) -> None:
        """Write one audit row explicitly (merge, import, undo, login, export...)."""
        self._recorded.add((entity, entity_id))
        row = self._row(action, entity, entity_id, changes, summary, outcome)
        session.connection().execute(insert(AuditEntry.__table__), [row])

    def _row(
        self,
        action: AuditAction,
        entity: str,
        entity_id: int | None,
        changes: dict[str, Any],
        summary: str = "",
        outcome: AuditOutcome = AuditOutcome.OK,
    ) -> dict[str, Any]:
        return {
            "at": utcnow(),
            "user_name": self.user_name,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "changes": changes,
            "outcome": outcome,
            "summary": summary[:500],
            "workstation": this_workstation(),
        }

    def _after_flush(self, session: Session, context: UOWTransaction) -> None:
        rows: list[dict[str, Any]] = []
        for obj in session.new:
            rows.append(self._entry(obj, AuditAction.CREATE, snapshot(obj)))
        for obj in session.dirty:
            if isinstance(obj, AuditEntry) or not session.is_modified(obj):
                continue
            changes = differences(obj)
            if changes:
                rows.append(self._entry(obj, _update_action(changes), changes))
            elif _touched(obj):
                rows.append(self._entry(obj, AuditAction.UPDATE, {}, SAVED_UNCHANGED))
        # Not session.deleted: that misses records removed by cascade (delete-orphan).
        deleted = [
            state.obj()
            for state, (is_delete, list_only) in context.states.items()
            if is_delete and not list_only
        ]
        for obj in deleted:
            if obj is not None:
                rows.append(self._entry(obj, AuditAction.DELETE, snapshot(obj)))
        rows = [r for r in rows if r]
        if rows:
            session.connection().execute(insert(AuditEntry.__table__), rows)

    def _entry(self, obj: object, action: AuditAction, changes: dict[str, Any],
               summary: str = "") -> dict[str, Any]:
        if isinstance(obj, AuditEntry):
            return {}
        entity = inspect(obj).mapper.local_table.name
        entity_id = _entity_id(obj)
        self.changed[entity].update({entity_id} if entity_id is not None else set())
        if summary and (entity, entity_id) in self._recorded:
            return {}  # the service wrote a fuller entry for this save
        return self._row(action, entity, entity_id, changes, summary)
