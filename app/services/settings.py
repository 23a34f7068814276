"""Per-database settings (agency name, logo, targets...) stored in the database itself."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any

from app.models import Setting
from app.services.errors import FieldErrors
from app.services.fields import is_email
from app.services.permissions import Permission
from app.services.workspace import Workspace

AGENCY_NAME = "agency_name"
AGENCY_EMAIL = "agency_email"  # the organizer of the meetings in calendar files
DEMO_OFFERED = "demo_offered"
ADMIN_OFFERED = "admin_account_offered"
SCREEN_LOCK_MINUTES = "screen_lock_minutes"
DEFAULT_LOCK_MINUTES = 15
MIN_LOCK_MINUTES = 1
MAX_LOCK_MINUTES = 30
AGENCY_NAME_MAX = 200
PAPER_SIZE = "paper_size"
PAPER_SIZES = ("Letter", "A4")  # what printed reports (the meeting packet...) are laid out on
DEFAULT_PAPER_SIZE = "Letter"
AGENCY_LOGO = "agency_logo"  # PNG or JPEG bytes, base64 (settings hold JSON)
LOGO_MAX_BYTES = 1024 * 1024
LOGO_KINDS = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}


def get_setting(ws: Workspace, key: str, default: Any = None) -> Any:
    with ws.read() as session:
        setting = session.get(Setting, key)
        return default if setting is None else setting.value


def set_setting(ws: Workspace, key: str, value: Any) -> None:
    set_settings(ws, {key: value})


def set_settings(ws: Workspace, values: dict[str, Any]) -> None:
    """Store several settings as one change (one audit entry, one notification)."""
    ws.require(Permission.EDIT)
    with ws.write() as action:
        for key, value in values.items():
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


def paper_size(ws: Workspace) -> str:
    """The paper printed reports use: "Letter" or "A4" (Letter whatever else is stored)."""
    size = get_setting(ws, PAPER_SIZE, DEFAULT_PAPER_SIZE)
    return size if size in PAPER_SIZES else DEFAULT_PAPER_SIZE


def agency_logo(ws: Workspace) -> bytes | None:
    """The agency's logo for report headers (PNG or JPEG bytes), or None."""
    return _logo_bytes(get_setting(ws, AGENCY_LOGO))


def agency_contact(ws: Workspace) -> tuple[str, str] | None:
    """(agency name, e-mail address) when an address is set: the organizer that calendar
    programs show for the meetings."""
    email = str(get_setting(ws, AGENCY_EMAIL, "") or "").strip()
    if not is_email(email):
        return None
    return str(get_setting(ws, AGENCY_NAME, "") or "").strip(), email


def logo_kind(data: bytes) -> str | None:
    """"PNG" or "JPEG" when ``data`` starts like one, else None."""
    return next((kind for magic, kind in LOGO_KINDS.items() if data.startswith(magic)), None)


def _logo_bytes(stored: Any) -> bytes | None:
    if not isinstance(stored, str) or not stored:
        return None
    try:
        data = base64.b64decode(stored, validate=True)
    except (binascii.Error, ValueError):
        return None
    return data if logo_kind(data) else None


@dataclass
class Preferences:
    """What File > Settings… edits: agency name, e-mail and logo, screen-lock time, paper."""

    agency_name: str = ""
    agency_email: str = ""
    screen_lock_minutes: int = DEFAULT_LOCK_MINUTES
    paper_size: str = DEFAULT_PAPER_SIZE
    logo: bytes | None = None


def load_preferences(ws: Workspace) -> Preferences:
    return Preferences(
        agency_name=str(get_setting(ws, AGENCY_NAME, "") or ""),
        agency_email=str(get_setting(ws, AGENCY_EMAIL, "") or ""),
        screen_lock_minutes=lock_minutes(ws),
        paper_size=paper_size(ws),
        logo=agency_logo(ws),
    )


def save_preferences(ws: Workspace, prefs: Preferences) -> None:
    """Check, then store the settings in one write; ValidationError names the field."""
    ws.require(Permission.EDIT, "settings")
    errors = FieldErrors()
    name = (prefs.agency_name or "").strip()
    errors.check(
        len(name) <= AGENCY_NAME_MAX,
        "agency_name",
        f"Keep the agency name to {AGENCY_NAME_MAX} characters.",
    )
    email = (prefs.agency_email or "").strip()
    errors.check(
        not email or is_email(email),
        "agency_email",
        "Not an e-mail address (leave it empty, or e.g. prevention@city.gov).",
    )
    minutes = prefs.screen_lock_minutes
    errors.check(
        isinstance(minutes, int)
        and not isinstance(minutes, bool)
        and MIN_LOCK_MINUTES <= minutes <= MAX_LOCK_MINUTES,
        "screen_lock_minutes",
        f"Choose {MIN_LOCK_MINUTES} to {MAX_LOCK_MINUTES} minutes.",
    )
    errors.check(
        prefs.paper_size in PAPER_SIZES,
        "paper_size",
        f"Choose {' or '.join(PAPER_SIZES)} paper.",
    )
    logo = prefs.logo
    errors.check(
        logo is None or logo_kind(logo) is not None,
        "logo",
        "Choose a PNG or JPEG picture for the logo.",
    )
    errors.check(
        logo is None or len(logo) <= LOGO_MAX_BYTES,
        "logo",
        f"Choose a logo of at most {LOGO_MAX_BYTES // 1024} KB.",
    )
    errors.raise_if_any()
    with ws.write() as action:
        _put(action.session, AGENCY_NAME, name)
        _put(action.session, AGENCY_EMAIL, email)
        _put(action.session, SCREEN_LOCK_MINUTES, minutes)
        _put(action.session, PAPER_SIZE, prefs.paper_size)
        _put(action.session, AGENCY_LOGO, base64.b64encode(logo).decode() if logo else "")
