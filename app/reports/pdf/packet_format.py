"""Styles, wording and small building blocks shared by the meeting packet's documents."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable

from app.models import ActionStatus, AttendanceStatus
from app.reports.pdf.document import MUTED, Styles, paragraph, report_styles
from app.reports.pdf.fonts import BOLD, markup
from app.reports.pdf.tables import Cell, columns, data_table, stacked
from app.services.goal_status import GoalStatus
from app.services.meeting_packet import MeetingPacket, PacketAction

BASE_SIZE = 10  # larger than the directory's: a packet is read at a table, not searched
ACCENT = colors.HexColor("#1f4e79")
ALERT = colors.HexColor("#b42318")
ALERT_FILL = colors.HexColor("#fdecea")  # behind a row that needs attention
GOOD = colors.HexColor("#1e7b45")
AMBER = colors.HexColor("#a15c07")
ROOM_FOR_A_SECTION = 45 * mm  # a section starts on a new page below this
_BLANK_LINE = re.compile(r"\n[ \t]*\n")

ATTENDANCE_LABELS = {
    AttendanceStatus.INVITED: "Invited",
    AttendanceStatus.PRESENT: "Present",
    AttendanceStatus.EXCUSED: "Excused",
    AttendanceStatus.ABSENT: "Absent",
}
STATUS_COLORS = {
    GoalStatus.ON_TARGET: GOOD,
    GoalStatus.CLOSE: AMBER,
    GoalStatus.NEEDS_IMPROVEMENT: ALERT,
    GoalStatus.PENDING: MUTED,
}


@dataclass(frozen=True)
class PacketStyles:
    base: Styles
    section: ParagraphStyle
    subheading: ParagraphStyle
    label: ParagraphStyle
    agency: ParagraphStyle
    cover_agency: ParagraphStyle
    cover_kind: ParagraphStyle
    cover_title: ParagraphStyle
    cover_label: ParagraphStyle
    cover_value: ParagraphStyle
    alert_cell: ParagraphStyle
    status_cells: dict[GoalStatus, ParagraphStyle]


def packet_styles() -> PacketStyles:
    base = report_styles(BASE_SIZE)
    body = base.body
    section = ParagraphStyle("section", parent=base.heading, fontSize=15, leading=19,
                             textColor=ACCENT, spaceBefore=7 * mm, spaceAfter=0)
    cover_value = ParagraphStyle("cover_value", parent=body, fontSize=14, leading=18)
    return PacketStyles(
        base=base,
        section=section,
        subheading=ParagraphStyle("subheading", parent=base.heading, fontSize=12, leading=15,
                                  spaceBefore=4 * mm, spaceAfter=1.5 * mm),
        label=ParagraphStyle("label", parent=body, fontName=BOLD, spaceBefore=2.5 * mm,
                             spaceAfter=1 * mm, keepWithNext=True),
        agency=ParagraphStyle("agency", parent=body, fontName=BOLD, textColor=MUTED,
                              spaceAfter=1.5 * mm),
        cover_agency=ParagraphStyle("cover_agency", parent=body, fontName=BOLD, fontSize=14,
                                    leading=18, textColor=MUTED, spaceAfter=10 * mm),
        cover_kind=ParagraphStyle("cover_kind", parent=body, fontName=BOLD, fontSize=12,
                                  leading=15, textColor=ACCENT, spaceAfter=3 * mm),
        cover_title=ParagraphStyle("cover_title", parent=body, fontName=BOLD, fontSize=30,
                                   leading=36, spaceAfter=5 * mm),
        cover_label=ParagraphStyle("cover_label", parent=cover_value, fontSize=11,
                                   textColor=MUTED),
        cover_value=cover_value,
        alert_cell=ParagraphStyle("alert_cell", parent=base.cell, fontName=BOLD,
                                  textColor=ALERT),
        status_cells={
            status: ParagraphStyle(f"status_{status.name}", parent=base.cell, fontName=BOLD,
                                   textColor=color)
            for status, color in STATUS_COLORS.items()
        },
    )


def section(title: str, styles: PacketStyles, note: str = "") -> list[Flowable]:
    """A section's heading with a rule under it, and an optional muted line of detail."""
    flowables: list[Flowable] = [
        CondPageBreak(ROOM_FOR_A_SECTION),
        paragraph(title, styles.section),
        HRFlowable(width="100%", thickness=1.2, color=ACCENT, spaceBefore=1.5 * mm,
                   spaceAfter=2.5 * mm, hAlign="LEFT"),
    ]
    if note:
        flowables.append(paragraph(note, styles.base.small))
    return flowables


def labelled(label: str, text: str, style: ParagraphStyle) -> Paragraph:
    """One line "<b>Label</b> user text" (the user text escaped)."""
    return Paragraph(f"<b>{escape(label)}</b> {markup(text, style.fontName)}", style)


def text_block(text: str, styles: PacketStyles, empty: str) -> list[Flowable]:
    """Multi-line user text: a paragraph per blank-line-separated block, line breaks kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = [b.strip("\n") for b in _BLANK_LINE.split(text) if b.strip()]
    if not blocks:
        return [paragraph(empty, styles.base.small)]
    style = ParagraphStyle("block", parent=styles.base.body, spaceAfter=2 * mm)
    return [paragraph(block, style) for block in blocks]


@dataclass(frozen=True)
class ActionRow:
    """One row of an action item table (the packet's open items, the minutes' new ones)."""

    action: Cell
    owner: str
    organization: str
    due_on: date | None
    status: str
    overdue: bool


def action_table(rows: Sequence[ActionRow], styles: PacketStyles, width: float) -> Table:
    """Action, owner, due date and status; an overdue row is tinted, its status bold red."""
    cells: list[list[Cell]] = [
        [
            row.action,
            stacked(row.owner or "No owner", row.organization),
            short_date(row.due_on) if row.due_on else "",
            paragraph(row.status, styles.alert_cell) if row.overdue else row.status,
        ]
        for row in rows
    ]
    table = data_table(("Action", "Owner", "Due", "Status"), cells,
                       columns(width, 0.38, 0.25, 0.15, 0.22), styles.base)
    late = [n for n, row in enumerate(rows, start=1) if row.overdue]
    table.setStyle(TableStyle([("BACKGROUND", (0, n), (-1, n), ALERT_FILL) for n in late]))
    return table


def gap(height_mm: float) -> Spacer:
    return Spacer(1, height_mm * mm)


def long_date(moment: datetime | date) -> str:
    """Tuesday, 10 March 2026."""
    return f"{moment:%A}, {moment.day} {moment:%B %Y}"


def short_date(day: date | datetime) -> str:
    """10 Mar 2026 (as the page footer writes dates)."""
    return f"{day.day} {day:%b %Y}"


def clock(moment: datetime) -> str:
    return f"{moment:%H:%M}"


def time_range(packet: MeetingPacket) -> str:
    return f"{clock(packet.starts_at)} – {clock(packet.ends_at)}"


def meeting_line(packet: MeetingPacket) -> str:
    """The meeting in one line: title, date, time and place."""
    parts = [packet.title, long_date(packet.starts_at), time_range(packet), packet.location]
    return " · ".join(p for p in parts if p)


def number(value: float | None) -> str:
    """12, 3.5, 1,250: no trailing zeros; an empty string for no value."""
    return "" if value is None else f"{value:,.10g}"


def overdue_text(days: int) -> str:
    return f"Overdue {plural(days, 'day')}"


def plural(count: int, singular: str, many: str = "") -> str:
    return f"{count} {singular if count == 1 else many or singular + 's'}"


def due_state(action: PacketAction, as_of: date) -> tuple[str, bool]:
    """What the status column says about an open item, and whether it is overdue."""
    item = action.item
    if item.days_overdue > 0:
        return overdue_text(item.days_overdue), True
    if item.due_on is None:
        return "No due date", False
    days = (item.due_on - as_of).days
    return ("Due today", False) if days == 0 else (f"Due in {plural(days, 'day')}", False)


def raised_note(action: PacketAction) -> str:
    if not action.carried:
        return "Raised at this meeting"
    if action.raised_on is None:
        return "Filed under the initiative"
    return f"Carried from the meeting of {short_date(action.raised_on)}"


def action_status_text(status: ActionStatus, completed_on: date | None) -> str:
    if status is ActionStatus.DONE:
        return f"Done {short_date(completed_on)}" if completed_on else "Done"
    return {ActionStatus.OPEN: "Open", ActionStatus.DROPPED: "Dropped"}[status]
