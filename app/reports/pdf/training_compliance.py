"""The training compliance report: a summary per requirement, the people who are not
compliant with each (or everyone), and the people below the annual hours target."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from app.reports.pdf.document import paragraph
from app.reports.pdf.fonts import BOLD
from app.reports.pdf.handout import (
    ALERT,
    HandoutStyles,
    long_date,
    number,
    section,
    short_date,
)
from app.reports.pdf.tables import Cell, columns, data_table, stacked
from app.reports.pdf.training_format import (
    STATUS_COLORS,
    align_right,
    captioned_table,
    hours_text,
    mode_text,
    requirement_title,
)
from app.services.certificates import CertificateStatus
from app.services.compliance import PersonStanding, RequirementCompliance
from app.services.training_documents import ComplianceDoc
from app.services.wording import plural

TITLE = "Training compliance"
SUMMARY_HEADERS = ("Requirement", "People", "Current", "Expiring", "Expired", "Never",
                   "Compliant")
PEOPLE_HEADERS = ("Name", "Organization", "Status", "Completed", "Expires")
LEGEND = ("Compliant: holds a current certificate; one expiring within the course's reminder "
          "period still counts. Never: has not completed the course. A dash: the requirement "
          "applies to nobody yet.")
STATUS_ORDER = (CertificateStatus.NEVER, CertificateStatus.EXPIRED,
                CertificateStatus.EXPIRING, CertificateStatus.CURRENT)


def compliance_title(doc: ComplianceDoc) -> str:
    return f"{TITLE}, {short_date(doc.today)}"


def compliance_story(doc: ComplianceDoc, styles: HandoutStyles, width: float,
                     everyone: bool = False) -> list[Flowable]:
    story = _heading(doc, styles)
    story += _summary(doc, styles, width)
    for item in doc.compliance.requirements:
        story += _requirement(item, styles, width, everyone)
    story += _hours(doc, styles, width)
    return story


def _heading(doc: ComplianceDoc, styles: HandoutStyles) -> list[Flowable]:
    flowables: list[Flowable] = []
    if doc.agency_name:
        flowables.append(paragraph(doc.agency_name, styles.agency))
    flowables.append(paragraph(TITLE, styles.base.title))
    count = len(doc.compliance.requirements)
    parts = [f"As of {long_date(doc.today)}", plural(count, "requirement"),
             f"training hours of {doc.year}"]
    flowables.append(paragraph(" · ".join(parts), styles.base.subtitle))
    return flowables


def _summary(doc: ComplianceDoc, styles: HandoutStyles, width: float) -> list[Flowable]:
    flowables = section("Summary", styles)
    items = doc.compliance.requirements
    if not items:
        return [*flowables, paragraph("No training requirements are defined yet.",
                                      styles.base.body)]
    rows: list[list[Cell]] = []
    for item in items:
        requirement = item.requirement
        note = f"Tagged “{requirement.tag}” · {mode_text(requirement.mode)}"
        counts = [item.total, *(item.count(s) for s in reversed(STATUS_ORDER))]
        rows.append([stacked(requirement.course, note), *(f"{n:,}" for n in counts),
                     item.percent_text])
    table = data_table(SUMMARY_HEADERS, rows,
                       columns(width, 0.36, 0.10, 0.10, 0.10, 0.10, 0.10, 0.14), styles.base)
    align_right(table, 1, styles)
    table.setStyle(TableStyle([("FONTNAME", (-1, 1), (-1, -1), BOLD)]))
    legend = styles.base.small.clone("legend", spaceBefore=1.5 * mm)
    return [*flowables, table, paragraph(LEGEND, legend)]


def _requirement(item: RequirementCompliance, styles: HandoutStyles, width: float,
                 everyone: bool) -> list[Flowable]:
    requirement = item.requirement
    missing = [p for p in item.people if not p.standing.status.compliant]
    shown = list(item.people) if everyone else missing
    if not item.total:
        note = f"Nobody is tagged “{requirement.tag}”: this requirement applies to no one yet."
        return section(requirement_title(requirement), styles, note)
    note = (f"{len(missing):,} of {plural(item.total, 'person', 'people')} not "
            f"compliant ({item.percent_text} compliant) · "
            f"{mode_text(requirement.mode)}")
    flowables = section(requirement_title(requirement), styles, note)
    if not shown:
        return [*flowables, paragraph("Everyone it applies to is compliant.", styles.base.body)]
    caption = f"{requirement_title(requirement)}: {'everyone' if everyone else 'not compliant'}"
    return [*flowables, people_table(caption, shown, styles, width)]


def people_table(caption: str, people: list[PersonStanding], styles: HandoutStyles,
                 width: float) -> Table:
    """Name, organization, status (coloured), completed, expires; grouped by status."""
    rank = {status: n for n, status in enumerate(STATUS_ORDER)}
    people = sorted(people, key=lambda p: rank[p.standing.status])  # stable: names stay
    rows: list[list[Cell]] = [
        [
            p.name, p.organization, p.standing.status.label,
            short_date(p.standing.completed_on) if p.standing.completed_on else "",
            short_date(p.standing.expires_on) if p.standing.expires_on else "",
        ]
        for p in people
    ]
    table = captioned_table(caption, PEOPLE_HEADERS, rows,
                            columns(width, 0.25, 0.28, 0.20, 0.135, 0.135), styles)
    # The people are grouped by status: one colour command per group, not per row.
    commands: list[tuple[object, ...]] = [("FONTNAME", (2, 2), (2, -1), BOLD)]
    start = 2
    for status in STATUS_ORDER:
        count = sum(1 for p in people if p.standing.status is status)
        if count:
            commands.append(("TEXTCOLOR", (2, start), (2, start + count - 1),
                             STATUS_COLORS[status]))
            start += count
    table.setStyle(TableStyle(commands))
    return table


def _hours(doc: ComplianceDoc, styles: HandoutStyles, width: float) -> list[Flowable]:
    report = doc.hours
    target = report.target
    covered = [p for p in report.people if p.target is not None]
    below = report.below_target
    note = (f"Target: {hours_text(target.hours)} in {report.year} for everyone tagged "
            f"“{target.tag}”. {len(covered) - len(below):,} of "
            f"{plural(len(covered), 'person', 'people')} reached it.")
    flowables = section(f"Training hours {report.year}: below the target", styles, note)
    if not covered:
        flowables.append(paragraph(f"Nobody is tagged “{target.tag}”.", styles.base.body))
    elif not below:
        flowables.append(paragraph("Everyone reached the target.", styles.base.body))
    else:
        rows: list[list[Cell]] = [
            [p.name, p.organization, number(p.hours), number(target.hours - p.hours)]
            for p in below
        ]
        caption = f"Below the target of {hours_text(target.hours)} in {report.year}"
        table = captioned_table(caption, ("Name", "Organization", "Hours", "Short by"), rows,
                                columns(width, 0.36, 0.36, 0.14, 0.14), styles)
        align_right(table, 2, styles, header_row=1)
        table.setStyle(TableStyle([("TEXTCOLOR", (3, 2), (3, -1), ALERT)]))
        flowables.append(table)
    if report.organizations:
        rows = [[o.name, f"{o.people:,}", number(o.hours)] for o in report.organizations]
        table = data_table(("Organization", "People trained", "Hours"), rows,
                           columns(width, 0.64, 0.18, 0.18), styles.base)
        align_right(table, 1, styles)
        flowables += [paragraph(f"Hours by organization, {report.year}", styles.subheading),
                      table]
    return flowables
