"""Per-database settings (agency name, logo, targets...) stored in the database itself."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.models import Setting
from app.services.errors import FieldErrors
from app.services.permissions import Permission
from app.services.workspace import Workspace

AGENCY_NAME = "agency_name"
DEMO_OFFERED = "demo_offered"
ADMIN_OFFERED = "admin_account_offered"
SCREEN_LOCK_MINUTES = "screen_lock_minutes"
DEFAULT_LOCK_MINUTES = 15
MIN_LOCK_MINUTES = 1
MAX_LOCK_MINUTES = 30
AGENCY_NAME_MAX = 200


def get_setting(ws: Workspace, key: str, default: Any = None) -> Any:
    with ws.read() as session:
        setting = session.get(Setting, key)
        return default if setting is None else setting.value


def set_setting(ws: Workspace, key: str, value: Any) -> None:
    ws.require(Permission.EDIT)
    with ws.write() as action:
        _put(action.session, key, value)


def _put(session: Any, key: str, value: Any) -> None:
    setting = session.get(Setting, key)
    if setting is None:
        session.add(Setting(key=key, value=value))
    else:
        setting.value = value


def lock_minutes(ws: Workspace) -> int:
    """The screen-lock time in minutes, kept within 1–30 whatever is stored."""
    try:
        minutes = int(get_setting(ws, SCREEN_LOCK_MINUTES, DEFAULT_LOCK_MINUTES))
    except (TypeError, ValueError):
        minutes = DEFAULT_LOCK_MINUTES
    return min(max(minutes, MIN_LOCK_MINUTES), MAX_LOCK_MINUTES)


@dataclass
class Preferences:
    """What File > Settings… edits: the agency name and the screen-lock time."""

    agency_name: str = ""
    screen_lock_minutes: int = DEFAULT_LOCK_MINUTES


def load_preferences(ws: Workspace) -> Preferences:
    return Preferences(
        agency_name=str(get_setting(ws, AGENCY_NAME, "") or ""),
        screen_lock_minutes=lock_minutes(ws),
    )


def save_preferences(ws: Workspace, prefs: Preferences) -> None:
    """Check, then store both settings in one write; ValidationError names the field."""
    ws.require(Permission.EDIT, "settings")
    errors = FieldErrors()
    name = (prefs.agency_name or "").strip()
    errors.check(
        len(name) <= AGENCY_NAME_MAX,
        "agency_name",
        f"Keep the agency name to {AGENCY_NAME_MAX} characters.",
    )
    minutes = prefs.screen_lock_minutes
    errors.check(
        isinstance(minutes, int)
        and not isinstance(minutes, bool)
        and MIN_LOCK_MINUTES <= minutes <= MAX_LOCK_MINUTES,
        "screen_lock_minutes",
        f"Choose {MIN_LOCK_MINUTES} to {MAX_LOCK_MINUTES} minutes.",
    )
    errors.raise_if_any()
    with ws.write() as action:
        _put(action.session, AGENCY_NAME, name)
        _put(action.session, SCREEN_LOCK_MINUTES, minutes)
