"""Wording and small blocks shared by the training documents (roster, certificates, report)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Table, TableStyle

from app.models import RequirementMode
from app.reports.pdf.document import MUTED, RULE, paragraph
from app.reports.pdf.handout import (
    ALERT,
    AMBER,
    GOOD,
    HandoutStyles,
    clock,
    long_date,
    number,
)
from app.reports.pdf.tables import HEADER_FILL, STRIPE_FILL, Cell, columns, data_table
from app.services.certificates import CertificateStatus
from app.services.compliance import RequirementRow
from app.services.training_documents import SessionDetails
from app.services.wording import plural

STATUS_COLORS: dict[CertificateStatus, Color] = {
    CertificateStatus.NEVER: ALERT,
    CertificateStatus.EXPIRED: ALERT,
    CertificateStatus.EXPIRING: AMBER,
    CertificateStatus.CURRENT: GOOD,
}


def session_dates(session: SessionDetails) -> str:
    """Tuesday, 10 March 2026; or Monday, 9 March – Wednesday, 11 March 2026."""
    first, last = session.first_day, session.last_day
    if first == last:
        return long_date(first)
    if first.year == last.year:
        return f"{first:%A}, {first.day} {first:%B} – {long_date(last)}"
    return f"{long_date(first)} – {long_date(last)}"


def hours_text(hours: float) -> str:
    return f"{number(hours)} hour{'s' * (hours != 1)}"


def session_time(session: SessionDetails) -> str:
    """Starts 09:00 · 8 hours (over 3 days)."""
    spread = f" over {session.days} days" if session.days > 1 else ""
    return f"Starts {clock(session.starts_at)} · {hours_text(session.hours)}{spread}"


def capacity_text(session: SessionDetails, taken: int, waiting: int) -> str:
    """20 seats · 18 taken · 2 free · 3 on the waiting list."""
    waits = f" · {waiting} on the waiting list" if waiting else ""
    if session.capacity is None:
        return f"No limit · {taken} enrolled{waits}"
    free = max(session.capacity - taken, 0)
    return (f"{plural(session.capacity, 'seat')} · {taken} taken · {free} free{waits}")


def requirement_title(requirement: RequirementRow) -> str:
    return f"{requirement.course} — tagged “{requirement.tag}”"


def mode_text(mode: RequirementMode) -> str:
    return "keep current" if mode is RequirementMode.KEEP_CURRENT else "complete once"


def captioned_table(caption: str, headers: Sequence[str], rows: Sequence[Sequence[Cell]],
                    widths: Sequence[float], styles: HandoutStyles) -> Table:
    """A ``data_table`` whose caption repeats with its header on every page it runs onto,
    so that a list continued on the next page still says what it lists."""
    head: list[Cell] = [paragraph(h, styles.base.header_cell) for h in headers]
    blank = [""] * (len(headers) - 1)
    table = data_table((caption, *blank), [head, *rows], widths, styles.base)
    table.repeatRows = 2
    table.setStyle(TableStyle([
        ("SPAN", (0, 0), (-1, 0)),
        ("BACKGROUND", (0, 0), (-1, 0), colors.white),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.white),
        ("LEFTPADDING", (0, 0), (0, 0), 0),
        ("BACKGROUND", (0, 1), (-1, 1), HEADER_FILL),
        ("LINEBELOW", (0, 1), (-1, 1), 0.6, RULE),
        ("ROWBACKGROUNDS", (0, 2), (-1, -1), [colors.white, STRIPE_FILL]),
    ]))
    return table


def align_right(table: Table, first: int, styles: HandoutStyles, header_row: int = 0) -> None:
    """Right-align the columns from ``first`` on, their headers included (numbers).

    ``data_table`` makes every header a left-aligned Paragraph, which the table's ALIGN
    does not move, so those headers get a right-aligned style of their own.
    """
    header = ParagraphStyle("header_right", parent=styles.base.header_cell,
                            alignment=TA_RIGHT)
    for cell in table._cellvalues[header_row][first:]:  # reportlab has no cell setter
        cell.style = header
    table.setStyle(TableStyle([("ALIGN", (first, header_row + 1), (-1, -1), "RIGHT")]))


def details_grid(pairs: Sequence[tuple[str, str]], styles: HandoutStyles,
                 width: float) -> Table:
    """Label and value pairs in two columns (left column first), values wrapping."""
    label = ParagraphStyle("detail_label", parent=styles.base.body, textColor=MUTED)
    value = ParagraphStyle("detail_value", parent=styles.base.body, fontSize=11, leading=14)
    half = math.ceil(len(pairs) / 2)
    left, right = list(pairs[:half]), list(pairs[half:])
    rows = []
    for index in range(half):
        row = [paragraph(left[index][0], label), paragraph(left[index][1], value)]
        if index < len(right):
            row += [paragraph(right[index][0], label), paragraph(right[index][1], value)]
        else:
            row += ["", ""]
        rows.append(row)
    table = Table(rows, colWidths=columns(width, 0.10, 0.45, 0.10, 0.35), hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (0, -1), 2.5),  # labels sit on the values' baseline
        ("TOPPADDING", (2, 0), (2, -1), 2.5),
    ]))
    return table
