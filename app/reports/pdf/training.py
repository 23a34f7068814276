"""The training documents as PDF: a session's sign-in sheet, its completion certificates,
and the compliance report (with the year's training hours).

Each writer takes the dataclass built by app/services/training_documents.py and a target
(a path, written atomically, or a binary file), returns the page count, and accepts
``page_size`` ("Letter" or "A4") and ``progress(done, total)``: raising from it cancels
and leaves no file behind. The sign-in sheet and the report carry the shared running
header and "Page X of Y" footer (app/reports/pdf/document.py); certificates do not (see
app/reports/pdf/training_certificates.py).
"""

from __future__ import annotations

from app.reports.output import Progress, Target, no_progress
from app.reports.pdf.document import PageDecor, build_pdf, content_width
from app.reports.pdf.handout import handout_styles
from app.reports.pdf.training_certificates import draw_certificates
from app.reports.pdf.training_compliance import compliance_story, compliance_title
from app.reports.pdf.training_roster import roster_story, roster_title
from app.services.training_documents import CertificatesDoc, ComplianceDoc, SessionRosterDoc

DEFAULT_PAGE_SIZE = "Letter"


def write_session_roster(
    doc: SessionRosterDoc,
    target: Target,
    *,
    page_size: str = DEFAULT_PAGE_SIZE,
    progress: Progress = no_progress,
) -> int:
    """The session's details, the people enrolled with a line to sign on, the waiting list
    and blank rows for walk-ins."""
    story = roster_story(doc, handout_styles(), content_width(page_size))
    decor = PageDecor(roster_title(doc), doc.agency_name, doc.generated_at)
    return build_pdf(target, story, decor, page_size=page_size, subject="Training sign-in sheet",
                     progress=progress)


def write_certificates(
    doc: CertificatesDoc,
    target: Target,
    *,
    page_size: str = DEFAULT_PAGE_SIZE,
    progress: Progress = no_progress,
) -> int:
    """One landscape certificate per person who completed the session.

    Raises ValueError when nobody has completed it (there is nothing to print).
    """
    return draw_certificates(doc, target, page_size, progress)


def write_compliance_pdf(
    doc: ComplianceDoc,
    target: Target,
    *,
    page_size: str = DEFAULT_PAGE_SIZE,
    everyone: bool = False,
    progress: Progress = no_progress,
) -> int:
    """The summary per requirement, then per requirement the people not compliant (with
    ``everyone``: all the people it applies to), then the people below the hours target."""
    story = compliance_story(doc, handout_styles(), content_width(page_size), everyone)
    decor = PageDecor(compliance_title(doc), doc.agency_name, doc.generated_at)
    return build_pdf(target, story, decor, page_size=page_size, subject="Training compliance",
                     progress=progress)
