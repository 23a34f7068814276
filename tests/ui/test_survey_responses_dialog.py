"""The responses list of a survey: 451 responses (an import and one typed in) shown a page
at a time, searched by respondent reference, one corrected through its form (Enter),
one deleted (Delete) only after the question is answered; and the organization picker
of the response form."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app.models import OrganizationKind, Role
from app.models.database import open_database
from app.services.organizations import OrganizationInput, create_organization, set_archived
from app.services.surveys.definitions import create_from_template, survey_form
from app.services.surveys.responses import (
    ResponseInput,
    create_response,
    response_form,
    response_page,
)
from app.services.surveys.results import survey_results
from app.services.surveys.survey_import import (
    preview_survey_import,
    propose_mapping,
    run_survey_import,
)
from app.services.surveys.survey_layouts import read_survey_file
from app.services.workspace import Workspace
from app.ui.dialogs.survey_response_dialog import NO_ORGANIZATION, SurveyResponseDialog
from app.ui.dialogs.survey_responses_dialog import ENTERED, UNDATED, SurveyResponsesDialog
from app.ui.paged_model import PAGE_SIZE

IMPORTED = 450


@pytest.fixture
def ws(db_path: Path) -> Iterator[Workspace]:
    db = open_database(db_path)
    try:
        yield Workspace(db, user_name="evaluator")
    finally:
        db.close()


def survey_with_responses(ws: Workspace, tmp_path: Path) -> tuple[int, list[int], int]:
    """A community survey with 450 imported responses (R-0001 … R-0450, 2025) and one
    typed in, with no date, for an organization; (survey, question ids, that org)."""
    survey_id = create_from_template(ws, "community", "Residents 2025")
    questions = [q.id or 0 for f in survey_form(ws, survey_id).data.factors
                 for q in f.questions]
    first = survey_form(ws, survey_id).data.factors[0].questions[0].text
    lines = [f"Timestamp,Respondent,{first}"]
    for n in range(1, IMPORTED + 1):
        day = date.fromordinal(date(2025, 1, 1).toordinal() + n % 300)
        lines.append(f"{day:%Y/%m/%d} 10:00:00,R-{n:04},{1 + n % 5}")
    path = tmp_path / "forms.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    source = read_survey_file(path)
    preview = preview_survey_import(ws, survey_id, source,
                                    propose_mapping(ws, survey_id, source))
    assert run_survey_import(ws, preview).responses_added == IMPORTED
    org = create_organization(ws, OrganizationInput(
        name="Eastside Block Club", kind=OrganizationKind.RESIDENT_GROUP))
    create_response(ws, survey_id, ResponseInput({questions[0]: 4, questions[1]: 5}, None,
                                                 "paper-1", org))
    return survey_id, questions, org


def cells(dialog: SurveyResponsesDialog, row: int) -> list[str]:
    model = dialog.model
    return [str(model.index(row, c).data()) for c in range(model.columnCount())]


def when_modal(qtbot: QtBot, kind: type, handle: Callable[[object], None]) -> None:
    """Run ``handle`` on the next modal dialog of ``kind`` once it is open (another modal
    widget, e.g. one an earlier test left behind, is not mistaken for it)."""
    def later() -> None:
        widget = QApplication.activeModalWidget()
        if not isinstance(widget, kind):
            QTimer.singleShot(20, later)
            return
        handle(widget)
    QTimer.singleShot(0, later)


def test_pages_search_and_where_each_response_came_from(
        qtbot: QtBot, qtmodeltester, ws: Workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    survey_id, _questions, _org = survey_with_responses(ws, tmp_path)
    dialog = SurveyResponsesDialog(ws, survey_id)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Responses – Residents 2025"
    assert dialog.count.text() == f"{IMPORTED + 1:,} responses"
    # Only the first page is read; scrolling fetches the next.
    assert dialog.model.rowCount() == PAGE_SIZE and dialog.model.canFetchMore()
    dialog.model.fetchMore()
    assert dialog.model.rowCount() == 2 * PAGE_SIZE
    total_questions = sum(len(f.questions) for f in survey_form(ws, survey_id).data.factors)
    newest = response_page(ws, survey_id, limit=1).rows[0]
    date_text, ref, org, answered, source = cells(dialog, 0)
    assert (date_text, ref, org) == (f"{newest.responded_on:%d %b %Y}",
                                     newest.respondent_ref, "")
    assert answered == f"1 of {total_questions}"
    assert source.startswith("import #") and source.endswith(": forms.csv")
    while dialog.model.canFetchMore():  # as a view scrolled to the end
        dialog.model.fetchMore()
    assert dialog.model.rowCount() == IMPORTED + 1
    assert cells(dialog, IMPORTED) == [UNDATED, "paper-1", "Eastside Block Club",
                                       f"2 of {total_questions}", ENTERED]  # undated last
    dialog.search.setText("r-01")  # R-0100 … R-0199, any case
    qtbot.waitUntil(lambda: "match" in dialog.count.text())
    assert dialog.count.text() == f"100 of {IMPORTED + 1:,} responses match"
    refs = {cells(dialog, r)[1] for r in range(dialog.model.rowCount())}
    assert len(refs) == 100 and all(r.startswith("R-01") for r in refs)
    dialog.search.setText("nobody")
    dialog.refresh()
    assert dialog.model.rowCount() == 0 and dialog.current() is None
    assert not dialog.edit_button.isEnabled() and not dialog.delete_button.isEnabled()
    # Sorting by respondent runs in SQL over all 451, not over the page loaded.
    dialog.search.clear()
    dialog.view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert [cells(dialog, r)[1] for r in range(2)] == ["R-0001", "R-0002"]
    # Checked last: the testers fetch more while handling a reset, before they mark the
    # reset finished, so a reset of a model with more to fetch trips them (tester quirk).
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == IMPORTED + 1


def test_enter_edits_and_delete_asks_first(qtbot: QtBot, ws: Workspace,
                                           tmp_path: Path) -> None:
    survey_id, questions, _org = survey_with_responses(ws, tmp_path)
    dialog = SurveyResponsesDialog(ws, survey_id)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    assert dialog.view.hasFocus()  # Enter and Delete work on the list at once
    dialog.search.setText("R-0007")
    dialog.refresh()
    assert dialog.model.rowCount() == 1
    row = dialog.current()
    assert row is not None and row.respondent_ref == "R-0007"
    opened: list[SurveyResponseDialog] = []

    def correct(widget: object) -> None:
        assert isinstance(widget, SurveyResponseDialog)
        opened.append(widget)
        widget.set_answer(questions[0], 5)
        widget.set_answer(questions[2], 1)
        widget.accept()

    when_modal(qtbot, SurveyResponseDialog, correct)
    qtbot.keyClick(dialog.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.changed == 1)
    assert opened and opened[0].response_id == row.id
    assert opened[0].ref.text() == "R-0007"  # the form opened on that response
    assert dict(response_form(ws, row.id).data.answers) == {questions[0]: 5,
                                                            questions[2]: 1}
    assert cells(dialog, 0)[3].startswith("2 of ")  # the list shows the correction
    # Delete: the question names the response; Cancel deletes nothing.
    asked: list[str] = []

    def answer(button: str) -> Callable[[QMessageBox], object]:
        def ask(box: QMessageBox) -> object:
            asked.append(box.text())
            return next(b for b in box.buttons() if b.text().replace("&", "") == button)
        return ask

    dialog.ask_box = answer("Cancel")  # type: ignore[method-assign]
    with qtbot.waitActive(dialog):  # offscreen has no window manager to hand it back
        dialog.activateWindow()
    qtbot.waitUntil(dialog.view.hasFocus)  # the form closed: back on the list
    qtbot.keyClick(dialog.view, Qt.Key.Key_Delete)
    assert "“R-0007”" in asked[0] and "2 answers" in asked[0] and "imported" in asked[0]
    assert survey_results(ws, survey_id).responses == IMPORTED + 1
    dialog.ask_box = answer("Delete")  # type: ignore[method-assign]
    assert dialog.delete_current()
    assert survey_results(ws, survey_id).responses == IMPORTED
    assert dialog.model.rowCount() == 0 and dialog.changed == 2
    dialog.search.clear()
    dialog.refresh()
    assert dialog.count.text() == f"{IMPORTED:,} responses"
    assert "R-0007" not in {cells(dialog, r)[1] for r in range(dialog.model.rowCount())}


def test_a_viewer_sees_the_list_but_may_not_change_it(qtbot: QtBot, ws: Workspace,
                                                      tmp_path: Path) -> None:
    survey_id, _questions, _org = survey_with_responses(ws, tmp_path)
    ws.role = Role.VIEWER
    dialog = SurveyResponsesDialog(ws, survey_id)
    qtbot.addWidget(dialog)
    assert dialog.current() is not None
    assert not dialog.edit_button.isEnabled() and not dialog.delete_button.isEnabled()
    assert not dialog.delete_current(confirmed=True)
    assert dialog.edit_current() is None
    assert survey_results(ws, survey_id).responses == IMPORTED + 1


def test_the_response_form_picks_an_organization(qtbot: QtBot, ws: Workspace,
                                                 tmp_path: Path) -> None:
    survey_id = create_from_template(ws, "partner", "Partners 2025")
    first = survey_form(ws, survey_id).data.factors[0].questions[0].id or 0
    org = create_organization(ws, OrganizationInput(
        name="Northside Clinic", kind=OrganizationKind.HEALTH))
    entry = SurveyResponseDialog(ws, survey_id)
    qtbot.addWidget(entry)
    assert entry.organization.currentText() == NO_ORGANIZATION
    assert entry.organization.findText("Northside Clinic") > 0
    entry.set_organization(org)
    entry.set_answer(first, 4)
    entry.accept()
    assert entry.saved_id is not None
    assert response_form(ws, entry.saved_id).data.organization_id == org
    # Archived since: still shown, and saving the response keeps it.
    set_archived(ws, org, True)
    again = SurveyResponseDialog(ws, survey_id, entry.saved_id)
    qtbot.addWidget(again)
    assert again.organization.currentText() == "Northside Clinic (archived)"
    again.set_answer(first, 2)
    again.accept()
    assert response_form(ws, entry.saved_id).data.organization_id == org
    # And it can be cleared.
    third = SurveyResponseDialog(ws, survey_id, entry.saved_id)
    qtbot.addWidget(third)
    third.set_organization(None)
    third.accept()
    assert response_form(ws, entry.saved_id).data.organization_id is None
