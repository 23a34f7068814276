"""Import survey responses from an export (Google Forms, Qualtrics, SurveyMonkey, CSV).

One window, top to bottom: the file and the layout recognised; which column answers
which question (proposed from the question texts); answer texts that have no number yet,
each given one (or "No answer"); the preview with the rows skipped and why; Import runs
in the background as one transaction (Cancel leaves nothing behind). The import history
lists this survey's imports with Undo.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.surveys.definitions import survey_form
from app.services.surveys.survey_import import (
    SurveyImportPreview,
    SurveyImportResult,
    SurveyMapping,
    list_survey_imports,
    preview_survey_import,
    propose_mapping,
    run_survey_import,
    undo_survey_import,
)
from app.services.surveys.survey_layouts import SurveyFile, SurveyImportError, read_survey_file
from app.services.wording import plural
from app.services.workspace import Workspace
from app.ui.dialogs.import_history import (
    ImportHistory,
    ImportHistoryDialog,
    history_columns,
    rows_added_and_skipped,
)
from app.ui.progress import Cancelled, run_with_progress
from app.ui.refusals import REFUSALS

TITLE = "Import survey responses"
NOT_IMPORTED = "(not imported)"
SHOWN_REASONS = 500
VALUE_CHOICES: list[tuple[str, object]] = [("(no number yet)", "unset"), ("No answer", None),
                                           *[(str(v), v) for v in range(1, 6)]]


class SurveyImportDialog(QDialog):
    def __init__(self, workspace: Workspace, survey_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.survey_id = workspace, survey_id
        self.source: SurveyFile | None = None
        self.preview: SurveyImportPreview | None = None
        self.result: SurveyImportResult | None = None
        form = survey_form(workspace, survey_id)
        self.questions = [(q.id, f.name, q.text) for f in form.data.factors
                          for q in f.questions]
        self.setWindowTitle(f"{TITLE} – {form.data.name}")
        self.file_label = QLabel("Choose a CSV export from Google Forms, Qualtrics or "
                                 "SurveyMonkey (or any sheet with a header row).")
        self.file_label.setWordWrap(True)
        self.file_label.setObjectName("fileLabel")
        choose = QPushButton("Choose &file…")
        choose.clicked.connect(lambda: self.choose_file())
        self.date_column = QComboBox()
        self.date_column.setObjectName("dateColumn")
        self.date_column.currentIndexChanged.connect(lambda _: self._stale())
        self.columns = QTableWidget(len(self.questions), 2)
        self.columns.setObjectName("columnMapping")
        self.columns.setHorizontalHeaderLabels(["Question", "Column in the file"])
        self.combos: dict[int, QComboBox] = {}
        for row, (question_id, factor, text) in enumerate(self.questions):
            item = QTableWidgetItem(f"{factor}: {text}")
            item.setToolTip(text)
            self.columns.setItem(row, 0, item)
            combo = QComboBox()
            combo.currentIndexChanged.connect(lambda _: self._stale())
            self.columns.setCellWidget(row, 1, combo)
            self.combos[question_id] = combo
        self._stretch(self.columns)
        self.columns.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Interactive)
        self.columns.setColumnWidth(1, 320)
        self.texts = QTableWidget(0, 3)
        self.texts.setObjectName("answerTexts")
        self.texts.setHorizontalHeaderLabels(["Answer text in the file", "Rows", "Counts as"])
        self._stretch(self.texts)
        self.text_combos: dict[str, QComboBox] = {}
        self.summary = QLabel()
        self.summary.setObjectName("previewSummary")
        self.summary.setWordWrap(True)
        self.reasons = QPlainTextEdit()
        self.reasons.setObjectName("skippedRows")
        self.reasons.setReadOnly(True)
        self.reasons.setMaximumHeight(110)
        self.preview_button = QPushButton("&Preview")
        self.preview_button.setObjectName("previewButton")
        self.preview_button.clicked.connect(lambda: self.make_preview())
        self.import_button = QPushButton("&Import")
        self.import_button.setObjectName("importButton")
        self.import_button.clicked.connect(lambda: self.run_import())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.file_label, stretch=1)
        top.addWidget(choose)
        dates = QFormLayout()
        dates.addRow("&Date of each response:", self.date_column)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(dates)
        layout.addWidget(QLabel("<b>Which column answers which question</b>"))
        layout.addWidget(self.columns, stretch=2)
        layout.addWidget(QLabel("<b>Answer texts without a number</b> (the 1–5 scales, "
                                "Never…Always and numbers are known already)"))
        layout.addWidget(self.texts, stretch=1)
        layout.addWidget(self.summary)
        layout.addWidget(self.reasons)
        layout.addWidget(buttons)
        self.resize(860, 760)
        self._enable()

    @staticmethod
    def _stretch(table: QTableWidget) -> None:
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, table.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, "Survey export", str(Path.home()), "Survey exports (*.csv *.txt);;All (*)")
        if name:
            self.load_file(Path(name))

    def load_file(self, path: Path) -> bool:
        try:
            source = read_survey_file(path)
        except SurveyImportError as error:
            QMessageBox.warning(self, TITLE, error.message)
            return False
        self.source = source
        mapping = propose_mapping(self.workspace, self.survey_id, source)
        labels = [source.label(c)[:90] for c in range(len(source.names))]
        self.date_column.blockSignals(True)
        self.date_column.clear()
        self.date_column.addItem("(none: undated)", None)
        for column, label in enumerate(labels):
            self.date_column.addItem(label, column)
        self.date_column.setCurrentIndex(max(self.date_column.findData(mapping.date_column), 0))
        self.date_column.blockSignals(False)
        proposed = {q: c for c, q in mapping.columns}
        for question_id, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(NOT_IMPORTED, None)
            for column, label in enumerate(labels):
                combo.addItem(label, column)
            combo.setCurrentIndex(max(combo.findData(proposed.get(question_id)), 0))
            combo.blockSignals(False)
        self.file_label.setText(
            f"<b>{source.source_name}</b>: {source.layout} export, {source.encoding}, "
            f"{plural(len(source.rows), 'response row')}; "
            f"{len(mapping.columns)} of {len(self.questions)} questions matched by their text.")
        self._stale()
        return True

    def mapping(self) -> SurveyMapping:
        columns = tuple((combo.currentData(), qid) for qid, combo in self.combos.items()
                        if combo.currentData() is not None)
        answers = tuple((text, combo.currentData()) for text, combo in self.text_combos.items()
                        if combo.currentData() != "unset")
        return SurveyMapping(columns, answers, self.date_column.currentData())

    def set_column(self, question_id: int, column: int | None) -> None:
        combo = self.combos[question_id]
        combo.setCurrentIndex(max(combo.findData(column), 0))

    def set_text_value(self, text: str, value: int | None) -> None:
        combo = self.text_combos[text]
        combo.setCurrentIndex(combo.findData(value))

    def make_preview(self) -> SurveyImportPreview | None:
        if self.source is None:
            return None
        try:
            preview = preview_survey_import(self.workspace, self.survey_id, self.source,
                                            self.mapping())
        except REFUSALS as error:
            QMessageBox.warning(self, TITLE, str(error))
            return None
        self.preview = preview
        self._show_texts(preview)
        text = (f"{plural(len(preview.rows), 'response')} to import, "
                f"{plural(len(preview.skipped), 'row')} skipped.")
        if preview.already_imported:
            text = (f"This file was imported into this survey on "
                    f"{preview.already_imported_on:%d %b %Y}; importing it again adds "
                    "nothing (undo that import first to replace it).")
        self.summary.setText(text)
        lines = [f"line {s.row_number}: {s.reason}" for s in preview.skipped[:SHOWN_REASONS]]
        if len(preview.skipped) > SHOWN_REASONS:
            lines.append(f"… and {len(preview.skipped) - SHOWN_REASONS:,} more")
        self.reasons.setPlainText("\n".join(lines) or "No rows skipped.")
        self._enable()
        return preview

    def _show_texts(self, preview: SurveyImportPreview) -> None:
        chosen = {t: c.currentData() for t, c in self.text_combos.items()}
        texts = dict(preview.mapping.answers)
        for text, _count in preview.unmapped:
            texts.setdefault(text, "unset")
        counts = dict(preview.unmapped)
        self.texts.setRowCount(len(texts))
        self.text_combos = {}
        for row, text in enumerate(texts):
            self.texts.setItem(row, 0, QTableWidgetItem(text))
            count = counts.get(text)
            self.texts.setItem(row, 1, QTableWidgetItem(f"{count:,}" if count else ""))
            combo = QComboBox()
            for label, value in VALUE_CHOICES:
                combo.addItem(label, value)
            combo.setCurrentIndex(max(combo.findData(chosen.get(text, texts[text])), 0))
            combo.currentIndexChanged.connect(lambda _: self._stale(keep_texts=True))
            self.texts.setCellWidget(row, 2, combo)
            self.text_combos[text] = combo

    def _stale(self, keep_texts: bool = False) -> None:
        self.preview = None
        if self.source is not None:
            self.summary.setText("Press Preview to see what would be imported.")
        self._enable()

    def _enable(self) -> None:
        self.preview_button.setEnabled(self.source is not None)
        ready = self.preview is not None and bool(self.preview.rows) \
            and not self.preview.already_imported
        self.import_button.setEnabled(ready)

    def run_import(self) -> SurveyImportResult | None:
        preview = self.preview
        if preview is None:
            return None
        try:
            result = run_with_progress(
                self, TITLE, f"Importing {plural(len(preview.rows), 'response')}…",
                lambda progress: run_survey_import(self.workspace, preview, progress))
        except Cancelled:
            self.summary.setText("Import cancelled: nothing was added.")
            return None
        except REFUSALS as error:
            QMessageBox.warning(self, TITLE, str(error))
            return None
        self.result = result
        self.accept()
        return result

    @classmethod
    def ask(cls, workspace: Workspace, survey_id: int,
            parent: QWidget | None = None) -> SurveyImportResult | None:
        dialog = cls(workspace, survey_id, parent)
        return dialog.result if dialog.exec() else None


def survey_history(survey_id: int) -> ImportHistory:
    """The imports into one survey, each with Undo."""
    return ImportHistory(
        title="Survey import history",
        table_name="surveyImports",
        columns=history_columns(*rows_added_and_skipped(
            "Rows of the file that were added as responses",
            "Rows left out: no answer, an answer without a number, a test response or a "
            "response seen earlier in the file")),
        batches=lambda workspace: list_survey_imports(workspace, survey_id),
        undo=undo_survey_import,
        summary=lambda batches: "Undo removes exactly the responses an import added."
        if batches else "No responses have been imported into this survey.",
        removes=lambda batch: f"This removes the {plural(batch.rows_added, 'response')} it "
        "added.",
        undone=lambda batch, removed: f"Removed {plural(removed, 'response')}.",
        size=(900, 380),
    )


class SurveyImportHistoryDialog(ImportHistoryDialog):
    """This survey's imports, newest first, each with Undo."""

    def __init__(self, workspace: Workspace, survey_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent, survey_history(survey_id))
