"""What the Organizations and People pages share: search, list, detail panel, actions.

A subclass names its columns and sort keys, fetches pages from its service, renders the
detail of the selected record, and opens its edit dialog; this class does the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSplitter,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.services.changes import EVERYTHING, Change
from app.services.duplicates import DuplicateMatch
from app.services.errors import NotFoundError
from app.services.pages import Page
from app.services.permissions import Permission
from app.services.search import DirectoryFilter, search_key
from app.services.workspace import Workspace
from app.ui.dialogs.duplicates import (
    FindDuplicatesDialog,
    SaveChoice,
    choose_record_to_keep,
    merge_with_feedback,
    warn_about_duplicates,
)
from app.ui.list_page import (
    Shortcut,
    heading_row,
    list_shortcuts,
    reload_list,
    reselect,
    select_id,
    select_row,
    toolbar_action,
)
from app.ui.paged_model import PagedTableModel
from app.ui.pages.export_actions import ExportFormat, export_button
from app.ui.pages.import_actions import import_button
from app.ui.refusals import REFUSALS
from app.ui.table_model import Column
from app.ui.table_view import fit_columns, row_table_view


class DirectoryPage(QWidget):
    title = ""
    noun = "record"  # "1 organization", "2 organizations"
    plural = "records"
    watched_kinds: frozenset[str] = frozenset()
    editor: Any = None  # the FormDialog class that edits one record (``ask`` classmethod)
    export_formats: list[ExportFormat] = []

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(f"Search {self.plural}…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.show_archived = QCheckBox("Show archived")
        self.count = QLabel()
        self.count.setObjectName("count")
        self.model: PagedTableModel[Any] = PagedTableModel(
            self.columns(), self.sort_keys(), self._fetch, self
        )
        self.view = row_table_view(self.model, "list")
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.detail = QTextBrowser()
        self.detail.setObjectName("detail")
        self.detail.setOpenLinks(False)
        self.toolbar = QToolBar()
        self._reload_timer = QTimer(self, singleShot=True, interval=0)
        self._reload_timer.timeout.connect(self.refresh)
        self._build_layout()
        self._build_actions()
        self._searched = search_key("")
        self.search.textChanged.connect(self._search_changed)
        self.show_archived.toggled.connect(lambda _: self.refresh())
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._enable_merge())
        self.view.doubleClicked.connect(lambda _: self.edit_current())

    # -- what subclasses provide -----------------------------------------------------
    def columns(self) -> list[Column[Any]]:
        raise NotImplementedError

    def sort_keys(self) -> list[str | None]:
        raise NotImplementedError

    def filters(self) -> list[QWidget]:
        return []

    def fetch(self, sort: str, descending: bool, offset: int, limit: int) -> Page[Any]:
        raise NotImplementedError

    def detail_html(self, record_id: int) -> str:
        raise NotImplementedError

    def duplicates_of(self, data: Any, record_id: int | None) -> list[DuplicateMatch]:
        """Existing records that the edited ``data`` may duplicate."""
        raise NotImplementedError

    def current_filter(self) -> DirectoryFilter:
        """What the list shows, for exports."""
        raise NotImplementedError

    def set_archived(self, record_id: int, archived: bool) -> None:
        raise NotImplementedError

    def delete(self, record_id: int) -> None:
        raise NotImplementedError

    def merge(self, keep_id: int, drop_id: int) -> object:
        raise NotImplementedError

    def toolbar_widgets(self) -> list[QWidget]:
        """Buttons after the standard actions: Import and Export."""
        return [
            import_button(self, self.workspace),
            export_button(self, self.workspace, self.export_formats, self.current_filter),
        ]

    def open_editor(self, record_id: int | None) -> int | None:
        """The edit dialog (None: a new record); warns about likely duplicates on save."""
        self._open_instead: DuplicateMatch | None = None
        saved = self.editor.ask(self.workspace, record_id, self, self._check_duplicates)
        if self._open_instead is not None:
            self.show_record(self._open_instead.id, self._open_instead.name)
        return saved  # type: ignore[no-any-return]

    def _check_duplicates(self, dialog: QWidget, data: Any, record_id: int | None) -> bool:
        choice, match = warn_about_duplicates(
            dialog, self.noun, self.duplicates_of(data, record_id)
        )
        if choice == SaveChoice.OPEN:
            self._open_instead = match
            dialog.reject()  # type: ignore[attr-defined]
        return choice == SaveChoice.SAVE

    # -- layout and actions ----------------------------------------------------------
    def _build_layout(self) -> None:
        top = heading_row(self.title, self.count)
        filters = QHBoxLayout()
        filters.addWidget(self.search, stretch=1)
        for widget in self.filters():
            filters.addWidget(widget)
        filters.addWidget(self.show_archived)
        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.toolbar)
        layout.addLayout(filters)
        layout.addWidget(splitter, stretch=1)

    def _build_actions(self) -> None:
        self.new_action = self.action("&New", self.add_new, QKeySequence.StandardKey.New)
        self.edit_action = self.action("&Edit", self.edit_current)
        self.archive_action = self.action(
            "&Archive", self.archive_current, QKeySequence(Qt.Key.Key_Delete)
        )
        self.restore_action = self.action("&Restore", self.restore_current)
        self.merge_action = self.action("&Merge selected…", self.merge_selected)
        self.action("Find &duplicates…", self.find_duplicates)
        for widget in self.toolbar_widgets():
            if widget.objectName() == "importButton":
                widget.setEnabled(self.workspace.may(Permission.IMPORT))
            self.toolbar.addWidget(widget)
        self.delete_action = self.action("Delete permanently…", self.delete_current)
        self.new_action.setEnabled(self.workspace.may(Permission.EDIT))
        list_shortcuts(self, self.view, self.search, self.edit_current)

    def action(self, text: str, slot: Callable[[], object],
               shortcut: Shortcut | None = None) -> QAction:
        return toolbar_action(self, self.toolbar, text, slot, shortcut)

    # -- loading ---------------------------------------------------------------------
    def _search_changed(self, text: str) -> None:
        key = search_key(text)
        if key != self._searched:  # a space or a capital letter finds nothing new
            self._searched = key
            self._reload_timer.start()

    def _fetch(self, sort: str, descending: bool, offset: int, limit: int) -> Page[Any]:
        return self.fetch(sort, descending, offset, limit)

    def refresh(self) -> None:
        keep = self.current_id()
        reload_list(self.model, lambda: fit_columns(self.view))
        total = self.model.total
        self.count.setText(f"{total:,} {self.noun if total == 1 else self.plural}")
        if not reselect(self.view, self.model, keep):  # a selection shows its own detail
            self._show_detail()

    def on_change(self, change: Change) -> None:
        if change.kind == EVERYTHING or change.kind in self.watched_kinds:
            self.refresh()

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return int(self.model.row_at(index.row()).id)

    def select_row(self, row: int) -> None:
        select_row(self.view, row)

    def select_id(self, record_id: int) -> None:
        select_id(self.view, self.model, record_id)

    def _show_detail(self) -> None:
        record_id = self.current_id()
        try:
            self.detail.setHtml(self.detail_html(record_id) if record_id is not None else "")
        except NotFoundError:
            self.detail.setHtml("")
        archived = bool(
            record_id is not None and self.model.row_at(self.view.currentIndex().row()).archived
        )
        edit = self.workspace.may(Permission.EDIT)
        self.archive_action.setEnabled(edit and record_id is not None and not archived)
        self.restore_action.setEnabled(edit and archived)
        self.edit_action.setEnabled(edit and record_id is not None)
        delete = self.workspace.may(Permission.DELETE_PERMANENTLY)
        self.delete_action.setEnabled(delete and record_id is not None)

    # -- actions ---------------------------------------------------------------------
    def add_new(self) -> None:
        saved = self.open_editor(None)
        if saved is not None:
            self.search.clear()
            self.refresh()
            self.select_id(saved)

    def edit_current(self) -> None:
        record_id = self.current_id()
        if record_id is not None and self.workspace.may(Permission.EDIT):
            self.open_editor(record_id)

    def archive_current(self) -> None:
        record_id = self.current_id()
        if record_id is None:
            return
        name = self.model.row_at(self.view.currentIndex().row()).name
        answer = QMessageBox.question(
            self,
            f"Archive {self.noun}",
            f"Archive {name}? Archived {self.plural} leave the lists but keep all their "
            "history; you can restore them with Show archived.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._run(lambda: self.set_archived(record_id, True))

    def restore_current(self) -> None:
        record_id = self.current_id()
        if record_id is not None:
            self._run(lambda: self.set_archived(record_id, False))

    def delete_current(self) -> None:
        record_id = self.current_id()
        if record_id is None:
            return
        name = self.model.row_at(self.view.currentIndex().row()).name
        answer = QMessageBox.warning(
            self,
            f"Delete {self.noun} permanently",
            f"Delete {name} permanently? This cannot be undone and is recorded in the audit "
            f"log. Archiving keeps the history instead.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._run(lambda: self.delete(record_id))

    def show_record(self, record_id: int, name: str) -> None:
        """Bring one record into view (e.g. the existing twin of a duplicate)."""
        self.show_archived.setChecked(True)
        self.search.setText(name)
        self.refresh()
        self.select_id(record_id)

    def selected_rows(self) -> list[Any]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.row_at(r) for r in rows]

    def _enable_merge(self) -> None:
        edit = self.workspace.may(Permission.EDIT)
        self.merge_action.setEnabled(edit and len(self.selected_rows()) == 2)

    def merge_selected(self) -> None:
        rows = self.selected_rows()
        if len(rows) != 2:
            QMessageBox.information(
                self, "Merge", f"Select the two {self.plural} to merge (Ctrl+click)."
            )
            return
        first, second = rows
        choice = choose_record_to_keep(
            self, self.noun, (first.id, first.name), (second.id, second.name)
        )
        if choice is not None and merge_with_feedback(self, self.merge, *choice):
            self.refresh()
            self.select_id(choice[0])

    def find_duplicates(self) -> None:
        FindDuplicatesDialog(self.workspace, self.plural, self.noun, self.merge, self).exec()
        self.refresh()

    def _run(self, work: Callable[[], object]) -> bool:
        try:
            work()
        except REFUSALS as error:
            QMessageBox.warning(self, self.title, str(error))
            return False
        return True
