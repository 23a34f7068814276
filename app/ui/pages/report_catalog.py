"""The reports the Reports page offers: what each needs (initiatives, sections, paper) and
how it is written. The writing itself is app/reports'; nothing here touches widgets."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.reports.output import Progress
from app.services.report_options import EvaluationSection, PartnershipSection, ReportOptions
from app.services.workspace import Workspace

# (workspace, options, path, progress) -> the document's title
Writer = Callable[[Workspace, ReportOptions, Path, Progress], str]


@dataclass(frozen=True)
class ReportKind:
    key: str
    title: str
    description: str
    what: str  # "evaluation report": used in progress, error and audit messages
    writer: Writer
    sections: tuple[EvaluationSection | PartnershipSection, ...] = ()
    workbook: bool = False  # saved as .xlsx and offered to open; else previewed as PDF
    needs_initiative: bool = False  # at least one initiative must be chosen
    narrative: bool = False  # the officer's narrative is asked for

    @property
    def extension(self) -> str:
        return ".xlsx" if self.workbook else ".pdf"


def _evaluation(ws: Workspace, options: ReportOptions, path: Path, progress: Progress) -> str:
    from app.reports.pdf.evaluation_report import write_evaluation_report

    return write_evaluation_report(ws, options, path, progress)


def _partnership(ws: Workspace, options: ReportOptions, path: Path, progress: Progress) -> str:
    from app.reports.pdf.partnership_report import write_partnership_report

    return write_partnership_report(ws, options, path, progress)


def _funder(ws: Workspace, options: ReportOptions, path: Path, progress: Progress) -> str:
    from app.reports.excel.funder import write_funder_workbook

    write_funder_workbook(ws, options.period, path, progress=progress,
                          redacted=options.redacted)
    return f"Funder workbook, {options.period.label()}"


REPORTS = (
    ReportKind(
        "evaluation", "Initiative evaluation report (PDF)",
        "One part per chosen initiative: key figures, partners and roles, goals, crime "
        "before and after, surveys, engagement and network, resources, SARA, meetings and "
        "trainings, and your narrative.",
        "evaluation report", _evaluation, tuple(EvaluationSection), needs_initiative=True,
        narrative=True,
    ),
    ReportKind(
        "partnership", "Partnership quarterly or annual report (PDF)",
        "All initiatives side by side (or the chosen ones), meetings held and attendance, "
        "action items opened and closed, training hours and compliance, partners joined.",
        "partnership report", _partnership, tuple(PartnershipSection),
    ),
    ReportKind(
        "funder", "Funder workbook (Excel)",
        "One workbook for the period: summary with charts, measures per quarter, "
        "initiatives, partners, meetings, action items, training, crime, surveys and "
        "expenditures, each a filterable Excel table.",
        "funder workbook", _funder, workbook=True,
    ),
)
