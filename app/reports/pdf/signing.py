"""Sheets people sign with a pen: rows tall enough to sign on, blank rows for walk-ins.

Used by the meeting packet's sign-in sheet and the training session roster. A signing
row is at least ``SIGN_ROW_HEIGHT`` tall (more when a name wraps); the header row of a
signing table is repeated on every page.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer, Table, TableStyle

from app.reports.pdf.document import RULE, Styles, paragraph
from app.reports.pdf.handout import HandoutStyles
from app.reports.pdf.tables import CELL_PADDING, Cell, columns, data_table

SIGN_ROW_HEIGHT = 10 * mm  # room to sign with a pen (at least 9 mm)
WALK_IN_TITLE = "Walk-ins"
WALK_IN_HEADERS = ("#", "Name (please print)", "Organization", "E-mail or phone", "Signature")
WALK_IN_WIDTHS = (0.05, 0.27, 0.22, 0.22, 0.24)
ROW_PADDING = 2  # above and below the text of a signing row


def signature_space() -> Spacer:
    """An empty cell that keeps its row at least SIGN_ROW_HEIGHT tall (more if a name wraps)."""
    return Spacer(1, SIGN_ROW_HEIGHT - 2 * ROW_PADDING)


def signing_table(headers: Sequence[str], rows: Sequence[Sequence[Cell]],
                  widths: Sequence[float], styles: Styles) -> Table:
    """A boxed table with ruled rows to sign on; give each row a ``signature_space()``."""
    table = data_table(headers, rows, widths, styles)
    table.setStyle(TableStyle([
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white]),
        ("LINEBELOW", (0, 1), (-1, -1), 0.6, RULE),
        ("LINEBEFORE", (1, 0), (-1, -1), 0.3, RULE),
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
        ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 1), (-1, -1), ROW_PADDING),
        ("BOTTOMPADDING", (0, 1), (-1, -1), ROW_PADDING),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING + 1),
    ]))
    return table


def walk_ins(count: int, styles: HandoutStyles, width: float) -> list[Flowable]:
    """The "Walk-ins" heading and ``count`` numbered blank rows (kept off a page's foot)."""
    blank: list[list[Cell]] = [
        [str(n), "", "", "", signature_space()] for n in range(1, count + 1)
    ]
    return [
        CondPageBreak(5 * SIGN_ROW_HEIGHT),
        paragraph(WALK_IN_TITLE, styles.subheading),
        signing_table(WALK_IN_HEADERS, blank, columns(width, *WALK_IN_WIDTHS), styles.base),
    ]
