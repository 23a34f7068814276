"""Meetings as an iCalendar (.ics) file, and a ``mailto:`` link that e-mails the invitees.

Times are stored in UTC and written in the computer's zone by name (``DTSTART;TZID=
America/Chicago``) with the matching VTIMEZONE, so calendar programs keep a July meeting
in summer time. A zone known only as a fixed offset (see app/services/time_zone.py) has no
name a calendar could use: then the times are written in UTC, which every program shows
correctly in its own zone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from urllib.parse import quote
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vCalAddress
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from app.models import AgendaItem, Attendance, Meeting, MeetingStatus, utcnow
from app.models.directory import person_name
from app.services.audit_log import record_export
from app.services.errors import NotFoundError, ValidationError
from app.services.fields import is_email
from app.services.permissions import Permission
from app.services.settings import agency_contact
from app.services.time_zone import local_zone
from app.services.workspace import Workspace

PRODID = "-//Partnership Desk//EN"
UID_DOMAIN = "partnership-desk"
MAILTO_LIMIT = 1900  # characters: longer mailto: links are cut short by Windows mail programs
_CHUNK = 500  # ids per IN (...) query


@dataclass(frozen=True)
class AgendaLine:
    title: str
    presenter: str
    minutes: int

    @property
    def text(self) -> str:
        """ "Budget — Ana Núñez (10 min)"; the presenter and a zero length left out."""
        presenter = f" — {self.presenter}" if self.presenter else ""
        minutes = f" ({self.minutes} min)" if self.minutes else ""
        return f"{self.title}{presenter}{minutes}"


@dataclass(frozen=True)
class Invitee:
    name: str
    email: str  # "" when the person has no usable address


@dataclass(frozen=True)
class MeetingFacts:
    """What the calendar and the e-mail say about one meeting."""

    id: int
    created_at: datetime
    updated_at: datetime
    version: int
    title: str
    starts_at: datetime  # UTC
    ends_at: datetime  # UTC
    location: str
    cancelled: bool
    initiative: str  # "" without one
    agenda: tuple[AgendaLine, ...]
    invitees: tuple[Invitee, ...]  # by family name

    @property
    def uid(self) -> str:
        """Stable across exports; the creation time tells databases apart."""
        return f"meeting-{self.id}-{self.created_at.astimezone(UTC):%Y%m%dT%H%M%SZ}@{UID_DOMAIN}"


@dataclass(frozen=True)
class InviteeMail:
    """A ``mailto:`` link to the invitees of one meeting; see :func:`invitee_mail`."""

    url: str
    addresses: tuple[str, ...]  # every invitee's address, once
    without_email: tuple[str, ...]  # names of invitees to reach another way
    body_included: bool = True  # False: the agenda did not fit in the link
    addresses_included: bool = True  # False: the addresses did not fit in the link either


def meetings_calendar(
    ws: Workspace,
    meeting_ids: Sequence[int],
    *,
    zone: tzinfo | None = None,
    file_name: str = "a calendar file",
) -> bytes:
    """An iCalendar file of these meetings in start order, in ``zone`` (default: local).

    Needs the export permission and files an audit entry naming ``file_name`` (the file
    the caller writes the bytes to). Unknown ids raise NotFoundError, none ValidationError.
    """
    ws.require(Permission.EXPORT, "meetings")
    if not meeting_ids:
        raise ValidationError.single("", "Choose at least one meeting to export.")
    with ws.read() as session:
        meetings = _load_meetings(session, meeting_ids)
    organizer = _organizer(agency_contact(ws))
    zone = _named_zone(zone or local_zone())
    calendar = _calendar(meetings, zone, organizer)
    if calendar.get_missing_tzids():  # a zone icalendar cannot describe: write UTC
        calendar = _calendar(meetings, UTC, organizer)
    data: bytes = calendar.to_ical()
    record_export(ws, "meetings", len(meetings), file_name)
    return data


def upcoming_meeting_ids(ws: Workspace, now: datetime | None = None) -> list[int]:
    """Meetings not cancelled that end after ``now`` (aware; default: now), by start."""
    now = now or utcnow()
    if now.tzinfo is None:
        raise ValueError("upcoming_meeting_ids needs an aware datetime")
    with ws.read() as session:
        query = (
            select(Meeting.id)
            .where(Meeting.status != MeetingStatus.CANCELLED, Meeting.ends_at > now)
            .order_by(Meeting.starts_at, Meeting.id)
        )
        return list(session.scalars(query))


def invitee_mail(ws: Workspace, meeting_id: int, *, zone: tzinfo | None = None) -> InviteeMail:
    """A ``mailto:`` link to every invitee of the meeting who has an e-mail address.

    The link holds the addresses (once each, compared case-insensitively), a subject (the
    title and the local date) and a body (date, time, location, agenda titles), all
    percent-encoded (UTF-8). Links longer than MAILTO_LIMIT are cut short by some mail
    programs, so a long one is shortened: first the body is left out; if the addresses
    alone are still too long, they are left out too (the link opens a message with the
    subject only) and the caller offers ``addresses`` to copy into the Bcc field, which
    also keeps a long list of partners from seeing each other's addresses.
    """
    zone = zone or local_zone()
    with ws.read() as session:
        (meeting,) = _load_meetings(session, [meeting_id])
    addresses = tuple(i.email for i in _with_email(meeting.invitees))
    without = tuple(i.name for i in meeting.invitees if not i.email)
    to = ",".join(quote(a, safe="@") for a in addresses)
    start = meeting.starts_at.astimezone(zone)
    cancelled = "Cancelled: " if meeting.cancelled else ""
    subject = f"{cancelled}{meeting.title} — {start:%a %d %b %Y}"
    body = _mail_body(meeting, zone)
    for url, has_body, has_addresses in (
        (_mailto(to, subject=subject, body=body), True, True),
        (_mailto(to, subject=subject), False, True),
    ):
        if len(url) <= MAILTO_LIMIT:
            return InviteeMail(url, addresses, without, has_body, has_addresses)
    return InviteeMail(_mailto("", subject=subject), addresses, without, False, False)


def _load_meetings(session: Session, meeting_ids: Iterable[int]) -> list[MeetingFacts]:
    """These meetings in start order; NotFoundError names any id that does not exist."""
    wanted = list(dict.fromkeys(meeting_ids))
    found: list[Meeting] = []
    for start in range(0, len(wanted), _CHUNK):
        query = (
            select(Meeting)
            .where(Meeting.id.in_(wanted[start : start + _CHUNK]))
            .options(
                joinedload(Meeting.initiative),
                selectinload(Meeting.agenda_items).joinedload(AgendaItem.presenter),
                selectinload(Meeting.attendance).joinedload(Attendance.person),
            )
        )
        found.extend(session.scalars(query))
    missing = sorted(set(wanted) - {m.id for m in found})
    if missing:
        which = ", ".join(map(str, missing))
        raise NotFoundError(
            f"Meeting {which} no longer exists; it may have been deleted. Refresh the list."
            if len(missing) == 1
            else f"Meetings {which} no longer exist; they may have been deleted. "
            "Refresh the list."
        )
    found.sort(key=lambda m: (m.starts_at, m.id))
    return [_facts(m) for m in found]


def _facts(meeting: Meeting) -> MeetingFacts:
    people = sorted((a.person for a in meeting.attendance), key=lambda p: (p.sort_name, p.id))
    return MeetingFacts(
        id=meeting.id,
        created_at=meeting.created_at,
        updated_at=meeting.updated_at,
        version=meeting.version,
        title=meeting.title,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        location=meeting.location or "",
        cancelled=meeting.status is MeetingStatus.CANCELLED,
        initiative=meeting.initiative.name if meeting.initiative else "",
        agenda=tuple(
            AgendaLine(
                item.title,
                item.presenter.full_name if item.presenter else item.presenter_name or "",
                item.minutes_allotted or 0,
            )
            for item in meeting.agenda_items
        ),
        invitees=tuple(
            Invitee(person_name(p.first_name, p.last_name), _address(p.email)) for p in people
        ),
    )


def _address(email: str | None) -> str:
    text = (email or "").strip()
    return text if is_email(text) else ""


def _with_email(invitees: Iterable[Invitee]) -> list[Invitee]:
    """Invitees with an address, the first of each address (compared case-insensitively)."""
    seen: dict[str, Invitee] = {}
    for invitee in invitees:
        if invitee.email:
            seen.setdefault(invitee.email.casefold(), invitee)
    return list(seen.values())


def _named_zone(zone: tzinfo) -> tzinfo:
    return zone if isinstance(zone, ZoneInfo) and zone.key else UTC


def _organizer(contact: tuple[str, str] | None) -> vCalAddress | None:
    """The agency (Settings: agency e-mail) as the ORGANIZER, which Outlook expects of an
    event with attendees; None without an address."""
    if contact is None:
        return None
    name, email = contact
    organizer = vCalAddress(f"mailto:{email}")
    if name:
        organizer.params["CN"] = name
    return organizer


def _calendar(meetings: Sequence[MeetingFacts], zone: tzinfo,
              organizer: vCalAddress | None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    stamp = utcnow()
    for meeting in meetings:
        calendar.add_component(_event(meeting, zone, stamp, organizer))
    first = min(m.starts_at for m in meetings).astimezone(zone).year
    last = max(m.ends_at for m in meetings).astimezone(zone).year
    # The VTIMEZONE lists the zone's changes from a year before to a year after.
    calendar.add_missing_timezones(date(max(first - 1, 1), 1, 1), date(last + 2, 1, 1))
    return calendar


def _event(meeting: MeetingFacts, zone: tzinfo, stamp: datetime,
           organizer: vCalAddress | None) -> Event:
    event = Event()
    event.add("uid", meeting.uid)
    event.add("dtstamp", stamp)
    event.add("created", meeting.created_at.astimezone(UTC))
    event.add("last-modified", meeting.updated_at.astimezone(UTC))
    event.add("sequence", meeting.version)
    event.add("dtstart", meeting.starts_at.astimezone(zone))
    event.add("dtend", meeting.ends_at.astimezone(zone))
    event.add("summary", meeting.title)
    if meeting.location:
        event.add("location", meeting.location)
    description = _description(meeting)
    if description:
        event.add("description", description)
    event.add("status", "CANCELLED" if meeting.cancelled else "CONFIRMED")
    if organizer is not None:
        event.add("organizer", organizer)
    for invitee in _with_email(meeting.invitees):
        attendee = vCalAddress(f"mailto:{invitee.email}")
        attendee.params["CN"] = invitee.name
        attendee.params["ROLE"] = "REQ-PARTICIPANT"
        attendee.params["PARTSTAT"] = "NEEDS-ACTION"
        attendee.params["RSVP"] = "FALSE"
        event.add("attendee", attendee)
    return event


def _description(meeting: MeetingFacts) -> str:
    parts = [f"Initiative: {meeting.initiative}"] if meeting.initiative else []
    if meeting.agenda:
        lines = (f"{n}. {line.text}" for n, line in enumerate(meeting.agenda, 1))
        parts.append("Agenda:\n" + "\n".join(lines))
    return "\n\n".join(parts)


def _mail_body(meeting: MeetingFacts, zone: tzinfo) -> str:
    start, end = meeting.starts_at.astimezone(zone), meeting.ends_at.astimezone(zone)
    until = f"–{end:%H:%M}" if end.date() == start.date() else f" – {end:%a %d %b %Y, %H:%M}"
    lines = [f"{start:%a %d %b %Y, %H:%M}{until} {end.tzname() or ''}".rstrip()]
    if meeting.cancelled:
        lines.insert(0, "This meeting is cancelled.")
    if meeting.location:
        lines.append(f"Location: {meeting.location}")
    if meeting.agenda:
        lines += ["", "Agenda:"]
        lines += [f"{n}. {line.title}" for n, line in enumerate(meeting.agenda, 1)]
    return "\r\n".join(lines)


def _mailto(to: str, **fields: str) -> str:
    query = "&".join(f"{key}={quote(value, safe='')}" for key, value in fields.items() if value)
    return f"mailto:{to}?{query}" if query else f"mailto:{to}"
