"""Meetings: saving with agenda and attendance, series rules, carry-over, lists and rates."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

import pytest

from app.models import (
    ActionItem,
    ActionStatus,
    Affiliation,
    AttendanceStatus,
    Initiative,
    InitiativeKind,
    Meeting,
    MeetingStatus,
    Organization,
    OrganizationKind,
    Person,
    Role,
)
from app.models.database import Database
from app.services.action_items import (
    ActionItemInput,
    create_action_item,
    mark_done,
    update_action_item,
)
from app.services.carry_over import carried_actions, previous_meeting_id
from app.services.errors import ConflictError, ValidationError
from app.services.meeting_list import MeetingQuery, When, list_meetings, meetings_between
from app.services.meeting_series import add_next_meeting, start_series
from app.services.meetings import (
    AgendaEntry,
    MeetingInput,
    create_meeting,
    delete_meeting,
    meeting_form,
    organization_members,
    update_meeting,
)
from app.services.permissions import AccessDenied
from app.services.recurrence import Frequency, Recurrence
from app.services.workspace import Workspace

TODAY = date(2026, 11, 28)
SECOND_TUESDAY = Recurrence(Frequency.MONTHLY_WEEKDAY, weekday=1, week_of_month=2)


@dataclass
class World:
    ws: Workspace
    people: list[int]
    school: int
    initiative: int


@pytest.fixture
def world(any_db: Database) -> Iterator[World]:
    ws = Workspace(any_db)
    with ws.write() as action:
        s = action.session
        school = Organization(name="Riverton High", kind=OrganizationKind.SCHOOL)
        names = [("Zoë", "Núñez"), ("Дмитрий", "Иванов"), ("Ann", "Lee"), ("太郎", "山田")]
        people = [Person(first_name=f, last_name=last) for f, last in names]
        s.add_all([school, *people])
        s.flush()
        s.add(Affiliation(person_id=people[0].id, organization_id=school.id))
        s.add(Affiliation(person_id=people[1].id, organization_id=school.id,
                          until=date(2020, 1, 1)))
        initiative = Initiative(name="Eastside watch", kind=InitiativeKind.NEIGHBORHOOD_WATCH)
        s.add(initiative)
        s.flush()
        ids = [p.id for p in people]
        world = World(ws, ids, school.id, initiative.id)
    yield world


def meeting(day: date, **changes: object) -> MeetingInput:
    data = MeetingInput(title="Partnership meeting", day=day, start=time(18, 0),
                        duration_minutes=90, location="Library, Room B")
    return replace(data, **changes)  # type: ignore[arg-type]


def invite(ids: list[int], status: AttendanceStatus = AttendanceStatus.INVITED) -> tuple:
    return tuple((pid, status) for pid in ids)


def test_a_meeting_saves_its_agenda_and_attendance(world: World) -> None:
    agenda = (AgendaEntry("Welcome", 5), AgendaEntry("Crime trends", 15, world.people[2]),
              AgendaEntry("Guest: 988 line", 20, None, "Dr. Okafor"))
    data = meeting(date(2026, 10, 13), agenda=agenda, attendance=invite(world.people[:3]),
                   status=MeetingStatus.HELD, walk_in_count=4, minutes="Met.\nAgreed.")
    meeting_id = create_meeting(world.ws, data)
    form = meeting_form(world.ws, meeting_id, TODAY)
    assert form.data.agenda[1].presenter_name == "Ann Lee"
    assert [a.title for a in form.data.agenda] == ["Welcome", "Crime trends", "Guest: 988 line"]
    assert form.data.minutes == "Met.\nAgreed."
    assert form.data.starts_at == datetime.combine(date(2026, 10, 13), time(18)).astimezone()
    assert form.data.duration_minutes == 90
    assert set(form.invitees) == set(world.people[:3])
    # Reorder, drop one item, mark attendance, uninvite one person, invite another.
    marks = ((world.people[0], AttendanceStatus.PRESENT), (world.people[1],
             AttendanceStatus.EXCUSED), (world.people[3], AttendanceStatus.ABSENT))
    changed = replace(form.data, agenda=(agenda[2], agenda[0]), attendance=marks)
    update_meeting(world.ws, meeting_id, changed, form.version)
    again = meeting_form(world.ws, meeting_id, TODAY)
    assert [a.title for a in again.data.agenda] == ["Guest: 988 line", "Welcome"]
    assert dict(again.data.attendance) == dict(marks)
    # The stale version is refused, naming a conflict.
    with pytest.raises(ConflictError):
        update_meeting(world.ws, meeting_id, changed, form.version)


def test_bad_input_is_refused_with_a_message_per_field(world: World) -> None:
    future = TODAY + timedelta(days=400)
    bad = meeting(future, title="  ", duration_minutes=0, walk_in_count=-1,
                  status=MeetingStatus.HELD, agenda=(AgendaEntry("", 5),))
    with pytest.raises(ValidationError) as refused:
        create_meeting(world.ws, bad)
    assert set(refused.value.errors) == {"title", "duration_minutes", "walk_in_count",
                                         "status", "agenda"}
    with pytest.raises(ValidationError):
        create_meeting(world.ws, meeting(future, attendance=((999_999,
                                                               AttendanceStatus.INVITED),)))
    assert list_meetings(world.ws).total == 0


def test_a_series_repeats_by_its_rule_and_copies_agenda_and_invitees(world: World) -> None:
    first = create_meeting(world.ws, meeting(
        date(2026, 12, 8), agenda=(AgendaEntry("Welcome", 5),),
        attendance=invite(world.people[:2]), initiative_id=world.initiative))
    later = start_series(world.ws, first, SECOND_TUESDAY, 4)
    rows = list_meetings(world.ws, MeetingQuery(now=datetime(2026, 1, 1, tzinfo=UTC))).rows
    assert [r.starts_at.astimezone().date() for r in rows] == [
        date(2026, 12, 8), date(2027, 1, 12), date(2027, 2, 9), date(2027, 3, 9)]
    assert all(r.in_series and r.invited == 2 for r in rows)
    assert all(r.starts_at.astimezone().time() == time(18) for r in rows)
    nxt = add_next_meeting(world.ws, meeting_form(world.ws, first).series_id)  # type: ignore
    form = meeting_form(world.ws, nxt)
    assert form.data.day == date(2027, 4, 13)
    assert [a.title for a in form.data.agenda] == ["Welcome"]
    assert form.series_rule == "Monthly on the second Tuesday"
    assert len(later) == 3
    with pytest.raises(ValidationError):
        start_series(world.ws, first, SECOND_TUESDAY, 3)  # already in a series


def test_editing_this_and_following_leaves_earlier_and_held_meetings(world: World) -> None:
    first = create_meeting(world.ws, meeting(date(2026, 12, 8),
                                             attendance=invite(world.people[:2])))
    second, third, fourth = start_series(world.ws, first, SECOND_TUESDAY, 4)
    held = meeting_form(world.ws, third)
    update_meeting(world.ws, third, replace(held.data, status=MeetingStatus.CANCELLED),
                   held.version)
    form = meeting_form(world.ws, second)
    moved = replace(form.data, title="Safety council", start=time(17, 30),
                    location="City Hall", attendance=invite(world.people[1:4]))
    others = update_meeting(world.ws, second, moved, form.version, following=True)
    assert others == [fourth]
    assert meeting_form(world.ws, first).data.title == "Partnership meeting"
    assert meeting_form(world.ws, third).data.title == "Partnership meeting"  # cancelled
    last = meeting_form(world.ws, fourth).data
    assert (last.title, last.start, last.location) == ("Safety council", time(17, 30),
                                                      "City Hall")
    assert last.day == date(2027, 3, 9)  # its own date stays
    assert {pid for pid, _ in last.attendance} == set(world.people[1:4])


def test_carry_over_follows_the_series_then_the_initiative(world: World) -> None:
    ws = world.ws
    first = create_meeting(ws, meeting(date(2026, 9, 8), status=MeetingStatus.HELD,
                                       minutes="September minutes"))
    second, third = start_series(ws, first, SECOND_TUESDAY, 3)
    october = meeting_form(ws, second)
    update_meeting(ws, second, replace(october.data, status=MeetingStatus.CANCELLED),
                   october.version)
    old = create_action_item(ws, ActionItemInput("Send slides", world.people[0],
                                                 date(2026, 9, 30), meeting_id=first), TODAY)
    create_action_item(ws, ActionItemInput("Done already", meeting_id=first,
                                           status=ActionStatus.DONE), TODAY)
    own = create_action_item(ws, ActionItemInput("Born in November", meeting_id=third), TODAY)
    with ws.read() as session:
        november = session.get(Meeting, third)
        assert previous_meeting_id(session, november) == first  # the cancelled one skipped
        carried = carried_actions(session, november, TODAY)
    assert [c.id for c in carried] == [old]
    assert carried[0].days_overdue == (TODAY - date(2026, 9, 30)).days
    assert carried[0].owner_organization == "Riverton High"
    form = meeting_form(ws, third, TODAY)
    assert [a.id for a in form.own_actions] == [own]
    mark_done(ws, [old], on=TODAY)
    assert meeting_form(ws, third, TODAY).carried_actions == ()

    # Outside a series, the initiative relates meetings and standalone items.
    a = create_meeting(ws, meeting(date(2026, 6, 1), initiative_id=world.initiative))
    b = create_meeting(ws, meeting(date(2026, 7, 1), initiative_id=world.initiative))
    from_a = create_action_item(ws, ActionItemInput("From June", meeting_id=a), TODAY)
    standalone = create_action_item(
        ws, ActionItemInput("Standalone", initiative_id=world.initiative), TODAY)
    with ws.read() as session:
        july = session.get(Meeting, b)
        assert previous_meeting_id(session, july) == a
        assert {c.id for c in carried_actions(session, july, TODAY)} == {from_a, standalone}


def test_lists_filter_and_count_attendance(world: World) -> None:
    ws = world.ws
    marks = ((world.people[0], AttendanceStatus.PRESENT), (world.people[1],
             AttendanceStatus.ABSENT), (world.people[2], AttendanceStatus.PRESENT))
    held = create_meeting(ws, meeting(date(2026, 3, 3), title="Spring review",
                                      status=MeetingStatus.HELD, attendance=marks,
                                      walk_in_count=2))
    upcoming = create_meeting(ws, meeting(date(2027, 1, 5), title="Winter planning",
                                          initiative_id=world.initiative,
                                          attendance=invite(world.people[2:3])))
    now = datetime(2026, 11, 28, 12, tzinfo=UTC)
    rows = {r.id: r for r in list_meetings(ws, MeetingQuery(now=now)).rows}
    assert rows[held].attendance == "2 of 3 + 2 walk-ins"
    assert rows[held].attendance_rate == pytest.approx(2 / 3)
    assert rows[upcoming].attendance == "1 invited" and rows[upcoming].attendance_rate is None

    def ids(**query: object) -> list[int]:
        return [r.id for r in list_meetings(ws, MeetingQuery(now=now, **query)).rows]

    assert ids(when=When.UPCOMING) == [upcoming]
    assert ids(when=When.PAST) == [held]
    assert ids(search="spring") == [held]
    assert ids(search="room winter") == [upcoming]
    assert ids(initiative_id=world.initiative) == [upcoming]
    assert ids(organization_id=world.school) == [held]  # Zoë and Дмитрий are invited there
    assert ids(status=MeetingStatus.HELD) == [held]
    in_march = meetings_between(ws, date(2026, 3, 1), date(2026, 3, 31))
    assert [r.id for r in in_march] == [held]
    assert [p.name for p in organization_members(ws, world.school, TODAY)] == ["Zoë Núñez"]


def test_action_items_validate_their_dates(world: World) -> None:
    ws = world.ws
    with pytest.raises(ValidationError) as refused:
        create_action_item(ws, ActionItemInput(" ", status=ActionStatus.DONE,
                                               completed_on=TODAY + timedelta(days=1)), TODAY)
    assert set(refused.value.errors) == {"description", "completed_on"}
    item = create_action_item(ws, ActionItemInput("Call", status=ActionStatus.DONE), TODAY)
    with ws.read() as session:
        stored = session.get(ActionItem, item)
        assert stored is not None and stored.completed_on == TODAY
        version = stored.version
    # Reopening clears the completion date.
    update_action_item(ws, item, ActionItemInput("Call", completed_on=TODAY), version, TODAY)
    with ws.read() as session:
        assert session.get(ActionItem, item).completed_on is None  # type: ignore[union-attr]


def test_deleting_a_meeting_with_action_items_is_refused(world: World) -> None:
    ws = world.ws
    first = create_meeting(ws, meeting(date(2026, 5, 5), agenda=(AgendaEntry("A", 5),),
                                       attendance=invite(world.people[:2])))
    create_action_item(ws, ActionItemInput("Follow up", meeting_id=first), TODAY)
    with pytest.raises(ValidationError, match="cancel it instead"):
        delete_meeting(ws, first)
    bare = create_meeting(ws, meeting(date(2026, 5, 6), agenda=(AgendaEntry("A", 5),),
                                      attendance=invite(world.people[:2])))
    delete_meeting(ws, bare)
    assert [r.id for r in list_meetings(ws).rows] == [first]


def test_a_viewer_may_not_change_meetings(world: World) -> None:
    world.ws.role = Role.VIEWER
    with pytest.raises(AccessDenied):
        create_meeting(world.ws, meeting(TODAY))
    with pytest.raises(AccessDenied):
        mark_done(world.ws, [1])


def test_moving_a_series_meeting_later_still_updates_the_ones_after_it(world: World) -> None:
    first = create_meeting(world.ws, meeting(date(2026, 12, 8)))
    second, third = start_series(world.ws, first, SECOND_TUESDAY, 3)
    form = meeting_form(world.ws, first)
    moved = replace(form.data, day=date(2027, 1, 20), title="Moved council")
    assert update_meeting(world.ws, first, moved, form.version, following=True) == [second,
                                                                                   third]
    assert meeting_form(world.ws, second).data.title == "Moved council"


def test_a_directory_presenter_shows_their_current_name(world: World) -> None:
    agenda = (AgendaEntry("Trends", 15, world.people[2], "Ann Lee"),)
    meeting_id = create_meeting(world.ws, meeting(date(2026, 12, 8), agenda=agenda))
    with world.ws.write() as action:
        action.session.get(Person, world.people[2]).last_name = "Lee-Park"
    assert meeting_form(world.ws, meeting_id).data.agenda[0].presenter_name == "Ann Lee-Park"
