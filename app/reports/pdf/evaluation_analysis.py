"""The evaluation report's analysis sections: crime before and after, survey results,
engagement and the partnership network, resource efficiency. Their figures and wording
come from the evaluation services through ``EvaluationReport.extras`` and their charts from
the chart builders the Evaluation page draws (app/reports/charts)."""

from __future__ import annotations

from reportlab.platypus import Flowable, TableStyle

from app.reports.charts.crime import displacement_chart, pre_post_trend_chart
from app.reports.charts.engagement import engagement_chart
from app.reports.charts.network import network_chart
from app.reports.charts.surveys import factor_means_chart
from app.reports.pdf.evaluation_sections import money
from app.reports.pdf.handout import gap, labelled
from app.reports.pdf.report_layout import Layout, table_widths
from app.reports.pdf.tables import Cell, data_table, stacked
from app.services.crime_analysis import AreaChange, change_text, ratio_text
from app.services.evaluation_report import EvaluationReport
from app.services.report_options import EvaluationSection as S
from app.services.surveys.results import band_for, mean_text
from app.services.wording import plural

MAX_ENGAGEMENT_ROWS = 25


def key_figures(report: EvaluationReport) -> list[tuple[str, str]]:
    """The analysis figures shown on the summary page (of the sections computed)."""
    pairs = []
    crime = report.extras.crime
    if crime is not None and crime.target is not None:
        pairs.append((f"Crime change in {crime.target.area_name}",
                      change_text(crime.target.percent_change)))
        pairs.append(("Rate ratio after/before [95% CI]", ratio_text(crime.target.rate_ratio)))
    surveys = report.extras.surveys
    if surveys is not None:
        pairs.append(("Survey responses in the period",
                      str(sum(r.responses for r in surveys.results))))
    efficiency = report.extras.efficiency
    if efficiency is not None and efficiency.initiatives:
        one = efficiency.initiatives[0]
        pairs.append(("Participants", str(one.participants)))
        pairs.append(("Cost per participant",
                      money(one.cost_per_participant_cents) if one.cost_per_participant_cents
                      is not None else one.per_participant_reason or "—"))
    return pairs


def crime(report: EvaluationReport, layout: Layout) -> list[Flowable]:
    p = report.extras.crime
    if p is None:
        return []
    flowables = layout.section(S.CRIME.label)
    if p.problem:
        return [*flowables, layout.no_data(p.problem)]
    if p.sentence:
        flowables += [layout.text(p.sentence), gap(2)]
    windows = ""
    if p.before is not None and p.after is not None:
        windows = f"Before: {p.before.label()} · after: {p.after.label()}"
    rows: list[list[Cell]] = []
    for label, change in (("target area", p.target), ("comparison area", p.comparison)):
        if change is not None:
            rows.append(_change_row(change, label))
    if p.did is not None:
        rows.append(["Target relative to comparison (difference in differences)", "", "",
                     "", ratio_text(p.did)])
    if rows:
        table = data_table(("Area", "Before", "After", "Change per month",
                            "Rate ratio [95% CI]"), rows,
                           table_widths(layout, 0.34, 0.13, 0.13, 0.16, 0.24),
                           layout.styles.base)
        table.setStyle(TableStyle([("ALIGN", (1, 1), (3, -1), "RIGHT")]))
        flowables += [layout.note(windows), table, gap(1)]
        flowables.append(layout.note("Counts are totals over the months with data; the "
                                     "change compares crimes per month counted. A rate "
                                     "ratio below 1 means fewer crimes after the start; an "
                                     "interval that includes 1 is not a clear change."))
    if p.trend is not None and p.trend.months:
        flowables += layout.chart(pre_post_trend_chart(p), aspect=0.36)
    if p.displacement:
        flowables += layout.chart(displacement_chart(p), aspect=0.3)
    flowables += [layout.note(note) for note in p.notes]
    return flowables


def _change_row(change: AreaChange, role: str) -> list[Cell]:
    def count(value: int | None, months: int) -> Cell:
        return "no data" if value is None else stacked(f"{value:,}", plural(months, "month"))

    return [stacked(change.area_name, role), count(change.before, change.before_covered),
            count(change.after, change.after_covered), change_text(change.percent_change),
            ratio_text(change.rate_ratio)]


def surveys(report: EvaluationReport, layout: Layout) -> list[Flowable]:
    part = report.extras.surveys
    if part is None:
        return []
    flowables = layout.section(S.SURVEYS.label, "Mean scores on a 1–5 scale by factor "
                               "(reverse-scored questions turned around)")
    if not part.surveys:
        return [*flowables, layout.no_data("no surveys are linked to this initiative.")]
    if not part.results:
        names = ", ".join(s.name for s in part.surveys)
        return [*flowables, layout.no_data(f"no responses in the period ({names}).")]
    for results in part.results:
        flowables.append(layout.subsection(results.name))
        undated = (f"; {plural(results.undated, 'undated response')} left out"
                   if results.undated else "")
        flowables.append(layout.note(f"{plural(results.responses, 'response')} in the "
                                     f"period{undated}"))
        rows: list[list[Cell]] = [
            [f.name, mean_text(f.score.mean), str(f.score.respondents), str(f.score.answers),
             band_for(f.score.mean).label]
            for f in results.factors
        ]
        table = data_table(("Factor", "Mean (1–5)", "Respondents", "Answers", "Reading"),
                           rows, table_widths(layout, 0.4, 0.14, 0.16, 0.12, 0.18),
                           layout.styles.base)
        flowables += [table, *layout.chart(factor_means_chart(results), aspect=0.32)]
    return flowables


def engagement(report: EvaluationReport, layout: Layout) -> list[Flowable]:
    people, network = report.extras.engagement, report.extras.network
    if people is None or network is None:
        return []
    flowables = layout.section(S.ENGAGEMENT.label)
    if not people.rows:
        flowables.append(layout.no_data("no meetings, action items or partners recorded "
                                        "in the period."))
    else:
        rows: list[list[Cell]] = [
            [r.name, "—" if r.score is None else str(r.score),
             _rate(r.attended, r.invitations), _rate(r.actions_on_time, r.actions_due),
             str(r.initiatives_joined), str(r.contribution_types)]
            for r in people.rows[:MAX_ENGAGEMENT_ROWS]
        ]
        table = data_table(("Organization", "Score", "Attended", "Actions on time",
                            "Initiatives", "Contributions"), rows,
                           table_widths(layout, 0.32, 0.08, 0.15, 0.16, 0.13, 0.16),
                           layout.styles.base)
        more = len(people.rows) - MAX_ENGAGEMENT_ROWS
        flowables += [table, gap(1)]
        if more > 0:
            flowables.append(layout.note(f"{plural(more, 'more organization')} not listed."))
        flowables += [labelled("Score:", people.formula, layout.styles.base.small),
                      *layout.chart(engagement_chart(people), aspect=0.36)]
    flowables.append(layout.subsection("Partnership network"))
    if len(network.nodes) < 2:
        return [*flowables, layout.no_data("fewer than two organizations worked together "
                                           "in the period.")]
    density = "—" if network.density is None else f"{network.density:.0%}"
    flowables.append(layout.text(
        f"{plural(len(network.nodes), 'organization')}, {plural(network.links, 'link')} "
        f"between them (density {density}); {plural(len(network.isolated), 'isolated partner')}."
    ))
    return [*flowables, *layout.chart(network_chart(network), aspect=0.45)]


def _rate(done: int, of: int) -> str:
    return "—" if not of else f"{done} of {of} ({done / of:.0%})"


def efficiency(report: EvaluationReport, layout: Layout) -> list[Flowable]:
    """Cost per participant and per outcome unit, at the end of the resources section."""
    resources = report.extras.efficiency
    if resources is None or not resources.initiatives:
        return []
    one = resources.initiatives[0]
    flowables: list[Flowable] = [layout.subsection("Efficiency")]
    per = one.cost_per_participant_cents
    flowables.append(layout.text(
        f"{plural(one.participants, 'participant')} in the period; cost per participant "
        f"(cash and in-kind): {money(per) if per is not None else one.per_participant_reason}."
    ))
    if one.outcomes:
        rows: list[list[Cell]] = [
            [stacked(o.goal, o.unit), o.status.label,
             "—" if o.improvement is None else f"{o.improvement:,.10g}",
             money(o.cost_per_unit_cents) if o.cost_per_unit_cents is not None else o.reason]
            for o in one.outcomes
        ]
        flowables.append(data_table(("Goal", "Status", "Improvement", "Cost per unit"), rows,
                                    table_widths(layout, 0.4, 0.18, 0.14, 0.28),
                                    layout.styles.base))
    return flowables
