"""Engagement: every figure equals a recomputation from the raw rows written differently
(plain SQL text and Python loops), on SQLite and PostgreSQL; no data is never 0."""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text

from app.models import (
    ActionItem,
    ActionStatus,
    Affiliation,
    Attendance,
    AttendanceStatus,
    ContributionType,
    Direction,
    Expenditure,
    Funding,
    Goal,
    Initiative,
    InitiativeKind,
    InitiativePartner,
    Measurement,
    Meeting,
    MeetingStatus,
    Organization,
    OrganizationKind,
    PartnerContribution,
    Person,
    utcnow,
)
from app.models.database import Database
from app.services.engagement import ENGAGEMENT_FORMULA, WEIGHTS, engagement, offset_stretches
from app.services.evaluation_scope import EvaluationScope, Period
from app.services.workspace import Workspace

PERIOD = Period(date(2026, 1, 1), date(2026, 6, 30))
TODAY = date(2026, 11, 28)


@dataclass
class World:
    ws: Workspace
    initiatives: list[int]
    orgs: list[int]


def build_world(db: Database, seed: int = 3) -> World:
    """Random but seeded records around PERIOD: affiliations with and without dates (one
    person with two roles in one organization), meetings of every status, attendance,
    action items, initiatives with partners, contributions, expenditures and goals."""
    rng = random.Random(seed)
    ws = Workspace(db)
    with ws.write() as action:
        s = action.session
        orgs = [Organization(name=f"Org {i} {'éñ'[i % 2]}", kind=OrganizationKind.NONPROFIT)
                for i in range(9)]
        orgs[8].archived_at = utcnow()
        people = [Person(first_name=f"P{i}", last_name="Test") for i in range(40)]
        s.add_all([*orgs, *people])
        s.flush()
        for person in people:
            for org in rng.sample(orgs, rng.choice((0, 1, 1, 2))):
                since = rng.choice((None, date(2025, 6, 1), date(2026, 3, 15)))
                until = rng.choice((None, None, date(2026, 2, 10), date(2026, 5, 1)))
                if since and until and until < since:
                    until = None
                s.add(Affiliation(person_id=person.id, organization_id=org.id,
                                  since=since, until=until))
        # Two roles in one organization: counted once.
        s.add_all([Affiliation(person_id=people[0].id, organization_id=orgs[0].id, role="A"),
                   Affiliation(person_id=people[0].id, organization_id=orgs[0].id, role="B")])
        initiatives = []
        for i, (start, end) in enumerate([(date(2025, 1, 1), None), (None, date(2025, 12, 31)),
                                          (date(2026, 2, 1), date(2026, 12, 31)),
                                          (date(2026, 8, 1), None)]):
            initiative = Initiative(name=f"Initiative {i}", kind=InitiativeKind.OTHER,
                                    starts_on=start, ends_on=end, budget_cents=[100_000, None,
                                    0, 50_000][i], lead_organization_id=orgs[i].id)
            s.add(initiative)
            s.flush()
            initiatives.append(initiative.id)
            for org in rng.sample(orgs, 4):
                partner = InitiativePartner(
                    initiative_id=initiative.id, organization_id=org.id,
                    joined_on=rng.choice((None, date(2025, 5, 1), date(2026, 7, 15))))
                s.add(partner)
                s.flush()
                for kind in rng.sample(list(ContributionType), rng.randint(0, 4)):
                    s.add(PartnerContribution(partner_id=partner.id, type=kind))
            for n in range(rng.randint(0, 5)):
                s.add(Expenditure(initiative_id=initiative.id, category="Other",
                                  spent_on=date(2025, 11, 1) + timedelta(days=40 * n),
                                  amount_cents=rng.randint(0, 90_000),
                                  funding=rng.choice(list(Funding)),
                                  volunteer_hours=rng.choice((0.0, 2.5, 10.0))))
            for g in range(3):
                goal = Goal(initiative_id=initiative.id, name=f"Goal {g}", unit="homes",
                            position=g, baseline=rng.choice((None, 10.0, 40.0)),
                            target=rng.choice((None, 25.0)), direction=rng.choice(list(Direction)))
                s.add(goal)
                s.flush()
                for day in rng.sample([date(2025, 12, 1), date(2026, 3, 1), date(2026, 8, 1)],
                                      rng.randint(0, 3)):
                    s.add(Measurement(goal_id=goal.id, measured_on=day,
                                      value=rng.uniform(0, 50)))
        for m in range(40):
            starts = datetime(2025, 11, 20, 18, tzinfo=UTC) + timedelta(
                days=rng.randint(0, 250), hours=rng.randint(0, 10))
            status = rng.choice((MeetingStatus.HELD, MeetingStatus.HELD, MeetingStatus.HELD,
                                 MeetingStatus.CANCELLED, MeetingStatus.SCHEDULED))
            meeting = Meeting(title=f"M{m}", starts_at=starts, ends_at=starts + timedelta(hours=1),
                              status=status, initiative_id=rng.choice([None, *initiatives]))
            s.add(meeting)
            s.flush()
            for person in rng.sample(people, rng.randint(0, 10)):
                s.add(Attendance(meeting_id=meeting.id, person_id=person.id,
                                 status=rng.choice(list(AttendanceStatus))))
            for _ in range(rng.randint(0, 2)):
                due = date(2025, 12, 1) + timedelta(days=rng.randint(0, 300))
                state = rng.choice(list(ActionStatus))
                done = due + timedelta(days=rng.randint(-5, 5)) if state is ActionStatus.DONE \
                    else None
                s.add(ActionItem(description="Do it", owner_id=rng.choice(people).id,
                                 meeting_id=meeting.id, initiative_id=meeting.initiative_id,
                                 due_on=due, status=state, completed_on=done))
    return World(ws, initiatives, [o.id for o in orgs])


@pytest.fixture
def world(any_db: Database) -> Iterator[World]:
    yield build_world(any_db)


def rows(ws: Workspace, sql: str) -> list:  # type: ignore[type-arg]
    with ws.read() as session:
        return list(session.execute(text(sql)).all())


def day_of(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value  # type: ignore[return-value]
    return date.fromisoformat(str(value)[:10])


def local_date(value: object) -> date:
    stamp = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return stamp.replace(tzinfo=UTC).astimezone().date()


def memberships(ws: Workspace) -> dict[int, list[tuple[int, date | None, date | None]]]:
    """person -> [(organization, since, until)] of organizations not archived."""
    live = {i for (i,) in rows(ws, "select id from organizations where archived_at is null")}
    found: dict[int, list[tuple[int, date | None, date | None]]] = defaultdict(list)
    for person, org, since, until in rows(
            ws, "select person_id, organization_id, since, until from affiliations"):
        if org in live:
            found[person].append((org, day_of(since), day_of(until)))
    return found


def orgs_on(member: dict, person: int, day: date) -> set[int]:  # type: ignore[type-arg]
    return {org for org, since, until in member.get(person, ())
            if (since is None or since <= day) and (until is None or until >= day)}


def initiatives_in(ws: Workspace, period: Period, only: int | None) -> list[int]:
    found = []
    for i, start, end in rows(ws, "select id, starts_on, ends_on from initiatives"):
        start, end = day_of(start), day_of(end)
        if (start is None or start <= period.end) and (end is None or end >= period.start) \
                and only in (None, i):
            found.append(i)
    return found


def joined_by(ws: Workspace, period: Period, ids: list[int]) -> set[tuple[int, int]]:
    pairs = {(i, o) for i, o, j in rows(
        ws, "select initiative_id, organization_id, joined_on from initiative_partners")
        if i in ids and (j is None or day_of(j) <= period.end)}
    pairs |= {(i, o) for i, o in rows(ws, "select id, lead_organization_id from initiatives")
              if i in ids and o is not None}
    return pairs


def expected(ws: Workspace, scope: EvaluationScope, today: date) -> dict[int, tuple]:  # type: ignore[type-arg]
    period, member = scope.period, memberships(ws)
    meetings = {m: local_date(at) for m, at, status, i in rows(
        ws, "select id, starts_at, status, initiative_id from meetings")
        if status == "held" and local_date(at) in period and scope.initiative_id in (None, i)}
    invited: dict[int, int] = defaultdict(int)
    attended: dict[int, int] = defaultdict(int)
    for meeting, person, status in rows(ws, "select meeting_id, person_id, status from attendance"):
        if meeting in meetings and status != "invited":
            for org in orgs_on(member, person, meetings[meeting]):
                invited[org] += 1
                attended[org] += status == "present"
    due: dict[int, int] = defaultdict(int)
    on_time: dict[int, int] = defaultdict(int)
    for owner, due_on, status, done, i in rows(
            ws, "select owner_id, due_on, status, completed_on, initiative_id from action_items"):
        due_on = day_of(due_on)
        if status == "dropped" or not period.start <= due_on <= min(period.end, today) \
                or scope.initiative_id not in (None, i):
            continue
        for org in orgs_on(member, owner, due_on):
            due[org] += 1
            on_time[org] += status == "done" and day_of(done) <= due_on
    ids = initiatives_in(ws, period, scope.initiative_id)
    pairs = joined_by(ws, period, ids)
    joined: dict[int, int] = defaultdict(int)
    for _i, org in pairs:
        joined[org] += 1
    types: dict[int, set[str]] = defaultdict(set)
    partner_of = {p: (i, o, day_of(j)) for p, i, o, j in rows(
        ws, "select id, initiative_id, organization_id, joined_on from initiative_partners")}
    for partner, kind in rows(ws, "select partner_id, type from partner_contributions"):
        i, org, j = partner_of[partner]
        if i in ids and (j is None or j <= period.end):
            types[org].add(kind)
    live = {i for (i,) in rows(ws, "select id from organizations where archived_at is null")}
    result = {}
    for org in live & (set(invited) | set(due) | set(joined)):
        parts = {
            "attendance": attended[org] / invited[org] if invited[org] else None,
            "on_time": on_time[org] / due[org] if due[org] else None,
            "initiatives": min(1.0, joined[org] / min(3, len(ids))) if ids else None,
            "contributions": min(1.0, len(types[org]) / 3) if joined[org] else None,
        }
        used = [k for k, v in parts.items() if v is not None]
        total = sum(WEIGHTS[k] for k in used)
        score = round(100 * sum(WEIGHTS[k] * parts[k] for k in used) / total + 1e-9) \
            if used else None
        result[org] = (invited[org], attended[org], due[org], on_time[org], joined[org],
                       len(types[org]), score, tuple(used))
    return result


@pytest.mark.parametrize("today", [TODAY, date(2026, 4, 10)])
def test_whole_partnership_matches_a_recomputation(world: World, today: date) -> None:
    scope = EvaluationScope(PERIOD)
    report = engagement(world.ws, scope, today)
    got = {r.organization_id: (r.invitations, r.attended, r.actions_due, r.actions_on_time,
                               r.initiatives_joined, r.contribution_types, r.score, r.components)
           for r in report.rows}
    assert got == expected(world.ws, scope, today)
    assert len(got) >= 5
    assert report.initiatives_in_scope == 2
    scores = [r.score for r in report.rows]
    assert scores == sorted(scores, key=lambda s: (s is None, -(s or 0)))


def test_one_initiative_matches_a_recomputation(world: World) -> None:
    for initiative in world.initiatives:
        scope = EvaluationScope(PERIOD, initiative)
        report = engagement(world.ws, scope, TODAY)
        got = {r.organization_id: (r.invitations, r.attended, r.actions_due, r.actions_on_time,
                                   r.initiatives_joined, r.contribution_types, r.score,
                                   r.components) for r in report.rows}
        assert got == expected(world.ws, scope, TODAY)


def test_no_data_is_not_zero(any_db: Database) -> None:
    ws = Workspace(any_db)
    with ws.write() as action:
        s = action.session
        never, absent = (Organization(name=n, kind=OrganizationKind.SCHOOL)
                         for n in ("Never invited", "Always absent"))
        person = Person(first_name="Ann", last_name="Lee")
        initiative = Initiative(name="Watch", kind=InitiativeKind.NEIGHBORHOOD_WATCH)
        s.add_all([never, absent, person, initiative])
        s.flush()
        s.add(Affiliation(person_id=person.id, organization_id=absent.id))
        s.add(InitiativePartner(initiative_id=initiative.id, organization_id=never.id))
        at = datetime(2026, 3, 3, 12, tzinfo=UTC)
        meeting = Meeting(title="M", starts_at=at, ends_at=at + timedelta(hours=1),
                          status=MeetingStatus.HELD)
        s.add(meeting)
        s.flush()
        s.add(Attendance(meeting_id=meeting.id, person_id=person.id,
                         status=AttendanceStatus.ABSENT))
    report = engagement(ws, EvaluationScope(PERIOD), TODAY)
    by_name = {r.name: r for r in report.rows}
    never_row, absent_row = by_name["Never invited"], by_name["Always absent"]
    assert never_row.attendance_rate is None and never_row.invitations == 0
    assert never_row.on_time_rate is None
    # partner of the only initiative (100%), no contribution listed (0%): 15*1+15*0 / 30
    assert never_row.components == ("initiatives", "contributions")
    assert never_row.score == 50
    assert absent_row.attendance_rate == 0.0
    # attendance 0% (weight 40) and initiatives 0 of 1 (weight 15): a real 0
    assert absent_row.components == ("attendance", "initiatives")
    assert absent_row.score == 0
    assert "re-weight" in ENGAGEMENT_FORMULA or "scaled up" in ENGAGEMENT_FORMULA


@pytest.fixture
def chicago() -> Iterator[None]:
    import os
    old = os.environ.get("TZ")
    os.environ["TZ"] = "America/Chicago"
    time.tzset()
    yield
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()


def test_the_meeting_date_is_the_local_date(chicago: None, any_db: Database) -> None:
    ws = Workspace(any_db)
    with ws.write() as action:
        s = action.session
        org = Organization(name="Until the 9th", kind=OrganizationKind.SCHOOL)
        person = Person(first_name="Bo", last_name="Ek")
        s.add_all([org, person])
        s.flush()
        s.add(Affiliation(person_id=person.id, organization_id=org.id,
                          since=date(2026, 3, 2), until=date(2026, 3, 9)))
        # 22:30 on 9 March in Chicago (after the DST change of 8 March) = 03:30 UTC on the 10th
        at = datetime(2026, 3, 10, 3, 30, tzinfo=UTC)
        meeting = Meeting(title="Late", starts_at=at, ends_at=at + timedelta(hours=1),
                          status=MeetingStatus.HELD)
        s.add(meeting)
        s.flush()
        s.add(Attendance(meeting_id=meeting.id, person_id=person.id,
                         status=AttendanceStatus.PRESENT))
    period = Period(date(2026, 1, 1), date(2026, 12, 31))
    assert len(offset_stretches(*_instants(period))) == 3  # CST, CDT, CST
    [row] = engagement(ws, EvaluationScope(period), TODAY).rows
    assert (row.invitations, row.attended) == (1, 1)
    assert expected(ws, EvaluationScope(period), TODAY)[row.organization_id][:2] == (1, 1)


def _instants(period: Period) -> tuple[datetime, datetime]:
    return period.utc_bounds()
