"""The meeting packet's sections: cover, agenda, invitees, previous minutes, actions, goals."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable

from app.models import Direction, MeetingStatus
from app.reports.pdf.document import paragraph
from app.reports.pdf.handout import (
    ACCENT,
    ALERT,
    clock,
    gap,
    labelled,
    long_date,
    number,
    section,
    short_date,
)
from app.reports.pdf.packet_format import (
    ATTENDANCE_LABELS,
    ActionRow,
    PacketStyles,
    action_table,
    due_state,
    raised_note,
    text_block,
    time_range,
)
from app.reports.pdf.tables import Cell, columns, data_table, stacked
from app.services.evaluation_report import GoalLine
from app.services.goal_status import CLOSE_SHARE_OF_DISTANCE, CLOSE_WITHOUT_BASELINE
from app.services.meeting_packet import MeetingPacket, PacketGoal
from app.services.wording import plural

NO_PREVIOUS = "No earlier meeting in this series."
LONG_TITLE = 60  # characters: a longer meeting title is set smaller on the cover
STATUS_TEXT = {MeetingStatus.CANCELLED: "This meeting is cancelled.",
               MeetingStatus.HELD: "This meeting has been held."}
STATUS_COLOR = {MeetingStatus.CANCELLED: ALERT, MeetingStatus.HELD: ACCENT}


def cover(packet: MeetingPacket, contents: list[str], styles: PacketStyles,
          width: float) -> list[Flowable]:
    """The cover page: agency, meeting title, when and where, and what the packet holds.

    Always one page: a long title is set smaller, and anything still too tall is shrunk.
    """
    flowables: list[Flowable] = [gap(22)]
    if packet.agency_name:
        flowables.append(paragraph(packet.agency_name, styles.cover_agency))
    title_style = styles.cover_title
    if len(packet.title) > LONG_TITLE:
        title_style = title_style.clone("cover_title_long", fontSize=22, leading=27)
    flowables += [
        paragraph("Meeting packet", styles.cover_kind),
        paragraph(packet.title, title_style),
        HRFlowable(width="100%", thickness=2.5, color=ACCENT, spaceBefore=0,
                   spaceAfter=9 * mm, hAlign="LEFT"),
    ]
    details = [("Date", long_date(packet.starts_at)), ("Time", time_range(packet)),
               ("Location", packet.location or "To be announced")]
    details += [("Initiative", packet.initiative_name)] if packet.initiative else []
    details += [("Series", packet.series_title)] if packet.series_title else []
    rows = [[paragraph(label, styles.cover_label), paragraph(value, styles.cover_value)]
            for label, value in details]
    table = Table(rows, colWidths=columns(width, 0.2, 0.8), hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "BASELINE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5 * mm),
    ]))
    flowables.append(table)
    if packet.status in STATUS_TEXT:
        style = styles.subheading.clone("cover_status", textColor=STATUS_COLOR[packet.status])
        flowables.append(paragraph(STATUS_TEXT[packet.status], style))
    flowables += [gap(14), paragraph("In this packet", styles.subheading)]
    entry = styles.base.body.clone("contents", fontSize=12, leading=19)
    flowables += [paragraph(f"{n}.  {name}", entry) for n, name in enumerate(contents, start=1)]
    return [KeepInFrame(0, 0, flowables, mode="shrink"), PageBreak()]


def agenda(packet: MeetingPacket, styles: PacketStyles, width: float) -> list[Flowable]:
    if not packet.agenda:
        return [*section("Agenda", styles), paragraph("No agenda items yet.", styles.base.body)]
    rows: list[list[Cell]] = [
        [str(n), clock(item.starts_at), stacked(item.title, item.notes), item.presenter,
         str(item.minutes)]
        for n, item in enumerate(packet.agenda, start=1)
    ]
    table = data_table(("#", "Start", "Item", "Presenter", "Min."), rows,
                       columns(width, 0.05, 0.09, 0.52, 0.26, 0.08), styles.base)
    table.setStyle(TableStyle([("ALIGN", (4, 0), (4, -1), "RIGHT")]))
    total = (f"{plural(packet.agenda_minutes, 'minute')} in all; the agenda ends at "
             f"{clock(packet.agenda_ends_at)}")
    over = int((packet.agenda_ends_at - packet.ends_at).total_seconds() // 60)
    if over > 0:
        total += (f", {plural(over, 'minute')} after the scheduled end "
                  f"({clock(packet.ends_at)}).")
    else:
        total += f" (scheduled end {clock(packet.ends_at)})."
    note = styles.base.small.clone("agenda_total", spaceBefore=1.5 * mm,
                                   textColor=ALERT if over > 0 else styles.base.small.textColor)
    return [*section("Agenda", styles), table, paragraph(total, note)]


def invitees(packet: MeetingPacket, styles: PacketStyles, width: float) -> list[Flowable]:
    if not packet.invitees:
        return [*section("Invitees", styles),
                paragraph("No one has been invited yet.", styles.base.body)]
    rows: list[list[Cell]] = [
        [i.list_name, i.organization, ATTENDANCE_LABELS[i.attendance]] for i in packet.invitees
    ]
    table = data_table(("Name", "Organization", "Attendance"), rows,
                       columns(width, 0.42, 0.42, 0.16), styles.base)
    note = f"{plural(len(packet.invitees), 'person', 'people')} invited, by family name"
    return [*section("Invitees", styles, note), table]


def previous_minutes(packet: MeetingPacket, styles: PacketStyles) -> list[Flowable]:
    flowables = section("Minutes of the previous meeting", styles)
    previous = packet.previous
    if previous is None:
        return [*flowables, paragraph(NO_PREVIOUS, styles.base.body)]
    when = f"{long_date(previous.starts_at)}, {clock(previous.starts_at)}"
    flowables += [paragraph(previous.title, styles.subheading.clone("previous", spaceBefore=0)),
                  paragraph(when, styles.base.small)]
    flowables += [paragraph("Minutes", styles.label),
                  *text_block(previous.minutes, styles, "No minutes were recorded.")]
    flowables += [paragraph("Decisions", styles.label),
                  *text_block(previous.decisions, styles, "No decisions were recorded.")]
    return flowables


def open_actions(packet: MeetingPacket, styles: PacketStyles, width: float) -> list[Flowable]:
    if not packet.open_actions:
        return [*section("Open action items", styles),
                paragraph("No open action items.", styles.base.body)]
    rows = []
    for action in packet.open_actions:
        item = action.item
        state, late = due_state(action, packet.as_of)
        rows.append(ActionRow(stacked(item.description, raised_note(action)), item.owner,
                              item.owner_organization, item.due_on, state, late))
    table = action_table(rows, styles, width)
    overdue = [row for row in rows if row.overdue]
    note = (f"{plural(len(rows), 'open item')}, {len(overdue)} overdue, "
            f"as of {short_date(packet.as_of)}")
    return [*section("Open action items", styles, note), table]


def initiative_status(packet: MeetingPacket, styles: PacketStyles,
                      width: float) -> list[Flowable]:
    """Goals of the linked initiative (nothing at all when the meeting has no initiative)."""
    if packet.initiative is None:
        return []
    flowables = section("Initiative status", styles)
    flowables.append(paragraph(packet.initiative.name,
                               styles.subheading.clone("initiative", spaceBefore=0)))
    if not packet.initiative.goals:
        return [*flowables, paragraph("No goals defined yet.", styles.base.body)]
    return [*flowables, *goal_table(packet.initiative.goals, styles, width)]


def goal_table(goals: Sequence[PacketGoal | GoalLine], styles: PacketStyles,
               width: float) -> list[Flowable]:
    """Goals with their baseline, target, latest value and status, and the status rules
    (the meeting packet's and the evaluation report's)."""
    rows = [_goal_row(goal, styles) for goal in goals]
    table = data_table(("Goal", "Baseline", "Target", "Latest", "Status"), rows,
                       columns(width, 0.38, 0.12, 0.12, 0.17, 0.21), styles.base)
    legend = (
        f"On target: the latest value reached the target. Close to target: at least "
        f"{CLOSE_SHARE_OF_DISTANCE:.0%} of the way from the baseline (without a baseline: "
        f"within {CLOSE_WITHOUT_BASELINE:.0%} of the target). Needs improvement: less than "
        f"that. Pending: nothing measured yet."
    )
    return [table, gap(1.5), labelled("Status:", legend, styles.base.small)]


def _goal_row(goal: PacketGoal | GoalLine, styles: PacketStyles) -> list[Cell]:
    better = "higher is better" if goal.direction is Direction.INCREASE else "lower is better"
    note = f"in {goal.unit} · {better}" if goal.unit else better.capitalize()
    latest: Cell = "—"
    if goal.latest_on is not None:
        latest = stacked(number(goal.latest_value), short_date(goal.latest_on))
    return [
        stacked(goal.name, note),
        number(goal.baseline) or "—",
        number(goal.target) or "—",
        latest,
        paragraph(goal.status.label, styles.status_cells[goal.status]),
    ]
