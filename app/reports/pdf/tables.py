"""Tables of user text for PDF reports: wrapped cells, header row repeated on every page.

Short one-line cells are drawn as plain strings and name-and-role cells by a small
flowable: both many times faster than a Paragraph, which a 100,000-row directory needs.
Anything that wraps, needs another font (CJK) or right-to-left handling is a Paragraph.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table
from reportlab.platypus import TableStyle as PdfTableStyle

from app.reports.pdf.document import MUTED, MUTED_HEX, RULE, Styles, paragraph
from app.reports.pdf.fonts import markup, runs
from app.reports.pdf.rtl import has_rtl

CELL_PADDING = 3
HEADER_FILL = colors.HexColor("#dde7f0")
STRIPE_FILL = colors.HexColor("#f5f7fa")


def data_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    styles: Styles,
) -> Table:
    """A table of user text that wraps in its cells and repeats its header on each page.

    A cell is text (escaped and wrapped here) or a ready flowable (e.g. from ``stacked``).

    ``widths`` in points, e.g. ``columns(content_width(), 0.3, 0.2, 0.5)``.
    """
    head = [paragraph(h, styles.header_cell) for h in headers]
    room = [w - 2 * CELL_PADDING for w in widths]
    body = [[_cell(v, styles.cell, room[i]) for i, v in enumerate(row)] for row in rows]
    table = Table([head, *body], colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    cell = styles.cell
    commands: list[tuple[Any, ...]] = [
        # plain-text cells (see _cell) are drawn in the cell style
        ("FONTNAME", (0, 1), (-1, -1), cell.fontName),
        ("FONTSIZE", (0, 1), (-1, -1), cell.fontSize),
        ("LEADING", (0, 1), (-1, -1), cell.leading),
        ("TEXTCOLOR", (0, 1), (-1, -1), cell.textColor),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
        ("LINEBELOW", (0, -1), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, STRIPE_FILL]),
    ]
    table.setStyle(PdfTableStyle(commands))
    return table


@dataclass(frozen=True)
class Stacked:
    """A cell with a main line and a smaller, muted line under it (e.g. name and role)."""

    main: str
    note: str


Cell = str | Flowable | Stacked


def stacked(main: str, note: str) -> Cell:
    return Stacked(main, note) if note else main


class _TwoLines(Flowable):
    """Draws a ``Stacked`` cell whose lines each fit: no markup to parse, no line breaking."""

    def __init__(self, cell: Stacked, style: ParagraphStyle) -> None:
        super().__init__()
        self.cell, self.style = cell, style
        self.note_size = style.fontSize - 1
        self.height = style.leading + self.note_size * 1.25

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.height

    def draw(self) -> None:
        canvas, style = self.canv, self.style
        canvas.setFillColor(style.textColor)
        canvas.setFont(style.fontName, style.fontSize)
        canvas.drawString(0, self.height - style.fontSize, self.cell.main)
        canvas.setFillColor(MUTED)
        canvas.setFont(style.fontName, self.note_size)
        canvas.drawString(0, self.height - style.leading - self.note_size, self.cell.note)


def _cell(value: Cell, style: ParagraphStyle, room: float) -> Flowable | str:
    """A plain string when the text fits on one line in the cell's font, else a Paragraph."""
    if isinstance(value, Flowable):
        return value
    if isinstance(value, Stacked):
        return _stacked(value, style, room)
    if not value:
        return ""
    if _fits(value, style.fontName, style.fontSize, room):
        return value
    return paragraph(value, style)


def _stacked(cell: Stacked, style: ParagraphStyle, room: float) -> Flowable:
    note_size = style.fontSize - 1
    if _fits(cell.main, style.fontName, style.fontSize, room) and _fits(
        cell.note, style.fontName, note_size, room
    ):
        return _TwoLines(cell, style)
    text = markup(cell.main, style.fontName)
    note = markup(cell.note, style.fontName)
    text += f'<br/><font size="{note_size:g}" color="{MUTED_HEX}">{note}</font>'
    return Paragraph(text, style)


def _fits(text: str, font: str, size: float, room: float) -> bool:
    return _is_plain(text, font) and stringWidth(text, font, size) <= room


def _is_plain(text: str, font: str) -> bool:
    if not text.isprintable():  # line breaks, tabs, control characters
        return False
    if text.isascii():
        return True
    if has_rtl(text):
        return False
    pieces = runs(text, font)
    return len(pieces) == 1 and pieces[0][0] == font  # no CJK or other fallback font


def columns(total: float, *fractions: float) -> list[float]:
    """Column widths in points from fractions of ``total`` (scaled to add up to it)."""
    scale = total / sum(fractions)
    return [f * scale for f in fractions]
