"""``main.py report KIND``: evaluation reports without the GUI.

    report funder --quarter 2026Q3 -o FILE.xlsx     the Excel workbook for funders
    report funder --year 2026 -o FILE.xlsx
    report funder --from 2026-01-15 --to 2026-06-30 -o FILE.xlsx [--initiative ID] [--redacted]

Every report takes one period (``--quarter``, ``--year`` or ``--from``/``--to``) and
optionally one initiative (default: the whole partnership). Prints the file written and
its size, and files the report in the audit log. Exit codes: 0 written, 2 bad arguments
(an unknown quarter, a date that does not exist, ``--to`` before ``--from``), 10 no
initiative with that id, 11 the file cannot be written (nothing is left half-written),
2-7 and 9 the database could not be opened (see app.models.errors). No Qt here.

A new kind of report adds a subparser in ``add_report_command`` and a writer in
``WRITERS``; the period and scope options are shared.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli import EXIT_NOT_FOUND, EXIT_OK, Arguments, cannot_write, in_workspace

if TYPE_CHECKING:
    from app.services.evaluation_scope import EvaluationScope
    from app.services.workspace import Workspace

_QUARTER = re.compile(r"^\s*(\d{4})\s*-?\s*Q([1-4])\s*$", re.IGNORECASE)
_ANY_QUARTER = re.compile(r"^\s*(\d{4})\s*-?\s*Q(\d+)\s*$", re.IGNORECASE)


def add_report_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = commands.add_parser(
        "report", help="write an evaluation report (funder workbook) for a period",
        description="Evaluation reports without the GUI. Each exits 0 when written, 10 when "
        "there is no initiative with the id given, 11 when the file cannot be written.",
    )
    kinds = report.add_subparsers(dest="kind", metavar="REPORT", required=True)
    funder = kinds.add_parser(
        "funder", help="the Excel workbook for funders (XLSX)",
        description="Write the funder workbook of a period: Summary with key figures and "
        "charts, Measures per quarter, Initiatives, Partners and roles, Meetings and "
        "attendance, Action items, Training, Crime statistics, Surveys, Expenditures.",
    )
    funder.add_argument("--output", "-o", required=True, metavar="FILE.xlsx")
    _add_period_options(funder)
    evaluation = kinds.add_parser(
        "evaluation", help="an initiative's evaluation report (PDF)",
        description="Write the evaluation report of one initiative (--initiative ID) for a "
        "period: summary, partners, goals, crime before and after, surveys, engagement and "
        "network, resources and efficiency, SARA, meetings and trainings.",
    )
    partnership = kinds.add_parser(
        "partnership", help="the partnership quarterly or annual report (PDF)",
        description="Write the partnership report of a period: all initiatives side by "
        "side, meetings and attendance, action items, training hours and compliance, "
        "partners joined.",
    )
    for pdf in (evaluation, partnership):
        pdf.add_argument("--output", "-o", required=True, metavar="FILE.pdf")
        _add_period_options(pdf)


def _add_period_options(report: argparse.ArgumentParser) -> None:
    period = report.add_mutually_exclusive_group()
    period.add_argument("--quarter", metavar="YYYYQn", help="a calendar quarter, e.g. 2026Q3")
    period.add_argument("--year", metavar="YYYY", help="a calendar year, e.g. 2026")
    period.add_argument("--from", dest="first", metavar="YYYY-MM-DD",
                        help="the first day of the period (with --to)")
    report.add_argument("--to", dest="last", metavar="YYYY-MM-DD",
                        help="the last day of the period (with --from)")
    report.add_argument("--initiative", type=int, metavar="ID",
                        help="one initiative (default: the whole partnership)")
    report.add_argument("--redacted", action="store_true",
                        help="name people by a stable id (P-00042) instead of their names")
    report.add_argument("--database", "-d", dest="command_database", metavar="PATH_OR_URL")


def report_arguments(ns: argparse.Namespace, database: str | None,
                     error: Callable[[str], object]) -> Arguments:
    """The parsed ``report`` command; ``error(message)`` ends with exit code 2."""
    name = f"report {ns.kind}"
    suffix = ".pdf" if ns.kind in ("evaluation", "partnership") else ".xlsx"
    if Path(ns.output).suffix.lower() != suffix:
        error(f"{name}: the output file must end in {suffix}")
    if ns.kind == "evaluation" and ns.initiative is None:
        error(f"{name}: choose the initiative with --initiative ID")
    try:
        first, last = parse_period(ns.quarter, ns.year, ns.first, ns.last)
    except ValueError as problem:
        error(f"{name}: {problem}")
        raise AssertionError("error() exits") from None
    return Arguments(database=database, demo=ns.demo, command=name, output=ns.output,
                     period=(first, last), initiative_id=ns.initiative,
                     redacted=ns.redacted)


def parse_period(quarter: str | None, year: str | None, first: str | None,
                 last: str | None) -> tuple[date, date]:
    """The first and last day chosen by --quarter, --year or --from/--to (ValueError with a
    message a user can act on otherwise)."""
    from app.services.evaluation_scope import Period

    if last is not None and first is None:
        raise ValueError("--to needs --from (the first day of the period)")
    if quarter is not None:
        match = _QUARTER.match(quarter)
        if match is None:
            wrong = _ANY_QUARTER.match(quarter)
            if wrong is not None:
                raise ValueError(f"there is no quarter Q{wrong.group(2)}: use Q1 to Q4, "
                                 "e.g. 2026Q3")
            raise ValueError(f"--quarter {quarter!r} is not a quarter such as 2026Q3")
        chosen = Period.quarter(_year(match.group(1)), int(match.group(2)))
    elif year is not None:
        chosen = Period.year(_year(year))
    elif first is not None:
        if last is None:
            raise ValueError("--from needs --to (the last day of the period)")
        start, end = _day("--from", first), _day("--to", last)
        if end < start:
            raise ValueError(f"--to {end.isoformat()} is before --from {start.isoformat()}")
        chosen = Period(start, end)
    else:
        raise ValueError("choose the period with --quarter, --year or --from and --to")
    return chosen.start, chosen.end


def _year(text: str) -> int:
    if not text.strip().isdigit() or not 1900 <= int(text) <= 9999:
        raise ValueError(f"{text!r} is not a year such as 2026")
    return int(text)


def _day(option: str, text: str) -> date:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{option} {text!r} is not a date such as 2026-07-01 "
                         "(year-month-day)") from None
    if day.year < 1900:
        raise ValueError(f"{option} {text!r} is too early")
    return day


def print_report(args: Arguments, target: str) -> int:
    from app.services.audit_log import record_report
    from app.services.errors import NotFoundError
    from app.services.evaluation_scope import EvaluationScope, Period

    assert args.command is not None and args.output is not None and args.period is not None
    output = Path(args.output).expanduser()
    scope = EvaluationScope(Period(*args.period), args.initiative_id)
    kind = args.command.split()[-1]
    report_name, write = WRITERS[kind]

    def work(ws: Workspace) -> int:
        try:
            size, about = write(ws, scope, output, args.redacted)
        except NotFoundError as error:
            print(f"partnership-desk: {error}", file=sys.stderr)
            return EXIT_NOT_FOUND
        except OSError as error:
            return cannot_write(output, error)
        record_report(ws, report_name, output.name, detail=f"{about}, {size}")
        print(f"Wrote the {report_name} ({about}) to {output.resolve()}: {size}.")
        return EXIT_OK

    return in_workspace(target, work)


def _funder(ws: Workspace, scope: EvaluationScope, output: Path, redacted: bool
            ) -> tuple[str, str]:
    from app.reports.excel.funder import write_funder_workbook

    written = write_funder_workbook(ws, scope, output, redacted=redacted,
                                    progress=_Progress())
    report = written.report
    about = f"{report.scope_label}, {report.period.label()}"
    rows = written.rows
    if not report.has_data:
        about += ", no data recorded"
    return f"{written.sheets} sheets, {rows:,} row{'s' * (rows != 1)}", about


class _Progress:
    """Percent done on stderr when it is a terminal (a long export shows it is alive)."""

    def __init__(self) -> None:
        self.shown = -1
        self.live = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        if self.live and percent != self.shown:
            self.shown = percent
            end = "\n" if percent >= 100 else ""
            print(f"\rWriting… {percent}%", end=end, file=sys.stderr, flush=True)


def _evaluation(ws: Workspace, scope: EvaluationScope, output: Path, redacted: bool
                ) -> tuple[str, str]:
    from app.reports.pdf.evaluation_report import write_evaluation_report

    return _pdf_report(ws, scope, output, redacted, write_evaluation_report)


def _partnership(ws: Workspace, scope: EvaluationScope, output: Path, redacted: bool
                 ) -> tuple[str, str]:
    """All initiatives of the period, or only the one given with --initiative."""
    from app.reports.pdf.partnership_report import write_partnership_report

    return _pdf_report(ws, scope, output, redacted, write_partnership_report)


def _pdf_report(ws: Workspace, scope: EvaluationScope, output: Path, redacted: bool,
                write: Callable[..., str]) -> tuple[str, str]:
    from app.services.report_options import ReportOptions
    from app.services.settings import AGENCY_NAME, agency_logo, get_setting, paper_size

    ids = () if scope.initiative_id is None else (scope.initiative_id,)
    options = ReportOptions(scope.period, initiative_ids=ids, paper_size=paper_size(ws),
                            redacted=redacted, agency_name=str(get_setting(ws, AGENCY_NAME, "")
                                                               or ""),
                            logo=agency_logo(ws))
    from app.services.errors import NotFoundError

    try:
        title = write(ws, options, output, _Progress())
    except NotFoundError:
        raise NotFoundError(f"there is no initiative with id {scope.initiative_id}") from None
    return f"{output.stat().st_size / 1024:,.0f} KB, {options.paper_size} paper", title


Writer = Callable[["Workspace", "EvaluationScope", Path, bool], tuple[str, str]]
WRITERS: dict[str, tuple[str, Writer]] = {
    "funder": ("funder workbook", _funder),
    "evaluation": ("evaluation report", _evaluation),
    "partnership": ("partnership report", _partnership),
}
