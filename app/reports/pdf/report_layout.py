"""What the funder reports' sections share: the page width, styles, the contents list, and
small pieces (key-figure grids, "no data" lines, charts, the title block with the logo)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.units import inch, mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, KeepTogether, Table, TableStyle

from app.reports.charts.draw import image_bytes
from app.reports.charts.spec import Chart
from app.reports.pdf.document import paragraph
from app.reports.pdf.handout import ACCENT, gap
from app.reports.pdf.packet_format import PacketStyles
from app.reports.pdf.tables import HEADER_FILL, columns
from app.reports.pdf.toc import Contents, LaidOutImage, section, subsection

NO_DATA = "No data"
LOGO_HEIGHT = 16 * mm
LOGO_MAX_WIDTH = 60 * mm
CHART_ASPECT = 0.42
# The reports promise charts of at least 200 dpi; exactly 200 draws a tenth faster than the
# 220 of app/reports/pdf/charts.py, which counts with ten charts in a report.
CHART_DPI = 200


@dataclass
class Layout:
    styles: PacketStyles
    width: float
    contents: Contents
    level: int = 0  # of the section headings (1 under an initiative's own heading)
    charts: int = 0  # drawn so far (the bench counts them)

    def section(self, title: str, note: str = "") -> list[Flowable]:
        return section(title, self.styles, self.contents, note, level=self.level)

    def subsection(self, title: str) -> Flowable:
        return subsection(title, self.styles, self.contents, level=self.level + 1)

    def text(self, text: str) -> Flowable:
        return paragraph(text, self.styles.base.body)

    def note(self, text: str) -> Flowable:
        return paragraph(text, self.styles.base.small)

    def no_data(self, what: str) -> Flowable:
        """"No data: no meetings were held in the period." in the muted style."""
        return paragraph(f"{NO_DATA}: {what}", self.styles.base.small)

    def chart(self, chart: Chart | None, aspect: float = CHART_ASPECT) -> list[Flowable]:
        if chart is None:
            return []
        self.charts += 1
        height = self.width * aspect
        data = image_bytes(chart, "png", width=self.width / inch, height=height / inch,
                           dpi=CHART_DPI)
        return [gap(2), LaidOutImage(data, self.width, height, self.contents), gap(2)]


def figures(pairs: list[tuple[str, str]], layout: Layout, per_row: int = 2) -> Table:
    """Key figures as a grid of (label, value) boxes, ``per_row`` to a row."""
    styles = layout.styles
    label = styles.base.small.clone("figure_label", spaceAfter=0)
    value = styles.base.body.clone("figure_value", fontSize=13, leading=16, textColor=ACCENT)
    cells = [[paragraph(text, label), paragraph(figure or "—", value)]
             for text, figure in pairs]
    while len(cells) % per_row:
        cells.append(["", ""])
    rows = [cells[i:i + per_row] for i in range(0, len(cells), per_row)]
    table = Table([[_box(cell, layout.width / per_row) for cell in row] for row in rows],
                  colWidths=[layout.width / per_row] * per_row, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return table


def _box(cell: list[Flowable | str], width: float) -> Flowable | str:
    if not cell[0]:
        return ""
    box = Table([[cell[0]], [cell[1]]], colWidths=[width - 4], hAlign="LEFT")
    box.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), HEADER_FILL.clone(alpha=0.45)),
        ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (0, 0), 5), ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
        ("TOPPADDING", (0, 1), (-1, 1), 1),
    ]))
    return box


def logo(data: bytes | None) -> Flowable | None:
    """The agency's logo scaled to the title block (None when absent or unreadable)."""
    if not data:
        return None
    try:
        reader = ImageReader(io.BytesIO(data))
        width, height = reader.getSize()
        reader.getRGBData()  # decodes it: a damaged image fails here, not while drawing
    except Exception:  # a damaged image is left out rather than failing the report
        return None
    if not width or not height:
        return None
    scale = min(LOGO_HEIGHT / height, LOGO_MAX_WIDTH / width)
    image = Image(io.BytesIO(data), width=width * scale, height=height * scale)
    image.hAlign = "LEFT"
    return image


def title_block(kind: str, title: str, details: list[str], agency: str,
                logo_data: bytes | None, layout: Layout, notice: str = "") -> list[Flowable]:
    """The first page's heading: logo and agency, the kind of report, its title, details."""
    styles = layout.styles
    block: list[Flowable] = []
    image = logo(logo_data)
    if image is not None:
        block += [image, gap(3)]
    if agency:
        block.append(paragraph(agency, styles.cover_agency.clone("agency_top", spaceAfter=4)))
    block += [paragraph(kind, styles.cover_kind),
              paragraph(title, styles.cover_title.clone("report_title", fontSize=22,
                                                        leading=27))]
    block += [paragraph(line, styles.base.subtitle.clone("detail", spaceAfter=1))
              for line in details if line]
    if notice:
        block.append(paragraph(notice, styles.base.small.clone("notice", spaceBefore=4)))
    return [KeepTogether(block), gap(4)]


def table_widths(layout: Layout, *fractions: float) -> list[float]:
    return columns(layout.width, *fractions)
