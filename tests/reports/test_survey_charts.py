"""Survey charts: built from results, bands and n shown, "no data" kept as a gap."""

from __future__ import annotations

from app.models import SurveyKind
from app.reports.charts.draw import image_bytes
from app.reports.charts.surveys import (
    BANDS,
    distribution_chart,
    factor_means_chart,
    question_means_chart,
)
from app.services.surveys.results import (
    FactorResult,
    QuestionResult,
    Score,
    SurveyResults,
)


def results() -> SurveyResults:
    trust_q = QuestionResult(1, "Police treat people fairly.", "Trust", False,
                             Score(4.5, 2, 2, (0, 0, 0, 1, 1)))
    safety_q = QuestionResult(2, "I avoid streets.", "Safety", True,
                              Score(2.0, 3, 3, (1, 1, 1, 0, 0)))
    empty_q = QuestionResult(3, "Nobody answered this one at all, it is long and wordy.",
                             "Unasked", False, Score(None, 0, 0, (0, 0, 0, 0, 0)))
    return SurveyResults(7, "Residents", SurveyKind.CUSTOM, None, 3, 0, (
        FactorResult(1, "Trust", (trust_q,), trust_q.score),
        FactorResult(2, "Safety", (safety_q,), safety_q.score),
        FactorResult(3, "Unasked", (empty_q,), empty_q.score),
    ))


def test_factor_means_chart() -> None:
    chart = factor_means_chart(results())
    assert chart.categories == ("Trust", "Safety", "Unasked")
    assert chart.series[0].values == (4.5, 2.0, None)  # no data is a gap, not 0
    assert chart.annotations == ("4.50  n=2", "2.00  n=3", "")
    assert chart.value_range == (1, 5) and chart.horizontal
    assert [(b.label, b.low, b.high, b.tone) for b in chart.bands] == [
        ("concern", 1, 3.0, "bad"), ("borderline", 3.0, 4.0, "warn"),
        ("strength", 4.0, 5, "good")]
    assert chart.bands == BANDS
    assert image_bytes(chart, dpi=50).startswith(b"\x89PNG")


def test_distribution_chart_shares_add_up() -> None:
    chart = distribution_chart(results())
    assert chart.stacked and len(chart.series) == 5
    trust = [s.values[0] for s in chart.series]
    assert trust == [0.0, 0.0, 0.0, 50.0, 50.0]
    assert sum(s.values[1] for s in chart.series) == 100.0
    assert all(s.values[2] is None for s in chart.series)
    assert chart.annotations == ("n=2", "n=3", "")
    assert image_bytes(chart, fmt="svg").startswith(b"<?xml")


def test_question_means_of_one_factor() -> None:
    chart = question_means_chart(results(), "Safety")
    assert chart.categories == ("I avoid streets.",)
    everything = question_means_chart(results())
    assert everything.categories[2].endswith("…") and len(everything.categories[2]) == 48
