"""The contact import wizard: file → layout and columns → preview of every row → done.

Reading the file and importing run in the background (``run_with_progress``). Nothing is
written before the Import button on the preview page; the import is one transaction and
can be undone as a whole from Import history.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget, QWizard

from app.services.contacts import ColumnMapping, ContactImportError, ImportResult
from app.services.errors import ValidationError
from app.services.wording import plural
from app.services.workspace import Workspace
from app.ui.dialogs.import_history import ImportHistoryDialog
from app.ui.dialogs.import_mapping import TITLE, ImportState, LayoutPage, read_preview
from app.ui.dialogs.import_pages import ChooseFilePage, DonePage, set_up_wizard
from app.ui.dialogs.import_preview import PreviewPage
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


class FilePage(ChooseFilePage):
    def __init__(self, state: ImportState, parent: QWidget | None = None) -> None:
        super().__init__(
            "Contacts exported from Outlook, Google Contacts, Thunderbird, Yahoo, Windows "
            "or a phone: CSV, vCard (.vcf) or an Excel workbook (.xlsx).",
            "The exported contacts file",
            "Nothing is imported yet: the next pages show what the file holds and what "
            "importing it would add. Any spreadsheet with a heading row works too — you "
            "choose which column holds what.",
            "Choose a contacts file", FILE_FILTER, parent)
        self.state = state

    def validatePage(self) -> bool:  # noqa: N802
        path = self.chosen_path()
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


class ImportWizard(QWizard):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = ImportState(workspace)
        self.file_page = FilePage(self.state)
        self.layout_page = LayoutPage(self.state)
        self.preview_page = PreviewPage(self.state)
        self.done_page = DonePage(self._summary, "Open import &history…",
                                  lambda page: ImportHistoryDialog.ask(workspace, page))
        set_up_wizard(self, TITLE, (self.file_page, self.layout_page, self.preview_page,
                                    self.done_page), (1100, 700))

    def _summary(self) -> str:
        result = self.state.result
        return result_summary(result) if result is not None else ""

    @classmethod
    def ask(cls, workspace: Workspace, parent: QWidget | None = None) -> ImportResult | None:
        """Run the wizard; the result of the import, or None when nothing was imported."""
        wizard = cls(workspace, parent)
        wizard.exec()
        return wizard.state.result
