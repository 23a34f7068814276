"""Choosing people from the directory: the search-as-you-type picker and the chooser dialog."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.models import OrganizationKind
from app.models.database import open_database
from app.services.organizations import OrganizationInput, create_organization
from app.services.people import AffiliationInput, PersonInput, create_person
from app.services.workspace import Workspace
from app.ui.person_picker import PeopleChooserDialog, PersonPicker


@dataclass
class Directory:
    ws: Workspace
    harbor: int
    zoe: int
    ann: int
    dmitri: int
    omar: int


@pytest.fixture
def directory(tmp_path: Path) -> Iterator[Directory]:
    ws = Workspace(open_database(tmp_path / "desk.sqlite"))
    harbor = create_organization(
        ws, OrganizationInput("Harbor Youth Center", OrganizationKind.NONPROFIT)
    )

    def member(role: str) -> tuple[AffiliationInput, ...]:
        return (AffiliationInput(harbor, role, None, None, True),)

    zoe = create_person(ws, PersonInput("Zoë", "Núñez", email="zoe@harbor.org",
                                        affiliations=member("Director")))
    ann = create_person(ws, PersonInput("Ann", "Lee", email="ann.lee@example.org"))
    dmitri = create_person(ws, PersonInput("Дмитрий", "Иванов"))
    omar = create_person(ws, PersonInput("Omar", "Haddad", affiliations=member("Coach")))
    yield Directory(ws, harbor, zoe, ann, dmitri, omar)
    ws.close()


def type_text(widget: QWidget, text: str) -> None:
    """Type as a keyboard would, accented letters too (QTest.keyClicks aborts on them)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def test_typing_part_of_a_name_offers_the_person_and_choosing_sets_the_id(
    qtbot: QtBot, directory: Directory
) -> None:
    picker = PersonPicker(directory.ws)
    qtbot.addWidget(picker)
    picker.show()
    picker.setFocus()
    type_text(picker, "núñ")
    qtbot.waitUntil(lambda: picker.completer_.popup().isVisible())
    assert picker.suggestion_texts() == ["Zoë Núñez — Harbor Youth Center"]
    assert picker.person_id is None
    with qtbot.waitSignal(picker.person_chosen) as chosen:
        qtbot.keyClick(picker.completer_.popup(), Qt.Key.Key_Return)
    assert chosen.args == [directory.zoe]
    assert (picker.text(), picker.person_id) == ("Zoë Núñez", directory.zoe)
    assert picker.organization == "Harbor Youth Center"
    assert not picker.completer_.popup().isVisible()

    with qtbot.waitSignal(picker.person_chosen) as cleared:
        qtbot.keyClick(picker, Qt.Key.Key_Backspace)
    assert cleared.args == [None]
    assert picker.person_id is None
    assert picker.is_unresolved()


def test_accent_free_typing_and_organization_search_find_people(
    qtbot: QtBot, directory: Directory
) -> None:
    picker = PersonPicker(directory.ws)
    qtbot.addWidget(picker)
    picker.show()
    qtbot.keyClicks(picker, "harbor")
    qtbot.waitUntil(lambda: len(picker.suggestion_texts()) == 2)
    assert picker.suggestion_texts() == [
        "Omar Haddad — Harbor Youth Center",
        "Zoë Núñez — Harbor Youth Center",
    ]
    picker.clear()
    qtbot.keyClicks(picker, "nobody-here")
    qtbot.waitUntil(lambda: picker.suggestion_texts() == ["No one matches"])


def test_set_person_shows_a_person_and_an_empty_field_means_nobody(
    qtbot: QtBot, directory: Directory
) -> None:
    picker = PersonPicker(directory.ws)
    qtbot.addWidget(picker)
    picker.set_person(directory.ann, "Ann Lee")
    assert (picker.text(), picker.person_id, picker.is_unresolved()) == (
        "Ann Lee", directory.ann, False
    )
    picker.set_person(None)
    assert (picker.text(), picker.person_id, picker.is_unresolved()) == ("", None, False)


def checked_names(dialog: PeopleChooserDialog) -> list[str]:
    model = dialog.model
    return [
        model.person_at(r).name
        for r in range(model.rowCount())
        if model.index(r).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    ]


def test_chooser_collects_people_across_searches_and_whole_organizations(
    qtbot: QtBot, directory: Directory, qtmodeltester: ModelTester
) -> None:
    dialog = PeopleChooserDialog(directory.ws)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.model.rowCount() == 4  # everyone, before searching
    qtmodeltester.check(dialog.model)
    qtmodeltester.check(dialog.model, force_py=True)

    qtbot.keyClicks(dialog.search, "lee")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    assert dialog.model.person_at(0).name == "Ann Lee"
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)  # into the list, on the first match
    assert dialog.list.hasFocus()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Space)
    assert dialog.count.text() == "1 chosen"

    dialog.search.clear()
    type_text(dialog.search, "Ива")
    qtbot.waitUntil(lambda: dialog.model.person_at(0).name == "Дмитрий Иванов")
    assert dialog.matches.text() == "1 person"
    assert checked_names(dialog) == []  # Ann stays chosen, out of sight
    dialog.model.setData(dialog.model.index(0), Qt.CheckState.Checked,
                         Qt.ItemDataRole.CheckStateRole)
    assert dialog.count.text() == "2 chosen"

    dialog.organization.setCurrentIndex(dialog.organization.findData(directory.harbor))
    dialog.add_organization.click()
    assert dialog.added.text() == "Added 2 from Harbor Youth Center."
    assert dialog.count.text() == "4 chosen"
    dialog.only_chosen.setChecked(True)
    assert checked_names(dialog) == ["Ann Lee", "Дмитрий Иванов", "Omar Haddad", "Zoë Núñez"]

    dialog.add_organization.click()  # again: nobody new
    assert dialog.added.text() == "Added 0 from Harbor Youth Center (2 already chosen)."
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)  # Enter is OK
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.person_ids() == [directory.ann, directory.dmitri, directory.omar, directory.zoe]


def test_chooser_unchecking_and_cancel(qtbot: QtBot, directory: Directory) -> None:
    dialog = PeopleChooserDialog(directory.ws, title="Choose presenters")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Choose presenters"
    index = dialog.model.index(0)
    dialog.model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert dialog.count.text() == "1 chosen"
    dialog.model.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert dialog.count.text() == "0 chosen"
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert dialog.result() == dialog.DialogCode.Rejected


def test_ask_returns_the_checked_ids_or_nothing_when_cancelled(
    qtbot: QtBot, directory: Directory
) -> None:
    def check_omar_and_press_ok() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, PeopleChooserDialog) and w.isVisible())
        dialog.search.setText("haddad")
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
        dialog.model.setData(dialog.model.index(0), Qt.CheckState.Checked,
                             Qt.ItemDataRole.CheckStateRole)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, check_omar_and_press_ok)
    assert PeopleChooserDialog.ask(directory.ws) == [directory.omar]

    def cancel() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, PeopleChooserDialog) and w.isVisible())
        dialog.model.setData(dialog.model.index(0), Qt.CheckState.Checked,
                             Qt.ItemDataRole.CheckStateRole)
        dialog.reject()

    QTimer.singleShot(0, cancel)
    assert PeopleChooserDialog.ask(directory.ws) == []
