"""The Engagement, Network and Resources tabs show a scope as a user sees it."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.models.database import open_database
from app.services.changes import Change
from app.services.demo_data import load_demo_data
from app.services.engagement import engagement
from app.services.evaluation_scope import EvaluationScope, Period
from app.services.workspace import Workspace
from app.ui.pages.evaluation_engagement_tab import EngagementTab
from app.ui.pages.evaluation_network_tab import NetworkTab
from app.ui.pages.evaluation_resources_tab import ResourcesTab

TODAY = date(2026, 11, 28)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    db = open_database(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    load_demo_data(db, today=TODAY)
    return Workspace(db)


def scope() -> EvaluationScope:
    return EvaluationScope(Period.last_months(12, date.today()))


def cells(model, column: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_engagement_tab(qtbot: QtBot, qtmodeltester, demo: Workspace) -> None:  # type: ignore[no-untyped-def]
    tab = EngagementTab(demo)
    qtbot.addWidget(tab)
    assert tab.title == "Engagement"
    with qtbot.waitSignal(tab.loader.loaded, timeout=20000):
        tab.show_scope(scope())
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.model)
    report = engagement(demo, scope(), date.today())
    assert tab.model.rowCount() == len(report.rows) > 0
    assert "weighted average" in tab.formula.text()
    assert f"{len(report.rows)} organizations" in tab.summary.text()
    # sorted by score, best first, as shown
    shown = [int(s) for s in cells(tab.model, 1) if s != "—"]
    assert shown == sorted(shown, reverse=True)
    tab.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    names = cells(tab.model, 0)
    assert names == sorted(names, key=str.casefold)
    best = report.rows[0]
    assert best.name in cells(tab.model, 0)
    with qtbot.waitSignal(tab.loader.loaded, timeout=20000):
        tab.on_change(Change("attendance", frozenset()))


def test_network_tab(qtbot: QtBot, qtmodeltester, demo: Workspace) -> None:  # type: ignore[no-untyped-def]
    tab = NetworkTab(demo)
    qtbot.addWidget(tab)
    with qtbot.waitSignal(tab.loader.loaded, timeout=20000):
        tab.show_scope(scope())
    qtmodeltester.check(tab.central)
    assert "density" in tab.summary.text() and "organizations" in tab.summary.text()
    assert 0 < tab.central.rowCount() <= 10
    assert tab.chart.chart is not None and tab.chart.chart.nodes
    assert tab.isolated_label.text().startswith("Isolated partners (")


def test_resources_tab(qtbot: QtBot, qtmodeltester, demo: Workspace) -> None:  # type: ignore[no-untyped-def]
    tab = ResourcesTab(demo)
    qtbot.addWidget(tab)
    with qtbot.waitSignal(tab.loader.loaded, timeout=20000):
        tab.show_scope(scope())
    qtmodeltester.check(tab.model)
    assert tab.model.rowCount() == len(tab.report.initiatives) > 0
    totals = cells(tab.model, 3)
    assert "—" in totals or all(t.replace(",", "").replace(".", "").isdigit() for t in totals)
    assert "participants" in tab.summary.text()
    per_outcome = cells(tab.model, 9)
    assert any("per unit" in text or "n/a" in text for text in per_outcome)
