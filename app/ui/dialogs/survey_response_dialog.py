"""Enter or edit one response: a row per question with No answer or 1–5 to pick.

"No answer" is a choice of its own (and the default): a blank is never counted as 0.
The respondent's organization is optional (a partner self-assessment names one; a
resident's form does not); an archived organization a response names stays offered.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QWidget,
)

from app.services.errors import NotFoundError, ValidationError
from app.services.organizations import organization_choices, organization_form
from app.services.surveys.definitions import survey_form
from app.services.surveys.responses import (
    ResponseInput,
    create_response,
    response_form,
    update_response,
)
from app.services.workspace import Workspace
from app.ui.dialogs.survey_dialog import drop_spacer
from app.ui.forms import FormDialog, error_label, parse_date

CHOICES = ("No answer", "1", "2", "3", "4", "5")
NO_ORGANIZATION = "(none)"
SCALE_HINT = "1 = strongly disagree / very dissatisfied … 5 = strongly agree / very satisfied"


class SurveyResponseDialog(FormDialog):
    def __init__(self, workspace: Workspace, survey_id: int, response_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("Edit response" if response_id else "Enter a response", parent)
        self.workspace = workspace
        self.survey_id = survey_id
        self.response_id = response_id
        self.version = 0
        survey = survey_form(workspace, survey_id)
        self.setWindowTitle(f"{self.windowTitle()} – {survey.data.name}")
        self.day = self.form.date("responded_on", "&Date")
        self.ref = self.form.line("respondent_ref", "&Respondent", "e.g. form number R-012")
        self.organization = self.form.choice(
            "organization_id", "&Organization",
            [(NO_ORGANIZATION, None), *((name, oid) for oid, name in
                                        organization_choices(workspace))])
        grid_widget = QWidget()
        grid = QGridLayout(grid_widget)
        grid.setHorizontalSpacing(14)
        for column, text in enumerate(CHOICES, start=1):
            header = QLabel(f"<b>{text}</b>")
            header.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(header, 0, column)
        self.groups: dict[int, QButtonGroup] = {}
        self.question_texts: dict[int, str] = {}
        self.errors: dict[int, QLabel] = {}
        row = 1
        for factor in survey.data.factors:
            title = QLabel(f"<b>{factor.name}</b>")
            grid.addWidget(title, row, 0, 1, len(CHOICES) + 1)
            row += 1
            for question in factor.questions:
                assert question.id is not None
                label = QLabel(question.text + ("  <i>(reversed)</i>"
                                                if question.reverse_scored else ""))
                label.setWordWrap(True)
                label.setMinimumWidth(320)
                grid.addWidget(label, row, 0)
                group = QButtonGroup(self)
                for value, _text in enumerate(CHOICES):
                    button = QRadioButton()
                    button.setObjectName(f"q{question.id}_{value}")
                    button.setToolTip(f"{CHOICES[value]}: {question.text}")
                    group.addButton(button, value)
                    grid.addWidget(button, row, value + 1, Qt.AlignmentFlag.AlignCenter)
                group.button(0).setChecked(True)
                self.groups[question.id] = group
                self.question_texts[question.id] = question.text
                row += 1
                error = error_label()
                grid.addWidget(error, row, 0, 1, len(CHOICES) + 1)
                self.errors[question.id] = error
                row += 1
        grid.setColumnStretch(0, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_widget)
        hint = QLabel(SCALE_HINT)
        hint.setWordWrap(True)
        self.answers_error = error_label()
        self.body.insertWidget(1, hint)
        self.body.insertWidget(2, self.answers_error)
        self.body.insertWidget(3, scroll, stretch=1)
        drop_spacer(self.body)  # the list takes the room, not an empty stretch
        self.resize(760, 640)
        if response_id is not None:
            self.reload()
        else:
            self.form.set_values({"responded_on": date.today()})

    def reload(self) -> None:
        """Show the stored response (discarding edits) and save against its version."""
        assert self.response_id is not None
        loaded = response_form(self.workspace, self.response_id)
        self.version = loaded.version
        self._offer_organization(loaded.data.organization_id)
        self.form.set_values({"responded_on": loaded.data.responded_on,
                              "respondent_ref": loaded.data.respondent_ref,
                              "organization_id": loaded.data.organization_id})
        for question_id, group in self.groups.items():
            group.button(loaded.data.answers.get(question_id, 0)).setChecked(True)

    def _offer_organization(self, organization_id: int | None) -> None:
        """An archived organization is not among the choices: add it, so that saving
        keeps it rather than silently clearing it."""
        if organization_id is None or self.organization.findData(organization_id) >= 0:
            return
        try:
            name = f"{organization_form(self.workspace, organization_id)[1].name} (archived)"
        except NotFoundError:
            return
        self.organization.addItem(name, organization_id)

    def set_organization(self, organization_id: int | None) -> None:
        self.form.set_values({"organization_id": organization_id})

    def set_answer(self, question_id: int, value: int | None) -> None:
        self.groups[question_id].button(value or 0).setChecked(True)

    def answers(self) -> dict[int, int]:
        return {qid: group.checkedId() for qid, group in self.groups.items()
                if group.checkedId() > 0}

    def entries_text(self) -> str:
        """The fields and the answers picked (shown when a save is refused as stale)."""
        fields = super().entries_text()
        lines = [] if fields == "(none)" else [fields]
        lines += [f"“{self.question_texts[q]}”: {v}" for q, v in self.answers().items()]
        return "\n".join(lines) or "(none)"

    def show_errors(self, errors: dict[str, str]) -> None:
        self.form.show_errors({k: v for k, v in errors.items() if not k.startswith("answer")})
        self.answers_error.setText(errors.get("answers", ""))
        self.answers_error.setVisible("answers" in errors)
        for question_id, label in self.errors.items():
            message = errors.get(f"answer_{question_id}", "")
            label.setText(message)
            label.setVisible(bool(message))

    def save(self) -> int | None:
        try:
            day = parse_date(self.day.text())
        except ValueError:
            raise ValidationError.single("responded_on", "Enter the date as YYYY-MM-DD.") \
                from None
        data = ResponseInput(self.answers(), day, self.ref.text(),
                             self.organization.currentData())
        if self.response_id is None:
            return create_response(self.workspace, self.survey_id, data)
        update_response(self.workspace, self.response_id, data, self.version)
        return self.response_id

    @classmethod
    def ask(cls, workspace: Workspace, survey_id: int, response_id: int | None = None,
            parent: QWidget | None = None) -> int | None:
        dialog = cls(workspace, survey_id, response_id, parent)
        try:
            return dialog.saved_id if dialog.exec() else None
        finally:
            dialog.deleteLater()  # not kept as a hidden child of the list it was opened from
