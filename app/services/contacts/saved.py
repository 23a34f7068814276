"""Column mappings remembered per header row, in the database's settings table."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from sqlalchemy.orm import Session

from app.models import Setting
from app.services.contacts.layouts import header_key
from app.services.contacts.mapping import ColumnMapping
from app.services.errors import ValidationError
from app.services.permissions import Permission
from app.services.workspace import Workspace

PREFIX = "contact_import_mapping:"


def signature(headers: Sequence[str]) -> str:
    """The same columns in the same order give the same signature, whatever their case."""
    text = json.dumps([header_key(h) for h in headers], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def saved_mapping(ws: Workspace, headers: Sequence[str]) -> ColumnMapping | None:
    with ws.read() as session:
        return load_mapping(session, headers)


def save_mapping(ws: Workspace, headers: Sequence[str], mapping: ColumnMapping) -> None:
    ws.require(Permission.IMPORT, "settings")
    with ws.write() as action:
        store_mapping(action.session, headers, mapping)


def load_mapping(session: Session, headers: Sequence[str]) -> ColumnMapping | None:
    setting = session.get(Setting, PREFIX + signature(headers))
    if setting is None or not isinstance(setting.value, dict):
        return None
    mapping = ColumnMapping.from_json(setting.value)
    if mapping is None:
        return None
    try:
        mapping.check(len(headers))
    except ValidationError:  # a stored mapping that no longer fits is simply not offered
        return None
    return mapping


def store_mapping(session: Session, headers: Sequence[str], mapping: ColumnMapping) -> None:
    mapping.check(len(headers))
    key = PREFIX + signature(headers)
    value = {"headers": list(headers), **mapping.to_json()}
    setting = session.get(Setting, key)
    if setting is None:
        session.add(Setting(key=key, value=value))
    else:
        setting.value = value
