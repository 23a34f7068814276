"""The Training page and its dialogs, driven as a user would, on a real SQLite file:
a course, a session, enrollment with a waiting list, a roster, a requirement, compliance
and hours."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QDate, Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from app.models import (
    Affiliation,
    CourseCategory,
    EnrollmentStatus,
    Organization,
    OrganizationKind,
    Person,
    RequirementMode,
    Role,
    Tag,
    utcnow,
)
from app.models.database import open_database
from app.services.changes import Change
from app.services.compliance import add_requirement
from app.services.courses import CourseInput, create_course
from app.services.training_sessions import (
    RosterLine,
    SessionInput,
    SessionWhen,
    create_session,
    enroll,
    roster_form,
    save_roster,
    session_form,
    update_session,
)
from app.services.workspace import Workspace
from app.ui.dialogs.course_dialog import CourseDialog
from app.ui.dialogs.requirement_dialog import RequirementDialog
from app.ui.dialogs.roster_dialog import RosterDialog
from app.ui.dialogs.session_dialog import SessionDialog
from app.ui.pages.training_compliance_tab import AMBER
from app.ui.pages.training_hours_tab import HoursTargetDialog
from app.ui.pages.training_page import TrainingPage
from app.ui.table_model import WARNING_COLOUR

TODAY = date.today()
DISPLAY = Qt.ItemDataRole.DisplayRole
FOREGROUND = Qt.ItemDataRole.ForegroundRole


@dataclass
class World:
    ws: Workspace
    people: dict[str, int]  # by last name
    police: int



def settle() -> None:
    """Let background loads (compliance, hours) finish and their results reach the page."""
    for _ in range(3):
        QThreadPool.globalInstance().waitForDone(10_000)
        QCoreApplication.processEvents()

@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    """Four officers (Núñez, Иванов, Lee, Kim), a partner (Ode) and a retired officer."""
    ws = Workspace(open_database(tmp_path / "desk.sqlite"))
    with ws.write() as action:
        s = action.session
        officer, retired = Tag(name="officer"), Tag(name="retired")
        police = Organization(name="Riverton PD", kind=OrganizationKind.LAW_ENFORCEMENT)
        names = [("Zoë", "Núñez"), ("Дмитрий", "Иванов"), ("Ann", "Lee"), ("Bo", "Kim"),
                 ("Cy", "Ode"), ("Old", "Timer")]
        people = [Person(first_name=f, last_name=last, organization_name="Riverton PD")
                  for f, last in names]
        for person in people[:4]:
            person.tags.append(officer)
        people[5].tags.append(retired)
        people[5].archived_at = utcnow()
        s.add_all([police, *people])
        s.flush()
        ids = {p.last_name: p.id for p in people}
    yield World(ws, ids, police.id)
    ws.close()


@pytest.fixture
def page(qtbot: QtBot, world: World) -> TrainingPage:
    page = TrainingPage(world.ws)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.refresh()
    return page


def on_modal(kind: type[QDialog], act: Callable[[Any], object]) -> None:
    """Act on the modal dialog about to open (closing it if it is not the one expected)."""

    def run() -> None:
        modal = QApplication.activeModalWidget()
        try:
            assert isinstance(modal, kind), modal
            act(modal)
        except BaseException:
            if isinstance(modal, QDialog):
                modal.reject()
            raise

    QTimer.singleShot(0, run)


def cells(model: Any, column: int) -> list[str]:
    return [model.index(r, column).data(DISPLAY) for r in range(model.rowCount())]


def a_course(world: World, name: str = "De-escalation Fundamentals") -> int:
    return create_course(world.ws, CourseInput(name, CourseCategory.DE_ESCALATION, 8, 24, 30))


def a_session(world: World, course: int, day: date, capacity: int | None = None,
              start: time = time(9)) -> int:
    return create_session(world.ws, SessionInput(course, day, start, hours=8.0,
                                                 capacity=capacity))


# -- the flow from a course to compliance ---------------------------------------------------

def test_from_a_course_to_compliance(qtbot: QtBot, page: TrainingPage, world: World,
                                     qtmodeltester: Any, monkeypatch: pytest.MonkeyPatch
                                     ) -> None:
    ids = world.people
    # A course, made in its dialog from the Courses tab.
    page.tabs.setCurrentWidget(page.courses)

    def fill_course(dialog: CourseDialog) -> None:
        dialog.name.setText("De-escalation Fundamentals")
        dialog.category.setCurrentIndex(
            dialog.category.findData(CourseCategory.DE_ESCALATION))
        dialog.hours.setValue(7.5)
        dialog.validity.none.setChecked(False)
        dialog.validity.spin.setValue(12)
        dialog.reminder.setValue(30)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    on_modal(CourseDialog, fill_course)
    page.courses.new_action.trigger()
    qtmodeltester.check(page.courses.model)
    assert cells(page.courses.model, 0) == ["De-escalation Fundamentals"]
    assert cells(page.courses.model, 1) == ["De-escalation"]
    assert cells(page.courses.model, 2) == ["7.5"]
    assert cells(page.courses.model, 3) == ["1 year"]
    course = page.courses.current_row().id  # type: ignore[union-attr]
    assert page.count.text() == "1 course"

    # A session of it today (already begun), with three seats.
    page.tabs.setCurrentWidget(page.sessions)

    def fill_session(dialog: SessionDialog) -> None:
        dialog.course.setCurrentIndex(dialog.course.findData(course))
        assert dialog.hours.value() == 7.5  # the course's length
        dialog.day.setDate(QDate(TODAY))
        dialog.start.setTime(time(0, 0))
        dialog.location.setText("Riverton PD Training Room")
        dialog.outside.setText("Dr. Keisha Brooks")
        dialog.capacity.spin.setValue(3)
        dialog.accept()

    on_modal(SessionDialog, fill_session)
    page.sessions.new_action.trigger()
    qtmodeltester.check(page.sessions.model)
    row = page.sessions.current_row()
    assert row is not None and row.course == "De-escalation Fundamentals"
    assert (row.trainer, row.location, row.seats) == (
        "Dr. Keisha Brooks", "Riverton PD Training Room", "0 of 3")

    # Four people enrolled: three seats, then the waiting list, shown full in Seats.
    monkeypatch.setattr(page.sessions, "choose_people", lambda title: [
        ids["Núñez"], ids["Иванов"], ids["Lee"], ids["Ode"]])
    page.sessions.enroll_action.trigger()
    assert page.sessions.message.text() == "3 enrolled, 1 on the waiting list."
    seats = page.sessions.model.index(0, 6)
    assert seats.data(DISPLAY) == "3 of 3, 1 waiting"
    assert seats.data(FOREGROUND) == WARNING_COLOUR

    # The roster: everyone enrolled completed it; Kim is added (and waits: it is full).
    session_id = page.sessions.current_row().id  # type: ignore[union-attr]
    roster = RosterDialog(world.ws, session_id)
    qtbot.addWidget(roster)
    assert roster.seats.text() == "3 of 3 seats taken, 1 waiting"
    roster.mark_all_completed()
    assert [r.status.currentData() for r in roster.rows] == [EnrollmentStatus.COMPLETED] * 3 + [
        EnrollmentStatus.WAITLISTED]
    assert roster.rows[0].hours.isEnabled() and not roster.rows[3].hours.isEnabled()
    assert roster.rows[0].hours.value() == 7.5
    assert roster.rows[0].completed_on.date().toPython() == TODAY
    roster.rows[1].hours.setValue(6.0)
    monkeypatch.setattr(roster, "choose_people", lambda: [ids["Kim"]])
    roster.add_people.click()
    assert roster.message.text() == "0 enrolled, 1 on the waiting list."
    assert [r.entry.name for r in roster.rows][-1] == "Bo Kim"
    assert [r.status.currentData() for r in roster.rows][:3] == [EnrollmentStatus.COMPLETED] * 3
    assert roster.rows[1].hours.value() == 6.0  # marks not saved yet stay
    roster.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert roster.result() == QDialog.DialogCode.Accepted
    saved = {e.name: (e.line.status, e.line.hours_credited, e.line.completed_on)
             for e in roster_form(world.ws, session_id).entries}
    assert saved["Дмитрий Иванов"] == (EnrollmentStatus.COMPLETED, 6.0, TODAY)
    assert saved["Bo Kim"][0] is EnrollmentStatus.WAITLISTED

    # The requirement: every officer holds it current.
    page.tabs.setCurrentWidget(page.compliance)
    settle()

    def fill_requirement(dialog: RequirementDialog) -> None:
        dialog.course.setCurrentIndex(dialog.course.findData(course))
        dialog.tag.setText("officer")
        dialog.mode.setCurrentIndex(dialog.mode.findData(RequirementMode.KEEP_CURRENT))
        dialog.accept()

    on_modal(RequirementDialog, fill_requirement)
    page.compliance.add_action.trigger()
    settle()
    model = page.compliance.requirements
    qtmodeltester.check(model)
    assert [model.index(0, c).data(DISPLAY) for c in range(7)] == [
        "Everyone tagged “officer” must hold current: De-escalation Fundamentals",
        "4", "3", "0", "0", "1", "75%"]
    assert model.index(0, 5).data(FOREGROUND) == WARNING_COLOUR  # one never took it
    people = page.compliance.people
    qtmodeltester.check(people)
    # The officers, those who never took it first; Ode completed nothing and is no officer.
    assert cells(people, 0) == ["Bo Kim", "Ann Lee", "Zoë Núñez", "Дмитрий Иванов"]
    assert cells(people, 2) == ["Never completed"] + ["Current"] * 3
    assert cells(people, 3)[1:] == [f"{TODAY:%d %b %Y}"] * 3
    assert page.count.text() == "1 requirement · 1 person not compliant"

    # Enroll the non-compliant: into the one upcoming session, after a question.
    upcoming = a_session(world, course, TODAY + timedelta(days=20))
    asked: list[str] = []
    monkeypatch.setattr(page.compliance, "confirm", lambda q: asked.append(q) or True)
    page.compliance.enroll_action.trigger()
    settle()
    day = roster_form(world.ws, upcoming).data.day
    assert asked == [f"Enroll 1 person in De-escalation Fundamentals on {day:%a %d %b %Y}?"]
    assert [e.name for e in roster_form(world.ws, upcoming).entries] == ["Bo Kim"]
    assert page.compliance.message.text() == "De-escalation Fundamentals: 1 enrolled."


def test_the_compliance_counts_are_what_the_service_derives(page: TrainingPage,
                                                            world: World) -> None:
    """Three of four officers hold the course: 75%; a requirement whose tag only an
    archived person carries applies to nobody: "—", never 0%."""
    course = a_course(world)
    done = a_session(world, course, TODAY, start=time(0, 0))
    enroll(world.ws, done, [world.people[n] for n in ("Núñez", "Иванов", "Lee")])
    form = roster_form(world.ws, done)
    save_roster(world.ws, done, [RosterLine(e.person_id, EnrollmentStatus.COMPLETED)
                                 for e in form.entries], form.version)
    add_requirement(world.ws, course, "officer", RequirementMode.KEEP_CURRENT)
    add_requirement(world.ws, course, "retired", RequirementMode.COMPLETE_ONCE)
    page.tabs.setCurrentWidget(page.compliance)
    settle()
    model = page.compliance.requirements
    rows = {model.index(r, 0).data(DISPLAY): [model.index(r, c).data(DISPLAY)
                                             for c in range(1, 7)]
            for r in range(model.rowCount())}
    officer = "Everyone tagged “officer” must hold current: De-escalation Fundamentals"
    retired = "Everyone tagged “retired” must complete once: De-escalation Fundamentals"
    assert rows[officer] == ["4", "3", "0", "0", "1", "75%"]
    assert rows[retired] == ["0", "0", "0", "0", "0", "—"]  # applies to nobody: not 0%


def test_standings_are_coloured_and_filtered(page: TrainingPage, world: World) -> None:
    ids = world.people
    course = a_course(world)  # valid 24 months, reminded 30 days ahead
    old = a_session(world, course, TODAY - timedelta(days=800))
    recent = a_session(world, course, TODAY - timedelta(days=720))
    fresh = a_session(world, course, TODAY, start=time(0, 0))
    for session_id, person, day in ((old, "Núñez", TODAY - timedelta(days=800)),
                                    (recent, "Иванов", TODAY - timedelta(days=720)),
                                    (fresh, "Lee", TODAY)):
        enroll(world.ws, session_id, [ids[person]])
        form = roster_form(world.ws, session_id)
        save_roster(world.ws, session_id, [RosterLine(ids[person], EnrollmentStatus.COMPLETED,
                                                      8.0, day)], form.version)
    add_requirement(world.ws, course, "officer", RequirementMode.KEEP_CURRENT)
    page.tabs.setCurrentWidget(page.compliance)
    settle()
    people = page.compliance.people
    status = {people.index(r, 0).data(DISPLAY): people.index(r, 2)
              for r in range(people.rowCount())}
    assert status["Bo Kim"].data(DISPLAY) == "Never completed"
    assert status["Zoë Núñez"].data(DISPLAY) == "Expired"
    assert status["Дмитрий Иванов"].data(DISPLAY) == "Expiring soon"
    assert status["Ann Lee"].data(DISPLAY) == "Current"
    assert status["Bo Kim"].data(FOREGROUND) == WARNING_COLOUR
    assert status["Zoë Núñez"].data(FOREGROUND) == WARNING_COLOUR
    assert status["Дмитрий Иванов"].data(FOREGROUND) == AMBER
    assert status["Ann Lee"].data(FOREGROUND) is None
    shown = page.compliance.filter
    for text, expected in (("Not compliant", ["Bo Kim", "Zoë Núñez"]),
                           ("Expiring soon", ["Дмитрий Иванов"]),
                           ("Expired", ["Zoë Núñez"]), ("Never completed", ["Bo Kim"])):
        shown.setCurrentIndex(shown.findText(text))
        assert cells(people, 0) == expected
    assert page.compliance.people_label.text().endswith("1 of 4 tagged “officer”")


def test_no_upcoming_session_offers_to_schedule_one(qtbot: QtBot, page: TrainingPage,
                                                    world: World,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    course = a_course(world)
    add_requirement(world.ws, course, "officer", RequirementMode.KEEP_CURRENT)
    page.tabs.setCurrentWidget(page.compliance)
    settle()
    offered: list[str] = []
    monkeypatch.setattr(page.compliance, "offer_new_session",
                        lambda name: offered.append(name) or True)
    monkeypatch.setattr(page.compliance, "confirm", lambda question: True)

    def schedule(dialog: SessionDialog) -> None:
        assert dialog.course.currentData() == course  # the requirement's course
        assert dialog.hours.value() == 8.0
        dialog.accept()

    on_modal(SessionDialog, schedule)
    page.compliance.enroll_action.trigger()
    settle()
    assert offered == ["De-escalation Fundamentals"]
    assert page.compliance.message.text() == "De-escalation Fundamentals: 4 enrolled."
    # Asked again: all four are booked on that session already, nobody is booked twice.
    settle()
    warned: list[str] = []
    monkeypatch.setattr(page.compliance, "warn", warned.append)
    page.compliance.enroll_action.trigger()
    assert warned == ["Everyone tagged “officer” holds De-escalation Fundamentals or is booked "
                      "on an upcoming session (4 booked)."]


# -- refusals at the fields ------------------------------------------------------------------

def test_bad_input_shows_the_message_at_the_field(qtbot: QtBot, world: World,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    course = a_course(world)
    dialog = SessionDialog(world.ws, course_id=course)
    qtbot.addWidget(dialog)
    dialog.days.setValue(1)
    dialog.hours.setValue(30)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.form.error_text("hours").startswith("Hours must be more than 0 and at most "
                                                      "24 (24 per day)")
    # Hours 0 and capacity 0 cannot be typed; the service's refusal still lands at the field.
    real = dialog.values
    monkeypatch.setattr(dialog, "values", lambda: SessionInput(
        **{**vars(real()), "hours": 0.0, "capacity": 0}))
    dialog.accept()
    assert dialog.form.error_text("hours").startswith("Hours must be more than 0")
    assert dialog.form.error_text("capacity") == ("Capacity is at least 1 (or leave it empty "
                                                  "for no limit).")

    course_dialog = CourseDialog(world.ws)
    qtbot.addWidget(course_dialog)
    course_dialog.name.setText("de-escalation fundamentals")
    monkeypatch.setattr(course_dialog, "values", lambda: CourseInput(
        "De-escalation Fundamentals", CourseCategory.OTHER, 0))
    course_dialog.accept()
    assert course_dialog.form.error_text("name").startswith("A course with this name exists")
    assert course_dialog.form.error_text("default_hours").startswith("Hours must be more")

    requirement = RequirementDialog(world.ws, course_id=course)
    qtbot.addWidget(requirement)
    requirement.tag.setText("astronaut")
    requirement.accept()
    assert requirement.form.error_text("tag") == "Nobody is tagged “astronaut” yet."


def test_a_completion_before_the_session_is_refused_in_the_roster(qtbot: QtBot,
                                                                 world: World) -> None:
    course = a_course(world)
    day = TODAY - timedelta(days=3)
    session_id = a_session(world, course, day)
    enroll(world.ws, session_id, [world.people["Lee"]])
    roster = RosterDialog(world.ws, session_id)
    qtbot.addWidget(roster)
    row = roster.rows[0]
    row.status.setCurrentIndex(row.status.findData(EnrollmentStatus.COMPLETED))
    row.completed_on.setDate(QDate(day - timedelta(days=1)))
    roster.accept()
    assert roster.result() != QDialog.DialogCode.Accepted
    assert f"completed before the session began ({day:%d %b %Y})" in roster.form.error_text(
        "roster")
    assert roster_form(world.ws, session_id).entries[0].line.status is EnrollmentStatus.ENROLLED


def test_a_session_people_completed_cannot_be_deleted(page: TrainingPage, world: World,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    course = a_course(world)
    session_id = a_session(world, course, TODAY - timedelta(days=2))
    enroll(world.ws, session_id, [world.people["Lee"]])
    form = roster_form(world.ws, session_id)
    save_roster(world.ws, session_id, [RosterLine(world.people["Lee"],
                                                  EnrollmentStatus.COMPLETED)], form.version)
    page.sessions.show_session(session_id)
    warned: list[str] = []
    monkeypatch.setattr(page.sessions, "warn", warned.append)
    monkeypatch.setattr(page.sessions, "confirm", lambda q: pytest.fail(q))
    page.sessions.delete_action.trigger()
    assert warned == ["1 person completed this session; the training records must stay, "
                      "so it cannot be deleted."]
    assert page.sessions.model.rowCount() == 1


def test_someone_elses_save_offers_reload(qtbot: QtBot, world: World) -> None:
    course = a_course(world)
    session_id = a_session(world, course, TODAY + timedelta(days=9))
    dialog = SessionDialog(world.ws, session_id)
    qtbot.addWidget(dialog)
    version, data = session_form(world.ws, session_id)
    update_session(world.ws, session_id, SessionInput(**{**vars(data), "location": "Gym"}),
                   version)
    dialog.location.setText("Library")

    def click_reload(box: QMessageBox) -> None:
        reload = next(b for b in box.buttons() if b.text() == "&Reload")
        reload.click()

    on_modal(QMessageBox, click_reload)
    dialog.accept()
    assert dialog.location.text() == "Gym"  # their version, to edit again
    dialog.location.setText("Library")
    dialog.accept()
    assert session_form(world.ws, session_id)[1].location == "Library"


# -- tags, hours, keys, roles, changes ---------------------------------------------------------

def test_a_tag_is_enrolled_at_once(page: TrainingPage, world: World,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    course = a_course(world)
    a_session(world, course, TODAY + timedelta(days=5), capacity=2)
    page.refresh()
    monkeypatch.setattr(page.sessions, "choose_tag", lambda tags: tags[0])
    asked: list[str] = []
    monkeypatch.setattr(page.sessions, "confirm", lambda q: asked.append(q) or True)
    page.sessions.enroll_tag_action.trigger()
    assert asked[0].startswith("Enroll the 4 people tagged “officer” in De-escalation")
    assert page.sessions.message.text() == "2 enrolled, 2 on the waiting list."
    assert page.sessions.model.index(0, 6).data(DISPLAY) == "2 of 2, 2 waiting"
    page.sessions.open_only.setChecked(True)
    assert page.sessions.model.rowCount() == 0  # full


def test_hours_against_the_target(qtbot: QtBot, page: TrainingPage, world: World,
                                  qtmodeltester: Any) -> None:
    course = a_course(world)
    session_id = a_session(world, course, TODAY, start=time(0, 0))
    enroll(world.ws, session_id, [world.people["Lee"], world.people["Ode"]])
    form = roster_form(world.ws, session_id)
    save_roster(world.ws, session_id, [RosterLine(e.person_id, EnrollmentStatus.COMPLETED, 8.0)
                                       for e in form.entries], form.version)
    with world.ws.write() as action:  # Ode belongs to the police too
        action.session.add(Affiliation(person_id=world.people["Ode"],
                                       organization_id=world.police, role="Volunteer"))
    page.tabs.setCurrentWidget(page.hours)
    settle()
    hours = page.hours
    qtmodeltester.check(hours.people)
    qtmodeltester.check(hours.organizations)
    assert hours.target.text() == "Annual target: 40 hours for everyone tagged “officer”"
    rows = {hours.people.index(r, 0).data(DISPLAY): [hours.people.index(r, c).data(DISPLAY)
                                                    for c in range(2, 5)]
            for r in range(hours.people.rowCount())}
    assert rows["Ann Lee"] == ["8", "40", "32 hours short"]
    assert rows["Cy Ode"] == ["8", "", ""]  # no target for a partner
    assert rows["Bo Kim"] == ["0", "40", "40 hours short"]
    assert hours.people.index(0, 4).data(FOREGROUND) == WARNING_COLOUR
    assert cells(hours.organizations, 0) == ["Riverton PD"]
    assert cells(hours.organizations, 2) == ["8"]
    hours.below_only.setChecked(True)
    assert "Cy Ode" not in cells(hours.people, 0)

    dialog = HoursTargetDialog(world.ws)
    qtbot.addWidget(dialog)
    dialog.hours.setValue(8)
    dialog.accept()
    hours.refresh()
    settle()
    assert hours.target.text() == "Annual target: 8 hours for everyone tagged “officer”"
    assert "Ann Lee" not in cells(hours.people, 0)  # below target only: she met it
    hours.year.setValue(TODAY.year - 1)
    settle()
    assert cells(hours.people, 2) == ["0"] * 4  # the officers, with no hours that year


def test_keys_and_the_catalog_open_the_right_dialog(qtbot: QtBot, page: TrainingPage,
                                                    world: World,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    course = a_course(world)
    session_id = a_session(world, course, TODAY + timedelta(days=4))
    page.refresh()
    made: list[tuple[str, int | None]] = []
    monkeypatch.setattr(SessionDialog, "ask", classmethod(
        lambda cls, ws, session_id=None, parent=None, course_id=None:
        made.append(("session", course_id))))
    monkeypatch.setattr(CourseDialog, "ask", classmethod(
        lambda cls, *a, **k: made.append(("course", None))))
    monkeypatch.setattr(RosterDialog, "ask", classmethod(
        lambda cls, ws, session_id, parent=None: made.append(("roster", session_id))))
    page.activateWindow()
    qtbot.waitExposed(page)
    for tab in (page.sessions, page.courses):
        page.tabs.setCurrentWidget(tab)
        tab.view.setFocus()
        qtbot.keyClick(tab.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    page.tabs.setCurrentWidget(page.sessions)
    page.sessions.view.setFocus()
    qtbot.keyClick(page.sessions.view, Qt.Key.Key_Return)
    page.tabs.setCurrentWidget(page.courses)
    page.courses.schedule_action.trigger()  # a session of the course, from the catalog
    assert page.tabs.currentWidget() is page.sessions
    assert made == [("session", None), ("course", None), ("roster", session_id),
                    ("session", course)]


def test_a_viewer_sees_editing_disabled(qtbot: QtBot, world: World) -> None:
    course = a_course(world)
    session_id = a_session(world, course, TODAY + timedelta(days=3))
    enroll(world.ws, session_id, [world.people["Lee"]])
    add_requirement(world.ws, course, "officer", RequirementMode.KEEP_CURRENT)
    world.ws.role = Role.VIEWER
    page = TrainingPage(world.ws)
    qtbot.addWidget(page)
    page.refresh()
    assert page.sessions.model.rowCount() == 1
    assert page.sessions.roster_action.isEnabled()  # looking is allowed
    for action in (page.sessions.new_action, page.sessions.edit_action,
                   page.sessions.enroll_action, page.sessions.enroll_tag_action,
                   page.sessions.delete_action):
        assert not action.isEnabled(), action.text()
    for index in range(1, 4):
        page.tabs.setCurrentIndex(index)
    settle()
    assert not page.courses.new_action.isEnabled() and not page.courses.edit_action.isEnabled()
    assert not page.courses.archive_action.isEnabled()
    assert not page.compliance.add_action.isEnabled()
    assert not page.compliance.remove_action.isEnabled()
    assert not page.compliance.enroll_action.isEnabled()
    assert not page.hours.change_target.isEnabled()
    roster = RosterDialog(world.ws, session_id)
    qtbot.addWidget(roster)
    assert not roster.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    assert not roster.rows[0].status.isEnabled()
    assert not roster.add_people.isEnabled()


def test_changes_elsewhere_refresh_the_page(page: TrainingPage, world: World) -> None:
    assert page.count.text() == "0 upcoming sessions"
    course = a_course(world)
    a_session(world, course, TODAY + timedelta(days=3))
    page.on_change(Change("training_sessions", frozenset()))
    assert page.count.text() == "1 upcoming session"
    assert page.sessions.course.findData(course) < 0  # the filter learns of courses...
    page.on_change(Change("courses", frozenset({course})))
    assert page.sessions.course.findData(course) > 0  # ...when told
    page.tabs.setCurrentWidget(page.courses)
    assert cells(page.courses.model, 0) == ["De-escalation Fundamentals"]
    page.courses.archive_action.trigger()
    assert page.courses.model.rowCount() == 0
    page.courses.show_archived.setChecked(True)
    assert cells(page.courses.model, 0) == ["De-escalation Fundamentals (archived)"]
    assert page.courses.archive_action.text() == "&Restore"


def test_documents_are_made_from_the_page(page: TrainingPage, world: World, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Sign-in sheet and certificates from a session, the report and workbook from
    compliance: each made in the background, previewed (PDF) or saved (XLSX), audited."""
    from openpyxl import load_workbook
    from pypdf import PdfReader

    from app.services.audit_log import audit_rows

    course = a_course(world)
    done = a_session(world, course, TODAY, start=time(0, 0))
    enroll(world.ws, done, [world.people["Núñez"], world.people["Lee"]])
    form = roster_form(world.ws, done)
    save_roster(world.ws, done, [RosterLine(e.person_id, EnrollmentStatus.COMPLETED)
                                 for e in form.entries], form.version)
    add_requirement(world.ws, course, "officer", RequirementMode.KEEP_CURRENT)
    page.tabs.setCurrentWidget(page.sessions)
    page.sessions.when.setCurrentIndex(page.sessions.when.findData(SessionWhen.ALL))
    page.sessions.view.selectRow(0)
    assert page.sessions.certificates_action.isEnabled()
    shown: list[tuple[str, int, str]] = []

    def preview(parent, path, title, suggested_name, **callbacks):  # type: ignore
        reader = PdfReader(path)
        shown.append((title, len(reader.pages), reader.pages[0].extract_text()))

    monkeypatch.setattr("app.ui.dialogs.pdf_preview.show_pdf", preview)
    page.sessions.sign_in_action.trigger()
    page.sessions.certificates_action.trigger()
    assert [(t, n) for t, n, _ in shown] == [
        ("Sign-in sheet: De-escalation Fundamentals", 1),
        ("Certificates: De-escalation Fundamentals", 2)]  # one page per person who completed
    assert "Ann Lee" in shown[1][2]  # by family name: Lee, then Núñez
    page.tabs.setCurrentWidget(page.compliance)
    settle()
    page.compliance.report_action.trigger()
    assert shown[-1][0] == "Training compliance" and "De-escalation" in shown[-1][2]
    target = tmp_path / "compliance.xlsx"
    monkeypatch.setattr("app.ui.documents.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(target), ""))
    monkeypatch.setattr("app.ui.documents.QMessageBox.information",
                        lambda *a, **k: QMessageBox.StandardButton.Close)
    page.compliance.excel_action.trigger()
    book = load_workbook(target)
    assert "Summary" in book.sheetnames and "People" in book.sheetnames
    reports = [r.entity for r in audit_rows(world.ws) if r.action.value == "report"]
    assert len(reports) >= 4


def test_a_requirement_just_added_is_the_one_selected(page: TrainingPage, world: World) -> None:
    first, second = a_course(world, "A first course"), a_course(world)
    add_requirement(world.ws, first, "officer", RequirementMode.KEEP_CURRENT)
    page.tabs.setCurrentWidget(page.compliance)
    settle()

    def fill(dialog: RequirementDialog) -> None:
        dialog.course.setCurrentIndex(dialog.course.findData(second))
        dialog.tag.setText("officer")
        dialog.accept()

    on_modal(RequirementDialog, fill)
    page.compliance.add_action.trigger()
    settle()
    current = page.compliance.current_requirement()
    assert current is not None and current.requirement.course == "De-escalation Fundamentals"
