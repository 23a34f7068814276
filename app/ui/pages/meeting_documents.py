"""What the Meetings page makes of a meeting: printed documents, calendar files, e-mails,
and the series actions (repeat, add the next meeting).

Each function takes the parent widget for its dialogs and the workspace, and reports
refusals and failures in a message box: none of them raises into the page.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.reports.output import binary_output
from app.services.calendar_export import invitee_mail, meetings_calendar, upcoming_meeting_ids
from app.services.meeting_series import add_next_meeting, start_series
from app.services.meetings import meeting_form
from app.services.settings import paper_size
from app.services.workspace import Workspace
from app.ui.dialogs.repeat_dialog import RepeatDialog
from app.ui.documents import ask_save_path, offer_to_open, preview_pdf
from app.ui.progress import Progress
from app.ui.refusals import REFUSALS

# The documents, by the name of their PacketParts member (app/reports/pdf/packet.py).
PACKET, SIGN_IN, MINUTES = "ALL", "SIGN_IN_SHEET", "MINUTES"
FILE_NAMES = {PACKET: "packet", SIGN_IN: "sign-in sheet", MINUTES: "minutes"}


def show_document(parent: QWidget, ws: Workspace, meeting_id: int, kind: str) -> None:
    """Make the packet, sign-in sheet or minutes and show it with Print and Save as."""
    page_size = paper_size(ws)

    def write(path: Path, progress: Progress) -> str:
        from app.services.meeting_packet import build_meeting_packet

        packet_module = importlib.import_module("app.reports.pdf.packet")  # reportlab: on use
        parts = packet_module.PacketParts[kind]
        packet = build_meeting_packet(ws, meeting_id)
        packet_module.write_meeting_packet(packet, path, page_size=page_size, parts=parts,
                                           progress=progress)
        return f"{parts.title}: {packet.title}"

    preview_pdf(parent, ws, FILE_NAMES[kind], write)


def export_calendar(parent: QWidget, ws: Workspace, meeting_ids: list[int], name: str,
                    path: Path | None = None) -> Path | None:
    """Save the meetings as an .ics file that Outlook and Google Calendar open."""
    path = path or ask_save_path(parent, "Save calendar file", name, "Calendar files (*.ics)")
    if path is None:
        return None
    try:
        data = meetings_calendar(ws, meeting_ids, file_name=path.name)
        with binary_output(path) as file:
            file.write(data)
    except (*REFUSALS, OSError) as error:
        QMessageBox.warning(parent, "Calendar file", f"Nothing was saved: {error}")
        return None
    count = len(meeting_ids)
    offer_to_open(parent, "Calendar file", f"Saved {count} meeting{'s' * (count != 1)} to "
                  f"{path.name}. Open it now (adds it to your calendar program)?", path)
    return path


def export_upcoming(parent: QWidget, ws: Workspace) -> Path | None:
    ids = upcoming_meeting_ids(ws)
    if not ids:
        QMessageBox.information(parent, "Calendar file", "There are no upcoming meetings.")
        return None
    return export_calendar(parent, ws, ids, "upcoming meetings.ics")


def email_invitees(parent: QWidget, ws: Workspace, meeting_id: int) -> bool:
    """Open the mail program with the invitees' addresses; say who has none."""
    try:
        mail = invitee_mail(ws, meeting_id)
    except REFUSALS as error:
        QMessageBox.warning(parent, "E-mail invitees", str(error))
        return False
    notes = []
    if mail.without_email:
        notes.append("No e-mail address for: " + ", ".join(mail.without_email) + ".")
    if not mail.addresses:
        QMessageBox.information(parent, "E-mail invitees",
                                "None of the invitees has an e-mail address. " + " ".join(notes))
        return False
    if not mail.addresses_included:
        QApplication.clipboard().setText(", ".join(mail.addresses))
        notes.append("The list is too long for a mail link: the addresses are on the "
                     "clipboard; paste them into Bcc.")
    opened = QDesktopServices.openUrl(QUrl(mail.url))
    if not opened:
        QApplication.clipboard().setText(", ".join(mail.addresses))
        notes.append("No mail program answered; the addresses are on the clipboard.")
    if notes:
        QMessageBox.information(parent, "E-mail invitees", "\n\n".join(notes))
    return opened


def repeat(parent: QWidget, ws: Workspace, meeting_id: int) -> bool:
    """Make the meeting the first of a series; True when the series was made."""
    try:
        first = meeting_form(ws, meeting_id).data.day
        chosen = RepeatDialog.ask(first, parent)
        if chosen is None:
            return False
        start_series(ws, meeting_id, *chosen)
    except REFUSALS as error:  # deleted meanwhile, refused, a full disk...
        QMessageBox.warning(parent, "Repeat meeting", str(error))
        return False
    return True


def add_next(parent: QWidget, ws: Workspace, meeting_id: int) -> int | None:
    """Add the series' next meeting (copying the last agenda and invitees); its id."""
    try:
        series_id = meeting_form(ws, meeting_id).series_id
        return add_next_meeting(ws, series_id) if series_id is not None else None
    except REFUSALS as error:
        QMessageBox.warning(parent, "Add next meeting", str(error))
        return None
