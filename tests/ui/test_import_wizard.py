"""The contact import wizard and Import history, driven as a user would, on real files."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QToolButton, QWizard
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.cli import open_workspace
from app.models import Attendance, Meeting, utcnow
from app.services.contacts import RowStatus, list_import_batches, preview_import, run_import
from app.services.errors import ConflictError
from app.services.organizations import list_organizations
from app.services.people import PersonInput, create_person, list_people
from app.services.workspace import Workspace
from app.ui.dialogs.import_history import ImportHistoryDialog
from app.ui.dialogs.import_wizard import (
    DONE_PAGE,
    FILE_PAGE,
    LAYOUT_PAGE,
    PREVIEW_PAGE,
    ImportWizard,
)
from app.ui.main_window import MainWindow
from app.ui.pages.organizations_page import OrganizationsPage
from app.ui.pages.people_page import PeoplePage
from app.ui.table_model import WARNING_COLOUR
from tests.real_data import REAL_DATA

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "contacts"

SIGN_IN_SHEET = (
    "Attendee,Affiliation,Phone,Remarks\r\n"
    "Aisha Rahman,Northside Tenants Union,555-987-0011,Chair\r\n"
    "Jordan Lee,Northside Tenants Union,555 987 0000,\r\n"
    "Priya Natarajan,,,Block captain\r\n"
)


@pytest.fixture
def workspace(db_path: Path) -> Iterator[Workspace]:
    ws = open_workspace(db_path)
    yield ws
    ws.close()


@pytest.fixture
def window(qtbot: QtBot, workspace: Workspace) -> MainWindow:
    win = MainWindow(workspace, open_workspace)
    qtbot.addWidget(win)
    win.show()
    win.show_area("People")
    return win


@pytest.fixture
def outlook_csv() -> Path:
    path = REAL_DATA / "contacts_horde" / "Outlook.csv"
    if not path.is_file():
        pytest.skip(f"real exports not available: {path} is absent (see SOURCES.md)")
    return path


def open_wizard(qtbot: QtBot, workspace: Workspace) -> ImportWizard:
    wizard = ImportWizard(workspace)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def press(wizard: ImportWizard, which: QWizard.WizardButton) -> None:
    """Click a wizard button the way a user does (a disabled one does nothing)."""
    wizard.button(which).click()


def choose_file(wizard: ImportWizard, path: Path) -> None:
    wizard.file_page.path.setText(str(path))
    press(wizard, QWizard.WizardButton.NextButton)


def shown_rows(wizard: ImportWizard) -> list[list[str]]:
    model = wizard.preview_page.model
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def column(wizard: ImportWizard, title: str) -> int:
    return [c.title for c in wizard.preview_page.model.columns].index(title)


def people_names(page: PeoplePage | OrganizationsPage) -> list[str]:
    return [page.model.index(r, 0).data() for r in range(page.model.rowCount())]


def answer_yes(asked: list[str]) -> object:
    def question(parent: object, title: str, text: str, *args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    return question


def test_outlook_export_through_import_and_undo(
    window: MainWindow,
    workspace: Workspace,
    outlook_csv: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    people = window.page("People")
    assert isinstance(people, PeoplePage)
    assert people_names(people) == []
    wizard = open_wizard(qtbot, workspace)
    choose_file(wizard, outlook_csv)

    assert wizard.currentId() == LAYOUT_PAGE
    page = wizard.layout_page
    assert page.recognised.text() == (
        "Recognised: Outlook — CSV (comma-separated), UTF-8, 92 columns, 1 row"
    )
    assert page.combos[1].currentText() == "First name"  # "First Name", proposed by the layout
    assert page.samples[1].text() == "Firman"
    assert page.combos[0].currentText() == "(ignore)"  # "Title" (Mr., Dr.) is not a job title
    press(wizard, QWizard.WizardButton.NextButton)

    assert wizard.currentId() == PREVIEW_PAGE
    assert wizard.preview_page.counts.text() == "1 new, 0 duplicates, 0 errors"
    (row,) = shown_rows(wizard)
    assert row[:5] == ["row 2", "New", "Firman Wandayandi", "Foo", "firman@php.net"]
    assert wizard.preview_page.organizations.text() == "Also adds 1 organization: Foo."
    assert list_people(workspace).total == 0  # nothing written before Import
    press(wizard, QWizard.WizardButton.CommitButton)

    assert wizard.currentId() == DONE_PAGE
    assert wizard.done_page.summary.text() == (
        "Added 1 person and 1 organization. You can undo this import from Import history."
    )
    # the services announce the change; the main window passes it on to the page
    qtbot.waitUntil(lambda: people_names(people) == ["Wandayandi, Firman"])
    assert "Foo" in people.detail.toPlainText()

    history = ImportHistoryDialog(workspace)
    qtbot.addWidget(history)
    model = history.model
    assert [model.index(0, c).data() for c in range(1, 7)] == [
        "Outlook.csv", "Outlook", workspace.user_name, "1", "1", "0"
    ]
    assert model.index(0, 7).data() == ""
    assert history.undo_button.isEnabled()
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", answer_yes(asked))
    history.undo_button.click()
    assert "Undo the import of Outlook.csv" in asked[0]
    assert "1 contact it added" in asked[0]
    assert history.status.text() == (
        "Undid the import of Outlook.csv: removed 1 person and 1 organization."
    )
    assert model.index(0, 7).data().endswith(f"by {workspace.user_name}")
    assert model.data(model.index(0, 7), Qt.ItemDataRole.ForegroundRole) == WARNING_COLOUR
    assert not history.undo_button.isEnabled()
    qtbot.waitUntil(lambda: people_names(people) == [])
    assert list_organizations(workspace).total == 0


def test_duplicates_and_errors_are_shown_with_their_reasons(
    qtbot: QtBot, workspace: Workspace
) -> None:
    create_person(
        workspace, PersonInput("Maria", "Gomez", email="Maria.Gomez@riverside-youth.org")
    )
    wizard = open_wizard(qtbot, workspace)
    choose_file(wizard, FIXTURES / "google_contacts.csv")
    assert wizard.layout_page.recognised.text().startswith(
        "Recognised: Google Contacts — CSV (comma-separated), UTF-8 (with BOM), 38 columns"
    )
    press(wizard, QWizard.WizardButton.NextButton)
    page = wizard.preview_page
    assert page.counts.text() == "2 new, 1 duplicate, 1 error"
    assert [page.filter.itemText(i) for i in range(page.filter.count())] == [
        "All rows (4)", "New (2)", "Duplicates (1)", "Errors (1)"
    ]
    details, status = column(wizard, "Details"), column(wizard, "Status")

    page.show_only(RowStatus.DUPLICATE)
    (duplicate,) = shown_rows(wizard)
    assert duplicate[status] == "Duplicate"
    assert duplicate[details].startswith("duplicate of Maria Gomez (#1): same e-mail")
    colour = page.model.data(page.model.index(0, status), Qt.ItemDataRole.ForegroundRole)
    assert colour == WARNING_COLOUR
    assert page.explain.text().startswith(  # the selected row's whole story, under the table
        "Row 2 — Maria Gómez: duplicate of Maria Gomez (#1): same e-mail "
        "maria.gomez@riverside-youth.org"
    )
    page.show_only(RowStatus.ERROR)
    (error,) = shown_rows(wizard)
    assert (error[0], error[status]) == ("row 5", "Error")
    assert error[details] == "no name, e-mail address or organization"
    page.show_only(RowStatus.NEW)
    assert [r[2] for r in shown_rows(wizard)] == ["Kwame Mensah", "Harbor Food Bank"]
    assert page.model.data(page.model.index(0, status), Qt.ItemDataRole.ForegroundRole) is None

    press(wizard, QWizard.WizardButton.CommitButton)
    assert wizard.done_page.summary.text() == (
        "Added 1 person and 2 organizations; skipped 1 duplicate and 1 row with errors. "
        "You can undo this import from Import history."
    )
    assert sorted(p.name for p in list_people(workspace).rows) == [
        "Gomez, Maria", "Mensah, Kwame"
    ]


def test_likely_duplicates_are_imported_only_when_asked(
    qtbot: QtBot, workspace: Workspace
) -> None:
    for first, last, email in (
        ("Aisha", "Rahman", "aisha@northside-tenants.example"),
        ("Jordan", "Lee", ""),
        ("Priya", "Natarajan", "priya.n@example.org"),
    ):
        create_person(workspace, PersonInput(first, last, email=email))
    wizard = open_wizard(qtbot, workspace)
    choose_file(wizard, FIXTURES / "partners.xlsx")
    assert wizard.layout_page.recognised.text() == (
        "Recognised: Spreadsheet — Excel workbook, 7 columns, 3 rows"
    )
    press(wizard, QWizard.WizardButton.NextButton)
    page = wizard.preview_page
    assert page.counts.text() == "0 new, 3 duplicates, 0 errors"
    import_button = wizard.button(QWizard.WizardButton.CommitButton)
    assert import_button.text() == "&Import"
    assert not import_button.isEnabled()
    assert page.nothing.text() == "Nothing new to import."
    page.include_duplicates.setChecked(True)
    assert import_button.isEnabled()
    press(wizard, QWizard.WizardButton.CommitButton)
    assert wizard.done_page.summary.text().startswith("Added 3 people and 1 organization.")
    assert list_people(workspace).total == 6


def test_unrecognised_columns_are_chosen_by_hand_and_remembered(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    sheet = tmp_path / "sign-in sheet.csv"
    sheet.write_text(SIGN_IN_SHEET, encoding="utf-8")
    wizard = open_wizard(qtbot, workspace)
    choose_file(wizard, sheet)
    page = wizard.layout_page
    assert wizard.currentId() == LAYOUT_PAGE
    assert page.recognised.text() == (
        "Recognised: Spreadsheet — CSV (comma-separated), UTF-8, 4 columns, 3 rows"
    )
    assert page.error.text().startswith(
        "Choose a column for the name, the e-mail or the organization."
    )
    assert [c.currentText() for c in page.combos] == ["(ignore)", "(ignore)", "Phone", "Notes"]
    assert [s.text() for s in page.samples] == [
        "Aisha Rahman", "Northside Tenants Union", "555-987-0011", "Chair"
    ]
    press(wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == LAYOUT_PAGE  # still nobody to name: stays, says why
    assert not page.error.isHidden()

    page.choose(0, "full_name")
    page.choose(1, "organization")
    page.apply_button.click()
    assert page.outcome.text() == (
        "With these choices: 3 new, 0 duplicates, 0 errors — first: Aisha Rahman, "
        "Jordan Lee, Priya Natarajan."
    )
    assert page.error.isHidden()
    page.only_used.setChecked(True)
    assert all(not c.isHidden() for c in page.combos)  # every column is imported now
    press(wizard, QWizard.WizardButton.NextButton)
    assert [r[2:4] for r in shown_rows(wizard)] == [
        ["Aisha Rahman", "Northside Tenants Union"],
        ["Jordan Lee", "Northside Tenants Union"],
        ["Priya Natarajan", ""],
    ]
    press(wizard, QWizard.WizardButton.CommitButton)
    assert wizard.done_page.summary.text().startswith("Added 3 people and 1 organization.")

    later = tmp_path / "next meeting.csv"
    later.write_text(SIGN_IN_SHEET.split("\r\n")[0] + "\r\nSam Ortiz,Riverton PD,,\r\n")
    again = open_wizard(qtbot, workspace)
    choose_file(again, later)
    assert again.layout_page.error.isHidden()
    assert "saved when a file with the same columns" in again.layout_page.note.text()
    assert [c.currentText() for c in again.layout_page.combos] == [
        "Full name", "Organization", "Phone", "Notes"
    ]


def test_editing_a_proposed_mapping_changes_what_is_imported(
    qtbot: QtBot, workspace: Workspace
) -> None:
    wizard = open_wizard(qtbot, workspace)
    choose_file(wizard, FIXTURES / "outlook_german_semicolon_cp1252.csv")
    page = wizard.layout_page
    assert page.recognised.text() == (
        "Recognised: Spreadsheet — CSV (semicolon-separated), Windows-1252, 8 columns, 2 rows"
    )
    assert [c.currentText() for c in page.combos[:4]] == [
        "First name", "Last name", "E-mail", "Organization"
    ]
    page.choose(2, "")  # leave the e-mail addresses out
    press(wizard, QWizard.WizardButton.NextButton)  # applies the change on the way
    assert wizard.currentId() == PREVIEW_PAGE
    rows = shown_rows(wizard)
    assert [r[2] for r in rows] == ["José Núñez", "Jürgen Weiß"]
    assert [r[column(wizard, "E-mail")] for r in rows] == ["", ""]


def test_a_bad_file_gets_a_message_and_the_wizard_stays(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    wizard = open_wizard(qtbot, workspace)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # no file yet
    for path, message in (
        (FIXTURES / "truncated.xlsx", "This workbook is damaged or incomplete"),
        (FIXTURES / "csv_renamed.xlsx", "named like an Excel workbook but is not one"),
        (FIXTURES / "password_protected.xlsx", "This workbook is password-protected."),
        (tmp_path / "missing.csv", "does not exist"),
    ):
        choose_file(wizard, path)
        assert wizard.currentId() == FILE_PAGE
        assert message in wizard.file_page.error.text()
        assert not wizard.file_page.error.isHidden()
    wizard.file_page.path.setText(str(FIXTURES / "partners.xlsx"))
    assert wizard.file_page.error.isHidden()  # the message goes once the name changes
    assert list_import_batches(workspace) == []


def test_a_file_imported_before_shows_a_banner_and_cannot_be_imported_again(
    qtbot: QtBot, workspace: Workspace
) -> None:
    path = FIXTURES / "partners.xlsx"
    run_import(workspace, preview_import(workspace, path))
    wizard = open_wizard(qtbot, workspace)
    choose_file(wizard, path)
    press(wizard, QWizard.WizardButton.NextButton)
    page = wizard.preview_page
    assert not page.banner.isHidden()
    assert page.banner.text().startswith("This file was already imported on ")
    assert "importing it again adds nothing" in page.banner.text()
    assert page.counts.text() == "0 new, 3 duplicates, 0 errors"
    assert not page.include_duplicates.isEnabled()
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()


def test_vcards_skip_the_column_editor(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    cards = tmp_path / "phone.vcf"
    cards.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dana Whitfield\r\nN:Whitfield;Dana;;;\r\n"
        "ORG:Eastside Community Church\r\nEMAIL:dana@eastside-ccc.org\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sam Ortiz\r\nN:Ortiz;Sam;;;\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    wizard = open_wizard(qtbot, workspace)
    choose_file(wizard, cards)
    page = wizard.layout_page
    assert page.recognised.text() == "Recognised: vCard — UTF-8, 2 cards"
    assert page.note.text().startswith("vCards name their own fields")
    assert page.editor.isHidden() and page.apply_button.isHidden()
    press(wizard, QWizard.WizardButton.NextButton)
    assert [r[:4] for r in shown_rows(wizard)] == [
        ["card 1", "New", "Dana Whitfield", "Eastside Community Church"],
        ["card 2", "New", "Sam Ortiz", ""],
    ]


def test_a_refused_import_shows_a_message_and_changes_nothing(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    def someone_else_wrote(*args: object, **kwargs: object) -> None:
        raise ConflictError("Someone else changed this record since you opened it.")

    warned: list[str] = []
    monkeypatch.setattr("app.ui.dialogs.import_preview.run_import", someone_else_wrote)
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
    wizard = open_wizard(qtbot, workspace)
    choose_file(wizard, FIXTURES / "partners.xlsx")
    press(wizard, QWizard.WizardButton.NextButton)
    press(wizard, QWizard.WizardButton.CommitButton)
    assert warned == [
        "Nothing was imported.\n\nSomeone else changed this record since you opened it."
    ]
    assert wizard.currentId() == PREVIEW_PAGE
    assert list_people(workspace).total == 0


def test_undo_is_refused_while_imported_people_attend_meetings(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_import(workspace, preview_import(workspace, FIXTURES / "partners.xlsx"))
    (aisha,) = [p.id for p in list_people(workspace).rows if p.name == "Rahman, Aisha"]
    with workspace.write() as action:
        start = utcnow()
        meeting = Meeting(title="Partners", starts_at=start, ends_at=start + timedelta(hours=1))
        action.session.add(meeting)
        action.session.flush()
        action.session.add(Attendance(meeting_id=meeting.id, person_id=aisha))
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", answer_yes([]))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
    history = ImportHistoryDialog(workspace)
    qtbot.addWidget(history)
    history.undo_current()
    assert warned == [
        "This import cannot be undone: 1 of the people it added are now used elsewhere: "
        "Aisha Rahman (meeting attendance). Archive them instead, or remove those links first."
    ]
    assert history.undo_button.isEnabled()  # still in effect
    assert history.model.index(0, 7).data() == ""
    assert list_people(workspace).total == 3


def test_history_without_imports_says_so(qtbot: QtBot, workspace: Workspace) -> None:
    history = ImportHistoryDialog(workspace)
    qtbot.addWidget(history)
    assert history.summary.text() == "No contacts have been imported into this database yet."
    assert not history.undo_button.isEnabled()


@pytest.mark.parametrize("page_type", [PeoplePage, OrganizationsPage])
def test_the_import_menu_opens_the_wizard_and_the_history(
    qtbot: QtBot, workspace: Workspace, page_type: type[PeoplePage | OrganizationsPage]
) -> None:
    page = page_type(workspace)
    qtbot.addWidget(page)
    button = page.findChild(QToolButton, "importButton")
    assert button.text() == "&Import"
    actions = {a.text(): a for a in button.menu().actions()}
    assert list(actions) == ["Import &contacts…", "Import &history…"]
    opened: list[str] = []

    def close_it() -> None:
        dialog = QApplication.activeModalWidget()
        opened.append(dialog.windowTitle())
        if isinstance(dialog, ImportWizard):
            opened.append(dialog.file_page.findChild(QLabel).text())
        dialog.reject()

    for text in actions:
        QTimer.singleShot(0, close_it)
        actions[text].trigger()
    assert opened == ["Import contacts", "&File:", "Import history"]


def test_table_models_pass_the_model_tester(
    qtbot: QtBot, workspace: Workspace, qtmodeltester: ModelTester
) -> None:
    wizard = open_wizard(qtbot, workspace)
    choose_file(wizard, FIXTURES / "google_contacts.csv")
    press(wizard, QWizard.WizardButton.NextButton)
    assert wizard.preview_page.model.rowCount() == 4
    qtmodeltester.check(wizard.preview_page.model, force_py=True)
    press(wizard, QWizard.WizardButton.CommitButton)
    history = ImportHistoryDialog(workspace)
    qtbot.addWidget(history)
    assert history.model.rowCount() == 1
    qtmodeltester.check(history.model, force_py=True)


def test_browse_offers_contact_files_and_fills_in_the_path(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[str] = []

    def choose(parent: object, caption: str, start: str, filters: str) -> tuple[str, str]:
        offered.append(filters)
        return str(FIXTURES / "partners.xlsx"), filters

    monkeypatch.setattr("app.ui.dialogs.import_pages.QFileDialog.getOpenFileName", choose)
    wizard = open_wizard(qtbot, workspace)
    wizard.file_page.browse()
    assert offered == ["Contacts (*.csv *.txt *.vcf *.vcard *.xlsx);;All files (*)"]
    assert wizard.file_page.path.text() == str(FIXTURES / "partners.xlsx")
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_a_file_without_a_heading_row_is_mapped_from_its_cells(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    bare = tmp_path / "emails.csv"
    bare.write_text("ann@example.org,Ann Lee\nbo@example.org,Bo Chen\n", encoding="utf-8")
    wizard = open_wizard(qtbot, workspace)
    choose_file(wizard, bare)
    page = wizard.layout_page
    assert page.recognised.text() == (
        "Recognised: Spreadsheet (no header row) — CSV (comma-separated), UTF-8, "
        "2 columns, 2 rows"
    )
    assert "the file has no heading row" in page.note.text()
    assert [c.currentText() for c in page.combos] == ["E-mail", "(ignore)"]
    assert [s.text() for s in page.samples] == ["ann@example.org", "Ann Lee"]
    page.choose(1, "full_name")
    press(wizard, QWizard.WizardButton.NextButton)
    assert [r[2] for r in shown_rows(wizard)] == ["Ann Lee", "Bo Chen"]
