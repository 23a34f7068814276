"""What the tabs of the Training page share: the row of tools with a message beside them,
columns wide enough for their longest likely text, and refusals shown as a message."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSizePolicy,
    QTableView,
    QToolBar,
    QWidget,
)

from app.ui.refusals import REFUSALS


class MessageLabel(QLabel):
    """What the last action did ("3 enrolled, 2 on the waiting list."): takes the room
    left beside the toolbar (never squeezing it), the whole text in its tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("message")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(120)

    def setText(self, text: str) -> None:  # noqa: N802
        super().setText(text)
        self.setToolTip(text)


def tools_row(toolbar: QToolBar, message: QLabel, *right: QWidget) -> QHBoxLayout:
    """The toolbar at its full width, the message, then widgets on the right."""
    toolbar.setMinimumWidth(toolbar.sizeHint().width())
    row = QHBoxLayout()
    row.addWidget(toolbar)
    row.addSpacing(12)
    row.addWidget(message, stretch=1)
    for widget in right:
        row.addWidget(widget)
    return row


def room_for(view: QTableView, column: int, sample: str) -> None:
    """Widen ``column`` to show ``sample`` whole (its width was measured on other rows)."""
    wanted = view.fontMetrics().horizontalAdvance(sample) + 16
    view.setColumnWidth(column, max(view.columnWidth(column), wanted))


def narrow(view: QTableView, column: int, sample: str) -> None:
    """Make ``column`` just wide enough for its title and ``sample`` (a short number)."""
    title = str(view.model().headerData(column, Qt.Orientation.Horizontal))
    metrics = view.fontMetrics()
    view.setColumnWidth(column, max(metrics.horizontalAdvance(t) for t in (title, sample)) + 24)


def run_or_warn(parent: QWidget, work: Callable[[], object]) -> bool:
    """Do ``work``; a service's refusal becomes a message (False: nothing was done)."""
    try:
        work()
    except REFUSALS as error:
        QMessageBox.warning(parent, "Training", str(error))
        return False
    return True
