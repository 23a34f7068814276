"""Accounts: first admin, sign-in, lockout with a controllable clock, passwords, admin tasks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app.models import AuditAction, AuditEntry, AuditOutcome
from app.models.database import Database
from app.models.users import Role, User
from app.services.accounts import (
    REFUSED,
    LoginRefused,
    UserInput,
    change_password,
    create_first_admin,
    create_user,
    has_accounts,
    list_users,
    reset_password,
    sign_in,
    unlock_user,
    update_user,
)
from app.services.errors import ValidationError
from app.services.permissions import AccessDenied
from app.services.workspace import Workspace

ADMIN_PW = "correct horse battery staple"
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def db(any_db: Database) -> Database:
    """SQLite and PostgreSQL alike."""
    return any_db


@pytest.fixture
def ws(db: Database) -> Workspace:
    workspace = Workspace(db, user_name="setup")
    create_first_admin(workspace, "ada", "Ada Admin", ADMIN_PW)
    return workspace


def logins(db: Database) -> list[tuple[str, AuditOutcome]]:
    with db.read() as session:
        rows = session.execute(
            select(AuditEntry.user_name, AuditEntry.outcome)
            .where(AuditEntry.action == AuditAction.LOGIN)
            .order_by(AuditEntry.id)
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


def test_first_admin_only_once(db: Database) -> None:
    ws = Workspace(db)
    assert not has_accounts(ws)
    create_first_admin(ws, "ada", "Ada", ADMIN_PW)
    assert has_accounts(ws)
    with pytest.raises(ValidationError):
        create_first_admin(ws, "eve", "Eve", ADMIN_PW)


def test_the_first_account_is_an_administrator(db: Database) -> None:
    ws = Workspace(db)
    with pytest.raises(ValidationError, match="first account must be an administrator"):
        create_user(ws, UserInput("lee", role=Role.EDITOR, password="lee's passphrase"))
    create_user(ws, UserInput("ada", role=Role.ADMIN, password=ADMIN_PW))
    assert has_accounts(ws)


def test_hash_is_argon2id_with_owasp_parameters(ws: Workspace) -> None:
    with ws.read() as session:
        stored = session.scalar(select(User.password_hash).where(User.username == "ada"))
    assert stored is not None and stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert ADMIN_PW not in stored


def test_sign_in_sets_identity_and_audits(ws: Workspace) -> None:
    signed = sign_in(ws, "ada", ADMIN_PW, now=T0)
    assert (signed.role, ws.role, ws.user_name, ws.user_id) == (
        Role.ADMIN, Role.ADMIN, "ada", signed.user_id
    )
    with pytest.raises(LoginRefused) as wrong:
        sign_in(ws, "ada", "not the password", now=T0)
    with pytest.raises(LoginRefused) as unknown:
        sign_in(ws, "nobody", "not the password", now=T0)
    assert wrong.value.message == unknown.value.message == REFUSED
    assert logins(ws.db) == [
        ("ada", AuditOutcome.OK), ("ada", AuditOutcome.DENIED), ("nobody", AuditOutcome.DENIED)
    ]


def test_passphrase_with_spaces_and_200_characters(ws: Workspace) -> None:
    long = ("ein langer Satz mit Leerzeichen und Ümlauten " * 5)[:200]
    assert len(long) == 200
    create_user(ws, UserInput("lee", "Officer Lee", Role.EDITOR, password=long))
    assert sign_in(ws, "lee", long, now=T0).role is Role.EDITOR
    # NFC: the same text in decomposed form matches too
    import unicodedata

    assert sign_in(ws, "lee", unicodedata.normalize("NFD", long), now=T0).username == "lee"


def test_short_password_refused_with_a_clear_message(ws: Workspace) -> None:
    with pytest.raises(ValidationError) as error:
        create_user(ws, UserInput("lee", password="short"))
    assert "at least 10 characters" in error.value.errors["password"]


def test_five_failures_in_15_minutes_lock_until_an_admin_unlocks(ws: Workspace) -> None:
    create_user(ws, UserInput("lee", role=Role.EDITOR, password="lee's passphrase"))
    for minute in range(4):
        with pytest.raises(LoginRefused) as refused:
            sign_in(ws, "lee", "wrong password", now=T0 + timedelta(minutes=minute * 3))
        assert not refused.value.locked
    with pytest.raises(LoginRefused) as fifth:
        sign_in(ws, "lee", "wrong password", now=T0 + timedelta(minutes=14))
    assert fifth.value.locked and "locked" in fifth.value.message
    with pytest.raises(LoginRefused) as right:  # even the right password, and much later
        sign_in(ws, "lee", "lee's passphrase", now=T0 + timedelta(days=1))
    assert right.value.locked
    lee = next(u for u in list_users(ws) if u.username == "lee")
    assert lee.locked
    unlock_user(ws, lee.id)
    assert sign_in(ws, "lee", "lee's passphrase", now=T0 + timedelta(days=1)).username == "lee"


def test_failures_16_minutes_apart_do_not_lock(ws: Workspace) -> None:
    create_user(ws, UserInput("lee", password="lee's passphrase"))
    for attempt in range(8):
        with pytest.raises(LoginRefused) as refused:
            sign_in(ws, "lee", "wrong password", now=T0 + timedelta(minutes=16 * attempt))
        assert not refused.value.locked
    assert sign_in(ws, "lee", "lee's passphrase", now=T0 + timedelta(hours=3)).username == "lee"


def test_success_resets_the_count(ws: Workspace) -> None:
    create_user(ws, UserInput("lee", password="lee's passphrase"))
    for minute in range(4):
        with pytest.raises(LoginRefused):
            sign_in(ws, "lee", "wrong password", now=T0 + timedelta(minutes=minute))
    sign_in(ws, "lee", "lee's passphrase", now=T0 + timedelta(minutes=5))
    with pytest.raises(LoginRefused) as refused:
        sign_in(ws, "lee", "wrong password", now=T0 + timedelta(minutes=6))
    assert not refused.value.locked


def test_change_password(ws: Workspace) -> None:
    sign_in(ws, "ada", ADMIN_PW, now=T0)
    with pytest.raises(ValidationError) as wrong_old:
        change_password(ws, "not it at all", "a brand new passphrase")
    assert "old" in wrong_old.value.errors
    change_password(ws, ADMIN_PW, "a brand new passphrase")
    with pytest.raises(LoginRefused):
        sign_in(ws, "ada", ADMIN_PW, now=T0)
    assert sign_in(ws, "ada", "a brand new passphrase", now=T0).username == "ada"


def test_inactive_user_cannot_sign_in_and_reset_password(ws: Workspace) -> None:
    user_id = create_user(ws, UserInput("lee", password="lee's passphrase"))
    update_user(ws, user_id, UserInput("lee", "Lee", Role.VIEWER, active=False))
    # The same answer as a wrong password: it must not confirm a guessed password.
    with pytest.raises(LoginRefused, match="user name or password is not correct"):
        sign_in(ws, "lee", "lee's passphrase", now=T0)
    with pytest.raises(LoginRefused, match="user name or password is not correct"):
        sign_in(ws, "lee", "a wrong passphrase", now=T0)
    update_user(ws, user_id, UserInput("lee", "Lee", Role.VIEWER, active=True))
    reset_password(ws, user_id, "a reset passphrase")
    assert sign_in(ws, "lee", "a reset passphrase", now=T0).role is Role.VIEWER


def test_last_active_admin_is_kept(ws: Workspace) -> None:
    ada = sign_in(ws, "ada", ADMIN_PW, now=T0)
    with pytest.raises(ValidationError, match="last active administrator"):
        update_user(ws, ada.user_id, UserInput("ada", "Ada", Role.EDITOR))
    with pytest.raises(ValidationError, match="last active administrator"):
        update_user(ws, ada.user_id, UserInput("ada", "Ada", Role.ADMIN, active=False))
    other = create_user(ws, UserInput("bob", role=Role.ADMIN, password="bob's passphrase"))
    update_user(ws, ada.user_id, UserInput("ada", "Ada", Role.EDITOR))
    assert ws.role is Role.EDITOR  # the signed-in user's own rights follow at once
    assert other


def test_only_admins_manage_users(ws: Workspace) -> None:
    create_user(ws, UserInput("lee", role=Role.EDITOR, password="lee's passphrase"))
    sign_in(ws, "lee", "lee's passphrase", now=T0)
    with pytest.raises(AccessDenied, match=r"Your role \(editor\) may not manage user"):
        list_users(ws)
    with pytest.raises(AccessDenied):
        create_user(ws, UserInput("eve", role=Role.ADMIN, password="eve's passphrase"))
