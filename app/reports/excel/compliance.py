"""The training compliance report as an Excel workbook for funders and auditors.

Sheets, each one Excel table with a frozen header (app/reports/excel/workbook.py):
- Summary: per requirement, the people it applies to, how many are current, expiring,
  expired or never trained, and the share compliant (a number formatted 0%; "—" when the
  requirement applies to nobody, never 0%);
- People: one row per requirement and person, with status and dates (real dates);
- Hours <year>: training hours per person against the annual target;
- Hours by organization.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence

from openpyxl import Workbook

from app.models import RequirementMode
from app.reports.excel.workbook import CREATOR, add_table_sheet, new_workbook, save_workbook
from app.reports.output import Progress, Target, no_progress
from app.reports.spreadsheet_safety import CellValue
from app.services.certificates import CertificateStatus
from app.services.compliance import RequirementRow
from app.services.training_documents import ComplianceDoc

NO_ONE = "—"
DATE_FORMAT = "yyyy-mm-dd"
PERCENT_FORMAT = "0%"
HOURS_FORMAT = "#,##0.0"
SUMMARY_HEADERS = ("Requirement", "Course", "Tag", "Mode", "People", "Current",
                   "Expiring soon", "Expired", "Never completed", "Compliant", "% compliant")
PEOPLE_HEADERS = ("Requirement", "Course", "Tag", "Person", "Organization", "Status",
                  "Compliant", "Completed", "Expires")
HOURS_HEADERS = ("Person", "Organization", "Hours", "Target", "Short by", "Below target")
ORGANIZATION_HEADERS = ("Organization", "People trained", "Hours")
MODES = {RequirementMode.KEEP_CURRENT: "Keep current",
         RequirementMode.COMPLETE_ONCE: "Complete once"}
STATUSES = (CertificateStatus.CURRENT, CertificateStatus.EXPIRING, CertificateStatus.EXPIRED,
            CertificateStatus.NEVER)

Rows = list[Sequence[CellValue]]


def write_compliance_xlsx(
    doc: ComplianceDoc, target: Target, *, progress: Progress = no_progress
) -> int:
    """Write the workbook to a path (atomically) or binary file; return the rows written.

    Raising from ``progress(done, total)`` cancels and leaves no file behind.
    """
    summary, people = _summary_rows(doc), _people_rows(doc)
    hours, organizations = _hours_rows(doc), _organization_rows(doc)
    sheets: list[tuple[str, Sequence[str], Rows, dict[int, str]]] = [
        ("Summary", SUMMARY_HEADERS, summary, {10: PERCENT_FORMAT}),
        ("People", PEOPLE_HEADERS, people, {7: DATE_FORMAT, 8: DATE_FORMAT}),
        (f"Hours {doc.year}", HOURS_HEADERS, hours,
         {2: HOURS_FORMAT, 3: HOURS_FORMAT, 4: HOURS_FORMAT}),
        ("Hours by organization", ORGANIZATION_HEADERS, organizations, {2: HOURS_FORMAT}),
    ]
    workbook = _workbook(doc)
    total = sum(len(rows) for _, _, rows, _ in sheets)
    written = 0
    try:
        for title, headers, rows, formats in sheets:
            add_table_sheet(workbook, title, headers, rows, widths=_widths(headers, formats),
                            number_formats=formats, table_name=title.replace(" ", "_"),
                            progress=_offset(progress, written, total))
            written += len(rows)
    except BaseException:
        _discard(workbook)
        raise
    save_workbook(workbook, target)
    return total


def requirement_label(requirement: RequirementRow) -> str:
    """How one requirement is named in both sheets (filter the People sheet by it)."""
    return f"{requirement.course} ({requirement.tag})"


def _workbook(doc: ComplianceDoc) -> Workbook:
    description = (f"Training compliance as of {doc.today:%d %b %Y} and training hours of "
                   f"{doc.year}" + (f", {doc.agency_name}" if doc.agency_name else "") + ".")
    workbook = new_workbook("Training compliance", subject="Training compliance",
                            description=description)
    workbook.properties.creator = doc.agency_name or CREATOR
    workbook.properties.keywords = "training, compliance, certificates, hours"
    return workbook


def _summary_rows(doc: ComplianceDoc) -> Rows:
    rows: Rows = []
    for item in doc.compliance.requirements:
        requirement = item.requirement
        percent = item.percent_compliant  # rounded down, as the PDF and the page show it
        rows.append([
            requirement_label(requirement), requirement.course, requirement.tag,
            MODES[requirement.mode], item.total, *(item.count(s) for s in STATUSES),
            item.compliant, NO_ONE if percent is None else percent / 100,
        ])
    return rows


def _people_rows(doc: ComplianceDoc) -> Rows:
    rows: Rows = []
    for item in doc.compliance.requirements:
        requirement = item.requirement
        label = requirement_label(requirement)
        for person in item.people:
            standing = person.standing
            rows.append([
                label, requirement.course, requirement.tag, person.name, person.organization,
                standing.status.label, "Yes" if standing.status.compliant else "No",
                standing.completed_on, standing.expires_on,
            ])
    return rows


def _hours_rows(doc: ComplianceDoc) -> Rows:
    rows: Rows = []
    for person in doc.hours.people:
        short = None
        if person.target is not None:
            short = round(max(person.target - person.hours, 0.0), 2)
        rows.append([
            person.name, person.organization, person.hours, person.target, short,
            "" if person.target is None else ("Yes" if person.below_target else "No"),
        ])
    return rows


def _organization_rows(doc: ComplianceDoc) -> Rows:
    return [[o.name, o.people, o.hours] for o in doc.hours.organizations]


def _widths(headers: Sequence[str], formats: dict[int, str]) -> list[float | None]:
    """Fitted widths (None), except formatted number and date columns: as wide as their
    header (a fraction like 0.8333 would otherwise be measured as long text)."""
    widths: list[float | None] = [None] * len(headers)
    for index in formats:
        widths[index] = max(len(headers[index]) + 4.0, 12.0)
    return widths


def _discard(workbook: Workbook) -> None:
    """A cancelled export: finish each sheet's temporary file now, so that openpyxl's
    half-written row stream does not try to write to it when it is garbage-collected."""
    for sheet in workbook.worksheets:
        with contextlib.suppress(Exception):
            sheet.close()


def _offset(progress: Progress, before: int, total: int) -> Callable[[int, int], None]:
    """Progress of one sheet as progress of the whole workbook."""
    def report(done: int, _sheet_total: int) -> None:
        progress(before + done, total)

    return report
