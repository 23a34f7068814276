"""The contact import wizard: file → layout and columns → preview of every row → done.

Reading the file and importing run in the background (``run_with_progress``). Nothing is
written before the Import button on the preview page; the import is one transaction and
can be undone as a whole from Import history.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.services.contacts import ColumnMapping, ContactImportError, ImportResult
from app.services.errors import ValidationError
from app.services.wording import plural
from app.services.workspace import Workspace
from app.ui.dialogs.import_history import ImportHistoryDialog
from app.ui.dialogs.import_mapping import TITLE, ImportState, LayoutPage, read_preview
from app.ui.dialogs.import_preview import PreviewPage
from app.ui.forms import error_label
from app.ui.progress import Cancelled

FILE_FILTER = "Contacts (*.csv *.txt *.vcf *.vcard *.xlsx);;All files (*)"
# Read a file whose headings name nobody with this, to learn its columns and ask.
STAND_IN_MAPPING = ColumnMapping.of({"full_name": [0]})
FILE_PAGE, LAYOUT_PAGE, PREVIEW_PAGE, DONE_PAGE = range(4)


def result_summary(result: ImportResult) -> str:
    if result.already_imported:
        return (
            "Nothing was added: this file was already imported. To import it again, undo "
            "that import in Import history first."
        )
    skipped = []
    if result.duplicates_skipped:
        skipped.append(plural(result.duplicates_skipped, "duplicate"))
    if result.errors:
        skipped.append(plural(result.errors, "row with errors", "rows with errors"))
    skipped_text = f"skipped {' and '.join(skipped)}" if skipped else ""
    if result.batch_id is None:
        return f"Nothing was added{': ' + skipped_text if skipped_text else ''}."
    added = (
        f"Added {plural(result.people_added, 'person', 'people')} and "
        f"{plural(result.organizations_added, 'organization')}"
    )
    return (
        f"{added}{'; ' + skipped_text if skipped_text else ''}. "
        "You can undo this import from Import history."
    )


class FilePage(QWizardPage):
    def __init__(self, state: ImportState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setTitle("Choose a file")
        self.setSubTitle(
            "Contacts exported from Outlook, Google Contacts, Thunderbird, Yahoo, Windows "
            "or a phone: CSV, vCard (.vcf) or an Excel workbook (.xlsx)."
        )
        self.path = QLineEdit()
        self.path.setObjectName("path")
        self.path.setPlaceholderText("The exported contacts file")
        self.path.setClearButtonEnabled(True)
        self.path.textChanged.connect(lambda _: self._edited())
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path, stretch=1)
        row.addWidget(browse)
        form = QFormLayout()
        label = QLabel("&File:")
        label.setBuddy(self.path)
        form.addRow(label, row)
        self.error = error_label()
        self.error.setObjectName("fileError")
        hint = QLabel(
            "Nothing is imported yet: the next pages show what the file holds and what "
            "importing it would add. Any spreadsheet with a heading row works too — you "
            "choose which column holds what."
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addSpacing(12)
        layout.addWidget(hint)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802
        self.path.setFocus()

    def _edited(self) -> None:
        self.error.hide()
        self.completeChanged.emit()

    def browse(self) -> None:
        start = str(Path(self.path.text()).expanduser().parent) if self.path.text() else ""
        chosen, _ = QFileDialog.getOpenFileName(self, "Choose a contacts file", start,
                                                FILE_FILTER)
        if chosen:
            self.path.setText(chosen)

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.path.text().strip())

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def validatePage(self) -> bool:  # noqa: N802
        path = Path(self.path.text().strip()).expanduser()
        previous = self.state.preview
        if previous is not None and previous.path == path:
            return True  # back and forth: keep the choices made on the next page
        try:
            preview = read_preview(self, self.state.workspace, path)
            problem = ""
        except Cancelled:
            return False
        except ContactImportError as error:
            self.show_error(error.message)
            return False
        except ValidationError as error:  # the headings name nobody: learn the columns, ask
            problem = error.errors.get("mapping") or str(error)
            try:
                preview = read_preview(self, self.state.workspace, path, STAND_IN_MAPPING)
            except Cancelled:
                return False
            except (ContactImportError, ValidationError) as again:
                self.show_error(str(again))
                return False
        self.state.preview = preview
        self.state.mapping_problem = problem
        return True


class DonePage(QWizardPage):
    def __init__(self, state: ImportState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setTitle("Done")
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        history = QPushButton("Open import &history…")
        history.clicked.connect(lambda: ImportHistoryDialog.ask(state.workspace, self))
        row = QHBoxLayout()
        row.addWidget(history)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addSpacing(12)
        layout.addLayout(row)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802
        result = self.state.result
        self.summary.setText(result_summary(result) if result is not None else "")


class ImportWizard(QWizard):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = ImportState(workspace)
        self.setWindowTitle(TITLE)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        self.file_page = FilePage(self.state)
        self.layout_page = LayoutPage(self.state)
        self.preview_page = PreviewPage(self.state)
        self.done_page = DonePage(self.state)
        for number, page in enumerate(
            (self.file_page, self.layout_page, self.preview_page, self.done_page)
        ):
            self.setPage(number, page)
        self.resize(1100, 700)

    @classmethod
    def ask(cls, workspace: Workspace, parent: QWidget | None = None) -> ImportResult | None:
        """Run the wizard; the result of the import, or None when nothing was imported."""
        wizard = cls(workspace, parent)
        wizard.exec()
        return wizard.state.result
