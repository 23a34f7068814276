"""The Surveys tab: a survey from a template, a response entered, the factor mean shown;
an export imported through the dialog, then undone from the history; results read in
the background (the newest request wins); the responses list from the tab; deleting a
survey, with a question that says how many responses go with it, and who may."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app.models import Role
from app.models.database import open_database
from app.services.errors import NotFoundError
from app.services.evaluation_scope import EvaluationScope, Period
from app.services.surveys.definitions import create_from_template, survey_form
from app.services.surveys.responses import ResponseInput, create_response
from app.services.surveys.results import METHOD_NOTE, survey_results
from app.services.workspace import Workspace
from app.ui.dialogs.survey_dialog import SurveyDialog
from app.ui.dialogs.survey_import_dialog import SurveyImportDialog, SurveyImportHistoryDialog
from app.ui.dialogs.survey_response_dialog import SurveyResponseDialog
from app.ui.dialogs.survey_responses_dialog import SurveyResponsesDialog
from app.ui.pages.evaluation_surveys_tab import SurveysTab

SCOPE = EvaluationScope(Period(date(2000, 1, 1), date(2100, 12, 31)))


@pytest.fixture
def ws(db_path: Path) -> Iterator[Workspace]:
    db = open_database(db_path)
    try:
        yield Workspace(db, user_name="evaluator")
    finally:
        db.close()


def cell(tab: SurveysTab, row: int, column: int) -> str:
    model = tab.factor_model
    return str(model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole))


def test_template_survey_response_and_factor_mean(qtbot: QtBot, ws: Workspace) -> None:
    tab = SurveysTab(ws)
    qtbot.addWidget(tab)
    ws.changes.subscribe(tab.on_change)
    with qtbot.waitSignal(tab.loaded):
        tab.show_scope(SCOPE)
    assert "No surveys" in tab.summary.text()
    assert not tab.enter_action.isEnabled()
    dialog = SurveyDialog(ws, None, "community", parent=tab)
    qtbot.addWidget(dialog)
    dialog.name.setText("Residents 2025")
    dialog.accept()
    assert dialog.saved_id is not None
    with qtbot.waitSignal(tab.loaded):
        tab.reload(select=dialog.saved_id)
    assert tab.current_survey() == dialog.saved_id
    assert cell(tab, 0, 0) == "Trust in police"
    assert cell(tab, 0, 1) == "no data" and cell(tab, 0, 4) == "No data"
    entry = SurveyResponseDialog(ws, dialog.saved_id, parent=tab)
    qtbot.addWidget(entry)
    fair, comfortable, not_listen = list(entry.groups)[:3]
    entry.set_answer(fair, 5)
    entry.set_answer(comfortable, 4)
    entry.set_answer(not_listen, 1)  # reversed: counts as 5
    with qtbot.waitSignal(tab.loaded):
        entry.accept()
    assert entry.saved_id is not None
    # The change notification refreshed the tab: (5 + 4 + 5) / 3 = 4.67, n = 1.
    assert (cell(tab, 0, 1), cell(tab, 0, 2), cell(tab, 0, 4)) == ("4.67", "1", "Strength")
    assert cell(tab, 1, 1) == "no data"  # a factor nobody answered is not 0
    assert tab.chart.chart is not None
    assert tab.chart.chart.series[0].values[:2] == (pytest.approx(14 / 3), None)
    assert "1 response" in tab.summary.text()
    assert tab.findChild(type(tab.summary), "methodNote").text() == METHOD_NOTE


def test_response_dialog_refuses_an_empty_response(qtbot: QtBot, ws: Workspace) -> None:
    dialog = SurveyDialog(ws, None, "partner")
    qtbot.addWidget(dialog)
    dialog.accept()
    entry = SurveyResponseDialog(ws, dialog.saved_id or 0)
    qtbot.addWidget(entry)
    entry.accept()
    assert entry.saved_id is None
    assert "at least one" in entry.answers_error.text()


def test_import_dialog_maps_texts_and_history_undoes(qtbot: QtBot, ws: Workspace,
                                                     tmp_path: Path) -> None:
    dialog = SurveyDialog(ws, None, "community")
    qtbot.addWidget(dialog)
    dialog.accept()
    survey_id = dialog.saved_id or 0
    path = tmp_path / "forms.csv"
    path.write_text("Timestamp,Police in my neighborhood treat people fairly.\n"
                    "2025/05/02 10:00:00,Agree\n2025/05/03 10:00:00,Maybe\n"
                    "2025/05/04 10:00:00,Strongly disagree\n", encoding="utf-8")
    importer = SurveyImportDialog(ws, survey_id)
    qtbot.addWidget(importer)
    assert importer.load_file(path)
    assert "Google Forms" in importer.file_label.text()
    preview = importer.make_preview()
    assert preview is not None and len(preview.rows) == 2
    assert "1 row skipped" in importer.summary.text()
    importer.set_text_value("Maybe", 3)
    assert not importer.import_button.isEnabled()  # the preview is out of date
    preview = importer.make_preview()
    assert preview is not None and len(preview.rows) == 3
    result = importer.run_import()
    assert result is not None and result.responses_added == 3
    tab = SurveysTab(ws)
    qtbot.addWidget(tab)
    with qtbot.waitSignal(tab.loaded):
        tab.show_scope(SCOPE)
    assert cell(tab, 0, 1) == f"{(4 + 3 + 1) / 3:.2f}"
    history = SurveyImportHistoryDialog(ws, survey_id)
    qtbot.addWidget(history)
    assert history.model.rowCount() == 1
    assert history.undo_current(confirmed=True) == 3
    with qtbot.waitSignal(tab.loaded):
        tab.reload()
    assert cell(tab, 0, 1) == "no data"


def survey_with(ws: Workspace, name: str, answers: list[int]) -> int:
    """A community survey with one response per value, each answering its first question."""
    survey_id = create_from_template(ws, "community", name)
    first = survey_form(ws, survey_id).data.factors[0].questions[0].id or 0
    for n, value in enumerate(answers, start=1):
        create_response(ws, survey_id, ResponseInput({first: value}, date(2025, 3, n)))
    return survey_id


def test_results_are_read_in_the_background_and_only_the_latest_shown(
        qtbot: QtBot, ws: Workspace) -> None:
    older = survey_with(ws, "Residents 2024", [1, 1])
    newer = survey_with(ws, "Residents 2025", [5, 4, 5])
    tab = SurveysTab(ws)
    qtbot.addWidget(tab)
    assert tab.picker.count() == 0  # nothing is read before a scope is shown
    with qtbot.waitSignal(tab.loaded) as blocker:
        tab.show_scope(SCOPE)
        # The query runs in a worker; its answer waits for the event loop.
        assert tab.factor_model.rowCount() == 0 and tab.loader.busy
    assert blocker.signal_triggered
    # Neither has dates: by name, the first one is shown.
    assert tab.current_survey() == older and tab.picker.count() == 2
    assert "2 of 2 responses" in tab.picker.currentText()
    assert cell(tab, 0, 1) == "1.00" and "2 responses" in tab.summary.text()
    # Two requests in a row: only the second one's results are shown.
    calls: list[int] = []
    tab.loaded.connect(lambda: calls.append(tab.current_survey() or 0))
    tab.reload(select=older)
    with qtbot.waitSignal(tab.loaded):
        tab.reload(select=newer)
    qtbot.wait(100)
    assert calls == [newer]
    assert cell(tab, 0, 1) == f"{(5 + 4 + 5) / 3:.2f}" and "3 responses" in tab.summary.text()
    # Picking in the combo loads that survey.
    with qtbot.waitSignal(tab.loaded):
        tab.picker.setCurrentIndex(tab.picker.findData(older))
    assert cell(tab, 0, 1) == "1.00"


def test_responses_action_lists_the_survey_and_edits_reload_the_tab(
        qtbot: QtBot, ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    survey_id = survey_with(ws, "Residents 2025", [2, 4])
    tab = SurveysTab(ws)
    qtbot.addWidget(tab)
    with qtbot.waitSignal(tab.loaded):
        tab.show_scope(SCOPE)
    assert tab.responses_action.isEnabled()
    seen: list[tuple[int, int]] = []

    def delete_first(widget: object) -> None:
        assert isinstance(widget, SurveyResponsesDialog)
        seen.append((widget.survey_id, widget.model.rowCount()))
        widget.delete_current(confirmed=True)
        widget.reject()

    def later() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None:
            QTimer.singleShot(20, later)
        else:
            delete_first(widget)

    QTimer.singleShot(0, later)
    with qtbot.waitSignal(tab.loaded):
        tab.responses_action.trigger()
    assert seen == [(survey_id, 2)]
    assert "1 response in" in tab.summary.text()


def test_delete_survey_says_how_many_responses_go_with_it(
        qtbot: QtBot, ws: Workspace) -> None:
    survey_id = survey_with(ws, "Residents 2025", [3, 4, 5])
    empty = create_from_template(ws, "partner", "Partners draft")
    tab = SurveysTab(ws)
    qtbot.addWidget(tab)
    with qtbot.waitSignal(tab.loaded):
        tab.show_scope(SCOPE)
        tab.reload(select=survey_id)
    assert tab.current_survey() == survey_id and tab.delete_action.isEnabled()
    asked: list[tuple[str, list[str]]] = []

    def answer(choice: str | None) -> Callable[[QMessageBox], object]:
        def ask(box: QMessageBox) -> object:
            buttons = [b.text() for b in box.buttons()]
            asked.append((box.text(), buttons))
            return next((b for b in box.buttons() if b.text() == choice), None)
        return ask

    tab.ask_box = answer("Cancel")  # type: ignore[method-assign]
    assert not tab.delete_current_survey()
    text, buttons = asked[0]
    assert "“Residents 2025” and its 3 responses" in text and "cannot be undone" in text
    assert "Delete survey and 3 responses" in buttons
    assert survey_results(ws, survey_id).responses == 3
    # An editor may delete a survey nobody answered, not one with responses.
    ws.role = Role.EDITOR
    tab._enable()
    assert not tab.delete_action.isEnabled()
    assert "permission" in tab.delete_action.toolTip()
    with qtbot.waitSignal(tab.loaded):
        tab.reload(select=empty)
    assert tab.delete_action.isEnabled()
    ws.role = Role.VIEWER
    tab._enable()
    assert not tab.delete_action.isEnabled() and tab.responses_action.isEnabled()
    ws.role = Role.ADMIN
    with qtbot.waitSignal(tab.loaded):
        tab.reload(select=survey_id)
    tab.ask_box = answer("Delete survey and 3 responses")  # type: ignore[method-assign]
    with qtbot.waitSignal(tab.loaded):
        assert tab.delete_current_survey()
    assert [tab.picker.itemData(i) for i in range(tab.picker.count())] == [empty]
    with pytest.raises(NotFoundError):
        survey_form(ws, survey_id)
    tab.ask_box = answer("Delete survey")  # type: ignore[method-assign]
    with qtbot.waitSignal(tab.loaded):
        assert tab.delete_current_survey()
    assert "It has no responses" in asked[-1][0]
    assert tab.picker.count() == 0 and "No surveys" in tab.summary.text()
    assert not tab.delete_action.isEnabled() and not tab.responses_action.isEnabled()


def test_one_undated_response_is_spoken_of_in_the_singular(
        qtbot: QtBot, ws: Workspace) -> None:
    survey_id = survey_with(ws, "Residents 2025", [4])
    first = survey_form(ws, survey_id).data.factors[0].questions[0].id or 0
    create_response(ws, survey_id, ResponseInput({first: 2}, None))  # no date at all
    tab = SurveysTab(ws)
    qtbot.addWidget(tab)
    with qtbot.waitSignal(tab.loaded):
        tab.show_scope(SCOPE)
    assert tab.summary.text() == (f"1 response in {SCOPE.period.label()}. 1 undated "
                                  "response is not counted in any period.")
