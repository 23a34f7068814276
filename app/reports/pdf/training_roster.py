"""The training session roster: a sign-in sheet for the people enrolled, the waiting list
and walk-ins, headed by the session's details, with the trainer's confirmation at the end."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable

from app.reports.pdf.document import INK, MUTED, paragraph
from app.reports.pdf.handout import ACCENT, HandoutStyles, gap, short_date
from app.reports.pdf.signing import SIGN_ROW_HEIGHT, signature_space, signing_table, walk_ins
from app.reports.pdf.tables import Cell, columns
from app.reports.pdf.training_format import (
    capacity_text,
    details_grid,
    session_dates,
    session_time,
)
from app.services.training_documents import SessionRosterDoc

KIND = "Training sign-in sheet"
WALK_IN_ROWS = 10
WALK_IN_ROWS_ALONE = 18  # nobody enrolled yet: the walk-in rows fill the page
SIGN_NOTE = "Please sign beside your name. Not on the list? Print your name under Walk-ins."
NOBODY_NOTE = "No one is enrolled yet: please sign in under Walk-ins."
WAITING_NOTE = ("In the order they joined the list. Please sign here only when the trainer "
                "has given you a seat.")


def roster_title(doc: SessionRosterDoc) -> str:
    """The running header of every page after the first."""
    return f"Sign-in sheet: {doc.session.course}, {short_date(doc.session.first_day)}"


def roster_story(doc: SessionRosterDoc, styles: HandoutStyles, width: float) -> list[Flowable]:
    story = _heading(doc, styles, width)
    note = styles.base.body.clone("note", spaceBefore=4 * mm, spaceAfter=2.5 * mm)
    if doc.people:
        story.append(paragraph(SIGN_NOTE, note))
        rows: list[list[Cell]] = [
            [str(n), p.list_name, p.organization, p.status_label, signature_space()]
            for n, p in enumerate(doc.people, start=1)
        ]
        story.append(signing_table(("#", "Name", "Organization", "Status", "Signature"), rows,
                                   columns(width, 0.05, 0.28, 0.26, 0.12, 0.29), styles.base))
    else:
        story.append(paragraph(NOBODY_NOTE, note))
    if doc.waiting:
        waiting: list[list[Cell]] = [
            [str(n), p.list_name, p.organization, signature_space()]
            for n, p in enumerate(doc.waiting, start=1)
        ]
        story += [
            CondPageBreak(5 * SIGN_ROW_HEIGHT),
            paragraph(f"Waiting list ({len(doc.waiting)})", styles.subheading),
            paragraph(WAITING_NOTE, styles.base.small),
            signing_table(("#", "Name", "Organization", "Signature"), waiting,
                          columns(width, 0.05, 0.33, 0.30, 0.32), styles.base),
        ]
    story += walk_ins(WALK_IN_ROWS if doc.people else WALK_IN_ROWS_ALONE, styles, width)
    story.append(_confirmation(doc, styles, width))
    return story


def _heading(doc: SessionRosterDoc, styles: HandoutStyles, width: float) -> list[Flowable]:
    session = doc.session
    flowables: list[Flowable] = []
    if doc.agency_name:
        flowables.append(paragraph(doc.agency_name, styles.agency))
    kind = styles.base.body.clone("kind", fontName=styles.label.fontName, fontSize=11,
                                  leading=14, textColor=ACCENT, spaceAfter=1 * mm)
    title = styles.base.title.clone("roster_title", fontSize=20, leading=24, spaceAfter=0)
    flowables += [
        paragraph(KIND, kind),
        paragraph(session.course, title),
        HRFlowable(width="100%", thickness=1.5, color=ACCENT, spaceBefore=2 * mm,
                   spaceAfter=3 * mm, hAlign="LEFT"),
    ]
    taken, waiting = doc.seats_taken, len(doc.waiting)
    pairs = [
        ("Date", session_dates(session)),
        ("Time", session_time(session)),
        ("Location", session.location or "To be announced"),
        ("Trainer", session.trainer or "—"),
        ("Provider", session.provider or "—"),
        ("Seats", capacity_text(session, taken, waiting)),
    ]
    flowables.append(details_grid(pairs, styles, width))
    return flowables


def _confirmation(doc: SessionRosterDoc, styles: HandoutStyles, width: float) -> Flowable:
    """Lines for the trainer to confirm the attendance recorded above."""
    label = styles.base.small.clone("confirm_label", textColor=MUTED, spaceAfter=0)
    trainer = doc.session.trainer
    line = [paragraph(f"Trainer{': ' + trainer if trainer else ''}", label), "",
            paragraph("Date", label)]
    table = Table([["", "", ""], line], colWidths=columns(width, 0.55, 0.1, 0.35),
                  rowHeights=[SIGN_ROW_HEIGHT, None], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("LINEBELOW", (0, 0), (0, 0), 0.8, INK),
        ("LINEBELOW", (2, 0), (2, 0), 0.8, INK),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 1), (-1, 1), 2),
    ]))
    heading = paragraph("Attendance confirmed by the trainer", styles.label)
    return KeepTogether([gap(6), heading, table])
