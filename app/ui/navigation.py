"""The areas of the sidebar, in order, and the page that shows each."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtWidgets import QWidget

from app.services.changes import Change
from app.services.workspace import Workspace
from app.ui.pages.coming import ComingPage
from app.ui.pages.dashboard import DashboardPage


class Page(Protocol):
    title: str

    def refresh(self) -> None: ...

    def on_change(self, change: Change) -> None: ...


@dataclass(frozen=True)
class Area:
    title: str
    build: Callable[[Workspace], QWidget]


def _coming(title: str, promise: str) -> Area:
    return Area(title, lambda _ws: ComingPage(title, promise))


AREAS: list[Area] = [
    Area("Dashboard", DashboardPage),
    _coming(
        "Organizations",
        "The partner directory of organizations is coming next: search, "
        "filters, edit, archive, duplicates and import from Outlook, Google and vCards.",
    ),
    _coming(
        "People",
        "The people in the directory, with affiliations, tags, meetings attended "
        "and trainings, are coming with the partner directory.",
    ),
    _coming(
        "Initiatives",
        "Initiatives with partners and roles, goals, resources and SARA "
        "records are coming with the evaluation release.",
    ),
    _coming(
        "Meetings",
        "Meetings with agenda, invitations, attendance, minutes and the printed "
        "meeting packet are coming.",
    ),
    _coming(
        "Action items",
        "Action items across all meetings, with owners, due dates and "
        "overdue highlighting, are coming with meetings.",
    ),
    _coming("Training", "Courses, sessions, rosters, certificates and compliance are coming."),
    _coming(
        "Evaluation", "Crime change before and after, surveys and engagement analysis are coming."
    ),
    _coming("Reports", "PDF reports and Excel workbooks for funders are coming."),
]
