"""Add a training requirement: everyone carrying a tag must hold a course."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QLabel, QWidget

from app.models import RequirementMode
from app.services.compliance import add_requirement
from app.services.courses import course_choices
from app.services.errors import ValidationError
from app.services.people import all_tags
from app.services.workspace import Workspace
from app.ui.forms import FormDialog

MODE_HINTS = {
    RequirementMode.KEEP_CURRENT: "Renew before the certificate expires.",
    RequirementMode.COMPLETE_ONCE: "Once is enough, however long the certificate lasts.",
}


class RequirementDialog(FormDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None,
                 course_id: int | None = None) -> None:
        super().__init__("Add training requirement", parent)
        self.workspace = workspace
        form = self.form
        self.course = form.choice(
            "course_id", "&Course",
            [("(choose a course)", None)] + [(name, i) for i, name in course_choices(workspace)],
        )
        self.course.setMinimumContentsLength(28)
        self.course.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.course.setCurrentIndex(max(self.course.findData(course_id), 0))
        self.tags = all_tags(workspace)
        self.tag = form.line("tag", "Everyone &tagged", "officer")
        completer = QCompleter(self.tags, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.tag.setCompleter(completer)
        self.tag.setToolTip("Tags are given to people in the directory: "
                            + ", ".join(self.tags[:12]) + ("…" if len(self.tags) > 12 else ""))
        self.mode = form.enum_choice("mode", "&Mode", RequirementMode)
        self.hint = QLabel()
        self.hint.setObjectName("modeHint")
        self.hint.setStyleSheet("color: #555;")
        form.layout_.addRow("", self.hint)
        self.mode.currentIndexChanged.connect(lambda _: self._show_hint())
        self._show_hint()
        self.resize(520, self.sizeHint().height())
        self.course.setFocus()

    def _show_hint(self) -> None:
        self.hint.setText(MODE_HINTS.get(self.mode.currentData(), ""))

    def save(self) -> int | None:
        values = self.form.values()
        if values["course_id"] is None:
            raise ValidationError.single("course_id", "Choose the course.")
        return add_requirement(self.workspace, values["course_id"], values["tag"],
                               values["mode"])

    @classmethod
    def ask(cls, workspace: Workspace, parent: QWidget | None = None,  # type: ignore[override]
            course_id: int | None = None) -> int | None:
        """Show the dialog; the new requirement's id, or None if cancelled."""
        dialog = cls(workspace, parent, course_id)
        return dialog.saved_id if dialog.exec() else None
