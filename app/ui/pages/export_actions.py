"""The Export menu of the directory pages: what the list shows, to CSV, Excel, vCard, PDF."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QToolButton, QWidget

from app.services.audit_log import record_export, record_report
from app.services.directory_export import (
    organizations_for_export,
    people_for_export,
)
from app.services.permissions import AccessDenied, Permission
from app.services.search import DirectoryFilter
from app.services.workspace import Workspace
from app.ui.progress import Cancelled, Progress, run_with_progress

# The last argument: include sensitive notes (people exports only; needs the permission).
Writer = Callable[[Workspace, DirectoryFilter, Path, Progress, bool], None]
SENSITIVE_OPTION = "Include sensitive notes"


@dataclass(frozen=True)
class ExportFormat:
    label: str
    file_name: str
    file_filter: str
    write: Writer


def _writer(module: str, name: str) -> Callable[..., None]:
    """A report writer imported when first used: reportlab and openpyxl load slowly."""

    def write(*args: object, **kwargs: object) -> None:
        getattr(importlib.import_module(module), name)(*args, **kwargs)

    return write


def _people(module: str, name: str) -> Writer:
    writer = _writer(module, name)

    def write(
        ws: Workspace, flt: DirectoryFilter, path: Path, progress: Progress, sensitive: bool = False
    ) -> None:
        rows = people_for_export(ws, flt, include_sensitive=sensitive)
        writer(rows, path, progress)
        record_export(ws, "people", len(rows), path.name, sensitive)

    return write


def _organizations(module: str, name: str) -> Writer:
    writer = _writer(module, name)

    def write(
        ws: Workspace, flt: DirectoryFilter, path: Path, progress: Progress, sensitive: bool = False
    ) -> None:
        rows = organizations_for_export(ws, flt)
        writer(rows, path, progress)
        record_export(ws, "organizations", len(rows), path.name)

    return write


def _directory_pdf(
    ws: Workspace, flt: DirectoryFilter, path: Path, progress: Progress, sensitive: bool = False
) -> None:
    from app.services.directory_report import directory_report

    write = _writer("app.reports.pdf.directory", "write_directory_pdf")
    write(directory_report(ws, flt), path, progress=progress)
    record_report(ws, "printable directory", path.name)


CSV, EXCEL = "app.reports.csv_export", "app.reports.excel.directory"
DIRECTORY_PDF = ExportFormat(
    "Printable directory (PDF)…", "directory.pdf", "PDF (*.pdf)", _directory_pdf
)
PEOPLE_FORMATS = [
    ExportFormat("People as CSV…", "people.csv", "CSV (*.csv)", _people(CSV, "write_people_csv")),
    ExportFormat(
        "People as Excel workbook…",
        "people.xlsx",
        "Excel workbook (*.xlsx)",
        _people(EXCEL, "write_people_xlsx"),
    ),
    ExportFormat(
        "People as vCards (phones, Outlook)…",
        "people.vcf",
        "vCard (*.vcf)",
        _people("app.reports.vcard", "write_vcards"),
    ),
    DIRECTORY_PDF,
]
ORGANIZATION_FORMATS = [
    ExportFormat(
        "Organizations as CSV…",
        "organizations.csv",
        "CSV (*.csv)",
        _organizations(CSV, "write_organizations_csv"),
    ),
    ExportFormat(
        "Organizations as Excel workbook…",
        "organizations.xlsx",
        "Excel workbook (*.xlsx)",
        _organizations(EXCEL, "write_organizations_xlsx"),
    ),
    DIRECTORY_PDF,
]


def export_button(
    parent: QWidget,
    workspace: Workspace,
    formats: list[ExportFormat],
    current_filter: Callable[[], DirectoryFilter],
) -> QToolButton:
    """A toolbar button whose menu exports what the list currently shows."""
    menu = QMenu(parent)
    sensitive: QAction | None = None
    if formats is PEOPLE_FORMATS and workspace.may(Permission.SEE_SENSITIVE):
        sensitive = QAction(SENSITIVE_OPTION, menu)
        sensitive.setObjectName("includeSensitive")
        sensitive.setCheckable(True)  # off by default: exports leave them out unless asked
        sensitive.setToolTip("Only for people exports other than the printable directory.")
    for fmt in formats:
        action = QAction(fmt.label, menu)
        action.triggered.connect(
            lambda _=False, f=fmt: export(
                parent,
                workspace,
                f,
                current_filter(),
                include_sensitive=sensitive is not None and sensitive.isChecked(),
            )
        )
        menu.addAction(action)
    if sensitive is not None:
        menu.addSeparator()
        menu.addAction(sensitive)
    button = QToolButton(parent)
    button.setObjectName("exportButton")
    button.setEnabled(workspace.may(Permission.EXPORT))
    button.setText("E&xport")
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    button.setMenu(menu)
    return button


def export(
    parent: QWidget,
    workspace: Workspace,
    fmt: ExportFormat,
    flt: DirectoryFilter,
    path: Path | None = None,
    *,
    include_sensitive: bool = False,
) -> Path | None:
    """Ask for a file name (unless given), write it in the background, offer to open it."""
    if path is None:
        chosen, _ = QFileDialog.getSaveFileName(
            parent, fmt.label.rstrip("…"), fmt.file_name, fmt.file_filter
        )
        if not chosen:
            return None
        path = Path(chosen)
    try:
        run_with_progress(
            parent,
            "Export",
            f"Writing {path.name}…",
            lambda progress: fmt.write(workspace, flt, path, progress, include_sensitive),
        )
    except Cancelled:
        return None
    except AccessDenied as denied:
        QMessageBox.warning(parent, "Export", denied.message)
        return None
    except OSError as error:
        QMessageBox.warning(parent, "Export", f"{path} could not be written: {error}")
        return None
    answer = QMessageBox.information(
        parent,
        "Export",
        f"Saved {path.name} in {path.parent}.",
        QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close,
        QMessageBox.StandardButton.Close,
    )
    if answer == QMessageBox.StandardButton.Open:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    return path
