"""The areas of the sidebar, in order, and the page that shows each."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtWidgets import QWidget

from app.services.changes import Change
from app.services.workspace import Workspace


class Page(Protocol):
    title: str

    def refresh(self) -> None: ...

    def on_change(self, change: Change) -> None: ...


@dataclass(frozen=True)
class Area:
    title: str
    build: Callable[[Workspace], QWidget]


def _page(title: str, where: str) -> Area:
    """An area whose page module ("package.module:Class") is imported when first shown,
    so that start-up pays only for the Dashboard."""
    module, _, name = where.partition(":")

    def build(workspace: Workspace) -> QWidget:
        page_class = getattr(importlib.import_module(module), name)
        return page_class(workspace)  # type: ignore[no-any-return]

    return Area(title, build)


AREAS: list[Area] = [
    _page("Dashboard", "app.ui.pages.dashboard:DashboardPage"),
    _page("Organizations", "app.ui.pages.organizations_page:OrganizationsPage"),
    _page("People", "app.ui.pages.people_page:PeoplePage"),
    _page("Initiatives", "app.ui.pages.initiatives_page:InitiativesPage"),
    _page("Meetings", "app.ui.pages.meetings_page:MeetingsPage"),
    _page("Action items", "app.ui.pages.action_items_page:ActionItemsPage"),
    _page("Training", "app.ui.pages.training_page:TrainingPage"),
    _page("Evaluation", "app.ui.pages.evaluation_page:EvaluationPage"),
    _page("Reports", "app.ui.pages.reports_page:ReportsPage"),
    _page("Audit", "app.ui.pages.audit_page:AuditPage"),
]
