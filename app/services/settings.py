"""Per-database settings (agency name, logo, targets...) stored in the database itself."""

from __future__ import annotations

from typing import Any

from app.models import Setting
from app.services.permissions import Permission
from app.services.workspace import Workspace

AGENCY_NAME = "agency_name"
DEMO_OFFERED = "demo_offered"
ADMIN_OFFERED = "admin_account_offered"


def get_setting(ws: Workspace, key: str, default: Any = None) -> Any:
    with ws.read() as session:
        setting = session.get(Setting, key)
        return default if setting is None else setting.value


def set_setting(ws: Workspace, key: str, value: Any) -> None:
    ws.require(Permission.EDIT)
    with ws.write() as action:
        setting = action.session.get(Setting, key)
        if setting is None:
            action.session.add(Setting(key=key, value=value))
        else:
            setting.value = value
