"""Chart specs are checked when made and drawn for screen and paper, gaps and all."""

from __future__ import annotations

import math
from datetime import date

import pytest
from matplotlib.collections import LineCollection

from app.reports.charts import Band, BarChart, Edge, LineChart, NetworkChart, Node, Series
from app.reports.charts.draw import figure, image_bytes

MONTHS = (date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1))


def _line() -> LineChart:
    return LineChart("Burglary", "Month", "Incidents", MONTHS,
                     (Series("Eastside", (4.0, None, 6.0)),), marker_at=MONTHS[1],
                     marker_label="Start")


def test_a_series_must_have_a_value_for_every_point() -> None:
    with pytest.raises(ValueError, match="2 values for 3 points"):
        LineChart("t", "x", "y", MONTHS, (Series("s", (1.0, 2.0)),))


def test_no_data_is_a_gap_not_a_zero() -> None:
    fig = figure(_line())
    axes = fig.axes[0]
    plotted = axes.lines[0].get_ydata()
    assert plotted[0] == 4.0 and math.isnan(plotted[1]) and plotted[2] == 6.0
    assert fig.get_suptitle() == "Burglary"
    assert axes.get_xlabel() == "Month" and axes.get_ylabel() == "Incidents"


def test_bars_with_missing_values_say_no_data() -> None:
    chart = BarChart("Factors", "Mean (1–5)", ("Trust", "Safety"),
                     (Series("2026", (4.2, None)),), horizontal=True, value_range=(1, 5),
                     bands=(Band("concern", 1, 3, "bad"),), annotations=("n=12", ""))
    axes = figure(chart).axes[0]
    texts = [t.get_text() for t in axes.texts]
    assert "no data" in texts and "n=12" in texts and "concern" in texts
    assert [t.get_text() for t in axes.get_yticklabels()] == ["Trust", "Safety"]


def test_a_network_places_isolated_partners_apart() -> None:
    chart = NetworkChart("Network", (Node(1, "Police"), Node(2, "School"), Node(4, "Council"),
                                     Node(3, "Library", group="isolated")),
                         (Edge(1, 2, 3.0), Edge(2, 4, 1.0)), caption="density 0.33")
    axes = figure(chart).axes[0]
    labels = {t.get_text() for t in axes.texts}
    assert {"Police", "School", "Library", "density 0.33"} <= labels
    [links] = [c for c in axes.collections if isinstance(c, LineCollection)]
    assert len(links.get_segments()) == 2
    assert list(links.get_linewidths()) == [3.0, 0.6 + 2.4 / 3]  # the heaviest link widest


def test_a_long_title_is_wrapped_to_the_figure() -> None:
    title = "Change after the start: target, comparison and neighboring areas, all offenses"
    chart = BarChart(title, "% change", ("Eastside",), (Series("Change", (-31.0,)),),
                     horizontal=True, annotations=("-31%",))
    fig = figure(chart, width=4)
    assert fig.get_suptitle().replace("\n", " ") == title
    assert "\n" in fig.get_suptitle()
    label = next(t for t in fig.axes[0].texts if t.get_text() == "-31%")
    assert label.get_horizontalalignment() == "right"  # beyond a negative bar's end


def test_an_empty_chart_says_so() -> None:
    chart = BarChart("Nothing", "Count", (), ())
    axes = figure(chart).axes[0]
    assert "No data for this period" in [t.get_text() for t in axes.texts]


def test_png_at_print_resolution_and_svg_vector() -> None:
    png = image_bytes(_line(), "png", width=4, height=2, dpi=200)
    assert png.startswith(b"\x89PNG")
    width = int.from_bytes(png[16:20], "big")
    assert width == 800  # 4 inches at 200 dpi
    svg = image_bytes(_line(), "svg")
    assert b"<svg" in svg and b"<path" in svg and b"<image" not in svg  # drawn, not pasted


def test_dollar_signs_in_user_text_print_as_typed_not_as_mathematics() -> None:
    """A pair of "$" made matplotlib read the text between as mathematics: "Raise $5,000 to
    $7,500" lost its spaces, and "$x^$" failed the whole report."""
    goal, area = "Raise $5,000 to $7,500", "Lot $x^$ east"
    chart = BarChart(f"Goals of {goal}", "$ spent", (goal, area),
                     (Series(f"{area} series", (1.0, 2.0)),
                      Series("second", (2.0, 3.0))), annotations=("$1", "$2"))
    fig = figure(chart)
    assert image_bytes(chart)  # drawn without a mathematics parse error
    axes = fig.axes[0]
    texts = [fig._suptitle, axes.xaxis.label, axes.yaxis.label,
             *axes.get_xticklabels(), *axes.get_legend().get_texts(), *axes.texts]
    shown = {t._preprocess_math(t.get_text()) for t in texts}
    assert all(not math_mode for _text, math_mode in shown)
    assert {text for text, _ in shown} >= {f"Goals of {goal}", "$ spent", goal, area,
                                           f"{area} series", "$1", "$2"}
    network = NetworkChart("Partners of $5 $Fund$", (Node(1, "A $b$ c", 1.0, "$g$"),), (),
                           caption="cap $x^$")
    assert image_bytes(network)
