"""The Surveys tab: a survey from a template, a response entered, the factor mean shown;
an export imported through the dialog, then undone from the history."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.models.database import open_database
from app.services.evaluation_scope import EvaluationScope, Period
from app.services.surveys.results import METHOD_NOTE
from app.services.workspace import Workspace
from app.ui.dialogs.survey_dialog import SurveyDialog
from app.ui.dialogs.survey_import_dialog import SurveyImportDialog, SurveyImportHistoryDialog
from app.ui.dialogs.survey_response_dialog import SurveyResponseDialog
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
