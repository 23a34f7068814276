"""The printable partner directory: each organization with its people, then everyone else."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable

from app.reports.output import Progress, Target, no_progress
from app.reports.pdf.document import (
    PageDecor,
    Styles,
    build_pdf,
    content_width,
    paragraph,
    report_styles,
)
from app.reports.pdf.tables import Cell, columns, data_table, stacked
from app.services.directory_report import (
    UNAFFILIATED_TITLE,
    DirectoryEntry,
    DirectoryReport,
    DirectorySection,
)

PEOPLE_HEADERS = ("Name and role", "E-mail", "Phone", "Mobile")
UNAFFILIATED_HEADERS = ("Name", "E-mail", "Phone", "Mobile")
WIDTHS = (0.29, 0.43, 0.14, 0.14)
ROOM_FOR_A_SECTION = 35 * mm  # start an organization on a new page below this


def write_directory_pdf(
    report: DirectoryReport,
    target: Target,
    page_size: str = "A4",
    progress: Progress = no_progress,
) -> None:
    """Write the directory as a PDF to a path or binary file (``page_size``: A4, Letter)."""
    styles = report_styles()
    width = content_width(page_size)
    story: list[Flowable] = [
        paragraph(report.title, styles.title),
        paragraph(_summary(report), styles.subtitle),
    ]
    for section in report.sections:
        story.extend(_section(section, styles, width))
    if report.unaffiliated:
        story.append(CondPageBreak(ROOM_FOR_A_SECTION))
        story.append(paragraph(UNAFFILIATED_TITLE, styles.heading))
        rows = [[e.name, e.email, e.phone, e.mobile] for e in report.unaffiliated]
        story.append(
            data_table(UNAFFILIATED_HEADERS, rows, columns(width, *WIDTHS), styles)
        )
    if not report.sections and not report.unaffiliated:
        story.append(paragraph("Nothing matches this filter.", styles.body))
    decor = PageDecor(report.title, report.agency_name, report.generated_at)
    build_pdf(target, story, decor, page_size=page_size, subject="Partner directory",
              progress=progress)


def _summary(report: DirectoryReport) -> str:
    organizations = len(report.sections)
    people = report.people_count
    parts = [
        report.agency_name,
        f"{organizations} organization{'s' * (organizations != 1)}, "
        f"{people} {'person' if people == 1 else 'people'}",
        report.filter_description,
    ]
    return " · ".join(p for p in parts if p)


def _section(section: DirectorySection, styles: Styles, width: float) -> list[Flowable]:
    flowables: list[Flowable] = [
        CondPageBreak(ROOM_FOR_A_SECTION),
        paragraph(section.name, styles.heading),
        paragraph(_details(section), styles.small),
    ]
    if section.people:
        rows = [_person_row(e, styles) for e in section.people]
        flowables.append(data_table(PEOPLE_HEADERS, rows, columns(width, *WIDTHS), styles))
    else:
        flowables.append(paragraph("No people listed.", styles.small))
    return flowables


def _details(section: DirectorySection) -> str:
    parts = [section.kind_label, section.phone, section.email, section.website, section.address]
    return " · ".join(p for p in parts if p)


def _person_row(entry: DirectoryEntry, styles: Styles) -> list[Cell]:
    return [stacked(entry.name, entry.role), entry.email, entry.phone, entry.mobile]
