"""``main.py training roster|certificates|compliance``: training documents without the GUI.

    training roster SESSION_ID -o FILE.pdf         the session's sign-in sheet
    training certificates SESSION_ID -o FILE.pdf   a certificate per person who completed it
    training compliance -o FILE.pdf|FILE.xlsx [--year 2026] [--everyone]

``--paper`` overrides the paper size setting. Prints the file written and its size in
pages (or sheets and rows), and files the report in the audit log. Exit codes: 0 written,
10 no training session with that id, 11 the file cannot be written (nothing is left
half-written), 12 nobody has completed the session (no certificates), 2-7 and 9 the
database could not be opened (see app.models.errors). No Qt here.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli import EXIT_NOT_FOUND, EXIT_OK, Arguments, cannot_write, in_workspace

if TYPE_CHECKING:
    from app.services.training_documents import SessionDetails
    from app.services.workspace import Workspace

EXIT_NO_CERTIFICATES = 12


@dataclass(frozen=True)
class _Document:
    report: str  # as the audit log names it: "training sign-in sheet"
    wrote: str  # "the sign-in sheet of training session 12 (De-escalation, 10 Mar 2026)"
    about: str  # for the audit log: "session 12 (De-escalation, 10 Mar 2026)"
    write: Callable[[Path, str], str]  # (output, paper) -> "2 pages, Letter paper"


class _NothingToPrint(Exception):
    pass


def print_training_document(args: Arguments, target: str) -> int:
    from app.services.audit_log import record_report
    from app.services.errors import NotFoundError
    from app.services.settings import paper_size

    assert args.command is not None and args.output is not None
    output = Path(args.output).expanduser()

    def work(ws: Workspace) -> int:
        try:
            document = _document(ws, args)
        except NotFoundError as error:
            print(f"partnership-desk: {error}", file=sys.stderr)
            return EXIT_NOT_FOUND
        except _NothingToPrint as error:
            print(f"partnership-desk: {error}", file=sys.stderr)
            return EXIT_NO_CERTIFICATES
        paper = args.paper or paper_size(ws)
        try:
            size = document.write(output, paper)
        except OSError as error:
            return cannot_write(output, error)
        record_report(ws, document.report, output.name, detail=f"{document.about}, {size}")
        print(f"Wrote {document.wrote} to {output.resolve()}: {size}.")
        return EXIT_OK

    return in_workspace(target, work)


def _document(ws: Workspace, args: Arguments) -> _Document:
    kind = args.command.split()[-1] if args.command else ""
    if kind == "roster":
        return _roster(ws, args)
    if kind == "certificates":
        return _certificates(ws, args)
    return _compliance(ws, args)


def _roster(ws: Workspace, args: Arguments) -> _Document:
    from app.reports.pdf.training import write_session_roster
    from app.services.training_documents import session_roster

    assert args.session_id is not None
    doc = session_roster(ws, args.session_id)

    def write(output: Path, paper: str) -> str:
        return _pages(write_session_roster(doc, output, page_size=paper), paper)

    session = _session(doc.session)
    return _Document("training sign-in sheet", f"the sign-in sheet of training {session}",
                     session, write)


def _certificates(ws: Workspace, args: Arguments) -> _Document:
    from app.reports.pdf.training import write_certificates
    from app.services.training_documents import session_certificates

    assert args.session_id is not None
    doc = session_certificates(ws, args.session_id)
    session = _session(doc.session)
    if not doc.certificates:
        raise _NothingToPrint(f"Nobody has completed training {session} yet: there are no "
                              "certificates to print.")

    def write(output: Path, paper: str) -> str:
        return _pages(write_certificates(doc, output, page_size=paper), paper)

    count = len(doc.certificates)
    wrote = f"{count} certificate{'s' * (count != 1)} of training {session}"
    return _Document("training certificates", wrote, session, write)


def _compliance(ws: Workspace, args: Arguments) -> _Document:
    from app.reports.excel.compliance import write_compliance_xlsx
    from app.reports.pdf.training import write_compliance_pdf
    from app.services.training_documents import compliance_document

    doc = compliance_document(ws, year=args.year)
    everyone = args.everyone

    def write(output: Path, paper: str) -> str:
        if output.suffix.lower() == ".xlsx":
            rows = write_compliance_xlsx(doc, output)
            return f"Excel workbook, {rows:,} row{'s' * (rows != 1)}"
        return _pages(write_compliance_pdf(doc, output, page_size=paper, everyone=everyone),
                      paper)

    about = f"as of {_day(doc.today)}, training hours of {doc.year}"
    return _Document("training compliance report",
                     f"the training compliance report ({about})", about, write)


def _session(session: SessionDetails) -> str:
    return f"session {session.session_id} ({session.course}, {_day(session.first_day)})"


def _day(day: date) -> str:
    from app.reports.pdf.handout import short_date

    return short_date(day)


def _pages(pages: int, paper: str) -> str:
    return f"{pages} page{'s' * (pages != 1)}, {paper} paper"


