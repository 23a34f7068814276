"""The sign-in sheet (rows tall enough to sign, blank rows for walk-ins) and the minutes."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from app.models import AttendanceStatus
from app.reports.pdf.document import paragraph
from app.reports.pdf.handout import labelled, section
from app.reports.pdf.packet_format import (
    ActionRow,
    PacketStyles,
    action_status_text,
    action_table,
    meeting_line,
    overdue_text,
    text_block,
)
from app.reports.pdf.signing import signature_space, signing_table, walk_ins
from app.reports.pdf.tables import Cell, columns
from app.services.meeting_packet import MeetingPacket
from app.services.wording import plural

WALK_IN_ROWS = 10  # blank rows for people who were not invited
WALK_IN_ROWS_ALONE = 18  # when nobody was invited, the walk-in rows fill the page
SIGN_IN_NOTE = ("Please sign beside your name. Not on the list? Print your name under "
                "Walk-ins.")
NO_INVITEES_NOTE = "No one has been invited yet: please sign in below."


def sign_in_sheet(packet: MeetingPacket, styles: PacketStyles, width: float,
                  with_heading: bool = True) -> list[Flowable]:
    """Invitees with a line to sign on, then blank rows for walk-ins; header on every page."""
    flowables: list[Flowable] = []
    if with_heading:  # in the packet: the sheet may be passed round on its own
        flowables += section("Sign-in sheet", styles)
        flowables.append(paragraph(meeting_line(packet), styles.base.small))
    note = styles.base.body.clone("note", spaceAfter=3 * mm)
    if packet.invitees:
        flowables.append(paragraph(SIGN_IN_NOTE, note))
        rows: list[list[Cell]] = [
            [str(n), i.list_name, i.organization, signature_space()]
            for n, i in enumerate(packet.invitees, start=1)
        ]
        flowables.append(signing_table(("#", "Name", "Organization", "Signature"), rows,
                                       columns(width, 0.05, 0.33, 0.30, 0.32), styles.base))
        count = WALK_IN_ROWS
    else:
        flowables.append(paragraph(NO_INVITEES_NOTE, note))
        count = WALK_IN_ROWS_ALONE
    return flowables + walk_ins(count, styles, width)


def minutes_document(packet: MeetingPacket, styles: PacketStyles,
                     width: float) -> list[Flowable]:
    """This meeting's attendance, minutes, decisions and the action items raised in it."""
    flowables = [*section("Attendance", styles), *_attendance(packet, styles)]
    flowables += [*section("Minutes", styles),
                  *text_block(packet.minutes, styles, "No minutes were recorded.")]
    flowables += [*section("Decisions", styles),
                  *text_block(packet.decisions, styles, "No decisions were recorded.")]
    flowables += section("Action items", styles)
    if not packet.actions_raised:
        flowables.append(paragraph("No action items were raised at this meeting.",
                                   styles.base.body))
        return flowables
    rows = []
    for action in packet.actions_raised:
        late = action.days_overdue > 0
        status = (overdue_text(action.days_overdue) if late
                  else action_status_text(action.status, action.completed_on))
        rows.append(ActionRow(action.description, action.owner, action.owner_organization,
                              action.due_on, status, late))
    flowables.append(action_table(rows, styles, width))
    return flowables


def _attendance(packet: MeetingPacket, styles: PacketStyles) -> list[Flowable]:
    style = styles.base.body.clone("attendance", spaceAfter=1.5 * mm)
    groups = [
        ("Present", AttendanceStatus.PRESENT),
        ("Excused", AttendanceStatus.EXCUSED),
        ("Absent", AttendanceStatus.ABSENT),
        ("Not recorded", AttendanceStatus.INVITED),
    ]
    flowables: list[Flowable] = []
    for label, status in groups:
        people = packet.attending(status)
        if people or status is not AttendanceStatus.INVITED:
            names = ", ".join(p.name for p in people) or "none"
            flowables.append(labelled(f"{label} ({len(people)}):", names, style))
    flowables.append(labelled("Walk-ins:", str(packet.walk_in_count), style))
    present = len(packet.attending(AttendanceStatus.PRESENT))
    total = (f"{plural(packet.present_count, 'person', 'people')} attended "
             f"({plural(present, 'invitee')} and {plural(packet.walk_in_count, 'walk-in')}).")
    flowables.append(paragraph(total, styles.base.small))
    return flowables
