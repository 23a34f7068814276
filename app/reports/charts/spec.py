"""What a chart shows, as plain frozen data: no matplotlib, no Qt.

Services compute figures; small builder functions (one module per subject, next to this
one) turn them into these specs; ``draw.figure`` draws any spec for screen or paper.
A value of ``None`` means "no data" and is drawn as a gap, never as 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]
    dashed: bool = False


@dataclass(frozen=True)
class Band:
    """A reference on the value axis: a line at ``low`` (when ``high`` is None) or a shaded
    band; ``tone`` ("good", "warn", "bad" or "") colours the band."""

    label: str
    low: float
    high: float | None = None
    tone: str = ""


@dataclass(frozen=True)
class LineChart:
    """Values over time, e.g. monthly crime counts with the initiative's start marked."""

    title: str
    x_label: str
    y_label: str
    x: tuple[date, ...]
    series: tuple[Series, ...]
    marker_at: date | None = None
    marker_label: str = ""
    bands: tuple[Band, ...] = ()

    def __post_init__(self) -> None:
        _check_lengths(self.title, len(self.x), self.series)


@dataclass(frozen=True)
class BarChart:
    """Grouped bars, one group per category (horizontal bars read better for long names)."""

    title: str
    value_label: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    category_label: str = ""
    horizontal: bool = False
    stacked: bool = False
    value_range: tuple[float, float] | None = None
    bands: tuple[Band, ...] = ()
    # Printed next to each bar, e.g. "n=42"; empty for none.
    annotations: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _check_lengths(self.title, len(self.categories), self.series)


@dataclass(frozen=True)
class Node:
    key: int
    label: str
    size: float = 1.0  # relative, e.g. the number of partners it works with
    group: str = ""  # nodes of one group share a colour (e.g. "isolated")


@dataclass(frozen=True)
class Edge:
    a: int
    b: int
    weight: float = 1.0


@dataclass(frozen=True)
class NetworkChart:
    title: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    caption: str = ""
    groups: tuple[str, ...] = field(default=())  # legend order


Chart = LineChart | BarChart | NetworkChart


def _check_lengths(title: str, points: int, series: tuple[Series, ...]) -> None:
    for one in series:
        if len(one.values) != points:
            raise ValueError(
                f"chart {title!r}: series {one.name!r} has {len(one.values)} values "
                f"for {points} points"
            )
