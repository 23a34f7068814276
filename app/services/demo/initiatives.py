"""Demo initiatives: partners with roles, goals with measurements, expenditures, SARA."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.models import ContributionType as C
from app.models import (
    Direction,
    Expenditure,
    Funding,
    Goal,
    Initiative,
    InitiativeKind,
    InitiativePartner,
    InitiativeStatus,
    Measurement,
    PartnerContribution,
    SaraRecord,
    SaraStage,
)
from app.services.demo.common import DemoContext, add_months, month_start
from app.services.demo.crime import COMPARISON_AREA, TARGET_AREA, intervention_start

Partner = tuple[str, str, str, tuple[C, ...]]
GoalSpec = tuple[str, str, float, float, Direction]


@dataclass(frozen=True)
class Spec:
    key: str
    name: str
    kind: InitiativeKind
    status: InitiativeStatus
    start: date
    end: date | None
    lead: str
    budget: int | None
    area: str | None
    comparison: str | None
    description: str
    partners: tuple[Partner, ...]
    goals: tuple[GoalSpec, ...]


def _specs(today: date) -> list[Spec]:
    dec, inc = Direction.DECREASE, Direction.INCREASE
    return [
        Spec("burglary", "Eastside Burglary Reduction Project", InitiativeKind.PROBLEM_SOLVING,
             InitiativeStatus.ACTIVE, intervention_start(today), None, "rpd", 45_000_00,
             TARGET_AREA, COMPARISON_AREA,
             "Problem-oriented project against repeat residential burglary and thefts from "
             "vehicles in Eastside, using the SARA model.",
             (("rpd", "Lead agency", "Directed patrols, crime analysis, project management",
               (C.PAID_STAFF, C.DATA, C.FACILITATION)),
              ("eastna", "Resident outreach", "Door-to-door surveys, block meetings",
               (C.VOLUNTEERS, C.COMMUNITY_CONNECTIONS)),
              ("code", "Environmental fixes", "Abandoned property and lighting citations",
               (C.PAID_STAFF, C.EXPERTISE)),
              ("hardware", "Target hardening", "Discounted locks and motion lights",
               (C.IN_KIND,)),
              ("housing", "Property owner", "Lighting and door upgrades in public housing",
               (C.FUNDING, C.IN_KIND))),
             (("Residential burglaries per month (Eastside)", "incidents", 21, 14, dec),
              ("Homes given a security survey", "homes", 0, 300, inc),
              ("Residents who feel safe at night", "%", 41, 60, inc))),
        Spec("watch", "Oak Park Neighborhood Watch", InitiativeKind.NEIGHBORHOOD_WATCH,
             InitiativeStatus.ACTIVE, month_start(today, -46), None, "oakwatch", 6_500_00,
             "Oak Park", None, "Block captains on 42 streets, quarterly walks with officers.",
             (("oakwatch", "Coordinating group", "Recruit and train block captains",
               (C.VOLUNTEERS, C.COMMUNITY_CONNECTIONS, C.FACILITATION)),
              ("rpd", "Police liaison", "Monthly crime briefings, joint walks",
               (C.PAID_STAFF, C.DATA)),
              ("library", "Meeting host", "Free meeting room", (C.IN_KIND,))),
             (("Active block captains", "people", 18, 42, inc),
              ("Households signed up for alerts", "households", 240, 900, inc))),
        Spec("mentor", "Riverton Youth Mentorship Program", InitiativeKind.YOUTH_MENTORSHIP,
             InitiativeStatus.ACTIVE, month_start(today, -34), None, "bbbs", 80_000_00,
             None, None, "One-to-one mentoring for 11–16 year olds referred by schools.",
             (("bbbs", "Program operator", "Match mentors, supervise matches",
               (C.PAID_STAFF, C.EXPERTISE)),
              ("rhs", "Referral partner", "Refer students, host meetings",
               (C.COMMUNITY_CONNECTIONS, C.IN_KIND)),
              ("eastms", "Referral partner", "Refer students", (C.COMMUNITY_CONNECTIONS,)),
              ("rotary", "Sponsor", "Annual grant and volunteer mentors",
               (C.FUNDING, C.VOLUNTEERS)),
              ("rpd", "Mentors", "Officers volunteer as mentors", (C.VOLUNTEERS,)),
              ("sports", "Activities", "Free league places for mentees", (C.IN_KIND,))),
             (("Active mentoring matches", "matches", 12, 60, inc),
              ("Mentees with school suspensions", "%", 22, 10, dec))),
        Spec("cit", "Crisis Intervention Team", InitiativeKind.CRISIS_INTERVENTION_TEAM,
             InitiativeStatus.ACTIVE, month_start(today, -28), None, "rbhc", 120_000_00,
             None, None, "Co-responder clinicians ride with CIT officers; 40-hour training.",
             (("rbhc", "Clinical lead", "Clinicians, case follow-up",
               (C.PAID_STAFF, C.EXPERTISE)),
              ("rpd", "Police lead", "CIT officers, dispatch protocol",
               (C.PAID_STAFF, C.DATA)),
              ("crisisline", "Hotline", "Warm hand-offs from 988 calls",
               (C.PAID_STAFF, C.COMMUNITY_CONNECTIONS)),
              ("hospital", "Receiving facility", "Emergency department liaison",
               (C.EXPERTISE,))),
             (("CIT-trained officers", "officers", 3, 20, inc),
              ("Crisis calls ending in arrest", "%", 18, 8, dec),
              ("Use-of-force incidents in crisis calls", "incidents/quarter", 6, 2, dec))),
        Spec("downtown", "Downtown Community Policing Partnership",
             InitiativeKind.COMMUNITY_POLICING, InitiativeStatus.COMPLETED,
             month_start(today, -58), month_start(today, -10), "rpd", 30_000_00,
             "Downtown", "Northgate", "Foot patrols and merchant meetings downtown.",
             (("rpd", "Lead agency", "Foot patrol beat", (C.PAID_STAFF,)),
              ("dba", "Merchant partner", "Merchant meetings, camera registry",
               (C.COMMUNITY_CONNECTIONS, C.FUNDING, C.ADVOCACY)),
              ("parks", "Public spaces", "Park lighting and programming", (C.PAID_STAFF,))),
             (("Merchants in camera registry", "businesses", 10, 80, inc),)),
        Spec("cpted", "Millbrook Safe Streets CPTED Review", InitiativeKind.CPTED,
             InitiativeStatus.PLANNED, add_months(today, 2), add_months(today, 14),
             "code", 15_000_00, "Millbrook", None,
             "Environmental design review of Millbrook's apartment courts and walkways.",
             (("code", "Lead", "Site surveys", (C.PAID_STAFF, C.EXPERTISE)),
              ("millbrook", "Residents", "Night walks, priorities",
               (C.VOLUNTEERS, C.COMMUNITY_CONNECTIONS))),
             (("Walkway lights working", "%", 55, 95, inc),)),
    ]


def build_initiatives(ctx: DemoContext) -> None:
    for spec in _specs(ctx.today):
        initiative = Initiative(
            name=spec.name,
            kind=spec.kind,
            status=spec.status,
            starts_on=spec.start,
            ends_on=spec.end,
            lead_organization=ctx.organizations[spec.lead],
            budget_cents=spec.budget,
            area=ctx.areas[spec.area] if spec.area else None,
            comparison_area=ctx.areas[spec.comparison] if spec.comparison else None,
            description=spec.description,
        )
        if spec.kind is InitiativeKind.CRISIS_INTERVENTION_TEAM:
            initiative.sensitive_notes = "Case consultations are recorded in the clinical system."
        _partners(ctx, initiative, spec)
        _goals(ctx, initiative, spec)
        _expenditures(ctx, initiative, spec)
        if spec.kind is InitiativeKind.PROBLEM_SOLVING:
            initiative.sara = _sara()
        ctx.initiatives[spec.key] = initiative
        ctx.session.add(initiative)


def _partners(ctx: DemoContext, initiative: Initiative, spec: Spec) -> None:
    for org_key, role, duties, contributions in spec.partners:
        staff = ctx.staff(org_key)
        partner = InitiativePartner(
            organization=ctx.organizations[org_key],
            role=role,
            responsibilities=duties,
            contact_person=staff[0] if staff else None,
            joined_on=spec.start + timedelta(days=ctx.rng.choice([0, 0, 14, 45, 90])),
        )
        partner.contributions = [PartnerContribution(type=c) for c in contributions]
        initiative.partners.append(partner)


def _goals(ctx: DemoContext, initiative: Initiative, spec: Spec) -> None:
    last = min(ctx.today, spec.end) if spec.end else ctx.today
    for position, (name, unit, baseline, target, direction) in enumerate(spec.goals):
        goal = Goal(position=position, name=name, unit=unit, baseline=baseline,
                    target=target, direction=direction)
        dates = []
        day = add_months(spec.start, 3)
        while day <= last:
            dates.append(day)
            day = add_months(day, 3)
        for index, day in enumerate(dates):
            progress = min(1.0, (index + 1) / 8)
            value = baseline + (target - baseline) * progress * ctx.rng.uniform(0.7, 1.05)
            goal.measurements.append(Measurement(measured_on=day, value=round(value, 1)))
        initiative.goals.append(goal)


EXPENSES = (
    ("Equipment", "Motion-sensor lights and door locks", Funding.CASH, 0.0),
    ("Outreach materials", "Flyers and door hangers (printing)", Funding.CASH, 0.0),
    ("Food & refreshments", "Community meeting refreshments", Funding.CASH, 0.0),
    ("Training", "Trainer fees and materials", Funding.CASH, 0.0),
    ("Volunteer time", "Volunteer hours at community events", Funding.IN_KIND, 1.0),
    ("Meeting space", "Donated meeting room", Funding.IN_KIND, 0.0),
    ("Staff time", "Partner staff time donated", Funding.IN_KIND, 0.0),
)


def _expenditures(ctx: DemoContext, initiative: Initiative, spec: Spec) -> None:
    rng = ctx.rng
    last = min(ctx.today, spec.end) if spec.end else ctx.today
    if spec.start >= last:
        return
    span = (last - spec.start).days
    partner_orgs = [ctx.organizations[p[0]] for p in spec.partners]
    for _ in range(rng.randint(6, 14)):
        category, description, funding, volunteer = rng.choice(EXPENSES)
        hours = float(rng.randint(4, 60)) if volunteer else 0.0
        amount = round(hours * 31.80 * 100) if volunteer else rng.randint(40, 2500) * 100
        initiative.expenditures.append(
            Expenditure(
                spent_on=spec.start + timedelta(days=rng.randint(0, span)),
                category=category,
                description=description,
                amount_cents=amount,
                funding=funding,
                volunteer_hours=hours,
                organization=rng.choice(partner_orgs) if funding is Funding.IN_KIND else None,
            )
        )


def _sara() -> SaraRecord:
    return SaraRecord(
        stage=SaraStage.ASSESSMENT,
        scanning="Residential burglaries in Eastside were 60% above the city rate; "
        "residents named it their top concern at two partnership meetings.",
        analysis="Most entries through unlocked rear doors and dark alleys between 2 and "
        "6 pm on weekdays; 30% of victims burgled more than once within 6 weeks.",
        response="Security surveys for repeat victims, discounted locks and lights, alley "
        "lighting citations, directed afternoon patrols, block meetings.",
        assessment="Burglaries fell by roughly a quarter compared with the year before; "
        "Westfield, the comparison area, showed no similar drop.",
    )
