"""Completion certificates: one landscape page per person who completed a session.

Each page is drawn directly on the canvas (a fixed design, not a flowing report): a double
border, the agency, "Certificate of Completion", the person's name as large as fits on
one line, the course, the completion date, hours credited and validity, then who provided
the course and a line for the trainer's signature. All user text goes through
``paragraph``/``draw_text`` (escaped, fonts per script, right-to-left shaped).

No "Page X of Y" footer: each page is handed to a different person, so a page number is
meaningless on it (and tells everyone how many others took part). A discreet reference
("Certificate 12-345": session and person ids) lets the agency look a certificate up.
"""

from __future__ import annotations

from datetime import date, timedelta

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepInFrame, Spacer
from reportlab.platypus.flowables import HRFlowable

from app.reports.output import Progress, Target, binary_output, no_progress
from app.reports.pdf.document import CREATOR, INK, MUTED, PAGE_SIZES, paragraph
from app.reports.pdf.fonts import (
    BOLD,
    REGULAR,
    draw_text,
    fit_text,
    register_fonts,
    text_width,
)
from app.reports.pdf.handout import ACCENT, short_date
from app.reports.pdf.training_format import hours_text
from app.services.training_documents import Certificate, CertificatesDoc

TITLE = "Certificate of Completion"
NAME_SIZE = 34  # the largest size of the person's name; smaller when it is long
SMALLEST_NAME = 18  # below this the name wraps instead
BORDER = 10 * mm  # from the paper's edge to the outer rule
SIDE = 30 * mm  # from the paper's edge to the text


def certificates_title(doc: CertificatesDoc) -> str:
    return f"Certificates: {doc.session.course}, {short_date(doc.session.first_day)}"


def draw_certificates(
    doc: CertificatesDoc, target: Target, page_size: str, progress: Progress = no_progress
) -> int:
    """Write one page per certificate; return the page count (raises for none)."""
    if not doc.certificates:
        raise ValueError("Nobody has completed this session: there are no certificates.")
    if page_size not in PAGE_SIZES:
        raise ValueError(f"page size must be one of {', '.join(PAGE_SIZES)}")
    register_fonts()
    size = landscape(PAGE_SIZES[page_size])
    total = len(doc.certificates)
    styles = _Styles()
    with binary_output(target) as file:
        canvas = Canvas(file, pagesize=size, pageCompression=1)
        canvas.setTitle(certificates_title(doc))
        canvas.setAuthor(doc.agency_name or CREATOR)
        canvas.setCreator(CREATOR)
        canvas.setSubject("Certificates of completion")
        for done, certificate in enumerate(doc.certificates, start=1):
            _draw_page(canvas, size, doc, certificate, styles)
            canvas.showPage()
            progress(done, total)
        canvas.save()
    return total


class _Styles:
    def __init__(self) -> None:
        base = ParagraphStyle("certificate", fontName=REGULAR, fontSize=13, leading=17,
                              textColor=MUTED, alignment=TA_CENTER)
        self.agency = ParagraphStyle("agency", parent=base, fontName=BOLD, fontSize=15,
                                     leading=19, textColor=INK)
        self.title = ParagraphStyle("title", parent=base, fontName=BOLD, fontSize=36,
                                    leading=42, textColor=ACCENT)
        self.words = base
        self.organization = ParagraphStyle("organization", parent=base, fontSize=12, leading=15)
        self.course = ParagraphStyle("course", parent=base, fontName=BOLD, fontSize=21,
                                     leading=26, textColor=INK)
        self.detail = ParagraphStyle("detail", parent=base, fontSize=12.5, leading=17,
                                     textColor=INK)


def _draw_page(canvas: Canvas, size: tuple[float, float], doc: CertificatesDoc,
               certificate: Certificate, styles: _Styles) -> None:
    width, height = size
    _border(canvas, width, height)
    text_width_available = width - 2 * SIDE
    signature_top = 44 * mm  # the signature block sits below this
    top = height - 24 * mm
    content = _content(doc, certificate, styles, text_width_available)
    frame = KeepInFrame(text_width_available, top - signature_top, content, mode="shrink")
    _, used = frame.wrapOn(canvas, text_width_available, top - signature_top)
    frame.drawOn(canvas, SIDE, signature_top + (top - signature_top - used) / 2)
    _signatures(canvas, width, doc)
    canvas.saveState()
    canvas.setFillColor(MUTED)
    draw_text(canvas, width - SIDE + 8 * mm, BORDER + 6 * mm,
              f"Certificate {doc.session.session_id}-{certificate.person_id}", 7.5,
              align="right")
    canvas.restoreState()


def _border(canvas: Canvas, width: float, height: float) -> None:
    canvas.saveState()
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(3)
    canvas.rect(BORDER, BORDER, width - 2 * BORDER, height - 2 * BORDER)
    canvas.setLineWidth(0.8)
    inset = BORDER + 3 * mm
    canvas.rect(inset, inset, width - 2 * inset, height - 2 * inset)
    canvas.restoreState()


def _content(doc: CertificatesDoc, certificate: Certificate, styles: _Styles,
             width: float) -> list[Flowable]:
    session = doc.session
    flowables: list[Flowable] = []
    if doc.agency_name:
        flowables += [paragraph(doc.agency_name, styles.agency), Spacer(1, 5 * mm)]
    flowables += [
        paragraph(TITLE, styles.title),
        HRFlowable(width="30%", thickness=1.2, color=ACCENT, spaceBefore=4 * mm,
                   spaceAfter=7 * mm, hAlign="CENTER"),
        paragraph("This certifies that", styles.words),
        Spacer(1, 4 * mm),
        paragraph(certificate.name, _name_style(certificate.name, styles, width)),
        HRFlowable(width="55%", thickness=0.6, color=MUTED, spaceBefore=2 * mm,
                   spaceAfter=2 * mm, hAlign="CENTER"),
    ]
    if certificate.organization:
        flowables.append(paragraph(certificate.organization, styles.organization))
    flowables += [
        Spacer(1, 5 * mm),
        paragraph("has completed the course", styles.words),
        Spacer(1, 2.5 * mm),
        paragraph(session.course, styles.course),
        Spacer(1, 5 * mm),
        paragraph(f"on {day_text(certificate.completed_on)} · "
                  f"{hours_text(certificate.hours)} credited", styles.detail),
        paragraph(_validity(certificate), styles.detail),
    ]
    return flowables


def _name_style(name: str, styles: _Styles, width: float) -> ParagraphStyle:
    """The name on one line: as large as NAME_SIZE, down to SMALLEST_NAME (then it wraps)."""
    needed = text_width(name, NAME_SIZE, BOLD)
    size = NAME_SIZE if needed <= width else max(SMALLEST_NAME, NAME_SIZE * width / needed)
    return ParagraphStyle("name", parent=styles.words, fontName=BOLD, fontSize=size,
                          leading=size * 1.2, textColor=INK)


def _validity(certificate: Certificate) -> str:
    if certificate.expires_on is None:
        return "This certificate does not expire"
    # The expiry date is the first day it is no longer valid: print the last valid day.
    return f"Valid through {day_text(certificate.expires_on - timedelta(days=1))}"


def day_text(day: date) -> str:
    """10 March 2026."""
    return f"{day.day} {day:%B %Y}"


def _signatures(canvas: Canvas, width: float, doc: CertificatesDoc) -> None:
    """Who provided the course (left) and the trainer's signature line (right), their
    names on one baseline and their roles on the next."""
    session = doc.session
    column = (width - 2 * SIDE) * 0.4
    line_y = 34 * mm
    name_y, role_y = line_y - 5.5 * mm, line_y - 10 * mm
    canvas.saveState()
    provider, role = session.provider, "Provider"
    if not provider:  # the agency issues the certificate; it may not have given the course
        provider, role = doc.agency_name, "Issued by"
    if provider:
        left = SIDE + column / 2
        canvas.setFillColor(INK)
        _centred_line(canvas, left, name_y, provider, column, 12, BOLD)
        canvas.setFillColor(MUTED)
        draw_text(canvas, left, role_y, role, 9.5, align="center")
    right = width - SIDE - column / 2
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.8)
    canvas.line(right - column / 2, line_y, right + column / 2, line_y)
    canvas.setFillColor(INK)
    if session.trainer:
        _centred_line(canvas, right, name_y, session.trainer, column, 12)
    canvas.setFillColor(MUTED)
    draw_text(canvas, right, role_y, "Trainer", 9.5, align="center")
    canvas.restoreState()


def _centred_line(canvas: Canvas, x: float, y: float, text: str, room: float, size: float,
                   font: str = REGULAR) -> None:
    """One line of text centred on x, made smaller (to 8 pt) until it fits ``room``."""
    needed = text_width(text, size, font)
    if needed > room:
        size = max(8.0, size * room / needed)
    draw_text(canvas, x, y, fit_text(text, size, room, font), size, font, align="center")
