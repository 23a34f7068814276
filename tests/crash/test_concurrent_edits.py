"""Two sessions edit one record: the second save is refused naming who saved first and
when, and succeeds after a reload. On PostgreSQL the two sessions are two connections
pools (two open_database calls) against the real test server."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.models import AuditEntry, OrganizationKind, utcnow
from app.models.database import Database, open_database
from app.services.errors import ConflictError
from app.services.organizations import (
    OrganizationInput,
    create_organization,
    organization_form,
    update_organization,
)
from app.services.workspace import Workspace

SCHOOL = OrganizationKind.SCHOOL


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def two_sessions(request: pytest.FixtureRequest) -> Iterator[tuple[Workspace, Workspace]]:
    """maria's and jon's workspaces on one database (two opens on PostgreSQL)."""
    opened: list[Database] = []
    if request.param == "sqlite":
        path: Path = request.getfixturevalue("db_path")
        opened.append(open_database(path))  # one program per file: two users share it
        maria, jon = Workspace(opened[0], "maria"), Workspace(opened[0], "jon")
    else:
        url: str = request.getfixturevalue("pg_url")
        opened += [open_database(url), open_database(url)]
        maria, jon = Workspace(opened[0], "maria"), Workspace(opened[1], "jon")
    try:
        yield maria, jon
    finally:
        for db in opened:
            db.close()


def test_second_save_is_refused_with_who_and_when_then_saves_after_reload(
    two_sessions: tuple[Workspace, Workspace],
) -> None:
    maria, jon = two_sessions
    org_id = create_organization(jon, OrganizationInput("Riverton High", SCHOOL))
    maria_version, _ = organization_form(maria, org_id)
    jon_version, _ = organization_form(jon, org_id)
    assert maria_version == jon_version == 1

    before = utcnow().replace(tzinfo=None) - timedelta(minutes=1)
    update_organization(maria, org_id, OrganizationInput("Riverton High School", SCHOOL), 1)
    with pytest.raises(ConflictError) as raised:
        update_organization(jon, org_id, OrganizationInput("RHS", SCHOOL, phone="555-0100"), 1)
    error = raised.value
    assert error.changed_by == "maria" and error.reload
    assert error.changed_at is not None
    assert error.changed_at.replace(tzinfo=None) >= before
    assert re.search(
        r"This organization was changed by maria at \d{4}-\d\d-\d\d \d\d:\d\d \(UTC\) "
        r"since you opened it",
        str(error),
    )
    version, data = organization_form(jon, org_id)  # jon reloads: maria's change is kept
    assert (version, data.name, data.phone) == (2, "Riverton High School", "")
    update_organization(jon, org_id, OrganizationInput(data.name, SCHOOL, phone="555-0100"), 2)

    version, data = organization_form(maria, org_id)
    assert (version, data.name) == (3, "Riverton High School") and data.phone
    with maria.read() as session:
        who = session.scalars(
            select(AuditEntry.user_name)
            .where(AuditEntry.entity == "organizations", AuditEntry.entity_id == org_id)
            .order_by(AuditEntry.id)
        ).all()
    assert who == ["jon", "maria", "jon"]
