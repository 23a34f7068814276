"""Add or edit a training session: which course, when, how long, who teaches, how many seats."""

from __future__ import annotations

import math
from datetime import date, time, timedelta

from PySide6.QtWidgets import QComboBox, QWidget

from app.services.courses import list_courses
from app.services.errors import ValidationError
from app.services.meetings import invitees_by_id
from app.services.organizations import organization_choices
from app.services.training_sessions import (
    MAX_CAPACITY,
    MAX_CREDIT_HOURS,
    MAX_DAYS,
    SessionInput,
    create_session,
    session_form,
    update_session,
)
from app.services.workspace import Workspace
from app.ui.dialogs.course_dialog import OptionalNumber, add_hours
from app.ui.forms import FormDialog
from app.ui.person_picker import PersonPicker

HOURS_PER_DAY = 8  # a new session of a long course gets this many hours a day


class SessionDialog(FormDialog):
    def __init__(self, workspace: Workspace, session_id: int | None = None,
                 parent: QWidget | None = None, course_id: int | None = None) -> None:
        super().__init__("Edit training session" if session_id else "New training session",
                         parent)
        self.workspace = workspace
        self.session_id = session_id
        self.version = 0
        courses = list_courses(workspace, include_archived=True)
        self._course_names = {c.id: c.name for c in courses}
        self._default_hours = {c.id: c.default_hours for c in courses}
        form = self.form
        self.course = form.choice(
            "course_id", "&Course",
            [("(choose a course)", None)] + [(c.name, c.id) for c in courses if not c.archived],
        )
        self._fit(self.course)
        self.day = form.day("day", "&Date")
        self.start = form.clock("start", "&Starts at")
        self.days = form.number("days", "Da&ys", 1, MAX_DAYS, " day")
        self.days.valueChanged.connect(self._days_suffix)
        self.hours = add_hours(form, "hours", "&Hours", 0.5, MAX_CREDIT_HOURS)
        self.hours.setToolTip("Training hours in all, over all its days: the hours each "
                              "participant is credited.")
        self.trainer = PersonPicker(workspace, placeholder="Someone in the directory")
        form.add("trainer_id", "&Trainer", self.trainer, self._read_trainer,
                 self._write_trainer)
        self.outside = form.line("trainer_name", "Trainer from &outside",
                                 "Name and agency, e.g. Dr. Keisha Brooks, State Academy")
        self.provider = form.choice(
            "provider_id", "&Provided by",
            [("(none)", None)] + [(name, i) for i, name in organization_choices(workspace)],
        )
        self._fit(self.provider)
        self.location = form.line("location", "&Location", "Riverton PD Training Room")
        self.capacity = OptionalNumber(1, MAX_CAPACITY, "seat", "No &limit", 20)
        self.capacity.setToolTip("Past this many, people join the waiting list.")
        form.add("capacity", "C&apacity", self.capacity, self.capacity.value,
                 self.capacity.set_value)
        self.trainer.person_chosen.connect(self._trainer_chosen)
        self.outside.textEdited.connect(self._outside_typed)
        self.course.currentIndexChanged.connect(lambda _: self._course_chosen())
        if session_id is not None:
            self.reload()
        else:
            form.set_values({"day": date.today() + timedelta(days=14), "start": time(9, 0),
                             "days": 1, "hours": 8.0, "capacity": 20})
            self._keep(self.course, course_id, self._archived(course_id))
            self.course.setCurrentIndex(max(self.course.findData(course_id), 0))
            self._course_chosen()
        self.resize(560, self.sizeHint().height())
        self.course.setFocus()

    @staticmethod
    def _fit(combo: QComboBox) -> None:
        combo.setMinimumContentsLength(28)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

    @staticmethod
    def _keep(combo: QComboBox, value: int | None, text: str) -> None:
        """A session of an archived course or organization keeps it (the choices list
        the others only)."""
        if value is not None and combo.findData(value) < 0:
            combo.addItem(text, value)

    def _archived(self, course_id: int | None) -> str:
        return f"{self._course_names.get(course_id or 0, 'Course')} (archived)"

    # -- fields ------------------------------------------------------------------------
    def _days_suffix(self, days: int) -> None:
        self.days.setSuffix(" day" if days == 1 else " days")

    def _course_chosen(self) -> None:
        """A new session takes the course's length (and enough days for it)."""
        course_id = self.course.currentData()
        if self.session_id is not None or course_id not in self._default_hours:
            return
        hours = self._default_hours[course_id]
        self.hours.setValue(hours)
        self.days.setValue(max(self.days.value(), math.ceil(hours / HOURS_PER_DAY)))

    def _read_trainer(self) -> int | None:
        if self.trainer.is_unresolved():
            raise ValidationError.single(
                "trainer_id", "Choose the trainer from the suggestions, or clear the field.")
        return self.trainer.person_id

    def _write_trainer(self, person_id: int | None) -> None:
        found = invitees_by_id(self.workspace, [person_id]) if person_id is not None else []
        if found:
            self.trainer.set_person(found[0].person_id, found[0].name, found[0].organization)
        else:
            self.trainer.set_person(None)

    def _trainer_chosen(self, person_id: int | None) -> None:
        if person_id is not None:  # one trainer: from the directory or from outside
            self.outside.clear()

    def _outside_typed(self, text: str) -> None:
        if text.strip() and self.trainer.text():
            self.trainer.set_person(None)

    # -- loading and saving ------------------------------------------------------------
    def reload(self) -> None:
        assert self.session_id is not None
        self.version, data = session_form(self.workspace, self.session_id)
        self._keep(self.course, data.course_id, self._archived(data.course_id))
        self._keep(self.provider, data.provider_id, "(archived organization)")
        values = vars(data).copy()
        if data.trainer_id is not None:  # the form repeats the trainer's name there
            values["trainer_name"] = ""
        self.form.set_values(values)

    def values(self) -> SessionInput:
        values = self.form.values()
        if values["trainer_id"] is not None:
            values["trainer_name"] = ""
        return SessionInput(**values)

    def show_errors(self, errors: dict[str, str]) -> None:
        super().show_errors(errors)
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def save(self) -> int | None:
        data = self.values()
        if self.session_id is None:
            return create_session(self.workspace, data)
        update_session(self.workspace, self.session_id, data, self.version)
        return self.session_id

    @classmethod
    def ask(cls, workspace: Workspace, session_id: int | None = None,  # type: ignore[override]
            parent: QWidget | None = None, course_id: int | None = None) -> int | None:
        """Show the dialog; the saved session's id, or None if cancelled."""
        dialog = cls(workspace, session_id, parent, course_id)
        return dialog.saved_id if dialog.exec() else None
