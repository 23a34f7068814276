"""Add or edit a meeting: details, agenda, invitees and attendance, minutes, action items.

Everything but the action items is saved at once by Save, in one transaction; action
items are records of their own, saved as soon as their dialog closes. A meeting of a
series asks whether the change is for this meeting only or for the following ones too.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.models import MeetingStatus
from app.services.action_items import OpenAction, mark_done
from app.services.dates import local_instant
from app.services.initiatives import initiative_choices
from app.services.meetings import (
    Invitee,
    MeetingForm,
    MeetingInput,
    create_meeting,
    invitees_by_id,
    meeting_form,
    update_meeting,
)
from app.services.permissions import Permission
from app.services.workspace import Workspace
from app.ui.dialogs.agenda_editor import AgendaEditor
from app.ui.dialogs.attendance_editor import AttendanceEditor
from app.ui.forms import Form, FormDialog, show_errors_on_tabs, stacked_tab
from app.ui.refusals import REFUSALS
from app.ui.table_model import Column, RowTableModel
from app.ui.table_view import row_table_view

ACTION_COLUMNS: list[Column[OpenAction]] = [
    Column("Description", lambda a: a.description, wide=True),
    Column("Owner", lambda a: a.owner),
    Column("Organization", lambda a: a.owner_organization),
    Column("Due", lambda a: a.due_on, warning=lambda a: a.days_overdue > 0,
           tooltip=lambda a: f"Overdue by {a.days_overdue} days" if a.days_overdue else ""),
]
DETAILS = ("title", "day", "start", "duration_minutes", "location", "initiative_id", "status")


class MeetingDialog(FormDialog):
    def __init__(self, workspace: Workspace, meeting_id: int | None = None,
                 parent: QWidget | None = None, day: date | None = None) -> None:
        super().__init__("Edit meeting" if meeting_id else "New meeting", parent)
        self.workspace = workspace
        self.meeting_id = meeting_id
        self.loaded: MeetingForm | None = None
        self.tabs = QTabWidget()
        self.tabs.setObjectName("meetingTabs")
        while self.body.count() > 1:  # the form and its stretch make way for the tabs
            self.body.takeAt(0)
        self.body.insertWidget(0, self.tabs, stretch=1)
        self._build_details()
        self.agenda_form, self.agenda = Form(), AgendaEditor(self.attendance_invitees)
        self.agenda_form.attach("agenda", self.agenda, self.agenda.entries,
                                self.agenda.set_entries)
        self.tabs.addTab(stacked_tab(self.agenda_form, self.agenda), "&Agenda")
        self._build_attendance()
        self._build_minutes()
        self.tabs.addTab(self._build_actions(), "A&ction items")
        self.forms = [self.form, self.agenda_form, self.people_form, self.minutes_form]
        self.start.timeChanged.connect(lambda _: self._timing_changed())
        self.form.fields["day"].widget.dateChanged.connect(  # type: ignore[attr-defined]
            lambda _: self._timing_changed())
        self.duration.valueChanged.connect(lambda _: self._timing_changed())
        if meeting_id is not None:
            self.reload()
        else:
            self.form.set_values({"day": day or date.today() + timedelta(days=7),
                                  "start": time(18, 0), "duration_minutes": 90,
                                  "status": MeetingStatus.SCHEDULED})
            self._timing_changed()
            self._show_actions()
        self.resize(860, 640)
        self.title.setFocus()

    # -- building --------------------------------------------------------------------
    def _build_details(self) -> None:
        form = self.form
        self.title = form.line("title", "&Title", "Community Safety Partnership – December")
        form.day("day", "&Date")
        self.start = form.clock("start", "&Starts at")
        self.duration = form.number("duration_minutes", "D&uration", 5, 24 * 60, " min")
        self.duration.setSingleStep(15)
        form.line("location", "&Location", "Public Library, Community Room B")
        choices = [("(none)", None)] + [(n, i) for i, n in initiative_choices(self.workspace)]
        form.choice("initiative_id", "&Initiative", choices)
        form.enum_choice("status", "Stat&us", MeetingStatus)
        self.series_label = QLabel()
        self.series_label.setObjectName("seriesLabel")
        form.layout_.addRow("Series", self.series_label)
        self.tabs.addTab(form, "&Details")

    def _build_attendance(self) -> None:
        self.people_form = Form()
        self.attendance = AttendanceEditor(self._choose_people)
        self.people_form.attach("attendance", self.attendance, self.attendance.attendance,
                                lambda _: None)
        self.walk_ins = self.people_form.number("walk_in_count", "&Walk-ins", 0, 10_000)
        self.walk_ins.setToolTip("People who came without an invitation")
        self.tabs.addTab(stacked_tab(self.people_form, self.attendance),
                         "&Invitees and attendance")

    def _build_minutes(self) -> None:
        self.minutes_form = Form()
        self.minutes_form.layout_.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        minutes = self.minutes_form.text("minutes", "&Minutes")
        decisions = self.minutes_form.text("decisions", "D&ecisions")
        for edit, height in ((minutes, 260), (decisions, 120)):
            edit.setMinimumHeight(height)
            edit.setMaximumHeight(16_777_215)
        minutes.setPlaceholderText("What was discussed, item by item. Line breaks are kept "
                                   "in the printed minutes.")
        self.tabs.addTab(self.minutes_form, "Mi&nutes")

    def _build_actions(self) -> QWidget:
        page = QWidget()
        self.carried_model: RowTableModel[OpenAction] = RowTableModel(ACTION_COLUMNS, self)
        self.own_model: RowTableModel[OpenAction] = RowTableModel(ACTION_COLUMNS, self)
        self.carried_view = row_table_view(self.carried_model, "carriedActions")
        self.own_view = row_table_view(self.own_model, "ownActions")
        for model, view in ((self.carried_model, self.carried_view),
                            (self.own_model, self.own_view)):
            view.doubleClicked.connect(
                lambda index, m=model: self.edit_action(m.row_at(index.row()).id)
            )
        self.actions_note = QLabel()
        self.actions_note.setWordWrap(True)
        new = QPushButton("&New action item…")
        new.clicked.connect(self.new_action)
        done = QPushButton("Mark selected &done")
        done.clicked.connect(self.mark_selected_done)
        self.action_buttons = [new, done]
        row = QHBoxLayout()
        row.addWidget(new)
        row.addWidget(done)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.actions_note)
        layout.addWidget(QLabel("Open items carried from earlier meetings"))
        layout.addWidget(self.carried_view)
        layout.addWidget(QLabel("Open items from this meeting"))
        layout.addWidget(self.own_view)
        layout.addLayout(row)
        return page

    # -- loading and saving ------------------------------------------------------------
    def reload(self) -> None:
        assert self.meeting_id is not None
        loaded = meeting_form(self.workspace, self.meeting_id)
        self.loaded = loaded
        data = loaded.data
        self.form.set_values({name: getattr(data, name) for name in DETAILS})
        self.series_label.setText(loaded.series_rule or "Not part of a series")
        self.agenda.set_entries(data.agenda)
        self.attendance.set_rows([(loaded.invitees[pid], status)
                                  for pid, status in data.attendance])
        self.walk_ins.setValue(data.walk_in_count)
        self.minutes_form.set_values({"minutes": data.minutes, "decisions": data.decisions})
        self._timing_changed()
        self._show_actions(loaded)

    def values(self) -> MeetingInput:
        return MeetingInput(
            **self.form.values(),
            agenda=self.agenda.entries(),
            attendance=self.attendance.attendance(),
            walk_in_count=self.walk_ins.value(),
            **self.minutes_form.values(),
        )

    def save(self) -> int | None:
        data = self.values()
        if self.meeting_id is None:
            return create_meeting(self.workspace, data)
        assert self.loaded is not None
        following = False
        if self.loaded.series_id is not None:
            choice = self.ask_scope()
            if choice is None:
                return None
            following = choice
        update_meeting(self.workspace, self.meeting_id, data, self.loaded.version,
                       following=following)
        return self.meeting_id

    def ask_scope(self) -> bool | None:
        """This meeting only (False), this and the following ones (True), or Cancel (None)."""
        box = QMessageBox(QMessageBox.Icon.Question, self.windowTitle(),
                          "This meeting is part of a series. Save the changes to…", parent=self)
        box.setInformativeText("The following scheduled meetings take the title, time, length, "
                               "location, initiative, agenda and invitees; their own minutes "
                               "and attendance stay.")
        only = box.addButton("This meeting &only", QMessageBox.ButtonRole.AcceptRole)
        rest = box.addButton("This and &following meetings", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(only)
        clicked = self.ask_box(box)
        return False if clicked is only else True if clicked is rest else None

    def show_errors(self, errors: dict[str, str]) -> None:
        show_errors_on_tabs(self.tabs, self.forms, errors)

    # -- helpers -----------------------------------------------------------------------
    def attendance_invitees(self) -> list[tuple[int, str]]:
        return self.attendance.invitees()

    def _choose_people(self, parent: QWidget) -> list[Invitee]:
        from app.ui.person_picker import PeopleChooserDialog

        ids = PeopleChooserDialog.ask(self.workspace, parent, "Invite people")
        return invitees_by_id(self.workspace, ids) if ids else []

    def _timing_changed(self) -> None:
        values = self.form.values()
        self.agenda.set_timing(local_instant(values["day"], values["start"]),
                               self.duration.value())

    def _show_actions(self, loaded: MeetingForm | None = None) -> None:
        saved = loaded is not None
        editable = saved and self.workspace.may(Permission.EDIT)
        for button in self.action_buttons:
            button.setEnabled(editable)
        if not saved:
            self.actions_note.setText("Save the meeting first; then action items can be "
                                      "added to it.")
            return
        assert loaded is not None
        self.carried_model.set_rows(loaded.carried_actions)
        self.own_model.set_rows(loaded.own_actions)
        self.actions_note.setText("Action items are saved at once, separately from the "
                                  "meeting. Items carried here come from earlier meetings of "
                                  "the same series or initiative until they are done.")

    def _refresh_actions(self) -> None:
        if self.meeting_id is not None:
            self._show_actions(meeting_form(self.workspace, self.meeting_id))

    def new_action(self) -> None:
        from app.ui.dialogs.action_item_dialog import ActionItemDialog

        initiative = self.form.values()["initiative_id"]
        if ActionItemDialog.ask(self.workspace, None, self, meeting_id=self.meeting_id,
                                initiative_id=initiative) is not None:
            self._refresh_actions()

    def edit_action(self, item_id: int) -> None:
        from app.ui.dialogs.action_item_dialog import ActionItemDialog

        if self.workspace.may(Permission.EDIT) and ActionItemDialog.ask(
            self.workspace, item_id, self
        ) is not None:
            self._refresh_actions()

    def mark_selected_done(self) -> None:
        ids = [model.row_at(i.row()).id
               for model, view in ((self.carried_model, self.carried_view),
                                   (self.own_model, self.own_view))
               for i in view.selectionModel().selectedRows()]
        if not ids:
            QMessageBox.information(self, self.windowTitle(), "Select the items that are done.")
            return
        try:
            mark_done(self.workspace, ids)
        except REFUSALS as error:
            QMessageBox.warning(self, self.windowTitle(), str(error))
        self._refresh_actions()

    @classmethod
    def ask(cls, workspace: Workspace, meeting_id: int | None = None,  # type: ignore[override]
            parent: QWidget | None = None, day: date | None = None) -> int | None:
        """Show the dialog; the saved meeting's id, or None if cancelled."""
        dialog = cls(workspace, meeting_id, parent, day)
        return dialog.saved_id if dialog.exec() else None

