"""Services foundation: audit in the same transaction, notifications, validation, conflicts."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.models import AuditAction, AuditEntry, Organization, OrganizationKind
from app.models.database import Database
from app.services.changes import Change
from app.services.errors import ConflictError, NotFoundError, ValidationError
from app.services.organizations import (
    OrganizationInput,
    create_organization,
    delete_organization,
    list_organizations,
    set_archived,
    update_organization,
)
from app.services.workspace import Workspace

SCHOOL = OrganizationKind.SCHOOL


@pytest.fixture
def ws(any_db: Database) -> Workspace:
    return Workspace(any_db, user_name="officer.lee")


def audit_rows(ws: Workspace) -> list[AuditEntry]:
    with ws.read() as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def test_create_writes_an_audit_entry_and_announces_the_change(ws: Workspace) -> None:
    seen: list[Change] = []
    ws.changes.subscribe(seen.append)

    org_id = create_organization(ws, OrganizationInput("Riverton High", SCHOOL, city="Riverton"))

    (entry,) = audit_rows(ws)
    assert (entry.action, entry.entity, entry.entity_id) == (
        AuditAction.CREATE,
        "organizations",
        org_id,
    )
    assert entry.user_name == "officer.lee"
    assert entry.changes["name"] == "Riverton High"
    assert entry.at.tzinfo is not None
    assert seen == [Change("organizations", frozenset({org_id}))]


def test_update_records_old_and_new_values_only_for_changed_fields(ws: Workspace) -> None:
    org_id = create_organization(ws, OrganizationInput("Riverton High", SCHOOL))
    row = list_organizations(ws).rows[0]

    update_organization(ws, org_id, OrganizationInput("Riverton High School", SCHOOL), row.version)

    entry = audit_rows(ws)[-1]
    assert entry.action == AuditAction.UPDATE
    assert entry.changes == {"name": ["Riverton High", "Riverton High School"]}


def test_archive_and_restore_are_audited_as_such(ws: Workspace) -> None:
    org_id = create_organization(
        ws, OrganizationInput("Block Club", OrganizationKind.RESIDENT_GROUP)
    )
    set_archived(ws, org_id, True)
    assert list_organizations(ws).total == 0
    assert list_organizations(ws, include_archived=True).rows[0].archived
    set_archived(ws, org_id, False)
    assert [e.action for e in audit_rows(ws)] == [
        AuditAction.CREATE,
        AuditAction.ARCHIVE,
        AuditAction.RESTORE,
    ]


def test_failed_write_leaves_neither_record_nor_audit_nor_notification(ws: Workspace) -> None:
    seen: list[Change] = []
    ws.changes.subscribe(seen.append)
    with pytest.raises(RuntimeError), ws.write() as action:
        action.session.add(Organization(name="Half saved", kind=SCHOOL))
        action.session.flush()
        raise RuntimeError("power cut")
    with ws.read() as session:
        assert session.scalar(select(func.count(Organization.id))) == 0
    assert audit_rows(ws) == []
    assert seen == []


def test_validation_reports_every_bad_field_and_saves_nothing(ws: Workspace) -> None:
    with pytest.raises(ValidationError) as caught:
        create_organization(
            ws, OrganizationInput("  ", SCHOOL, email="not-mail", phone="call me", website="a b")
        )
    assert set(caught.value.errors) == {"name", "email", "phone", "website"}
    assert caught.value.errors["name"] == "Name is required."
    assert list_organizations(ws).total == 0


def test_website_is_normalised_and_search_folds_accents_and_phone_digits(ws: Workspace) -> None:
    create_organization(
        ws,
        OrganizationInput(
            "Café Solidarité",
            OrganizationKind.NONPROFIT,
            phone="(555) 201-7788",
            website="cafe.example.org",
        ),
    )
    create_organization(ws, OrganizationInput("Riverton High", SCHOOL))
    assert [r.name for r in list_organizations(ws, search="cafe solid").rows] == ["Café Solidarité"]
    assert list_organizations(ws, search="201-7788").total == 1
    assert list_organizations(ws, search="100%").total == 0
    assert list_organizations(ws, kind=SCHOOL).rows[0].name == "Riverton High"


def test_stale_version_is_a_conflict_not_a_silent_overwrite(ws: Workspace) -> None:
    org_id = create_organization(ws, OrganizationInput("Riverton High", SCHOOL))
    version = list_organizations(ws).rows[0].version
    update_organization(ws, org_id, OrganizationInput("First edit", SCHOOL), version)
    with pytest.raises(ConflictError, match=r"changed by \S+ at .* since you opened it"):
        update_organization(ws, org_id, OrganizationInput("Second edit", SCHOOL), version)
    assert list_organizations(ws).rows[0].name == "First edit"


def test_delete_is_audited_and_a_missing_record_is_reported(ws: Workspace) -> None:
    org_id = create_organization(ws, OrganizationInput("Gone Soon", SCHOOL))
    delete_organization(ws, org_id)
    assert audit_rows(ws)[-1].action == AuditAction.DELETE
    with pytest.raises(NotFoundError):
        set_archived(ws, org_id, True)


def test_a_broken_listener_does_not_stop_the_others(ws: Workspace) -> None:
    seen: list[str] = []

    def broken(change: Change) -> None:
        raise ValueError("view crashed")

    ws.changes.subscribe(broken)
    unsubscribe = ws.changes.subscribe(lambda c: seen.append(c.kind))
    create_organization(ws, OrganizationInput("A", SCHOOL))
    unsubscribe()
    create_organization(ws, OrganizationInput("B", SCHOOL))
    assert seen == ["organizations"]
