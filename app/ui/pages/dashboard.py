"""Dashboard: today's figures, the next meetings, overdue actions, expiring certificates."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.services.action_items import OpenAction
from app.services.changes import Change
from app.services.dashboard import (
    Dashboard,
    ExpiringCertification,
    UpcomingMeeting,
    load_dashboard,
)
from app.services.training_sessions import SessionRow
from app.services.workspace import Workspace
from app.ui.table_model import Column, RowTableModel
from app.ui.table_view import row_table_view
from app.ui.workers import LatestLoader

FIGURES = [
    ("organizations", "Organizations"),
    ("people", "People"),
    ("active_initiatives", "Active initiatives"),
    ("upcoming_meetings", "Upcoming meetings"),
    ("open_action_items", "Open action items"),
    ("overdue_action_items", "Overdue action items"),
    ("expiring_certifications", "Certificates expiring (60 days)"),
    ("expired_required", "People missing required training"),
]

MEETING_COLUMNS: list[Column[UpcomingMeeting]] = [
    Column("When", lambda m: m.starts_at),
    Column("Meeting", lambda m: m.title, wide=True, tooltip=lambda m: m.title),
    Column("Where", lambda m: m.location, wide=True, tooltip=lambda m: m.location),
    Column("Invited", lambda m: m.invited, numeric=True),
]
ACTION_COLUMNS: list[Column[OpenAction]] = [
    Column("Due", lambda a: a.due_on),
    Column("Days over", lambda a: a.days_overdue, numeric=True, warning=lambda a: True),
    Column("Owner", lambda a: a.owner or "(nobody)"),
    Column("Action", lambda a: a.description, wide=True, tooltip=lambda a: a.description),
]
CERTIFICATE_COLUMNS: list[Column[ExpiringCertification]] = [
    Column("Expires", lambda c: c.expires_on),
    Column("Days left", lambda c: c.days_left, numeric=True, warning=lambda c: c.days_left <= 14),
    Column("Person", lambda c: c.person),
    Column("Course", lambda c: c.course, wide=True),
]

SESSION_COLUMNS: list[Column[SessionRow]] = [
    Column("When", lambda s: s.starts_at),
    Column("Course", lambda s: s.course, wide=True, tooltip=lambda s: s.course),
    Column("Free seats", lambda s: "no limit" if s.free_seats is None else s.free_seats,
           numeric=True),
]


class FigureTile(QFrame):
    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figureTile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.number = QLabel("–")
        self.number.setObjectName("figureNumber")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        caption = QLabel(label)
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.number)
        layout.addWidget(caption)

    def set_value(self, value: int) -> None:
        self.number.setText(f"{value:,}")


class DashboardPage(QWidget):
    title = "Dashboard"

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.tiles = {key: FigureTile(label) for key, label in FIGURES}
        self.meetings = RowTableModel(MEETING_COLUMNS, self)
        self.actions = RowTableModel(ACTION_COLUMNS, self)
        self.certificates = RowTableModel(CERTIFICATE_COLUMNS, self)
        self.sessions = RowTableModel(SESSION_COLUMNS, self)

        tiles = QGridLayout()
        for i, tile in enumerate(self.tiles.values()):
            tiles.addWidget(tile, 0, i)
        self.boxes = {
            "upcoming_meetings": self._box("Next meetings", self.meetings, "nextMeetings"),
            "overdue_action_items": self._box(
                "Overdue action items", self.actions, "overdueActions"
            ),
            "expiring_certifications": self._box(
                "Certificates expiring soon", self.certificates, "expiringCertificates"
            ),
            "sessions_with_seats": self._box(
                "Training sessions with free seats", self.sessions, "openSessions"
            ),
        }
        lists = QGridLayout()
        lists.addWidget(self.boxes["upcoming_meetings"], 0, 0)
        lists.addWidget(self.boxes["overdue_action_items"], 0, 1)
        lists.addWidget(self.boxes["expiring_certifications"], 1, 0)
        lists.addWidget(self.boxes["sessions_with_seats"], 1, 1)
        heading = QLabel("Dashboard")
        heading.setObjectName("pageHeading")
        self.status = QLabel("")
        self.status.setObjectName("pageStatus")
        self.status.hide()
        self.loader = LatestLoader(self)
        self.loader.loaded.connect(self.show_dashboard)
        self.loader.failed.connect(self._show_failure)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.status)
        layout.addLayout(tiles)
        layout.addLayout(lists, stretch=1)

    def _box(self, title: str, model: RowTableModel, name: str) -> QGroupBox:
        box = QGroupBox(title)
        box.setProperty("baseTitle", title)
        QVBoxLayout(box).addWidget(row_table_view(model, name))
        return box

    def refresh(self) -> None:
        """Reload the figures in the background; the page stays usable meanwhile."""
        workspace = self._workspace
        self.loader.load(lambda: load_dashboard(workspace))

    def _show_failure(self, error: object) -> None:
        self.status.setText(f"The dashboard could not be loaded: {error}")
        self.status.show()

    def show_dashboard(self, dashboard: Dashboard) -> None:
        self.status.hide()
        for key, tile in self.tiles.items():
            tile.set_value(getattr(dashboard.figures, key))
        self.meetings.set_rows(dashboard.next_meetings)
        self.actions.set_rows(dashboard.overdue_actions)
        self.certificates.set_rows(dashboard.expiring)
        self.sessions.set_rows(dashboard.open_sessions)
        shown = {
            "upcoming_meetings": len(dashboard.next_meetings),
            "overdue_action_items": len(dashboard.overdue_actions),
            "expiring_certifications": len(dashboard.expiring),
            "sessions_with_seats": len(dashboard.open_sessions),
        }
        for key, box in self.boxes.items():
            total = getattr(dashboard.figures, key)
            suffix = f" (first {shown[key]} of {total:,})" if total > shown[key] else ""
            box.setTitle(box.property("baseTitle") + suffix)

    def on_change(self, change: Change) -> None:
        self.refresh()
