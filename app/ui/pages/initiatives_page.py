"""The Initiatives page: initiatives with their partners, goals and budgets.

Toolbar: New (Ctrl+N), Edit (Enter, double-click), Archive (Delete), Restore, Evaluate
(Ctrl+E: asks the main window to show the evaluation of the selected initiative).
Filters: search, status, kind, show archived. The detail panel shows the selected one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
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

from app.models import InitiativeKind, InitiativeStatus
from app.services.changes import EVERYTHING, Change
from app.services.errors import NotFoundError
from app.services.expenditures import resource_totals
from app.services.initiative_editing import initiative_form
from app.services.initiative_list import InitiativeQuery, InitiativeRow, list_initiatives
from app.services.initiatives import KIND_LABELS, STATUS_LABELS, set_initiative_archived
from app.services.pages import Page
from app.services.permissions import Permission
from app.services.wording import plural
from app.services.workspace import Workspace
from app.ui.dialogs.initiative_dialog import InitiativeDialog
from app.ui.list_page import (
    Shortcut,
    heading_row,
    list_shortcuts,
    reload_list,
    reselect,
    select_id,
    toolbar_action,
)
from app.ui.paged_model import PagedTableModel
from app.ui.pages.initiative_detail import initiative_html
from app.ui.refusals import REFUSALS
from app.ui.table_model import Column
from app.ui.table_view import fit_columns, row_table_view


def _name(row: InitiativeRow) -> str:
    return f"{row.name} (archived)" if row.archived else row.name


COLUMNS: list[Column[InitiativeRow]] = [
    Column("Name", _name),
    Column("Kind", lambda r: KIND_LABELS[r.kind]),
    Column("Status", lambda r: STATUS_LABELS[r.status]),
    Column("Area", lambda r: r.area),
    Column("Budget", lambda r: r.budget, numeric=True),
    Column("Spent", lambda r: r.spent, numeric=True, warning=lambda r: r.over_budget),
    Column("Burn", lambda r: r.burn, numeric=True, warning=lambda r: r.over_budget,
           tooltip=lambda r: "Over budget" if r.over_budget else
           ("" if r.budget_cents is None else f"{r.spent} of {r.budget} spent")),
    Column("Lead", lambda r: r.lead, wide=True),
    Column("Starts", lambda r: r.starts_on),
    Column("Ends", lambda r: r.ends_on),
    Column("Partners", lambda r: r.partners, numeric=True),
]
SORT_KEYS: list[str | None] = ["name", "kind", "status", "area", "budget", "spent", None,
                               "lead", "starts_on", "ends_on", "partners"]
WATCHED = frozenset({"initiatives", "initiative_partners", "partner_contributions", "goals",
                     "measurements", "expenditures", "sara_records", "organizations",
                     "areas", "people"})


class InitiativesPage(QWidget):
    title = "Initiatives"
    show_evaluation_requested = Signal(int)  # the initiative's id

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search names, descriptions and lead organizations…"
                                       "  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.status = self._combo("statusFilter", [("Any status", None)]
                                  + [(STATUS_LABELS[s], s) for s in InitiativeStatus])
        self.kind = self._combo("kindFilter", [("All kinds", None)]
                                + [(KIND_LABELS[k], k) for k in InitiativeKind])
        self.show_archived = QCheckBox("Show archived")
        self.show_archived.setObjectName("showArchived")
        self.show_archived.toggled.connect(lambda _: self.refresh())
        self.count = QLabel()
        self.count.setObjectName("count")
        self.model: PagedTableModel[InitiativeRow] = PagedTableModel(
            COLUMNS, SORT_KEYS, self._fetch, self)
        self.view = row_table_view(self.model, "list")
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.view.doubleClicked.connect(lambda _: self.edit_current())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        self.detail = QTextBrowser()
        self.detail.setObjectName("detail")
        self.detail.setOpenLinks(False)
        self.toolbar = QToolBar()
        self._reload = QTimer(self, singleShot=True, interval=150)
        self._reload.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _: self._reload.start())
        self._build_actions()
        self._build_layout()

    def _combo(self, name: str, options: list[tuple[str, Any]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        for text, value in options:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(lambda _: self.refresh())
        return combo

    def _build_layout(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.search, stretch=1)
        for widget in (self.status, self.kind, self.show_archived):
            filters.addWidget(widget)
        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(heading_row(self.title, self.count))
        layout.addWidget(self.toolbar)
        layout.addLayout(filters)
        layout.addWidget(splitter, stretch=1)

    def _build_actions(self) -> None:
        add = self.action
        self.new_action = add("&New initiative", self.add_new, QKeySequence.StandardKey.New)
        self.edit_action = add("&Edit", self.edit_current)
        self.archive_action = add("&Archive", self.archive_current,
                                  QKeySequence(Qt.Key.Key_Delete))
        self.restore_action = add("&Restore", self.restore_current)
        self.toolbar.addSeparator()
        self.evaluate_action = add("E&valuate", self.evaluate_current, QKeySequence("Ctrl+E"))
        list_shortcuts(self, self.view, self.search, self.edit_current)

    def action(self, text: str, slot: Callable[[], object],
               shortcut: Shortcut | None = None) -> QAction:
        return toolbar_action(self, self.toolbar, text, slot, shortcut)

    # -- loading -----------------------------------------------------------------------
    def query(self) -> InitiativeQuery:
        return InitiativeQuery(search=self.search.text(), status=self.status.currentData(),
                               kind=self.kind.currentData(),
                               include_archived=self.show_archived.isChecked())

    def _fetch(self, sort: str, descending: bool, offset: int, limit: int
               ) -> Page[InitiativeRow]:
        return list_initiatives(self.workspace, self.query(), offset, limit, sort, descending)

    def refresh(self) -> None:
        keep = self.current_id()
        reload_list(self.model, lambda: fit_columns(self.view))
        self.count.setText(plural(self.model.total, "initiative"))
        if not reselect(self.view, self.model, keep):  # a selection shows its own detail
            self._show_detail()

    def on_change(self, change: Change) -> None:
        if change.kind == EVERYTHING or change.kind in WATCHED:
            self.refresh()

    # -- selection ---------------------------------------------------------------------
    def current_row(self) -> InitiativeRow | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def current_id(self) -> int | None:
        row = self.current_row()
        return row.id if row is not None else None

    def select_id(self, initiative_id: int) -> None:
        select_id(self.view, self.model, initiative_id)

    def _show_detail(self) -> None:
        row = self.current_row()
        html = ""
        if row is not None:
            try:
                html = initiative_html(initiative_form(self.workspace, row.id),
                                       resource_totals(self.workspace, row.id))
            except NotFoundError:
                html = ""
        self.detail.setHtml(html)
        edit = self.workspace.may(Permission.EDIT)
        self.new_action.setEnabled(edit)
        self.edit_action.setEnabled(row is not None)
        self.edit_action.setText("&Edit" if edit else "&Open")
        self.archive_action.setEnabled(edit and row is not None and not row.archived)
        self.restore_action.setEnabled(edit and row is not None and row.archived)
        self.evaluate_action.setEnabled(row is not None)

    # -- actions -----------------------------------------------------------------------
    def add_new(self) -> None:
        if not self.workspace.may(Permission.EDIT):
            return
        saved = InitiativeDialog.ask(self.workspace, None, self)
        if saved is not None:
            self.show_initiative(saved)

    def edit_current(self) -> None:
        row = self.current_row()
        if row is not None:
            InitiativeDialog.ask(self.workspace, row.id, self)
            self.refresh()

    def show_initiative(self, initiative_id: int) -> None:
        """Bring an initiative into view: filters cleared, its row selected."""
        for combo in (self.status, self.kind):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.refresh()
        while self.model.row_index(initiative_id) is None and self.model.canFetchMore():
            self.model.fetchMore()
        self.select_id(initiative_id)

    def archive_current(self) -> None:
        row = self.current_row()
        if row is None or row.archived or not self.workspace.may(Permission.EDIT):
            return
        answer = QMessageBox.question(
            self, "Archive initiative",
            f"Archive “{row.name}”? It leaves the lists and pickers but keeps its partners, "
            "goals, resources and history; Show archived brings it back.")
        if answer == QMessageBox.StandardButton.Yes:
            self._set_archived(row.id, True)

    def restore_current(self) -> None:
        row = self.current_row()
        if row is not None and row.archived:
            self._set_archived(row.id, False)

    def _set_archived(self, initiative_id: int, archived: bool) -> None:
        try:
            set_initiative_archived(self.workspace, initiative_id, archived)
        except REFUSALS as error:
            QMessageBox.warning(self, self.title, str(error))
        self.refresh()

    def evaluate_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.show_evaluation_requested.emit(row.id)
