"""Draw a chart spec with matplotlib: onto a Qt canvas's figure, or into PNG/SVG bytes.

Only the object-oriented API (``Figure``) is used, never ``pyplot``: no global state, safe
in worker threads. matplotlib is imported when a chart is first drawn, not at start-up.
"""

from __future__ import annotations

import io
import math
import textwrap
from typing import TYPE_CHECKING

from app.reports.charts.spec import Band, BarChart, Chart, LineChart, NetworkChart, Series

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# Okabe-Ito: told apart by readers with colour-blindness and in greyscale print.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#000000")
MARKER_COLOUR = "#B22222"
TONES = {"good": "#E3F2E5", "warn": "#FFF4D6", "bad": "#FBE3E1", "": "#F1F1F1"}
NO_DATA = "no data"


def figure(chart: Chart, width: float = 7.0, height: float = 3.6) -> Figure:
    """A new figure (inches) with ``chart`` drawn on it."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    draw_into(fig, chart)
    return fig


def draw_into(fig: Figure, chart: Chart) -> None:
    """Clear ``fig`` and draw ``chart`` on it."""
    fig.clear()
    axes = fig.add_subplot()
    if isinstance(chart, LineChart):
        _line(axes, chart)
    elif isinstance(chart, BarChart):
        _bars(axes, chart)
    else:
        _network(axes, chart)
    # Over the whole figure, not the axes: long category labels push the axes right.
    fig.suptitle(_wrapped(plain(chart.title), fig), x=0.01, ha="left", fontsize=11,
                 fontweight="bold")


def plain(text: str) -> str:
    """``text`` as typed: matplotlib reads a pair of "$" as mathematics (a goal named "Raise
    $5,000 to $7,500" printed in italics without spaces, "$x^$" failed the whole report),
    and an escaped "\\$" is drawn as "$"."""
    return text.replace("$", r"\$")


def _wrapped(title: str, fig: Figure) -> str:
    """The title broken into lines that fit the figure's width (about 11 pt characters)."""
    width_in = fig.get_figwidth()
    return textwrap.fill(title, max(int(width_in * 11), 20))


def image_bytes(chart: Chart, fmt: str = "png", width: float = 7.0, height: float = 3.6,
                dpi: int = 200) -> bytes:
    """The chart as a PNG (at ``dpi``) or SVG (vector) file's bytes."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = figure(chart, width, height)
    FigureCanvasAgg(fig)
    # Lay out once, then draw once: with a layout engine attached, savefig would draw
    # twice and lay out on each draw.
    fig.get_layout_engine().execute(fig)
    fig.set_layout_engine("none")
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, dpi=dpi)
    return buffer.getvalue()


def _values(series: Series) -> list[float]:
    return [math.nan if v is None else v for v in series.values]


def _line(axes: Axes, chart: LineChart) -> None:
    _shade(axes, chart.bands)
    for colour, series in zip(_colours(), chart.series, strict=False):
        axes.plot(chart.x, _values(series), label=plain(series.name), color=colour, linewidth=1.6,
                  linestyle="--" if series.dashed else "-", marker="." if len(chart.x) < 40
                  else None)
    if chart.marker_at is not None:
        axes.axvline(chart.marker_at, color=MARKER_COLOUR, linestyle=":", linewidth=1.4)
        if chart.marker_label:
            axes.annotate(plain(chart.marker_label), xy=(chart.marker_at, 1), xycoords=("data",
                          "axes fraction"), xytext=(3, -12), textcoords="offset points",
                          color=MARKER_COLOUR, fontsize=8)
    _date_axis(axes)
    axes.set_xlabel(plain(chart.x_label))
    axes.set_ylabel(plain(chart.y_label))
    axes.set_ylim(bottom=0)
    _tidy(axes, legend=len(chart.series) > 1)
    if all(v is None for s in chart.series for v in s.values):
        _say_no_data(axes)


def _bars(axes: Axes, chart: BarChart) -> None:
    count = len(chart.series)
    positions = list(range(len(chart.categories)))
    width = 0.8 if chart.stacked else 0.8 / max(count, 1)
    bottoms = [0.0] * len(positions)
    bar = axes.barh if chart.horizontal else axes.bar
    _shade(axes, chart.bands, vertical=chart.horizontal)
    for index, (colour, series) in enumerate(zip(_colours(), chart.series, strict=False)):
        values = [0.0 if v is None else v for v in series.values]
        offset = 0.0 if chart.stacked else (index - (count - 1) / 2) * width
        where = [p + offset for p in positions]
        extra = {"left" if chart.horizontal else "bottom": bottoms} if chart.stacked else {}
        bar(where, values, width if not chart.horizontal else width, label=plain(series.name),
            color=colour, **extra)
        if chart.stacked:
            bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
        floor = chart.value_range[0] if chart.value_range else 0.0
        for place, value in zip(where, series.values, strict=True):
            if value is None:
                _mark(axes, chart.horizontal, place, floor, NO_DATA)
    for place, text in zip(positions, chart.annotations, strict=False):
        top = max((v or 0.0) for s in chart.series for v in (s.values[place],)) \
            if not chart.stacked else bottoms[place]
        if text:
            _mark(axes, chart.horizontal, place, top, plain(text))
    ticks = axes.set_yticks if chart.horizontal else axes.set_xticks
    ticks(positions, [plain(c) for c in chart.categories])
    if chart.horizontal:
        axes.invert_yaxis()  # first category on top, as in a table
        axes.set_xlabel(plain(chart.value_label))
        axes.set_ylabel(plain(chart.category_label))
    else:
        axes.set_ylabel(plain(chart.value_label))
        axes.set_xlabel(plain(chart.category_label))
        if max((len(c) for c in chart.categories), default=0) > 10:
            axes.tick_params(axis="x", labelrotation=30)
            for label in axes.get_xticklabels():
                label.set_horizontalalignment("right")
    if chart.value_range is not None:
        (axes.set_xlim if chart.horizontal else axes.set_ylim)(*chart.value_range)
    elif chart.annotations:  # room beyond the longest bars for their labels
        axes.margins(**({"x": 0.12} if chart.horizontal else {"y": 0.12}))
    _tidy(axes, legend=count > 1)
    if not chart.categories:
        _say_no_data(axes)


def _network(axes: Axes, chart: NetworkChart) -> None:
    import networkx as nx
    from matplotlib.collections import LineCollection

    graph = nx.Graph()
    graph.add_nodes_from(node.key for node in chart.nodes)
    graph.add_weighted_edges_from((e.a, e.b, e.weight) for e in chart.edges)
    axes.set_axis_off()
    if not chart.nodes:
        _say_no_data(axes)
        return
    places = _places(graph)
    heaviest = max((e.weight for e in chart.edges), default=1.0)
    # One artist for every link (hundreds of separate lines took most of the drawing).
    axes.add_collection(LineCollection(
        [(places[e.a], places[e.b]) for e in chart.edges], colors="#9E9E9E", zorder=1,
        linewidths=[0.6 + 2.4 * e.weight / heaviest for e in chart.edges]))
    groups = list(chart.groups) or sorted({node.group for node in chart.nodes})
    colours = dict(zip(groups, _colours(), strict=False))
    biggest = max((node.size for node in chart.nodes), default=1.0) or 1.0
    for group in groups:
        members = [node for node in chart.nodes if node.group == group]
        if not members:
            continue
        axes.scatter([places[n.key][0] for n in members], [places[n.key][1] for n in members],
                     s=[80 + 420 * n.size / biggest for n in members], color=colours[group],
                     label=plain(group) or None, zorder=2, edgecolors="white")
    for node in chart.nodes:
        x, y = places[node.key]
        axes.annotate(plain(node.label), (x, y), xytext=(0, 9), textcoords="offset points",
                      ha="center", fontsize=7, zorder=3)
    if chart.caption:
        axes.text(0, -0.02, plain(chart.caption), transform=axes.transAxes, fontsize=8, va="top")
    if any(group for group in groups):
        # Beside the picture, never over a partner.
        axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False,
                    markerscale=0.4)
    axes.margins(0.18)  # room for the labels of the outermost partners


def _places(graph: object) -> dict[int, tuple[float, float]]:
    """Connected partners by a spring layout (seeded: the same picture every time) in the
    upper part; isolated ones in a row along the bottom, where they are easy to see."""
    import networkx as nx

    assert isinstance(graph, nx.Graph)
    isolated = sorted(node for node in graph.nodes if graph.degree(node) == 0)
    connected = graph.subgraph(node for node in graph.nodes if graph.degree(node) > 0)
    places: dict[int, tuple[float, float]] = {}
    if connected.number_of_nodes():
        spring = nx.spring_layout(connected, seed=7)
        for node, (x, y) in spring.items():
            places[node] = (float(x), float(y) * 0.8 + (0.2 if isolated else 0.0))
    for index, node in enumerate(isolated):
        places[node] = (-1.0 + 2.0 * (index + 0.5) / len(isolated), -1.0)
    return places


def _date_axis(axes: Axes) -> None:
    """Month ticks that never overlap: as many as fit, labelled concisely ("2025", "Apr")."""
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    locator = AutoDateLocator(minticks=3, maxticks=8)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))


def _colours() -> list[str]:
    return list(PALETTE)


def _shade(axes: Axes, bands: tuple[Band, ...], vertical: bool = False) -> None:
    """Reference bands along the value axis (``vertical`` when values run left to right),
    each labelled inside its own edge so the labels never collide with the title."""
    for band in bands:
        if band.high is None:
            line = axes.axvline if vertical else axes.axhline
            line(band.low, color="#757575", linestyle="--", linewidth=1)
        else:
            span = axes.axvspan if vertical else axes.axhspan
            span(band.low, band.high, color=TONES.get(band.tone, TONES[""]), zorder=0)
        where = (band.low, 1.0) if vertical else (1.0, band.low)
        coords = ("data", "axes fraction") if vertical else ("axes fraction", "data")
        axes.annotate(plain(band.label), where, xycoords=coords, xytext=(3, -3) if vertical
                      else (-3, 3), textcoords="offset points", fontsize=7, color="#616161",
                      va="top" if vertical else "bottom", ha="left" if vertical else "right")


def _mark(axes: Axes, horizontal: bool, place: float, value: float, text: str) -> None:
    """``text`` just beyond the end of a bar (left of a negative one, below it if upright)."""
    xy = (value, place) if horizontal else (place, value)
    beyond = -1 if value < 0 else 1
    offset = (4 * beyond, 0) if horizontal else (0, 3 * beyond)
    axes.annotate(text, xy, xytext=offset, textcoords="offset points", fontsize=7,
                  color="#616161", ha=("left" if beyond > 0 else "right") if horizontal
                  else "center", va="center" if horizontal else
                  ("bottom" if beyond > 0 else "top"))


def _tidy(axes: Axes, legend: bool) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.grid(axis="y", color="#EEEEEE")
    axes.set_axisbelow(True)
    if legend:
        axes.legend(fontsize=8, frameon=False)


def _say_no_data(axes: Axes) -> None:
    axes.text(0.5, 0.5, "No data for this period", transform=axes.transAxes, ha="center",
              va="center", fontsize=11, color="#757575")
