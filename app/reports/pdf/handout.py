"""The look of documents handed out on paper: meeting packets, training rosters, reports.

A larger base size than the directory's (these are read at a table, not searched),
accent-coloured section headings with a rule under them, colours for good, close and
alert, and the wording of dates, times, numbers and counts they all share.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer
from reportlab.platypus.flowables import HRFlowable

from app.reports.pdf.document import MUTED, Styles, paragraph, report_styles
from app.reports.pdf.fonts import BOLD, markup

BASE_SIZE = 10
ACCENT = colors.HexColor("#1f4e79")
ALERT = colors.HexColor("#b42318")
ALERT_FILL = colors.HexColor("#fdecea")  # behind a row that needs attention
GOOD = colors.HexColor("#1e7b45")
AMBER = colors.HexColor("#a15c07")
ROOM_FOR_A_SECTION = 45 * mm  # a section starts on a new page below this


@dataclass(frozen=True)
class HandoutStyles:
    base: Styles
    section: ParagraphStyle
    subheading: ParagraphStyle
    label: ParagraphStyle
    agency: ParagraphStyle
    alert_cell: ParagraphStyle


def handout_styles() -> HandoutStyles:
    base = report_styles(BASE_SIZE)
    body = base.body
    return HandoutStyles(
        base=base,
        section=ParagraphStyle("section", parent=base.heading, fontSize=15, leading=19,
                               textColor=ACCENT, spaceBefore=7 * mm, spaceAfter=0),
        subheading=ParagraphStyle("subheading", parent=base.heading, fontSize=12, leading=15,
                                  spaceBefore=4 * mm, spaceAfter=1.5 * mm),
        label=ParagraphStyle("label", parent=body, fontName=BOLD, spaceBefore=2.5 * mm,
                             spaceAfter=1 * mm, keepWithNext=True),
        agency=ParagraphStyle("agency", parent=body, fontName=BOLD, textColor=MUTED,
                              spaceAfter=1.5 * mm),
        alert_cell=ParagraphStyle("alert_cell", parent=base.cell, fontName=BOLD,
                                  textColor=ALERT),
    )


def section(title: str, styles: HandoutStyles, note: str = "") -> list[Flowable]:
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


def number(value: float | None) -> str:
    """12, 3.5, 1,250: no trailing zeros; an empty string for no value."""
    return "" if value is None else f"{value:,.10g}"


