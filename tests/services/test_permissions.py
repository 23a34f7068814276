"""Every action x role combination: refused (and audited as DENIED) or let through."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.models import AuditEntry, AuditOutcome, OrganizationKind, Person
from app.models.database import open_database
from app.models.users import Role
from app.services import (
    accounts,
    backups,
    directory_export,
    directory_report,
    merge,
    people,
    settings,
)
from app.services import organizations as orgs
from app.services.contacts.commit import run_import
from app.services.contacts.undo import undo_import
from app.services.permissions import AccessDenied, Permission, allowed
from app.services.search import DirectoryFilter
from app.services.workspace import Workspace

P = Permission
ORG = orgs.OrganizationInput("Riverton PD", OrganizationKind.LAW_ENFORCEMENT)


@dataclass
class Ids:
    org: int
    org2: int
    person: int
    person2: int


Call = Callable[[Workspace, Ids], Any]
ACTIONS: dict[str, tuple[Permission | tuple[Permission, ...], Call]] = {
    "create organization": (P.EDIT, lambda ws, i: orgs.create_organization(ws, ORG)),
    "update organization": (P.EDIT, lambda ws, i: orgs.update_organization(ws, i.org, ORG, 1)),
    "archive organization": (P.EDIT, lambda ws, i: orgs.set_archived(ws, i.org, True)),
    "delete organization": (
        P.DELETE_PERMANENTLY, lambda ws, i: orgs.delete_organization(ws, i.org2)
    ),
    "create person": (P.EDIT, lambda ws, i: people.create_person(ws, people.PersonInput("A"))),
    "update person": (
        P.EDIT, lambda ws, i: people.update_person(ws, i.person, people.PersonInput("B"), 1)
    ),
    "archive person": (P.EDIT, lambda ws, i: people.set_person_archived(ws, i.person, True)),
    "delete person": (P.DELETE_PERMANENTLY, lambda ws, i: people.delete_person(ws, i.person2)),
    "merge people": (P.EDIT, lambda ws, i: merge.merge_people(ws, i.person, i.person2)),
    "merge organizations": (P.EDIT, lambda ws, i: merge.merge_organizations(ws, i.org, i.org2)),
    "import": (P.IMPORT, lambda ws, i: run_import(ws, None)),  # type: ignore[arg-type]
    "undo import": (P.IMPORT, lambda ws, i: undo_import(ws, 999)),
    "change a setting": (P.EDIT, lambda ws, i: settings.set_setting(ws, "agency_name", "X")),
    "back up now": (P.BACKUP_RESTORE, lambda ws, i: backups.back_up_now(ws)),
    "export people": (
        P.EXPORT, lambda ws, i: directory_export.people_for_export(ws, DirectoryFilter())
    ),
    "export organizations": (
        P.EXPORT, lambda ws, i: directory_export.organizations_for_export(ws, DirectoryFilter())
    ),
    "print directory": (
        P.EXPORT, lambda ws, i: directory_report.directory_report(ws, DirectoryFilter())
    ),
    "list users": (P.MANAGE_USERS, lambda ws, i: accounts.list_users(ws)),
    "unlock user": (P.MANAGE_USERS, lambda ws, i: accounts.unlock_user(ws, 999)),
    "change sensitive notes": (
        (P.EDIT, P.SEE_SENSITIVE),
        lambda ws, i: people.update_person(
            ws, i.person, people.PersonInput("B", sensitive_notes="crisis"), 1
        ),
    ),
}
IDENTITIES = {
    "viewer": (Role.VIEWER, False),
    "editor": (Role.EDITOR, False),
    "editor with sensitive": (Role.EDITOR, True),
    "admin": (Role.ADMIN, False),
}


@pytest.fixture
def setup(db_path: Path) -> Iterator[tuple[Workspace, Ids]]:
    db = open_database(db_path)
    ws = Workspace(db, user_name="setup")
    ids = Ids(
        orgs.create_organization(ws, ORG),
        orgs.create_organization(ws, orgs.OrganizationInput("Other", OrganizationKind.OTHER)),
        people.create_person(ws, people.PersonInput("Ann", sensitive_notes="secret")),
        people.create_person(ws, people.PersonInput("Ben")),
    )
    yield ws, ids
    db.close()


def denied_count(ws: Workspace) -> int:
    with ws.read() as session:
        return session.scalar(
            select(func.count()).where(AuditEntry.outcome == AuditOutcome.DENIED)
        ) or 0


def test_the_role_table() -> None:
    assert allowed(Role.VIEWER, False, P.VIEW) and not allowed(Role.VIEWER, False, P.EXPORT)
    assert not allowed(Role.EDITOR, False, P.DELETE_PERMANENTLY)
    assert allowed(Role.EDITOR, False, P.IMPORT) and allowed(Role.EDITOR, True, P.SEE_SENSITIVE)
    assert all(allowed(Role.ADMIN, False, p) for p in Permission)


@pytest.mark.parametrize("who", list(IDENTITIES))
@pytest.mark.parametrize("name", list(ACTIONS))
def test_action_by_role(setup: tuple[Workspace, Ids], who: str, name: str) -> None:
    ws, ids = setup
    ws.user_name, (ws.role, ws.can_see_sensitive) = who, IDENTITIES[who]
    needed, call = ACTIONS[name]
    missing = [
        p for p in (needed if isinstance(needed, tuple) else (needed,))
        if not allowed(ws.role, ws.can_see_sensitive, p)
    ]
    before = denied_count(ws)
    if not missing:
        try:
            call(ws, ids)
        except AccessDenied:
            pytest.fail(f"{who} was refused {name}")
        except Exception:  # noqa: S110 - dummy arguments: only the permission matters here
            pass
        assert denied_count(ws) == before
    else:
        with pytest.raises(AccessDenied) as refused:
            call(ws, ids)
        assert f"Your role ({ws.role.value}) may not" in refused.value.message
        assert denied_count(ws) == before + 1
        with ws.read() as session:
            entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
            assert entry is not None and entry.user_name == who
            assert entry.changes["permission"] == missing[0].value
            assert session.scalar(select(func.count(Person.id))) == 2  # nothing changed


def test_sensitive_notes_hidden_from_the_form_and_kept_on_save(
    setup: tuple[Workspace, Ids],
) -> None:
    ws, ids = setup
    ws.role, ws.can_see_sensitive = Role.EDITOR, False
    form = people.person_form(ws, ids.person)
    assert form.data.sensitive_notes is None
    people.update_person(ws, ids.person, form.data, form.version)  # None: left unchanged
    ws.can_see_sensitive = True
    assert people.person_form(ws, ids.person).data.sensitive_notes == "secret"
