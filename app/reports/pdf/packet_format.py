"""Styles, wording and small building blocks of the meeting packet's documents.

The look they share with other handouts (section headings, colours, dates) is in
app/reports/pdf/handout.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from app.models import ActionStatus, AttendanceStatus
from app.reports.pdf.document import MUTED, paragraph
from app.reports.pdf.fonts import BOLD
from app.reports.pdf.handout import (
    ACCENT,
    ALERT,
    ALERT_FILL,
    AMBER,
    GOOD,
    HandoutStyles,
    clock,
    handout_styles,
    long_date,
    short_date,
)
from app.reports.pdf.tables import Cell, columns, data_table, stacked
from app.services.goal_status import GoalStatus
from app.services.meeting_packet import MeetingPacket, PacketAction
from app.services.wording import plural

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
class PacketStyles(HandoutStyles):
    cover_agency: ParagraphStyle
    cover_kind: ParagraphStyle
    cover_title: ParagraphStyle
    cover_label: ParagraphStyle
    cover_value: ParagraphStyle
    status_cells: dict[GoalStatus, ParagraphStyle]


def packet_styles() -> PacketStyles:
    shared = handout_styles()
    base = shared.base
    body = base.body
    cover_value = ParagraphStyle("cover_value", parent=body, fontSize=14, leading=18)
    return PacketStyles(
        **{f.name: getattr(shared, f.name) for f in fields(shared)},
        cover_agency=ParagraphStyle("cover_agency", parent=body, fontName=BOLD, fontSize=14,
                                    leading=18, textColor=MUTED, spaceAfter=10 * mm),
        cover_kind=ParagraphStyle("cover_kind", parent=body, fontName=BOLD, fontSize=12,
                                  leading=15, textColor=ACCENT, spaceAfter=3 * mm),
        cover_title=ParagraphStyle("cover_title", parent=body, fontName=BOLD, fontSize=30,
                                   leading=36, spaceAfter=5 * mm),
        cover_label=ParagraphStyle("cover_label", parent=cover_value, fontSize=11,
                                   textColor=MUTED),
        cover_value=cover_value,
        status_cells={
            status: ParagraphStyle(f"status_{status.name}", parent=base.cell, fontName=BOLD,
                                   textColor=color)
            for status, color in STATUS_COLORS.items()
        },
    )


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


def time_range(packet: MeetingPacket) -> str:
    return f"{clock(packet.starts_at)} – {clock(packet.ends_at)}"


def meeting_line(packet: MeetingPacket) -> str:
    """The meeting in one line: title, date, time and place."""
    parts = [packet.title, long_date(packet.starts_at), time_range(packet), packet.location]
    return " · ".join(p for p in parts if p)


def overdue_text(days: int) -> str:
    return f"Overdue {plural(days, 'day')}"


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
