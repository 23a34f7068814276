"""Reports laid out more than once (to number their contents) keep headings with what
follows them in the final layout too."""

from __future__ import annotations

import io

from pypdf import PdfReader
from reportlab.platypus import Spacer

from app.reports.pdf.document import PageDecor, content_width, paragraph
from app.reports.pdf.handout import handout_styles
from app.reports.pdf.tables import columns, data_table
from app.reports.pdf.toc import Contents, build_report, section, subsection


def test_a_heading_at_the_foot_of_a_page_moves_with_its_table() -> None:
    styles = handout_styles()
    width = content_width("Letter")
    contents = Contents()
    table = data_table(["Date", "Amount"], [[f"Row {i}", f"{i}.00"] for i in range(12)],
                       columns(width, 0.5, 0.5), styles.base)
    body = [
        *section("Resources", styles, contents),
        Spacer(1, 600),  # leaves room for the heading, not for the table
        subsection("Expenditures and contributions", styles, contents),
        table,
        *section("Later", styles, contents),
    ]
    buffer = io.BytesIO()
    build_report(buffer, [paragraph("Report", styles.base.title)], body, PageDecor("Report"),
                 contents, styles, width, page_size="Letter", contents_after=0)
    pages = [page.extract_text() for page in PdfReader(buffer).pages]
    heading_page = next(i for i, text in enumerate(pages)
                        if "Expenditures and contributions" in text and "Contents" not in text)
    assert "Row 0" in pages[heading_page]
