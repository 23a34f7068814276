"""The printed meeting packet, or its sign-in sheet alone, or the meeting's minutes alone.

The full packet, in order: a cover page; the agenda with running start times; the
invitees; the sign-in sheet on pages of its own; the previous meeting's minutes; the open
action items (overdue ones in red); the status of the linked initiative's goals (left out
when the meeting has no initiative). Every page has the shared running header and a
"Page X of Y" footer (app/reports/pdf/document.py).
"""

from __future__ import annotations

import enum

from reportlab.platypus import Flowable, PageBreak

from app.reports.output import Progress, Target, no_progress
from app.reports.pdf.document import PageDecor, build_pdf, content_width, paragraph
from app.reports.pdf.handout import long_date, short_date
from app.reports.pdf.packet_format import PacketStyles, packet_styles, time_range
from app.reports.pdf.packet_sections import (
    agenda,
    cover,
    initiative_status,
    invitees,
    open_actions,
    previous_minutes,
)
from app.reports.pdf.packet_sheets import minutes_document, sign_in_sheet
from app.services.meeting_packet import MeetingPacket

DEFAULT_PAGE_SIZE = "Letter"


class PacketParts(enum.Enum):
    """Which document to print."""

    ALL = "Meeting packet"
    SIGN_IN_SHEET = "Sign-in sheet"
    MINUTES = "Minutes"

    @property
    def title(self) -> str:
        return self.value


def write_meeting_packet(
    packet: MeetingPacket,
    target: Target,
    *,
    page_size: str = DEFAULT_PAGE_SIZE,
    parts: PacketParts = PacketParts.ALL,
    progress: Progress = no_progress,
) -> int:
    """Write the packet (or one of its parts) as a PDF; return the number of pages.

    ``target`` is a path (written atomically) or a binary file; ``page_size`` is "Letter"
    or "A4"; raising from ``progress(done, total)`` cancels and leaves no file behind.
    """
    styles = packet_styles()
    width = content_width(page_size)
    if parts is PacketParts.ALL:
        story = _full_packet(packet, styles, width)
    else:
        story = _title_block(packet, parts, styles)
        if parts is PacketParts.SIGN_IN_SHEET:
            story += sign_in_sheet(packet, styles, width, with_heading=False)
        else:
            story += minutes_document(packet, styles, width)
    title = f"{parts.title}: {packet.title}, {short_date(packet.starts_at)}"
    decor = PageDecor(title, packet.agency_name, packet.generated_at)
    return build_pdf(target, story, decor, page_size=page_size, subject=parts.title,
                     progress=progress)


def _full_packet(packet: MeetingPacket, styles: PacketStyles, width: float) -> list[Flowable]:
    contents = ["Agenda", "Invitees", "Sign-in sheet", "Minutes of the previous meeting",
                "Open action items"]
    contents += ["Initiative status"] if packet.initiative else []
    story = cover(packet, contents, styles, width)
    story += agenda(packet, styles, width)
    story += invitees(packet, styles, width)
    story += [PageBreak(), *sign_in_sheet(packet, styles, width), PageBreak()]
    story += previous_minutes(packet, styles)
    story += open_actions(packet, styles, width)
    story += initiative_status(packet, styles, width)
    return story


def _title_block(packet: MeetingPacket, parts: PacketParts,
                 styles: PacketStyles) -> list[Flowable]:
    """The first page's heading of a document printed on its own."""
    lines: list[Flowable] = []
    if packet.agency_name:
        lines.append(paragraph(packet.agency_name, styles.agency))
    lines.append(paragraph(f"{parts.title}: {packet.title}", styles.base.title))
    details = [long_date(packet.starts_at), time_range(packet), packet.location]
    details += [f"Initiative: {packet.initiative_name}"] if packet.initiative else []
    lines.append(paragraph(" · ".join(d for d in details if d), styles.base.subtitle))
    return lines
