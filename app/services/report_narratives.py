"""The officer's narrative for an initiative's evaluation report, kept per period.

Typed on the Reports page and printed in the report; stored with the database's settings
(key ``narrative:<initiative>:<start>:<end>``) so that what was written is never lost when
the report is made again, or next week for the same quarter.
"""

from __future__ import annotations

from dataclasses import asdict, fields

from app.services.evaluation_scope import Period
from app.services.report_options import Narrative
from app.services.settings import get_setting, set_setting
from app.services.workspace import Workspace

ANSWER_MAX = 20_000


def _key(initiative_id: int, period: Period) -> str:
    return f"narrative:{initiative_id}:{period.start.isoformat()}:{period.end.isoformat()}"


def load_narrative(ws: Workspace, initiative_id: int, period: Period) -> Narrative:
    stored = get_setting(ws, _key(initiative_id, period))
    if not isinstance(stored, dict):
        return Narrative()
    names = {f.name for f in fields(Narrative)}
    return Narrative(**{k: str(v)[:ANSWER_MAX] for k, v in stored.items() if k in names})


def save_narrative(ws: Workspace, initiative_id: int, period: Period,
                   narrative: Narrative) -> None:
    """Store the narrative (needs the edit permission); an unchanged one is not rewritten."""
    if load_narrative(ws, initiative_id, period) == narrative:
        return
    set_setting(ws, _key(initiative_id, period),
                {k: v[:ANSWER_MAX] for k, v in asdict(narrative).items()})
