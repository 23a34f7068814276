"""One click away: Evaluate on the Initiatives page, Report… on the Evaluation page."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.cli import open_workspace
from app.services.demo_data import load_demo_data
from app.services.initiatives import initiative_choices
from app.services.workspace import Workspace
from app.ui.main_window import MainWindow


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    ws = open_workspace(Path(tmp_path_factory.mktemp("navigation")) / "demo.sqlite")
    load_demo_data(ws.db, today=date(2026, 11, 28))
    try:
        yield ws
    finally:
        ws.close()


def test_evaluate_then_report(qtbot: QtBot, demo: Workspace) -> None:
    win = MainWindow(demo, open_workspace)
    qtbot.addWidget(win)
    eastside = next(i for i, n in initiative_choices(demo) if n.startswith("Eastside"))
    win.show_area("Initiatives")
    initiatives = win.page("Initiatives")
    initiatives.show_initiative(eastside)
    initiatives.show_evaluation_requested.emit(eastside)  # what Evaluate (Ctrl+E) sends
    evaluation = win.page("Evaluation")
    assert win.stack.currentWidget() is evaluation
    assert evaluation.initiative.currentData() == eastside
    evaluation.report_action.trigger()
    reports = win.page("Reports")
    assert win.stack.currentWidget() is reports
    assert reports.kind().key == "evaluation"
    checked = [reports.initiatives.item(i).data(Qt.ItemDataRole.UserRole)
               for i in range(reports.initiatives.count())
               if reports.initiatives.item(i).checkState() == Qt.CheckState.Checked]
    assert checked == [eastside]


def test_evaluate_loads_the_initiative_only(qtbot: QtBot, demo: Workspace,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from app.ui.pages.evaluation_goals_tab import GoalsTab

    loaded: list[int | None] = []
    shown = GoalsTab.show_scope
    monkeypatch.setattr(GoalsTab, "show_scope",
                        lambda tab, scope: (loaded.append(scope.initiative_id), shown(tab, scope)))
    win = MainWindow(demo, open_workspace)
    qtbot.addWidget(win)
    eastside = next(i for i, n in initiative_choices(demo) if n.startswith("Eastside"))
    win.page("Initiatives").show_evaluation_requested.emit(eastside)
    assert loaded == [eastside]  # not the whole partnership first


def test_a_page_is_built_under_the_busy_cursor(qtbot: QtBot, demo: Workspace,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QApplication

    from app.ui import navigation

    seen: list[object] = []
    reports = next(a for a in navigation.AREAS if a.title == "Reports")

    def build(ws: Workspace):  # type: ignore[no-untyped-def]
        cursor = QApplication.overrideCursor()
        seen.append(None if cursor is None else cursor.shape())
        return reports.build(ws)

    monkeypatch.setattr(navigation, "AREAS", [
        a if a.title != "Reports" else navigation.Area("Reports", build)
        for a in navigation.AREAS])
    import app.ui.main_window as main_window

    monkeypatch.setattr(main_window, "AREAS", navigation.AREAS)
    win = MainWindow(demo, open_workspace)
    qtbot.addWidget(win)
    win.show_area("Reports")
    assert seen == [Qt.CursorShape.WaitCursor]
    assert QApplication.overrideCursor() is None  # restored once built
