"""Initiatives: labels, pickers, archive/restore and permanent deletion.

The editor (an initiative saved whole with its partners, goals and SARA record) is in
``initiative_editing``; the list in ``initiative_list``; resources in ``expenditures``.
"""

from __future__ import annotations

from sqlalchemy import select

from app.models import (
    ContributionType,
    Funding,
    Initiative,
    InitiativeKind,
    InitiativeStatus,
    SaraStage,
    utcnow,
)
from app.services.errors import ValidationError
from app.services.permissions import Permission
from app.services.records import load
from app.services.references import describe, references
from app.services.workspace import Workspace

LABEL = "initiative"

KIND_LABELS = {
    InitiativeKind.NEIGHBORHOOD_WATCH: "Neighborhood watch",
    InitiativeKind.YOUTH_MENTORSHIP: "Youth mentorship",
    InitiativeKind.CRISIS_INTERVENTION_TEAM: "Crisis intervention team",
    InitiativeKind.COMMUNITY_POLICING: "Community policing",
    InitiativeKind.PROBLEM_SOLVING: "Problem-solving project",
    InitiativeKind.CPTED: "CPTED (environmental design)",
    InitiativeKind.OTHER: "Other",
}
STATUS_LABELS = {s: s.value.capitalize() for s in InitiativeStatus}
CONTRIBUTION_LABELS = {
    ContributionType.FUNDING: "Funding",
    ContributionType.IN_KIND: "In-kind",
    ContributionType.PAID_STAFF: "Paid staff",
    ContributionType.VOLUNTEERS: "Volunteers",
    ContributionType.DATA: "Data",
    ContributionType.EXPERTISE: "Expertise",
    ContributionType.COMMUNITY_CONNECTIONS: "Community connections",
    ContributionType.FACILITATION: "Facilitation/leadership",
    ContributionType.ADVOCACY: "Advocacy",
}
FUNDING_LABELS = {Funding.CASH: "Cash", Funding.IN_KIND: "In-kind"}
SARA_STAGE_LABELS = {s: s.value.capitalize() for s in SaraStage}


def initiative_choices(ws: Workspace) -> list[tuple[int, str]]:
    """Every initiative not archived, by name, for pickers and filters."""
    with ws.read() as session:
        rows = session.execute(
            select(Initiative.id, Initiative.name)
            .where(Initiative.archived_at.is_(None))
            .order_by(Initiative.name)
        )
        return [(initiative_id, name) for initiative_id, name in rows]


def set_initiative_archived(ws: Workspace, initiative_id: int, archived: bool) -> None:
    """Archive (leave the lists and pickers, keep everything) or restore an initiative."""
    ws.require(Permission.EDIT)
    with ws.write() as action:
        initiative = load(action.session, Initiative, initiative_id, LABEL)
        if initiative.is_archived != archived:
            initiative.archived_at = utcnow() if archived else None


def delete_initiative(ws: Workspace, initiative_id: int) -> None:
    """Delete for good with its partners, goals, resources and SARA record; refused while
    meetings, action items or surveys point to it (archive it instead)."""
    ws.require(Permission.DELETE_PERMANENTLY)
    with ws.write() as action:
        initiative = load(action.session, Initiative, initiative_id, LABEL)
        own = ("initiative_partners", "goals", "expenditures", "sara_records")
        linked = references(action.session, "initiatives", initiative_id, ignore=own)
        if linked:
            raise ValidationError.single(
                "", f"{initiative.name} still has {describe(linked)}; archive it instead."
            )
        action.session.delete(initiative)
