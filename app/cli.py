"""Command-line arguments and headless commands (no Qt here)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app import __version__

if TYPE_CHECKING:
    from datetime import date

    from app.models.database import Database
    from app.models.errors import DatabaseOpenError
    from app.services.workspace import Workspace
    from app.sqlite_check import QuickCheck

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_NOT_FOUND = 10  # packet, training: no such meeting or session
EXIT_CANNOT_WRITE = 11


@dataclass(frozen=True)
class Arguments:
    database: str | None
    demo: bool
    # A headless command ("import contacts", "packet", "training roster"...) instead of the
    # GUI, and its options.
    command: str | None = None
    file: str | None = None  # import: the file read
    dry_run: bool = False
    include_duplicates: bool = False
    meeting_id: int | None = None  # packet: the meeting, the PDF written, what and on what
    output: str | None = None
    part: str = "packet"  # "packet", "sign-in sheet" or "minutes"
    paper: str | None = None  # "Letter" or "A4"; None: the database's paper size setting
    session_id: int | None = None  # training roster / certificates: the session
    year: int | None = None  # training compliance: the year of the hours (None: this year)
    everyone: bool = False  # training compliance: list compliant people too
    period: tuple[date, date] | None = None  # report: its first and last day
    initiative_id: int | None = None  # report: one initiative (None: whole partnership)
    redacted: bool = False  # report: people named by a stable id
    # import crime: the columns (heading or number) and the dates' order, when given.
    date_column: str | None = None
    area_column: str | None = None
    category_column: str | None = None
    count_column: str | None = None
    date_order: str | None = None  # "day-first" or "month-first"
    area_kind: str | None = None  # an AreaKind value


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="partnership-desk",
        description="Partnership Desk: case management for crime prevention partnerships.",
    )
    p.add_argument(
        "--database",
        "-d",
        metavar="PATH_OR_URL",
        help="a SQLite file (created if missing) or postgresql+psycopg://user@host/db",
    )
    p.add_argument(
        "--demo",
        action="store_true",
        help="open the separate demo database, filled with demo data on first use",
    )
    p.add_argument("--version", action="version", version=f"Partnership Desk {__version__}")
    commands = p.add_subparsers(dest="command", metavar="COMMAND")
    importing = commands.add_parser("import", help="import a file without the GUI")
    kinds = importing.add_subparsers(dest="kind", metavar="KIND", required=True)
    contacts = kinds.add_parser(
        "contacts",
        help="people and organizations from CSV (Outlook, Google, Thunderbird...), vCard, XLSX",
        description="Import contacts as one undoable batch and print a summary. Exits 0 "
        "when imported (or nothing was new), 8 when the file is refused (nothing changes).",
    )
    contacts.add_argument("file", metavar="FILE")
    contacts.add_argument("--database", "-d", dest="command_database", metavar="PATH_OR_URL")
    contacts.add_argument(
        "--dry-run", action="store_true", help="show what would be imported; change nothing"
    )
    contacts.add_argument(
        "--include-duplicates", action="store_true", help="import likely duplicates too"
    )
    _add_crime_import(kinds)
    _add_packet_command(commands)
    _add_training_command(commands)
    from app.cli_report import add_report_command

    add_report_command(commands)
    return p


def _add_crime_import(kinds: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    crime = kinds.add_parser(
        "crime",
        help="crime statistics from CSV (Chicago data portal, data.police.uk, any table)",
        description="Count incidents by month, area and offense category (or read a table "
        "already counted, with --count-column) and import the counts as one undoable batch. "
        "Chicago and data.police.uk exports are recognised; other files need the columns "
        "their headings do not name. Exits 0 when imported, 8 when the file is refused or "
        "nothing could be imported (nothing changes).",
    )
    crime.add_argument("file", metavar="FILE")
    crime.add_argument("--database", "-d", dest="command_database", metavar="PATH_OR_URL")
    crime.add_argument(
        "--dry-run", action="store_true", help="show what would be imported; change nothing"
    )
    for name, what in (("date", "the date or month of each row"),
                       ("area", "the area (Chicago: District, Beat, Ward or Community Area)"),
                       ("category", "the offense category"),
                       ("count", "a count per row, for tables already counted")):
        crime.add_argument(f"--{name}-column", metavar="HEADING", help=f"the column holding "
                           f"{what}: its heading or its number (1 is the first)")
    order = crime.add_mutually_exclusive_group()
    order.add_argument("--day-first", dest="date_order", action="store_const", const="day-first",
                       help="dates such as 03/04/2024 are 3 April")
    order.add_argument("--month-first", dest="date_order", action="store_const",
                       const="month-first", help="dates such as 03/04/2024 are 4 March")
    crime.add_argument("--area-kind", choices=("beat", "district", "ward", "neighborhood",
                                               "lsoa", "city", "other"),
                       help="what kind of area new areas are (default: from the layout or "
                       "the column's heading)")


def _add_packet_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    packet = commands.add_parser(
        "packet",
        help="print a meeting packet, sign-in sheet or minutes to a PDF file",
        description="Write the meeting packet (cover, agenda, invitees, sign-in sheet, previous "
        "minutes, open action items, initiative goals), or only its sign-in sheet, or the "
        "meeting's minutes, as a PDF. Exits 0 when written, 10 when there is no such meeting, "
        "11 when the file cannot be written.",
    )
    packet.add_argument("meeting_id", metavar="MEETING_ID", type=int)
    packet.add_argument("--output", "-o", required=True, metavar="FILE.pdf")
    which = packet.add_mutually_exclusive_group()
    which.add_argument("--sign-in-sheet", dest="part", action="store_const",
                       const="sign-in sheet", help="only the sign-in sheet")
    which.add_argument("--minutes", dest="part", action="store_const", const="minutes",
                       help="only this meeting's minutes, attendance and action items")
    packet.add_argument("--paper", choices=("Letter", "A4"),
                        help="paper size (default: the paper size in Settings, else Letter)")
    packet.add_argument("--database", "-d", dest="command_database", metavar="PATH_OR_URL")


def _add_training_command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    training = commands.add_parser(
        "training", help="print a training sign-in sheet, certificates or the compliance report",
        description="Training documents without the GUI. Each exits 0 when written, 10 when "
        "there is no such session, 11 when the file cannot be written, 12 when nobody has "
        "completed the session (certificates).",
    )
    documents = training.add_subparsers(dest="kind", metavar="DOCUMENT", required=True)
    roster = documents.add_parser(
        "roster", help="a session's sign-in sheet (PDF)",
        description="Write the sign-in sheet of a training session: its details, the people "
        "enrolled with a line to sign on, the waiting list and rows for walk-ins.",
    )
    certificates = documents.add_parser(
        "certificates", help="completion certificates of a session (PDF)",
        description="Write a certificate of completion for each person who completed the "
        "session, one landscape page each. Exits 12 when nobody has completed it.",
    )
    for document in (roster, certificates):
        document.add_argument("session_id", metavar="SESSION_ID", type=int)
        document.add_argument("--output", "-o", required=True, metavar="FILE.pdf")
    compliance = documents.add_parser(
        "compliance", help="who meets each training requirement, and training hours (PDF, XLSX)",
        description="Write the training compliance report: a summary per requirement, the "
        "people who are not compliant, and the people below the annual hours target; as a "
        "PDF or as an Excel workbook (Summary, People, Hours sheets), by the file's ending.",
    )
    compliance.add_argument("--output", "-o", required=True, metavar="FILE.pdf|FILE.xlsx")
    compliance.add_argument("--year", type=int, metavar="YEAR",
                            help="the year of the training hours (default: this year)")
    compliance.add_argument("--everyone", action="store_true",
                            help="PDF: list the compliant people too, not only the others")
    for document in (roster, certificates, compliance):
        document.add_argument("--paper", choices=("Letter", "A4"),
                              help="paper size (default: the paper size in Settings)")
        document.add_argument("--database", "-d", dest="command_database",
                              metavar="PATH_OR_URL")


def parse(argv: list[str]) -> Arguments:
    ns = parser().parse_args(argv)
    database = getattr(ns, "command_database", None) or ns.database
    if ns.demo and database:
        parser().error("--demo opens its own database; leave out --database")
    if ns.command is None:
        return Arguments(database=database, demo=ns.demo)
    if ns.command == "packet":
        return Arguments(
            database=database,
            demo=ns.demo,
            command="packet",
            meeting_id=ns.meeting_id,
            output=ns.output,
            part=ns.part or "packet",
            paper=ns.paper,
        )
    if ns.command == "training":
        return _training_arguments(ns, database)
    if ns.command == "report":
        from app.cli_report import report_arguments

        return report_arguments(ns, database, parser().error)
    if ns.kind == "crime":
        return Arguments(
            database=database, demo=ns.demo, command="import crime", file=ns.file,
            dry_run=ns.dry_run, date_column=ns.date_column, area_column=ns.area_column,
            category_column=ns.category_column, count_column=ns.count_column,
            date_order=ns.date_order, area_kind=ns.area_kind,
        )
    return Arguments(
        database=database,
        demo=ns.demo,
        command=f"{ns.command} {ns.kind}",
        file=ns.file,
        dry_run=ns.dry_run,
        include_duplicates=ns.include_duplicates,
    )


def _training_arguments(ns: argparse.Namespace, database: str | None) -> Arguments:
    if ns.kind == "compliance":
        if Path(ns.output).suffix.lower() not in (".pdf", ".xlsx"):
            parser().error("training compliance: the output file must end in .pdf or .xlsx")
        if ns.year is not None and not 1900 <= ns.year <= 9999:
            parser().error("training compliance: --year must be a year such as 2026")
    return Arguments(
        database=database,
        demo=ns.demo,
        command=f"training {ns.kind}",
        output=ns.output,
        paper=ns.paper,
        session_id=getattr(ns, "session_id", None),
        year=getattr(ns, "year", None),
        everyone=getattr(ns, "everyone", False),
    )


def run_command(args: Arguments) -> int:
    """Run a headless command; never imports Qt."""
    if args.command == "import contacts":
        from app.cli_import import import_contacts

        return import_contacts(args, database_target(args))
    if args.command == "import crime":
        from app.cli_crime_import import import_crime_file

        return import_crime_file(args, database_target(args))
    if args.command == "packet":
        from app.cli_packet import print_packet

        return print_packet(args, database_target(args))
    if args.command is not None and args.command.startswith("training "):
        from app.cli_training import print_training_document

        return print_training_document(args, database_target(args))
    if args.command is not None and args.command.startswith("report "):
        from app.cli_report import print_report

        return print_report(args, database_target(args))
    raise AssertionError(f"unknown command {args.command!r}")  # the parser allows no other


def database_target(args: Arguments) -> str:
    from app.locations import default_database_path, demo_database_path

    if args.demo:
        return str(demo_database_path())
    return args.database or str(default_database_path())


def open_workspace(target: str | Path, quick_check: QuickCheck | None = None) -> Workspace:
    """Open the database and wrap it in a workspace (imports SQLAlchemy only when called)."""
    from app.models.database import open_database
    from app.services.workspace import Workspace

    return Workspace(open_database(target, quick_check=quick_check))


def open_notices(db: Database) -> list[str]:
    """What to tell the user about a database just opened (shown once per open)."""
    notices = []
    if db.unclean_shutdown is not None:
        notices.append(
            f"The last session ({db.unclean_shutdown.describe()}) ended unexpectedly; "
            "the database was checked in full and is sound."
        )
    if db.network_warning:
        notices.append(db.network_warning)
    return notices


def in_workspace(target: str, work: Callable[[Workspace], int]) -> int:
    """Open the database, run ``work`` in it and close it: the exit code of ``work``, or
    the open failure's own code (with its one-line message)."""
    from app.models.errors import DatabaseOpenError

    try:
        ws = open_workspace(target)
    except DatabaseOpenError as error:
        return fail(error)
    warn_about(ws.db)
    try:
        return work(ws)
    finally:
        ws.close()


def cannot_write(output: Path, error: OSError) -> int:
    """Say in one line why ``output`` could not be written (nothing was); exit code 11."""
    reason = error.strerror or str(error)
    if not output.parent.is_dir():
        reason = f"the folder {output.parent} does not exist"
    print(f"partnership-desk: cannot write {output}: {reason}. Nothing was written.",
          file=sys.stderr)
    return EXIT_CANNOT_WRITE


def warn_about(db: Database) -> None:
    """Print the open notices to stderr as warnings (not errors)."""
    for notice in open_notices(db):
        print(f"partnership-desk: warning: {notice}", file=sys.stderr)


def fail(error: DatabaseOpenError) -> int:
    print(f"partnership-desk: {error.message}", file=sys.stderr)
    return error.exit_code
