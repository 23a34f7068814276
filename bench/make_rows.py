"""Row generators for bench.make_db: plain dicts for Core inserts, scaled to the people count.

Every id is assigned here (the file is new), so child rows can point at parents without
reading anything back. Enum columns get their stored value strings; timestamps are aware
UTC datetimes (the UTCDateTime column type stores them as naive UTC).
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Any

from app.models import (
    ActionStatus,
    AttendanceStatus,
    ContactMethod,
    ContributionType,
    EnrollmentStatus,
    InitiativeKind,
    InitiativeStatus,
    MeetingStatus,
    OrganizationKind,
    Role,
)
from app.models.directory import organization_index, person_index
from app.services.demo.common import ascii_handle
from app.services.demo.crime import CATEGORIES
from app.services.demo.names import FIRST_NAMES, LAST_NAMES, SPECIAL_PEOPLE, STREETS, TAGS
from app.services.demo.training import COURSES, REQUIREMENTS

Row = dict[str, Any]
Rows = Iterator[tuple[str, list[Row]]]

FIRSTS = FIRST_NAMES + tuple(p[0] for p in SPECIAL_PEOPLE)
LASTS = LAST_NAMES + tuple(p[1] for p in SPECIAL_PEOPLE)
TITLES = (
    "",
    "",
    "",
    "",
    "Officer",
    "Sergeant",
    "Director",
    "Program Manager",
    "Teacher",
    "Pastor",
    "Owner",
    "Case Manager",
    "Clinician",
    "Coordinator",
    "Volunteer",
)
ROLES = ("Staff", "Member", "Volunteer", "Board Member", "Director", "Officer", "Liaison")
KIND_NOUNS = {
    OrganizationKind.LAW_ENFORCEMENT: ("Police Department", "Sheriff's Office"),
    OrganizationKind.NONPROFIT: ("Youth Center", "Food Bank", "Reentry Services", "Shelter"),
    OrganizationKind.SCHOOL: ("Elementary School", "Middle School", "High School"),
    OrganizationKind.BUSINESS: ("Hardware", "Pharmacy", "Market", "Auto Repair", "Bank"),
    OrganizationKind.FAITH_BASED: ("Community Church", "Mosque", "Synagogue", "Parish"),
    OrganizationKind.GOVERNMENT: ("Parks Department", "Housing Authority", "Library"),
    OrganizationKind.HEALTH: ("Community Clinic", "Behavioral Health", "Hospital"),
    OrganizationKind.RESIDENT_GROUP: (
        "Neighborhood Association",
        "Block Watch",
        "Tenants' Council",
    ),
    OrganizationKind.OTHER: ("Rotary Club", "Sports League", "Media Collective"),
}
CONTACTS = [m.value for m in ContactMethod] + [None, None]
CATEGORY_BASE = [base for _name, base, _swing in CATEGORIES]
BATCH = 50_000  # rows handed over at a time for the big tables (bounds memory)


@dataclass(frozen=True)
class Scale:
    people: int
    organizations: int
    today: date
    seed: int = 1
    meeting_count: int | None = None  # default: one meeting per 50 people
    invitees_per_meeting: int = 10

    @property
    def areas(self) -> int:
        return max(8, self.people // 1000)

    @property
    def initiatives(self) -> int:
        return max(6, self.people // 2000)

    @property
    def meetings(self) -> int:
        return self.meeting_count or max(1, self.people // 50)

    @property
    def sessions(self) -> int:
        return max(1, self.people // 10)


def generate_tables(scale: Scale) -> Rows:
    """(table name, rows) in an order that satisfies every foreign key."""
    rng = random.Random(scale.seed)
    now = datetime.now(UTC).replace(microsecond=0)
    yield "tags", [{"id": i + 1, "name": name} for i, name in enumerate(TAGS)]
    yield from _directory(rng, scale, now)
    yield from _crime(rng, scale)
    yield from _initiatives(rng, scale, now)
    yield from _meetings(rng, scale, now)
    yield from _training(rng, scale, now)
    yield (
        "users",
        [
            {
                "id": 1,
                "username": "admin",
                "display_name": "Benchmark admin",
                "role": Role.ADMIN.value,
                "can_see_sensitive": True,
                "password_hash": None,
                "failed_attempts": 0,
                "active": True,
                "created_at": now,
                "updated_at": now,
                "version": 1,
            }
        ],
    )
    yield "settings", [{"key": "agency_name", "value": "Riverton Police Department"}]


def _stamps(rng: random.Random, now: datetime, n: int, years: int = 8) -> list[datetime]:
    pool = [now - timedelta(days=d, minutes=rng.randrange(1440)) for d in range(365 * years)]
    return rng.choices(pool, k=n)


def _phones(rng: random.Random, n: int) -> list[str]:
    return [
        f"(555) {x // 10000}-{x % 10000:04d}" for x in rng.choices(range(2010000, 9000000), k=n)
    ]


@cache
def _handle(name: str) -> str:
    return ascii_handle(name) or "x"


def _directory(rng: random.Random, scale: Scale, now: datetime) -> Rows:
    kinds = list(OrganizationKind)
    n_org = scale.organizations
    org_kinds = rng.choices(kinds, weights=[4, 20, 12, 25, 12, 8, 8, 8, 3], k=n_org)
    places = rng.choices(LASTS + tuple(s.split()[0] for s in STREETS), k=n_org)
    phones = _phones(rng, n_org)
    stamps = _stamps(rng, now, n_org)
    orgs = []
    for i in range(n_org):
        kind = org_kinds[i]
        name = f"{places[i]} {rng.choice(KIND_NOUNS[kind])}"
        domain = f"{_handle(name).replace('.', '')}{i + 1}.example.org"
        org = {
            "id": i + 1,
            "name": name,
            "kind": kind.value,
            "email": f"info@{domain}",
            "phone": phones[i],
            "website": f"https://{domain}",
            "street": f"{rng.randint(1, 9999)} {rng.choice(STREETS)}",
            "city": "Riverton",
            "region": "OH",
            "postal_code": f"45{rng.randint(100, 199)}",
            "notes": "",
            "created_at": stamps[i],
            "updated_at": stamps[i],
            "version": 1,
            "archived_at": None,
            "import_batch_id": None,
        }
        org.update(organization_index(org))
        orgs.append(org)
    yield "organizations", orgs
    org_names = {org["id"]: org["name"] for org in orgs}

    n = scale.people
    firsts, lasts = rng.choices(FIRSTS, k=n), rng.choices(LASTS, k=n)
    # Affiliations first: each person's search text carries their organizations' names.
    counts = rng.choices((0, 1, 2, 3), weights=(15, 58, 22, 5), k=n)
    total = sum(counts)
    org_picks = iter(rng.choices(range(1, n_org + 1), k=total))
    roles = iter(rng.choices(ROLES, k=total))
    starts = iter(rng.choices([scale.today - timedelta(days=d) for d in range(30, 3650)], k=total))
    affiliations: list[Row] = []
    member_of: list[list[str]] = [[] for _ in range(n + 1)]
    for person, count in enumerate(counts, start=1):
        seen: set[int] = set()
        for number in range(count):
            org, role, since = next(org_picks), next(roles), next(starts)
            if org in seen:
                continue
            seen.add(org)
            member_of[person].append(org_names[org])
            until = since + timedelta(days=30 + org % 900) if number == 2 else None
            affiliations.append(
                {
                    "id": len(affiliations) + 1,
                    "person_id": person,
                    "organization_id": org,
                    "role": role,
                    "since": since,
                    "until": until,
                    "is_primary": number == 0,
                }
            )

    titles = rng.choices(TITLES, k=n)
    phones, mobiles = _phones(rng, n), _phones(rng, n)
    contacts = rng.choices(CONTACTS, k=n)
    stamps = _stamps(rng, now, n)
    people = []
    for i in range(n):
        first, last = firsts[i], lasts[i]
        email = f"{_handle(first)}.{_handle(last)}{i + 1}@mail.example.com"
        phone = phones[i] if i % 3 else ""
        mobile = mobiles[i] if i % 5 else ""
        notes = "Prefers evening calls." if i % 41 == 0 else ""
        person = {
            "id": i + 1,
            "first_name": first,
            "last_name": last,
            "title": titles[i],
            "email": email,
            "phone": phone,
            "mobile": mobile,
            "preferred_contact": contacts[i],
            "notes": notes,
            "sensitive_notes": "",
            "created_at": stamps[i],
            "updated_at": stamps[i],
            "version": 1,
            "archived_at": None,
            "import_batch_id": None,
        }
        primary = member_of[i + 1][0] if member_of[i + 1] else ""
        person.update(person_index(person, member_of[i + 1], primary))
        people.append(person)
        if len(people) == BATCH:
            yield "people", people
            people = []
    yield "people", people

    counts = rng.choices((0, 0, 1, 1, 1, 2), k=n)
    picks = iter(rng.choices(range(1, len(TAGS) + 1), k=sum(counts)))
    tag_rows = []
    for person, count in enumerate(counts, start=1):
        for tag in {next(picks) for _ in range(count)}:
            tag_rows.append({"person_id": person, "tag_id": tag})
        if len(tag_rows) >= BATCH:
            yield "person_tags", tag_rows
            tag_rows = []
    yield "person_tags", tag_rows

    for start in range(0, len(affiliations), BATCH):
        yield "affiliations", affiliations[start : start + BATCH]


def _crime(rng: random.Random, scale: Scale) -> Rows:
    yield (
        "areas",
        [
            {
                "id": a + 1,
                "name": f"Beat {a + 1:03d}",
                "kind": "beat",
                "population": rng.randint(2000, 20000),
            }
            for a in range(scale.areas)
        ],
    )
    yield (
        "offense_categories",
        [{"id": c + 1, "name": name} for c, (name, _b, _s) in enumerate(CATEGORIES)],
    )
    first = scale.today.replace(day=1)
    months = []
    for back in range(60, 0, -1):
        index = first.year * 12 + first.month - 1 - back
        months.append(date(index // 12, index % 12 + 1, 1))
    rows: list[Row] = []
    count_id = 0
    for area in range(1, scale.areas + 1):
        if len(rows) >= BATCH:
            yield "crime_counts", rows
            rows = []
        level = rng.uniform(0.3, 2.0)
        for category, base in enumerate(CATEGORY_BASE, start=1):
            for month in months:
                season = 1 + 0.2 * math.cos(2 * math.pi * (month.month - 7) / 12)
                mean = base * level * season
                count_id += 1
                rows.append(
                    {
                        "id": count_id,
                        "area_id": area,
                        "category_id": category,
                        "month": month,
                        "import_batch_id": None,
                        "count": max(0, round(rng.gauss(mean, math.sqrt(mean)))),
                    }
                )
    yield "crime_counts", rows


def _initiatives(rng: random.Random, scale: Scale, now: datetime) -> Rows:
    kinds, statuses = list(InitiativeKind), list(InitiativeStatus)
    rows, partners, contributions = [], [], []
    for i in range(1, scale.initiatives + 1):
        kind = kinds[i % len(kinds)]
        start = scale.today - timedelta(days=rng.randint(-60, 1800))
        area = rng.randint(1, scale.areas)
        rows.append(
            {
                "id": i,
                "name": f"{kind.value.replace('_', ' ').title()} initiative {i:04d}",
                "kind": kind.value,
                "status": statuses[i % len(statuses)].value,
                "area_id": area,
                "comparison_area_id": area % scale.areas + 1 if i % 2 else None,
                "starts_on": start,
                "ends_on": None,
                "lead_organization_id": rng.randint(1, scale.organizations),
                "description": "",
                "budget_cents": rng.randint(1000, 200000) * 100,
                "sensitive_notes": "",
                "created_at": now,
                "updated_at": now,
                "version": 1,
                "archived_at": None,
            }
        )
        orgs = rng.sample(range(1, scale.organizations + 1), min(5, scale.organizations))
        for org in orgs:
            partners.append(
                {
                    "id": len(partners) + 1,
                    "initiative_id": i,
                    "organization_id": org,
                    "role": "Partner",
                    "responsibilities": "",
                    "contact_person_id": None,
                    "joined_on": start,
                }
            )
            for kind_ in rng.sample(list(ContributionType), 2):
                contributions.append({"partner_id": len(partners), "type": kind_.value})
    yield "initiatives", rows
    yield "initiative_partners", partners
    yield "partner_contributions", contributions


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def _meetings(rng: random.Random, scale: Scale, now: datetime) -> Rows:
    meetings, agenda, attendance, actions = [], [], [], []
    n_people = scale.people
    for m in range(1, scale.meetings + 1):
        day = scale.today + timedelta(days=rng.randint(-3 * 365, 90))
        held = day < scale.today
        status = (
            (MeetingStatus.HELD if rng.random() < 0.95 else MeetingStatus.CANCELLED)
            if held
            else MeetingStatus.SCHEDULED
        )
        initiative = rng.randint(1, scale.initiatives) if m % 2 else None
        meetings.append(
            {
                "id": m,
                "title": f"Partnership meeting {m:05d}",
                "starts_at": _at(day, 18),
                "ends_at": _at(day, 19),
                "location": "Community Room",
                "status": status.value,
                "initiative_id": initiative,
                "series_id": None,
                "minutes": "Discussed agenda." if status is MeetingStatus.HELD else "",
                "decisions": "",
                "walk_in_count": rng.randint(0, 8) if held else 0,
                "created_at": now,
                "updated_at": now,
                "version": 1,
            }
        )
        for position in range(4):
            agenda.append(
                {
                    "id": len(agenda) + 1,
                    "meeting_id": m,
                    "position": position,
                    "title": f"Item {position + 1}",
                    "presenter_name": "",
                    "presenter_id": rng.randint(1, n_people),
                    "minutes_allotted": 15,
                    "notes": "",
                }
            )
        invitees = rng.sample(range(1, n_people + 1), min(scale.invitees_per_meeting, n_people))
        for person in invitees:
            att = (
                rng.choice(("present", "present", "present", "excused", "absent"))
                if status is MeetingStatus.HELD
                else AttendanceStatus.INVITED.value
            )
            attendance.append({"meeting_id": m, "person_id": person, "status": att})
        if status is not MeetingStatus.HELD:
            continue
        for _ in range(2):
            due = day + timedelta(days=rng.randint(7, 45))
            done = rng.random() < 0.7
            actions.append(
                {
                    "id": len(actions) + 1,
                    "description": "Follow up with partners",
                    "owner_id": rng.choice(invitees),
                    "meeting_id": m,
                    "initiative_id": initiative,
                    "due_on": due,
                    "status": ActionStatus.DONE.value if done else ActionStatus.OPEN.value,
                    "completed_on": min(scale.today, due) if done else None,
                    "notes": "",
                    "created_at": now,
                    "updated_at": now,
                    "version": 1,
                }
            )
    yield "meetings", meetings
    yield "agenda_items", agenda
    yield "attendance", attendance
    yield "action_items", actions


def _training(rng: random.Random, scale: Scale, now: datetime) -> Rows:
    yield (
        "courses",
        [
            {
                "id": c + 1,
                "name": name,
                "category": category.value,
                "description": "",
                "default_hours": hours,
                "validity_months": validity,
                "reminder_days": 30,
                "created_at": now,
                "updated_at": now,
                "version": 1,
                "archived_at": None,
            }
            for c, (_key, name, category, hours, validity) in enumerate(COURSES)
        ],
    )
    course_ids = {key: c + 1 for c, (key, *_rest) in enumerate(COURSES)}
    yield (
        "requirements",
        [
            {
                "id": r + 1,
                "course_id": course_ids[key],
                "tag_id": TAGS.index(tag) + 1,
                "mode": mode.value,
            }
            for r, (tag, key, mode) in enumerate(REQUIREMENTS)
        ],
    )
    sessions: list[Row] = []
    ends: list[tuple[date | None, float]] = []  # last day if already over, and hours
    for s in range(1, scale.sessions + 1):
        course = rng.randrange(len(COURSES))
        hours = COURSES[course][3]
        day = scale.today + timedelta(days=rng.randint(-4 * 365, 90))
        days = math.ceil(hours / 8)
        last = day + timedelta(days=days - 1)
        ends.append((last if last < scale.today else None, hours))
        sessions.append(
            {
                "id": s,
                "course_id": course + 1,
                "starts_at": _at(day, 9),
                "days": days,
                "hours": hours,
                "trainer_id": None,
                "trainer_name": "Staff trainer",
                "provider_id": None,
                "location": "Training Room",
                "capacity": 60,
                "created_at": now,
                "updated_at": now,
                "version": 1,
            }
        )
    yield "training_sessions", sessions
    counts = rng.choices((1, 2, 3, 4, 5), weights=(10, 20, 30, 25, 15), k=scale.people)
    total = sum(counts)
    picks = iter(rng.choices(range(scale.sessions), k=total))
    rolls = iter([rng.random() for _ in range(total)])
    completed = EnrollmentStatus.COMPLETED.value
    no_show, enrolled = EnrollmentStatus.NO_SHOW.value, EnrollmentStatus.ENROLLED.value
    enrollments: list[Row] = []
    enrollment_id = 0
    for person, count in enumerate(counts, start=1):
        seen: set[int] = set()
        for _ in range(count):
            s, roll = next(picks), next(rolls)
            if s in seen:
                continue
            seen.add(s)
            ended, hours = ends[s]
            enrollment_id += 1
            row = {
                "id": enrollment_id,
                "session_id": s + 1,
                "person_id": person,
                "status": enrolled,
                "hours_credited": None,
                "completed_on": None,
            }
            if ended is not None:
                if roll < 0.9:
                    row["status"], row["completed_on"], row["hours_credited"] = (
                        completed,
                        ended,
                        hours,
                    )
                else:
                    row["status"] = no_show
            enrollments.append(row)
        if len(enrollments) >= BATCH:
            yield "enrollments", enrollments
            enrollments = []
    yield "enrollments", enrollments
