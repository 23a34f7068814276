"""Areas (beats, districts, neighborhoods...): what other pages need of them (pickers)."""

from __future__ import annotations

from sqlalchemy import select

from app.models import Area
from app.services.workspace import Workspace


def area_choices(ws: Workspace) -> list[tuple[int, str]]:
    """Every area as (id, name), by name, for pickers and filters."""
    with ws.read() as session:
        rows = session.execute(select(Area.id, Area.name).order_by(Area.name))
        return [(area_id, name) for area_id, name in rows]
