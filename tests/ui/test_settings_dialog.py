"""File > Settings…: agency name, screen-lock time, paper size (checked by the service); backups."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from pytestqt.qtbot import QtBot

from app.cli import open_workspace
from app.locations import backup_dir_for
from app.models.database import Database
from app.services.errors import ValidationError
from app.services.permissions import Role
from app.services.settings import (
    AGENCY_LOGO,
    AGENCY_NAME,
    PAPER_SIZE,
    SCREEN_LOCK_MINUTES,
    Preferences,
    agency_contact,
    agency_logo,
    get_setting,
    load_preferences,
    paper_size,
    save_preferences,
    set_setting,
)
from app.services.workspace import Workspace
from app.ui.dialogs.settings_dialog import SHARED_SERVER_BACKUPS, SettingsDialog
from app.ui.main_window import MainWindow


@pytest.fixture
def workspace(db_path: Path) -> Iterator[Workspace]:
    ws = open_workspace(db_path)
    yield ws
    ws.close()


def dialog(qtbot: QtBot, ws: Workspace) -> SettingsDialog:
    dlg = SettingsDialog(ws)
    qtbot.addWidget(dlg)
    return dlg


def test_shows_current_values_and_defaults(qtbot: QtBot, workspace: Workspace) -> None:
    dlg = dialog(qtbot, workspace)
    assert dlg.agency_name.text() == ""
    assert dlg.lock_minutes.value() == 15
    set_setting(workspace, AGENCY_NAME, "Riverton Safety Partnership")
    set_setting(workspace, SCREEN_LOCK_MINUTES, 5)
    dlg = dialog(qtbot, workspace)
    assert dlg.agency_name.text() == "Riverton Safety Partnership"
    assert dlg.lock_minutes.value() == 5


def test_too_long_lock_time_is_refused_beside_the_field(qtbot: QtBot, workspace: Workspace) -> None:
    dlg = dialog(qtbot, workspace)
    dlg.agency_name.setText("Riverton")
    dlg.lock_minutes.setValue(45)
    dlg.accept()
    assert dlg.form.error_text("screen_lock_minutes") == "Choose 1 to 30 minutes."
    assert dlg.saved_id is None  # the dialog stays open
    assert get_setting(workspace, SCREEN_LOCK_MINUTES) is None
    assert get_setting(workspace, AGENCY_NAME) is None  # nothing saved, not even the name


def test_saved_values_are_read_back(qtbot: QtBot, workspace: Workspace) -> None:
    dlg = dialog(qtbot, workspace)
    dlg.agency_name.setText("  Riverton Safety Partnership ")
    dlg.lock_minutes.setValue(20)
    dlg.accept()
    assert dlg.saved_id is not None
    assert dlg.result() == SettingsDialog.DialogCode.Accepted
    again = dialog(qtbot, workspace)
    assert again.agency_name.text() == "Riverton Safety Partnership"
    assert again.lock_minutes.value() == 20
    assert get_setting(workspace, SCREEN_LOCK_MINUTES) == 20


def test_agency_email_is_checked_beside_the_field_then_kept(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dlg = dialog(qtbot, workspace)
    dlg.agency_email.setText("prevention at city hall")
    dlg.accept()
    assert "e-mail address" in dlg.form.error_text("agency_email")
    assert dlg.saved_id is None
    dlg.agency_email.setText(" prevention@riverton.gov ")
    dlg.accept()
    assert dlg.saved_id is not None
    assert dialog(qtbot, workspace).agency_email.text() == "prevention@riverton.gov"
    assert agency_contact(workspace) == ("", "prevention@riverton.gov")


def test_paper_size_is_letter_until_a4_is_chosen(qtbot: QtBot, workspace: Workspace) -> None:
    dlg = dialog(qtbot, workspace)
    assert [dlg.paper_size.itemText(i) for i in range(dlg.paper_size.count())] == [
        "Letter", "A4"]
    assert dlg.paper_size.currentText() == "Letter"
    dlg.paper_size.setCurrentIndex(dlg.paper_size.findText("A4"))
    dlg.accept()
    assert dlg.saved_id is not None
    assert get_setting(workspace, PAPER_SIZE) == "A4"
    assert paper_size(workspace) == "A4"
    assert dialog(qtbot, workspace).paper_size.currentText() == "A4"


def _png(qtbot: QtBot) -> bytes:
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("#1f4e79"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def test_a_logo_is_chosen_shown_and_removed(qtbot: QtBot, workspace: Workspace,
                                            tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                            ) -> None:
    from PySide6.QtWidgets import QFileDialog

    logo = tmp_path / "logo.png"
    logo.write_bytes(_png(qtbot))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(logo), ""))
    dlg = dialog(qtbot, workspace)
    assert "No logo" in dlg.logo.preview.text()
    dlg.logo.choose()
    assert not dlg.logo.preview.pixmap().isNull()
    dlg.accept()
    assert agency_logo(workspace) == logo.read_bytes()
    again = dialog(qtbot, workspace)
    assert again.logo.data == logo.read_bytes()
    again.logo.remove.click()
    again.accept()
    assert agency_logo(workspace) is None


def test_a_logo_that_is_not_a_picture_is_refused_beside_the_field(
        qtbot: QtBot, workspace: Workspace) -> None:
    dlg = dialog(qtbot, workspace)
    dlg.logo.set_data(b"%PDF-1.7 not a picture")
    dlg.accept()
    assert dlg.form.error_text("logo") == "Choose a PNG or JPEG picture for the logo."
    assert get_setting(workspace, AGENCY_LOGO) is None
    set_setting(workspace, AGENCY_LOGO, "!!not base64!!")  # stored by something else
    assert agency_logo(workspace) is None


def test_an_unknown_paper_size_is_refused_and_never_used(workspace: Workspace) -> None:
    with pytest.raises(ValidationError) as refused:
        save_preferences(workspace, Preferences(agency_name="Riverton", paper_size="A5"))
    assert refused.value.errors == {"paper_size": "Choose Letter or A4 paper."}
    assert get_setting(workspace, AGENCY_NAME) is None  # nothing saved
    set_setting(workspace, PAPER_SIZE, "Legal")  # stored by something else
    assert paper_size(workspace) == "Letter"
    assert load_preferences(workspace).paper_size == "Letter"


def test_backups_folder_of_a_sqlite_file(
    qtbot: QtBot, workspace: Workspace, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dlg = dialog(qtbot, workspace)
    expected = backup_dir_for(db_path.resolve())
    assert dlg.backups_label.text() == str(expected)
    assert dlg.open_folder.isEnabled()
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dlg.open_folder.click()
    assert opened == [QUrl.fromLocalFile(str(expected))]
    assert expected.is_dir()


def test_backups_of_a_shared_server_are_the_administrators(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Database, "path", property(lambda self: None))
    dlg = dialog(qtbot, workspace)
    assert dlg.backups_label.text() == SHARED_SERVER_BACKUPS
    assert not dlg.open_folder.isEnabled()


def test_a_viewer_is_refused_and_nothing_is_saved(qtbot: QtBot, workspace: Workspace) -> None:
    viewer = Workspace(workspace.db, user_name="val", role=Role.VIEWER)
    dlg = dialog(qtbot, viewer)
    dlg.agency_name.setText("Not allowed")
    dlg.lock_minutes.setValue(20)
    dlg.accept()
    assert dlg.saved_id is None
    assert not dlg.form.general_error.isHidden()
    assert "viewer" in dlg.form.general_error.text()
    assert "may not" in dlg.form.general_error.text()
    assert get_setting(workspace, AGENCY_NAME) is None
    assert get_setting(workspace, SCREEN_LOCK_MINUTES) is None


def test_file_menu_opens_settings_and_applies_the_lock_time(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    win = MainWindow(workspace, open_workspace)
    qtbot.addWidget(win)
    assert QKeySequence("Ctrl+,") in win.settings_action.shortcuts()
    assert win.settings_action.text() == "&Settings…"

    def save_twenty(self: SettingsDialog) -> int:
        self.lock_minutes.setValue(20)
        self.accept()
        return int(self.result())

    monkeypatch.setattr(SettingsDialog, "exec", save_twenty)
    assert win.screen_lock.minutes == 15
    win.settings_action.trigger()
    assert win.screen_lock.minutes == 20
    win.close()


def test_a_long_message_beside_a_field_is_given_the_room_it_needs(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dlg = dialog(qtbot, workspace)
    dlg.show()
    qtbot.waitExposed(dlg)
    height = dlg.height()
    dlg.form.show_errors({"agency_email": "A long message that cannot fit on one line beside "
                          "the field, so it wraps onto a second and a third line. " * 2})
    label = dlg.form.fields["agency_email"].error
    qtbot.wait(1)  # the layout settles
    assert dlg.height() > height
    assert label.height() >= label.heightForWidth(label.width())  # no line cut off
