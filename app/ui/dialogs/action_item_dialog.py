"""Add or edit an action item: what, who (picked from the directory), by when, how it ended."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from app.models import ActionStatus
from app.services.action_items import (
    ActionItemInput,
    action_item_form,
    create_action_item,
    update_action_item,
)
from app.services.errors import ValidationError
from app.services.initiatives import initiative_choices
from app.services.meetings import invitees_by_id
from app.services.workspace import Workspace
from app.ui.forms import Form, FormDialog, parse_date
from app.ui.person_picker import PersonPicker

DATE_HINT = "Write the date as YYYY-MM-DD, e.g. 2026-11-12, or pick it from the calendar."


class DateField(QWidget):
    """An optional date typed as YYYY-MM-DD or picked from a calendar; empty is no date."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("YYYY-MM-DD")
        self.edit.setMaximumWidth(140)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        menu = QMenu(self)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        self.menu = menu
        self.button = QToolButton()
        self.button.setText("Calendar…")
        self.button.setToolTip("Pick the date from a calendar")
        self.button.clicked.connect(self._show_calendar)
        self.calendar.clicked.connect(lambda day: (self._pick(day), menu.hide()))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        row.addWidget(self.button)
        row.addStretch(1)
        self.setFocusProxy(self.edit)

    def value(self) -> date | None:
        """The date entered; ValueError when the text is not one."""
        return parse_date(self.edit.text())

    def set_value(self, value: date | None) -> None:
        self.edit.setText(value.isoformat() if value else "")

    def _show_calendar(self) -> None:
        try:
            shown = self.value() or date.today()
        except ValueError:
            shown = date.today()
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        self.menu.popup(self.button.mapToGlobal(self.button.rect().bottomLeft()))
        self.calendar.setFocus()

    def _pick(self, day: QDate) -> None:
        self.set_value(date(day.year(), day.month(), day.day()))
        self.edit.setFocus()


def add_date(form: Form, name: str, label: str) -> DateField:
    field = DateField()

    def read() -> date | None:
        try:
            return field.value()
        except ValueError:
            raise ValidationError.single(name, DATE_HINT) from None

    form.add(name, label, field, read, field.set_value)
    return field


class ActionItemDialog(FormDialog):
    def __init__(
        self,
        workspace: Workspace,
        item_id: int | None = None,
        parent: QWidget | None = None,
        meeting_id: int | None = None,
        initiative_id: int | None = None,
    ) -> None:
        super().__init__("Edit action item" if item_id else "New action item", parent)
        self.workspace = workspace
        self.item_id = item_id
        self.meeting_id = meeting_id
        self.version = 0
        form = self.form
        self.description = form.text("description", "&Description")
        self.owner = PersonPicker(workspace)
        self.owner_organization = QLabel()
        self.owner_organization.setObjectName("ownerOrganization")
        self.owner_organization.setStyleSheet("color: #555;")
        owner_box = QWidget()
        column = QVBoxLayout(owner_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.owner)
        column.addWidget(self.owner_organization)
        owner_box.setFocusProxy(self.owner)
        form.add("owner_id", "&Owner", owner_box, self._read_owner, self._write_owner)
        self.due_on = add_date(form, "due_on", "D&ue date")
        self.status = form.enum_choice("status", "&Status", ActionStatus)
        self.completed_on = add_date(form, "completed_on", "&Completed on")
        self.notes = form.text("notes", "N&otes")
        self.initiative = form.choice(
            "initiative_id",
            "&Initiative",
            [("(none)", None), *((name, i) for i, name in initiative_choices(workspace))],
        )
        self.initiative.setMinimumContentsLength(24)
        self.initiative.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.owner.person_chosen.connect(lambda _: self._show_organization())
        self.status.currentIndexChanged.connect(lambda _: self._status_changed())
        if item_id is not None:
            self.reload()
        else:
            form.set_values({"status": ActionStatus.OPEN, "initiative_id": initiative_id})
        self._status_changed()
        self._show_organization()
        self.resize(560, self.sizeHint().height())
        self.description.setFocus()

    # -- fields ---------------------------------------------------------------------
    def _read_owner(self) -> int | None:
        if self.owner.is_unresolved():
            raise ValidationError.single(
                "owner_id", "Choose the owner from the suggestions, or clear the field."
            )
        return self.owner.person_id

    def _write_owner(self, person_id: int | None) -> None:
        found = invitees_by_id(self.workspace, [person_id]) if person_id is not None else []
        if found:
            self.owner.set_person(found[0].person_id, found[0].name, found[0].organization)
        else:
            self.owner.set_person(None)
        self._show_organization()

    def _show_organization(self) -> None:
        organization = self.owner.organization
        self.owner_organization.setText(organization)
        self.owner_organization.setVisible(bool(organization))

    def _status_changed(self) -> None:
        done = self.status.currentData() is ActionStatus.DONE
        self.completed_on.setEnabled(done)
        if done and not self.completed_on.edit.text().strip():
            self.completed_on.set_value(date.today())
        elif not done:
            self.completed_on.set_value(None)

    def _keep_initiative(self, initiative_id: int | None) -> None:
        """An item of an archived initiative keeps it (the choices list only active ones)."""
        if initiative_id is not None and self.initiative.findData(initiative_id) < 0:
            self.initiative.addItem("(archived initiative)", initiative_id)

    # -- loading and saving ------------------------------------------------------------
    def reload(self) -> None:
        """Show the stored item (discarding edits) and save against its version."""
        assert self.item_id is not None
        self.version, data = action_item_form(self.workspace, self.item_id)
        self.meeting_id = data.meeting_id
        self._keep_initiative(data.initiative_id)
        values = vars(data).copy()
        values.pop("meeting_id")
        status, completed = values.pop("status"), values.pop("completed_on")
        self.form.set_values(values)
        self.form.set_values({"status": status})  # fills today when done...
        self.completed_on.set_value(completed)  # ...so the stored date goes in after
        self._status_changed()

    def save(self) -> int | None:
        data = ActionItemInput(meeting_id=self.meeting_id, **self.form.values())
        if self.item_id is None:
            return create_action_item(self.workspace, data)
        update_action_item(self.workspace, self.item_id, data, self.version)
        return self.item_id

    @classmethod
    def ask(
        cls,
        workspace: Workspace,
        item_id: int | None = None,
        parent: QWidget | None = None,
        meeting_id: int | None = None,
        initiative_id: int | None = None,
    ) -> int | None:
        """Show the dialog; the saved item's id, or None if cancelled."""
        dialog = cls(workspace, item_id, parent, meeting_id, initiative_id)
        return dialog.saved_id if dialog.exec() else None

