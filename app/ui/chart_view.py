"""A chart on screen: a matplotlib canvas that draws any chart spec and keeps its size."""

from __future__ import annotations

import warnings

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.reports.charts.draw import draw_into
from app.reports.charts.spec import Chart


class ChartView(FigureCanvasQTAgg):
    def __init__(self, parent: QWidget | None = None, height: int = 280) -> None:
        super().__init__(Figure(layout="constrained"))
        self.setParent(parent)
        self.setMinimumHeight(height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.chart: Chart | None = None

    def show_chart(self, chart: Chart) -> None:
        self.chart = chart
        draw_into(self.figure, chart)
        self.draw_idle()

    def clear(self) -> None:
        """No chart: an empty canvas (nothing to show, or it could not be read)."""
        self.chart = None
        self.figure.clear()
        self.draw_idle()

    def draw(self) -> None:
        """Draw; a canvas not laid out yet (zero size) is no reason for a warning."""
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "constrained_layout not applied")
            super().draw()
