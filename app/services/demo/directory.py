"""Demo directory: organizations, people, tags, affiliations."""

from __future__ import annotations

from datetime import timedelta

from app.models import (
    Affiliation,
    ContactMethod,
    Organization,
    OrganizationKind,
    Person,
    Tag,
)
from app.services.demo.common import (
    CIT_CLINICIAN,
    CITY,
    LIAISON,
    REGION,
    DemoContext,
    ascii_handle,
    phone,
)
from app.services.demo.names import (
    FIRST_NAMES,
    LAST_NAMES,
    ORGANIZATIONS,
    SPECIAL_PEOPLE,
    STREETS,
    TAGS,
    TITLES,
)

PEOPLE_TOTAL = 150
RESIDENT_GROUP_MEMBERS = 16

ORG_NOTES = {
    "rpd": "Host agency. Community Services Unit, 1st floor.",
    "safeharbor": "Confidential shelter address: mail goes to the administrative office.",
    "rbhc": "Runs the 24/7 mobile crisis team with RPD co-responders.",
    "dba": "Monthly merchant breakfast, first Thursday.",
    "oakwatch": "42 active block watch streets.",
}


def build_directory(ctx: DemoContext) -> None:
    for name in TAGS:
        ctx.tags[name] = Tag(name=name)
    ctx.session.add_all(ctx.tags.values())
    _organizations(ctx)
    _special_people(ctx)
    _staff(ctx)
    _residents(ctx)
    _second_affiliations(ctx)
    ctx.session.add_all(ctx.people)


def _organizations(ctx: DemoContext) -> None:
    rng = ctx.rng
    for key, name, kind, domain, _count in ORGANIZATIONS:
        org = Organization(
            name=name,
            kind=kind,
            email=f"info@{domain}.example.org",
            phone=phone(rng),
            website=f"https://www.{domain}.example.org",
            street=f"{rng.randint(10, 2999)} {rng.choice(STREETS)}",
            city=CITY,
            region=REGION,
            postal_code=f"45{rng.randint(100, 199)}",
            notes=ORG_NOTES.get(key, ""),
        )
        ctx.organizations[key] = org
        ctx.members[key] = []
    ctx.session.add_all(ctx.organizations.values())


def _new_person(
    ctx: DemoContext, first: str, last: str, handle: str, title: str, org_key: str
) -> Person:
    rng = ctx.rng
    domain = next(d for k, _n, _k, d, _c in ORGANIZATIONS if k == org_key) if org_key else ""
    email = f"{handle}@{domain}.example.org" if domain else f"{handle}@mail.example.com"
    person = Person(
        first_name=first,
        last_name=last,
        title=title,
        email=email if rng.random() < 0.95 else "",
        phone=phone(rng) if org_key else "",
        mobile=phone(rng) if rng.random() < 0.7 else "",
    )
    usable = [ContactMethod.MAIL, ContactMethod.IN_PERSON, None, None]
    usable += [ContactMethod.EMAIL] * 3 if person.email else []
    usable += [ContactMethod.PHONE] if person.phone else []
    usable += [ContactMethod.MOBILE, ContactMethod.TEXT] if person.mobile else []
    person.preferred_contact = rng.choice(usable)
    ctx.people.append(person)
    return person


def _affiliate(
    ctx: DemoContext, person: Person, org_key: str, role: str, primary: bool = True
) -> None:
    since = ctx.today - timedelta(days=ctx.rng.randint(120, 3650))
    person.affiliations.append(
        Affiliation(
            organization=ctx.organizations[org_key], role=role, since=since, is_primary=primary
        )
    )
    ctx.members[org_key].append(person)


def _tag(ctx: DemoContext, person: Person, *names: str) -> None:
    for name in names:
        if ctx.tags[name] not in person.tags:
            person.tags.append(ctx.tags[name])


def _unique_name(ctx: DemoContext) -> tuple[str, str]:
    taken = {(p.first_name, p.last_name) for p in ctx.people}
    while True:
        pair = (ctx.rng.choice(FIRST_NAMES), ctx.rng.choice(LAST_NAMES))
        if pair not in taken:
            return pair


def _special_people(ctx: DemoContext) -> None:
    for first, last, handle, title, org_key, role, tags in SPECIAL_PEOPLE:
        person = _new_person(ctx, first, last, handle, title, org_key)
        if org_key:
            _affiliate(ctx, person, org_key, role)
        _tag(ctx, person, *tags)
    ctx.people[LIAISON].notes = "Partnership coordinator; chairs the monthly partnership meeting."
    ctx.people[CIT_CLINICIAN].sensitive_notes = "Also handles CIT case consultations (restricted)."


def _staff(ctx: DemoContext) -> None:
    rng = ctx.rng
    for key, _name, kind, _domain, count in ORGANIZATIONS:
        for _ in range(count):
            first, last = _unique_name(ctx)
            title, role = rng.choice(TITLES[kind])
            if kind is OrganizationKind.LAW_ENFORCEMENT and key != "sheriff":
                title = "Officer" if title == "Deputy" else title
            person = _new_person(ctx, first, last, ascii_handle(f"{first} {last}"), title, key)
            _affiliate(ctx, person, key, role)
            _staff_tags(ctx, person, kind, title)


def _staff_tags(ctx: DemoContext, person: Person, kind: OrganizationKind, title: str) -> None:
    rng = ctx.rng
    if kind is OrganizationKind.LAW_ENFORCEMENT:
        _tag(ctx, person, "officer")
        if rng.random() < 0.3:
            _tag(ctx, person, "crisis intervention team")
    elif kind is OrganizationKind.HEALTH and title != "Nurse Manager":
        _tag(ctx, person, "mental health clinician")
        if rng.random() < 0.5:
            _tag(ctx, person, "crisis intervention team")
    elif kind is OrganizationKind.FAITH_BASED:
        _tag(ctx, person, "faith leader")
    elif kind is OrganizationKind.BUSINESS and title == "Owner":
        _tag(ctx, person, "business owner")
    if rng.random() < 0.15:
        _tag(ctx, person, "volunteer")


def _residents(ctx: DemoContext) -> None:
    rng = ctx.rng
    groups = ["eastna", "oakwatch", "millbrook", "heights"]
    joined = 0
    while len(ctx.people) < PEOPLE_TOTAL:
        first, last = _unique_name(ctx)
        person = _new_person(ctx, first, last, ascii_handle(f"{first} {last}"), "", "")
        _tag(ctx, person, "resident")
        if joined < RESIDENT_GROUP_MEMBERS:
            _affiliate(ctx, person, groups[joined % len(groups)], "Block Captain")
            _tag(ctx, person, "block captain")
            joined += 1
        elif rng.random() < 0.4:
            _tag(ctx, person, "volunteer")
        if rng.random() < 0.2:
            _tag(ctx, person, "youth mentor")


def _second_affiliations(ctx: DemoContext) -> None:
    """School resource officers, embedded clinicians, board seats, past jobs."""
    rng = ctx.rng
    officers = [p for p in ctx.staff("rpd") if ctx.tags["officer"] in p.tags]
    for officer, school in zip(officers[2:6], ("rhs", "eastms", "lincoln", "rcc"), strict=True):
        officer.title = "Officer"
        _affiliate(ctx, officer, school, "School Resource Officer", primary=False)
        _tag(ctx, officer, "school resource officer")
    for clinician in ctx.staff("rbhc")[:2]:
        _affiliate(ctx, clinician, "rpd", "Co-responder Clinician", primary=False)
    board = ["bgc", "foodbank", "hopestreet", "reentry"]
    for leader, org in zip(ctx.staff("baptist") + ctx.staff("stmary") + ctx.staff("newlife"),
                           board, strict=False):
        _affiliate(ctx, leader, org, "Board Member", primary=False)
        _tag(ctx, leader, "board member")
    for owner in ctx.staff("hardware") + ctx.staff("pharmacy") + ctx.staff("bank"):
        _affiliate(ctx, owner, "dba", "Member", primary=False)
    for mentor in ctx.tagged("youth mentor")[1:6]:
        _affiliate(ctx, mentor, "bbbs", "Volunteer Mentor", primary=not mentor.affiliations)
    for person in rng.sample(ctx.people[len(SPECIAL_PEOPLE):100], 5):
        since = ctx.today - timedelta(days=rng.randint(2500, 4000))
        person.affiliations.append(
            Affiliation(
                organization=ctx.organizations["mayor"],
                role="Former Staff",
                since=since,
                until=since + timedelta(days=rng.randint(200, 1500)),
            )
        )
