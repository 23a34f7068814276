"""Initiatives: validated create/update of an initiative saved whole.

The editor saves the details, the partners with their roles and contribution types, the
goals with their measurements and (for problem-solving projects) the SARA record in one
transaction against the version it loaded. Resources are records of their own
(``expenditures``), saved at once like a meeting's action items.

Sensitive notes are read and written only by users with the SEE_SENSITIVE permission:
others get ``None`` in the form and save ``None``, which leaves the notes as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.models import (
    Area,
    ContributionType,
    Goal,
    Initiative,
    InitiativeKind,
    InitiativePartner,
    InitiativeStatus,
    Measurement,
    Organization,
    PartnerContribution,
    Person,
    SaraRecord,
    SaraStage,
    utcnow,
)
from app.models.base import NAME_LENGTH
from app.services.errors import FieldErrors, ValidationError
from app.services.fields import clean
from app.services.initiative_goals import GoalEntry, MeasurementEntry, validated_goal
from app.services.initiatives import LABEL
from app.services.money import MAX_CENTS, format_money
from app.services.permissions import Permission
from app.services.records import expect_version, load
from app.services.workspace import Workspace

ROLE_LENGTH = 200
WHOLE_INITIATIVE = (
    selectinload(Initiative.partners).selectinload(InitiativePartner.contributions),
    selectinload(Initiative.partners).joinedload(InitiativePartner.organization),
    selectinload(Initiative.partners).joinedload(InitiativePartner.contact_person),
    selectinload(Initiative.goals).selectinload(Goal.measurements),
    selectinload(Initiative.sara),
)


@dataclass(frozen=True)
class PartnerEntry:
    organization_id: int
    organization_name: str = ""  # for display; the directory's name is what is shown
    role: str = ""
    responsibilities: str = ""
    contact_person_id: int | None = None
    contact_name: str = ""  # for display
    joined_on: date | None = None
    contributions: tuple[ContributionType, ...] = ()


@dataclass(frozen=True)
class SaraEntry:
    stage: SaraStage = SaraStage.SCANNING
    scanning: str = ""
    analysis: str = ""
    response: str = ""
    assessment: str = ""


@dataclass(frozen=True)
class InitiativeInput:
    name: str
    kind: InitiativeKind
    status: InitiativeStatus = InitiativeStatus.PLANNED
    area_id: int | None = None
    comparison_area_id: int | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    lead_organization_id: int | None = None
    budget_cents: int | None = None  # None: no budget (which is not a budget of 0)
    description: str = ""
    sensitive_notes: str | None = None  # None: left as stored (and hidden)
    partners: tuple[PartnerEntry, ...] = ()
    goals: tuple[GoalEntry, ...] = ()
    sara: SaraEntry | None = None  # kept for problem-solving initiatives only


@dataclass(frozen=True)
class InitiativeForm:
    """What the editor loads: the values, the version and the names shown beside them."""

    id: int
    version: int
    data: InitiativeInput
    archived: bool
    area_name: str
    comparison_area_name: str
    lead_organization_name: str


def validated_partner(entry: PartnerEntry) -> PartnerEntry:
    """One partner checked on its own (the partner dialog, and each on save)."""
    errors = FieldErrors()
    errors.check(entry.organization_id is not None, "organization_id",
                 "Choose the partner organization.")
    role = clean(entry.role)
    errors.check(len(role) <= ROLE_LENGTH, "role", f"At most {ROLE_LENGTH} characters.")
    errors.raise_if_any()
    kinds = tuple(dict.fromkeys(entry.contributions))  # each once, in the order given
    return replace(entry, role=role, responsibilities=entry.responsibilities.strip(),
                   contributions=kinds)


def validated(data: InitiativeInput) -> InitiativeInput:
    errors = FieldErrors()
    name = clean(data.name)
    errors.require("name", name, "Name")
    errors.check(len(name) <= NAME_LENGTH, "name", f"At most {NAME_LENGTH} characters.")
    if data.starts_on and data.ends_on:
        errors.check(data.ends_on >= data.starts_on, "ends_on",
                     "The end cannot be before the start.")
    if data.area_id is not None:
        errors.check(data.comparison_area_id != data.area_id, "comparison_area_id",
                     "The comparison area must be another area than the initiative's.")
    if data.budget_cents is not None:
        errors.check(0 <= data.budget_cents <= MAX_CENTS, "budget_cents",
                     f"A budget from 0 to {format_money(MAX_CENTS)}.")
    partners = []
    for number, entry in enumerate(data.partners, start=1):
        try:
            partners.append(validated_partner(entry))
        except ValidationError as error:
            errors.add("partners", f"Partner {number}: {next(iter(error.errors.values()))}")
    seen: set[int] = set()
    for entry in partners:
        errors.check(entry.organization_id not in seen, "partners",
                     f"{entry.organization_name or 'An organization'} is listed twice.")
        seen.add(entry.organization_id)
    goals = []
    for number, goal in enumerate(data.goals, start=1):
        try:
            goals.append(validated_goal(goal))
        except ValidationError as error:
            label = clean(goal.name) or f"Goal {number}"
            errors.add("goals", f"{label}: {next(iter(error.errors.values()))}")
    errors.raise_if_any()
    sara = data.sara
    if sara is not None:
        sara = SaraEntry(sara.stage, *(getattr(sara, f).strip() for f in
                                       ("scanning", "analysis", "response", "assessment")))
    return replace(
        data, name=name, description=data.description.strip(),
        sensitive_notes=None if data.sensitive_notes is None else data.sensitive_notes.strip(),
        partners=tuple(partners), goals=tuple(goals), sara=sara,
    )


def _check(ws: Workspace, data: InitiativeInput) -> InitiativeInput:
    ws.require(Permission.EDIT)
    if data.sensitive_notes is not None:
        ws.require(Permission.SEE_SENSITIVE, "initiatives")
    return validated(data)


def create_initiative(ws: Workspace, data: InitiativeInput) -> int:
    data = _check(ws, data)
    with ws.write() as action:
        _unique_name(action.session, data.name, None)
        initiative = Initiative(name=data.name, kind=data.kind)
        action.session.add(initiative)
        apply(action.session, initiative, data)
        action.session.flush()
        return initiative.id


def update_initiative(ws: Workspace, initiative_id: int, data: InitiativeInput,
                      version: int) -> None:
    data = _check(ws, data)
    with ws.write() as action:
        initiative = load(action.session, Initiative, initiative_id, LABEL, WHOLE_INITIATIVE)
        expect_version(initiative, version, LABEL)
        _unique_name(action.session, data.name, initiative_id)
        apply(action.session, initiative, data)


def _unique_name(session: Session, name: str, own_id: int | None) -> None:
    query = select(Initiative.id).where(func.lower(Initiative.name) == name.lower())
    if own_id is not None:
        query = query.where(Initiative.id != own_id)
    if session.scalar(query.limit(1)) is not None:
        raise ValidationError.single("name", "Another initiative has this name.")


def apply(session: Session, initiative: Initiative, data: InitiativeInput) -> None:
    """Write ``data`` (validated) onto ``initiative`` and its parts."""
    _check_links(session, data)
    initiative.updated_at = utcnow()  # every save bumps the version, of the parts too
    for field in ("name", "kind", "status", "area_id", "comparison_area_id", "starts_on",
                  "ends_on", "lead_organization_id", "budget_cents", "description"):
        setattr(initiative, field, getattr(data, field))
    if data.sensitive_notes is not None:
        initiative.sensitive_notes = data.sensitive_notes
    _apply_partners(initiative, data.partners)
    _apply_goals(initiative, data.goals)
    if data.kind is InitiativeKind.PROBLEM_SOLVING:
        sara = data.sara or SaraEntry()
        if initiative.sara is None:
            initiative.sara = SaraRecord()
        for field in ("stage", "scanning", "analysis", "response", "assessment"):
            setattr(initiative.sara, field, getattr(sara, field))
    # Another kind keeps a SARA record it had (nothing is lost by changing the kind).


def _check_links(session: Session, data: InitiativeInput) -> None:
    """Chosen areas, organizations and people that were deleted meanwhile: say so."""
    errors = FieldErrors()
    for field, model, record_id in (
        ("area_id", Area, data.area_id),
        ("comparison_area_id", Area, data.comparison_area_id),
        ("lead_organization_id", Organization, data.lead_organization_id),
    ):
        if record_id is not None and session.get(model, record_id) is None:
            errors.add(field, "This no longer exists; choose again.")
    orgs = {p.organization_id for p in data.partners}
    people = {p.contact_person_id for p in data.partners} - {None}
    if orgs and len(set(session.scalars(select(Organization.id).where(
            Organization.id.in_(orgs))))) != len(orgs):
        errors.add("partners", "A partner organization no longer exists; remove it.")
    if people and len(set(session.scalars(select(Person.id).where(
            Person.id.in_(people))))) != len(people):
        errors.add("partners", "A partner's contact person no longer exists; choose again.")
    errors.raise_if_any()


def _apply_partners(initiative: Initiative, partners: tuple[PartnerEntry, ...]) -> None:
    existing = {p.organization_id: p for p in initiative.partners}
    wanted = {entry.organization_id for entry in partners}
    for organization_id, partner in existing.items():
        if organization_id not in wanted:
            initiative.partners.remove(partner)
    for entry in partners:
        partner = existing.get(entry.organization_id)
        if partner is None:
            partner = InitiativePartner(organization_id=entry.organization_id)
            initiative.partners.append(partner)
        partner.role = entry.role
        partner.responsibilities = entry.responsibilities
        partner.contact_person_id = entry.contact_person_id
        partner.joined_on = entry.joined_on
        have = {c.type: c for c in partner.contributions}
        for kind, contribution in have.items():
            if kind not in entry.contributions:
                partner.contributions.remove(contribution)
        for kind in entry.contributions:
            if kind not in have:
                partner.contributions.append(PartnerContribution(type=kind))


def _apply_goals(initiative: Initiative, goals: tuple[GoalEntry, ...]) -> None:
    existing = {g.id: g for g in initiative.goals}
    kept = {entry.id for entry in goals if entry.id in existing}
    for goal_id, goal in existing.items():
        if goal_id not in kept:
            initiative.goals.remove(goal)
    for position, entry in enumerate(goals):
        goal = existing.get(entry.id) if entry.id is not None else None
        if goal is None:
            goal = Goal(name=entry.name, direction=entry.direction)
            initiative.goals.append(goal)
        goal.position = position
        goal.name = entry.name
        goal.unit = entry.unit
        goal.baseline = entry.baseline
        goal.target = entry.target
        goal.direction = entry.direction
        _apply_measurements(goal, entry.measurements)


def _apply_measurements(goal: Goal, measurements: tuple[MeasurementEntry, ...]) -> None:
    have = {m.measured_on: m for m in goal.measurements}
    wanted = {m.measured_on: m for m in measurements}
    for day, row in have.items():
        if day not in wanted:
            goal.measurements.remove(row)
    for day, entry in wanted.items():
        row = have.get(day)
        if row is None:
            goal.measurements.append(Measurement(measured_on=day, value=entry.value,
                                                 note=entry.note))
        else:
            row.value, row.note = entry.value, entry.note


def initiative_input(initiative: Initiative, see_sensitive: bool) -> InitiativeInput:
    sara = initiative.sara
    return InitiativeInput(
        name=initiative.name, kind=initiative.kind, status=initiative.status,
        area_id=initiative.area_id, comparison_area_id=initiative.comparison_area_id,
        starts_on=initiative.starts_on, ends_on=initiative.ends_on,
        lead_organization_id=initiative.lead_organization_id,
        budget_cents=initiative.budget_cents, description=initiative.description,
        sensitive_notes=initiative.sensitive_notes if see_sensitive else None,
        partners=tuple(_partner(p) for p in sorted(initiative.partners, key=lambda p: p.id)),
        goals=tuple(
            GoalEntry(name=g.name, unit=g.unit, baseline=g.baseline, target=g.target,
                      direction=g.direction, id=g.id,
                      measurements=tuple(MeasurementEntry(m.measured_on, m.value, m.note)
                                         for m in g.measurements))
            for g in initiative.goals
        ),
        sara=None if sara is None else SaraEntry(sara.stage, sara.scanning, sara.analysis,
                                                 sara.response, sara.assessment),
    )


def _partner(partner: InitiativePartner) -> PartnerEntry:
    order = list(ContributionType)
    return PartnerEntry(
        organization_id=partner.organization_id,
        organization_name=partner.organization.name,
        role=partner.role,
        responsibilities=partner.responsibilities,
        contact_person_id=partner.contact_person_id,
        contact_name=partner.contact_person.full_name if partner.contact_person else "",
        joined_on=partner.joined_on,
        contributions=tuple(sorted((c.type for c in partner.contributions), key=order.index)),
    )


def initiative_form(ws: Workspace, initiative_id: int) -> InitiativeForm:
    with ws.read() as session:
        initiative = load(session, Initiative, initiative_id, LABEL, (
            *WHOLE_INITIATIVE,
            selectinload(Initiative.area), selectinload(Initiative.comparison_area),
            selectinload(Initiative.lead_organization),
        ))
        return InitiativeForm(
            id=initiative.id,
            version=initiative.version,
            data=initiative_input(initiative, ws.may(Permission.SEE_SENSITIVE)),
            archived=initiative.is_archived,
            area_name=initiative.area.name if initiative.area else "",
            comparison_area_name=(initiative.comparison_area.name
                                  if initiative.comparison_area else ""),
            lead_organization_name=(initiative.lead_organization.name
                                    if initiative.lead_organization else ""),
        )
