"""A chart on paper is the screen's drawing at print resolution (at least 200 dpi)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pypdf import PdfReader

from app.reports.charts import LineChart, Series
from app.reports.pdf.charts import chart_image
from app.reports.pdf.document import PageDecor, build_pdf, content_width


def test_a_chart_prints_at_200_dpi_or_more(tmp_path: Path) -> None:
    months = tuple(date(2026, m, 1) for m in range(1, 13))
    chart = LineChart("Burglary", "Month", "Incidents", months,
                      (Series("Eastside", tuple(float(m) for m in range(12))),))
    width = content_width("A4")
    path = tmp_path / "chart.pdf"
    assert build_pdf(path, [chart_image(chart, width)], PageDecor("Charts")) == 1

    page = PdfReader(path).pages[0]
    images = [x.get_object() for x in page["/Resources"]["/XObject"].values()]
    pictures = [x for x in images if x["/Subtype"] == "/Image"]
    assert len(pictures) == 1
    dpi = pictures[0]["/Width"] / (width / 72)
    assert dpi >= 200
