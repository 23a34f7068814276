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

from app.cli import Arguments, fail, open_workspace, warn_about

EXIT_OK = 0
EXIT_NO_SUCH_MEETING = 10
EXIT_CANNOT_WRITE = 11
REPORT_NAMES = {"packet": "meeting packet", "sign-in sheet": "sign-in sheet",
                "minutes": "meeting minutes"}


def print_packet(args: Arguments, target: str) -> int:
    from app.models.errors import DatabaseOpenError
    from app.reports.pdf.packet import PacketParts, write_meeting_packet
    from app.services.audit_log import record_report
    from app.services.errors import NotFoundError
    from app.services.meeting_packet import build_meeting_packet
    from app.services.settings import paper_size

    assert args.meeting_id is not None and args.output is not None
    parts = {"packet": PacketParts.ALL, "sign-in sheet": PacketParts.SIGN_IN_SHEET,
             "minutes": PacketParts.MINUTES}[args.part]
    output = Path(args.output).expanduser()
    try:
        ws = open_workspace(target)
    except DatabaseOpenError as error:
        return fail(error)
    warn_about(ws.db)
    try:
        try:
            packet = build_meeting_packet(ws, args.meeting_id)
        except NotFoundError as error:
            print(f"partnership-desk: {error}", file=sys.stderr)
            return EXIT_NO_SUCH_MEETING
        paper = args.paper or paper_size(ws)
        try:
            pages = write_meeting_packet(packet, output, page_size=paper, parts=parts)
        except OSError as error:
            reason = error.strerror or str(error)
            if not output.parent.is_dir():
                reason = f"the folder {output.parent} does not exist"
            print(f"partnership-desk: cannot write {output}: {reason}. Nothing was written.",
                  file=sys.stderr)
            return EXIT_CANNOT_WRITE
        report = REPORT_NAMES[args.part]
        record_report(ws, report, output.name,
                      detail=f"meeting {packet.meeting_id} ({packet.title}), {pages} pages, "
                             f"{paper}")
    finally:
        ws.close()
    page_count = f"{pages} page{'s' * (pages != 1)}"
    print(f"Wrote the {report} of meeting {packet.meeting_id} ({packet.title}) to "
          f"{output.resolve()}: {page_count}, {paper} paper.")
    return EXIT_OK
