"""Accounts: first admin, sign-in with lockout, change password, user management.

A database "has accounts" once any user has a password. Until then the workspace keeps its
default identity (the operating-system user with full rights). Every sign-in attempt is
audited as LOGIN with outcome OK or DENIED; the failed ones are also the lockout's memory:
5 failures within 15 minutes lock the account (``locked_at``) until an admin unlocks it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import AuditAction, AuditEntry, AuditOutcome
from app.models.users import Role, User
from app.services.errors import FieldErrors, NotFoundError, ValidationError
from app.services.passwords import (
    check_new_password,
    hash_password,
    needs_rehash,
    verify_password,
)
from app.services.permissions import Permission
from app.services.workspace import Workspace

MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
REFUSED = "The user name or password is not correct."
LOCKED = (
    "This account is locked after {n} failed sign-in attempts. "
    "Ask an administrator to unlock it."
)


class LoginRefused(Exception):
    def __init__(self, message: str, *, locked: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.locked = locked


@dataclass(frozen=True)
class SignedIn:
    user_id: int
    username: str
    display_name: str
    role: Role
    can_see_sensitive: bool


@dataclass(frozen=True)
class UserInput:
    username: str
    display_name: str = ""
    role: Role = Role.VIEWER
    can_see_sensitive: bool = False
    active: bool = True
    password: str = ""  # only read when creating


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    display_name: str
    role: Role
    can_see_sensitive: bool
    active: bool
    locked: bool
    last_login_at: datetime | None


def _now(now: datetime | None) -> datetime:
    at = now or datetime.now(UTC)
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def has_accounts(ws: Workspace) -> bool:
    with ws.read() as session:
        return bool(
            session.scalar(select(func.count(User.id)).where(User.password_hash.is_not(None)))
        )


def create_first_admin(ws: Workspace, username: str, display_name: str, password: str) -> int:
    """The first account (admin, may see sensitive notes); refused once accounts exist."""
    if has_accounts(ws):
        raise ValidationError.single("", "This database already has accounts; sign in instead.")
    data = UserInput(username, display_name, Role.ADMIN, True, True, password)
    name, secret = _checked(data)
    with ws.write() as action:
        user = action.session.scalar(select(User).where(User.username == name)) or User()
        _fill(user, data, name)
        user.password_hash = hash_password(secret)
        action.session.add(user)
        action.session.flush()
        return user.id


def sign_in(ws: Workspace, username: str, password: str, now: datetime | None = None) -> SignedIn:
    """Check the password; on success the workspace works as this user from now on."""
    at = _now(now)
    name = username.strip()
    with ws.db.write() as session:
        user = session.scalar(select(User).where(User.username == name))
        matches = verify_password(user.password_hash if user else None, password)
        refusal = _refusal(session, user, matches, name, at)
        _audit_login(session, name, at, refusal)
        if refusal is None and user is not None:
            user.failed_attempts = 0
            user.last_login_at = at
            if user.password_hash and needs_rehash(user.password_hash):
                user.password_hash = hash_password(password)
            signed = SignedIn(
                user.id, user.username, user.display_name, user.role, user.can_see_sensitive
            )
    if refusal is not None:
        raise refusal
    apply_identity(ws, signed)
    return signed


def apply_identity(ws: Workspace, signed: SignedIn) -> None:
    ws.user_name = signed.username
    ws.user_id = signed.user_id
    ws.role = signed.role
    ws.can_see_sensitive = signed.can_see_sensitive


def _refusal(
    session: Session, user: User | None, matches: bool, name: str, at: datetime
) -> LoginRefused | None:
    if user is None or user.password_hash is None or not user.active:
        # A switched-off account answers like a wrong password: the reply must not tell
        # whether a guessed password was right.
        return LoginRefused(REFUSED)
    if user.locked_at is not None:
        return LoginRefused(LOCKED.format(n=MAX_FAILURES), locked=True)
    if not matches:
        user.failed_attempts = _recent_failures(session, name, user.failed_attempts, at) + 1
        if user.failed_attempts >= MAX_FAILURES:
            user.locked_at = at
            return LoginRefused(LOCKED.format(n=MAX_FAILURES), locked=True)
        return LoginRefused(REFUSED)
    return None


def _recent_failures(session: Session, name: str, counted: int, at: datetime) -> int:
    """Of the failures counted since the last reset, those within the window."""
    if counted <= 0:
        return 0
    times = session.scalars(
        select(AuditEntry.at)
        .where(
            AuditEntry.action == AuditAction.LOGIN,
            AuditEntry.outcome == AuditOutcome.DENIED,
            AuditEntry.user_name == name,
        )
        .order_by(AuditEntry.id.desc())
        .limit(counted)
    )
    return sum(1 for t in times if at - t <= FAILURE_WINDOW)


def _audit_login(session: Session, name: str, at: datetime, refusal: LoginRefused | None) -> None:
    session.add(
        AuditEntry(
            at=at,
            user_name=name[:150],
            action=AuditAction.LOGIN,
            entity="users",
            changes={},
            outcome=AuditOutcome.OK if refusal is None else AuditOutcome.DENIED,
            summary="Signed in" if refusal is None else refusal.message,
        )
    )


def check_password(ws: Workspace, password: str) -> bool:
    """For the screen lock: does ``password`` belong to the signed-in user?"""
    if ws.user_id is None:
        return False
    with ws.read() as session:
        user = session.get(User, ws.user_id)
        return user is not None and verify_password(user.password_hash, password)


def change_password(ws: Workspace, old: str, new: str) -> None:
    if ws.user_id is None:
        raise ValidationError.single("", "Nobody is signed in, so there is no password to change.")
    secret = check_new_password(new, "new")
    with ws.write() as action:
        user = action.session.get(User, ws.user_id)
        if user is None or not verify_password(user.password_hash, old):
            raise ValidationError.single("old", "The current password is not correct.")
        user.password_hash = hash_password(secret)


# -- administration ------------------------------------------------------------------


def list_users(ws: Workspace) -> list[UserRow]:
    ws.require(Permission.MANAGE_USERS, "users")
    with ws.read() as session:
        return [
            UserRow(u.id, u.username, u.display_name, u.role, u.can_see_sensitive, u.active,
                    u.locked_at is not None, u.last_login_at)
            for u in session.scalars(select(User).order_by(func.lower(User.username)))
        ]


def create_user(ws: Workspace, data: UserInput) -> int:
    ws.require(Permission.MANAGE_USERS, "users")
    name, secret = _checked(data)
    if data.role is not Role.ADMIN and not has_accounts(ws):
        raise ValidationError.single("role", "The first account must be an administrator.")
    with ws.write() as action:
        if action.session.scalar(select(User.id).where(User.username == name)) is not None:
            raise ValidationError.single("username", f"There is already a user called {name}.")
        user = User()
        _fill(user, data, name)
        user.password_hash = hash_password(secret)
        action.session.add(user)
        action.session.flush()
        return user.id


def update_user(ws: Workspace, user_id: int, data: UserInput) -> None:
    """Change display name, role, active and the sensitive-notes permission."""
    ws.require(Permission.MANAGE_USERS, "users")
    with ws.write() as action:
        user = _load(action.session, user_id)
        _fill(user, data, user.username)
        action.session.flush()
        _keep_an_admin(action.session)
    if user_id == ws.user_id:
        ws.role, ws.can_see_sensitive = data.role, data.can_see_sensitive


def reset_password(ws: Workspace, user_id: int, password: str) -> None:
    ws.require(Permission.MANAGE_USERS, "users")
    secret = check_new_password(password)
    with ws.write() as action:
        user = _load(action.session, user_id)
        user.password_hash = hash_password(secret)


def unlock_user(ws: Workspace, user_id: int) -> None:
    ws.require(Permission.MANAGE_USERS, "users")
    with ws.write() as action:
        user = _load(action.session, user_id)
        user.locked_at = None
        user.failed_attempts = 0


def _checked(data: UserInput) -> tuple[str, str]:
    errors = FieldErrors()
    name = data.username.strip()
    errors.require("username", name, "A user name")
    errors.check(len(name) <= 150, "username", "A user name has at most 150 characters.")
    try:
        secret = check_new_password(data.password)
    except ValidationError as error:
        errors.add("password", error.errors["password"])
        secret = ""
    errors.raise_if_any()
    return name, secret


def _fill(user: User, data: UserInput, name: str) -> None:
    user.username = name
    user.display_name = data.display_name.strip() or name
    user.role = data.role
    user.can_see_sensitive = data.can_see_sensitive
    user.active = data.active


def _load(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFoundError("This user no longer exists.")
    return user


def _keep_an_admin(session: Session) -> None:
    admins = session.scalar(
        select(func.count(User.id)).where(
            User.role == Role.ADMIN, User.active.is_(True), User.password_hash.is_not(None)
        )
    )
    if not admins:
        raise ValidationError.single(
            "role", "The last active administrator cannot lose the role or be switched off."
        )
