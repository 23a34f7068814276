"""The Action items page: every item across meetings, filtered, sorted and paged in SQL,
overdue ones in the warning colour, with bulk "Mark done" and a way to the meeting."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.models import ActionStatus
from app.services.action_item_list import (
    ActionQuery,
    ActionRow,
    count_action_items,
    list_action_items,
)
from app.services.action_items import mark_done
from app.services.changes import EVERYTHING, Change
from app.services.initiatives import initiative_choices
from app.services.organizations import organization_choices
from app.services.pages import Page
from app.services.permissions import Permission
from app.services.workspace import Workspace
from app.ui.dialogs.action_item_dialog import ActionItemDialog
from app.ui.formatting import display
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
from app.ui.person_picker import PersonPicker
from app.ui.refusals import REFUSALS
from app.ui.table_model import Column
from app.ui.table_view import fit_columns, row_table_view

WATCHED = frozenset(
    {"action_items", "people", "meetings", "initiatives", "organizations", "affiliations"}
)
CHOICES = frozenset({"organizations", "initiatives"})  # kinds that change the filter combos
DUE, DESCRIPTION, COMPLETED = 0, 1, 5
MIN_DESCRIPTION_WIDTH = 240


def days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def due_text(row: ActionRow) -> str:
    """"12 Nov 2026", or "12 Nov 2026 (16 days late)" for an open item past due."""
    text = display(row.due_on)
    return f"{text} ({days(row.days_overdue)} late)" if row.overdue else text


def overdue_tip(row: ActionRow) -> str:
    return f"Overdue by {days(row.days_overdue)}" if row.overdue else ""


def _overdue(row: ActionRow) -> bool:
    return row.overdue


def _column(title: str, value: Callable[[ActionRow], object], wide: bool = False
            ) -> Column[ActionRow]:
    """A column in the warning colour for overdue items; its tip shows the whole text."""

    def tip(row: ActionRow) -> str:
        return "\n".join(t for t in (display(value(row)), overdue_tip(row)) if t)

    return Column(title, value, wide=wide, tooltip=tip, warning=_overdue)


COLUMNS: list[Column[ActionRow]] = [
    Column("Due", due_text, tooltip=overdue_tip, warning=_overdue),
    _column("Description", lambda r: r.description, wide=True),
    _column("Owner", lambda r: r.owner),
    _column("Organization", lambda r: r.owner_organization),
    _column("Status", lambda r: r.status),
    _column("Completed", lambda r: r.completed_on),
    _column("Meeting", lambda r: r.meeting),
    _column("Initiative", lambda r: r.initiative),
]
SORT_KEYS: list[str | None] = [
    "due", "description", "owner", "organization", "status", "completed", "meeting", "initiative",
]
STATUSES: list[tuple[str, ActionStatus | None]] = [
    ("Open", ActionStatus.OPEN),
    ("Done", ActionStatus.DONE),
    ("Dropped", ActionStatus.DROPPED),
    ("All statuses", None),
]


class ActionItemsPage(QWidget):
    title = "Action items"
    show_meeting_requested = Signal(int)  # the meeting an item was born in

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search descriptions and notes…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.status = self._combo("statusFilter", STATUSES)
        self.organization = self._combo("organizationFilter", [])
        self.initiative = self._combo("initiativeFilter", [])
        self._fill_choices()
        self.owner = PersonPicker(workspace, placeholder="Any owner")
        self.owner.setObjectName("ownerFilter")
        self.owner.setMinimumWidth(160)
        self.overdue_only = QCheckBox("O&verdue only")
        self.count = QLabel()
        self.count.setObjectName("count")
        self.message = QLabel()
        self.message.setObjectName("message")
        self.model: PagedTableModel[ActionRow] = PagedTableModel(
            COLUMNS, SORT_KEYS, self._fetch, self
        )
        self.view = row_table_view(self.model, "list")
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.toolbar = QToolBar()
        self._reload_timer = QTimer(self, singleShot=True, interval=150)
        self._reload_timer.timeout.connect(self.refresh)
        self._build_layout()
        self._build_actions()
        self.search.textChanged.connect(lambda _: self._reload_timer.start())
        for combo in (self.status, self.organization, self.initiative):
            combo.currentIndexChanged.connect(lambda _: self.refresh())
        self.owner.person_chosen.connect(lambda _: self.refresh())
        self.overdue_only.toggled.connect(lambda _: self.refresh())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._enable_actions())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._enable_actions())
        self.view.doubleClicked.connect(lambda _: self.edit_current())
        self._enable_actions()

    # -- layout and actions ----------------------------------------------------------
    def _combo(self, name: str, options: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setMinimumContentsLength(12)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        for text, value in options:
            combo.addItem(text, value)
        return combo

    def _fill_choices(self) -> None:
        """The organizations and initiatives to filter by, keeping the current choices."""
        for combo, everything, choices in (
            (self.organization, "All organizations", organization_choices(self.workspace)),
            (self.initiative, "All initiatives", initiative_choices(self.workspace)),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for choice_id, name in choices:
                combo.addItem(name, choice_id)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)

    def _build_layout(self) -> None:
        top = heading_row(self.title, self.count)
        filters = QHBoxLayout()
        filters.addWidget(self.search, stretch=2)
        for widget in (self.status, self.organization, self.initiative):
            filters.addWidget(widget, stretch=1)
        filters.addWidget(self.owner, stretch=1)
        filters.addWidget(self.overdue_only)
        tools = QHBoxLayout()
        tools.addWidget(self.toolbar)
        tools.addStretch(1)
        tools.addWidget(self.message)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(tools)
        layout.addLayout(filters)
        layout.addWidget(self.view, stretch=1)

    def _build_actions(self) -> None:
        self.new_action = self.action("&New", self.add_new, QKeySequence.StandardKey.New)
        self.edit_action = self.action("&Edit", self.edit_current)
        self.done_action = self.action(
            "Mark &done", self.mark_selected_done, QKeySequence("Ctrl+D")
        )
        self.meeting_action = self.action(
            "Open &meeting", self.open_meeting, QKeySequence("Ctrl+M")
        )
        self.edit_action.setToolTip("Edit the current item (Enter)")
        list_shortcuts(self, self.view, self.search, self.edit_current)

    def _enable_actions(self) -> None:
        edit = self.workspace.may(Permission.EDIT)
        current = self.current_row()
        self.new_action.setEnabled(edit)
        self.edit_action.setEnabled(edit and current is not None)
        self.done_action.setEnabled(
            edit and any(r.status is ActionStatus.OPEN for r in self.selected_rows())
        )
        self.meeting_action.setEnabled(current is not None and current.meeting_id is not None)

    def action(self, text: str, slot: Callable[[], object],
               shortcut: Shortcut | None = None) -> QAction:
        return toolbar_action(self, self.toolbar, text, slot, shortcut)

    # -- loading ---------------------------------------------------------------------
    def query(self) -> ActionQuery:
        return ActionQuery(
            search=self.search.text(),
            status=self.status.currentData(),
            owner_id=self.owner.person_id,
            organization_id=self.organization.currentData(),
            initiative_id=self.initiative.currentData(),
            overdue_only=self.overdue_only.isChecked(),
            today=date.today(),
        )

    def _fetch(self, sort: str, descending: bool, offset: int, limit: int) -> Page[ActionRow]:
        return list_action_items(self.workspace, self.query(), offset, limit, sort, descending)

    def refresh(self) -> None:
        keep = self.current_row()
        reload_list(self.model, self._fit_columns)
        self.count.setText(self._count_text())
        status = self.status.currentData()  # completion dates only where there can be some
        self.view.setColumnHidden(COMPLETED, status in (ActionStatus.OPEN, ActionStatus.DROPPED))
        self._balance_description()
        reselect(self.view, self.model, keep.id if keep is not None else None)
        self._enable_actions()

    def _count_text(self) -> str:
        total = self.model.total
        status = self.status.currentData()
        noun = "action item" if total == 1 else "action items"
        text = f"{total:,} {enum_word(status)}{noun}"
        if status in (ActionStatus.OPEN, None) and not self.overdue_only.isChecked() and total:
            late = count_action_items(self.workspace, replace(self.query(), overdue_only=True))
            text += f" · {late:,} overdue" if late else ""
        return text

    def _fit_columns(self) -> None:
        """Size columns to the first rows once; the Due column keeps room for lateness."""
        fit_columns(self.view)
        late = self.view.fontMetrics().horizontalAdvance("30 Nov 2026 (365 days late)")
        self.view.setColumnWidth(DUE, max(self.view.columnWidth(DUE), late + 12))
    def _balance_description(self) -> None:
        """The description takes the room left, but scrolls rather than shrink to nothing."""
        header = self.view.horizontalHeader()
        others = sum(
            self.view.columnWidth(c)
            for c in range(self.model.columnCount())
            if c != DESCRIPTION and not self.view.isColumnHidden(c)
        )
        if self.view.viewport().width() - others >= MIN_DESCRIPTION_WIDTH:
            header.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        else:
            header.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Interactive)
            self.view.setColumnWidth(DESCRIPTION, MIN_DESCRIPTION_WIDTH)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._balance_description()

    def on_change(self, change: Change) -> None:
        if change.kind == EVERYTHING or change.kind in CHOICES:
            self._fill_choices()
        if change.kind == EVERYTHING or change.kind in WATCHED:
            self.refresh()

    # -- selection -------------------------------------------------------------------
    def current_row(self) -> ActionRow | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def selected_rows(self) -> list[ActionRow]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.row_at(r) for r in rows]

    def select_row(self, row: int) -> None:
        select_row(self.view, row)

    def select_id(self, item_id: int) -> None:
        select_id(self.view, self.model, item_id)

    # -- actions ---------------------------------------------------------------------
    def add_new(self) -> None:
        if not self.workspace.may(Permission.EDIT):
            return
        saved = ActionItemDialog.ask(
            self.workspace, None, self, initiative_id=self.initiative.currentData()
        )
        if saved is not None:
            self.refresh()
            self.select_id(saved)

    def edit_current(self) -> None:
        row = self.current_row()
        if row is None or not self.workspace.may(Permission.EDIT):
            return
        saved: list[int | None] = []
        done = self._run(lambda: saved.append(ActionItemDialog.ask(self.workspace, row.id, self)))
        if not done or saved[0] is not None:  # saved, or gone since the list was read
            self.refresh()

    def mark_selected_done(self) -> None:
        if not self.workspace.may(Permission.EDIT):
            return
        open_rows = [r for r in self.selected_rows() if r.status is ActionStatus.OPEN]
        if not open_rows:
            self.message.setText("Select open items to mark them done.")
            return
        if len(open_rows) > 1 and not self.confirm(
            f"Mark {len(open_rows)} action items done today?"
        ):
            return
        changed: list[int] = []
        if self._run(lambda: changed.append(mark_done(self.workspace, [r.id for r in open_rows]))):
            count = changed[0]
            self.message.setText(f"Marked {count} {'item' if count == 1 else 'items'} done.")
            self.refresh()

    def confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self, "Mark done", question)
        return answer == QMessageBox.StandardButton.Yes

    def open_meeting(self) -> None:
        row = self.current_row()
        if row is not None and row.meeting_id is not None:
            self.show_meeting_requested.emit(row.meeting_id)

    def _run(self, work: Callable[[], object]) -> bool:
        try:
            work()
        except REFUSALS as error:
            QMessageBox.warning(self, self.title, str(error))
            return False
        return True


def enum_word(status: ActionStatus | None) -> str:
    """"open " for the count line ("3 open action items"); "" for all statuses."""
    return f"{status.value} " if status is not None else ""
