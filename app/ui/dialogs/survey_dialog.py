"""Survey editor: details, then factors with their questions in one tree, saved whole.

Factors are the top rows, their questions beneath; names and texts are edited in place
(F2 or double-click) and "Reversed" marks a negatively worded question (6 − answer).
Removing a question that has answers asks first, naming how many answers go with it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.models import SurveyKind
from app.services.errors import ValidationError
from app.services.initiatives import initiative_choices
from app.services.surveys.definitions import (
    FactorInput,
    QuestionInput,
    SurveyInput,
    create_survey,
    survey_form,
    template_input,
    update_survey,
)
from app.services.workspace import Workspace
from app.ui.forms import FormDialog, parse_date

ID_ROLE = Qt.ItemDataRole.UserRole + 1
EDITABLE = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsEditable)


def drop_spacer(layout: QVBoxLayout) -> None:
    """Remove the FormDialog's empty stretch so a list below the form gets the room."""
    for index in range(layout.count()):
        if layout.itemAt(index).spacerItem() is not None:
            layout.takeAt(index)
            return


class StructureEditor(QWidget):
    """Factors (top level) and their questions (children) with a Reversed check box."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setObjectName("structure")
        self.tree.setHeaderLabels(["Factor / question", "Reversed", "Answers"])
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setEditTriggers(QTreeWidget.EditTrigger.DoubleClicked
                                  | QTreeWidget.EditTrigger.EditKeyPressed
                                  | QTreeWidget.EditTrigger.SelectedClicked)
        self.answers: dict[int, int] = {}
        buttons = QHBoxLayout()
        for text, slot, name in (("Add &factor", self.add_factor, "addFactor"),
                                 ("Add &question", self.add_question, "addQuestion"),
                                 ("&Remove", self.remove_current, "removeItem"),
                                 ("Move &up", lambda: self.move(-1), "moveUp"),
                                 ("Move do&wn", lambda: self.move(1), "moveDown")):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(lambda _=False, s=slot: s())
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree, stretch=1)
        layout.addLayout(buttons)

    def set_factors(self, factors: tuple[FactorInput, ...], answers: dict[int, int]) -> None:
        self.answers = answers
        self.tree.clear()
        for factor in factors:
            item = self._factor_item(factor.name, factor.id)
            for question in factor.questions:
                item.addChild(self._question_item(question))
        self.tree.expandAll()

    def factors(self) -> tuple[FactorInput, ...]:
        out = []
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            questions = tuple(
                QuestionInput(child.text(0),
                              child.checkState(1) == Qt.CheckState.Checked,
                              child.data(0, ID_ROLE))
                for child in (item.child(i) for i in range(item.childCount())))
            out.append(FactorInput(item.text(0), questions, item.data(0, ID_ROLE)))
        return tuple(out)

    def _factor_item(self, name: str, factor_id: int | None) -> QTreeWidgetItem:
        item = QTreeWidgetItem([name])
        item.setFlags(EDITABLE)
        item.setData(0, ID_ROLE, factor_id)
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        self.tree.addTopLevelItem(item)
        return item

    def _question_item(self, question: QuestionInput) -> QTreeWidgetItem:
        item = QTreeWidgetItem([question.text, "", ""])
        item.setFlags(EDITABLE | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(1, Qt.CheckState.Checked if question.reverse_scored
                           else Qt.CheckState.Unchecked)
        item.setData(0, ID_ROLE, question.id)
        answered = self.answers.get(question.id or 0, 0)
        item.setText(2, f"{answered:,}" if answered else "")
        item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return item

    def add_factor(self) -> None:
        item = self._factor_item(f"Factor {self.tree.topLevelItemCount() + 1}", None)
        self.tree.setCurrentItem(item)
        self.tree.editItem(item, 0)

    def add_question(self) -> None:
        current = self.tree.currentItem()
        if current is None and self.tree.topLevelItemCount() == 0:
            self.add_factor()
            current = self.tree.currentItem()
        factor = current.parent() or current if current is not None else \
            self.tree.topLevelItem(self.tree.topLevelItemCount() - 1)
        item = self._question_item(QuestionInput("New question"))
        factor.addChild(item)
        factor.setExpanded(True)
        self.tree.setCurrentItem(item)
        self.tree.editItem(item, 0)

    def remove_current(self) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        parent = item.parent()
        if parent is None:
            self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(item))
        else:
            parent.removeChild(item)

    def move(self, step: int) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        parent = item.parent()
        if parent is None:
            index = self.tree.indexOfTopLevelItem(item)
            target = index + step
            if 0 <= target < self.tree.topLevelItemCount():
                expanded = item.isExpanded()
                self.tree.takeTopLevelItem(index)
                self.tree.insertTopLevelItem(target, item)
                item.setExpanded(expanded)
        else:
            index = parent.indexOfChild(item)
            target = index + step
            if 0 <= target < parent.childCount():
                parent.takeChild(index)
                parent.insertChild(target, item)
        self.tree.setCurrentItem(item)


class SurveyDialog(FormDialog):
    def __init__(self, workspace: Workspace, survey_id: int | None = None,
                 template: str | None = None, initiative_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("Edit survey" if survey_id else "New survey", parent)
        self.workspace = workspace
        self.survey_id = survey_id
        self.version = 0
        form = self.form
        self.name = form.line("name", "&Name")
        self.kind = form.enum_choice("kind", "&Kind", SurveyKind)
        options = [("(whole partnership)", None), *[(n, i) for i, n in
                                                   initiative_choices(workspace)]]
        self.initiative = form.choice("initiative_id", "&Initiative", options)
        self.opens = form.date("opens_on", "&Opens")
        self.closes = form.date("closes_on", "&Closes")
        self.description = form.text("description", "&Description")
        self.description.setFixedHeight(54)
        self.structure = StructureEditor()
        form.attach("factors", self.structure, lambda: None, lambda _v: None)
        form.attach("questions", self.structure, lambda: None, lambda _v: None)
        hint = QLabel("Questions are answered on a 1–5 scale; tick Reversed for negatively "
                      "worded ones (they count as 6 − answer). Double-click to rename.")
        hint.setWordWrap(True)
        self.body.insertWidget(1, hint)
        self.body.insertWidget(2, self.structure, stretch=1)
        drop_spacer(self.body)  # the list takes the room, not an empty stretch
        self.resize(760, 720)
        if survey_id is not None:
            self.reload()
        else:
            data = template_input(template) if template else SurveyInput(
                "", SurveyKind.CUSTOM, (FactorInput("Factor 1", ()),))
            self._show(data, {})
            if initiative_id is not None:
                self.initiative.setCurrentIndex(max(self.initiative.findData(initiative_id), 0))

    def reload(self) -> None:
        assert self.survey_id is not None
        loaded = survey_form(self.workspace, self.survey_id)
        self.version = loaded.version
        self._show(loaded.data, loaded.answers_by_question)

    def _show(self, data: SurveyInput, answers: dict[int, int]) -> None:
        self.form.set_values({"name": data.name, "kind": data.kind,
                              "initiative_id": data.initiative_id, "opens_on": data.opens_on,
                              "closes_on": data.closes_on, "description": data.description})
        self.structure.set_factors(data.factors, answers)

    def data(self) -> SurveyInput:
        values = self.form.values()
        errors = {}
        days = {}
        for key in ("opens_on", "closes_on"):
            try:
                days[key] = parse_date(values[key])
            except ValueError:
                errors[key] = "Enter the date as YYYY-MM-DD."
        if errors:
            raise ValidationError(errors)
        return SurveyInput(
            name=values["name"], kind=values["kind"], factors=self.structure.factors(),
            description=values["description"], initiative_id=values["initiative_id"],
            opens_on=days["opens_on"], closes_on=days["closes_on"],
        )

    def save(self) -> int | None:
        data = self.data()
        if self.survey_id is None:
            return create_survey(self.workspace, data)
        try:
            update_survey(self.workspace, self.survey_id, self.version, data)
        except ValidationError as error:
            message = error.errors.get("questions", "")
            if "Confirm the removal" not in message or not self.confirm(message):
                raise
            update_survey(self.workspace, self.survey_id, self.version, data,
                          remove_answered=True)
        return self.survey_id

    def confirm(self, message: str) -> bool:
        """Ask before answers are deleted (tests replace this)."""
        text = message.replace(" Confirm the removal to go ahead.", "") + \
            "\n\nRemove the questions and their answers?"
        answer = QMessageBox.question(self, self.windowTitle(), text)
        return answer == QMessageBox.StandardButton.Yes

    @classmethod
    def ask(cls, workspace: Workspace, survey_id: int | None = None,
            template: str | None = None, initiative_id: int | None = None,
            parent: QWidget | None = None) -> int | None:
        dialog = cls(workspace, survey_id, template, initiative_id, parent)
        return dialog.saved_id if dialog.exec() else None
