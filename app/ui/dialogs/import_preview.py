"""The import wizard's preview page: every row as new, duplicate or error, and Import.

Import runs the one-transaction import in the background; a refusal is shown in a
message box and changes nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.services.contacts import (
    ContactImportError,
    ContactKind,
    ImportPreview,
    ImportResult,
    PreviewRow,
    RowStatus,
    run_import,
)
from app.services.wording import plural
from app.ui.dialogs.import_mapping import TITLE, ImportState, counts_text
from app.ui.dialogs.import_pages import ImportPreviewPage, import_in_background
from app.ui.formatting import display
from app.ui.progress import Progress
from app.ui.table_model import Column, RowTableModel
from app.ui.table_view import row_table_view

NAMED_ORGANIZATIONS = 5
MAX_COLUMN_WIDTH = 180
STATUS_TEXT = {RowStatus.NEW: "New", RowStatus.DUPLICATE: "Duplicate", RowStatus.ERROR: "Error"}
FILTERS = [("All rows", None), ("New", RowStatus.NEW), ("Duplicates", RowStatus.DUPLICATE),
           ("Errors", RowStatus.ERROR)]


def details(row: PreviewRow) -> str:
    """Why a row is a duplicate or an error, and anything worth a look in a new row."""
    if row.status is RowStatus.ERROR:
        main = row.reason
    elif row.status is RowStatus.DUPLICATE:
        main = row.description
    elif row.contact is not None and row.contact.kind is ContactKind.ORGANIZATION:
        main = "an organization of its own (no person named)"
    else:
        main = ""
    return "; ".join(part for part in (main, *row.warnings) if part)


def explanation(row: PreviewRow) -> str:
    """The selected row in a sentence: "Row 7 — Maria Gómez: duplicate of … (#1): same …"."""
    name = f" — {row.name}" if row.name else ""
    what = "; ".join(part for part in (row.description, *row.warnings) if part)
    return f"{row.where.capitalize()}{name}: {what}."


def _contact(row: PreviewRow, attribute: str) -> str:
    return str(getattr(row.contact, attribute)) if row.contact is not None else ""


PREVIEW_COLUMNS: list[Column[PreviewRow]] = [
    Column("Where", lambda r: r.where),
    Column(
        "Status",
        lambda r: STATUS_TEXT[r.status],
        warning=lambda r: r.status is not RowStatus.NEW,
    ),
    Column("Name", lambda r: r.name),
    Column("Organization", lambda r: _contact(r, "organization")),
    Column("E-mail", lambda r: _contact(r, "email")),
    Column("Phone", lambda r: _contact(r, "phone") or _contact(r, "mobile")),
    Column("Details", details, wide=True, tooltip=details),
]


class PreviewPage(ImportPreviewPage):
    def __init__(self, state: ImportState, parent: QWidget | None = None) -> None:
        super().__init__(
            "Every row of the file as it would be imported. Only new rows are added unless "
            "you also choose the likely duplicates; rows with errors are left out.",
            parent,
        )
        self.state = state
        self.organizations = QLabel()
        self.organizations.setObjectName("newOrganizations")
        self.organizations.setWordWrap(True)
        self.filter = QComboBox()
        self.filter.setObjectName("statusFilter")
        self.filter.currentIndexChanged.connect(lambda _: self._show_rows())
        show_label = QLabel("&Show:")
        show_label.setBuddy(self.filter)
        self.model: RowTableModel[PreviewRow] = RowTableModel(PREVIEW_COLUMNS, self)
        self.view = row_table_view(self.model, "previewRows")
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._explain())
        self.explain = QLabel()
        self.explain.setObjectName("rowExplanation")
        self.explain.setWordWrap(True)
        self.explain.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.include_duplicates = QCheckBox("Also import likely &duplicates")
        self.include_duplicates.setObjectName("includeDuplicates")
        self.include_duplicates.toggled.connect(lambda _: self.completeChanged.emit())
        self.nothing = QLabel()
        self.nothing.setObjectName("nothingToImport")
        top = QHBoxLayout()
        top.addWidget(self.counts, stretch=1)
        top.addWidget(show_label)
        top.addWidget(self.filter)
        bottom = QHBoxLayout()
        bottom.addWidget(self.include_duplicates)
        bottom.addStretch(1)
        bottom.addWidget(self.nothing)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(top)
        layout.addWidget(self.organizations)
        layout.addWidget(self.view, stretch=1)
        layout.addWidget(self.explain)
        layout.addLayout(bottom)

    @property
    def preview(self) -> ImportPreview:
        assert self.state.preview is not None
        return self.state.preview

    def initializePage(self) -> None:  # noqa: N802
        preview = self.preview
        self.banner.setVisible(preview.already_imported)
        if preview.already_imported:
            when = display(preview.already_imported_on) or "an earlier day"
            self.banner.setText(
                f"This file was already imported on {when}; importing it again adds "
                "nothing. To import it again, undo that import in Import history first."
            )
        self.counts.setText(counts_text(preview))
        names = preview.new_organizations
        self.organizations.setVisible(bool(names) and not preview.already_imported)
        more = len(names) - NAMED_ORGANIZATIONS
        self.organizations.setText(
            f"Also adds {plural(len(names), 'organization')}: "
            f"{', '.join(names[:NAMED_ORGANIZATIONS])}{f' and {more:,} more' if more > 0 else ''}."
        )
        self.filter.blockSignals(True)
        self.filter.clear()
        for label, status in FILTERS:
            count = len(preview.rows) if status is None else preview.count(status)
            self.filter.addItem(f"{label} ({count:,})", status)
        self.filter.blockSignals(False)
        self.include_duplicates.setChecked(False)
        self.include_duplicates.setEnabled(
            preview.duplicate_count > 0 and not preview.already_imported
        )
        self._show_rows()
        self.completeChanged.emit()

    def _show_rows(self) -> None:
        status = self.filter.currentData()
        rows = self.preview.rows
        self.model.set_rows(rows if status is None else [r for r in rows if r.status is status])
        self._fit_columns()
        if self.model.rowCount():
            self.view.selectRow(0)
        self._explain()

    def _explain(self) -> None:
        """The current row's whole story under the table, however narrow Details is."""
        index = self.view.currentIndex()
        self.explain.setText(explanation(self.model.row_at(index.row())) if index.isValid() else "")

    def _fit_columns(self) -> None:
        """Columns as wide as their first rows (within limits); Details takes the rest."""
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.view.resizeColumnsToContents()
        for column in range(self.model.columnCount() - 1):
            width = self.view.columnWidth(column)
            self.view.setColumnWidth(column, min(width, MAX_COLUMN_WIDTH))

    def show_only(self, status: RowStatus | None) -> None:
        self.filter.setCurrentIndex(max(self.filter.findData(status), 0))

    def isComplete(self) -> bool:  # noqa: N802
        preview = self.state.preview
        if preview is None:
            return False
        something = not preview.already_imported and (
            preview.new_count > 0
            or (self.include_duplicates.isChecked() and preview.duplicate_count > 0)
        )
        self.nothing.setText(
            "" if something or preview.already_imported else "Nothing new to import."
        )
        return something

    def validatePage(self) -> bool:  # noqa: N802
        preview, workspace = self.preview, self.state.workspace
        include = self.include_duplicates.isChecked()

        def job(progress: Progress) -> ImportResult:
            return run_import(workspace, preview, include_duplicates=include)

        result = import_in_background(self, TITLE, preview.source_name, job,
                                      (ContactImportError,), cancellable=False)
        if result is None:
            return False
        self.state.result = result
        return True
