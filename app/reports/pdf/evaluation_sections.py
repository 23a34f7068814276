"""The initiative evaluation report's own sections: summary, partners, goals, resources,
SARA, meetings and trainings, narrative. (Crime, surveys and engagement are in
``evaluation_analysis``.) Every figure printed is a field of the report dataclass."""

from __future__ import annotations

from reportlab.platypus import Flowable, TableStyle

from app.reports.pdf.document import paragraph
from app.reports.pdf.evaluation_charts import goal_chart, resources_chart
from app.reports.pdf.handout import clock, gap, labelled, number, short_date
from app.reports.pdf.packet_format import text_block
from app.reports.pdf.packet_sections import goal_table
from app.reports.pdf.report_layout import Layout, figures, table_widths
from app.reports.pdf.tables import Cell, data_table, stacked
from app.services.evaluation_report import EvaluationReport
from app.services.goal_status import GoalStatus
from app.services.initiatives import FUNDING_LABELS
from app.services.meeting_list import MeetingRow
from app.services.money import format_money
from app.services.report_options import EvaluationSection as S
from app.services.wording import plural

MEETING_STATUS = {"scheduled": "Scheduled", "held": "Held", "cancelled": "Cancelled"}
NOT_ANSWERED = "Not answered in this report."


def money(cents: int | None) -> str:
    return format_money(cents) if cents is not None else "—"


def hours(value: float) -> str:
    return f"{number(round(value, 2))} h"


def goals_text(report: EvaluationReport) -> str:
    """"2 of 4 on target, 1 pending": of all the goals, those not measured yet named."""
    if not report.goals:
        return "No goals"
    pending = report.goal_count(GoalStatus.PENDING)
    return (f"{report.goal_count(GoalStatus.ON_TARGET)} of {len(report.goals)} on target"
            + (f", {pending} pending" if pending else ""))


def attendance_text(present: int, invited: int, walk_ins: int) -> str:
    if not invited and not walk_ins:
        return "—"
    share = f" ({present / invited:.0%})" if invited else ""
    extra = f" + {plural(walk_ins, 'walk-in')}" if walk_ins else ""
    return f"{present} of {invited}{share}{extra}"


def summary(report: EvaluationReport, layout: Layout,
            key_figures: list[tuple[str, str]]) -> list[Flowable]:
    """Key figures of the period, the initiative's details and description."""
    res = report.resources
    present, invited, walk_ins = report.attendance
    pairs = [
        ("Partners", str(len(report.partners))),
        ("Goals on target", goals_text(report)),
        ("Cash spent in the period", money(res.cash_cents)),
        ("In-kind in the period", money(res.in_kind_cents)),
        ("Volunteer hours in the period", hours(res.volunteer_hours)),
        ("Budget use by the period's end", res.to_date_describe),
        ("Meetings held", str(len(report.held_meetings))),
        ("Attendance at meetings held", attendance_text(present, invited, walk_ins)),
        ("Training sessions with partners", str(len(report.trainings))),
        ("Partner completions", str(sum(t.completed for t in report.trainings))),
        *key_figures,
    ]
    flowables = [*layout.section(S.SUMMARY.label), figures(pairs, layout), gap(3)]
    details = [
        ("Kind", report.kind), ("Status", report.status),
        ("Lead organization", report.lead_organization or "—"),
        ("Area", report.area or "—"),
        ("Comparison area", report.comparison_area or "—"),
        ("Runs", _runs(report)),
    ]
    style = layout.styles.base.body
    flowables += [labelled(f"{label}:", value, style) for label, value in details]
    if report.description:
        flowables += [gap(2), *text_block(report.description, layout.styles, "")]
    if report.sensitive_notes:
        flowables += [paragraph("Sensitive notes", layout.styles.label),
                      *text_block(report.sensitive_notes, layout.styles, "")]
    return flowables


def _runs(report: EvaluationReport) -> str:
    if report.starts_on is None:
        return "No start date"
    end = f" to {short_date(report.ends_on)}" if report.ends_on else " (no end date)"
    return f"From {short_date(report.starts_on)}{end}"


def partners(report: EvaluationReport, layout: Layout) -> list[Flowable]:
    flowables = layout.section(S.PARTNERS.label,
                               f"{plural(len(report.partners), 'partner organization')}")
    if not report.partners:
        return [*flowables, layout.no_data("no partner organizations are recorded.")]
    rows: list[list[Cell]] = [
        [stacked(p.organization, p.role), p.responsibilities, ", ".join(p.contributions),
         p.contact, short_date(p.joined_on) if p.joined_on else ""]
        for p in report.partners
    ]
    table = data_table(("Organization and role", "Responsibilities", "Contributions",
                        "Contact", "Joined"), rows,
                       table_widths(layout, 0.27, 0.28, 0.2, 0.13, 0.12), layout.styles.base)
    return [*flowables, table]


def goals(report: EvaluationReport, layout: Layout) -> list[Flowable]:
    flowables = layout.section(S.GOALS.label,
                               f"Status as of {short_date(report.period.end)}, from the "
                               "latest measurement on or before that day")
    if not report.goals:
        return [*flowables, layout.no_data("the initiative has no goals defined.")]
    flowables += goal_table(report.goals, layout.styles, layout.width)
    for goal in report.goals:
        flowables += layout.chart(goal_chart(goal), aspect=0.3)
    return flowables


def resources(report: EvaluationReport, layout: Layout) -> list[Flowable]:
    res = report.resources
    flowables = layout.section(S.RESOURCES.label, f"In the period {report.period.label()}")
    pairs = [
        ("Budget", money(res.budget_cents) if res.budget_cents is not None else "No budget"),
        ("Budget use by the period's end", res.to_date_describe),
        ("Cash spent in the period", money(res.cash_cents)),
        ("In-kind in the period", money(res.in_kind_cents)),
        ("Volunteer hours in the period", hours(res.volunteer_hours)),
        ("Resource lines in the period", str(len(res.lines))),
    ]
    flowables += [figures(pairs, layout, per_row=3), gap(2)]
    if not res.lines:
        flowables.append(layout.no_data("no expenditures or contributions were recorded "
                                        "in the period."))
        return flowables
    flowables += layout.chart(resources_chart(res), aspect=0.34)
    rows: list[list[Cell]] = [
        [short_date(line.spent_on), line.category, FUNDING_LABELS[line.funding],
         format_money(line.amount_cents),
         number(line.volunteer_hours) if line.volunteer_hours else "",
         line.organization]
        for line in res.lines
    ]
    table = data_table(("Date", "Category", "Funding", "Amount", "Vol. hours", "From"), rows,
                       table_widths(layout, 0.13, 0.22, 0.1, 0.14, 0.11, 0.3),
                       layout.styles.base)
    table.setStyle(TableStyle([("ALIGN", (3, 0), (4, -1), "RIGHT")]))
    return [*flowables, layout.subsection("Expenditures and contributions"), table]


def sara(report: EvaluationReport, layout: Layout) -> list[Flowable]:
    """The SARA record of a problem-solving project (nothing for other initiatives)."""
    record = report.sara
    if record is None:
        return []
    flowables = layout.section(S.SARA.label, f"Current stage: {record.stage}")
    for title, text in (("Scanning", record.scanning), ("Analysis", record.analysis),
                        ("Response", record.response), ("Assessment", record.assessment)):
        flowables += [paragraph(title, layout.styles.label),
                      *text_block(text, layout.styles, "Nothing recorded yet.")]
    return flowables


def meetings_and_trainings(report: EvaluationReport, layout: Layout) -> list[Flowable]:
    flowables = layout.section(S.MEETINGS.label, f"In the period {report.period.label()}")
    flowables.append(layout.subsection("Meetings"))
    if not report.meetings:
        flowables.append(layout.no_data("no meetings of this initiative in the period."))
    else:
        flowables += [_meeting_table(report.meetings, layout), gap(1),
                      layout.note(_meeting_totals(report))]
    flowables.append(layout.subsection("Trainings"))
    if not report.trainings:
        flowables.append(layout.no_data("no training sessions in the period were completed "
                                        "by people of the partner organizations."))
        return flowables
    rows: list[list[Cell]] = [
        [short_date(t.starts_at.astimezone()), t.course, hours(t.hours), t.trainer,
         str(t.completed)]
        for t in report.trainings
    ]
    table = data_table(("Date", "Course", "Hours", "Trainer", "Partners' completions"),
                       rows, table_widths(layout, 0.14, 0.4, 0.1, 0.2, 0.16),
                       layout.styles.base)
    total = sum(t.completed for t in report.trainings)
    note = (f"{plural(len(report.trainings), 'session')}; {plural(total, 'completion')} by "
            "people of the partner organizations.")
    return [*flowables, table, gap(1), layout.note(note)]


def _meeting_table(meetings: tuple[MeetingRow, ...], layout: Layout) -> Flowable:
    rows: list[list[Cell]] = [
        [f"{short_date(m.starts_at.astimezone())} {clock(m.starts_at.astimezone())}",
         stacked(m.title, m.location), MEETING_STATUS[m.status.value], m.attendance]
        for m in meetings
    ]
    return data_table(("When", "Meeting", "Status", "Attendance"), rows,
                      table_widths(layout, 0.18, 0.5, 0.12, 0.2), layout.styles.base)


def _meeting_totals(report: EvaluationReport) -> str:
    present, invited, walk_ins = report.attendance
    held = len(report.held_meetings)
    text = f"{plural(len(report.meetings), 'meeting')} in the period, {held} held"
    if held:
        text += f"; attendance {attendance_text(present, invited, walk_ins)}"
    return text + "."


def narrative(report: EvaluationReport, layout: Layout) -> list[Flowable]:
    flowables = layout.section(S.NARRATIVE.label, "In the words of the officer in charge")
    if report.narrative.is_empty:
        return [*flowables, layout.no_data("no narrative was written for this report.")]
    for question, answer in report.narrative.answers():
        flowables += [paragraph(question, layout.styles.label),
                      *text_block(answer, layout.styles, NOT_ANSWERED)]
    return flowables

