"""Meetings as .ics files (parsed back with icalendar), invitee mailto: links, the local zone."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event
from sqlalchemy import select

from app.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    AuditAction,
    AuditEntry,
    AuditOutcome,
    Initiative,
    InitiativeKind,
    Meeting,
    MeetingStatus,
    Person,
)
from app.models.database import Database
from app.models.users import Role
from app.services import time_zone
from app.services.calendar_export import (
    MAILTO_LIMIT,
    PRODID,
    invitee_mail,
    meetings_calendar,
    upcoming_meeting_ids,
)
from app.services.errors import NotFoundError, ValidationError
from app.services.permissions import AccessDenied
from app.services.settings import Preferences, save_preferences
from app.services.workspace import Workspace

CHICAGO = ZoneInfo("America/Chicago")
WINTER = datetime(2025, 1, 15, 18, 0, tzinfo=UTC)  # 12:00 CST (UTC-6)
SUMMER = datetime(2025, 7, 15, 17, 30, tzinfo=UTC)  # 12:30 CDT (UTC-5)
TRICKY_TITLE = 'Watch, part 1; "phase 2"\nBlock captains — Ярослава 王秀英 عائشة'
TRICKY_LOCATION = "Salle 3, étage 2; 東京\\Annex\nUse the back door"


@pytest.fixture
def ws(any_db: Database) -> Workspace:
    return Workspace(any_db, user_name="officer.lee")


def add_person(ws: Workspace, first: str, last: str, email: str = "") -> int:
    with ws.write() as action:
        person = Person(first_name=first, last_name=last, email=email)
        action.session.add(person)
        action.session.flush()
        return person.id


def add_meeting(
    ws: Workspace,
    title: str,
    starts: datetime,
    invitees: Sequence[int] = (),
    agenda: Sequence[AgendaItem] = (),
    minutes: int = 90,
    **fields: object,
) -> int:
    with ws.write() as action:
        meeting = Meeting(
            title=title, starts_at=starts, ends_at=starts + timedelta(minutes=minutes), **fields
        )
        meeting.agenda_items = list(agenda)
        meeting.attendance = [Attendance(person_id=pid) for pid in invitees]
        action.session.add(meeting)
        action.session.flush()
        return meeting.id


def parse(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def events(data: bytes) -> list[Event]:
    return list(parse(data).walk("VEVENT"))


def export_entries(ws: Workspace) -> list[AuditEntry]:
    with ws.read() as session:
        query = select(AuditEntry).where(AuditEntry.action == AuditAction.EXPORT)
        return list(session.scalars(query.order_by(AuditEntry.id)))


# --- the calendar file --------------------------------------------------------------------


def test_header_order_and_stable_unique_uids(ws: Workspace) -> None:
    summer = add_meeting(ws, "Summer", SUMMER)  # created first, starts last
    winter = add_meeting(ws, "Winter", WINTER)
    data = meetings_calendar(ws, [summer, winter], zone=CHICAGO)
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and b"\r\n" in data
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))  # folded lines
    calendar = parse(data)
    assert str(calendar["PRODID"]) == PRODID == "-//Partnership Desk//EN"
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["METHOD"]) == "PUBLISH"
    first = events(data)
    assert [str(e["SUMMARY"]) for e in first] == ["Winter", "Summer"]
    uids = [str(e["UID"]) for e in first]
    assert len(set(uids)) == 2
    assert all(re.fullmatch(r"meeting-\d+-\d{8}T\d{6}Z@partnership-desk", u) for u in uids)
    assert uids[0].startswith(f"meeting-{winter}-")
    again = events(meetings_calendar(ws, [winter, summer, winter], zone=CHICAGO))
    assert [str(e["UID"]) for e in again] == uids  # duplicates ignored, same UIDs
    assert all(e.decoded("DTSTAMP").tzinfo is not None for e in again)


def test_times_carry_the_zone_and_a_matching_vtimezone(ws: Workspace) -> None:
    ids = [add_meeting(ws, "Winter", WINTER), add_meeting(ws, "Summer", SUMMER)]
    far = add_meeting(ws, "Far ahead", datetime(2040, 7, 10, 23, 0, tzinfo=UTC))
    data = meetings_calendar(ws, [*ids, far], zone=CHICAGO)
    assert b"DTSTART;TZID=America/Chicago:20250115T120000\r\n" in data
    assert b"DTSTART;TZID=America/Chicago:20250715T123000\r\n" in data
    calendar = parse(data)
    (vtimezone,) = calendar.walk("VTIMEZONE")
    assert str(vtimezone["TZID"]) == "America/Chicago"
    # Read the times with the file's own VTIMEZONE, not the computer's zone database.
    own_zone = vtimezone.to_tz(lookup_tzid=False)
    expected = [WINTER, SUMMER, datetime(2040, 7, 10, 23, 0, tzinfo=UTC)]
    offsets = [-6, -5, -5]
    for event, instant, hours in zip(calendar.walk("VEVENT"), expected, offsets, strict=True):
        assert event["DTSTART"].params["TZID"] == "America/Chicago"
        assert event.decoded("DTSTART") == instant
        assert event.decoded("DTEND") == instant + timedelta(minutes=90)
        local = event.decoded("DTSTART").replace(tzinfo=None)
        assert local.replace(tzinfo=own_zone).astimezone(UTC) == instant
        assert local.replace(tzinfo=own_zone).utcoffset() == timedelta(hours=hours)


def test_a_zone_without_a_name_is_written_in_utc(ws: Workspace) -> None:
    meeting = add_meeting(ws, "Winter", WINTER)
    data = meetings_calendar(ws, [meeting], zone=timezone(timedelta(hours=-6)))
    assert b"DTSTART:20250115T180000Z\r\n" in data
    assert not parse(data).walk("VTIMEZONE")
    assert events(data)[0].decoded("DTSTART") == WINTER


def test_text_in_any_script_round_trips_and_the_agenda_is_described(ws: Workspace) -> None:
    presenter = add_person(ws, "Ярослава", "Коваленко")
    with ws.write() as action:
        initiative = Initiative(name="Eastside Watch, 2025", kind=InitiativeKind.NEIGHBORHOOD_WATCH)
        action.session.add(initiative)
        action.session.flush()
        initiative_id = initiative.id
    agenda = [
        AgendaItem(position=1, title="Welcome", presenter_id=presenter, minutes_allotted=10),
        AgendaItem(position=2, title="Budget; Q3", presenter_name="Guest, Dr. Ng"),
        AgendaItem(position=3, title="Open floor", minutes_allotted=0),
    ]
    meeting = add_meeting(
        ws, TRICKY_TITLE, WINTER, agenda=agenda, location=TRICKY_LOCATION,
        initiative_id=initiative_id,
    )
    (event,) = events(meetings_calendar(ws, [meeting], zone=CHICAGO))
    assert str(event["SUMMARY"]) == TRICKY_TITLE
    assert str(event["LOCATION"]) == TRICKY_LOCATION
    assert str(event["DESCRIPTION"]) == (
        "Initiative: Eastside Watch, 2025\n\nAgenda:\n"
        "1. Welcome — Ярослава Коваленко (10 min)\n"
        "2. Budget; Q3 — Guest, Dr. Ng (10 min)\n"
        "3. Open floor"
    )


def test_attendees_with_an_address_only_once_each(ws: Workspace) -> None:
    people = [
        add_person(ws, 'José "Pepe"', "Núñez, Jr.", "jose@example.org"),
        add_person(ws, "秀英", "王", "wang@example.cn"),
        add_person(ws, "No", "Email"),
        add_person(ws, "Same", "Zulu", "JOSE@example.org"),  # sorts after José
        add_person(ws, "Not", "Anaddress", "call the front desk"),
    ]
    meeting = add_meeting(ws, "Partners", WINTER, invitees=people)
    with ws.write() as action:  # any attendance status is an invitation
        row = action.session.get(Attendance, (meeting, people[1]))
        assert row is not None
        row.status = AttendanceStatus.PRESENT
    (event,) = events(meetings_calendar(ws, [meeting], zone=CHICAGO))
    attendees = event["ATTENDEE"]
    assert [str(a) for a in attendees] == ["mailto:jose@example.org", "mailto:wang@example.cn"]
    assert [a.params["CN"] for a in attendees] == ['José "Pepe" Núñez, Jr.', "秀英 王"]
    for attendee in attendees:
        assert attendee.params["ROLE"] == "REQ-PARTICIPANT"
        assert attendee.params["PARTSTAT"] == "NEEDS-ACTION"
        assert attendee.params["RSVP"] == "FALSE"
    assert "ORGANIZER" not in event  # no agency e-mail in Settings


def test_the_agency_is_the_organizer_once_its_address_is_set(ws: Workspace) -> None:
    meeting = add_meeting(ws, "Partners", WINTER,
                          invitees=[add_person(ws, "Ana", "Lee", "ana@example.org")])
    save_preferences(ws, Preferences(agency_name="Riverton Safety Partnership",
                                     agency_email="prevention@riverton.gov"))
    (event,) = events(meetings_calendar(ws, [meeting], zone=CHICAGO))
    assert str(event["ORGANIZER"]) == "mailto:prevention@riverton.gov"
    assert event["ORGANIZER"].params["CN"] == "Riverton Safety Partnership"
    assert str(event["ATTENDEE"]) == "mailto:ana@example.org"  # one attendee: no list


def test_status_and_sequence(ws: Workspace) -> None:
    held = add_meeting(ws, "Held", WINTER, status=MeetingStatus.HELD)
    off = add_meeting(ws, "Off", SUMMER, status=MeetingStatus.CANCELLED)
    before = events(meetings_calendar(ws, [held, off], zone=CHICAGO))
    assert [str(e["STATUS"]) for e in before] == ["CONFIRMED", "CANCELLED"]
    assert [int(e["SEQUENCE"]) for e in before] == [1, 1]
    for title in ("Held (moved)", "Held (moved again)"):
        with ws.write() as action:
            meeting = action.session.get(Meeting, held)
            assert meeting is not None
            meeting.title = title
    after = events(meetings_calendar(ws, [held], zone=CHICAGO))[0]
    assert int(after["SEQUENCE"]) == 3
    assert str(after["UID"]) == str(before[0]["UID"])
    assert str(after["SUMMARY"]) == "Held (moved again)"


def test_unknown_and_missing_ids(ws: Workspace) -> None:
    meeting = add_meeting(ws, "Real", WINTER)
    with pytest.raises(NotFoundError, match=r"Meetings 998, 999 no longer exist"):
        meetings_calendar(ws, [meeting, 999, 998])
    with pytest.raises(NotFoundError, match=r"Meeting 999 no longer exists"):
        invitee_mail(ws, 999)
    with pytest.raises(ValidationError):
        meetings_calendar(ws, [])
    assert export_entries(ws) == []


def test_export_is_audited_and_refused_to_viewers(ws: Workspace) -> None:
    ids = [add_meeting(ws, "One", WINTER), add_meeting(ws, "Two", SUMMER)]
    meetings_calendar(ws, ids, zone=CHICAGO, file_name="partners.ics")
    (entry,) = export_entries(ws)
    assert entry.entity == "meetings" and entry.outcome == AuditOutcome.OK
    assert entry.changes["count"] == 2 and entry.changes["file"] == "partners.ics"
    assert entry.summary == "Exported 2 meetings to partners.ics"
    assert entry.user_name == "officer.lee"
    ws.role, ws.user_name = Role.VIEWER, "visitor"
    with pytest.raises(AccessDenied, match=r"may not export data"):
        meetings_calendar(ws, ids, zone=CHICAGO)
    refused = export_entries(ws)[-1]
    assert refused.outcome == AuditOutcome.DENIED and refused.user_name == "visitor"
    assert refused.entity == "meetings"
    mail = invitee_mail(ws, ids[0], zone=CHICAGO)  # no file written: viewing is enough
    assert mail.url.startswith("mailto:")


def test_upcoming_meetings(ws: Workspace) -> None:
    now = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
    add_meeting(ws, "Past", now - timedelta(days=3))
    later = add_meeting(ws, "Later", now + timedelta(days=20))
    add_meeting(ws, "Cancelled", now + timedelta(days=2), status=MeetingStatus.CANCELLED)
    running = add_meeting(ws, "Running", now - timedelta(minutes=30))
    soon = add_meeting(ws, "Soon", now + timedelta(days=1))
    assert upcoming_meeting_ids(ws, now) == [running, soon, later]
    with pytest.raises(ValueError):
        upcoming_meeting_ids(ws, datetime(2025, 3, 1))


# --- the mailto: link ---------------------------------------------------------------------


def mail_fields(url: str) -> tuple[list[str], dict[str, str]]:
    assert url.startswith("mailto:")
    to, _, query = url.removeprefix("mailto:").partition("?")
    fields = dict(part.split("=", 1) for part in query.split("&")) if query else {}
    return [unquote(a) for a in to.split(",") if a], {k: unquote(v) for k, v in fields.items()}


def test_invitee_mail_addresses_and_encoding(ws: Workspace) -> None:
    people = [
        add_person(ws, "Ana", "Núñez", "ana.nunez@example.org"),
        add_person(ws, "Bo", "Berg", "o'brien+partners@example.org"),
        add_person(ws, "Ana", "Zapata", " ANA.NUNEZ@example.org "),  # after Núñez
        add_person(ws, "Walter", "Phoneonly"),
        add_person(ws, "Фёдор", "Без почты"),
    ]
    agenda = [
        AgendaItem(position=1, title="Q&A: what's next?"),
        AgendaItem(position=2, title="Café"),
    ]
    meeting = add_meeting(
        ws, "Safety & Youth? Café 会议", WINTER, invitees=people, agenda=agenda,
        location="Hall A & B, 2nd floor",
    )
    mail = invitee_mail(ws, meeting, zone=CHICAGO)
    assert mail.addresses == ("o'brien+partners@example.org", "ana.nunez@example.org")
    assert mail.without_email == ("Walter Phoneonly", "Фёдор Без почты")
    assert mail.body_included and mail.addresses_included
    url = mail.url
    assert url.startswith("mailto:o%27brien%2Bpartners@example.org,ana.nunez@example.org?")
    assert " " not in url and "\n" not in url and "+" not in url
    assert url.isascii()
    assert "Safety%20%26%20Youth%3F%20Caf%C3%A9%20%E4%BC%9A%E8%AE%AE" in url
    assert "%0D%0A" in url  # line breaks in the body, as RFC 6068 asks
    to, fields = mail_fields(url)
    assert to == list(mail.addresses)
    assert set(fields) == {"subject", "body"}
    assert fields["subject"] == "Safety & Youth? Café 会议 — Wed 15 Jan 2025"
    assert fields["body"] == (
        "Wed 15 Jan 2025, 12:00–13:30 CST\r\n"
        "Location: Hall A & B, 2nd floor\r\n\r\n"
        "Agenda:\r\n1. Q&A: what's next?\r\n2. Café"
    )


def test_invitee_mail_of_a_cancelled_meeting_without_invitees(ws: Workspace) -> None:
    meeting = add_meeting(ws, "Off", SUMMER, status=MeetingStatus.CANCELLED)
    mail = invitee_mail(ws, meeting, zone=CHICAGO)
    assert mail.addresses == () and mail.without_email == ()
    to, fields = mail_fields(mail.url)
    assert to == [] and mail.url.startswith("mailto:?subject=")
    assert fields["subject"] == "Cancelled: Off — Tue 15 Jul 2025"
    assert fields["body"] == "This meeting is cancelled.\r\nTue 15 Jul 2025, 12:30–14:00 CDT"


def test_a_long_invitation_drops_the_body_then_the_addresses(ws: Workspace) -> None:
    agenda = [AgendaItem(position=n, title=f"Item number {n} " + "x" * 40) for n in range(12)]

    def invite(count: int) -> int:
        people = [
            add_person(ws, "P", f"{count}-{n}", f"partner.{count}.{n}@agency.example.org")
            for n in range(count)
        ]
        return add_meeting(ws, "Quarterly", WINTER, invitees=people, agenda=agenda)

    short = invitee_mail(ws, invite(5), zone=CHICAGO)
    assert short.body_included and short.addresses_included
    assert "body" in mail_fields(short.url)[1]

    middle = invitee_mail(ws, invite(40), zone=CHICAGO)
    assert not middle.body_included and middle.addresses_included
    to, fields = mail_fields(middle.url)
    assert len(to) == 40 and set(fields) == {"subject"}
    assert len(middle.url) <= MAILTO_LIMIT

    long = invitee_mail(ws, invite(80), zone=CHICAGO)
    assert not long.body_included and not long.addresses_included
    assert len(long.addresses) == 80  # for the UI to copy into Bcc
    to, fields = mail_fields(long.url)
    assert to == [] and fields == {"subject": "Quarterly — Wed 15 Jan 2025"}


# --- the local time zone ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("America/Chicago", "America/Chicago"),
        (":Europe/Berlin", "Europe/Berlin"),
        ("/usr/share/zoneinfo/Asia/Tokyo", "Asia/Tokyo"),
        ("/usr/share/zoneinfo/posix/Australia/Sydney", "Australia/Sydney"),
    ],
)
def test_local_zone_from_tz(monkeypatch: pytest.MonkeyPatch, value: str, key: str) -> None:
    monkeypatch.setenv("TZ", value)
    zone = time_zone.local_zone()
    assert isinstance(zone, ZoneInfo) and zone.key == key
    assert time_zone.local_zone_name() == key


@pytest.mark.skipif(sys.platform == "win32", reason="Windows keeps no zone name in files")
def test_local_zone_from_the_system_files(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("TZ", raising=False)
    link = tmp_path / "localtime"
    os.symlink("../usr/share/zoneinfo/America/Chicago", link)
    timezone_file = tmp_path / "timezone"
    timezone_file.write_text("Pacific/Auckland\n", encoding="utf-8")
    monkeypatch.setattr(time_zone, "LOCALTIME", link)
    monkeypatch.setattr(time_zone, "TIMEZONE_FILE", timezone_file)
    assert time_zone.local_zone() == ZoneInfo("America/Chicago")
    monkeypatch.setattr(time_zone, "LOCALTIME", tmp_path / "missing")
    assert time_zone.local_zone() == ZoneInfo("Pacific/Auckland")


def test_local_zone_falls_back_to_a_fixed_offset(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(time_zone, "LOCALTIME", tmp_path / "missing")
    monkeypatch.setattr(time_zone, "TIMEZONE_FILE", tmp_path / "missing too")
    monkeypatch.delenv("TZ", raising=False)
    for setting in (None, "Nowhere/Atlantis"):
        if setting:
            monkeypatch.setenv("TZ", setting)
        zone = time_zone.local_zone()
        assert not isinstance(zone, ZoneInfo)
        assert datetime.now(zone).utcoffset() is not None
        assert time_zone.local_zone_name()
