"""The Training page's documents: what each one is called, and how it is written.

Each function returns the ``write(path, progress) -> title`` that app/ui/documents.py runs
in a worker; reportlab and openpyxl are imported only then.
"""

from __future__ import annotations

from pathlib import Path

from app.services.settings import paper_size
from app.services.workspace import Workspace
from app.ui.documents import Write
from app.ui.progress import Progress

DOCUMENTS = {"roster": "sign-in sheet", "certificates": "certificates",
             "compliance": "training compliance report"}


def session_document(ws: Workspace, session_id: int, kind: str) -> Write:
    """The sign-in sheet ("roster") or the completion certificates of a session."""
    page_size = paper_size(ws)

    def write(path: Path, progress: Progress) -> str:
        from app.reports.pdf import training
        from app.services import training_documents as documents

        if kind == "roster":
            roster = documents.session_roster(ws, session_id)
            training.write_session_roster(roster, path, page_size=page_size, progress=progress)
            return f"Sign-in sheet: {roster.session.course}"
        certificates = documents.session_certificates(ws, session_id)
        training.write_certificates(certificates, path, page_size=page_size, progress=progress)
        return f"Certificates: {certificates.session.course}"

    return write


def compliance_pdf(ws: Workspace) -> Write:
    page_size = paper_size(ws)

    def write(path: Path, progress: Progress) -> str:
        from app.reports.pdf.training import write_compliance_pdf
        from app.services.training_documents import compliance_document

        write_compliance_pdf(compliance_document(ws), path, page_size=page_size,
                             progress=progress)
        return "Training compliance"

    return write


def compliance_xlsx(ws: Workspace) -> Write:
    def write(path: Path, progress: Progress) -> str:
        from app.reports.excel.compliance import write_compliance_xlsx
        from app.services.training_documents import compliance_document

        write_compliance_xlsx(compliance_document(ws), path, progress=progress)
        return "Training compliance"

    return write
