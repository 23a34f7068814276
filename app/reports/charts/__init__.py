"""Charts defined once: a chart is plain data (``spec``), drawn by matplotlib (``draw``)
onto the screen's canvas or into a report at print resolution."""

from app.reports.charts.spec import (
    Band,
    BarChart,
    Chart,
    Edge,
    LineChart,
    NetworkChart,
    Node,
    Series,
)

__all__ = ["BarChart", "Band", "Chart", "Edge", "LineChart", "NetworkChart", "Node", "Series"]
