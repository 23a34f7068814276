"""The import wizard's shared state and its second page: the layout and the column mapping.

The page shows what the file was recognised as and, for CSV files and workbooks, one row
per source column (heading, first value, a choice of field). The choices start from the
mapping the preview used (a saved one, the layout's own, or one guessed from the
headings); changed choices are applied by reading the file again, and the import saves
them for the next file with the same columns.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from app.services.contacts import (
    TARGET_FIELDS,
    ColumnMapping,
    ContactImportError,
    ImportPreview,
    ImportResult,
)
from app.services.contacts import preview_import as read_contacts
from app.services.errors import ValidationError
from app.services.wording import plural
from app.services.workspace import Workspace
from app.ui.forms import error_label
from app.ui.progress import Cancelled, Progress, run_with_progress

TITLE = "Import contacts"
IGNORE = "(ignore)"
SHOWN_CHARACTERS = 40
SAMPLE_WIDTH = 260
EXAMPLE_NAMES = 3
NOTE_STYLE = "color: #444;"


@dataclass
class ImportState:
    """What the wizard's pages share: the latest preview and, at the end, the result."""

    workspace: Workspace
    preview: ImportPreview | None = None
    result: ImportResult | None = None
    mapping_problem: str = ""  # the file's columns name nobody yet: the user must choose


def read_preview(
    parent: QWidget, workspace: Workspace, path: Path, mapping: ColumnMapping | None = None
) -> ImportPreview:
    """``preview_import`` in the background; raises its errors, or Cancelled."""

    def job(progress: Progress) -> ImportPreview:
        preview = read_contacts(workspace, path, mapping)
        progress(1, 1)  # raises Cancelled when the user gave up meanwhile
        return preview

    return run_with_progress(parent, TITLE, f"Reading {path.name}…", job)


def counts_text(preview: ImportPreview) -> str:
    """"412 new, 9 duplicates, 3 errors"."""
    return (
        f"{preview.new_count:,} new, {plural(preview.duplicate_count, 'duplicate')}, "
        f"{plural(preview.error_count, 'error')}"
    )


def recognised_text(preview: ImportPreview) -> str:
    """"Outlook — CSV (comma-separated), UTF-8, 92 columns, 1 row" or "vCard — UTF-8, 3 cards"."""
    rows = len(preview.rows)
    if preview.mapping is None:
        return f"vCard — {preview.encoding}, {plural(rows, 'card')}"
    parts = [preview.format, preview.encoding, plural(len(preview.headers), "column")]
    return f"{preview.layout} — {', '.join(p for p in parts if p)}, {plural(rows, 'row')}"


def edited_mapping(base: ColumnMapping | None, assignment: Mapping[int, str]) -> ColumnMapping:
    """The editor's choice per column as a mapping. Columns the base mapping already gave a
    field keep their order of preference (Outlook's business phone before the home phone);
    newly chosen ones follow in column order. Phone-type label columns are kept."""
    fields: dict[str, list[int]] = {}
    if base is not None:
        for name, columns in base.fields:
            fields[name] = [c for c in columns if assignment.get(c) == name]
    for column in sorted(assignment):
        name = assignment[column]
        if name and column not in fields.setdefault(name, []):
            fields[name].append(column)
    return ColumnMapping.of(fields, base.labels if base is not None else ())


def shortened(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= SHOWN_CHARACTERS else line[: SHOWN_CHARACTERS - 1] + "…"


class LayoutPage(QWizardPage):
    def __init__(self, state: ImportState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setTitle("Layout and columns")
        self.setSubTitle("Check which column of the file holds what before anything is imported.")
        self.recognised = QLabel()
        self.recognised.setObjectName("recognised")
        self.recognised.setWordWrap(True)
        self.recognised.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.recognised.font()
        font.setBold(True)
        self.recognised.setFont(font)
        self.note = QLabel()
        self.note.setObjectName("mappingNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(NOTE_STYLE)
        self.editor = QScrollArea()
        self.editor.setObjectName("mappingEditor")
        self.editor.setWidgetResizable(True)
        self.combos: list[QComboBox] = []
        self.headings: list[QLabel] = []
        self.samples: list[QLabel] = []
        self.only_used = QCheckBox("Show only the columns that are &imported")
        self.only_used.setObjectName("onlyUsedColumns")
        self.only_used.toggled.connect(lambda _: self._show_used())
        self.base: ColumnMapping | None = None  # the mapping the choices started from
        self.error = error_label()
        self.error.setObjectName("mappingError")
        self.apply_button = QPushButton("&Apply choices")
        self.apply_button.setToolTip("Read the file again with these choices and count the rows")
        self.apply_button.clicked.connect(lambda: self.apply())
        self.outcome = QLabel()
        self.outcome.setObjectName("mappingOutcome")
        self.outcome.setWordWrap(True)
        apply_row = QHBoxLayout()
        apply_row.addWidget(self.apply_button)
        apply_row.addWidget(self.outcome, stretch=1)
        apply_row.addWidget(self.only_used)
        layout = QVBoxLayout(self)
        layout.addWidget(self.recognised)
        layout.addWidget(self.note)
        layout.addWidget(self.editor, stretch=1)
        layout.addWidget(self.error)
        layout.addLayout(apply_row)
        layout.addStretch(0)  # takes the room when a vCard leaves no editor to show

    @property
    def preview(self) -> ImportPreview:
        assert self.state.preview is not None
        return self.state.preview

    @property
    def is_table(self) -> bool:
        return self.preview.mapping is not None

    # -- showing ---------------------------------------------------------------------
    def initializePage(self) -> None:  # noqa: N802
        preview = self.preview
        self.recognised.setText(f"Recognised: {recognised_text(preview)}")
        self.error.hide()
        self.outcome.clear()
        if not self.is_table:
            self.combos = []
            self.editor.hide()
            self.apply_button.hide()
            self.only_used.hide()
            self.note.setText(
                "vCards name their own fields (name, organization, e-mail, phones), so there "
                "are no columns to choose. Next shows every card."
            )
            return
        self.editor.show()
        self.apply_button.show()
        self.only_used.show()
        self.only_used.setChecked(False)
        if self.state.mapping_problem:
            self.base = preview.proposed_mapping
            self.error.setText(
                f"{self.state.mapping_problem} The headings of this file were not recognised: "
                "choose below which column holds what."
            )
            self.error.show()
        else:
            self.base = preview.mapping
        self.note.setText(self._note(preview))
        self._fill_editor(preview, self.base.by_column() if self.base else {})

    def _note(self, preview: ImportPreview) -> str:
        if preview.mapping_saved:
            return (
                "These choices were saved when a file with the same columns was imported "
                "before. Change any that are wrong; the import saves them again."
            )
        generic = preview.layout.startswith("Spreadsheet")
        if generic and preview.layout.endswith("(no header row)"):
            how = "guessed from what the cells hold (the file has no heading row)"
        elif generic:
            how = "guessed from the column headings"
        else:
            how = f"those of the {preview.layout} layout"
        return (
            f"The choices below are {how}. Change any that are wrong; {IGNORE} leaves a "
            "column out. Changed choices are saved for the next file with the same columns."
        )

    def _fill_editor(self, preview: ImportPreview, chosen: Mapping[int, str]) -> None:
        host = QWidget()
        grid = QGridLayout(host)
        grid.setHorizontalSpacing(16)
        for column, heading in enumerate(("Column in the file", "First value", "Import as")):
            label = QLabel(f"<b>{heading}</b>")
            grid.addWidget(label, 0, column)
        self.combos, self.headings, self.samples = [], [], []
        samples = preview.samples
        for index, header in enumerate(preview.headers):
            name = QLabel(shortened(header) or f"(column {index + 1})")
            name.setToolTip(header)
            sample_text = samples[index] if index < len(samples) else ""
            sample = QLabel(shortened(sample_text))
            sample.setToolTip(sample_text)
            sample.setStyleSheet(NOTE_STYLE)
            sample.setMinimumWidth(SAMPLE_WIDTH)
            combo = QComboBox()
            combo.setObjectName(f"column{index}")
            combo.setAccessibleName(f"Import column {header} as")
            combo.addItem(IGNORE, "")
            for field_name, label in TARGET_FIELDS:
                combo.addItem(label, field_name)
            combo.setCurrentIndex(max(combo.findData(chosen.get(index, "")), 0))
            combo.currentIndexChanged.connect(lambda _=0, i=index: self._chosen(i))
            grid.addWidget(name, index + 1, 0)
            grid.addWidget(sample, index + 1, 1)
            grid.addWidget(combo, index + 1, 2)
            self.combos.append(combo)
            self.headings.append(name)
            self.samples.append(sample)
            self._mark(index)
        grid.setColumnStretch(3, 1)
        grid.setRowStretch(len(preview.headers) + 1, 1)
        self.editor.setWidget(host)  # the previous file's editor is deleted with its host

    def _mark(self, column: int) -> None:
        """Headings of imported columns in bold, so they stand out among ignored ones."""
        font = self.headings[column].font()
        font.setBold(bool(self.combos[column].currentData()))
        self.headings[column].setFont(font)

    def _chosen(self, column: int) -> None:
        self.outcome.clear()
        self._mark(column)

    def _show_used(self) -> None:
        only = self.only_used.isChecked()
        for combo, heading, sample in zip(self.combos, self.headings, self.samples, strict=True):
            shown = not only or bool(combo.currentData())
            for widget in (combo, heading, sample):
                widget.setVisible(shown)

    # -- choosing --------------------------------------------------------------------
    def assignment(self) -> dict[int, str]:
        """Column index -> field for every column not ignored, as the editor shows."""
        return {i: c.currentData() for i, c in enumerate(self.combos) if c.currentData()}

    def choose(self, column: int, field_name: str) -> None:
        """Set one column's field ("" to ignore it), as the user would with its box."""
        combo = self.combos[column]
        combo.setCurrentIndex(max(combo.findData(field_name), 0))

    def changed(self) -> bool:
        mapping = self.preview.mapping
        return bool(self.state.mapping_problem) or self.assignment() != (
            mapping.by_column() if mapping is not None else {}
        )

    def apply(self) -> bool:
        """Read the file again with the editor's choices; False (message shown) if refused."""
        self.error.hide()
        self.outcome.clear()
        try:
            mapping = edited_mapping(self.base, self.assignment())
            preview = read_preview(self, self.state.workspace, self.preview.path, mapping)
        except Cancelled:
            return False
        except ValidationError as error:
            self._show_error(error.errors.get("mapping") or str(error))
            return False
        except ContactImportError as error:
            self._show_error(error.message)
            return False
        self.state.preview = preview
        self.state.mapping_problem = ""
        self.base = preview.mapping
        names = [r.name for r in preview.rows if r.name][:EXAMPLE_NAMES]
        example = f" — first: {', '.join(names)}" if names else ""
        self.outcome.setText(f"With these choices: {counts_text(preview)}{example}.")
        return True

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def validatePage(self) -> bool:  # noqa: N802
        if not self.is_table or not self.changed():
            return True
        return self.apply()
