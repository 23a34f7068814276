"""A page whose screens arrive with a later release: says so, shows no made-up data."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.services.changes import Change


class ComingPage(QWidget):
    def __init__(self, title: str, promise: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        heading = QLabel(title)
        heading.setObjectName("pageHeading")
        line = QLabel(promise)
        line.setObjectName("comingLine")
        line.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(line)
        layout.addStretch(1)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)

    def refresh(self) -> None:
        """Nothing to load yet."""

    def on_change(self, change: Change) -> None:
        """Nothing shown that could go stale."""
