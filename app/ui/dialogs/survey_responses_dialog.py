"""One survey's responses, a page at a time: find one by its respondent reference, open
it to correct an answer (Enter or double-click), or delete it (Delete, after asking).

An import of 1,259 rows is a long list, so searching, sorting and paging happen in SQL
(responses.response_page); the view fetches more rows as it scrolls.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.pages import Page
from app.services.permissions import Permission
from app.services.surveys.definitions import survey_form
from app.services.surveys.responses import ResponseRow, delete_response, response_page
from app.services.wording import plural
from app.services.workspace import Workspace
from app.ui.dialogs.survey_response_dialog import SurveyResponseDialog
from app.ui.list_page import list_shortcuts, select_id, select_row
from app.ui.paged_model import PagedTableModel
from app.ui.refusals import REFUSALS
from app.ui.table_model import Column
from app.ui.table_view import fit_columns, row_table_view

ENTERED = "entered"
UNDATED = "undated"


def source_text(row: ResponseRow) -> str:
    """Where the response came from: typed in here, or which import added it."""
    if not row.imported:
        return ENTERED
    return f"import #{row.import_batch_id}: {row.source}" if row.source \
        else f"import #{row.import_batch_id}"


def columns(questions: int) -> list[Column[ResponseRow]]:
    return [
        Column("Date", lambda r: r.responded_on or UNDATED),
        Column("Respondent", lambda r: r.respondent_ref, wide=True),
        Column("Organization", lambda r: r.organization),
        Column("Answered", lambda r: f"{r.answers} of {questions}", numeric=True,
               tooltip=lambda r: "Questions answered; the others were left blank"),
        Column("Source", source_text, tooltip=lambda r: "Entered by hand"
               if not r.imported else f"Added by import #{r.import_batch_id} "
               "(Import history can undo the whole import)"),
    ]


SORT_KEYS: list[str | None] = ["date", "ref", "organization", None, "source"]


class SurveyResponsesDialog(QDialog):
    def __init__(self, workspace: Workspace, survey_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.survey_id = survey_id
        self.changed = 0  # responses edited or deleted while open
        survey = survey_form(workspace, survey_id)
        self.survey_responses = survey.responses
        questions = sum(len(f.questions) for f in survey.data.factors)
        self.setWindowTitle(f"Responses – {survey.data.name}")
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search respondent references…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.count = QLabel()
        self.count.setObjectName("count")
        self.model: PagedTableModel[ResponseRow] = PagedTableModel(
            columns(questions), SORT_KEYS, self._fetch, self)
        self.model.set_order(0, Qt.SortOrder.DescendingOrder)
        self.view = row_table_view(self.model, "responses")
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.setObjectName("editResponse")
        self.edit_button.setToolTip("Open the current response (Enter)")
        self.edit_button.clicked.connect(lambda: self.edit_current())
        self.delete_button = QPushButton("&Delete…")
        self.delete_button.setObjectName("deleteResponse")
        self.delete_button.setToolTip("Delete the current response (Delete)")
        self.delete_button.clicked.connect(lambda: self.delete_current())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.edit_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        for button in buttons.buttons():  # Enter belongs to the list: it edits the response
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
                button.setDefault(False)
        top = QHBoxLayout()
        label = QLabel("&Find:")
        label.setBuddy(self.search)
        top.addWidget(label)
        top.addWidget(self.search, stretch=1)
        top.addSpacing(12)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, stretch=1)
        layout.addWidget(buttons)
        list_shortcuts(self, self.view, self.search, self.edit_current)
        delete = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.view)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(lambda: self.delete_current())
        self._search_timer = QTimer(self, singleShot=True, interval=200)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        self.search.returnPressed.connect(self._to_list)
        self.view.doubleClicked.connect(lambda _: self.edit_current())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.resize(820, 520)
        self.refresh()
        fit_columns(self.view)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)  # Enter edits, Delete deletes

    def _to_list(self) -> None:
        self.refresh()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- the list ----------------------------------------------------------------------
    def _fetch(self, sort: str, descending: bool, offset: int, limit: int
               ) -> Page[ResponseRow]:
        return response_page(self.workspace, self.survey_id, self.search.text(), offset,
                             limit, sort, descending)

    def refresh(self, select: int | None = None) -> None:
        """Reload the first page, keeping (or moving to) the response ``select``."""
        current = self.current()
        keep = select if select is not None else (current.id if current else None)
        row = self.view.currentIndex().row()
        self._search_timer.stop()
        self.model.reload()
        if keep is not None and self.model.row_index(keep) is not None:
            select_id(self.view, self.model, keep)
        else:  # gone (deleted): the row that took its place, or the last
            select_row(self.view, min(max(row, 0), self.model.rowCount() - 1))
        self.count.setText(self._count_text())
        self._enable()

    def _count_text(self) -> str:
        total = self.model.total
        if self.search.text().strip():
            return f"{total:,} of {plural(self.survey_responses, 'response')} match"
        return plural(total, "response")

    def current(self) -> ResponseRow | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _enable(self) -> None:
        edit = self.workspace.may(Permission.EDIT) and self.current() is not None
        self.edit_button.setEnabled(edit)
        self.delete_button.setEnabled(edit)

    # -- actions -----------------------------------------------------------------------
    def edit_current(self) -> int | None:
        row = self.current()
        if row is None or not self.workspace.may(Permission.EDIT):
            return None
        try:
            saved = SurveyResponseDialog.ask(self.workspace, self.survey_id, row.id, self)
        except REFUSALS as error:  # deleted or the survey gone since the list was read
            self.warn(str(error))
            self.refresh()
            return None
        if saved is not None:
            self.changed += 1
            self.refresh(select=saved)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        return saved

    def delete_current(self, confirmed: bool = False) -> bool:
        row = self.current()
        if row is None or not self.workspace.may(Permission.EDIT):
            return False
        who = f"“{row.respondent_ref}”" if row.respondent_ref else "without a reference"
        when = f"of {row.responded_on:%d %b %Y}" if row.responded_on else "(undated)"
        text = (f"Delete the response {who} {when}, with its "
                f"{plural(row.answers, 'answer')}? The survey's results change; "
                "this cannot be undone.")
        if row.imported:
            text += (" It was imported: undoing that import later removes the rest of "
                     "its responses.")
        if not confirmed and not self.confirm(text):
            return False
        try:
            delete_response(self.workspace, row.id)
        except REFUSALS as error:
            self.warn(str(error))
            self.refresh()
            return False
        self.changed += 1
        self.survey_responses -= 1
        self.refresh()
        return True

    # -- message boxes (tests replace ask_box, as FormDialog's) ------------------------
    def confirm(self, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, self.windowTitle(), text, parent=self)
        delete = box.addButton("&Delete", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return self.ask_box(box) is delete

    def warn(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.windowTitle(), text, parent=self)
        box.addButton(QMessageBox.StandardButton.Ok)
        self.ask_box(box)

    def ask_box(self, box: QMessageBox) -> QAbstractButton | None:
        """Show ``box`` modally; the button clicked."""
        box.exec()
        return box.clickedButton()

    @classmethod
    def ask(cls, workspace: Workspace, survey_id: int, parent: QWidget | None = None) -> int:
        """Show the list; how many responses were edited or deleted."""
        dialog = cls(workspace, survey_id, parent)
        dialog.exec()
        return dialog.changed
