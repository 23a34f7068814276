"""The Meetings page and the meeting editor, driven as a user would: real SQLite files."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QMessageBox, QToolButton
from pytestqt.qtbot import QtBot

from app.models import AttendanceStatus, MeetingStatus, Organization, OrganizationKind, Person
from app.models.database import open_database
from app.services.meeting_list import When
from app.services.meetings import AgendaEntry, MeetingInput, create_meeting, meeting_form
from app.services.workspace import Workspace
from app.ui.dialogs import agenda_editor, attendance_editor
from app.ui.dialogs.agenda_editor import AgendaItemDialog
from app.ui.dialogs.meeting_dialog import MeetingDialog
from app.ui.dialogs.repeat_dialog import RepeatDialog
from app.ui.pages import meeting_documents
from app.ui.pages.meetings_page import MeetingsPage

NEXT_WEEK = date.today() + timedelta(days=7)


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace(open_database(tmp_path / "desk.sqlite"))
    with workspace.write() as action:
        school = Organization(name="Riverton High", kind=OrganizationKind.SCHOOL)
        action.session.add(school)
        for first, last in (("Zoë", "Núñez"), ("Дмитрий", "Иванов"), ("Ann", "Lee")):
            action.session.add(Person(first_name=first, last_name=last,
                                      email=f"{last.lower()}@example.org"))
    yield workspace
    workspace.close()


def people(ws: Workspace) -> dict[str, int]:
    with ws.read() as session:
        return {p.last_name: p.id for p in session.query(Person)}


def test_a_meeting_is_made_from_the_editor(qtbot: QtBot, ws: Workspace,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    ids = people(ws)
    dialog = MeetingDialog(ws)
    qtbot.addWidget(dialog)
    dialog.title.setText("Safety council <December> & friends")
    dialog.form.fields["day"].widget.setDate(QDate(NEXT_WEEK))  # type: ignore[attr-defined]
    dialog.start.setTime(QTime(17, 30))
    dialog.duration.setValue(60)
    # Invite two people through the chooser (tested on its own), then mark attendance.
    monkeypatch.setattr(attendance_editor.AttendanceEditor, "invite", _invite_with(
        [ids["Núñez"], ids["Иванов"]], ws))
    dialog.attendance.invite()
    assert dialog.attendance.summary.text() == "2 invited"
    buttons = dialog.attendance.table.cellWidget(0, 3)
    present = buttons.findChildren(QToolButton)[0]  # type: ignore[union-attr]
    qtbot.mouseClick(present, Qt.MouseButton.LeftButton)
    dialog.attendance.table.selectRow(1)
    qtbot.keyClick(dialog.attendance.table, Qt.Key.Key_E)
    assert dialog.attendance.summary.text() == "2 invited · 1 present · 1 excused"
    # The agenda: two items; times run from the start.
    entries = iter([AgendaEntry("Welcome", 10), AgendaEntry("Crime trends", 20,
                                                           ids["Иванов"], "Дмитрий Иванов")])
    monkeypatch.setattr(agenda_editor.AgendaItemDialog, "ask",
                        classmethod(lambda cls, *a: next(entries)))
    dialog.agenda.add_item()
    dialog.agenda.add_item()
    tree = dialog.agenda.tree
    assert [tree.topLevelItem(i).text(0) for i in range(2)] == ["17:30", "17:40"]
    assert dialog.agenda.total.text() == "30 of 60 min planned"
    dialog.agenda.tree.setCurrentItem(tree.topLevelItem(1))
    dialog.agenda.move_current(-1)
    assert tree.topLevelItem(0).text(1) == "Crime trends"
    assert tree.topLevelItem(1).text(0) == "17:50"
    dialog.accept()
    assert dialog.result() == MeetingDialog.DialogCode.Accepted
    form = meeting_form(ws, dialog.saved_id)  # type: ignore[arg-type]
    assert form.data.title == "Safety council <December> & friends"
    assert (form.data.day, form.data.start, form.data.duration_minutes) == (
        NEXT_WEEK, time(17, 30), 60)
    assert [a.title for a in form.data.agenda] == ["Crime trends", "Welcome"]
    assert dict(form.data.attendance) == {ids["Núñez"]: AttendanceStatus.PRESENT,
                                          ids["Иванов"]: AttendanceStatus.EXCUSED}


def _invite_with(person_ids: list[int], ws: Workspace):  # type: ignore[no-untyped-def]
    from app.services.meetings import invitees_by_id

    def invite(self: attendance_editor.AttendanceEditor) -> None:
        self._rows.extend((p, AttendanceStatus.INVITED) for p in invitees_by_id(ws, person_ids))
        self._redraw()

    return invite


def test_refusals_show_beside_the_fields_on_their_tab(qtbot: QtBot, ws: Workspace) -> None:
    dialog = MeetingDialog(ws)
    qtbot.addWidget(dialog)
    dialog.title.setText("   ")
    dialog.walk_ins.setValue(3)
    dialog.agenda.set_entries((AgendaEntry("", 5),))
    dialog.tabs.setCurrentIndex(3)
    dialog.accept()
    assert dialog.result() != MeetingDialog.DialogCode.Accepted
    assert dialog.form.error_text("title") == "Title is required."
    assert "Agenda item 1" in dialog.agenda_form.error_text("agenda")
    assert dialog.tabs.currentIndex() == 0  # the first tab with a message


def test_agenda_item_dialog_offers_invitees_as_presenters(qtbot: QtBot) -> None:
    dialog = AgendaItemDialog(None, [(7, "Ann Lee"), (8, "Zoë Núñez")])
    qtbot.addWidget(dialog)
    dialog.title.setText("  Youth mentoring update ")
    dialog.presenter.setCurrentIndex(dialog.presenter.findData(8))
    assert not dialog.guest.isEnabled()
    dialog.form.fields["minutes_allotted"].widget.setValue(25)  # type: ignore[attr-defined]
    dialog.accept()
    assert dialog.entry == AgendaEntry("Youth mentoring update", 25, 8, "Zoë Núñez", "")
    empty = AgendaItemDialog(None, [])
    qtbot.addWidget(empty)
    empty.accept()
    assert empty.form.error_text("title") == "Title is required."


def test_a_series_meeting_asks_how_far_a_change_goes(qtbot: QtBot, ws: Workspace,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    first = create_meeting(ws, MeetingInput("Council", NEXT_WEEK, time(18)))
    monkeypatch.setattr(RepeatDialog, "ask", classmethod(
        lambda cls, day, parent=None: (RepeatDialog(day).recurrence(), 3)))
    assert meeting_documents.repeat(None, ws, first)  # type: ignore[arg-type]
    dialog = MeetingDialog(ws, first)
    qtbot.addWidget(dialog)
    assert dialog.series_label.text().startswith("Monthly on the")
    dialog.form.fields["location"].widget.setText("City Hall")  # type: ignore[attr-defined]
    monkeypatch.setattr(dialog, "ask_scope", lambda: True)
    dialog.accept()
    page = MeetingsPage(ws)
    qtbot.addWidget(page)
    page.refresh()
    assert page.model.rowCount() == 3
    assert {page.model.row_at(r).location for r in range(3)} == {"City Hall"}


def test_the_page_lists_filters_and_shows_a_month(
    qtbot: QtBot, ws: Workspace, qtmodeltester, monkeypatch: pytest.MonkeyPatch  # type: ignore
) -> None:
    past = date.today() - timedelta(days=40)
    held = create_meeting(ws, MeetingInput("Spring review", past, time(9),
                                           status=MeetingStatus.HELD))
    coming = create_meeting(ws, MeetingInput("Winter planning", NEXT_WEEK, time(18)))
    page = MeetingsPage(ws)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    qtmodeltester.check(page.model)
    assert [page.model.row_at(r).id for r in range(page.model.rowCount())] == [coming]
    assert page.count.text() == "1 meeting"
    page.when.setCurrentIndex(page.when.findData(When.PAST))
    assert [page.model.row_at(r).id for r in range(page.model.rowCount())] == [held]
    page.when.setCurrentIndex(page.when.findData(When.ALL))
    page.search.setText("winter")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.row_at(0).id == coming
    page.search.clear()
    # The month of the coming meeting shows it on its day; a double click opens it.
    page.views.setCurrentWidget(page.calendar)
    page.calendar.show_month(NEXT_WEEK)
    cells = [page.calendar.grid.item(r, c) for r in range(6) for c in range(7)]
    day_cell = next(c for c in cells if c.data(Qt.ItemDataRole.UserRole + 1) == NEXT_WEEK)
    assert "18:00 Winter planning" in day_cell.text()
    page.calendar.grid.setCurrentItem(day_cell)
    assert page.current_id() == coming
    assert page.packet_action.isEnabled()
    opened: list[int | None] = []
    monkeypatch.setattr(MeetingDialog, "ask", classmethod(
        lambda cls, ws, meeting_id=None, parent=None, day=None: opened.append(meeting_id)))
    page.calendar.open_day(day_cell.row(), day_cell.column())
    cells = [page.calendar.grid.item(r, c) for r in range(6) for c in range(7)]  # redrawn
    empty = next(c for c in cells if c.data(Qt.ItemDataRole.UserRole + 1) == NEXT_WEEK
                 + timedelta(days=1))
    page.calendar.open_day(empty.row(), empty.column())  # a new meeting on an empty day
    assert opened == [coming, None]


def test_deleting_asks_first_and_refusals_are_messages(qtbot: QtBot, ws: Workspace,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    create_meeting(ws, MeetingInput("One-off", NEXT_WEEK, time(18)))
    page = MeetingsPage(ws)
    qtbot.addWidget(page)
    page.refresh()
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    page.delete_current()
    page.refresh()
    assert page.model.rowCount() == 0


def test_the_packet_is_made_and_previewed(qtbot: QtBot, ws: Workspace,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from pypdf import PdfReader

    ids = people(ws)
    meeting_id = create_meeting(ws, MeetingInput(
        "Safety council", NEXT_WEEK, time(18), agenda=(AgendaEntry("Welcome <b>&", 10),),
        attendance=((ids["Núñez"], AttendanceStatus.INVITED),)))
    shown: dict[str, object] = {}

    def preview(parent, path, title, suggested_name, **callbacks):  # type: ignore[no-untyped-def]
        shown.update(text="\n".join(p.extract_text() for p in PdfReader(path).pages),
                     title=title, name=suggested_name)
        callbacks["on_printed"](2)

    monkeypatch.setattr("app.ui.dialogs.pdf_preview.show_pdf", preview)
    meeting_documents.show_document(None, ws, meeting_id, meeting_documents.PACKET)  # type: ignore
    assert "Welcome <b>&" in shown["text"]  # type: ignore[operator]
    assert "Zoë Núñez" in shown["text"] or "Núñez" in shown["text"]  # type: ignore[operator]
    assert shown["title"] == "Meeting packet: Safety council"
    assert str(shown["name"]).endswith(".pdf")
    from app.services.audit_log import audit_rows

    actions = [r.action.value for r in audit_rows(ws)]
    assert "report" in actions and "print" in actions


def test_action_items_are_added_and_closed_from_the_meeting(qtbot: QtBot,
                                                           ws: Workspace) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.ui.dialogs.action_item_dialog import ActionItemDialog

    meeting_id = create_meeting(ws, MeetingInput("Council", NEXT_WEEK, time(18)))
    dialog = MeetingDialog(ws, meeting_id)
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentIndex(4)
    assert dialog.own_model.rowCount() == 0

    def fill_in() -> None:  # the modal action-item dialog, as the user fills it in
        modal = QApplication.activeModalWidget()
        assert isinstance(modal, ActionItemDialog)
        modal.description.setPlainText("Send the slides to every partner")
        modal.accept()

    QTimer.singleShot(0, fill_in)
    dialog.new_action()
    assert [dialog.own_model.row_at(0).description] == ["Send the slides to every partner"]
    dialog.own_view.selectRow(0)
    dialog.mark_selected_done()
    assert dialog.own_model.rowCount() == 0  # done: no longer open
    new_dialog = MeetingDialog(ws)
    qtbot.addWidget(new_dialog)
    assert not new_dialog.action_buttons[0].isEnabled()  # a new meeting is saved first
