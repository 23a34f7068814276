"""The evaluation report's analysis sections: crime before and after, survey results,
engagement and the partnership network, resource efficiency. Their figures come from the
evaluation services through ``EvaluationReport.extras``; a section whose service has no
answer says so instead of printing figures."""

from __future__ import annotations

from reportlab.platypus import Flowable

from app.reports.pdf.report_layout import Layout
from app.services.evaluation_report import EvaluationReport
from app.services.report_options import EvaluationSection as S


def key_figures(report: EvaluationReport) -> list[tuple[str, str]]:
    """The analysis figures shown on the summary page."""
    return []


def _unavailable(report: EvaluationReport, section: S, layout: Layout) -> list[Flowable]:
    reason = report.extras.unavailable.get(section)
    if reason is None:
        return []
    return [*layout.section(section.label), layout.note(reason)]


def crime(report: EvaluationReport, layout: Layout) -> list[Flowable]:
    return _unavailable(report, S.CRIME, layout)


def surveys(report: EvaluationReport, layout: Layout) -> list[Flowable]:
    return _unavailable(report, S.SURVEYS, layout)


def engagement(report: EvaluationReport, layout: Layout) -> list[Flowable]:
    return _unavailable(report, S.ENGAGEMENT, layout)


def efficiency(report: EvaluationReport, layout: Layout) -> list[Flowable]:
    """Flowables added at the end of the resources section."""
    return []
