"""The areas of the sidebar, in order, and the page that shows each."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtWidgets import QWidget

from app.services.changes import Change
from app.services.workspace import Workspace
from app.ui.pages.audit_page import AuditPage
from app.ui.pages.coming import ComingPage
from app.ui.pages.dashboard import DashboardPage
from app.ui.pages.organizations_page import OrganizationsPage
from app.ui.pages.people_page import PeoplePage


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
    Area("Organizations", OrganizationsPage),
    Area("People", PeoplePage),
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
    Area("Audit", AuditPage),
]
