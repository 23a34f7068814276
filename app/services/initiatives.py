"""Initiatives: what other areas need of them (pickers); the editor comes with evaluation."""

from __future__ import annotations

from sqlalchemy import select

from app.models import Initiative
from app.services.workspace import Workspace


def initiative_choices(ws: Workspace) -> list[tuple[int, str]]:
    """Every initiative not archived, by name, for pickers and filters."""
    with ws.read() as session:
        rows = session.execute(
            select(Initiative.id, Initiative.name)
            .where(Initiative.archived_at.is_(None))
            .order_by(Initiative.name)
        )
        return [(initiative_id, name) for initiative_id, name in rows]
