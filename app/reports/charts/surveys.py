"""Survey charts: factor (or question) means against the bands, and answer distributions.

Built from ``SurveyResults`` only, so the screen and a report show the same figures.
A factor without answers is ``None`` (drawn as "no data"), never 0.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.models.surveys import SCALE_MAX, SCALE_MIN
from app.reports.charts.spec import Band, BarChart, Series
from app.services.surveys.results import (
    BORDERLINE_FROM,
    STRENGTH_FROM,
    Score,
    SurveyResults,
)

BANDS = (
    Band("concern", SCALE_MIN, BORDERLINE_FROM, "bad"),
    Band("borderline", BORDERLINE_FROM, STRENGTH_FROM, "warn"),
    Band("strength", STRENGTH_FROM, SCALE_MAX, "good"),
)
SCALE_LABELS = ("1 (lowest)", "2", "3", "4", "5 (highest)")
SHORT_LABEL = 48


def _short(text: str) -> str:
    return text if len(text) <= SHORT_LABEL else text[: SHORT_LABEL - 1].rstrip() + "…"


def _means(title: str, names: Sequence[str], scores: Sequence[Score],
           category_label: str) -> BarChart:
    return BarChart(
        title=title,
        value_label=f"Mean ({SCALE_MIN} = lowest, {SCALE_MAX} = highest)",
        categories=tuple(_short(n) for n in names),
        series=(Series("Mean", tuple(s.mean for s in scores)),),
        category_label=category_label,
        horizontal=True,
        value_range=(SCALE_MIN, SCALE_MAX),
        bands=BANDS,
        annotations=tuple(
            f"{s.mean:.2f}  n={s.respondents}" if s.mean is not None else ""
            for s in scores),
    )


def factor_means_chart(results: SurveyResults) -> BarChart:
    """One horizontal bar per factor: its mean over respondents, with n beside it."""
    return _means(f"{results.name}: factor means", [f.name for f in results.factors],
                  [f.score for f in results.factors], "")


def question_means_chart(results: SurveyResults, factor: str | None = None) -> BarChart:
    """One bar per question (of one factor when ``factor`` names it)."""
    questions = [q for q in results.questions if factor is None or q.factor == factor]
    title = f"{factor}: question means" if factor else f"{results.name}: question means"
    return _means(title, [q.text for q in questions], [q.score for q in questions], "")


def distribution_chart(results: SurveyResults) -> BarChart:
    """Per factor, the share of answers (after reversing) at each point of the scale."""
    scores = [f.score for f in results.factors]
    series = []
    for point, label in enumerate(SCALE_LABELS):
        series.append(Series(label, tuple(
            100.0 * s.distribution[point] / s.answers if s.answers else None
            for s in scores)))
    return BarChart(
        title=f"{results.name}: answers by value",
        value_label="Share of answers (%)",
        categories=tuple(_short(f.name) for f in results.factors),
        series=tuple(series),
        horizontal=True,
        stacked=True,
        value_range=(0, 100),
        annotations=tuple(f"n={s.answers}" if s.answers else "" for s in scores),
    )
