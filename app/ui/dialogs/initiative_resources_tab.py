"""The Resources tab: expenditures and contributions (saved at once, each on its own),
with the totals and the burn against the budget."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.models import Funding
from app.services.expenditures import (
    CATEGORIES,
    MAX_HOURS,
    ExpenditureInput,
    ExpenditureRow,
    burn_text,
    create_expenditure,
    delete_expenditure,
    expenditure_form,
    list_expenditures,
    resource_totals,
    update_expenditure,
)
from app.services.initiatives import FUNDING_LABELS
from app.services.money import format_money
from app.services.permissions import Permission
from app.services.workspace import Workspace
from app.ui.dialogs.course_dialog import add_hours
from app.ui.dialogs.initiative_fields import add_money
from app.ui.forms import FormDialog
from app.ui.refusals import REFUSALS
from app.ui.table_model import Column, RowTableModel
from app.ui.table_view import row_table_view

COLUMNS: list[Column[ExpenditureRow]] = [
    Column("Date", lambda e: e.spent_on),
    Column("Category", lambda e: e.category),
    Column("Description", lambda e: e.description, wide=True),
    Column("Cash / in-kind", lambda e: FUNDING_LABELS[e.funding]),
    Column("Amount", lambda e: e.amount, numeric=True),
    Column("Volunteer hours", lambda e: f"{e.volunteer_hours:g}" if e.volunteer_hours else "",
           numeric=True),
    Column("Contributed by", lambda e: e.organization),
]
OVER = "#b3261e"


class ExpenditureDialog(FormDialog):
    def __init__(self, workspace: Workspace, initiative_id: int, expenditure_id: int | None,
                 organizations: list[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__("Edit resource" if expenditure_id else "New resource", parent)
        self.workspace = workspace
        self.initiative_id = initiative_id
        self.expenditure_id = expenditure_id
        self.version = 0
        form = self.form
        form.day("spent_on", "&Date")
        self.category = QComboBox()
        self.category.setEditable(True)
        self.category.addItems(CATEGORIES)
        form.add("category", "&Category", self.category, self.category.currentText,
                 self.category.setCurrentText)
        form.line("description", "D&escription", "Motion-sensor lights for 12 homes")
        form.choice("funding", "&Paid as", [(FUNDING_LABELS[f], f) for f in Funding])
        self.amount = add_money(form, "amount_cents", "&Amount", "e.g. 1,234.50")
        add_hours(form, "volunteer_hours", "&Volunteer hours", 0.0, MAX_HOURS)
        self.contributor = form.choice(
            "organization_id", "Contributed &by",
            [("(none)", None)] + [(n, i) for i, n in organizations])
        if expenditure_id is not None:
            self.reload()
        else:
            form.set_values({"spent_on": date.today(), "category": "Equipment",
                             "funding": Funding.CASH})
        self.resize(520, self.sizeHint().height())
        self.amount.setFocus()

    def reload(self) -> None:
        """Show the stored line (discarding edits) and save against its version."""
        assert self.expenditure_id is not None
        self.version, data = expenditure_form(self.workspace, self.expenditure_id)
        kept = data.organization_id
        if kept is not None and self.contributor.findData(kept) < 0:  # archived meanwhile
            self.contributor.addItem("(archived organization)", kept)
        self.form.set_values(vars(data))

    def save(self) -> int | None:
        values = self.form.values()
        data = ExpenditureInput(**{**values, "amount_cents": values["amount_cents"] or 0})
        if self.expenditure_id is None:
            return create_expenditure(self.workspace, self.initiative_id, data)
        update_expenditure(self.workspace, self.expenditure_id, data, self.version)
        return self.expenditure_id

    @classmethod
    def ask(cls, workspace: Workspace, initiative_id: int,  # type: ignore[override]
            expenditure_id: int | None, organizations: list[tuple[int, str]],
            parent: QWidget | None = None) -> int | None:
        dialog = cls(workspace, initiative_id, expenditure_id, organizations, parent)
        return dialog.saved_id if dialog.exec() else None


class ResourcesTab(QWidget):
    """``budget()`` gives the budget typed on the Details tab (the burn follows it)."""

    def __init__(self, workspace: Workspace, organizations: list[tuple[int, str]],
                 budget: Callable[[], int | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.organizations = organizations
        self.budget = budget
        self.initiative_id: int | None = None
        self.model: RowTableModel[ExpenditureRow] = RowTableModel(COLUMNS, self)
        self.view = row_table_view(self.model, "expenditures")
        self.view.doubleClicked.connect(lambda _: self.edit_current())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.model.modelReset.connect(self._enable)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.totals = QLabel()
        self.totals.setObjectName("resourceTotals")
        self.totals.setWordWrap(True)
        self.buttons = []
        row = QHBoxLayout()
        for text, slot in (("&Add resource…", self.add), ("&Edit…", self.edit_current),
                           ("&Delete…", self.delete_current)):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, s=slot: s())
            row.addWidget(button)
            self.buttons.append(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.view, stretch=1)
        layout.addLayout(row)
        layout.addWidget(self.totals)
        self.cash = self.in_kind = 0
        self.hours = 0.0
        self.set_initiative(None)

    def set_initiative(self, initiative_id: int | None) -> None:
        self.initiative_id = initiative_id
        self._enable()
        if initiative_id is None:
            self.note.setText("Save the initiative first; then its expenditures and "
                              "contributions can be added.")
            self.model.set_rows([])
        else:
            self.note.setText("Expenditures and contributions are saved at once, "
                              "separately from the initiative. Spent is the cash spent; "
                              "in-kind contributions are counted beside it.")
            self.reload()
        self.show_totals()

    def reload(self) -> None:
        if self.initiative_id is None:
            return
        self.model.set_rows(list_expenditures(self.workspace, self.initiative_id))
        totals = resource_totals(self.workspace, self.initiative_id)
        self.cash, self.in_kind, self.hours = (totals.cash_cents, totals.in_kind_cents,
                                               totals.volunteer_hours)
        self.show_totals()

    def show_totals(self) -> None:
        try:
            budget = self.budget()
        except REFUSALS:
            budget = None  # the Details tab shows what is wrong with the budget
        burn = burn_text(budget, self.cash)
        over = budget is not None and self.cash > budget
        colour = f" style='color:{OVER}'" if over else ""
        self.totals.setText(
            f"<b{colour}>{escape(burn)}</b><br>Cash {format_money(self.cash)} · in-kind "
            f"{format_money(self.in_kind)} · total resources "
            f"{format_money(self.cash + self.in_kind)} · volunteer hours {self.hours:,.1f}")

    def _enable(self) -> None:
        """Add needs a saved initiative and the right to edit; Edit and Delete a row too."""
        editable = self.initiative_id is not None and self.workspace.may(Permission.EDIT)
        chosen = self._current() is not None
        add, edit, delete = self.buttons
        add.setEnabled(editable)
        edit.setEnabled(editable and chosen)
        delete.setEnabled(editable and chosen)

    def _current(self) -> ExpenditureRow | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def add(self) -> None:
        if self.initiative_id is not None and ExpenditureDialog.ask(
                self.workspace, self.initiative_id, None, self.organizations, self):
            self.reload()

    def edit_current(self) -> None:
        row = self._current()
        if row is not None and self.initiative_id is not None and self.buttons[1].isEnabled() \
                and ExpenditureDialog.ask(self.workspace, self.initiative_id, row.id,
                                          self.organizations, self):
            self.reload()

    def delete_current(self) -> None:
        row = self._current()
        if row is None:
            return
        answer = QMessageBox.question(
            self, "Delete resource",
            f"Delete {row.category} of {row.spent_on:%d %b %Y} ({row.amount})? The audit "
            "log keeps a record of it.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            delete_expenditure(self.workspace, row.id)
        except REFUSALS as error:
            QMessageBox.warning(self, "Delete resource", str(error))
        self.reload()
