"""Demo meetings: two years of a monthly partnership meeting, plus working groups."""

from __future__ import annotations

from datetime import date, timedelta

from app.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Meeting,
    MeetingSeries,
    MeetingStatus,
    Person,
)
from app.services.demo.common import (
    ANALYST,
    LIAISON,
    DemoContext,
    local_time,
    month_start,
    nth_weekday,
)

SERIES_TITLE = "Riverton Community Safety Partnership"
RULE = "FREQ=MONTHLY;BYDAY=2TU"
LOCATION = "Riverton Public Library, Community Room B"
PAST_MONTHS, FUTURE_MONTHS = 24, 3
TUESDAY = 1

ACTIONS = (
    "Send crime trend slides to all partners",
    "Draft flyer for the next community walk",
    "Ask Code Enforcement about the vacant lot on Mill Rd",
    "Collect partner updates for the funder report",
    "Book the room for the next training session",
    "Follow up with the school district on the mentoring referrals",
    "Share the survey link with tenant associations",
    "Confirm interpreters (Spanish, Vietnamese) for the town hall",
    "Map street lights reported broken in Eastside",
    "Invite the transit police to present at the next meeting",
)


def build_meetings(ctx: DemoContext) -> None:
    series = MeetingSeries(title=SERIES_TITLE, rule=RULE)
    ctx.session.add(series)
    invitees = _invitees(ctx)
    for offset in range(-PAST_MONTHS, FUTURE_MONTHS + 1):
        first = month_start(ctx.today, offset)
        day = nth_weekday(first.year, first.month, TUESDAY, 2)
        meeting = _meeting(ctx, f"{SERIES_TITLE} – {day:%B %Y}", day, invitees)
        meeting.series = series
        ctx.session.add(meeting)
    _working_groups(ctx)


def _invitees(ctx: DemoContext) -> list[Person]:
    chosen: list[Person] = [ctx.people[LIAISON], ctx.people[ANALYST]]
    for initiative in ctx.initiatives.values():
        for partner in initiative.partners:
            if partner.contact_person and partner.contact_person not in chosen:
                chosen.append(partner.contact_person)
    for person in ctx.tagged("block captain")[:4] + ctx.tagged("faith leader")[:2]:
        if person not in chosen:
            chosen.append(person)
    return chosen


def _meeting(
    ctx: DemoContext, title: str, day: date, invitees: list[Person], hour: int = 18
) -> Meeting:
    rng = ctx.rng
    held = day < ctx.today
    meeting = Meeting(
        title=title,
        starts_at=local_time(day, hour),
        ends_at=local_time(day, hour + 1, 30),
        location=LOCATION,
        status=MeetingStatus.HELD if held else MeetingStatus.SCHEDULED,
        walk_in_count=rng.randint(0, 9) if held else 0,
    )
    meeting.agenda_items = _agenda(ctx)
    present: list[Person] = []
    for person in invitees:
        if held:
            status = rng.choices(
                [AttendanceStatus.PRESENT, AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT],
                weights=[70, 15, 15],
            )[0]
        else:
            status = AttendanceStatus.INVITED
        if status is AttendanceStatus.PRESENT:
            present.append(person)
        meeting.attendance.append(Attendance(person=person, status=status))
    if held:
        meeting.minutes = _minutes(meeting, len(present))
        meeting.decisions = "Minutes of the previous meeting approved."
        _actions(ctx, meeting, day, present or invitees)
    return meeting


def _agenda(ctx: DemoContext) -> list[AgendaItem]:
    rng = ctx.rng
    initiative = rng.choice(list(ctx.initiatives.values()))
    lead = initiative.partners[0].contact_person if initiative.partners else None
    items: list[tuple[str, Person | None, str, int]] = [
        ("Welcome and introductions", ctx.people[LIAISON], "", 5),
        ("Review of open action items", ctx.people[LIAISON], "", 10),
        ("Crime trends since the last meeting", ctx.people[ANALYST], "", 15),
        (f"Initiative update: {initiative.name}", lead, "", 15),
    ]
    if rng.random() < 0.3:
        items.append(("Guest presentation: 988 crisis line", None,
                      "Dr. Amara Okafor, Harlan County Crisis Line", 20))
    items.append(("Partner announcements", None, "", 10))
    return [
        AgendaItem(position=i, title=title, presenter=presenter,
                   presenter_name=name or (presenter.full_name if presenter else ""),
                   minutes_allotted=minutes)
        for i, (title, presenter, name, minutes) in enumerate(items)
    ]


def _minutes(meeting: Meeting, present: int) -> str:
    lines = [f"{present} partners present, {meeting.walk_in_count} walk-ins."]
    lines += [f"{item.position + 1}. {item.title}: discussed." for item in meeting.agenda_items]
    return "\n".join(lines)


def _actions(ctx: DemoContext, meeting: Meeting, day: date, owners: list[Person]) -> None:
    rng = ctx.rng
    # Every 39-day window holds a monthly meeting, so some open item is always overdue.
    age = (ctx.today - day).days
    for index in range(rng.randint(1, 3)):
        due = day + timedelta(days=rng.choice([14, 21, 28, 35]))
        item = ActionItem(
            description=rng.choice(ACTIONS),
            owner=rng.choice(owners),
            due_on=due,
            initiative=rng.choice([None, *ctx.initiatives.values()]),
        )
        roll = rng.random()
        done_share = 0.45 if age < 75 else 0.75 if age < 180 else 1.0
        if age < 75 and index == 0:
            item.status = ActionStatus.OPEN  # overdue once its due date has passed
        elif roll < 0.07:
            item.status = ActionStatus.DROPPED
        elif roll < done_share:
            item.status = ActionStatus.DONE
            item.completed_on = min(ctx.today, day + timedelta(days=rng.randint(3, 40)))
        meeting.action_items.append(item)


def _working_groups(ctx: DemoContext) -> None:
    """A few one-off initiative meetings outside the series."""
    rng = ctx.rng
    for key, title, offset, hour in (
        ("burglary", "Eastside burglary project – analysis workshop", -17, 9),
        ("burglary", "Eastside burglary project – 12-month assessment", -5, 9),
        ("cit", "CIT case review", -4, 14),
        ("cit", "CIT case review", -1, 14),
        ("mentor", "Mentor recruitment planning", -8, 16),
        ("cpted", "Millbrook CPTED kickoff", 2, 10),
    ):
        initiative = ctx.initiatives[key]
        day = month_start(ctx.today, offset) + timedelta(days=rng.randint(2, 25))
        day += timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)
        people = [p.contact_person for p in initiative.partners if p.contact_person]
        meeting = _meeting(ctx, f"{title} ({day:%b %Y})", day, people, hour)
        meeting.initiative = initiative
        meeting.location = rng.choice(["Riverton PD Community Room", "Online (video call)"])
        ctx.session.add(meeting)
