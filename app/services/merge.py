"""Merge two records of the same person or organization into one, keeping every link.

The kept record takes the other's links (affiliations, attendance, enrollments, action
items, roles...) and fills its empty fields from it; where both hold the same link the
better one stays (present beats excused, a completed course beats an enrollment). The
other record is then deleted, and one MERGE entry in the audit log says what moved.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import (
    Affiliation,
    Attendance,
    AttendanceStatus,
    AuditAction,
    Base,
    Enrollment,
    EnrollmentStatus,
    InitiativePartner,
    Organization,
    Person,
)
from app.services.errors import ValidationError
from app.services.permissions import Permission
from app.services.records import load
from app.services.references import USES, referencing_columns
from app.services.workspace import Workspace

PERSON_FIELDS = (
    "first_name",
    "last_name",
    "title",
    "email",
    "phone",
    "mobile",
    "preferred_contact",
)
ORGANIZATION_FIELDS = ("email", "phone", "website", "street", "city", "region", "postal_code")
ATTENDANCE_RANK = [
    AttendanceStatus.INVITED,
    AttendanceStatus.ABSENT,
    AttendanceStatus.EXCUSED,
    AttendanceStatus.PRESENT,
]
ENROLLMENT_RANK = [
    EnrollmentStatus.CANCELLED,
    EnrollmentStatus.NO_SHOW,
    EnrollmentStatus.WAITLISTED,
    EnrollmentStatus.ENROLLED,
    EnrollmentStatus.COMPLETED,
]


# Links whose rows must be combined, not just repointed (unique keys, best status...);
# every other foreign key to the record is repointed as found in the models.
PERSON_SPECIAL = ("affiliations", "attendance", "enrollments", "person_tags")
ORGANIZATION_SPECIAL = ("affiliations", "initiative_partners")


def merge_people(ws: Workspace, keep_id: int, drop_id: int) -> dict[str, int]:
    """Fold ``drop_id`` into ``keep_id``; returns how many links of each kind moved."""
    with _merging(ws, Person, keep_id, drop_id) as (session, keep, drop, moved):
        moved["affiliations"] = _move_affiliations(session, keep, drop)
        moved["attendance"] = _move_attendance(session, keep_id, drop_id)
        moved["enrollments"] = _move_enrollments(session, keep_id, drop_id)
        moved.update(_repoint_others(session, "people", PERSON_SPECIAL, drop_id, keep_id))
        _fill_empty(keep, drop, PERSON_FIELDS)
        keep.sensitive_notes = _joined_notes(keep.sensitive_notes, drop.sensitive_notes)
        keep.tags = list({t.id: t for t in [*keep.tags, *drop.tags]}.values())
    return moved


def merge_organizations(ws: Workspace, keep_id: int, drop_id: int) -> dict[str, int]:
    """Fold ``drop_id`` into ``keep_id``; returns how many links of each kind moved."""
    with _merging(ws, Organization, keep_id, drop_id) as (session, keep, drop, moved):
        moved["affiliations"] = _move_members(session, keep_id, drop_id)
        moved["initiative partnerships"] = _move_partnerships(session, keep_id, drop_id)
        moved.update(
            _repoint_others(session, "organizations", ORGANIZATION_SPECIAL, drop_id, keep_id)
        )
        _fill_empty(keep, drop, ORGANIZATION_FIELDS)
    return moved


@contextmanager
def _merging(
    ws: Workspace, model: type[Person] | type[Organization], keep_id: int, drop_id: int
) -> Iterator[tuple[Session, Any, Any, dict[str, int]]]:
    """One merge: load both, let the caller move the links, then finish the same way —
    notes joined, import batch let go, the duplicate deleted, one MERGE audit entry."""
    ws.require(Permission.EDIT)
    _refuse_same(keep_id, drop_id)
    table = model.__tablename__
    label = "person" if model is Person else "organization"
    with ws.write() as action:
        session = action.session
        keep = load(session, model, keep_id, label)
        drop = load(session, model, drop_id, label)
        moved: dict[str, int] = {}
        yield session, keep, drop, moved
        _no_longer_only_imported(keep, drop)
        keep.notes = _joined_notes(keep.notes, drop.notes)
        name, kept_name = _display_name(drop), _display_name(keep)
        session.flush()
        session.expire(drop)  # its link lists are stale: everything has moved
        session.delete(drop)
        action.audit(
            AuditAction.MERGE,
            table,
            keep_id,
            {"merged_id": drop_id, "merged_name": name, "moved": moved},
            f"Merged {name} into {kept_name}",
        )


def _display_name(record: Any) -> str:
    return record.full_name if isinstance(record, Person) else record.name


def _repoint_others(
    session: Session, table: str, special: tuple[str, ...], old: int, new: int
) -> dict[str, int]:
    """Repoint every other foreign key to ``table`` (found in the models) from old to new."""
    moved: dict[str, int] = {}
    for column in referencing_columns(table, ignore=special):
        model = _model_of(column.table.name)
        attribute = getattr(model, column.key)
        label = USES.get(column.table.name, column.table.name.replace("_", " "))
        moved[label] = moved.get(label, 0) + _repoint(session, attribute, old, new)
    return moved


def _model_of(table: str) -> Any:
    for mapper in Base.registry.mappers:
        if mapper.local_table.name == table:
            return mapper.class_
    raise LookupError(f"no model maps {table}")


def _refuse_same(keep_id: int, drop_id: int) -> None:
    if keep_id == drop_id:
        raise ValidationError.single("", "A record cannot be merged with itself.")


def _fill_empty(keep: Any, drop: Any, names: tuple[str, ...]) -> None:
    for name in names:
        if not getattr(keep, name) and getattr(drop, name):
            setattr(keep, name, getattr(drop, name))


def _no_longer_only_imported(keep: Any, drop: Any) -> None:
    """A merged record holds more than its import brought: undoing it must not delete it."""
    if keep.import_batch_id != drop.import_batch_id:
        keep.import_batch_id = None


def _joined_notes(kept: str, dropped: str) -> str:
    if not dropped or dropped in kept:
        return kept
    return f"{kept}\n\n{dropped}" if kept else dropped


def _repoint(session: Session, column: Any, old: int, new: int) -> int:
    """Point every row of ``column`` that names ``old`` at ``new``; how many there were."""
    model = column.class_
    rows = list(session.scalars(select(model).where(column == old)))
    for row in rows:
        setattr(row, column.key, new)
    return len(rows)


def _move_affiliations(session: Session, keep: Person, drop: Person) -> int:
    held = {(a.organization_id, a.role): a for a in keep.affiliations}
    moved = 0
    for affiliation in list(drop.affiliations):
        twin = held.get((affiliation.organization_id, affiliation.role))
        if twin is None:
            drop.affiliations.remove(affiliation)
            keep.affiliations.append(affiliation)
            moved += 1
        else:
            _combine_memberships(twin, affiliation)
    for extra in [a for a in keep.affiliations if a.is_primary][1:]:
        extra.is_primary = False  # the kept record's own primary stays primary
    return moved


def _combine_memberships(kept: Affiliation, other: Affiliation) -> None:
    """The same membership recorded twice: from the earlier start to the later end."""
    starts = [d for d in (kept.since, other.since) if d]
    kept.since = min(starts) if starts else None
    open_ended = kept.until is None or other.until is None
    kept.until = None if open_ended else max(kept.until, other.until)  # type: ignore[type-var]
    kept.is_primary = kept.is_primary or other.is_primary


def _move_attendance(session: Session, keep_id: int, drop_id: int) -> int:
    kept = {
        a.meeting_id: a
        for a in session.scalars(select(Attendance).where(Attendance.person_id == keep_id))
    }
    moved = 0
    for row in session.scalars(select(Attendance).where(Attendance.person_id == drop_id)):
        twin = kept.get(row.meeting_id)
        if twin is not None:
            if ATTENDANCE_RANK.index(row.status) > ATTENDANCE_RANK.index(twin.status):
                twin.status = row.status
            session.delete(row)
        else:
            # The primary key changes: insert the moved row, remove the old one.
            session.add(Attendance(meeting_id=row.meeting_id, person_id=keep_id, status=row.status))
            session.delete(row)
            moved += 1
    return moved


def _move_enrollments(session: Session, keep_id: int, drop_id: int) -> int:
    kept = {
        e.session_id: e
        for e in session.scalars(select(Enrollment).where(Enrollment.person_id == keep_id))
    }
    moved = 0
    for row in session.scalars(select(Enrollment).where(Enrollment.person_id == drop_id)):
        twin = kept.get(row.session_id)
        if twin is None:
            row.person_id = keep_id
            moved += 1
            continue
        if ENROLLMENT_RANK.index(row.status) > ENROLLMENT_RANK.index(twin.status):
            twin.status, twin.completed_on = row.status, row.completed_on
            twin.hours_credited = row.hours_credited
        session.delete(row)
    return moved


def _move_members(session: Session, keep_id: int, drop_id: int) -> int:
    held = {
        (a.person_id, a.role): a
        for a in session.scalars(select(Affiliation).where(Affiliation.organization_id == keep_id))
    }
    moved = 0
    for row in session.scalars(select(Affiliation).where(Affiliation.organization_id == drop_id)):
        twin = held.get((row.person_id, row.role))
        if twin is not None:
            _combine_memberships(twin, row)
            session.delete(row)
        else:
            row.organization_id = keep_id
            moved += 1
    return moved


def _move_partnerships(session: Session, keep_id: int, drop_id: int) -> int:
    held = {
        p.initiative_id: p
        for p in session.scalars(
            select(InitiativePartner).where(InitiativePartner.organization_id == keep_id)
        )
    }
    moved = 0
    for row in session.scalars(
        select(InitiativePartner).where(InitiativePartner.organization_id == drop_id)
    ):
        twin = held.get(row.initiative_id)
        if twin is None:
            row.organization_id = keep_id
            moved += 1
            continue
        kinds = {c.type for c in twin.contributions}
        for contribution in row.contributions:
            if contribution.type not in kinds:
                twin.contributions.append(type(contribution)(type=contribution.type))
        twin.responsibilities = _joined_notes(twin.responsibilities, row.responsibilities)
        _fill_empty(twin, row, ("role", "contact_person_id", "joined_on"))
        session.delete(row)
    return moved
