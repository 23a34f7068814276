"""The Surveys tab of the Evaluation page: a survey in scope, its factors and questions.

Pick a survey (the initiative's, or all for the whole partnership); the factor table
shows mean, n and band for the scope's period beside a chart of the means (or of the
answer distribution); the question table below gives the same per question. How the
figures are computed is written under the table (results.METHOD_NOTE).

The surveys and the chosen survey's results are read in the background (LatestLoader):
``loaded`` is emitted once they are on screen. Responses… lists the survey's responses
to correct or delete one; Delete survey… says how many responses go with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QSplitter,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.reports.charts.surveys import distribution_chart, factor_means_chart
from app.services.changes import EVERYTHING, Change
from app.services.evaluation_scope import EvaluationScope
from app.services.permissions import Permission
from app.services.surveys.definitions import delete_survey, survey_form
from app.services.surveys.results import (
    METHOD_NOTE,
    Band,
    FactorResult,
    QuestionResult,
    SurveyResults,
    SurveyRow,
    survey_results,
    surveys_for_scope,
)
from app.services.surveys.templates import TEMPLATES
from app.services.wording import plural
from app.services.workspace import Workspace
from app.ui.chart_view import ChartView
from app.ui.dialogs.survey_dialog import SurveyDialog
from app.ui.dialogs.survey_import_dialog import SurveyImportDialog, SurveyImportHistoryDialog
from app.ui.dialogs.survey_response_dialog import SurveyResponseDialog
from app.ui.dialogs.survey_responses_dialog import SurveyResponsesDialog
from app.ui.refusals import REFUSALS
from app.ui.table_model import Column, RowTableModel
from app.ui.table_view import row_table_view
from app.ui.workers import LatestLoader

WATCHED = {"surveys", "survey_factors", "survey_questions", "survey_responses",
           "survey_answers", "initiatives", "import_batches", EVERYTHING}
CHARTS = ("Factor means", "Answers by value")


def _concern(score_band: Band) -> bool:
    return score_band is Band.CONCERN


FACTOR_COLUMNS: list[Column[FactorResult]] = [
    Column("Factor", lambda f: f.name, wide=True),
    Column("Mean", lambda f: f.score.mean_text, numeric=True),
    Column("n", lambda f: f.score.respondents, numeric=True,
           tooltip=lambda f: "Respondents who answered at least one of its questions"),
    Column("Answers", lambda f: f.score.answers, numeric=True),
    Column("Band", lambda f: f.score.band.label, warning=lambda f: _concern(f.score.band)),
]
QUESTION_COLUMNS: list[Column[QuestionResult]] = [
    Column("Factor", lambda q: q.factor),
    Column("Question", lambda q: q.text + (" (reversed)" if q.reverse_scored else ""),
           wide=True, tooltip=lambda q: q.text),
    Column("Mean", lambda q: q.score.mean_text, numeric=True),
    Column("n", lambda q: q.score.respondents, numeric=True),
    Column("1–5", lambda q: " / ".join(map(str, q.score.distribution)),
           tooltip=lambda q: "Answers valued 1, 2, 3, 4 and 5 (after reversing)"),
    Column("Band", lambda q: q.score.band.label, warning=lambda q: _concern(q.score.band)),
]


@dataclass(frozen=True)
class Loaded:
    """What one background load read: the scope's surveys and the chosen one's results."""

    scope: EvaluationScope
    surveys: list[SurveyRow]
    survey_id: int | None
    results: SurveyResults | None


def load_surveys(ws: Workspace, scope: EvaluationScope, keep: int | None) -> Loaded:
    """Runs in a worker thread (services open their own sessions)."""
    rows = surveys_for_scope(ws, scope)
    ids = [row.id for row in rows]
    chosen = keep if keep in ids else (ids[0] if ids else None)
    results = None
    if chosen is not None:
        try:
            results = survey_results(ws, chosen, scope.period)
        except REFUSALS:  # deleted meanwhile: the next change notification reloads
            results = None
    return Loaded(scope, rows, chosen, results)


def _survey_label(row: SurveyRow) -> str:
    where = f" – {row.initiative}" if row.initiative else ""
    return f"{row.name}{where} ({row.responses_in_period:,} of {row.responses:,} responses " \
           "in the period)"


class SurveysTab(QWidget):
    title = "Surveys"
    loaded = Signal()  # the surveys and the chosen survey's results are on screen

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.scope: EvaluationScope | None = None  # nothing is read until it is shown
        self.results: SurveyResults | None = None
        self.surveys: dict[int, SurveyRow] = {}
        self.loader = LatestLoader(self)
        self.loader.loaded.connect(self._show)
        self.loader.failed.connect(
            lambda error: self.summary.setText(f"Not loaded: {error}"))
        self.picker = QComboBox()
        self.picker.setObjectName("surveyPicker")
        self.picker.setMinimumWidth(360)
        self.picker.currentIndexChanged.connect(lambda _: self.reload())
        self.chart_choice = QComboBox()
        self.chart_choice.setObjectName("chartChoice")
        self.chart_choice.addItems(CHARTS)
        self.chart_choice.currentIndexChanged.connect(lambda _: self._draw())
        self.toolbar = QToolBar()
        self.new_button = QToolButton()
        self.new_button.setText("&New survey")
        self.new_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.new_button)
        for key, spec in TEMPLATES.items():
            menu.addAction(f"From template: {spec.name}",
                           lambda k=key: self.new_survey(k))
        menu.addAction("Blank survey", lambda: self.new_survey(None))
        self.new_button.setMenu(menu)
        self.toolbar.addWidget(self.new_button)
        self.edit_action = self._action("&Edit survey…", self.edit_survey)
        self.enter_action = self._action("Enter &response…", self.enter_response)
        self.import_action = self._action("&Import responses…", self.import_responses)
        self.history_action = self._action("Import &history…", self.import_history)
        self.responses_action = self._action("Res&ponses…", self.show_responses)
        self.responses_action.setToolTip("List this survey's responses to correct or "
                                         "delete one")
        self.toolbar.addSeparator()  # the one action that loses data stands apart
        self.delete_action = self._action("&Delete survey…", self.delete_current_survey)
        self.summary = QLabel()
        self.summary.setObjectName("surveySummary")
        self.summary.setWordWrap(True)
        self.factor_model: RowTableModel[FactorResult] = RowTableModel(FACTOR_COLUMNS, self)
        self.factors = row_table_view(self.factor_model, "surveyFactors")
        self.question_model: RowTableModel[QuestionResult] = RowTableModel(
            QUESTION_COLUMNS, self)
        self.questions = row_table_view(self.question_model, "surveyQuestions")
        self.chart = ChartView(self, height=240)
        note = QLabel(METHOD_NOTE)
        note.setObjectName("methodNote")
        note.setWordWrap(True)
        note.setStyleSheet("color: #616161;")
        pick_label = QLabel("&Survey:")
        pick_label.setBuddy(self.picker)
        chart_label = QLabel("C&hart:")
        chart_label.setBuddy(self.chart_choice)
        pick_row = QHBoxLayout()
        pick_row.addWidget(pick_label)
        pick_row.addWidget(self.picker, stretch=1)
        pick_row.addWidget(chart_label)
        pick_row.addWidget(self.chart_choice)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.factors, stretch=1)
        left_layout.addWidget(note)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(left)
        top.addWidget(self.chart)
        top.setStretchFactor(0, 2)
        top.setStretchFactor(1, 3)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.questions)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addLayout(pick_row)
        layout.addWidget(self.summary)
        layout.addWidget(split, stretch=1)
        self._enable()

    def _action(self, text: str, slot: object) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda _=False: slot())  # type: ignore[operator]
        self.toolbar.addAction(action)
        return action

    # -- loading -----------------------------------------------------------------------
    def show_scope(self, scope: EvaluationScope) -> None:
        self.scope = scope
        self.reload()

    def on_change(self, change: Change) -> None:
        if self.scope is not None and change.kind in WATCHED:
            self.reload()

    def current_survey(self) -> int | None:
        value = self.picker.currentData()
        return value if isinstance(value, int) else None

    def reload(self, select: int | None = None) -> None:
        """Read the scope's surveys and the results of ``select`` (else the one picked,
        else the first) in the background; ``loaded`` follows once they are shown."""
        scope = self.scope
        if scope is None:
            return
        keep = select if select is not None else self.current_survey()
        ws = self.workspace
        self.loader.load(lambda: load_surveys(ws, scope, keep))

    def _show(self, loaded: Loaded) -> None:
        if loaded.scope != self.scope:  # a newer scope's load is on its way
            return
        self.surveys = {row.id: row for row in loaded.surveys}
        self.picker.blockSignals(True)
        try:
            self.picker.clear()
            for row in loaded.surveys:
                self.picker.addItem(_survey_label(row), row.id)
            self.picker.setCurrentIndex(self.picker.findData(loaded.survey_id)
                                        if loaded.survey_id is not None else -1)
        finally:
            self.picker.blockSignals(False)
        self.results = results = loaded.results
        self.factor_model.set_rows(list(results.factors) if results else [])
        self.question_model.set_rows(list(results.questions) if results else [])
        self.summary.setText(self._summary(results))
        self._draw()
        self._enable()
        self.loaded.emit()

    def _summary(self, results: SurveyResults | None) -> str:
        assert self.scope is not None
        if results is None:
            if self.surveys:  # deleted while being read: a reload is on its way
                return ""
            where = "this initiative" if self.scope.initiative_id else "the partnership"
            return f"No surveys for {where} yet. Start one with New survey."
        text = f"{plural(results.responses, 'response')} in {self.scope.period.label()}."
        if results.undated:
            text += (f" {plural(results.undated, 'undated response is', 'undated responses are')}"
                     " not counted in any period.")
        return text

    def _draw(self) -> None:
        if self.results is None:
            self.chart.clear()
            return
        chart = distribution_chart(self.results) if self.chart_choice.currentIndex() == 1 \
            else factor_means_chart(self.results)
        self.chart.show_chart(chart)

    def _enable(self) -> None:
        edit = self.workspace.may(Permission.EDIT)
        survey_id = self.current_survey()
        has = survey_id is not None
        self.new_button.setEnabled(edit)
        self.edit_action.setEnabled(edit and has)
        self.enter_action.setEnabled(edit and has)
        self.import_action.setEnabled(has and self.workspace.may(Permission.IMPORT))
        self.history_action.setEnabled(has)
        self.responses_action.setEnabled(has)
        row = self.surveys.get(survey_id) if survey_id is not None else None
        may_delete = self.workspace.may(Permission.DELETE_PERMANENTLY)
        self.delete_action.setEnabled(edit and row is not None
                                      and (may_delete or row.responses == 0))
        self.delete_action.setToolTip(
            "Delete this survey" if may_delete or row is None or not row.responses
            else "Deleting a survey with responses needs the permission to delete "
                 "records permanently (an administrator's)")

    # -- actions -----------------------------------------------------------------------
    def new_survey(self, template: str | None) -> int | None:
        saved = SurveyDialog.ask(self.workspace, None, template,
                                  self.scope.initiative_id if self.scope else None, self)
        if saved is not None:
            self.reload(select=saved)
        return saved

    def edit_survey(self) -> None:
        survey_id = self.current_survey()
        if survey_id is not None and SurveyDialog.ask(self.workspace, survey_id, parent=self):
            self.reload(select=survey_id)

    def enter_response(self) -> None:
        survey_id = self.current_survey()
        if survey_id is None:
            return
        try:
            saved = SurveyResponseDialog.ask(self.workspace, survey_id, parent=self)
        except REFUSALS as error:
            self.warn(str(error))
            return
        if saved is not None:
            self.reload(select=survey_id)

    def import_responses(self) -> None:
        survey_id = self.current_survey()
        if survey_id is None:
            return
        result = SurveyImportDialog.ask(self.workspace, survey_id, self)
        if result is not None:
            self.reload(select=survey_id)

    def import_history(self) -> None:
        survey_id = self.current_survey()
        if survey_id is not None:
            SurveyImportHistoryDialog(self.workspace, survey_id, self).exec()
            self.reload(select=survey_id)

    def show_responses(self) -> None:
        survey_id = self.current_survey()
        if survey_id is None:
            return
        try:
            changed = SurveyResponsesDialog.ask(self.workspace, survey_id, self)
        except REFUSALS as error:  # the survey was deleted meanwhile
            self.warn(str(error))
            self.reload()
            return
        if changed:
            self.reload(select=survey_id)

    def delete_current_survey(self, confirmed: bool = False) -> bool:
        """Delete the survey picked, after a question naming what goes with it."""
        survey_id = self.current_survey()
        if survey_id is None:
            return False
        try:
            form = survey_form(self.workspace, survey_id)
        except REFUSALS as error:
            self.warn(str(error))
            self.reload()
            return False
        responses = form.responses
        if not confirmed and not self.confirm_delete(form.data.name, responses):
            return False
        try:
            delete_survey(self.workspace, survey_id, delete_responses=responses > 0)
        except REFUSALS as error:  # e.g. a response arrived since the question
            self.warn(str(error))
            self.reload()
            return False
        self.reload()
        return True

    def confirm_delete(self, name: str, responses: int) -> bool:
        if responses:
            text = (f"Delete the survey “{name}” and its {plural(responses, 'response')}? "
                    "Their answers go with them, and every result and report figure "
                    "computed from them disappears. This cannot be undone.")
            button_text = f"Delete survey and {plural(responses, 'response')}"
        else:
            text = (f"Delete the survey “{name}”? It has no responses; its factors and "
                    "questions are deleted. This cannot be undone.")
            button_text = "Delete survey"
        box = QMessageBox(QMessageBox.Icon.Warning, "Delete survey", text, parent=self)
        delete = box.addButton(button_text, QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return self.ask_box(box) is delete

    def warn(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.title, text, parent=self)
        box.addButton(QMessageBox.StandardButton.Ok)
        self.ask_box(box)

    def ask_box(self, box: QMessageBox) -> QAbstractButton | None:
        """Show ``box`` modally; the button clicked (tests replace this)."""
        box.exec()
        return box.clickedButton()
