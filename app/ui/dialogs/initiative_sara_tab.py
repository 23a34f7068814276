"""The SARA tab of a problem-solving initiative: scanning, analysis, response and
assessment notes, and the stage the project is in."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from app.models import SaraStage
from app.services.initiative_editing import SaraEntry
from app.services.initiatives import SARA_STAGE_LABELS
from app.ui.forms import Form

HINTS = {
    "scanning": "What is the problem? Who says so, how often, since when?",
    "analysis": "When, where, to whom and why it happens: offenders, victims, places.",
    "response": "What the partners do about it, and who does what.",
    "assessment": "Did it work? Compare with the baseline and the comparison area.",
}


class SaraTab(Form):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = QLabel()
        self.note.setObjectName("saraNote")
        self.note.setWordWrap(True)
        self.layout_.insertRow(0, self.note)
        self.choice("stage", "Current &stage",
                    [(SARA_STAGE_LABELS[s], s) for s in SaraStage])
        self.layout_.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        for name, hint in HINTS.items():
            edit = self.text(name, f"&{name.capitalize()}")
            edit.setPlaceholderText(hint)
            edit.setMaximumHeight(16_777_215)
            edit.setMinimumHeight(70)

    def entry(self) -> SaraEntry:
        return SaraEntry(**self.values())

    def set_entry(self, entry: SaraEntry | None) -> None:
        self.set_values(vars(entry or SaraEntry()))

    def set_problem_solving(self, problem_solving: bool, editable: bool) -> None:
        """Only problem-solving projects keep a SARA record; others see why it is off."""
        for field in self.fields.values():
            field.widget.setEnabled(problem_solving and editable)
        self.note.setText(
            "Scanning, analysis, response, assessment: the problem-solving model. Saved "
            "with the initiative." if problem_solving else
            "SARA notes are kept for problem-solving projects: choose that kind on the "
            "Details tab to write them. Notes written earlier are kept.")
