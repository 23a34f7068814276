"""Merge two records of the same person or organization into one, keeping every link.

The kept record takes the other's links (affiliations, attendance, enrollments, action
items, roles...) and fills its empty fields from it; where both hold the same link the
better one stays (present beats excused, a completed course beats an enrollment). The
other record is then deleted, and one MERGE entry in the audit log says what moved.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import (
    ActionItem,
    Affiliation,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    AuditAction,
    Enrollment,
    EnrollmentStatus,
    Expenditure,
    Initiative,
    InitiativePartner,
    Organization,
    Person,
    SurveyResponse,
    TrainingSession,
)
from app.services.errors import ValidationError
from app.services.permissions import Permission
from app.services.records import load
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


def merge_people(ws: Workspace, keep_id: int, drop_id: int) -> dict[str, int]:
    """Fold ``drop_id`` into ``keep_id``; returns how many links of each kind moved."""
    ws.require(Permission.EDIT)
    _refuse_same(keep_id, drop_id)
    with ws.write() as action:
        session = action.session
        keep = load(session, Person, keep_id, "person")
        drop = load(session, Person, drop_id, "person")
        moved = {
            "affiliations": _move_affiliations(session, keep, drop),
            "attendance": _move_attendance(session, keep_id, drop_id),
            "enrollments": _move_enrollments(session, keep_id, drop_id),
            "action items": _repoint(session, ActionItem.owner_id, drop_id, keep_id),
            "agenda items": _repoint(session, AgendaItem.presenter_id, drop_id, keep_id),
            "partner contacts": _repoint(
                session, InitiativePartner.contact_person_id, drop_id, keep_id
            ),
            "trainings given": _repoint(session, TrainingSession.trainer_id, drop_id, keep_id),
        }
        _fill_empty(keep, drop, PERSON_FIELDS)
        _no_longer_only_imported(keep, drop)
        keep.notes = _joined_notes(keep.notes, drop.notes)
        keep.sensitive_notes = _joined_notes(keep.sensitive_notes, drop.sensitive_notes)
        keep.tags = list({t.id: t for t in [*keep.tags, *drop.tags]}.values())
        name = drop.full_name
        session.flush()
        session.delete(drop)
        action.audit(
            AuditAction.MERGE,
            "people",
            keep_id,
            {"merged_id": drop_id, "merged_name": name, "moved": moved},
            f"Merged {name} into {keep.full_name}",
        )
        return moved


def merge_organizations(ws: Workspace, keep_id: int, drop_id: int) -> dict[str, int]:
    ws.require(Permission.EDIT)
    _refuse_same(keep_id, drop_id)
    with ws.write() as action:
        session = action.session
        keep = load(session, Organization, keep_id, "organization")
        drop = load(session, Organization, drop_id, "organization")
        moved = {
            "affiliations": _move_members(session, keep_id, drop_id),
            "initiative partnerships": _move_partnerships(session, keep_id, drop_id),
            "initiatives led": _repoint(session, Initiative.lead_organization_id, drop_id, keep_id),
            "expenditures": _repoint(session, Expenditure.organization_id, drop_id, keep_id),
            "trainings provided": _repoint(session, TrainingSession.provider_id, drop_id, keep_id),
            "survey responses": _repoint(session, SurveyResponse.organization_id, drop_id, keep_id),
        }
        _fill_empty(keep, drop, ORGANIZATION_FIELDS)
        _no_longer_only_imported(keep, drop)
        keep.notes = _joined_notes(keep.notes, drop.notes)
        name = drop.name
        session.flush()
        session.expire(drop)  # its member list is stale: everyone has moved
        session.delete(drop)
        action.audit(
            AuditAction.MERGE,
            "organizations",
            keep_id,
            {"merged_id": drop_id, "merged_name": name, "moved": moved},
            f"Merged {name} into {keep.name}",
        )
        return moved


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
