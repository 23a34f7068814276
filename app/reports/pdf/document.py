"""The page every PDF report shares: running header, "Page X of Y" footer, styles.

Usage: build a story (a list of flowables) with ``report_styles()``, ``paragraph`` and
``data_table`` (app/reports/pdf/tables.py), then
``build_pdf(target, story, PageDecor(...), page_size="A4")``. All user text goes through
``paragraph``/``data_table``, which escape it and pick fonts (app/reports/pdf/fonts.py):
never put user text into a Paragraph directly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from app.reports.output import Progress, Target, binary_output, no_progress
from app.reports.pdf.fonts import (
    BOLD,
    REGULAR,
    draw_text,
    fit_text,
    markup,
    register_fonts,
)

PAGE_SIZES = {"A4": A4, "Letter": LETTER}
SIDE_MARGIN = 16 * mm
TOP_MARGIN = 20 * mm
BOTTOM_MARGIN = 18 * mm
INK = colors.HexColor("#1f2933")
MUTED_HEX = "#616e7c"
MUTED = colors.HexColor(MUTED_HEX)
RULE = colors.HexColor("#9aa5b1")
CREATOR = "Partnership Desk"


@dataclass(frozen=True)
class PageDecor:
    """What the running header and footer say."""

    title: str
    agency_name: str = ""
    generated_at: datetime | None = None  # shown in local time in the footer

    @property
    def generated_text(self) -> str:
        if self.generated_at is None:
            return ""
        return "Generated " + self.generated_at.astimezone().strftime("%d %b %Y, %H:%M")


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    header_cell: ParagraphStyle


def report_styles(base_size: float = 8.5) -> Styles:
    register_fonts()
    body = ParagraphStyle(
        "body", fontName=REGULAR, fontSize=base_size, leading=base_size * 1.3,
        textColor=INK, alignment=TA_LEFT,
    )
    cell = ParagraphStyle("cell", parent=body, fontSize=base_size - 0.5,
                          leading=(base_size - 0.5) * 1.25)
    return Styles(
        title=ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=18, leading=22,
                             spaceAfter=2 * mm),
        subtitle=ParagraphStyle("subtitle", parent=body, textColor=MUTED, spaceAfter=5 * mm),
        heading=ParagraphStyle("heading", parent=body, fontName=BOLD, fontSize=base_size + 3,
                               leading=(base_size + 3) * 1.25, spaceBefore=5 * mm,
                               spaceAfter=1 * mm, keepWithNext=True),
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=base_size - 1, textColor=MUTED,
                             leading=(base_size - 1) * 1.3, spaceAfter=1.5 * mm),
        cell=cell,
        header_cell=ParagraphStyle("header_cell", parent=cell, fontName=BOLD),
    )


def paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of user text (escaped; fonts per script)."""
    return Paragraph(markup(text, style.fontName), style)


def content_width(page_size: str = "A4", is_landscape: bool = False) -> float:
    """The width of the text frame, in points."""
    return _page(page_size, is_landscape)[0] - 2 * SIDE_MARGIN


def build_pdf(
    target: Target,
    story: list[Flowable],
    decor: PageDecor,
    *,
    page_size: str = "A4",
    is_landscape: bool = False,
    subject: str = "",
    progress: Progress = no_progress,
) -> int:
    """Lay out ``story`` on report pages, write the PDF to ``target``; return the page count.

    ``progress(done, total)`` counts laid-out flowables; raising from it cancels.
    """
    register_fonts()
    size = _page(page_size, is_landscape)
    with binary_output(target) as file:
        document = BaseDocTemplate(
            file, pagesize=size, leftMargin=SIDE_MARGIN, rightMargin=SIDE_MARGIN,
            topMargin=TOP_MARGIN, bottomMargin=BOTTOM_MARGIN, title=decor.title,
            author=decor.agency_name or CREATOR, creator=CREATOR, subject=subject,
        )
        frame = Frame(
            SIDE_MARGIN, BOTTOM_MARGIN, size[0] - 2 * SIDE_MARGIN,
            size[1] - TOP_MARGIN - BOTTOM_MARGIN, leftPadding=0, rightPadding=0,
            topPadding=0, bottomPadding=0, id="body",
        )

        def decorate(canvas: Canvas, doc: BaseDocTemplate) -> None:
            _draw_header_footer(canvas, size, decor)

        document.addPageTemplates([PageTemplate("page", [frame], onPage=decorate)])
        document.setProgressCallBack(_progress_reporter(progress, len(story)))
        document.build(story, canvasmaker=NumberedCanvas)
    progress(len(story), len(story))
    return int(document.page)


def _progress_reporter(progress: Progress, total: int) -> Callable[[str, int], None]:
    step = max(1, total // 200)
    reported = [0]

    def report(kind: str, value: int) -> None:
        if kind == "PROGRESS" and value - reported[0] >= step:
            reported[0] = value
            progress(value, total)

    return report


def _page(page_size: str, is_landscape: bool) -> tuple[float, float]:
    try:
        size = PAGE_SIZES[page_size]
    except KeyError:
        raise ValueError(f"page size must be one of {', '.join(PAGE_SIZES)}") from None
    return landscape(size) if is_landscape else size


def _draw_header_footer(canvas: Canvas, size: tuple[float, float], decor: PageDecor) -> None:
    width, height = size
    canvas.saveState()
    canvas.setFillColor(MUTED)
    if canvas.getPageNumber() > 1:  # the first page carries the title block instead
        top = height - TOP_MARGIN + 6 * mm
        half = (width - 2 * SIDE_MARGIN) / 2 - 4 * mm
        draw_text(canvas, SIDE_MARGIN, top, fit_text(decor.agency_name, 8, half, BOLD), 8, BOLD)
        draw_text(canvas, width - SIDE_MARGIN, top, fit_text(decor.title, 8, half), 8,
                  align="right")
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(SIDE_MARGIN, top - 2 * mm, width - SIDE_MARGIN, top - 2 * mm)
    draw_text(canvas, SIDE_MARGIN, BOTTOM_MARGIN - 9 * mm, decor.generated_text, 7.5)
    canvas.restoreState()


class NumberedCanvas(Canvas):
    """A canvas that knows the page count at the end and writes "Page X of Y" on each page."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_page_number(total)
            super().showPage()
        super().save()

    def _draw_page_number(self, total: int) -> None:
        width = self._pagesize[0]
        self.saveState()
        self.setFillColor(MUTED)
        draw_text(self, width - SIDE_MARGIN, BOTTOM_MARGIN - 9 * mm,
                  f"Page {self._pageNumber} of {total}", 7.5, align="right")
        self.restoreState()
