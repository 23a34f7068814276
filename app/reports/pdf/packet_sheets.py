"""The sign-in sheet (rows tall enough to sign, blank rows for walk-ins) and the minutes."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer, Table, TableStyle

from app.models import AttendanceStatus
from app.reports.pdf.document import RULE, paragraph
from app.reports.pdf.packet_format import (
    ActionRow,
    PacketStyles,
    action_status_text,
    action_table,
    labelled,
    meeting_line,
    overdue_text,
    plural,
    section,
    text_block,
)
from app.reports.pdf.tables import CELL_PADDING, Cell, columns, data_table
from app.services.meeting_packet import MeetingPacket

SIGN_ROW_HEIGHT = 10 * mm  # room to sign with a pen (at least 9 mm)
WALK_IN_ROWS = 10  # blank rows for people who were not invited
WALK_IN_ROWS_ALONE = 18  # when nobody was invited, the walk-in rows fill the page
SIGN_IN_NOTE = ("Please sign beside your name. Not on the list? Print your name under "
                "Walk-ins.")
NO_INVITEES_NOTE = "No one has been invited yet: please sign in below."
WALK_IN_TITLE = "Walk-ins"
_ROW_PADDING = 2  # above and below the text of a signing row


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
            [str(n), i.list_name, i.organization, _signature_space()]
            for n, i in enumerate(packet.invitees, start=1)
        ]
        flowables.append(_signing_table(("#", "Name", "Organization", "Signature"), rows,
                                        columns(width, 0.05, 0.33, 0.30, 0.32), styles))
        count = WALK_IN_ROWS
    else:
        flowables.append(paragraph(NO_INVITEES_NOTE, note))
        count = WALK_IN_ROWS_ALONE
    blank: list[list[Cell]] = [
        [str(n), "", "", "", _signature_space()] for n in range(1, count + 1)
    ]
    flowables += [
        CondPageBreak(5 * SIGN_ROW_HEIGHT),
        paragraph(WALK_IN_TITLE, styles.subheading),
        _signing_table(("#", "Name (please print)", "Organization", "E-mail or phone",
                        "Signature"), blank, columns(width, 0.05, 0.27, 0.22, 0.22, 0.24),
                       styles),
    ]
    return flowables


def _signature_space() -> Spacer:
    """An empty cell that keeps its row at least SIGN_ROW_HEIGHT tall (more if a name wraps)."""
    return Spacer(1, SIGN_ROW_HEIGHT - 2 * _ROW_PADDING)


def _signing_table(headers: tuple[str, ...], rows: list[list[Cell]], widths: list[float],
                   styles: PacketStyles) -> Table:
    table = data_table(headers, rows, widths, styles.base)
    table.setStyle(TableStyle([
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white]),
        ("LINEBELOW", (0, 1), (-1, -1), 0.6, RULE),
        ("LINEBEFORE", (1, 0), (-1, -1), 0.3, RULE),
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
        ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 1), (-1, -1), _ROW_PADDING),
        ("BOTTOMPADDING", (0, 1), (-1, -1), _ROW_PADDING),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING + 1),
    ]))
    return table


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
