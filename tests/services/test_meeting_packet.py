"""The meeting packet's content, on SQLite and PostgreSQL: what the printed packet will say."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from app.models import (
    ActionItem,
    ActionStatus,
    Affiliation,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    AuditEntry,
    AuditOutcome,
    Direction,
    Goal,
    Initiative,
    InitiativeKind,
    Measurement,
    Meeting,
    MeetingSeries,
    MeetingStatus,
    Organization,
    OrganizationKind,
    Person,
    Role,
)
from app.models.database import Database
from app.services.errors import NotFoundError
from app.services.goal_status import GoalStatus
from app.services.meeting_packet import build_meeting_packet
from app.services.permissions import AccessDenied
from app.services.settings import AGENCY_NAME, set_setting
from app.services.workspace import Workspace

TODAY = date(2026, 3, 20)


@pytest.fixture(autouse=True)
def chicago_time() -> Iterator[None]:
    """Local time is America/Chicago (UTC-5 in March 2026, after the DST change on 8 March)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "America/Chicago")
        time.tzset()
        yield
    time.tzset()


def utc(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@dataclass(frozen=True)
class Council:
    ws: Workspace
    initiative: int
    january: int
    february: int  # cancelled
    march: int  # the meeting the packet is for
    april: int
    standalone: int  # neither series nor initiative


def meeting(title: str, start: datetime, **fields: object) -> Meeting:
    return Meeting(title=title, starts_at=start, ends_at=start + timedelta(hours=1, minutes=30),
                   **fields)


def person(first: str, last: str, organization: Organization | None = None) -> Person:
    p = Person(first_name=first, last_name=last)
    if organization is not None:
        p.affiliations.append(Affiliation(organization=organization, is_primary=True))
    return p


def build_council(db: Database) -> Council:
    ws = Workspace(db)
    set_setting(ws, AGENCY_NAME, "Riverton Police Department")
    with db.write() as s:
        school = Organization(name="Riverton High", kind=OrganizationKind.SCHOOL)
        shelter = Organization(name="Safe Harbor", kind=OrganizationKind.NONPROFIT)
        zoe = person("Zoë", "Núñez", school)
        dmitri = person("Дмитрий", "Иванов", shelter)
        ann = person("Ann", "Adams")
        yamada = person("太郎", "山田", shelter)
        watch = Initiative(name="Riverside Watch", kind=InitiativeKind.NEIGHBORHOOD_WATCH)
        watch.goals = [
            Goal(name="Burglaries per month", unit="incidents", baseline=40, target=20,
                 direction=Direction.DECREASE, position=1,
                 measurements=[Measurement(measured_on=date(2026, 1, 31), value=30),
                               Measurement(measured_on=date(2026, 2, 28), value=24)]),
            Goal(name="Block captains", baseline=5, target=12, direction=Direction.INCREASE,
                 position=2, measurements=[Measurement(measured_on=date(2026, 2, 1), value=12)]),
            Goal(name="Survey satisfaction", unit="%", target=80,
                 direction=Direction.INCREASE, position=3),
        ]
        series = MeetingSeries(title="Riverside council", rule="FREQ=MONTHLY;BYDAY=2TU",
                               initiative_id=None)
        january = meeting("January council", utc(2026, 1, 14, 0), series=series,
                          initiative=watch, status=MeetingStatus.HELD,
                          minutes="Opened at 6.\nPatrol report.", decisions="Buy cameras")
        february = meeting("February council", utc(2026, 2, 11, 0), series=series,
                           initiative=watch, status=MeetingStatus.CANCELLED,
                           minutes="never held")
        march = meeting("March council", utc(2026, 3, 10, 23), series=series, initiative=watch,
                        location="Library, room 2", walk_in_count=3,
                        minutes="Budget agreed.", decisions="Meet monthly")
        april = meeting("April council", utc(2026, 4, 14, 23), series=series, initiative=watch)
        standalone = meeting("Press briefing", utc(2026, 3, 1, 15))
        s.add_all([zoe, dmitri, ann, yamada, watch, january, february, march, april, standalone])
        march.agenda_items = [
            AgendaItem(position=3, title="Next steps", minutes_allotted=5),
            AgendaItem(position=1, title="Welcome", presenter=zoe, minutes_allotted=10),
            AgendaItem(position=2, title="Patrol report", presenter_name="Sgt. Lee",
                       minutes_allotted=25),
        ]
        march.attendance = [
            Attendance(person=zoe, status=AttendanceStatus.PRESENT),
            Attendance(person=dmitri, status=AttendanceStatus.EXCUSED),
            Attendance(person=ann, status=AttendanceStatus.ABSENT),
            Attendance(person=yamada),
        ]
        s.add_all([
            ActionItem(description="Order cameras", owner=dmitri, meeting=january,
                       due_on=date(2026, 3, 8)),
            ActionItem(description="Done already", owner=zoe, meeting=january,
                       status=ActionStatus.DONE, completed_on=date(2026, 2, 1)),
            ActionItem(description="Map hot spots", owner=zoe, initiative=watch,
                       due_on=date(2026, 4, 1)),
            ActionItem(description="Book the hall", owner=ann, meeting=march,
                       due_on=date(2026, 3, 15)),
            ActionItem(description="Thank volunteers", owner=zoe, meeting=march,
                       status=ActionStatus.DONE, completed_on=date(2026, 3, 12)),
            ActionItem(description="From April", owner=ann, meeting=april),
            ActionItem(description="Press kit", owner=ann, meeting=standalone),
        ])
        s.flush()
        return Council(ws, watch.id, january.id, february.id, march.id, april.id, standalone.id)


@pytest.fixture
def council(any_db: Database) -> Council:
    return build_council(any_db)


def test_meeting_details_are_given_in_local_time(council: Council) -> None:
    packet = build_meeting_packet(council.ws, council.march, today=TODAY)
    assert packet.agency_name == "Riverton Police Department"
    assert packet.title == "March council"
    assert packet.starts_at.strftime("%Y-%m-%d %H:%M") == "2026-03-10 18:00"
    assert packet.ends_at.strftime("%H:%M") == "19:30"
    assert packet.starts_at.utcoffset() == timedelta(hours=-5)
    assert packet.location == "Library, room 2"
    assert packet.status is MeetingStatus.SCHEDULED
    assert packet.initiative_name == "Riverside Watch"
    assert packet.series_title == "Riverside council"
    assert packet.as_of == TODAY
    assert packet.generated_at.tzinfo is not None


def test_agenda_in_order_with_running_start_times_and_presenters(council: Council) -> None:
    packet = build_meeting_packet(council.ws, council.march, today=TODAY)
    assert [(a.position, a.title, a.presenter, a.minutes, a.starts_at.strftime("%H:%M"))
            for a in packet.agenda] == [
        (1, "Welcome", "Zoë Núñez", 10, "18:00"),
        (2, "Patrol report", "Sgt. Lee", 25, "18:10"),
        (3, "Next steps", "", 5, "18:35"),
    ]
    assert packet.agenda_minutes == 40
    assert packet.agenda_ends_at.strftime("%H:%M") == "18:40"


def test_running_times_follow_the_clock_across_a_daylight_saving_change(
    any_db: Database,
) -> None:
    council = build_council(any_db)
    with any_db.write() as s:
        night = meeting("Night shift briefing", utc(2026, 3, 8, 7, 30))  # 01:30 CST
        night.agenda_items = [AgendaItem(position=n, title=f"Item {n}", minutes_allotted=20)
                              for n in (1, 2, 3)]
        s.add(night)
        s.flush()
        night_id = night.id
    packet = build_meeting_packet(council.ws, night_id, today=TODAY)
    assert [a.starts_at.strftime("%H:%M") for a in packet.agenda] == ["01:30", "01:50", "03:10"]
    assert packet.agenda_ends_at.strftime("%H:%M %Z") == "03:30 CDT"


def test_invitees_by_family_name_with_organization_and_attendance(council: Council) -> None:
    packet = build_meeting_packet(council.ws, council.march, today=TODAY)
    assert [(i.list_name, i.organization, i.attendance) for i in packet.invitees] == [
        ("Adams, Ann", "", AttendanceStatus.ABSENT),
        ("Núñez, Zoë", "Riverton High", AttendanceStatus.PRESENT),
        ("Иванов, Дмитрий", "Safe Harbor", AttendanceStatus.EXCUSED),
        ("山田, 太郎", "Safe Harbor", AttendanceStatus.INVITED),
    ]
    assert packet.invitees[1].name == "Zoë Núñez"
    assert [i.name for i in packet.attending(AttendanceStatus.PRESENT)] == ["Zoë Núñez"]
    assert packet.walk_in_count == 3
    assert packet.present_count == 4  # one invitee and three walk-ins


def test_previous_meeting_in_the_series_skips_the_cancelled_one(council: Council) -> None:
    packet = build_meeting_packet(council.ws, council.march, today=TODAY)
    assert packet.previous is not None
    assert packet.previous.meeting_id == council.january
    assert packet.previous.title == "January council"
    assert packet.previous.starts_at.strftime("%Y-%m-%d %H:%M") == "2026-01-13 18:00"
    assert packet.previous.minutes == "Opened at 6.\nPatrol report."
    assert packet.previous.decisions == "Buy cameras"
    first = build_meeting_packet(council.ws, council.january, today=TODAY)
    assert first.previous is None
    alone = build_meeting_packet(council.ws, council.standalone, today=TODAY)
    assert alone.previous is None and alone.initiative is None


def test_previous_meeting_by_initiative_outside_any_series(any_db: Database) -> None:
    council = build_council(any_db)
    with any_db.write() as s:
        watch = s.get(Initiative, council.initiative)
        # Related by the initiative: the council's meetings count too, so the walk comes
        # after the March council (10 March) to be the latest before the debrief.
        walk = meeting("Night walk", utc(2026, 3, 12, 1), initiative=watch,
                       minutes="Walked Elm St.")
        debrief = meeting("Walk debrief", utc(2026, 3, 15, 1), initiative=watch)
        s.add_all([walk, debrief])
        s.flush()
        walk_id, debrief_id = walk.id, debrief.id
    packet = build_meeting_packet(council.ws, debrief_id, today=TODAY)
    assert packet.previous is not None
    assert (packet.previous.meeting_id, packet.previous.minutes) == (walk_id, "Walked Elm St.")


def test_open_action_items_carried_and_own_with_days_overdue(council: Council) -> None:
    packet = build_meeting_packet(council.ws, council.march, today=TODAY)
    rows = [
        (a.item.description, a.item.owner, a.item.owner_organization, a.item.due_on,
         a.item.days_overdue, a.carried, a.raised_on)
        for a in packet.open_actions
    ]
    assert rows == [
        ("Order cameras", "Дмитрий Иванов", "Safe Harbor", date(2026, 3, 8), 12, True,
         date(2026, 1, 13)),
        ("Book the hall", "Ann Adams", "", date(2026, 3, 15), 5, False, date(2026, 3, 10)),
        ("Map hot spots", "Zoë Núñez", "Riverton High", date(2026, 4, 1), 0, True, None),
    ]
    assert [(a.description, a.status, a.completed_on, a.days_overdue)
            for a in packet.actions_raised] == [
        ("Book the hall", ActionStatus.OPEN, None, 5),
        ("Thank volunteers", ActionStatus.DONE, date(2026, 3, 12), 0),
    ]
    assert packet.minutes == "Budget agreed." and packet.decisions == "Meet monthly"


def test_goals_of_the_initiative_with_latest_value_and_status(council: Council) -> None:
    packet = build_meeting_packet(council.ws, council.march, today=TODAY)
    assert packet.initiative is not None
    assert [(g.name, g.unit, g.latest_value, g.latest_on, g.status)
            for g in packet.initiative.goals] == [
        ("Burglaries per month", "incidents", 24, date(2026, 2, 28), GoalStatus.CLOSE),
        ("Block captains", "", 12, date(2026, 2, 1), GoalStatus.ON_TARGET),
        ("Survey satisfaction", "%", None, None, GoalStatus.PENDING),
    ]


def test_an_empty_meeting_has_empty_sections(council: Council) -> None:
    packet = build_meeting_packet(council.ws, council.standalone, today=TODAY)
    assert packet.agenda == () and packet.invitees == ()
    assert [a.item.description for a in packet.open_actions] == ["Press kit"]
    assert packet.agenda_ends_at == packet.starts_at


def test_unknown_meeting_is_not_found(council: Council) -> None:
    with pytest.raises(NotFoundError, match="no meeting with id 9999"):
        build_meeting_packet(council.ws, 9999)


def test_a_viewer_may_not_print_the_packet_and_the_refusal_is_audited(council: Council) -> None:
    viewer = Workspace(council.ws.db, user_name="val", role=Role.VIEWER)
    with pytest.raises(AccessDenied, match="may not export data"):
        build_meeting_packet(viewer, council.march)
    with council.ws.read() as session:
        refused = session.scalars(
            select(AuditEntry).where(AuditEntry.outcome == AuditOutcome.DENIED)
        ).all()
        assert [(e.user_name, e.entity) for e in refused] == [("val", "meeting packet")]
