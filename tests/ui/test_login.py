"""Sign-in, screen lock and what a viewer is offered, as a user meets them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.cli import open_workspace
from app.models.users import Role
from app.services.accounts import UserInput, create_first_admin, create_user, sign_in
from app.services.people import PersonInput, create_person, person_form
from app.services.workspace import Workspace
from app.ui.dialogs.login_dialog import ChangePasswordDialog, FirstAdminDialog, LoginDialog
from app.ui.dialogs.person_dialog import PersonDialog
from app.ui.dialogs.users_dialog import UsersDialog
from app.ui.main_window import MainWindow
from app.ui.pages.people_page import PeoplePage

ADMIN_PW = "correct horse battery staple"
VIEWER_PW = "a viewer's long passphrase"


@pytest.fixture
def workspace(db_path: Path) -> Iterator[Workspace]:
    ws = open_workspace(db_path)
    create_first_admin(ws, "ada", "Ada Admin", ADMIN_PW)
    create_user(ws, UserInput("val", "Val Viewer", Role.VIEWER, password=VIEWER_PW))
    create_person(ws, PersonInput("Ann", "Lee", sensitive_notes="crisis plan on file"))
    yield ws
    ws.close()


def test_login_refuses_a_wrong_password_then_accepts_the_right_one(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = LoginDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.username.setText("ada")
    dialog.password.setText("wrong password")
    dialog.ok.click()
    assert dialog.message() == "The user name or password is not correct."
    assert dialog.signed is None and dialog.password.text() == ""
    dialog.password.setText(ADMIN_PW)
    with qtbot.waitSignal(dialog.accepted):
        dialog.ok.click()
    assert dialog.signed is not None and workspace.user_name == "ada"


def test_login_says_when_the_account_is_locked(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = LoginDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.username.setText("val")
    for _ in range(5):
        dialog.password.setText("wrong password")
        dialog.ok.click()
    assert dialog.locked and "locked" in dialog.message()


def test_first_admin_dialog_creates_the_account_and_signs_in(
    qtbot: QtBot, db_path: Path
) -> None:
    ws = open_workspace(db_path)
    dialog = FirstAdminDialog(ws)
    qtbot.addWidget(dialog)
    dialog.form.fields["username"].widget.setText("ada")
    dialog.form.fields["password"].widget.setText("too short")
    dialog.form.fields["repeat"].widget.setText("too short")
    dialog.ok.click()
    assert "at least 10 characters" in dialog.form.error_text("password")
    dialog.form.fields["password"].widget.setText(ADMIN_PW)
    dialog.form.fields["repeat"].widget.setText(ADMIN_PW)
    dialog.ok.click()
    assert (ws.user_name, ws.role) == ("ada", Role.ADMIN)
    ws.close()


def test_change_password_dialog(qtbot: QtBot, workspace: Workspace) -> None:
    sign_in(workspace, "val", VIEWER_PW)
    dialog = ChangePasswordDialog(workspace)
    qtbot.addWidget(dialog)
    for name, text in (("old", "not it"), ("new", "new long passphrase"),
                       ("repeat", "new long passphrase")):
        dialog.form.fields[name].widget.setText(text)
    dialog.ok.click()
    assert dialog.form.error_text("old") == "The current password is not correct."
    dialog.form.fields["old"].widget.setText(VIEWER_PW)
    dialog.ok.click()
    assert sign_in(workspace, "val", "new long passphrase").username == "val"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_screen_lock_engages_after_the_timeout_and_unlocks_with_the_password(
    qtbot: QtBot, workspace: Workspace
) -> None:
    sign_in(workspace, "ada", ADMIN_PW)
    window = MainWindow(workspace, open_workspace)
    qtbot.addWidget(window)
    clock = FakeClock()
    window.screen_lock.clock = clock
    window.screen_lock.attach(workspace)
    window.show()
    assert "ada" in window.windowTitle() and "ada" in window.signed_in_as.text()
    content = window.centralWidget()
    clock.now += 14 * 60
    window.screen_lock.check()
    assert not window.screen_lock.locked
    clock.now += 61
    window.screen_lock.check()
    assert window.screen_lock.locked and window.centralWidget() is not content
    assert not content.isVisible() and not window.menuBar().isEnabled()
    panel = window.screen_lock.panel
    assert panel is not None
    panel.password.setText("wrong password")
    panel.button.click()
    assert window.screen_lock.locked and "not correct" in panel.error.text()
    panel.password.setText(ADMIN_PW)
    panel.button.click()
    assert not window.screen_lock.locked and window.centralWidget() is content
    assert window.menuBar().isEnabled()


def test_single_user_mode_never_locks(qtbot: QtBot, db_path: Path) -> None:
    ws = open_workspace(db_path)
    window = MainWindow(ws, open_workspace)
    qtbot.addWidget(window)
    window.screen_lock.clock = lambda: 10.0**9
    window.screen_lock.check()
    assert not window.screen_lock.locked
    assert window.users_action.isEnabled()  # the OS user keeps full rights
    assert not window.lock_action.isEnabled()


def test_a_viewer_can_change_nothing_and_sees_no_sensitive_notes(
    qtbot: QtBot, workspace: Workspace
) -> None:
    sign_in(workspace, "val", VIEWER_PW)
    page = PeoplePage(workspace)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    page.select_row(0)
    assert page.current_id() is not None
    actions = (page.new_action, page.edit_action, page.archive_action, page.delete_action)
    assert not any(a.isEnabled() for a in actions)
    assert not page.findChild(object, "exportButton").isEnabled()
    assert not page.findChild(object, "importButton").isEnabled()
    assert "crisis plan" not in page.detail.toPlainText()
    dialog = PersonDialog(workspace, page.current_id())
    qtbot.addWidget(dialog)
    assert "sensitive_notes" not in dialog.form.fields
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert "may not change records" in dialog.form.general_error.text()


def test_an_admin_edits_sensitive_notes_and_may_include_them_in_exports(
    qtbot: QtBot, workspace: Workspace
) -> None:
    sign_in(workspace, "ada", ADMIN_PW)
    page = PeoplePage(workspace)
    qtbot.addWidget(page)
    page.refresh()
    person_id = page.model.row_at(0).id
    dialog = PersonDialog(workspace, person_id)
    qtbot.addWidget(dialog)
    edit = dialog.form.fields["sensitive_notes"].widget
    assert edit.toPlainText() == "crisis plan on file"
    edit.setPlainText("updated plan")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert person_form(workspace, person_id).data.sensitive_notes == "updated plan"
    option = page.findChild(object, "includeSensitive")
    assert option is not None and option.isCheckable() and not option.isChecked()


def test_users_dialog_lists_accounts_for_an_admin(qtbot: QtBot, workspace: Workspace) -> None:
    sign_in(workspace, "ada", ADMIN_PW)
    dialog = UsersDialog(workspace)
    qtbot.addWidget(dialog)
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert names == ["ada", "val"]
    assert [dialog.table.item(r, 2).text() for r in range(2)] == ["admin", "viewer"]


def test_switching_databases_needs_a_sign_in(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    other = tmp_path / "other.sqlite"
    seen: list[str] = []

    def refuse(parent: object, ws: Workspace) -> bool:
        seen.append(ws.db.display_name)
        return False  # the user chose Quit in the login dialog

    window = MainWindow(workspace, open_workspace, refuse)
    qtbot.addWidget(window)
    assert not window.switch_to(str(other))
    assert seen == ["other.sqlite"] and window.workspace is workspace


def test_screen_lock_takes_open_dialogs_out_of_sight_and_brings_them_back(
    qtbot: QtBot, workspace: Workspace
) -> None:
    from PySide6.QtWidgets import QDialog

    sign_in(workspace, "ada", ADMIN_PW)
    window = MainWindow(workspace, open_workspace)
    qtbot.addWidget(window)
    window.show()
    dialog = QDialog(window)
    dialog.move(100, 100)
    dialog.show()
    window.screen_lock.lock()
    assert not dialog.isEnabled() and dialog.pos().x() < -10000
    assert window.screen_lock.unlock(ADMIN_PW) is None
    assert dialog.isEnabled() and dialog.pos().x() == 100
