"""Making a document from the UI: in a worker with a progress dialog, then a preview with
Print and Save as (PDF) or a saved file offered to open (workbooks); always audited.

``write(path, progress)`` builds the document (services) and writes it (app/reports),
returning its title; it runs off the GUI thread, so it must not touch widgets. Refusals
and write errors become a message box; nothing here raises into a page.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.services.audit_log import record_print, record_report
from app.services.workspace import Workspace
from app.ui.progress import Cancelled, Progress, run_with_progress
from app.ui.refusals import REFUSALS

Write = Callable[[Path, Progress], str]  # (path, progress) -> the document's title


def preview_pdf(parent: QWidget | None, ws: Workspace, what: str, write: Write) -> None:
    """Make the PDF ``what`` ("meeting packet", "certificates"...) and preview it."""
    from app.ui.dialogs.pdf_preview import show_pdf

    folder = Path(tempfile.mkdtemp(prefix="partnership-desk-"))
    path = folder / f"{what}.pdf"
    try:
        title = _make(parent, what, lambda progress: write(path, progress))
        if title is None:
            return
        record_report(ws, what, path.name)
        show_pdf(
            parent, path, title, suggested_name(title),
            on_printed=lambda pages: record_print(ws, title, pages),
            on_saved=lambda saved: record_report(ws, what, saved.name),
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def save_workbook(parent: QWidget | None, ws: Workspace, what: str, name: str, write: Write,
                  path: Path | None = None) -> Path | None:
    """Ask where to save the workbook ``what`` (unless given), write it, offer to open it."""
    path = path or ask_save_path(parent, f"Save the {what}", name, "Excel workbook (*.xlsx)")
    if path is None:
        return None
    target = path
    if _make(parent, what, lambda progress: write(target, progress)) is None:
        return None
    record_report(ws, what, path.name)
    offer_to_open(parent, what.capitalize(), f"Saved {path.name}. Open it now?", path)
    return path


def ask_save_path(parent: QWidget | None, caption: str, name: str,
                  file_filter: str) -> Path | None:
    """Where to save ``name`` (starting in the Documents folder), with the filter's
    extension (e.g. "(*.ics)") added when the user left it out; None if cancelled."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    start = str(Path(folder) / name) if folder else name
    chosen, _ = QFileDialog.getSaveFileName(parent, caption, start, file_filter)
    if not chosen:
        return None
    suffix = file_filter[file_filter.rfind("*.") + 1:].rstrip(")")
    return Path(chosen if chosen.lower().endswith(suffix) else chosen + suffix)


def offer_to_open(parent: QWidget | None, title: str, text: str, path: Path) -> None:
    """Say what was saved and open it in its program if the user wants."""
    answer = QMessageBox.information(
        parent, title, text, QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close
    )
    if answer == QMessageBox.StandardButton.Open:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _make(parent: QWidget | None, what: str, job: Callable[[Progress], str]) -> str | None:
    """Run ``job`` with a progress dialog; its title, or None (cancelled or refused)."""
    try:
        return run_with_progress(parent, what.capitalize(), f"Preparing the {what}…", job)
    except Cancelled:
        return None
    except (*REFUSALS, OSError, ValueError) as error:
        QMessageBox.warning(parent, what.capitalize(), f"No {what} was made: {error}")
        return None


def suggested_name(title: str) -> str:
    """A file name from a document title, safe on every operating system."""
    safe = "".join(c if c.isalnum() or c in " -_,." else "_" for c in title)
    return f"{safe.strip()[:120]}.pdf"
