"""The Organizations and People pages and their dialogs, driven as a user would."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.cli import open_workspace
from app.models import OrganizationKind
from app.services.organizations import OrganizationInput, create_organization
from app.services.people import AffiliationInput, PersonInput, create_person, list_people
from app.services.workspace import Workspace
from app.ui.dialogs.duplicates import SaveChoice
from app.ui.dialogs.organization_dialog import OrganizationDialog
from app.ui.dialogs.person_dialog import PersonDialog
from app.ui.pages.organizations_page import OrganizationsPage
from app.ui.pages.people_page import PeoplePage


@pytest.fixture
def workspace(db_path: Path) -> Workspace:
    ws = open_workspace(db_path)
    harbor = create_organization(
        ws, OrganizationInput("Harbor Youth Center", OrganizationKind.NONPROFIT)
    )
    create_organization(ws, OrganizationInput("Eastside Middle School", OrganizationKind.SCHOOL))
    create_person(
        ws,
        PersonInput(
            "Zoë",
            "Müller",
            email="zoe@harbor.org",
            affiliations=(AffiliationInput(harbor, "Director", None, None, True),),
        ),
    )
    create_person(ws, PersonInput("Ann", "Lee", tags=("officer",)))
    yield ws
    ws.close()


@pytest.fixture
def people(qtbot: QtBot, workspace: Workspace) -> PeoplePage:
    page = PeoplePage(workspace)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    return page


def shown_names(page: PeoplePage | OrganizationsPage) -> list[str]:
    return [page.model.index(r, 0).data() for r in range(page.model.rowCount())]


def test_search_as_you_type_narrows_the_list_and_shows_the_detail(
    people: PeoplePage, qtbot: QtBot
) -> None:
    assert shown_names(people) == ["Lee, Ann", "Müller, Zoë"]
    assert people.count.text() == "2 people"
    qtbot.keyClicks(people.search, "harbor")
    qtbot.waitUntil(lambda: shown_names(people) == ["Müller, Zoë"])
    assert people.count.text() == "1 person"
    assert "Harbor Youth Center" in people.detail.toPlainText()
    assert "Director" in people.detail.toPlainText()


def test_tag_filter_and_sorting_by_clicking_the_header(people: PeoplePage, qtbot: QtBot) -> None:
    people.tag.setCurrentIndex(people.tag.findData("officer"))
    assert shown_names(people) == ["Lee, Ann"]
    people.tag.setCurrentIndex(0)
    people.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
    assert shown_names(people) == ["Müller, Zoë", "Lee, Ann"]


def test_list_model_passes_the_model_tester(people: PeoplePage, qtmodeltester: ModelTester) -> None:
    qtmodeltester.check(people.model, force_py=True)


def test_delete_key_archives_after_confirmation(
    people: PeoplePage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def yes(parent: object, title: str, text: str, *args: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    people.select_row(0)
    people.view.setFocus()
    qtbot.keyClick(people.view, Qt.Key.Key_Delete)
    assert asked and "Lee, Ann" in asked[0]
    people.refresh()
    assert shown_names(people) == ["Müller, Zoë"]
    people.show_archived.setChecked(True)
    assert shown_names(people) == ["Lee, Ann", "Müller, Zoë"]
    people.select_row(0)
    assert people.restore_action.isEnabled()


def test_person_dialog_shows_errors_beside_the_fields_and_saves_nothing(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = PersonDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.form.fields["email"].widget.setText("not an address")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.form.error_text("first_name") == "Give a first or a last name."
    assert dialog.form.error_text("email") == "This is not an e-mail address."
    assert dialog.saved_id is None
    assert list_people(workspace).total == 2


def test_person_dialog_saves_a_new_person_with_an_affiliation(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = PersonDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.first_name.setText("José")  # QTest.keyClicks aborts on non-ASCII offscreen
    dialog.form.fields["last_name"].widget.setText("Núñez")
    dialog.form.fields["phone"].widget.setText("555 201 7788")
    dialog.tags.setText("volunteer, block captain")
    dialog.affiliations.add_row(None)
    combo = dialog.affiliations.table.cellWidget(0, 0)
    combo.setCurrentIndex(combo.findText("Eastside Middle School"))
    dialog.affiliations.table.cellWidget(0, 1).setText("Parent volunteer")
    dialog.affiliations.table.cellWidget(0, 2).setText("2023-09-01")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.saved_id is not None
    (row,) = [r for r in list_people(workspace).rows if r.id == dialog.saved_id]
    assert (row.name, row.organization, row.phone) == (
        "Núñez, José",
        "Eastside Middle School",
        "(555) 201-7788",
    )


def test_bad_affiliation_date_is_reported_at_the_organizations_field(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = PersonDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.first_name.setText("Bo")
    dialog.affiliations.add_row(None)
    combo = dialog.affiliations.table.cellWidget(0, 0)
    combo.setCurrentIndex(combo.findText("Harbor Youth Center"))
    dialog.affiliations.table.cellWidget(0, 2).setText("14/05/2024")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert "2024-05-14" in dialog.form.error_text("affiliations")
    assert dialog.saved_id is None


def test_organization_page_and_dialog(qtbot: QtBot, workspace: Workspace) -> None:
    page = OrganizationsPage(workspace)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert shown_names(page) == ["Eastside Middle School", "Harbor Youth Center"]
    page.kind.setCurrentIndex(page.kind.findData(OrganizationKind.SCHOOL))
    assert shown_names(page) == ["Eastside Middle School"]
    dialog = OrganizationDialog(workspace, page.current_id())
    qtbot.addWidget(dialog)
    assert dialog.name.text() == "Eastside Middle School"
    dialog.form.fields["website"].widget.setText("not a site")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.form.error_text("website") == "This is not a web address."
    dialog.form.fields["website"].widget.setText("eastside.example.org")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.saved_id == page.current_id()
    page.refresh()
    assert "https://eastside.example.org" in page.detail.toPlainText()


def test_saving_a_likely_duplicate_warns_and_can_open_the_existing_record(
    people: PeoplePage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    warned: list[str] = []

    def open_existing(parent: object, noun: str, matches: list) -> tuple[str, object]:
        warned.extend(m.reason for m in matches)
        return SaveChoice.OPEN, matches[0]

    monkeypatch.setattr("app.ui.pages.directory_page.warn_about_duplicates", open_existing)

    def fill_and_save() -> None:
        dialog = next(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, PersonDialog) and w.isVisible()
        )
        dialog.first_name.setText("Zoe")
        dialog.form.fields["last_name"].widget.setText("Muller")
        dialog.form.fields["email"].widget.setText("ZOE@harbor.org")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    QTimer.singleShot(0, fill_and_save)
    people.add_new()
    assert any("e-mail" in reason for reason in warned)
    assert list_people(people.workspace).total == 2  # nothing saved
    assert people.model.row_at(people.view.currentIndex().row()).name == "Müller, Zoë"


def test_merging_two_selected_people(people: PeoplePage, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        "app.ui.pages.directory_page.choose_record_to_keep",
        lambda parent, noun, first, second: (second[0], first[0]),
    )
    people.view.selectAll()
    assert people.merge_action.isEnabled()
    people.merge_selected()
    assert shown_names(people) == ["Müller, Zoë"]
    assert "officer" in people.detail.toPlainText()  # the tag of the merged record


def test_export_writes_what_the_list_shows_in_the_background(
    people: PeoplePage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openpyxl import load_workbook

    from app.ui.pages.export_actions import PEOPLE_FORMATS, export

    monkeypatch.setattr(
        QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Close
    )
    people.search.setText("harbor")
    people.refresh()
    excel = next(f for f in PEOPLE_FORMATS if f.file_name.endswith(".xlsx"))
    written = export(
        people, people.workspace, excel, people.current_filter(), tmp_path / "people.xlsx"
    )
    assert written == tmp_path / "people.xlsx"
    sheet = load_workbook(written).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert len(values) == 2  # header and Zoë, the one person the list shows
    assert "Zoë" in values[1] or any("Zoë" in str(v) for v in values[1])


def test_person_dialog_reloads_after_someone_else_saved_first(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    from app.services.people import person_form, update_person

    person_id = next(r.id for r in list_people(workspace).rows if r.name == "Lee, Ann")
    dialog = PersonDialog(workspace, person_id)
    qtbot.addWidget(dialog)
    theirs = person_form(workspace, person_id)
    update_person(workspace, person_id, replace(theirs.data, title="Chief"), theirs.version)

    monkeypatch.setattr(dialog, "ask_box", lambda box: box.buttons()[0])  # Reload
    dialog.form.fields["title"].widget.setText("Captain")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.saved_id is None
    assert dialog.form.fields["title"].widget.text() == "Chief"  # their save, reloaded
    dialog.form.fields["title"].widget.setText("Captain")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.saved_id == person_id
    assert person_form(workspace, person_id).data.title == "Captain"
