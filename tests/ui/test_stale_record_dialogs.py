"""The resource and survey-response forms refuse to save over someone else's change:
the message names who changed the record and when, the user's entries are listed under
the details, Cancel keeps them in the form, Reload shows the stored record to edit again."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from app.models import Initiative, InitiativeKind, Organization, OrganizationKind, SurveyKind
from app.models.database import Database, open_database
from app.services.expenditures import (
    ExpenditureInput,
    create_expenditure,
    expenditure_form,
    update_expenditure,
)
from app.services.surveys.definitions import (
    FactorInput,
    QuestionInput,
    SurveyInput,
    create_survey,
    survey_form,
)
from app.services.surveys.responses import (
    ResponseInput,
    create_response,
    response_form,
    update_response,
)
from app.services.workspace import Workspace
from app.ui.dialogs.initiative_resources_tab import ExpenditureDialog
from app.ui.dialogs.survey_response_dialog import SurveyResponseDialog

WHO_WHEN = (r"^This {label} was changed by maria at \d{{4}}-\d\d-\d\d \d\d:\d\d \(UTC\) "
            r"since you opened it\. Reload it to see their changes, then edit again\.$")


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    opened = open_database(db_path)
    try:
        yield opened
    finally:
        opened.close()


def press(button: str, seen: list[QMessageBox]) -> Callable[[QMessageBox], QAbstractButton]:
    """An ``ask_box`` that notes the message box and clicks ``button`` in it."""
    def ask(box: QMessageBox) -> QAbstractButton:
        seen.append(box)
        return next(b for b in box.buttons() if b.text().replace("&", "") == button)
    return ask


def save(dialog: ExpenditureDialog | SurveyResponseDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_resource_form_names_who_changed_the_line_and_reloads(
        qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    jon, maria = Workspace(db, user_name="jon"), Workspace(db, user_name="maria")
    with jon.write() as action:
        initiative = Initiative(name="Watch", kind=InitiativeKind.NEIGHBORHOOD_WATCH)
        hardware = Organization(name="Main St Hardware", kind=OrganizationKind.BUSINESS)
        action.session.add_all([initiative, hardware])
        action.session.flush()
        initiative_id, hardware_id = initiative.id, hardware.id
    line = create_expenditure(jon, initiative_id, ExpenditureInput(
        date(2026, 3, 1), "Equipment", 12_000, description="Locks"))
    dialog = ExpenditureDialog(jon, initiative_id, line, [(hardware_id, "Main St Hardware")])
    qtbot.addWidget(dialog)
    assert dialog.amount.text() == "120.00"
    version, theirs = expenditure_form(maria, line)  # maria saves first
    update_expenditure(maria, line, replace(theirs, amount_cents=15_000,
                                            description="Locks and chains"), version)

    seen: list[QMessageBox] = []
    monkeypatch.setattr(dialog, "ask_box", press("Cancel", seen))
    dialog.amount.setText("99.00")
    save(dialog)
    assert dialog.saved_id is None  # still open, with jon's entry
    [box] = seen
    assert re.match(WHO_WHEN.format(label="expenditure"), box.text())
    assert "amount_cents: 9900" in box.detailedText()
    assert dialog.amount.text() == "99.00"
    assert expenditure_form(jon, line) == (2, replace(theirs, amount_cents=15_000,
                                                      description="Locks and chains"))

    monkeypatch.setattr(dialog, "ask_box", press("Reload", seen))
    save(dialog)
    assert dialog.saved_id is None and len(seen) == 2
    assert dialog.amount.text() == "150.00"  # maria's line, to edit again
    assert dialog.form.values()["description"] == "Locks and chains"
    dialog.amount.setText("99.00")
    save(dialog)
    assert dialog.saved_id == line and len(seen) == 2
    assert expenditure_form(maria, line) == (3, replace(theirs, amount_cents=9_900,
                                                        description="Locks and chains"))


def test_response_form_names_who_changed_the_answers_and_reloads(
        qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    jon, maria = Workspace(db, user_name="jon"), Workspace(db, user_name="maria")
    survey_id = create_survey(jon, SurveyInput(
        name="Watch survey", kind=SurveyKind.CUSTOM,
        factors=(FactorInput("Safety", (QuestionInput("I feel safe at night."),
                                        QuestionInput("Police treat people fairly."))),)))
    safe, fair = (q.id or 0 for f in survey_form(jon, survey_id).data.factors
                  for q in f.questions)
    response_id = create_response(jon, survey_id, ResponseInput({safe: 2}, date(2025, 3, 1),
                                                                "R-7"))
    dialog = SurveyResponseDialog(jon, survey_id, response_id)
    qtbot.addWidget(dialog)
    theirs = response_form(maria, response_id)  # maria corrects the answers first
    update_response(maria, response_id, replace(theirs.data, answers={safe: 4, fair: 5}),
                    theirs.version)

    seen: list[QMessageBox] = []
    monkeypatch.setattr(dialog, "ask_box", press("Cancel", seen))
    dialog.set_answer(safe, 1)
    dialog.ref.setText("R-7b")
    save(dialog)
    assert dialog.saved_id is None
    [box] = seen
    assert re.match(WHO_WHEN.format(label="survey response"), box.text())
    assert "respondent_ref: R-7b" in box.detailedText()
    assert "“I feel safe at night.”: 1" in box.detailedText()
    assert dialog.answers() == {safe: 1} and dialog.ref.text() == "R-7b"  # kept to re-enter
    stored = response_form(jon, response_id)
    assert (stored.version, dict(stored.data.answers), stored.data.respondent_ref) == (
        2, {safe: 4, fair: 5}, "R-7")

    monkeypatch.setattr(dialog, "ask_box", press("Reload", seen))
    save(dialog)
    assert dialog.saved_id is None and len(seen) == 2
    assert dialog.answers() == {safe: 4, fair: 5} and dialog.ref.text() == "R-7"
    dialog.set_answer(fair, None)
    save(dialog)
    assert dialog.saved_id == response_id and len(seen) == 2
    stored = response_form(maria, response_id)
    assert (stored.version, dict(stored.data.answers)) == (3, {safe: 4})
