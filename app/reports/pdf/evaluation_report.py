"""The initiative evaluation report for funders as a PDF (steps two and three of three).

``write_evaluation_report(ws, options, target, progress)`` builds one part per chosen
initiative (app/services/evaluation_report.py) and lays them out: a title block, a table of
contents when the report runs over five pages, then for each initiative the sections
switched on in ``options``: summary, partners and roles, goals against targets, crime before
and after, survey results, engagement and the partnership network, resources and
efficiency, the SARA record, meetings and trainings in the period, and the narrative.
Runs headless; the Reports page calls it in a worker.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from reportlab.platypus import Flowable, PageBreak

from app.reports.output import Progress, Target, no_progress
from app.reports.pdf import evaluation_analysis as analysis
from app.reports.pdf import evaluation_sections as sections
from app.reports.pdf.document import PageDecor, content_width
from app.reports.pdf.handout import short_date
from app.reports.pdf.packet_format import packet_styles
from app.reports.pdf.report_layout import Layout, title_block
from app.reports.pdf.toc import Contents, build_report, heading
from app.services.evaluation_report import EvaluationReport, build_evaluation_report
from app.services.report_options import EvaluationSection as S
from app.services.report_options import ReportOptions
from app.services.workspace import Workspace

KIND = "Initiative evaluation report"
REDACTED_NOTICE = ("Redacted: people are named by a stable id (P-00042), and sensitive "
                   "notes are left out.")
Section = Callable[[EvaluationReport, Layout], list[Flowable]]


def write_evaluation_report(ws: Workspace, options: ReportOptions, target: Target,
                            progress: Progress = no_progress) -> str:
    """Build and write the report; return its title. ValueError without initiatives,
    NotFoundError for an initiative that does not exist; raising from ``progress``
    cancels (nothing is written)."""
    if not options.initiative_ids:
        raise ValueError("Choose at least one initiative for the evaluation report.")
    count = len(options.initiative_ids)
    reports = []
    for done, initiative_id in enumerate(options.initiative_ids):
        progress(done, count * 4)
        reports.append(build_evaluation_report(ws, options, initiative_id))
    render_evaluation_report(reports, options, target, _after(progress, count, count * 4))
    return report_title(reports, options)


def report_title(reports: Sequence[EvaluationReport], options: ReportOptions) -> str:
    what = reports[0].name if len(reports) == 1 else f"{len(reports)} initiatives"
    return f"Evaluation report: {what}, {options.period.label()}"


def render_evaluation_report(reports: Sequence[EvaluationReport], options: ReportOptions,
                             target: Target, progress: Progress = no_progress) -> int:
    """Lay out built reports and write the PDF; return the page count."""
    styles = packet_styles()
    contents = Contents()
    layout = Layout(styles, content_width(options.paper_size), contents,
                    level=0 if len(reports) == 1 else 1)
    title = report_title(reports, options)
    front = _front(reports, options, layout)
    body: list[Flowable] = []
    for number, report in enumerate(reports):
        progress(number, len(reports) + 1)
        if len(reports) > 1:
            if number:
                body.append(PageBreak())
            body.append(heading(report.name, styles.cover_title.clone(
                "part_title", fontSize=20, leading=25), contents, 0))
        body += initiative_part(report, options, layout)
    decor = PageDecor(title, options.agency_name,
                      options.generated_at or datetime.now(UTC))
    return build_report(target, front, body, decor, contents, styles, layout.width,
                        page_size=options.paper_size, subject=KIND,
                        progress=_after(progress, len(reports), len(reports) + 1))


def initiative_part(report: EvaluationReport, options: ReportOptions,
                    layout: Layout) -> list[Flowable]:
    """One initiative's sections, those switched on, in the report's order."""
    parts: list[tuple[S, Section]] = [
        (S.SUMMARY, lambda r, lay: sections.summary(r, lay, analysis.key_figures(r))),
        (S.PARTNERS, sections.partners),
        (S.GOALS, sections.goals),
        (S.CRIME, analysis.crime),
        (S.SURVEYS, analysis.surveys),
        (S.ENGAGEMENT, analysis.engagement),
        (S.RESOURCES, lambda r, lay: [*sections.resources(r, lay),
                                      *analysis.efficiency(r, lay)]),
        (S.SARA, sections.sara),
        (S.MEETINGS, sections.meetings_and_trainings),
        (S.NARRATIVE, sections.narrative),
    ]
    story: list[Flowable] = []
    for section, build in parts:
        if options.wants(section):
            story += build(report, layout)
    return story


def _front(reports: Sequence[EvaluationReport], options: ReportOptions,
           layout: Layout) -> list[Flowable]:
    name = reports[0].name if len(reports) == 1 else ", ".join(r.name for r in reports)
    details = [f"Period: {options.period.label()}",
               f"Prepared {short_date(options.generated_at or datetime.now(UTC))}"]
    if len(reports) == 1 and reports[0].kind:
        details.insert(0, f"{reports[0].kind} · {reports[0].status}")
    return title_block(KIND, name, details, options.agency_name, options.logo, layout,
                       REDACTED_NOTICE if options.redacted else "")


def _after(progress: Progress, done: int, total: int) -> Progress:
    """Progress of a later step, counted as the rest of ``total`` after ``done`` steps."""
    def report(part: int, whole: int) -> None:
        share = part / whole if whole else 1.0
        progress(done * 1000 + int(share * (total - done) * 1000), total * 1000)

    return report
