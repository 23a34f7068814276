"""The narrative box of the Reports page: the four questions funders ask, for one initiative.

What is typed is kept (app/services/report_narratives.py) for that initiative and period
whenever the report is made or another initiative or period is chosen.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QPlainTextEdit, QWidget

from app.services.evaluation_scope import Period
from app.services.permissions import Permission
from app.services.report_narratives import load_narrative, save_narrative
from app.services.report_options import Narrative
from app.services.workspace import Workspace


class NarrativeBox(QGroupBox):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("Narrative (printed in the evaluation report)", parent)
        self.workspace = workspace
        self.initiative = QComboBox()
        self.initiative.setObjectName("narrativeInitiative")
        self.answers: dict[str, QPlainTextEdit] = {}
        layout = QFormLayout(self)
        layout.addRow("For", self.initiative)
        for name, question in Narrative.QUESTIONS:
            edit = QPlainTextEdit()
            edit.setObjectName(f"narrative_{name}")
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(54)
            self.answers[name] = edit
            layout.addRow(question, edit)
        self._shown: tuple[int, Period] | None = None
        self._period: Period | None = None
        self.initiative.currentIndexChanged.connect(lambda _i: self._show())

    def set_choices(self, initiatives: list[tuple[int, str]], period: Period) -> None:
        """Offer the chosen initiatives; keep what was typed for the one shown."""
        self.keep()
        current = self.initiative.currentData()
        self._period = period
        # The narrative belongs to a period: say which, so another period's empty boxes
        # are not mistaken for lost text.
        self.setTitle(f"Narrative for {period.label()} (printed in the evaluation report)")
        self.initiative.blockSignals(True)
        self.initiative.clear()
        for initiative_id, name in initiatives:
            self.initiative.addItem(name, initiative_id)
        self.initiative.setCurrentIndex(max(self.initiative.findData(current), 0))
        self.initiative.blockSignals(False)
        self._shown = None
        self._show()

    def narratives(self) -> dict[int, Narrative]:
        """The narrative of every offered initiative (typed now or kept from before)."""
        self.keep()
        if self._period is None:
            return {}
        narratives = {
            self.initiative.itemData(i): load_narrative(
                self.workspace, self.initiative.itemData(i), self._period)
            for i in range(self.initiative.count())
        }
        if self._shown is not None:  # what is on screen, even when it could not be kept
            narratives[self._shown[0]] = self._typed()
        return narratives

    def keep(self) -> None:
        """Store what is typed for the initiative shown (when the user may edit)."""
        if self._shown is None or not self.workspace.may(Permission.EDIT):
            return
        initiative_id, period = self._shown
        save_narrative(self.workspace, initiative_id, period, self._typed())

    def _typed(self) -> Narrative:
        return Narrative(**{name: edit.toPlainText() for name, edit in self.answers.items()})

    def _show(self) -> None:
        self.keep()
        initiative_id = self.initiative.currentData()
        enabled = initiative_id is not None and self._period is not None
        for edit in self.answers.values():
            edit.setEnabled(enabled)
        if not enabled:
            self._shown = None
            for edit in self.answers.values():
                edit.clear()
            return
        assert self._period is not None
        narrative = load_narrative(self.workspace, initiative_id, self._period)
        for name, edit in self.answers.items():
            edit.setPlainText(getattr(narrative, name))
        self._shown = (initiative_id, self._period)
