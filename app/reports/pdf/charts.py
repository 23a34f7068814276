"""Charts on paper: a chart spec drawn by app/reports/charts/draw.py as a print-resolution
image flowable (the same drawing the Evaluation page shows on screen)."""

from __future__ import annotations

import io

from reportlab.lib.units import inch
from reportlab.platypus import Image

from app.reports.charts.draw import image_bytes
from app.reports.charts.spec import Chart

PRINT_DPI = 220  # reports promise at least 200 dpi
ASPECT = 0.5  # height / width of a chart on the page


def chart_image(chart: Chart, width: float, aspect: float = ASPECT) -> Image:
    """``chart`` as a flowable ``width`` points wide (reportlab units)."""
    width_in = width / inch
    height_in = width_in * aspect
    data = image_bytes(chart, "png", width=width_in, height=height_in, dpi=PRINT_DPI)
    return Image(io.BytesIO(data), width=width, height=width * aspect)
