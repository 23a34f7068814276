"""``main.py packet MEETING_ID -o FILE.pdf``: the meeting packet without the GUI (no Qt here).

``--sign-in-sheet`` prints the sign-in sheet alone, ``--minutes`` the meeting's minutes;
``--paper`` overrides the paper size setting. Prints the file written and its page count,
and files the report in the audit log. Exit codes: 0 written, 10 no meeting with that id,
11 the file cannot be written (nothing is left half-written), 2-7 and 9 the database could
not be opened (see app.models.errors).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli import EXIT_NOT_FOUND, EXIT_OK, Arguments, cannot_write, in_workspace

if TYPE_CHECKING:
    from app.services.workspace import Workspace

REPORT_NAMES = {"packet": "meeting packet", "sign-in sheet": "sign-in sheet",
                "minutes": "meeting minutes"}


def print_packet(args: Arguments, target: str) -> int:
    from app.reports.pdf.packet import PacketParts, write_meeting_packet
    from app.services.audit_log import record_report
    from app.services.errors import NotFoundError
    from app.services.meeting_packet import build_meeting_packet
    from app.services.settings import paper_size

    assert args.meeting_id is not None and args.output is not None
    parts = {"packet": PacketParts.ALL, "sign-in sheet": PacketParts.SIGN_IN_SHEET,
             "minutes": PacketParts.MINUTES}[args.part]
    output = Path(args.output).expanduser()

    def work(ws: Workspace) -> int:
        try:
            packet = build_meeting_packet(ws, args.meeting_id)  # type: ignore[arg-type]
        except NotFoundError as error:
            print(f"partnership-desk: {error}", file=sys.stderr)
            return EXIT_NOT_FOUND
        paper = args.paper or paper_size(ws)
        try:
            pages = write_meeting_packet(packet, output, page_size=paper, parts=parts)
        except OSError as error:
            return cannot_write(output, error)
        report = REPORT_NAMES[args.part]
        record_report(ws, report, output.name,
                      detail=f"meeting {packet.meeting_id} ({packet.title}), {pages} pages, "
                             f"{paper}")
        page_count = f"{pages} page{'s' * (pages != 1)}"
        print(f"Wrote the {report} of meeting {packet.meeting_id} ({packet.title}) to "
              f"{output.resolve()}: {page_count}, {paper} paper.")
        return EXIT_OK

    return in_workspace(target, work)
