"""The partnership quarterly/annual report for funders as a PDF.

``write_partnership_report(ws, options, target, progress)``: a title block, a contents list
when over five pages, then the sections switched on: initiatives side by side, meetings
held and attendance, action items, training hours and compliance, partners joined.
"""

from __future__ import annotations

from datetime import UTC, datetime

from reportlab.platypus import Flowable, TableStyle

from app.reports.output import Progress, Target, no_progress
from app.reports.pdf.document import PageDecor, content_width
from app.reports.pdf.evaluation_sections import (
    attendance_text,
    goals_text,
    hours,
    money,
)
from app.reports.pdf.handout import clock, gap, short_date
from app.reports.pdf.packet_format import packet_styles
from app.reports.pdf.report_layout import Layout, figures, table_widths, title_block
from app.reports.pdf.tables import Cell, data_table, stacked
from app.reports.pdf.toc import Contents, build_report
from app.services.partnership_report import PartnershipReport, build_partnership_report
from app.services.report_options import PartnershipSection as S
from app.services.report_options import ReportOptions
from app.services.wording import plural
from app.services.workspace import Workspace

KIND = "Partnership report"


def write_partnership_report(ws: Workspace, options: ReportOptions, target: Target,
                             progress: Progress = no_progress) -> str:
    """Build and write the report; return its title. Raising from ``progress`` cancels."""
    progress(0, 4)
    report = build_partnership_report(ws, options)
    progress(1, 4)
    render_partnership_report(report, options, target,
                              lambda done, total: progress(1000 + 3000 * done // max(total, 1),
                                                           4000))
    return report_title(options)


def report_title(options: ReportOptions) -> str:
    return f"Partnership report, {options.period.label()}"


def render_partnership_report(report: PartnershipReport, options: ReportOptions,
                              target: Target, progress: Progress = no_progress) -> int:
    styles = packet_styles()
    contents = Contents()
    layout = Layout(styles, content_width(options.paper_size), contents)
    notice = ("Redacted: people are named by a stable id, and sensitive notes are left out."
              if options.redacted else "")
    front = title_block(KIND, options.period.label(),
                        [f"Prepared {short_date(options.generated_at or datetime.now(UTC))}"],
                        options.agency_name, options.logo, layout, notice)
    body: list[Flowable] = []
    for section, build in ((S.INITIATIVES, initiatives), (S.MEETINGS, meetings),
                           (S.ACTIONS, actions), (S.TRAINING, training),
                           (S.PARTNERS, joined)):
        if options.wants(section):
            body += build(report, layout)
    decor = PageDecor(report_title(options), options.agency_name,
                      options.generated_at or datetime.now(UTC))
    return build_report(target, front, body, decor, contents, styles, layout.width,
                        page_size=options.paper_size, subject=KIND, progress=progress)


def initiatives(report: PartnershipReport, layout: Layout) -> list[Flowable]:
    flowables = layout.section(S.INITIATIVES.label,
                               f"{plural(len(report.initiatives), 'initiative')}; figures "
                               "in the period, goals as of its last day")
    if not report.initiatives:
        return [*flowables, layout.no_data("no initiatives ran in the period.")]
    rows: list[list[Cell]] = []
    for r in report.initiatives:
        res = r.resources
        present, invited, walk_ins = r.attendance
        rows.append([stacked(r.name, f"{r.kind} · {r.status}"), str(len(r.partners)),
                     goals_text(r), money(res.cash_cents), money(res.in_kind_cents),
                     hours(res.volunteer_hours), str(len(r.held_meetings)),
                     attendance_text(present, invited, walk_ins)])
    table = data_table(("Initiative", "Partners", "Goals", "Cash", "In-kind",
                        "Vol. hours", "Held", "Attendance"), rows,
                       table_widths(layout, 0.24, 0.09, 0.12, 0.1, 0.1, 0.09, 0.07, 0.19),
                       layout.styles.base)
    table.setStyle(TableStyle([("ALIGN", (3, 1), (5, -1), "RIGHT")]))
    note = "Held: meetings held in the period; attendance: present of invited, at those."
    return [*flowables, table, gap(1), layout.note(note)]


def meetings(report: PartnershipReport, layout: Layout) -> list[Flowable]:
    flowables = layout.section(S.MEETINGS.label)
    if not report.meetings:
        return [*flowables, layout.no_data("no meetings in the period.")]
    held = report.held
    present = sum(m.present for m in held)
    invited = sum(m.invited for m in held)
    walk_ins = sum(m.walk_ins for m in held)
    pairs = [("Meetings in the period", str(len(report.meetings))),
             ("Meetings held", str(len(held))),
             ("Attendance at meetings held", attendance_text(present, invited, walk_ins))]
    rows: list[list[Cell]] = [
        [f"{short_date(m.starts_at.astimezone())} {clock(m.starts_at.astimezone())}",
         stacked(m.title, m.initiative), m.status.value.capitalize(), m.attendance]
        for m in report.meetings
    ]
    table = data_table(("When", "Meeting and initiative", "Status", "Attendance"), rows,
                       table_widths(layout, 0.18, 0.5, 0.12, 0.2), layout.styles.base)
    return [*flowables, figures(pairs, layout, per_row=3), gap(2), table]


def actions(report: PartnershipReport, layout: Layout) -> list[Flowable]:
    a = report.actions
    if a is None:
        return []
    pairs = [("Opened in the period", str(a.opened)), ("Closed in the period", str(a.closed)),
             ("Dropped in the period", str(a.dropped)),
             ("Open at the period's end", str(a.open_at_end)),
             ("Overdue at the period's end", str(a.overdue_at_end))]
    flowables = layout.section(S.ACTIONS.label)
    if not any((a.opened, a.closed, a.dropped, a.open_at_end)):
        return [*flowables, layout.no_data("no action items in the period.")]
    return [*flowables, figures(pairs, layout, per_row=3)]


def training(report: PartnershipReport, layout: Layout) -> list[Flowable]:
    t = report.training
    if t is None:
        return []
    flowables = layout.section(S.TRAINING.label)
    if t.sessions or t.completions:
        flowables.append(figures([
            ("Sessions in the period", str(t.sessions)),
            ("Completions", str(t.completions)),
            ("People trained", str(t.people)),
            ("Training hours credited", hours(t.hours)),
        ], layout, per_row=4))
    else:
        flowables.append(layout.no_data("no training sessions or completions in the period."))
    compliance = t.compliance
    flowables.append(layout.subsection("Compliance with training requirements"))
    if compliance is None or not compliance.requirements:
        return [*flowables, layout.no_data("no training requirements are set.")]
    rows: list[list[Cell]] = [
        [item.requirement.course, item.requirement.tag, str(item.total),
         str(item.compliant), item.percent_text]
        for item in compliance.requirements
    ]
    table = data_table(("Course", "Required of", "People", "Compliant", "Share"), rows,
                       table_widths(layout, 0.4, 0.2, 0.12, 0.14, 0.14), layout.styles.base)
    note = f"As of {short_date(compliance.today)}; the share is rounded down."
    return [*flowables, layout.note(note), table]


def joined(report: PartnershipReport, layout: Layout) -> list[Flowable]:
    flowables = layout.section(S.PARTNERS.label)
    if not report.joined:
        return [*flowables, layout.no_data("no organization joined an initiative in the "
                                           "period.")]
    rows: list[list[Cell]] = [[short_date(p.joined_on), p.organization, p.initiative, p.role]
                              for p in report.joined]
    table = data_table(("Joined", "Organization", "Initiative", "Role"), rows,
                       table_widths(layout, 0.14, 0.32, 0.32, 0.22), layout.styles.base)
    return [*flowables, table]
